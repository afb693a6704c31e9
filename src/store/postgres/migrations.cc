#include "store/postgres/migrations.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"

namespace retorno::postgres {

namespace {

// Any fixed number shared by every Retorno process: the key of the migration lock.
constexpr const char* kLock = "SELECT pg_advisory_xact_lock(5265746)";

absl::Status ApplyInTransaction(Connection& conn, const Migration& m, int& applied) {
  RETURN_IF_ERROR(conn.Exec(kLock).status());
  ASSIGN_OR_RETURN(
      Result done,
      conn.ExecParams("SELECT 1 FROM schema_migrations WHERE version = $1", Params(m.version)));
  if (done.Rows() > 0) return absl::OkStatus();
  RETURN_IF_ERROR(conn.Exec(m.sql).status());
  RETURN_IF_ERROR(conn.ExecParams("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                  Params(m.version, m.name))
                      .status());
  ++applied;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& conn, const std::vector<Migration>& all) {
  // Under the lock too: two first migrators must not both create the table.
  RETURN_IF_ERROR(conn.Exec(absl::StrCat("BEGIN; ", kLock,
                                         "; CREATE TABLE IF NOT EXISTS schema_migrations ("
                                         "  version integer PRIMARY KEY,"
                                         "  name text NOT NULL); COMMIT"))
                      .status());
  int known = 0;
  for (const Migration& m : all) known = std::max(known, m.version);
  {
    ASSIGN_OR_RETURN(Result r, conn.Exec("SELECT max(version) FROM schema_migrations"));
    if (r.Rows() == 1 && !r.IsNull(0, 0) && r.Int(0, 0) > known)
      return absl::FailedPreconditionError(absl::StrCat("database schema version ", r.Int(0, 0),
                                                        " is newer than this build (", known,
                                                        "); upgrade Retorno"));
  }
  int applied = 0;
  for (const Migration& m : all) {
    absl::Status st = conn.Exec("BEGIN").status();
    if (st.ok()) st = ApplyInTransaction(conn, m, applied);
    if (st.ok()) st = conn.Exec("COMMIT").status();
    if (!st.ok()) {
      if (conn.ok() && conn.InTransaction()) conn.Exec("ROLLBACK").IgnoreError();
      return absl::Status(st.code(),
                          absl::StrCat("migration ", m.version, "_", m.name, ": ", st.message()));
    }
  }
  return applied;
}

}  // namespace retorno::postgres
