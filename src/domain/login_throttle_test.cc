#include "domain/login_throttle.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1795000000);

TEST(LoginThrottle, DelayDoublesFromTheSixthTryAndIsCapped) {
  ThrottlePolicy p;
  EXPECT_EQ(DelayAfter(4, p), absl::ZeroDuration());
  EXPECT_EQ(DelayAfter(5, p), absl::Seconds(1));
  EXPECT_EQ(DelayAfter(6, p), absl::Seconds(2));
  EXPECT_EQ(DelayAfter(7, p), absl::Seconds(4));
  EXPECT_EQ(DelayAfter(14, p), absl::Seconds(512));
  EXPECT_EQ(DelayAfter(15, p), absl::Minutes(15));
  EXPECT_EQ(DelayAfter(1000, p), absl::Minutes(15));
}

TEST(LoginThrottle, SimultaneousTriesGetNoMoreThanTheFreeTries) {
  ThrottlePolicy p;
  ThrottleState s;
  int admitted = 0;
  for (int i = 0; i < 50; ++i) admitted += Admit(s, kStart, p).allowed ? 1 : 0;
  EXPECT_EQ(admitted, 5);
  EXPECT_EQ(s.in_flight, 5);
  // While they are being checked, no one else is let in, even once time passes.
  ThrottleDecision d = Admit(s, kStart + absl::Hours(2), p);
  EXPECT_FALSE(d.allowed);
  EXPECT_GE(d.retry_after, absl::Seconds(1));
}

// With state shared by several processes, a process may die between admitting tries
// and finishing them: past their reservation they count as failures, and the pair is
// neither stuck nor handed fresh tries.
TEST(LoginThrottle, AnExpiredReservationCountsAsAFailure) {
  ThrottlePolicy p;
  p.reservation_ttl = kSharedReservationTtl;
  ThrottleState s;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Admit(s, kStart, p).allowed);
  EXPECT_FALSE(Admit(s, kStart + absl::Seconds(59), p).allowed);  // still being checked
  // A minute on, the five are failures: the sixth try waits its delay from then.
  const absl::Time expired = kStart + absl::Minutes(1);
  ThrottleDecision d = Admit(s, expired, p);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, absl::Seconds(1));
  EXPECT_EQ(s.failures, 5);
  EXPECT_EQ(s.in_flight, 0);
  ASSERT_TRUE(Admit(s, expired + absl::Seconds(1), p).allowed);
  EXPECT_EQ(s.reserved_until, expired + absl::Seconds(1) + kSharedReservationTtl);
  RecordSuccess(s);
  EXPECT_EQ(s.failures, 0);
}

TEST(LoginThrottle, AfterTheFreeTriesEachTryWaitsAGrowingDelay) {
  ThrottlePolicy p;
  ThrottleState s;
  absl::Time now = kStart;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Admit(s, now, p).allowed);
    RecordFailure(s, now);
  }
  ThrottleDecision d = Admit(s, now + absl::Milliseconds(300), p);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, absl::Milliseconds(700));
  now += absl::Seconds(1);
  ASSERT_TRUE(Admit(s, now, p).allowed);
  EXPECT_FALSE(Admit(s, now, p).allowed);  // one try at a time past the free ones
  RecordFailure(s, now);
  EXPECT_FALSE(Admit(s, now + absl::Milliseconds(1999), p).allowed);
  now += absl::Seconds(2);
  ASSERT_TRUE(Admit(s, now, p).allowed);
  RecordFailure(s, now);
  d = Admit(s, now, p);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, absl::Seconds(4));
}

TEST(LoginThrottle, SuccessStartsThePairAfresh) {
  ThrottlePolicy p;
  ThrottleState s;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(Admit(s, kStart, p).allowed);
    RecordFailure(s, kStart);
  }
  ASSERT_TRUE(Admit(s, kStart, p).allowed);
  RecordSuccess(s);
  EXPECT_EQ(s.failures, 0);
  EXPECT_EQ(s.in_flight, 0);
  EXPECT_TRUE(IsForgettable(s, kStart, p));
}

TEST(LoginThrottle, FailuresAreForgottenAfterAQuietHour) {
  ThrottlePolicy p;
  ThrottleState s;
  for (int i = 0; i < 20; ++i) {
    Admit(s, kStart, p);
    RecordFailure(s, kStart);
  }
  EXPECT_FALSE(Admit(s, kStart + absl::Minutes(14), p).allowed);
  EXPECT_FALSE(IsForgettable(s, kStart + absl::Minutes(59), p));
  EXPECT_TRUE(IsForgettable(s, kStart + absl::Hours(1), p));
  ASSERT_TRUE(Admit(s, kStart + absl::Hours(1), p).allowed);
  EXPECT_EQ(s.failures, 0);
}

TEST(LoginThrottle, AnAddressIsHotAfterAHundredFailuresAndCoolsDown) {
  AddressPolicy a;
  ThrottleState s;
  for (int i = 0; i < 99; ++i) RecordAddressFailure(s, kStart, a);
  EXPECT_FALSE(IsHot(s, kStart, a));
  RecordAddressFailure(s, kStart, a);
  EXPECT_TRUE(IsHot(s, kStart, a));
  EXPECT_FALSE(IsHot(s, kStart + absl::Hours(1), a));
  RecordAddressFailure(s, kStart + absl::Hours(1), a);
  EXPECT_EQ(s.failures, 1);
}

TEST(LoginThrottle, NormalizedLoginIsTrimmedAndCaseFolded) {
  EXPECT_EQ(NormalizeLogin("  Ana.Souza \t"), "ana.souza");
  EXPECT_EQ(NormalizeLogin("ANA"), NormalizeLogin("ana"));
}

}  // namespace
}  // namespace retorno
