// The bulk changes against a real SQLite store: what is refused and why, that the
// accepted ones are applied together with a timeline line carrying the reason, one
// notification per person, and "next business day" in the follow-up's zone.
#include "app/bulk/bulk.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/error_codes.h"
#include "app/use_case_test.h"
#include "base/status_macros.h"

namespace retorno {
namespace {

// A Friday: 12:00 in São Paulo, 09:00 in Mexico City.
const absl::Time kNow = Utc(2026, 11, 20, 15, 0);

class BulkTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    bulk_ = std::make_unique<BulkService>(*store_, BulkOptions{.max_items = 50});
    north_ = accounts_->CreateBranch(admin_, Branch{.name = "Norte"}).value().id;
    south_ = accounts_->CreateBranch(admin_, Branch{.name = "Sul"}).value().id;
    ana_.user = NewUserIn("ana", Role::kAgent, north_);
    beto_.user = NewUserIn("beto", Role::kAgent, north_);
    chefe_.user = NewUserIn("chefe", Role::kSupervisor, north_);
    sul_.user = NewUserIn("sul", Role::kAgent, south_);
    party_ = NewParty("C-1", ana_.user.id).id;
  }

  User NewUserIn(const std::string& login, Role role, BranchId branch,
                 const std::string& zone = "America/Sao_Paulo") {
    UserInput in;
    in.login = login;
    in.name = "User " + login;
    in.password = "secret-password-1";
    in.role = role;
    in.branch_id = std::optional<BranchId>(branch);
    in.time_zone = zone;
    return accounts_->CreateUser(nullptr, in, Utc(2026, 1, 1, 12, 0)).value();
  }

  FollowupId NewFollowup(const User& owner, absl::CivilDay due = absl::CivilDay(2026, 11, 25)) {
    CreateFollowupInput in;
    in.party_id = party_;
    in.subject = "Orçamento";
    in.owner_id = owner.id;
    in.category = "em_analise";
    ActionInput a;
    a.type = "phone";
    a.due_date = due;
    in.next_action = a;
    absl::StatusOr<CreatedFollowup> c = followups_->Create(admin_, in, kNow);
    EXPECT_TRUE(c.ok()) << c.status();
    return c->detail.followup.id;
  }

  FollowupDetail Detail(FollowupId id) { return followups_->Get(admin_, id, kNow).value(); }

  static bool HasEntry(const FollowupDetail& d, const std::string& needle) {
    return std::any_of(d.entries.begin(), d.entries.end(), [&](const Entry& e) {
      return e.kind == EntryKind::kStatus && e.body.find(needle) != std::string::npos;
    });
  }

