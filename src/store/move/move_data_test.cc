// move-data between two SQLite files: a demo company with binary attachments copied,
// verified and read back through the Store port; a refused target; a resumed copy; a
// corrupted row caught by the verification; a source at an older schema refused.
#include "store/move/move_data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>

#include "store/move/move_test_seed.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno::move {
namespace {

using ::testing::HasSubstr;

// Runs one statement on a database file, outside any store (to damage or inspect it).
void RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

int64_t RawCount(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  int64_t n = -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

class MoveDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/retorno-move-XXXXXX";
    dir_ = new std::string(mkdtemp(tmpl));
    source_ = new std::string(*dir_ + "/source.db");
    Seed(*source_);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete source_;
  }

  static void Seed(const std::string& path) { SeedDemoCompany(path, blobs_); }

  std::string Target(const std::string& name) { return *dir_ + "/" + name; }

  static absl::StatusOr<MoveReport> Move(const std::string& target, MoveOptions options = {}) {
    auto from = OpenSqliteSource(*source_);
    if (!from.ok()) return from.status();
    auto to = OpenTarget(target);
    if (!to.ok()) return to.status();
    return MoveData(**from, **to, options);
  }

  static std::string* dir_;
  static std::string* source_;
  static std::map<int64_t, std::string> blobs_;
};

std::string* MoveDataTest::dir_ = nullptr;
std::string* MoveDataTest::source_ = nullptr;
std::map<int64_t, std::string> MoveDataTest::blobs_;

TEST_F(MoveDataTest, CopiesVerifiesAndTheStoreReadsTheCopy) {
  const std::string target = Target("copy.db");
  std::vector<Progress> seen;
  MoveOptions options;
  options.batch_rows = 250;  // several batches, full multi-row inserts and single ones
  options.progress = [&](const Progress& p) { seen.push_back(p); };
  absl::StatusOr<MoveReport> report = Move(target, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->verified()) << testing::PrintToString(report->mismatches());
  EXPECT_FALSE(report->resumed);
  EXPECT_GT(report->rows, 150);
  EXPECT_GT(report->bytes, 12 * 9000);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().phase, Progress::Phase::kVerify);

  for (const char* table : {"users", "parties", "followups", "actions", "entries", "attachments",
                            "attachment_blobs", "documents", "templates", "contact_types",
                            "categories", "settings", "sequences", "reminders", "outbox"}) {
    const std::string count = absl::StrCat("SELECT count(*) FROM ", table);
    EXPECT_EQ(RawCount(target, count), RawCount(*source_, count)) << table;
  }
  EXPECT_GT(RawCount(target, "SELECT count(*) FROM actions WHERE next_action_id IS NOT NULL"), 0);
  EXPECT_EQ(RawCount(target,
                     "SELECT count(*) FROM sqlite_master WHERE name = "
                     "'move_data_progress'"),
            0);

  // The copy is a Retorno database: the store opens it and reads the same things.
  auto store = OpenSqliteStore({.path = target}).value();
  ASSERT_TRUE(store
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
  // New rows continue after the copied ids.
  Party p;
  p.code = "NEW-1";
  p.name = "Cliente novo";
  p.created_at = At(2026, 11, 21);
  PartyId id;
  ASSERT_TRUE(store
                  ->Write([&](Tx& tx) -> absl::Status {
                    auto inserted = tx.parties().InsertParty(p);
                    if (inserted.ok()) id = *inserted;
                    return inserted.status();
                  })
                  .ok());
  EXPECT_EQ(id.value, RawCount(*source_, "SELECT max(id) FROM parties") + 1);
}

TEST_F(MoveDataTest, RefusesATargetInUse) {
  const std::string target = Target("used.db");
  ASSERT_TRUE(Move(target).ok());
  absl::StatusOr<MoveReport> again = Move(target);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.status().message(), HasSubstr("already holds users, parties, followups"));
  MoveOptions resume;
  resume.resume = true;
  again = Move(target, resume);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.status().message(), HasSubstr("nothing to resume"));
}

