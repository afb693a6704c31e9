// The store contract: writes that are not serialised against other writers' reads
// (Store::WriteRowLocked) on a store with concurrent writers. Creations only insert rows
// of their own, so many at once all land with distinct numbers; a change of one return
// locks the return and its follow-up first (LockReturn), so concurrent changes of one
// follow-up queue behind each other and neither lose an update nor leave the cached
// next due date stale.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using namespace contract;  // NOLINT: the suite's small helpers

namespace {

// What a creation of a follow-up writes: the follow-up, its return (due `due`), a note
// and a series number, in one transaction. `announce`: as FollowupService::Create does,
// with the rows' ids reserved ahead (PostgreSQL) and the inserts riding with the commit.
absl::Status CreateOne(Tx& tx, PartyId party, UserId owner, absl::CivilDay due, absl::Time now,
                       int n, FollowupId& id, int64_t& series, bool announce = false) {
  if (announce) {
    RETURN_IF_ERROR(tx.followups().AnnounceCreation(
        CreationAhead{.party = party, .entries = 1, .returns = 1, .reminders = 1}));
    RETURN_IF_ERROR(tx.parties().FindParty(party).status());
  }
  Followup f;
  f.party_id = party;
  f.owner_id = owner;
  f.subject = absl::StrCat("Criação concorrente ", n);
  f.category = "pos_venda";
  f.created_by = f.updated_by = owner;
  f.created_at = f.updated_at = now;
  f.next_due_date = due;
  ASSIGN_OR_RETURN(id, tx.followups().InsertFollowup(f));
  Action a;
  a.followup_id = id;
  a.type = "phone";
  a.due_date = due;
  a.status = ActionStatus::kPlanned;
  a.assignee_id = owner;
  a.created_at = now;
  RETURN_IF_ERROR(tx.followups().InsertAction(a).status());
  Entry e;
  e.followup_id = id;
  e.kind = EntryKind::kNote;
  e.body = "Criado em paralelo";
  e.author_id = owner;
  e.contact_at = e.created_at = now;
  RETURN_IF_ERROR(tx.followups().InsertEntry(e).status());
  ASSIGN_OR_RETURN(series, tx.followups().NextSeriesId());
  return absl::OkStatus();
}

}  // namespace

TEST_P(StoreContractTest, AnnouncedCreationStoresItsRowsUnderTheIdsItAnswered) {
  World w = MakeWorld();
  FollowupId id;
  int64_t series = 0;
  RETORNO_ASSERT_OK(store_->WriteRowLocked([&](Tx& tx) {
    return CreateOne(tx, w.acme, w.ana, kToday + 2, Now(), 1, id, series, /*announce=*/true);
  }));
  FollowupId second;
  RETORNO_ASSERT_OK(store_->WriteRowLocked([&](Tx& tx) {
    return CreateOne(tx, w.acme, w.ana, kToday + 3, Now(), 2, second, series, /*announce=*/true);
  }));
  EXPECT_GT(second.value, id.value);  // later creations still number after earlier ones
  std::optional<Followup> f = GetFollowup(id);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->subject, "Criação concorrente 1");
  EXPECT_EQ(f->next_due_date, kToday + 2);
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(id));
    EXPECT_EQ(actions.size(), 1u);
    ASSIGN_OR_RETURN(std::vector<Entry> entries, tx.followups().ListEntries(id));
    EXPECT_EQ(entries.size(), 1u);
    if (!actions.empty()) {
      ASSIGN_OR_RETURN(std::optional<Action> a, tx.followups().FindAction(actions[0].id));
      EXPECT_TRUE(a.has_value() && a->followup_id == id);
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AnnouncedCreationWhoseInsertFailsKeepsNothing) {
  World w = MakeWorld();
  FollowupId id;
  int64_t series = 0;
  // A customer that does not exist: the foreign key refuses the follow-up, whether the
  // insert runs at once (SQLite) or rides with the commit (PostgreSQL).
  absl::Status st = store_->WriteRowLocked([&](Tx& tx) {
    return CreateOne(tx, PartyId(987654), w.ana, kToday + 2, Now(), 7, id, series,
                     /*announce=*/true);
  });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_EQ(st.message(), "foreign_key");
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(id));
    EXPECT_FALSE(f.has_value());
    ASSIGN_OR_RETURN(std::vector<Entry> entries, tx.followups().ListEntries(id));
    EXPECT_TRUE(entries.empty());
    return absl::OkStatus();
  }));
}

