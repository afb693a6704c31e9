// Runs the jobs of `retorno serve` (the list is in registry.h): each Job on its own
// thread(s), waiting on the server's clock until the job's next run. Waiting through
// the Clock is what lets a simulated clock (tests) make due jobs run at once when it is
// moved; with the real clock the threads sleep.
//
// A clock seen to go back (an operator fixing the time) makes every job due at once, as
// at start. Stop() wakes every thread and returns once they have finished their round.
#pragma once

#include <memory>
#include <stop_token>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "jobs/job.h"

namespace retorno {

class Scheduler {
 public:
  Scheduler(const Clock& clock, std::vector<std::unique_ptr<Job>> jobs);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void Start();
  void Stop();
  // The threads Start runs, all waiting on the clock between rounds (a simulated
  // clock's mover waits until that many are waiting: SimulatedClock::WaitUntilSettled).
  int thread_count() const;

 private:
  void Run(Job& job);

  const Clock& clock_;
  std::vector<std::unique_ptr<Job>> jobs_;
  std::stop_source stop_;
  std::vector<std::thread> threads_;
};

}  // namespace retorno
