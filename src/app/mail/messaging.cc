#include "app/mail/messaging.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "app/audit/audit.h"
#include "app/errors.h"
#include "app/followups/followups.h"
#include "app/mail/mail_compose.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/permissions.h"
#include "domain/templates.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

namespace {

constexpr size_t kMaxSubject = 300;
constexpr size_t kMaxBody = 50000;
constexpr size_t kMaxRecipients = 20;

absl::StatusOr<Notification> LoadOwnNotification(Tx& tx, const AuthContext& ctx, int64_t id) {
  ASSIGN_OR_RETURN(std::optional<Notification> n, tx.messaging().FindNotification(id));
  // Another user's notification does not exist for this one.
  if (!n || n->user_id != ctx.user.id) return CodedError(ErrorCode::kNotificationNotFound);
  return *std::move(n);
}

void CheckAddresses(const std::string& field, const std::vector<std::string>& list,
                    Issues& issues) {
  if (list.size() > kMaxRecipients) issues.Add(field, "too_many");
  for (size_t i = 0; i < list.size(); ++i)
    if (!IsValidEmail(list[i])) issues.Add(absl::StrCat(field, "[", i, "]"), "invalid_email");
}

}  // namespace

absl::StatusOr<NotificationView> ViewOf(Tx& tx, Notification n) {
  NotificationView v;
  if (n.followup_id) {
    ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(*n.followup_id));
    if (f) {
      v.subject = f->subject;
      ASSIGN_OR_RETURN(std::optional<Party> p, tx.parties().FindParty(f->party_id));
      if (p) v.party_name = p->name;
    }
  }
  if (n.action_id) {
    ASSIGN_OR_RETURN(std::optional<Action> a, tx.followups().FindAction(*n.action_id));
    if (a) {
      v.due_date = a->due_date;
      v.due_minutes = a->due_minutes;
    }
  }
  v.notification = std::move(n);
  return v;
}

absl::StatusOr<NotificationList> MessagingService::ListNotifications(const AuthContext& ctx,
                                                                     bool unread_only, int limit) {
  NotificationList out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(
        std::vector<Notification> list,
        tx.messaging().ListNotifications(ctx.user.id, unread_only, std::clamp(limit, 1, 200)));
    for (Notification& n : list) {
      ASSIGN_OR_RETURN(NotificationView v, ViewOf(tx, std::move(n)));
      out.items.push_back(std::move(v));
    }
    ASSIGN_OR_RETURN(out.unread, tx.messaging().CountUnreadNotifications(ctx.user.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<UserEvent> MessagingService::SummaryFor(const User& user, absl::Time now) {
  UserEvent summary;
  summary.kind = UserEvent::Kind::kSummary;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    ASSIGN_OR_RETURN(DueCounts due, tx.followup_queries().CountDue(user.id, TodayOf(user, now)));
    ASSIGN_OR_RETURN(summary.unread, tx.messaging().CountUnreadNotifications(user.id));
    summary.due_today = due.due_today;
    summary.overdue = due.overdue;
    summary.alerts_enabled = settings.return_alerts_enabled && user.alert_on_login;
    return absl::OkStatus();
  }));
  return summary;
}

absl::Status MessagingService::MarkRead(const AuthContext& ctx, int64_t id, absl::Time now) {
  return store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Notification n, LoadOwnNotification(tx, ctx, id));
    if (n.read_at) return absl::OkStatus();
    n.read_at = now;
    return tx.messaging().UpdateNotification(n);
  });
}

absl::Status MessagingService::MarkAllRead(const AuthContext& ctx, absl::Time now) {
  return store_.Write([&](Tx& tx) -> absl::Status {
    return tx.messaging().MarkAllNotificationsRead(ctx.user.id, now);
  });
}

