// "Repeat for N months" (manual 000): the series of monthly return dates, expanded by
// libical from an RFC 5545 RRULE. Dates are civil days; the instant of each occurrence
// is computed per occurrence in the owner's zone (InstantOf), so a series crossing a
// DST change keeps its local time.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace retorno {

inline constexpr int kMaxRepeatMonths = 60;

// The RRULE used for a monthly series starting on `first`. Product decision (ADR 0003):
// a series started on the 29th-31st falls on the last day of shorter months instead of
// skipping them, as RFC 5545's plain BYMONTHDAY would.
std::string MonthlyRule(absl::CivilDay first, int count);

// `count` dates, the first being `first`. InvalidArgument unless 1 <= count <= 60.
absl::StatusOr<std::vector<absl::CivilDay>> MonthlySeries(absl::CivilDay first, int count);

}  // namespace retorno
