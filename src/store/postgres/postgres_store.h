// The PostgreSQL implementation of the Store port (app/ports.h), ADR 0026: a pool of
// connections to one server (or a multi-host URL that follows a failover), each
// transaction on a pooled connection, writes SERIALIZABLE and retried on conflicts.
//
//   ASSIGN_OR_RETURN(auto store, OpenPostgresStore({.url = "postgresql://db/retorno"}));
//   RETURN_IF_ERROR(store->Write([&](Tx& tx) { return tx.accounts().PutSettings(s); }));
//
// Concurrency: Write() and Read() may be called from any thread and run in parallel,
// each on its own connection (waiting up to acquire_timeout for a free one, then
// Unavailable). A Write() runs `fn` in a SERIALIZABLE transaction and commits it when
// `fn` returns OK; when it loses a serialization race or a deadlock (40001, 40P01),
// `fn` runs again on a fresh transaction (at most max_attempts times, then
// Unavailable), alone among the writes of every node, which wait for it (so writers
// cannot starve each other on a hot row). A WriteRowLocked() runs `fn` at READ
// COMMITTED instead, outside that ordering: it never fails on another transaction's
// reads, only a deadlock (40P01) runs it again. An Aborted that `fn` returns itself is
// not retried. So `fn`
// must have no effect outside the transaction: publish events, send mail, fill the
// caller's lists only after Write() returns, or reset them at the start of `fn`. A
// Read() is one REPEATABLE READ, READ ONLY snapshot; a write in it fails (Internal).
// A Write() callback must not call Write() on the same store: that nested call fails
// with Internal (it would need a second connection and could wait for itself).
//
// Errors follow app/ports.h (see StatusFromSqlState in connection.h); a lost
// connection or an unreachable server is Unavailable. Nothing here throws: an
// exception escaping a callback rolls the transaction back and becomes Internal.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/ports.h"
#include "store/sql/db.h"

namespace retorno {

struct PostgresOptions {
  // libpq connection URL or key=value string, passed to libpq as given: a multi-host
  // URL with target_session_attrs=read-write reaches whichever host is the primary.
  std::string url;
  // Connections at most. 0 (the default): 2 x the machine's cores, at least 2.
  size_t pool_size = 0;
  // How long a transaction waits for a free connection before Unavailable.
  absl::Duration acquire_timeout = absl::Seconds(5);
  // Runs of a Write() callback that keeps losing serialization races before
  // Unavailable (ADR 0026: 10, spaced by a capped back-off).
  int max_attempts = 10;
};

// Builds the Tx that a transaction's callback receives, over the transaction's Db.
using PostgresTxFactory = std::function<std::unique_ptr<Tx>(sql::Db&)>;

// Connects (Unavailable when the server cannot be reached, InvalidArgument for a URL
// libpq cannot parse), applies pending migrations under the migration lock (so several
// nodes starting at once migrate once), and returns the store. FailedPrecondition when
// the database's schema is newer than this build. `make_tx` builds each transaction's
// Tx; empty (the default): the shared SQL layer's sql::SqlTx (store/sql/).
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options,
                                                         PostgresTxFactory make_tx = {});

// Applies pending migrations to the database at `url` and returns how many were applied
// now (0: up to date). Used by `retorno migrate`; safe while servers use the database.
absl::StatusOr<int> MigratePostgres(const std::string& url);

// True for a --database value that names a PostgreSQL database (postgresql:// or
// postgres://) rather than a SQLite file.
bool IsPostgresUrl(std::string_view database);

}  // namespace retorno
