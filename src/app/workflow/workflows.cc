#include "app/workflow/workflows.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "app/attendance/attendance.h"
#include "app/errors.h"
#include "app/followups/followup_events.h"
#include "app/followups/followups.h"
#include "app/mail/reminder_sync.h"
#include "app/workflow/workflow_json.h"
#include "base/status_macros.h"
#include "domain/followup.h"
#include "domain/permissions.h"

namespace retorno {

namespace {

constexpr size_t kMaxResult = 20000;

CentreRef RefOf(const workflow::Centre& c) {
  return CentreRef{std::string(ToString(c.kind)), c.id};
}

// The active supervisor of a branch with the lowest id: who takes a team's return
// (a branch has no shared queue; its supervisor hands the return on).
absl::StatusOr<std::optional<User>> SupervisorOf(Tx& tx, BranchId branch) {
  ASSIGN_OR_RETURN(std::vector<User> users, tx.accounts().ListUsers());
  std::optional<User> out;
  for (User& u : users)
    if (u.active && u.role == Role::kSupervisor && u.branch_id == branch &&
        (!out || u.id.value < out->id.value))
      out = std::move(u);
  return out;
}

// Who takes the return of a centre: the user, or the team's supervisor; `fallback`
// (the follow-up's owner) when that person left after the workflow was saved.
absl::StatusOr<User> AssigneeOf(Tx& tx, const workflow::Centre& c, const User& fallback) {
  if (c.kind == workflow::Centre::Kind::kUser) {
    ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(UserId(c.id)));
    if (u && u->active) return *std::move(u);
    return fallback;
  }
  ASSIGN_OR_RETURN(std::optional<User> s, SupervisorOf(tx, BranchId(c.id)));
  if (s) return *std::move(s);
  return fallback;
}

absl::StatusOr<workflow::Workflow> ParseStored(const StoredWorkflow& s) {
  nlohmann::json body = nlohmann::json::parse(s.body, nullptr, /*allow_exceptions=*/false);
  Issues issues;
  workflow::Workflow wf = WorkflowFromJson(body, issues);
  if (body.is_discarded() || !issues.empty())
    return absl::DataLossError(absl::StrCat("stored workflow ", s.id, " is unreadable"));
  return wf;
}

absl::StatusOr<AttendanceType> LoadType(Tx& tx, AttendanceTypeId id) {
  ASSIGN_OR_RETURN(std::optional<AttendanceType> t, tx.attendance().FindType(id));
  if (!t) return CodedError(ErrorCode::kAttendanceTypeNotFound);
  return *std::move(t);
}

absl::StatusOr<WorkflowView> ViewOf(Tx& tx, const AttendanceType& t) {
  WorkflowView v;
  v.attendance_type_id = t.id;
  if (!t.workflow_id) return v;
  ASSIGN_OR_RETURN(v.stored, tx.workflow().FindWorkflow(*t.workflow_id));
  if (v.stored) {
    ASSIGN_OR_RETURN(v.wf, ParseStored(*v.stored));
  }
  return v;
}

// The centres of the situations: an active user, or a branch with a supervisor.
absl::Status CheckCentres(Tx& tx, const workflow::Workflow& wf, Issues& issues) {
  for (size_t i = 0; i < wf.steps.size(); ++i) {
    const workflow::Step& s = wf.steps[i];
    if (s.kind != workflow::StepKind::kSituation || !s.centre || s.centre->id <= 0) continue;
    const std::string field = absl::StrCat("steps[", i, "].centre");
    if (s.centre->kind == workflow::Centre::Kind::kUser) {
      ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(UserId(s.centre->id)));
      if (!u || !u->active) issues.Add(field + ".id", "unknown_user");
      continue;
    }
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.accounts().FindBranch(BranchId(s.centre->id)));
    if (!b) {
      issues.Add(field + ".id", "unknown_branch");
      continue;
    }
    ASSIGN_OR_RETURN(std::optional<User> sup, SupervisorOf(tx, b->id));
    if (!sup) issues.Add(field + ".id", "team_needs_supervisor");
  }
  return absl::OkStatus();
}

