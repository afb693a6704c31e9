#include "store/postgres/connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "base/status_macros.h"

namespace retorno::postgres {

namespace {

// libpq prints notices (NOTICE, WARNING from the server) to stderr unless told
// otherwise; the server's log already has them, so they are dropped here.
void IgnoreNotice(void*, const char*) {}

// "Key (login)=(ana) already exists." -> "login"; "Key (lower(login))=..." -> "login";
// "Key (kind, number)=..." -> "kind, number".
std::string UniqueColumn(absl::string_view detail) {
  if (!absl::ConsumePrefix(&detail, "Key (")) return "";
  size_t end = detail.find(")=(");
  if (end == absl::string_view::npos) return "";
  absl::string_view cols = detail.substr(0, end);
  if (absl::ConsumePrefix(&cols, "lower(")) absl::ConsumeSuffix(&cols, ")");
  return std::string(cols);
}

}  // namespace

absl::Status StatusFromSqlState(absl::string_view sqlstate, absl::string_view message,
                                absl::string_view detail) {
  if (sqlstate == "23505") {
    std::string column = UniqueColumn(detail);
    return absl::AlreadyExistsError(column.empty() ? std::string(message) : column);
  }
  if (sqlstate == "23503") return absl::FailedPreconditionError("foreign_key");
  if (sqlstate == "23502" || sqlstate == "23514") return absl::InvalidArgumentError(message);
  if (sqlstate == "40001" || sqlstate == "40P01") return absl::AbortedError(message);
  if (absl::StartsWith(sqlstate, "08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03" || sqlstate == "25006")
    return absl::UnavailableError(message);
  return absl::InternalError(absl::StrCat(sqlstate, ": ", message));
}

bool IsRetryable(const absl::Status& st) { return absl::IsAborted(st); }

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    if (res_ != nullptr) PQclear(res_);
    res_ = other.res_;
    other.res_ = nullptr;
  }
  return *this;
}

Result::~Result() {
  if (res_ != nullptr) PQclear(res_);
}

int Result::Rows() const { return PQntuples(res_); }
int Result::Columns() const { return PQnfields(res_); }
bool Result::IsNull(int row, int col) const { return PQgetisnull(res_, row, col) != 0; }

std::string Result::Text(int row, int col) const {
  return std::string(PQgetvalue(res_, row, col), static_cast<size_t>(PQgetlength(res_, row, col)));
}

absl::string_view Result::View(int row, int col) const {
  return absl::string_view(PQgetvalue(res_, row, col),
                           static_cast<size_t>(PQgetlength(res_, row, col)));
}

int64_t Result::Int(int row, int col) const {
  int64_t v = 0;
  if (!IsNull(row, col) && !absl::SimpleAtoi(PQgetvalue(res_, row, col), &v)) v = 0;
  return v;
}

std::string Result::Tuples() const { return PQcmdTuples(res_); }
std::string Result::Command() const { return PQcmdStatus(res_); }

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  pg_conn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return absl::ResourceExhaustedError("libpq: out of memory");
  std::unique_ptr<Connection> c(new Connection(conn));
  PQsetNoticeProcessor(conn, &IgnoreNotice, nullptr);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    absl::StripTrailingAsciiWhitespace(&message);
    return absl::UnavailableError(absl::StrCat("connecting to PostgreSQL: ", message));
  }
  // Every value the store binds is text in UTF-8 and instants are integers: nothing
  // depends on the server's defaults but the encoding, fixed here.
  PQsetClientEncoding(conn, "UTF8");
  return c;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::ok() const { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

bool Connection::InTransaction() const {
  PGTransactionStatusType st = PQtransactionStatus(conn_);
  return st == PQTRANS_INTRANS || st == PQTRANS_INERROR || st == PQTRANS_ACTIVE;
}

bool Connection::InFailedTransaction() const {
  return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

absl::StatusOr<Result> Connection::Check(pg_result* res, absl::string_view context) {
  Result result(res);
  ExecStatusType st = res == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(res);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return result;
  const char* sqlstate = res == nullptr ? nullptr : PQresultErrorField(res, PG_DIAG_SQLSTATE);
  if (sqlstate == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    // No SQLSTATE: libpq's own failure, which is a lost connection in practice.
    std::string message = PQerrorMessage(conn_);
    absl::StripTrailingAsciiWhitespace(&message);
    return absl::UnavailableError(absl::StrCat(context, ": ", message));
  }
  const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
  // A write refused by a read-only transaction is the caller's bug; refused by a
  // standby (a demoted primary after a failover) it is Unavailable, and the next
  // connection finds the new primary.
  const char* standby = PQparameterStatus(conn_, "in_hot_standby");
  if (absl::string_view(sqlstate) == "25006" &&
      (standby == nullptr || absl::string_view(standby) != "on"))
    return absl::InternalError(absl::StrCat(context, ": ", primary == nullptr ? "" : primary));
  const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
  return StatusFromSqlState(sqlstate, primary == nullptr ? "" : primary,
                            detail == nullptr ? "" : detail);
}

absl::StatusOr<Result> Connection::Exec(const std::string& sql) {
  if (!deferred_.empty() || !queued_.empty()) {
    ASSIGN_OR_RETURN(auto results, Pipeline({Step{.sql = &sql}}));
    return std::move(results[0]);
  }
  return Check(PQexec(conn_, sql.c_str()), "exec");
}

namespace {

struct CParams {
  std::vector<const char*> values;
  explicit CParams(const std::vector<Param>& params) {
    values.reserve(params.size());
    for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
  }
};

}  // namespace

absl::StatusOr<Result> Connection::ExecParams(const std::string& sql,
                                              const std::vector<Param>& params) {
  if (!deferred_.empty() || !queued_.empty()) {
    ASSIGN_OR_RETURN(auto results, Pipeline({Step{.sql = &sql, .params = &params}}));
    return std::move(results[0]);
  }
  CParams c(params);
  return Check(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                            c.values.data(), nullptr, nullptr, 0),
               sql);
}

absl::Status Connection::ForgetStatements() {
  absl::Status st = Exec("DEALLOCATE ALL").status();
  if (!st.ok()) return st;
  prepared_.clear();
  sql_statements_.clear();
  return absl::OkStatus();
}

absl::StatusOr<Result> Connection::ExecPrepared(const std::string& name, const std::string& sql,
                                                const std::vector<Param>& params) {
  const bool prepare = !prepared_.contains(name);
  if (prepare || !deferred_.empty() || !queued_.empty()) {
    bool accepted = false;
    absl::StatusOr<std::vector<absl::StatusOr<Result>>> results = Pipeline({Step{
        .sql = &sql, .name = &name, .prepare = prepare, .params = &params, .prepared = &accepted}});
    if (accepted) prepared_.insert(name);
    if (!results.ok()) return results.status();
    return std::move((*results)[0]);
  }
  CParams c(params);
  return Check(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), c.values.data(),
                              nullptr, nullptr, 0),
               name);
}

