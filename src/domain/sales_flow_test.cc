#include "domain/sales_flow.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

SalesDocument Doc(int64_t id, DocumentKind kind, DocumentStatus status = DocumentStatus::kOpen,
                  DocumentBilling billing = DocumentBilling::kRegular) {
  SalesDocument d;
  d.id = DocumentId(id);
  d.kind = kind;
  d.status = status;
  d.billing = billing;
  d.number = "RT" + std::to_string(id);
  return d;
}

TEST(SalesFlow, LineTotalsRoundHalfAwayFromZero) {
  struct Case {
    double quantity;
    int64_t unit_price;
    int discount_bp;
    LineTotal want;
  };
  const Case cases[] = {
      {1, 1000, 0, {1000, 0, 1000}},
      {3, 1999, 1000, {5997, 600, 5397}},  // 10 % of 59.97 = 5.997 -> 6.00
      {0.5, 1001, 0, {501, 0, 501}},       // 5.005 -> 5.01
      {0.1, 30, 0, {3, 0, 3}},             // thousandths: 0.1 x 0.30 exact
      {2.5, 333, 5000, {833, 417, 416}},   // 8.325 -> 8.33; half of it 4.165 -> 4.17
      {1, 99, 10000, {99, 99, 0}},         // 100 % off
      {1, 5, 1050, {5, 1, 4}},             // 10.5 % of 0.05 = 0.00525 -> 0.01
      {1000000, 100000, 0, {100000000000, 0, 100000000000}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message()
                 << c.quantity << " x " << c.unit_price << " - " << c.discount_bp);
    EXPECT_EQ(TotalOfLine(c.quantity, c.unit_price, c.discount_bp), c.want);
  }
}

TEST(SalesFlow, DocumentTotalsSubtractTheDocumentDiscount) {
  SalesDocument d = Doc(1, DocumentKind::kQuote);
  d.items = {{.quantity = 2, .unit_price = 15000, .discount_bp = 1000},
             {.quantity = 1, .unit_price = 4990}};
  d.discount = 990;
  const DocumentTotals t = TotalsOf(d);
  ASSERT_EQ(t.lines.size(), 2u);
  EXPECT_EQ(t.lines[0].total, 27000);
  EXPECT_EQ(t.subtotal, 31990);
  EXPECT_EQ(t.discount, 990);
  EXPECT_EQ(t.total, 31000);
}

TEST(SalesFlow, TheChainRunsQuoteOrderSale) {
  EXPECT_EQ(NextInChain(DocumentKind::kQuote), DocumentKind::kSalesOrder);
  EXPECT_EQ(NextInChain(DocumentKind::kSalesOrder), DocumentKind::kSale);
  EXPECT_EQ(NextInChain(DocumentKind::kSale), std::nullopt);
  EXPECT_EQ(NextInChain(DocumentKind::kServiceOrder), std::nullopt);
  EXPECT_TRUE(MadeFromFollowup(DocumentKind::kQuote));
  EXPECT_FALSE(MadeFromFollowup(DocumentKind::kServiceOrder));

  struct Case {
    DocumentKind kind;
    DocumentStatus status;
    std::optional<ChainRefusal> want;
  };
  const Case cases[] = {
      {DocumentKind::kQuote, DocumentStatus::kOpen, std::nullopt},
      {DocumentKind::kSalesOrder, DocumentStatus::kOpen, std::nullopt},
      {DocumentKind::kQuote, DocumentStatus::kCompleted, ChainRefusal::kNotOpen},
      {DocumentKind::kSalesOrder, DocumentStatus::kCancelled, ChainRefusal::kNotOpen},
      {DocumentKind::kSale, DocumentStatus::kOpen, ChainRefusal::kNotConvertible},
      {DocumentKind::kServiceOrder, DocumentStatus::kOpen, ChainRefusal::kNotConvertible},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << ToString(c.kind) << " " << ToString(c.status));
    EXPECT_EQ(RefuseConvert(Doc(1, c.kind, c.status)), c.want);
  }
}

