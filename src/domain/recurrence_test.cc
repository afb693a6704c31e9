#include "domain/recurrence.h"

#include <gtest/gtest.h>

#include "base/time_util.h"

namespace retorno {
namespace {

std::vector<std::string> Dates(absl::CivilDay first, int n) {
  auto series = MonthlySeries(first, n);
  EXPECT_TRUE(series.ok()) << series.status();
  std::vector<std::string> out;
  for (auto d : *series) out.push_back(FormatDate(d));
  return out;
}

TEST(MonthlySeries, PlainDay) {
  EXPECT_EQ(Dates(absl::CivilDay(2026, 11, 10), 4),
            (std::vector<std::string>{"2026-11-10", "2026-12-10", "2027-01-10", "2027-02-10"}));
}

TEST(MonthlySeries, ThirtyFirstFallsOnLastDayOfShortMonths) {
  EXPECT_EQ(Dates(absl::CivilDay(2026, 1, 31), 5),
            (std::vector<std::string>{"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30",
                                      "2026-05-31"}));
}

TEST(MonthlySeries, ThirtiethAcrossLeapFebruary) {
  EXPECT_EQ(Dates(absl::CivilDay(2028, 1, 30), 3),
            (std::vector<std::string>{"2028-01-30", "2028-02-29", "2028-03-30"}));
}

TEST(MonthlySeries, TwentyNinthInNonLeapYear) {
  EXPECT_EQ(Dates(absl::CivilDay(2027, 1, 29), 3),
            (std::vector<std::string>{"2027-01-29", "2027-02-28", "2027-03-29"}));
}

TEST(MonthlySeries, OneIsJustTheFirst) {
  EXPECT_EQ(Dates(absl::CivilDay(2026, 5, 5), 1), (std::vector<std::string>{"2026-05-05"}));
}

TEST(MonthlySeries, RejectsOutOfRangeCounts) {
  EXPECT_FALSE(MonthlySeries(absl::CivilDay(2026, 5, 5), 0).ok());
  EXPECT_FALSE(MonthlySeries(absl::CivilDay(2026, 5, 5), 61).ok());
}

TEST(MonthlySeries, KeepsLocalTimeAcrossDaylightSaving) {
  // New York: a 09:00 return monthly from February crosses the March DST change; each
  // occurrence stays at 09:00 local, so the UTC offset changes from -05 to -04.
  absl::TimeZone ny = *LoadZone("America/New_York");
  auto series = *MonthlySeries(absl::CivilDay(2026, 2, 15), 2);
  EXPECT_EQ(FormatInstant(InstantOf(series[0], 540, ny), ny), "2026-02-15T09:00:00-05:00");
  EXPECT_EQ(FormatInstant(InstantOf(series[1], 540, ny), ny), "2026-03-15T09:00:00-04:00");
  // São Paulo in 2018 still had DST (from 4 Nov): same rule, offset -03 then -02.
  absl::TimeZone sp = *LoadZone("America/Sao_Paulo");
  auto old = *MonthlySeries(absl::CivilDay(2018, 10, 20), 2);
  EXPECT_EQ(FormatInstant(InstantOf(old[0], 540, sp), sp), "2018-10-20T09:00:00-03:00");
  EXPECT_EQ(FormatInstant(InstantOf(old[1], 540, sp), sp), "2018-11-20T09:00:00-02:00");
}

}  // namespace
}  // namespace retorno
