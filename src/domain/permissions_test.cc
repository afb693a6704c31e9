#include "domain/permissions.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

const BranchId kCampinas{1};
const BranchId kSantos{2};
const Viewer kAdmin{UserId(1), Role::kAdmin, kCampinas};
const Viewer kSupervisor{UserId(2), Role::kSupervisor, kCampinas};
const Viewer kAgent{UserId(3), Role::kAgent, kCampinas};

TEST(Permissions, MatrixRoleByOwnAndOtherBranch) {
  struct Row {
    Viewer viewer;
    UserId owner;
    BranchId branch;
    bool access;
  };
  const UserId other(9);
  for (const Row& r : std::vector<Row>{
           {kAdmin, other, kSantos, true},
           {kAdmin, other, kCampinas, true},
           {kSupervisor, other, kCampinas, true},
           {kSupervisor, other, kSantos, false},
           {kSupervisor, kSupervisor.id, kSantos, true},
           {kAgent, kAgent.id, kCampinas, true},
           {kAgent, kAgent.id, kSantos, true},
           {kAgent, other, kCampinas, false},
           {kAgent, other, kSantos, false},
       }) {
    EXPECT_EQ(CanAccessFollowup(r.viewer, r.owner, r.branch), r.access)
        << ToString(r.viewer.role) << " owner " << r.owner.value << " branch " << r.branch.value;
  }
}

TEST(Permissions, SupervisorWithoutBranchSeesOnlyOwn) {
  Viewer v{UserId(5), Role::kSupervisor, std::nullopt};
  EXPECT_FALSE(CanAccessFollowup(v, UserId(6), std::nullopt));
  EXPECT_TRUE(CanAccessFollowup(v, UserId(5), std::nullopt));
}

// The filter the lists, reports and exports give the store reaches exactly the
// follow-ups CanAccessFollowup opens: owner == reach.owner OR branch == reach.branch,
// everything when neither is set.
TEST(Permissions, ReachOfFiltersWhatCanAccessFollowupOpens) {
  const Viewer no_branch{UserId(5), Role::kSupervisor, std::nullopt};
  const UserId other(9);
  for (const Viewer& v : {kAdmin, kSupervisor, kAgent, no_branch}) {
    const FollowupReach reach = ReachOf(v);
    for (UserId owner : {v.id, other}) {
      for (std::optional<BranchId> branch :
           {std::optional<BranchId>(kCampinas), std::optional<BranchId>(kSantos),
            std::optional<BranchId>()}) {
        const bool filtered_in = (!reach.owner && !reach.branch) ||
                                 (reach.owner && *reach.owner == owner) ||
                                 (reach.branch && branch && *reach.branch == *branch);
        EXPECT_EQ(filtered_in, CanAccessFollowup(v, owner, branch))
            << ToString(v.role) << " owner " << owner.value << " branch "
            << (branch ? branch->value : 0);
      }
    }
  }
}

TEST(Permissions, ReopenNeedsSupervisor) {
  EXPECT_TRUE(CanReopen(kAdmin));
  EXPECT_TRUE(CanReopen(kSupervisor));
  EXPECT_FALSE(CanReopen(kAgent));
}

TEST(Permissions, Scopes) {
  EXPECT_TRUE(ScopeAllowed(kAgent, Scope::kMine));
  EXPECT_FALSE(ScopeAllowed(kAgent, Scope::kBranch));
  EXPECT_TRUE(ScopeAllowed(kSupervisor, Scope::kBranch));
  EXPECT_FALSE(ScopeAllowed(kSupervisor, Scope::kAll));
  EXPECT_TRUE(ScopeAllowed(kAdmin, Scope::kAll));
}

TEST(Permissions, Assignment) {
  EXPECT_TRUE(CanAssignTo(kAgent, kAgent.id, kCampinas));
  EXPECT_FALSE(CanAssignTo(kAgent, UserId(9), kCampinas));
  EXPECT_TRUE(CanAssignTo(kSupervisor, UserId(9), kCampinas));
  EXPECT_FALSE(CanAssignTo(kSupervisor, UserId(9), kSantos));
  EXPECT_TRUE(CanAssignTo(kAdmin, UserId(9), kSantos));
}

