// What every /api/v1 handler shares: the services it may call, the opening of a request
// (clock read once, language, authentication, strict JSON, refused unknown query
// parameters) and the closing (a Status becomes problem+json through http/problem.h).
//
// A resource registers its routes in one function (routes.h) through `Routes`:
//
//   void RegisterWidgetRoutes(Routes& routes) {
//     const ApiServices& svc = routes.services();
//     routes.Get("/api/v1/widgets/{id}",
//                [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
//                  ASSIGN_OR_RETURN(WidgetId id,
//                                   PathId<WidgetId>(c.req, "id", ErrorCode::kWidgetNotFound));
//                  ...
//                });
//   }
//
// Thread safety: register before the server starts; handlers then run concurrently
// and share only the services, which are thread-safe.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "app/accounts/accounts.h"
#include "app/appointments/appointments.h"
#include "app/attendance/attendance.h"
#include "app/audit/audit.h"
#include "app/bulk/bulk.h"
#include "app/calendar/calendar.h"
#include "app/exports/export_writer.h"
#include "app/followups/followups.h"
#include "app/mail/messaging.h"
#include "app/parties/parties.h"
#include "app/privacy/privacy.h"
#include "app/questionnaires/questionnaires.h"
#include "app/report_schedules/report_schedules.h"
#include "app/reports/reports.h"
#include "app/sales/sales.h"
#include "app/workflow/workflows.h"
#include "base/clock.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "http/json_in.h"
#include "http/json_out.h"
#include "http/messages.h"
#include "http/server/router.h"

namespace retorno {

class EventHub;
class MailingService;
class PartyImportService;
class ProposalService;

// Every service the API calls: the references are required (a server without one of
// them is not Retorno), a null pointer makes its routes answer 503. main/ owns the
// services and outlives the router.
struct ApiServices {
  AccountService& accounts;
  PartyService& parties;
  FollowupService& followups;
  BulkService& bulk;  // bulk changes of follow-ups (ADR 0034)
  AttendanceService& attendance;
  // Workflows of attendance types and the follow-ups walking them (ADR 0038).
  WorkflowService& workflow;
  CalendarService& calendar;
  CatalogService& catalog;
  DocumentService& documents;
  // Documents made from a follow-up and reopen requests (ADR 0042).
  FollowupSalesService& followup_sales;
  ImportService& imports;
  MessagingService& messaging;
  ReportService& reports;
  // The audit trail's reading (app/audit/audit.h) and a person's data (LGPD).
  audit::AuditService& audit;
  PrivacyService& privacy;
  // The reports scheduled by e-mail (ADR 0033).
  ReportScheduleService& report_schedules;
  // Questionnaires of the attendance types and their answers (ADR 0039).
  QuestionnaireService& questionnaires;
  // The CSV, XLSX and PDF writers of the exports (app/exports/export_writer.h).
  ExportWriters& exports;
  // Live events of the open apps (SSE) whose streams this node holds.
  EventHub& events;
  const Clock& clock;
  // Appointments and free days (http/routes/appointments.cc).
  AppointmentService& appointments;
  // Where an event goes when other nodes may hold the user's streams (the PostgreSQL
  // event bus, ADR 0030); null: `events` alone (one node, or SQLite).
  EventPublisher* cluster_events = nullptr;
  // Customer and contact imports (ADR 0046); null: the route answers 503.
  PartyImportService* party_imports = nullptr;
  // Proposals and visit sheets; null: their routes answer 503.
  ProposalService* proposals = nullptr;
  // Mailings to selected customers (ADR 0048); null: their routes answer 503.
  MailingService* mailings = nullptr;
};

struct ApiOptions {
  // Adds "Secure" to cookies; on when served over HTTPS behind a proxy (default off:
  // the default bind is loopback).
  bool secure_cookies = false;
  // Readiness probe: returns OK when the database answers. Set by main/.
  std::function<bool()> ready = [] { return true; };
  // Prometheus text of the server's metrics. Set by main/.
  std::function<std::string()> metrics = [] { return std::string(); };
  // The address users reach Retorno at ("https://crm.example.com", or with a path
  // prefix; no trailing slash), for links handed out of the app such as the calendar
  // feed. Never taken from the request's Host header, which the client chooses. Set by
  // main/ from `public_url`, else from the listening address.
  std::function<std::string()> public_url = [] { return std::string("http://localhost"); };
  // The server's version ("0.1.0"), from the build. Set by main/.
  std::string server_version = "dev";
  // The version of the database schema the server runs on: its newest migration. Set
  // by main/ from the store.
  int schema_version = 0;
  // The simulated clock of a test server (`serve --clock=simulated`), which then serves
  // POST /api/v1/test/clock/advance; null otherwise. Set by main/.
  SimulatedClock* test_clock = nullptr;
  // How many threads wait on that clock (the scheduler's), so an advance also waits for
  // one still in its first round.
  int test_clock_participants = 0;
};

// One request as a handler sees it: "now" read once, the caller's language.
struct Call {
  HttpRequest& req;
  absl::Time now;
  Lang lang;
};

using PublicHandler = std::function<absl::StatusOr<HttpResponse>(Call&)>;
using UserHandler = std::function<absl::StatusOr<HttpResponse>(Call&, const AuthContext&)>;

// What a route's request carries before the handler runs.
enum class Body {
  kAny,   // the handler reads it (JSON through Call's ParseBody, multipart, CSV...)
  kNone,  // a command without a body: an empty body or {} is fine, any member is unknown
};

struct HandlerOptions {
  Body body = Body::kAny;
  // Runs on the worker pool (password hashing); see RouteOptions.
  bool blocking = false;
};

// Registers routes with the shared opening and closing. Query parameters no handler
// reads are refused (422 `unknown_parameter` naming each), so a misspelt filter never
// answers as if it were not there: commands take none, so theirs are refused before
// any work; a read refuses them once it has read what it knows, together with its own
// issues.
class Routes {
 public:
  Routes(Router& router, const ApiServices& services, const ApiOptions& options)
      : router_(router), services_(services), options_(options) {}

