#include "main/move_data_command.h"

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "store/move/move_data.h"
#include "store/move/progress_printer.h"

namespace retorno {

namespace {

struct MoveArgs {
  std::string from = "data/retorno.db";
  std::string to;
  bool resume = false;
  bool verify_only = false;
  bool no_verify = false;
  int batch_rows = 1000;
};

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "retorno move-data: %s\n", std::string(s.message()).c_str());
  return 1;
}

int RunMoveData(const MoveArgs& a) {
  if (a.batch_rows < 1) return Fail(absl::InvalidArgumentError("--batch-rows must be at least 1"));
  auto from = move::OpenSqliteSource(a.from);
  if (!from.ok()) return Fail(from.status());
  auto to = move::OpenTarget(a.to);
  if (!to.ok()) return Fail(to.status());
  move::ProgressPrinter printer(stderr, isatty(STDERR_FILENO) == 1);
  move::MoveOptions options;
  options.resume = a.resume;
  options.verify_only = a.verify_only;
  options.verify = !a.no_verify;
  options.batch_rows = a.batch_rows;
  options.progress = [&printer](const move::Progress& p) { printer.Show(p); };
  absl::StatusOr<move::MoveReport> report = move::MoveData(**from, **to, options);
  if (!report.ok()) {
    std::fprintf(stderr, "\n");
    return Fail(report.status());
  }
  printer.Summary(*report);
  if (!report->checks.empty() && !report->verified()) return 2;
  return 0;
}

}  // namespace

void AddMoveDataCommand(CLI::App& cli) {
  auto args = std::make_shared<MoveArgs>();
  CLI::App* cmd = cli.add_subcommand(
      "move-data",
      "Copy every table of a SQLite database into an empty database (PostgreSQL, or another "
      "SQLite file), then verify counts and checksums; resumable");
  cmd->add_option("--from", args->from,
                  "SQLite database to copy (default: the global --db, else data/retorno.db)");
  cmd->add_option("--to", args->to,
                  "Database to copy into: postgresql://user@host/db or a SQLite file; must hold "
                  "no users, parties or follow-ups")
      ->required();
  cmd->add_flag("--resume", args->resume, "Continue an interrupted copy into --to");
  cmd->add_flag("--verify-only", args->verify_only, "Only compare --from and --to, table by table");
  cmd->add_flag("--no-verify", args->no_verify, "Copy without comparing afterwards");
  cmd->add_option("--batch-rows", args->batch_rows,
                  "Rows per batch, one transaction each (default 1000; batches also end at 8 MiB)");
  // `retorno --db FILE move-data --to …` names the source the way every other command
  // names its database.
  const CLI::Option* db = cli.get_option_no_throw("--db");
  cmd->callback([args, cmd, db] {
    if (cmd->count("--from") == 0 && db != nullptr && db->count() > 0)
      args->from = db->as<std::string>();
    throw CLI::RuntimeError(RunMoveData(*args));
  });
}

}  // namespace retorno
