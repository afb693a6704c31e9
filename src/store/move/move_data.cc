#include "store/move/move_data.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "store/move/rows.h"
#include "store/move/schema.h"

namespace retorno::move {

namespace {

// Written by the copy in the target, in the transaction of each batch; dropped at the
// end. Its columns are spelled so both dialects accept them as they are.
constexpr char kProgressTable[] = "move_data_progress";
constexpr char kCreateProgress[] =
    "CREATE TABLE move_data_progress (step TEXT PRIMARY KEY, last_key TEXT NOT NULL, "
    "copied_rows BIGINT NOT NULL, copied_bytes BIGINT NOT NULL, done INTEGER NOT NULL)";
constexpr char kSaveProgress[] =
    "INSERT INTO move_data_progress (step, last_key, copied_rows, copied_bytes, done) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (step) DO UPDATE SET last_key = excluded.last_key, "
    "copied_rows = excluded.copied_rows, copied_bytes = excluded.copied_bytes, "
    "done = excluded.done";

// The tables whose rows make a database "in use": a target holding any is refused.
constexpr const char* kUseTables[] = {"users", "parties", "followups"};

// At most this many rows per INSERT statement (fewer for wide tables), well under both
// dialects' limits on parameters.
constexpr int kRowsPerInsert = 100;
constexpr int kParamsPerInsert = 30000;

absl::StatusOr<bool> HasTable(Endpoint& e, const std::string& name) {
  const char* sql = e.dialect() == sql::Dialect::kSqlite
                        ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
                        : "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = "
                          "current_schema() AND tablename = ?";
  ASSIGN_OR_RETURN(sql::Query q, e.db().Prepare(sql));
  q.Bind(name);
  return q.Step();
}

absl::StatusOr<int64_t> CountRows(Endpoint& e, const std::string& table,
                                  const std::string& where = "") {
  ASSIGN_OR_RETURN(sql::Query q,
                   e.db().Prepare(absl::StrCat("SELECT count(*) FROM ", Quote(table),
                                               where.empty() ? "" : " WHERE ", where)));
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

// A key column in ORDER BY and in comparisons: PostgreSQL compares text under the
// database's collation unless told otherwise, SQLite byte by byte; "C" is byte order.
std::string KeyExpr(const Table& t, int col, sql::Dialect d) {
  const Column& c = t.columns[static_cast<size_t>(col)];
  if (d == sql::Dialect::kPostgres && c.type == ColumnType::kText)
    return absl::StrCat(Quote(c.name), " COLLATE \"C\"");
  return Quote(c.name);
}

// A keyset page of `cols` (indexes into t.columns), after a key when `after`, with an
// optional extra condition: "SELECT ... FROM t [WHERE (k1, k2) > (?, ?) [AND ...]]
// ORDER BY k1, k2 LIMIT ?".
std::string PageSql(const Table& t, const std::vector<int>& cols, bool after,
                    const std::string& extra, sql::Dialect d) {
  std::vector<std::string> names, keys, marks;
  for (int c : cols) names.push_back(Quote(t.columns[static_cast<size_t>(c)].name));
  for (int k : t.key) {
    keys.push_back(KeyExpr(t, k, d));
    marks.push_back("?");
  }
  std::vector<std::string> where;
  if (after) {
    where.push_back(keys.size() == 1 ? absl::StrCat(keys[0], " > ?")
                                     : absl::StrCat("(", absl::StrJoin(keys, ", "), ") > (",
                                                    absl::StrJoin(marks, ", "), ")"));
  }
  if (!extra.empty()) where.push_back(absl::StrCat("(", extra, ")"));
  return absl::StrCat("SELECT ", absl::StrJoin(names, ", "), " FROM ", Quote(t.name),
                      where.empty() ? "" : absl::StrCat(" WHERE ", absl::StrJoin(where, " AND ")),
                      " ORDER BY ", absl::StrJoin(keys, ", "), " LIMIT ?");
}

// Where a keyset scan of one table stands.
struct Cursor {
  std::vector<Value> last_key;  // empty: from the start
  int64_t rows = 0;
  int64_t bytes = 0;
  bool done = false;
};

struct Page {
  std::vector<Row> rows;
  int64_t bytes = 0;
  bool last = false;  // nothing after these rows
};

// Reads the next page of `cols` after `cursor`, at most `limit` rows or about
// `byte_budget` bytes; the key columns must be among `cols`.
absl::StatusOr<Page> ReadPage(Endpoint& e, const Table& t, const std::vector<int>& cols,
                              const std::string& extra, const Cursor& cursor, int limit,
                              int64_t byte_budget) {
  Page page;
  ASSIGN_OR_RETURN(sql::Query q,
                   e.db().Prepare(PageSql(t, cols, !cursor.last_key.empty(), extra, e.dialect())));
  for (const Value& v : cursor.last_key) BindValue(q, v);
  q.Bind(limit);
  bool budget_hit = false;
  while (true) {
    ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    Row row;
    row.reserve(cols.size());
    for (size_t i = 0; i < cols.size(); ++i) {
      row.push_back(
          ReadValue(q, static_cast<int>(i), t.columns[static_cast<size_t>(cols[i])].type));
      page.bytes += ValueBytes(row.back());
    }
    page.rows.push_back(std::move(row));
    if (page.bytes >= byte_budget) {
      budget_hit = true;
      break;
    }
  }
  page.last = !budget_hit && static_cast<int>(page.rows.size()) < limit;
  return page;
}

// The key values of a row read with `cols`.
std::vector<Value> KeyOf(const Table& t, const std::vector<int>& cols, const Row& row) {
  std::vector<Value> key;
  for (int k : t.key) {
    auto at = std::find(cols.begin(), cols.end(), k);
    key.push_back(row[static_cast<size_t>(at - cols.begin())]);
  }
  return key;
}

// Rows per page: `batch_rows`, fewer for tables of blobs once their weight is known, so
// a page read from a database that sends whole results (PostgreSQL) stays near
// `batch_bytes`.
int PageLimit(const Table& t, const Cursor& c, const MoveOptions& o) {
  if (!t.has_blob) return o.batch_rows;
  if (c.rows == 0) return 1;
  const int64_t per_row = std::max<int64_t>(1, c.bytes / c.rows);
  return static_cast<int>(std::clamp<int64_t>(o.batch_bytes / per_row, 1, o.batch_rows));
}

std::vector<int> AllColumns(const Table& t) {
  std::vector<int> cols;
  for (size_t i = 0; i < t.columns.size(); ++i) cols.push_back(static_cast<int>(i));
  return cols;
}

class Copier {
 public:
  Copier(Endpoint& source, Endpoint& target, const std::vector<Table>& tables, const MoveOptions& o,
         MoveReport& report)
      : source_(source), target_(target), tables_(tables), o_(o), report_(report) {}

  absl::Status Run() {
    start_ = absl::Now();
    for (const Table& t : tables_) {
      ASSIGN_OR_RETURN(int64_t n, CountRows(source_, t.name));
      totals_[t.name] = n;
      rows_total_ += n;
      if (!t.deferred.empty()) {
        ASSIGN_OR_RETURN(int64_t links, CountRows(source_, t.name, LinkWhere(t)));
        totals_[LinkStep(t)] = links;
        rows_total_ += links;
      }
    }
    RETURN_IF_ERROR(Start());
    for (const Table& t : tables_) {
      RETURN_IF_ERROR(CopyTable(t));
      if (!t.deferred.empty()) RETURN_IF_ERROR(LinkTable(t));
    }
    RETURN_IF_ERROR(Finish());
    report_.copy_time = absl::Now() - start_;
    return absl::OkStatus();
  }

 private:
  static std::string LinkStep(const Table& t) { return t.name + ":links"; }
  static std::string LinkWhere(const Table& t) {
    std::vector<std::string> parts;
    for (int c : t.deferred)
      parts.push_back(absl::StrCat(Quote(t.columns[static_cast<size_t>(c)].name), " IS NOT NULL"));
    return absl::StrJoin(parts, " OR ");
  }

  // Decides between a fresh copy and a resumed one, in one target transaction.
  absl::Status Start() {
    RETURN_IF_ERROR(target_.Begin());
    absl::Status st = StartInTx();
    if (!st.ok()) {
      target_.Rollback();
      return st;
    }
    return target_.Commit();
  }

  absl::Status StartInTx() {
    ASSIGN_OR_RETURN(bool interrupted, HasTable(target_, kProgressTable));
    if (interrupted && o_.resume) {
      report_.resumed = true;
      return LoadCursors();
    }
    std::vector<std::string> used;
    for (const char* table : kUseTables) {
      ASSIGN_OR_RETURN(sql::Query q, target_.db().Prepare(
                                         absl::StrCat("SELECT 1 FROM ", Quote(table), " LIMIT 1")));
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (row) used.push_back(table);
    }
    if (!used.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          target_.name(), " already holds ", absl::StrJoin(used, ", "),
          interrupted ? ": it holds an interrupted copy; run again with --resume to continue it"
                      : (o_.resume ? " written by something else than an interrupted move-data "
                                     "(nothing to resume); move-data writes only into an empty "
                                     "database"
                                   : "; move-data writes only into an empty database")));
    }
    // An empty database: what its migrations seeded is replaced by the source's rows.
    if (interrupted)
      RETURN_IF_ERROR(target_.db().Run("DELETE FROM move_data_progress"));
    else
      RETURN_IF_ERROR(target_.Exec(kCreateProgress));
    for (auto t = tables_.rbegin(); t != tables_.rend(); ++t)
      RETURN_IF_ERROR(target_.db().Run(absl::StrCat("DELETE FROM ", Quote(t->name))));
    return absl::OkStatus();
  }

