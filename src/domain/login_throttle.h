// The login throttle rule: how many password checks a (login, client address) pair
// gets before it must wait, and how long. Pure: the caller keeps the state per key,
// holds the lock and passes `now`.
//
// A pair has `free_failures` tries (default 5); after that each further try must wait
// a delay that doubles from `first_delay` (1 s, 2 s, 4 s...) up to `max_delay`
// (default 15 min). Nothing is a hard lock: the account owner, from another address,
// is never held by someone else's failures. An attempt is admitted *and reserved* in
// one step (Admit), so simultaneous tries count as failures until they are known not
// to be: a burst of N parallel tries gets at most `free_failures` password checks.
#pragma once

#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace retorno {

struct ThrottlePolicy {
  // Tries before the first delay; default 5.
  int free_failures = 5;
  // The first delay, doubling per further failure; default 1 s.
  absl::Duration first_delay = absl::Seconds(1);
  // The longest delay; default 15 min.
  absl::Duration max_delay = absl::Minutes(15);
  // Failures are forgotten after this long without a new one; default 1 h.
  absl::Duration forget_after = absl::Hours(1);
  // How long an admitted try stays reserved without an outcome; default for ever, right
  // for state kept in the memory of the process that checks the password (it cannot
  // die and keep the state). State shared by several processes sets it
  // (kSharedReservationTtl): a process that dies between admitting a try and finishing
  // it must not leave the pair "in flight" for ever; past this, its tries count as
  // failures.
  absl::Duration reservation_ttl = absl::InfiniteDuration();
};

// The reservation of a try whose state other processes share: far beyond a password
// check (~65 ms), short enough that a dead process's try is soon counted.
inline constexpr absl::Duration kSharedReservationTtl = absl::Minutes(1);

struct ThrottleState {
  int failures = 0;   // recent failed checks
  int in_flight = 0;  // admitted tries whose password check has not finished
  absl::Time last_failure = absl::InfinitePast();
  // The in-flight tries count as failures from this instant on (the last reservation's
  // expiry).
  absl::Time reserved_until = absl::InfinitePast();
};

struct ThrottleDecision {
  bool allowed = true;
  absl::Duration retry_after = absl::ZeroDuration();  // when refused: wait at least this
};

// The wait imposed after `failures` failures: zero below `free_failures`, then
// first_delay * 2^(failures - free_failures), at most max_delay.
absl::Duration DelayAfter(int failures, const ThrottlePolicy& policy);

// Decides a new try at `now` and, when it is allowed, reserves it (in_flight + 1)
// until now + reservation_ttl: the caller must then call RecordFailure or RecordSuccess
// exactly once. Expired reservations become failures, then failures older than
// forget_after (with nothing in flight) are forgotten.
ThrottleDecision Admit(ThrottleState& state, absl::Time now, const ThrottlePolicy& policy);
// Tries reserved until before `now` that never got their outcome (their process died)
// count as failures at their expiry.
void ExpireReservations(ThrottleState& state, absl::Time now);
// The reserved try failed its password check.
void RecordFailure(ThrottleState& state, absl::Time now);
// The reserved try succeeded: the pair starts afresh.
void RecordSuccess(ThrottleState& state);
// True when the state carries nothing worth keeping at `now` (it may be dropped).
bool IsForgettable(const ThrottleState& state, absl::Time now, const ThrottlePolicy& policy);

// Failures counted per client address, over every login: an address past
// `hot_failures` (default 100, twenty times a pair's) is under attack, and the pairs
// from it get a single free try instead of `free_failures`. A correct password on a
// pair's first try from that address is still checked, so an office behind one address
// is never locked out by an attack coming from it.
struct AddressPolicy {
  int hot_failures = 100;
  absl::Duration forget_after = absl::Hours(1);
};
// Counts a failure from the address (restarting the count when the last one is older
// than forget_after).
void RecordAddressFailure(ThrottleState& state, absl::Time now, const AddressPolicy& policy);
bool IsHot(const ThrottleState& state, absl::Time now, const AddressPolicy& policy);

// The login as throttling counts it: trimmed of spaces and case-folded (ASCII, like
// the database's NOCASE), so "Ana", " ana" and "ANA" share one count.
std::string NormalizeLogin(std::string_view login);

}  // namespace retorno
