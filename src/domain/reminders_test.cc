#include "domain/reminders.h"

#include <gtest/gtest.h>

#include "base/time_util.h"
#include "domain/recurrence.h"

namespace retorno {
namespace {

absl::TimeZone Zone(const char* name) {
  auto z = LoadZone(name);
  EXPECT_TRUE(z.ok()) << name;
  return *z;
}

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

absl::Time Local(const char* zone, int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), Zone(zone));
}

TEST(ReminderInstant, Table) {
  struct Row {
    const char* zone;
    absl::CivilDay due;
    std::optional<int> minutes;
    const char* utc;    // expected, UTC
    const char* local;  // expected, in the zone with its offset
  };
  for (const Row& r : std::vector<Row>{
           // 09:00 is a different instant in São Paulo (-03) and Mexico City (-06).
           {"America/Sao_Paulo", absl::CivilDay(2026, 11, 22), 9 * 60, "2026-11-22T12:00:00Z",
            "2026-11-22T09:00:00-03:00"},
           {"America/Mexico_City", absl::CivilDay(2026, 11, 22), 9 * 60, "2026-11-22T15:00:00Z",
            "2026-11-22T09:00:00-06:00"},
           // Untimed: 08:00 local.
           {"America/Sao_Paulo", absl::CivilDay(2026, 11, 22), std::nullopt, "2026-11-22T11:00:00Z",
            "2026-11-22T08:00:00-03:00"},
           {"America/New_York", absl::CivilDay(2026, 7, 1), std::nullopt, "2026-07-01T12:00:00Z",
            "2026-07-01T08:00:00-04:00"},
           // New York, 2026-03-08: 02:00 jumps to 03:00. 02:30 does not exist and
           // resolves to the first instant after the gap, 03:00 EDT.
           {"America/New_York", absl::CivilDay(2026, 3, 8), 2 * 60 + 30, "2026-03-08T07:00:00Z",
            "2026-03-08T03:00:00-04:00"},
           {"America/New_York", absl::CivilDay(2026, 3, 8), 1 * 60 + 59, "2026-03-08T06:59:00Z",
            "2026-03-08T01:59:00-05:00"},
           {"America/New_York", absl::CivilDay(2026, 3, 8), std::nullopt, "2026-03-08T12:00:00Z",
            "2026-03-08T08:00:00-04:00"},
           // New York, 2026-11-01: 01:00-02:00 happens twice; the first (EDT) is used.
           {"America/New_York", absl::CivilDay(2026, 11, 1), 1 * 60 + 30, "2026-11-01T05:30:00Z",
            "2026-11-01T01:30:00-04:00"},
           {"America/New_York", absl::CivilDay(2026, 11, 1), std::nullopt, "2026-11-01T13:00:00Z",
            "2026-11-01T08:00:00-05:00"},
           // Midnight and the last minute of the day.
           {"America/Sao_Paulo", absl::CivilDay(2026, 12, 31), 0, "2026-12-31T03:00:00Z",
            "2026-12-31T00:00:00-03:00"},
           {"America/Sao_Paulo", absl::CivilDay(2026, 12, 31), 23 * 60 + 59, "2027-01-01T02:59:00Z",
            "2026-12-31T23:59:00-03:00"},
       }) {
    absl::TimeZone zone = Zone(r.zone);
    absl::Time t = ReminderInstant(r.due, r.minutes, zone, std::nullopt);
    EXPECT_EQ(FormatInstantUtc(t), r.utc) << r.zone << " " << FormatDate(r.due);
    EXPECT_EQ(FormatInstant(t, zone), r.local) << r.zone << " " << FormatDate(r.due);
  }
}

TEST(ReminderInstant, ExplicitRemindAtWins) {
  absl::Time chosen = Utc(2026, 11, 21, 18, 45);
  EXPECT_EQ(
      ReminderInstant(absl::CivilDay(2026, 11, 22), 9 * 60, Zone("America/Sao_Paulo"), chosen),
      chosen);
  EXPECT_EQ(ReminderInstant(absl::CivilDay(2026, 11, 22), std::nullopt, Zone("America/Sao_Paulo"),
                            chosen),
            chosen);
}

TEST(ReminderInstant, MonthlySeriesKeepsLocalTime) {
  absl::TimeZone sp = Zone("America/Sao_Paulo");
  auto series = MonthlySeries(absl::CivilDay(2026, 1, 31), 3);
  ASSERT_TRUE(series.ok()) << series.status();
  std::vector<std::string> got;
  for (absl::CivilDay d : *series) got.push_back(FormatInstantUtc(ReminderInstant(d, 540, sp, {})));
  EXPECT_EQ(got, (std::vector<std::string>{"2026-01-31T12:00:00Z", "2026-02-28T12:00:00Z",
                                           "2026-03-31T12:00:00Z"}));
}

