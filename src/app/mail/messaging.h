// Use cases of reminders and e-mail as users see them: their notifications
// and snoozes, the e-mail outbox and its delivery log, "send now" from a follow-up,
// message templates with placeholders (manual 002) and the SMTP settings. The jobs
// that fire reminders and deliver the outbox are in src/jobs/; the message
// composition they share with these use cases is in app/mail/mail_compose.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/mail.h"
#include "app/ports.h"
#include "app/services.h"
#include "domain/model.h"
#include "domain/reminders.h"

namespace retorno {

// A notification with what the app shows beside it.
struct NotificationView {
  Notification notification;
  std::string subject;  // of the follow-up
  std::string party_name;
  std::optional<absl::CivilDay> due_date;
  std::optional<int> due_minutes;
};

// What the user's open apps are told (Server-Sent Events).
struct UserEvent {
  enum class Kind { kSummary, kNotification, kAlert } kind = Kind::kNotification;
  std::optional<NotificationView> notification;  // kNotification
  int64_t due_today = 0;                         // kSummary, kAlert
  int64_t overdue = 0;
  int64_t unread = 0;           // kSummary
  bool alerts_enabled = false;  // kSummary
};

// Port to the users' open apps; implemented by the SSE hub in http/.
class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  // Queues the event for every open stream of the user; never blocks. Thread-safe.
  virtual void Publish(UserId user, const UserEvent& event) = 0;
  // Users with at least one open stream now.
  virtual std::vector<UserId> ConnectedUsers() = 0;
};

struct NotificationList {
  std::vector<NotificationView> items;
  int64_t unread = 0;
};

struct SmtpView {
  SmtpSettings settings;  // password always empty
  bool password_set = false;
};

struct SmtpInput {
  std::string host;
  int port = 587;
  std::optional<SmtpSecurity> security;
  std::string username;
  std::optional<std::string> password;  // nullopt: keep; "": clear
  std::string sender_name;
  std::string sender_email;
};

struct MailHealth {
  std::optional<absl::Time> scheduler_last_tick;
  int64_t outbox_queued = 0;
  int64_t outbox_failed = 0;
  std::optional<OutboxEvent> last_failure;
  int64_t last_failure_outbox_id = 0;
  bool smtp_configured = false;
};

struct SendNowInput {
  std::optional<std::vector<std::string>> to;  // default: the follow-up's contact e-mail
  std::optional<std::vector<std::string>> cc;  // default: the follow-up's cc
  std::string subject;
  std::string body;
  std::vector<AttachmentId> attachment_ids;  // of this follow-up
};

struct Preview {
  std::string subject;
  std::string body;
  std::vector<std::string> missing;
};

// The job_state name under which the scheduler records its last tick (jobs/scheduler.h)
// and the mail health view reads it.
inline constexpr char kSchedulerLastTickKey[] = "scheduler_last_tick";

struct MessagingOptions {
  // Recipients (to + cc) one user may queue by hand (send now, test mails) in any hour,
  // so one account cannot send thousands of e-mails from the company's sender. Beyond
  // it, ResourceExhausted("mail_rate_limited") and nothing is queued. Default 200; 0
  // means no limit. Reminders and digests the system sends are not counted.
  int per_user_per_hour = 200;
};

class MessagingService {
 public:
  MessagingService(Store& store, Crypto& crypto, Secrets& secrets, MessagingOptions options = {})
      : store_(store), crypto_(crypto), secrets_(secrets), options_(options) {}

  absl::StatusOr<NotificationList> ListNotifications(const AuthContext& ctx, bool unread_only,
                                                     int limit);
  absl::Status MarkRead(const AuthContext& ctx, int64_t id, absl::Time now);
  absl::Status MarkAllRead(const AuthContext& ctx, absl::Time now);
  // Reminds again at the chosen instant: a new reminder for the same return. Only
  // reminders of planned returns can be snoozed (409 otherwise).
  absl::StatusOr<NotificationView> Snooze(const AuthContext& ctx, int64_t id, SnoozeChoice c,
                                          absl::Time now);
  // What a user's open apps show beside the page: the bell's unread count and the returns
  // due today and overdue, with whether the alert is on. One read of the three, for the
  // stream's first frame and after each change of a return.
  absl::StatusOr<UserEvent> SummaryFor(const User& user, absl::Time now);

  absl::StatusOr<SmtpView> GetSmtp(const AuthContext& ctx);
  // Whether e-mail can go out at all (an SMTP server is set), for every signed-in user:
  // the actions that would send e-mail say so before the user acts.
  absl::StatusOr<bool> MailConfigured();
  absl::StatusOr<SmtpView> PutSmtp(const AuthContext& ctx, const SmtpInput& in);
  absl::StatusOr<OutboxMessage> SendTestMail(const AuthContext& ctx, const std::string& to,
                                             absl::Time now);
  absl::StatusOr<MailHealth> Health(const AuthContext& ctx);
  absl::StatusOr<std::vector<OutboxMessage>> ListOutbox(const AuthContext& ctx,
                                                        std::optional<OutboxState> state,
                                                        int limit);
  absl::StatusOr<std::vector<OutboxMessage>> FollowupEmails(const AuthContext& ctx, FollowupId id);
  absl::StatusOr<OutboxMessage> SendNow(const AuthContext& ctx, FollowupId id,
                                        const SendNowInput& in, absl::Time now);

  absl::StatusOr<std::vector<MessageTemplate>> ListTemplates();
  absl::StatusOr<MessageTemplate> UpdateTemplate(const AuthContext& ctx, int64_t id,
                                                 const std::string& subject,
                                                 const std::string& body);
  absl::StatusOr<Preview> PreviewTemplate(const AuthContext& ctx, const std::string& subject,
                                          const std::string& body, FollowupId followup,
                                          absl::Time now);

 private:
  Store& store_;
  Crypto& crypto_;
  Secrets& secrets_;
  MessagingOptions options_;
};

// Loads the view of a notification (follow-up subject, party, due date).
absl::StatusOr<NotificationView> ViewOf(Tx& tx, Notification n);

}  // namespace retorno
