// The scheduler's loop with jobs that only count their rounds, on a simulated clock:
// no test sleeps; each moves the clock and waits until the woken jobs are done.
#include "jobs/scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

namespace retorno {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1795000000);

class CountingJob final : public PeriodicJob {
 public:
  explicit CountingJob(absl::Duration every, int threads = 1)
      : PeriodicJob(every), threads_(threads) {}
  std::string_view name() const override { return "counting"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override {
    std::lock_guard lock(mu_);
    runs_.push_back(now);
    if (script_.empty()) return false;
    const Outcome o = script_.front();
    script_.pop_front();
    if (!o.status.ok()) return o.status;
    return o.more;
  }
  int threads() const override { return threads_; }
  struct Outcome {
    bool more = false;
    absl::Status status;
  };
  // Outcomes of the next rounds; then "nothing more".
  void Script(std::deque<Outcome> s) {
    std::lock_guard lock(mu_);
    script_ = std::move(s);
  }
  std::vector<absl::Time> runs() {
    std::lock_guard lock(mu_);
    return runs_;
  }

 private:
  int threads_;
  std::mutex mu_;
  std::vector<absl::Time> runs_;
  std::deque<Outcome> script_;
};

class SchedulerTest : public ::testing::Test {
 protected:
  // Starts a scheduler with `job` and waits until its threads wait on the clock.
  CountingJob& Start(std::unique_ptr<CountingJob> job) {
    CountingJob& j = *job;
    std::vector<std::unique_ptr<Job>> jobs;
    jobs.push_back(std::move(job));
    scheduler_ = std::make_unique<Scheduler>(clock_, std::move(jobs));
    scheduler_->Start();
    Idle();
    return j;
  }
  void Idle() {
    while (clock_.waiting() != scheduler_->thread_count()) std::this_thread::yield();
  }
  void Move(absl::Time t) {
    clock_.Set(t);
    ASSERT_TRUE(clock_.WaitUntilSettled(absl::Seconds(10)));
    Idle();
  }

  SimulatedClock clock_{kStart};
  std::unique_ptr<Scheduler> scheduler_;
};

TEST_F(SchedulerTest, AJobRunsAtStartThenWhenTheClockReachesItsNextRun) {
  CountingJob& job = Start(std::make_unique<CountingJob>(absl::Minutes(1)));
  EXPECT_EQ(job.runs(), std::vector<absl::Time>{kStart});
  Move(kStart + absl::Seconds(59));
  EXPECT_EQ(job.runs().size(), 1u);
  Move(kStart + absl::Minutes(1));
  EXPECT_EQ(job.runs().back(), kStart + absl::Minutes(1));
  // A move of an hour is one round at the new instant, not sixty to catch up.
  Move(kStart + absl::Hours(1) + absl::Minutes(1));
  EXPECT_EQ(job.runs().size(), 3u);
  EXPECT_EQ(job.runs().back(), kStart + absl::Hours(1) + absl::Minutes(1));
}

TEST_F(SchedulerTest, MoreWorkWaitingRunsAgainWithoutTheClockMoving) {
  auto counting = std::make_unique<CountingJob>(absl::Minutes(1));
  counting->Script({{.more = true}, {.more = true}, {.more = false}});
  CountingJob& job = Start(std::move(counting));
  EXPECT_EQ(job.runs(), std::vector<absl::Time>(3, kStart));
}

TEST_F(SchedulerTest, AFailedRoundIsTriedAgainAtTheNextRun) {
  auto counting = std::make_unique<CountingJob>(absl::Minutes(1));
  counting->Script({{.status = absl::UnavailableError("database away")}});
  CountingJob& job = Start(std::move(counting));
  EXPECT_EQ(job.runs().size(), 1u);
  Move(kStart + absl::Minutes(1));
  EXPECT_EQ(job.runs().size(), 2u);
}

TEST_F(SchedulerTest, AClockSetBackMakesTheJobDueAtOnce) {
  CountingJob& job = Start(std::make_unique<CountingJob>(absl::Minutes(30)));
  Move(kStart - absl::Hours(1));
  EXPECT_EQ(job.runs().back(), kStart - absl::Hours(1));
  EXPECT_EQ(job.runs().size(), 2u);
}

TEST_F(SchedulerTest, EachThreadOfAJobRunsItsOwnRounds) {
  CountingJob& job = Start(std::make_unique<CountingJob>(absl::Seconds(1), 3));
  EXPECT_EQ(scheduler_->thread_count(), 3);
  EXPECT_EQ(job.runs().size(), 3u);
  Move(kStart + absl::Seconds(1));
  EXPECT_EQ(job.runs().size(), 6u);
}

TEST_F(SchedulerTest, StopEndsThreadsWaitingForAFarNextRun) {
  Start(std::make_unique<CountingJob>(absl::Hours(24 * 365)));
  scheduler_->Stop();
  EXPECT_EQ(clock_.waiting(), 0);
}

}  // namespace
}  // namespace retorno
