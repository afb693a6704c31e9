// The follow-up aggregate: a follow-up with the returns a use case loaded, and the
// rules of its transitions (complete a return, reschedule it, cancel it, add returns,
// close and reopen the follow-up). It decides whether a transition is allowed and what
// it changes, and records each one as a StatusEvent; the use case (app/followups/followups.cc)
// loads it, calls it and saves what changed with the timeline entries of the events.
//
// Pure: no clock (now is passed in), no store, no error registry. A refusal is a
// FollowupRefusal that the use case turns into its error code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/permissions.h"

namespace retorno {

enum class FollowupRefusal {
  kForbidden,              // the viewer may not change the follow-up or work the return
  kAssigneeCannotChain,    // an assignee completes their return but adds no next one
  kReopenNeedsSupervisor,  // reopening is for supervisors and admins
  kClosed,                 // the follow-up is closed: nothing changes on it
  kNotClosed,              // reopening an open follow-up
  kReturnNotPlanned,       // the return is done or cancelled already
  kReturnNotLoaded,        // the use case did not load the return it names
};

// A return's date and optional time of day (minutes after midnight).
struct DueAt {
  absl::CivilDay day;
  std::optional<int> minutes;
  bool operator==(const DueAt&) const = default;
};

enum class StatusEventKind {
  kReturnCompleted,
  kReturnRescheduled,
  kReturnCancelled,
  kReturnCancelledByClose,  // the planned returns a closing ends
  kReturnsAdded,
  kClosed,
  kReopened,
};

// One transition, as the timeline records it.
struct StatusEvent {
  StatusEventKind kind;
  std::optional<ActionId> action_id;  // the return it is about, when it has an id
  std::optional<ActionStatus> return_from, return_to;
  std::optional<FollowupStatus> followup_from, followup_to;
  std::optional<DueAt> due_from, due_to;
  std::string reason;  // the result of a completion or closing, or the reason given
  UserId actor;
  absl::Time at;  // when it happened: a completion's result time, else now
};

// How a completed return ended.
struct Completion {
  std::string result;
  std::string resolution;               // contact type code; empty: the return's own type
  std::optional<absl::Time> result_at;  // default: now
};

// What a new return (or monthly series of returns) is, already validated.
struct ReturnPlan {
  std::string type;
  std::optional<int> due_minutes;
  std::optional<UserId> assignee_id;  // default: the follow-up's owner
  bool notify_customer = false;
  std::string message;
  std::optional<absl::Time> remind_at;
};

// The returns of `plan` for follow-up `f` on `dates` (one, or a monthly series when
// series_id is not 0), without ids: the store gives them.
std::vector<Action> PlanReturns(const Followup& f, const ReturnPlan& plan,
                                const std::vector<absl::CivilDay>& dates, int64_t series_id,
                                absl::Time now);

// Who may: change the follow-up (its owner, their supervisor, an admin), or work one
// of its returns (those, and the return's assignee).
std::optional<FollowupRefusal> RefuseChange(const Viewer& v, const Followup& f);
std::optional<FollowupRefusal> RefuseWork(const Viewer& v, const Followup& f, const Action& a);

class FollowupAggregate {
 public:
  FollowupAggregate(Followup f, std::vector<Action> returns)
      : followup_(std::move(f)), returns_(std::move(returns)) {}

  const Followup& followup() const { return followup_; }
  const std::vector<Action>& returns() const { return returns_; }
  const std::vector<StatusEvent>& events() const { return events_; }
  // The loaded returns a transition changed, in load order.
  std::vector<const Action*> ChangedReturns() const;
  Followup TakeFollowup() && { return std::move(followup_); }
  // What saving the follow-up sets: who changed it last, when, and its new version.
  void Stamp(UserId by, absl::Time at);
  void SetVersion(int64_t version) { followup_.version = version; }

  // Chaining a next return adds to the follow-up: that is for who may change it, not
  // for an assignee who only works one of its returns.
  std::optional<FollowupRefusal> MayChain(const Viewer& v) const;
  std::optional<FollowupRefusal> MayReopen(const Viewer& v) const;

  // Each transition checks the follow-up's and the return's state, then changes them
  // and records an event; on a refusal nothing changes.
  std::optional<FollowupRefusal> Complete(ActionId id, const Completion& c, UserId actor,
                                          absl::Time now);
  // Links a completed return to the next one it chained into (once the store gave
  // the next its id).
  void Chain(ActionId completed, ActionId next);
  std::optional<FollowupRefusal> Reschedule(ActionId id, DueAt due,
                                            std::optional<absl::Time> remind_at,
                                            const std::string& reason, UserId actor,
                                            absl::Time now);
  std::optional<FollowupRefusal> Cancel(ActionId id, const std::string& reason, UserId actor,
                                        absl::Time now);
  // The new returns (PlanReturns) on an open follow-up; `out` gets them, without ids.
  std::optional<FollowupRefusal> AddReturns(const ReturnPlan& plan,
                                            const std::vector<absl::CivilDay>& dates,
                                            int64_t series_id, UserId actor, absl::Time now,
                                            std::vector<Action>& out);
  // Closing ends the follow-up and cancels its planned returns (manuals 001/004).
  std::optional<FollowupRefusal> Close(const std::string& result, UserId actor, absl::Time now);
  // Moves the earliest planned return (of those loaded, by due date) to `day`, its
  // time of day kept and its "remind at" dropped. No event when none is planned or it
  // is on that day already.
  std::optional<FollowupRefusal> MoveFirstReturn(absl::CivilDay day, UserId actor, absl::Time now);
  // Reopening needs MayReopen; the follow-up must be closed.
  std::optional<FollowupRefusal> Reopen(const Viewer& v, const std::string& reason, absl::Time now);

 private:
  std::optional<FollowupRefusal> RequireOpen() const;
  // The loaded, planned return `id`, or the refusal.
  std::optional<FollowupRefusal> PlannedReturn(ActionId id, Action*& out);
  void EndReturn(Action& a, ActionStatus to, UserId actor, absl::Time now);
  void MoveReturn(Action& a, DueAt due, std::optional<absl::Time> remind_at,
                  const std::string& reason, UserId actor, absl::Time now);

  Followup followup_;
  std::vector<Action> returns_;
  std::vector<bool> changed_ = std::vector<bool>(returns_.size(), false);
  std::vector<StatusEvent> events_;
};

}  // namespace retorno
