// The messaging repository in SQL: reminders, notifications, the e-mail outbox,
// message templates, SMTP settings and the per-user sending limit.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "app/error_codes.h"
#include "base/status_macros.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

constexpr char kReminderCols[] =
    "r.id, r.action_id, r.followup_id, r.user_id, r.kind, r.fire_at, r.state, r.fired_at, "
    "r.late, r.created_at";
constexpr char kNotificationCols[] =
    "n.id, n.user_id, n.kind, n.followup_id, n.action_id, n.detail, n.late, n.created_at, "
    "n.read_at, n.snoozed_until";
constexpr char kOutboxCols[] =
    "o.id, o.kind, o.followup_id, o.action_id, o.user_id, o.to_addrs, o.cc_addrs, o.subject, "
    "o.body_text, o.body_html, o.attachment_ids, o.message_id, o.state, o.attempts, "
    "o.next_attempt_at, o.last_error, o.created_at, o.sent_at";

RETORNO_SQL(kCancelPendingReminders,
            "UPDATE reminders SET state = 'cancelled', lease_owner = '', lease_until = NULL "
            "WHERE action_id = ? AND state = 'pending'");
const ReservableInsert kInsertReminder = MakeReservableInsert(
    "reminders",
    "action_id, followup_id, user_id, kind, fire_at, state, fired_at, late, created_at",
    "?, ?, ?, ?, ?, ?, ?, ?, ?");
RETORNO_SQL(kListReminders, "SELECT ", kReminderCols,
            " FROM reminders r WHERE r.action_id = ? ORDER BY r.fire_at, r.id");
// The subquery walks the partial index of pending rows in instant order.
// RETURNING takes bare column names (no table alias).
const DialectSql kClaimReminders([](Dialect d) {
  return absl::StrCat(
      "UPDATE reminders SET lease_owner = ?1, lease_until = ?2 "
      "WHERE id IN (SELECT id FROM reminders WHERE state = 'pending' AND fire_at <= ?3 "
      "AND (lease_until IS NULL OR lease_until <= ?3) ORDER BY fire_at, id LIMIT ?4",
      SkipLockedSql(d), ") RETURNING ", absl::StrReplaceAll(kReminderCols, {{"r.", ""}}));
});
RETORNO_SQL(kMarkReminderFired,
            "UPDATE reminders SET state = 'fired', fired_at = ?, late = ?, lease_until = NULL "
            "WHERE id = ? AND state = 'pending' AND lease_owner = ?");
RETORNO_SQL(kCountPendingReminders,
            "SELECT count(*) FROM reminders WHERE state = 'pending' AND fire_at <= ?");

RETORNO_SQL(kInsertNotification,
            "INSERT INTO notifications (user_id, kind, followup_id, action_id, detail, late, "
            "created_at, read_at, snoozed_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kFindNotification, "SELECT ", kNotificationCols,
            " FROM notifications n WHERE n.id = ?");
RETORNO_SQL(kListNotifications, "SELECT ", kNotificationCols,
            " FROM notifications n WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?");
RETORNO_SQL(kListUnreadNotifications, "SELECT ", kNotificationCols,
            " FROM notifications n WHERE n.user_id = ? AND n.read_at IS NULL "
            "ORDER BY n.id DESC LIMIT ?");
