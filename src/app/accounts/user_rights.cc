// Rights per user (ADR 0040): the admin's "Permissões de Usuário" screen of manual 001.
// The decisions are domain/permissions' HasRight; this file reads and writes a user's
// changes to the role's defaults and records them in the audit trail.
#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/audit/audit.h"
#include "app/errors.h"
#include "base/status_macros.h"

namespace retorno {

namespace {

nlohmann::json Names(RightSet set) {
  nlohmann::json out = nlohmann::json::array();
  for (Right r : kAllRights)
    if (Contains(set, r)) out.push_back(std::string(ToString(r)));
  return out;
}

// The audit trail's values of a user's rights: the names granted and revoked.
nlohmann::json RightValues(RightSet granted, RightSet revoked) {
  return {{"rights_granted", Names(granted)}, {"rights_revoked", Names(revoked)}};
}

}  // namespace

absl::StatusOr<UserRights> AccountService::GetUserRights(const AuthContext& ctx, UserId id) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  UserRights out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(id));
    if (!u) return CodedError(ErrorCode::kUserNotFound);
    ASSIGN_OR_RETURN(std::vector<UserRightChange> changes, tx.accounts().ListUserRights(id));
    out.user = std::move(*u);
    RightSetsOf(changes, out.granted, out.revoked);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<UserRights> AccountService::PutUserRights(const AuthContext& ctx, UserId id,
                                                         RightSet granted, RightSet revoked) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  if ((granted & revoked) != 0) {
    Issues issues;
    issues.Add("revoked", "invalid_value");  // both granted and revoked
    return issues.ToStatus();
  }
  UserRights out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(id));
    if (!u) return CodedError(ErrorCode::kUserNotFound);
    ASSIGN_OR_RETURN(std::vector<UserRightChange> old, tx.accounts().ListUserRights(id));
    RightSet old_granted = 0, old_revoked = 0;
    RightSetsOf(old, old_granted, old_revoked);
    std::vector<UserRightChange> changes;
    for (Right r : kAllRights) {
      if (Contains(granted, r)) changes.push_back({std::string(ToString(r)), true});
      if (Contains(revoked, r)) changes.push_back({std::string(ToString(r)), false});
    }
    RETURN_IF_ERROR(tx.accounts().ReplaceUserRights(id, changes));
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx), "user", id, audit::Action::kUpdate,
                                  RightValues(old_granted, old_revoked),
                                  RightValues(granted, revoked)));
    out.user = std::move(*u);
    out.granted = granted;
    out.revoked = revoked;
    return absl::OkStatus();
  }));
  // Sessions cached by this process carry the old rights: the change holds from the
  // user's next request. Other processes read it within their cache's few seconds.
  ForgetSessions();
  return out;
}

}  // namespace retorno
