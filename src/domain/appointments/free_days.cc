#include "domain/appointments/free_days.h"

#include <algorithm>

#include "base/time_util.h"
#include "domain/validation.h"

namespace retorno {

namespace {

// The instant of local minutes of a day; 1440 is the next midnight.
absl::Time LocalInstant(absl::CivilDay day, int minutes, const absl::TimeZone& zone) {
  if (minutes >= 24 * 60) return InstantOf(day + 1, 0, zone);
  return InstantOf(day, minutes, zone);
}

// Local minutes after the day's midnight of an instant inside that day's working hours.
// Civil arithmetic, so a day with a DST jump still reads its clock times.
int LocalMinutes(absl::Time t, absl::CivilDay day, const absl::TimeZone& zone) {
  const absl::CivilSecond cs = absl::ToCivilSecond(t, zone);
  return static_cast<int>((cs - absl::CivilSecond(day)) / 60);
}

bool IsWeekend(absl::CivilDay d) {
  const absl::Weekday w = absl::GetWeekday(d);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

}  // namespace

std::string_view ToString(DayAvailability a) {
  switch (a) {
    case DayAvailability::kFree:
      return "free";
    case DayAvailability::kPartlyFree:
      return "partly_free";
    case DayAvailability::kBusy:
      return "busy";
    case DayAvailability::kOff:
      return "off";
  }
  return "";
}

std::vector<DayFreedom> FreeDays(std::vector<BusyInterval> busy, absl::CivilDay from,
                                 absl::CivilDay to, const absl::TimeZone& zone,
                                 const WorkingHours& hours) {
  std::sort(busy.begin(), busy.end(),
            [](const BusyInterval& a, const BusyInterval& b) { return a.start < b.start; });
  std::vector<DayFreedom> out;
  for (absl::CivilDay d = from; d <= to; ++d) {
    DayFreedom day{.day = d};
    if (!hours.weekends && IsWeekend(d)) {
      day.availability = DayAvailability::kOff;
      out.push_back(std::move(day));
      continue;
    }
    const absl::Time open = LocalInstant(d, hours.start_minutes, zone);
    const absl::Time close = LocalInstant(d, hours.end_minutes, zone);
    absl::Time cursor = open;
    bool taken = false;
    auto keep = [&](absl::Time a, absl::Time b) {
      if (b - a < absl::Minutes(std::max(hours.min_slot_minutes, 1))) return;
      const FreeSlot s{LocalMinutes(a, d, zone), LocalMinutes(b, d, zone)};
      day.free_minutes += static_cast<int>((b - a) / absl::Minutes(1));
      day.free.push_back(s);
    };
    for (const BusyInterval& b : busy) {
      if (b.end <= open || b.start >= close || b.end <= b.start) continue;
      taken = true;
      if (b.start > cursor) keep(cursor, b.start);
      cursor = std::max(cursor, b.end);
      if (cursor >= close) break;
    }
    if (cursor < close) keep(cursor, close);
    if (!taken)
      day.availability = DayAvailability::kFree;
    else if (day.free.empty())
      day.availability = DayAvailability::kBusy;
    else
      day.availability = DayAvailability::kPartlyFree;
    out.push_back(std::move(day));
  }
  return out;
}

AppointmentProblems CheckAppointment(std::optional<absl::Time> starts_at,
                                     std::optional<absl::Time> ends_at, std::string_view place,
                                     std::string_view note) {
  AppointmentProblems p;
  if (!starts_at) p.emplace_back("starts_at", "required");
  if (!ends_at) p.emplace_back("ends_at", "required");
  if (starts_at && ends_at) {
    if (*ends_at <= *starts_at)
      p.emplace_back("ends_at", "before_from");
    else if (*ends_at - *starts_at > kMaxAppointmentLength)
      p.emplace_back("ends_at", "too_far");
  }
  if (place.size() > kMaxPlaceLength)
    p.emplace_back("place", "too_long");
  else if (!IsCleanText(place) || !IsOneLine(place))
    p.emplace_back("place", "invalid_text");
  if (note.size() > kMaxAppointmentNoteLength)
    p.emplace_back("note", "too_long");
  else if (!IsCleanText(note))
    p.emplace_back("note", "invalid_text");
  return p;
}

}  // namespace retorno
