// The manager reports (manuals 000 and 004; ADR 0032): unattended follow-ups by age,
// and the CRM actions of a period. Read-only; each runs in one read transaction, in the
// viewer's zone and visibility (agent: their own; supervisor: their own and their
// branch's; admin: everything), with the follow-up list's filters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"

namespace retorno {

struct UnattendedInput {
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
  std::optional<PartyId> party_id;
  std::optional<std::string> category;
  std::optional<Priority> priority;
  // On the late due date, the viewer's days, both inclusive.
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  int limit = 100;  // 1..500
  std::string cursor;
};

struct UnattendedItem {
  UnattendedRow row;
  int days_late = 0;  // the viewer's today minus the due date; at least 1
  LateBucket bucket = LateBucket::k1To3;
};

struct UnattendedResult {
  absl::CivilDay today;  // the viewer's, which "late" is measured against
  std::vector<UnattendedItem> items;
  std::string next_cursor;
  // Over every page: the total, by age bucket, by agent (owner), by branch.
  int64_t total = 0;
  int64_t per_bucket[kLateBuckets] = {0, 0, 0, 0};
  std::vector<ReportCount> per_owner;
  std::vector<ReportCount> per_branch;
};

struct ActionsInput {
  // The viewer's days, both inclusive; default: the 30 days ending today.
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  std::optional<UserId> user_id;
  std::optional<BranchId> branch_id;
  std::optional<std::string> category;
  std::optional<std::string> contact_type;
  std::optional<std::string> resolution;
  std::optional<ActionKind> kind;
  int limit = 100;  // 1..500
  std::string cursor;
};

struct ActionsDay {
  absl::CivilDay day;
  int64_t returns = 0;
  int64_t entries = 0;
};

struct ActionsResult {
  absl::CivilDay from;
  absl::CivilDay to;
  std::vector<ActionRow> items;
  std::string next_cursor;
  // Over every page.
  int64_t returns = 0;
  int64_t entries = 0;
  std::vector<ActionCount> per_user;
  std::vector<ActionsDay> per_day;  // every day of [from, to], zeros included
};

// The longest period of the actions report, in days.
inline constexpr int kMaxReportDays = 366;

class ReportService {
 public:
  explicit ReportService(Store& store) : store_(store) {}

  // 422 unknown_branch / unknown_user / invalid_cursor, before_from on `to`; 403
  // filter_not_allowed for a branch or an owner outside the viewer's visibility.
  absl::StatusOr<UnattendedResult> Unattended(const AuthContext& ctx, const UnattendedInput& in,
                                              absl::Time now);
  // As Unattended; also out_of_range on `to` for a period longer than kMaxReportDays.
  absl::StatusOr<ActionsResult> Actions(const AuthContext& ctx, const ActionsInput& in,
                                        absl::Time now);

 private:
  Store& store_;
};

}  // namespace retorno
