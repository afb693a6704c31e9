// JSON of the domain values that several resources answer with (a follow-up, its
// returns, entries and attachments, a party, the agenda's rows) and the request members
// several resources read (a return to schedule, a contact). Instants are written in the
// viewer's zone with its offset.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "app/sales/sales.h"
#include "base/time_util.h"
#include "domain/reminders.h"
#include "http/json_in.h"
#include "http/json_out.h"
#include "http/server/request.h"

namespace retorno {

// The viewer's zone, for instants.
struct Out {
  absl::TimeZone zone;
  std::string Instant(absl::Time t) const { return FormatInstant(t, zone); }
  std::optional<std::string> OptInstant(const std::optional<absl::Time>& t) const {
    if (!t) return std::nullopt;
    return Instant(*t);
  }
};
Out OutFor(const AuthContext& ctx);

template <class Id>
std::optional<int64_t> OptId(const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  return id->value;
}
std::optional<std::string> OptDate(const std::optional<absl::CivilDay>& d);
// An optional as nlohmann::json: the value or null.
template <class T>
nlohmann::json Nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json UserJson(const User& u);
nlohmann::json AlertsJson(const Alerts& a);
void WriteContact(JsonWriter& w, const Contact& c);
// The contact fields, inside an object the caller opened.
void WriteContactFields(JsonWriter& w, const Contact& c);
void WritePartyRef(JsonWriter& w, const Party& p);
void WriteParty(JsonWriter& w, const Party& p, const Out& out);
void WriteDocumentRef(JsonWriter& w, const std::optional<SalesDocument>& d);
void WriteWorkflowPosition(JsonWriter& w, const std::optional<WorkflowPosition>& p, const Out& out);
void WriteEntry(JsonWriter& w, const Entry& e, const Out& out);
void WriteAttachment(JsonWriter& w, const Attachment& a, const Out& out);

// A return; `more` writes members of its own inside the object.
template <class More>
void WriteAction(JsonWriter& w, const Action& a, const Out& out, More&& more) {
  w.Object([&] {
    w.Field("id", a.id.value);
    w.Field("followup_id", a.followup_id.value);
    w.Field("type", a.type);
    w.Field("due_date", FormatDate(a.due_date));
    w.Key("due_time");
    if (a.due_minutes)
      w.Value(FormatTimeOfDay(*a.due_minutes));
    else
      w.Null();
    w.Field("status", ToString(a.status));
    w.Field("assignee_id", a.assignee_id.value);
    w.Field("notify_customer", a.notify_customer);
    w.Field("message", a.message);
    w.Field("result", a.result);
    w.Field("resolution", a.resolution);
    w.Field("result_at", out.OptInstant(a.result_at));
    w.Field("done_at", out.OptInstant(a.done_at));
    w.Field("done_by", OptId(a.done_by));
    w.Field("next_action_id", OptId(a.next_action_id));
    w.Key("series_id");
    if (a.series_id)
      w.Value(a.series_id);
    else
      w.Null();
    w.Key("series_index");
    if (a.series_id)
      w.Value(a.series_index);
    else
      w.Null();
    // The instant the return is reminded of (domain/reminders.h), shown in the
    // viewer's zone; the reminder itself uses the assignee's.
    w.Key("remind_at");
    if (a.status == ActionStatus::kPlanned)
      w.Value(out.Instant(ReminderInstant(a.due_date, a.due_minutes, out.zone, a.remind_at)));
    else
      w.Null();
    more();
  });
}

void WriteAction(JsonWriter& w, const Action& a, const Out& out);

// A follow-up as lists show it, inside an object the caller opened.
void WriteFollowupFields(JsonWriter& w, const Followup& f, const Party& party,
                         const DerivedState& s, const Out& out);
// `upcoming` replaces the planned returns' dates in upcoming_dates (a new series
// lists every date it created).
void WriteFollowupDetail(JsonWriter& w, const FollowupDetail& d, const Out& out,
                         const std::vector<absl::CivilDay>* upcoming = nullptr);
// The follow-up with its ETag.
HttpResponse DetailResponse(int status, const FollowupDetail& d, const Out& out,
                            const std::vector<absl::CivilDay>* upcoming = nullptr);
// Returns with their follow-up, as the agenda and the calendar's day list them.
void WriteAgendaItems(JsonWriter& w, const std::vector<AgendaItem>& rows, const Out& out);
// A page's cursor, null on the last page.
void WriteCursor(JsonWriter& w, const std::string& next_cursor);

// A party's contact persons ("contacts": [...]), empty when absent.
std::vector<Contact> ReadContacts(JsonIn& in, Issues& issues);
// A return to schedule, its members under `prefix`.
ActionInput ReadAction(const nlohmann::json& j, Issues& issues, const std::string& prefix);
std::optional<Contact> ReadContact(JsonIn& in, const char* key);

}  // namespace retorno