std::string Connection::AheadKey(const std::string& name, const std::vector<Param>& params) {
  std::string key = name;
  for (const Param& p : params) {
    if (p) {
      absl::StrAppend(&key, "\x01", p->size(), ":", *p);
    } else {
      key += '\x02';
    }
  }
  return key;
}

void Connection::Queue(const std::string& name, const std::string& sql, std::vector<Param> params,
                       bool read) {
  Queued q{.name = name, .params = std::move(params), .read = read};
  // Prepared with its first run; counted as prepared from now on, so that a later
  // statement of the same name does not prepare it a second time in the same pipeline
  // (a prepare that fails fails the transaction, and the connection forgets it then).
  if (!prepared_.contains(name)) {
    q.prepare = true;
    q.sql = sql;
    prepared_.insert(name);
  }
  queued_.push_back(std::move(q));
  if (!read) {
    // Reads ahead, run or queued before this write, would not see it.
    ahead_.clear();
    const size_t last = queued_.size() - 1;
    size_t i = 0;
    Unqueue([&](const Queued& other) { return i++ < last && other.read; });
  }
}

bool Connection::HasQueuedWrites() const {
  for (const Queued& q : queued_)
    if (!q.read) return true;
  return false;
}

void Connection::DropReadsAhead() {
  ahead_.clear();
  Unqueue([](const Queued& q) { return q.read; });
}

std::optional<Result> Connection::TakeAhead(const std::string& name,
                                            const std::vector<Param>& params) {
  if (ahead_.empty() && queued_.empty()) return std::nullopt;
  const std::string key = AheadKey(name, params);
  if (auto it = ahead_.find(key); it != ahead_.end()) {
    std::optional<Result> r(std::move(it->second));
    ahead_.erase(it);
    return r;
  }
  // Not sent yet: the caller's run sends it (with the rest of the queue).
  bool taken = false;
  Unqueue([&](const Queued& q) {
    if (taken || !q.read || q.name != name || q.params != params) return false;
    taken = true;
    return true;
  });
  return std::nullopt;
}

void Connection::Defer(std::string sql, bool own_sync) {
  deferred_.push_back(Deferred{std::move(sql), own_sync});
}

absl::StatusOr<Result> Connection::ExecThen(const std::string& first, const std::string& then) {
  ASSIGN_OR_RETURN(auto results, Pipeline({Step{.sql = &first}, Step{.sql = &then}}));
  return std::move(results[0]);
}

