// The PostgreSQL store's groundwork against a private cluster (test_cluster.h): one
// cluster for this binary, a migrated template, a fresh database per test.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/model.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/postgres/cluster_env.h"
#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"
#include "store/postgres/test_cluster.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"

namespace retorno::postgres {
namespace {

using ::testing::IsEmpty;

TestCluster* cluster = nullptr;

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster = SharedCluster();
    ASSERT_NE(cluster, nullptr) << "the test cluster did not start";
  }
  // A fresh copy of the migrated template.
  std::string MigratedDb() { return FreshMigratedDb(); }
  std::unique_ptr<Connection> Connect(const std::string& conninfo) {
    absl::StatusOr<std::unique_ptr<Connection>> c = Connection::Open(conninfo);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? std::move(*c) : nullptr;
  }
};

TEST(PostgresErrors, SqlStatesMapToTheCodesOfThePorts) {
  EXPECT_EQ(StatusFromSqlState("23505", "duplicate", "Key (login)=(ana) already exists."),
            absl::AlreadyExistsError("login"));
  EXPECT_EQ(StatusFromSqlState("23505", "duplicate", "Key (lower(login))=(ana) already exists."),
            absl::AlreadyExistsError("login"));
  EXPECT_EQ(StatusFromSqlState("23503", "fk", ""), absl::FailedPreconditionError("foreign_key"));
  EXPECT_TRUE(absl::IsInvalidArgument(StatusFromSqlState("23514", "check", "")));
  EXPECT_TRUE(absl::IsAborted(StatusFromSqlState("40001", "serialization", "")));
  EXPECT_TRUE(absl::IsAborted(StatusFromSqlState("40P01", "deadlock", "")));
  EXPECT_TRUE(absl::IsUnavailable(StatusFromSqlState("08006", "lost", "")));
  EXPECT_TRUE(absl::IsUnavailable(StatusFromSqlState("57P01", "admin shutdown", "")));
  EXPECT_TRUE(absl::IsInternal(StatusFromSqlState("42601", "syntax", "")));
  EXPECT_TRUE(IsRetryable(absl::AbortedError("")));
  EXPECT_FALSE(IsRetryable(absl::UnavailableError("")));
}

TEST_F(PostgresTest, AnUnreachableServerIsUnavailable) {
  absl::StatusOr<std::unique_ptr<Connection>> c =
      Connection::Open("host=127.0.0.1 port=1 dbname=x connect_timeout=2");
  EXPECT_TRUE(absl::IsUnavailable(c.status())) << c.status();
}

TEST_F(PostgresTest, PoolHandsOutAndTakesBackConnectionsUnderConcurrency) {
  absl::StatusOr<std::unique_ptr<Pool>> pool =
      Pool::Create({.conninfo = cluster->ConnInfo(), .size = 3});
  ASSERT_TRUE(pool.ok()) << pool.status();
  std::atomic<int> leased{0};
  std::atomic<int> most{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        absl::StatusOr<Lease> lease = (*pool)->Acquire();
        if (!lease.ok()) {
          ++failures;
          continue;
        }
        int now = ++leased;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        absl::StatusOr<Result> r =
            (*lease)->ExecPrepared("add_one", "SELECT $1::bigint + 1", Params(t * 100 + i));
        if (!r.ok() || r->Int(0, 0) != t * 100 + i + 1) ++failures;
        --leased;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(most.load(), 3);
  EXPECT_LE((*pool)->open(), 3u);
  EXPECT_EQ((*pool)->idle(), (*pool)->open());
  // Each connection prepared the statement once, however often it ran it.
  std::vector<Lease> all;
  const size_t open = (*pool)->open();
  for (size_t i = 0; i < open; ++i) {
    absl::StatusOr<Lease> lease = (*pool)->Acquire();
    ASSERT_TRUE(lease.ok());
    EXPECT_EQ((*lease)->PreparedCount(), 1u);
    all.push_back(std::move(*lease));
  }
}

TEST_F(PostgresTest, AFullPoolLendsTheNextReturnedConnectionToAWaitingCaller) {
  absl::StatusOr<std::unique_ptr<Pool>> pool =
      Pool::Create({.conninfo = cluster->ConnInfo(), .size = 2});
  ASSERT_TRUE(pool.ok()) << pool.status();
  std::vector<Lease> held;
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<Lease> lease = (*pool)->Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status();
    held.push_back(std::move(*lease));
  }
  EXPECT_NE(&*held[0], &*held[1]);
  Connection* returned = &*held[1];
  Connection* got = nullptr;
  std::thread waiter([&] {
    absl::StatusOr<Lease> lease = (*pool)->Acquire();
    if (lease.ok()) got = &**lease;
  });
  held.pop_back();  // returns the second connection, whether the waiter waits yet or not
  waiter.join();
  EXPECT_EQ(got, returned);
  EXPECT_EQ((*pool)->open(), 2u);
}

