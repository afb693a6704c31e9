// The login throttle's state (ADR 0019, 0030): failures per (normalised login, client
// address) pair and per address, under the rule of domain/login_throttle.h.
//
// With a Store, the counts live in the database (the login_throttle table), so every
// process on it counts together: admitting a try and reserving it is one write
// transaction, and so is finishing it; a reservation expires after
// kSharedReservationTtl, so a process that dies mid-check leaves no pair stuck.
// Without one, in this process's memory (tests of the rule's concurrency).
//
// Thread-safe; `now` passed in.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/time/time.h"
#include "app/ports.h"
#include "domain/login_throttle.h"

namespace retorno {

class LoginThrottle {
 public:
  // In this process's memory.
  LoginThrottle(ThrottlePolicy pair, AddressPolicy address) : pair_(pair), address_(address) {}
  // In `store`, shared by every process on it; the reservation expires after
  // kSharedReservationTtl unless `pair` sets a shorter one.
  LoginThrottle(Store& store, ThrottlePolicy pair, AddressPolicy address);

  // Decides a try and, when allowed, reserves it: the caller then calls Finish once. A
  // store that cannot be read or written refuses the try (retry after 1 s): a login
  // could not go on without it anyway.
  ThrottleDecision Admit(const std::string& login, const std::string& address, absl::Time now);
  void Finish(const std::string& login, const std::string& address, bool ok, absl::Time now);

  // The keys the counts are kept under.
  static std::string PairKey(const std::string& login, const std::string& address);
  static std::string AddressKey(const std::string& address);

 private:
  void PruneLocked(absl::Time now);

  Store* store_ = nullptr;
  ThrottlePolicy pair_;
  AddressPolicy address_;
  std::atomic<int64_t> finished_{0};  // store: old rows are deleted every so many tries

  std::mutex mu_;  // memory only
  std::unordered_map<std::string, ThrottleState> pairs_;
  std::unordered_map<std::string, ThrottleState> addresses_;
};

}  // namespace retorno
