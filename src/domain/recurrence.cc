#include "domain/recurrence.h"

#include <libical/ical.h>

#include "absl/strings/str_format.h"

namespace retorno {

std::string MonthlyRule(absl::CivilDay first, int count) {
  if (first.day() > 28) {
    // The first of {day N, last day} in each month: N where the month has it, else
    // the month's last day.
    return absl::StrFormat("FREQ=MONTHLY;COUNT=%d;BYMONTHDAY=%d,-1;BYSETPOS=1", count, first.day());
  }
  return absl::StrFormat("FREQ=MONTHLY;COUNT=%d", count);
}

absl::StatusOr<std::vector<absl::CivilDay>> MonthlySeries(absl::CivilDay first, int count) {
  if (count < 1 || count > kMaxRepeatMonths)
    return absl::InvalidArgumentError("repeat_months out of range");
  std::string rule = MonthlyRule(first, count);
  icalrecurrencetype recur = icalrecurrencetype_from_string(rule.c_str());
  if (recur.freq == ICAL_NO_RECURRENCE) return absl::InternalError("bad RRULE " + rule);
  const std::string dtstart =
      absl::StrFormat("%04d%02d%02d", first.year(), first.month(), first.day());
  icaltimetype start = icaltime_from_string(dtstart.c_str());
  icalrecur_iterator* it = icalrecur_iterator_new(recur, start);
  if (it == nullptr) return absl::InternalError("libical rejected " + rule);
  std::vector<absl::CivilDay> out;
  for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it)) {
    out.emplace_back(t.year, t.month, t.day);
  }
  icalrecur_iterator_free(it);
  if (static_cast<int>(out.size()) != count || out.front() != first)
    return absl::InternalError("libical expanded an unexpected series for " + rule);
  return out;
}

}  // namespace retorno