// A multi-host URL is passed to libpq as given: the first host is down, the second is
// the read-write primary, so that is where the pool connects.
TEST_F(PostgresTest, AMultiHostUrlReachesTheReadWriteHost) {
  const std::string url = absl::StrCat("postgresql://127.0.0.1:1,127.0.0.1:", cluster->port(),
                                       "/postgres?user=retorno&connect_timeout=5"
                                       "&target_session_attrs=read-write");
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create({.conninfo = url, .size = 1});
  ASSERT_TRUE(pool.ok()) << pool.status();
  absl::StatusOr<Lease> lease = (*pool)->Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  absl::StatusOr<Result> r = (*lease)->Exec("SHOW transaction_read_only");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Text(0, 0), "off");
}

TEST_F(PostgresTest, AnExhaustedPoolAnswersUnavailableAfterItsTimeout) {
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create(
      {.conninfo = cluster->ConnInfo(), .size = 1, .acquire_timeout = absl::Milliseconds(20)});
  ASSERT_TRUE(pool.ok()) << pool.status();
  absl::StatusOr<Lease> first = (*pool)->Acquire();
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(absl::IsUnavailable((*pool)->Acquire().status()));
}

TEST_F(PostgresTest, DefaultPoolSizeIsTwiceTheCores) {
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create({.conninfo = cluster->ConnInfo()});
  ASSERT_TRUE(pool.ok()) << pool.status();
  EXPECT_EQ((*pool)->size(), std::max<size_t>(2, 2 * std::thread::hardware_concurrency()));
}

TEST_F(PostgresTest, AUniqueViolationIsAlreadyExistsNamingTheColumn) {
  std::unique_ptr<Connection> conn = Connect(MigratedDb());
  ASSERT_NE(conn, nullptr);
  const std::string insert =
      "INSERT INTO users (login, name, role, time_zone, locale, alert_on_login, active,"
      " password_hash, created_at) VALUES ($1, 'Ana', 'agent', 'America/Sao_Paulo', 'pt-BR',"
      " 1, 1, 'x', 0)";
  ASSERT_TRUE(conn->ExecPrepared("insert_user", insert, Params("ana")).ok());
  // Logins are one user whatever their case, as on SQLite.
  absl::StatusOr<Result> again = conn->ExecPrepared("insert_user", insert, Params("ANA"));
  EXPECT_EQ(again.status(), absl::AlreadyExistsError("login"));
  absl::StatusOr<Result> branch = conn->Exec("INSERT INTO branches (name) VALUES ('Centro')");
  ASSERT_TRUE(branch.ok()) << branch.status();
  EXPECT_EQ(conn->Exec("INSERT INTO branches (name) VALUES ('Centro')").status(),
            absl::AlreadyExistsError("name"));
}

TEST_F(PostgresTest, AWriteInAReadTransactionIsRefused) {
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create({.conninfo = MigratedDb(), .size = 1});
  ASSERT_TRUE(pool.ok()) << pool.status();
  absl::Status st = WithRetry(**pool, TxKind::kRead, [](Connection& c) {
    return c.Exec("INSERT INTO branches (name) VALUES ('Centro')").status();
  });
  EXPECT_TRUE(absl::IsInternal(st)) << st;
  // The connection went back to the pool outside any transaction and still works.
  absl::StatusOr<Lease> lease = (*pool)->Acquire();
  ASSERT_TRUE(lease.ok());
  EXPECT_FALSE((*lease)->InTransaction());
  absl::StatusOr<Result> r = (*lease)->Exec("SELECT count(*) FROM branches");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 0);
}

