// The store contract: the team performance and automatic follow-up reports.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

namespace {

ActionId AddDoneAt(Store& store, FollowupId f, UserId by, absl::CivilDay due, absl::Time at,
                   bool with_result_time = true) {
  ActionId id;
  const absl::Status st = store.Write([&](Tx& tx) -> absl::Status {
    Action a;
    a.followup_id = f;
    a.type = "phone";
    a.due_date = due;
    a.status = ActionStatus::kDone;
    a.assignee_id = by;
    a.done_by = by;
    a.done_at = with_result_time ? at + absl::Hours(30) : at;
    if (with_result_time) a.result_at = at;
    a.result = "ok";
    a.created_at = at;
    auto r = tx.followups().InsertAction(a);
    if (r.ok()) id = *r;
    return r.status();
  });
  EXPECT_TRUE(st.ok()) << st;
  return id;
}

int64_t Sum(const std::vector<TeamCount>& counts, bool done, absl::CivilDay due) {
  int64_t n = 0;
  for (const TeamCount& c : counts)
    if (c.done == done && c.due_date == due) n += c.count;
  return n;
}

}  // namespace

TEST_P(StoreContractTest, TeamCountsReturnsDueInThePeriodBySlotOfTheirResultTime) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  const absl::Time t = Now();
  AddDoneAt(*store_, f, w.ana, kToday - 1, t);
  AddDoneAt(*store_, f, w.ana, kToday - 1, t + absl::Minutes(5));  // the same slot
  // No result time: the completion time places it.
  AddDoneAt(*store_, f, w.ana, kToday - 1, t + absl::Hours(2), /*with_result_time=*/false);
  AddAction(f, w.ana, kToday - 2);                            // planned, open: due
  AddAction(f, w.ana, kToday - 2, ActionStatus::kCancelled);  // owed by nobody
  AddAction(f, w.ana, kToday + 40);                           // outside the period
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "closed", FollowupStatus::kClosed);
  AddAction(closed, w.ana, kToday - 2);  // planned on a closed follow-up: owed by nobody
  FollowupId south = AddFollowup(w.zeta, w.caio, w.south);
  AddAction(south, w.caio, kToday);

  TeamQuery q;
  q.from = kToday - 10;
  q.to = kToday;
  std::vector<TeamCount> counts;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(counts, tx.reports().QueryTeam(q));
    return absl::OkStatus();
  }));
  EXPECT_EQ(Sum(counts, true, kToday - 1), 3);
  EXPECT_EQ(Sum(counts, false, kToday - 2), 1);
  EXPECT_EQ(Sum(counts, false, kToday), 1);
  int64_t total = 0;
  bool slot_of_two = false, slot_of_done_at = false;
  for (const TeamCount& c : counts) {
    total += c.count;
    if (c.done && c.slot == absl::ToUnixMicros(t) / 900'000'000 && c.count == 2) slot_of_two = true;
    if (c.done && c.slot == absl::ToUnixMicros(t + absl::Hours(2)) / 900'000'000) {
      slot_of_done_at = true;
      EXPECT_EQ(c.count, 1);
    }
    if (!c.done) {
      EXPECT_EQ(c.slot, 0);
    }
    if (c.agent_id == w.caio) {
      EXPECT_EQ(c.branch_id, w.south);
      EXPECT_FALSE(c.branch_name.empty());
      EXPECT_FALSE(c.agent_name.empty());
    }
  }
  EXPECT_EQ(total, 5);
  EXPECT_TRUE(slot_of_two);
  EXPECT_TRUE(slot_of_done_at);

  // Filters: the agent is the assignee, the branch the follow-up's; visibility as the list.
  auto total_of = [&](const TeamQuery& tq) {
    int64_t n = 0;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::vector<TeamCount> got, tx.reports().QueryTeam(tq));
      for (const TeamCount& c : got) n += c.count;
      return absl::OkStatus();
    }));
    return n;
  };
  TeamQuery by = q;
  by.agent_id = w.caio;
  EXPECT_EQ(total_of(by), 1);
  by = q;
  by.branch_id = w.north;
  EXPECT_EQ(total_of(by), 4);
  by = q;
  by.visibility.visible_owner = w.caio;
  EXPECT_EQ(total_of(by), 1);
  by = q;
  by.visibility.visible_owner = w.bia;
  by.visibility.visible_branch = w.north;
  EXPECT_EQ(total_of(by), 4);
  by = q;
  by.from = kToday - 1;
  by.to = kToday - 1;
  EXPECT_EQ(total_of(by), 3);
}