// The timeline lines of a move: the decisions met with their answers, in the words
// the admin configured, then the situation reached ("⇢ Enviar proposta"). An end adds
// no line of its own: closing writes "■ <label>".
std::string MoveText(const workflow::Workflow& wf,
                     const std::vector<std::pair<std::string, std::string>>& answered,
                     const workflow::Step& to) {
  std::vector<std::string> lines;
  for (const auto& [decision, answer] : answered) {
    const workflow::Step* d = workflow::FindStep(wf, decision);
    if (d == nullptr) continue;
    std::string label = answer;
    for (const workflow::Answer& a : d->answers)
      if (a.key == answer) label = a.label;
    lines.push_back(absl::StrCat(d->label, " ", label));
  }
  if (to.kind != workflow::StepKind::kEnd) lines.push_back(absl::StrCat("⇢ ", to.label));
  return absl::StrJoin(lines, "\n");
}

absl::StatusOr<FollowupWorkflow> LoadState(Tx& tx, const WorkflowPosition& p) {
  FollowupWorkflow out;
  out.position = p;
  ASSIGN_OR_RETURN(std::optional<StoredWorkflow> s, tx.workflow().FindWorkflow(p.workflow_id));
  if (!s) return absl::DataLossError("a follow-up's workflow version is missing");
  out.attendance_type_id = s->attendance_type_id;
  out.version = s->version;
  ASSIGN_OR_RETURN(out.wf, ParseStored(*s));
  ASSIGN_OR_RETURN(out.moves, tx.workflow().ListMoves(p.followup_id));
  return out;
}

}  // namespace