TEST_F(MoveDataTest, ResumesAnInterruptedCopy) {
  const std::string target = Target("resumed.db");
  MoveOptions stop;
  stop.batch_rows = 40;
  stop.stop_after_batches = 9;  // settings ... followups: users and parties are there
  absl::StatusOr<MoveReport> first = Move(target, stop);
  ASSERT_EQ(first.status().code(), absl::StatusCode::kAborted) << first.status();
  const int64_t copied = RawCount(target, "SELECT sum(copied_rows) FROM move_data_progress");
  EXPECT_GT(copied, 0);
  EXPECT_GT(RawCount(target, "SELECT count(*) FROM users"), 0);

  absl::StatusOr<MoveReport> plain = Move(target);
  EXPECT_EQ(plain.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plain.status().message(), HasSubstr("--resume"));

  MoveOptions resume;
  resume.resume = true;
  resume.batch_rows = 40;
  absl::StatusOr<MoveReport> second = Move(target, resume);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->resumed);
  EXPECT_TRUE(second->verified()) << testing::PrintToString(second->mismatches());
  // The second run copied only what the first had not.
  int64_t total =
      RawCount(*source_, "SELECT count(*) FROM actions WHERE next_action_id IS NOT NULL");
  for (const TableCheck& c : second->checks) total += c.source_rows;
  EXPECT_EQ(second->rows, total - copied);
}

TEST_F(MoveDataTest, VerificationCatchesACorruptedRow) {
  const std::string target = Target("corrupted.db");
  ASSERT_TRUE(Move(target).ok());
  RawSql(target, "UPDATE followups SET subject = subject || '.' WHERE id = 77");
  RawSql(target, "UPDATE attachment_blobs SET bytes = zeroblob(10) WHERE attachment_id = 3");
  MoveOptions verify;
  verify.verify_only = true;
  absl::StatusOr<MoveReport> report = Move(target, verify);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->verified());
  EXPECT_EQ(report->rows, 0);
  EXPECT_THAT(report->mismatches(),
              ::testing::ElementsAre(HasSubstr("followups: "), HasSubstr("attachment_blobs: ")));
  EXPECT_THAT(report->mismatches()[0], HasSubstr("checksums differ"));
}

TEST_F(MoveDataTest, RefusesASourceAtAnOlderSchema) {
  const std::string old = Target("old.db");
  std::filesystem::copy_file(*source_, old);
  RawSql(old,
         "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM "
         "schema_migrations)");
  auto from = OpenSqliteSource(old).value();
  auto to = OpenTarget(Target("never.db")).value();
  absl::StatusOr<MoveReport> report = MoveData(*from, *to, {});
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(report.status().message(), HasSubstr("migrate` first"));
  EXPECT_FALSE(std::filesystem::exists(Target("never.db")));
}

TEST(MoveDataNames, PasswordsStayOutOfMessages) {
  EXPECT_EQ(WithoutPassword("postgresql://ana:secret@db1:5432/retorno"),
            "postgresql://ana:***@db1:5432/retorno");
  EXPECT_EQ(WithoutPassword("postgresql://db1/retorno?user=ana&password=secret&x=1"),
            "postgresql://db1/retorno?user=ana&password=***&x=1");
  EXPECT_EQ(WithoutPassword("host=db1 password = 'a b' dbname=retorno"),
            "host=db1 password = *** dbname=retorno");
  EXPECT_EQ(WithoutPassword("postgresql://retorno@127.0.0.1:5432/retorno"),
            "postgresql://retorno@127.0.0.1:5432/retorno");
}

TEST_F(MoveDataTest, AMissingSourceIsNotFound) {
  EXPECT_EQ(OpenSqliteSource(Target("nothing.db")).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace retorno::move
