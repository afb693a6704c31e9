#include "domain/followup.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);
const absl::CivilDay kDay(2027, 1, 15);
const UserId kOwner(10), kAssignee(20), kOther(30), kSupervisor(40);
const BranchId kBranch(1);

Followup OpenFollowup() {
  Followup f;
  f.id = FollowupId(7);
  f.owner_id = kOwner;
  f.branch_id = kBranch;
  return f;
}

Action Planned(int64_t id, absl::CivilDay due, UserId assignee = kOwner) {
  Action a;
  a.id = ActionId(id);
  a.followup_id = FollowupId(7);
  a.type = "call";
  a.due_date = due;
  a.due_minutes = 9 * 60;
  a.assignee_id = assignee;
  return a;
}

Viewer Agent(UserId id) { return Viewer{id, Role::kAgent, kBranch}; }
Viewer Supervisor() { return Viewer{kSupervisor, Role::kSupervisor, kBranch}; }

TEST(FollowupAggregate, OwnerSupervisorAndAssigneeMayWorkAReturn) {
  const Followup f = OpenFollowup();
  const Action a = Planned(1, kDay, kAssignee);
  EXPECT_EQ(RefuseWork(Agent(kOwner), f, a), std::nullopt);
  EXPECT_EQ(RefuseWork(Supervisor(), f, a), std::nullopt);
  EXPECT_EQ(RefuseWork(Agent(kAssignee), f, a), std::nullopt);
  EXPECT_EQ(RefuseWork(Agent(kOther), f, a), FollowupRefusal::kForbidden);
}

TEST(FollowupAggregate, AnAssigneeMayNotChangeTheFollowupItself) {
  EXPECT_EQ(RefuseChange(Agent(kOwner), OpenFollowup()), std::nullopt);
  EXPECT_EQ(RefuseChange(Agent(kAssignee), OpenFollowup()), FollowupRefusal::kForbidden);
}

TEST(FollowupAggregate, AnAssigneeMayNotChainANextReturn) {
  FollowupAggregate agg(OpenFollowup(), {Planned(1, kDay, kAssignee)});
  EXPECT_EQ(agg.MayChain(Agent(kAssignee)), FollowupRefusal::kAssigneeCannotChain);
  EXPECT_EQ(agg.MayChain(Agent(kOwner)), std::nullopt);
}

TEST(FollowupAggregate, CompleteMarksDoneAndRecordsTheResult) {
  FollowupAggregate agg(OpenFollowup(), {Planned(1, kDay)});
  const absl::Time earlier = kNow - absl::Hours(2);
  ASSERT_EQ(agg.Complete(ActionId(1), {"talked", "", earlier}, kOwner, kNow), std::nullopt);
  const Action& a = agg.returns()[0];
  EXPECT_EQ(a.status, ActionStatus::kDone);
  EXPECT_EQ(a.resolution, "call");  // defaults to the return's own type
  EXPECT_EQ(a.result_at, earlier);
  EXPECT_EQ(a.done_at, kNow);
  EXPECT_EQ(a.done_by, kOwner);
  ASSERT_EQ(agg.ChangedReturns().size(), 1u);
  ASSERT_EQ(agg.events().size(), 1u);
  const StatusEvent& e = agg.events()[0];
  EXPECT_EQ(e.kind, StatusEventKind::kReturnCompleted);
  EXPECT_EQ(e.action_id, ActionId(1));
  EXPECT_EQ(e.return_from, ActionStatus::kPlanned);
  EXPECT_EQ(e.return_to, ActionStatus::kDone);
  EXPECT_EQ(e.reason, "talked");
  EXPECT_EQ(e.actor, kOwner);
  EXPECT_EQ(e.at, earlier);
}

TEST(FollowupAggregate, CompleteChainsIntoTheNextReturn) {
  FollowupAggregate agg(OpenFollowup(), {Planned(1, kDay)});
  ASSERT_EQ(agg.Complete(ActionId(1), {"ok", "email", std::nullopt}, kOwner, kNow), std::nullopt);
  std::vector<Action> next;
  ASSERT_EQ(agg.AddReturns({.type = "visit"}, {kDay + 7}, 0, kOwner, kNow, next), std::nullopt);
  ASSERT_EQ(next.size(), 1u);
  agg.Chain(ActionId(1), ActionId(2));
  EXPECT_EQ(agg.returns()[0].next_action_id, ActionId(2));
  EXPECT_EQ(agg.returns()[0].resolution, "email");
  EXPECT_EQ(agg.returns()[0].result_at, kNow);
}