// Two serializable transactions read the same counter, then both update it: the second
// writer fails with a serialization failure, WithRetry runs it again on a new snapshot,
// and both increments land.
TEST_F(PostgresTest, ConflictingSerializableWritersAreRetriedAndBothLand) {
  std::string db = MigratedDb();
  {
    std::unique_ptr<Connection> conn = Connect(db);
    ASSERT_NE(conn, nullptr);
    ASSERT_TRUE(conn->Exec("CREATE TABLE counter (id integer PRIMARY KEY, n bigint NOT NULL);"
                           "INSERT INTO counter VALUES (1, 0)")
                    .ok());
  }
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create({.conninfo = db, .size = 2});
  ASSERT_TRUE(pool.ok()) << pool.status();
  std::latch both_read(2);
  int attempts[2] = {0, 0};
  absl::Status results[2];
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      int run = 0;
      results[t] = WithRetry(
          **pool, TxKind::kWrite,
          [&](Connection& c) -> absl::Status {
            ++run;
            absl::StatusOr<Result> r = c.Exec("SELECT n FROM counter WHERE id = 1");
            if (!r.ok()) return r.status();
            // The first runs wait for each other, so both read before either writes.
            if (run == 1) both_read.arrive_and_wait();
            return c
                .ExecPrepared("set_counter", "UPDATE counter SET n = $1 WHERE id = 1",
                              Params(r->Int(0, 0) + 1))
                .status();
          },
          {}, &attempts[t]);
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_TRUE(results[0].ok()) << results[0];
  EXPECT_TRUE(results[1].ok()) << results[1];
  EXPECT_EQ(attempts[0] + attempts[1], 3);  // one of them ran twice
  std::unique_ptr<Connection> conn = Connect(db);
  ASSERT_NE(conn, nullptr);
  absl::StatusOr<Result> r = conn->Exec("SELECT n FROM counter WHERE id = 1");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 2);
}

