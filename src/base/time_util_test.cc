#include "base/time_util.h"

#include <gtest/gtest.h>

#include <random>

#include "base/zone_minutes.h"

namespace retorno {
namespace {

TEST(ParseDate, AcceptsRealDatesAndRejectsImpossibleOnes) {
  EXPECT_EQ(ParseDate("2026-02-28"), absl::CivilDay(2026, 2, 28));
  EXPECT_EQ(ParseDate("2028-02-29"), absl::CivilDay(2028, 2, 29));
  EXPECT_FALSE(ParseDate("2026-02-29"));
  EXPECT_FALSE(ParseDate("2026-02-30"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-1-01"));
  EXPECT_FALSE(ParseDate("26-01-01"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("2026-01-0x"));
}

TEST(ParseTimeOfDay, Bounds) {
  EXPECT_EQ(ParseTimeOfDay("00:00"), 0);
  EXPECT_EQ(ParseTimeOfDay("23:59"), 23 * 60 + 59);
  EXPECT_FALSE(ParseTimeOfDay("24:00"));
  EXPECT_FALSE(ParseTimeOfDay("9:00"));
  EXPECT_FALSE(ParseTimeOfDay("09:60"));
}

TEST(ParseInstant, RequiresOffset) {
  auto t = ParseInstant("2026-11-22T10:00:00-03:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatInstantUtc(*t), "2026-11-22T13:00:00Z");
  EXPECT_FALSE(ParseInstant("2026-11-22T10:00:00"));
  EXPECT_FALSE(ParseInstant("yesterday"));
}

TEST(Zones, UnknownZoneIsRejected) {
  EXPECT_TRUE(IsValidZone("America/Sao_Paulo"));
  EXPECT_TRUE(IsValidZone("America/Mexico_City"));
  EXPECT_FALSE(IsValidZone("Mars/Olympus"));
  EXPECT_FALSE(IsValidZone("../etc/passwd"));
  EXPECT_FALSE(IsValidZone(""));
}

TEST(DayIn, ViewerTodayDiffersFromServerToday) {
  // 02:30 UTC on 23 Nov is still 22 Nov in São Paulo (-03) and Mexico City (-06).
  absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 2, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(DayIn(t, *LoadZone("America/Sao_Paulo")), absl::CivilDay(2026, 11, 22));
  EXPECT_EQ(DayIn(t, *LoadZone("America/Mexico_City")), absl::CivilDay(2026, 11, 22));
  EXPECT_EQ(DayIn(t, *LoadZone("Europe/Lisbon")), absl::CivilDay(2026, 11, 23));
}

TEST(InstantOf, DaylightSavingGapAndOverlap) {
  absl::TimeZone ny = *LoadZone("America/New_York");
  // 2026-03-08 02:30 does not exist in New York: it resolves to 03:00 EDT.
  absl::Time gap = InstantOf(absl::CivilDay(2026, 3, 8), 2 * 60 + 30, ny);
  EXPECT_EQ(FormatInstant(gap, ny), "2026-03-08T03:00:00-04:00");
  // 2026-11-01 01:30 happens twice: the first (EDT) is taken.
  absl::Time rep = InstantOf(absl::CivilDay(2026, 11, 1), 90, ny);
  EXPECT_EQ(FormatInstant(rep, ny), "2026-11-01T01:30:00-04:00");
  // São Paulo has had no DST since 2019: 09:00 is always -03:00.
  absl::TimeZone sp = *LoadZone("America/Sao_Paulo");
  EXPECT_EQ(FormatInstant(InstantOf(absl::CivilDay(2026, 1, 15), 540, sp), sp),
            "2026-01-15T09:00:00-03:00");
  // Mexico City dropped DST in 2022: 09:00 in April is -06:00.
  absl::TimeZone mx = *LoadZone("America/Mexico_City");
  EXPECT_EQ(FormatInstant(InstantOf(absl::CivilDay(2026, 4, 15), 540, mx), mx),
            "2026-04-15T09:00:00-06:00");
}

TEST(FormatInstant, WritesWhatAbslWritesInEveryZoneAndCentury) {
  // Whole, half and three-quarter hour offsets, both signs, DST, and the local mean
  // times (offsets with seconds) of the early 1900s.
  for (const char* name : {"UTC", "America/Sao_Paulo", "America/Mexico_City", "America/New_York",
                           "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"}) {
    absl::TimeZone zone = *LoadZone(name);
    for (absl::Time t =
             absl::FromCivil(absl::CivilSecond(1890, 1, 1, 0, 0, 0), absl::UTCTimeZone());
         t < absl::FromCivil(absl::CivilSecond(2100, 1, 1, 0, 0, 0), absl::UTCTimeZone());
         t += absl::Hours(97) + absl::Minutes(13) + absl::Seconds(7) + absl::Milliseconds(250)) {
      ASSERT_EQ(FormatInstant(t, zone), absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, zone))
          << name << " " << absl::FormatTime(t, absl::UTCTimeZone());
    }
  }
}

TEST(FormatDate, WritesFixedWidthDatesAndTimes) {
  for (absl::CivilDay d(1900, 1, 1); d < absl::CivilDay(2201, 1, 1); d += 37)
    ASSERT_EQ(FormatDate(d), absl::FormatCivilTime(d)) << d;
  EXPECT_EQ(FormatDate(absl::CivilDay(2028, 2, 29)), "2028-02-29");
  EXPECT_EQ(FormatTimeOfDay(0), "00:00");
  EXPECT_EQ(FormatTimeOfDay(9 * 60 + 5), "09:05");
  EXPECT_EQ(FormatTimeOfDay(23 * 60 + 59), "23:59");
}

// Every instant's minute as absl gives it: in São Paulo (summer time until 2019),
// Mexico City (until 2022) and New York (twice a year), at random instants over two
// centuries in any order and at each second around the transitions of 2018 to 2028.
TEST(ZoneMinutes, AgreesWithAbslInEveryZone) {
  std::mt19937_64 rng(11);
  for (const char* name :
       {"America/Sao_Paulo", "America/Mexico_City", "America/New_York", "Europe/Lisbon", "UTC"}) {
    SCOPED_TRACE(name);
    const absl::TimeZone zone = *LoadZone(name);
    ZoneMinutes minutes(zone);
    std::uniform_int_distribution<int64_t> seconds(-2'208'988'800, 4'102'444'800);  // 1900..2100
    for (int i = 0; i < 20000; ++i) {
      const absl::Time t = absl::FromUnixSeconds(seconds(rng)) + absl::Milliseconds(rng() % 1000);
      ASSERT_EQ(minutes.Of(t), absl::ToCivilMinute(t, zone)) << t;
    }
    absl::Time t = absl::FromCivil(absl::CivilSecond(2018, 1, 1), zone);
    const absl::Time end = absl::FromCivil(absl::CivilSecond(2028, 1, 1), zone);
    absl::TimeZone::CivilTransition trans;
    while (zone.NextTransition(t, &trans) && (t = zone.At(trans.to).trans) < end) {
      for (const absl::Duration d : {absl::Seconds(-61), absl::Seconds(-1), absl::Nanoseconds(-1),
                                     absl::ZeroDuration(), absl::Nanoseconds(1), absl::Seconds(59)})
        ASSERT_EQ(minutes.Of(t + d), absl::ToCivilMinute(t + d, zone)) << t + d;
    }
  }
}

}  // namespace
}  // namespace retorno
