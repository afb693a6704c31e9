// When reminders, snoozes, digests and repeat alerts fire (manuals 000, 001): pure
// functions from civil dates, the owner's or viewer's zone and an injected "now" to
// instants (UTC inside). The jobs store and claim these instants; nothing here reads
// the clock.
#pragma once

#include <optional>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace retorno {

// An untimed return (due date without due time) is reminded at 08:00 local.
inline constexpr int kUntimedReminderMinutes = 8 * 60;

// The instant a return is reminded: `remind_at` when set (the user chose an instant),
// else the due date at `due_minutes` (or kUntimedReminderMinutes) in `zone`, the
// assignee's zone. A local time skipped by a DST jump resolves to the first instant
// after the gap; a repeated one to its first occurrence (InstantOf).
absl::Time ReminderInstant(absl::CivilDay due_date, std::optional<int> due_minutes,
                           const absl::TimeZone& zone, std::optional<absl::Time> remind_at);

// The snooze buttons of a reminder. Wire names: "15m", "1h", "tomorrow",
// "next_business_day".
enum class SnoozeChoice { k15Minutes, k1Hour, kTomorrowMorning, kNextBusinessDay };
std::string_view ToString(SnoozeChoice v);
// Exact and case-sensitive, like the API; nullopt for anything else.
std::optional<SnoozeChoice> ParseSnoozeChoice(std::string_view s);

// The instant a reminder snoozed at `now` fires again, "tomorrow" being read in `zone`
// (the viewer's, never the server's):
//   k15Minutes, k1Hour: now + 15 min / 1 h (elapsed time, whatever the DST).
//   kTomorrowMorning: the next local day at 08:00 — also when snoozed after midnight.
//   kNextBusinessDay: the next local day that is Monday to Friday, at 08:00 (Friday or
//     Saturday or Sunday -> Monday). There is no holiday calendar: a national or local
//     holiday counts as a business day.
absl::Time SnoozeUntil(SnoozeChoice c, absl::Time now, const absl::TimeZone& zone);

// The first day after `day` that is Monday to Friday (Friday, Saturday or Sunday ->
// Monday). No holiday calendar, as for the snooze above.
absl::CivilDay NextBusinessDay(absl::CivilDay day);

// The daily digest of a user's returns is sent at 07:00 local on `day`.
inline constexpr int kDigestMinutes = 7 * 60;
absl::Time DigestInstant(absl::CivilDay day, const absl::TimeZone& zone);

// A reminder fired more than this after its instant was caught up after downtime; the
// notification says so instead of pretending to be on time.
inline constexpr absl::Duration kLateAfter = absl::Minutes(2);
bool FiredLate(absl::Time fire_at, absl::Time fired_at);

// Repeat alert (manual 001, "avisar a cada N minutos"): while a user has overdue or
// due returns, the alert repeats every `every_minutes` after the last one.
absl::Time NextRepeatAlert(absl::Time last_alert, int every_minutes);
// False when repeat alerts are off (nullopt, or a non-positive value, which would
// otherwise alert on every tick); true when never alerted; else now >= next alert.
bool RepeatAlertDue(std::optional<absl::Time> last_alert, std::optional<int> every_minutes,
                    absl::Time now);

}  // namespace retorno