TEST(Permissions, ListFiltersAskOnlyForWhatTheViewerSees) {
  const UserId other(9);
  EXPECT_TRUE(CanFilterByOwner(kAgent, kAgent.id, kCampinas));
  EXPECT_FALSE(CanFilterByOwner(kAgent, other, kCampinas));
  EXPECT_TRUE(CanFilterByOwner(kSupervisor, other, kCampinas));
  EXPECT_FALSE(CanFilterByOwner(kSupervisor, other, kSantos));
  EXPECT_FALSE(CanFilterByOwner(kSupervisor, other, std::nullopt));
  EXPECT_TRUE(CanFilterByOwner(kAdmin, other, kSantos));
  EXPECT_TRUE(CanFilterByBranch(kAgent, kCampinas));
  EXPECT_FALSE(CanFilterByBranch(kAgent, kSantos));
  EXPECT_TRUE(CanFilterByBranch(kSupervisor, kCampinas));
  EXPECT_FALSE(CanFilterByBranch(kSupervisor, kSantos));
  EXPECT_TRUE(CanFilterByBranch(kAdmin, kSantos));
  const Viewer nowhere{UserId(5), Role::kSupervisor, std::nullopt};
  EXPECT_FALSE(CanFilterByBranch(nowhere, kCampinas));
  EXPECT_FALSE(CanFilterByOwner(nowhere, other, std::nullopt));
}

TEST(Permissions, PartyEditing) {
  EXPECT_TRUE(CanEditParty(kAgent, kAgent.id, kSantos));  // own, even in another branch
  EXPECT_FALSE(CanEditParty(kAgent, UserId(9), kCampinas));
  EXPECT_FALSE(CanEditParty(kAgent, std::nullopt, kCampinas));
  EXPECT_TRUE(CanEditParty(kSupervisor, UserId(9), kCampinas));
  EXPECT_TRUE(CanEditParty(kSupervisor, std::nullopt, kCampinas));
  EXPECT_FALSE(CanEditParty(kSupervisor, UserId(9), kSantos));
  EXPECT_FALSE(CanEditParty(kSupervisor, UserId(9), std::nullopt));
  EXPECT_TRUE(CanEditParty(kAdmin, std::nullopt, std::nullopt));
}

TEST(Permissions, PartyPlacement) {
  EXPECT_TRUE(CanPlaceParty(kAgent, kAgent.id, kCampinas));
  EXPECT_FALSE(CanPlaceParty(kAgent, kAgent.id, kSantos));  // own, but another branch
  EXPECT_FALSE(CanPlaceParty(kAgent, UserId(9), kCampinas));
  EXPECT_FALSE(CanPlaceParty(kAgent, kAgent.id, std::nullopt));
  EXPECT_TRUE(CanPlaceParty(kSupervisor, UserId(9), kCampinas));
  EXPECT_TRUE(CanPlaceParty(kSupervisor, std::nullopt, kCampinas));
  EXPECT_FALSE(CanPlaceParty(kSupervisor, kSupervisor.id, kSantos));
  EXPECT_FALSE(CanPlaceParty(kSupervisor, UserId(9), std::nullopt));
  EXPECT_TRUE(CanPlaceParty(kAdmin, UserId(9), kSantos));
  EXPECT_TRUE(CanPlaceParty(kAdmin, std::nullopt, std::nullopt));
  const Viewer nowhere{UserId(5), Role::kAgent, std::nullopt};
  EXPECT_TRUE(CanPlaceParty(nowhere, nowhere.id, std::nullopt));
  EXPECT_FALSE(CanPlaceParty(nowhere, nowhere.id, kCampinas));
}

