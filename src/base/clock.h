// The clock is injected everywhere: domain code takes `now` as an argument, use cases
// read it once per request from a Clock, and only main/ builds the real one.
#pragma once

#include <atomic>

#include "absl/time/time.h"

namespace retorno {

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe.
  virtual absl::Time Now() const = 0;
};

// A clock that only moves when a test (or the API test hook) moves it.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(absl::Time start) : nanos_(absl::ToUnixNanos(start)) {}
  absl::Time Now() const override { return absl::FromUnixNanos(nanos_.load()); }
  void Set(absl::Time t) { nanos_.store(absl::ToUnixNanos(t)); }
  void Advance(absl::Duration d) { nanos_.fetch_add(absl::ToInt64Nanoseconds(d)); }

 private:
  std::atomic<int64_t> nanos_;
};

}  // namespace retorno
