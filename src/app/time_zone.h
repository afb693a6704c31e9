// The time-zone policy (domain/time_zone.h) where a transaction is at hand: the branch
// and the organisation are read only when the user's own zone does not load, so the
// common case costs no statement.
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/ports.h"
#include "domain/time_zone.h"

namespace retorno {

// The zone of a user: theirs, else their branch's, else the organisation's.
absl::StatusOr<absl::TimeZone> ZoneOfUser(Tx& tx, const User& user);

// The zone of a record that belongs to `user` (when known) and `branch` (when it has
// one), else the organisation's.
absl::StatusOr<absl::TimeZone> ZoneOfRecord(Tx& tx, const User* user,
                                            std::optional<BranchId> branch);

}  // namespace retorno