RETORNO_SQL(kCountUnread,
            "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
RETORNO_SQL(kUpdateNotification,
            "UPDATE notifications SET read_at = ?, snoozed_until = ? WHERE id = ?");
RETORNO_SQL(kReadAllNotifications,
            "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL");
RETORNO_SQL(kReadActionNotifications,
            "UPDATE notifications SET read_at = ? WHERE action_id = ? AND read_at IS NULL "
            "AND kind = 'reminder'");

RETORNO_SQL(kInsertOutbox,
            "INSERT INTO outbox (kind, followup_id, action_id, user_id, to_addrs, cc_addrs, "
            "subject, body_text, body_html, attachment_ids, message_id, state, attempts, "
            "next_attempt_at, last_error, created_at, sent_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kInsertOutboxLog,
            "INSERT INTO outbox_log (outbox_id, seq, at, event, detail) VALUES (?1, "
            "(SELECT coalesce(max(seq), 0) + 1 FROM outbox_log WHERE outbox_id = ?1), ?2, ?3, ?4)");
RETORNO_SQL(kFindOutbox, "SELECT ", kOutboxCols, " FROM outbox o WHERE o.id = ?");
RETORNO_SQL(kOutboxLog,
            "SELECT at, event, detail FROM outbox_log WHERE outbox_id = ? ORDER BY seq");
// SQLite is told to walk outbox_due (next_attempt_at, id of the queued messages): left to
// itself, without statistics, it takes outbox_state and reads and sorts every queued
// message for each claim of 20, so a mailing of 10,000 cost the outbox job more CPU in
// its claims than in its SMTP sessions. The walk stops after the 20 due ones.
const DialectSql kClaimOutbox([](Dialect d) {
  return absl::StrCat(
      "UPDATE outbox SET lease_owner = ?1, lease_until = ?2 "
      "WHERE id IN (SELECT id FROM outbox",
      d == Dialect::kSqlite ? " INDEXED BY outbox_due" : "",
      " WHERE state = 'queued' AND "
      "next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until <= ?3) "
      "ORDER BY next_attempt_at, id LIMIT ?4",
      SkipLockedSql(d), ") RETURNING ", absl::StrReplaceAll(kOutboxCols, {{"o.", ""}}));
});
RETORNO_SQL(kFinishOutbox,
            "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, "
            "sent_at = ?, lease_owner = '', lease_until = NULL "
            "WHERE id = ? AND state = 'queued' AND lease_owner = ?");
RETORNO_SQL(kOutboxCounts,
            "SELECT coalesce(sum(CASE WHEN state = 'queued' THEN 1 ELSE 0 END), 0), "
            "coalesce(sum(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) "
            "FROM outbox WHERE state IN ('queued', 'failed')");
// Walks outbox_by_sender (user_id, created_at) over the window; the kinds are the
// index's condition. A message to three addresses counts three. The addresses are JSON
// arrays in text columns, which PostgreSQL parses only when cast.
const DialectSql kCountRecipientsQueuedBy([](Dialect d) {
  const char* to = d == Dialect::kSqlite ? "to_addrs" : "CAST(to_addrs AS json)";
  const char* cc = d == Dialect::kSqlite ? "cc_addrs" : "CAST(cc_addrs AS json)";
  return absl::StrCat("SELECT coalesce(sum(json_array_length(", to, ") + json_array_length(", cc,
                      ")), 0) FROM outbox WHERE user_id = ? AND kind IN ('manual', 'test') "
                      "AND created_at >= ?");
});
RETORNO_SQL(kOutboxLastFailure,
            "SELECT outbox_id, at, event, detail FROM outbox_log "
            "WHERE event IN ('retry', 'failed') ORDER BY at DESC, outbox_id DESC LIMIT 1");

constexpr char kTemplateCols[] = "t.id, t.kind, t.locale, t.subject, t.body";
RETORNO_SQL(kListTemplates, "SELECT ", kTemplateCols,
            " FROM templates t ORDER BY t.kind, t.locale");
RETORNO_SQL(kFindTemplate, "SELECT ", kTemplateCols, " FROM templates t WHERE t.id = ?");
RETORNO_SQL(kFindTemplateFor, "SELECT ", kTemplateCols,
            " FROM templates t WHERE t.kind = ? AND t.locale = ?");
RETORNO_SQL(kUpdateTemplate, "UPDATE templates SET subject = ?, body = ? WHERE id = ?");

RETORNO_SQL(kGetSmtp,
            "SELECT host, port, security, username, password_sealed, sender_name, sender_email "
            "FROM smtp_settings WHERE id = 1");
RETORNO_SQL(kPutSmtp,
            "UPDATE smtp_settings SET host = ?, port = ?, security = ?, username = ?, "
            "password_sealed = ?, sender_name = ?, sender_email = ? WHERE id = 1");

absl::StatusOr<Reminder> ReadReminder(const Query& q, int c) {
  Reminder r;
  r.id = q.Int(c);
  r.action_id = q.IdAt<ActionId>(c + 1);
  r.followup_id = q.IdAt<FollowupId>(c + 2);
  r.user_id = q.IdAt<UserId>(c + 3);
  RETURN_IF_ERROR(ParseEnum(&ParseReminderKind, q.Text(c + 4), "reminder kind", &r.kind));
  r.fire_at = q.Time(c + 5);
  RETURN_IF_ERROR(ParseEnum(&ParseReminderState, q.Text(c + 6), "reminder state", &r.state));
  r.fired_at = q.OptTime(c + 7);
  r.late = q.Bool(c + 8);
  r.created_at = q.Time(c + 9);
  return r;
}

absl::StatusOr<Notification> ReadNotification(const Query& q, int c) {
  Notification n;
  n.id = q.Int(c);
  n.user_id = q.IdAt<UserId>(c + 1);
  RETURN_IF_ERROR(ParseEnum(&ParseNotificationKind, q.Text(c + 2), "notification kind", &n.kind));
  n.followup_id = q.OptId<FollowupId>(c + 3);
  n.action_id = q.OptId<ActionId>(c + 4);
  n.detail = q.Text(c + 5);
  n.late = q.Bool(c + 6);
  n.created_at = q.Time(c + 7);
  n.read_at = q.OptTime(c + 8);
  n.snoozed_until = q.OptTime(c + 9);
  return n;
}

absl::StatusOr<std::string> EncodeIds(const std::vector<AttachmentId>& ids) {
  nlohmann::json j = nlohmann::json::array();
  for (AttachmentId id : ids) j.push_back(id.value);
  return j.dump();
}

absl::Status DecodeIds(const std::string& text, std::vector<AttachmentId>* out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return absl::DataLossError("stored attachment ids are not an array");
  out->clear();
  for (const nlohmann::json& item : j) {
    if (!item.is_number_integer()) return absl::DataLossError("stored attachment id");
    out->push_back(AttachmentId(item.get<int64_t>()));
  }
  return absl::OkStatus();
}

absl::StatusOr<OutboxMessage> ReadOutbox(const Query& q, int c) {
  OutboxMessage m;
  m.id = q.Int(c);
  RETURN_IF_ERROR(ParseEnum(&ParseOutboxKind, q.Text(c + 1), "outbox kind", &m.kind));
  m.followup_id = q.OptId<FollowupId>(c + 2);
  m.action_id = q.OptId<ActionId>(c + 3);
  m.user_id = q.OptId<UserId>(c + 4);
  RETURN_IF_ERROR(DecodeCc(q.Text(c + 5), &m.to));
  RETURN_IF_ERROR(DecodeCc(q.Text(c + 6), &m.cc));
  m.subject = q.Text(c + 7);
  m.text = q.Text(c + 8);
  m.html = q.Text(c + 9);
  RETURN_IF_ERROR(DecodeIds(q.Text(c + 10), &m.attachment_ids));
  m.message_id = q.Text(c + 11);
  RETURN_IF_ERROR(ParseEnum(&ParseOutboxState, q.Text(c + 12), "outbox state", &m.state));
  m.attempts = static_cast<int>(q.Int(c + 13));
  m.next_attempt_at = q.OptTime(c + 14);
  m.last_error = q.Text(c + 15);
  m.created_at = q.Time(c + 16);
  m.sent_at = q.OptTime(c + 17);
  return m;
}

absl::StatusOr<MessageTemplate> ReadTemplate(const Query& q, int c) {
  MessageTemplate t;
  t.id = q.Int(c);
  RETURN_IF_ERROR(ParseEnum(&ParseTemplateKind, q.Text(c + 1), "template kind", &t.kind));
  t.locale = q.Text(c + 2);
  t.subject = q.Text(c + 3);
  t.body = q.Text(c + 4);
  return t;
}

std::string_view SecurityName(SmtpSecurity s) {
  switch (s) {
    case SmtpSecurity::kNone:
      return "none";
    case SmtpSecurity::kTls:
      return "tls";
    case SmtpSecurity::kStartTls:
      break;
  }
  return "starttls";
}

// Runs a claim statement (UPDATE ... RETURNING) and orders the rows, which RETURNING
// does not.
template <class T, class Reader, class Less>
absl::StatusOr<std::vector<T>> Claim(Db& db, const std::string& sql, Reader read, Less less,
                                     const std::string& worker, absl::Time lease_until,
                                     absl::Time now, int limit) {
  ASSIGN_OR_RETURN(std::vector<T> out, FindAll<T>(db, sql, read, worker, lease_until, now, limit));
  std::sort(out.begin(), out.end(), less);
  return out;
}

}  // namespace

