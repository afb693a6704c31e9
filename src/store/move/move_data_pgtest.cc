// move-data into PostgreSQL, against the binary's private cluster (cluster_env.h): the
// demo company copied into a database that move-data migrates itself, verified, and read
// back through the PostgreSQL store and PostgresDb (attachments byte for byte,
// identities continuing after the copied ids); a refused target; a resumed copy; a corrupted row
// caught by the verification.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "store/move/move_data.h"
#include "store/move/move_test_seed.h"
#include "store/postgres/cluster_env.h"
#include "store/postgres/connection.h"
#include "store/postgres/postgres_db.h"
#include "store/postgres/postgres_store.h"

namespace retorno::move {
namespace {

using ::testing::HasSubstr;

class MoveDataPgTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/retorno-move-pg-XXXXXX";
    dir_ = new std::string(mkdtemp(tmpl));
    source_ = new std::string(*dir_ + "/source.db");
    SeedDemoCompany(*source_, blobs_);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete source_;
  }

  // An empty database (no schema): move-data migrates it.
  static std::string EmptyDb() {
    absl::StatusOr<std::string> db = postgres::SharedCluster()->FreshDatabase();
    EXPECT_TRUE(db.ok()) << db.status();
    return db.value_or("");
  }

  static absl::StatusOr<MoveReport> Move(const std::string& target, MoveOptions options = {}) {
    auto from = OpenSqliteSource(*source_);
    if (!from.ok()) return from.status();
    auto to = OpenTarget(target);
    if (!to.ok()) return to.status();
    return MoveData(**from, **to, options);
  }

  static int64_t Count(const std::string& db, const std::string& sql) {
    auto c = postgres::Connection::Open(db);
    EXPECT_TRUE(c.ok()) << c.status();
    if (!c.ok()) return -1;
    absl::StatusOr<postgres::Result> r = (*c)->Exec(sql);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() && r->Rows() > 0 ? r->Int(0, 0) : -1;
  }

  static std::string* dir_;
  static std::string* source_;
  static std::map<int64_t, std::string> blobs_;
};

std::string* MoveDataPgTest::dir_ = nullptr;
std::string* MoveDataPgTest::source_ = nullptr;
std::map<int64_t, std::string> MoveDataPgTest::blobs_;

TEST_F(MoveDataPgTest, CopiesIntoPostgresAndVerifies) {
  const std::string db = EmptyDb();
  MoveOptions options;
  options.batch_rows = 250;
  absl::StatusOr<MoveReport> report = Move(db, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->verified()) << testing::PrintToString(report->mismatches());
  EXPECT_GT(report->bytes, 12 * 9000);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'move_data_progress'"), 0);
  EXPECT_GT(Count(db, "SELECT count(*) FROM actions WHERE next_action_id IS NOT NULL"), 0);
  // Analysed: the planner knows the moved rows from the first request on.
  for (const char* table : {"followups", "actions", "entries", "parties"})
    EXPECT_GT(
        Count(db, absl::StrCat("SELECT count(*) FROM pg_stats WHERE tablename = '", table, "'")), 0)
        << table;

  // The copy is a Retorno database: the PostgreSQL store reads what the SQLite one wrote.
  {
    auto store = OpenPostgresStore({.url = db});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)
                    ->Read([&](Tx& tx) -> absl::Status {
                      for (const auto& [id, bytes] : blobs_) {
                        absl::StatusOr<std::string> read =
                            tx.followups().ReadAttachmentBytes(AttachmentId(id));
                        EXPECT_TRUE(read.ok()) << read.status();
                        if (read.ok()) {
                          EXPECT_EQ(*read, bytes) << "attachment " << id;
                        }
                      }
                      absl::StatusOr<std::optional<User>> carla =
                          tx.accounts().FindUserByLogin("carla");
                      EXPECT_TRUE(carla.ok() && carla->has_value());
                      absl::StatusOr<std::optional<Followup>> f =
                          tx.followups().FindFollowup(FollowupId(150));
                      EXPECT_TRUE(f.ok() && f->has_value());
                      return absl::OkStatus();
                    })
                    .ok());
  }
  auto conn = postgres::Connection::Open(db);
  ASSERT_TRUE(conn.ok()) << conn.status();
  ASSERT_TRUE((*conn)->Exec("BEGIN").ok());
  postgres::PostgresDb pg(**conn);
  for (const auto& [id, bytes] : blobs_) {
    auto q = pg.Prepare("SELECT bytes FROM attachment_blobs WHERE attachment_id = ?");
    ASSERT_TRUE(q.ok()) << q.status();
    q->Bind(id);
    ASSERT_TRUE(q->Step().value_or(false)) << "attachment " << id;
    EXPECT_EQ(q->Blob(0), bytes) << "attachment " << id;
  }
  // Identities continue after the copied ids (setval moved them).
  for (const char* table : {"parties", "branches"}) {
    const int64_t max = Count(db, absl::StrCat("SELECT coalesce(max(id), 0) FROM ", table));
    auto q = pg.Prepare(
        absl::StrCat("INSERT INTO ", table,
                     std::string(table) == "parties"
                         ? " (code, kind, name, created_at) VALUES ('NEW-1', 'customer', 'Novo', 0)"
                         : " (name) VALUES ('Filial nova')",
                     " RETURNING id"));
    ASSERT_TRUE(q.ok()) << q.status();
    ASSERT_TRUE(q->Step().value_or(false)) << table;
    EXPECT_EQ(q->Int(0), max + 1) << table;
  }
  ASSERT_TRUE((*conn)->Exec("ROLLBACK").ok());
}

TEST_F(MoveDataPgTest, RefusesATargetInUse) {
  const std::string db = EmptyDb();
  ASSERT_TRUE(Move(db).ok());
  absl::StatusOr<MoveReport> again = Move(db);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.status().message(), HasSubstr("already holds users, parties, followups"));
}

TEST_F(MoveDataPgTest, ResumesAnInterruptedCopy) {
  const std::string db = EmptyDb();
  MoveOptions stop;
  stop.batch_rows = 40;
  stop.stop_after_batches = 9;
  ASSERT_EQ(Move(db, stop).status().code(), absl::StatusCode::kAborted);
  EXPECT_GT(Count(db, "SELECT count(*) FROM users"), 0);
  EXPECT_THAT(Move(db).status().message(), HasSubstr("--resume"));
  MoveOptions resume;
  resume.resume = true;
  absl::StatusOr<MoveReport> second = Move(db, resume);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->resumed);
  EXPECT_TRUE(second->verified()) << testing::PrintToString(second->mismatches());
}

TEST_F(MoveDataPgTest, VerificationCatchesACorruptedRow) {
  const std::string db = EmptyDb();
  ASSERT_TRUE(Move(db).ok());
  auto conn = postgres::Connection::Open(db);
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Exec("UPDATE entries SET body = body || '.' WHERE id = 5").ok());
  MoveOptions verify;
  verify.verify_only = true;
  absl::StatusOr<MoveReport> report = Move(db, verify);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->mismatches(), ::testing::ElementsAre(HasSubstr("entries: ")));
}

}  // namespace
}  // namespace retorno::move
