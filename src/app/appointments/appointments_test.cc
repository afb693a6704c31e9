// Appointments and free days (manual 003) against a real SQLite store.
#include "app/appointments/appointments.h"

#include <gtest/gtest.h>

#include "app/error_codes.h"
#include "app/errors.h"
#include "app/use_case_test.h"
#include "store/sql/appointments.h"

namespace retorno {
namespace {

// Monday 2026-03-09, 12:00 UTC (09:00 in São Paulo).
const absl::Time kAt = Utc(2026, 3, 9, 12, 0);

class AppointmentsTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    appointments_ = std::make_unique<AppointmentService>(*store_, appointment_store_);
    agent_.user = NewUser("ana", Role::kAgent);
    other_.user = NewUser("beto", Role::kAgent, "America/Mexico_City");
    party_ = NewParty("C-1", agent_.user.id).id;
  }

  FollowupId NewFollowup(std::optional<int> due_minutes = std::nullopt) {
    CreateFollowupInput in;
    in.party_id = party_;
    in.subject = "Visita";
    in.category = "em_analise";
    ActionInput a;
    a.type = "phone";
    a.due_date = absl::CivilDay(2026, 3, 10);
    a.due_minutes = due_minutes;
    in.next_action = a;
    return followups_->Create(agent_, in, kAt).value().detail.followup.id;
  }

  static AppointmentInput Slot(absl::Time start, absl::Duration length,
                               std::vector<int64_t> users) {
    AppointmentInput in{.starts_at = start, .ends_at = start + length, .place = "Sala 2"};
    if (!users.empty()) in.attendees = std::move(users);  // none: the caller
    return in;
  }

  sql::SqlAppointmentStore appointment_store_;
  std::unique_ptr<AppointmentService> appointments_;
  AuthContext agent_;
  AuthContext other_;
  PartyId party_;
};

TEST_F(AppointmentsTest, AgentBooksForThemselvesAndTheTimelineSaysSo) {
  FollowupId f = NewFollowup();
  const absl::Time start = Utc(2026, 3, 10, 13, 0);  // 10:00 in São Paulo
  auto booked = appointments_->Book(agent_, f, Slot(start, absl::Hours(1), {}), kAt);
  ASSERT_TRUE(booked.ok()) << booked.status();
  EXPECT_TRUE(booked->conflicts.empty());
  ASSERT_EQ(booked->view.attendees.size(), 1u);
  EXPECT_EQ(booked->view.attendees[0].id, agent_.user.id);  // default: the caller
  auto detail = followups_->Get(agent_, f, kAt).value();
  bool found = false;
  for (const Entry& e : detail.entries)
    found = found || (e.kind == EntryKind::kStatus &&
                      e.body == "📅 2026-03-10 10:00–11:00 · Sala 2 · User ana");
  EXPECT_TRUE(found);

  // An agent books only for themselves: 403, nothing stored.
  auto refused =
      appointments_->Book(agent_, f, Slot(start, absl::Hours(1), {other_.user.id.value}), kAt);
  EXPECT_EQ(ErrorCodeOf(refused.status()), ErrorCode::kFilterNotAllowed);
  EXPECT_EQ(appointments_->ForFollowup(agent_, f).value().size(), 1u);
  // Someone else's follow-up is out of reach.
  EXPECT_EQ(
      ErrorCodeOf(appointments_->Book(other_, f, Slot(start, absl::Hours(1), {}), kAt).status()),
      ErrorCode::kForbiddenFollowup);
}

TEST_F(AppointmentsTest, BadFieldsAreNamedAndNothingIsStored) {
  FollowupId f = NewFollowup();
  AppointmentInput in = Slot(Utc(2026, 3, 10, 13, 0), absl::Hours(-1), {agent_.user.id.value, 999});
  auto r = appointments_->Book(admin_, f, in, kAt);
  EXPECT_EQ(ErrorCodeOf(r.status()), ErrorCode::kValidation);
  std::vector<FieldIssue> issues = FieldIssuesOf(r.status());
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "attendees[1]");
  EXPECT_EQ(issues[0].key, "unknown_user");
  EXPECT_EQ(issues[1].field, "ends_at");
  EXPECT_EQ(issues[1].key, "before_from");
  EXPECT_TRUE(appointments_->ForFollowup(admin_, f).value().empty());
}

