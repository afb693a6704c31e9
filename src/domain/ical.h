// An iCalendar (RFC 5545) document of a user's planned returns, built and serialised
// by libical, for phones, Outlook and Google. Times are written in UTC, so
// no VTIMEZONE is needed and no client has to know our zone names; untimed returns are
// all-day events on their date.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace retorno {

struct FeedEvent {
  std::string uid;                  // stable across refreshes: "action-42@retorno"
  absl::CivilDay date;              // all-day when `start` is empty
  std::optional<absl::Time> start;  // a timed return
  absl::Duration duration = absl::Minutes(30);
  std::string summary;
  std::string description;
  std::optional<absl::Time> alarm;  // the reminder instant (VALARM, DISPLAY)
};

std::string RenderICalendar(std::string_view name, const std::vector<FeedEvent>& events,
                            absl::Time now);

}  // namespace retorno
