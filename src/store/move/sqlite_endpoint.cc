#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "store/move/endpoint.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno::move {

namespace {

class SqliteEndpoint final : public Endpoint {
 public:
  SqliteEndpoint(std::string path, bool source) : path_(std::move(path)), source_(source) {}

  // Opens the connection on first use, so a target refused before its migration is not
  // created.
  absl::Status Open() {
    if (conn_) return absl::OkStatus();
    // NORMAL, not FULL, for the copy's many commits: a power cut during the copy is
    // what --resume is for, and the last commit is made durable by Close's checkpoint.
    ASSIGN_OR_RETURN(conn_, sqlite::Connection::Open(path_, {.query_only = source_}));
    db_ = std::make_unique<sqlite::SqliteDb>(*conn_);
    return absl::OkStatus();
  }

  ~SqliteEndpoint() override {
    if (conn_ && conn_->InTransaction()) conn_->ExecScript("ROLLBACK").IgnoreError();
    if (conn_ && !source_) conn_->ExecScript("PRAGMA wal_checkpoint(TRUNCATE)").IgnoreError();
  }

  const std::string& name() const override { return path_; }
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }

  absl::StatusOr<int> SchemaVersion() override {
    RETURN_IF_ERROR(Open());
    const bool outside = !conn_->InTransaction();
    if (outside) RETURN_IF_ERROR(conn_->ExecScript("BEGIN"));
    absl::StatusOr<int> version = ReadVersion();
    if (outside) RETURN_IF_ERROR(conn_->ExecScript("COMMIT"));
    return version;
  }

  int BuildSchemaVersion() const override { return SqliteSchemaVersion(); }

  // MigrateSqlite also creates the file, its folder and the owner-only modes the store
  // insists on.
  absl::Status Migrate() override {
    RETURN_IF_ERROR(MigrateSqlite(path_).status());
    return Open();
  }

  absl::Status Begin() override {
    RETURN_IF_ERROR(Open());
    return conn_->ExecScript(source_ ? "BEGIN" : "BEGIN IMMEDIATE");
  }
  absl::Status Commit() override { return conn_->ExecScript("COMMIT"); }
  void Rollback() override {
    if (conn_->InTransaction()) conn_->ExecScript("ROLLBACK").IgnoreError();
  }
  sql::Db& db() override { return *db_; }
  absl::Status Exec(const std::string& sql) override { return conn_->ExecScript(sql); }

 private:
  absl::StatusOr<int> ReadVersion() {
    {
      ASSIGN_OR_RETURN(sqlite::Query q,
                       conn_->Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                      "name = 'schema_migrations'"));
      ASSIGN_OR_RETURN(bool exists, q.Step());
      if (!exists) return 0;
    }
    ASSIGN_OR_RETURN(sqlite::Query q, conn_->Prepare("SELECT max(version) FROM schema_migrations"));
    ASSIGN_OR_RETURN(bool row, q.Step());
    return row ? static_cast<int>(q.Int(0)) : 0;
  }

  const std::string path_;
  const bool source_;
  std::unique_ptr<sqlite::Connection> conn_;
  std::unique_ptr<sqlite::SqliteDb> db_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Endpoint>> OpenSqliteSource(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return absl::NotFoundError(absl::StrCat("no database file at ", path));
  auto e = std::make_unique<SqliteEndpoint>(path, /*source=*/true);
  RETURN_IF_ERROR(e->Open());
  return e;
}

absl::StatusOr<std::unique_ptr<Endpoint>> OpenSqliteTarget(const std::string& path) {
  return std::make_unique<SqliteEndpoint>(path, /*source=*/false);
}

}  // namespace retorno::move
