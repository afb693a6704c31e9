#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_tx.h"

namespace retorno {

namespace {

using sqlite::Connection;

absl::Status CreateParentDirectory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return absl::OkStatus();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec)
    return absl::UnavailableError(
        absl::StrCat("cannot create directory ", parent.string(), ": ", ec.message()));
  return absl::OkStatus();
}

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

// Ends the transaction on `conn`: COMMIT when `st` is OK, else ROLLBACK. Returns `st`,
// or the commit's failure (after rolling back).
absl::Status Finish(Connection& conn, absl::Status st) {
  // sqlite rolls a transaction back by itself after some errors (I/O, full disk);
  // committing then would fail with a confusing message, and the callback's status
  // (or the error that caused it) is the one to report.
  if (st.ok()) {
    if (!conn.InTransaction())
      return absl::InternalError("the transaction was rolled back by the database");
    st = conn.Run("COMMIT");
  }
  if (!st.ok() && conn.InTransaction()) conn.Run("ROLLBACK").IgnoreError();
  return st;
}

// Which store, if any, the current thread is writing to: a nested Write() would wait
// for the mutex it holds.
thread_local const void* tls_writing_store = nullptr;

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers)
      : writer_(std::move(writer)), readers_(std::move(readers)) {
    for (auto& r : readers_) free_readers_.push_back(r.get());
  }

  absl::Status Write(const std::function<absl::Status(Tx&)>& fn) override {
    if (tls_writing_store == this)
      return absl::InternalError("Write() called inside a Write() callback of the same store");
    std::lock_guard<std::mutex> lock(write_mu_);
    tls_writing_store = this;
    struct Reset {
      ~Reset() { tls_writing_store = nullptr; }
    } reset;
    // IMMEDIATE takes the write lock now, so a conflict shows up here (as Unavailable,
    // after busy_timeout) and never halfway through the callback.
    RETURN_IF_ERROR(writer_->Run("BEGIN IMMEDIATE"));
    absl::Status st;
    {
      sqlite::SqliteTx tx(*writer_);
      st = RunCallback(fn, tx);
    }
    return Finish(*writer_, std::move(st));
  }

  absl::Status Read(const std::function<absl::Status(Tx&)>& fn) override {
    Connection* conn = AcquireReader();
    struct Release {
      SqliteStore* store;
      Connection* conn;
      ~Release() { store->ReleaseReader(conn); }
    } release{this, conn};
    // DEFERRED: the snapshot is taken by the first read and kept until the end, so
    // every read of the callback sees the same committed state.
    RETURN_IF_ERROR(conn->Run("BEGIN DEFERRED"));
    absl::Status st;
    {
      sqlite::SqliteTx tx(*conn);
      st = RunCallback(fn, tx);
    }
    return Finish(*conn, std::move(st));
  }

 private:
  Connection* AcquireReader() {
    std::unique_lock<std::mutex> lock(readers_mu_);
    readers_cv_.wait(lock, [this] { return !free_readers_.empty(); });
    Connection* c = free_readers_.back();
    free_readers_.pop_back();
    return c;
  }

  void ReleaseReader(Connection* c) {
    {
      std::lock_guard<std::mutex> lock(readers_mu_);
      free_readers_.push_back(c);
    }
    readers_cv_.notify_one();
  }

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;  // guarded by write_mu_

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;  // guarded by readers_mu_
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  RETURN_IF_ERROR(CreateParentDirectory(options.path));
  Connection::Options copts;
  copts.busy_timeout_ms = options.busy_timeout_ms;
  copts.synchronous_full = options.synchronous_full;
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer, Connection::Open(options.path, copts));
  RETURN_IF_ERROR(sqlite::ApplyMigrations(*writer, sqlite::EmbeddedMigrations()).status());
  copts.query_only = true;
  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < std::max(options.readers, 1); ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> r, Connection::Open(options.path, copts));
    readers.push_back(std::move(r));
  }
  return std::unique_ptr<Store>(new SqliteStore(std::move(writer), std::move(readers)));
}

absl::StatusOr<int> MigrateSqlite(const std::string& path) {
  RETURN_IF_ERROR(CreateParentDirectory(path));
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Connection::Open(path, {}));
  return sqlite::ApplyMigrations(*conn, sqlite::EmbeddedMigrations());
}

}  // namespace retorno
