// Which zone a viewer's or a record's days and times are in: the one rule every use
// case, job and route follows. A user's own zone wins; else their branch's (a branch
// may leave it empty: the organisation's); else the organisation's. A name this
// machine's tzdata does not know counts as none, so a stale stored zone never stops a
// reminder or a calendar; when no name loads, the product's default zone.
#pragma once

#include <string_view>

#include "absl/time/time.h"
#include "domain/model.h"

namespace retorno {

inline constexpr std::string_view kDefaultZone = "America/Sao_Paulo";

absl::TimeZone ChooseZone(std::string_view user, std::string_view branch,
                          std::string_view organisation);

// A user's zone where only the user is at hand: users always have a valid zone (it is
// required and checked on every write), so the branch and organisation are needed
// only for a stale one; app/time_zone.h reads them then.
absl::TimeZone ZoneOf(const User& user);

// The organisation's zone, for what falls on the organisation's days (birthdays).
absl::TimeZone ZoneOf(const Settings& settings);

}  // namespace retorno
