// The CRM calendar (manual 002): month, day, the private iCalendar feed and the "+" opportunity.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

using json = nlohmann::json;

void RegisterCalendarRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  const ApiOptions& opt = routes.options();
  // ---- CRM calendar (manual 002).
  auto calendar_scope = [](Call& c, Issues& issues) {
    CalendarScopeInput s;
    s.scope = QueryEnum<Scope>(c.req, "scope", &ParseScope, issues).value_or(Scope::kMine);
    if (std::optional<int64_t> u = QueryInt(c.req, "user_id", issues)) s.user_id = UserId(*u);
    return s;
  };
  routes.Add(
      "GET", "/api/v1/calendar",
      [svc, calendar_scope](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        Issues issues;
        CalendarScopeInput scope = calendar_scope(c, issues);
        std::optional<absl::CivilMonth> month;
        if (c.req.Query("month") && c.req.Query("month")->empty()) {
          issues.Add("month", "empty_value");
        } else if (std::optional<std::string> m = c.req.Query("month")) {
          std::optional<absl::CivilDay> d = ParseDate(*m + "-01");
          if (!d || m->size() != 7)
            issues.Add("month", "invalid_value");
          else
            month = absl::CivilMonth(*d);
        } else {
          month = absl::CivilMonth(TodayOf(ctx.user, c.now));
        }
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(CalendarMonth m, svc.calendar.Month(ctx, scope, *month, c.now));
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
      });
  routes.Add(
      "GET", "/api/v1/calendar/day",
      [svc, calendar_scope](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        Issues issues;
        CalendarScopeInput scope = calendar_scope(c, issues);
        std::optional<absl::CivilDay> day = QueryDate(c.req, "date", issues);
        // `?date=` is as missing as no parameter at all: QueryDate reads it as
        // absent and records nothing, so say it is required.
        if (!day && c.req.Query("date").value_or("").empty()) issues.Add("date", "required");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(std::vector<AgendaItem> rows, svc.calendar.Day(ctx, scope, *day, c.now));
        return WrittenResponse(200, [&](JsonWriter& w) {
          w.Object([&] {
            w.Field("date", FormatDate(*day));
            WriteAgendaItems(w.Key("items"), rows, OutFor(ctx));
          });
        });
      });
  routes.Add("POST", "/api/v1/me/calendar-feed",
             [svc, public_url = opt.public_url](
                 Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(std::string token, svc.calendar.CreateFeed(ctx, c.now));
               // Absolute, for pasting into Google Calendar or Outlook; built from the
               // configured address: a forged Host header must not make Retorno hand
               // out a link to someone else's server.
               return JsonResponse(
                   201,
                   {{"url", absl::StrCat(public_url(), "/api/v1/calendar/feed/", token, ".ics")}});
             },
             {.body = Body::kNone});
  routes.Add("DELETE", "/api/v1/me/calendar-feed",
             [svc](Call&, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               RETURN_IF_ERROR(svc.calendar.DeleteFeed(ctx));
               return NoContent();
             },
             {.body = Body::kNone});
  // The feed itself: the token in the URL is the credential (calendar apps send no
  // cookie or header); revoking it or making a new one ends the old URL.
  routes.AddPublic("GET", "/api/v1/calendar/feed/{token}",
                   [svc](Call& c) -> absl::StatusOr<HttpResponse> {
                     // Calendar apps add parameters of their own to a subscribed URL; a
                     // refused feed would silently stop syncing, so every one is accepted.
                     for (const auto& [name, value] : c.req.query) c.req.Query(name);
                     std::string token = c.req.path_params.at("token");
                     if (absl::EndsWith(token, ".ics")) token.resize(token.size() - 4);
                     ASSIGN_OR_RETURN(std::string ics, svc.calendar.Feed(token, c.now));
                     HttpResponse r;
                     r.headers.emplace_back("Content-Type", "text/calendar; charset=utf-8");
                     r.headers.emplace_back("Cache-Control", "private, max-age=300");
                     r.body = std::move(ics);
                     return r;
                   });
  routes.Add("POST", "/api/v1/opportunities",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
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
               ASSIGN_OR_RETURN(CreatedOpportunity r,
                                svc.calendar.CreateOpportunity(ctx, o, c.now));
               return WrittenResponse(201, [&](JsonWriter& w) {
                 w.Object([&] {
                   WritePartyRef(w.Key("party"), r.party);
                   WriteFollowupDetail(w.Key("followup"), r.followup.detail, OutFor(ctx));
                 });
               });
             });
}

}  // namespace retorno
