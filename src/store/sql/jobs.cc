// The jobs repository in SQL: the jobs' named state.
#include "base/status_macros.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

RETORNO_SQL(kGetJobState, "SELECT value FROM job_state WHERE name = ?");
RETORNO_SQL(kPutJobState,
            "INSERT INTO job_state (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value");

}  // namespace

absl::StatusOr<std::optional<std::string>> SqlJobs::GetJobState(const std::string& name) {
  return FindOne<std::string>(
      db_, kGetJobState,
      [](const Query& q, int c) -> absl::StatusOr<std::string> { return q.Text(c); }, name);
}

absl::Status SqlJobs::PutJobState(const std::string& name, const std::string& value) {
  return db_.Run(kPutJobState, name, value);
}

}  // namespace retorno::sql
