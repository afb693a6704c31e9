// One end of `retorno move-data`: a database reached through the shared SQL layer
// (store/sql/db.h), one transaction at a time.
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/sql/db.h"

namespace retorno::move {

class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // The file or the URL, for messages (a URL without its password).
  virtual const std::string& name() const = 0;
  virtual sql::Dialect dialect() const = 0;
  // The newest migration recorded in schema_migrations; 0 when it has none.
  virtual absl::StatusOr<int> SchemaVersion() = 0;
  // The newest migration of this build in the endpoint's dialect.
  virtual int BuildSchemaVersion() const = 0;
  // Applies this build's pending migrations (outside any transaction).
  // FailedPrecondition when the database is newer than this build.
  virtual absl::Status Migrate() = 0;
  // A source's transaction is one read snapshot; a target's a write transaction.
  virtual absl::Status Begin() = 0;
  virtual absl::Status Commit() = 0;
  virtual void Rollback() = 0;
  // The open transaction's connection. REQUIRES: between Begin and Commit/Rollback.
  virtual sql::Db& db() = 0;
  // Runs a statement without parameters nor results (DDL), inside the transaction.
  virtual absl::Status Exec(const std::string& sql) = 0;
};

// A SQLite database file to read from: must exist; opened so it refuses writes.
absl::StatusOr<std::unique_ptr<Endpoint>> OpenSqliteSource(const std::string& path);
// A SQLite database file to write to, created when missing.
absl::StatusOr<std::unique_ptr<Endpoint>> OpenSqliteTarget(const std::string& path);

// A PostgreSQL database to write to (libpq URL or connection string, passed as given):
// Unavailable when it cannot be reached.
absl::StatusOr<std::unique_ptr<Endpoint>> OpenPostgresTarget(const std::string& conninfo);

// The URL or connection string without its password, as messages name it: the password
// of a URL's user ("postgresql://ana:secret@db1/retorno") and any "password=" value (in
// a URL's query or a key=value connection string) become ***.
std::string WithoutPassword(std::string conninfo);

// The target named on the command line: a postgresql:// or postgres:// URL (or a libpq
// "key=value" connection string) is a PostgreSQL database, anything else a SQLite file.
absl::StatusOr<std::unique_ptr<Endpoint>> OpenTarget(const std::string& where);

}  // namespace retorno::move
