// How a use case turns the follow-up aggregate (domain/followup.h) into store writes:
// the error code of a refusal, the timeline entry of a status event, and the saving of
// what the transitions changed, all in the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"
#include "domain/followup.h"

namespace retorno {

// The error code of an aggregate's refusal; OK when there is none.
absl::Status Refused(std::optional<FollowupRefusal> refusal);

// Writes an entry the system makes on the caller's behalf (a result, a status line).
absl::StatusOr<Entry> AddSystemEntry(Tx& tx, const Followup& f, const AuthContext& ctx,
                                     EntryKind kind, std::string body,
                                     std::optional<ActionId> action, absl::Time at, absl::Time now);

// The timeline entry of a status event, as the follow-up's page shows it; none for
// events the page shows through the returns themselves.
std::optional<std::pair<EntryKind, std::string>> TimelineOf(const StatusEvent& e);

// The timeline line of a change of the internal date (ADR 0041), in `locale`: set,
// moved ("from → to") or cleared.
std::string InternalDateLine(std::optional<absl::CivilDay> from, std::optional<absl::CivilDay> to,
                             std::string_view locale);

// Saves what the aggregate's transitions changed: the returns (with their reminders),
// a timeline entry per event, and the follow-up with a new version.
absl::Status SaveFollowup(Tx& tx, const AuthContext& ctx, FollowupAggregate& agg, absl::Time now);

}  // namespace retorno