namespace {

// Completes return `id` as a use case does: lock, read, refuse a return no longer
// planned, write the return and then its follow-up's new version.
absl::Status CompleteOne(Tx& tx, ActionId id, UserId by, absl::Time now) {
  RETURN_IF_ERROR(tx.followups().LockReturn(id));
  ASSIGN_OR_RETURN(std::optional<Action> a, tx.followups().FindAction(id));
  if (!a) return absl::NotFoundError("action");
  if (a->status != ActionStatus::kPlanned) return absl::FailedPreconditionError("not_planned");
  ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(a->followup_id));
  if (!f) return absl::NotFoundError("followup");
  a->status = ActionStatus::kDone;
  a->done_at = now;
  a->done_by = by;
  a->result = "Atendido";
  RETURN_IF_ERROR(tx.followups().UpdateAction(*a));
  f->updated_at = now;
  return tx.followups().UpdateFollowup(*f).status();
}

}  // namespace

TEST_P(StoreContractTest, ConcurrentRowLockedCreationsAllLandWithDistinctNumbers) {
  World w = MakeWorld();
  constexpr int kThreads = 8, kEach = 10;
  std::atomic<int> failures{0};
  std::mutex mu;
  std::vector<FollowupId> ids;
  std::vector<int64_t> series;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const int n = t * kEach + i;
        FollowupId id;
        int64_t s = 0;
        // One customer for all: the creations meet on the same rows of every index.
        absl::Status st = store_->WriteRowLocked([&](Tx& tx) {
          return CreateOne(tx, w.acme, w.ana, kToday + 1 + n % 5, Now(), n, id, s,
                           /*announce=*/t % 2 == 0);
        });
        if (!st.ok()) {
          ADD_FAILURE() << st;
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        ids.push_back(id);
        series.push_back(s);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(ids.size(), size_t{kThreads * kEach});
  const std::vector<int64_t> values = Values(ids);
  EXPECT_EQ(std::set<int64_t>(values.begin(), values.end()).size(), ids.size());
  EXPECT_EQ(std::set<int64_t>(series.begin(), series.end()).size(), series.size());
  for (FollowupId id : ids) {
    std::optional<Followup> f = GetFollowup(id);
    ASSERT_TRUE(f.has_value());
    int n = 0;
    ASSERT_TRUE(absl::SimpleAtoi(f->subject.substr(f->subject.rfind(' ') + 1), &n));
    EXPECT_EQ(f->next_due_date, kToday + 1 + n % 5) << f->subject;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(id));
      EXPECT_EQ(actions.size(), 1u);
      ASSIGN_OR_RETURN(std::vector<Entry> entries, tx.followups().ListEntries(id));
      EXPECT_EQ(entries.size(), 1u);
      return absl::OkStatus();
    }));
  }
}

TEST_P(StoreContractTest, ConcurrentCompletionsOfOneReturnCompleteItOnce) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  ActionId a = AddAction(f, w.ana, kToday + 2);
  constexpr int kThreads = 6;
  std::atomic<int> done{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      absl::Status st =
          store_->WriteRowLocked([&](Tx& tx) { return CompleteOne(tx, a, w.ana, Now()); });
      if (st.ok()) {
        ++done;
      } else if (absl::IsFailedPrecondition(st) && st.message() == "not_planned") {
        ++refused;
      } else {
        ADD_FAILURE() << st;
        ++other;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(done.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(GetFollowup(f)->version, 2);
}

TEST_P(StoreContractTest, ConcurrentCompletionsOfOneFollowupsReturnsKeepItsVersionAndNextDue) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  constexpr int kReturns = 8;
  std::vector<ActionId> returns;
  for (int i = 0; i < kReturns; ++i) returns.push_back(AddAction(f, w.ana, kToday + 1 + i));
  const ActionId last = AddAction(f, w.ana, kToday + 30);  // stays planned
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (ActionId a : returns) {
    threads.emplace_back([&, a] {
      absl::Status st =
          store_->WriteRowLocked([&](Tx& tx) { return CompleteOne(tx, a, w.ana, Now()); });
      if (!st.ok()) {
        ADD_FAILURE() << st;
        ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  std::optional<Followup> g = GetFollowup(f);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->version, 1 + kReturns);  // no save lost
  EXPECT_EQ(g->next_due_date, kToday + 30);
  for (ActionId a : returns) EXPECT_EQ(GetAction(a)->status, ActionStatus::kDone);
  EXPECT_EQ(GetAction(last)->status, ActionStatus::kPlanned);
}

}  // namespace retorno