  const ApiServices& services() const { return services_; }
  const ApiOptions& options() const { return options_; }

  // A route for a signed-in user: bearer token, or session cookie plus X-CSRF-Token on
  // unsafe methods (double submit against the token stored in the session).
  void Add(const char* method, std::string pattern, UserHandler handler,
           HandlerOptions options = {});
  void Get(std::string pattern, UserHandler handler) {
    Add("GET", std::move(pattern), std::move(handler));
  }
  // A route anyone may call (sign-in; the calendar feed, whose URL is the credential).
  void AddPublic(const char* method, std::string pattern, PublicHandler handler,
                 HandlerOptions options = {});
  // A route outside the problem+json contract (health probes, metrics): as is.
  void AddRaw(const char* method, std::string pattern, Handler handler) {
    router_.Add(method, std::move(pattern), std::move(handler));
  }

 private:
  Handler Wrap(PublicHandler body) const;

  Router& router_;
  ApiServices services_;
  const ApiOptions& options_;
};

// The session cookie and the CSRF cookie the browser echoes in X-CSRF-Token.
inline constexpr char kSessionCookie[] = "retorno_session";
inline constexpr char kCsrfCookie[] = "retorno_csrf";
std::string CookieHeader(const char* name, const std::string& value, bool http_only, bool secure,
                         bool clear);
// The bearer token of Authorization, else the session cookie; "" when neither.
std::string SessionToken(const HttpRequest& req);

// ---- Request bodies and paths.

// The body as a JSON object: 415 for another content type, 400 `malformed_json`, 422
// when not an object; an empty body is {}.
absl::StatusOr<nlohmann::json> ParseBody(const HttpRequest& req);

// The positive integer path parameter `name`; `not_found` (a 404) otherwise.
absl::StatusOr<int64_t> PathInt(const HttpRequest& req, const char* name, ErrorCode not_found);
template <class Id>
absl::StatusOr<Id> PathId(const HttpRequest& req, const char* name, ErrorCode not_found) {
  ASSIGN_OR_RETURN(int64_t v, PathInt(req, name, not_found));
  return Id(v);
}

// The version named by If-Match ("7", W/"7"); nullopt without the header; 412
// `version` for a tag that is not one of ours.
absl::StatusOr<std::optional<int64_t>> IfMatchVersion(const HttpRequest& req);
std::string ETagOf(int64_t version);
// If-None-Match holds a list of entity tags, weak or strong, or "*" (RFC 9110 13.1.2);
// weak comparison applies.
bool EtagListMatches(std::string_view header, std::string_view etag);

// An enum member: `invalid_value` when the text is not one of `parse`'s.
template <class E>
std::optional<E> ReadEnum(JsonIn& in, const char* key,
                          std::optional<E> (*parse)(std::string_view)) {
  std::optional<std::string> s = in.Str(key);
  if (!s) return std::nullopt;
  std::optional<E> v = parse(*s);
  if (!v) in.issues().Add(in.Field(key), "invalid_value");
  return v;
}

std::optional<std::string> RequireString(JsonIn& in, const char* key);

// ---- Query strings: a bad value is a field issue named after the parameter. A
// parameter sent without a value ("?document_id=") is refused rather than read as "no
// filter": the caller meant to filter by something and would get everything.

std::optional<std::string> QueryValue(const HttpRequest& req, const char* name, Issues& issues);
std::optional<int64_t> QueryInt(const HttpRequest& req, const char* name, Issues& issues);
std::optional<absl::CivilDay> QueryDate(const HttpRequest& req, const char* name, Issues& issues);
// ?limit=1..200 into `limit` (unchanged without one); `out_of_range` otherwise.
void QueryLimit(const HttpRequest& req, Issues& issues, int& limit);
template <class E>
std::optional<E> QueryEnum(const HttpRequest& req, const char* name,
                           std::optional<E> (*parse)(std::string_view), Issues& issues) {
  std::optional<std::string> s = QueryValue(req, name, issues);
  if (!s) return std::nullopt;
  std::optional<E> v = parse(*s);
  if (!v) issues.Add(name, "invalid_value");
  return v;
}
std::optional<Scope> ParseScope(std::string_view s);

// ---- Responses.

// A response whose body is JSON text already written (json_out.h).
HttpResponse JsonTextResponse(int status, std::string body);
HttpResponse JsonResponse(int status, const nlohmann::json& body);
template <class Body>
HttpResponse WrittenResponse(int status, Body&& body) {
  JsonWriter w;
  body(w);
  return JsonTextResponse(status, w.Take());
}
HttpResponse NoContent();

}  // namespace retorno
