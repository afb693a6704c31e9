#include "store/sql/db.h"

#include "absl/strings/str_format.h"

namespace retorno::sql {

std::string DayText(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::optional<absl::CivilDay> ParseDayText(std::string_view text) {
  // Hand-parsed: every stored date goes through here, and absl::ParseCivilTime (a
  // general strptime) cost ~3 µs a date, most of a month-calendar request.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (int i = starts[f]; i < starts[f] + lengths[f]; ++i) {
      const char c = text[static_cast<size_t>(i)];
      if (c < '0' || c > '9') return std::nullopt;
      v[f] = v[f] * 10 + (c - '0');
    }
  }
  const absl::CivilDay day(v[0], v[1], v[2]);
  // CivilDay normalises 2026-02-30 to March: such a text is not a date.
  if (day.year() != v[0] || day.month() != v[1] || day.day() != v[2]) return std::nullopt;
  return day;
}

absl::Status Cursor::RunLater() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

absl::Status Query::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

}  // namespace retorno::sql
