// Schema migrations of the PostgreSQL store: numbered SQL files under migrations/, the
// same schema as the SQLite store's in PostgreSQL's dialect, embedded at build time
// (see src/store/embed_migrations.cmake). Private to the store.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/postgres/connection.h"

namespace retorno::postgres {

struct Migration {
  int version;       // NNNN of the file name
  std::string name;  // the rest of the file name, without .sql
  std::string sql;   // the file's text
};

// Every migration of this build, in version order (generated code).
const std::vector<Migration>& EmbeddedMigrations();

// Applies the migrations of `all` that the database has not recorded in
// schema_migrations, each in its own transaction together with its record. Each
// transaction first takes a transaction-level advisory lock, so two processes
// migrating at once apply each migration once (the second waits, then finds it
// recorded). Returns how many were applied now. FailedPrecondition when the database
// records a version this build does not know (it was migrated by a newer Retorno).
// REQUIRES: `conn` is outside any transaction.
absl::StatusOr<int> ApplyMigrations(Connection& conn, const std::vector<Migration>& all);

}  // namespace retorno::postgres
