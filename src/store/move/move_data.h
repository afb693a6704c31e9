// `retorno move-data`: copies a whole Retorno database from a SQLite file into another
// database (PostgreSQL, or another SQLite file), table by table through the shared SQL
// layer, then verifies the copy (ADR 0029).
//
//   ASSIGN_OR_RETURN(auto from, move::OpenSqliteSource("data/retorno.db"));
//   ASSIGN_OR_RETURN(auto to, move::OpenTarget("postgresql://db1/retorno"));
//   ASSIGN_OR_RETURN(move::MoveReport report, move::MoveData(*from, *to, {}));
//   if (!report.verified()) ...  // report.checks lists each table's counts and sums
//
// What it guarantees:
// - The target is first brought to this build's schema, which must be the source's
//   (FailedPrecondition naming the command to run otherwise).
// - It refuses (FailedPrecondition) a target that holds users, parties or follow-ups,
//   unless `resume` and the target holds an interrupted copy. Other rows of an empty
//   target (what its first migration seeds: settings, contact types, categories,
//   templates, sequences) are replaced by the source's.
// - Ids are kept. Tables are copied parents first, each in key order, in batches of at
//   most `batch_rows` rows or `batch_bytes` bytes, one target transaction per batch that
//   also records the batch in the target's `move_data_progress` table; `resume`
//   continues after the last recorded batch. The table is dropped when the copy ends.
// - The source is read in one snapshot (one read transaction for the whole run): stop
//   the server first, or the copy is of the moment the run started.
// - Verification: per table, the row count and a BLAKE2b checksum of every row in key
//   order, computed in C++ from the values read on each end.
//
// Not thread-safe; one run per target at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "store/move/endpoint.h"

namespace retorno::move {

// What the progress callback sees, after each batch and at each table's end.
struct Progress {
  enum class Phase { kCopy, kLink, kVerify };
  Phase phase = Phase::kCopy;
  std::string table;
  int64_t table_rows = 0;        // rows of `table` done so far (this phase)
  int64_t table_rows_total = 0;  // rows of `table` in the source
  bool table_done = false;
  int64_t rows = 0;        // rows done over every table
  int64_t rows_total = 0;  // rows of every table in the source
  int64_t bytes = 0;       // bytes copied (or read to verify) so far in this run
  absl::Duration elapsed;  // since the run (or the verification) started
};

struct MoveOptions {
  // Continue an interrupted copy instead of refusing a target that holds one.
  bool resume = false;
  // Skip the copy: only compare the two databases, table by table.
  bool verify_only = false;
  // Verify after copying (default true).
  bool verify = true;
  // A batch ends after this many rows (default 1000) or once its values weigh this many
  // bytes (default 8 MiB), whichever comes first.
  int batch_rows = 1000;
  int64_t batch_bytes = 8 << 20;
  // Called after each batch and at each table's end (may be empty).
  std::function<void(const Progress&)> progress;
  // Tests only: stop with Aborted after this many batches have been committed (0: never),
  // as an interrupted copy would.
  int stop_after_batches = 0;
};

// One table's comparison.
struct TableCheck {
  std::string table;
  int64_t source_rows = 0;
  int64_t target_rows = 0;
  std::string source_sum;  // hex BLAKE2b-256
  std::string target_sum;
  bool ok() const { return source_rows == target_rows && source_sum == target_sum; }
};

struct MoveReport {
  bool resumed = false;
  int64_t rows = 0;   // copied by this run
  int64_t bytes = 0;  // copied by this run
  absl::Duration copy_time;
  absl::Duration verify_time;
  std::vector<TableCheck> checks;  // empty when not verified
  bool verified() const;           // every check ok (and there were checks)
  std::vector<std::string> mismatches()
      const;  // "followups: 120 rows / 120 rows, checksums differ"
};

// Copies `source` (a SQLite database, see OpenSqliteSource) into `target` and verifies,
// as the file comment says. A failed verification is not an error: it is in the report.
// Errors: FailedPrecondition (schema versions, a non-empty target), Aborted (the test
// hook), and the endpoints' errors (Unavailable, Internal...), after which a run with
// `resume` continues.
absl::StatusOr<MoveReport> MoveData(Endpoint& source, Endpoint& target, const MoveOptions& options);

}  // namespace retorno::move
