#include "domain/permissions.h"

namespace retorno {

std::string_view ToString(Right r) {
  switch (r) {
    case Right::kReopen:
      return "reopen";
    case Right::kReassign:
      return "reassign";
    case Right::kBulkChange:
      return "bulk_change";
    case Right::kExport:
      return "export";
    case Right::kCreateDocuments:
      return "create_documents";
    case Right::kConfigureAttendance:
      return "configure_attendance";
    case Right::kViewReports:
      return "view_reports";
  }
  return "";
}

std::optional<Right> ParseRight(std::string_view s) {
  for (Right r : kAllRights)
    if (ToString(r) == s) return r;
  return std::nullopt;
}

bool RoleHasRight(Role role, Right r) {
  switch (r) {
    case Right::kBulkChange:
    case Right::kExport:
    case Right::kViewReports:
      return true;  // everyone, within their scope
    case Right::kReopen:
    case Right::kReassign:
    case Right::kCreateDocuments:
      return role == Role::kAdmin || role == Role::kSupervisor;
    case Right::kConfigureAttendance:
      return role == Role::kAdmin;
  }
  return false;
}

bool HasRight(const Viewer& v, Right r) {
  if (Contains(v.revoked, r)) return false;
  if (Contains(v.granted, r)) return true;
  return RoleHasRight(v.role, r);
}

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

bool CanReopen(const Viewer& v) { return HasRight(v, Right::kReopen); }

bool CanFilterByOwner(const Viewer& v, UserId owner, std::optional<BranchId> owner_branch) {
  if (owner == v.id || v.role == Role::kAdmin) return true;
  return v.role == Role::kSupervisor && v.branch_id.has_value() && owner_branch == v.branch_id;
}

bool CanFilterByBranch(const Viewer& v, BranchId branch) {
  return v.role == Role::kAdmin || (v.branch_id.has_value() && *v.branch_id == branch);
}

bool CanAssignTo(const Viewer& v, UserId new_owner, std::optional<BranchId> owner_branch) {
  if (new_owner == v.id) return true;
  if (!HasRight(v, Right::kReassign)) return false;
  if (v.role == Role::kAdmin) return true;
  return v.branch_id.has_value() && owner_branch == v.branch_id;
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
  if (use == DocumentUse::kChange && !HasRight(v, Right::kCreateDocuments))
    return DocumentAccess::kReadOnly;
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
