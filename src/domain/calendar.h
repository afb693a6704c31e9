// The CRM calendar of manual 002: which day a return falls on for a viewer, and the
// colour of a day by how much of it was done. Pure: "today" and zones are passed in.
#pragma once

#include <optional>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace retorno {

// green: every return of the day done; orange: some; red: none; none: no returns on a
// day up to today; future: a day after the viewer's today (product decision, ADR 0008:
// nothing can be late yet, so it is neutral whatever its counts).
enum class DayColour { kNone, kGreen, kOrange, kRed, kFuture };
std::string_view ToString(DayColour c);

// Cancelled returns are not counted by the caller: they were neither done nor owed.
DayColour ColourOf(int done, int planned, absl::CivilDay day, absl::CivilDay today);

// The day a return falls on in the viewer's calendar. A timed return is an instant (its
// time in the assignee's zone) and lands on that instant's day in the viewer's zone; an
// untimed return is a date, the same everywhere.
absl::CivilDay ViewerDayOf(absl::CivilDay due, std::optional<int> due_minutes,
                           const absl::TimeZone& assignee_zone, const absl::TimeZone& viewer_zone);

}  // namespace retorno
