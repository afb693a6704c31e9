// Thin RAII wrappers over the libpq C API, private to the PostgreSQL store: a result,
// and a connection with its named prepared statements. Every libpq error leaves this
// file as an absl::Status (see PgError); libpq never prints to stderr (each connection
// has a notice processor).
//
// Parameters and results travel in libpq's text format: a parameter is a string or
// NULL (std::nullopt); Param() converts the usual C++ values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct pg_conn;
struct pg_result;

namespace retorno::postgres {

using Param = std::optional<std::string>;

inline Param ToParam(std::nullopt_t) { return std::nullopt; }
inline Param ToParam(absl::string_view v) { return std::string(v); }
inline Param ToParam(const std::string& v) { return v; }
inline Param ToParam(const char* v) { return std::string(v); }
inline Param ToParam(int64_t v) { return std::to_string(v); }
inline Param ToParam(int v) { return std::to_string(v); }
inline Param ToParam(bool v) { return v ? "1" : "0"; }
template <class T>
Param ToParam(const std::optional<T>& v) {
  return v ? ToParam(*v) : std::nullopt;
}
template <class... Args>
std::vector<Param> Params(const Args&... args) {
  return {ToParam(args)...};
}

// Maps a SQLSTATE (five characters) and the server's message to a Status, following
// the conventions of app/ports.h and of the SQLite store (ADR 0026):
//   23505 unique violation            -> AlreadyExists(column), e.g. "login"
//   23503 foreign key                 -> FailedPrecondition("foreign_key")
//   23502, 23514 NOT NULL / CHECK     -> InvalidArgument
//   40001, 40P01 serialization, deadlock -> Aborted (the transaction may be retried)
//   class 08, 57P01..57P03, 25006     -> Unavailable (connection lost, server going
//                                        down, a standby after failover)
//   anything else                     -> Internal with the server's message
// (Connection reports 25006 as Internal when the server is not a standby: a write
// in a read-only transaction is a bug.)
// `detail` is the server's DETAIL field, from which the column of a unique violation
// is read ("Key (login)=(ana) already exists."); it may be empty.
absl::Status StatusFromSqlState(absl::string_view sqlstate, absl::string_view message,
                                absl::string_view detail);

// True for the Status of a transaction that lost a serialization race or a deadlock.
bool IsRetryable(const absl::Status& st);

// A query result, owned. Rows and columns are 0-based; values are text.
class Result {
 public:
  explicit Result(pg_result* res) : res_(res) {}
  Result(Result&& other) noexcept : res_(other.res_) { other.res_ = nullptr; }
  Result& operator=(Result&& other) noexcept;
  ~Result();
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int Rows() const;
  int Columns() const;
  bool IsNull(int row, int col) const;
  std::string Text(int row, int col) const;        // NULL reads as ""
  absl::string_view View(int row, int col) const;  // the same, valid while the Result is
  int64_t Int(int row, int col) const;             // NULL reads as 0
  std::string Tuples() const;                      // the command's row count ("INSERT 0 1" -> "1")
  std::string Command() const;                     // the command tag ("INSERT 0 1", "SELECT 3")

 private:
  pg_result* res_;
};

class Connection {
 public:
  // Opens a connection with a libpq connection string or URL, passed as given (so
  // multi-host URLs with target_session_attrs=read-write follow a promoted standby).
  // Unavailable when the server cannot be reached.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL text without parameters (several statements allowed: migrations,
  // BEGIN/COMMIT); returns the last statement's result.
  absl::StatusOr<Result> Exec(const std::string& sql);

  // Runs one statement with parameters, unnamed (not prepared for reuse).
  absl::StatusOr<Result> ExecParams(const std::string& sql, const std::vector<Param>& params);

  // Runs the statement named `name`, preparing `sql` under that name the first time
  // this connection sees it (in the same round trip). A name always stands for the same
  // SQL text.
  absl::StatusOr<Result> ExecPrepared(const std::string& name, const std::string& sql,
                                      const std::vector<Param>& params);

  // Statements sent ahead of the next one, in its round trip (libpq's pipeline mode):
  // the write gate's advisory lock and BEGIN then cost no round trip of their own, which
  // on a server across a network is most of a short transaction's time and, on one
  // machine, most of its CPU (a wake-up of each side per round trip). One statement
  // each, no parameters. `own_sync`: the statement ends before what follows (a session
  // lock taken before BEGIN); without it, it shares the next statement's implicit
  // transaction, so that a BEGIN that failed keeps the next statement from running
  // outside a transaction. The next Exec, ExecParams, ExecPrepared or ExecThen sends
  // them; a deferred statement's error is that call's error.
  void Defer(std::string sql, bool own_sync);
  bool HasDeferred() const { return !deferred_.empty(); }
  // Forgets statements deferred and not sent (nothing reached the server), queued
  // writes and reads included, and the results of reads sent ahead.
  void DropDeferred() {
    deferred_.clear();
    Unqueue([](const auto&) { return true; });
    ahead_.clear();
  }

