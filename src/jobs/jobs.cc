#include "jobs/jobs.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "app/accounts/accounts.h"
#include "app/mail/mail_compose.h"
#include "app/time_zone.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/reminders.h"
#include "domain/templates.h"

namespace retorno {

namespace {

struct Pending {
  UserId user;
  UserEvent event;
};

// Tells `user` that a message about `f` was not sent or failed, and why.
absl::Status NotifyMailProblem(Tx& tx, UserId user, NotificationKind kind,
                               std::optional<FollowupId> f, std::optional<ActionId> a,
                               std::string detail, absl::Time now, std::vector<Pending>& events) {
  Notification n;
  n.user_id = user;
  n.kind = kind;
  n.followup_id = f;
  n.action_id = a;
  n.detail = std::move(detail);
  n.created_at = now;
  ASSIGN_OR_RETURN(n.id, tx.messaging().InsertNotification(n));
  ASSIGN_OR_RETURN(NotificationView v, ViewOf(tx, std::move(n)));
  UserEvent e;
  e.kind = UserEvent::Kind::kNotification;
  e.notification = std::move(v);
  events.push_back({user, std::move(e)});
  return absl::OkStatus();
}

// Queues `m`, rendered from the template of `kind` in `locale`; blocked with the
// missing tokens as its reason when a value is missing. Returns the missing tokens.
absl::StatusOr<std::vector<std::string>> QueueFromTemplate(Tx& tx, OutboxMessage& m,
                                                           TemplateKind kind,
                                                           const std::string& locale,
                                                           const PlaceholderValues& values) {
  ASSIGN_OR_RETURN(std::optional<MessageTemplate> t, tx.messaging().FindTemplateFor(kind, locale));
  if (!t) {
    ASSIGN_OR_RETURN(t, tx.messaging().FindTemplateFor(kind, "pt-BR"));
  }
  if (!t) return absl::InternalError("template missing");
  std::vector<std::string> missing = RenderInto(m, t->subject, t->body, values);
  if (!missing.empty()) {
    m.state = OutboxState::kBlocked;
    m.last_error = absl::StrCat("missing: ", absl::StrJoin(missing, ", "));
  }
  ASSIGN_OR_RETURN(m.id, tx.messaging().InsertOutbox(m));
  return missing;
}

absl::Status FireOne(Tx& tx, Crypto& crypto, const Reminder& r, const Settings& settings,
                     const StoredSmtp& smtp, absl::Time now, std::vector<Pending>& events) {
  ASSIGN_OR_RETURN(std::optional<Action> a, tx.followups().FindAction(r.action_id));
  ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(r.followup_id));
  // A stale row (its return done or cancelled in between) fires silently.
  if (!a || !f || a->status != ActionStatus::kPlanned || f->status != FollowupStatus::kOpen)
    return absl::OkStatus();
  ASSIGN_OR_RETURN(std::optional<User> user, tx.accounts().FindUser(r.user_id));
  if (!user || !user->active) return absl::OkStatus();
  const bool late = FiredLate(r.fire_at, now);
  const std::string locale = TemplateLocale(user->locale);

  if (r.kind == ReminderKind::kUser) {
    Notification n;
    n.user_id = user->id;
    n.kind = NotificationKind::kReminder;
    n.followup_id = f->id;
    n.action_id = a->id;
    n.late = late;
    n.created_at = now;
    ASSIGN_OR_RETURN(n.id, tx.messaging().InsertNotification(n));
    // Manual 001: the general switch turns the alarm off; the row stays as history.
    if (settings.return_alerts_enabled) {
      ASSIGN_OR_RETURN(NotificationView v, ViewOf(tx, std::move(n)));
      UserEvent e;
      e.kind = UserEvent::Kind::kNotification;
      e.notification = std::move(v);
      events.push_back({user->id, std::move(e)});
    }
    if (user->email_reminders == EmailReminders::kEach && !user->email.empty() &&
        !smtp.settings.host.empty()) {
      ASSIGN_OR_RETURN(PlaceholderValues values, ValuesFor(tx, *f, &*a, locale, now));
      OutboxMessage m;
      m.kind = OutboxKind::kReminder;
      m.followup_id = f->id;
      m.action_id = a->id;
      m.user_id = user->id;
      m.to = {user->email};
      // The people in copy of the follow-up (manual 000) follow its reminders too.
      m.cc = f->cc;
      m.message_id = NewMessageId(crypto, smtp.settings.sender_email);
      m.created_at = now;
      ASSIGN_OR_RETURN(std::vector<std::string> missing,
                       QueueFromTemplate(tx, m, TemplateKind::kReminder, locale, values));
      if (!missing.empty())
        RETURN_IF_ERROR(NotifyMailProblem(tx, user->id, NotificationKind::kMailBlocked, f->id,
                                          a->id, absl::StrJoin(missing, ", "), now, events));
    }
    return absl::OkStatus();
  }

