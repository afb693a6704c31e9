// The store contract: the manager reports (unattended follow-ups, CRM actions).
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

std::vector<int64_t> RowIds(const UnattendedReport& r) {
  std::vector<int64_t> out;
  for (const UnattendedRow& row : r.rows) out.push_back(row.followup_id.value);
  return out;
}

}  // namespace

// =================================================================================
// Unattended follow-ups

TEST_P(StoreContractTest, UnattendedIsOpenFollowupsDueBeforeTodayOldestFirst) {
  const World w = MakeWorld();
  FollowupId late2 = AddFollowup(w.acme, w.ana, w.north, "two days");
  AddAction(late2, w.ana, kToday - 2);
  AddAction(late2, w.ana, kToday + 5);  // its earliest planned return counts
  FollowupId late40 = AddFollowup(w.zeta, w.caio, w.south, "forty days");
  AddAction(late40, w.caio, kToday - 40);
  FollowupId today = AddFollowup(w.acme, w.ana, w.north, "today");
  AddAction(today, w.ana, kToday);
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "closed", FollowupStatus::kClosed);
  AddAction(closed, w.ana, kToday - 9, ActionStatus::kCancelled);
  FollowupId done = AddFollowup(w.acme, w.ana, w.north, "done only");
  AddAction(done, w.ana, kToday - 9, ActionStatus::kDone);

  UnattendedQuery q;
  q.today = kToday;
  UnattendedReport r;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.reports().QueryUnattended(q);
    if (got.ok()) r = *got;
    return got.status();
  }));
  EXPECT_THAT(RowIds(r), ElementsAre(late40.value, late2.value));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].due_date, kToday - 40);
  EXPECT_EQ(r.rows[0].owner_id, w.caio);
  EXPECT_EQ(r.rows[0].party_id, w.zeta);
  EXPECT_EQ(r.rows[0].subject, "forty days");
  EXPECT_EQ(r.rows[0].branch_id, w.south);
  EXPECT_FALSE(r.rows[0].branch_name.empty());
  EXPECT_EQ(r.rows[1].due_date, kToday - 2);
  EXPECT_EQ(r.total, 2);
  EXPECT_EQ(r.per_bucket[0], 1);
  EXPECT_EQ(r.per_bucket[1], 0);
  EXPECT_EQ(r.per_bucket[2], 0);
  EXPECT_EQ(r.per_bucket[3], 1);
  EXPECT_TRUE(r.next_cursor.empty());
}

TEST_P(StoreContractTest, UnattendedBucketEdgesAndCountsCoverEveryPage) {
  const World w = MakeWorld();
  // Days late 1, 3, 4, 7, 8, 30, 31: two per bucket but the last.
  const int days[] = {1, 3, 4, 7, 8, 30, 31};
  for (int d : days) {
    FollowupId f =
        AddFollowup(w.acme, d % 2 ? w.ana : w.bia, d < 8 ? w.north : std::optional<BranchId>());
    AddAction(f, w.ana, kToday - d);
  }
  UnattendedQuery q;
  q.today = kToday;
  q.limit = 3;
  std::vector<int64_t> seen;
  int pages = 0;
  while (true) {
    UnattendedReport r;
    RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
      auto got = tx.reports().QueryUnattended(q);
      if (got.ok()) r = *got;
      return got.status();
    }));
    ++pages;
    // Counts do not depend on the page.
    EXPECT_EQ(r.total, 7);
    EXPECT_EQ(r.per_bucket[0], 2);
    EXPECT_EQ(r.per_bucket[1], 2);
    EXPECT_EQ(r.per_bucket[2], 2);
    EXPECT_EQ(r.per_bucket[3], 1);
    int64_t owners = 0, branches = 0;
    for (const ReportCount& c : r.per_owner) owners += c.count;
    for (const ReportCount& c : r.per_branch) branches += c.count;
    EXPECT_EQ(owners, 7);
    EXPECT_EQ(branches, 7);
    ASSERT_EQ(r.per_branch.size(), 2u);
    EXPECT_EQ(r.per_branch[0].id, w.north.value);  // 4 in the north, 3 in none
    EXPECT_EQ(r.per_branch[0].count, 4);
    EXPECT_EQ(r.per_branch[1].id, std::nullopt);
    for (const UnattendedRow& row : r.rows) seen.push_back(kToday - row.due_date);
    if (r.next_cursor.empty()) break;
    q.cursor = r.next_cursor;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(seen, ElementsAre(31, 30, 8, 7, 4, 3, 1));

  q.cursor = "not a cursor";
  EXPECT_TRUE(absl::IsInvalidArgument(
      Read([&](Tx& tx) -> absl::Status { return tx.reports().QueryUnattended(q).status(); })));
}

