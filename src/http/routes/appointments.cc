// Appointments and free days (manual 003, ADR 0045): a user's appointments on the
// calendar's days, a follow-up's appointments (list and book), an appointment's change
// and deletion, and the free days of chosen users.
#include "app/appointments/appointments.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/time_util.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

json NamedJson(const NamedUser& u) { return {{"id", u.id.value}, {"name", u.name}}; }

json AppointmentJson(const AppointmentView& v, const Out& out) {
  const Appointment& a = v.appointment;
  json attendees = json::array();
  for (const NamedUser& u : v.attendees) attendees.push_back(NamedJson(u));
  json o = {{"id", a.id.value},
            {"followup_id", a.followup_id.value},
            {"starts_at", out.Instant(a.starts_at)},
            {"ends_at", out.Instant(a.ends_at)},
            {"place", a.place},
            {"note", a.note},
            {"attendees", attendees},
            {"version", a.version},
            {"created_by", NamedJson({a.created_by, v.created_by_name})},
            {"created_at", out.Instant(a.created_at)},
            {"updated_at", out.Instant(a.updated_at)}};
  o["deleted_at"] = a.deleted_at ? json(out.Instant(*a.deleted_at)) : json(nullptr);
  o["deleted_by"] = a.deleted_by ? NamedJson({*a.deleted_by, v.deleted_by_name}) : json(nullptr);
  return o;
}

json ConflictJson(const AppointmentConflict& c, const Out& out) {
  auto opt = [](const auto& id) { return id ? json(id->value) : json(nullptr); };
  return {{"user", NamedJson(c.user)},
          {"kind", c.kind == AppointmentConflict::Kind::kReturn ? "return" : "appointment"},
          {"appointment_id", opt(c.appointment_id)},
          {"action_id", opt(c.action_id)},
          {"followup_id", opt(c.followup_id)},
          {"starts_at", out.Instant(c.starts_at)},
          {"ends_at", out.Instant(c.ends_at)}};
}

HttpResponse BookedResponse(int status, const BookedAppointment& b, const Out& out) {
  json conflicts = json::array();
  for (const AppointmentConflict& c : b.conflicts) conflicts.push_back(ConflictJson(c, out));
  HttpResponse r = JsonResponse(
      status, {{"appointment", AppointmentJson(b.view, out)}, {"conflicts", conflicts}});
  r.headers.emplace_back("ETag", ETagOf(b.view.appointment.version));
  return r;
}

AppointmentInput ReadAppointmentInput(const json& body, Issues& issues) {
  JsonIn in(body, issues);
  in.NotNull({"starts_at", "ends_at", "place", "note", "attendees"});
  AppointmentInput a;
  a.starts_at = in.Instant("starts_at");
  a.ends_at = in.Instant("ends_at");
  a.place = in.Str("place");
  a.note = in.Str("note");
  if (const json* arr = in.Arr("attendees")) {
    std::vector<int64_t> ids;
    for (size_t i = 0; i < arr->size(); ++i) {
      const json& v = (*arr)[i];
      if (v.is_number_integer())
        ids.push_back(v.get<int64_t>());
      else
        issues.Add(absl::StrCat(in.Field("attendees"), "[", i, "]"), "invalid_id");
    }
    a.attendees = std::move(ids);
  }
  return a;
}

}  // namespace

void RegisterAppointmentRoutes(Routes& routes, AppointmentService& appointments) {
  struct Services {
    AppointmentService& appointments;
  };
  const Services svc{appointments};
  routes.Get("/api/v1/followups/{id}/appointments",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(std::vector<AppointmentView> list,
                                svc.appointments.ForFollowup(ctx, id));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const AppointmentView& v : list) items.push_back(AppointmentJson(v, out));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Get("/api/v1/appointments",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               UserAppointmentsInput in;
               if (std::optional<int64_t> u = QueryInt(c.req, "user_id", issues))
                 in.user_id = UserId(*u);
               in.from = QueryDate(c.req, "from", issues);
               in.to = QueryDate(c.req, "to", issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<AppointmentView> list,
                                svc.appointments.ForUser(ctx, in));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const AppointmentView& v : list) items.push_back(AppointmentJson(v, out));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/followups/{id}/appointments",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               AppointmentInput in = ReadAppointmentInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(BookedAppointment b, svc.appointments.Book(ctx, id, in, c.now));
               return BookedResponse(201, b, OutFor(ctx));
             });
  routes.Add("PATCH", "/api/v1/appointments/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AppointmentId id,
                                PathId<AppointmentId>(c.req, "id", ErrorCode::kNotFound));
               ASSIGN_OR_RETURN(std::optional<int64_t> if_match, IfMatchVersion(c.req));
               if (!if_match) return CodedError(ErrorCode::kIfMatchRequired);
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               AppointmentChange in{.expected_version = *if_match,
                                    .fields = ReadAppointmentInput(body, issues)};
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(BookedAppointment b, svc.appointments.Change(ctx, id, in, c.now));
               return BookedResponse(200, b, OutFor(ctx));
             });
  routes.Add("DELETE", "/api/v1/appointments/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(AppointmentId id,
                                PathId<AppointmentId>(c.req, "id", ErrorCode::kNotFound));
               RETURN_IF_ERROR(svc.appointments.Delete(ctx, id, c.now));
               return NoContent();
             },
             {.body = Body::kNone});

  routes.Get(
      "/api/v1/free-days", [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        Issues issues;
        FreeDaysInput in;
        if (std::optional<std::string> users = QueryValue(c.req, "users", issues)) {
          for (absl::string_view part : absl::StrSplit(*users, ',')) {
            int64_t id = 0;
            if (!absl::SimpleAtoi(part, &id) || id <= 0) {
              issues.Add("users", "invalid_id");
              break;
            }
            in.users.push_back(id);
          }
        }
        in.from = QueryDate(c.req, "from", issues);
        in.to = QueryDate(c.req, "to", issues);
        for (auto [name, field] :
             {std::pair{"day_start", &in.day_start}, std::pair{"day_end", &in.day_end}}) {
          std::optional<std::string> v = QueryValue(c.req, name, issues);
          if (!v) continue;
          *field = ParseTimeOfDay(*v);
          if (!*field) issues.Add(name, "invalid_time");
        }
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(std::vector<UserFreeDays> list, svc.appointments.FreeDays(ctx, in));
        json items = json::array();
        for (const UserFreeDays& u : list) {
          json days = json::array();
          for (const DayFreedom& d : u.days) {
            json free = json::array();
            for (const FreeSlot& s : d.free)
              free.push_back({{"from", FormatTimeOfDay(s.start_minutes)},
                              {"to", s.end_minutes >= 24 * 60 ? std::string("24:00")
                                                              : FormatTimeOfDay(s.end_minutes)}});
            days.push_back({{"date", FormatDate(d.day)},
                            {"availability", std::string(ToString(d.availability))},
                            {"free_minutes", d.free_minutes},
                            {"free", free}});
          }
          items.push_back(
              {{"user", NamedJson(u.user)}, {"time_zone", u.time_zone}, {"days", days}});
        }
        return JsonResponse(200, {{"items", items}});
      });
}

}  // namespace retorno
