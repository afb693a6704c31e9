#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <mutex>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "base/status_macros.h"

namespace retorno::sqlite {

namespace {

// Past this many distinct texts (QueryFollowups builds its SQL from the filters that
// are set) the cache is emptied rather than allowed to grow without bound.
constexpr size_t kMaxCachedStatements = 256;

// "UNIQUE constraint failed: users.login" -> "login"; for several columns
// ("t.a, t.b") the first one.
std::string ConstraintColumn(absl::string_view message) {
  size_t colon = message.rfind(": ");
  absl::string_view cols = colon == absl::string_view::npos ? message : message.substr(colon + 2);
  cols = cols.substr(0, cols.find(','));
  size_t dot = cols.find('.');
  if (dot != absl::string_view::npos) cols = cols.substr(dot + 1);
  return std::string(absl::StripAsciiWhitespace(cols));
}

}  // namespace

absl::Status SqliteError(int rc, sqlite3* db, const std::string& context) {
  const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string detail = absl::StrCat(context, ": ", message);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return absl::AlreadyExistsError(ConstraintColumn(message));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return absl::FailedPreconditionError("foreign_key");
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_MISMATCH:
      return absl::InvalidArgumentError(detail);
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(absl::StrCat("database busy (", detail, ")"));
    case SQLITE_CONSTRAINT:
      return absl::InvalidArgumentError(detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(detail);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(detail);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      return absl::UnavailableError(detail);
    default:
      return absl::InternalError(detail);
  }
}

// ---------------------------------------------------------------------------------
// Query

Query::Query(Connection* conn, sqlite3_stmt* stmt, bool* in_use)
    : conn_(conn), stmt_(stmt), in_use_(in_use) {
  if (in_use_ != nullptr) *in_use_ = true;
}

Query::Query(Query&& other) noexcept
    : conn_(other.conn_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(other.in_use_),
      next_param_(other.next_param_),
      bind_status_(std::move(other.bind_status_)) {}

Query::~Query() {
  if (stmt_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
  } else {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  }
}

void Query::NoteBind(int rc) {
  if (rc != SQLITE_OK && bind_status_.ok())
    bind_status_ = SqliteError(rc, conn_->raw(), absl::StrCat("bind ?", next_param_));
  ++next_param_;
}

Query& Query::Bind(int64_t v) {
  NoteBind(sqlite3_bind_int64(stmt_, next_param_, v));
  return *this;
}

Query& Query::Bind(double v) {
  NoteBind(sqlite3_bind_double(stmt_, next_param_, v));
  return *this;
}

Query& Query::Bind(std::string_view v) {
  // A null pointer would bind SQL NULL; an empty view is the empty string.
  NoteBind(sqlite3_bind_text64(stmt_, next_param_, v.data() ? v.data() : "", v.size(),
                               SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Query& Query::Bind(std::nullopt_t) {
  NoteBind(sqlite3_bind_null(stmt_, next_param_));
  return *this;
}

Query& Query::Bind(absl::Time t) { return Bind(absl::ToUnixMicros(t)); }

Query& Query::BindBlobNoCopy(std::string_view bytes) {
  // A zero-length blob needs a non-null pointer, or sqlite binds NULL.
  static const char kEmpty = 0;
  NoteBind(sqlite3_bind_blob64(stmt_, next_param_, bytes.empty() ? &kEmpty : bytes.data(),
                               bytes.size(), SQLITE_STATIC));
  return *this;
}

absl::StatusOr<bool> Query::Step() {
  if (!bind_status_.ok()) return bind_status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(rc, conn_->raw(), sqlite3_sql(stmt_));
}

absl::Status Query::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

bool Query::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int64_t Query::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

double Query::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::optional<int64_t> Query::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Query::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

void Query::TextInto(int col, std::string& out) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) {
    out.clear();
    return;
  }
  out.assign(reinterpret_cast<const char*>(p),
             static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Query::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(static_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

absl::Time Query::Time(int col) const { return absl::FromUnixMicros(Int(col)); }

std::optional<absl::Time> Query::OptTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}

// ---------------------------------------------------------------------------------
// Connection

namespace {

// Once per process, before the first connection: sqlite's memory statistics take a
// global mutex on every allocation and free, and the Debian build has no lookaside, so
// every row read allocates. Nothing here reads those statistics (about 10,000
// instructions per follow-up read).
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                             const Options& options) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  // NOMUTEX: the store hands a connection to one thread at a time, so sqlite's own
  // per-connection mutex would only cost time.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status st = SqliteError(rc, db, absl::StrCat("open ", path));
    sqlite3_close(db);
    return st;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  absl::Status st = conn->ExecScript(
      absl::StrCat("PRAGMA foreign_keys = ON;",
                   // Durability: NORMAL in WAL mode loses at most the last commits on power loss,
                   // never consistency; FULL fsyncs every commit (ADR 0005).
                   "PRAGMA synchronous = ", options.synchronous_full ? "FULL" : "NORMAL", ";",
                   // 16 MiB of page cache per connection: the hot index pages of a million
                   // follow-ups stay in memory.
                   "PRAGMA cache_size = -16384;", "PRAGMA temp_store = MEMORY;",
                   // No memory map: in WAL mode a connection that finds the database changed
                   // by another unmaps its whole map at its next transaction and faults the
                   // pages back one by one. With a write every second (the job scheduler)
                   // that put 17 ms stalls in the reads' p99 (24 ms against 2.5 ms without;
                   // ADR 0012). A read() of a page from the OS cache costs about a microsecond.
                   "PRAGMA mmap_size = 0;",
                   // After a checkpoint, a WAL grown by a large import shrinks back to 64 MiB.
                   "PRAGMA journal_size_limit = 67108864;"));
  if (!st.ok()) return st;
  // journal_mode answers with the mode in effect; anything but "wal" (e.g. a file
  // system without shared memory) is refused rather than silently run slower.
  absl::StatusOr<Query> q = conn->Prepare("PRAGMA journal_mode = WAL");
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row || absl::AsciiStrToLower(q->Text(0)) != "wal")
    return absl::FailedPreconditionError(
        absl::StrCat("cannot enable WAL mode on ", path, " (network file system?)"));
  if (options.query_only) RETURN_IF_ERROR(conn->ExecScript("PRAGMA query_only = ON"));
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached->stmt);
  // close_v2: never fails with SQLITE_BUSY; the handle goes when the last statement
  // does (there is none left here).
  sqlite3_close_v2(db_);
}

absl::Status Connection::ExecScript(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  if (rc == SQLITE_OK) return absl::OkStatus();
  return SqliteError(rc, db_, message.empty() ? std::string("exec") : message);
}

absl::StatusOr<Query> Connection::Prepare(absl::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second->in_use)
    return Query(this, it->second->stmt, &it->second->in_use);
  const bool cache = it == cache_.end();
  if (cache && cache_.size() >= kMaxCachedStatements) {
    // Only statements not in use may go; the rest stay valid for their Query.
    for (auto i = cache_.begin(); i != cache_.end();) {
      if (i->second->in_use) {
        ++i;
      } else {
        sqlite3_finalize(i->second->stmt);
        cache_.erase(i++);
      }
    }
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(rc, db_, absl::StrCat("prepare ", sql));
  }
  if (stmt == nullptr) return absl::InternalError(absl::StrCat("empty statement: ", sql));
  // A nested query of a text already in use gets its own statement, finalized after.
  if (!cache) return Query(this, stmt, nullptr);
  auto entry = std::make_unique<Cached>();
  entry->stmt = stmt;
  bool* in_use = &entry->in_use;
  cache_.emplace(std::string(sql), std::move(entry));
  return Query(this, stmt, in_use);
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace retorno::sqlite