TEST(FollowupAggregate, ATransitionOnAClosedFollowupIsRefused) {
  Followup f = OpenFollowup();
  f.status = FollowupStatus::kClosed;
  FollowupAggregate agg(f, {Planned(1, kDay)});
  std::vector<Action> out;
  EXPECT_EQ(agg.Complete(ActionId(1), {"x"}, kOwner, kNow), FollowupRefusal::kClosed);
  EXPECT_EQ(agg.Reschedule(ActionId(1), {kDay + 1}, std::nullopt, "", kOwner, kNow),
            FollowupRefusal::kClosed);
  EXPECT_EQ(agg.Cancel(ActionId(1), "", kOwner, kNow), FollowupRefusal::kClosed);
  EXPECT_EQ(agg.AddReturns({.type = "call"}, {kDay}, 0, kOwner, kNow, out),
            FollowupRefusal::kClosed);
  EXPECT_EQ(agg.Close("again", kOwner, kNow), FollowupRefusal::kClosed);
  EXPECT_EQ(agg.MoveFirstReturn(kDay + 1, kOwner, kNow), FollowupRefusal::kClosed);
  EXPECT_TRUE(agg.events().empty());
  EXPECT_TRUE(agg.ChangedReturns().empty());
  EXPECT_EQ(agg.returns()[0].status, ActionStatus::kPlanned);
}

TEST(FollowupAggregate, AReturnNotPlannedIsRefused) {
  Action done = Planned(1, kDay);
  done.status = ActionStatus::kDone;
  Action cancelled = Planned(2, kDay);
  cancelled.status = ActionStatus::kCancelled;
  FollowupAggregate agg(OpenFollowup(), {done, cancelled});
  EXPECT_EQ(agg.Complete(ActionId(1), {"x"}, kOwner, kNow), FollowupRefusal::kReturnNotPlanned);
  EXPECT_EQ(agg.Reschedule(ActionId(2), {kDay + 1}, std::nullopt, "", kOwner, kNow),
            FollowupRefusal::kReturnNotPlanned);
  EXPECT_EQ(agg.Cancel(ActionId(1), "", kOwner, kNow), FollowupRefusal::kReturnNotPlanned);
  EXPECT_TRUE(agg.events().empty());
}

TEST(FollowupAggregate, AReturnNotLoadedIsRefused) {
  FollowupAggregate agg(OpenFollowup(), {Planned(1, kDay)});
  EXPECT_EQ(agg.Cancel(ActionId(9), "", kOwner, kNow), FollowupRefusal::kReturnNotLoaded);
}

TEST(FollowupAggregate, RescheduleMovesTheReturnAndRecordsBothDates) {
  FollowupAggregate agg(OpenFollowup(), {Planned(1, kDay)});
  const absl::Time remind = kNow + absl::Hours(1);
  ASSERT_EQ(agg.Reschedule(ActionId(1), {kDay + 3, std::nullopt}, remind, "busy", kOwner, kNow),
            std::nullopt);
  const Action& a = agg.returns()[0];
  EXPECT_EQ(a.due_date, kDay + 3);
  EXPECT_EQ(a.due_minutes, std::nullopt);
  EXPECT_EQ(a.remind_at, remind);
  EXPECT_EQ(a.status, ActionStatus::kPlanned);
  const StatusEvent& e = agg.events().at(0);
  EXPECT_EQ(e.kind, StatusEventKind::kReturnRescheduled);
  EXPECT_EQ(e.due_from, (DueAt{kDay, 9 * 60}));
  EXPECT_EQ(e.due_to, (DueAt{kDay + 3, std::nullopt}));
  EXPECT_EQ(e.reason, "busy");
  EXPECT_EQ(e.at, kNow);
}

TEST(FollowupAggregate, CancelEndsTheReturn) {
  FollowupAggregate agg(OpenFollowup(), {Planned(1, kDay)});
  ASSERT_EQ(agg.Cancel(ActionId(1), "no need", kAssignee, kNow), std::nullopt);
  EXPECT_EQ(agg.returns()[0].status, ActionStatus::kCancelled);
  EXPECT_EQ(agg.returns()[0].done_by, kAssignee);
  const StatusEvent& e = agg.events().at(0);
  EXPECT_EQ(e.kind, StatusEventKind::kReturnCancelled);
  EXPECT_EQ(e.return_to, ActionStatus::kCancelled);
  EXPECT_EQ(e.due_from, (DueAt{kDay, 9 * 60}));
  EXPECT_EQ(e.reason, "no need");
}

