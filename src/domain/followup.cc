#include "domain/followup.h"

#include <utility>

namespace retorno {

std::vector<Action> PlanReturns(const Followup& f, const ReturnPlan& plan,
                                const std::vector<absl::CivilDay>& dates, int64_t series_id,
                                absl::Time now) {
  std::vector<Action> out;
  out.reserve(dates.size());
  for (size_t i = 0; i < dates.size(); ++i) {
    Action a;
    a.followup_id = f.id;
    a.type = plan.type;
    a.due_date = dates[i];
    a.due_minutes = plan.due_minutes;
    a.assignee_id = plan.assignee_id.value_or(f.owner_id);
    a.notify_customer = plan.notify_customer;
    a.message = plan.message;
    // "Remind at" is an instant for this return: the first of a series; the others
    // are reminded at their own date and time.
    if (i == 0) a.remind_at = plan.remind_at;
    a.series_id = series_id;
    a.series_index = series_id ? static_cast<int>(i) + 1 : 0;
    a.created_at = now;
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<FollowupRefusal> RefuseChange(const Viewer& v, const Followup& f) {
  if (!CanAccessFollowup(v, f.owner_id, f.branch_id)) return FollowupRefusal::kForbidden;
  return std::nullopt;
}

std::optional<FollowupRefusal> RefuseWork(const Viewer& v, const Followup& f, const Action& a) {
  if (!CanWorkAction(v, f.owner_id, f.branch_id, a.assignee_id)) return FollowupRefusal::kForbidden;
  return std::nullopt;
}

std::vector<const Action*> FollowupAggregate::ChangedReturns() const {
  std::vector<const Action*> out;
  for (size_t i = 0; i < returns_.size(); ++i)
    if (changed_[i]) out.push_back(&returns_[i]);
  return out;
}

void FollowupAggregate::Stamp(UserId by, absl::Time at) {
  followup_.updated_by = by;
  followup_.updated_at = at;
}

std::optional<FollowupRefusal> FollowupAggregate::MayChain(const Viewer& v) const {
  if (RefuseChange(v, followup_)) return FollowupRefusal::kAssigneeCannotChain;
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::MayReopen(const Viewer& v) const {
  if (!CanReopen(v)) return FollowupRefusal::kReopenNeedsSupervisor;
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::RequireOpen() const {
  if (followup_.status != FollowupStatus::kOpen) return FollowupRefusal::kClosed;
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::PlannedReturn(ActionId id, Action*& out) {
  if (auto r = RequireOpen()) return r;
  for (size_t i = 0; i < returns_.size(); ++i) {
    if (returns_[i].id != id) continue;
    if (returns_[i].status != ActionStatus::kPlanned) return FollowupRefusal::kReturnNotPlanned;
    out = &returns_[i];
    changed_[i] = true;
    return std::nullopt;
  }
  return FollowupRefusal::kReturnNotLoaded;
}

void FollowupAggregate::EndReturn(Action& a, ActionStatus to, UserId actor, absl::Time now) {
  a.status = to;
  a.done_at = now;
  a.done_by = actor;
}

std::optional<FollowupRefusal> FollowupAggregate::Complete(ActionId id, const Completion& c,
                                                           UserId actor, absl::Time now) {
  Action* a = nullptr;
  if (auto r = PlannedReturn(id, a)) return r;
  EndReturn(*a, ActionStatus::kDone, actor, now);
  a->result = c.result;
  a->resolution = c.resolution.empty() ? a->type : c.resolution;
  a->result_at = c.result_at.value_or(now);
  events_.push_back({.kind = StatusEventKind::kReturnCompleted,
                     .action_id = a->id,
                     .return_from = ActionStatus::kPlanned,
                     .return_to = ActionStatus::kDone,
                     .due_from = DueAt{a->due_date, a->due_minutes},
                     .reason = c.result,
                     .actor = actor,
                     .at = *a->result_at});
  return std::nullopt;
}

void FollowupAggregate::Chain(ActionId completed, ActionId next) {
  for (Action& a : returns_)
    if (a.id == completed) a.next_action_id = next;  // manual 004: the result chains on
}

void FollowupAggregate::MoveReturn(Action& a, DueAt due, std::optional<absl::Time> remind_at,
                                   const std::string& reason, UserId actor, absl::Time now) {
  events_.push_back({.kind = StatusEventKind::kReturnRescheduled,
                     .action_id = a.id,
                     .return_from = ActionStatus::kPlanned,
                     .return_to = ActionStatus::kPlanned,
                     .due_from = DueAt{a.due_date, a.due_minutes},
                     .due_to = due,
                     .reason = reason,
                     .actor = actor,
                     .at = now});
  a.due_date = due.day;
  a.due_minutes = due.minutes;
  a.remind_at = remind_at;
}

std::optional<FollowupRefusal> FollowupAggregate::Reschedule(ActionId id, DueAt due,
                                                             std::optional<absl::Time> remind_at,
                                                             const std::string& reason,
                                                             UserId actor, absl::Time now) {
  Action* a = nullptr;
  if (auto r = PlannedReturn(id, a)) return r;
  MoveReturn(*a, due, remind_at, reason, actor, now);
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::Cancel(ActionId id, const std::string& reason,
                                                         UserId actor, absl::Time now) {
  Action* a = nullptr;
  if (auto r = PlannedReturn(id, a)) return r;
  EndReturn(*a, ActionStatus::kCancelled, actor, now);
  events_.push_back({.kind = StatusEventKind::kReturnCancelled,
                     .action_id = a->id,
                     .return_from = ActionStatus::kPlanned,
                     .return_to = ActionStatus::kCancelled,
                     .due_from = DueAt{a->due_date, a->due_minutes},
                     .reason = reason,
                     .actor = actor,
                     .at = now});
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::AddReturns(
    const ReturnPlan& plan, const std::vector<absl::CivilDay>& dates, int64_t series_id,
    UserId actor, absl::Time now, std::vector<Action>& out) {
  if (auto r = RequireOpen()) return r;
  out = PlanReturns(followup_, plan, dates, series_id, now);
  if (out.empty()) return std::nullopt;
  events_.push_back({.kind = StatusEventKind::kReturnsAdded,
                     .return_to = ActionStatus::kPlanned,
                     .due_to = DueAt{out.front().due_date, out.front().due_minutes},
                     .actor = actor,
                     .at = now});
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::Close(const std::string& result, UserId actor,
                                                        absl::Time now) {
  if (auto r = RequireOpen()) return r;
  for (size_t i = 0; i < returns_.size(); ++i) {
    Action& a = returns_[i];
    if (a.status != ActionStatus::kPlanned) continue;
    EndReturn(a, ActionStatus::kCancelled, actor, now);
    changed_[i] = true;
    events_.push_back({.kind = StatusEventKind::kReturnCancelledByClose,
                       .action_id = a.id,
                       .return_from = ActionStatus::kPlanned,
                       .return_to = ActionStatus::kCancelled,
                       .due_from = DueAt{a.due_date, a.due_minutes},
                       .actor = actor,
                       .at = now});
  }
  followup_.status = FollowupStatus::kClosed;
  events_.push_back({.kind = StatusEventKind::kClosed,
                     .followup_from = FollowupStatus::kOpen,
                     .followup_to = FollowupStatus::kClosed,
                     .reason = result,
                     .actor = actor,
                     .at = now});
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::MoveFirstReturn(absl::CivilDay day, UserId actor,
                                                                  absl::Time now) {
  if (auto r = RequireOpen()) return r;
  for (size_t i = 0; i < returns_.size(); ++i) {
    Action& a = returns_[i];
    if (a.status != ActionStatus::kPlanned) continue;
    if (a.due_date == day) return std::nullopt;
    changed_[i] = true;
    MoveReturn(a, DueAt{day, a.due_minutes}, std::nullopt, "", actor, now);
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<FollowupRefusal> FollowupAggregate::Reopen(const Viewer& v, const std::string& reason,
                                                         absl::Time now) {
  if (auto r = MayReopen(v)) return r;
  const UserId actor = v.id;
  if (followup_.status != FollowupStatus::kClosed) return FollowupRefusal::kNotClosed;
  followup_.status = FollowupStatus::kOpen;
  events_.push_back({.kind = StatusEventKind::kReopened,
                     .followup_from = FollowupStatus::kClosed,
                     .followup_to = FollowupStatus::kOpen,
                     .reason = reason,
                     .actor = actor,
                     .at = now});
  return std::nullopt;
}

}  // namespace retorno