  // The message to the customer at "remind at" (manual 000), in the assignee's language.
  OutboxMessage m;
  m.kind = OutboxKind::kCustomer;
  m.followup_id = f->id;
  m.action_id = a->id;
  m.user_id = user->id;
  if (!f->contact.email.empty()) m.to = {f->contact.email};
  m.cc = f->cc;
  m.message_id = NewMessageId(crypto, smtp.settings.sender_email);
  m.created_at = now;
  ASSIGN_OR_RETURN(PlaceholderValues values, ValuesFor(tx, *f, &*a, locale, now));
  std::vector<std::string> problems;
  if (m.to.empty()) problems.push_back("email_contato");
  if (smtp.settings.host.empty()) problems.push_back("smtp");
  if (!problems.empty()) {
    ASSIGN_OR_RETURN(std::optional<MessageTemplate> t,
                     tx.messaging().FindTemplateFor(TemplateKind::kCustomer, locale));
    if (t) RenderInto(m, t->subject, t->body, values);
    m.state = OutboxState::kBlocked;
    m.last_error = absl::StrCat("missing: ", absl::StrJoin(problems, ", "));
    ASSIGN_OR_RETURN(m.id, tx.messaging().InsertOutbox(m));
  } else {
    ASSIGN_OR_RETURN(problems, QueueFromTemplate(tx, m, TemplateKind::kCustomer, locale, values));
  }
  if (!problems.empty())
    RETURN_IF_ERROR(NotifyMailProblem(tx, user->id, NotificationKind::kMailBlocked, f->id, a->id,
                                      absl::StrJoin(problems, ", "), now, events));
  return absl::OkStatus();
}

// Only a mailing's messages can carry a sender name of their own (ADR 0048): they go to
// a customer with no follow-up and no user behind them. Anything else (reminders,
// digests, a follow-up's messages) skips the mailing store's lookup.
bool MayBelongToMailing(const OutboxMessage& m) {
  return m.kind == OutboxKind::kCustomer && !m.followup_id && !m.user_id;
}

}  // namespace

absl::StatusOr<int> ReminderJob::Tick(absl::Time now) {
  std::vector<Reminder> claimed;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(claimed,
                     tx.messaging().ClaimReminders(now, options_.reminder_batch, options_.worker_id,
                                                   now + options_.reminder_lease));
    return absl::OkStatus();
  }));
  if (claimed.empty()) return 0;
  std::vector<Pending> events;
  int fired = 0;
  // One transaction for the batch: if the process dies, nothing of it is visible and
  // the leases expire, so the batch fires again, once.
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    events.clear();
    fired = 0;
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    ASSIGN_OR_RETURN(StoredSmtp smtp, tx.messaging().GetSmtp());
    for (const Reminder& r : claimed) {
      absl::Status marked = tx.messaging().MarkReminderFired(r.id, options_.worker_id, now,
                                                             FiredLate(r.fire_at, now));
      if (absl::IsFailedPrecondition(marked)) continue;  // another worker took it over
      RETURN_IF_ERROR(marked);
      RETURN_IF_ERROR(FireOne(tx, crypto_, r, settings, smtp, now, events));
      ++fired;
    }
    return absl::OkStatus();
  }));
  for (const Pending& p : events) events_.Publish(p.user, p.event);
  return fired;
}