TEST(FollowupAggregate, CloseCancelsThePlannedReturnsOnly) {
  Action done = Planned(1, kDay - 10);
  done.status = ActionStatus::kDone;
  FollowupAggregate agg(OpenFollowup(), {done, Planned(2, kDay), Planned(3, kDay + 30)});
  ASSERT_EQ(agg.Close("sold", kOwner, kNow), std::nullopt);
  EXPECT_EQ(agg.followup().status, FollowupStatus::kClosed);
  EXPECT_EQ(agg.returns()[0].status, ActionStatus::kDone);
  EXPECT_EQ(agg.returns()[1].status, ActionStatus::kCancelled);
  EXPECT_EQ(agg.returns()[2].status, ActionStatus::kCancelled);
  ASSERT_EQ(agg.ChangedReturns().size(), 2u);
  EXPECT_EQ(agg.ChangedReturns()[0]->id, ActionId(2));
  ASSERT_EQ(agg.events().size(), 3u);
  EXPECT_EQ(agg.events()[0].kind, StatusEventKind::kReturnCancelledByClose);
  EXPECT_EQ(agg.events()[2].kind, StatusEventKind::kClosed);
  EXPECT_EQ(agg.events()[2].followup_from, FollowupStatus::kOpen);
  EXPECT_EQ(agg.events()[2].followup_to, FollowupStatus::kClosed);
  EXPECT_EQ(agg.events()[2].reason, "sold");
}

TEST(FollowupAggregate, ReopenNeedsASupervisor) {
  Followup f = OpenFollowup();
  f.status = FollowupStatus::kClosed;
  FollowupAggregate agg(f, {});
  EXPECT_EQ(agg.MayReopen(Agent(kOwner)), FollowupRefusal::kReopenNeedsSupervisor);
  EXPECT_EQ(agg.Reopen(Agent(kOwner), "why", kNow), FollowupRefusal::kReopenNeedsSupervisor);
  EXPECT_EQ(agg.followup().status, FollowupStatus::kClosed);
  ASSERT_EQ(agg.Reopen(Supervisor(), "customer called back", kNow), std::nullopt);
  EXPECT_EQ(agg.followup().status, FollowupStatus::kOpen);
  const StatusEvent& e = agg.events().at(0);
  EXPECT_EQ(e.kind, StatusEventKind::kReopened);
  EXPECT_EQ(e.actor, kSupervisor);
  EXPECT_EQ(e.followup_to, FollowupStatus::kOpen);
}

TEST(FollowupAggregate, ReopeningAnOpenFollowupIsRefused) {
  FollowupAggregate agg(OpenFollowup(), {});
  EXPECT_EQ(agg.Reopen(Supervisor(), "why", kNow), FollowupRefusal::kNotClosed);
}

TEST(FollowupAggregate, AddReturnsPlansAMonthlySeriesForTheOwner) {
  FollowupAggregate agg(OpenFollowup(), {});
  const absl::Time remind = kNow + absl::Hours(3);
  std::vector<Action> out;
  ASSERT_EQ(agg.AddReturns({.type = "call", .remind_at = remind}, {kDay, kDay + 31, kDay + 59}, 42,
                           kOwner, kNow, out),
            std::nullopt);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].assignee_id, kOwner);
  EXPECT_EQ(out[0].remind_at, remind);  // the first of a series only
  EXPECT_EQ(out[1].remind_at, std::nullopt);
  EXPECT_EQ(out[2].series_id, 42);
  EXPECT_EQ(out[2].series_index, 3);
  EXPECT_EQ(agg.events().at(0).kind, StatusEventKind::kReturnsAdded);
}

TEST(FollowupAggregate, MoveFirstReturnKeepsTheTimeAndDropsRemindAt) {
  Action first = Planned(1, kDay);
  first.remind_at = kNow;
  FollowupAggregate agg(OpenFollowup(), {first, Planned(2, kDay + 30)});
  ASSERT_EQ(agg.MoveFirstReturn(kDay + 2, kOwner, kNow), std::nullopt);
  EXPECT_EQ(agg.returns()[0].due_date, kDay + 2);
  EXPECT_EQ(agg.returns()[0].due_minutes, 9 * 60);
  EXPECT_EQ(agg.returns()[0].remind_at, std::nullopt);
  EXPECT_EQ(agg.returns()[1].due_date, kDay + 30);
  EXPECT_EQ(agg.events().size(), 1u);
}

TEST(FollowupAggregate, MoveFirstReturnToItsOwnDayChangesNothing) {
  FollowupAggregate agg(OpenFollowup(), {Planned(1, kDay)});
  ASSERT_EQ(agg.MoveFirstReturn(kDay, kOwner, kNow), std::nullopt);
  EXPECT_TRUE(agg.events().empty());
  EXPECT_TRUE(agg.ChangedReturns().empty());
}

}  // namespace
}  // namespace retorno