RETORNO_SQL(kInsertOutboxFile,
            "INSERT INTO outbox_files (outbox_id, seq, file_name, content_type, bytes) "
            "VALUES (?, ?, ?, ?, ?)");
// A mailing's message carries its mailing's files (stored once, ADR 0048) after its own.
RETORNO_SQL(kListOutboxFiles,
            "SELECT file_name, content_type, bytes FROM (SELECT 0 AS part, seq, file_name, "
            "content_type, bytes FROM outbox_files WHERE outbox_id = ?1 UNION ALL "
            "SELECT 1 AS part, a.seq, a.file_name, a.content_type, a.bytes "
            "FROM mailing_recipients r JOIN mailing_attachments a ON a.mailing_id = r.mailing_id "
            "WHERE r.outbox_id = ?1) files ORDER BY part, seq");

absl::Status SqlMessaging::InsertOutboxFile(int64_t outbox_id, int seq, const MailAttachment& f) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kInsertOutboxFile));
  q.Bind(outbox_id);
  q.Bind(static_cast<int64_t>(seq));
  q.Bind(f.file_name);
  q.Bind(f.content_type);
  q.BindBlobNoCopy(f.bytes);
  return q.Run();
}

absl::StatusOr<std::vector<MailAttachment>> SqlMessaging::ListOutboxFiles(int64_t outbox_id) {
  return FindAll<MailAttachment>(
      db_, kListOutboxFiles,
      [](const Query& q, int c) -> absl::StatusOr<MailAttachment> {
        return MailAttachment{q.Text(c), q.Text(c + 1), q.Blob(c + 2)};
      },
      outbox_id);
}

