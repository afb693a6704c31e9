// Schema migrations of the SQLite store: numbered SQL files under migrations/,
// embedded at build time (see src/store/embed_migrations.cmake). Private to the store.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/sqlite/connection.h"

namespace retorno::sqlite {

struct Migration {
  int version;       // NNNN of the file name
  std::string name;  // the rest of the file name, without .sql
  std::string sql;   // the file's text
};

// Every migration of this build, in version order (generated code).
const std::vector<Migration>& EmbeddedMigrations();

// Applies the migrations of `all` that the database has not recorded in
// schema_migrations, each in its own IMMEDIATE transaction together with its record,
// so a failure leaves the schema at the previous version and two processes migrating
// at once apply each migration once. Returns how many were applied now.
// FailedPrecondition when the database records a version this build does not know
// (it was migrated by a newer Retorno).
absl::StatusOr<int> ApplyMigrations(Connection& conn, const std::vector<Migration>& all);

}  // namespace retorno::sqlite
