#include "http/api.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "app/errors.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "base/time_util.h"
#include "domain/reminders.h"
#include "domain/tax_id.h"
#include "domain/templates.h"
#include "domain/validation.h"
#include "http/event_hub.h"
#include "http/json_in.h"
#include "http/json_out.h"
#include "http/messages.h"
#include "http/server/multipart.h"
#include "http/table_json.h"

namespace retorno {

namespace {

using json = nlohmann::json;

constexpr char kSessionCookie[] = "retorno_session";
constexpr char kCsrfCookie[] = "retorno_csrf";

// ---------------------------------------------------------------------------
// Errors: the one table from Status to HTTP status and problem+json.

int HttpStatusOf(const absl::Status& s, const std::vector<FieldIssue>& issues) {
  const std::string_view key = ToStd(s.message());
  switch (s.code()) {
    case absl::StatusCode::kInvalidArgument:
      if (key == "validation") {
        bool all_taken = !issues.empty();
        for (const FieldIssue& i : issues) all_taken = all_taken && i.key == "taken";
        return all_taken ? 409 : 422;
      }
      return 400;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kFailedPrecondition:
      if (key == "version") return 412;
      if (key == "if_match_required") return 428;
      return 409;
    case absl::StatusCode::kAlreadyExists:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return key == "too_large" ? 413 : 429;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kUnimplemented:
      return key == "unsupported_media_type" ? 415 : 501;
    default:
      return 500;
  }
}

struct Call {
  HttpRequest& req;
  absl::Time now;
  Lang lang;
};

// A response whose body is JSON text already written (json_out.h).
HttpResponse JsonTextResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

HttpResponse JsonResponse(int status, const json& body) {
  return JsonTextResponse(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

template <class Body>
HttpResponse WrittenResponse(int status, Body&& body) {
  JsonWriter w;
  body(w);
  return JsonTextResponse(status, w.Take());
}

HttpResponse Problem(const absl::Status& s, const Call& c) {
  std::vector<FieldIssue> issues = FieldIssuesOf(s);
  int status = HttpStatusOf(s, issues);
  std::string key(s.message());
  if (status >= 500) {
    spdlog::error("[{}] {} {} -> {}: {}", c.req.request_id, c.req.method,
                  LogSafePath(c.req.path), status, s.ToString());
    key = status == 503 ? "unavailable" : "internal";
  }
  json body = {{"type", "about:blank"},
               {"title", Message(key, c.lang)},
               {"status", status},
               {"code", key},
               {"request_id", c.req.request_id}};
  if (!issues.empty()) {
    json errors = json::array();
    for (const FieldIssue& i : issues)
      errors.push_back({{"field", i.field}, {"code", i.key}, {"message", Message(i.key, c.lang)}});
    body["errors"] = std::move(errors);
    body["detail"] = Message(issues.front().key, c.lang);
  } else {
    body["detail"] = Message(key, c.lang);
  }
  if (std::optional<int64_t> wait = RetryAfterSecondsOf(s)) body["retry_after"] = *wait;
  HttpResponse r = JsonResponse(status, body);
  r.headers[0].second = "application/problem+json; charset=utf-8";
  r.headers.emplace_back("Content-Language", std::string(LangTag(c.lang)));
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"retorno\"");
  if (std::optional<int64_t> wait = RetryAfterSecondsOf(s))
    r.headers.emplace_back("Retry-After", std::to_string(*wait));
  return r;
}

absl::StatusOr<json> ParseBody(const HttpRequest& req) {
  std::string_view ct = req.Header("Content-Type");
  if (!req.body.empty() && !absl::StartsWithIgnoreCase(ToAbsl(ct), "application/json"))
    return absl::UnimplementedError("unsupported_media_type");
  if (req.body.empty()) return json::object();
  json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::InvalidArgumentError("malformed_json");
  if (!j.is_object()) return FieldError("body", "invalid_type");
  return j;
}

// For commands that take no body: an empty body or {} is fine; any member is unknown.
absl::Status NoBody(const HttpRequest& req) {
  ASSIGN_OR_RETURN(json body, ParseBody(req));
  Issues issues;
  JsonIn in(body, issues);
  return issues.ToStatus();
}

absl::StatusOr<int64_t> PathInt(const HttpRequest& req, const char* name, const char* resource) {
  auto it = req.path_params.find(name);
  int64_t v = 0;
  if (it == req.path_params.end() || !absl::SimpleAtoi(it->second, &v) || v <= 0)
    return absl::NotFoundError(resource);
  return v;
}

template <class Id>
absl::StatusOr<Id> PathId(const HttpRequest& req, const char* name, const char* resource) {
  ASSIGN_OR_RETURN(int64_t v, PathInt(req, name, resource));
  return Id(v);
}

// ---------------------------------------------------------------------------
// JSON out. Instants are written in the viewer's zone with its offset.

struct Out {
  absl::TimeZone zone;
  std::string Instant(absl::Time t) const { return FormatInstant(t, zone); }
  std::optional<std::string> OptInstant(const std::optional<absl::Time>& t) const {
    if (!t) return std::nullopt;
    return Instant(*t);
  }
};

template <class Id>
std::optional<int64_t> OptId(const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  return id->value;
}

std::optional<std::string> OptDate(const std::optional<absl::CivilDay>& d) {
  if (!d) return std::nullopt;
  return FormatDate(*d);
}

// An optional as nlohmann::json: the value or null.
template <class T>
json Nullable(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// The contact fields, inside an object the caller opened.
void WriteContactFields(JsonWriter& w, const Contact& c) {
  w.Field("name", c.name);
  w.Field("email", c.email);
  w.Field("phone", c.phone);
  w.Field("whatsapp", c.whatsapp);
}

void WriteContact(JsonWriter& w, const Contact& c) {
  w.Object([&] { WriteContactFields(w, c); });
}

json UserJson(const User& u) {
  return {{"id", u.id.value},
          {"login", u.login},
          {"name", u.name},
          {"email", u.email},
          {"role", ToString(u.role)},
          {"branch_id", Nullable(OptId(u.branch_id))},
          {"time_zone", u.time_zone},
          {"locale", u.locale},
          {"alert_on_login", u.alert_on_login},
          {"alert_every_minutes",
           u.alert_every_minutes ? json(*u.alert_every_minutes) : json(nullptr)},
          {"email_reminders", ToString(u.email_reminders)},
          {"active", u.active}};
}

json AlertsJson(const Alerts& a) {
  return {{"due_today", a.due_today}, {"overdue", a.overdue}, {"show_alert", a.show_alert}};
}

void WritePartyRef(JsonWriter& w, const Party& p) {
  w.Object([&] {
    w.Field("id", p.id.value);
    w.Field("code", p.code);
    w.Field("name", p.name);
  });
}

void WriteParty(JsonWriter& w, const Party& p, const Out& out) {
  w.Object([&] {
    w.Field("id", p.id.value);
    w.Field("code", p.code);
    w.Field("kind", ToString(p.kind));
    w.Field("name", p.name);
    w.Field("email", p.email);
    w.Field("phone", p.phone);
    w.Field("whatsapp", p.whatsapp);
    w.Field("tax_id", p.tax_id);
    if (std::optional<TaxIdKind> k = TaxIdKindOf(p.tax_id))
      w.Field("tax_id_kind", ToString(*k));
    else
      w.Key("tax_id_kind").Null();
    w.Field("birthday", OptDate(p.birthday));
    w.Field("branch_id", OptId(p.branch_id));
    w.Field("owner_id", OptId(p.owner_id));
    w.Key("contacts").Array([&] {
      for (const Contact& c : p.contacts)
        w.Object([&] {
          WriteContactFields(w, c);
          w.Field("birthday", OptDate(c.birthday));
        });
    });
    w.Field("created_at", out.Instant(p.created_at));
    w.Field("version", p.version);
  });
}

void WriteAction(JsonWriter& w, const Action& a, const Out& out, auto&& more) {
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
    if (a.series_id) w.Value(a.series_id); else w.Null();
    w.Key("series_index");
    if (a.series_id) w.Value(a.series_index); else w.Null();
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

void WriteAction(JsonWriter& w, const Action& a, const Out& out) {
  WriteAction(w, a, out, [] {});
}

void WriteEntry(JsonWriter& w, const Entry& e, const Out& out) {
  w.Object([&] {
    w.Field("id", e.id.value);
    w.Field("followup_id", e.followup_id.value);
    w.Field("action_id", OptId(e.action_id));
    w.Field("kind", ToString(e.kind));
    w.Field("body", e.body);
    w.Field("author_id", e.author_id.value);
    w.Field("contact_at", out.Instant(e.contact_at));
    w.Field("created_at", out.Instant(e.created_at));
    w.Field("draft", e.draft);
  });
}

void WriteAttachment(JsonWriter& w, const Attachment& a, const Out& out) {
  w.Object([&] {
    w.Field("id", a.id.value);
    w.Field("followup_id", a.followup_id.value);
    w.Field("file_name", a.file_name);
    w.Field("content_type", a.content_type);
    w.Field("size", a.size);
    w.Field("sha256", a.sha256);
    w.Field("uploaded_by", a.uploaded_by.value);
    w.Field("created_at", out.Instant(a.created_at));
    w.Field("url", absl::StrCat("/api/v1/attachments/", a.id.value));
  });
}

void WriteDocumentRef(JsonWriter& w, const std::optional<SalesDocument>& d) {
  if (!d) return w.Null();
  w.Object([&] {
    w.Field("id", d->id.value);
    w.Field("kind", ToString(d->kind));
    w.Field("number", d->number);
  });
}

// A follow-up as lists show it, inside an object the caller opened.
void WriteFollowupFields(JsonWriter& w, const Followup& f, const Party& party,
                         const DerivedState& s, const Out& out) {
  w.Field("id", f.id.value);
  WritePartyRef(w.Key("party"), party);
  w.Field("subject", f.subject);
  w.Field("owner_id", f.owner_id.value);
  w.Field("branch_id", OptId(f.branch_id));
  w.Field("category", f.category);
  w.Field("priority", ToString(f.priority));
  w.Field("origin", f.origin);
  w.Field("document_id", OptId(f.document_id));
  WriteContact(w.Key("contact"), f.contact);
  w.Key("cc").Array([&] {
    for (const std::string& e : f.cc) w.Value(e);
  });
  w.Field("status", ToString(f.status));
  w.Field("state", ToString(s.state));
  w.Field("days_late", s.days_late);
  w.Field("next_due_date", OptDate(f.next_due_date));
  w.Field("contact_at", out.Instant(f.contact_at));
  w.Field("version", f.version);
  w.Field("created_at", out.Instant(f.created_at));
  w.Field("updated_at", out.Instant(f.updated_at));
}

// `upcoming` replaces the planned returns' dates in upcoming_dates (a new series
// lists every date it created).
void WriteFollowupDetail(JsonWriter& w, const FollowupDetail& d, const Out& out,
                         const std::vector<absl::CivilDay>* upcoming = nullptr) {
  w.Object([&] {
    WriteFollowupFields(w, d.followup, d.party, d.state, out);
    // The history puts the most recent on top (manual 004), as the timeline does: the
    // returns come from the store in due order and are written latest first.
    w.Key("actions").Array([&] {
      for (auto a = d.actions.rbegin(); a != d.actions.rend(); ++a) WriteAction(w, *a, out);
    });
    w.Key("entries").Array([&] {
      for (const Entry& e : d.entries) WriteEntry(w, e, out);
    });
    w.Key("attachments").Array([&] {
      for (const Attachment& a : d.attachments) WriteAttachment(w, a, out);
    });
    WriteDocumentRef(w.Key("document"), d.document);
    w.Field("can_change", d.can_change);
    // Reminder dates of the tooltip (manual 004): the planned returns.
    w.Key("upcoming_dates").Array([&] {
      if (upcoming != nullptr) {
        for (absl::CivilDay day : *upcoming) w.Value(FormatDate(day));
        return;
      }
      for (const Action& a : d.actions)
        if (a.status == ActionStatus::kPlanned) w.Value(FormatDate(a.due_date));
    });
  });
}

json CatalogItemJson(const CatalogItem& i) {
  return {{"id", i.id.value},
          {"code", i.code},
          {"kind", ToString(i.kind)},
          {"name", i.name},
          {"active", i.active},
          {"followup_days", i.followup_days ? json(*i.followup_days) : json(nullptr)},
          {"followup",
           {{"subject", i.followup.subject},
            {"category", i.followup.category},
            {"type", i.followup.type},
            {"message", i.followup.message}}}};
}

void WriteDocument(JsonWriter& w, const SalesDocument& d, const Party& party,
                   const std::vector<FollowupListItem>& followups, bool can_change,
                   const Out& out) {
  w.Object([&] {
    w.Field("id", d.id.value);
    w.Field("kind", ToString(d.kind));
    w.Field("number", d.number);
    WritePartyRef(w.Key("party"), party);
    w.Field("branch_id", OptId(d.branch_id));
    w.Field("owner_id", OptId(d.owner_id));
    w.Field("date", FormatDate(d.date));
    w.Field("status", ToString(d.status));
    w.Field("completed_on", OptDate(d.completed_on));
    w.Key("items").Array([&] {
      for (const DocumentItem& it : d.items)
        w.Object([&] {
          w.Field("position", it.position);
          w.Field("item_id", OptId(it.item_id));
          w.Field("item_code", it.item_code);
          w.Field("description", it.description);
          w.Field("quantity", it.quantity);
        });
    });
    w.Field("version", d.version);
    w.Field("can_change", can_change);
    w.Field("created_at", out.Instant(d.created_at));
    w.Field("updated_at", out.Instant(d.updated_at));
    // A sale's follow-ups, newest first (manual 004); the store gives them oldest first.
    w.Key("followups").Array([&] {
      for (auto it = followups.rbegin(); it != followups.rend(); ++it) {
        const FollowupListItem& f = *it;
        w.Object([&] {
          w.Field("id", f.row.followup.id.value);
          w.Field("subject", f.row.followup.subject);
          w.Field("origin", f.row.followup.origin);
          w.Field("owner_id", f.row.followup.owner_id.value);
          w.Field("status", ToString(f.row.followup.status));
          w.Field("state", ToString(f.state.state));
          w.Field("days_late", f.state.days_late);
          w.Field("next_due_date", OptDate(f.row.followup.next_due_date));
        });
      }
    });
  });
}

json ImportJson(const ImportRun& r, const Out& out, Lang lang) {
  json errors = json::array();
  for (const ImportError& e : r.errors)
    errors.push_back({{"line", e.line}, {"field", e.field}, {"code", e.key},
                      {"message", Message(e.key, lang)}});
  return {{"id", r.id},
          {"kind", r.kind},
          {"file_name", r.file_name},
          {"status", ToString(r.status)},
          {"total_lines", r.total_lines},
          {"processed_lines", r.processed_lines},
          {"documents_created", r.documents_created},
          {"documents_updated", r.documents_updated},
          {"documents_unchanged", r.documents_unchanged},
          {"followups_created", r.followups_created},
          {"error_lines", r.error_lines},
          {"errors", std::move(errors)},
          {"created_at", out.Instant(r.created_at)},
          {"finished_at", r.finished_at ? json(out.Instant(*r.finished_at)) : json(nullptr)}};
}

std::string ETagOf(int64_t version) { return absl::StrCat("\"", version, "\""); }

// The version named by If-Match ("7", W/"7"); nullopt without the header; 412
// FailedPrecondition("version") for a tag that is not one of ours.
absl::StatusOr<std::optional<int64_t>> IfMatchVersion(const HttpRequest& req) {
  absl::string_view tag = absl::StripAsciiWhitespace(ToAbsl(req.Header("If-Match")));
  if (tag.empty()) return std::optional<int64_t>();
  absl::ConsumePrefix(&tag, "W/");
  absl::ConsumePrefix(&tag, "\"");
  absl::ConsumeSuffix(&tag, "\"");
  int64_t v = 0;
  if (!absl::SimpleAtoi(tag, &v)) return absl::FailedPreconditionError("version");
  return std::optional<int64_t>(v);
}

// If-None-Match holds a list of entity tags, weak or strong, or "*" (RFC 9110 13.1.2);
// weak comparison applies.
bool EtagListMatches(std::string_view header, std::string_view etag) {
  for (absl::string_view tag : absl::StrSplit(ToAbsl(header), ',')) {
    tag = absl::StripAsciiWhitespace(tag);
    absl::ConsumePrefix(&tag, "W/");
    if (tag == "*" || tag == ToAbsl(etag)) return true;
  }
  return false;
}

HttpResponse PartyResponse(int status, const Party& p, const Out& out) {
  HttpResponse r = WrittenResponse(status, [&](JsonWriter& w) { WriteParty(w, p, out); });
  r.headers.emplace_back("ETag", ETagOf(p.version));
  return r;
}

HttpResponse DocumentResponse(int status, const DocumentView& v, const Out& out) {
  return WrittenResponse(status, [&](JsonWriter& w) { WriteDocument(w, v.document, v.party, v.followups, v.can_change, out); });
}

// A page's cursor, null on the last page.
void WriteCursor(JsonWriter& w, const std::string& next_cursor) {
  w.Key("next_cursor");
  if (next_cursor.empty())
    w.Null();
  else
    w.Value(next_cursor);
}

// Returns with their follow-up, as the agenda and the calendar's day list them.
void WriteAgendaItems(JsonWriter& w, const std::vector<AgendaItem>& rows, const Out& out) {
  w.Array([&] {
    for (const AgendaItem& i : rows)
      WriteAction(w, i.row.action, out, [&] {
        const Followup& f = i.row.followup;
        w.Key("followup").Object([&] {
          w.Field("id", f.id.value);
          w.Field("subject", f.subject);
          WritePartyRef(w.Key("party"), i.row.party);
          w.Field("state", ToString(i.state.state));
          w.Field("days_late", i.state.days_late);
          w.Field("priority", ToString(f.priority));
          w.Field("category", f.category);
          w.Field("origin", f.origin);
          w.Field("document_id", OptId(f.document_id));
          WriteDocumentRef(w.Key("document"), i.document);
          w.Field("owner_id", f.owner_id.value);
          WriteContact(w.Key("contact"), f.contact);
        });
      });
  });
}

HttpResponse DetailResponse(int status, const FollowupDetail& d, const Out& out,
                            const std::vector<absl::CivilDay>* upcoming = nullptr) {
  HttpResponse r = WrittenResponse(status, [&](JsonWriter& w) { WriteFollowupDetail(w, d, out, upcoming); });
  r.headers.emplace_back("ETag", ETagOf(d.followup.version));
  return r;
}

// ---------------------------------------------------------------------------
// JSON in.

// A party's contact persons ("contacts": [...]), empty when absent.
std::vector<Contact> ReadContacts(JsonIn& in, Issues& issues) {
  std::vector<Contact> out;
  if (const json* contacts = in.Arr("contacts")) {
    for (size_t i = 0; i < contacts->size(); ++i) {
      JsonIn cin((*contacts)[i], issues, absl::StrCat("contacts[", i, "]."));
      cin.NotNull({"name", "email", "phone", "whatsapp"});
      Contact ct;
      ct.name = cin.Str("name").value_or("");
      ct.email = cin.Str("email").value_or("");
      ct.phone = cin.Str("phone").value_or("");
      ct.whatsapp = cin.Str("whatsapp").value_or("");
      ct.birthday = cin.Date("birthday");
      out.push_back(std::move(ct));
    }
  }
  return out;
}

ActionInput ReadAction(const json& j, Issues& issues, const std::string& prefix) {
  JsonIn in(j, issues, prefix);
  in.NotNull({"type", "notify_customer", "message", "repeat_months", "assignee_id"});
  ActionInput a;
  a.type = in.Str("type").value_or("");
  a.due_date = in.Date("due_date");
  if (!a.due_date) in.Require("due_date");
  a.due_minutes = in.TimeOfDay("due_time");
  a.notify_customer = in.Bool("notify_customer").value_or(false);
  a.message = in.Str("message").value_or("");
  a.remind_at = in.Instant("remind_at");
  a.repeat_months = static_cast<int>(std::clamp<int64_t>(in.Int("repeat_months").value_or(0), -1, 1000));
  if (auto v = in.Int("assignee_id")) a.assignee_id = UserId(*v);
  return a;
}

std::optional<Contact> ReadContact(JsonIn& in, const char* key) {
  const json* c = in.Obj(key);
  if (!c) return std::nullopt;
  JsonIn cin(*c, in.issues(), in.Field(key) + ".");
  cin.NotNull({"name", "email", "phone", "whatsapp"});
  Contact out;
  out.name = cin.Str("name").value_or("");
  out.email = cin.Str("email").value_or("");
  out.phone = cin.Str("phone").value_or("");
  out.whatsapp = cin.Str("whatsapp").value_or("");
  return out;
}

template <class E>
std::optional<E> ReadEnum(JsonIn& in, const char* key, std::optional<E> (*parse)(std::string_view)) {
  std::optional<std::string> s = in.Str(key);
  if (!s) return std::nullopt;
  std::optional<E> v = parse(*s);
  if (!v) in.issues().Add(in.Field(key), "invalid_value");
  return v;
}

// Query-string readers: a bad value is a field issue named after the parameter. A
// parameter sent without a value ("?document_id=") is refused rather than read as "no
// filter": the caller meant to filter by something and would get everything.
std::optional<std::string> QueryValue(const HttpRequest& req, const char* name, Issues& issues) {
  std::optional<std::string> s = req.Query(name);
  if (s && s->empty()) {
    issues.Add(name, "empty_value");
    return std::nullopt;
  }
  return s;
}

template <class E>
std::optional<E> QueryEnum(const HttpRequest& req, const char* name,
                           std::optional<E> (*parse)(std::string_view), Issues& issues) {
  std::optional<std::string> s = QueryValue(req, name, issues);
  if (!s) return std::nullopt;
  std::optional<E> v = parse(*s);
  if (!v) issues.Add(name, "invalid_value");
  return v;
}

std::optional<int64_t> QueryInt(const HttpRequest& req, const char* name, Issues& issues) {
  std::optional<std::string> s = QueryValue(req, name, issues);
  if (!s) return std::nullopt;
  int64_t v = 0;
  if (!absl::SimpleAtoi(*s, &v) || v <= 0) {
    issues.Add(name, "invalid_id");
    return std::nullopt;
  }
  return v;
}

std::optional<absl::CivilDay> QueryDate(const HttpRequest& req, const char* name,
                                        Issues& issues) {
  std::optional<std::string> s = QueryValue(req, name, issues);
  if (!s) return std::nullopt;
  std::optional<absl::CivilDay> d = ParseDate(*s);
  if (!d) issues.Add(name, "invalid_date");
  return d;
}

std::optional<Scope> ParseScope(std::string_view s) {
  if (s == "mine") return Scope::kMine;
  if (s == "branch") return Scope::kBranch;
  if (s == "all") return Scope::kAll;
  return std::nullopt;
}

std::optional<AgendaWhen> ParseWhen(std::string_view s) {
  if (s == "today") return AgendaWhen::kToday;
  if (s == "overdue") return AgendaWhen::kOverdue;
  if (s == "upcoming") return AgendaWhen::kUpcoming;
  if (s == "range") return AgendaWhen::kRange;
  return std::nullopt;
}

std::optional<FollowupQuery::Order> ParseOrder(std::string_view s) {
  if (s == "due") return FollowupQuery::Order::kDue;
  if (s == "newest") return FollowupQuery::Order::kNewest;
  return std::nullopt;
}

std::optional<std::string> RequireString(JsonIn& in, const char* key) {
  std::optional<std::string> s = in.Str(key);
  if (!s) in.Require(key);
  return s;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string CookieHeader(const char* name, const std::string& value, bool http_only,
                         bool secure, bool clear) {
  std::string c = absl::StrCat(name, "=", value, "; Path=/; SameSite=Lax");
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

// RFC 5987 encoding of a file name for Content-Disposition.
std::string EncodeRfc5987(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

Api::Api(ApiServices services, ApiOptions options)
    : services_(services), options_(std::move(options)) {}

void Api::Register(Router& router) {
  // Every change waits for its commit to be durable (ADR 0005); on the pool, changes
  // that arrive together share one commit (ADR 0010).
  router.RunWritesOnPool();
  // Wraps a handler body: reads the clock once, picks the language, turns a Status into
  // problem+json.
  //
  // Query parameters no handler knows are refused (422 `unknown_parameter` naming each),
  // so a misspelt filter never answers as if it were not there. Commands take none,
  // so theirs are refused before any work; a read refuses them once it has read what
  // it knows, together with its own issues.
  auto wrap = [this](std::function<absl::StatusOr<HttpResponse>(Call&)> body) {
    return [this, body = std::move(body)](HttpRequest& req) -> HttpResponse {
      Call c{req, services_.clock.Now(), LangFromAcceptLanguage(req.Header("Accept-Language"))};
      auto unknown_parameters = [&req](std::vector<FieldIssue> issues) {
        for (std::string& name : req.UnreadQueryNames())
          issues.push_back({std::move(name), "unknown_parameter"});
        return issues;
      };
      const bool read_only = req.method == "GET" || req.method == "HEAD";
      if (!read_only && !req.query.empty())
        return Problem(ValidationError(unknown_parameters({})), c);
      absl::StatusOr<HttpResponse> r = body(c);
      if (read_only && !req.UnreadQueryNames().empty()) {
        if (r.ok()) return Problem(ValidationError(unknown_parameters({})), c);
        if (!FieldIssuesOf(r.status()).empty())
          return Problem(ValidationError(unknown_parameters(FieldIssuesOf(r.status()))), c);
      }
      if (r.ok()) return *std::move(r);
      return Problem(r.status(), c);
    };
  };

  // Authenticates by bearer token or session cookie; a cookie-authenticated unsafe
  // request must echo the CSRF token in X-CSRF-Token (double submit, compared with the
  // one stored in the session).
  auto authn = [this](Call& c) -> absl::StatusOr<AuthContext> {
    std::string token;
    bool via_cookie = false;
    std::string_view auth = c.req.Header("Authorization");
    if (absl::StartsWithIgnoreCase(ToAbsl(auth), "Bearer ")) {
      token = std::string(absl::StripAsciiWhitespace(ToAbsl(auth.substr(7))));
    } else if (std::optional<std::string> cookie = c.req.Cookie(kSessionCookie)) {
      token = *cookie;
      via_cookie = true;
    }
    if (token.empty()) return absl::UnauthenticatedError("session");
    ASSIGN_OR_RETURN(AuthContext ctx, services_.accounts.Authenticate(token, c.now));
    const std::string& m = c.req.method;
    bool unsafe = m != "GET" && m != "HEAD" && m != "OPTIONS";
    if (via_cookie && unsafe &&
        !ConstantTimeEquals(c.req.Header("X-CSRF-Token"), ctx.session.csrf_token))
      return absl::PermissionDeniedError("csrf");
    return ctx;
  };

  auto out_for = [](const AuthContext& ctx) {
    return Out{ZoneOrUtc(ctx.user.time_zone)};
  };

  // ---- Operations.
  router.Add("GET", "/healthz", [](HttpRequest&) {
    HttpResponse r;
    r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    r.body = "ok\n";
    return r;
  });
  router.Add("GET", "/readyz", [this](HttpRequest&) {
    HttpResponse r;
    bool ready = options_.ready();
    r.status = ready ? 200 : 503;
    r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    r.body = ready ? "ready\n" : "database unavailable\n";
    return r;
  });
  router.Add("GET", "/metrics", [this](HttpRequest&) {
    HttpResponse r;
    r.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.body = options_.metrics();
    return r;
  });
  router.Add("GET", "/api/v1/openapi.json", [](HttpRequest&) {
    HttpResponse r;
    r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.body = std::string(OpenApiDocument());
    return r;
  });

  // ---- Session.
  router.Add(
      "POST", "/api/v1/session", wrap([this](Call& c) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        std::string login = in.Str("login").value_or("");
        std::string password = in.Str("password").value_or("");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(LoginResult lr, services_.accounts.Login(login, password, c.req.remote_ip, c.now));
        HttpResponse r = JsonResponse(
            201, {{"token", lr.token},
                  {"csrf_token", lr.csrf_token},
                  {"user", UserJson(lr.user)},
                  {"alerts", AlertsJson(lr.alerts)}});
        r.headers.emplace_back("Set-Cookie", CookieHeader(kSessionCookie, lr.token, true,
                                                          options_.secure_cookies, false));
        r.headers.emplace_back("Set-Cookie", CookieHeader(kCsrfCookie, lr.csrf_token, false,
                                                          options_.secure_cookies, false));
        return r;
      }),
      RouteOptions{.blocking = true});
  router.Add("DELETE", "/api/v1/session",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               RETURN_IF_ERROR(NoBody(c.req));
               std::string token;
               std::string_view auth = c.req.Header("Authorization");
               if (absl::StartsWithIgnoreCase(ToAbsl(auth), "Bearer "))
                 token = std::string(absl::StripAsciiWhitespace(ToAbsl(auth.substr(7))));
               else
                 token = c.req.Cookie(kSessionCookie).value_or("");
               RETURN_IF_ERROR(services_.accounts.Logout(token));
               HttpResponse r;
               r.status = 204;
               r.headers.emplace_back(
                   "Set-Cookie", CookieHeader(kSessionCookie, "", true, options_.secure_cookies, true));
               r.headers.emplace_back(
                   "Set-Cookie", CookieHeader(kCsrfCookie, "", false, options_.secure_cookies, true));
               return r;
             }));
  router.Add("GET", "/api/v1/me", wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(Alerts alerts, services_.accounts.AlertsFor(ctx.user, c.now));
               ASSIGN_OR_RETURN(Settings s, services_.accounts.GetSettings());
               ASSIGN_OR_RETURN(bool has_feed, services_.calendar.HasFeed(ctx.user.id));
               ASSIGN_OR_RETURN(bool mail_configured, services_.messaging.MailConfigured());
               return JsonResponse(200, {{"user", UserJson(ctx.user)},
                                         {"alerts", AlertsJson(alerts)},
                                         {"settings",
                                          {{"company_name", s.company_name},
                                           {"time_zone", s.time_zone},
                                           {"return_alerts_enabled", s.return_alerts_enabled},
                                           {"mail_configured", mail_configured}}},
                                         {"today", FormatDate(TodayOf(ctx.user, c.now))},
                                         {"calendar_feed", has_feed},
                                         {"csrf_token", ctx.session.csrf_token}});
             }));

  // ---- Branches. Listed in the admin's order, retired ones only when asked for;
  // `position` is the place in the list of all of them.
  auto branch_list = [this](bool include_retired) -> absl::StatusOr<json> {
    ASSIGN_OR_RETURN(std::vector<Branch> branches, services_.accounts.ListBranches());
    json items = json::array();
    for (size_t i = 0; i < branches.size(); ++i)
      if (include_retired || branches[i].active)
        items.push_back(BranchJson(branches[i], static_cast<int>(i) + 1));
    return items;
  };
  auto branch_reply = [branch_list](int status, BranchId id) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json items, branch_list(true));
    for (json& b : items)
      if (b["id"] == id.value) return JsonResponse(status, b);
    return absl::NotFoundError("branch");
  };
  router.Add("GET", "/api/v1/branches",
             wrap([authn, branch_list](Call& c) -> absl::StatusOr<HttpResponse> {
               RETURN_IF_ERROR(authn(c).status());
               Issues issues;
               bool include_retired = IncludeRetired(c.req, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(json items, branch_list(include_retired));
               return JsonResponse(200, {{"items", items}});
             }));
  router.Add("POST", "/api/v1/branches",
             wrap([this, authn, branch_reply](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"name", "time_zone"});
               Branch b;
               b.name = in.Str("name").value_or("");
               b.time_zone = in.Str("time_zone").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(b, services_.accounts.CreateBranch(ctx, b));
               return branch_reply(201, b.id);
             }));
  router.Add("PATCH", "/api/v1/branches/{id}",
             wrap([this, authn, branch_reply](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(BranchId id, PathId<BranchId>(c.req, "id", "branch"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               BranchPatch p = ReadBranchPatch(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Branch b, services_.accounts.UpdateBranch(ctx, id, p));
               return branch_reply(200, b.id);
             }));

  // ---- Users.
  auto read_user = [](const json& body, Issues& issues) {
    JsonIn in(body, issues);
    in.NotNull({"login", "name", "email", "password", "role", "time_zone", "locale",
                "alert_on_login", "email_reminders", "active", "current_password"});
    UserInput u;
    u.login = in.Str("login");
    u.name = in.Str("name");
    u.email = in.Str("email");
    u.password = in.Str("password");
    u.role = ReadEnum<Role>(in, "role", &ParseRole);
    if (in.IsNull("branch_id"))
      u.branch_id = std::optional<BranchId>();
    else if (auto v = in.Int("branch_id"))
      u.branch_id = std::optional<BranchId>(BranchId(*v));
    u.time_zone = in.Str("time_zone");
    u.locale = in.Str("locale");
    u.alert_on_login = in.Bool("alert_on_login");
    if (in.IsNull("alert_every_minutes"))
      u.alert_every_minutes = std::optional<int>();
    else if (auto v = in.Int("alert_every_minutes"))
      u.alert_every_minutes = std::optional<int>(static_cast<int>(std::clamp<int64_t>(*v, -1, 100000)));
    u.email_reminders = ReadEnum<EmailReminders>(in, "email_reminders", &ParseEmailReminders);
    u.active = in.Bool("active");
    u.current_password = in.Str("current_password");
    return u;
  };
  router.Add("GET", "/api/v1/users", wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(std::vector<User> users, services_.accounts.ListUsers(ctx));
               json items = json::array();
               for (const User& u : users) items.push_back(UserJson(u));
               return JsonResponse(200, {{"items", items}});
             }));
  router.Add(
      "POST", "/api/v1/users",
      wrap([this, authn, read_user](Call& c) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        UserInput u = read_user(body, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(User created, services_.accounts.CreateUser(&ctx, u, c.now));
        return JsonResponse(201, UserJson(created));
      }),
      RouteOptions{.blocking = true});
  router.Add(
      "PATCH", "/api/v1/users/{id}",
      wrap([this, authn, read_user](Call& c) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
        ASSIGN_OR_RETURN(UserId id, PathId<UserId>(c.req, "id", "user"));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        UserInput u = read_user(body, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(User updated, services_.accounts.UpdateUser(ctx, id, u));
        return JsonResponse(200, UserJson(updated));
      }),
      RouteOptions{.blocking = true});