// Deferred statements reach the server with the next statement, in its round trip, in
// order; when one fails, that call fails with its error and the statements of its
// implicit transaction after it do not run.
TEST_F(PostgresTest, DeferredStatementsRunWithTheNextOneAndTheirErrorIsItsError) {
  std::unique_ptr<Connection> conn = Connect(MigratedDb());
  ASSERT_NE(conn, nullptr);
  ASSERT_TRUE(conn->Exec("CREATE TABLE counter (n bigint NOT NULL)").ok());
  conn->Defer("BEGIN", /*own_sync=*/false);
  EXPECT_TRUE(conn->HasDeferred());
  EXPECT_FALSE(conn->InTransaction());  // nothing sent yet
  absl::StatusOr<Result> r =
      conn->ExecPrepared("add", "INSERT INTO counter VALUES ($1)", Params(int64_t{1}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(conn->HasDeferred());
  EXPECT_TRUE(conn->InTransaction());
  ASSERT_TRUE(conn->Exec("ROLLBACK").ok());

  conn->Defer("SELECT 1 / 0", /*own_sync=*/false);
  r = conn->ExecPrepared("add", "INSERT INTO counter VALUES ($1)", Params(int64_t{2}));
  EXPECT_TRUE(absl::IsInternal(r.status())) << r.status();
  EXPECT_THAT(std::string(r.status().message()), ::testing::HasSubstr("division by zero"));
  // The connection is fine, nothing was inserted, and the statement still runs.
  EXPECT_TRUE(conn->ok());
  r = conn->Exec("SELECT count(*) FROM counter");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 0);
  r = conn->ExecPrepared("add", "INSERT INTO counter VALUES ($1)", Params(int64_t{3}));
  ASSERT_TRUE(r.ok()) << r.status();

  // A statement with its own sync ends before the next: a session lock taken ahead of
  // BEGIN, with a COMMIT and its release in one call.
  conn->Defer("SELECT pg_advisory_lock_shared(42)", /*own_sync=*/true);
  conn->Defer("BEGIN ISOLATION LEVEL SERIALIZABLE", /*own_sync=*/false);
  r = conn->Exec(
      "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
      "pid = pg_backend_pid()");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 1);
  ASSERT_TRUE(conn->ExecThen("COMMIT", "SELECT pg_advisory_unlock_shared(42)").ok());
  EXPECT_FALSE(conn->InTransaction());
  r = conn->Exec("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 0);
}

// Queued writes travel with the next statement, in order, prepared once; reads queued
// ahead travel with it too and their rows are handed to the run that asks for them,
// unless a write ran since; a queued write's error is the error of the call that sent it.
TEST_F(PostgresTest, QueuedWritesAndReadsAheadShareTheNextRoundTrip) {
  std::unique_ptr<Connection> conn = Connect(MigratedDb());
  ASSERT_NE(conn, nullptr);
  ASSERT_TRUE(conn->Exec("CREATE TABLE counter (n bigint PRIMARY KEY)").ok());
  const std::string add = "INSERT INTO counter VALUES ($1)";
  const std::string count = "SELECT count(*) FROM counter WHERE n >= $1";
  ASSERT_TRUE(conn->Exec("BEGIN").ok());
  conn->Queue("add", add, Params(int64_t{1}), /*read=*/false);
  conn->Queue("add", add, Params(int64_t{2}), /*read=*/false);
  EXPECT_TRUE(conn->HasQueuedWrites());
  conn->Queue("count", count, Params(int64_t{0}), /*read=*/true);
  conn->Queue("count", count, Params(int64_t{2}), /*read=*/true);
  // Taking a read still queued leaves it to the caller's run (with the rest).
  EXPECT_FALSE(conn->TakeAhead("count", Params(int64_t{2})).has_value());
  absl::StatusOr<Result> r = conn->ExecPrepared("count", count, Params(int64_t{2}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 1);
  EXPECT_FALSE(conn->HasQueuedWrites());
  EXPECT_EQ(conn->PreparedCount(), 2u);
  std::optional<Result> ahead = conn->TakeAhead("count", Params(int64_t{0}));
  ASSERT_TRUE(ahead.has_value());
  EXPECT_EQ(ahead->Int(0, 0), 2);
  EXPECT_FALSE(conn->TakeAhead("count", Params(int64_t{0})).has_value());  // taken once

  // A write queued after a read ahead: the read would not see it, so it is dropped.
  conn->Queue("count", count, Params(int64_t{0}), /*read=*/true);
  conn->Queue("add", add, Params(int64_t{3}), /*read=*/false);
  r = conn->Exec("SELECT 1");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(conn->TakeAhead("count", Params(int64_t{0})).has_value());
  r = conn->ExecPrepared("count", count, Params(int64_t{0}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 3);

  // A queued write that fails (a duplicate key) fails the call that sends it.
  conn->Queue("add", add, Params(int64_t{1}), /*read=*/false);
  r = conn->Exec("SELECT 1");
  EXPECT_TRUE(absl::IsAlreadyExists(r.status())) << r.status();
  EXPECT_TRUE(conn->InFailedTransaction());
  ASSERT_TRUE(conn->Exec("ROLLBACK").ok());

  // Dropped before being sent: nothing ran, and a statement whose PREPARE was queued
  // is prepared again by its next run.
  conn->Queue("other", "INSERT INTO counter VALUES ($1 + 100)", Params(int64_t{1}), false);
  conn->DropDeferred();
  r = conn->ExecPrepared("other", "INSERT INTO counter VALUES ($1 + 100)", Params(int64_t{1}));
  ASSERT_TRUE(r.ok()) << r.status();
  r = conn->Exec("SELECT count(*) FROM counter");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 1);
}

// The write gate is held while a write runs and released when it ends, committed or
// not, so the pooled connection goes back without a lock.
TEST_F(PostgresTest, AWriteHoldsTheClusterGateOnlyWhileItRuns) {
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create({.conninfo = MigratedDb(), .size = 1});
  ASSERT_TRUE(pool.ok()) << pool.status();
  const RetryPolicy gated{.cluster_gate_key = 42};
  auto locks = [](Connection& c) {
    absl::StatusOr<Result> r = c.Exec("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
    return r.ok() ? r->Int(0, 0) : -1;
  };
  int64_t inside = -1;
  ASSERT_TRUE(WithRetry(
                  **pool, TxKind::kWrite,
                  [&](Connection& c) {
                    inside = locks(c);
                    return absl::OkStatus();
                  },
                  gated)
                  .ok());
  EXPECT_EQ(inside, 1);
  absl::Status st = WithRetry(
      **pool, TxKind::kWrite, [&](Connection& c) { return c.Exec("SELECT 1 / 0").status(); },
      gated);
  EXPECT_TRUE(absl::IsInternal(st)) << st;
  absl::StatusOr<Lease> lease = (*pool)->Acquire();
  ASSERT_TRUE(lease.ok());
  EXPECT_FALSE((*lease)->InTransaction());
  EXPECT_EQ(locks(**lease), 0);
}

TEST_F(PostgresTest, RetriesStopAfterTheLastAttempt) {
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create({.conninfo = MigratedDb()});
  ASSERT_TRUE(pool.ok()) << pool.status();
  int runs = 0;
  int attempts = 0;
  absl::Status st = WithRetry(
      **pool, TxKind::kWrite,
      [&](Connection&) {
        ++runs;
        return absl::AbortedError("simulated serialization failure");
      },
      {.max_attempts = 3, .base_backoff = absl::Microseconds(10)}, &attempts);
  EXPECT_TRUE(absl::IsUnavailable(st)) << st;
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(attempts, 3);
}

TEST_F(PostgresTest, MigrationsApplyOnAnEmptyDatabaseOnce) {
  absl::StatusOr<std::string> db = cluster->FreshDatabase();
  ASSERT_TRUE(db.ok()) << db.status();
  std::unique_ptr<Connection> conn = Connect(*db);
  ASSERT_NE(conn, nullptr);
  absl::StatusOr<int> first = ApplyMigrations(*conn, EmbeddedMigrations());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, static_cast<int>(EmbeddedMigrations().size()));
  absl::StatusOr<int> second = ApplyMigrations(*conn, EmbeddedMigrations());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, 0);
  // The seeded rows are there once.
  absl::StatusOr<Result> r = conn->Exec("SELECT count(*) FROM templates");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->Int(0, 0), 9);
}

