#include "domain/calendar.h"

#include <gtest/gtest.h>

#include "base/time_util.h"

namespace retorno {
namespace {

using absl::CivilDay;

TEST(DayColour, ByHowMuchOfTheDayWasDone) {
  const CivilDay today(2026, 11, 30);
  struct Row {
    int done, planned;
    CivilDay day;
    DayColour want;
  } rows[] = {
      {3, 0, CivilDay(2026, 11, 29), DayColour::kGreen},   // all done
      {1, 2, CivilDay(2026, 11, 29), DayColour::kOrange},  // some
      {0, 2, CivilDay(2026, 11, 29), DayColour::kRed},     // none
      {0, 0, CivilDay(2026, 11, 29), DayColour::kNone},    // nothing that day
      {0, 1, today, DayColour::kRed},                      // today counts like the past
      {1, 1, today, DayColour::kOrange},
      {2, 0, today, DayColour::kGreen},
      {0, 5, CivilDay(2026, 12, 1), DayColour::kFuture},  // tomorrow: nothing owed yet
      {5, 0, CivilDay(2026, 12, 1), DayColour::kFuture},
  };
  for (const Row& r : rows)
    EXPECT_EQ(ColourOf(r.done, r.planned, r.day, today), r.want)
        << r.done << "/" << r.planned << " on " << r.day;
}

absl::TimeZone Zone(const char* name) { return *LoadZone(name); }

TEST(ViewerDay, UntimedReturnsAreTheSameDateEverywhere) {
  EXPECT_EQ(ViewerDayOf(CivilDay(2026, 12, 1), std::nullopt, Zone("America/Sao_Paulo"),
                        Zone("America/Mexico_City")),
            CivilDay(2026, 12, 1));
}

TEST(ViewerDay, TimedReturnsAroundMidnight) {
  const auto sp = Zone("America/Sao_Paulo"), mx = Zone("America/Mexico_City"),
             ny = Zone("America/New_York");
  // 00:30 on 2 December in São Paulo (-03) is 21:30 on 1 December in Mexico City (-06).
  EXPECT_EQ(ViewerDayOf(CivilDay(2026, 12, 2), 30, sp, mx), CivilDay(2026, 12, 1));
  EXPECT_EQ(ViewerDayOf(CivilDay(2026, 12, 2), 30, sp, sp), CivilDay(2026, 12, 2));
  // 22:30 on 1 December in Mexico City is 01:30 on 2 December in São Paulo.
  EXPECT_EQ(ViewerDayOf(CivilDay(2026, 12, 1), 22 * 60 + 30, mx, sp), CivilDay(2026, 12, 2));
  // 23:30 in São Paulo (no DST since 2019) is 22:30 EDT in New York in July: the same
  // day...
  EXPECT_EQ(ViewerDayOf(CivilDay(2026, 7, 1), 23 * 60 + 30, sp, ny), CivilDay(2026, 7, 1));
  // ...but 01:30 in São Paulo is 00:30 EDT in July and 23:30 EST the day before in
  // January: the DST change moves the return across midnight.
  EXPECT_EQ(ViewerDayOf(CivilDay(2026, 7, 2), 90, sp, ny), CivilDay(2026, 7, 2));
  EXPECT_EQ(ViewerDayOf(CivilDay(2026, 1, 2), 90, sp, ny), CivilDay(2026, 1, 1));
}

}  // namespace
}  // namespace retorno
