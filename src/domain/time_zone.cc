#include "domain/time_zone.h"

#include "base/time_util.h"

namespace retorno {

absl::TimeZone ChooseZone(std::string_view user, std::string_view branch,
                          std::string_view organisation) {
  for (std::string_view name : {user, branch, organisation, kDefaultZone}) {
    if (name.empty()) continue;
    absl::StatusOr<absl::TimeZone> zone = LoadZone(name);
    if (zone.ok()) return *zone;
  }
  return absl::UTCTimeZone();  // a machine without tzdata at all
}

absl::TimeZone ZoneOf(const User& user) { return ChooseZone(user.time_zone, "", ""); }

absl::TimeZone ZoneOf(const Settings& settings) { return ChooseZone("", "", settings.time_zone); }

}  // namespace retorno