  std::vector<Notification> NotificationsOf(UserId user) {
    std::vector<Notification> out;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) -> absl::Status {
                      ASSIGN_OR_RETURN(out, tx.messaging().ListNotifications(user, false, 100));
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  BulkInput Reassign(std::vector<FollowupId> ids, UserId to) {
    BulkInput in;
    in.action = BulkAction::kReassign;
    in.reason = "Férias da Ana";
    in.ids = std::move(ids);
    in.to_user_id = to;
    return in;
  }

  std::unique_ptr<BulkService> bulk_;
  BranchId north_, south_;
  AuthContext ana_, beto_, chefe_, sul_;
  PartyId party_;
};

TEST_F(BulkTest, ReassignAppliesTheAcceptedListsTheRefusedAndWritesTheTimeline) {
  const FollowupId a = NewFollowup(ana_.user), b = NewFollowup(ana_.user);
  const FollowupId other = NewFollowup(sul_.user);
  BulkResult r =
      bulk_->Apply(chefe_, Reassign({a, b, other, FollowupId(999)}, beto_.user.id), kNow).value();
  EXPECT_EQ(r.applied, 2);
  ASSERT_EQ(r.refused.size(), 2u);
  EXPECT_EQ(r.refused[0].id, other);
  EXPECT_EQ(r.refused[0].code, ErrorCode::kForbiddenFollowup);
  EXPECT_EQ(r.refused[1].code, ErrorCode::kFollowupNotFound);
  for (FollowupId id : {a, b}) {
    FollowupDetail d = Detail(id);
    EXPECT_EQ(d.followup.owner_id, beto_.user.id);
    EXPECT_EQ(d.actions.front().assignee_id, beto_.user.id);  // the planned return follows
    EXPECT_TRUE(HasEntry(d, "Férias da Ana"));
    EXPECT_TRUE(HasEntry(d, "User ana → User beto"));
  }
  EXPECT_EQ(Detail(other).followup.owner_id, sul_.user.id);
  // One notification each, with the count; none for the supervisor who did it.
  std::vector<Notification> to_beto = NotificationsOf(beto_.user.id);
  ASSERT_EQ(to_beto.size(), 1u);
  EXPECT_EQ(to_beto[0].kind, NotificationKind::kBulkChange);
  EXPECT_EQ(to_beto[0].detail, "reassign_in:2\nFérias da Ana");
  ASSERT_EQ(NotificationsOf(ana_.user.id).size(), 1u);
  EXPECT_EQ(NotificationsOf(ana_.user.id)[0].detail, "reassign_out:2\nFérias da Ana");
  EXPECT_TRUE(NotificationsOf(chefe_.user.id).empty());
}

TEST_F(BulkTest, AllOrNothingAppliesNoneWhenOneIsRefused) {
  const FollowupId a = NewFollowup(ana_.user), other = NewFollowup(sul_.user);
  BulkInput in = Reassign({a, other}, beto_.user.id);
  in.all_or_nothing = true;
  BulkResult r = bulk_->Apply(chefe_, in, kNow).value();
  EXPECT_EQ(r.applied, 0);
  EXPECT_EQ(r.accepted, 1);
  EXPECT_EQ(r.refused.size(), 1u);
  EXPECT_EQ(Detail(a).followup.owner_id, ana_.user.id);
  EXPECT_TRUE(NotificationsOf(beto_.user.id).empty());
}

TEST_F(BulkTest, ADryRunChangesNothing) {
  const FollowupId a = NewFollowup(ana_.user);
  BulkInput in = Reassign({a}, beto_.user.id);
  in.dry_run = true;
  BulkResult r = bulk_->Apply(chefe_, in, kNow).value();
  EXPECT_EQ(r.applied, 0);
  EXPECT_EQ(r.accepted, 1);
  EXPECT_EQ(Detail(a).followup.owner_id, ana_.user.id);
}

TEST_F(BulkTest, TheRequestsOwnMistakesAreFieldIssues) {
  const FollowupId a = NewFollowup(ana_.user);
  BulkInput in = Reassign({a}, beto_.user.id);
  in.reason = "";
  EXPECT_EQ(FieldIssuesOf(bulk_->Apply(chefe_, in, kNow).status()).at(0).field, "reason");
  in = Reassign({a}, sul_.user.id);  // another branch's agent: not for this supervisor
  absl::Status s = bulk_->Apply(chefe_, in, kNow).status();
  ASSERT_EQ(FieldIssuesOf(s).size(), 1u);
  EXPECT_EQ(FieldIssuesOf(s)[0].field, "to_user_id");
  EXPECT_EQ(FieldIssuesOf(s)[0].key, "not_allowed");
  in = Reassign({a}, UserId(999));
  EXPECT_EQ(FieldIssuesOf(bulk_->Apply(chefe_, in, kNow).status()).at(0).key, "unknown_user");
  in = Reassign(std::vector<FollowupId>(51, a), beto_.user.id);
  EXPECT_EQ(FieldIssuesOf(bulk_->Apply(chefe_, in, kNow).status()).at(0).key, "too_many");
  in.reason = std::string(501, 'x');
  in.ids = {a};
  EXPECT_EQ(FieldIssuesOf(bulk_->Apply(chefe_, in, kNow).status()).at(0).key, "too_long");
}

TEST_F(BulkTest, AnAgentChangesOnlyTheirOwn) {
  const FollowupId mine = NewFollowup(ana_.user), his = NewFollowup(beto_.user);
  BulkInput in;
  in.action = BulkAction::kClose;
  in.reason = "Cliente desistiu";
  in.ids = std::vector<FollowupId>{mine, his};
  BulkResult r = bulk_->Apply(ana_, in, kNow).value();
  EXPECT_EQ(r.applied, 1);
  ASSERT_EQ(r.refused.size(), 1u);
  EXPECT_EQ(r.refused[0].code, ErrorCode::kForbiddenFollowup);
  FollowupDetail d = Detail(mine);
  EXPECT_EQ(d.followup.status, FollowupStatus::kClosed);
  EXPECT_TRUE(HasEntry(d, "■ Cliente desistiu"));
  // Closed now: a second close refuses it.
  in.ids = std::vector<FollowupId>{mine};
  r = bulk_->Apply(ana_, in, kNow).value();
  ASSERT_EQ(r.refused.size(), 1u);
  EXPECT_EQ(r.refused[0].code, ErrorCode::kFollowupClosed);
  // Giving them to someone else is for supervisors.
  EXPECT_EQ(
      FieldIssuesOf(bulk_->Apply(ana_, Reassign({mine}, beto_.user.id), kNow).status()).at(0).key,
      "not_allowed");
}

TEST_F(BulkTest, NextBusinessDayIsTheFollowupsOwn) {
  // 2026-11-21 02:30 UTC: Friday 23:30 in São Paulo, Friday 20:30 in Mexico City;
  // the server's (UTC) day is already Saturday. Monday for both.
  const absl::Time late_friday = Utc(2026, 11, 21, 2, 30);
  User mx = NewUserIn("mx", Role::kAgent, north_, "America/Mexico_City");
  const FollowupId sp_f = NewFollowup(ana_.user), mx_f = NewFollowup(mx);
  BulkInput in;
  in.action = BulkAction::kMove;
  in.reason = "Feriado local";
  in.ids = std::vector<FollowupId>{sp_f, mx_f};
  in.next_business_day = true;
  BulkResult r = bulk_->Apply(chefe_, in, late_friday).value();
  EXPECT_EQ(r.applied, 2);
  EXPECT_EQ(Detail(sp_f).actions.front().due_date, absl::CivilDay(2026, 11, 23));
  EXPECT_EQ(Detail(mx_f).actions.front().due_date, absl::CivilDay(2026, 11, 23));
  EXPECT_TRUE(HasEntry(Detail(mx_f), "↻ 2026-11-25 → 2026-11-23\nFeriado local"));
  // Thursday 22:00 in Mexico City is Friday in UTC and in São Paulo: Mexico moves to
  // Friday, São Paulo to Monday.
  const absl::Time thursday_night = Utc(2026, 11, 20, 4, 0);
  const FollowupId sp2 = NewFollowup(ana_.user), mx2 = NewFollowup(mx);
  in.ids = std::vector<FollowupId>{sp2, mx2};
  r = bulk_->Apply(chefe_, in, thursday_night).value();
  EXPECT_EQ(r.applied, 2);
  EXPECT_EQ(Detail(sp2).actions.front().due_date, absl::CivilDay(2026, 11, 23));
  EXPECT_EQ(Detail(mx2).actions.front().due_date, absl::CivilDay(2026, 11, 20));
  // Already there: refused, not rewritten.
  r = bulk_->Apply(chefe_, in, thursday_night).value();
  ASSERT_EQ(r.refused.size(), 2u);
  EXPECT_EQ(r.refused[0].code, ErrorCode::kAlreadyOnDate);
}

TEST_F(BulkTest, ByFilterSelectsWhatTheListShowsCapped) {
  for (int i = 0; i < 3; ++i) NewFollowup(ana_.user);
  NewFollowup(beto_.user);
  NewFollowup(sul_.user);
  BulkInput in;
  in.action = BulkAction::kReassign;
  in.reason = "Saída do Beto";
  in.to_user_id = beto_.user.id;
  FollowupListInput filter;
  filter.owner_id = ana_.user.id;
  in.filter = filter;
  in.dry_run = true;
  BulkResult r = bulk_->Apply(chefe_, in, kNow).value();
  EXPECT_EQ(r.selected, 3);
  EXPECT_EQ(r.accepted, 3);
  EXPECT_FALSE(r.capped);
  // The supervisor's reach, as in the list: not the other branch's.
  in.filter = FollowupListInput{};
  r = bulk_->Apply(chefe_, in, kNow).value();
  EXPECT_EQ(r.selected, 4);
  // A filter the list refuses is refused.
  filter.owner_id = sul_.user.id;
  in.filter = filter;
  EXPECT_EQ(ErrorCodeOf(bulk_->Apply(chefe_, in, kNow).status()), ErrorCode::kFilterNotAllowed);
  // The cap: the first max_items of the list's order, and said so.
  BulkService small(*store_, BulkOptions{.max_items = 2});
  in.filter = FollowupListInput{};
  r = small.Apply(chefe_, in, kNow).value();
  EXPECT_EQ(r.selected, 2);
  EXPECT_TRUE(r.capped);
}

}  // namespace
}  // namespace retorno