TEST_F(PostgresTest, ADatabaseOfANewerBuildIsRefused) {
  std::unique_ptr<Connection> conn = Connect(MigratedDb());
  ASSERT_NE(conn, nullptr);
  ASSERT_TRUE(
      conn->Exec("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')").ok());
  absl::StatusOr<int> applied = ApplyMigrations(*conn, EmbeddedMigrations());
  EXPECT_TRUE(absl::IsFailedPrecondition(applied.status())) << applied.status();
}

TEST_F(PostgresTest, BothDialectsHaveTheSameMigrationVersions) {
  std::vector<int> pg, lite;
  for (const Migration& m : EmbeddedMigrations()) pg.push_back(m.version);
  for (const sqlite::Migration& m : sqlite::EmbeddedMigrations()) lite.push_back(m.version);
  EXPECT_EQ(pg, lite);
}

// Every wire name of an enum, in declaration order (ToString answers "" past the last).
template <class E>
std::vector<std::string> NamesOf() {
  std::vector<std::string> out;
  for (int i = 0; i < 64; ++i) {
    std::string_view name = ToString(static_cast<E>(i));
    if (name.empty()) break;
    out.emplace_back(name);
  }
  return out;
}

// The columns whose values are domains (migration 0033) take every value the product
// writes and refuse others, as the CHECK constraints they replaced did (and SQLite's
// still do): a domain missing a value would refuse a write only on PostgreSQL.
TEST_F(PostgresTest, TheDomainsOfTheFollowupTablesTakeEveryValueTheProductWrites) {
  std::unique_ptr<Connection> conn = Connect(MigratedDb());
  ASSERT_NE(conn, nullptr);
  const std::pair<const char*, std::vector<std::string>> domains[] = {
      {"flag", {"0", "1"}},
      {"followup_priority", NamesOf<Priority>()},
      {"followup_status", NamesOf<FollowupStatus>()},
      {"return_status", NamesOf<ActionStatus>()},
      {"entry_kind", NamesOf<EntryKind>()},
      {"reminder_kind", NamesOf<ReminderKind>()},
      {"reminder_state", NamesOf<ReminderState>()},
      {"notification_kind", NamesOf<NotificationKind>()},
      {"outbox_kind", NamesOf<OutboxKind>()},
      {"outbox_state", NamesOf<OutboxState>()},
  };
  for (const auto& [domain, values] : domains) {
    ASSERT_GE(values.size(), 2u) << domain;
    for (const std::string& v : values) {
      absl::StatusOr<Result> r =
          conn->ExecParams(absl::StrCat("SELECT CAST($1 AS ", domain, ")"), {v});
      EXPECT_TRUE(r.ok()) << domain << " refuses " << v << ": " << r.status();
    }
    absl::StatusOr<Result> bad =
        conn->ExecParams(absl::StrCat("SELECT CAST($1 AS ", domain, ")"), {"2"});
    EXPECT_TRUE(absl::IsInvalidArgument(bad.status())) << domain << ": " << bad.status();
  }
  // And the columns use them.
  absl::StatusOr<Result> typed = conn->Exec(
      "SELECT count(*) FROM information_schema.columns WHERE domain_name IS NOT NULL AND "
      "table_name IN ('followups', 'actions', 'entries', 'reminders', 'notifications', "
      "'outbox')");
  ASSERT_TRUE(typed.ok()) << typed.status();
  EXPECT_EQ(typed->Int(0, 0), 15);
}

