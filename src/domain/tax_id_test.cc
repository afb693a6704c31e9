#include "domain/tax_id.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(TaxId, Cpf) {
  EXPECT_TRUE(IsValidCpf("52998224725"));
  EXPECT_TRUE(IsValidCpf("12345678909"));
  EXPECT_TRUE(IsValidCpf("11144477735"));
  EXPECT_FALSE(IsValidCpf("52998224726"));  // second check digit wrong
  EXPECT_FALSE(IsValidCpf("52998224715"));  // first check digit wrong
  EXPECT_FALSE(IsValidCpf("11111111111"));  // passes mod 11, never issued
  EXPECT_FALSE(IsValidCpf("00000000000"));
  EXPECT_FALSE(IsValidCpf("5299822472"));
  EXPECT_FALSE(IsValidCpf("529982247250"));
  EXPECT_FALSE(IsValidCpf("5299822472A"));
}

TEST(TaxId, Cnpj) {
  EXPECT_TRUE(IsValidCnpj("11222333000181"));
  EXPECT_TRUE(IsValidCnpj("11444777000161"));
  EXPECT_TRUE(IsValidCnpj("12ABC34501DE35"));  // alphanumeric CNPJ (from July 2026)
  EXPECT_FALSE(IsValidCnpj("11222333000182"));
  EXPECT_FALSE(IsValidCnpj("11222333000191"));
  EXPECT_FALSE(IsValidCnpj("12ABC34501DE36"));
  EXPECT_FALSE(IsValidCnpj("12ABC34501DEA5"));  // check digits are digits
  EXPECT_FALSE(IsValidCnpj("11111111111111"));
  EXPECT_FALSE(IsValidCnpj("1122233300018"));
}

TEST(TaxId, CnpjWithCheckDigits) {
  EXPECT_EQ(CnpjWithCheckDigits("112223330001"), "11222333000181");
  EXPECT_EQ(CnpjWithCheckDigits("12ABC34501DE"), "12ABC34501DE35");
  EXPECT_EQ(CnpjWithCheckDigits("1122233300"), "");
  for (int i = 0; i < 200; ++i) {
    std::string base = std::to_string(10000000 + i * 7919) + "0001";
    EXPECT_TRUE(IsValidCnpj(CnpjWithCheckDigits(base))) << base;
  }
}

TEST(TaxId, Rfc) {
  EXPECT_TRUE(IsValidRfc("GODE561231GR8"));  // person: 4 letters
  EXPECT_TRUE(IsValidRfc("VECJ880326UF4"));
  EXPECT_TRUE(IsValidRfc("MAB9307148T4"));  // company: 3 letters
  EXPECT_TRUE(IsValidRfc("SAT970701NN3"));
  EXPECT_TRUE(IsValidRfc("XAXX010101000"));  // SAT's generic RFCs
  EXPECT_TRUE(IsValidRfc("XEXX010101000"));
  EXPECT_FALSE(IsValidRfc("GODE561231GR9"));  // check digit
  EXPECT_FALSE(IsValidRfc("GODE561331GR8"));  // month 13
  EXPECT_FALSE(IsValidRfc("GODE560230GR8"));  // 30 February
  EXPECT_FALSE(IsValidRfc("CUPU800825569"));
  EXPECT_FALSE(IsValidRfc("G0DE561231GR8"));  // a digit among the letters
  EXPECT_FALSE(IsValidRfc("GODE561231GR"));
  EXPECT_FALSE(IsValidRfc("GODEX561231GR8"));
  EXPECT_FALSE(IsValidRfc(""));
}

TEST(TaxId, NormalizeDerivesTheKindFromTheShape) {
  struct Case {
    std::string_view in;
    std::optional<std::string> out;
  };
  const Case cases[] = {
      {"529.982.247-25", "52998224725"},
      {" 52998224725 ", "52998224725"},
      {"11.222.333/0001-81", "11222333000181"},
      {"12.abc.345/01de-35", "12ABC34501DE35"},
      {"gode-561231-gr8", "GODE561231GR8"},
      {"MAB 930714 8T4", "MAB9307148T4"},
      {"", ""},
      {"  ", ""},
      {"529.982.247-26", std::nullopt},
      {"11.222.333/0001-82", std::nullopt},
      {"GODE561231GR9", std::nullopt},
      {"529,982,247-25", std::nullopt},  // a comma is not how the number is written
      {"12345", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeTaxId(c.in), c.out) << c.in;
  EXPECT_EQ(TaxIdKindOf("52998224725"), TaxIdKind::kCpf);
  EXPECT_EQ(TaxIdKindOf("11222333000181"), TaxIdKind::kCnpj);
  EXPECT_EQ(TaxIdKindOf("GODE561231GR8"), TaxIdKind::kRfc);
  EXPECT_EQ(TaxIdKindOf(""), std::nullopt);
  EXPECT_EQ(ToString(TaxIdKind::kRfc), "rfc");
}

}  // namespace
}  // namespace retorno