TEST(SnoozeChoice, WireNamesRoundTrip) {
  struct Row {
    SnoozeChoice c;
    const char* name;
  };
  for (const Row& r : {Row{SnoozeChoice::k15Minutes, "15m"}, Row{SnoozeChoice::k1Hour, "1h"},
                       Row{SnoozeChoice::kTomorrowMorning, "tomorrow"},
                       Row{SnoozeChoice::kNextBusinessDay, "next_business_day"}}) {
    EXPECT_EQ(ToString(r.c), r.name);
    EXPECT_EQ(ParseSnoozeChoice(r.name), r.c) << r.name;
  }
  for (const char* bad : {"", "15M", "15", "1H", "Tomorrow", "next-business-day", " 1h"})
    EXPECT_EQ(ParseSnoozeChoice(bad), std::nullopt) << bad;
}

TEST(SnoozeUntil, Table) {
  struct Row {
    const char* name;
    const char* zone;
    absl::Time now;
    SnoozeChoice c;
    const char* local;  // expected, in the zone
  };
  const char* kSp = "America/Sao_Paulo";
  const char* kNy = "America/New_York";
  const char* kMx = "America/Mexico_City";
  for (const Row& r : std::vector<Row>{
           {"15 minutes", kSp, Local(kSp, 2026, 11, 20, 17, 50), SnoozeChoice::k15Minutes,
            "2026-11-20T18:05:00-03:00"},
           {"1 hour", kSp, Local(kSp, 2026, 11, 20, 23, 30), SnoozeChoice::k1Hour,
            "2026-11-21T00:30:00-03:00"},
           // Elapsed time across the fall-back hour: 00:30 EDT + 1h = 01:30 EDT, and
           // 01:30 EDT + 1h = 01:30 EST (the repeated hour).
           {"1 hour into repeated hour", kNy, Utc(2026, 11, 1, 4, 30), SnoozeChoice::k1Hour,
            "2026-11-01T01:30:00-04:00"},
           {"1 hour through repeated hour", kNy, Utc(2026, 11, 1, 5, 30), SnoozeChoice::k1Hour,
            "2026-11-01T01:30:00-05:00"},
           {"tomorrow", kSp, Local(kSp, 2026, 11, 19, 15, 0), SnoozeChoice::kTomorrowMorning,
            "2026-11-20T08:00:00-03:00"},
           {"tomorrow after midnight is the next day", kSp, Local(kSp, 2026, 11, 20, 0, 30),
            SnoozeChoice::kTomorrowMorning, "2026-11-21T08:00:00-03:00"},
           // New York DST ends on 2026-11-01: snoozed the evening before (EDT), the
           // reminder comes back at 08:00 EST, not 07:00 (a fixed 24 h would give 07:00).
           {"tomorrow across fall back", kNy, Local(kNy, 2026, 10, 31, 20, 0),
            SnoozeChoice::kTomorrowMorning, "2026-11-01T08:00:00-05:00"},
           {"tomorrow across spring forward", kNy, Local(kNy, 2026, 3, 7, 20, 0),
            SnoozeChoice::kTomorrowMorning, "2026-03-08T08:00:00-04:00"},
           // Mexico City at 19:00 on 2026-11-30 is already 2026-12-01 01:00 UTC; the
           // user's tomorrow is still 2026-12-01 local.
           {"tomorrow in the user's zone, not UTC", kMx, Utc(2026, 12, 1, 1, 0),
            SnoozeChoice::kTomorrowMorning, "2026-12-01T08:00:00-06:00"},
           // Business days. 2026-11-20 is a Friday.
           {"next business day from Friday 17:00", kSp, Local(kSp, 2026, 11, 20, 17, 0),
            SnoozeChoice::kNextBusinessDay, "2026-11-23T08:00:00-03:00"},
           {"next business day from Saturday", kSp, Local(kSp, 2026, 11, 21, 10, 0),
            SnoozeChoice::kNextBusinessDay, "2026-11-23T08:00:00-03:00"},
           {"next business day from Sunday", kSp, Local(kSp, 2026, 11, 22, 10, 0),
            SnoozeChoice::kNextBusinessDay, "2026-11-23T08:00:00-03:00"},
           {"next business day from Monday", kSp, Local(kSp, 2026, 11, 23, 7, 0),
            SnoozeChoice::kNextBusinessDay, "2026-11-24T08:00:00-03:00"},
           {"next business day from Thursday", kSp, Local(kSp, 2026, 11, 19, 18, 0),
            SnoozeChoice::kNextBusinessDay, "2026-11-20T08:00:00-03:00"},
           // Friday 20:00 in Mexico City is Saturday 02:00 UTC: still Monday local.
           {"next business day in the user's zone", kMx, Local(kMx, 2026, 11, 20, 20, 0),
            SnoozeChoice::kNextBusinessDay, "2026-11-23T08:00:00-06:00"},
           // No holiday calendar: Christmas (Friday 2026-12-25) counts as a business day.
           {"holidays are business days", kSp, Local(kSp, 2026, 12, 24, 18, 0),
            SnoozeChoice::kNextBusinessDay, "2026-12-25T08:00:00-03:00"},
       }) {
    absl::TimeZone zone = Zone(r.zone);
    EXPECT_EQ(FormatInstant(SnoozeUntil(r.c, r.now, zone), zone), r.local) << r.name;
  }
}

