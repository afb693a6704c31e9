// Runs the jobs of jobs.h inside `retorno serve`: one thread for reminders, repeat
// alerts and digests (ticking every `tick`), and `mail_threads` threads delivering the
// outbox. Records the instant of its last tick (job_state "scheduler_last_tick") for
// the mail health view. Stop() returns once the threads have finished their round.
#pragma once

#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "jobs/jobs.h"

namespace retorno {

struct SchedulerOptions {
  JobOptions jobs;
  absl::Duration tick = absl::Seconds(1);
  absl::Duration alert_every = absl::Seconds(5);
  absl::Duration digest_every = absl::Seconds(30);
  // How often the tick is recorded (job_state "scheduler_last_tick"): at start, then at
  // most this often. Each record is a durable write, and any write makes every reader
  // connection drop its page cache; the mail view calls a tick stale after 10 minutes.
  absl::Duration record_tick_every = absl::Seconds(30);
  int mail_threads = 2;
};

class Scheduler {
 public:
  Scheduler(Store& store, Crypto& crypto, Secrets& secrets, Mailer& mailer,
            EventPublisher& events, const Clock& clock, SchedulerOptions options);
  ~Scheduler();
  // Adds a background task with its own thread, before Start: `step` is called with
  // the clock's now until it returns false (nothing more to do) or fails, then again
  // after `every`. For work that must not hold up reminders: CSV imports, birthdays.
  void AddBackground(std::string name, absl::Duration every,
                     std::function<absl::StatusOr<bool>(absl::Time)> step);
  void Start();
  // Wakes every thread waiting on the clock and returns once they have finished their
  // round.
  void Stop();
  // Threads started by Start (tests wait until that many are waiting on the clock).
  int thread_count() const { return static_cast<int>(threads_.size()); }

 private:
  void RunMain();
  void RunMail();
  struct Background {
    std::string name;
    absl::Duration every;
    std::function<absl::StatusOr<bool>(absl::Time)> step;
  };
  void RunBackground(const Background& b);
  std::vector<Background> background_;
  // Waits on the clock until `deadline`; false when stopping.
  bool SleepUntil(absl::Time deadline);

  Store& store_;
  const Clock& clock_;
  SchedulerOptions options_;
  ReminderJob reminders_;
  OutboxJob outbox_;
  DigestJob digests_;
  AlertJob alerts_;
  std::stop_source stop_;
  std::vector<std::thread> threads_;
};

}  // namespace retorno
