// The manager reports of a team (ADR 0032): team performance (returns due, on time,
// late, completion, median days late, against the previous period) and the automatic
// follow-ups (after-sale, after-service, birthday) by product or service.
#include "app/reports/reports.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

// The API's kinds of automatic follow-up and the origins the follow-ups record.
std::optional<std::string_view> ParseAutomaticKind(std::string_view s) {
  if (s == "after_sale") return kOriginAfterSale;
  if (s == "after_service") return kOriginServiceDone;
  if (s == "birthday") return kOriginBirthday;
  return std::nullopt;
}

std::string_view AutomaticKindName(std::string_view origin) {
  return origin == kOriginServiceDone ? "after_service" : origin;
}

void WriteFigures(JsonWriter& w, const char* key, const TeamFigures& f) {
  w.Key(key).Object([&] {
    w.Field("due", f.due);
    w.Field("on_time", f.on_time);
    w.Field("done_late", f.done_late);
    w.Field("still_late", f.still_late);
    w.Field("pending", f.pending);
    w.Field("completion_rate", f.completion_rate);
    w.Field("median_days_late", f.median_days_late);
  });
}

}  // namespace

void RegisterTeamReportRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  routes.Get("/api/v1/reports/team",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               TeamInput in;
               in.from = QueryDate(c.req, "from", issues);
               in.to = QueryDate(c.req, "to", issues);
               if (in.from && in.to && *in.from > *in.to) issues.Add("to", "before_from");
               if (auto v = QueryInt(c.req, "owner_id", issues)) in.owner_id = UserId(*v);
               if (auto v = QueryInt(c.req, "branch_id", issues)) in.branch_id = BranchId(*v);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(TeamResult r, svc.reports.Team(ctx, in, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Field("today", FormatDate(r.today));
                   w.Field("from", FormatDate(r.from));
                   w.Field("to", FormatDate(r.to));
                   w.Field("previous_from", FormatDate(r.previous_from));
                   w.Field("previous_to", FormatDate(r.previous_to));
                   w.Key("rows").Array([&] {
                     for (const TeamRow& row : r.rows)
                       w.Object([&] {
                         w.Field("agent_id", row.agent_id.value);
                         w.Field("agent_name", row.agent_name);
                         w.Field("branch_id", OptId(row.branch_id));
                         w.Field("branch_name", row.branch_name);
                         WriteFigures(w, "current", row.current);
                         WriteFigures(w, "previous", row.previous);
                       });
                   });
                   w.Key("per_branch").Array([&] {
                     for (const TeamBranchTotal& b : r.per_branch)
                       w.Object([&] {
                         w.Field("branch_id", OptId(b.branch_id));
                         w.Field("branch_name", b.branch_name);
                         WriteFigures(w, "current", b.current);
                         WriteFigures(w, "previous", b.previous);
                       });
                   });
                   w.Key("totals").Object([&] {
                     WriteFigures(w, "current", r.total);
                     WriteFigures(w, "previous", r.previous_total);
                   });
                   w.Key("per_day").Array([&] {
                     for (const TeamDay& d : r.per_day)
                       w.Object([&] {
                         w.Field("day", FormatDate(d.day));
                         w.Field("due", d.due);
                         w.Field("on_time", d.on_time);
                         w.Field("late", d.late);
                       });
                   });
                 });
               });
             });
  routes.Get("/api/v1/reports/automatic",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               AutomaticInput in;
               in.from = QueryDate(c.req, "from", issues);
               in.to = QueryDate(c.req, "to", issues);
               if (in.from && in.to && *in.from > *in.to) issues.Add("to", "before_from");
               if (auto v = QueryInt(c.req, "owner_id", issues)) in.owner_id = UserId(*v);
               if (auto v = QueryInt(c.req, "branch_id", issues)) in.branch_id = BranchId(*v);
               if (auto k = QueryEnum<std::string_view>(c.req, "kind", &ParseAutomaticKind, issues))
                 in.origin = std::string(*k);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(AutomaticResult r, svc.reports.Automatic(ctx, in, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Field("from", FormatDate(r.from));
                   w.Field("to", FormatDate(r.to));
                   w.Key("rows").Array([&] {
                     for (const AutomaticCount& row : r.rows)
                       w.Object([&] {
                         w.Field("kind", AutomaticKindName(row.origin));
                         w.Field("item_id", OptId(row.item_id));
                         w.Field("item_name", row.item_name);
                         w.Field("item_kind", row.item_kind);
                         w.Field("created", row.created);
                         w.Field("done", row.done);
                         w.Field("converted", row.converted);
                       });
                   });
                   w.Key("per_kind").Array([&] {
                     for (const AutomaticTotal& t : r.per_kind)
                       w.Object([&] {
                         w.Field("kind", AutomaticKindName(t.origin));
                         w.Field("created", t.created);
                         w.Field("done", t.done);
                         w.Field("converted", t.converted);
                       });
                   });
                   w.Key("totals").Object([&] {
                     w.Field("created", r.total.created);
                     w.Field("done", r.total.done);
                     w.Field("converted", r.total.converted);
                   });
                 });
               });
             });
}

}  // namespace retorno
