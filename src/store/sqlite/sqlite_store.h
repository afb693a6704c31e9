// The SQLite implementation of the Store port (app/ports.h): one database file in WAL
// mode, one writer connection and a small pool of reader connections.
//
//   auto store = OpenSqliteStore({.path = "data/retorno.db"});
//   if (!store.ok()) return store.status();
//   absl::Status st = (*store)->Write([&](Tx& tx) { return tx.accounts().PutSettings(s); });
//
// Concurrency: Write() calls are serialised on the writer connection, each in one
// BEGIN IMMEDIATE transaction (committed when the callback returns OK, rolled back
// otherwise). Read() takes a reader connection from the pool and runs the callback in
// one snapshot transaction; readers never wait for the writer, only for a free reader
// connection. A Write() callback must not call Write() on the same store (it would
// wait for itself): that nested call fails with Internal instead.
//
// Errors follow app/ports.h; database failures are Unavailable (busy, I/O) or
// Internal. Nothing here throws: an exception escaping a callback rolls the
// transaction back and becomes Internal.
//
// The file must be on a local file system (WAL needs shared memory).
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "app/ports.h"

namespace retorno {

struct SqliteOptions {
  // The database file; its parent directory is created if missing. The file, its -wal
  // and -shm are the owner's only (0600): created so, or tightened when found looser.
  std::string path = "data/retorno.db";
  // Reader connections, i.e. how many Read() transactions run at once (at least 1).
  int readers = 4;
  // false: synchronous=NORMAL (in WAL mode a power cut may lose the last commits, never
  // consistency). true: synchronous=FULL, every commit is fsynced before Write()
  // returns (ADR 0005).
  bool synchronous_full = false;
  // How long a connection waits for a lock held by another process (a `retorno
  // migrate`, a backup) before failing with Unavailable.
  int busy_timeout_ms = 5000;
  // Group commit: Write() callbacks that arrive while another batch is committing run
  // together in the next transaction, each inside its own savepoint (one callback's
  // failure undoes only its own writes), and share one COMMIT, i.e. one fsync. Each
  // Write() still returns only once its writes are durable. At most this many per
  // batch; 1 turns grouping off.
  int max_group = 64;
};

// Opens the database (creating the file and its directory if needed), applies pending
// migrations, and returns the store. FailedPrecondition if the file's schema is newer
// than this build or WAL mode cannot be enabled.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// The schema version of this build: its newest migration's number. OpenSqliteStore
// brings a database to it or refuses one that is newer.
int SqliteSchemaVersion();

// Applies pending migrations to the database at `path` (creating it if needed) and
// returns how many were applied now: 0 when it was up to date. Used by `retorno
// migrate`; safe to run while a server has the database open.
absl::StatusOr<int> MigrateSqlite(const std::string& path);

}  // namespace retorno
