// The workflow repository (manual 003): the saved versions of each attendance type's
// workflow, where each follow-up walking one stands, the moves it made, and the
// positions view of the supervisors. Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/ports/attendance.h"
#include "base/ids.h"
#include "domain/model.h"

namespace retorno {

// One saved version of a type's workflow: the domain workflow as a JSON document
// (app/workflow/workflow_json.h), validated before it was saved. Versions never change.
struct StoredWorkflow {
  int64_t id = 0;
  AttendanceTypeId attendance_type_id;
  int64_t version = 0;  // 1, 2... per type
  std::string body;
  UserId created_by;
  absl::Time created_at;
};

// Who holds a follow-up at a situation: "user" or "team" and its id (a user, a branch).
struct CentreRef {
  std::string kind;
  int64_t id = 0;
  bool operator==(const CentreRef&) const = default;
};

// Where a follow-up walking a workflow stands.
struct WorkflowPosition {
  FollowupId followup_id;
  int64_t workflow_id = 0;  // the version it began with
  std::string step;
  std::string step_label;
  std::string step_kind;  // "situation", or "end" once its path is over
  std::optional<CentreRef> centre;
  std::optional<ActionId> action_id;  // the return the centre works
  absl::Time since;
};

// One move: from a step (empty for the start), through the answers given, to a step.
struct WorkflowMove {
  int64_t id = 0;
  FollowupId followup_id;
  std::string from_step;
  std::vector<std::pair<std::string, std::string>> answers;  // (decision, answer)
  std::string to_step;
  std::string to_label;
  std::optional<CentreRef> centre;
  std::optional<UserId> assignee_id;
  std::optional<ActionId> action_id;
  UserId moved_by;
  absl::Time moved_at;
};

// The positions view's filters; the reach is already folded in by the use case.
struct PositionQuery {
  std::optional<AttendanceTypeId> attendance_type_id;
  std::optional<std::string> step;
  std::optional<BranchId> branch_id;  // follow-ups of this branch
  // Follow-ups this user owns or whose current return they hold.
  std::optional<UserId> user_id;
  bool open_only = true;
  int limit = 200;
};

struct PositionRow {
  WorkflowPosition position;
  AttendanceTypeId attendance_type_id;
  int64_t version = 0;
  std::string subject;
  FollowupStatus status = FollowupStatus::kOpen;
  UserId owner_id;
  std::optional<BranchId> branch_id;
  std::string party_name;
  std::optional<UserId> assignee_id;  // of the current return
  std::optional<absl::CivilDay> due_date;
};

class WorkflowRepository {
 public:
  virtual ~WorkflowRepository() = default;

  // Inserts the next version of the type's workflow (version set by the store: one
  // more than the newest) and returns it with its id.
  virtual absl::StatusOr<StoredWorkflow> InsertWorkflow(const StoredWorkflow& w) = 0;
  virtual absl::StatusOr<std::optional<StoredWorkflow>> FindWorkflow(int64_t id) = 0;

  virtual absl::StatusOr<std::optional<WorkflowPosition>> FindPosition(FollowupId id) = 0;
  // Inserts or replaces the follow-up's position.
  virtual absl::Status PutPosition(const WorkflowPosition& p) = 0;
  virtual absl::Status InsertMove(const WorkflowMove& m) = 0;
  // The follow-up's moves, oldest first.
  virtual absl::StatusOr<std::vector<WorkflowMove>> ListMoves(FollowupId id) = 0;
  // Positions in follow-up id order.
  virtual absl::StatusOr<std::vector<PositionRow>> ListPositions(const PositionQuery& q) = 0;
};

}  // namespace retorno
