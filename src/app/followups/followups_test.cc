// The follow-up use cases against a real SQLite store: each transition of the
// aggregate (domain/followup.h) as a caller sees it, with its error code when refused
// and the timeline line it writes when allowed.
#include "app/followups/followups.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/error_codes.h"
#include "app/use_case_test.h"
#include "base/status_macros.h"

namespace retorno {
namespace {

const absl::Time kNow = Utc(2026, 11, 20, 15, 0);

class FollowupsTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    owner_.user = NewUser("ana", Role::kAgent);
    assignee_.user = NewUser("beto", Role::kAgent);
    party_ = NewParty("C-1", owner_.user.id).id;
  }

  ActionInput Return(absl::CivilDay due, std::optional<UserId> assignee = {}) {
    ActionInput a;
    a.type = "phone";
    a.due_date = due;
    a.assignee_id = assignee;
    return a;
  }

  // A follow-up owned by ana, its return assigned to `assignee` (default: ana).
  FollowupDetail NewFollowup(std::optional<UserId> assignee = {}) {
    CreateFollowupInput in;
    in.party_id = party_;
    in.subject = "Orçamento";
    in.owner_id = owner_.user.id;
    in.category = "em_analise";
    in.next_action = Return(absl::CivilDay(2026, 11, 25), assignee);
    absl::StatusOr<CreatedFollowup> c = followups_->Create(admin_, in, kNow);
    EXPECT_TRUE(c.ok()) << c.status();
    return c->detail;
  }

  static std::optional<ErrorCode> CodeOf(const absl::Status& s) { return ErrorCodeOf(s); }

  static bool HasEntry(const FollowupDetail& d, EntryKind kind, const std::string& start) {
    return std::any_of(d.entries.begin(), d.entries.end(), [&](const Entry& e) {
      return e.kind == kind && e.body.rfind(start, 0) == 0;
    });
  }

  AuthContext owner_, assignee_;
  PartyId party_;
};

// A store that runs every write twice, the first run rolled back, as PostgreSQL's store
// does after a serialization conflict.
class ReplayingStore final : public Store {
 public:
  explicit ReplayingStore(Store& inner) : inner_(inner) {}
  absl::Status Write(const std::function<absl::Status(Tx&)>& fn) override {
    absl::Status first = inner_.Write([&](Tx& tx) -> absl::Status {
      RETURN_IF_ERROR(fn(tx));
      return absl::AbortedError("replayed");
    });
    if (!absl::IsAborted(first)) return first;
    return inner_.Write(fn);
  }
  absl::Status Read(const std::function<absl::Status(Tx&)>& fn) override { return inner_.Read(fn); }

 private:
  Store& inner_;
};

TEST_F(FollowupsTest, ACreationRunTwiceByTheStoreAnswersOnce) {
  ReplayingStore replaying(*store_);
  FollowupService service(replaying, *crypto_, *sniffer_);
  CreateFollowupInput in;
  in.party_id = party_;
  in.subject = "Contrato anual";
  in.owner_id = owner_.user.id;
  in.category = "em_analise";
  in.next_action = Return(absl::CivilDay(2026, 11, 25));
  in.next_action->repeat_months = 3;
  absl::StatusOr<CreatedFollowup> c = service.Create(admin_, in, kNow);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->upcoming_dates.size(), 3u);
}

TEST_F(FollowupsTest, CompleteChainsTheNextReturnAndWritesTheResult) {
  const FollowupDetail d = NewFollowup();
  CompleteInput in;
  in.result = "Cliente pediu nova proposta";
  in.next_action = Return(absl::CivilDay(2026, 12, 2));
  absl::StatusOr<FollowupDetail> after =
      followups_->CompleteAction(owner_, d.actions[0].id, in, kNow);
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_EQ(after->actions.size(), 2u);
  const Action& done =
      after->actions[0].status == ActionStatus::kDone ? after->actions[0] : after->actions[1];
  EXPECT_EQ(done.resolution, "phone");
  ASSERT_TRUE(done.next_action_id.has_value());
  EXPECT_EQ(after->followup.next_due_date, absl::CivilDay(2026, 12, 2));
  EXPECT_EQ(after->followup.version, d.followup.version + 1);
  EXPECT_TRUE(HasEntry(*after, EntryKind::kResult, "Cliente pediu"));
  // A return done is done.
  EXPECT_EQ(CodeOf(followups_->CompleteAction(owner_, done.id, in, kNow).status()),
            ErrorCode::kActionNotPlanned);
}

