// Bulk changes with a reason (ADR 0034): reassign follow-ups to another user (a
// vacation, someone leaving), move their next return to another date or to the next
// business day, or close them, chosen by hand (ids) or by the follow-up list's filters.
//
// One request is one transaction. Every item is checked first with the rules of a
// change to one follow-up (domain/permissions.h, domain/followup.h); the refused ones are
// listed with their error code, the accepted ones are applied together (or none of them
// when the transaction fails, or when `all_or_nothing` is set and something was
// refused). Each applied change writes its line on the follow-up's timeline with the
// reason; the people affected get one notification per batch with the count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/error_codes.h"
#include "app/followups/followups.h"
#include "app/ports.h"

namespace retorno {

enum class BulkAction { kReassign, kMove, kClose };
std::optional<BulkAction> ParseBulkAction(std::string_view s);
std::string_view ToString(BulkAction a);

struct BulkOptions {
  int max_items = 5000;  // ids per request, and follow-ups a filter selects
  size_t max_reason = 500;
};

struct BulkInput {
  std::optional<BulkAction> action;  // required
  std::string reason;                // required, at most max_reason bytes
  // Either ids (by hand) or a filter (the list's, page and order ignored): exactly one.
  std::optional<std::vector<FollowupId>> ids;
  std::optional<FollowupListInput> filter;
  std::optional<UserId> to_user_id;       // reassign: required
  std::optional<absl::CivilDay> to_date;  // move: this date, or
  bool next_business_day = false;         // move: the follow-up's next business day
  std::string result;                     // close: the result; default the reason
  bool dry_run = false;                   // check and report, change nothing
  bool all_or_nothing = false;            // anything refused: apply nothing
};

struct BulkRefusal {
  FollowupId id;
  ErrorCode code;
};

struct BulkResult {
  int64_t applied = 0;  // 0 on a dry run: `accepted` says what would be
  int64_t accepted = 0;
  std::vector<BulkRefusal> refused;
  // By filter: how many it selected, and whether the cap cut the selection short (the
  // follow-ups after the first max_items in the list's order were left out).
  int64_t selected = 0;
  bool capped = false;
  bool dry_run = false;
};

class BulkService {
 public:
  explicit BulkService(Store& store, BulkOptions options = {}) : store_(store), options_(options) {}

  // 422 for the request's own mistakes (reason, action, ids/filter, target user,
  // date), 403 filter_not_allowed for a filter the list would refuse; per-item
  // refusals are in the result.
  absl::StatusOr<BulkResult> Apply(const AuthContext& ctx, const BulkInput& in, absl::Time now);

  const BulkOptions& options() const { return options_; }

 private:
  Store& store_;
  BulkOptions options_;
};

}  // namespace retorno
