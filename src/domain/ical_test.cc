#include "domain/ical.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libical/ical.h>

#include "base/time_util.h"

namespace retorno {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ICalendar, ParsesBackWithNoErrorsTimedAllDayAndAlarms) {
  const absl::TimeZone sp = *LoadZone("America/Sao_Paulo");
  const absl::Time nine = InstantOf(absl::CivilDay(2026, 12, 1), 9 * 60, sp);
  std::vector<FeedEvent> events = {
      {"action-1@retorno", absl::CivilDay(2026, 12, 1), nine, absl::Minutes(30),
       "Retorno: Revisão do compressor — Oficina São José", "Contato: Señora Muñoz; (19) 3232-4545",
       nine},
      {"action-2@retorno", absl::CivilDay(2026, 12, 2), std::nullopt, absl::Minutes(30),
       "Retorno: Orçamento, linha longa " + std::string(80, 'x'), "", std::nullopt},
  };
  const std::string text =
      RenderICalendar("Retorno — Ana", events, absl::FromUnixSeconds(1796000000));
  EXPECT_THAT(text, HasSubstr("BEGIN:VCALENDAR"));
  EXPECT_THAT(text, HasSubstr("DTSTART:20261201T120000Z"));  // 09:00 in São Paulo
  EXPECT_THAT(text, HasSubstr("DTSTART;VALUE=DATE:20261202"));
  EXPECT_THAT(text, HasSubstr("TRIGGER;VALUE=DATE-TIME:20261201T120000Z"));
  EXPECT_THAT(text, Not(HasSubstr("TZID")));  // UTC only: no zone names to resolve
  EXPECT_THAT(text, Not(HasSubstr("freeassociation")));

  icalcomponent* parsed = icalparser_parse_string(text.c_str());
  ASSERT_NE(parsed, nullptr);
  EXPECT_EQ(icalcomponent_count_errors(parsed), 0);
  EXPECT_EQ(icalcomponent_count_components(parsed, ICAL_VEVENT_COMPONENT), 2);
  icalcomponent* first = icalcomponent_get_first_component(parsed, ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_summary(first),
               "Retorno: Revisão do compressor — Oficina São José");
  EXPECT_EQ(icalcomponent_count_components(first, ICAL_VALARM_COMPONENT), 1);
  icaltimetype start = icalcomponent_get_dtstart(first);
  EXPECT_EQ(icaltime_as_timet(start), absl::ToTimeT(nine));
  icalcomponent_free(parsed);
}

}  // namespace
}  // namespace retorno