absl::StatusOr<NotificationView> MessagingService::Snooze(const AuthContext& ctx, int64_t id,
                                                          SnoozeChoice c, absl::Time now) {
  NotificationView out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Notification n, LoadOwnNotification(tx, ctx, id));
    if (n.kind != NotificationKind::kReminder || !n.action_id)
      return CodedError(ErrorCode::kNotSnoozable);
    ASSIGN_OR_RETURN(std::optional<Action> a, tx.followups().FindAction(*n.action_id));
    if (!a || a->status != ActionStatus::kPlanned) return CodedError(ErrorCode::kActionNotPlanned);
    const absl::Time until = SnoozeUntil(c, now, ZoneOf(ctx.user));
    Reminder r;
    r.action_id = a->id;
    r.followup_id = a->followup_id;
    r.user_id = ctx.user.id;
    r.kind = ReminderKind::kUser;
    r.fire_at = until;
    r.created_at = now;
    RETURN_IF_ERROR(tx.messaging().InsertReminder(r).status());
    n.read_at = now;
    n.snoozed_until = until;
    RETURN_IF_ERROR(tx.messaging().UpdateNotification(n));
    ASSIGN_OR_RETURN(out, ViewOf(tx, std::move(n)));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<SmtpView> MessagingService::GetSmtp(const AuthContext& ctx) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  SmtpView v;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(StoredSmtp s, tx.messaging().GetSmtp());
    v.settings = s.settings;
    v.password_set = !s.password_sealed.empty();
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<bool> MessagingService::MailConfigured() {
  bool configured = false;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(StoredSmtp s, tx.messaging().GetSmtp());
    configured = !s.settings.host.empty();
    return absl::OkStatus();
  }));
  return configured;
}

namespace {

// The SMTP settings as the audit trail records them: the password only as "changed".
nlohmann::json SmtpValues(const StoredSmtp& s) {
  return nlohmann::json{{"host", s.settings.host},
                        {"port", s.settings.port},
                        {"security", static_cast<int>(s.settings.security)},
                        {"username", s.settings.username},
                        {"sender_name", s.settings.sender_name},
                        {"sender_email", s.settings.sender_email},
                        {"smtp_password", s.password_sealed}};
}

}  // namespace

absl::StatusOr<SmtpView> MessagingService::PutSmtp(const AuthContext& ctx, const SmtpInput& in) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  Issues issues;
  // An empty host turns e-mail off; then the rest may be empty too.
  if (!in.host.empty()) {
    if (in.host.size() > 253 || !IsCleanText(in.host) ||
        in.host.find_first_of(" /@:") != std::string::npos)
      issues.Add("host", "invalid_host");
    if (in.sender_email.empty()) issues.Add("sender_email", "required");
  }
  if (in.port < 1 || in.port > 65535) issues.Add("port", "out_of_range");
  if (!in.sender_email.empty() && !IsValidEmail(in.sender_email))
    issues.Add("sender_email", "invalid_email");
  if (!IsOneLine(in.sender_name))
    issues.Add("sender_name", "line_break");
  else if (in.sender_name.size() > 200 || !IsCleanText(in.sender_name))
    issues.Add("sender_name", "invalid_text");
  if (!IsOneLine(in.username))
    issues.Add("username", "line_break");
  else if (in.username.size() > 200 || !IsCleanText(in.username))
    issues.Add("username", "invalid_text");
  if (in.password && in.password->size() > 500) issues.Add("password", "too_long");
  RETURN_IF_ERROR(issues.ToStatus());
  SmtpView v;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(StoredSmtp s, tx.messaging().GetSmtp());
    const nlohmann::json before = SmtpValues(s);
    s.settings.host = in.host;
    s.settings.port = in.port;
    if (in.security) s.settings.security = *in.security;
    s.settings.username = in.username;
    s.settings.sender_name = in.sender_name;
    s.settings.sender_email = in.sender_email;
    if (in.password) s.password_sealed = in.password->empty() ? "" : secrets_.Seal(*in.password);
    RETURN_IF_ERROR(tx.messaging().PutSmtp(s));
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx), "smtp", "smtp", audit::Action::kUpdate,
                                  before, SmtpValues(s)));
    v.settings = s.settings;
    v.password_set = !s.password_sealed.empty();
    return absl::OkStatus();
  }));
  return v;
}

