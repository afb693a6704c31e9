#include "jobs/scheduler.h"

#include <spdlog/spdlog.h>

#include "base/time_util.h"

namespace retorno {

Scheduler::Scheduler(Store& store, Crypto& crypto, Secrets& secrets, Mailer& mailer,
                     EventPublisher& events, const Clock& clock, SchedulerOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      reminders_(store, crypto, events, options_.jobs),
      outbox_(store, mailer, secrets, events, options_.jobs),
      digests_(store, crypto),
      alerts_(store, events) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  threads_.emplace_back([this] { RunMain(); });
  for (int i = 0; i < std::max(1, options_.mail_threads); ++i)
    threads_.emplace_back([this] { RunMail(); });
  for (const Background& b : background_) threads_.emplace_back([this, &b] { RunBackground(b); });
}

void Scheduler::AddBackground(std::string name, absl::Duration every,
                              std::function<absl::StatusOr<bool>(absl::Time)> step) {
  background_.push_back({std::move(name), every, std::move(step)});
}

void Scheduler::RunBackground(const Background& b) {
  do {
    while (true) {
      if (stop_.stop_requested()) return;
      absl::StatusOr<bool> more = b.step(clock_.Now());
      if (!more.ok()) spdlog::error("{}: {}", b.name, more.status().ToString());
      if (!more.ok() || !*more) break;
    }
  } while (SleepUntil(clock_.Now() + b.every));
}

void Scheduler::Stop() {
  stop_.request_stop();
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

bool Scheduler::SleepUntil(absl::Time deadline) {
  return clock_.WaitUntil(deadline, stop_.get_token());
}

void Scheduler::RunMain() {
  absl::Time last_alerts = absl::InfinitePast(), last_digests = absl::InfinitePast(),
             last_recorded = absl::InfinitePast();
  absl::Time now;
  do {
    now = clock_.Now();
    // Drain what is due: a burst of reminders in one minute goes out in batches now,
    // not one batch per tick.
    while (true) {
      absl::StatusOr<int> n = reminders_.Tick(now);
      if (!n.ok()) {
        spdlog::error("reminders: {}", n.status().ToString());
        break;
      }
      if (*n < options_.jobs.reminder_batch) break;
    }
    if (now - last_alerts >= options_.alert_every) {
      last_alerts = now;
      if (absl::StatusOr<int> n = alerts_.Tick(now); !n.ok())
        spdlog::error("repeat alerts: {}", n.status().ToString());
    }
    if (now - last_digests >= options_.digest_every) {
      last_digests = now;
      if (absl::StatusOr<int> n = digests_.Tick(now); !n.ok())
        spdlog::error("digests: {}", n.status().ToString());
    }
    // A clock set back (the API tests' clock, an operator fixing the time) records too.
    if (now - last_recorded >= options_.record_tick_every || now < last_recorded) {
      absl::Status s = store_.Write([&](Tx& tx) {
        return tx.PutJobState(kSchedulerLastTickKey, FormatInstantUtc(now));
      });
      if (s.ok())
        last_recorded = now;
      else
        spdlog::error("scheduler tick: {}", s.ToString());
    }
  } while (SleepUntil(now + options_.tick));
}

void Scheduler::RunMail() {
  do {
    while (true) {
      absl::StatusOr<int> n = outbox_.Tick(clock_.Now());
      if (!n.ok()) {
        spdlog::error("outbox: {}", n.status().ToString());
        break;
      }
      if (*n == 0) break;
      if (stop_.stop_requested()) return;
    }
  } while (SleepUntil(clock_.Now() + options_.tick));
}

}  // namespace retorno
