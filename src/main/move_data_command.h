// `retorno move-data`: the command line of store/move (ADR 0029).
#pragma once

#include <CLI/CLI.hpp>

namespace retorno {

// Adds the `move-data` subcommand to `cli`. It runs from its parse callback, before the
// configuration is read (it names both databases itself), and ends the parse with
// CLI::RuntimeError carrying its exit status: 0 copied and verified, 1 an error, 2 the
// verification found differences.
void AddMoveDataCommand(CLI::App& cli);

}  // namespace retorno
