// The one interface every background job of `retorno serve` implements. The Scheduler
// (scheduler.h) gives each job its own thread(s): it waits on the clock until the job's
// next run, calls RunOnce with the clock's now, and calls it again at once while the job
// says more work is waiting. The list of jobs is in registry.h.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace retorno {

class Job {
 public:
  virtual ~Job() = default;
  // A short stable name, for logs ("reminders", "outbox").
  virtual std::string_view name() const = 0;
  // When the next round is due, given the instant the last one started
  // (absl::InfinitePast() before the first, so a job is due at start).
  virtual absl::Time NextRun(absl::Time last_run) const = 0;
  // One round of work at `now`; true when more is waiting right away (a full batch).
  // An error is logged and the job runs again at its next run. Must be thread-safe when
  // threads() > 1.
  virtual absl::StatusOr<bool> RunOnce(absl::Time now) = 0;
  // Threads running the job side by side (default 1); the work must be claimed with a
  // lease so two threads never take the same item.
  virtual int threads() const { return 1; }
};

// A job whose rounds start at most every `every`.
class PeriodicJob : public Job {
 public:
  absl::Time NextRun(absl::Time last_run) const override { return last_run + every_; }

 protected:
  explicit PeriodicJob(absl::Duration every) : every_(every) {}

 private:
  absl::Duration every_;
};

}  // namespace retorno
