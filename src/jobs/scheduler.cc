#include "jobs/scheduler.h"

#include <spdlog/spdlog.h>

namespace retorno {

Scheduler::Scheduler(const Clock& clock, std::vector<std::unique_ptr<Job>> jobs)
    : clock_(clock), jobs_(std::move(jobs)) {}

Scheduler::~Scheduler() { Stop(); }

int Scheduler::thread_count() const {
  int n = 0;
  for (const std::unique_ptr<Job>& job : jobs_) n += std::max(1, job->threads());
  return n;
}

void Scheduler::Start() {
  for (const std::unique_ptr<Job>& job : jobs_)
    for (int i = 0; i < std::max(1, job->threads()); ++i)
      threads_.emplace_back([this, j = job.get()] { Run(*j); });
}

void Scheduler::Stop() {
  stop_.request_stop();
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void Scheduler::Run(Job& job) {
  const std::stop_token stop = stop_.get_token();
  absl::Time last = absl::InfinitePast();
  bool more = false;
  while (!stop.stop_requested()) {
    const absl::Time now = clock_.Now();
    if (now < last) last = absl::InfinitePast();  // the clock went back: due now
    if (!more) {
      const absl::Time next = job.NextRun(last);
      if (now < next) {
        if (!clock_.WaitUntil(next, stop)) return;
        continue;
      }
    }
    last = now;
    absl::StatusOr<bool> r = job.RunOnce(now);
    if (!r.ok()) spdlog::error("{}: {}", job.name(), r.status().ToString());
    more = r.ok() && *r;
  }
}

}  // namespace retorno
