// Who may see and change what (manuals 001/003): agents their own
// follow-ups, supervisors those of their branch, admins all. Pure decisions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/ids.h"
#include "domain/model.h"

namespace retorno {

// Named rights ("Permissões de Usuário", manual 001): what a role may do by default,
// which an admin widens (a grant) or narrows (a revocation) per user. A closed list:
// the names are stored and sent to clients, so a right is never renamed.
enum class Right : uint8_t {
  kReopen,               // reopen a closed follow-up it reaches
  kReassign,             // give a follow-up, party or document to someone else
  kBulkChange,           // bulk changes over the list
  kExport,               // the list, agenda and report exports
  kCreateDocuments,      // create, change and cancel sales documents; CSV imports
  kConfigureAttendance,  // the attendance types
  kViewReports,          // the manager reports
};
inline constexpr Right kAllRights[] = {Right::kReopen,          Right::kReassign,
                                       Right::kBulkChange,      Right::kExport,
                                       Right::kCreateDocuments, Right::kConfigureAttendance,
                                       Right::kViewReports};
std::string_view ToString(Right r);
std::optional<Right> ParseRight(std::string_view s);

// A set of rights, one bit each.
using RightSet = uint32_t;
constexpr RightSet RightBit(Right r) { return RightSet{1} << static_cast<unsigned>(r); }
constexpr bool Contains(RightSet s, Right r) { return (s & RightBit(r)) != 0; }

// What a role has without grants or revocations; the behaviour before rights per user.
bool RoleHasRight(Role role, Right r);

struct Viewer {
  UserId id;
  Role role = Role::kAgent;
  std::optional<BranchId> branch_id;
  // The admin's changes to the role's defaults for this user, read with the session
  // (a revocation holds from the next request). A right both granted and revoked is
  // revoked.
  RightSet granted = 0;
  RightSet revoked = 0;
};

// The one decision of every named right: a revocation wins, then a grant, then the
// role's default. Scope still applies: a right never widens which follow-ups a viewer
// reaches, only what the viewer may do with them.
bool HasRight(const Viewer& v, Right r);

enum class Scope { kMine, kBranch, kAll };

// The widest scope a role may ask for.
Scope MaxScope(Role role);
bool ScopeAllowed(const Viewer& v, Scope asked);

// Seeing and changing a follow-up are the same right: there is no read-only share.
bool CanAccessFollowup(const Viewer& v, UserId owner_id, std::optional<BranchId> branch_id);

// The follow-ups a viewer reaches, as a filter for lists, reports and exports: the same
// rule as CanAccessFollowup. An agent's own (owner set); a supervisor's own or their
// branch's (both set); an admin's everything (neither set).
struct FollowupReach {
  std::optional<UserId> owner;
  std::optional<BranchId> branch;
};
FollowupReach ReachOf(const Viewer& v);

// Reopening a closed follow-up needs the reopen right: supervisors and admins by
// default (manual 003).
bool CanReopen(const Viewer& v);

// Giving a follow-up to another owner: anyone to themselves; with the reassign right
// (supervisors and admins by default), admins to anyone and others to users of their
// branch.
bool CanAssignTo(const Viewer& v, UserId new_owner, std::optional<BranchId> owner_branch);

bool CanAdminister(const Viewer& v);  // users, branches, settings, tables

// Filtering a list by a person or a branch asks for part of what the viewer may see:
// agents only themselves and their branch, supervisors the people of their branch and
// the branch itself, admins anyone. Asking for more is refused (403), never answered
// with an empty list that would read as "nothing late there".
bool CanFilterByOwner(const Viewer& v, UserId owner, std::optional<BranchId> owner_branch);
bool CanFilterByBranch(const Viewer& v, BranchId branch);

// Editing a customer, supplier or prospect: its owner, a supervisor of its branch,
// admins. Everyone signed in may read parties.
bool CanEditParty(const Viewer& v, std::optional<UserId> owner_id,
                  std::optional<BranchId> branch_id);

// Putting a party in a branch (creating it, or moving it): admins anywhere; others only
// in their own branch, and only where they could still edit it afterwards.
bool CanPlaceParty(const Viewer& v, std::optional<UserId> owner_id,
                   std::optional<BranchId> branch_id);

// A return assigned to someone who may not see its follow-up (a technician sent by a
// colleague of another branch): they open that follow-up and complete or reschedule
// that return; editing the follow-up and its other returns stays with those who have
// CanAccessFollowup.
bool CanWorkAction(const Viewer& v, UserId followup_owner, std::optional<BranchId> followup_branch,
                   UserId action_assignee);

// What decides who reaches a sales document.
struct DocumentReach {
  std::optional<UserId> owner_id;        // the seller or technician
  std::optional<UserId> party_owner_id;  // the owner of its customer
  std::optional<BranchId> branch_id;     // the seller's branch, else the customer's
};

enum class DocumentUse { kRead, kChange };

enum class DocumentAccess {
  kAllowed,
  kReadOnly,    // an agent changing any document: that is for supervisors and admins
  kOutOfReach,  // another branch's document, or another person's customer's
};

// Documents are scoped like follow-ups: admins reach all; supervisors those of their
// branch; agents those of their own customers or sold by them. Everyone reaches the
// documents they sold or whose customer they own. Changing documents (they come from
// the ERP) needs the create_documents right (supervisors and admins by default), and
// only on those they reach.
DocumentAccess DocumentAccessFor(const Viewer& v, const DocumentReach& d, DocumentUse use);

}  // namespace retorno