  // ---- Settings.
  auto settings_json = [](const Settings& s) {
    return json{{"company_name", s.company_name},
                {"time_zone", s.time_zone},
                {"return_alerts_enabled", s.return_alerts_enabled}};
  };
  router.Add("GET", "/api/v1/settings",
             wrap([this, authn, settings_json](Call& c) -> absl::StatusOr<HttpResponse> {
               RETURN_IF_ERROR(authn(c).status());
               ASSIGN_OR_RETURN(Settings s, services_.accounts.GetSettings());
               return JsonResponse(200, settings_json(s));
             }));
  router.Add("PUT", "/api/v1/settings",
             wrap([this, authn, settings_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"company_name", "time_zone", "return_alerts_enabled"});
               Settings s;
               s.company_name = RequireString(in, "company_name").value_or("");
               s.time_zone = RequireString(in, "time_zone").value_or("");
               std::optional<bool> alerts = in.Bool("return_alerts_enabled");
               if (!alerts) in.Require("return_alerts_enabled");
               s.return_alerts_enabled = alerts.value_or(true);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(s, services_.accounts.PutSettings(ctx, s));
               return JsonResponse(200, settings_json(s));
             }));

  // ---- Contact types and categories: names in the viewer's language (all three for
  // admins, who edit them), in the admin's order, retired ones only when asked for.
  for (auto [path, table] : {std::pair{"/api/v1/contact-types", CodeTable::kContactType},
                             std::pair{"/api/v1/categories", CodeTable::kCategory}}) {
    auto code_list = [this, table](const AuthContext& ctx, Lang lang,
                                   bool include_retired) -> absl::StatusOr<json> {
      ASSIGN_OR_RETURN(std::vector<CodeItem> items, services_.accounts.ListCodes(table));
      json arr = json::array();
      for (size_t i = 0; i < items.size(); ++i)
        if (include_retired || items[i].active)
          arr.push_back(CodeItemJson(items[i], static_cast<int>(i) + 1, lang,
                                     ctx.user.role == Role::kAdmin));
      return arr;
    };
    auto code_reply = [code_list](const AuthContext& ctx, Lang lang, int status,
                                  int64_t id) -> absl::StatusOr<HttpResponse> {
      ASSIGN_OR_RETURN(json items, code_list(ctx, lang, true));
      for (json& i : items)
        if (i["id"] == id) return JsonResponse(status, i);
      return absl::NotFoundError("code");
    };
    router.Add("GET", path, wrap([authn, code_list](Call& c) -> absl::StatusOr<HttpResponse> {
                 ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
                 Issues issues;
                 bool include_retired = IncludeRetired(c.req, issues);
                 RETURN_IF_ERROR(issues.ToStatus());
                 ASSIGN_OR_RETURN(json arr, code_list(ctx, c.lang, include_retired));
                 return JsonResponse(200, {{"items", arr}});
               }));
    router.Add("POST", path, wrap([this, authn, table, code_reply](Call& c) -> absl::StatusOr<HttpResponse> {
                 ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
                 ASSIGN_OR_RETURN(json body, ParseBody(c.req));
                 Issues issues;
                 JsonIn in(body, issues);
                 in.NotNull({"code", "name", "names"});
                 CodeItem item;
                 item.code = in.Str("code").value_or("");
                 item.name = in.Str("name").value_or("");
                 if (const json* names = in.Obj("names")) {
                   JsonIn nin(*names, issues, "names.");
                   nin.NotNull({"pt-BR", "es", "en"});
                   if (auto v = nin.Str("pt-BR")) item.name = *v;
                   item.name_es = nin.Str("es").value_or("");
                   item.name_en = nin.Str("en").value_or("");
                 }
                 RETURN_IF_ERROR(issues.ToStatus());
                 ASSIGN_OR_RETURN(item, services_.accounts.CreateCode(ctx, table, item));
                 return code_reply(ctx, c.lang, 201, item.id);
               }));
    router.Add("PATCH", absl::StrCat(path, "/{id}"),
               wrap([this, authn, table, code_reply](Call& c) -> absl::StatusOr<HttpResponse> {
                 ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
                 ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", "code"));
                 ASSIGN_OR_RETURN(json body, ParseBody(c.req));
                 Issues issues;
                 CodePatch p = ReadCodePatch(body, issues);
                 RETURN_IF_ERROR(issues.ToStatus());
                 ASSIGN_OR_RETURN(CodeItem item, services_.accounts.UpdateCode(ctx, table, id, p));
                 return code_reply(ctx, c.lang, 200, item.id);
               }));
  }

  // ---- Parties.
  router.Add("POST", "/api/v1/parties",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"code", "kind", "name", "email", "phone", "whatsapp", "contacts"});
               Party p;
               p.code = in.Str("code").value_or("");
               p.kind = ReadEnum<PartyKind>(in, "kind", &ParsePartyKind).value_or(PartyKind::kCustomer);
               p.name = in.Str("name").value_or("");
               p.email = in.Str("email").value_or("");
               p.phone = in.Str("phone").value_or("");
               p.whatsapp = in.Str("whatsapp").value_or("");
               p.tax_id = in.Str("tax_id").value_or("");
               p.birthday = in.Date("birthday");
               if (auto v = in.Int("branch_id")) p.branch_id = BranchId(*v);
               if (auto v = in.Int("owner_id")) p.owner_id = UserId(*v);
               p.contacts = ReadContacts(in, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(p, services_.parties.Create(ctx, std::move(p), c.now));
               // A birthday within the horizon shows on the calendar at once; the
               // birthday job would otherwise create it within the hour.
               absl::Status st = services_.birthdays.Ensure(p.id, c.now).status();
               if (!st.ok()) spdlog::warn("birthday follow-ups of party {}: {}", p.id.value, st.ToString());
               return PartyResponse(201, p, out_for(ctx));
             }));
  router.Add("GET", "/api/v1/parties",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               std::optional<PartyKind> kind = QueryEnum<PartyKind>(c.req, "kind", &ParsePartyKind, issues);
               int64_t limit = 50;
               if (auto l = QueryValue(c.req, "limit", issues)) {
                 if (!absl::SimpleAtoi(*l, &limit) || limit < 1 || limit > 200)
                   issues.Add("limit", "out_of_range");
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<Party> parties,
                                services_.parties.Search(c.req.Query("q").value_or(""), kind,
                                                static_cast<int>(limit)));
               Out out = out_for(ctx);
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Key("items").Array([&] {
                     for (const Party& p : parties) WriteParty(w, p, out);
                   });
                 });
               });
             }));
  router.Add("GET", "/api/v1/parties/{id}",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(PartyId id, PathId<PartyId>(c.req, "id", "party"));
               ASSIGN_OR_RETURN(Party p, services_.parties.Get(id));
               return PartyResponse(200, p, out_for(ctx));
             }));
  router.Add("PATCH", "/api/v1/parties/{id}",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(PartyId id, PathId<PartyId>(c.req, "id", "party"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"code", "kind", "name", "email", "phone", "whatsapp", "contacts"});
               PartyPatch patch;
               patch.code = in.Str("code");
               patch.kind = ReadEnum<PartyKind>(in, "kind", &ParsePartyKind);
               patch.name = in.Str("name");
               patch.email = in.Str("email");
               patch.phone = in.Str("phone");
               patch.whatsapp = in.Str("whatsapp");
               patch.tax_id = in.Str("tax_id");
               if (in.Has("birthday")) patch.birthday = in.Date("birthday");
               if (in.Has("branch_id")) {
                 patch.branch_id.emplace();
                 if (auto v = in.Int("branch_id")) *patch.branch_id = BranchId(*v);
               }
               if (in.Has("owner_id")) {
                 patch.owner_id.emplace();
                 if (auto v = in.Int("owner_id")) *patch.owner_id = UserId(*v);
               }
               if (in.Has("contacts")) patch.contacts = ReadContacts(in, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(patch.expected_version, IfMatchVersion(c.req));
               ASSIGN_OR_RETURN(Party p, services_.parties.Update(ctx, id, patch, c.now));
               return PartyResponse(200, p, out_for(ctx));
             }));

  // ---- Follow-ups.
  router.Add(
      "POST", "/api/v1/followups",
      wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        in.NotNull({"subject", "category", "priority", "contact", "cc", "notes"});
        CreateFollowupInput f;
        if (auto v = in.Int("document_id")) f.document_id = DocumentId(*v);
        if (auto v = in.Int("party_id")) f.party_id = PartyId(*v);
        else if (!in.Has("party_id") && !f.document_id) issues.Add("party_id", "required");
        f.subject = in.Str("subject").value_or("");
        if (auto v = in.Int("owner_id")) f.owner_id = UserId(*v);
        f.category = in.Str("category").value_or("");
        f.priority = ReadEnum<Priority>(in, "priority", &ParsePriority).value_or(Priority::kMedium);
        f.contact = ReadContact(in, "contact");
        f.cc = in.StrList("cc").value_or(std::vector<std::string>{});
        f.contact_at = in.Instant("contact_at");
        if (const json* notes = in.Obj("notes")) {
          JsonIn nin(*notes, issues, "notes.");
          nin.NotNull({"followup", "complaint", "internal"});
          f.note_followup = nin.Str("followup").value_or("");
          f.note_complaint = nin.Str("complaint").value_or("");
          f.note_internal = nin.Str("internal").value_or("");
        }
        if (const json* na = in.Obj("next_action")) f.next_action = ReadAction(*na, issues, "next_action.");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(CreatedFollowup created, services_.followups.Create(ctx, f, c.now));
        HttpResponse r = DetailResponse(201, created.detail, out_for(ctx), &created.upcoming_dates);
        r.headers.emplace_back("Location", absl::StrCat("/api/v1/followups/", created.detail.followup.id.value));
        return r;
      }));
  router.Add("GET", "/api/v1/followups/{id}",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(FollowupId id, PathId<FollowupId>(c.req, "id", "followup"));
               ASSIGN_OR_RETURN(FollowupDetail d, services_.followups.Get(ctx, id, c.now));
               if (EtagListMatches(c.req.Header("If-None-Match"), ETagOf(d.followup.version))) {
                 HttpResponse r;
                 r.status = 304;
                 r.headers.emplace_back("ETag", ETagOf(d.followup.version));
                 return r;
               }
               return DetailResponse(200, d, out_for(ctx));
             }));
  router.Add(
      "PATCH", "/api/v1/followups/{id}",
      wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
        ASSIGN_OR_RETURN(FollowupId id, PathId<FollowupId>(c.req, "id", "followup"));
        ASSIGN_OR_RETURN(std::optional<int64_t> if_match, IfMatchVersion(c.req));
        if (!if_match) return absl::FailedPreconditionError("if_match_required");
        PatchFollowupInput p;
        p.expected_version = *if_match;
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        in.NotNull({"subject", "owner_id", "category", "priority", "contact", "cc", "contact_at"});
        p.subject = in.Str("subject");
        if (auto v = in.Int("owner_id")) p.owner_id = UserId(*v);
        p.category = in.Str("category");
        p.priority = ReadEnum<Priority>(in, "priority", &ParsePriority);
        p.contact = ReadContact(in, "contact");
        p.cc = in.StrList("cc");
        p.contact_at = in.Instant("contact_at");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(FollowupDetail d, services_.followups.Patch(ctx, id, p, c.now));
        return DetailResponse(200, d, out_for(ctx));
      }));
  router.Add(
      "GET", "/api/v1/followups",
      wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
        Issues issues;
        FollowupListInput q;
        if (auto s = QueryValue(c.req, "status", issues); s && *s != "all")
          q.status = QueryEnum<FollowupStatus>(c.req, "status", &ParseFollowupStatus, issues);
        q.state = QueryEnum<FollowupState>(c.req, "state", &ParseFollowupState, issues);
        if (auto v = QueryInt(c.req, "owner_id", issues)) q.owner_id = UserId(*v);
        if (auto v = QueryInt(c.req, "branch_id", issues)) q.branch_id = BranchId(*v);
        if (auto v = QueryInt(c.req, "party_id", issues)) q.party_id = PartyId(*v);
        if (auto v = QueryValue(c.req, "category", issues)) q.category = *v;
        q.priority = QueryEnum<Priority>(c.req, "priority", &ParsePriority, issues);
        q.from = QueryDate(c.req, "from", issues);
        q.to = QueryDate(c.req, "to", issues);
        if (q.from && q.to && *q.from > *q.to) issues.Add("to", "before_from");
        q.contact_from = QueryDate(c.req, "contact_from", issues);
        q.contact_to = QueryDate(c.req, "contact_to", issues);
        if (q.contact_from && q.contact_to && *q.contact_from > *q.contact_to)
          issues.Add("contact_to", "before_from");
        q.text = c.req.Query("q").value_or("");
        if (q.text.size() > 200) issues.Add("q", "too_long");
        q.order = QueryEnum<FollowupQuery::Order>(c.req, "sort", &ParseOrder, issues)
                      .value_or(FollowupQuery::Order::kDue);
        if (auto l = QueryValue(c.req, "limit", issues)) {
          int64_t limit = 0;
          if (!absl::SimpleAtoi(*l, &limit) || limit < 1 || limit > 200)
            issues.Add("limit", "out_of_range");
          else
            q.limit = static_cast<int>(limit);
        }
        q.cursor = QueryValue(c.req, "cursor", issues).value_or("");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(FollowupList list, services_.followups.List(ctx, q, c.now));
        Out out = out_for(ctx);
        return WrittenResponse(200, [&](JsonWriter& w) {
          w.Object([&] {
            w.Key("items").Array([&] {
              for (const FollowupListItem& i : list.items)
                w.Object([&] { WriteFollowupFields(w, i.row.followup, i.row.party, i.state, out); });
            });
            WriteCursor(w, list.next_cursor);
            w.Field("total", list.total);
          });
        });
      }));

  // ---- Entries.
  router.Add("POST", "/api/v1/followups/{id}/entries",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(FollowupId id, PathId<FollowupId>(c.req, "id", "followup"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"kind", "body", "draft"});
               EntryInput e;
               e.kind = ReadEnum<EntryKind>(in, "kind", &ParseEntryKind);
               e.body = in.Str("body").value_or("");
               e.contact_at = in.Instant("contact_at");
               e.draft = in.Bool("draft").value_or(false);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Entry created, services_.followups.AddEntry(ctx, id, e, c.now));
               return WrittenResponse(201, [&](JsonWriter& w) { WriteEntry(w, created, out_for(ctx)); });
             }));
  router.Add("POST", "/api/v1/entries/{id}/publish",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               RETURN_IF_ERROR(NoBody(c.req));
               ASSIGN_OR_RETURN(EntryId id, PathId<EntryId>(c.req, "id", "entry"));
               ASSIGN_OR_RETURN(Entry e, services_.followups.PublishEntry(ctx, id, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) { WriteEntry(w, e, out_for(ctx)); });
             }));

  // ---- Actions (returns).
  router.Add("POST", "/api/v1/followups/{id}/actions",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(FollowupId id, PathId<FollowupId>(c.req, "id", "followup"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               ActionInput a = ReadAction(body, issues, "");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<Action> created,
                                services_.followups.ScheduleAction(ctx, id, a, c.now));
               Out out = out_for(ctx);
               return WrittenResponse(201, [&](JsonWriter& w) {
                 WriteAction(w, created.front(), out, [&] {
                   w.Key("series").Array([&] {
                     for (const Action& x : created) WriteAction(w, x, out);
                   });
                 });
               });
             }));
  // After a return is handled (done, moved, cancelled, its follow-up closed), the
  // caller's open apps get fresh counts: their bell drops its reminder (the store marked
  // it read) and the alert counts follow. Best effort: the change itself is committed.
  auto returns_changed = [this](const AuthContext& ctx, absl::Time now) {
    // Nobody to tell (an integration, a closed tab): no counts to read.
    if (!services_.events.Connected(ctx.user.id)) return;
    absl::StatusOr<Alerts> alerts = services_.accounts.AlertsFor(ctx.user, now);
    absl::StatusOr<Settings> settings = services_.accounts.GetSettings();
    absl::StatusOr<int64_t> unread = services_.messaging.UnreadCount(ctx.user.id);
    if (!alerts.ok() || !settings.ok() || !unread.ok()) return;
    UserEvent summary;
    summary.kind = UserEvent::Kind::kSummary;
    summary.due_today = alerts->due_today;
    summary.overdue = alerts->overdue;
    summary.unread = *unread;
    summary.alerts_enabled = settings->return_alerts_enabled && ctx.user.alert_on_login;
    services_.events.Publish(ctx.user.id, summary);
  };
  router.Add("POST", "/api/v1/actions/{id}/complete",
             wrap([this, authn, out_for, returns_changed](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(ActionId id, PathId<ActionId>(c.req, "id", "action"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"result", "resolution"});
               CompleteInput ci;
               ci.result = in.Str("result").value_or("");
               ci.resolution = in.Str("resolution").value_or("");
               ci.result_at = in.Instant("result_at");
               if (const json* na = in.Obj("next_action"))
                 ci.next_action = ReadAction(*na, issues, "next_action.");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(FollowupDetail d, services_.followups.CompleteAction(ctx, id, ci, c.now));
               returns_changed(ctx, c.now);
               return DetailResponse(200, d, out_for(ctx));
             }));
  router.Add("POST", "/api/v1/actions/{id}/reschedule",
             wrap([this, authn, out_for, returns_changed](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(ActionId id, PathId<ActionId>(c.req, "id", "action"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"due_date", "reason"});
               RescheduleInput ri;
               ri.due_date = in.Date("due_date");
               ri.due_minutes = in.TimeOfDay("due_time");
               ri.remind_at = in.Instant("remind_at");
               ri.reason = in.Str("reason").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(FollowupDetail d, services_.followups.RescheduleAction(ctx, id, ri, c.now));
               returns_changed(ctx, c.now);
               return DetailResponse(200, d, out_for(ctx));
             }));
  // Commands that take one text field and answer the follow-up: cancel a return, close
  // and reopen a follow-up.
  auto text_command = [&](const char* pattern, const char* resource, const char* field,
                          auto command) {
    router.Add("POST", pattern,
               wrap([this, authn, out_for, resource, field, command,
                     returns_changed](Call& c) -> absl::StatusOr<HttpResponse> {
                 ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
                 auto it = c.req.path_params.find("id");
                 int64_t id = 0;
                 if (it == c.req.path_params.end() || !absl::SimpleAtoi(it->second, &id) || id <= 0)
                   return absl::NotFoundError(resource);
                 ASSIGN_OR_RETURN(json body, ParseBody(c.req));
                 Issues issues;
                 JsonIn in(body, issues);
                 in.NotNull({field});
                 std::string text = in.Str(field).value_or("");
                 RETURN_IF_ERROR(issues.ToStatus());
                 ASSIGN_OR_RETURN(FollowupDetail d, command(services_.followups, ctx, id, text, c.now));
                 returns_changed(ctx, c.now);
                 return DetailResponse(200, d, out_for(ctx));
               }));
  };
  text_command("/api/v1/actions/{id}/cancel", "action", "reason",
               [](FollowupService& s, const AuthContext& ctx, int64_t id, const std::string& t,
                  absl::Time now) { return s.CancelAction(ctx, ActionId(id), t, now); });
  text_command("/api/v1/followups/{id}/close", "followup", "result",
               [](FollowupService& s, const AuthContext& ctx, int64_t id, const std::string& t,
                  absl::Time now) { return s.Close(ctx, FollowupId(id), t, now); });
  text_command("/api/v1/followups/{id}/reopen", "followup", "reason",
               [](FollowupService& s, const AuthContext& ctx, int64_t id, const std::string& t,
                  absl::Time now) { return s.Reopen(ctx, FollowupId(id), t, now); });

  // ---- Attachments.
  router.Add("POST", "/api/v1/followups/{id}/attachments",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(FollowupId id, PathId<FollowupId>(c.req, "id", "followup"));
               std::string_view ct = c.req.Header("Content-Type");
               if (!absl::StartsWithIgnoreCase(ToAbsl(ct), "multipart/form-data"))
                 return absl::UnimplementedError("unsupported_media_type");
               auto parts = ParseMultipart(ct, c.req.body);
               if (!parts.ok()) return FieldError("file", "invalid_value");
               const MultipartPart* file = nullptr;
               for (const MultipartPart& p : *parts)
                 if (p.name == "file") file = &p;
               if (file == nullptr) return FieldError("file", "required");
               ASSIGN_OR_RETURN(Attachment a,
                                services_.followups.AddAttachment(ctx, id, file->filename,
                                                         std::string(file->data), c.now));
               return WrittenResponse(201, [&](JsonWriter& w) { WriteAttachment(w, a, out_for(ctx)); });
             }));
  router.Add("GET", "/api/v1/attachments/{id}",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(AttachmentId id, PathId<AttachmentId>(c.req, "id", "attachment"));
               ASSIGN_OR_RETURN(auto found, services_.followups.GetAttachment(ctx, id));
               const Attachment& a = found.first;
               HttpResponse r;
               const bool inline_ok = a.content_type == "application/pdf" ||
                                      (a.content_type.starts_with("image/") &&
                                       a.content_type != "image/svg+xml");
               r.headers.emplace_back("Content-Type", a.content_type);
               r.headers.emplace_back(
                   "Content-Disposition",
                   absl::StrCat(inline_ok ? "inline" : "attachment", "; filename*=UTF-8''",
                                EncodeRfc5987(a.file_name)));
               r.headers.emplace_back("ETag", absl::StrCat("\"", a.sha256, "\""));
               r.headers.emplace_back("Cache-Control", "private, max-age=3600");
               // The bytes are the customer's: never let them run as part of the app.
               r.headers.emplace_back("Content-Security-Policy", "sandbox");
               r.body = std::move(found.second);
               return r;
             }));

  // ---- Agenda.
  router.Add("GET", "/api/v1/agenda",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               AgendaInput q;
               q.scope = QueryEnum<Scope>(c.req, "scope", &ParseScope, issues).value_or(Scope::kMine);
               q.from = QueryDate(c.req, "from", issues);
               q.to = QueryDate(c.req, "to", issues);
               q.when = QueryEnum<AgendaWhen>(c.req, "when", &ParseWhen, issues)
                            .value_or(q.from || q.to ? AgendaWhen::kRange : AgendaWhen::kToday);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<AgendaItem> rows, services_.followups.Agenda(ctx, q, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] { WriteAgendaItems(w.Key("items"), rows, out_for(ctx)); });
               });
             }));

  // ---- Catalogue, sales documents and their CSV import (manual 002).
  auto read_catalog = [](const json& body, Issues& issues) {
    JsonIn in(body, issues);
    in.NotNull({"code", "kind", "name", "active", "followup"});
    CatalogInput c;
    c.code = in.Str("code");
    c.kind = ReadEnum<CatalogKind>(in, "kind", &ParseCatalogKind);
    c.name = in.Str("name");
    c.active = in.Bool("active");
    if (in.IsNull("followup_days")) c.followup_days = std::optional<int>();
    else if (auto d = in.Int("followup_days"))
      c.followup_days = static_cast<int>(std::clamp<int64_t>(*d, -1, 100000));
    if (const json* t = in.Obj("followup")) {
      JsonIn tin(*t, issues, "followup.");
      tin.NotNull({"subject", "category", "type", "message"});
      c.followup = FollowupTemplate{tin.Str("subject").value_or(""), tin.Str("category").value_or(""),
                                    tin.Str("type").value_or(""), tin.Str("message").value_or("")};
    }
    return c;
  };
  router.Add("GET", "/api/v1/catalog",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               std::optional<CatalogKind> kind = QueryEnum<CatalogKind>(c.req, "kind", &ParseCatalogKind, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<CatalogItem> items,
                                services_.catalog.Search(c.req.Query("q").value_or(""), kind, 500));
               json out = json::array();
               for (const CatalogItem& i : items) out.push_back(CatalogItemJson(i));
               return JsonResponse(200, {{"items", out}});
             }));
  router.Add("POST", "/api/v1/catalog",
             wrap([this, authn, read_catalog](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               CatalogInput in = read_catalog(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(CatalogItem item, services_.catalog.Create(ctx, in, c.now));
               return JsonResponse(201, CatalogItemJson(item));
             }));
  router.Add("PATCH", "/api/v1/catalog/{id}",
             wrap([this, authn, read_catalog](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(CatalogItemId id, PathId<CatalogItemId>(c.req, "id", "catalog_item"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               CatalogInput in = read_catalog(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(CatalogItem item, services_.catalog.Update(ctx, id, in, c.now));
               return JsonResponse(200, CatalogItemJson(item));
             }));

  auto read_document = [](const json& body, Issues& issues) {
    JsonIn in(body, issues);
    in.NotNull({"kind", "number", "party_code", "date", "status", "items"});
    DocumentInput d;
    d.kind = ReadEnum<DocumentKind>(in, "kind", &ParseDocumentKind);
    d.number = in.Str("number").value_or("");
    if (auto v = in.Int("party_id")) d.party_id = PartyId(*v);
    d.party_code = in.Str("party_code").value_or("");
    d.date = in.Date("date");
    d.status = ReadEnum<DocumentStatus>(in, "status", &ParseDocumentStatus);
    d.completed_on = in.Date("completed_on");
    if (auto v = in.Int("owner_id")) d.owner_id = UserId(*v);
    if (const json* items = in.Arr("items")) {
      for (size_t i = 0; i < items->size(); ++i) {
        const std::string prefix = absl::StrCat("items[", i, "].");
        JsonIn iin((*items)[i], issues, prefix);
        iin.NotNull({"item_code", "description"});
        DocumentItemInput it;
        it.item_code = iin.Str("item_code").value_or("");
        it.description = iin.Str("description").value_or("");
        if (const json* q = iin.Raw("quantity")) {
          if (q->is_number()) it.quantity = q->get<double>();
          else issues.Add(prefix + "quantity", "invalid_number");
        }
        d.items.push_back(std::move(it));
      }
    }
    return d;
  };
  router.Add("GET", "/api/v1/documents",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               DocumentListInput in;
               in.text = c.req.Query("q").value_or("");
               in.kind = QueryEnum<DocumentKind>(c.req, "kind", &ParseDocumentKind, issues);
               if (auto p = QueryInt(c.req, "party_id", issues)) in.party_id = PartyId(*p);
               if (auto l = QueryValue(c.req, "limit", issues)) {
                 int64_t limit = 0;
                 if (!absl::SimpleAtoi(*l, &limit) || limit < 1 || limit > 200) issues.Add("limit", "out_of_range");
                 else in.limit = static_cast<int>(limit);
               }
               in.cursor = QueryValue(c.req, "cursor", issues).value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(DocumentList list, services_.documents.List(ctx, in));
               Out out = out_for(ctx);
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Key("items").Array([&] {
                     for (const DocumentListItem& i : list.items)
                       WriteDocument(w, i.row.document, i.row.party, {}, i.can_change, out);
                   });
                   WriteCursor(w, list.next_cursor);
                 });
               });
             }));
  router.Add("GET", "/api/v1/documents/{id}",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(DocumentId id, PathId<DocumentId>(c.req, "id", "document"));
               ASSIGN_OR_RETURN(DocumentView v, services_.documents.Get(ctx, id, c.now));
               HttpResponse r = DocumentResponse(200, v, out_for(ctx));
               r.headers.emplace_back("ETag", ETagOf(v.document.version));
               return r;
             }));
  router.Add("POST", "/api/v1/documents",
             wrap([this, authn, out_for, read_document](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               DocumentInput in = read_document(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(DocumentView v, services_.documents.Create(ctx, in, c.now));
               HttpResponse r = DocumentResponse(201, v, out_for(ctx));
               r.headers.emplace_back("Location", absl::StrCat("/api/v1/documents/", v.document.id.value));
               return r;
             }));
  router.Add("PUT", "/api/v1/documents/{id}",
             wrap([this, authn, out_for, read_document](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(DocumentId id, PathId<DocumentId>(c.req, "id", "document"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               DocumentInput in = read_document(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(in.expected_version, IfMatchVersion(c.req));
               ASSIGN_OR_RETURN(DocumentView v, services_.documents.Replace(ctx, id, in, c.now));
               HttpResponse r = DocumentResponse(200, v, out_for(ctx));
               r.headers.emplace_back("ETag", ETagOf(v.document.version));
               return r;
             }));
  router.Add("POST", "/api/v1/documents/{id}/cancel",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               RETURN_IF_ERROR(NoBody(c.req));
               ASSIGN_OR_RETURN(DocumentId id, PathId<DocumentId>(c.req, "id", "document"));
               ASSIGN_OR_RETURN(DocumentView v, services_.documents.Cancel(ctx, id, c.now));
               return DocumentResponse(200, v, out_for(ctx));
             }));
  router.Add("POST", "/api/v1/imports/documents",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               std::string name = std::string(c.req.Header("X-File-Name"));
               if (std::optional<std::string> decoded = PercentDecode(name, false)) name = *decoded;
               name = SafeFileName(name);
               ASSIGN_OR_RETURN(ImportRun run, services_.imports.Enqueue(ctx, name, c.req.body, c.now));
               HttpResponse r = JsonResponse(202, ImportJson(run, out_for(ctx), c.lang));
               r.headers.emplace_back("Location", absl::StrCat("/api/v1/imports/", run.id));
               return r;
             }));
  router.Add("GET", "/api/v1/imports",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(std::vector<ImportRun> runs, services_.imports.List(ctx, 20));
               json items = json::array();
               Out out = out_for(ctx);
               for (const ImportRun& r : runs) items.push_back(ImportJson(r, out, c.lang));
               return JsonResponse(200, {{"items", items}});
             }));
  router.Add("GET", "/api/v1/imports/{id}",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", "import"));
               ASSIGN_OR_RETURN(ImportRun run, services_.imports.Get(ctx, id));
               return JsonResponse(200, ImportJson(run, out_for(ctx), c.lang));
             }));

  // ---- CRM calendar (manual 002).
  auto calendar_scope = [](Call& c, Issues& issues) {
    CalendarScopeInput s;
    s.scope = QueryEnum<Scope>(c.req, "scope", &ParseScope, issues).value_or(Scope::kMine);
    if (std::optional<int64_t> u = QueryInt(c.req, "user_id", issues)) s.user_id = UserId(*u);
    return s;
  };
  router.Add("GET", "/api/v1/calendar",
             wrap([this, authn, calendar_scope](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               CalendarScopeInput scope = calendar_scope(c, issues);
               std::optional<absl::CivilMonth> month;
               if (c.req.Query("month") && c.req.Query("month")->empty()) {
                 issues.Add("month", "empty_value");
               } else if (std::optional<std::string> m = c.req.Query("month")) {
                 std::optional<absl::CivilDay> d = ParseDate(*m + "-01");
                 if (!d || m->size() != 7) issues.Add("month", "invalid_value");
                 else month = absl::CivilMonth(*d);
               } else {
                 month = absl::CivilMonth(TodayOf(ctx.user, c.now));
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(CalendarMonth m, services_.calendar.Month(ctx, scope, *month, c.now));
               json days = json::array();
               for (const CalendarDay& d : m.days)
                 days.push_back({{"date", FormatDate(d.date)},
                                 {"total", d.done + d.planned},
                                 {"done", d.done},
                                 {"planned", d.planned},
                                 {"colour", ToString(d.colour)}});
               return JsonResponse(200, {{"month", FormatDate(absl::CivilDay(m.month)).substr(0, 7)},
                                         {"today", FormatDate(m.today)},
                                         {"days", days}});
             }));
  router.Add("GET", "/api/v1/calendar/day",
             wrap([this, authn, out_for, calendar_scope](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               CalendarScopeInput scope = calendar_scope(c, issues);
               std::optional<absl::CivilDay> day = QueryDate(c.req, "date", issues);
               // `?date=` is as missing as no parameter at all: QueryDate reads it as
               // absent and records nothing, so say it is required.
               if (!day && c.req.Query("date").value_or("").empty()) issues.Add("date", "required");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<AgendaItem> rows, services_.calendar.Day(ctx, scope, *day, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Field("date", FormatDate(*day));
                   WriteAgendaItems(w.Key("items"), rows, out_for(ctx));
                 });
               });
             }));
  router.Add("POST", "/api/v1/me/calendar-feed",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               RETURN_IF_ERROR(NoBody(c.req));
               ASSIGN_OR_RETURN(std::string token, services_.calendar.CreateFeed(ctx, c.now));
               // Absolute, for pasting into Google Calendar or Outlook; built from the
               // configured address: a forged Host header must not make Retorno hand
               // out a link to someone else's server.
               return JsonResponse(201, {{"url", absl::StrCat(options_.public_url(),
                                                             "/api/v1/calendar/feed/", token, ".ics")}});
             }));
  router.Add("DELETE", "/api/v1/me/calendar-feed",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               RETURN_IF_ERROR(NoBody(c.req));
               RETURN_IF_ERROR(services_.calendar.DeleteFeed(ctx));
               HttpResponse r;
               r.status = 204;
               return r;
             }));
  // The feed itself: the token in the URL is the credential (calendar apps send no
  // cookie or header); revoking it or making a new one ends the old URL.
  router.Add("GET", "/api/v1/calendar/feed/{token}",
             wrap([this](Call& c) -> absl::StatusOr<HttpResponse> {
               // Calendar apps add parameters of their own to a subscribed URL; a
               // refused feed would silently stop syncing, so every one is accepted.
               for (const auto& [name, value] : c.req.query) c.req.Query(name);
               std::string token = c.req.path_params.at("token");
               if (absl::EndsWith(token, ".ics")) token.resize(token.size() - 4);
               ASSIGN_OR_RETURN(std::string ics, services_.calendar.Feed(token, c.now));
               HttpResponse r;
               r.headers.emplace_back("Content-Type", "text/calendar; charset=utf-8");
               r.headers.emplace_back("Cache-Control", "private, max-age=300");
               r.body = std::move(ics);
               return r;
             }));
  router.Add("POST", "/api/v1/opportunities",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"company", "contact_name", "email", "phone", "whatsapp"});
               OpportunityInput o;
               if (auto v = in.Int("party_id")) o.party_id = PartyId(*v);
               o.company = in.Str("company").value_or("");
               o.contact_name = in.Str("contact_name").value_or("");
               o.email = in.Str("email").value_or("");
               o.phone = in.Str("phone").value_or("");
               o.whatsapp = in.Str("whatsapp").value_or("");
               o.contact_at = in.Instant("contact_at");
               o.next_contact_date = in.Date("next_contact_date");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(CreatedOpportunity r, services_.calendar.CreateOpportunity(ctx, o, c.now));
               return WrittenResponse(201, [&](JsonWriter& w) {
                 w.Object([&] {
                   WritePartyRef(w.Key("party"), r.party);
                   WriteFollowupDetail(w.Key("followup"), r.followup.detail, out_for(ctx));
                 });
               });
             }));

  // ---- Reminders, notifications and e-mail.
  // Server-Sent Events: a summary at once, then what the jobs publish for this user.
  router.Add("GET", "/api/v1/events",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(Alerts alerts, services_.accounts.AlertsFor(ctx.user, c.now));
               ASSIGN_OR_RETURN(Settings settings, services_.accounts.GetSettings());
               ASSIGN_OR_RETURN(int64_t unread, services_.messaging.UnreadCount(ctx.user.id));
               UserEvent summary;
               summary.kind = UserEvent::Kind::kSummary;
               summary.due_today = alerts.due_today;
               summary.overdue = alerts.overdue;
               summary.unread = unread;
               summary.alerts_enabled = settings.return_alerts_enabled && ctx.user.alert_on_login;
               auto stream = std::make_shared<ResponseStream>();
               stream->Write("retry: 5000\n\n" + SseFrame(summary, out_for(ctx).zone));
               services_.events.Add(ctx.user.id, stream);
               HttpResponse r;
               r.headers.emplace_back("Content-Type", "text/event-stream; charset=utf-8");
               r.headers.emplace_back("Cache-Control", "no-store");
               r.headers.emplace_back("X-Accel-Buffering", "no");
               r.stream = std::move(stream);
               return r;
             }));

  router.Add("GET", "/api/v1/notifications",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               std::optional<int64_t> limit = QueryInt(c.req, "limit", issues);
               std::optional<std::string> unread = QueryValue(c.req, "unread", issues);
               if (unread && *unread != "true" && *unread != "false")
                 issues.Add("unread", "invalid_value");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(NotificationList list,
                                services_.messaging.ListNotifications(
                                    ctx, unread && *unread == "true",
                                    static_cast<int>(std::clamp<int64_t>(limit.value_or(50), 1, 200))));
               json items = json::array();
               for (const NotificationView& v : list.items)
                 items.push_back(NotificationJson(v, out_for(ctx).zone));
               return JsonResponse(200, {{"items", items}, {"unread", list.unread}});
             }));
  router.Add("POST", "/api/v1/notifications/read-all",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               RETURN_IF_ERROR(NoBody(c.req));
               RETURN_IF_ERROR(services_.messaging.MarkAllRead(ctx, c.now));
               HttpResponse r;
               r.status = 204;
               return r;
             }));
  router.Add("POST", "/api/v1/notifications/{id}/read",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               RETURN_IF_ERROR(NoBody(c.req));
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", "notification"));
               RETURN_IF_ERROR(services_.messaging.MarkRead(ctx, id, c.now));
               HttpResponse r;
               r.status = 204;
               return r;
             }));
  router.Add("POST", "/api/v1/notifications/{id}/snooze",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", "notification"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               std::optional<SnoozeChoice> until =
                   ReadEnum<SnoozeChoice>(in, "until", &ParseSnoozeChoice);
               if (!until) in.Require("until");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(NotificationView v, services_.messaging.Snooze(ctx, id, *until, c.now));
               return JsonResponse(200, NotificationJson(v, out_for(ctx).zone));
             }));

  // ---- SMTP settings and mail health (admins).
  auto smtp_json = [](const SmtpView& v) {
    const SmtpSettings& s = v.settings;
    return json{{"host", s.host},
                {"port", s.port},
                {"security", s.security == SmtpSecurity::kNone  ? "none"
                             : s.security == SmtpSecurity::kTls ? "tls"
                                                                : "starttls"},
                {"username", s.username},
                {"password_set", v.password_set},
                {"sender_name", s.sender_name},
                {"sender_email", s.sender_email}};
  };
  router.Add("GET", "/api/v1/settings/smtp",
             wrap([this, authn, smtp_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(SmtpView v, services_.messaging.GetSmtp(ctx));
               return JsonResponse(200, smtp_json(v));
             }));
  router.Add("PUT", "/api/v1/settings/smtp",
             wrap([this, authn, smtp_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"host", "port", "security", "username", "sender_name", "sender_email"});
               SmtpInput s;
               s.host = in.Str("host").value_or("");
               s.port = static_cast<int>(std::clamp<int64_t>(in.Int("port").value_or(587), -1, 70000));
               if (std::optional<std::string> sec = in.Str("security")) {
                 if (*sec == "none") s.security = SmtpSecurity::kNone;
                 else if (*sec == "starttls") s.security = SmtpSecurity::kStartTls;
                 else if (*sec == "tls") s.security = SmtpSecurity::kTls;
                 else issues.Add("security", "invalid_value");
               }
               s.username = in.Str("username").value_or("");
               if (in.Has("password") && !in.IsNull("password")) s.password = in.Str("password");
               s.sender_name = in.Str("sender_name").value_or("");
               s.sender_email = in.Str("sender_email").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(SmtpView v, services_.messaging.PutSmtp(ctx, s));
               return JsonResponse(200, smtp_json(v));
             }));
  auto outbox_json = [](const OutboxMessage& m, const Out& out) {
    json log = json::array();
    for (const OutboxEvent& e : m.log)
      log.push_back({{"at", out.Instant(e.at)}, {"event", e.event}, {"detail", e.detail}});
    return json{{"id", m.id},
                {"kind", ToString(m.kind)},
                {"followup_id", Nullable(OptId(m.followup_id))},
                {"action_id", Nullable(OptId(m.action_id))},
                {"to", m.to},
                {"cc", m.cc},
                {"subject", m.subject},
                {"state", ToString(m.state)},
                {"attempts", m.attempts},
                {"next_attempt_at", Nullable(out.OptInstant(m.next_attempt_at))},
                {"last_error", m.last_error},
                {"message_id", m.message_id},
                {"created_at", out.Instant(m.created_at)},
                {"sent_at", Nullable(out.OptInstant(m.sent_at))},
                {"log", std::move(log)}};
  };
  router.Add("POST", "/api/v1/settings/smtp/test",
             wrap([this, authn, out_for, outbox_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               std::string to = in.Str("to").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(OutboxMessage m, services_.messaging.SendTestMail(ctx, to, c.now));
               return JsonResponse(202, outbox_json(m, out_for(ctx)));
             }));
  router.Add("GET", "/api/v1/mail/health",
             wrap([this, authn, out_for](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(MailHealth h, services_.messaging.Health(ctx));
               Out out = out_for(ctx);
               json failure = nullptr;
               if (h.last_failure)
                 failure = {{"at", out.Instant(h.last_failure->at)},
                            {"outbox_id", h.last_failure_outbox_id},
                            {"error", h.last_failure->detail}};
               return JsonResponse(200, {{"scheduler_last_tick_at", Nullable(out.OptInstant(h.scheduler_last_tick))},
                                         {"outbox_queued", h.outbox_queued},
                                         {"outbox_failed", h.outbox_failed},
                                         {"last_failure", failure},
                                         {"smtp_configured", h.smtp_configured}});
             }));
  router.Add("GET", "/api/v1/outbox",
             wrap([this, authn, out_for, outbox_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               Issues issues;
               std::optional<OutboxState> state =
                   QueryEnum<OutboxState>(c.req, "state", &ParseOutboxState, issues);
               std::optional<int64_t> limit = QueryInt(c.req, "limit", issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<OutboxMessage> list,
                                services_.messaging.ListOutbox(ctx, state, static_cast<int>(std::clamp<int64_t>(limit.value_or(100), 1, 500))));
               json items = json::array();
               for (const OutboxMessage& m : list) items.push_back(outbox_json(m, out_for(ctx)));
               return JsonResponse(200, {{"items", items}});
             }));
  router.Add("GET", "/api/v1/followups/{id}/emails",
             wrap([this, authn, out_for, outbox_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(FollowupId id, PathId<FollowupId>(c.req, "id", "followup"));
               ASSIGN_OR_RETURN(std::vector<OutboxMessage> list, services_.messaging.FollowupEmails(ctx, id));
               json items = json::array();
               for (const OutboxMessage& m : list) items.push_back(outbox_json(m, out_for(ctx)));
               return JsonResponse(200, {{"items", items}});
             }));
  router.Add("POST", "/api/v1/followups/{id}/emails",
             wrap([this, authn, out_for, outbox_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(FollowupId id, PathId<FollowupId>(c.req, "id", "followup"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"subject", "body", "attachment_ids"});
               SendNowInput s;
               if (in.Has("to") && !in.IsNull("to")) s.to = in.StrList("to");
               if (in.Has("cc") && !in.IsNull("cc")) s.cc = in.StrList("cc");
               s.subject = in.Str("subject").value_or("");
               s.body = in.Str("body").value_or("");
               if (const json* ids = in.Raw("attachment_ids")) {
                 if (!ids->is_array()) {
                   issues.Add("attachment_ids", "invalid_type");
                 } else {
                   for (const json& v : *ids) {
                     if (!v.is_number_integer()) {
                       issues.Add("attachment_ids", "invalid_type");
                       break;
                     }
                     s.attachment_ids.push_back(AttachmentId(v.get<int64_t>()));
                   }
                 }
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(OutboxMessage m, services_.messaging.SendNow(ctx, id, s, c.now));
               return JsonResponse(202, outbox_json(m, out_for(ctx)));
             }));

  // ---- Templates (manual 002).
  auto template_json = [](const MessageTemplate& t) {
    return json{{"id", t.id}, {"kind", ToString(t.kind)}, {"locale", t.locale},
                {"subject", t.subject}, {"body", t.body}};
  };
  router.Add("GET", "/api/v1/templates",
             wrap([this, authn, template_json](Call& c) -> absl::StatusOr<HttpResponse> {
               RETURN_IF_ERROR(authn(c).status());
               ASSIGN_OR_RETURN(std::vector<MessageTemplate> list, services_.messaging.ListTemplates());
               json items = json::array();
               for (const MessageTemplate& t : list) items.push_back(template_json(t));
               json placeholders = json::array();
               for (const PlaceholderInfo& p : KnownPlaceholders())
                 placeholders.push_back(
                     {{"name", p.name},
                      {"names", {{"pt-BR", p.name}, {"es", p.es}, {"en", p.en}}},
                      {"example", p.example}});
               return JsonResponse(200, {{"items", items}, {"placeholders", placeholders}});
             }));
  router.Add("PUT", "/api/v1/templates/{id}",
             wrap([this, authn, template_json](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", "template"));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"subject", "body"});
               std::string subject = in.Str("subject").value_or("");
               std::string text = in.Str("body").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(MessageTemplate t, services_.messaging.UpdateTemplate(ctx, id, subject, text));
               return JsonResponse(200, template_json(t));
             }));
  router.Add("POST", "/api/v1/templates/preview",
             wrap([this, authn](Call& c) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AuthContext ctx, authn(c));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               std::string subject = in.Str("subject").value_or("");
               std::string text = in.Str("body").value_or("");
               std::optional<int64_t> f = in.Int("followup_id");
               if (!f) in.Require("followup_id");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Preview p, services_.messaging.PreviewTemplate(ctx, subject, text,
                                                                      FollowupId(*f), c.now));
               return JsonResponse(200, {{"subject", p.subject}, {"body", p.body}, {"missing", p.missing}});
             }));
}

}  // namespace retorno
