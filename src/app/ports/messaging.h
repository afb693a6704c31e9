// The messaging repository: reminders, notifications, the e-mail outbox, message
// templates, SMTP settings and what the per-user sending limit counts. Part of a Tx
// (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/mail.h"
#include "domain/model.h"

namespace retorno {

struct OutboxFilter {
  std::optional<FollowupId> followup_id;
  std::optional<OutboxState> state;
  int limit = 100;  // newest first
};

struct OutboxStats {
  int64_t queued = 0;
  int64_t failed = 0;
  // The latest attempt that did not deliver (a retry or a final failure).
  std::optional<OutboxEvent> last_failure;
  int64_t last_failure_outbox_id = 0;
};

// SMTP settings as stored: the password sealed (see app/services.h Secrets).
struct StoredSmtp {
  SmtpSettings settings;  // settings.password is empty here
  std::string password_sealed;
};

class MessagingRepository {
 public:
  virtual ~MessagingRepository() = default;

  // Reminders. ReplacePendingReminders cancels the action's pending
  // reminders and inserts `pending` in their place (each with state pending), so an
  // edited, rescheduled, completed or cancelled return never keeps a stale one.
  virtual absl::Status ReplacePendingReminders(ActionId action,
                                               const std::vector<Reminder>& pending) = 0;
  virtual absl::StatusOr<int64_t> InsertReminder(const Reminder& r) = 0;
  virtual absl::StatusOr<std::vector<Reminder>> ListReminders(ActionId action) = 0;
  // Leases up to `limit` pending reminders with fire_at <= now whose lease is free or
  // expired, oldest instant first: they get lease_owner = worker until lease_until.
  // Several processes may claim concurrently; each row goes to one of them.
  virtual absl::StatusOr<std::vector<Reminder>> ClaimReminders(absl::Time now, int limit,
                                                               const std::string& worker,
                                                               absl::Time lease_until) = 0;
  // FailedPrecondition("lease") unless the reminder is pending and leased by worker.
  virtual absl::Status MarkReminderFired(int64_t id, const std::string& worker, absl::Time fired_at,
                                         bool late) = 0;
  virtual absl::StatusOr<int64_t> CountPendingReminders(absl::Time due_by) = 0;

  // Notifications of a user, newest first.
  virtual absl::StatusOr<int64_t> InsertNotification(const Notification& n) = 0;
  virtual absl::StatusOr<std::optional<Notification>> FindNotification(int64_t id) = 0;
  virtual absl::StatusOr<std::vector<Notification>> ListNotifications(UserId user, bool unread_only,
                                                                      int limit) = 0;
  virtual absl::StatusOr<int64_t> CountUnreadNotifications(UserId user) = 0;
  // Writes read_at and snoozed_until.
  virtual absl::Status UpdateNotification(const Notification& n) = 0;
  virtual absl::Status MarkAllNotificationsRead(UserId user, absl::Time now) = 0;
  // Marks read the unread reminders of a return, whoever received them: once the return
  // is done, cancelled, moved or given to someone else, its old reminder is handled.
  virtual absl::Status MarkActionNotificationsRead(ActionId action, absl::Time now) = 0;

  // The e-mail outbox. Insert writes the message with one log event (queued or
  // blocked) at created_at.
  virtual absl::StatusOr<int64_t> InsertOutbox(const OutboxMessage& m) = 0;
  virtual absl::StatusOr<std::optional<OutboxMessage>> FindOutbox(int64_t id) = 0;
  // Leases up to `limit` queued messages with next_attempt_at <= now, as reminders.
  virtual absl::StatusOr<std::vector<OutboxMessage>> ClaimOutbox(absl::Time now, int limit,
                                                                 const std::string& worker,
                                                                 absl::Time lease_until) = 0;
  // Writes the outcome of an attempt (state, attempts, next_attempt_at, last_error,
  // sent_at), releases the lease and appends `event` to the log.
  // FailedPrecondition("lease") unless still queued and leased by worker.
  virtual absl::Status FinishOutboxAttempt(const OutboxMessage& m, const std::string& worker,
                                           const OutboxEvent& event) = 0;
  virtual absl::StatusOr<std::vector<OutboxMessage>> ListOutbox(const OutboxFilter& f) = 0;
  // Recipients (to + cc) of the e-mails `user` queued by hand (send now, test mails)
  // created at or after `since`: what the per-user sending limit counts.
  virtual absl::StatusOr<int64_t> CountRecipientsQueuedBy(UserId user, absl::Time since) = 0;
  virtual absl::StatusOr<OutboxStats> GetOutboxStats() = 0;
  // Files a message carries itself (a scheduled report), numbered from 0 by `seq`;
  // listed in that order.
  virtual absl::Status InsertOutboxFile(int64_t outbox_id, int seq, const MailAttachment& f) = 0;
  virtual absl::StatusOr<std::vector<MailAttachment>> ListOutboxFiles(int64_t outbox_id) = 0;

  // Message templates, one per kind and locale.
  virtual absl::StatusOr<std::vector<MessageTemplate>> ListTemplates() = 0;
  virtual absl::StatusOr<std::optional<MessageTemplate>> FindTemplate(int64_t id) = 0;
  virtual absl::StatusOr<std::optional<MessageTemplate>> FindTemplateFor(
      TemplateKind kind, const std::string& locale) = 0;
  virtual absl::Status UpdateTemplate(const MessageTemplate& t) = 0;

  // SMTP settings (one row).
  virtual absl::StatusOr<StoredSmtp> GetSmtp() = 0;
  virtual absl::Status PutSmtp(const StoredSmtp& s) = 0;
};

}  // namespace retorno
