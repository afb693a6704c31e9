// The SQL layer both stores share (ADR 0027): a transaction's connection as the
// repositories see it, whatever the database. The repositories of store/sql/ are written
// once against Db and Query; store/sqlite/ and store/postgres/ each implement Db (and
// its Cursor) over their C API, and differ only where their SQL differs (Db::dialect()).
//
//   ASSIGN_OR_RETURN(Query q, db.Prepare("SELECT id, name FROM users WHERE login = ?"));
//   q.BindAll(login);
//   ASSIGN_OR_RETURN(bool row, q.Step());
//   if (row) name = q.Text(1);
//
// Statements are written with positional '?' parameters, in the SQL both dialects
// accept (PostgreSQL's Db rewrites '?' to $1, $2...). A statement that uses one value
// twice numbers its parameters instead, '?1', '?2'... (SQLite's form; PostgreSQL's Db
// rewrites '?N' to '$N'), and is bound in number order; one statement never mixes the
// two forms. New rows report their id with `INSERT ... RETURNING id` (SQLite 3.35 and
// later, and PostgreSQL), never a last-insert-id call. Values travel as the schema
// stores them (see the first migration of either dialect): integers, text, blobs;
// instants as int64 microseconds since the Unix epoch; civil dates as 'YYYY-MM-DD'
// text; booleans as 0/1.
//
// A Db is used by one thread at a time, inside a transaction opened by its store.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/ids.h"

namespace retorno::sql {

enum class Dialect { kSqlite, kPostgres };

// Calendar dates are stored as 'YYYY-MM-DD' text in both dialects.
std::string DayText(absl::CivilDay day);
std::optional<absl::CivilDay> ParseDayText(std::string_view text);

// One statement in use, as a dialect implements it. Parameters are bound left to
// right; a bind error is reported by the next Step(). Columns are 0-based and read the
// current row (after Step() returned true). Reading a NULL gives 0, "" or an empty blob.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void BindInt(int64_t v) = 0;
  virtual void BindDouble(double v) = 0;
  virtual void BindText(std::string_view v) = 0;  // copied
  virtual void BindNull() = 0;
  // Not copied: `bytes` must stay alive until the statement is stepped.
  virtual void BindBlob(std::string_view bytes) = 0;
  // Steps once: true when a row is available, false when done.
  virtual absl::StatusOr<bool> Step() = 0;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  // The text of a column into `out`, reusing its capacity: a reader of many rows (the
  // export) allocates nothing per column once its strings are large enough. NULL reads
  // as "".
  virtual void TextInto(int col, std::string& out) const { out = Text(col); }
  virtual std::string Blob(int col) const = 0;
  // See Query::RunLater and Query::ReadAhead. A store whose statements cost no round
  // trip (SQLite, in the process) runs the write now and ignores the announcement.
  virtual absl::Status RunLater();
  virtual absl::Status ReadAhead() { return absl::OkStatus(); }
};

// A prepared statement in use: the typed face of a Cursor. Move-only; releases the
// statement (back to its connection's cache) when destroyed.
class Query {
 public:
  explicit Query(std::unique_ptr<Cursor> cursor) : cursor_(std::move(cursor)) {}
  Query(Query&&) noexcept = default;
  Query& operator=(Query&&) noexcept = default;

  Query& Bind(int64_t v) {
    cursor_->BindInt(v);
    return *this;
  }
  Query& Bind(int v) { return Bind(static_cast<int64_t>(v)); }
  Query& Bind(bool v) { return Bind(static_cast<int64_t>(v ? 1 : 0)); }
  Query& Bind(double v) {
    cursor_->BindDouble(v);
    return *this;
  }
  Query& Bind(std::string_view v) {
    cursor_->BindText(v);
    return *this;
  }
  Query& Bind(const std::string& v) { return Bind(std::string_view(v)); }
  Query& Bind(const char* v) { return Bind(std::string_view(v)); }
  Query& Bind(std::nullopt_t) {
    cursor_->BindNull();
    return *this;
  }
  Query& Bind(absl::Time t) { return Bind(absl::ToUnixMicros(t)); }
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
  Query& BindBlobNoCopy(std::string_view bytes) {
    cursor_->BindBlob(bytes);
    return *this;
  }
  template <class... Args>
  Query& BindAll(const Args&... args) {
    (Bind(args), ...);
    return *this;
  }