TEST_P(StoreContractTest, AutomaticCountsCreatedDoneAndConvertedPerOriginAndItem) {
  const World w = MakeWorld();
  CatalogItemId filter, install;
  DocumentId sale, order;
  auto doc = [&](Tx& tx, DocumentKind kind, const std::string& number, absl::CivilDay date,
                 DocumentStatus status) -> absl::StatusOr<DocumentId> {
    SalesDocument d;
    d.kind = kind;
    d.number = number;
    d.party_id = w.acme;
    d.owner_id = w.ana;
    d.date = date;
    d.status = status;
    if (status == DocumentStatus::kCompleted) d.completed_on = date;
    d.created_by = d.updated_by = w.ana;
    d.created_at = d.updated_at = Now();
    return tx.sales().InsertDocument(d);
  };
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    CatalogItem c;
    c.code = "FLT";
    c.kind = CatalogKind::kProduct;
    c.name = "Filtro";
    c.followup_days = 30;
    c.created_at = c.updated_at = Now();
    ASSIGN_OR_RETURN(filter, tx.sales().InsertCatalogItem(c));
    c.code = "INST";
    c.kind = CatalogKind::kService;
    c.name = "Instalação";
    ASSIGN_OR_RETURN(install, tx.sales().InsertCatalogItem(c));
    ASSIGN_OR_RETURN(sale, doc(tx, DocumentKind::kSale, "V-1", kToday - 60, DocumentStatus::kOpen));
    ASSIGN_OR_RETURN(order, doc(tx, DocumentKind::kServiceOrder, "OS-1", kToday - 60,
                                DocumentStatus::kCompleted));
    // A later sale to the same party, 10 days before today; a cancelled one after it.
    RETURN_IF_ERROR(
        doc(tx, DocumentKind::kSale, "V-2", kToday - 10, DocumentStatus::kOpen).status());
    return doc(tx, DocumentKind::kSale, "V-3", kToday - 1, DocumentStatus::kCancelled).status();
  }));
  // Automatic follow-ups, as the jobs create them.
  auto add = [&](std::string_view origin, std::optional<DocumentId> d, std::string key,
                 absl::Time created, UserId owner, std::optional<BranchId> branch) {
    FollowupId id;
    RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
      Followup f;
      f.party_id = w.acme;
      f.owner_id = owner;
      f.branch_id = branch;
      f.subject = "auto";
      f.category = "pos_venda";
      f.origin = std::string(origin);
      f.document_id = d;
      f.origin_key = std::move(key);
      f.created_by = f.updated_by = owner;
      f.created_at = f.updated_at = created;
      ASSIGN_OR_RETURN(id, tx.followups().InsertFollowup(f));
      return absl::OkStatus();
    }));
    return id;
  };
  const absl::Time t = Now() - absl::Hours(24 * 5);
  const std::string sale_key = absl::StrCat("doc:", sale.value, ":item:", filter.value);
  // Converted: done, and V-2 (kToday - 10) is on or after its due date.
  FollowupId converted = add(kOriginAfterSale, sale, sale_key, t, w.ana, w.north);
  AddDoneAt(*store_, converted, w.ana, kToday - 20, t);
  // Done, but the only later sale (cancelled V-3 aside) is before its due date.
  FollowupId done_only =
      add(kOriginServiceDone, order, absl::StrCat("doc:", order.value, ":item:", install.value), t,
          w.ana, w.north);
  AddDoneAt(*store_, done_only, w.ana, kToday - 5, t);
  // Not done.
  FollowupId open_bday =
      add(kOriginBirthday, std::nullopt, "birthday:party:1:2026", t, w.caio, w.south);
  AddAction(open_bday, w.caio, kToday - 30);
  // Outside the period, and a manual follow-up: neither counts.
  add(kOriginAfterSale, sale, absl::StrCat("doc:", sale.value, ":item:999"),
      Now() + absl::Hours(48), w.ana, w.north);
  add(kOriginManual, std::nullopt, "", t, w.ana, w.north);

  AutomaticQuery q;
  q.from = Now() - absl::Hours(24 * 10);
  q.to = Now() + absl::Hours(24);
  std::vector<AutomaticCount> rows;
  auto run = [&] {
    rows.clear();
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(rows, tx.reports().QueryAutomatic(q));
      return absl::OkStatus();
    }));
  };
  run();
  ASSERT_EQ(rows.size(), 3u);
  // By origin code, then item name.
  EXPECT_EQ(rows[0].origin, "after_sale");
  EXPECT_EQ(rows[0].item_id, filter);
  EXPECT_EQ(rows[0].item_name, "Filtro");
  EXPECT_EQ(rows[0].item_kind, "product");
  EXPECT_EQ(rows[0].created, 1);
  EXPECT_EQ(rows[0].done, 1);
  EXPECT_EQ(rows[0].converted, 1);
  EXPECT_EQ(rows[1].origin, "birthday");
  EXPECT_EQ(rows[1].item_id, std::nullopt);
  EXPECT_EQ(rows[1].item_name, "");
  EXPECT_EQ(rows[1].created, 1);
  EXPECT_EQ(rows[1].done, 0);
  EXPECT_EQ(rows[1].converted, 0);
  EXPECT_EQ(rows[2].origin, "service_done");
  EXPECT_EQ(rows[2].item_id, install);
  EXPECT_EQ(rows[2].item_kind, "service");
  EXPECT_EQ(rows[2].done, 1);
  EXPECT_EQ(rows[2].converted, 0);

  q.origin = std::string(kOriginBirthday);
  run();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].origin, "birthday");
  q.origin.reset();
  q.visibility.visible_owner = w.ana;
  run();
  EXPECT_EQ(rows.size(), 2u);
  q.visibility = {};
  q.branch_id = w.south;
  run();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].origin, "birthday");
  q.branch_id.reset();
  q.owner_id = w.ana;
  run();
  EXPECT_EQ(rows.size(), 2u);
}

