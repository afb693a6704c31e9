// The birthday follow-ups of customers and their contact persons (manual 002).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/followups/followups.h"
#include "app/parties/parties.h"
#include "app/ports.h"

namespace retorno {

// Birthdays of customers and their contact persons (manual 002) become a follow-up on
// the day, every year, created when the day comes within `horizon_days`.
class BirthdayService : public PartyChangeObserver {
 public:
  BirthdayService(Store& store, FollowupService& followups, int horizon_days = 30)
      : store_(store), followups_(followups), horizon_days_(horizon_days) {}
  // Creates the missing birthday follow-ups of [today, today + horizon] in the
  // organisation's zone, of one party or of all; returns how many it created.
  absl::StatusOr<int> Ensure(std::optional<PartyId> party, absl::Time now);
  absl::StatusOr<int> EnsureInTx(Tx& tx, std::optional<PartyId> party, absl::Time now);
  // A new party's birthday follow-ups within the horizon.
  absl::Status OnPartyCreated(Tx& tx, const Party& party, absl::Time now) override;
  // A changed birthday moves the open birthday follow-up of this year and the next to
  // the new day (or closes it when the day is gone or already past); then the missing
  // ones are created.
  absl::Status OnPartyChanged(Tx& tx, const Party& before, const Party& after,
                              absl::Time now) override;

 private:
  absl::StatusOr<int> EnsureFrom(Tx& tx, std::optional<PartyId> party, absl::CivilDay today,
                                 absl::Time now);

  Store& store_;
  FollowupService& followups_;
  int horizon_days_;
};

}  // namespace retorno
