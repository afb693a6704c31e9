// Reminders, notifications and e-mail: live events (SSE), notifications, SMTP settings, the outbox,
// a follow-up's e-mails and message templates.
#include "domain/templates.h"
#include "http/event_hub.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

using json = nlohmann::json;

void RegisterMailRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- Reminders, notifications and e-mail.
  // Server-Sent Events: a summary at once, then what the jobs publish for this user.
  routes.Add("GET", "/api/v1/events",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(UserEvent summary, svc.messaging.SummaryFor(ctx.user, c.now));
               auto stream = std::make_shared<ResponseStream>();
               stream->Write("retry: 5000\n\n" + SseFrame(summary, OutFor(ctx).zone));
               svc.events.Add(ctx.user.id, stream);
               HttpResponse r;
               r.headers.emplace_back("Content-Type", "text/event-stream; charset=utf-8");
               r.headers.emplace_back("Cache-Control", "no-store");
               r.headers.emplace_back("X-Accel-Buffering", "no");
               r.stream = std::move(stream);
               return r;
             });

  routes.Add("GET", "/api/v1/notifications",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               std::optional<int64_t> limit = QueryInt(c.req, "limit", issues);
               std::optional<std::string> unread = QueryValue(c.req, "unread", issues);
               if (unread && *unread != "true" && *unread != "false")
                 issues.Add("unread", "invalid_value");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(
                   NotificationList list,
                   svc.messaging.ListNotifications(
                       ctx, unread && *unread == "true",
                       static_cast<int>(std::clamp<int64_t>(limit.value_or(50), 1, 200))));
               json items = json::array();
               for (const NotificationView& v : list.items)
                 items.push_back(NotificationJson(v, OutFor(ctx).zone));
               return JsonResponse(200, {{"items", items}, {"unread", list.unread}});
             });
  routes.Add("POST", "/api/v1/notifications/read-all",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               RETURN_IF_ERROR(svc.messaging.MarkAllRead(ctx, c.now));
               return NoContent();
             },
             {.body = Body::kNone});
  routes.Add("POST", "/api/v1/notifications/{id}/read",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", ErrorCode::kNotificationNotFound));
               RETURN_IF_ERROR(svc.messaging.MarkRead(ctx, id, c.now));
               return NoContent();
             },
             {.body = Body::kNone});
  routes.Add("POST", "/api/v1/notifications/{id}/snooze",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", ErrorCode::kNotificationNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               std::optional<SnoozeChoice> until =
                   ReadEnum<SnoozeChoice>(in, "until", &ParseSnoozeChoice);
               if (!until) in.Require("until");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(NotificationView v, svc.messaging.Snooze(ctx, id, *until, c.now));
               return JsonResponse(200, NotificationJson(v, OutFor(ctx).zone));
             });

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
  routes.Add("GET", "/api/v1/settings/smtp",
             [svc, smtp_json](Call&, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(SmtpView v, svc.messaging.GetSmtp(ctx));
               return JsonResponse(200, smtp_json(v));
             });
  routes.Add("PUT", "/api/v1/settings/smtp",
             [svc, smtp_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"host", "port", "security", "username", "sender_name", "sender_email"});
               SmtpInput s;
               s.host = in.Str("host").value_or("");
               s.port =
                   static_cast<int>(std::clamp<int64_t>(in.Int("port").value_or(587), -1, 70000));
               if (std::optional<std::string> sec = in.Str("security")) {
                 if (*sec == "none")
                   s.security = SmtpSecurity::kNone;
                 else if (*sec == "starttls")
                   s.security = SmtpSecurity::kStartTls;
                 else if (*sec == "tls")
                   s.security = SmtpSecurity::kTls;
                 else
                   issues.Add("security", "invalid_value");
               }
               s.username = in.Str("username").value_or("");
               if (in.Has("password") && !in.IsNull("password")) s.password = in.Str("password");
               s.sender_name = in.Str("sender_name").value_or("");
               s.sender_email = in.Str("sender_email").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(SmtpView v, svc.messaging.PutSmtp(ctx, s));
               return JsonResponse(200, smtp_json(v));
             });
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
  routes.Add("POST", "/api/v1/settings/smtp/test",
             [svc, outbox_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               std::string to = in.Str("to").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(OutboxMessage m, svc.messaging.SendTestMail(ctx, to, c.now));
               return JsonResponse(202, outbox_json(m, OutFor(ctx)));
             });
  routes.Add("GET", "/api/v1/mail/health",
             [svc](Call&, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailHealth h, svc.messaging.Health(ctx));
               Out out = OutFor(ctx);
               json failure = nullptr;
               if (h.last_failure)
                 failure = {{"at", out.Instant(h.last_failure->at)},
                            {"outbox_id", h.last_failure_outbox_id},
                            {"error", h.last_failure->detail}};
               return JsonResponse(200, {{"scheduler_last_tick_at",
                                          Nullable(out.OptInstant(h.scheduler_last_tick))},
                                         {"outbox_queued", h.outbox_queued},
                                         {"outbox_failed", h.outbox_failed},
                                         {"last_failure", failure},
                                         {"smtp_configured", h.smtp_configured}});
             });
  routes.Add(
      "GET", "/api/v1/outbox",
      [svc, outbox_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        Issues issues;
        std::optional<OutboxState> state =
            QueryEnum<OutboxState>(c.req, "state", &ParseOutboxState, issues);
        std::optional<int64_t> limit = QueryInt(c.req, "limit", issues);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(
            std::vector<OutboxMessage> list,
            svc.messaging.ListOutbox(
                ctx, state, static_cast<int>(std::clamp<int64_t>(limit.value_or(100), 1, 500))));
        json items = json::array();
        for (const OutboxMessage& m : list) items.push_back(outbox_json(m, OutFor(ctx)));
        return JsonResponse(200, {{"items", items}});
      });
  routes.Add("GET", "/api/v1/followups/{id}/emails",
             [svc, outbox_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(std::vector<OutboxMessage> list,
                                svc.messaging.FollowupEmails(ctx, id));
               json items = json::array();
               for (const OutboxMessage& m : list) items.push_back(outbox_json(m, OutFor(ctx)));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/followups/{id}/emails",
             [svc, outbox_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
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
               ASSIGN_OR_RETURN(OutboxMessage m, svc.messaging.SendNow(ctx, id, s, c.now));
               return JsonResponse(202, outbox_json(m, OutFor(ctx)));
             });

  // ---- Templates (manual 002).
  auto template_json = [](const MessageTemplate& t) {
    return json{{"id", t.id},
                {"kind", ToString(t.kind)},
                {"locale", t.locale},
                {"subject", t.subject},
                {"body", t.body}};
  };
  routes.Add("GET", "/api/v1/templates",
             [svc, template_json](Call&, const AuthContext&) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(std::vector<MessageTemplate> list, svc.messaging.ListTemplates());
               json items = json::array();
               for (const MessageTemplate& t : list) items.push_back(template_json(t));
               json placeholders = json::array();
               for (const PlaceholderInfo& p : KnownPlaceholders())
                 placeholders.push_back({{"name", p.name},
                                         {"names", {{"pt-BR", p.name}, {"es", p.es}, {"en", p.en}}},
                                         {"example", p.example}});
               return JsonResponse(200, {{"items", items}, {"placeholders", placeholders}});
             });
  routes.Add("PUT", "/api/v1/templates/{id}",
             [svc, template_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", ErrorCode::kTemplateNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"subject", "body"});
               std::string subject = in.Str("subject").value_or("");
               std::string text = in.Str("body").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(MessageTemplate t,
                                svc.messaging.UpdateTemplate(ctx, id, subject, text));
               return JsonResponse(200, template_json(t));
             });
  routes.Add("POST", "/api/v1/templates/preview",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               std::string subject = in.Str("subject").value_or("");
               std::string text = in.Str("body").value_or("");
               std::optional<int64_t> f = in.Int("followup_id");
               if (!f) in.Require("followup_id");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Preview p, svc.messaging.PreviewTemplate(ctx, subject, text,
                                                                         FollowupId(*f), c.now));
               return JsonResponse(
                   200, {{"subject", p.subject}, {"body", p.body}, {"missing", p.missing}});
             });
}

}  // namespace retorno