// The report reads what a follow-up keeps of its returns (whether one is done, the
// earliest due day): it must follow every later write of a return, not only the first.
TEST_P(StoreContractTest, AutomaticCountsFollowTheReturnsAsTheyChange) {
  const World w = MakeWorld();
  DocumentId origin_sale;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    SalesDocument d;
    d.kind = DocumentKind::kSale;
    d.party_id = w.acme;
    d.owner_id = w.ana;
    d.status = DocumentStatus::kOpen;
    d.created_by = d.updated_by = w.ana;
    d.created_at = d.updated_at = Now();
    d.number = "V-1";
    d.date = kToday - 60;
    ASSIGN_OR_RETURN(origin_sale, tx.sales().InsertDocument(d));
    // The party buys again 10 days before today.
    d.number = "V-2";
    d.date = kToday - 10;
    return tx.sales().InsertDocument(d).status();
  }));
  FollowupId f;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    Followup x;
    x.party_id = w.acme;
    x.owner_id = w.ana;
    x.branch_id = w.north;
    x.subject = "auto";
    x.category = "pos_venda";
    x.origin = std::string(kOriginAfterSale);
    x.document_id = origin_sale;
    x.origin_key = absl::StrCat("doc:", origin_sale.value, ":item:1");
    x.created_by = x.updated_by = w.ana;
    x.created_at = x.updated_at = Now() - absl::Hours(24 * 5);
    ASSIGN_OR_RETURN(f, tx.followups().InsertFollowup(x));
    return absl::OkStatus();
  }));
  AutomaticQuery q;
  q.from = Now() - absl::Hours(24 * 10);
  q.to = Now() + absl::Hours(24);
  // created, done, converted
  auto counts = [&] {
    std::vector<AutomaticCount> rows;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(rows, tx.reports().QueryAutomatic(q));
      return absl::OkStatus();
    }));
    EXPECT_EQ(rows.size(), 1u);
    if (rows.empty()) return std::vector<int64_t>{};
    return std::vector<int64_t>{rows[0].created, rows[0].done, rows[0].converted};
  };
  auto update = [&](ActionId id, auto change) {
    std::optional<Action> a = GetAction(id);
    ASSERT_TRUE(a.has_value());
    change(*a);
    RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateAction(*a); }));
  };
  EXPECT_EQ(counts(), (std::vector<int64_t>{1, 0, 0}));  // no return yet
  const ActionId first = AddAction(f, w.ana, kToday - 5);
  EXPECT_EQ(counts(), (std::vector<int64_t>{1, 0, 0}));
  update(first, [&](Action& a) {
    a.status = ActionStatus::kDone;
    a.done_by = w.ana;
    a.done_at = Now();
  });
  // Done; V-2 is before the first due day.
  EXPECT_EQ(counts(), (std::vector<int64_t>{1, 1, 0}));
  // A return due earlier than V-2: the purchase now converts.
  const ActionId earlier = AddAction(f, w.ana, kToday - 20);
  EXPECT_EQ(counts(), (std::vector<int64_t>{1, 1, 1}));
  update(earlier, [&](Action& a) { a.due_date = kToday - 1; });
  EXPECT_EQ(counts(), (std::vector<int64_t>{1, 1, 0}));
  update(earlier, [&](Action& a) { a.due_date = kToday - 10; });
  EXPECT_EQ(counts(), (std::vector<int64_t>{1, 1, 1}));
  // The done return planned again: nothing done, so nothing converted.
  update(first, [&](Action& a) {
    a.status = ActionStatus::kPlanned;
    a.done_by.reset();
    a.done_at.reset();
  });
  EXPECT_EQ(counts(), (std::vector<int64_t>{1, 0, 0}));
  // The follow-up's next due date is kept by the same statement.
  std::optional<Followup> got = GetFollowup(f);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->next_due_date, kToday - 10);
}

}  // namespace retorno
