// Workflows of attendance types (manual 003, "Workflow"; ADR 0038). An admin draws a
// type's workflow as a list of steps: situations held by a responsibility centre (a
// user, or a team: a branch, whose supervisor takes the return), decisions whose
// answers choose the next step, and ends. Saving validates it with the domain engine
// (domain/workflow/workflow.h) and keeps it as a new version; a follow-up keeps the
// version it began with. A follow-up of a type with a workflow begins at its start
// situation (its first return goes to that centre); answering the decisions after the
// situation completes the situation's return and hands the follow-up to the next
// centre as its next return, or closes it at an end with the end's label as result.
// Each move is written to the timeline and to the follow-up's workflow history.
// Each public method runs in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"
#include "domain/workflow/workflow.h"

namespace retorno {

// A type's workflow as the configurator shows it; `stored` is nullopt (and `wf` empty)
// when the type has none yet.
struct WorkflowView {
  AttendanceTypeId attendance_type_id;
  std::optional<StoredWorkflow> stored;
  workflow::Workflow wf;
};

// Where a follow-up stands in its workflow, its history and the version it walks.
struct FollowupWorkflow {
  WorkflowPosition position;
  AttendanceTypeId attendance_type_id;
  int64_t version = 0;
  workflow::Workflow wf;
  std::vector<WorkflowMove> moves;  // oldest first
};

struct AdvanceInput {
  // The answers to the decisions met after the current situation, in order.
  std::vector<std::string> answers;
  // The result of the situation's return; default: the decisions and their answers.
  std::string result;
};

struct PositionsInput {
  std::optional<AttendanceTypeId> attendance_type_id;
  std::optional<std::string> step;
  std::optional<BranchId> branch_id;  // beyond the caller's reach: filter_not_allowed
  bool include_closed = false;
};

class WorkflowService {
 public:
  explicit WorkflowService(Store& store) : store_(store) {}

  // Admins only.
  absl::StatusOr<WorkflowView> Get(const AuthContext& ctx, AttendanceTypeId type);
  // Admins only. 422 naming each fault ("steps[2].next": "dead_end"); a situation's
  // centre must be an active user, or a branch with an active supervisor.
  absl::StatusOr<WorkflowView> Put(const AuthContext& ctx, AttendanceTypeId type,
                                   const workflow::Workflow& wf, absl::Time now);
  // Whoever may read the follow-up; nullopt when it walks no workflow.
  absl::StatusOr<std::optional<FollowupWorkflow>> OfFollowup(const AuthContext& ctx, FollowupId id);
  // Whoever may change the follow-up, and the holder of its current return.
  absl::StatusOr<FollowupWorkflow> Advance(const AuthContext& ctx, FollowupId id,
                                           const AdvanceInput& in, absl::Time now);
  // Agents: their own follow-ups and those whose current return they hold;
  // supervisors: their branch's; admins: all.
  absl::StatusOr<std::vector<PositionRow>> Positions(const AuthContext& ctx,
                                                     const PositionsInput& in);

 private:
  Store& store_;
};

// The beginning of a new follow-up's workflow, planned before its first return is
// written (FollowupService::CreateInTx): the start situation and who takes it.
struct WorkflowStart {
  StoredWorkflow stored;
  std::string step;
  std::string label;
  CentreRef centre;
  UserId assignee;
};

// The start of the workflow of attendance type `t`; nullopt when it has none. `owner`
// takes the return when the centre has no one left to take it.
absl::StatusOr<std::optional<WorkflowStart>> PlanWorkflowStartOf(Tx& tx, const AttendanceType& t,
                                                                 const User& owner);
// Records where the new follow-up `f` stands (its first return `first`), its first
// move and the timeline entry, which is returned.
absl::StatusOr<Entry> RecordWorkflowStart(Tx& tx, const AuthContext& ctx, const Followup& f,
                                          const WorkflowStart& start, ActionId first,
                                          absl::Time now);

}  // namespace retorno
