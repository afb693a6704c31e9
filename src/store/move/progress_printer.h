// How `retorno move-data` shows its progress and its final figures: on a terminal, one
// line redrawn in place with a bar; otherwise (a log, a pipe) plain lines, one per
// table and one every few seconds during a long table.
#pragma once

#include <cstdio>

#include "absl/time/time.h"
#include "store/move/move_data.h"

namespace retorno::move {

class ProgressPrinter {
 public:
  // `out` is not owned; `tty` chooses the redrawn bar.
  ProgressPrinter(std::FILE* out, bool tty) : out_(out), tty_(tty) {}

  // Pass as MoveOptions::progress (through a lambda).
  void Show(const Progress& p);
  // Rows and bytes copied, rows/s and MB/s, and the verification's outcome.
  void Summary(const MoveReport& r);

 private:
  std::FILE* out_;
  bool tty_;
  bool line_open_ = false;  // a redrawn line waits for its newline
  Progress::Phase last_phase_ = Progress::Phase::kCopy;
  absl::Time last_line_ = absl::InfinitePast();
};

}  // namespace retorno::move