absl::StatusOr<std::vector<absl::StatusOr<Result>>> Connection::Pipeline(
    const std::vector<Step>& steps) {
  std::vector<Deferred> deferred = std::exchange(deferred_, {});
  std::vector<Queued> queued = std::exchange(queued_, {});
  static const std::vector<Param> kNone;
  // A statement kept from running by an earlier error of its implicit transaction.
  const absl::Status skipped = absl::CancelledError("not run: an earlier statement failed");
  auto lost = [&](absl::string_view what) {
    broken_ = true;
    std::string message = PQerrorMessage(conn_);
    absl::StripTrailingAsciiWhitespace(&message);
    return absl::UnavailableError(absl::StrCat(what, ": ", message));
  };
  if (PQenterPipelineMode(conn_) != 1) return lost("entering pipeline mode");

  // Send everything, then read.
  bool sent = true;
  for (const Deferred& d : deferred) {
    sent = sent &&
           PQsendQueryParams(conn_, d.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    if (d.own_sync) sent = sent && PQpipelineSync(conn_) == 1;
  }
  for (const Queued& q : queued) {
    const int n = static_cast<int>(q.params.size());
    CParams c(q.params);
    if (q.prepare)
      sent = sent && PQsendPrepare(conn_, q.name.c_str(), q.sql.c_str(), n, nullptr) == 1;
    sent = sent &&
           PQsendQueryPrepared(conn_, q.name.c_str(), n, c.values.data(), nullptr, nullptr, 0) == 1;
  }
  for (const Step& s : steps) {
    const std::vector<Param>& params = s.params != nullptr ? *s.params : kNone;
    const int n = static_cast<int>(params.size());
    CParams c(params);
    if (s.prepare)
      sent = sent && PQsendPrepare(conn_, s.name->c_str(), s.sql->c_str(), n, nullptr) == 1;
    if (s.name != nullptr)
      sent = sent && PQsendQueryPrepared(conn_, s.name->c_str(), n, c.values.data(), nullptr,
                                         nullptr, 0) == 1;
    else
      sent = sent && PQsendQueryParams(conn_, s.sql->c_str(), n, nullptr, c.values.data(), nullptr,
                                       nullptr, 0) == 1;
    if (s.sync_after || &s == &steps.back()) sent = sent && PQpipelineSync(conn_) == 1;
  }
  if (!sent) return lost("sending to PostgreSQL");

  // The results of one statement: the first kept, the terminating NULL consumed.
  auto read_one = [&](absl::string_view context) -> absl::StatusOr<Result> {
    std::optional<absl::StatusOr<Result>> first;
    for (int guard = 0; guard < 16; ++guard) {
      pg_result* r = PQgetResult(conn_);
      if (r == nullptr) break;
      const ExecStatusType st = PQresultStatus(r);
      if (st == PGRES_PIPELINE_SYNC) {  // a sync where a statement's result was due
        PQclear(r);
        return lost("pipeline out of step");
      }
      if (first.has_value()) {
        PQclear(r);
      } else if (st == PGRES_PIPELINE_ABORTED) {
        PQclear(r);
        first = skipped;
      } else {
        first = Check(r, context);
      }
    }
    if (!first.has_value()) return lost("reading from PostgreSQL");
    return *std::move(first);
  };
  auto read_sync = [&]() -> absl::Status {
    pg_result* r = PQgetResult(conn_);
    const bool ok = r != nullptr && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
    if (r != nullptr) PQclear(r);
    return ok ? absl::OkStatus() : lost("pipeline out of step");
  };

  absl::Status deferred_error;
  for (const Deferred& d : deferred) {
    absl::StatusOr<Result> r = read_one(d.sql);
    if (!r.ok() && deferred_error.ok() && !absl::IsCancelled(r.status()))
      deferred_error = r.status();
    if (broken_) return r.status();
    if (d.own_sync) RETURN_IF_ERROR(read_sync());
  }
  for (Queued& q : queued) {
    if (q.prepare) {
      absl::StatusOr<Result> prep = read_one(q.name);
      if (broken_) return prep.status();
      if (!prep.ok()) {
        prepared_.erase(q.name);
        if (deferred_error.ok() && !absl::IsCancelled(prep.status()))
          deferred_error = prep.status();
      }
    }
    absl::StatusOr<Result> r = read_one(q.name);
    if (broken_) return r.status();
    if (!r.ok()) {
      if (deferred_error.ok() && !absl::IsCancelled(r.status())) deferred_error = r.status();
    } else if (q.read) {
      ahead_.insert_or_assign(AheadKey(q.name, q.params), *std::move(r));
    }
  }
  std::vector<absl::StatusOr<Result>> results;
  results.reserve(steps.size());
  for (const Step& s : steps) {
    const std::string& context = s.name != nullptr ? *s.name : *s.sql;
    if (s.prepare) {
      absl::StatusOr<Result> prep = read_one(context);
      if (broken_) return prep.status();
      if (s.prepared != nullptr) *s.prepared = prep.ok();
      absl::StatusOr<Result> r = read_one(context);
      if (broken_) return r.status();
      results.push_back(prep.ok() ? std::move(r) : std::move(prep));
    } else {
      results.push_back(read_one(context));
      if (broken_) return results.back().status();
    }
    if (s.sync_after || &s == &steps.back()) RETURN_IF_ERROR(read_sync());
  }
  if (PQexitPipelineMode(conn_) != 1) return lost("leaving pipeline mode");
  if (!deferred_error.ok()) return deferred_error;
  return results;
}

}  // namespace retorno::postgres
