// Attendance types and pareceres (manual 003): the admin's configurator, a follow-up's
// standard texts, pareceres (drafts, publishing, the author's pending list, e-mail) and
// the history views.
#include "app/attendance/attendance.h"

#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

json TypeJson(const AttendanceType& t, Lang lang) {
  const std::string& name = lang == Lang::kEs   ? t.name_es
                            : lang == Lang::kEn ? t.name_en
                                                : t.name_pt;
  return {{"id", t.id.value},
          {"name", name},
          {"names", {{"pt-BR", t.name_pt}, {"es", t.name_es}, {"en", t.name_en}}},
          {"attachments_allowed", t.attachments_allowed},
          {"max_attachment_bytes", t.max_attachment_bytes},
          {"parecer_text", t.parecer_text},
          {"email_subject", t.email_subject},
          {"email_text", t.email_text},
          {"workflow_id", t.workflow_id ? json(*t.workflow_id) : json(nullptr)},
          {"active", t.active},
          {"is_default", t.is_default}};
}

AttendanceTypeInput ReadTypeInput(const json& body, Issues& issues) {
  JsonIn in(body, issues);
  in.NotNull({"names", "attachments_allowed", "max_attachment_bytes", "parecer_text",
              "email_subject", "email_text", "active"});
  AttendanceTypeInput t;
  if (const json* names = in.Obj("names")) {
    JsonIn nin(*names, issues, "names.");
    nin.NotNull({"pt-BR", "es", "en"});
    t.name_pt = nin.Str("pt-BR");
    t.name_es = nin.Str("es");
    t.name_en = nin.Str("en");
  }
  t.attachments_allowed = in.Bool("attachments_allowed");
  t.max_attachment_bytes = in.Int("max_attachment_bytes");
  t.parecer_text = in.Str("parecer_text");
  t.email_subject = in.Str("email_subject");
  t.email_text = in.Str("email_text");
  t.active = in.Bool("active");
  return t;
}

json EntriesJson(const std::vector<Entry>& entries, const Out& out) {
  JsonWriter w;
  w.Array([&] {
    for (const Entry& e : entries) WriteEntry(w, e, out);
  });
  return json::parse(w.Take());
}

json EntryJson(const Entry& e, const Out& out) {
  JsonWriter w;
  WriteEntry(w, e, out);
  return json::parse(w.Take());
}

}  // namespace

void RegisterAttendanceRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- Attendance types: every signed-in user lists them (to choose one); admins
  // create, change and retire them.
  routes.Get("/api/v1/attendance-types",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(std::vector<AttendanceType> types, svc.attendance.ListTypes(ctx));
               json items = json::array();
               for (const AttendanceType& t : types) items.push_back(TypeJson(t, c.lang));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/attendance-types",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               AttendanceTypeInput in = ReadTypeInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(AttendanceType t, svc.attendance.CreateType(ctx, in, c.now));
               return JsonResponse(201, TypeJson(t, c.lang));
             });
  routes.Add("PATCH", "/api/v1/attendance-types/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(
                   AttendanceTypeId id,
                   PathId<AttendanceTypeId>(c.req, "id", ErrorCode::kAttendanceTypeNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               AttendanceTypeInput in = ReadTypeInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(AttendanceType t, svc.attendance.UpdateType(ctx, id, in, c.now));
               return JsonResponse(200, TypeJson(t, c.lang));
             });

  // ---- A follow-up's standard texts, filled for it: where a parecer editor starts.
  routes.Get("/api/v1/followups/{id}/standard-texts",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(StandardTexts s, svc.attendance.Standard(ctx, id, c.now));
               return JsonResponse(200, {{"attendance_type", TypeJson(s.type, c.lang)},
                                         {"parecer", s.parecer},
                                         {"email_subject", s.email_subject},
                                         {"email_text", s.email_text},
                                         {"missing", s.missing}});
             });

  // ---- Pareceres.
  routes.Add("POST", "/api/v1/followups/{id}/pareceres",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"body", "standard", "draft"});
               ParecerInput p;
               p.body = in.Str("body").value_or("");
               p.standard = in.Bool("standard").value_or(false);
               p.draft = in.Bool("draft").value_or(false);
               p.contact_at = in.Instant("contact_at");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Entry e, svc.attendance.AddParecer(ctx, id, p, c.now));
               return JsonResponse(201, EntryJson(e, OutFor(ctx)));
             });
  routes.Add("POST", "/api/v1/pareceres/{id}/publish",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(EntryId id,
                                PathId<EntryId>(c.req, "id", ErrorCode::kEntryNotFound));
               ASSIGN_OR_RETURN(Entry e, svc.attendance.Publish(ctx, id, c.now));
               return JsonResponse(200, EntryJson(e, OutFor(ctx)));
             },
             {.body = Body::kNone});
  routes.Get("/api/v1/pareceres/pending",
             [svc](Call&, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(std::vector<PendingParecer> drafts, svc.attendance.Pending(ctx));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const PendingParecer& p : drafts) {
                 json item = EntryJson(p.entry, out);
                 item["followup_subject"] = p.followup_subject;
                 item["party_name"] = p.party_name;
                 items.push_back(std::move(item));
               }
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/pareceres/{id}/email",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(EntryId id,
                                PathId<EntryId>(c.req, "id", ErrorCode::kEntryNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"to", "subject", "body"});
               ParecerEmailInput e;
               e.to = in.StrList("to");
               e.subject = in.Str("subject");
               e.body = in.Str("body");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(OutboxMessage m, svc.attendance.Email(ctx, id, e, c.now));
               return JsonResponse(202, {{"outbox_id", m.id},
                                         {"state", std::string(ToString(m.state))},
                                         {"to", m.to},
                                         {"subject", m.subject},
                                         {"text", m.text}});
             });

  // ---- History: everything published on the follow-up, or its standard pareceres.
  routes.Get("/api/v1/followups/{id}/history",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               Issues issues;
               bool standard = false;
               if (std::optional<std::string> v = QueryValue(c.req, "standard", issues)) {
                 if (*v == "true")
                   standard = true;
                 else if (*v != "false")
                   issues.Add("standard", "invalid_value");
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<Entry> entries,
                                svc.attendance.History(ctx, id, standard));
               return JsonResponse(
                   200, {{"standard", standard}, {"items", EntriesJson(entries, OutFor(ctx))}});
             });
}

}  // namespace retorno
