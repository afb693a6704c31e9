#include "store/move/progress_printer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace retorno::move {

namespace {

const char* PhaseName(Progress::Phase p) {
  switch (p) {
    case Progress::Phase::kCopy:
      return "copy";
    case Progress::Phase::kLink:
      return "link";
    case Progress::Phase::kVerify:
      return "verify";
  }
  return "";
}

double Mb(int64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

double PerSecond(double amount, absl::Duration d) {
  const double s = absl::ToDoubleSeconds(d);
  return s > 0 ? amount / s : 0;
}

}  // namespace

void ProgressPrinter::Show(const Progress& p) {
  const double share =
      p.rows_total > 0 ? static_cast<double>(p.rows) / static_cast<double>(p.rows_total) : 1.0;
  const std::string figures =
      absl::StrFormat("%s %s %d/%d rows | all %d/%d rows, %.1f MB, %.0f s", PhaseName(p.phase),
                      p.table, p.table_rows, p.table_rows_total, p.rows, p.rows_total, Mb(p.bytes),
                      absl::ToDoubleSeconds(p.elapsed));
  if (tty_) {
    // One line per phase, redrawn; the copy's stays on screen when the verification starts.
    if (line_open_ && p.phase != last_phase_) std::fprintf(out_, "\n");
    last_phase_ = p.phase;
    constexpr int kWidth = 30;
    const int full = static_cast<int>(share * kWidth + 0.5);
    std::string bar(static_cast<size_t>(std::min(full, kWidth)), '#');
    bar.resize(kWidth, '.');
    std::fprintf(out_, "\r\033[K[%s] %3.0f%% %s", bar.c_str(), share * 100, figures.c_str());
    line_open_ = true;
    std::fflush(out_);
    return;
  }
  const absl::Time now = absl::Now();
  if (!p.table_done && now - last_line_ < absl::Seconds(5)) return;
  last_line_ = now;
  std::fprintf(out_, "move-data: %s%s\n", figures.c_str(), p.table_done ? " (table done)" : "");
  std::fflush(out_);
}

void ProgressPrinter::Summary(const MoveReport& r) {
  if (line_open_) std::fprintf(out_, "\n");
  line_open_ = false;
  if (r.copy_time > absl::ZeroDuration())
    std::fprintf(out_, "move-data: %s %lld rows, %.1f MB in %.1f s: %.0f rows/s, %.1f MB/s\n",
                 r.resumed ? "resumed and copied" : "copied", static_cast<long long>(r.rows),
                 Mb(r.bytes), absl::ToDoubleSeconds(r.copy_time),
                 PerSecond(static_cast<double>(r.rows), r.copy_time),
                 PerSecond(Mb(r.bytes), r.copy_time));
  if (r.checks.empty()) return;
  int64_t rows = 0;
  for (const TableCheck& c : r.checks) rows += c.source_rows;
  if (r.verified()) {
    std::fprintf(out_,
                 "move-data: verified %zu tables, %lld rows: counts and checksums match "
                 "(%.1f s)\n",
                 r.checks.size(), static_cast<long long>(rows),
                 absl::ToDoubleSeconds(r.verify_time));
    return;
  }
  std::fprintf(out_, "move-data: the copy differs from the source:\n");
  for (const std::string& m : r.mismatches()) std::fprintf(out_, "  %s\n", m.c_str());
}

}  // namespace retorno::move
