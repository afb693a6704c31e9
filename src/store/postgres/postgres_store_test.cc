// PostgresStore's transactions against the binary's private cluster: commit, rollback,
// retries of serialization failures, read-only snapshots, opening and migrating.
// The callbacks here write through the transaction's sql::Db directly (DbTx), so these
// tests pin down the store's transaction semantics apart from any repository.
#include "store/postgres/postgres_store.h"

#include <cstdlib>
#include <latch>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "store/postgres/cluster_env.h"
#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"
#include "store/postgres/test_cluster.h"

namespace retorno {
namespace {

// A Tx whose repositories are not used here; the tests reach the transaction's
// sql::Db through DbTx.
class StubTx : public Tx {
 public:
  AccountsRepository& accounts() override { std::abort(); }
  PartiesRepository& parties() override { std::abort(); }
  FollowupsRepository& followups() override { std::abort(); }
  FollowupQueries& followup_queries() override { std::abort(); }
  FollowupExportQueries& followup_export() override { std::abort(); }
  MessagingRepository& messaging() override { std::abort(); }
  SalesRepository& sales() override { std::abort(); }
  JobsRepository& jobs() override { std::abort(); }
  ReportQueries& reports() override { std::abort(); }
  AuditRepository& audit() override { std::abort(); }
  PrivacyRepository& privacy() override { std::abort(); }
  ReportScheduleRepository& report_schedules() override { std::abort(); }
  AttendanceRepository& attendance() override { std::abort(); }
  WorkflowRepository& workflow() override { std::abort(); }
  QuestionnaireRepository& questionnaires() override { std::abort(); }
};

class DbTx final : public StubTx {
 public:
  explicit DbTx(sql::Db& db) : db(db) {}
  sql::Db& db;
};

sql::Db& DbOf(Tx& tx) { return static_cast<DbTx&>(tx).db; }

std::unique_ptr<Tx> MakeDbTx(sql::Db& db) { return std::make_unique<DbTx>(db); }

absl::StatusOr<int64_t> CounterOf(Tx& tx) {
  absl::StatusOr<sql::Query> q = DbOf(tx).Prepare("SELECT n FROM counter WHERE id = 1");
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError("counter");
  return q->Int(0);
}

absl::Status SetCounter(Tx& tx, int64_t n) {
  return DbOf(tx).Run("UPDATE counter SET n = ? WHERE id = 1", n);
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = postgres::FreshMigratedDb();
    ASSERT_FALSE(url_.empty());
    absl::StatusOr<std::unique_ptr<postgres::Connection>> c = postgres::Connection::Open(url_);
    ASSERT_TRUE(c.ok()) << c.status();
    ASSERT_TRUE((*c)->Exec("CREATE TABLE counter (id integer PRIMARY KEY, n bigint NOT NULL);"
                           "INSERT INTO counter VALUES (1, 0)")
                    .ok());
    absl::StatusOr<std::unique_ptr<Store>> s =
        OpenPostgresStore({.url = url_, .pool_size = 4}, &MakeDbTx);
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
  }

  void TearDown() override {
    store_.reset();
    if (!url_.empty()) postgres::SharedCluster()->DropDatabase(url_).IgnoreError();
  }

