#include "domain/party_csv.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(PartyCsvTest, HeadersInThreeLanguages) {
  EXPECT_EQ(PartyColumnOf("Código"), PartyColumn::kCode);
  EXPECT_EQ(PartyColumnOf("clave"), PartyColumn::kCode);
  EXPECT_EQ(PartyColumnOf("Razão Social"), PartyColumn::kName);
  EXPECT_EQ(PartyColumnOf("nombre"), PartyColumn::kName);
  EXPECT_EQ(PartyColumnOf("CPF/CNPJ"), PartyColumn::kTaxId);
  EXPECT_EQ(PartyColumnOf("RFC"), PartyColumn::kTaxId);
  EXPECT_EQ(PartyColumnOf("Teléfono"), PartyColumn::kPhone);
  EXPECT_EQ(PartyColumnOf("e-mail contato"), PartyColumn::kContactEmail);
  EXPECT_EQ(PartyColumnOf("Cumpleaños"), PartyColumn::kBirthday);
  EXPECT_EQ(PartyColumnOf("sucursal"), PartyColumn::kBranch);
  EXPECT_EQ(PartyColumnOf("cidade"), std::nullopt);
  for (PartyColumn c : AllPartyColumns()) EXPECT_EQ(PartyColumnOf(ToString(c)), c);
}

TEST(PartyCsvTest, ValuesInPortugueseAndSpanish) {
  EXPECT_EQ(ParsePartyKindWord("Cliente"), PartyKind::kCustomer);
  EXPECT_EQ(ParsePartyKindWord("FORNECEDOR"), PartyKind::kSupplier);
  EXPECT_EQ(ParsePartyKindWord("proveedor"), PartyKind::kSupplier);
  EXPECT_EQ(ParsePartyKindWord("prospecto"), PartyKind::kProspect);
  EXPECT_EQ(ParsePartyKindWord("socio"), std::nullopt);
  EXPECT_EQ(ParseYesNo("Sim"), true);
  EXPECT_EQ(ParseYesNo("sí"), true);
  EXPECT_EQ(ParseYesNo("NÃO"), false);
  EXPECT_EQ(ParseYesNo("no"), false);
  EXPECT_EQ(ParseYesNo("talvez"), std::nullopt);
}

TEST(PartyCsvTest, LinesWithErrorsNameTheirColumn) {
  auto t = ReadCsv(
      "codigo;tipo;nome;telefone;whatsapp;nascimento;contato;whatsapp contato\n"
      "C-1;cliente;Ana;11 98765-4321;sim;05/03/1980;Rita;não\n"
      "C-2;socio;Bia;;sim;31/02/1990;;\n"
      ";;Sem código;;;;;\n");
  ASSERT_TRUE(t.ok()) << t.status();
  std::vector<std::string> repeated;
  const PartyCsvLayout layout = LayoutOfPartyCsv(t->header, &repeated);
  EXPECT_TRUE(repeated.empty());
  EXPECT_FALSE(layout.Has(PartyColumn::kTaxId));
  const PartyCsvLine a = ParsePartyCsvLine(*t, t->records[0], layout);
  EXPECT_TRUE(a.errors.empty());
  EXPECT_EQ(a.kind, PartyKind::kCustomer);
  EXPECT_EQ(a.whatsapp, "11 98765-4321");  // "sim": the phone of the line
  EXPECT_EQ(a.birthday, absl::CivilDay(1980, 3, 5));
  EXPECT_TRUE(a.has_contact);
  EXPECT_EQ(a.contact_whatsapp, "");  // "não": none
  const PartyCsvLine b = ParsePartyCsvLine(*t, t->records[1], layout);
  EXPECT_EQ(b.line, 3);
  ASSERT_EQ(b.errors.size(), 3u);
  EXPECT_EQ(b.errors[0], (ImportError{3, "tipo", "invalid_value"}));
  EXPECT_EQ(b.errors[1], (ImportError{3, "whatsapp", "invalid_value"}));  // yes, no phone
  EXPECT_EQ(b.errors[2], (ImportError{3, "nascimento", "invalid_file_date"}));
  const PartyCsvLine c = ParsePartyCsvLine(*t, t->records[2], layout);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], (ImportError{4, "codigo", "required"}));
}

}  // namespace
}  // namespace retorno