TEST(Permissions, AssigneeWorksTheirReturnOnly) {
  struct Row {
    Viewer viewer;
    UserId owner;
    BranchId branch;
    UserId assignee;
    bool work;
  };
  const UserId other(9);
  const UserId third(10);
  for (const Row& r : std::vector<Row>{
           {kAgent, other, kSantos, kAgent.id, true},  // assigned to them elsewhere
           {kAgent, other, kCampinas, kAgent.id, true},
           {kAgent, other, kSantos, third, false},       // another return of it
           {kAgent, kAgent.id, kCampinas, third, true},  // their follow-up
           {kSupervisor, other, kSantos, kSupervisor.id, true},
           {kSupervisor, other, kSantos, third, false},
           {kSupervisor, other, kCampinas, third, true},
           {kAdmin, other, kSantos, third, true},
       }) {
    EXPECT_EQ(CanWorkAction(r.viewer, r.owner, r.branch, r.assignee), r.work)
        << ToString(r.viewer.role) << " owner " << r.owner.value << " branch " << r.branch.value
        << " assignee " << r.assignee.value;
  }
}

TEST(Permissions, DocumentMatrixRoleByReachAndUse) {
  struct Row {
    Viewer viewer;
    DocumentReach doc;
    DocumentAccess read;
    DocumentAccess change;
  };
  using A = DocumentAccess;
  const UserId other(9);
  const UserId third(10);
  for (const Row& r : std::vector<Row>{
           {kAdmin, {other, third, kSantos}, A::kAllowed, A::kAllowed},
           {kAdmin, {std::nullopt, std::nullopt, std::nullopt}, A::kAllowed, A::kAllowed},
           {kSupervisor, {other, third, kCampinas}, A::kAllowed, A::kAllowed},
           {kSupervisor, {std::nullopt, std::nullopt, kCampinas}, A::kAllowed, A::kAllowed},
           {kSupervisor, {other, third, kSantos}, A::kOutOfReach, A::kOutOfReach},
           {kSupervisor,
            {std::nullopt, std::nullopt, std::nullopt},
            A::kOutOfReach,
            A::kOutOfReach},
           {kSupervisor, {kSupervisor.id, third, kSantos}, A::kAllowed, A::kAllowed},
           {kSupervisor, {other, kSupervisor.id, kSantos}, A::kAllowed, A::kAllowed},
           {kAgent, {other, kAgent.id, kCampinas}, A::kAllowed, A::kReadOnly},  // their customer
           {kAgent, {kAgent.id, third, kSantos}, A::kAllowed, A::kReadOnly},    // sold by them
           {kAgent, {other, third, kCampinas}, A::kOutOfReach, A::kReadOnly},   // same branch
           {kAgent, {other, third, kSantos}, A::kOutOfReach, A::kReadOnly},
           {kAgent, {std::nullopt, std::nullopt, kCampinas}, A::kOutOfReach, A::kReadOnly},
       }) {
    EXPECT_EQ(DocumentAccessFor(r.viewer, r.doc, DocumentUse::kRead), r.read)
        << ToString(r.viewer.role) << " owner " << r.doc.owner_id.value_or(UserId(0)).value
        << " party owner " << r.doc.party_owner_id.value_or(UserId(0)).value;
    EXPECT_EQ(DocumentAccessFor(r.viewer, r.doc, DocumentUse::kChange), r.change)
        << ToString(r.viewer.role) << " owner " << r.doc.owner_id.value_or(UserId(0)).value
        << " party owner " << r.doc.party_owner_id.value_or(UserId(0)).value;
  }
  const Viewer nowhere{UserId(5), Role::kSupervisor, std::nullopt};
  EXPECT_EQ(DocumentAccessFor(nowhere, {other, third, std::nullopt}, DocumentUse::kRead),
            A::kOutOfReach);
}

