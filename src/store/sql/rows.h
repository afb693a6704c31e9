// What the repositories of the SQL layer share (ADR 0027): the column lists and row
// readers of the tables several repositories read, the helpers that run a statement and
// read its rows, and the few fragments whose text differs by dialect. Private to
// store/sql/.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "app/ports.h"
#include "base/status_macros.h"
#include "store/sql/db.h"

namespace retorno::sql {

// A named statement, built once at start-up from literals and column lists.
#define RETORNO_SQL(name, ...) const std::string name = absl::StrCat(__VA_ARGS__)

// ---------------------------------------------------------------------------------
// Column lists. Each table is always read through the same alias (p, f, a) so a row
// reader can follow a list wherever it appears in a join.

inline constexpr int kPartyColumns = 13;
inline constexpr char kPartyCols[] =
    "p.id, p.code, p.kind, p.name, p.email, p.phone, p.whatsapp, p.birthday, p.branch_id, "
    "p.owner_id, p.created_at, p.version, p.tax_id";

inline constexpr int kFollowupColumns = 24;
inline constexpr char kFollowupCols[] =
    "f.id, f.party_id, f.contact_name, f.contact_email, f.contact_phone, f.contact_whatsapp, "
    "f.owner_id, f.branch_id, f.subject, f.category, f.priority, f.origin, f.cc, f.status, "
    "f.version, f.next_due_date, f.created_by, f.updated_by, f.created_at, f.updated_at, "
    "f.document_id, f.origin_key, f.contact_at, f.internal_date";

inline constexpr int kActionColumns = 19;
inline constexpr char kActionCols[] =
    "a.id, a.followup_id, a.type, a.due_date, a.due_minutes, a.status, a.assignee_id, "
    "a.notify_customer, a.message, a.result, a.resolution, a.result_at, a.done_at, a.done_by, "
    "a.next_action_id, a.series_id, a.series_index, a.created_at, a.remind_at";

// Row readers: each reads its column list starting at column `c`.
absl::StatusOr<Party> ReadParty(const Query& q, int c);
absl::StatusOr<Followup> ReadFollowup(const Query& q, int c);
// kFollowupCols then kPartyCols.
absl::StatusOr<FollowupRow> ReadFollowupRow(const Query& q, int c);
absl::StatusOr<Action> ReadAction(const Query& q, int c);

// ---------------------------------------------------------------------------------
// Stored values.

template <class E>
absl::Status ParseEnum(std::optional<E> (*parse)(std::string_view), const std::string& text,
                       const char* what, E* out) {
  std::optional<E> v = parse(text);
  if (!v) return absl::DataLossError(absl::StrCat("stored ", what, " '", text, "' is unknown"));
  *out = *v;
  return absl::OkStatus();
}

absl::Status ParseDay(const std::string& text, absl::CivilDay* out);
absl::Status ParseOptDay(const Query& q, int col, std::optional<absl::CivilDay>* out);

// A list of strings (cc, to) as a JSON array in a text column.
absl::StatusOr<std::string> EncodeCc(const std::vector<std::string>& cc);
absl::Status DecodeCc(const std::string& text, std::vector<std::string>* out);

// LIKE operand matching `text` literally (escape character '\').
std::string LikeEscape(std::string_view text);

// The least string above every string that starts with `prefix` (byte order of
// UTF-8): `key >= prefix AND key < PrefixEnd(prefix)` is a prefix match an index can
// serve. U+10FFFF is the greatest code point.
std::string PrefixEnd(const std::string& prefix);

// A position of 0 (never arranged) is stored as NULL.
std::optional<int64_t> StoredPosition(int position);

// A unique violation reported as AlreadyExists(field).
absl::Status RenameUnique(absl::Status st, const char* field);

// ---------------------------------------------------------------------------------
// Running statements.

// After an `UPDATE ... WHERE id = ? AND version = ?` that changed no row: NotFound
// (`resource`) when the row is gone, FailedPrecondition("version") when it is stale.
// `version_sql` selects the row's version by id.
absl::Status MissingOrStale(Db& db, const std::string& version_sql, int64_t id,
                            const char* resource);

// Runs a one-row lookup; nullopt when there is no row.
template <class T, class Reader, class... Args>
absl::StatusOr<std::optional<T>> FindOne(Db& db, const std::string& sql, Reader read,
                                         const Args&... args) {
  ASSIGN_OR_RETURN(Query q, db.Prepare(sql));
  q.BindAll(args...);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<T>();
  absl::StatusOr<T> v = read(q, 0);
  if (!v.ok()) return v.status();
  return std::optional<T>(*std::move(v));
}

// Runs a query and reads every row.
template <class T, class Reader, class... Args>
absl::StatusOr<std::vector<T>> FindAll(Db& db, const std::string& sql, Reader read,
                                       const Args&... args) {
  ASSIGN_OR_RETURN(Query q, db.Prepare(sql));
  q.BindAll(args...);
  std::vector<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    absl::StatusOr<T> v = read(q, 0);
    if (!v.ok()) return v.status();
    out.push_back(*std::move(v));
  }
  return out;
}