absl::Status SqlMessaging::ReplacePendingReminders(ActionId action,
                                                   const std::vector<Reminder>& pending) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  RETURN_IF_ERROR(db_.Run(kCancelPendingReminders, action));
  for (const Reminder& r : pending) {
    Reminder copy = r;
    copy.action_id = action;
    copy.state = ReminderState::kPending;
    RETURN_IF_ERROR(InsertReminder(copy).status());
  }
  return sp.Release();
}

absl::StatusOr<int64_t> SqlMessaging::InsertReminder(const Reminder& r) {
  return InsertReservedId(db_, kInsertReminder, r.action_id, r.followup_id, r.user_id,
                          ToString(r.kind), r.fire_at, ToString(r.state), r.fired_at, r.late,
                          r.created_at);
}

absl::StatusOr<std::vector<Reminder>> SqlMessaging::ListReminders(ActionId action) {
  return FindAll<Reminder>(db_, kListReminders, &ReadReminder, action);
}

absl::StatusOr<std::vector<Reminder>> SqlMessaging::ClaimReminders(absl::Time now, int limit,
                                                                   const std::string& worker,
                                                                   absl::Time lease_until) {
  return Claim<Reminder>(
      db_, kClaimReminders(db_.dialect()), &ReadReminder,
      [](const Reminder& a, const Reminder& b) {
        return std::tie(a.fire_at, a.id) < std::tie(b.fire_at, b.id);
      },
      worker, lease_until, now, limit);
}

