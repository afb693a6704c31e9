// A fixed-size pool of PostgreSQL connections, and the transaction runner that retries
// serialization failures and deadlocks (ADR 0026). Private to the PostgreSQL store.
//
//   ASSIGN_OR_RETURN(auto pool, Pool::Create({.conninfo = url}));
//   RETURN_IF_ERROR(WithRetry(*pool, TxKind::kWrite, [&](Connection& c) -> absl::Status {
//     return c.ExecPrepared("bump", "UPDATE t SET n = n + 1", {}).status();
//   }));
//
// Thread-safe: any thread may Acquire; a Lease is used by one thread at a time.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "store/postgres/connection.h"

namespace retorno::postgres {

struct PoolOptions {
  // libpq connection string or URL, passed as given (multi-host URLs with
  // target_session_attrs=read-write are how a node follows a failover).
  std::string conninfo;
  // Connections at most. 0 (the default): 2 x the machine's cores, at least 2.
  size_t size = 0;
  // How long Acquire waits for a free connection before Unavailable.
  absl::Duration acquire_timeout = absl::Seconds(5);
};

class Pool;

// A connection lent by the pool; returned when the lease ends. A connection that
// broke while leased is closed instead of returned, and the pool opens a new one on
// demand. A connection is always returned outside any transaction.
class Lease {
 public:
  Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

 private:
  friend class Pool;
  Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
};

class Pool {
 public:
  // Opens one connection to check the settings (Unavailable if the server cannot be
  // reached); the others are opened when first needed.
  static absl::StatusOr<std::unique_ptr<Pool>> Create(const PoolOptions& options);
  // REQUIRES: every Lease has ended.
  ~Pool() = default;

  // Lends a free connection, opening one if the pool is below its size, else waits up
  // to acquire_timeout (Unavailable when it passes, or when a new connection fails).
  absl::StatusOr<Lease> Acquire();

  size_t size() const { return size_; }
  // Connections currently open (idle + leased).
  size_t open() const;
  size_t idle() const;

 private:
  friend class Lease;
  explicit Pool(const PoolOptions& options, size_t size) : options_(options), size_(size) {}
  void Return(std::unique_ptr<Connection> conn);

  const PoolOptions options_;
  const size_t size_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  size_t open_ = 0;                                // guarded by mu_
};

enum class TxKind {
  kRead,   // REPEATABLE READ, READ ONLY: one snapshot, writes refused
  kWrite,  // SERIALIZABLE: conflicting writers fail with 40001 and are retried
  // READ COMMITTED: for writes that insert rows of their own and lock what they update
  // (Store::WriteRowLocked); deadlocks (40P01) are still retried. Never gated.
  kWriteReadCommitted,
};

struct RetryPolicy {
  // Conflicts between nodes are not ordered by any one node's write gate: many writers
  // on one hot row (one customer's follow-ups created from three nodes at once) need
  // several spaced attempts, about half a second in all, before answering busy.
  int max_attempts = 10;
  // Back-off before attempt n+1: base * 2^(n-1), at most max_backoff, times a random
  // factor in [0.5, 1.5).
  absl::Duration base_backoff = absl::Milliseconds(2);
  absl::Duration max_backoff = absl::Milliseconds(100);
  // When set, a write transaction is preceded by PostgreSQL's advisory lock with this
  // key, held until it ends: shared on a first attempt, exclusive on a retry. A retry then
  // runs alone among the writes of every node on the database (a waiting exclusive
  // request also holds back new shared ones, so it is not starved), and writers of
  // several nodes colliding on a hot row cannot keep failing one another. The lock is
  // taken before BEGIN, so it never waits while holding a row.
  std::optional<int64_t> cluster_gate_key;
  // Called with (n, true) before attempt n takes a connection and with (n, false) once
  // it has ended (committed, rolled back or failed), e.g. to hold a lock for the
  // attempt's whole length. Optional.
  std::function<void(int attempt, bool starting)> around_attempt;
};

// Runs `body` in a transaction of `kind` on a pooled connection and commits it. When
// the transaction (the body or the commit) fails with a serialization failure or a
// deadlock (Aborted), it is rolled back and `body` runs again on a new transaction, up
// to policy.max_attempts times; then Unavailable (with the last conflict's message) is
// returned. Any other error rolls back and is returned as is. `body` must have no effects outside
// the database, since it may run more than once. `attempts`, when given, receives how many runs it
// took.
absl::Status WithRetry(Pool& pool, TxKind kind,
                       const std::function<absl::Status(Connection&)>& body,
                       const RetryPolicy& policy = {}, int* attempts = nullptr);

}  // namespace retorno::postgres
