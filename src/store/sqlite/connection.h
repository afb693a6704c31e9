// Thin RAII wrappers over the sqlite3 C API, private to the SQLite store: a connection
// with a cache of prepared statements, and a bound statement that resets itself.
// Every sqlite error leaves this file as an absl::Status (see SqliteError).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/ids.h"
#include "store/sql/db.h"

struct sqlite3;
struct sqlite3_stmt;

namespace retorno::sqlite {

// Converts a sqlite result code into a Status, following the conventions of
// app/ports.h: a unique or primary-key violation is AlreadyExists with the column name
// as the message ("code", "login"); SQLITE_BUSY/LOCKED is Unavailable; a foreign-key
// violation is FailedPrecondition("foreign_key"); CHECK/NOT NULL violations are
// InvalidArgument; corruption is DataLoss; a full disk is ResourceExhausted; anything
// else is Internal. `db` may be null (then only the code is used).
absl::Status SqliteError(int rc, sqlite3* db, const std::string& context);

// Calendar dates are stored as 'YYYY-MM-DD' text (see 0001_init.sql).
using sql::DayText;
using sql::ParseDayText;

class Connection;

// A prepared statement in use: bind, step, read columns. Resets (and clears the
// bindings of) a cached statement when destroyed; finalizes an uncached one. Move-only.
class Query {
 public:
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  ~Query();

  // Binding: parameters are positional ('?'), filled left to right by Bind().
  Query& Bind(int64_t v);
  Query& Bind(int v) { return Bind(static_cast<int64_t>(v)); }
  Query& Bind(bool v) { return Bind(static_cast<int64_t>(v ? 1 : 0)); }
  Query& Bind(double v);
  Query& Bind(std::string_view v);  // copied by sqlite
  Query& Bind(const std::string& v) { return Bind(std::string_view(v)); }
  Query& Bind(const char* v) { return Bind(std::string_view(v)); }
  Query& Bind(std::nullopt_t);
  Query& Bind(absl::Time t);
  Query& Bind(absl::CivilDay d) { return Bind(DayText(d)); }
  template <class Tag>
  Query& Bind(StrongId<Tag> id) {
    return Bind(id.value);
  }
  template <class T>
  Query& Bind(const std::optional<T>& v) {
    return v ? Bind(*v) : Bind(std::nullopt);
  }
  // Not copied: `bytes` must stay alive until the statement is stepped.
  Query& BindBlobNoCopy(std::string_view bytes);
  template <class... Args>
  Query& BindAll(const Args&... args) {
    (Bind(args), ...);
    return *this;
  }

  // Steps once: true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, ignoring rows (INSERT/UPDATE/DELETE).
  absl::Status Run();

  // Columns of the current row, 0-based.
  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  bool Bool(int col) const { return Int(col) != 0; }
  std::string Text(int col) const;                 // NULL reads as ""
  void TextInto(int col, std::string& out) const;  // the same, into out's buffer
  std::string Blob(int col) const;
  absl::Time Time(int col) const;
  std::optional<absl::Time> OptTime(int col) const;
  template <class Id>
  Id IdAt(int col) const {
    return Id(Int(col));
  }
  template <class Id>
  std::optional<Id> OptId(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Id(Int(col));
  }

 private:
  friend class Connection;
  // in_use: the cache entry's flag, cleared when done; null for an uncached
  // statement, which is finalized instead.
  Query(Connection* conn, sqlite3_stmt* stmt, bool* in_use);
  void NoteBind(int rc);

  Connection* conn_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
  int next_param_ = 1;
  absl::Status bind_status_;
};

// One sqlite3 connection. Not thread-safe: the store gives each connection to one
// thread at a time.
class Connection {
 public:
  struct Options {
    int busy_timeout_ms = 5000;
    bool synchronous_full = false;
    bool query_only = false;  // reader connections refuse writes
  };

  // Opens (creating if needed) the database file at `path`, in WAL mode, with foreign
  // keys on.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& path,
                                                          const Options& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL text with no parameters and no result (pragmas, migration scripts); may
  // hold several statements.
  absl::Status ExecScript(const std::string& sql);

  // A statement for `sql`, prepared once per connection and reused. A statement that
  // is already in use (a nested query of the same text) is prepared afresh.
  absl::StatusOr<Query> Prepare(absl::string_view sql);

  // Shortcut: prepare, bind, run.
  template <class... Args>
  absl::Status Run(absl::string_view sql, const Args&... args) {
    absl::StatusOr<Query> q = Prepare(sql);
    if (!q.ok()) return q.status();
    q->BindAll(args...);
    return q->Run();
  }

  int64_t Changes() const;
  int64_t LastInsertId() const;
  bool InTransaction() const;
  sqlite3* raw() const { return db_; }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;  // a Query holds it
  };

  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  // unique_ptr: Query keeps a pointer to in_use across rehashes.
  absl::flat_hash_map<std::string, std::unique_ptr<Cached>> cache_;
};

}  // namespace retorno::sqlite