absl::Status SqlMessaging::MarkReminderFired(int64_t id, const std::string& worker,
                                             absl::Time fired_at, bool late) {
  RETURN_IF_ERROR(db_.Run(kMarkReminderFired, fired_at, late, id, worker));
  if (db_.Changes() == 0) return absl::FailedPreconditionError("lease");
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqlMessaging::CountPendingReminders(absl::Time due_by) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kCountPendingReminders));
  q.BindAll(due_by);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::StatusOr<int64_t> SqlMessaging::InsertNotification(const Notification& n) {
  return InsertId(db_, kInsertNotification, n.user_id, ToString(n.kind), n.followup_id, n.action_id,
                  n.detail, n.late, n.created_at, n.read_at, n.snoozed_until);
}

absl::StatusOr<std::optional<Notification>> SqlMessaging::FindNotification(int64_t id) {
  return FindOne<Notification>(db_, kFindNotification, &ReadNotification, id);
}

absl::StatusOr<std::vector<Notification>> SqlMessaging::ListNotifications(UserId user,
                                                                          bool unread_only,
                                                                          int limit) {
  return FindAll<Notification>(db_, unread_only ? kListUnreadNotifications : kListNotifications,
                               &ReadNotification, user, limit);
}

absl::StatusOr<int64_t> SqlMessaging::CountUnreadNotifications(UserId user) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kCountUnread));
  q.BindAll(user);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::Status SqlMessaging::UpdateNotification(const Notification& n) {
  RETURN_IF_ERROR(db_.Run(kUpdateNotification, n.read_at, n.snoozed_until, n.id));
  if (db_.Changes() == 0) return CodedError(ErrorCode::kNotificationNotFound);
  return absl::OkStatus();
}

absl::Status SqlMessaging::MarkAllNotificationsRead(UserId user, absl::Time now) {
  return db_.Run(kReadAllNotifications, now, user);
}

absl::Status SqlMessaging::MarkActionNotificationsRead(ActionId action, absl::Time now) {
  return db_.Run(kReadActionNotifications, now, action);
}

absl::StatusOr<int64_t> SqlMessaging::InsertOutbox(const OutboxMessage& m) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  ASSIGN_OR_RETURN(std::string to, EncodeCc(m.to));
  ASSIGN_OR_RETURN(std::string cc, EncodeCc(m.cc));
  ASSIGN_OR_RETURN(std::string ids, EncodeIds(m.attachment_ids));
  std::optional<absl::Time> next = m.next_attempt_at;
  if (m.state == OutboxState::kQueued && !next) next = m.created_at;
  ASSIGN_OR_RETURN(
      const int64_t id,
      InsertId(db_, kInsertOutbox, ToString(m.kind), m.followup_id, m.action_id, m.user_id, to, cc,
               m.subject, m.text, m.html, ids, m.message_id, ToString(m.state), m.attempts, next,
               m.last_error, m.created_at, m.sent_at));
  const bool blocked = m.state == OutboxState::kBlocked;
  RETURN_IF_ERROR(db_.Run(kInsertOutboxLog, id, m.created_at, blocked ? "blocked" : "queued",
                          blocked ? m.last_error : std::string()));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::StatusOr<std::optional<OutboxMessage>> SqlMessaging::FindOutbox(int64_t id) {
  ASSIGN_OR_RETURN(std::optional<OutboxMessage> m,
                   FindOne<OutboxMessage>(db_, kFindOutbox, &ReadOutbox, id));
  if (!m) return m;
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kOutboxLog));
  q.BindAll(id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    m->log.push_back(OutboxEvent{q.Time(0), q.Text(1), q.Text(2)});
  }
  return m;
}

absl::StatusOr<std::vector<OutboxMessage>> SqlMessaging::ClaimOutbox(absl::Time now, int limit,
                                                                     const std::string& worker,
                                                                     absl::Time lease_until) {
  return Claim<OutboxMessage>(
      db_, kClaimOutbox(db_.dialect()), &ReadOutbox,
      [](const OutboxMessage& a, const OutboxMessage& b) {
        return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
      },
      worker, lease_until, now, limit);
}

absl::Status SqlMessaging::FinishOutboxAttempt(const OutboxMessage& m, const std::string& worker,
                                               const OutboxEvent& event) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  RETURN_IF_ERROR(db_.Run(kFinishOutbox, ToString(m.state), m.attempts, m.next_attempt_at,
                          m.last_error, m.sent_at, m.id, worker));
  if (db_.Changes() == 0) return absl::FailedPreconditionError("lease");
  RETURN_IF_ERROR(db_.Run(kInsertOutboxLog, m.id, event.at, event.event, event.detail));
  return sp.Release();
}

