// The reports scheduled by e-mail (ADR 0033): a user's schedules (an admin's: all),
// created, edited and deleted here and sent by the report_schedules job.
#include "app/report_schedules/report_schedules.h"

#include "absl/strings/str_cat.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

ReportScheduleInput ReadInput(const json& body, Issues& issues) {
  JsonIn in(body, issues);
  in.NotNull({"report", "filters", "format", "frequency", "recipients"});
  ReportScheduleInput out;
  out.report = in.Str("report");
  out.format = in.Str("format");
  out.frequency = in.Str("frequency");
  out.recipients = in.Str("recipients");
  out.paused = in.Bool("paused");
  if (const json* filters = in.Obj("filters")) {
    ReportParams params;
    for (auto it = filters->begin(); it != filters->end(); ++it) {
      // A filter is the report's query parameter: a string, or a number for an id.
      if (it->is_string())
        params.emplace_back(it.key(), it->get<std::string>());
      else if (it->is_number_integer())
        params.emplace_back(it.key(), absl::StrCat(it->get<int64_t>()));
      else
        issues.Add(absl::StrCat("filters.", it.key()), "invalid_type");
    }
    out.filters = std::move(params);
  }
  return out;
}

json ScheduleJson(const ReportScheduleView& v, const Out& out) {
  const ReportSchedule& s = v.schedule;
  json filters = json::object();
  for (const auto& [k, val] : v.filters) filters[k] = val;
  return json{{"id", s.id},
              {"user_id", s.user_id.value},
              {"report", s.report},
              {"filters", filters},
              {"format", s.format},
              {"frequency", s.frequency},
              {"recipients", s.recipients},
              {"paused", IsPaused(s)},
              {"next_run_at", IsPaused(s) ? json() : json(out.Instant(s.next_run_at))},
              {"last_period_start", v.last_period ? json(FormatDate(*v.last_period)) : json()},
              {"version", s.version},
              {"created_at", out.Instant(s.created_at)}};
}

}  // namespace

void RegisterReportScheduleRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  routes.Get("/api/v1/report-schedules",
             [svc](Call&, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(std::vector<ReportScheduleView> all,
                                svc.report_schedules.List(ctx));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const ReportScheduleView& v : all) items.push_back(ScheduleJson(v, out));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/report-schedules",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               ReportScheduleInput in = ReadInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(ReportScheduleView v, svc.report_schedules.Create(ctx, in, c.now));
               HttpResponse r = JsonResponse(201, ScheduleJson(v, OutFor(ctx)));
               r.headers.emplace_back("ETag", ETagOf(v.schedule.version));
               return r;
             });
  routes.Add("PATCH", "/api/v1/report-schedules/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(int64_t id,
                                PathInt(c.req, "id", ErrorCode::kReportScheduleNotFound));
               ASSIGN_OR_RETURN(std::optional<int64_t> if_match, IfMatchVersion(c.req));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               ReportScheduleInput in = ReadInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(ReportScheduleView v,
                                svc.report_schedules.Update(ctx, id, in, if_match, c.now));
               HttpResponse r = JsonResponse(200, ScheduleJson(v, OutFor(ctx)));
               r.headers.emplace_back("ETag", ETagOf(v.schedule.version));
               return r;
             });
  routes.Add("DELETE", "/api/v1/report-schedules/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(int64_t id,
                                PathInt(c.req, "id", ErrorCode::kReportScheduleNotFound));
               RETURN_IF_ERROR(svc.report_schedules.Delete(ctx, id));
               return NoContent();
             },
             {.body = Body::kNone});
}

}  // namespace retorno
