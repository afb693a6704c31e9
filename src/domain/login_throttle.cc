#include "domain/login_throttle.h"

#include <algorithm>

#include "absl/strings/ascii.h"

namespace retorno {

absl::Duration DelayAfter(int failures, const ThrottlePolicy& policy) {
  if (failures < policy.free_failures) return absl::ZeroDuration();
  absl::Duration d = policy.first_delay;
  for (int i = policy.free_failures; i < failures && d < policy.max_delay; ++i) d *= 2;
  return std::min(d, policy.max_delay);
}

bool IsForgettable(const ThrottleState& state, absl::Time now, const ThrottlePolicy& policy) {
  return state.in_flight == 0 &&
         (state.failures == 0 || now - state.last_failure >= policy.forget_after);
}

void ExpireReservations(ThrottleState& state, absl::Time now) {
  if (state.in_flight == 0 || now < state.reserved_until) return;
  state.failures += state.in_flight;
  state.in_flight = 0;
  state.last_failure = std::max(state.last_failure, state.reserved_until);
}

ThrottleDecision Admit(ThrottleState& state, absl::Time now, const ThrottlePolicy& policy) {
  ExpireReservations(state, now);
  if (IsForgettable(state, now, policy)) state.failures = 0;
  const int pending = state.failures + state.in_flight;
  if (pending < policy.free_failures) {
    ++state.in_flight;
    state.reserved_until = now + policy.reservation_ttl;
    return {};
  }
  if (state.in_flight > 0) {
    // Past the free tries, one try at a time: the others wait for its outcome.
    return {false, std::max(absl::Seconds(1), DelayAfter(pending, policy))};
  }
  const absl::Time open_at = state.last_failure + DelayAfter(state.failures, policy);
  if (now < open_at) return {false, open_at - now};
  ++state.in_flight;
  state.reserved_until = now + policy.reservation_ttl;
  return {};
}

void RecordFailure(ThrottleState& state, absl::Time now) {
  if (state.in_flight > 0) --state.in_flight;
  ++state.failures;
  state.last_failure = std::max(state.last_failure, now);
}

void RecordSuccess(ThrottleState& state) {
  if (state.in_flight > 0) --state.in_flight;
  state.failures = 0;
  state.last_failure = absl::InfinitePast();
}

void RecordAddressFailure(ThrottleState& state, absl::Time now, const AddressPolicy& policy) {
  if (now - state.last_failure >= policy.forget_after) state.failures = 0;
  ++state.failures;
  state.last_failure = std::max(state.last_failure, now);
}

bool IsHot(const ThrottleState& state, absl::Time now, const AddressPolicy& policy) {
  return state.failures >= policy.hot_failures && now - state.last_failure < policy.forget_after;
}

std::string NormalizeLogin(std::string_view login) {
  return absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(absl::string_view(login.data(), login.size())));
}

}  // namespace retorno
