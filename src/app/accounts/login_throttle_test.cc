// The login throttle's shared state: tries from many threads at once, pairs kept
// apart, an address under attack, and the 429 status it turns into.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "store/sqlite/sqlite_store.h"

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

// The counts in the database (ADR 0030): every process on it shares them. Two throttles
// on two stores of one SQLite file stand for two server processes.
class SharedLoginThrottle : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/retorno-throttle-XXXXXX";
    dir_ = mkdtemp(tmpl);
    a_ = OpenSqliteStore({.path = dir_ + "/t.db"}).value();
    b_ = OpenSqliteStore({.path = dir_ + "/t.db"}).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::optional<ThrottleState> Stored(const std::string& key) {
    std::optional<ThrottleState> out;
    EXPECT_TRUE(a_->Read([&](Tx& tx) -> absl::Status {
                    absl::StatusOr<std::optional<ThrottleState>> s =
                        tx.accounts().FindThrottle(key);
                    if (!s.ok()) return s.status();
                    out = *s;
                    return absl::OkStatus();
                  }).ok());
    return out;
  }

  std::string dir_;
  std::unique_ptr<Store> a_, b_;
};

TEST_F(SharedLoginThrottle, FiftyThreadsOverTwoProcessesGetFiveTries) {
  LoginThrottle on_a(*a_, {}, {});
  LoginThrottle on_b(*b_, {}, {});
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&, i] {
      LoginThrottle& t = i % 2 ? on_a : on_b;
      if (t.Admit(i % 3 ? "ana" : " ANA", "203.0.113.1", kNow).allowed) admitted.fetch_add(1);
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 5);
}

TEST_F(SharedLoginThrottle, FailuresOnOneProcessCountOnTheOther) {
  LoginThrottle on_a(*a_, {}, {});
  LoginThrottle on_b(*b_, {}, {});
  for (int i = 0; i < 5; ++i) {
    LoginThrottle& t = i % 2 ? on_a : on_b;
    ASSERT_TRUE(t.Admit("ana", "203.0.113.1", kNow).allowed);
    t.Finish("ana", "203.0.113.1", false, kNow);
  }
  ThrottleDecision d = on_a.Admit("ana", "203.0.113.1", kNow);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, absl::Seconds(1));
  EXPECT_FALSE(on_b.Admit("ana", "203.0.113.1", kNow).allowed);
  // Another address is another pair; a success forgets the pair.
  ASSERT_TRUE(on_b.Admit("ana", "198.51.100.7", kNow).allowed);
  on_b.Finish("ana", "198.51.100.7", true, kNow);
  EXPECT_FALSE(Stored(LoginThrottle::PairKey("ana", "198.51.100.7")));
  std::optional<ThrottleState> address = Stored(LoginThrottle::AddressKey("203.0.113.1"));
  ASSERT_TRUE(address);
  EXPECT_EQ(address->failures, 5);
}

// A process that dies between admitting tries and finishing them leaves reservations
// that expire: the pair is not stuck, and the tries count as failures.
TEST_F(SharedLoginThrottle, ADeadProcessReservationsExpire) {
  {
    LoginThrottle dying(*a_, {}, {});
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(dying.Admit("ana", "203.0.113.1", kNow).allowed);
  }  // never finished
  LoginThrottle other(*b_, {}, {});
  EXPECT_FALSE(other.Admit("ana", "203.0.113.1", kNow + absl::Seconds(59)).allowed);
  const absl::Time later = kNow + kSharedReservationTtl + absl::Seconds(1);
  ASSERT_TRUE(other.Admit("ana", "203.0.113.1", later).allowed);
  std::optional<ThrottleState> s = Stored(LoginThrottle::PairKey("ana", "203.0.113.1"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->failures, 5);
  EXPECT_EQ(s->in_flight, 1);
  other.Finish("ana", "203.0.113.1", true, later);
  EXPECT_FALSE(Stored(LoginThrottle::PairKey("ana", "203.0.113.1")));
}

}  // namespace
}  // namespace retorno
