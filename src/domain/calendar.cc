#include "domain/calendar.h"

#include "base/time_util.h"

namespace retorno {

std::string_view ToString(DayColour c) {
  switch (c) {
    case DayColour::kGreen:
      return "green";
    case DayColour::kOrange:
      return "orange";
    case DayColour::kRed:
      return "red";
    case DayColour::kFuture:
      return "future";
    case DayColour::kNone:
      break;
  }
  return "none";
}

DayColour ColourOf(int done, int planned, absl::CivilDay day, absl::CivilDay today) {
  if (day > today) return DayColour::kFuture;
  if (done + planned == 0) return DayColour::kNone;
  if (planned == 0) return DayColour::kGreen;
  return done > 0 ? DayColour::kOrange : DayColour::kRed;
}

absl::CivilDay ViewerDayOf(absl::CivilDay due, std::optional<int> due_minutes,
                           const absl::TimeZone& assignee_zone, const absl::TimeZone& viewer_zone) {
  if (!due_minutes) return due;
  return DayIn(InstantOf(due, *due_minutes, assignee_zone), viewer_zone);
}

}  // namespace retorno