TEST_F(AppointmentsTest, ASecondBookingOfTheSameSlotListsTheConflicts) {
  // The follow-up's return is at 10:15 São Paulo on 2026-03-10: a timed return.
  FollowupId f = NewFollowup(10 * 60 + 15);
  const absl::Time start = Utc(2026, 3, 10, 13, 0);
  auto first =
      appointments_->Book(admin_, f, Slot(start, absl::Hours(1), {agent_.user.id.value}), kAt);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->conflicts.size(), 1u);
  EXPECT_EQ(first->conflicts[0].kind, AppointmentConflict::Kind::kReturn);
  EXPECT_EQ(first->conflicts[0].starts_at, Utc(2026, 3, 10, 13, 15));

  auto second = appointments_->Book(
      admin_, f,
      Slot(start + absl::Minutes(45), absl::Hours(1), {agent_.user.id.value, other_.user.id.value}),
      kAt);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->conflicts.size(), 1u);  // the first appointment; the return ended at 10:45
  EXPECT_EQ(second->conflicts[0].kind, AppointmentConflict::Kind::kAppointment);
  EXPECT_EQ(second->conflicts[0].appointment_id, first->view.appointment.id);
  EXPECT_EQ(second->conflicts[0].user.id, agent_.user.id);

  // Deleted: kept and listed, no longer a conflict; a stale version is refused.
  ASSERT_TRUE(appointments_->Delete(admin_, first->view.appointment.id, kAt).ok());
  auto list = appointments_->ForFollowup(agent_, f).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(list[0].appointment.deleted_at.has_value());
  EXPECT_EQ(list[0].deleted_by_name, "User admin");
  EXPECT_EQ(ErrorCodeOf(appointments_->Delete(admin_, first->view.appointment.id, kAt)),
            ErrorCode::kNotFound);
  AppointmentChange stale{.expected_version = 7, .fields = {.place = std::string("Sala 3")}};
  EXPECT_EQ(
      ErrorCodeOf(appointments_->Change(admin_, second->view.appointment.id, stale, kAt).status()),
      ErrorCode::kVersion);
  AppointmentChange move{.expected_version = 1, .fields = {.place = std::string("Sala 3")}};
  auto moved = appointments_->Change(admin_, second->view.appointment.id, move, kAt);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_TRUE(moved->conflicts.empty());
  EXPECT_EQ(moved->view.appointment.version, 2);
  EXPECT_EQ(moved->view.appointment.place, "Sala 3");
}

TEST_F(AppointmentsTest, FreeDaysOfEachUserInTheirOwnZone) {
  FollowupId f = NewFollowup();
  // 14:00-16:00 UTC on Tuesday: 11:00-13:00 in São Paulo, 08:00-10:00 in Mexico City.
  ASSERT_TRUE(appointments_
                  ->Book(admin_, f,
                         Slot(Utc(2026, 3, 10, 14, 0), absl::Hours(2),
                              {agent_.user.id.value, other_.user.id.value}),
                         kAt)
                  .ok());
  FreeDaysInput in{.users = {agent_.user.id.value, other_.user.id.value},
                   .from = absl::CivilDay(2026, 3, 9),
                   .to = absl::CivilDay(2026, 3, 15)};
  auto r = appointments_->FreeDays(admin_, in);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 2u);
  const UserFreeDays& ana = (*r)[0];
  const UserFreeDays& beto = (*r)[1];
  EXPECT_EQ(ana.time_zone, "America/Sao_Paulo");
  EXPECT_EQ(beto.time_zone, "America/Mexico_City");
  ASSERT_EQ(ana.days.size(), 7u);
  EXPECT_EQ(ana.days[0].availability, DayAvailability::kFree);
  EXPECT_EQ(ana.days[1].availability, DayAvailability::kPartlyFree);
  EXPECT_EQ(ana.days[1].free, (std::vector<FreeSlot>{{480, 660}, {780, 1080}}));
  EXPECT_EQ(beto.days[1].free, (std::vector<FreeSlot>{{600, 1080}}));
  EXPECT_EQ(ana.days[5].availability, DayAvailability::kOff);

  // An agent asks only about themselves.
  EXPECT_EQ(ErrorCodeOf(appointments_->FreeDays(agent_, in).status()), ErrorCode::kScopeNotAllowed);
  in.users = {agent_.user.id.value};
  EXPECT_TRUE(appointments_->FreeDays(agent_, in).ok());
  in.to = absl::CivilDay(2026, 6, 1);
  EXPECT_EQ(FieldIssuesOf(appointments_->FreeDays(agent_, in).status()).at(0).key, "too_far");
}

}  // namespace
}  // namespace retorno
