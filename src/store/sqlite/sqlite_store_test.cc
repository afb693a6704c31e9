// The store contract suite run against SQLite (temporary files), plus what only SQLite
// has: migrations, WAL, reopening a file, lock contention and query plans.
#include "store/sqlite/sqlite_store.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/sql/query_builders.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/store_contract_test.h"

namespace retorno {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "retorno-store-XXXXXX").string();
    if (mkdtemp(templ.data()) != nullptr) path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A store that owns its temporary directory: closing the store removes the files.
class TempSqliteStore final : public Store {
 public:
  TempSqliteStore(std::unique_ptr<TempDir> dir, std::unique_ptr<Store> store)
      : dir_(std::move(dir)), store_(std::move(store)) {}
  ~TempSqliteStore() override { store_.reset(); }  // close before the files go
  absl::Status Write(const std::function<absl::Status(Tx&)>& fn) override {
    return store_->Write(fn);
  }
  absl::Status Read(const std::function<absl::Status(Tx&)>& fn) override {
    return store_->Read(fn);
  }

 private:
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Store> store_;
};

std::unique_ptr<Store> MakeTempStore() {
  auto dir = std::make_unique<TempDir>();
  if (dir->path().empty()) {
    ADD_FAILURE() << "mkdtemp failed";
    return nullptr;
  }
  SqliteOptions options;
  options.path = dir->File("retorno.db");
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  if (!store.ok()) {
    ADD_FAILURE() << store.status();
    return nullptr;
  }
  return std::make_unique<TempSqliteStore>(std::move(dir), *std::move(store));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values(StoreContractParam{"Sqlite", &MakeTempStore}),
                         StoreContractParamName);

// A raw connection to the same file, for looking behind the store's back.
std::unique_ptr<sqlite::Connection> Raw(const std::string& path) {
  auto c = sqlite::Connection::Open(path, {});
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *std::move(c) : nullptr;
}

std::string One(sqlite::Connection& c, const std::string& sql) {
  auto q = c.Prepare(sql);
  EXPECT_TRUE(q.ok()) << q.status();
  if (!q.ok()) return "";
  auto row = q->Step();
  EXPECT_TRUE(row.ok()) << row.status();
  if (!row.ok() || !*row) return "";
  return q->Text(0);
}

absl::Status InsertPartyIn(Tx& tx, const std::string& code) {
  Party p;
  p.code = code;
  p.name = absl::StrCat("Parte ", code);
  return tx.parties().InsertParty(p).status();
}

absl::StatusOr<PartyId> InsertParty(Store& store, const std::string& code) {
  PartyId id;
  absl::Status st = store.Write([&](Tx& tx) -> absl::Status {
    Party p;
    p.code = code;
    p.name = absl::StrCat("Parte ", code);
    auto r = tx.parties().InsertParty(p);
    if (r.ok()) id = *r;
    return r.status();
  });
  if (!st.ok()) return st;
  return id;
}

// ---------------------------------------------------------------------------------
// Migrations

TEST(SqliteMigrations, AreNumberedFromOneInOrder) {
  const auto& all = sqlite::EmbeddedMigrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[0].name, "init");
  EXPECT_THAT(all[0].sql, HasSubstr("CREATE TABLE followups"));
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].version, all[i].version);
}

