// The store's own cost per use, without HTTP: the reads of a follow-up's page, a page of
// the list, an agenda, a creation; and one statement through sqlite::Connection against
// the same through the shared SQL layer's Db (sql::Query: one more heap allocation and
// virtual calls per statement). Runs on a copy of a database made by retorno_bench_gen.
//
//   RETORNO_BENCH_DB=build/bench-run/bench-100000.db build/bench/store_benchmark
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "app/ports.h"
#include "base/status_macros.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {
namespace {

constexpr int64_t kFollowups = 100000;  // at least this many in the database
const absl::CivilDay kToday(2026, 12, 4);

std::string Source() {
  const char* env = std::getenv("RETORNO_BENCH_DB");
  return env ? env : "build/bench-run/bench-100000.db";
}

// A private copy, so that creations do not grow the generator's database.
const std::string& CopyPath() {
  static const std::string path = [] {
    std::string to = absl::StrCat(std::filesystem::temp_directory_path().string(),
                                  "/retorno-store-bench-", ::getpid(), ".db");
    std::filesystem::copy_file(Source(), to, std::filesystem::copy_options::overwrite_existing);
    return to;
  }();
  return path;
}

Store& TheStore() {
  static std::unique_ptr<Store> store = [] {
    auto s = OpenSqliteStore({.path = CopyPath()});
    if (!s.ok()) std::abort();
    return *std::move(s);
  }();
  return *store;
}

// Each iteration runs `read(tx, n)` in one read transaction, n drawn from [0, range)
// with a fixed seed; a failure ends the benchmark with its message.
template <class Fn>
void ReadLoop(benchmark::State& state, int64_t range, Fn read) {
  Store& store = TheStore();
  std::mt19937_64 rng(static_cast<uint64_t>(range));
  for (auto _ : state) {
    const int64_t n = static_cast<int64_t>(rng() % static_cast<uint64_t>(range));
    absl::Status st = store.Read([&](Tx& tx) -> absl::Status { return read(tx, n); });
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
}

// What the page of one follow-up reads.
void BM_FollowupPageReads(benchmark::State& state) {
  ReadLoop(state, kFollowups, [](Tx& tx, int64_t n) -> absl::Status {
    const FollowupId id(1 + n);
    RETURN_IF_ERROR(tx.followup_queries().FindFollowupRow(id).status());
    RETURN_IF_ERROR(tx.followups().ListActions(id).status());
    RETURN_IF_ERROR(tx.followups().ListEntries(id).status());
    return tx.followups().ListAttachments(id).status();
  });
}
BENCHMARK(BM_FollowupPageReads);

// The first page (50) of an agent's open follow-ups, in due order.
void BM_FollowupListPage(benchmark::State& state) {
  ReadLoop(state, 49, [](Tx& tx, int64_t n) {
    FollowupQuery q;
    q.today = kToday;
    q.visible_owner = UserId(2 + n);
    q.status = FollowupStatus::kOpen;
    return tx.followup_queries().QueryFollowups(q).status();
  });
}
BENCHMARK(BM_FollowupListPage);

// An agent's agenda of one day.
void BM_AgendaToday(benchmark::State& state) {
  ReadLoop(state, 48, [](Tx& tx, int64_t n) {
    AgendaQuery q;
    q.assignee_id = UserId(2 + n);
    q.from = q.to = kToday;
    return tx.followup_queries().QueryAgenda(q).status();
  });
}
BENCHMARK(BM_AgendaToday);

// One follow-up with its first return, one transaction (not durable: synchronous=NORMAL).
void BM_CreateFollowup(benchmark::State& state) {
  Store& store = TheStore();
  std::mt19937_64 rng(4);
  const absl::Time now =
      absl::FromCivil(absl::CivilSecond(2026, 12, 4, 12, 0, 0), absl::UTCTimeZone());
  Followup followup;
  followup.subject = "Retorno de orçamento";
  followup.category = "pos_venda";
  followup.owner_id = followup.created_by = followup.updated_by = UserId(2);
  followup.created_at = followup.updated_at = followup.contact_at = now;
  followup.next_due_date = kToday + 1;
  Action action;
  action.type = "phone";
  action.due_date = kToday + 1;
  action.assignee_id = UserId(2);
  action.created_at = now;
  for (auto _ : state) {
    followup.party_id = PartyId(1 + static_cast<int64_t>(rng() % 20000));
    absl::Status st = store.Write([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(action.followup_id, tx.followups().InsertFollowup(followup));
      return tx.followups().InsertAction(action).status();
    });
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
}
BENCHMARK(BM_CreateFollowup);

// One cached statement: prepare, bind, step, read three columns. The two variants differ
// only by the layer the repositories use: sqlite::Connection before ADR 0027, sql::Db
// since.
template <class Prepare>
void StatementLoop(benchmark::State& state, Prepare prepare) {
  std::mt19937_64 rng(5);
  for (auto _ : state) {
    auto q = prepare("SELECT subject, owner_id, next_due_date FROM followups WHERE id = ?");
    q->Bind(1 + static_cast<int64_t>(rng() % kFollowups));
    auto row = q->Step();
    benchmark::DoNotOptimize(row);
    benchmark::DoNotOptimize(q->Text(0));
    benchmark::DoNotOptimize(q->Int(1));
    benchmark::DoNotOptimize(q->Text(2));
  }
}

void BM_StatementConnection(benchmark::State& state) {
  auto conn = sqlite::Connection::Open(CopyPath(), {});
  if (!conn.ok()) std::abort();
  StatementLoop(state, [&](const char* sql) { return (*conn)->Prepare(sql); });
}
BENCHMARK(BM_StatementConnection);

void BM_StatementSqlDb(benchmark::State& state) {
  auto conn = sqlite::Connection::Open(CopyPath(), {});
  if (!conn.ok()) std::abort();
  sqlite::SqliteDb db(**conn);
  StatementLoop(state, [&](const char* sql) { return db.Prepare(sql); });
}
BENCHMARK(BM_StatementSqlDb);

}  // namespace
}  // namespace retorno

BENCHMARK_MAIN();
