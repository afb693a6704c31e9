#include "domain/permissions.h"

namespace retorno {

Scope MaxScope(Role role) {
  switch (role) {
    case Role::kAdmin:
      return Scope::kAll;
    case Role::kSupervisor:
      return Scope::kBranch;
    case Role::kAgent:
      return Scope::kMine;
  }
  return Scope::kMine;
}

bool ScopeAllowed(const Viewer& v, Scope asked) {
  return static_cast<int>(asked) <= static_cast<int>(MaxScope(v.role));
}

bool CanAccessFollowup(const Viewer& v, UserId owner_id, std::optional<BranchId> branch_id) {
  if (owner_id == v.id) return true;
  switch (v.role) {
    case Role::kAdmin:
      return true;
    case Role::kSupervisor:
      return v.branch_id.has_value() && branch_id == v.branch_id;
    case Role::kAgent:
      return false;
  }
  return false;
}

FollowupReach ReachOf(const Viewer& v) {
  FollowupReach out;
  switch (v.role) {
    case Role::kAdmin:
      break;
    case Role::kSupervisor:
      out.owner = v.id;
      out.branch = v.branch_id;
      break;
    case Role::kAgent:
      out.owner = v.id;
      break;
  }
  return out;
}

bool CanReopen(const Viewer& v) { return v.role == Role::kAdmin || v.role == Role::kSupervisor; }

bool CanFilterByOwner(const Viewer& v, UserId owner, std::optional<BranchId> owner_branch) {
  if (owner == v.id || v.role == Role::kAdmin) return true;
  return v.role == Role::kSupervisor && v.branch_id.has_value() && owner_branch == v.branch_id;
}

bool CanFilterByBranch(const Viewer& v, BranchId branch) {
  return v.role == Role::kAdmin || (v.branch_id.has_value() && *v.branch_id == branch);
}

bool CanAssignTo(const Viewer& v, UserId new_owner, std::optional<BranchId> owner_branch) {
  if (new_owner == v.id) return true;
  switch (v.role) {
    case Role::kAdmin:
      return true;
    case Role::kSupervisor:
      return v.branch_id.has_value() && owner_branch == v.branch_id;
    case Role::kAgent:
      return false;
  }
  return false;
}

bool CanAdminister(const Viewer& v) { return v.role == Role::kAdmin; }

bool CanEditParty(const Viewer& v, std::optional<UserId> owner_id,
                  std::optional<BranchId> branch_id) {
  // The follow-up rule; a party without owner is nobody's own (ids start at 1).
  return CanAccessFollowup(v, owner_id.value_or(UserId(0)), branch_id);
}

bool CanPlaceParty(const Viewer& v, std::optional<UserId> owner_id,
                   std::optional<BranchId> branch_id) {
  if (v.role == Role::kAdmin) return true;
  return branch_id == v.branch_id && CanEditParty(v, owner_id, branch_id);
}

bool CanWorkAction(const Viewer& v, UserId followup_owner, std::optional<BranchId> followup_branch,
                   UserId action_assignee) {
  return action_assignee == v.id || CanAccessFollowup(v, followup_owner, followup_branch);
}

DocumentAccess DocumentAccessFor(const Viewer& v, const DocumentReach& d, DocumentUse use) {
  if (use == DocumentUse::kChange && v.role == Role::kAgent) return DocumentAccess::kReadOnly;
  const bool own = d.owner_id == v.id || d.party_owner_id == v.id;
  bool reach = false;
  switch (v.role) {
    case Role::kAdmin:
      reach = true;
      break;
    case Role::kSupervisor:
      reach = own || (v.branch_id.has_value() && d.branch_id == v.branch_id);
      break;
    case Role::kAgent:
      reach = own;
      break;
  }
  return reach ? DocumentAccess::kAllowed : DocumentAccess::kOutOfReach;
}

}  // namespace retorno
