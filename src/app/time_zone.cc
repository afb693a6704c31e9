#include "app/time_zone.h"

#include <string>

#include "base/status_macros.h"
#include "base/time_util.h"

namespace retorno {

absl::StatusOr<absl::TimeZone> ZoneOfRecord(Tx& tx, const User* user,
                                            std::optional<BranchId> branch) {
  // Each name is loaded once: the user's (the usual case, no read), else the branch's,
  // else the organisation's through ChooseZone, which also knows the product's default.
  if (user && !user->time_zone.empty())
    if (absl::StatusOr<absl::TimeZone> zone = LoadZone(user->time_zone); zone.ok()) return *zone;
  if (branch) {
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.accounts().FindBranch(*branch));
    if (b && !b->time_zone.empty())
      if (absl::StatusOr<absl::TimeZone> zone = LoadZone(b->time_zone); zone.ok()) return *zone;
  }
  ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
  return ChooseZone("", "", settings.time_zone);
}

absl::StatusOr<absl::TimeZone> ZoneOfUser(Tx& tx, const User& user) {
  return ZoneOfRecord(tx, &user, user.branch_id);
}

}  // namespace retorno
