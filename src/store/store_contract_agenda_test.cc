// The store contract: the agenda and due counts, text, concurrency.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using namespace contract;  // NOLINT: the suite's small helpers

// =================================================================================
// Agenda and due counts

TEST_P(StoreContractTest, AgendaOrdersByDateThenTimeUntimedLastThenId) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  FollowupId g = AddFollowup(w.zeta, w.ana, w.north);
  ActionId tomorrow = AddAction(f, w.ana, kToday + 1, ActionStatus::kPlanned, 8 * 60);
  ActionId untimed = AddAction(g, w.ana, kToday);
  ActionId at16 = AddAction(f, w.ana, kToday, ActionStatus::kPlanned, 16 * 60);
  ActionId at09 = AddAction(g, w.ana, kToday, ActionStatus::kPlanned, 9 * 60);
  ActionId at09b = AddAction(f, w.ana, kToday, ActionStatus::kPlanned, 9 * 60);
  ActionId yesterday = AddAction(g, w.ana, kToday - 1);
  AgendaQuery q;
  q.assignee_id = w.ana;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(yesterday.value, at09.value, at09b.value,
                                                at16.value, untimed.value, tomorrow.value));
  q.from = q.to = kToday;
  EXPECT_THAT(AgendaIds(Agenda(q)),
              ElementsAre(at09.value, at09b.value, at16.value, untimed.value));
  q.limit = 2;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(at09.value, at09b.value));
}

TEST_P(StoreContractTest, AgendaVisibilityIsAssigneeOrFollowupBranch) {
  const World w = MakeWorld();
  FollowupId north = AddFollowup(w.acme, w.ana, w.north);
  FollowupId south = AddFollowup(w.acme, w.caio, w.south);
  FollowupId none = AddFollowup(w.acme, w.dani, std::nullopt);
  ActionId ana_north = AddAction(north, w.ana, kToday, ActionStatus::kPlanned, 60);
  ActionId bia_north = AddAction(north, w.bia, kToday, ActionStatus::kPlanned, 120);
  ActionId caio_south = AddAction(south, w.caio, kToday, ActionStatus::kPlanned, 180);
  ActionId ana_south = AddAction(south, w.ana, kToday, ActionStatus::kPlanned, 240);
  ActionId dani_none = AddAction(none, w.dani, kToday, ActionStatus::kPlanned, 300);
  AgendaQuery q;
  q.from = q.to = kToday;
  q.assignee_id = w.ana;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(ana_north.value, ana_south.value));
  q.assignee_id.reset();
  q.branch_id = w.north;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(ana_north.value, bia_north.value));
  q.assignee_id = w.caio;
  EXPECT_THAT(AgendaIds(Agenda(q)),
              ElementsAre(ana_north.value, bia_north.value, caio_south.value));
  q.assignee_id.reset();
  q.branch_id.reset();
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(ana_north.value, bia_north.value, caio_south.value,
                                                ana_south.value, dani_none.value));
}

TEST_P(StoreContractTest, AgendaFlagsAndDateBounds) {
  const World w = MakeWorld();
  FollowupId open = AddFollowup(w.acme, w.ana, w.north);
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "fechado", FollowupStatus::kClosed);
  ActionId planned = AddAction(open, w.ana, kToday, ActionStatus::kPlanned, 600);
  ActionId done = AddAction(open, w.ana, kToday, ActionStatus::kDone, 601);
  ActionId cancelled = AddAction(open, w.ana, kToday, ActionStatus::kCancelled, 602);
  ActionId in_closed = AddAction(closed, w.ana, kToday, ActionStatus::kPlanned, 603);
  ActionId overdue = AddAction(open, w.ana, kToday - 3);
  ActionId future = AddAction(open, w.ana, kToday + 3);
  AgendaQuery q;
  q.assignee_id = w.ana;
  q.from = q.to = kToday;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(planned.value));
  q.only_planned = false;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(planned.value, done.value, cancelled.value));
  q.only_open_followups = false;
  EXPECT_THAT(AgendaIds(Agenda(q)),
              ElementsAre(planned.value, done.value, cancelled.value, in_closed.value));
  q.only_planned = true;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(planned.value, in_closed.value));
  q.only_open_followups = true;
  q.from.reset();
  q.to = kToday - 1;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(overdue.value));
  q.to.reset();
  q.from = kToday + 1;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(future.value));
}