// The follow-up tables keep one foreign key, to the customer (migration 0032, ADR 0050).
TEST_F(PostgresTest, TheFollowupTablesReferOnlyToTheirCustomerByForeignKey) {
  std::unique_ptr<Connection> conn = Connect(MigratedDb());
  ASSERT_NE(conn, nullptr);
  absl::StatusOr<Result> r = conn->Exec(
      "SELECT conrelid::regclass::text || ' -> ' || confrelid::regclass::text FROM pg_constraint "
      "WHERE contype = 'f' AND conrelid::regclass::text IN ('followups', 'actions', 'entries', "
      "'reminders', 'followup_attendance', 'notifications', 'outbox') ORDER BY 1");
  ASSERT_TRUE(r.ok()) << r.status();
  std::vector<std::string> keys;
  for (int i = 0; i < r->Rows(); ++i) keys.emplace_back(r->View(i, 0));
  EXPECT_THAT(keys, ::testing::ElementsAre("followups -> documents", "followups -> parties"));
}

// Every table and column of the SQLite schema exists on PostgreSQL, and no other.
TEST_F(PostgresTest, TheSchemaHasEveryTableAndColumnOfTheSqliteSchema) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/pg_schema_compare_", getpid(), ".db");
  std::set<std::string> lite;
  {
    absl::StatusOr<std::unique_ptr<sqlite::Connection>> conn = sqlite::Connection::Open(path, {});
    ASSERT_TRUE(conn.ok()) << conn.status();
    absl::StatusOr<int> applied = sqlite::ApplyMigrations(**conn, sqlite::EmbeddedMigrations());
    ASSERT_TRUE(applied.ok()) << applied.status();
    // table_xinfo, not table_info: it lists the generated columns too.
    absl::StatusOr<sqlite::Query> q = (*conn)->Prepare(
        "SELECT m.name, c.name FROM sqlite_schema m, pragma_table_xinfo(m.name) c"
        " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
    ASSERT_TRUE(q.ok()) << q.status();
    while (true) {
      absl::StatusOr<bool> row = q->Step();
      ASSERT_TRUE(row.ok()) << row.status();
      if (!*row) break;
      lite.insert(absl::StrCat(q->Text(0), ".", q->Text(1)));
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

  std::set<std::string> pg;
  std::unique_ptr<Connection> conn = Connect(MigratedDb());
  ASSERT_NE(conn, nullptr);
  absl::StatusOr<Result> r = conn->Exec(
      "SELECT table_name, column_name FROM information_schema.columns"
      " WHERE table_schema = 'public'");
  ASSERT_TRUE(r.ok()) << r.status();
  for (int i = 0; i < r->Rows(); ++i) pg.insert(absl::StrCat(r->Text(i, 0), ".", r->Text(i, 1)));

  ASSERT_GT(lite.size(), 100u);
  std::vector<std::string> only_sqlite, only_pg;
  std::set_difference(lite.begin(), lite.end(), pg.begin(), pg.end(),
                      std::back_inserter(only_sqlite));
  std::set_difference(pg.begin(), pg.end(), lite.begin(), lite.end(), std::back_inserter(only_pg));
  EXPECT_THAT(only_sqlite, IsEmpty());
  EXPECT_THAT(only_pg, IsEmpty());
}

}  // namespace
}  // namespace retorno::postgres