  // Steps once: true when a row is available, false when done.
  absl::StatusOr<bool> Step() { return cursor_->Step(); }
  // Steps to completion, ignoring rows (INSERT/UPDATE/DELETE).
  absl::Status Run();
  // A write whose outcome the caller does not inspect (no rows, no Changes(), and no
  // particular error it would answer differently): run now, or sent with the
  // transaction's next statement or its COMMIT, sharing their round trip (PostgreSQL).
  // Its error is then the error of that later statement, or of the commit. The
  // statement must not be stepped afterwards.
  absl::Status RunLater() { return cursor_->RunLater(); }
  // Announces that this statement, with these parameters, will run soon in this
  // transaction: a store may send it with the next statement and keep its rows for
  // that run, so that a page's independent reads share one round trip. The Query is
  // spent (prepare it again to run it). Results read ahead and not used are dropped.
  absl::Status ReadAhead() { return cursor_->ReadAhead(); }

  bool IsNull(int col) const { return cursor_->IsNull(col); }
  int64_t Int(int col) const { return cursor_->Int(col); }
  double Double(int col) const { return cursor_->Double(col); }
  std::optional<int64_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
  }
  bool Bool(int col) const { return Int(col) != 0; }
  std::string Text(int col) const { return cursor_->Text(col); }
  void TextInto(int col, std::string& out) const { cursor_->TextInto(col, out); }
  std::string Blob(int col) const { return cursor_->Blob(col); }
  absl::Time Time(int col) const { return absl::FromUnixMicros(Int(col)); }
  std::optional<absl::Time> OptTime(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Time(col);
  }
  // A stored date; nullopt for NULL or a text that is not a date.
  std::optional<absl::CivilDay> Day(int col) const {
    if (IsNull(col)) return std::nullopt;
    return ParseDayText(Text(col));
  }
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
  std::unique_ptr<Cursor> cursor_;
};

// A connection inside one transaction. Errors follow app/ports.h in both dialects: a
// unique violation is AlreadyExists(column), a foreign key FailedPrecondition
// ("foreign_key"), CHECK and NOT NULL InvalidArgument, a lost connection or a busy
// database Unavailable, anything else Internal.
class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const = 0;
  // A statement for `sql`, prepared once per connection and reused while the text is
  // the same; a statement of the same text already in use is prepared afresh.
  virtual absl::StatusOr<Query> Prepare(absl::string_view sql) = 0;
  // Rows inserted, updated or deleted by the last statement run to completion.
  virtual int64_t Changes() const = 0;

  // Ids for rows this transaction is about to insert, taken from the tables' own id
  // sequences in the round trip of its next statement (PostgreSQL), so that the inserts
  // need not answer their ids one round trip each and can all ride with the COMMIT.
  // `counts`: a table and how many of its rows; unused ids are gaps, as a rolled-back
  // insert leaves. A store whose statements cost no round trip (SQLite) reserves none.
  virtual absl::Status ReserveIdsAhead(const std::vector<std::pair<std::string, int>>& counts) {
    (void)counts;
    return absl::OkStatus();
  }
  // An id reserved for `table` (taken: each is handed out once), or nullopt: the insert
  // answers its own id (`RETURNING id`).
  virtual absl::StatusOr<std::optional<int64_t>> TakeReservedId(std::string_view table) {
    (void)table;
    return std::optional<int64_t>();
  }

  // Shortcut: prepare, bind, run.
  template <class... Args>
  absl::Status Run(absl::string_view sql, const Args&... args) {
    absl::StatusOr<Query> q = Prepare(sql);
    if (!q.ok()) return q.status();
    q->BindAll(args...);
    return q->Run();
  }
  // Shortcut: prepare, bind, Query::RunLater.
  template <class... Args>
  absl::Status RunLater(absl::string_view sql, const Args&... args) {
    absl::StatusOr<Query> q = Prepare(sql);
    if (!q.ok()) return q.status();
    q->BindAll(args...);
    return q->RunLater();
  }
  // Shortcut: prepare, bind, Query::ReadAhead.
  template <class... Args>
  absl::Status ReadAhead(absl::string_view sql, const Args&... args) {
    absl::StatusOr<Query> q = Prepare(sql);
    if (!q.ok()) return q.status();
    q->BindAll(args...);
    return q->ReadAhead();
  }
};

}  // namespace retorno::sql