// Runs a one-value query (a count); 0 when it returns no row.
template <class... Args>
absl::StatusOr<int64_t> QueryInt(Db& db, const std::string& sql, const Args&... args) {
  ASSIGN_OR_RETURN(Query q, db.Prepare(sql));
  q.BindAll(args...);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

// Runs an `INSERT ... RETURNING id` and returns the new row's id.
absl::StatusOr<int64_t> InsertReturningId(Query& q);
template <class... Args>
absl::StatusOr<int64_t> InsertId(Db& db, const std::string& sql, const Args&... args) {
  ASSIGN_OR_RETURN(Query q, db.Prepare(sql));
  q.BindAll(args...);
  return InsertReturningId(q);
}

// An insert in the two forms InsertReservedId runs, written once from the table, its
// columns and their values (without the id): `returning` answers the new id; `with_id`
// takes it as one more parameter, after every other (a plain `?` follows the highest
// numbered one in both dialects).
struct ReservableInsert {
  std::string table;
  std::string returning;
  std::string with_id;
};
inline ReservableInsert MakeReservableInsert(absl::string_view table, absl::string_view columns,
                                             absl::string_view values) {
  return {
      std::string(table),
      absl::StrCat("INSERT INTO ", table, " (", columns, ") VALUES (", values, ") RETURNING id"),
      absl::StrCat("INSERT INTO ", table, " (", columns, ", id) VALUES (", values, ", ?)")};
}

// An insert whose id was reserved ahead (Db::ReserveIdsAhead) rides with the
// transaction's next statement or its COMMIT (Query::RunLater) as `with_id`, the same
// columns and parameters with the id last; without a reservation, `returning` runs now
// and answers the id. An error of the later insert is then the error of the statement it
// rode with, or of the commit.
template <class... Args>
absl::StatusOr<int64_t> InsertReservedId(Db& db, const ReservableInsert& insert,
                                         const Args&... args) {
  ASSIGN_OR_RETURN(std::optional<int64_t> id, db.TakeReservedId(insert.table));
  if (!id) return InsertId(db, insert.returning, args...);
  RETURN_IF_ERROR(db.RunLater(insert.with_id, args..., *id));
  return *id;
}

// Makes a multi-statement repository method all-or-nothing even if the caller ignores
// its error and commits: undone unless Release() is reached. (A write the method
// queued with RunLater that fails after Release() fails the transaction, and its
// commit: still nothing half-way.)
class Savepoint {
 public:
  static absl::StatusOr<Savepoint> Begin(Db& db);
  Savepoint(Savepoint&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Savepoint& operator=(Savepoint&&) = delete;
  ~Savepoint();
  absl::Status Release();

 private:
  explicit Savepoint(Db& db) : db_(&db) {}
  Db* db_;
};

// ---------------------------------------------------------------------------------
// Where the dialects differ. Each statement is written once; these fragments are the
// only places its text depends on the dialect.

// A statement whose text depends on the dialect, built once for each.
class DialectSql {
 public:
  explicit DialectSql(const std::function<std::string(Dialect)>& build)
      : sqlite_(build(Dialect::kSqlite)), postgres_(build(Dialect::kPostgres)) {}
  const std::string& operator()(Dialect d) const {
    return d == Dialect::kSqlite ? sqlite_ : postgres_;
  }

 private:
  std::string sqlite_;
  std::string postgres_;
};

// `column` contains `param` (a folded key and a folded query, compared byte for byte):
// instr() on SQLite, several times cheaper per row than LIKE and needing no escaping;
// strpos() on PostgreSQL, the same function under another name.
std::string ContainsSql(Dialect d, absl::string_view column, absl::string_view param);
// `column` in [lo, hi) in byte order, for a prefix (see PrefixEnd): SQLite's BINARY
// comparison; PostgreSQL's pattern operators, which its text_pattern_ops index serves.
std::string PrefixRangeSql(Dialect d, absl::string_view column, absl::string_view lo,
                           absl::string_view hi);
// Ordering by a name ignoring ASCII case, as each dialect's name index is built:
// `COLLATE NOCASE` on SQLite, `lower(...)` on PostgreSQL.
std::string CaselessOrderSql(Dialect d, absl::string_view column);
// Appended to the sub-select of a lease claim: on PostgreSQL, concurrent claimers skip
// the rows another one is claiming instead of waiting for it; SQLite has one writer.
absl::string_view SkipLockedSql(Dialect d);

}  // namespace retorno::sql
