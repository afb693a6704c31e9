#include "app/time_zone.h"

#include <string>

#include "base/status_macros.h"
#include "base/time_util.h"

namespace retorno {

absl::StatusOr<absl::TimeZone> ZoneOfRecord(Tx& tx, const User* user,
                                            std::optional<BranchId> branch) {
  if (user && IsValidZone(user->time_zone)) return ChooseZone(user->time_zone, "", "");
  std::string branch_zone;
  if (branch) {
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.FindBranch(*branch));
    if (b) branch_zone = b->time_zone;
  }
  if (IsValidZone(branch_zone)) return ChooseZone("", branch_zone, "");
  ASSIGN_OR_RETURN(Settings settings, tx.GetSettings());
  return ChooseZone("", "", settings.time_zone);
}

absl::StatusOr<absl::TimeZone> ZoneOfUser(Tx& tx, const User& user) {
  return ZoneOfRecord(tx, &user, user.branch_id);
}

}  // namespace retorno