absl::StatusOr<std::vector<OutboxMessage>> SqlMessaging::ListOutbox(const OutboxFilter& f) {
  std::string sql = absl::StrCat("SELECT ", kOutboxCols, " FROM outbox o WHERE 1 = 1");
  if (f.followup_id) absl::StrAppend(&sql, " AND o.followup_id = ?");
  if (f.state) absl::StrAppend(&sql, " AND o.state = ?");
  absl::StrAppend(&sql, " ORDER BY o.id DESC LIMIT ?");
  ASSIGN_OR_RETURN(Query q, db_.Prepare(sql));
  if (f.followup_id) q.Bind(*f.followup_id);
  if (f.state) q.Bind(ToString(*f.state));
  q.Bind(f.limit);
  std::vector<int64_t> ids;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ids.push_back(q.Int(0));
  }
  std::vector<OutboxMessage> out;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(std::optional<OutboxMessage> m, FindOutbox(id));
    if (m) out.push_back(*std::move(m));
  }
  return out;
}

absl::StatusOr<int64_t> SqlMessaging::CountRecipientsQueuedBy(UserId user, absl::Time since) {
  return QueryInt(db_, kCountRecipientsQueuedBy(db_.dialect()), user, since);
}

absl::StatusOr<OutboxStats> SqlMessaging::GetOutboxStats() {
  OutboxStats st;
  {
    ASSIGN_OR_RETURN(Query q, db_.Prepare(kOutboxCounts));
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (row) {
      st.queued = q.Int(0);
      st.failed = q.Int(1);
    }
  }
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kOutboxLastFailure));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    st.last_failure_outbox_id = q.Int(0);
    st.last_failure = OutboxEvent{q.Time(1), q.Text(2), q.Text(3)};
  }
  return st;
}

absl::StatusOr<std::vector<MessageTemplate>> SqlMessaging::ListTemplates() {
  return FindAll<MessageTemplate>(db_, kListTemplates, &ReadTemplate);
}

absl::StatusOr<std::optional<MessageTemplate>> SqlMessaging::FindTemplate(int64_t id) {
  return FindOne<MessageTemplate>(db_, kFindTemplate, &ReadTemplate, id);
}

absl::StatusOr<std::optional<MessageTemplate>> SqlMessaging::FindTemplateFor(
    TemplateKind kind, const std::string& locale) {
  return FindOne<MessageTemplate>(db_, kFindTemplateFor, &ReadTemplate, ToString(kind), locale);
}

absl::Status SqlMessaging::UpdateTemplate(const MessageTemplate& t) {
  RETURN_IF_ERROR(db_.Run(kUpdateTemplate, t.subject, t.body, t.id));
  if (db_.Changes() == 0) return CodedError(ErrorCode::kTemplateNotFound);
  return absl::OkStatus();
}

absl::StatusOr<StoredSmtp> SqlMessaging::GetSmtp() {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kGetSmtp));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::DataLossError("smtp_settings row is missing");
  StoredSmtp s;
  s.settings.host = q.Text(0);
  s.settings.port = static_cast<int>(q.Int(1));
  const std::string security = q.Text(2);
  s.settings.security = security == "none"  ? SmtpSecurity::kNone
                        : security == "tls" ? SmtpSecurity::kTls
                                            : SmtpSecurity::kStartTls;
  s.settings.username = q.Text(3);
  s.password_sealed = q.Text(4);
  s.settings.sender_name = q.Text(5);
  s.settings.sender_email = q.Text(6);
  return s;
}

absl::Status SqlMessaging::PutSmtp(const StoredSmtp& s) {
  return db_.Run(kPutSmtp, s.settings.host, s.settings.port, SecurityName(s.settings.security),
                 s.settings.username, s.password_sealed, s.settings.sender_name,
                 s.settings.sender_email);
}

}  // namespace retorno::sql
