#include "store/sqlite/migrations.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"

namespace retorno::sqlite {

namespace {

absl::StatusOr<bool> IsApplied(Connection& conn, int version) {
  ASSIGN_OR_RETURN(Query q, conn.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?"));
  q.Bind(version);
  return q.Step();
}

absl::Status ApplyOne(Connection& conn, const Migration& m) {
  RETURN_IF_ERROR(conn.ExecScript(m.sql));
  return conn.Run("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", m.version, m.name);
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& conn, const std::vector<Migration>& all) {
  RETURN_IF_ERROR(
      conn.ExecScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                      "  version INTEGER PRIMARY KEY,"
                      "  name TEXT NOT NULL"
                      ") STRICT"));
  int known = 0;
  for (const Migration& m : all) known = std::max(known, m.version);
  {
    ASSIGN_OR_RETURN(Query q, conn.Prepare("SELECT max(version) FROM schema_migrations"));
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (row && !q.IsNull(0) && q.Int(0) > known)
      return absl::FailedPreconditionError(absl::StrCat("database schema version ", q.Int(0),
                                                        " is newer than this build (", known,
                                                        "); upgrade Retorno"));
  }
  int applied = 0;
  for (const Migration& m : all) {
    // IMMEDIATE takes the write lock before looking, so a concurrent migrator waits
    // and then finds the migration recorded.
    RETURN_IF_ERROR(conn.ExecScript("BEGIN IMMEDIATE"));
    absl::Status st;
    absl::StatusOr<bool> done = IsApplied(conn, m.version);
    if (!done.ok()) {
      st = done.status();
    } else if (!*done) {
      st = ApplyOne(conn, m);
      if (st.ok()) ++applied;
    }
    if (st.ok()) st = conn.ExecScript("COMMIT");
    if (!st.ok()) {
      if (conn.InTransaction()) conn.ExecScript("ROLLBACK").IgnoreError();
      return absl::Status(st.code(),
                          absl::StrCat("migration ", m.version, "_", m.name, ": ", st.message()));
    }
  }
  return applied;
}

}  // namespace retorno::sqlite