  absl::Status LoadCursors() {
    ASSIGN_OR_RETURN(
        sql::Query q,
        target_.db().Prepare(
            "SELECT step, last_key, copied_rows, copied_bytes, done FROM move_data_progress"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Cursor c;
      ASSIGN_OR_RETURN(c.last_key, DecodeKey(q.Text(1)));
      c.rows = q.Int(2);
      c.bytes = q.Int(3);
      c.done = q.Int(4) != 0;
      rows_ += c.rows;
      cursors_[q.Text(0)] = std::move(c);
    }
    return absl::OkStatus();
  }

  absl::Status CopyTable(const Table& t) {
    std::vector<int> insert_cols;
    for (size_t i = 0; i < t.columns.size(); ++i)
      if (std::find(t.deferred.begin(), t.deferred.end(), static_cast<int>(i)) == t.deferred.end())
        insert_cols.push_back(static_cast<int>(i));
    const int per_insert = std::max<int>(
        1, std::min<int>(kRowsPerInsert, kParamsPerInsert / static_cast<int>(insert_cols.size())));
    const std::string many = InsertSql(t, insert_cols, per_insert);
    const std::string one = InsertSql(t, insert_cols, 1);
    return Scan(t, t.name, AllColumns(t), "", [&](const std::vector<Row>& rows) -> absl::Status {
      size_t i = 0;
      for (; i + static_cast<size_t>(per_insert) <= rows.size() && per_insert > 1;
           i += static_cast<size_t>(per_insert)) {
        ASSIGN_OR_RETURN(sql::Query q, target_.db().Prepare(many));
        for (size_t r = i; r < i + static_cast<size_t>(per_insert); ++r)
          for (int c : insert_cols) BindValue(q, rows[r][static_cast<size_t>(c)]);
        RETURN_IF_ERROR(q.Run());
      }
      for (; i < rows.size(); ++i) {
        ASSIGN_OR_RETURN(sql::Query q, target_.db().Prepare(one));
        for (int c : insert_cols) BindValue(q, rows[i][static_cast<size_t>(c)]);
        RETURN_IF_ERROR(q.Run());
      }
      return absl::OkStatus();
    });
  }

  // Fills the columns that point into their own table, now that every row is there.
  absl::Status LinkTable(const Table& t) {
    std::vector<int> cols = t.key;
    cols.insert(cols.end(), t.deferred.begin(), t.deferred.end());
    std::vector<std::string> sets, keys;
    for (int c : t.deferred)
      sets.push_back(absl::StrCat(Quote(t.columns[static_cast<size_t>(c)].name), " = ?"));
    for (int k : t.key)
      keys.push_back(absl::StrCat(Quote(t.columns[static_cast<size_t>(k)].name), " = ?"));
    const std::string update =
        absl::StrCat("UPDATE ", Quote(t.name), " SET ", absl::StrJoin(sets, ", "), " WHERE ",
                     absl::StrJoin(keys, " AND "));
    const size_t nkey = t.key.size();
    return Scan(t, LinkStep(t), cols, LinkWhere(t),
                [&](const std::vector<Row>& rows) -> absl::Status {
                  for (const Row& row : rows) {
                    ASSIGN_OR_RETURN(sql::Query q, target_.db().Prepare(update));
                    for (size_t i = nkey; i < row.size(); ++i) BindValue(q, row[i]);
                    for (size_t i = 0; i < nkey; ++i) BindValue(q, row[i]);
                    RETURN_IF_ERROR(q.Run());
                  }
                  return absl::OkStatus();
                });
  }

  static std::string InsertSql(const Table& t, const std::vector<int>& cols, int rows) {
    std::vector<std::string> names, marks;
    for (int c : cols) {
      names.push_back(Quote(t.columns[static_cast<size_t>(c)].name));
      marks.push_back("?");
    }
    const std::string tuple = absl::StrCat("(", absl::StrJoin(marks, ", "), ")");
    std::vector<std::string> tuples(static_cast<size_t>(rows), tuple);
    return absl::StrCat("INSERT INTO ", Quote(t.name), " (", absl::StrJoin(names, ", "),
                        ") VALUES ", absl::StrJoin(tuples, ", "));
  }

  // Pages through the source after the step's cursor; each page is written by `write`
  // in one target transaction together with the step's new cursor.
  absl::Status Scan(const Table& t, const std::string& step, const std::vector<int>& cols,
                    const std::string& extra,
                    const std::function<absl::Status(const std::vector<Row>&)>& write) {
    Cursor& c = cursors_[step];
    Progress p;
    p.phase = step == t.name ? Progress::Phase::kCopy : Progress::Phase::kLink;
    p.table = t.name;
    p.table_rows_total = totals_[step];
    if (c.done) Report(p, c);  // done by an earlier run
    while (!c.done) {
      ASSIGN_OR_RETURN(Page page,
                       ReadPage(source_, t, cols, extra, c, PageLimit(t, c, o_), o_.batch_bytes));
      Cursor next = c;
      if (!page.rows.empty()) next.last_key = KeyOf(t, cols, page.rows.back());
      next.rows += static_cast<int64_t>(page.rows.size());
      next.bytes += page.bytes;
      next.done = page.last;
      RETURN_IF_ERROR(target_.Begin());
      absl::Status st = page.rows.empty() ? absl::OkStatus() : write(page.rows);
      if (st.ok())
        st = target_.db().Run(kSaveProgress, step, EncodeKey(next.last_key), next.rows, next.bytes,
                              next.done ? 1 : 0);
      if (st.ok()) st = target_.Commit();
      if (!st.ok()) {
        target_.Rollback();
        return absl::Status(st.code(), absl::StrCat("copying ", t.name, ": ", st.message()));
      }
      c = std::move(next);
      rows_ += static_cast<int64_t>(page.rows.size());
      report_.rows += static_cast<int64_t>(page.rows.size());
      report_.bytes += page.bytes;
      Report(p, c);
      if (o_.stop_after_batches > 0 && ++batches_ >= o_.stop_after_batches)
        return absl::AbortedError(absl::StrCat("stopped after ", batches_, " batches (test hook)"));
    }
    return absl::OkStatus();
  }

  void Report(Progress& p, const Cursor& c) {
    if (!o_.progress) return;
    p.table_rows = c.rows;
    p.table_done = c.done;
    p.rows = rows_;
    p.rows_total = rows_total_;
    p.bytes = report_.bytes;
    p.elapsed = absl::Now() - start_;
    o_.progress(p);
  }

  // Identity sequences past the copied ids (PostgreSQL), and the progress table gone.
  absl::Status Finish() {
    RETURN_IF_ERROR(target_.Begin());
    absl::Status st;
    if (target_.dialect() == sql::Dialect::kPostgres) {
      for (const Table& t : tables_) {
        if (t.key.size() != 1 ||
            t.columns[static_cast<size_t>(t.key[0])].type != ColumnType::kInteger)
          continue;
        const std::string& key = t.columns[static_cast<size_t>(t.key[0])].name;
        // pg_get_serial_sequence is NULL for a column without a sequence, and setval of
        // NULL is NULL: nothing to do for those.
        st = target_.db().Run(
            absl::StrCat("SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT max(",
                         Quote(key), ") AS m FROM ", Quote(t.name), ") AS s WHERE m IS NOT NULL"),
            Quote(t.name), key);
        if (!st.ok()) break;
      }
    }
    if (st.ok()) st = target_.Exec("DROP TABLE move_data_progress");
    if (st.ok()) st = target_.Commit();
    if (!st.ok()) {
      target_.Rollback();
      return st;
    }
    // Statistics of the moved rows, so the first requests after the move are planned on
    // them and not on the empty tables the migrations made: until autovacuum analyses them,
    // PostgreSQL refreshes a follow-up's next due date by scanning every planned return,
    // and a creation costs 40–55 % more CPU (ADR 0049).
    if (target_.dialect() == sql::Dialect::kPostgres) return target_.Exec("ANALYZE");
    return absl::OkStatus();
  }

  Endpoint& source_;
  Endpoint& target_;
  const std::vector<Table>& tables_;
  const MoveOptions& o_;
  MoveReport& report_;
  std::map<std::string, Cursor> cursors_;
  std::map<std::string, int64_t> totals_;
  int64_t rows_ = 0;
  int64_t rows_total_ = 0;
  int batches_ = 0;
  absl::Time start_;
};

// One table's count and checksum on one end, in key order.
absl::StatusOr<std::pair<int64_t, std::string>> Checksum(Endpoint& e, const Table& t,
                                                         const MoveOptions& o, int64_t& bytes) {
  RowHasher hasher;
  Cursor c;
  const std::vector<int> cols = AllColumns(t);
  while (!c.done) {
    ASSIGN_OR_RETURN(Page page, ReadPage(e, t, cols, "", c, PageLimit(t, c, o), o.batch_bytes));
    for (const Row& row : page.rows) hasher.Add(row);
    if (!page.rows.empty()) c.last_key = KeyOf(t, cols, page.rows.back());
    c.rows += static_cast<int64_t>(page.rows.size());
    c.bytes += page.bytes;
    bytes += page.bytes;
    c.done = page.last;
  }
  return std::make_pair(hasher.rows(), hasher.HexDigest());
}

absl::Status Verify(Endpoint& source, Endpoint& target, const std::vector<Table>& tables,
                    const MoveOptions& o, MoveReport& report) {
  const absl::Time start = absl::Now();
  Progress p;
  p.phase = Progress::Phase::kVerify;
  for (const Table& t : tables) {
    ASSIGN_OR_RETURN(int64_t n, CountRows(source, t.name));
    p.rows_total += n;
  }
  RETURN_IF_ERROR(target.Begin());
  for (const Table& t : tables) {
    TableCheck check;
    check.table = t.name;
    int64_t bytes = 0, target_bytes = 0;
    absl::StatusOr<std::pair<int64_t, std::string>> s = Checksum(source, t, o, bytes);
    absl::StatusOr<std::pair<int64_t, std::string>> d =
        s.ok() ? Checksum(target, t, o, target_bytes) : s.status();
    if (!d.ok()) {
      target.Rollback();
      return absl::Status(d.status().code(),
                          absl::StrCat("verifying ", t.name, ": ", d.status().message()));
    }
    std::tie(check.source_rows, check.source_sum) = *s;
    std::tie(check.target_rows, check.target_sum) = *d;
    report.checks.push_back(check);
    if (o.progress) {
      p.table = t.name;
      p.table_rows = p.table_rows_total = check.source_rows;
      p.table_done = true;
      p.rows += check.source_rows;
      p.bytes += bytes;
      p.elapsed = absl::Now() - start;
      o.progress(p);
    }
  }
  target.Rollback();  // read only
  report.verify_time = absl::Now() - start;
  return absl::OkStatus();
}

}  // namespace

bool MoveReport::verified() const {
  return !checks.empty() &&
         std::all_of(checks.begin(), checks.end(), [](const TableCheck& c) { return c.ok(); });
}

std::vector<std::string> MoveReport::mismatches() const {
  std::vector<std::string> out;
  for (const TableCheck& c : checks) {
    if (c.ok()) continue;
    out.push_back(absl::StrCat(c.table, ": ", c.source_rows, " rows in the source, ", c.target_rows,
                               " in the target",
                               c.source_sum == c.target_sum ? "" : ", checksums differ"));
  }
  return out;
}

absl::StatusOr<MoveReport> MoveData(Endpoint& source, Endpoint& target,
                                    const MoveOptions& options) {
  ASSIGN_OR_RETURN(int version, source.SchemaVersion());
  const int build = source.BuildSchemaVersion();
  if (version < build)
    return absl::FailedPreconditionError(
        absl::StrCat(source.name(), " is at schema version ", version, " and this Retorno at ",
                     build, ": run `retorno --db ", source.name(), " migrate` first"));
  if (version > build)
    return absl::FailedPreconditionError(absl::StrCat(
        source.name(), " is at schema version ", version, ", newer than this Retorno's (", build,
        "): run move-data with the Retorno that last migrated it"));
  if (target.BuildSchemaVersion() != build)
    return absl::InternalError("this build's two schemas have different versions");
  if (!options.verify_only) RETURN_IF_ERROR(target.Migrate());
  ASSIGN_OR_RETURN(int target_version, target.SchemaVersion());
  if (target_version != version)
    return absl::FailedPreconditionError(absl::StrCat(target.name(), " is at schema version ",
                                                      target_version, ", the source at ", version));

  // One snapshot of the source for the whole run, copy and verification.
  RETURN_IF_ERROR(source.Begin());
  struct EndRead {
    Endpoint& e;
    ~EndRead() { e.Rollback(); }
  } end_read{source};
  ASSIGN_OR_RETURN(std::vector<Table> tables, ReadSqliteSchema(source.db()));
  MoveReport report;
  if (!options.verify_only) {
    Copier copier(source, target, tables, options, report);
    RETURN_IF_ERROR(copier.Run());
  }
  if (options.verify || options.verify_only)
    RETURN_IF_ERROR(Verify(source, target, tables, options, report));
  return report;
}

}  // namespace retorno::move