absl::StatusOr<int> OutboxJob::Tick(absl::Time now) {
  std::vector<OutboxMessage> claimed;
  StoredSmtp smtp;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(claimed,
                     tx.messaging().ClaimOutbox(now, options_.outbox_batch, options_.worker_id,
                                                now + options_.outbox_lease));
    ASSIGN_OR_RETURN(smtp, tx.messaging().GetSmtp());
    return absl::OkStatus();
  }));
  if (claimed.empty()) return 0;
  SmtpSettings settings = smtp.settings;
  absl::Status password_status = absl::OkStatus();
  if (!smtp.password_sealed.empty()) {
    absl::StatusOr<std::string> p = secrets_.Open(smtp.password_sealed);
    if (p.ok()) {
      settings.password = *std::move(p);
    } else {
      password_status = absl::FailedPreconditionError(
          "the SMTP password cannot be decrypted with this server's key; enter it again");
    }
  }
  // Never longer than half the lease, so a slow server cannot make a message be
  // claimed (and sent) twice.
  settings.timeout_seconds = static_cast<int>(std::clamp<int64_t>(
      absl::ToInt64Seconds(options_.outbox_lease) / 2, 1, settings.timeout_seconds));
  int done = 0;
  for (OutboxMessage& m : claimed) {
    MailMessage mail;
    mail.from = {settings.sender_name, settings.sender_email};
    for (const std::string& a : m.to) mail.to.push_back({"", a});
    for (const std::string& a : m.cc) mail.cc.push_back({"", a});
    mail.subject = m.subject;
    mail.text = m.text;
    mail.html = m.html;
    mail.message_id = m.message_id;
    mail.date = m.created_at;
    absl::Status sent = password_status;
    if (sent.ok() && settings.host.empty()) sent = absl::UnavailableError("smtp not configured");
    if (sent.ok()) {
      // The follow-up's attachments it names, and the files it carries (a scheduled
      // report's).
      sent = store_.Read([&](Tx& tx) -> absl::Status {
        ASSIGN_OR_RETURN(mail.attachments, tx.messaging().ListOutboxFiles(m.id));
        if (mailings_ != nullptr && MayBelongToMailing(m)) {
          ASSIGN_OR_RETURN(std::string sender, mailings_->In(tx)->SenderOfOutbox(m.id));
          if (!sender.empty()) mail.from.name = std::move(sender);
        }
        for (AttachmentId id : m.attachment_ids) {
          ASSIGN_OR_RETURN(std::optional<Attachment> a, tx.followups().FindAttachment(id));
          if (!a) return absl::FailedPreconditionError("attachment deleted");
          ASSIGN_OR_RETURN(std::string bytes, tx.followups().ReadAttachmentBytes(id));
          mail.attachments.push_back({a->file_name, a->content_type, std::move(bytes)});
        }
        return absl::OkStatus();
      });
    }
    if (sent.ok()) sent = mailer_.Send(settings, mail);

    std::vector<Pending> events;
    OutboxEvent event{now, "", ""};
    ++m.attempts;
    if (sent.ok()) {
      m.state = OutboxState::kSent;
      m.sent_at = now;
      m.next_attempt_at.reset();
      m.last_error.clear();
      event.event = "sent";
    } else if (absl::IsUnavailable(sent) && m.attempts < options_.max_attempts) {
      absl::Duration wait = options_.retry_base;
      for (int i = 1; i < m.attempts && wait < options_.retry_max; ++i) wait *= 2;
      m.next_attempt_at = now + std::min(wait, options_.retry_max);
      m.last_error = std::string(sent.message());
      event.event = "retry";
      event.detail = m.last_error;
    } else {
      m.state = OutboxState::kFailed;
      m.next_attempt_at.reset();
      m.last_error = std::string(sent.message());
      event.event = "failed";
      event.detail = m.last_error;
    }
    absl::Status finished = store_.Write([&](Tx& tx) -> absl::Status {
      events.clear();
      RETURN_IF_ERROR(tx.messaging().FinishOutboxAttempt(m, options_.worker_id, event));
      if (m.state == OutboxState::kSent && m.followup_id) {
        // Manual 003: what was sent is kept in the follow-up's history.
        ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(*m.followup_id));
        if (f) {
          Entry e;
          e.followup_id = f->id;
          e.action_id = m.action_id;
          e.kind = EntryKind::kEmail;
          e.body = absl::StrCat("✉ ", m.subject, "\nTo: ", absl::StrJoin(m.to, ", "));
          if (!m.cc.empty()) absl::StrAppend(&e.body, "\nCc: ", absl::StrJoin(m.cc, ", "));
          absl::StrAppend(&e.body, "\n\n", m.text);
          e.author_id = m.user_id.value_or(f->owner_id);
          e.contact_at = now;
          e.created_at = now;
          RETURN_IF_ERROR(tx.followups().InsertEntry(e).status());
        }
      }
      if (m.state == OutboxState::kFailed && m.user_id)
        RETURN_IF_ERROR(NotifyMailProblem(tx, *m.user_id, NotificationKind::kMailFailed,
                                          m.followup_id, m.action_id, m.last_error, now, events));
      return absl::OkStatus();
    });
    if (absl::IsFailedPrecondition(finished)) continue;  // lease lost: another worker has it
    RETURN_IF_ERROR(finished);
    for (const Pending& p : events) events_.Publish(p.user, p.event);
    ++done;
  }
  return done;
}

