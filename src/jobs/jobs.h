// Background jobs of `retorno serve` (issue 4), each a Tick(now) that does one round of
// work and returns how much it did. Tests call Tick with a simulated clock; the
// Scheduler (scheduler.h) calls them on threads with the real one.
//
// Work is claimed from the database with a lease (Tx::ClaimReminders/ClaimOutbox), so
// several server processes can share one database: each row goes to one worker, and a
// worker that dies leaves rows that are claimed again when their lease expires.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/mail.h"
#include "app/messaging.h"
#include "app/ports.h"
#include "app/services.h"

namespace retorno {

struct JobOptions {
  std::string worker_id = "retorno";  // unique per process (host:pid:random)
  int reminder_batch = 500;
  absl::Duration reminder_lease = absl::Seconds(60);
  int outbox_batch = 20;
  // Longer than an SMTP conversation may take (the mailer's timeout is kept below it).
  absl::Duration outbox_lease = absl::Seconds(120);
  // Retry n waits retry_base * 2^(n-1), at most retry_max; after max_attempts the
  // message is failed and its sender told.
  absl::Duration retry_base = absl::Seconds(30);
  absl::Duration retry_max = absl::Hours(1);
  int max_attempts = 20;
};

// Fires due reminders: the assignee gets a notification (and, when the organization's
// alert switch is on, an SSE push) and, if they chose one e-mail per return, an
// e-mail; a customer reminder queues the message to the follow-up's contact, or blocks
// it with the reason when a template value is missing.
class ReminderJob {
 public:
  ReminderJob(Store& store, Crypto& crypto, EventPublisher& events, JobOptions options)
      : store_(store), crypto_(crypto), events_(events), options_(std::move(options)) {}
  absl::StatusOr<int> Tick(absl::Time now);

 private:
  Store& store_;
  Crypto& crypto_;
  EventPublisher& events_;
  JobOptions options_;
};

// Delivers queued e-mail through the Mailer, with retries and backoff; a sent message
// about a follow-up becomes an entry on its timeline (manual 003).
class OutboxJob {
 public:
  OutboxJob(Store& store, Mailer& mailer, Secrets& secrets, EventPublisher& events,
            JobOptions options)
      : store_(store), mailer_(mailer), secrets_(secrets), events_(events),
        options_(std::move(options)) {}
  absl::StatusOr<int> Tick(absl::Time now);

 private:
  Store& store_;
  Mailer& mailer_;
  Secrets& secrets_;
  EventPublisher& events_;
  JobOptions options_;
};

// The morning digest (07:00 in each user's zone) of today's and overdue returns, for
// users who chose it; once per user and local day, caught up after downtime.
class DigestJob {
 public:
  DigestJob(Store& store, Crypto& crypto) : store_(store), crypto_(crypto) {}
  absl::StatusOr<int> Tick(absl::Time now);

 private:
  Store& store_;
  Crypto& crypto_;
};

// The repeat alert of manual 001: every alert_every_minutes while the user has returns
// due today or overdue, the organization's switch is on and the app is open.
class AlertJob {
 public:
  AlertJob(Store& store, EventPublisher& events) : store_(store), events_(events) {}
  absl::StatusOr<int> Tick(absl::Time now);

 private:
  Store& store_;
  EventPublisher& events_;
  std::mutex mu_;
  std::map<int64_t, absl::Time> last_alert_;  // by user id; the connect counts as one
};

}  // namespace retorno