  int64_t Counter() {
    int64_t n = -1;
    absl::Status st = store_->Read([&](Tx& tx) -> absl::Status {
      absl::StatusOr<int64_t> v = CounterOf(tx);
      if (!v.ok()) return v.status();
      n = *v;
      return absl::OkStatus();
    });
    EXPECT_TRUE(st.ok()) << st;
    return n;
  }

  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_F(PostgresStoreTest, AWriteCommitsWhenItsCallbackSucceeds) {
  absl::Status st = store_->Write([](Tx& tx) { return SetCounter(tx, 7); });
  ASSERT_TRUE(st.ok()) << st;
  EXPECT_EQ(Counter(), 7);
}

TEST_F(PostgresStoreTest, AFailedOrThrowingCallbackRollsBack) {
  absl::Status st = store_->Write([](Tx& tx) -> absl::Status {
    if (absl::Status s = SetCounter(tx, 7); !s.ok()) return s;
    return absl::InvalidArgumentError("refused by the use case");
  });
  EXPECT_EQ(st, absl::InvalidArgumentError("refused by the use case"));
  EXPECT_EQ(Counter(), 0);
  st = store_->Write([](Tx& tx) -> absl::Status {
    if (absl::Status s = SetCounter(tx, 8); !s.ok()) return s;
    throw std::runtime_error("boom");
  });
  EXPECT_TRUE(absl::IsInternal(st)) << st;
  EXPECT_EQ(Counter(), 0);
  // A database error inside the callback (a unique violation) rolls back as well.
  st = store_->Write([](Tx& tx) -> absl::Status {
    if (absl::Status s = SetCounter(tx, 9); !s.ok()) return s;
    return DbOf(tx).Run("INSERT INTO counter VALUES (1, 0)");
  });
  EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
  EXPECT_EQ(Counter(), 0);
}

// Only the database's serialization failures are retried: a callback's own Aborted
// (a use case's refusal) ends the Write after one run, as it is.
TEST_F(PostgresStoreTest, ACallbacksOwnAbortedIsNotRetried) {
  int runs = 0;
  absl::Status st = store_->Write([&](Tx& tx) -> absl::Status {
    ++runs;
    if (absl::Status s = SetCounter(tx, 6); !s.ok()) return s;
    return absl::AbortedError("business rule said no");
  });
  EXPECT_EQ(st, absl::AbortedError("business rule said no"));
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(Counter(), 0);
}

TEST_F(PostgresStoreTest, AReadRefusesToWrite) {
  absl::Status st = store_->Read([](Tx& tx) { return SetCounter(tx, 5); });
  EXPECT_TRUE(absl::IsInternal(st)) << st;
  EXPECT_EQ(Counter(), 0);
}

TEST_F(PostgresStoreTest, AReadIsOneSnapshot) {
  absl::Status write;
  absl::Status st = store_->Read([&](Tx& tx) -> absl::Status {
    absl::StatusOr<int64_t> before = CounterOf(tx);
    if (!before.ok()) return before.status();
    std::thread t([&] { write = store_->Write([](Tx& w) { return SetCounter(w, 3); }); });
    t.join();
    absl::StatusOr<int64_t> after = CounterOf(tx);
    if (!after.ok()) return after.status();
    EXPECT_EQ(*before, 0);
    EXPECT_EQ(*after, 0);
    return absl::OkStatus();
  });
  ASSERT_TRUE(st.ok()) << st;
  ASSERT_TRUE(write.ok()) << write;
  EXPECT_EQ(Counter(), 3);
}

// Two writers read the counter, then both write it: PostgreSQL stops the second with a
// serialization failure, the store runs its callback again on a new snapshot, and both
// increments land.
TEST_F(PostgresStoreTest, ASerializationFailureRunsTheCallbackAgain) {
  std::latch both_read(2);
  std::atomic<int> runs{0};
  std::vector<std::thread> threads;
  absl::Status results[2];
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      bool first = true;
      results[t] = store_->Write([&](Tx& tx) -> absl::Status {
        ++runs;
        absl::StatusOr<int64_t> n = CounterOf(tx);
        if (!n.ok()) return n.status();
        if (first) {
          first = false;
          both_read.arrive_and_wait();
        }
        return SetCounter(tx, *n + 1);
      });
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_TRUE(results[0].ok()) << results[0];
  EXPECT_TRUE(results[1].ok()) << results[1];
  EXPECT_EQ(runs.load(), 3);
  EXPECT_EQ(Counter(), 2);
}

TEST_F(PostgresStoreTest, ManyConcurrentReadModifyWritesLoseNothing) {
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        absl::Status st = store_->Write([](Tx& tx) -> absl::Status {
          absl::StatusOr<int64_t> n = CounterOf(tx);
          if (!n.ok()) return n.status();
          return SetCounter(tx, *n + 1);
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Counter(), kThreads * kEach);
}

// After a conflict a write runs alone on the node, so even with two attempts at most,
// eight writers hammering one row all land: the second attempt meets no rival.
TEST_F(PostgresStoreTest, ARetryRunsAloneSoAHotRowStarvesNoWriter) {
  absl::StatusOr<std::unique_ptr<Store>> two =
      OpenPostgresStore({.url = url_, .pool_size = 8, .max_attempts = 2}, &MakeDbTx);
  ASSERT_TRUE(two.ok()) << two.status();
  constexpr int kThreads = 8, kEach = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        absl::Status st = (*two)->Write([](Tx& tx) -> absl::Status {
          absl::StatusOr<int64_t> n = CounterOf(tx);
          if (!n.ok()) return n.status();
          return SetCounter(tx, *n + 1);
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Counter(), kThreads * kEach);
}

// Three stores on one database are three nodes: no node's gate orders the others'
// writes, the database's advisory lock does. With two attempts at most, writers on
// every node hammering one row all land.
TEST_F(PostgresStoreTest, ARetryRunsAloneInTheClusterSoNodesStarveNoWriter) {
  constexpr int kNodes = 3, kThreads = 3, kEach = 15;
  std::vector<std::unique_ptr<Store>> nodes;
  for (int n = 0; n < kNodes; ++n) {
    absl::StatusOr<std::unique_ptr<Store>> node =
        OpenPostgresStore({.url = url_, .pool_size = 4, .max_attempts = 2}, &MakeDbTx);
    ASSERT_TRUE(node.ok()) << node.status();
    nodes.push_back(*std::move(node));
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kNodes * kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        absl::Status st = nodes[t % kNodes]->Write([](Tx& tx) -> absl::Status {
          absl::StatusOr<int64_t> n = CounterOf(tx);
          if (!n.ok()) return n.status();
          return SetCounter(tx, *n + 1);
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Counter(), kNodes * kThreads * kEach);
}

TEST_F(PostgresStoreTest, ANestedWriteIsRefusedAndANestedReadSeesTheLastCommit) {
  absl::Status inner_write, inner_read;
  int64_t seen = -1;
  absl::Status st = store_->Write([&](Tx& tx) -> absl::Status {
    if (absl::Status s = SetCounter(tx, 4); !s.ok()) return s;
    inner_write = store_->Write([](Tx& w) { return SetCounter(w, 5); });
    inner_read = store_->Read([&](Tx& r) -> absl::Status {
      absl::StatusOr<int64_t> n = CounterOf(r);
      if (n.ok()) seen = *n;
      return n.status();
    });
    return absl::OkStatus();
  });
  ASSERT_TRUE(st.ok()) << st;
  EXPECT_TRUE(absl::IsInternal(inner_write)) << inner_write;
  EXPECT_TRUE(inner_read.ok()) << inner_read;
  EXPECT_EQ(seen, 0);
  EXPECT_EQ(Counter(), 4);
}

absl::StatusOr<std::string> IsolationOf(Tx& tx) {
  absl::StatusOr<sql::Query> q = DbOf(tx).Prepare("SHOW transaction_isolation");
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return q->Text(0);
}

TEST_F(PostgresStoreTest, ARowLockedWriteIsReadCommittedAndAWriteSerializable) {
  std::string row_locked, serializable;
  ASSERT_TRUE(store_
                  ->WriteRowLocked([&](Tx& tx) -> absl::Status {
                    absl::StatusOr<std::string> iso = IsolationOf(tx);
                    if (iso.ok()) row_locked = *iso;
                    return iso.status();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> absl::Status {
                    absl::StatusOr<std::string> iso = IsolationOf(tx);
                    if (iso.ok()) serializable = *iso;
                    return iso.status();
                  })
                  .ok());
  EXPECT_EQ(row_locked, "read committed");
  EXPECT_EQ(serializable, "serializable");
}

// Follow-ups created at once for one customer, through the real repositories, with a
// single attempt each: at READ COMMITTED none fails (serialisable, 30-40 % of them lost
// a serialization race, the adjacent ids sharing index pages).
TEST_F(PostgresStoreTest, ConcurrentCreationsNeedNoRetry) {
  absl::StatusOr<std::unique_ptr<Store>> one =
      OpenPostgresStore({.url = url_, .pool_size = 8, .max_attempts = 1});
  ASSERT_TRUE(one.ok()) << one.status();
  Store& store = **one;
  const absl::Time now = absl::FromUnixSeconds(1790000000);
  UserId user;
  PartyId party;
  ASSERT_TRUE(store
                  .Write([&](Tx& tx) -> absl::Status {
                    User u;
                    u.login = "ana";
                    u.name = "Ana";
                    u.password_hash = "$argon2id$test";
                    u.created_at = now;
                    absl::StatusOr<UserId> uid = tx.accounts().InsertUser(u);
                    if (!uid.ok()) return uid.status();
                    user = *uid;
                    Party p;
                    p.code = "ACME";
                    p.name = "Acme";
                    p.created_at = now;
                    absl::StatusOr<PartyId> pid = tx.parties().InsertParty(p);
                    if (!pid.ok()) return pid.status();
                    party = *pid;
                    return absl::OkStatus();
                  })
                  .ok());
  constexpr int kThreads = 8, kEach = 15;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        absl::Status st = store.WriteRowLocked([&](Tx& tx) -> absl::Status {
          Followup f;
          f.party_id = party;
          f.owner_id = f.created_by = f.updated_by = user;
          f.subject = "Retorno";
          f.category = "pos_venda";
          f.created_at = f.updated_at = now;
          f.next_due_date = absl::CivilDay(2026, 12, 1);
          absl::StatusOr<FollowupId> id = tx.followups().InsertFollowup(f);
          if (!id.ok()) return id.status();
          Action a;
          a.followup_id = *id;
          a.type = "phone";
          a.due_date = absl::CivilDay(2026, 12, 1);
          a.assignee_id = user;
          a.created_at = now;
          if (absl::Status s = tx.followups().InsertAction(a).status(); !s.ok()) return s;
          return tx.attendance().PutFollowupType(*id, AttendanceTypeId(1));
        });
        if (!st.ok()) {
          ADD_FAILURE() << st;
          ++failures;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  int64_t followups = -1;
  ASSERT_TRUE(store
                  .Read([&](Tx& tx) -> absl::Status {
                    absl::StatusOr<int64_t> n =
                        tx.followup_queries().CountFollowups(FollowupQuery{});
                    if (!n.ok()) return n.status();
                    followups = *n;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(followups, kThreads * kEach);
}

TEST(PostgresStoreOpen, MigratesAnEmptyDatabaseOnceAndRefusesBadUrls) {
  postgres::TestCluster* cluster = postgres::SharedCluster();
  ASSERT_NE(cluster, nullptr);
  absl::StatusOr<std::string> db = cluster->FreshDatabase();
  ASSERT_TRUE(db.ok()) << db.status();
  absl::StatusOr<std::unique_ptr<Store>> store = OpenPostgresStore({.url = *db}, &MakeDbTx);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<int> again = MigratePostgres(*db);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, 0);
  absl::StatusOr<std::string> empty = cluster->FreshDatabase();
  ASSERT_TRUE(empty.ok());
  absl::StatusOr<int> all = MigratePostgres(*empty);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(*all, static_cast<int>(postgres::EmbeddedMigrations().size()));

  absl::StatusOr<std::unique_ptr<Store>> bad =
      OpenPostgresStore({.url = "postgresql://db/retorno?no_such_option=1"}, &MakeDbTx);
  EXPECT_TRUE(absl::IsInvalidArgument(bad.status())) << bad.status();
  bad = OpenPostgresStore({.url = "postgresql://127.0.0.1:1/db?connect_timeout=2"}, &MakeDbTx);
  EXPECT_TRUE(absl::IsUnavailable(bad.status())) << bad.status();
  EXPECT_TRUE(IsPostgresUrl("postgresql://a,b/retorno?target_session_attrs=read-write"));
  EXPECT_TRUE(IsPostgresUrl("postgres://db/retorno"));
  EXPECT_FALSE(IsPostgresUrl("data/retorno.db"));
  EXPECT_FALSE(IsPostgresUrl("sqlite:data/retorno.db"));
}

}  // namespace
}  // namespace retorno
