#include "domain/appointments/free_days.h"

#include <gtest/gtest.h>

#include "base/time_util.h"

namespace retorno {
namespace {

absl::TimeZone Zone(const char* name) { return *LoadZone(name); }
absl::Time At(const char* rfc3339) { return *ParseInstant(rfc3339); }
BusyInterval Busy(const char* a, const char* b) { return {At(a), At(b)}; }

DayFreedom OneDay(std::vector<BusyInterval> busy, absl::CivilDay d, const char* zone,
                  WorkingHours hours = {}) {
  std::vector<DayFreedom> v = FreeDays(std::move(busy), d, d, Zone(zone), hours);
  EXPECT_EQ(v.size(), 1u);
  return v.front();
}

struct Case {
  const char* name;
  const char* zone;
  absl::CivilDay day;
  std::vector<BusyInterval> busy;
  DayAvailability want;
  std::vector<FreeSlot> slots;
};

TEST(FreeDays, Table) {
  const Case cases[] = {
      {"no appointments: free all day",
       "America/Sao_Paulo",
       absl::CivilDay(2026, 3, 10),
       {},
       DayAvailability::kFree,
       {{480, 1080}}},
      {"Sao Paulo: 10:00-11:00 local leaves two slots",
       "America/Sao_Paulo",
       absl::CivilDay(2026, 3, 10),
       {Busy("2026-03-10T10:00:00-03:00", "2026-03-10T11:00:00-03:00")},
       DayAvailability::kPartlyFree,
       {{480, 600}, {660, 1080}}},
      {"Mexico City: the same instant is 07:00-08:00 there, before work",
       "America/Mexico_City",
       absl::CivilDay(2026, 3, 10),
       {Busy("2026-03-10T10:00:00-03:00", "2026-03-10T11:00:00-03:00")},
       DayAvailability::kFree,
       {{480, 1080}}},
      {"Mexico City: a morning taken",
       "America/Mexico_City",
       absl::CivilDay(2026, 3, 10),
       {Busy("2026-03-10T08:00:00-06:00", "2026-03-10T12:30:00-06:00")},
       DayAvailability::kPartlyFree,
       {{750, 1080}}},
      {"New York before the DST change: 13:00-23:00 UTC is 08:00-18:00 EST",
       "America/New_York",
       absl::CivilDay(2026, 3, 6),
       {Busy("2026-03-06T13:00:00Z", "2026-03-06T23:00:00Z")},
       DayAvailability::kBusy,
       {}},
      {"New York after the DST change: the same UTC hours are 09:00-19:00 EDT",
       "America/New_York",
       absl::CivilDay(2026, 3, 9),
       {Busy("2026-03-09T13:00:00Z", "2026-03-09T23:00:00Z")},
       DayAvailability::kPartlyFree,
       {{480, 540}}},
      {"Lisbon the day after clocks go forward (WEST, UTC+1): hours stay 08-18 local",
       "Europe/Lisbon",
       absl::CivilDay(2026, 3, 30),
       {Busy("2026-03-30T07:00:00Z", "2026-03-30T08:00:00Z")},
       DayAvailability::kPartlyFree,
       {{540, 1080}}},
      {"overlapping and unsorted appointments merge",
       "America/Sao_Paulo",
       absl::CivilDay(2026, 3, 10),
       {Busy("2026-03-10T14:00:00-03:00", "2026-03-10T18:30:00-03:00"),
        Busy("2026-03-10T07:00:00-03:00", "2026-03-10T09:00:00-03:00"),
        Busy("2026-03-10T08:30:00-03:00", "2026-03-10T10:00:00-03:00")},
       DayAvailability::kPartlyFree,
       {{600, 840}}},
      {"a gap under 15 minutes is no free slot",
       "America/Sao_Paulo",
       absl::CivilDay(2026, 3, 10),
       {Busy("2026-03-10T08:00:00-03:00", "2026-03-10T12:00:00-03:00"),
        Busy("2026-03-10T12:10:00-03:00", "2026-03-10T18:00:00-03:00")},
       DayAvailability::kBusy,
       {}},
      {"an appointment of several days takes the days between",
       "America/Sao_Paulo",
       absl::CivilDay(2026, 3, 11),
       {Busy("2026-03-10T15:00:00-03:00", "2026-03-12T10:00:00-03:00")},
       DayAvailability::kBusy,
       {}},
      {"Saturday is a day off by default",
       "America/Sao_Paulo",
       absl::CivilDay(2026, 3, 14),
       {},
       DayAvailability::kOff,
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    DayFreedom d = OneDay(c.busy, c.day, c.zone);
    EXPECT_EQ(d.availability, c.want) << ToString(d.availability);
    EXPECT_EQ(d.free, c.slots);
  }
}

TEST(FreeDays, SundayOfTheNewYorkChangeWhenWeekendsWork) {
  // 2026-03-08 02:00 EST jumps to 03:00 EDT; 12:00-13:00 UTC is 08:00-09:00 EDT.
  WorkingHours h;
  h.weekends = true;
  DayFreedom d = OneDay({Busy("2026-03-08T12:00:00Z", "2026-03-08T13:00:00Z")},
                        absl::CivilDay(2026, 3, 8), "America/New_York", h);
  EXPECT_EQ(d.availability, DayAvailability::kPartlyFree);
  EXPECT_EQ(d.free, (std::vector<FreeSlot>{{540, 1080}}));
  EXPECT_EQ(d.free_minutes, 540);
  // A working day of 00:00-24:00 on that Sunday has 23 hours.
  h.start_minutes = 0;
  h.end_minutes = 1440;
  d = OneDay({}, absl::CivilDay(2026, 3, 8), "America/New_York", h);
  EXPECT_EQ(d.free_minutes, 23 * 60);
}

TEST(FreeDays, OneEntryPerDayOfThePeriod) {
  std::vector<DayFreedom> v = FreeDays({}, absl::CivilDay(2026, 3, 9), absl::CivilDay(2026, 3, 15),
                                       Zone("America/Sao_Paulo"), WorkingHours{});
  ASSERT_EQ(v.size(), 7u);
  EXPECT_EQ(v[0].day, absl::CivilDay(2026, 3, 9));
  EXPECT_EQ(v[4].availability, DayAvailability::kFree);
  EXPECT_EQ(v[5].availability, DayAvailability::kOff);
  EXPECT_EQ(v[6].availability, DayAvailability::kOff);
  EXPECT_TRUE(FreeDays({}, absl::CivilDay(2026, 3, 9), absl::CivilDay(2026, 3, 8),
                       Zone("America/Sao_Paulo"), WorkingHours{})
                  .empty());
}

TEST(CheckAppointment, Fields) {
  const absl::Time a = At("2026-03-10T10:00:00-03:00");
  EXPECT_TRUE(CheckAppointment(a, a + absl::Hours(1), "Sala 2", "").empty());
  EXPECT_EQ(CheckAppointment(std::nullopt, std::nullopt, "", "").size(), 2u);
  EXPECT_EQ(CheckAppointment(a, a, "", ""), (AppointmentProblems{{"ends_at", "before_from"}}));
  EXPECT_EQ(CheckAppointment(a, a + absl::Hours(24 * 15), "", ""),
            (AppointmentProblems{{"ends_at", "too_far"}}));
  EXPECT_EQ(CheckAppointment(a, a + absl::Hours(1), "Sala\n2", ""),
            (AppointmentProblems{{"place", "invalid_text"}}));
  EXPECT_EQ(CheckAppointment(a, a + absl::Hours(1), std::string(201, 'x'), ""),
            (AppointmentProblems{{"place", "too_long"}}));
}

}  // namespace
}  // namespace retorno
