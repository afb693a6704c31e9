// The simulated clock as the scheduler uses it: threads wait on it, a test moves it.
// No test sleeps: a thread is known to be waiting by SimulatedClock::waiting().
#include "base/clock.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/time/clock.h"

namespace retorno {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1795000000);

// Spins (yielding) until `n` threads are blocked on `clock`.
void AwaitWaiters(const SimulatedClock& clock, int n) {
  while (clock.waiting() != n) std::this_thread::yield();
}

TEST(SimulatedClock, AdvancingPastTheDeadlineWakesTheWaiter) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  std::atomic<int> result = -1;
  std::thread t([&] { result = clock.WaitUntil(kStart + absl::Seconds(10), stop.get_token()); });
  AwaitWaiters(clock, 1);
  clock.Advance(absl::Seconds(10));
  t.join();
  EXPECT_EQ(result, 1);
  EXPECT_EQ(clock.Now(), kStart + absl::Seconds(10));
}

TEST(SimulatedClock, AWaiterForALaterInstantStaysAsleep) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  std::atomic<bool> returned = false;
  std::thread t([&] {
    clock.WaitFor(absl::Minutes(5), stop.get_token());
    returned = true;
  });
  AwaitWaiters(clock, 1);
  clock.Advance(absl::Minutes(4) + absl::Seconds(59));
  // Nothing was due: settled at once, and the waiter is still waiting.
  EXPECT_TRUE(clock.WaitUntilSettled(absl::Seconds(5)));
  EXPECT_FALSE(returned);
  EXPECT_EQ(clock.waiting(), 1);
  clock.Set(kStart + absl::Minutes(5));
  t.join();
  EXPECT_TRUE(returned);
}

TEST(SimulatedClock, SetBackItWakesEveryWaiterToReadItAgain) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  std::atomic<int> result = -1;
  std::thread t([&] { result = clock.WaitUntil(kStart + absl::Hours(1), stop.get_token()); });
  AwaitWaiters(clock, 1);
  clock.Set(kStart - absl::Minutes(1));
  t.join();
  EXPECT_EQ(result, 1);
  EXPECT_LT(clock.Now(), kStart + absl::Hours(1));
}

TEST(SimulatedClock, ADeadlineAlreadyReachedReturnsAtOnce) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  EXPECT_TRUE(clock.WaitUntil(kStart, stop.get_token()));
  EXPECT_TRUE(clock.WaitUntil(kStart - absl::Hours(1), stop.get_token()));
  EXPECT_EQ(clock.waiting(), 0);
}

TEST(SimulatedClock, StopWakesEveryWaiterAndTheirWaitsReportIt) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  std::atomic<int> stopped = 0;
  std::vector<std::thread> threads;
  for (int i = 1; i <= 3; ++i)
    threads.emplace_back([&, i] {
      if (!clock.WaitFor(absl::Hours(i), stop.get_token())) ++stopped;
    });
  AwaitWaiters(clock, 3);
  stop.request_stop();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(stopped, 3);
  EXPECT_EQ(clock.Now(), kStart);
  // A wait begun after the stop returns at once.
  EXPECT_FALSE(clock.WaitFor(absl::Hours(1), stop.get_token()));
}

// The mover learns when the woken threads have done their round: a thread that works
// after being woken and then waits again.
TEST(SimulatedClock, SettledOnceWokenThreadsWaitAgain) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  std::atomic<int> rounds = 0;
  std::thread worker([&] {
    while (clock.WaitFor(absl::Seconds(1), stop.get_token())) {
      std::this_thread::yield();  // the round's work
      ++rounds;
    }
  });
  for (int i = 1; i <= 5; ++i) {
    AwaitWaiters(clock, 1);
    clock.Advance(absl::Seconds(1));
    ASSERT_TRUE(clock.WaitUntilSettled(absl::Seconds(10)));
    EXPECT_EQ(rounds, i);
  }
  // A move that wakes no one is settled at once and runs no round.
  clock.Advance(absl::Milliseconds(10));
  EXPECT_TRUE(clock.WaitUntilSettled(absl::Seconds(10)));
  EXPECT_EQ(rounds, 5);
  stop.request_stop();
  worker.join();
}

// A woken thread is busy until it waits again; at shutdown that wait returns at once
// and still counts, so the mover is not left waiting for a thread that is leaving.
TEST(SimulatedClock, AWokenThreadIsBusyUntilItWaitsAgainEvenWhenStopping) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  std::atomic<bool> woke = false;
  std::thread worker([&, token = stop.get_token()] {
    clock.WaitFor(absl::Seconds(1), token);
    woke = true;
    while (!token.stop_requested()) std::this_thread::yield();  // a long round
    EXPECT_FALSE(clock.WaitFor(absl::Seconds(1), token));
  });
  AwaitWaiters(clock, 1);
  clock.Advance(absl::Seconds(1));
  while (!woke) std::this_thread::yield();
  EXPECT_FALSE(clock.WaitUntilSettled(absl::Milliseconds(1)));
  stop.request_stop();
  worker.join();
  EXPECT_TRUE(clock.WaitUntilSettled(absl::ZeroDuration()));
}

// A thread that has not reached its first wait yet is busy when the mover names how
// many threads wait on the clock.
TEST(SimulatedClock, SettledOnlyOnceEveryParticipantWaits) {
  SimulatedClock clock(kStart);
  std::stop_source stop;
  std::atomic<bool> go = false;
  std::thread late([&] {
    while (!go) std::this_thread::yield();  // its first round
    clock.WaitFor(absl::Seconds(1), stop.get_token());
  });
  EXPECT_TRUE(clock.WaitUntilSettled(absl::ZeroDuration()));  // no participant named
  EXPECT_FALSE(clock.WaitUntilSettled(absl::Milliseconds(1), 1));
  go = true;
  EXPECT_TRUE(clock.WaitUntilSettled(absl::Seconds(10), 1));
  stop.request_stop();
  late.join();
}

class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(absl::Duration offset) : offset_(offset) {}
  absl::Time Now() const override { return absl::Now() + offset_; }
  bool WaitUntil(absl::Time deadline, std::stop_token stop) const override {
    return SleepUntilAtRealSpeed(*this, deadline, stop);
  }

 private:
  absl::Duration offset_;
};

TEST(SleepUntilAtRealSpeed, ReachesTheDeadlineOrStops) {
  OffsetClock clock(absl::Hours(24 * 365));
  std::stop_source stop;
  const absl::Time t0 = clock.Now();
  EXPECT_TRUE(clock.WaitFor(absl::Milliseconds(20), stop.get_token()));
  EXPECT_GE(clock.Now() - t0, absl::Milliseconds(20));
  std::thread t([&] { EXPECT_FALSE(clock.WaitUntil(absl::InfiniteFuture(), stop.get_token())); });
  stop.request_stop();
  t.join();
}

}  // namespace
}  // namespace retorno
