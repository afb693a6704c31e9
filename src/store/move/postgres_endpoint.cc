#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "store/move/endpoint.h"
#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"
#include "store/postgres/postgres_db.h"

namespace retorno::move {

namespace {

class PostgresEndpoint final : public Endpoint {
 public:
  PostgresEndpoint(std::string name, std::unique_ptr<postgres::Connection> conn)
      : name_(std::move(name)), conn_(std::move(conn)) {}

  ~PostgresEndpoint() override { Rollback(); }

  const std::string& name() const override { return name_; }
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }

  absl::StatusOr<int> SchemaVersion() override {
    ASSIGN_OR_RETURN(
        postgres::Result r,
        conn_->Exec("SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE "
                    "(SELECT coalesce(max(version), 0) FROM schema_migrations) END"));
    return static_cast<int>(r.Int(0, 0));
  }

  int BuildSchemaVersion() const override {
    const auto& all = postgres::EmbeddedMigrations();
    return all.empty() ? 0 : all.back().version;
  }

  absl::Status Migrate() override {
    return postgres::ApplyMigrations(*conn_, postgres::EmbeddedMigrations()).status();
  }

  // REPEATABLE READ: the verification reads the whole target in one snapshot; nothing
  // else writes to the target during a copy, so its batches need no more.
  absl::Status Begin() override {
    RETURN_IF_ERROR(conn_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ").status());
    db_ = std::make_unique<postgres::PostgresDb>(*conn_);
    return absl::OkStatus();
  }
  absl::Status Commit() override {
    absl::Status st = conn_->Exec("COMMIT").status();
    db_.reset();
    return st;
  }
  void Rollback() override {
    db_.reset();
    if (conn_->InTransaction()) conn_->Exec("ROLLBACK").IgnoreError();
  }
  sql::Db& db() override { return *db_; }
  absl::Status Exec(const std::string& sql) override { return conn_->Exec(sql).status(); }

 private:
  const std::string name_;
  std::unique_ptr<postgres::Connection> conn_;
  std::unique_ptr<postgres::PostgresDb> db_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Endpoint>> OpenPostgresTarget(const std::string& conninfo) {
  ASSIGN_OR_RETURN(std::unique_ptr<postgres::Connection> conn,
                   postgres::Connection::Open(conninfo));
  return std::make_unique<PostgresEndpoint>(WithoutPassword(conninfo), std::move(conn));
}

}  // namespace retorno::move