absl::StatusOr<int> DigestJob::Tick(absl::Time now) {
  std::vector<User> users;
  std::vector<absl::TimeZone> zones;  // each user's, by the time-zone policy
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(users, tx.accounts().ListUsers());
    for (const User& u : users) {
      ASSIGN_OR_RETURN(absl::TimeZone zone, ZoneOfUser(tx, u));
      zones.push_back(zone);
    }
    return absl::OkStatus();
  }));
  int queued = 0;
  for (size_t i = 0; i < users.size(); ++i) {
    const User& u = users[i];
    if (!u.active || u.email_reminders != EmailReminders::kDigest || u.email.empty()) continue;
    const absl::TimeZone zone = zones[i];
    const absl::CivilDay today = DayIn(now, zone);
    if (now < DigestInstant(today, zone)) continue;
    const std::string key = absl::StrCat("digest:", u.id.value);
    const std::string day = FormatDate(today);
    // Counted after the commit: a store may run the write again after a conflict.
    bool queued_now = false;
    RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
      queued_now = false;
      ASSIGN_OR_RETURN(std::optional<std::string> last, tx.jobs().GetJobState(key));
      if (last && *last == day) return absl::OkStatus();
      RETURN_IF_ERROR(tx.jobs().PutJobState(key, day));
      ASSIGN_OR_RETURN(StoredSmtp smtp, tx.messaging().GetSmtp());
      if (smtp.settings.host.empty()) return absl::OkStatus();
      AgendaQuery q;
      q.assignee_id = u.id;
      q.to = today;
      q.limit = 200;
      ASSIGN_OR_RETURN(std::vector<AgendaRow> rows, tx.followup_queries().QueryAgenda(q));
      if (rows.empty()) return absl::OkStatus();  // nothing due: no e-mail
      ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
      const std::string locale = TemplateLocale(u.locale);
      PlaceholderValues values;
      values["responsavel"] = u.name;
      values["email_responsavel"] = u.email;
      values["empresa"] = settings.company_name;
      values["data_hoje"] = FormatDayFor(today, locale);
      OutboxMessage m;
      m.kind = OutboxKind::kDigest;
      m.user_id = u.id;
      m.to = {u.email};
      m.message_id = NewMessageId(crypto_, smtp.settings.sender_email);
      m.created_at = now;
      ASSIGN_OR_RETURN(std::optional<MessageTemplate> t,
                       tx.messaging().FindTemplateFor(TemplateKind::kDigest, locale));
      if (!t) return absl::InternalError("digest template missing");
      std::vector<std::string> missing = RenderInto(m, t->subject, t->body, values);
      std::string list;
      for (const AgendaRow& r : rows) {
        absl::StrAppend(&list, "\n• ", FormatDayFor(r.action.due_date, locale));
        if (r.action.due_minutes)
          absl::StrAppend(&list, " ", FormatTimeOfDay(*r.action.due_minutes));
        absl::StrAppend(&list, " — ", r.party.name, " — ", r.followup.subject);
        if (r.action.due_date < today)
          absl::StrAppend(&list, " (", today - r.action.due_date,
                          locale == "en"   ? " days late)"
                          : locale == "es" ? " días de atraso)"
                                           : " dias de atraso)");
      }
      m.text += "\n" + list;
      m.html = TextToHtml(m.text);
      if (!missing.empty()) {
        m.state = OutboxState::kBlocked;
        m.last_error = absl::StrCat("missing: ", absl::StrJoin(missing, ", "));
      }
      ASSIGN_OR_RETURN(m.id, tx.messaging().InsertOutbox(m));
      queued_now = true;
      return absl::OkStatus();
    }));
    if (queued_now) ++queued;
  }
  return queued;
}