TEST_P(StoreContractTest, AgendaRowsCarryFollowupAndParty) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.zeta, w.ana, w.north, "Retorno com peças");
  ActionId a = AddAction(f, w.ana, kToday + 2);
  AgendaQuery q;
  q.assignee_id = w.ana;
  std::vector<AgendaRow> rows = Agenda(q);
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].action.id, a);
  EXPECT_EQ(rows[0].action.due_date, kToday + 2);
  EXPECT_EQ(rows[0].followup.id, f);
  EXPECT_EQ(rows[0].followup.subject, "Retorno com peças");
  EXPECT_EQ(rows[0].followup.next_due_date, kToday + 2);
  EXPECT_EQ(rows[0].party.id, w.zeta);
  EXPECT_EQ(rows[0].party.code, "ZETA");
  EXPECT_EQ(rows[0].party.name, "Zeta Serviços");
}

TEST_P(StoreContractTest, CountDueCountsPlannedActionsOfOpenFollowups) {
  const World w = MakeWorld();
  FollowupId open = AddFollowup(w.acme, w.ana, w.north);
  FollowupId other = AddFollowup(w.acme, w.ana, w.north);
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "x", FollowupStatus::kClosed);
  AddAction(open, w.ana, kToday);
  AddAction(other, w.ana, kToday, ActionStatus::kPlanned, 9 * 60);
  AddAction(open, w.ana, kToday - 1);
  AddAction(open, w.ana, kToday - 40);
  AddAction(open, w.ana, kToday + 1);                   // future
  AddAction(open, w.ana, kToday, ActionStatus::kDone);  // done
  AddAction(open, w.ana, kToday - 2, ActionStatus::kCancelled);
  AddAction(closed, w.ana, kToday);  // closed follow-up
  AddAction(closed, w.ana, kToday - 1);
  AddAction(open, w.bia, kToday);  // someone else
  auto count = [&](UserId u, absl::CivilDay today) {
    DueCounts c;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      auto r = tx.followup_queries().CountDue(u, today);
      if (r.ok()) c = *r;
      return r.status();
    }));
    return c;
  };
  DueCounts c = count(w.ana, kToday);
  EXPECT_EQ(c.due_today, 2);
  EXPECT_EQ(c.overdue, 2);
  c = count(w.ana, kToday + 1);
  EXPECT_EQ(c.due_today, 1);
  EXPECT_EQ(c.overdue, 4);
  c = count(w.caio, kToday);
  EXPECT_EQ(c.due_today, 0);
  EXPECT_EQ(c.overdue, 0);
}

TEST_P(StoreContractTest, ClosingAndReopeningMovesActionsOutOfAndBackIntoTheAgenda) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  ActionId today = AddAction(f, w.ana, kToday);
  ActionId overdue = AddAction(f, w.ana, kToday - 1);
  AgendaQuery q;
  q.assignee_id = w.ana;
  auto counts = [&] {
    DueCounts c;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      auto r = tx.followup_queries().CountDue(w.ana, kToday);
      if (r.ok()) c = *r;
      return r.status();
    }));
    return std::make_pair(c.due_today, c.overdue);
  };
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(overdue.value, today.value));
  EXPECT_EQ(counts(), std::make_pair(int64_t{1}, int64_t{1}));

  // Closed with its returns still planned (the store does not cancel them itself).
  Followup fu = *GetFollowup(f);
  fu.status = FollowupStatus::kClosed;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(fu).status(); }));
  EXPECT_THAT(Agenda(q), IsEmpty());
  EXPECT_EQ(counts(), std::make_pair(int64_t{0}, int64_t{0}));
  q.only_open_followups = false;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(overdue.value, today.value));
  q.only_open_followups = true;

  // A return added to the closed follow-up stays out too.
  AddAction(f, w.ana, kToday);
  EXPECT_THAT(Agenda(q), IsEmpty());

  fu = *GetFollowup(f);
  fu.status = FollowupStatus::kOpen;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(fu).status(); }));
  EXPECT_THAT(Agenda(q), SizeIs(3));
  EXPECT_EQ(counts(), std::make_pair(int64_t{2}, int64_t{1}));
}

// =================================================================================
// Text

