// SQLite's face of the shared SQL layer (store/sql/db.h): a Db over one Connection,
// whose statements come from the connection's cache.
#pragma once

#include "store/sql/db.h"
#include "store/sqlite/connection.h"

namespace retorno::sqlite {

class SqliteDb final : public sql::Db {
 public:
  // `conn` must be inside a transaction for the lifetime of this object.
  explicit SqliteDb(Connection& conn) : conn_(conn) {}

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  absl::StatusOr<sql::Query> Prepare(absl::string_view sql) override;
  int64_t Changes() const override { return conn_.Changes(); }

  Connection& connection() { return conn_; }

 private:
  Connection& conn_;
};

}  // namespace retorno::sqlite
