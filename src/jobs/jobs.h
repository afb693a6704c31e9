// Background jobs of `retorno serve`, each a Job (job.h) whose Tick(now) does one round
// of work and returns how much it did. Tests call Tick with instants of their choosing;
// the Scheduler (scheduler.h) runs them on threads through RunOnce, with the server's
// clock. registry.h lists them.
//
// Work is claimed from the database with a lease (Tx::ClaimReminders/ClaimOutbox), so
// several server processes can share one database: each row goes to one worker, and a
// worker that dies leaves rows that are claimed again when their lease expires.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/mail.h"
#include "app/mail/messaging.h"
#include "app/ports.h"
#include "app/ports/mailings.h"
#include "app/sales/sales.h"
#include "app/services.h"
#include "jobs/job.h"

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

  // How often each job looks for work: a round starts at most this often.
  absl::Duration tick = absl::Seconds(1);  // reminders, the outbox, imports
  absl::Duration alert_every = absl::Seconds(5);
  absl::Duration digest_every = absl::Seconds(30);
  // Birthdays of the next 30 days: hourly is plenty for a date-grained event.
  absl::Duration birthdays_every = absl::Hours(1);
  // How often the scheduler's tick is recorded (job_state "scheduler_last_tick"): at
  // start, then at most this often. Each record is a durable write, and any write makes
  // every reader connection drop its page cache; the mail view calls a tick stale after
  // 10 minutes.
  absl::Duration record_tick_every = absl::Seconds(30);
  // An import's chunk is leased this long; a stalled one is resumed after it.
  absl::Duration import_lease = absl::Minutes(2);
  // Threads delivering the outbox side by side, each with its own SMTP session; set by
  // `[mail] threads` (main/config.h), where the default is explained.
  int mail_threads = 2;
};

// Fires due reminders: the assignee gets a notification (and, when the organization's
// alert switch is on, an SSE push) and, if they chose one e-mail per return, an
// e-mail; a customer reminder queues the message to the follow-up's contact, or blocks
// it with the reason when a template value is missing.
class ReminderJob final : public PeriodicJob {
 public:
  ReminderJob(Store& store, Crypto& crypto, EventPublisher& events, JobOptions options)
      : PeriodicJob(options.tick),
        store_(store),
        crypto_(crypto),
        events_(events),
        options_(std::move(options)) {}
  absl::StatusOr<int> Tick(absl::Time now);
  std::string_view name() const override { return "reminders"; }
  // A burst of reminders in one minute goes out in batches at once, not a batch a tick.
  absl::StatusOr<bool> RunOnce(absl::Time now) override;

 private:
  Store& store_;
  Crypto& crypto_;
  EventPublisher& events_;
  JobOptions options_;
};

// Delivers queued e-mail through the Mailer, with retries and backoff; a sent message
// about a follow-up becomes an entry on its timeline (manual 003).
class OutboxJob final : public PeriodicJob {
 public:
  // `mailings`, when given, names the sender a mailing's message goes out with (the
  // company or branch its author chose, ADR 0048).
  OutboxJob(Store& store, Mailer& mailer, Secrets& secrets, EventPublisher& events,
            JobOptions options, MailingStore* mailings = nullptr)
      : PeriodicJob(options.tick),
        store_(store),
        mailer_(mailer),
        secrets_(secrets),
        events_(events),
        options_(std::move(options)),
        mailings_(mailings) {}
  absl::StatusOr<int> Tick(absl::Time now);
  std::string_view name() const override { return "outbox"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override;
  int threads() const override { return std::max(1, options_.mail_threads); }

 private:
  Store& store_;
  Mailer& mailer_;
  Secrets& secrets_;
  EventPublisher& events_;
  JobOptions options_;
  MailingStore* mailings_;
};

// The morning digest (07:00 in each user's zone) of today's and overdue returns, for
// users who chose it; once per user and local day, caught up after downtime.
class DigestJob final : public PeriodicJob {
 public:
  DigestJob(Store& store, Crypto& crypto, const JobOptions& options = {})
      : PeriodicJob(options.digest_every), store_(store), crypto_(crypto) {}
  absl::StatusOr<int> Tick(absl::Time now);
  std::string_view name() const override { return "digests"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override;

 private:
  Store& store_;
  Crypto& crypto_;
};

// The repeat alert of manual 001: every alert_every_minutes while the user has returns
// due today or overdue, the organization's switch is on and the app is open.
class AlertJob final : public PeriodicJob {
 public:
  AlertJob(Store& store, EventPublisher& events, const JobOptions& options = {})
      : PeriodicJob(options.alert_every), store_(store), events_(events) {}
  absl::StatusOr<int> Tick(absl::Time now);
  std::string_view name() const override { return "alerts"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override;

 private:
  Store& store_;
  EventPublisher& events_;
  std::mutex mu_;
  std::map<int64_t, absl::Time> last_alert_;  // by user id; the connect counts as one
};

// Records the instant of the scheduler's tick (job_state "scheduler_last_tick") for the
// mail health view: at start, then every record_tick_every.
class TickRecordJob final : public PeriodicJob {
 public:
  TickRecordJob(Store& store, const JobOptions& options)
      : PeriodicJob(options.record_tick_every), store_(store) {}
  std::string_view name() const override { return "scheduler tick"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override;

 private:
  Store& store_;
};

// Processes queued CSV imports a chunk of documents at a time, each with its progress,
// until done; the lease lets another process (or this one after a restart) resume a
// stalled one.
class ImportJob final : public PeriodicJob {
 public:
  ImportJob(ImportService& imports, JobOptions options)
      : PeriodicJob(options.tick), imports_(imports), options_(std::move(options)) {}
  std::string_view name() const override { return "imports"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override;

 private:
  ImportService& imports_;
  JobOptions options_;
};

// Creates the birthday follow-ups of the coming days (manual 002).
class BirthdayJob final : public PeriodicJob {
 public:
  BirthdayJob(BirthdayService& birthdays, const JobOptions& options)
      : PeriodicJob(options.birthdays_every), birthdays_(birthdays) {}
  std::string_view name() const override { return "birthdays"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override;

 private:
  BirthdayService& birthdays_;
};

}  // namespace retorno