absl::StatusOr<int> AlertJob::Tick(absl::Time now) {
  std::vector<UserId> connected = events_.ConnectedUsers();
  std::vector<UserId> due;
  {
    std::lock_guard lock(mu_);
    std::map<int64_t, absl::Time> kept;
    for (UserId u : connected) {
      auto it = last_alert_.find(u.value);
      if (it == last_alert_.end()) {
        kept[u.value] = now;  // just connected: the summary on connect was the alert
      } else {
        kept[u.value] = it->second;
        due.push_back(u);
      }
    }
    last_alert_ = std::move(kept);
  }
  if (due.empty()) return 0;
  std::vector<Pending> alerts;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    if (!settings.return_alerts_enabled) return absl::OkStatus();
    for (UserId id : due) {
      ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(id));
      if (!u || !u->active) continue;
      std::optional<absl::Time> last;
      {
        std::lock_guard lock(mu_);
        last = last_alert_[id.value];
      }
      if (!RepeatAlertDue(last, u->alert_every_minutes, now)) continue;
      ASSIGN_OR_RETURN(DueCounts c, tx.followup_queries().CountDue(u->id, TodayOf(*u, now)));
      if (c.due_today + c.overdue == 0) continue;
      UserEvent e;
      e.kind = UserEvent::Kind::kAlert;
      e.due_today = c.due_today;
      e.overdue = c.overdue;
      alerts.push_back({u->id, e});
      std::lock_guard lock(mu_);
      last_alert_[id.value] = now;
    }
    return absl::OkStatus();
  }));
  for (const Pending& p : alerts) events_.Publish(p.user, p.event);
  return static_cast<int>(alerts.size());
}

absl::StatusOr<bool> ReminderJob::RunOnce(absl::Time now) {
  ASSIGN_OR_RETURN(int n, Tick(now));
  return n >= options_.reminder_batch;
}

absl::StatusOr<bool> OutboxJob::RunOnce(absl::Time now) {
  ASSIGN_OR_RETURN(int n, Tick(now));
  return n > 0;
}

absl::StatusOr<bool> DigestJob::RunOnce(absl::Time now) {
  RETURN_IF_ERROR(Tick(now).status());
  return false;
}

absl::StatusOr<bool> AlertJob::RunOnce(absl::Time now) {
  RETURN_IF_ERROR(Tick(now).status());
  return false;
}

absl::StatusOr<bool> TickRecordJob::RunOnce(absl::Time now) {
  RETURN_IF_ERROR(store_.Write(
      [&](Tx& tx) { return tx.jobs().PutJobState(kSchedulerLastTickKey, FormatInstantUtc(now)); }));
  return false;
}

absl::StatusOr<bool> ImportJob::RunOnce(absl::Time now) {
  return imports_.ProcessNext(options_.worker_id, now, options_.import_lease);
}

absl::StatusOr<bool> BirthdayJob::RunOnce(absl::Time now) {
  RETURN_IF_ERROR(birthdays_.Ensure(std::nullopt, now).status());
  return false;
}

}  // namespace retorno
