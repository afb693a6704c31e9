#include "domain/ical.h"

#include <libical/ical.h>

#include <string>

namespace retorno {

namespace {

icaltimetype Utc(absl::Time t) {
  return icaltime_from_timet_with_zone(absl::ToTimeT(t), 0, icaltimezone_get_utc_timezone());
}

icaltimetype Date(absl::CivilDay d) {
  icaltimetype t = icaltime_null_date();
  t.year = static_cast<int>(d.year());
  t.month = d.month();
  t.day = d.day();
  t.is_date = 1;
  return t;
}

}  // namespace

std::string RenderICalendar(std::string_view name, const std::vector<FeedEvent>& events,
                            absl::Time now) {
  icalcomponent* cal = icalcomponent_new_vcalendar();
  icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal, icalproperty_new_prodid("-//Retorno//Retorno CRM//PT"));
  icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  const std::string cal_name(name);
  icalproperty* x_name = icalproperty_new_x(cal_name.c_str());
  icalproperty_set_x_name(x_name, "X-WR-CALNAME");
  icalcomponent_add_property(cal, x_name);
  const icaltimetype stamp = Utc(now);
  for (const FeedEvent& e : events) {
    icalcomponent* ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
    if (e.start) {
      icalcomponent_add_property(ev, icalproperty_new_dtstart(Utc(*e.start)));
      icalcomponent_add_property(ev, icalproperty_new_dtend(Utc(*e.start + e.duration)));
    } else {
      icalcomponent_add_property(ev, icalproperty_new_dtstart(Date(e.date)));
      icalcomponent_add_property(ev, icalproperty_new_dtend(Date(e.date + 1)));
    }
    icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
    if (!e.description.empty())
      icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
    if (e.alarm) {
      icalcomponent* alarm = icalcomponent_new_valarm();
      icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
      icaltriggertype trigger = icaltriggertype_from_int(0);
      trigger.time = Utc(*e.alarm);
      icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
      icalcomponent_add_property(alarm, icalproperty_new_description(e.summary.c_str()));
      icalcomponent_add_component(ev, alarm);
    }
    icalcomponent_add_component(cal, ev);
  }
  char* text = icalcomponent_as_ical_string_r(cal);
  std::string out = text != nullptr ? text : "";
  free(text);
  icalcomponent_free(cal);
  return out;
}

}  // namespace retorno
