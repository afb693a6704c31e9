#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "store/sql/sql_tx.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_db.h"

namespace retorno {

namespace {

using sqlite::Connection;

// The database holds password hashes, session hashes and customers' data: only the
// account that runs Retorno may read it. A missing file is created empty with mode 0600
// (sqlite gives its -wal and -shm the database file's mode); a file from an earlier
// version, or copied with a loose mode, is tightened to 0600 with its -wal and -shm
// rather than refused, so an upgrade starts; when it cannot be tightened (owned by
// another account) the store does not open.
absl::Status PrepareDatabaseFiles(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec)
      return absl::UnavailableError(
          absl::StrCat("cannot create directory ", parent.string(), ": ", ec.message()));
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    return absl::UnavailableError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  for (const std::string& file : {path, path + "-wal", path + "-shm", path + "-journal"}) {
    struct stat st;
    if (::stat(file.c_str(), &st) != 0) continue;  // -wal and -shm come and go
    if ((st.st_mode & 077) == 0) continue;
    if (::chmod(file.c_str(), st.st_mode & 0700) != 0)
      return absl::PermissionDeniedError(absl::StrCat(
          file,
          " is readable by other accounts and cannot be made private: ", std::strerror(errno)));
  }
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
  SqliteStore(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers,
              int max_group)
      : writer_(std::move(writer)),
        max_group_(std::max(1, max_group)),
        readers_(std::move(readers)) {
    for (auto& r : readers_) free_readers_.push_back(r.get());
  }

  // Group commit (see SqliteOptions::max_group): the caller queues its callback; the
  // first caller to find no batch running becomes the leader, runs every queued
  // callback (up to max_group) in one transaction and commits once, then wakes the
  // callers of that batch with their own results and hands the lead to the first caller
  // still queued. Each caller waits on its own condition variable, so a batch wakes its
  // members and the next leader, not every waiting thread (a shared one woke all of
  // them after every batch, and all but one went back to sleep).
  absl::Status Write(const std::function<absl::Status(Tx&)>& fn) override {
    if (tls_writing_store == this)
      return absl::InternalError("Write() called inside a Write() callback of the same store");
    Pending me{&fn};
    std::unique_lock<std::mutex> lock(queue_mu_);
    queue_.push_back(&me);
    if (leading_) {
      me.wake.wait(lock, [&me] { return me.done || me.lead; });
      if (me.done) return me.result;
    }
    // Leading: either no batch was running (so the queue held only this caller) or the
    // last leader handed over to the front of the queue, which is this caller.
    leading_ = true;
    const size_t n = std::min(queue_.size(), static_cast<size_t>(max_group_));
    std::vector<Pending*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    // Notified under the lock: a woken caller returns and its Pending (with the
    // condition variable) is gone as soon as it can take the lock.
    for (Pending* p : batch) {
      p->done = true;
      if (p != &me) p->wake.notify_one();
    }
    if (queue_.empty()) {
      leading_ = false;
    } else {
      queue_.front()->lead = true;
      queue_.front()->wake.notify_one();
    }
    return me.result;
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
      sqlite::SqliteDb db(*conn);
      sql::SqlTx tx(db);
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

  struct Pending {
    const std::function<absl::Status(Tx&)>* fn;
    absl::Status result;
    bool done = false;  // guarded by queue_mu_
    bool lead = false;  // guarded by queue_mu_: run the next batch
    std::condition_variable wake;
  };

  // Runs a batch on the writer connection (only the leader does, one at a time).
  void RunBatch(const std::vector<Pending*>& batch) {
    tls_writing_store = this;
    struct Reset {
      ~Reset() { tls_writing_store = nullptr; }
    } reset;
    // IMMEDIATE takes the write lock now, so a conflict shows up here (as Unavailable,
    // after busy_timeout) and never halfway through a callback.
    if (absl::Status begin = writer_->Run("BEGIN IMMEDIATE"); !begin.ok()) {
      for (Pending* p : batch) p->result = begin;
      return;
    }
    if (batch.size() == 1) {
      // Alone, a callback needs no savepoint of its own: a failure rolls the whole
      // transaction back. And it must not have one: with a savepoint open for the whole
      // callback, every inner savepoint's RELEASE walks sqlite's in-memory statement
      // journal from its start, which made long callbacks (an import chunk, the demo,
      // the bench generator) quadratic: 6,000 -> 700 follow-ups/s within 40,000.
      absl::Status st;
      {
        sqlite::SqliteDb db(*writer_);
        sql::SqlTx tx(db);
        st = RunCallback(*batch.front()->fn, tx);
      }
      batch.front()->result = Finish(*writer_, std::move(st));
      return;
    }
    std::vector<Pending*> committed;  // callbacks whose writes ride on the COMMIT
    for (Pending* p : batch) {
      if (!writer_->InTransaction()) {
        // sqlite rolled the transaction back by itself (I/O error, full disk): what the
        // earlier callbacks wrote is gone; start again for the rest.
        for (Pending* c : committed)
          c->result = absl::UnavailableError("the transaction was rolled back by the database");
        committed.clear();
        if (absl::Status begin = writer_->Run("BEGIN IMMEDIATE"); !begin.ok()) {
          p->result = begin;
          continue;
        }
      }
      if (absl::Status sp = writer_->Run("SAVEPOINT group_member"); !sp.ok()) {
        p->result = sp;
        continue;
      }
      absl::Status st;
      {
        sqlite::SqliteDb db(*writer_);
        sql::SqlTx tx(db);
        st = RunCallback(*p->fn, tx);
      }
      if (st.ok()) st = writer_->Run("RELEASE group_member");
      if (!st.ok() && writer_->InTransaction()) {
        writer_->Run("ROLLBACK TO group_member").IgnoreError();
        writer_->Run("RELEASE group_member").IgnoreError();
      }
      p->result = st;
      if (st.ok()) committed.push_back(p);
    }
    absl::Status commit = Finish(*writer_, absl::OkStatus());
    if (!commit.ok())
      for (Pending* c : committed) c->result = commit;
  }

  std::unique_ptr<Connection> writer_;  // used by the leader only
  std::mutex queue_mu_;
  std::deque<Pending*> queue_;  // guarded by queue_mu_
  bool leading_ = false;        // guarded by queue_mu_
  const int max_group_;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;  // guarded by readers_mu_
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  RETURN_IF_ERROR(PrepareDatabaseFiles(options.path));
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
  return std::unique_ptr<Store>(
      new SqliteStore(std::move(writer), std::move(readers), options.max_group));
}

absl::StatusOr<int> MigrateSqlite(const std::string& path) {
  RETURN_IF_ERROR(PrepareDatabaseFiles(path));
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Connection::Open(path, {}));
  return sqlite::ApplyMigrations(*conn, sqlite::EmbeddedMigrations());
}

int SqliteSchemaVersion() {
  const auto& all = sqlite::EmbeddedMigrations();
  return all.empty() ? 0 : all.back().version;
}

}  // namespace retorno
