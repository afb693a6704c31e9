// Free days (manual 003, "Dias livres"): for one user and a period, which of their
// working days are free, partly free or busy, from the instants they are taken
// (appointments, timed returns). Pure: the zone, the period and the busy intervals are
// passed in; days are civil days of the user's zone, so a DST change moves the hours
// an instant stored in UTC falls on, never the working hours themselves.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace retorno {

// A user's working day (ADR 0045). Defaults: 08:00 to 18:00, Monday to Friday.
struct WorkingHours {
  int start_minutes = 8 * 60;  // minutes after local midnight, 0..1439
  int end_minutes = 18 * 60;   // after start_minutes, up to 1440 (midnight)
  bool weekends = false;       // whether Saturdays and Sundays are working days
  // A gap shorter than this is not a free slot: nothing can be booked in it.
  int min_slot_minutes = 15;
};

// [start, end): an appointment or a timed return.
struct BusyInterval {
  absl::Time start;
  absl::Time end;
};

inline bool Overlaps(const BusyInterval& a, const BusyInterval& b) {
  return a.start < b.end && b.start < a.end;
}

enum class DayAvailability { kFree, kPartlyFree, kBusy, kOff };
std::string_view ToString(DayAvailability a);

// A free slot of a day, in local minutes after midnight ([start, end)).
struct FreeSlot {
  int start_minutes = 0;
  int end_minutes = 0;
  friend bool operator==(const FreeSlot&, const FreeSlot&) = default;
};

struct DayFreedom {
  absl::CivilDay day;
  DayAvailability availability = DayAvailability::kFree;
  int free_minutes = 0;  // within the working hours, counting only slots kept
  std::vector<FreeSlot> free;
};

// One entry per day of [from, to] (empty when to < from). `busy` in any order, may
// overlap and may reach outside the period.
std::vector<DayFreedom> FreeDays(std::vector<BusyInterval> busy, absl::CivilDay from,
                                 absl::CivilDay to, const absl::TimeZone& zone,
                                 const WorkingHours& hours);

// Field problems of an appointment's times and place, keyed by field name
// ("starts_at", "ends_at", "place", "note") with issue keys of app/error_codes.h.
using AppointmentProblems = std::vector<std::pair<std::string, std::string>>;
inline constexpr int kMaxPlaceLength = 200;
inline constexpr int kMaxAppointmentNoteLength = 2000;
inline constexpr int kMaxAttendees = 20;
// An appointment lasts at most this long (a trip of a few days, not a season).
inline constexpr absl::Duration kMaxAppointmentLength = absl::Hours(24 * 14);
AppointmentProblems CheckAppointment(std::optional<absl::Time> starts_at,
                                     std::optional<absl::Time> ends_at, std::string_view place,
                                     std::string_view note);

}  // namespace retorno
