#include "base/clock.h"

#include <algorithm>
#include <chrono>

namespace retorno {

namespace {

// The simulated clock that woke this thread, until the thread waits on it again.
thread_local const SimulatedClock* woken_by = nullptr;

}  // namespace

bool SleepUntilAtRealSpeed(const Clock& clock, absl::Time deadline, const std::stop_token& stop) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::unique_lock lock(mu);
  absl::Time seen = clock.Now();
  while (!stop.stop_requested()) {
    const absl::Duration left = deadline - seen;
    if (left <= absl::ZeroDuration()) return true;
    cv.wait_for(lock, stop, absl::ToChronoNanoseconds(std::min(left, absl::Seconds(1))),
                [] { return false; });
    const absl::Time now = clock.Now();
    if (now < seen) return !stop.stop_requested();  // set back
    seen = now;
  }
  return false;
}

absl::Time SimulatedClock::Now() const {
  std::lock_guard lock(mu_);
  return now_;
}

void SimulatedClock::ArriveLocked() const {
  if (woken_by != this) return;
  woken_by = nullptr;
  if (--busy_ == 0) settled_.notify_all();
}

bool SimulatedClock::WaitUntil(absl::Time deadline, std::stop_token stop) const {
  std::unique_lock lock(mu_);
  if (stop.stop_requested()) {
    ArriveLocked();
    return false;
  }
  // Due already: the caller goes on working, so a thread woken earlier stays busy.
  if (now_ >= deadline) return true;
  ArriveLocked();
  Waiter w{deadline};
  waiters_.push_back(&w);
  settled_.notify_all();  // one more thread idle
  moved_.wait(lock, stop, [&] { return w.woken; });
  std::erase(waiters_, &w);
  const bool stopped = stop.stop_requested();
  if (w.woken) {
    if (stopped) {
      if (--busy_ == 0) settled_.notify_all();
    } else {
      woken_by = this;
    }
  }
  return !stopped;
}

void SimulatedClock::MoveLocked(absl::Time t) {
  // Set back, every waiter wakes to read the clock again, as with a real clock.
  const bool back = t < now_;
  now_ = t;
  for (Waiter* w : waiters_)
    if (!w->woken && (back || w->deadline <= now_)) {
      w->woken = true;
      ++busy_;
    }
  moved_.notify_all();
}

void SimulatedClock::Set(absl::Time t) {
  std::lock_guard lock(mu_);
  MoveLocked(t);
}

void SimulatedClock::Advance(absl::Duration d) {
  std::lock_guard lock(mu_);
  MoveLocked(now_ + d);
}

bool SimulatedClock::WaitUntilSettled(absl::Duration real_timeout, int participants) const {
  std::unique_lock lock(mu_);
  return settled_.wait_for(lock, absl::ToChronoNanoseconds(real_timeout), [&] {
    if (busy_ != 0) return false;
    int idle = 0;
    for (const Waiter* w : waiters_) idle += w->woken ? 0 : 1;
    return idle >= participants;
  });
}

int SimulatedClock::waiting() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(waiters_.size());
}

}  // namespace retorno