TEST(SnoozeUntil, TomorrowAcrossFallBackIsTwentyFiveHoursAfterSameTime) {
  absl::TimeZone ny = Zone("America/New_York");
  absl::Time at_8 = Local("America/New_York", 2026, 10, 31, 8, 0);
  EXPECT_EQ(SnoozeUntil(SnoozeChoice::kTomorrowMorning, at_8, ny) - at_8, absl::Hours(25));
}

TEST(DigestInstant, SevenLocal) {
  struct Row {
    const char* zone;
    absl::CivilDay day;
    const char* utc;
  };
  for (const Row& r : std::vector<Row>{
           {"America/Sao_Paulo", absl::CivilDay(2026, 11, 22), "2026-11-22T10:00:00Z"},
           {"America/Mexico_City", absl::CivilDay(2026, 11, 22), "2026-11-22T13:00:00Z"},
           {"America/New_York", absl::CivilDay(2026, 3, 8), "2026-03-08T11:00:00Z"},  // EDT already
           {"America/New_York", absl::CivilDay(2026, 11, 1),
            "2026-11-01T12:00:00Z"},  // EST already
       }) {
    EXPECT_EQ(FormatInstantUtc(DigestInstant(r.day, Zone(r.zone))), r.utc) << r.zone;
  }
}

TEST(FiredLate, MoreThanTwoMinutesAfterItsInstant) {
  absl::Time at = Utc(2026, 11, 22, 12, 0);
  EXPECT_FALSE(FiredLate(at, at));
  EXPECT_FALSE(FiredLate(at, at - absl::Seconds(30)));  // early (clock skew): not late
  EXPECT_FALSE(FiredLate(at, at + absl::Minutes(2)));
  EXPECT_TRUE(FiredLate(at, at + absl::Minutes(2) + absl::Seconds(1)));
  EXPECT_TRUE(FiredLate(at, at + absl::Hours(9)));  // caught up after a night down
}

TEST(RepeatAlert, Table) {
  const absl::Time last = Utc(2026, 11, 22, 12, 0);
  EXPECT_EQ(NextRepeatAlert(last, 15), Utc(2026, 11, 22, 12, 15));
  EXPECT_EQ(NextRepeatAlert(last, 60), Utc(2026, 11, 22, 13, 0));
  struct Row {
    std::optional<absl::Time> last;
    std::optional<int> every;
    absl::Time now;
    bool due;
  };
  for (const Row& r : std::vector<Row>{
           {std::nullopt, std::nullopt, last, false},  // off
           {last, std::nullopt, last + absl::Hours(5), false},
           {std::nullopt, 10, last, true},  // never alerted
           {last, 10, last + absl::Minutes(9), false},
           {last, 10, last + absl::Minutes(10), true},
           {last, 10, last + absl::Minutes(11), true},
           {last, 60, last + absl::Minutes(59), false},
           {last, 0, last + absl::Hours(1), false},  // non-positive means off
           {last, -5, last + absl::Hours(1), false},
           {std::nullopt, 0, last, false},
       }) {
    EXPECT_EQ(RepeatAlertDue(r.last, r.every, r.now), r.due)
        << (r.every ? *r.every : -1) << " " << FormatInstantUtc(r.now);
  }
}

TEST(NextBusinessDay, SkipsTheWeekend) {
  // 2026-11-20 is a Friday.
  EXPECT_EQ(NextBusinessDay(absl::CivilDay(2026, 11, 19)), absl::CivilDay(2026, 11, 20));
  EXPECT_EQ(NextBusinessDay(absl::CivilDay(2026, 11, 20)), absl::CivilDay(2026, 11, 23));
  EXPECT_EQ(NextBusinessDay(absl::CivilDay(2026, 11, 21)), absl::CivilDay(2026, 11, 23));
  EXPECT_EQ(NextBusinessDay(absl::CivilDay(2026, 11, 22)), absl::CivilDay(2026, 11, 23));
  EXPECT_EQ(NextBusinessDay(absl::CivilDay(2026, 11, 23)), absl::CivilDay(2026, 11, 24));
}

}  // namespace
}  // namespace retorno
