#include "app/accounts/login_throttle.h"

#include <algorithm>

#include "base/status_macros.h"

namespace retorno {

LoginThrottle::LoginThrottle(Store& store, ThrottlePolicy pair, AddressPolicy address)
    : store_(&store), pair_(pair), address_(address) {
  pair_.reservation_ttl = std::min(pair_.reservation_ttl, kSharedReservationTtl);
}

std::string LoginThrottle::PairKey(const std::string& login, const std::string& address) {
  return "pair:" + NormalizeLogin(login) + '\n' + address;
}

std::string LoginThrottle::AddressKey(const std::string& address) { return "address:" + address; }

void LoginThrottle::PruneLocked(absl::Time now) {
  // Bound memory under a spray of random logins: drop what no longer counts. What still
  // counts is kept (clearing it would hand an attacker fresh tries).
  constexpr size_t kPrune = 100000;
  if (pairs_.size() > kPrune)
    std::erase_if(pairs_, [&](const auto& kv) { return IsForgettable(kv.second, now, pair_); });
  if (addresses_.size() > kPrune)
    std::erase_if(addresses_, [&](const auto& kv) {
      return now - kv.second.last_failure >= address_.forget_after;
    });
}

ThrottleDecision LoginThrottle::Admit(const std::string& login, const std::string& address,
                                      absl::Time now) {
  if (store_ == nullptr) {
    std::lock_guard lock(mu_);
    PruneLocked(now);
    ThrottlePolicy policy = pair_;
    auto hot = addresses_.find(AddressKey(address));
    if (hot != addresses_.end() && IsHot(hot->second, now, address_)) policy.free_failures = 1;
    return retorno::Admit(pairs_[PairKey(login, address)], now, policy);
  }
  ThrottleDecision decision;
  const std::string key = PairKey(login, address);
  absl::Status st = store_->Write([&](Tx& tx) -> absl::Status {
    AccountsRepository& accounts = tx.accounts();
    ThrottlePolicy policy = pair_;
    ASSIGN_OR_RETURN(std::optional<ThrottleState> hot, accounts.FindThrottle(AddressKey(address)));
    if (hot && IsHot(*hot, now, address_)) policy.free_failures = 1;
    ASSIGN_OR_RETURN(std::optional<ThrottleState> found, accounts.FindThrottle(key));
    ThrottleState state = found.value_or(ThrottleState{});
    decision = retorno::Admit(state, now, policy);
    // A refusal may still have changed the state (expired reservations counted).
    if (decision.allowed || found) return accounts.PutThrottle(key, state);
    return absl::OkStatus();
  });
  if (!st.ok()) return {false, absl::Seconds(1)};
  return decision;
}

void LoginThrottle::Finish(const std::string& login, const std::string& address, bool ok,
                           absl::Time now) {
  const std::string key = PairKey(login, address);
  if (store_ == nullptr) {
    std::lock_guard lock(mu_);
    ThrottleState& s = pairs_[key];
    if (ok) {
      RecordSuccess(s);
      if (IsForgettable(s, now, pair_)) pairs_.erase(key);
      return;
    }
    RecordFailure(s, now);
    RecordAddressFailure(addresses_[AddressKey(address)], now, address_);
    return;
  }
  // Rows that no longer count go now and then, so a spray of random logins cannot grow
  // the table without bound (what still counts stays).
  constexpr int64_t kPruneEvery = 1000;
  const bool prune = ++finished_ % kPruneEvery == 0;
  // Best effort: a failure to record leaves the reservation to expire, which counts
  // the try as a failure.
  (void)store_->Write([&](Tx& tx) -> absl::Status {
    AccountsRepository& accounts = tx.accounts();
    ASSIGN_OR_RETURN(std::optional<ThrottleState> found, accounts.FindThrottle(key));
    ThrottleState state = found.value_or(ThrottleState{});
    if (ok) {
      RecordSuccess(state);
      if (IsForgettable(state, now, pair_)) {
        if (found) RETURN_IF_ERROR(accounts.DeleteThrottle(key));
      } else {
        RETURN_IF_ERROR(accounts.PutThrottle(key, state));
      }
    } else {
      RecordFailure(state, now);
      RETURN_IF_ERROR(accounts.PutThrottle(key, state));
      const std::string address_key = AddressKey(address);
      ASSIGN_OR_RETURN(std::optional<ThrottleState> from, accounts.FindThrottle(address_key));
      ThrottleState a = from.value_or(ThrottleState{});
      RecordAddressFailure(a, now, address_);
      RETURN_IF_ERROR(accounts.PutThrottle(address_key, a));
    }
    if (prune)
      RETURN_IF_ERROR(
          accounts.DeleteStaleThrottles(now - std::max(pair_.forget_after, address_.forget_after)));
    return absl::OkStatus();
  });
}

}  // namespace retorno
