#include "domain/reminders.h"

#include <array>
#include <utility>

#include "base/time_util.h"

namespace retorno {

namespace {

constexpr std::array<std::pair<SnoozeChoice, std::string_view>, 4> kSnoozeChoices{
    {{SnoozeChoice::k15Minutes, "15m"},
     {SnoozeChoice::k1Hour, "1h"},
     {SnoozeChoice::kTomorrowMorning, "tomorrow"},
     {SnoozeChoice::kNextBusinessDay, "next_business_day"}}};

bool IsWeekend(absl::CivilDay day) {
  absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

}  // namespace

absl::Time ReminderInstant(absl::CivilDay due_date, std::optional<int> due_minutes,
                           const absl::TimeZone& zone, std::optional<absl::Time> remind_at) {
  if (remind_at.has_value()) return *remind_at;
  return InstantOf(due_date, due_minutes.value_or(kUntimedReminderMinutes), zone);
}

std::string_view ToString(SnoozeChoice v) {
  for (const auto& [e, name] : kSnoozeChoices)
    if (e == v) return name;
  return "";
}

std::optional<SnoozeChoice> ParseSnoozeChoice(std::string_view s) {
  for (const auto& [e, name] : kSnoozeChoices)
    if (name == s) return e;
  return std::nullopt;
}

absl::Time SnoozeUntil(SnoozeChoice c, absl::Time now, const absl::TimeZone& zone) {
  switch (c) {
    case SnoozeChoice::k15Minutes:
      return now + absl::Minutes(15);
    case SnoozeChoice::k1Hour:
      return now + absl::Hours(1);
    case SnoozeChoice::kTomorrowMorning:
      return InstantOf(DayIn(now, zone) + 1, kUntimedReminderMinutes, zone);
    case SnoozeChoice::kNextBusinessDay:
      return InstantOf(NextBusinessDay(DayIn(now, zone)), kUntimedReminderMinutes, zone);
  }
  return now + absl::Minutes(15);
}

absl::CivilDay NextBusinessDay(absl::CivilDay day) {
  ++day;
  while (IsWeekend(day)) ++day;
  return day;
}

absl::Time DigestInstant(absl::CivilDay day, const absl::TimeZone& zone) {
  return InstantOf(day, kDigestMinutes, zone);
}

bool FiredLate(absl::Time fire_at, absl::Time fired_at) { return fired_at - fire_at > kLateAfter; }

absl::Time NextRepeatAlert(absl::Time last_alert, int every_minutes) {
  return last_alert + absl::Minutes(every_minutes);
}

bool RepeatAlertDue(std::optional<absl::Time> last_alert, std::optional<int> every_minutes,
                    absl::Time now) {
  if (!every_minutes.has_value() || *every_minutes <= 0) return false;
  if (!last_alert.has_value()) return true;
  return now >= NextRepeatAlert(*last_alert, *every_minutes);
}

}  // namespace retorno