// The defaults of each role are the decisions before rights per user existed.
TEST(Rights, RoleDefaults) {
  struct Row {
    Right right;
    bool agent, supervisor, admin;
  };
  const Row rows[] = {
      {Right::kReopen, false, true, true},
      {Right::kReassign, false, true, true},
      {Right::kBulkChange, true, true, true},
      {Right::kExport, true, true, true},
      {Right::kCreateDocuments, false, true, true},
      {Right::kConfigureAttendance, false, false, true},
      {Right::kViewReports, true, true, true},
  };
  EXPECT_EQ(std::size(rows), std::size(kAllRights));
  for (const Row& r : rows) {
    SCOPED_TRACE(std::string(ToString(r.right)));
    EXPECT_EQ(RoleHasRight(Role::kAgent, r.right), r.agent);
    EXPECT_EQ(RoleHasRight(Role::kSupervisor, r.right), r.supervisor);
    EXPECT_EQ(RoleHasRight(Role::kAdmin, r.right), r.admin);
    EXPECT_EQ(HasRight(kAgent, r.right), r.agent);
    EXPECT_EQ(HasRight(kSupervisor, r.right), r.supervisor);
    EXPECT_EQ(HasRight(kAdmin, r.right), r.admin);
  }
}

TEST(Rights, NamesRoundTripAndUnknownNamesAreRefused) {
  for (Right r : kAllRights) EXPECT_EQ(ParseRight(ToString(r)), r);
  EXPECT_EQ(ParseRight("Reopen"), std::nullopt);
  EXPECT_EQ(ParseRight(""), std::nullopt);
  EXPECT_EQ(ParseRight("administer"), std::nullopt);
}

// Every right, every role: a grant gives it, a revocation takes it, both is revoked.
TEST(Rights, GrantAndRevokeOverTheRoleDefault) {
  for (const Viewer& base : {kAgent, kSupervisor, kAdmin}) {
    for (Right r : kAllRights) {
      SCOPED_TRACE(std::string(ToString(r)));
      Viewer granted = base;
      granted.granted = RightBit(r);
      EXPECT_TRUE(HasRight(granted, r));
      Viewer revoked = base;
      revoked.revoked = RightBit(r);
      EXPECT_FALSE(HasRight(revoked, r));
      Viewer both = base;
      both.granted = both.revoked = RightBit(r);
      EXPECT_FALSE(HasRight(both, r));
      // The other rights keep their defaults.
      for (Right o : kAllRights) {
        if (o == r) continue;
        EXPECT_EQ(HasRight(granted, o), RoleHasRight(base.role, o));
        EXPECT_EQ(HasRight(revoked, o), RoleHasRight(base.role, o));
      }
    }
  }
}

TEST(Rights, DecisionsThatMatchARightGoThroughIt) {
  Viewer agent = kAgent;
  agent.granted =
      RightBit(Right::kReopen) | RightBit(Right::kReassign) | RightBit(Right::kCreateDocuments);
  EXPECT_TRUE(CanReopen(agent));
  // A reassigning agent reaches their branch, never another.
  EXPECT_TRUE(CanAssignTo(agent, UserId(9), kCampinas));
  EXPECT_FALSE(CanAssignTo(agent, UserId(9), kSantos));
  const DocumentReach own{agent.id, std::nullopt, kCampinas};
  EXPECT_EQ(DocumentAccessFor(agent, own, DocumentUse::kChange), DocumentAccess::kAllowed);

  Viewer sup = kSupervisor;
  sup.revoked =
      RightBit(Right::kReopen) | RightBit(Right::kReassign) | RightBit(Right::kCreateDocuments);
  EXPECT_FALSE(CanReopen(sup));
  EXPECT_FALSE(CanAssignTo(sup, UserId(9), kCampinas));
  EXPECT_TRUE(CanAssignTo(sup, sup.id, kCampinas));  // taking it oneself stays open
  const DocumentReach branch{UserId(9), std::nullopt, kCampinas};
  EXPECT_EQ(DocumentAccessFor(sup, branch, DocumentUse::kChange), DocumentAccess::kReadOnly);
  EXPECT_EQ(DocumentAccessFor(sup, branch, DocumentUse::kRead), DocumentAccess::kAllowed);

  Viewer admin = kAdmin;
  admin.revoked = RightBit(Right::kReassign);
  EXPECT_FALSE(CanAssignTo(admin, UserId(9), kSantos));
}

}  // namespace
}  // namespace retorno
