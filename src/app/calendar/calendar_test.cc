// The calendar use cases against a real SQLite store: a new opportunity writes its
// prospect and first follow-up together, and the month and day views count returns
// on the viewer's days.
#include "app/calendar/calendar.h"

#include <gtest/gtest.h>

#include "app/error_codes.h"
#include "app/use_case_test.h"

namespace retorno {
namespace {

// 15:00 UTC on 20 November: noon in São Paulo.
const absl::Time kNow = Utc(2026, 11, 20, 15, 0);

class CalendarTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    calendar_ = std::make_unique<CalendarService>(*store_, *crypto_, *followups_);
    ana_.user = NewUser("ana", Role::kAgent);
  }

  OpportunityInput Opportunity(const std::string& company, absl::CivilDay next) {
    OpportunityInput in;
    in.company = company;
    in.contact_name = "Maria";
    in.next_contact_date = next;
    return in;
  }

  std::unique_ptr<CalendarService> calendar_;
  AuthContext ana_;
};

TEST_F(CalendarTest, AnOpportunityIsAProspectWithItsFirstFollowup) {
  absl::StatusOr<CreatedOpportunity> o = calendar_->CreateOpportunity(
      ana_, Opportunity("Padaria Sol", absl::CivilDay(2026, 11, 24)), kNow);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->party.kind, PartyKind::kProspect);
  EXPECT_EQ(o->party.name, "Padaria Sol");
  const Followup& f = o->followup.detail.followup;
  EXPECT_EQ(f.party_id, o->party.id);
  EXPECT_EQ(f.owner_id, ana_.user.id);
  EXPECT_EQ(f.category, "em_analise");
  EXPECT_EQ(f.next_due_date, absl::CivilDay(2026, 11, 24));
}

TEST_F(CalendarTest, AnOpportunityInThePastWritesNothing) {
  EXPECT_EQ(
      ErrorCodeOf(calendar_
                      ->CreateOpportunity(
                          ana_, Opportunity("Padaria Sol", absl::CivilDay(2026, 11, 19)), kNow)
                      .status()),
      ErrorCode::kValidation);
  absl::StatusOr<CalendarMonth> m = calendar_->Month(ana_, {}, absl::CivilMonth(2026, 11), kNow);
  ASSERT_TRUE(m.ok()) << m.status();
  for (const CalendarDay& d : m->days) EXPECT_EQ(d.planned, 0) << d.date;
}

TEST_F(CalendarTest, TheMonthAndTheDayCountTheViewersReturns) {
  ASSERT_TRUE(
      calendar_->CreateOpportunity(ana_, Opportunity("A", absl::CivilDay(2026, 11, 24)), kNow)
          .ok());
  ASSERT_TRUE(
      calendar_->CreateOpportunity(ana_, Opportunity("B", absl::CivilDay(2026, 11, 24)), kNow)
          .ok());
  ASSERT_TRUE(
      calendar_->CreateOpportunity(ana_, Opportunity("C", absl::CivilDay(2026, 11, 26)), kNow)
          .ok());
  absl::StatusOr<CalendarMonth> m = calendar_->Month(ana_, {}, absl::CivilMonth(2026, 11), kNow);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->today, absl::CivilDay(2026, 11, 20));
  ASSERT_EQ(m->days.size(), 30u);
  EXPECT_EQ(m->days[23].planned, 2);  // the 24th
  EXPECT_EQ(m->days[25].planned, 1);  // the 26th
  EXPECT_EQ(m->days[24].planned, 0);
  absl::StatusOr<std::vector<AgendaItem>> day =
      calendar_->Day(ana_, {}, absl::CivilDay(2026, 11, 24), kNow);
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(day->size(), 2u);
}

}  // namespace
}  // namespace retorno
