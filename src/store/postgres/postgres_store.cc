#include "store/postgres/postgres_store.h"

#include <libpq-fe.h>

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "base/status_macros.h"
#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"
#include "store/postgres/postgres_db.h"
#include "store/sql/sql_tx.h"

namespace retorno {

namespace {

using postgres::Connection;
using postgres::PostgresDb;
using postgres::TxKind;

// Runs the caller's callback; an exception becomes a Status so that the transaction is
// rolled back and nothing is thrown through the store.
absl::Status RunCallback(const std::function<absl::Status(Tx&)>& fn, Tx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("exception in a transaction: ", e.what()));
  } catch (...) {
    return absl::InternalError("exception in a transaction");
  }
}

// libpq's own parse of the URL, so a malformed one is reported as such and not as an
// unreachable server. The password, if any, never reaches the message.
absl::Status CheckUrl(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &error);
  if (parsed != nullptr) {
    PQconninfoFree(parsed);
    return absl::OkStatus();
  }
  std::string message = error != nullptr ? error : "out of memory";
  if (error != nullptr) PQfreemem(error);
  absl::StripTrailingAsciiWhitespace(&message);
  return absl::InvalidArgumentError(absl::StrCat("bad PostgreSQL URL: ", message));
}

// The advisory-lock key of the cluster-wide write gate (RetryPolicy::cluster_gate_key):
// "Retorno" in ASCII, unlikely to meet another application's key on a shared server.
constexpr int64_t kClusterWriteGateKey = 0x526574'6f726e6f;

// Orders this node's write transactions after a conflict. A first attempt runs beside
// the node's other writes (shared); an attempt after a serialization failure runs alone
// (exclusive): it waits for the writes in flight, and new ones wait for it. So writers of
// one node that keep colliding on a hot row (the settings, a follow-up's returns) cannot
// starve one another into Unavailable: the second attempt meets no rival from this
// node. Writers of other nodes are held back by the same rule in the database (the
// advisory lock of kClusterWriteGateKey); this gate keeps a node's own waiting out of
// its connection pool. Reads are not
// gated (REPEATABLE READ, READ ONLY transactions take no part in serialization
// failures). New shared entrants wait while an exclusive one waits, so it is not starved.
class WriteGate {
 public:
  void Enter(bool exclusive) {
    std::unique_lock<std::mutex> lock(mu_);
    if (exclusive) {
      ++exclusive_waiting_;
      cv_.wait(lock, [&] { return !exclusive_held_ && shared_ == 0; });
      --exclusive_waiting_;
      exclusive_held_ = true;
    } else {
      cv_.wait(lock, [&] { return !exclusive_held_ && exclusive_waiting_ == 0; });
      ++shared_;
    }
  }
  void Leave(bool exclusive) {
    std::lock_guard<std::mutex> lock(mu_);
    if (exclusive) {
      exclusive_held_ = false;
    } else {
      --shared_;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int shared_ = 0;               // guarded by mu_
  int exclusive_waiting_ = 0;    // guarded by mu_
  bool exclusive_held_ = false;  // guarded by mu_
};

// Which store, if any, the current thread is writing to: a nested Write() would take a
// second connection while holding one, and with the pool exhausted wait for itself.
thread_local const void* tls_writing_store = nullptr;

class PostgresStore final : public Store {
 public:
  PostgresStore(std::unique_ptr<postgres::Pool> pool, PostgresTxFactory make_tx, int max_attempts)
      : pool_(std::move(pool)), make_tx_(std::move(make_tx)) {
    ungated_policy_.max_attempts = max_attempts;
    write_policy_.max_attempts = max_attempts;
    // Every node gates its writes on the same key: a retry runs alone in the cluster.
    write_policy_.cluster_gate_key = kClusterWriteGateKey;
    write_policy_.around_attempt = [this](int attempt, bool starting) {
      if (starting) {
        gate_.Enter(/*exclusive=*/attempt > 1);
      } else {
        gate_.Leave(/*exclusive=*/attempt > 1);
      }
    };
  }

  absl::Status Write(const std::function<absl::Status(Tx&)>& fn) override {
    return RunWrite(TxKind::kWrite, fn);
  }

  // READ COMMITTED, outside both write gates: such a write takes no predicate locks, so
  // it neither fails a serializable write nor is failed by one except on a row both
  // update, and a serializable retry running "alone" has nothing to fear from it.
  absl::Status WriteRowLocked(const std::function<absl::Status(Tx&)>& fn) override {
    return RunWrite(TxKind::kWriteReadCommitted, fn);
  }

  absl::Status Read(const std::function<absl::Status(Tx&)>& fn) override {
    // A Read() inside a Write() callback is allowed (as on SQLite): it sees the last
    // commit, not the open write.
    const void* writing = std::exchange(tls_writing_store, nullptr);
    absl::Status st = Run(TxKind::kRead, fn);
    tls_writing_store = writing;
    return st;
  }

 private:
  absl::Status RunWrite(TxKind kind, const std::function<absl::Status(Tx&)>& fn) {
    if (tls_writing_store == this)
      return absl::InternalError("Write() called inside a Write() callback of the same store");
    tls_writing_store = this;
    struct Reset {
      ~Reset() { tls_writing_store = nullptr; }
    } reset;
    return Run(kind, fn);
  }

  absl::Status Run(TxKind kind, const std::function<absl::Status(Tx&)>& fn) {
    // WithRetry runs the transaction again on Aborted. Only the database's Aborted (a
    // serialization failure or a deadlock) means that; a callback's own Aborted (a use
    // case refusing) rolls back and reaches the caller as it is, after one run.
    std::optional<absl::Status> refused;
    absl::Status st = postgres::WithRetry(
        *pool_, kind,
        [&](Connection& conn) -> absl::Status {
          PostgresDb db(conn);
          std::unique_ptr<Tx> tx = make_tx_(db);
          absl::Status result = RunCallback(fn, *tx);
          if (absl::IsAborted(result) && !db.conflicted()) {
            refused = std::move(result);
            return absl::CancelledError("refused by the callback");
          }
          return result;
        },
        kind == TxKind::kWrite ? write_policy_ : ungated_policy_);
    return refused ? *std::move(refused) : st;
  }

  std::unique_ptr<postgres::Pool> pool_;
  PostgresTxFactory make_tx_;
  postgres::RetryPolicy ungated_policy_;  // reads, and READ COMMITTED writes
  postgres::RetryPolicy write_policy_;
  WriteGate gate_;
};

}  // namespace

bool IsPostgresUrl(std::string_view database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options,
                                                         PostgresTxFactory make_tx) {
  RETURN_IF_ERROR(CheckUrl(options.url));
  ASSIGN_OR_RETURN(std::unique_ptr<postgres::Pool> pool,
                   postgres::Pool::Create({.conninfo = options.url,
                                           .size = options.pool_size,
                                           .acquire_timeout = options.acquire_timeout}));
  {
    ASSIGN_OR_RETURN(postgres::Lease lease, pool->Acquire());
    RETURN_IF_ERROR(postgres::ApplyMigrations(*lease, postgres::EmbeddedMigrations()).status());
  }
  if (!make_tx) make_tx = [](sql::Db& db) { return std::make_unique<sql::SqlTx>(db); };
  return std::unique_ptr<Store>(
      new PostgresStore(std::move(pool), std::move(make_tx), options.max_attempts));
}

absl::StatusOr<int> MigratePostgres(const std::string& url) {
  RETURN_IF_ERROR(CheckUrl(url));
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Connection::Open(url));
  return postgres::ApplyMigrations(*conn, postgres::EmbeddedMigrations());
}

}  // namespace retorno
