#include "store/postgres/pool.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"

namespace retorno::postgres {

Lease::~Lease() {
  if (conn_ != nullptr) pool_->Return(std::move(conn_));
}

absl::StatusOr<std::unique_ptr<Pool>> Pool::Create(const PoolOptions& options) {
  size_t size = options.size;
  if (size == 0) size = std::max<size_t>(2, 2 * std::thread::hardware_concurrency());
  std::unique_ptr<Pool> pool(new Pool(options, size));
  absl::StatusOr<std::unique_ptr<Connection>> first = Connection::Open(options.conninfo);
  if (!first.ok()) return first.status();
  pool->idle_.push_back(std::move(*first));
  pool->open_ = 1;
  return pool;
}

size_t Pool::open() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_;
}

size_t Pool::idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return idle_.size();
}

absl::StatusOr<Lease> Pool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  const auto deadline =
      std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(options_.acquire_timeout);
  while (idle_.empty() && open_ >= size_) {
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= size_)
      return absl::UnavailableError(absl::StrCat("no free PostgreSQL connection within ",
                                                 absl::FormatDuration(options_.acquire_timeout)));
  }
  if (!idle_.empty()) {
    std::unique_ptr<Connection> conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  // Below size: open a new connection without holding the lock (it takes a round trip).
  ++open_;
  lock.unlock();
  absl::StatusOr<std::unique_ptr<Connection>> conn = Connection::Open(options_.conninfo);
  if (!conn.ok()) {
    lock.lock();
    --open_;
    freed_.notify_one();
    return conn.status();
  }
  return Lease(this, std::move(*conn));
}

void Pool::Return(std::unique_ptr<Connection> conn) {
  // A connection still in a transaction (a body that returned without commit or
  // rollback) is rolled back so the next borrower starts clean.
  conn->DropDeferred();
  if (conn->ok() && conn->InTransaction()) conn->Exec("ROLLBACK").IgnoreError();
  std::lock_guard<std::mutex> lock(mu_);
  if (conn->ok()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;  // dropped with its prepared statements; reopened on demand
  }
  freed_.notify_one();
}

namespace {

absl::Status RunOnce(Connection& conn, TxKind kind,
                     const std::function<absl::Status(Connection&)>& body,
                     const RetryPolicy& policy, int attempt) {
  // The cluster's write gate is a session-level advisory lock taken before BEGIN: a
  // serializable transaction's snapshot is taken by its first statement, and must come
  // after the wait, or the retry would still see (and conflict with) the writes it
  // waited for. The lock and BEGIN travel with the body's first statement, and the
  // release with COMMIT (Connection::Defer, ExecThen): a write costs one round trip
  // more than its statements, not four, and a read none.
  const bool gated = kind == TxKind::kWrite && policy.cluster_gate_key.has_value();
  const bool alone = attempt > 1;
  if (gated)
    conn.Defer(absl::StrCat(alone ? "SELECT pg_advisory_lock(" : "SELECT pg_advisory_lock_shared(",
                            *policy.cluster_gate_key, ")"),
               /*own_sync=*/true);
  const char* begin = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  if (kind == TxKind::kWrite) begin = "BEGIN ISOLATION LEVEL SERIALIZABLE";
  if (kind == TxKind::kWriteReadCommitted) begin = "BEGIN ISOLATION LEVEL READ COMMITTED";
  conn.Defer(begin, /*own_sync=*/false);
  absl::Status st = body(conn);
  // Reads queued ahead and never run are not worth sending with the end.
  conn.DropReadsAhead();
  if (conn.HasDeferred() && (!st.ok() || !conn.HasQueuedWrites())) {
    // The body ran no statement (or only queued writes, and failed): nothing reached
    // the server, no lock was taken.
    conn.DropDeferred();
    return st;
  }
  // Writes queued by a body that failed are not sent: the transaction is rolled back.
  if (!st.ok()) conn.DropDeferred();
  const std::string unlock = gated ? absl::StrCat(alone ? "SELECT pg_advisory_unlock("
                                                        : "SELECT pg_advisory_unlock_shared(",
                                                  *policy.cluster_gate_key, ")")
                                   : "";
  // A lost connection has released its session's locks with it.
  if (!conn.ok()) return st;
  const char* end = st.ok() ? "COMMIT" : "ROLLBACK";
  if (st.ok() || conn.InTransaction()) {
    absl::Status ended = gated ? conn.ExecThen(end, unlock).status() : conn.Exec(end).status();
    if (st.ok()) st = ended;
    // A COMMIT that failed has ended the transaction; anything else left open is undone.
    if (!st.ok() && conn.ok() && conn.InTransaction()) {
      conn.Exec("ROLLBACK").IgnoreError();
      // Still open: a queued write failed, so COMMIT and the gate's release behind it
      // did not run; the release runs now.
      if (gated) conn.Exec(unlock).IgnoreError();
    }
  } else if (gated) {
    conn.Exec(unlock).IgnoreError();
  }
  return st;
}

absl::Duration Backoff(const RetryPolicy& policy, int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  return std::min(policy.base_backoff * (1 << std::min(attempt - 1, 10)), policy.max_backoff) *
         jitter(rng);
}

}  // namespace

absl::Status WithRetry(Pool& pool, TxKind kind,
                       const std::function<absl::Status(Connection&)>& body,
                       const RetryPolicy& policy, int* attempts) {
  absl::Status st;
  for (int attempt = 1;; ++attempt) {
    if (attempts != nullptr) *attempts = attempt;
    if (policy.around_attempt) policy.around_attempt(attempt, true);
    {
      absl::StatusOr<Lease> lease = pool.Acquire();
      st = lease.ok() ? RunOnce(**lease, kind, body, policy, attempt) : lease.status();
    }
    if (policy.around_attempt) policy.around_attempt(attempt, false);
    if (!IsRetryable(st)) return st;
    // Still conflicting after every attempt: the database is too busy for this
    // transaction now, which the HTTP layer answers as 503, like SQLite's busy timeout.
    if (attempt >= policy.max_attempts)
      return absl::UnavailableError(
          absl::StrCat("transaction conflicted ", attempt, " times: ", st.message()));
    absl::SleepFor(Backoff(policy, attempt));
  }
}

}  // namespace retorno::postgres