TEST_P(StoreContractTest, UnattendedFiltersAndVisibility) {
  const World w = MakeWorld();
  FollowupId ana_north = AddFollowup(w.acme, w.ana, w.north);
  AddAction(ana_north, w.ana, kToday - 5);
  FollowupId caio_south = AddFollowup(w.zeta, w.caio, w.south);
  AddAction(caio_south, w.caio, kToday - 10);
  FollowupId ana_south = AddFollowup(w.acme, w.ana, w.south);
  AddAction(ana_south, w.ana, kToday - 20);
  auto ids = [&](UnattendedQuery q) {
    q.today = kToday;
    UnattendedReport r;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      auto got = tx.reports().QueryUnattended(q);
      if (got.ok()) r = *got;
      return got.status();
    }));
    EXPECT_EQ(r.total, static_cast<int64_t>(r.rows.size()));
    return RowIds(r);
  };
  UnattendedQuery q;
  q.branch_id = w.south;
  EXPECT_THAT(ids(q), ElementsAre(ana_south.value, caio_south.value));
  q = {};
  q.owner_id = w.ana;
  EXPECT_THAT(ids(q), ElementsAre(ana_south.value, ana_north.value));
  q = {};
  q.party_id = w.zeta;
  EXPECT_THAT(ids(q), ElementsAre(caio_south.value));
  q = {};
  q.from = kToday - 10;
  q.to = kToday - 5;
  EXPECT_THAT(ids(q), ElementsAre(caio_south.value, ana_north.value));
  // An agent: their own; a supervisor of the north: their own and the north's.
  q = {};
  q.visibility.visible_owner = w.caio;
  EXPECT_THAT(ids(q), ElementsAre(caio_south.value));
  q.visibility.visible_owner = w.bia;
  q.visibility.visible_branch = w.north;
  EXPECT_THAT(ids(q), ElementsAre(ana_north.value));
}

// =================================================================================
// CRM actions

namespace {

ActionId AddDone(Store& store, FollowupId f, UserId by, absl::Time at, const std::string& result,
                 const std::string& resolution = "phone") {
  ActionId id;
  const absl::Status st = store.Write([&](Tx& tx) -> absl::Status {
    Action a;
    a.followup_id = f;
    a.type = "visit";
    a.due_date = absl::CivilDay(2026, 11, 1);
    a.status = ActionStatus::kDone;
    a.assignee_id = by;
    a.done_by = by;
    a.done_at = at;
    a.result_at = at;
    a.result = result;
    a.resolution = resolution;
    a.created_at = at;
    auto r = tx.followups().InsertAction(a);
    if (r.ok()) id = *r;
    return r.status();
  });
  EXPECT_TRUE(st.ok()) << st;
  return id;
}

EntryId AddEntryAt(Store& store, FollowupId f, UserId by, absl::Time at, EntryKind kind,
                   bool draft = false) {
  EntryId id;
  const absl::Status st = store.Write([&](Tx& tx) -> absl::Status {
    Entry e;
    e.followup_id = f;
    e.kind = kind;
    e.body = "texto";
    e.author_id = by;
    e.contact_at = at;
    e.created_at = at;
    e.draft = draft;
    auto r = tx.followups().InsertEntry(e);
    if (r.ok()) id = *r;
    return r.status();
  });
  EXPECT_TRUE(st.ok()) << st;
  return id;
}

}  // namespace