TEST(SqliteMigrations, MigrateAppliesAllOnceThenNothing) {
  TempDir dir;
  const std::string path = dir.File("nested/deeper/retorno.db");
  absl::StatusOr<int> first = MigrateSqlite(path);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, static_cast<int>(sqlite::EmbeddedMigrations().size()));
  absl::StatusOr<int> second = MigrateSqlite(path);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, 0);
  // Opening a migrated file applies nothing more and works.
  auto store = OpenSqliteStore({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  store->reset();
  auto raw = Raw(path);
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(One(*raw, "SELECT count(*) FROM schema_migrations"),
            absl::StrCat(sqlite::EmbeddedMigrations().size()));
  // The seed rows were inserted once.
  EXPECT_EQ(One(*raw, "SELECT count(*) FROM settings"), "1");
  EXPECT_EQ(One(*raw, "SELECT count(*) FROM contact_types"), "5");
}

TEST(SqliteMigrations, FailedMigrationLeavesThePreviousVersion) {
  TempDir dir;
  auto conn = Raw(dir.File("m.db"));
  ASSERT_NE(conn, nullptr);
  std::vector<sqlite::Migration> migrations = {
      {1, "one", "CREATE TABLE a (x INTEGER);"},
      {2, "two", "CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1); THIS IS NOT SQL;"},
  };
  absl::StatusOr<int> applied = sqlite::ApplyMigrations(*conn, migrations);
  EXPECT_FALSE(applied.ok());
  EXPECT_THAT(std::string(applied.status().message()), HasSubstr("2_two"));
  EXPECT_EQ(One(*conn, "SELECT group_concat(version) FROM schema_migrations"), "1");
  EXPECT_EQ(One(*conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), "0");
  EXPECT_EQ(One(*conn, "SELECT count(*) FROM a"), "0");
  EXPECT_FALSE(conn->InTransaction());
  migrations[1].sql = "CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1);";
  applied = sqlite::ApplyMigrations(*conn, migrations);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(*applied, 1);
  EXPECT_EQ(One(*conn, "SELECT count(*) FROM a"), "1");
}

// A database written before search keys and contact dates existed gets both filled
// from its rows: parties, follow-ups, entries and catalog items are found by their
// folded text, and a follow-up's contact date is its creation notes' (else created_at).
TEST(SqliteMigrations, SearchKeysAndContactDatesAreBackfilled) {
  TempDir dir;
  const std::string path = dir.File("old.db");
  auto conn = Raw(path);
  ASSERT_NE(conn, nullptr);
  std::vector<sqlite::Migration> before, all = sqlite::EmbeddedMigrations();
  for (const sqlite::Migration& m : all)
    if (m.version < 9) before.push_back(m);
  ASSERT_TRUE(sqlite::ApplyMigrations(*conn, before).ok());
  for (const char* sql :
       {"INSERT INTO users (id, login, name, role, time_zone, locale, alert_on_login, active, "
        "password_hash, created_at) VALUES (1, 'ana', 'Ana', 'admin', 'UTC', 'pt-BR', 0, 1, '', 0)",
        "INSERT INTO parties (id, code, kind, name, phone, created_at) VALUES "
        "(1, 'Ç-1', 'customer', 'Açougue Cambuí', '(11) 98765-4321', 0)",
        "INSERT INTO party_contacts (party_id, position, name) VALUES (1, 0, 'João Peña')",
        "INSERT INTO followups (id, party_id, owner_id, subject, category, priority, origin, "
        "status, version, created_by, updated_by, created_at, updated_at) VALUES "
        "(1, 1, 1, 'Orçamento', 'pos_venda', 'low', 'manual', 'open', 1, 1, 1, 5000, 5000), "
        "(2, 1, 1, 'Sem nota', 'pos_venda', 'low', 'manual', 'open', 1, 1, 1, 7000, 7000)",
        "INSERT INTO entries (followup_id, kind, body, author_id, contact_at, created_at, draft) "
        "VALUES (1, 'note', 'Ligação às 10h', 1, 1000, 5000, 0), "
        "(1, 'note', 'Depois', 1, 6000, 6000, 0)",
        "INSERT INTO catalog_items (code, kind, name, created_at, updated_at) VALUES "
        "('S-1', 'service', 'Instalação', 0, 0)"}) {
    ASSERT_TRUE(conn->Run(sql).ok()) << sql;
  }
  absl::StatusOr<int> applied = sqlite::ApplyMigrations(*conn, all);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(One(*conn, "SELECT code_key || '|' || search_key FROM parties"),
            "c-1|acougue cambui\njoao pena\n11987654321");
  EXPECT_EQ(One(*conn,
                "SELECT group_concat(subject_key || '@' || contact_at, ',') FROM "
                "(SELECT * FROM followups ORDER BY id)"),
            "orcamento@1000,sem nota@7000");
  EXPECT_EQ(One(*conn, "SELECT group_concat(body_key, ',') FROM entries"), "ligacao as 10h,depois");
  EXPECT_EQ(One(*conn, "SELECT code_key || '|' || name_key FROM catalog_items"), "s-1|instalacao");
  conn.reset();
  auto store = OpenSqliteStore({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  RETORNO_EXPECT_OK((*store)->Read([](Tx& tx) -> absl::Status {
    for (const char* q : {"cambui", "JOAO", "98765 4321", "ç-1"}) {
      auto found = tx.parties().SearchParties(q, std::nullopt, 10);
      if (!found.ok()) return found.status();
      EXPECT_EQ(found->size(), 1u) << q;
    }
    return absl::OkStatus();
  }));
}

TEST(SqliteMigrations, ANewerSchemaIsRefused) {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  ASSERT_TRUE(MigrateSqlite(path).ok());
  {
    auto raw = Raw(path);
    ASSERT_NE(raw, nullptr);
    RETORNO_ASSERT_OK(
        raw->ExecScript("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')"));
  }
  auto store = OpenSqliteStore({.path = path});
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_TRUE(absl::IsFailedPrecondition(MigrateSqlite(path).status()));
}

// ---------------------------------------------------------------------------------
// Opening, durability, locking

TEST(SqliteStore, UsesWalAndEnforcesForeignKeys) {
  TempDir dir;
  const std::string path = dir.File("wal.db");
  auto store = OpenSqliteStore({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  auto raw = Raw(path);
  ASSERT_NE(raw, nullptr);
  // journal_mode is a property of the file in WAL mode: a new connection sees it.
  EXPECT_EQ(One(*raw, "PRAGMA journal_mode"), "wal");
  absl::Status st = (*store)->Write([](Tx& tx) {
    Followup f;
    f.party_id = PartyId(999);
    f.owner_id = f.created_by = f.updated_by = UserId(999);
    f.subject = "órfão";
    f.category = "pos_venda";
    return tx.followups().InsertFollowup(f).status();
  });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_EQ(st.message(), "foreign_key");
}

mode_t ModeOf(const std::string& file) {
  struct stat st {};
  if (stat(file.c_str(), &st) != 0) return 07777;
  return st.st_mode & 0777;
}

TEST(SqliteStore, DatabaseWalAndShmAreTheOwnersOnly) {
  TempDir dir;
  const std::string path = dir.File("private.db");
  // A permissive umask must not matter: the files are created 0600 on purpose.
  const mode_t old_umask = umask(0);
  auto store = OpenSqliteStore({.path = path});
  umask(old_umask);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->Write([](Tx& tx) { return tx.accounts().PutSettings(Settings{}); }).ok());
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(ModeOf(path + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(path + "-shm"), 0600u);
}

TEST(SqliteStore, ADatabaseReadableByOthersIsTightenedOnOpen) {
  TempDir dir;
  const std::string path = dir.File("loose.db");
  {
    auto store = OpenSqliteStore({.path = path});
    ASSERT_TRUE(store.ok()) << store.status();
  }
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  ASSERT_EQ(ModeOf(path), 0644u);
  auto store = OpenSqliteStore({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(ModeOf(path), 0600u);
  ASSERT_TRUE(MigrateSqlite(path).ok());
  EXPECT_EQ(ModeOf(path + "-wal"), 0600u);
}

TEST(SqliteStore, DataSurvivesReopen) {
  TempDir dir;
  const std::string path = dir.File("data/retorno.db");  // the directory is created
  const std::string bytes("\x00\x01\xff\x00zz", 6);
  FollowupId followup;
  AttachmentId attachment;
  {
    auto store = OpenSqliteStore({.path = path, .readers = 1, .synchronous_full = true});
    ASSERT_TRUE(store.ok()) << store.status();
    RETORNO_ASSERT_OK((*store)->Write([&](Tx& tx) -> absl::Status {
      User u;
      u.login = "persistente";
      u.name = "Persistente";
      u.password_hash = "h";
      auto uid = tx.accounts().InsertUser(u);
      if (!uid.ok()) return uid.status();
      Party p;
      p.code = "KEEP";
      p.name = "Guardado São Tomé";
      auto pid = tx.parties().InsertParty(p);
      if (!pid.ok()) return pid.status();
      Followup f;
      f.party_id = *pid;
      f.owner_id = f.created_by = f.updated_by = *uid;
      f.subject = "Sobrevive ao reinício";
      f.category = "pos_venda";
      auto fid = tx.followups().InsertFollowup(f);
      if (!fid.ok()) return fid.status();
      followup = *fid;
      Action a;
      a.followup_id = *fid;
      a.type = "phone";
      a.due_date = absl::CivilDay(2026, 12, 1);
      a.assignee_id = *uid;
      if (auto r = tx.followups().InsertAction(a); !r.ok()) return r.status();
      Attachment t;
      t.followup_id = *fid;
      t.file_name = "a.bin";
      t.uploaded_by = *uid;
      auto tid = tx.followups().InsertAttachment(t, bytes);
      if (!tid.ok()) return tid.status();
      attachment = *tid;
      return absl::OkStatus();
    }));
  }
  auto store = OpenSqliteStore({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  RETORNO_ASSERT_OK((*store)->Read([&](Tx& tx) -> absl::Status {
    auto f = tx.followups().FindFollowup(followup);
    if (!f.ok()) return f.status();
    EXPECT_TRUE(f->has_value());
    if (!*f) return absl::OkStatus();
    EXPECT_EQ((*f)->subject, "Sobrevive ao reinício");
    EXPECT_EQ((*f)->next_due_date, absl::CivilDay(2026, 12, 1));
    auto b = tx.followups().ReadAttachmentBytes(attachment);
    if (!b.ok()) return b.status();
    EXPECT_EQ(*b, bytes);
    return absl::OkStatus();
  }));
}

TEST(SqliteStore, AWriteLockHeldElsewhereIsUnavailableAndReadsGoOn) {
  TempDir dir;
  const std::string path = dir.File("busy.db");
  auto store = OpenSqliteStore({.path = path, .busy_timeout_ms = 50});
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE(InsertParty(**store, "P1").ok());
  auto other = Raw(path);  // another process, e.g. a long `sqlite3` session
  ASSERT_NE(other, nullptr);
  RETORNO_ASSERT_OK(other->ExecScript("BEGIN IMMEDIATE"));
  absl::StatusOr<PartyId> blocked = InsertParty(**store, "P2");
  EXPECT_TRUE(absl::IsUnavailable(blocked.status())) << blocked.status();
  RETORNO_EXPECT_OK(
      (*store)->Read([](Tx& tx) { return tx.parties().FindParty(PartyId(1)).status(); }));
  RETORNO_ASSERT_OK(other->ExecScript("ROLLBACK"));
  EXPECT_TRUE(InsertParty(**store, "P2").ok());
}

TEST(SqliteStore, NestedWriteFailsInsteadOfDeadlocking) {
  TempDir dir;
  auto store = OpenSqliteStore({.path = dir.File("nested.db")});
  ASSERT_TRUE(store.ok()) << store.status();
  Store& s = **store;
  absl::Status inner;
  absl::Status outer = s.Write([&](Tx&) {
    inner = s.Write([](Tx&) { return absl::OkStatus(); });
    // A read from inside a write is fine (it does not see the write yet).
    return s.Read([](Tx& tx) { return tx.accounts().GetSettings().status(); });
  });
  RETORNO_EXPECT_OK(outer);
  EXPECT_TRUE(absl::IsInternal(inner)) << inner;
  // The store is usable afterwards, from this thread too.
  EXPECT_TRUE(InsertParty(s, "AFTER").ok());
}

// Group commit: writers that arrive while a batch commits share the next transaction,
// each in its own savepoint. A failing callback undoes its own writes only, and every
// other writer of its batch still gets its own OK.
TEST(SqliteStore, GroupedWritersFailAloneAndCommitTogether) {
  TempDir dir;
  auto store = OpenSqliteStore({.path = dir.File("group.db"), .synchronous_full = true});
  ASSERT_TRUE(store.ok()) << store.status();
  Store& s = **store;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  // The first writer holds the batch open until the others are queued behind it.
  auto first = std::async(std::launch::async, [&] {
    return s.Write([&](Tx& tx) -> absl::Status {
      released.wait();
      return InsertPartyIn(tx, "G-FIRST");
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::vector<std::future<absl::Status>> writers;
  for (int i = 0; i < 24; ++i)
    writers.push_back(std::async(std::launch::async, [&s, i] {
      return s.Write([i](Tx& tx) -> absl::Status {
        RETURN_IF_ERROR(InsertPartyIn(tx, absl::StrCat("G-", i)));
        if (i % 3 == 0) return absl::InvalidArgumentError("refused after writing");
        if (i % 3 == 1) return InsertPartyIn(tx, "G-FIRST");  // a duplicate code
        return absl::OkStatus();
      });
    }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  release.set_value();
  RETORNO_EXPECT_OK(first.get());
  for (int i = 0; i < 24; ++i) {
    absl::Status st = writers[static_cast<size_t>(i)].get();
    const bool as_expected = i % 3 == 0   ? absl::IsInvalidArgument(st)
                             : i % 3 == 1 ? absl::IsAlreadyExists(st)
                                          : st.ok();
    EXPECT_TRUE(as_expected) << i << " " << st;
  }
  RETORNO_EXPECT_OK(s.Read([](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<Party> all, tx.parties().SearchParties("G-", std::nullopt, 100));
    std::vector<std::string> codes;
    for (const Party& p : all) codes.push_back(p.code);
    std::sort(codes.begin(), codes.end());
    std::vector<std::string> want = {"G-FIRST"};
    for (int i = 2; i < 24; i += 3) want.push_back(absl::StrCat("G-", i));
    std::sort(want.begin(), want.end());
    EXPECT_EQ(codes, want);
    return absl::OkStatus();
  }));
}

TEST(SqliteStore, MoreConcurrentReadsThanReaderConnectionsQueue) {
  TempDir dir;
  auto store = OpenSqliteStore({.path = dir.File("pool.db"), .readers = 2});
  ASSERT_TRUE(store.ok()) << store.status();
  std::vector<std::future<absl::Status>> reads;
  for (int i = 0; i < 8; ++i)
    reads.push_back(std::async(std::launch::async, [&] {
      return (*store)->Read(
          [](Tx& tx) { return tx.accounts().ListCodes(CodeTable::kCategory).status(); });
    }));
  for (auto& r : reads) RETORNO_EXPECT_OK(r.get());
}

// ---------------------------------------------------------------------------------
// Query plans: the hot queries are index range scans or key lookups whatever the
// table size, and none sorts its result.

class SqliteQueryPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MigrateSqlite(dir_.File("plan.db")).ok());
    conn_ = Raw(dir_.File("plan.db"));
    ASSERT_NE(conn_, nullptr);
  }

  std::string Plan(const sql::BuiltSql& b) {
    auto q = conn_->Prepare("EXPLAIN QUERY PLAN " + b.sql);
    EXPECT_TRUE(q.ok()) << q.status();
    if (!q.ok()) return "";
    for (const auto& arg : b.args) std::visit([&](const auto& v) { q->Bind(v); }, arg);
    std::vector<std::string> lines;
    while (true) {
      auto row = q->Step();
      EXPECT_TRUE(row.ok()) << row.status();
      if (!row.ok() || !*row) break;
      lines.push_back(q->Text(3));
    }
    return absl::StrJoin(lines, "\n");
  }

  TempDir dir_;
  std::unique_ptr<sqlite::Connection> conn_;
};

const absl::CivilDay kToday(2026, 11, 22);

// The party search walks the name order on an index holding the folded keys, so a
// row is read from the table only when it matches, and nothing is sorted.
TEST_F(SqliteQueryPlan, PartySearchMatchesOnTheIndexInNameOrder) {
  for (const char* q : {"", "cambui", "98765 4321"}) {
    EXPECT_EQ(Plan(sql::BuildSearchParties(sql::Dialect::kSqlite, q, std::nullopt, 20)),
              "SCAN p USING INDEX parties_search")
        << q;
    EXPECT_EQ(Plan(sql::BuildSearchParties(sql::Dialect::kSqlite, q, PartyKind::kProspect, 20)),
              "SCAN p USING INDEX parties_search")
        << q;
  }
}

// Contacts of a few days are read from their index range.
TEST_F(SqliteQueryPlan, ContactDateRangeUsesItsIndex) {
  FollowupQuery q;
  q.today = kToday;
  q.contact_from = absl::FromUnixSeconds(1'790'000'000);
  q.contact_to = *q.contact_from + absl::Hours(24);
  auto b = sql::BuildFollowupQuery(sql::Dialect::kSqlite, q);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_THAT(Plan(*b), HasSubstr("followups_contact")) << Plan(*b);
}

TEST_F(SqliteQueryPlan, FindFollowupIsAPrimaryKeyLookup) {
  EXPECT_EQ(Plan(sql::BuildFindFollowup(FollowupId(1))),
            "SEARCH f USING INTEGER PRIMARY KEY (rowid=?)");
}

TEST_F(SqliteQueryPlan, CountDueIsARangeOnTheAssigneeIndex) {
  // Covering: the count reads index entries only, no table row.
  EXPECT_EQ(Plan(sql::BuildCountDue(UserId(1), kToday)),
            "SEARCH a USING COVERING INDEX actions_assignee_due (assignee_id=? AND status=? AND "
            "followup_open=? AND due_date<?)");
}

TEST_F(SqliteQueryPlan, AgendaOfOneAssigneeForTodayIsARangeInOrder) {
  AgendaQuery q;
  q.assignee_id = UserId(1);
  q.from = q.to = kToday;
  std::string plan = Plan(sql::BuildAgendaQuery(q));
  EXPECT_THAT(plan, HasSubstr("SEARCH a USING INDEX actions_assignee_due (assignee_id=? AND "
                              "status=? AND followup_open=? AND due_date>? AND due_date<?)"));
  EXPECT_THAT(plan, HasSubstr("SEARCH f USING INTEGER PRIMARY KEY (rowid=?)"));
  EXPECT_THAT(plan, HasSubstr("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"));
  EXPECT_THAT(plan, Not(HasSubstr("SCAN")));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
  // Overdue: an open-ended range on the same index.
  q.from.reset();
  q.to = kToday - 1;
  plan = Plan(sql::BuildAgendaQuery(q));
  EXPECT_THAT(plan, HasSubstr("USING INDEX actions_assignee_due (assignee_id=? AND status=? AND "
                              "followup_open=? AND due_date<?)"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteQueryPlan, EveryonesAgendaForTodayIsARangeInOrder) {
  AgendaQuery q;
  q.from = q.to = kToday;
  std::string plan = Plan(sql::BuildAgendaQuery(q));
  EXPECT_THAT(plan, HasSubstr("SEARCH a USING INDEX actions_status_due (status=? AND "
                              "followup_open=? AND due_date>? AND due_date<?)"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteQueryPlan, AnAgentsFollowupListIsARangeInOrder) {
  FollowupQuery q;
  q.today = kToday;
  q.visible_owner = UserId(1);
  q.state = FollowupState::kOverdue;
  auto b = sql::BuildFollowupQuery(sql::Dialect::kSqlite, q);
  ASSERT_TRUE(b.ok()) << b.status();
  std::string plan = Plan(*b);
  EXPECT_THAT(plan, HasSubstr("SEARCH f USING INDEX followups_owner_due (owner_id=? AND "
                              "due_key<?)"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
  // The next page: the cursor is a range on the same index.
  q.state.reset();
  q.status = FollowupStatus::kOpen;
  q.limit = 1;
  q.cursor = absl::WebSafeBase64Escape("d2026-11-22|12");
  b = sql::BuildFollowupQuery(sql::Dialect::kSqlite, q);
  ASSERT_TRUE(b.ok()) << b.status();
  plan = Plan(*b);
  EXPECT_THAT(plan, HasSubstr("SEARCH f USING INDEX followups_owner_due (owner_id=? AND "
                              "due_key>?)"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteQueryPlan, DefaultListsOverEveryStatusAreInIndexOrder) {
  FollowupQuery q;
  q.today = kToday;
  auto b = sql::BuildFollowupQuery(sql::Dialect::kSqlite, q);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(Plan(*b),
            "SCAN f USING INDEX followups_due\nSEARCH p USING INTEGER PRIMARY KEY (rowid=?)");
  q.visible_owner = UserId(1);
  b = sql::BuildFollowupQuery(sql::Dialect::kSqlite, q);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(Plan(*b),
            "SEARCH f USING INDEX followups_owner_due (owner_id=?)\n"
            "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)");
}

TEST_F(SqliteQueryPlan, SupervisorListMergesTwoOrderedRanges) {
  FollowupQuery q;
  q.today = kToday;
  q.visible_owner = UserId(1);
  q.visible_branch = BranchId(1);
  auto b = sql::BuildFollowupQuery(sql::Dialect::kSqlite, q);
  ASSERT_TRUE(b.ok()) << b.status();
  std::string plan = Plan(*b);
  EXPECT_THAT(plan, HasSubstr("SEARCH f USING INDEX followups_owner_due (owner_id=?)\nSCAN"));
  EXPECT_THAT(plan, HasSubstr("SEARCH f USING INDEX followups_branch_due (branch_id=?)\nSCAN"));
  EXPECT_THAT(plan, Not(HasSubstr("MULTI-INDEX OR")));
  // Only the merged pages (at most twice the limit) are sorted, at the very end.
  EXPECT_EQ(plan.find("TEMP B-TREE FOR ORDER BY"), plan.rfind("TEMP B-TREE"));
  EXPECT_TRUE(absl::EndsWith(plan, "USE TEMP B-TREE FOR ORDER BY")) << plan;
}

TEST_F(SqliteQueryPlan, AdminsOpenListIsARangeInOrder) {
  FollowupQuery q;
  q.today = kToday;
  q.state = FollowupState::kToday;
  auto b = sql::BuildFollowupQuery(sql::Dialect::kSqlite, q);
  ASSERT_TRUE(b.ok()) << b.status();
  std::string plan = Plan(*b);
  EXPECT_THAT(plan, HasSubstr("SEARCH f USING INDEX followups_status_due (status=? AND "
                              "due_key=?)"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
}

}  // namespace
}  // namespace retorno