absl::StatusOr<WorkflowView> WorkflowService::Get(const AuthContext& ctx, AttendanceTypeId type) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  WorkflowView v;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(AttendanceType t, LoadType(tx, type));
    ASSIGN_OR_RETURN(v, ViewOf(tx, t));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<WorkflowView> WorkflowService::Put(const AuthContext& ctx, AttendanceTypeId type,
                                                  const workflow::Workflow& wf, absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  WorkflowView v;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(AttendanceType t, LoadType(tx, type));
    Issues issues;
    for (const workflow::Issue& i : workflow::Validate(wf)) issues.Add(i.field, i.code);
    RETURN_IF_ERROR(CheckCentres(tx, wf, issues));
    RETURN_IF_ERROR(issues.ToStatus());
    ASSIGN_OR_RETURN(StoredWorkflow s,
                     tx.workflow().InsertWorkflow({.attendance_type_id = t.id,
                                                   .body = WorkflowToJson(wf).dump(),
                                                   .created_by = ctx.user.id,
                                                   .created_at = now}));
    t.workflow_id = s.id;
    t.updated_at = now;
    RETURN_IF_ERROR(tx.attendance().UpdateType(t));
    v = WorkflowView{t.id, s, wf};
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<std::optional<FollowupWorkflow>> WorkflowService::OfFollowup(const AuthContext& ctx,
                                                                            FollowupId id) {
  std::optional<FollowupWorkflow> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(LoadReadableFollowup(tx, ctx, id).status());
    ASSIGN_OR_RETURN(std::optional<WorkflowPosition> p, tx.workflow().FindPosition(id));
    if (!p) return absl::OkStatus();
    ASSIGN_OR_RETURN(out, LoadState(tx, *p));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<FollowupWorkflow> WorkflowService::Advance(const AuthContext& ctx, FollowupId id,
                                                          const AdvanceInput& in, absl::Time now) {
  FollowupWorkflow out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(id));
    if (!f) return CodedError(ErrorCode::kFollowupNotFound);
    ASSIGN_OR_RETURN(std::optional<WorkflowPosition> pos, tx.workflow().FindPosition(id));
    ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(id));
    const Action* current = nullptr;
    if (pos && pos->action_id)
      for (const Action& a : actions)
        if (a.id == *pos->action_id) current = &a;
    // The holder of the current return answers for it; otherwise the right to change
    // the follow-up is needed.
    if (current != nullptr)
      RETURN_IF_ERROR(Refused(RefuseWork(ctx.viewer(), *f, *current)));
    else
      RETURN_IF_ERROR(Refused(RefuseChange(ctx.viewer(), *f)));
    if (!pos) return CodedError(ErrorCode::kNoWorkflow);
    if (f->status != FollowupStatus::kOpen || pos->step_kind == "end")
      return CodedError(ErrorCode::kFollowupClosed);
    ASSIGN_OR_RETURN(std::optional<StoredWorkflow> stored,
                     tx.workflow().FindWorkflow(pos->workflow_id));
    if (!stored) return absl::DataLossError("a follow-up's workflow version is missing");
    ASSIGN_OR_RETURN(workflow::Workflow wf, ParseStored(*stored));

    Issues issues;
    if (in.result.size() > kMaxResult) issues.Add("result", "too_long");
    const workflow::Move m = workflow::Advance(wf, pos->step, in.answers);
    switch (m.kind) {
      case workflow::Move::Kind::kAsk:
        issues.Add(absl::StrCat("answers[", in.answers.size(), "]"), "answer_required");
        break;
      case workflow::Move::Kind::kRefused:
        if (m.error == "unknown_answer")
          issues.Add(absl::StrCat("answers[", m.answered.size(), "]"), "unknown_answer");
        else if (m.error == "extra_answers")
          issues.Add("answers", "extra_answers");
        else
          return absl::DataLossError(absl::StrCat("workflow position refused: ", m.error));
        break;
      case workflow::Move::Kind::kArrive:
      case workflow::Move::Kind::kFinish:
        break;
    }
    RETURN_IF_ERROR(issues.ToStatus());
    const workflow::Step* to = workflow::FindStep(wf, m.step);
    if (to == nullptr) return absl::DataLossError("workflow step missing");
    const std::string text = MoveText(wf, m.answered, *to);

    ASSIGN_OR_RETURN(std::optional<User> owner, tx.accounts().FindUser(f->owner_id));
    if (!owner) return absl::InternalError("follow-up owner missing");
    FollowupAggregate agg(*f, actions);
    std::optional<ActionId> completed;
    if (current != nullptr && current->status == ActionStatus::kPlanned) {
      std::string result = in.result;
      if (result.empty()) result = text.empty() ? to->label : text;
      RETURN_IF_ERROR(Refused(
          agg.Complete(current->id, Completion{result, "", std::nullopt}, ctx.user.id, now)));
      completed = current->id;
    }
    WorkflowPosition next = *pos;
    next.step = to->key;
    next.step_label = to->label;
    next.since = now;
    WorkflowMove move{.followup_id = id,
                      .from_step = pos->step,
                      .answers = m.answered,
                      .to_step = to->key,
                      .to_label = to->label,
                      .moved_by = ctx.user.id,
                      .moved_at = now};
    if (m.kind == workflow::Move::Kind::kArrive) {
      ASSIGN_OR_RETURN(User assignee, AssigneeOf(tx, *to->centre, *owner));
      // The next return keeps the way the customer was being reached.
      std::string type = current != nullptr ? current->type : "";
      if (type.empty() && !actions.empty()) type = actions.back().type;
      ReturnPlan plan{.type = type, .assignee_id = assignee.id};
      std::vector<Action> planned;
      RETURN_IF_ERROR(Refused(agg.AddReturns(plan, {TodayOf(assignee, now) + to->due_in_days}, 0,
                                             ctx.user.id, now, planned)));
      for (Action& a : planned) {
        ASSIGN_OR_RETURN(a.id, InsertActionWithReminders(tx, a, now, &assignee));
      }
      if (completed) agg.Chain(*completed, planned.front().id);
      next.step_kind = "situation";
      next.centre = RefOf(*to->centre);
      next.action_id = planned.front().id;
      move.centre = next.centre;
      move.assignee_id = assignee.id;
      move.action_id = next.action_id;
    } else {
      RETURN_IF_ERROR(Refused(agg.Close(to->label, ctx.user.id, now)));
      next.step_kind = "end";
      next.centre = std::nullopt;
      next.action_id = std::nullopt;
    }
    if (!text.empty()) {
      RETURN_IF_ERROR(AddSystemEntry(tx, agg.followup(), ctx, EntryKind::kStatus, text,
                                     next.action_id, now, now)
                          .status());
    }
    RETURN_IF_ERROR(SaveFollowup(tx, ctx, agg, now));
    RETURN_IF_ERROR(tx.workflow().PutPosition(next));
    RETURN_IF_ERROR(tx.workflow().InsertMove(move));
    ASSIGN_OR_RETURN(out, LoadState(tx, next));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<PositionRow>> WorkflowService::Positions(const AuthContext& ctx,
                                                                    const PositionsInput& in) {
  std::vector<PositionRow> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    const Viewer v = ctx.viewer();
    PositionQuery q;
    q.attendance_type_id = in.attendance_type_id;
    q.step = in.step;
    q.open_only = !in.include_closed;
    if (in.branch_id && !CanFilterByBranch(v, *in.branch_id))
      return CodedError(ErrorCode::kFilterNotAllowed);
    q.branch_id = in.branch_id;
    if (v.role == Role::kSupervisor && v.branch_id)
      q.branch_id = v.branch_id;
    else if (v.role != Role::kAdmin)
      q.user_id = v.id;
    ASSIGN_OR_RETURN(out, tx.workflow().ListPositions(q));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::optional<WorkflowStart>> PlanWorkflowStartOf(Tx& tx, const AttendanceType& t,
                                                                 const User& owner) {
  if (!t.workflow_id) return std::optional<WorkflowStart>();
  ASSIGN_OR_RETURN(std::optional<StoredWorkflow> stored,
                   tx.workflow().FindWorkflow(*t.workflow_id));
  if (!stored) return absl::DataLossError("an attendance type's workflow is missing");
  ASSIGN_OR_RETURN(workflow::Workflow wf, ParseStored(*stored));
  const workflow::Move m = workflow::Begin(wf);
  const workflow::Step* s = workflow::FindStep(wf, m.step);
  if (m.kind != workflow::Move::Kind::kArrive || s == nullptr || !s->centre)
    return absl::DataLossError("a saved workflow does not begin at a situation");
  ASSIGN_OR_RETURN(User assignee, AssigneeOf(tx, *s->centre, owner));
  return WorkflowStart{.stored = *std::move(stored),
                       .step = s->key,
                       .label = s->label,
                       .centre = RefOf(*s->centre),
                       .assignee = assignee.id};
}

absl::StatusOr<Entry> RecordWorkflowStart(Tx& tx, const AuthContext& ctx, const Followup& f,
                                          const WorkflowStart& start, ActionId first,
                                          absl::Time now) {
  RETURN_IF_ERROR(tx.workflow().PutPosition({.followup_id = f.id,
                                             .workflow_id = start.stored.id,
                                             .step = start.step,
                                             .step_label = start.label,
                                             .step_kind = "situation",
                                             .centre = start.centre,
                                             .action_id = first,
                                             .since = now}));
  RETURN_IF_ERROR(tx.workflow().InsertMove({.followup_id = f.id,
                                            .to_step = start.step,
                                            .to_label = start.label,
                                            .centre = start.centre,
                                            .assignee_id = start.assignee,
                                            .action_id = first,
                                            .moved_by = ctx.user.id,
                                            .moved_at = now}));
  return AddSystemEntry(tx, f, ctx, EntryKind::kStatus, "⇢ " + start.label, first, now, now);
}

}  // namespace retorno