TEST_P(StoreContractTest, ActionsAreReturnsDoneAndPublishedEntriesInThePeriod) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  const absl::Time from = Now() - absl::Hours(24);
  const absl::Time to = Now() + absl::Hours(24);
  ActionId done = AddDone(*store_, f, w.ana, Now(), "Cliente aprovou", "email");
  AddDone(*store_, f, w.ana, to, "too late");  // [from, to): to is outside
  AddDone(*store_, f, w.ana, from - absl::Seconds(1), "too early");
  AddAction(f, w.ana, kToday - 1);  // planned: not an action
  EntryId note = AddEntryAt(*store_, f, w.bia, from, EntryKind::kComplaint);
  AddEntryAt(*store_, f, w.bia, Now(), EntryKind::kNote, /*draft=*/true);
  AddEntryAt(*store_, f, w.bia, Now(), EntryKind::kStatus);  // a system line

  ActionsQuery q;
  q.from = from;
  q.to = to;
  ActionsReport r;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.reports().QueryActions(q);
    if (got.ok()) r = *got;
    return got.status();
  }));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].kind, ActionKind::kEntry);
  EXPECT_EQ(r.rows[0].id, note.value);
  EXPECT_EQ(r.rows[0].entry_kind, "complaint");
  EXPECT_EQ(r.rows[0].user_id, w.bia);
  EXPECT_EQ(r.rows[1].kind, ActionKind::kReturn);
  EXPECT_EQ(r.rows[1].id, done.value);
  EXPECT_EQ(r.rows[1].at, Now());
  EXPECT_EQ(r.rows[1].result, "Cliente aprovou");
  EXPECT_EQ(r.rows[1].resolution, "email");
  EXPECT_EQ(r.rows[1].contact_type, "visit");
  EXPECT_EQ(r.rows[1].branch_id, w.north);
  EXPECT_EQ(r.returns, 1);
  EXPECT_EQ(r.entries, 1);
  ASSERT_EQ(r.per_user.size(), 2u);
  int64_t slot_returns = 0, slot_entries = 0;
  for (const ActionCount& s : r.per_slot) {
    slot_returns += s.returns;
    slot_entries += s.entries;
  }
  EXPECT_EQ(slot_returns, 1);
  EXPECT_EQ(slot_entries, 1);
  // The slot of an action is its instant in whole 15 minutes since the epoch.
  bool found = false;
  for (const ActionCount& s : r.per_slot)
    if (s.key == absl::ToUnixMicros(Now()) / 900'000'000 && s.returns == 1) found = true;
  EXPECT_TRUE(found);

  // Filters on a return's fields leave entries out.
  q.resolution = "email";
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.reports().QueryActions(q);
    if (got.ok()) r = *got;
    return got.status();
  }));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].id, done.value);
  q.resolution.reset();
  q.kind = ActionKind::kEntry;
  q.user_id = w.bia;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.reports().QueryActions(q);
    if (got.ok()) r = *got;
    return got.status();
  }));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].id, note.value);
}

TEST_P(StoreContractTest, ActionsPageWithTotalsOverEveryPageAndVisibility) {
  const World w = MakeWorld();
  FollowupId north = AddFollowup(w.acme, w.ana, w.north);
  FollowupId south = AddFollowup(w.zeta, w.caio, w.south);
  for (int i = 0; i < 5; ++i) AddDone(*store_, north, w.ana, Now() + absl::Minutes(i), "ok");
  for (int i = 0; i < 3; ++i)
    AddEntryAt(*store_, south, w.caio, Now() + absl::Minutes(i), EntryKind::kNote);
  AddDone(*store_, south, w.caio, Now(), "same instant");  // ties: return first, by id
  ActionsQuery q;
  q.from = Now() - absl::Hours(1);
  q.to = Now() + absl::Hours(1);
  q.limit = 4;
  int rows = 0, pages = 0;
  absl::Time last = absl::InfinitePast();
  while (true) {
    ActionsReport r;
    RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
      auto got = tx.reports().QueryActions(q);
      if (got.ok()) r = *got;
      return got.status();
    }));
    ++pages;
    EXPECT_EQ(r.returns, 6);
    EXPECT_EQ(r.entries, 3);
    for (const ActionRow& row : r.rows) {
      EXPECT_GE(row.at, last);
      last = row.at;
    }
    rows += static_cast<int>(r.rows.size());
    if (r.next_cursor.empty()) break;
    q.cursor = r.next_cursor;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(rows, 9);
  EXPECT_EQ(pages, 3);

  // A supervisor of the south (bia is in the north: her own are none) sees the south's.
  q = {};
  q.from = Now() - absl::Hours(1);
  q.to = Now() + absl::Hours(1);
  q.visibility.visible_owner = w.bia;
  q.visibility.visible_branch = w.south;
  ActionsReport r;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.reports().QueryActions(q);
    if (got.ok()) r = *got;
    return got.status();
  }));
  EXPECT_EQ(r.returns, 1);
  EXPECT_EQ(r.entries, 3);
  q.visibility.visible_branch.reset();
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.reports().QueryActions(q);
    if (got.ok()) r = *got;
    return got.status();
  }));
  EXPECT_THAT(r.rows, IsEmpty());
  EXPECT_EQ(r.returns + r.entries, 0);
}

}  // namespace retorno
