// The clock is injected everywhere: domain code takes `now` as an argument, use cases
// read it once per request from a Clock, and only main/ builds the real one.
//
// A Clock can also be waited on. The job scheduler sleeps through it, so a simulated
// clock moved forward by a test makes the jobs that became due run at once, and no
// test waits for real time to pass.
#pragma once

#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <vector>

#include "absl/time/time.h"

namespace retorno {

// Thread-safe: Now and WaitUntil may be called from any number of threads.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
  // Blocks until Now() reaches `deadline` or a stop is requested on `stop` (shutdown),
  // whichever comes first. Returns false when a stop was requested, else true: the
  // deadline was reached (at once when it already was), or a clock running at real speed
  // was seen to go back (an operator fixing the time), which the caller sees by reading
  // Now() again. A real clock sleeps; a simulated one returns when it is moved past the
  // deadline.
  virtual bool WaitUntil(absl::Time deadline, std::stop_token stop) const = 0;
  bool WaitFor(absl::Duration d, std::stop_token stop) const {
    return WaitUntil(Now() + d, std::move(stop));
  }
};

// WaitUntil for a clock that runs at real speed (whatever its offset from the machine's
// time): sleeps on the machine's steady clock a second at most at a time, re-reading
// `clock` in between, so a clock set forward ends the wait early and one set back ends
// it too (the caller re-reads the clock).
bool SleepUntilAtRealSpeed(const Clock& clock, absl::Time deadline, const std::stop_token& stop);

// A clock that only moves when a test (or the API test hook, `serve --clock=simulated`)
// moves it. Moving it wakes every waiter whose deadline it passed; WaitUntilSettled then
// tells the mover when those waiters have done their work and are waiting again.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override;
  bool WaitUntil(absl::Time deadline, std::stop_token stop) const override;

  // Sets the clock. Set back, it wakes every waiter (as a real clock set back does).
  void Set(absl::Time t);
  void Advance(absl::Duration d);

  // Blocks until every thread woken by a move of the clock has called WaitUntil again
  // (its round of due work is done) and at least `participants` threads are waiting for
  // a later instant, or `real_timeout` of the machine's time passed. Returns true when
  // settled. With the number of threads that wait on the clock as `participants`, a
  // thread still in its first round (started, not yet waiting) counts as busy too. A
  // woken thread that leaves on a stop counts as settled.
  bool WaitUntilSettled(absl::Duration real_timeout, int participants = 0) const;
  // Threads blocked in WaitUntil right now.
  int waiting() const;

 private:
  struct Waiter {
    absl::Time deadline;
    bool woken = false;  // by a move of the clock past the deadline, or back
  };
  void MoveLocked(absl::Time t);
  void ArriveLocked() const;

  mutable std::mutex mu_;
  mutable std::condition_variable_any moved_;
  mutable std::condition_variable settled_;
  absl::Time now_;
  mutable std::vector<Waiter*> waiters_;
  mutable int busy_ = 0;  // threads woken by a move that have not waited again
};

}  // namespace retorno