TEST(SalesFlow, ASecondSaleOfAFollowupIsAnExcessSale) {
  EXPECT_EQ(BillingOfNewSale({}), DocumentBilling::kRegular);
  EXPECT_EQ(BillingOfNewSale({Doc(1, DocumentKind::kQuote), Doc(2, DocumentKind::kSalesOrder)}),
            DocumentBilling::kRegular);
  EXPECT_EQ(BillingOfNewSale({Doc(1, DocumentKind::kSale, DocumentStatus::kCancelled)}),
            DocumentBilling::kRegular);
  EXPECT_EQ(BillingOfNewSale({Doc(1, DocumentKind::kSale)}), DocumentBilling::kExcess);
  EXPECT_EQ(BillingOfNewSale({Doc(1, DocumentKind::kSale, DocumentStatus::kCompleted)}),
            DocumentBilling::kExcess);
}

TEST(SalesFlow, ReopenRulesInTheirOrder) {
  const Viewer agent{UserId(1), Role::kAgent, BranchId(1)};
  const Viewer supervisor{UserId(2), Role::kSupervisor, BranchId(1)};
  const Viewer admin{UserId(3), Role::kAdmin, std::nullopt};
  const SalesDocument excess =
      Doc(5, DocumentKind::kSale, DocumentStatus::kOpen, DocumentBilling::kExcess);
  const SalesDocument order = Doc(6, DocumentKind::kSalesOrder);
  const SalesDocument sale = Doc(7, DocumentKind::kSale);
  const SalesDocument cancelled_order =
      Doc(8, DocumentKind::kSalesOrder, DocumentStatus::kCancelled);
  const SalesDocument converted_order =
      Doc(9, DocumentKind::kSalesOrder, DocumentStatus::kCompleted);
  const SalesDocument cancelled_excess =
      Doc(10, DocumentKind::kSale, DocumentStatus::kCancelled, DocumentBilling::kExcess);
  using R = ReopenRefusal;
  const FollowupStatus closed = FollowupStatus::kClosed, open = FollowupStatus::kOpen;
  struct Case {
    const char* name;
    Viewer viewer;
    FollowupStatus status;
    std::vector<SalesDocument> docs;
    std::optional<R> reopen;   // RefuseReopen
    std::optional<R> request;  // RefuseReopenRequest
  };
  const Case cases[] = {
      {"open follow-up", supervisor, open, {}, R::kNotClosed, R::kNotClosed},
      {"open beats excess", supervisor, open, {excess}, R::kNotClosed, R::kNotClosed},
      {"no documents, supervisor", supervisor, closed, {}, std::nullopt, std::nullopt},
      {"no documents, admin", admin, closed, {}, std::nullopt, std::nullopt},
      {"no documents, agent asks", agent, closed, {}, R::kNeedsRight, std::nullopt},
      {"excess sale", admin, closed, {sale, excess}, R::kExcessSale, R::kExcessSale},
      {"excess beats order", supervisor, closed, {order, excess}, R::kExcessSale, R::kExcessSale},
      {"excess beats the right", agent, closed, {excess}, R::kExcessSale, R::kExcessSale},
      {"open order", supervisor, closed, {order}, R::kOpenOrder, R::kOpenOrder},
      {"order beats the right", agent, closed, {order}, R::kOpenOrder, R::kOpenOrder},
      {"cancelled order", supervisor, closed, {cancelled_order}, std::nullopt, std::nullopt},
      {"converted order", supervisor, closed, {converted_order, sale}, std::nullopt, std::nullopt},
      {"cancelled excess",
       supervisor,
       closed,
       {sale, cancelled_excess},
       std::nullopt,
       std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::optional<ReopenBlock> block = ReopenBlockOf(c.docs);
    EXPECT_EQ(RefuseReopen(c.viewer, c.status, block), c.reopen);
    EXPECT_EQ(RefuseReopenRequest(c.status, block), c.request);
  }
}

TEST(SalesFlow, TheBlockNamesTheDocument) {
  const std::optional<ReopenBlock> b = ReopenBlockOf({Doc(6, DocumentKind::kSalesOrder)});
  ASSERT_TRUE(b);
  EXPECT_EQ(b->document_id, DocumentId(6));
  EXPECT_EQ(b->number, "RT6");
  EXPECT_EQ(b->why, ReopenBlock::Why::kOpenOrder);
}

}  // namespace
}  // namespace retorno
