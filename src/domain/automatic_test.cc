#include "domain/automatic.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace retorno {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

CatalogItem Item(int64_t id, CatalogKind kind, std::optional<int> days, bool active = true) {
  CatalogItem c;
  c.id = CatalogItemId(id);
  c.code = "P" + std::to_string(id);
  c.kind = kind;
  c.followup_days = days;
  c.active = active;
  return c;
}

absl::flat_hash_map<CatalogItemId, CatalogItem> Catalogue() {
  absl::flat_hash_map<CatalogItemId, CatalogItem> m;
  for (CatalogItem c :
       {Item(1, CatalogKind::kProduct, 180), Item(2, CatalogKind::kProduct, {}),
        Item(3, CatalogKind::kService, 30), Item(4, CatalogKind::kProduct, 10, /*active=*/false)})
    m.emplace(c.id, c);
  return m;
}

SalesDocument Doc(DocumentKind kind, DocumentStatus status = DocumentStatus::kOpen) {
  SalesDocument d;
  d.id = DocumentId(7);
  d.kind = kind;
  d.status = status;
  d.date = absl::CivilDay(2026, 8, 31);
  for (int64_t id : {1, 2, 3, 4, 1}) {
    DocumentItem line;
    line.item_id = CatalogItemId(id);
    d.items.push_back(line);
  }
  DocumentItem unknown;  // not in the catalogue
  unknown.item_code = "X";
  d.items.push_back(unknown);
  return d;
}

TEST(PlanDocumentFollowupsTest, SaleCreatesOnePerItemWithDaysAfterTheSaleDate) {
  auto plan = PlanDocumentFollowups(Doc(DocumentKind::kSale), Catalogue());
  ASSERT_EQ(plan.size(), 2u);  // item 1 once (it appears twice), item 3; 2 has no days, 4 inactive
  EXPECT_EQ(plan[0].origin_key, "doc:7:item:1");
  EXPECT_EQ(plan[0].origin, kOriginAfterSale);
  EXPECT_EQ(plan[0].due_date, absl::CivilDay(2027, 2, 27));  // 31 Aug + 180 days
  EXPECT_EQ(plan[1].origin_key, "doc:7:item:3");
  EXPECT_EQ(plan[1].due_date, absl::CivilDay(2026, 9, 30));
}

TEST(PlanDocumentFollowupsTest, QuotesOrdersAndCancelledSalesCreateNone) {
  EXPECT_THAT(PlanDocumentFollowups(Doc(DocumentKind::kQuote), Catalogue()), IsEmpty());
  EXPECT_THAT(PlanDocumentFollowups(Doc(DocumentKind::kSalesOrder), Catalogue()), IsEmpty());
  EXPECT_THAT(
      PlanDocumentFollowups(Doc(DocumentKind::kSale, DocumentStatus::kCancelled), Catalogue()),
      IsEmpty());
}

TEST(PlanDocumentFollowupsTest, ServiceOrderOnlyOnceCompletedFromTheCompletionDate) {
  SalesDocument os = Doc(DocumentKind::kServiceOrder);
  EXPECT_THAT(PlanDocumentFollowups(os, Catalogue()), IsEmpty());
  os.status = DocumentStatus::kCompleted;
  EXPECT_THAT(PlanDocumentFollowups(os, Catalogue()), IsEmpty());  // no completion date
  os.completed_on = absl::CivilDay(2026, 12, 15);
  auto plan = PlanDocumentFollowups(os, Catalogue());
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].origin, kOriginServiceDone);
  EXPECT_EQ(plan[1].due_date, absl::CivilDay(2027, 1, 14));  // across the year end
}

TEST(NextBirthdayTest, SameYearNextYearAndLeapDay) {
  const absl::CivilDay born(1980, 3, 10);
  EXPECT_EQ(NextBirthday(born, absl::CivilDay(2026, 3, 10)), absl::CivilDay(2026, 3, 10));
  EXPECT_EQ(NextBirthday(born, absl::CivilDay(2026, 3, 11)), absl::CivilDay(2027, 3, 10));
  EXPECT_EQ(NextBirthday(born, absl::CivilDay(2026, 1, 1)), absl::CivilDay(2026, 3, 10));
  const absl::CivilDay leap(1988, 2, 29);
  EXPECT_EQ(NextBirthday(leap, absl::CivilDay(2026, 1, 1)), absl::CivilDay(2026, 2, 28));
  EXPECT_EQ(NextBirthday(leap, absl::CivilDay(2028, 1, 1)), absl::CivilDay(2028, 2, 29));
  EXPECT_EQ(NextBirthday(leap, absl::CivilDay(2027, 3, 1)), absl::CivilDay(2028, 2, 29));
  EXPECT_EQ(NextBirthday(leap, absl::CivilDay(2100, 1, 1)), absl::CivilDay(2100, 2, 28));
}

TEST(BirthdayKeyTest, OnePerPersonAndYear) {
  EXPECT_EQ(PartyBirthdayKey(PartyId(5), 2027), "birthday:party:5:2027");
  EXPECT_EQ(ContactBirthdayKey(PartyId(5), 1, 2027), "birthday:contact:5:1:2027");
  EXPECT_NE(PartyBirthdayKey(PartyId(5), 2027), PartyBirthdayKey(PartyId(5), 2028));
}

}  // namespace
}  // namespace retorno
