// The login throttle's shared state: tries from many threads at once, pairs kept
// apart, an address under attack, and the 429 status it turns into.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/errors.h"

namespace retorno {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1795000000);

TEST(LoginThrottleState, FiftyThreadsAtOnceGetFiveTries) {
  LoginThrottle throttle({}, {});
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&, i] {
      const char* spellings[] = {"ana", "ANA", " Ana "};
      if (throttle.Admit(spellings[i % 3], "203.0.113.1", kNow).allowed) admitted.fetch_add(1);
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 5);
}

TEST(LoginThrottleState, AnotherAddressIsAnotherPair) {
  LoginThrottle throttle({}, {});
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(throttle.Admit("ana", "203.0.113.1", kNow).allowed);
    throttle.Finish("ana", "203.0.113.1", false, kNow);
  }
  EXPECT_FALSE(throttle.Admit("ana", "203.0.113.1", kNow).allowed);
  EXPECT_TRUE(throttle.Admit("ana", "198.51.100.7", kNow).allowed);
  throttle.Finish("ana", "198.51.100.7", true, kNow);
}

TEST(LoginThrottleState, AHotAddressLeavesEachPairOneFreeTry) {
  LoginThrottle throttle({}, {});
  for (int i = 0; i < 100; ++i) {
    const std::string login = "nobody-" + std::to_string(i);
    ASSERT_TRUE(throttle.Admit(login, "192.0.2.50", kNow).allowed);
    throttle.Finish(login, "192.0.2.50", false, kNow);
  }
  // A colleague's first try is still checked...
  ASSERT_TRUE(throttle.Admit("colleague", "192.0.2.50", kNow).allowed);
  throttle.Finish("colleague", "192.0.2.50", false, kNow);
  // ...but after one failure the delay starts, not after five.
  EXPECT_FALSE(throttle.Admit("colleague", "192.0.2.50", kNow).allowed);
  EXPECT_TRUE(throttle.Admit("colleague", "192.0.2.50", kNow + absl::Seconds(1)).allowed);
}

TEST(LoginThrottleState, RateLimitedCarriesWholeSecondsToWait) {
  absl::Status s = RateLimited(absl::Milliseconds(1200));
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(s.message(), "rate_limited");
  EXPECT_EQ(RetryAfterSecondsOf(s), 2);
  EXPECT_EQ(RetryAfterSecondsOf(RateLimited(absl::Milliseconds(10))), 1);
  EXPECT_EQ(RetryAfterSecondsOf(absl::ResourceExhaustedError("too_large")), std::nullopt);
}

}  // namespace
}  // namespace retorno