TEST_F(FollowupsTest, AnAssigneeCompletesTheirReturnButChainsNone) {
  const FollowupDetail d = NewFollowup(assignee_.user.id);
  CompleteInput in;
  in.result = "Feito";
  in.next_action = Return(absl::CivilDay(2026, 12, 2));
  EXPECT_EQ(CodeOf(followups_->CompleteAction(assignee_, d.actions[0].id, in, kNow).status()),
            ErrorCode::kAssigneeCannotChain);
  in.next_action.reset();
  EXPECT_TRUE(followups_->CompleteAction(assignee_, d.actions[0].id, in, kNow).ok());
}

TEST_F(FollowupsTest, SomeoneElseMayNotWorkTheReturn) {
  const FollowupDetail d = NewFollowup();
  EXPECT_EQ(CodeOf(followups_->CancelAction(assignee_, d.actions[0].id, "", kNow).status()),
            ErrorCode::kForbiddenFollowup);
}

TEST_F(FollowupsTest, RescheduleAndCancelWriteTheirTimelineLines) {
  const FollowupDetail d = NewFollowup();
  RescheduleInput r;
  r.due_date = absl::CivilDay(2026, 11, 27);
  r.due_minutes = 10 * 60;
  r.reason = "Cliente viajando";
  absl::StatusOr<FollowupDetail> moved =
      followups_->RescheduleAction(owner_, d.actions[0].id, r, kNow);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->actions[0].due_date, absl::CivilDay(2026, 11, 27));
  EXPECT_TRUE(HasEntry(*moved, EntryKind::kStatus, "↻ 2026-11-25 → 2026-11-27 10:00\nCliente"));
  absl::StatusOr<FollowupDetail> cancelled =
      followups_->CancelAction(owner_, d.actions[0].id, "Sem interesse", kNow);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->actions[0].status, ActionStatus::kCancelled);
  EXPECT_TRUE(HasEntry(*cancelled, EntryKind::kStatus, "✕ 2026-11-27 10:00\nSem interesse"));
  EXPECT_EQ(CodeOf(followups_->CancelAction(owner_, d.actions[0].id, "", kNow).status()),
            ErrorCode::kActionNotPlanned);
}

TEST_F(FollowupsTest, CloseEndsTheReturnsAndOnlyASupervisorReopens) {
  const FollowupDetail d = NewFollowup();
  absl::StatusOr<FollowupDetail> closed = followups_->Close(owner_, d.followup.id, "Vendido", kNow);
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->followup.status, FollowupStatus::kClosed);
  EXPECT_EQ(closed->actions[0].status, ActionStatus::kCancelled);
  EXPECT_TRUE(HasEntry(*closed, EntryKind::kStatus, "■ Vendido"));
  CompleteInput in;
  in.result = "tarde";
  EXPECT_EQ(CodeOf(followups_->CompleteAction(owner_, d.actions[0].id, in, kNow).status()),
            ErrorCode::kFollowupClosed);
  EXPECT_EQ(CodeOf(followups_->Close(owner_, d.followup.id, "de novo", kNow).status()),
            ErrorCode::kFollowupClosed);
  EXPECT_EQ(CodeOf(followups_->Reopen(owner_, d.followup.id, "voltou", kNow).status()),
            ErrorCode::kReopenNeedsSupervisor);
  absl::StatusOr<FollowupDetail> reopened =
      followups_->Reopen(admin_, d.followup.id, "Cliente voltou", kNow);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(reopened->followup.status, FollowupStatus::kOpen);
  EXPECT_TRUE(HasEntry(*reopened, EntryKind::kStatus, "▶ Cliente voltou"));
  EXPECT_EQ(CodeOf(followups_->Reopen(admin_, d.followup.id, "outra vez", kNow).status()),
            ErrorCode::kFollowupNotClosed);
}

TEST_F(FollowupsTest, ScheduleAddsAMonthlySeries) {
  const FollowupDetail d = NewFollowup();
  ActionInput in = Return(absl::CivilDay(2026, 12, 10));
  in.repeat_months = 3;
  absl::StatusOr<std::vector<Action>> added =
      followups_->ScheduleAction(owner_, d.followup.id, in, kNow);
  ASSERT_TRUE(added.ok()) << added.status();
  ASSERT_EQ(added->size(), 3u);
  EXPECT_EQ((*added)[2].due_date, absl::CivilDay(2027, 2, 10));
  EXPECT_NE((*added)[0].series_id, 0);
}

}  // namespace
}  // namespace retorno
