#include "domain/state.h"

#include <gtest/gtest.h>

#include "base/time_util.h"

namespace retorno {
namespace {

struct Row {
  FollowupStatus status;
  std::optional<absl::CivilDay> next_due;
  absl::CivilDay today;
  FollowupState state;
  int days_late;
};

TEST(StateOf, Table) {
  const absl::CivilDay d(2026, 11, 22);
  for (const Row& r : std::vector<Row>{
           {FollowupStatus::kOpen, d - 3, d, FollowupState::kOverdue, 3},
           {FollowupStatus::kOpen, d - 1, d, FollowupState::kOverdue, 1},
           {FollowupStatus::kOpen, d, d, FollowupState::kToday, 0},
           {FollowupStatus::kOpen, d + 1, d, FollowupState::kOpen, 0},
           {FollowupStatus::kOpen, std::nullopt, d, FollowupState::kOpen, 0},
           {FollowupStatus::kClosed, d - 10, d, FollowupState::kClosed, 0},
           {FollowupStatus::kClosed, std::nullopt, d, FollowupState::kClosed, 0},
           // Across a year end and a leap day.
           {FollowupStatus::kOpen, absl::CivilDay(2027, 12, 31), absl::CivilDay(2028, 3, 1),
            FollowupState::kOverdue, 61},
       }) {
    DerivedState s = StateOf(r.status, r.next_due, r.today);
    EXPECT_EQ(s.state, r.state) << FormatDate(r.today);
    EXPECT_EQ(s.days_late, r.days_late) << FormatDate(r.today);
  }
}

// The same instant is a different "today" for viewers in different zones, so the same
// return due on 23 Nov is "today" for one and "open" (tomorrow) for the other.
TEST(StateOf, ViewerZoneDecidesToday) {
  const absl::CivilDay due(2026, 11, 23);
  // 01:30 UTC on 23 Nov: 22:30 on the 22nd in São Paulo, 19:30 in Mexico City,
  // 20:30 (EST) in New York; already the 23rd in Lisbon.
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 1, 30, 0), absl::UTCTimeZone());
  struct Case {
    const char* zone;
    FollowupState expected;
  };
  for (const Case& c :
       {Case{"America/Sao_Paulo", FollowupState::kOpen},
        Case{"America/Mexico_City", FollowupState::kOpen},
        Case{"America/New_York", FollowupState::kOpen},
        Case{"Europe/Lisbon", FollowupState::kToday}, Case{"UTC", FollowupState::kToday}}) {
    absl::CivilDay today = DayIn(now, *LoadZone(c.zone));
    EXPECT_EQ(StateOf(FollowupStatus::kOpen, due, today).state, c.expected) << c.zone;
  }
  // 04:30 UTC on 24 Nov: the 24th in São Paulo (01:30) → overdue by one day, still the
  // 23rd in Mexico City (22:30) → today.
  absl::Time later =
      absl::FromCivil(absl::CivilSecond(2026, 11, 24, 4, 30, 0), absl::UTCTimeZone());
  DerivedState sp =
      StateOf(FollowupStatus::kOpen, due, DayIn(later, *LoadZone("America/Sao_Paulo")));
  DerivedState mx =
      StateOf(FollowupStatus::kOpen, due, DayIn(later, *LoadZone("America/Mexico_City")));
  EXPECT_EQ(sp.state, FollowupState::kOverdue);
  EXPECT_EQ(sp.days_late, 1);
  EXPECT_EQ(mx.state, FollowupState::kToday);
}

// A day with a DST change is still one day late, not 23 or 25 hours' worth.
TEST(StateOf, DaysLateAcrossDaylightSaving) {
  absl::TimeZone ny = *LoadZone("America/New_York");
  absl::Time now = InstantOf(absl::CivilDay(2026, 3, 9), 60, ny);  // 01:00 after the jump
  DerivedState s = StateOf(FollowupStatus::kOpen, absl::CivilDay(2026, 3, 7), DayIn(now, ny));
  EXPECT_EQ(s.state, FollowupState::kOverdue);
  EXPECT_EQ(s.days_late, 2);
}

TEST(NextDueDate, OnlyPlannedCount) {
  std::vector<Action> actions(3);
  actions[0].due_date = absl::CivilDay(2026, 1, 1);
  actions[0].status = ActionStatus::kDone;
  actions[1].due_date = absl::CivilDay(2026, 3, 1);
  actions[2].due_date = absl::CivilDay(2026, 2, 1);
  actions[2].status = ActionStatus::kCancelled;
  EXPECT_EQ(NextDueDate(actions), absl::CivilDay(2026, 3, 1));
  actions[1].status = ActionStatus::kDone;
  EXPECT_EQ(NextDueDate(actions), std::nullopt);
}

}  // namespace
}  // namespace retorno