namespace {

// Refuses a hand-sent message that would take `user` past `per_hour` recipients in the
// hour ending `now`. Run inside the write that queues it: writes are serialised, so two
// requests at once cannot both slip under the limit.
absl::Status CheckSendingLimit(Tx& tx, int per_hour, UserId user, size_t recipients,
                               absl::Time now) {
  if (per_hour <= 0) return absl::OkStatus();
  ASSIGN_OR_RETURN(int64_t queued,
                   tx.messaging().CountRecipientsQueuedBy(user, now - absl::Hours(1)));
  if (queued + static_cast<int64_t>(recipients) > per_hour)
    return CodedError(ErrorCode::kMailRateLimited);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<OutboxMessage> MessagingService::SendTestMail(const AuthContext& ctx,
                                                             const std::string& to,
                                                             absl::Time now) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  if (to.empty()) return FieldError("to", "required");
  if (!IsValidEmail(to)) return FieldError("to", "invalid_email");
  OutboxMessage m;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(StoredSmtp s, tx.messaging().GetSmtp());
    if (s.settings.host.empty()) return CodedError(ErrorCode::kSmtpNotConfigured);
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    m.kind = OutboxKind::kTest;
    m.user_id = ctx.user.id;
    m.to = {to};
    RETURN_IF_ERROR(CheckSendingLimit(tx, options_.per_user_per_hour, ctx.user.id, 1, now));
    // Fixed text in the sender's language: it tests the server, not a template.
    const std::string locale = TemplateLocale(ctx.user.locale);
    m.subject = locale == "es"   ? "Retorno: correo de prueba ✓ — " + settings.company_name
                : locale == "en" ? "Retorno: test e-mail ✓ — " + settings.company_name
                                 : "Retorno: e-mail de teste ✓ — " + settings.company_name;
    m.text = locale == "es"   ? "Si lee este mensaje, el correo de Retorno está configurado."
             : locale == "en" ? "If you can read this, Retorno's e-mail is set up."
                              : "Se você está lendo esta mensagem, o e-mail do Retorno está "
                                "configurado. Ação concluída.";
    m.message_id = NewMessageId(crypto_, s.settings.sender_email);
    m.created_at = now;
    ASSIGN_OR_RETURN(m.id, tx.messaging().InsertOutbox(m));
    ASSIGN_OR_RETURN(std::optional<OutboxMessage> stored, tx.messaging().FindOutbox(m.id));
    if (stored) m = *std::move(stored);
    return absl::OkStatus();
  }));
  return m;
}

absl::StatusOr<MailHealth> MessagingService::Health(const AuthContext& ctx) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  MailHealth h;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(OutboxStats st, tx.messaging().GetOutboxStats());
    h.outbox_queued = st.queued;
    h.outbox_failed = st.failed;
    h.last_failure = st.last_failure;
    h.last_failure_outbox_id = st.last_failure_outbox_id;
    ASSIGN_OR_RETURN(StoredSmtp s, tx.messaging().GetSmtp());
    h.smtp_configured = !s.settings.host.empty();
    ASSIGN_OR_RETURN(std::optional<std::string> tick, tx.jobs().GetJobState(kSchedulerLastTickKey));
    if (tick) h.scheduler_last_tick = ParseInstant(*tick);
    return absl::OkStatus();
  }));
  return h;
}