  // Statements of the open transaction sent with the next one (libpq's pipeline mode),
  // so that a transaction's independent statements share round trips: each is the
  // prepared statement `name` (prepared from `sql` on its first use here) with its
  // parameters.
  //  - A queued write (`read` false): an INSERT, UPDATE or DELETE whose outcome the
  //    caller does not inspect (no rows, no count). Its error is the error of the call
  //    that sends it (the next statement, or COMMIT), and the transaction has failed.
  //  - A queued read (`read` true): a SELECT the caller will run soon with these same
  //    parameters; its rows wait here and TakeAhead() hands them to that run. Results
  //    read ahead are forgotten when a write runs (they might predate it).
  void Queue(const std::string& name, const std::string& sql, std::vector<Param> params, bool read);
  bool HasQueuedWrites() const;
  // Forgets queued reads and the results read ahead (a transaction ending).
  void DropReadsAhead();
  // The result read ahead for `name` with `params`, taken (nullopt: none). A read still
  // queued is taken out of the queue (nullopt): the caller runs it now, with the rest.
  std::optional<Result> TakeAhead(const std::string& name, const std::vector<Param>& params);
  // Results read ahead predate a write that just ran: forgotten.
  void WriteRan() { ahead_.clear(); }

  // Runs `first`, then `then` whatever `first`'s outcome, in one round trip; answers
  // `first`'s result (`then`'s is dropped): a COMMIT and the write gate's release.
  absl::StatusOr<Result> ExecThen(const std::string& first, const std::string& then);

  // False once the connection broke (the server went away): the pool drops it.
  bool ok() const;
  // True while a transaction (possibly failed) is open on the connection.
  bool InTransaction() const;
  // True while the open transaction has failed (the server ignores commands until
  // ROLLBACK).
  bool InFailedTransaction() const;
  // How many statements this connection has prepared (tests check reuse).
  size_t PreparedCount() const { return prepared_.size(); }
  pg_conn* raw() { return conn_; }

  // The shared SQL layer's statements on this connection (postgres_db.h): SQL text
  // with '?' parameters -> its translation to $1..$n and the name it is prepared
  // under. Shared with the Queries using an entry, so that dropping the statements
  // (ForgetStatements) never pulls one from under a Query.
  struct SqlStatement {
    std::string name;
    std::string text;  // with $1..$n
    int params = 0;
  };
  absl::flat_hash_map<std::string, std::shared_ptr<const SqlStatement>>& sql_statements() {
    return sql_statements_;
  }
  // A statement name never used on this connection before.
  std::string NewStatementName() { return "sql_" + std::to_string(++statement_names_); }
  // Drops every prepared statement of the connection (DEALLOCATE ALL) and the SQL
  // layer's translations, so that a connection that met many distinct texts (the list
  // queries are built from the filters that are set) does not keep them all on the
  // server. A statement still in use is prepared again when it runs.
  absl::Status ForgetStatements();

 private:
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  absl::StatusOr<Result> Check(pg_result* res, absl::string_view context);

  // One statement of a pipeline: a text run unnamed, or the prepared statement `name`
  // (prepared first from `sql` when `prepare`).
  struct Step {
    const std::string* sql = nullptr;
    const std::string* name = nullptr;
    bool prepare = false;
    const std::vector<Param>* params = nullptr;
    bool sync_after = true;
    bool* prepared = nullptr;  // with `prepare`: set when the server accepted it
  };
  // Sends the deferred statements and `steps` at once and reads every result: one round
  // trip. Answers one result per step, or the first error of a deferred statement (the
  // steps it kept from running are then not reported). Clears the deferred statements.
  absl::StatusOr<std::vector<absl::StatusOr<Result>>> Pipeline(const std::vector<Step>& steps);

  struct Deferred {
    std::string sql;
    bool own_sync = false;
  };
  struct Queued {
    std::string name;
    std::string sql;  // only with `prepare`
    std::vector<Param> params;
    bool read = false;
    bool prepare = false;
  };
  // Removes the queued statements `drop` selects; a PREPARE one of them carried moves to
  // the next queued run of its statement, or is forgotten (never sent).
  template <class Pred>
  void Unqueue(Pred drop);
  static std::string AheadKey(const std::string& name, const std::vector<Param>& params);

  pg_conn* conn_;
  bool broken_ = false;  // the pipeline's protocol went astray: dropped by the pool
  std::vector<Deferred> deferred_;
  std::vector<Queued> queued_;
  absl::flat_hash_map<std::string, Result> ahead_;  // AheadKey -> rows read ahead
  absl::flat_hash_set<std::string> prepared_;
  absl::flat_hash_map<std::string, std::shared_ptr<const SqlStatement>> sql_statements_;
  int64_t statement_names_ = 0;
};

template <class Pred>
void Connection::Unqueue(Pred drop) {
  std::vector<bool> dropped(queued_.size());
  for (size_t i = 0; i < queued_.size(); ++i) dropped[i] = drop(queued_[i]);
  std::vector<Queued> kept;
  kept.reserve(queued_.size());
  for (size_t i = 0; i < queued_.size(); ++i) {
    Queued& q = queued_[i];
    if (!dropped[i]) {
      kept.push_back(std::move(q));
      continue;
    }
    if (!q.prepare) continue;
    bool moved = false;
    for (size_t j = i + 1; j < queued_.size() && !moved; ++j) {
      if (!dropped[j] && queued_[j].name == q.name) {
        queued_[j].prepare = true;
        queued_[j].sql = std::move(q.sql);
        moved = true;
      }
    }
    if (!moved) prepared_.erase(q.name);
  }
  queued_ = std::move(kept);
}

}  // namespace retorno::postgres
