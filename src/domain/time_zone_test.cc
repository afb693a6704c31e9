#include "domain/time_zone.h"

#include <gtest/gtest.h>

#include "base/time_util.h"

namespace retorno {
namespace {

// 2027-07-01 02:30 UTC: still 30 June in São Paulo (UTC-3), Mexico City (UTC-6, no
// daylight saving since 2022) and New York (UTC-4 in summer).
const absl::Time kSummer =
    absl::FromCivil(absl::CivilSecond(2027, 7, 1, 2, 30, 0), absl::UTCTimeZone());
// 2027-01-15 04:30 UTC: 15 January in São Paulo (01:30), 14 January in Mexico City
// (22:30) and in New York (23:30, UTC-5 in winter).
const absl::Time kWinter =
    absl::FromCivil(absl::CivilSecond(2027, 1, 15, 4, 30, 0), absl::UTCTimeZone());

TEST(ChooseZone, TheUsersZoneWins) {
  EXPECT_EQ(ChooseZone("America/Mexico_City", "America/New_York", "America/Sao_Paulo").name(),
            "America/Mexico_City");
}

TEST(ChooseZone, ElseTheBranchsZone) {
  EXPECT_EQ(ChooseZone("", "America/New_York", "America/Sao_Paulo").name(), "America/New_York");
}

TEST(ChooseZone, ElseTheOrganisationsZone) {
  EXPECT_EQ(ChooseZone("", "", "America/Mexico_City").name(), "America/Mexico_City");
}

TEST(ChooseZone, AnUnknownNameCountsAsNone) {
  EXPECT_EQ(ChooseZone("Mars/Olympus", "", "America/Mexico_City").name(), "America/Mexico_City");
  EXPECT_EQ(ChooseZone("", "Nowhere/Else", "").name(), kDefaultZone);
}

TEST(ChooseZone, TodayDependsOnTheChosenZone) {
  const absl::TimeZone sao_paulo = ChooseZone("America/Sao_Paulo", "", "");
  const absl::TimeZone mexico = ChooseZone("", "America/Mexico_City", "");
  const absl::TimeZone new_york = ChooseZone("", "", "America/New_York");
  EXPECT_EQ(DayIn(kSummer, sao_paulo), absl::CivilDay(2027, 6, 30));
  EXPECT_EQ(DayIn(kSummer, mexico), absl::CivilDay(2027, 6, 30));
  EXPECT_EQ(DayIn(kSummer, new_york), absl::CivilDay(2027, 6, 30));
  EXPECT_EQ(DayIn(kWinter, sao_paulo), absl::CivilDay(2027, 1, 15));
  EXPECT_EQ(DayIn(kWinter, mexico), absl::CivilDay(2027, 1, 14));
  EXPECT_EQ(DayIn(kWinter, new_york), absl::CivilDay(2027, 1, 14));
}

TEST(ChooseZone, DaylightSavingMovesTheLocalTimeOfAnInstant) {
  const absl::TimeZone new_york = ChooseZone("", "", "America/New_York");
  // 09:00 local is 13:00 UTC in summer, 14:00 UTC in winter.
  EXPECT_EQ(InstantOf(absl::CivilDay(2027, 7, 1), 9 * 60, new_york),
            absl::FromCivil(absl::CivilSecond(2027, 7, 1, 13, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(InstantOf(absl::CivilDay(2027, 1, 15), 9 * 60, new_york),
            absl::FromCivil(absl::CivilSecond(2027, 1, 15, 14, 0, 0), absl::UTCTimeZone()));
  // São Paulo and Mexico City keep one offset all year.
  const absl::TimeZone sao_paulo = ChooseZone("America/Sao_Paulo", "", "");
  EXPECT_EQ(InstantOf(absl::CivilDay(2027, 7, 1), 9 * 60, sao_paulo),
            absl::FromCivil(absl::CivilSecond(2027, 7, 1, 12, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(InstantOf(absl::CivilDay(2027, 1, 15), 9 * 60, sao_paulo),
            absl::FromCivil(absl::CivilSecond(2027, 1, 15, 12, 0, 0), absl::UTCTimeZone()));
}

TEST(ZoneOf, AUserAndTheOrganisation) {
  User u;
  u.time_zone = "America/Mexico_City";
  EXPECT_EQ(ZoneOf(u).name(), "America/Mexico_City");
  u.time_zone = "";
  EXPECT_EQ(ZoneOf(u).name(), kDefaultZone);
  Settings s;
  s.time_zone = "Europe/Lisbon";
  EXPECT_EQ(ZoneOf(s).name(), "Europe/Lisbon");
}

}  // namespace
}  // namespace retorno