absl::StatusOr<std::vector<OutboxMessage>> MessagingService::ListOutbox(
    const AuthContext& ctx, std::optional<OutboxState> state, int limit) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  std::vector<OutboxMessage> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    OutboxFilter f;
    f.state = state;
    f.limit = std::clamp(limit, 1, 500);
    ASSIGN_OR_RETURN(out, tx.messaging().ListOutbox(f));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<OutboxMessage>> MessagingService::FollowupEmails(const AuthContext& ctx,
                                                                            FollowupId id) {
  std::vector<OutboxMessage> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(LoadReadableFollowup(tx, ctx, id).status());
    OutboxFilter f;
    f.followup_id = id;
    f.limit = 200;
    ASSIGN_OR_RETURN(out, tx.messaging().ListOutbox(f));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<OutboxMessage> MessagingService::SendNow(const AuthContext& ctx, FollowupId id,
                                                        const SendNowInput& in, absl::Time now) {
  OutboxMessage m;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    Issues issues;
    CheckTemplateText("subject", in.subject, kMaxSubject, true, issues);
    CheckTemplateText("body", in.body, kMaxBody, true, issues);
    m.to = in.to ? *in.to : std::vector<std::string>();
    if (!in.to && !f.contact.email.empty()) m.to.push_back(f.contact.email);
    m.cc = in.cc ? *in.cc : f.cc;
    if (m.to.empty()) issues.Add("to", "required");
    CheckAddresses("to", m.to, issues);
    CheckAddresses("cc", m.cc, issues);
    for (size_t i = 0; i < in.attachment_ids.size(); ++i) {
      ASSIGN_OR_RETURN(std::optional<Attachment> a,
                       tx.followups().FindAttachment(in.attachment_ids[i]));
      if (!a || a->followup_id != f.id)
        issues.Add(absl::StrCat("attachment_ids[", i, "]"), "unknown_attachment");
    }
    RETURN_IF_ERROR(issues.ToStatus());
    ASSIGN_OR_RETURN(PlaceholderValues values,
                     ValuesFor(tx, f, nullptr, TemplateLocale(ctx.user.locale), now));
    std::vector<std::string> missing = RenderInto(m, in.subject, in.body, values);
    if (!missing.empty()) {
      // The user sees which value is missing and nothing is queued (manual 002).
      for (const std::string& token : missing)
        issues.Add(in.subject.find("#{" + token + "}") != std::string::npos ? "subject" : "body",
                   "missing_value:" + token);
      return issues.ToStatus();
    }
    RETURN_IF_ERROR(CheckSendingLimit(tx, options_.per_user_per_hour, ctx.user.id,
                                      m.to.size() + m.cc.size(), now));
    ASSIGN_OR_RETURN(StoredSmtp s, tx.messaging().GetSmtp());
    m.kind = OutboxKind::kManual;
    m.followup_id = f.id;
    m.user_id = ctx.user.id;
    m.attachment_ids = in.attachment_ids;
    m.message_id = NewMessageId(crypto_, s.settings.sender_email);
    m.created_at = now;
    ASSIGN_OR_RETURN(m.id, tx.messaging().InsertOutbox(m));
    ASSIGN_OR_RETURN(std::optional<OutboxMessage> stored, tx.messaging().FindOutbox(m.id));
    if (stored) m = *std::move(stored);
    return absl::OkStatus();
  }));
  return m;
}

absl::StatusOr<std::vector<MessageTemplate>> MessagingService::ListTemplates() {
  std::vector<MessageTemplate> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.messaging().ListTemplates());
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<MessageTemplate> MessagingService::UpdateTemplate(const AuthContext& ctx, int64_t id,
                                                                 const std::string& subject,
                                                                 const std::string& body) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  Issues issues;
  CheckTemplateText("subject", subject, kMaxSubject, true, issues);
  CheckTemplateText("body", body, kMaxBody, true, issues);
  RETURN_IF_ERROR(issues.ToStatus());
  MessageTemplate t;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<MessageTemplate> found, tx.messaging().FindTemplate(id));
    if (!found) return CodedError(ErrorCode::kTemplateNotFound);
    t = *std::move(found);
    const nlohmann::json before = audit::ValuesOf(t);
    t.subject = subject;
    t.body = body;
    RETURN_IF_ERROR(tx.messaging().UpdateTemplate(t));
    return audit::Record(tx, audit::Who(ctx), "template", t.id, audit::Action::kUpdate, before,
                         audit::ValuesOf(t));
  }));
  return t;
}

absl::StatusOr<Preview> MessagingService::PreviewTemplate(const AuthContext& ctx,
                                                          const std::string& subject,
                                                          const std::string& body,
                                                          FollowupId followup, absl::Time now) {
  Issues issues;
  CheckTemplateText("subject", subject, kMaxSubject, false, issues);
  CheckTemplateText("body", body, kMaxBody, false, issues);
  RETURN_IF_ERROR(issues.ToStatus());
  Preview p;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, followup));
    // The follow-up's next planned return fills the return's placeholders.
    ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(f.id));
    const Action* next = nullptr;
    for (const Action& a : actions)
      if (a.status == ActionStatus::kPlanned) {
        next = &a;
        break;
      }
    ASSIGN_OR_RETURN(PlaceholderValues values,
                     ValuesFor(tx, f, next, TemplateLocale(ctx.user.locale), now));
    OutboxMessage m;
    p.missing = RenderInto(m, subject, body, values);
    p.subject = std::move(m.subject);
    p.body = std::move(m.text);
    return absl::OkStatus();
  }));
  return p;
}

}  // namespace retorno