TEST_P(StoreContractTest, UnicodeTextRoundTripsUnchanged) {
  const std::string pt = "Atenção: não esqueça o orçamento da máquina — ação imediata! ✅";
  const std::string es = "Año nuevo: señor Muñoz pidió cotización; ¿llamar mañana? ¡Sí!";
  const std::string rare = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 日本語 العربية";
  BranchId b = AddBranch("Filial São Paulo — Zona Sul");
  UserId u = AddUser("acentos", b);
  PartyId p = AddParty("Ñ-001", "Peña & Conceição Ltda.");
  FollowupId f = AddFollowup(p, u, b, pt);
  EntryId e = AddEntry(f, u, es + "\n" + rare);
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto branch = tx.accounts().FindBranch(b);
    if (!branch.ok()) return branch.status();
    EXPECT_EQ((*branch)->name, "Filial São Paulo — Zona Sul");
    auto party = tx.parties().FindParty(p);
    if (!party.ok()) return party.status();
    EXPECT_EQ((*party)->code, "Ñ-001");
    EXPECT_EQ((*party)->name, "Peña & Conceição Ltda.");
    auto fu = tx.followups().FindFollowup(f);
    if (!fu.ok()) return fu.status();
    EXPECT_EQ((*fu)->subject, pt);
    auto entry = tx.followups().FindEntry(e);
    if (!entry.ok()) return entry.status();
    EXPECT_EQ((*entry)->body, es + "\n" + rare);
    auto found = tx.parties().SearchParties("PEÑA", std::nullopt, 10);
    if (!found.ok()) return found.status();
    // Case and accents are folded for every Latin letter ("PEÑA", "peña", "pena").
    EXPECT_THAT(*found, SizeIs(1));
    found = tx.parties().SearchParties("peña", std::nullopt, 10);
    if (!found.ok()) return found.status();
    EXPECT_THAT(*found, SizeIs(1));
    return absl::OkStatus();
  }));
  FollowupQuery q;
  q.today = kToday;
  q.text = "MUñOZ";  // case and accents fold
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(f.value));
  q.text = "😀";
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(f.value));
}

// =================================================================================
// Concurrency

TEST_P(StoreContractTest, ReadersAreNotBlockedByAnOpenWrite) {
  AddParty("BASE", "Antes");
  std::promise<void> inserted;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::future<absl::Status> writer = std::async(std::launch::async, [&] {
    return store_->Write([&](Tx& tx) -> absl::Status {
      Party p;
      p.code = "NEW";
      p.name = "Durante";
      absl::Status st = tx.parties().InsertParty(p).status();
      inserted.set_value();
      released.wait();
      return st;
    });
  });
  inserted.get_future().wait();
  constexpr int kReaders = 3;
  std::vector<std::future<absl::StatusOr<size_t>>> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.push_back(std::async(std::launch::async, [&]() -> absl::StatusOr<size_t> {
      size_t n = 0;
      absl::Status st = store_->Read([&](Tx& tx) -> absl::Status {
        auto r = tx.parties().SearchParties("", std::nullopt, 100);
        if (r.ok()) n = r->size();
        return r.status();
      });
      if (!st.ok()) return st;
      return n;
    }));
  }
  bool all_ready = true;
  for (auto& r : readers) all_ready = ReadyWithin(r, 20) && all_ready;
  release.set_value();  // before any assertion, so a failure cannot hang the writer
  EXPECT_TRUE(all_ready) << "a reader waited for the open write transaction";
  for (auto& r : readers) {
    absl::StatusOr<size_t> n = r.get();
    ASSERT_TRUE(n.ok()) << n.status();
    EXPECT_EQ(*n, 1u) << "a reader saw uncommitted data";
  }
  RETORNO_ASSERT_OK(writer.get());
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto r = tx.parties().SearchParties("", std::nullopt, 100);
    if (!r.ok()) return r.status();
    EXPECT_THAT(*r, SizeIs(2));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ReadSeesOneSnapshot) {
  AddParty("A", "Primeiro");
  absl::Status write_status;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto before = tx.parties().SearchParties("", std::nullopt, 100);
    if (!before.ok()) return before.status();
    EXPECT_THAT(*before, SizeIs(1));
    // A write commits while this read transaction is open...
    std::thread t([&] {
      write_status = store_->Write([](Tx& w) {
        Party p;
        p.code = "B";
        p.name = "Segundo";
        return w.parties().InsertParty(p).status();
      });
    });
    t.join();
    // ...and stays invisible to it.
    auto after = tx.parties().SearchParties("", std::nullopt, 100);
    if (!after.ok()) return after.status();
    EXPECT_THAT(*after, SizeIs(1));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(write_status);
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto now = tx.parties().SearchParties("", std::nullopt, 100);
    if (!now.ok()) return now.status();
    EXPECT_THAT(*now, SizeIs(2));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ConcurrentWritesAreSerialised) {
  constexpr int kThreads = 4;
  constexpr int kWritesEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWritesEach; ++i) {
        // Read-modify-write: a lost update would show in the final count.
        absl::Status st = store_->Write([](Tx& tx) -> absl::Status {
          auto s = tx.accounts().GetSettings();
          if (!s.ok()) return s.status();
          int n = 0;
          if (s->company_name != "Retorno" && !absl::SimpleAtoi(s->company_name, &n))
            return absl::InternalError("bad counter");
          s->company_name = absl::StrCat(n + 1);
          return tx.accounts().PutSettings(*s);
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto s = tx.accounts().GetSettings();
    if (!s.ok()) return s.status();
    EXPECT_EQ(s->company_name, absl::StrCat(kThreads * kWritesEach));
    return absl::OkStatus();
  }));
}

}  // namespace retorno
