#include "domain/proposals/proposal_values.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace retorno {
namespace {

using ::testing::HasSubstr;

TEST(ProposalValues, MoneyInEachLanguage) {
  EXPECT_EQ(FormatMoney(123456, "BRL", "pt-BR"), "R$ 1.234,56");
  EXPECT_EQ(FormatMoney(123456, "MXN", "es"), "$ 1,234.56");
  EXPECT_EQ(FormatMoney(5, "USD", "en"), "$ 0.05");
  EXPECT_EQ(FormatMoney(-100000000, "BRL", "pt-BR"), "-R$ 1.000.000,00");
  EXPECT_EQ(FormatMoney(100, "CLP", "es"), "CLP 1.00");
}

TEST(ProposalValues, ItemsAndTotalsOfAQuote) {
  SalesDocument d;
  d.number = "1024";
  d.currency = "BRL";
  d.discount = 1000;
  d.items = {{.item_code = "CMP-1",
              .description = "Compressor <10 HP>",
              .quantity = 2,
              .unit_price = 50000,
              .discount_bp = 1000}};
  absl::flat_hash_map<std::string, std::string> v;
  AddDocumentValues(d, "pt-BR", v);
  EXPECT_EQ(v["documento"], "1024");
  EXPECT_EQ(v["subtotal"], "R$ 900,00");
  EXPECT_EQ(v["desconto"], "R$ 10,00");
  EXPECT_EQ(v["total"], "R$ 890,00");
  EXPECT_THAT(v["itens"], HasSubstr("<th>Descrição</th>"));
  EXPECT_THAT(v["itens"], HasSubstr("Compressor &lt;10 HP&gt;"));
  EXPECT_THAT(v["itens"], HasSubstr("<td>10 %</td>"));
  AddDocumentValues(d, "en", v);
  EXPECT_THAT(v["itens"], HasSubstr("<th>Unit price</th>"));
  EXPECT_EQ(v["total"], "R$ 890.00");
}

}  // namespace
}  // namespace retorno
