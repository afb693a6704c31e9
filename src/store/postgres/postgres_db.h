// PostgreSQL's face of the shared SQL layer (store/sql/db.h): a Db over one pooled
// Connection inside a transaction opened by its caller (the store's WithRetry, or
// `retorno move-data`).
//
//   RETURN_IF_ERROR(WithRetry(pool, TxKind::kWrite, [&](Connection& c) {
//     PostgresDb db(c);
//     return db.Run("UPDATE users SET name = ? WHERE id = ?", name, id);
//   }));
//
// The repositories write SQL with positional '?' parameters; each text is translated
// once per connection to PostgreSQL's $1..$n (a '?' inside a string literal, a quoted
// identifier or a comment is left alone) and prepared under a name of its own
// (Connection::ExecPrepared), so later runs on that connection only bind and execute.
//
// Values travel in libpq's text format: integers and doubles as their decimal text
// (doubles round-trip exactly), text as is, NULL as NULL; a blob as bytea's hex text
// ('\x00ff...'), decoded back by Blob(col). A statement runs on its first Step(); its
// rows are then read one by one from the result. Unbound trailing parameters are NULL,
// as on SQLite. Errors go through StatusFromSqlState (connection.h).
//
// Used by one thread at a time, like its Connection; must outlive its Queries.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "store/postgres/connection.h"
#include "store/sql/db.h"

namespace retorno::postgres {

// "a = ? AND b = 'x?'" -> "a = $1 AND b = 'x?'", and how many parameters it has. '?NNN'
// (SQLite's numbered form) becomes $NNN. Exposed for tests.
std::string TranslatePlaceholders(absl::string_view sql, int* params);

// bytea's text forms: hex in ('\x...'), and back (hex or the old escape format).
std::string ByteaHex(absl::string_view bytes);
std::string ByteaDecode(absl::string_view text);

class PostgresDb final : public sql::Db {
 public:
  // Distinct SQL texts a connection keeps prepared; past it, they are all dropped
  // (Connection::ForgetStatements) and prepared again as they come back.
  static constexpr size_t kMaxStatements = 256;

  // REQUIRES: `conn` is inside a transaction for the lifetime of this object.
  explicit PostgresDb(Connection& conn) : conn_(conn) {}

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  absl::StatusOr<sql::Query> Prepare(absl::string_view sql) override;
  int64_t Changes() const override { return changes_; }
  absl::Status ReserveIdsAhead(const std::vector<std::pair<std::string, int>>& counts) override;
  absl::StatusOr<std::optional<int64_t>> TakeReservedId(std::string_view table) override;
  // True once a statement lost a serialization race or a deadlock (Aborted from the
  // server): the transaction is worth running again. An Aborted status the caller made
  // up itself (a use case's own refusal) is not.
  bool conflicted() const { return conflicted_; }

  Connection& connection() { return conn_; }

 private:
  friend class PostgresCursor;
  Connection& conn_;
  int64_t changes_ = 0;
  bool conflicted_ = false;
  // The reservation announced and not yet read (its statement), then the
  // ids it gave, by table, in ascending order.
  std::string reservation_sql_;
  absl::flat_hash_map<std::string, std::deque<int64_t>> reserved_;
};

}  // namespace retorno::postgres
