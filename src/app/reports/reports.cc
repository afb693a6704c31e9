#include "app/reports/reports.h"

#include <algorithm>
#include <map>

#include "app/errors.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/permissions.h"
#include "domain/time_zone.h"

namespace retorno {

const char* LateBucketName(LateBucket b) {
  switch (b) {
    case LateBucket::k1To3:
      return "1-3";
    case LateBucket::k4To7:
      return "4-7";
    case LateBucket::k8To30:
      return "8-30";
    case LateBucket::kOver30:
      return "31+";
  }
  return "31+";
}

LateBucket BucketOf(int days_late) {
  if (days_late <= 3) return LateBucket::k1To3;
  if (days_late <= 7) return LateBucket::k4To7;
  if (days_late <= 30) return LateBucket::k8To30;
  return LateBucket::kOver30;
}

// The list's visibility: the follow-ups the viewer reaches (domain/permissions.h).
ReportVisibility ReportVisibilityOf(const Viewer& v) {
  const FollowupReach reach = ReachOf(v);
  return ReportVisibility{.visible_owner = reach.owner, .visible_branch = reach.branch};
}

// A filter naming a branch or a person: 422 when it does not exist, 403 when the
// viewer may not see it (a supervisor asking for another branch gets no empty report).
absl::Status CheckReportFilters(Tx& tx, const Viewer& v, std::optional<BranchId> branch,
                                std::optional<UserId> user, const char* user_field) {
  if (branch) {
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.accounts().FindBranch(*branch));
    if (!b) return FieldError("branch_id", "unknown_branch");
    if (!CanFilterByBranch(v, *branch)) return CodedError(ErrorCode::kFilterNotAllowed);
  }
  if (user) {
    ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(*user));
    if (!u) return FieldError(user_field, "unknown_user");
    if (u->id != v.id && !CanFilterByOwner(v, u->id, u->branch_id))
      return CodedError(ErrorCode::kFilterNotAllowed);
  }
  return absl::OkStatus();
}

absl::StatusOr<UnattendedResult> ReportService::Unattended(const AuthContext& ctx,
                                                           const UnattendedInput& in,
                                                           absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kViewReports));
  if (in.from && in.to && *in.from > *in.to) return FieldError("to", "before_from");
  const Viewer v = ctx.viewer();
  UnattendedQuery q;
  q.visibility = ReportVisibilityOf(v);
  q.today = TodayOf(ctx.user, now);
  q.owner_id = in.owner_id;
  q.branch_id = in.branch_id;
  q.party_id = in.party_id;
  q.category = in.category;
  q.priority = in.priority;
  q.from = in.from;
  q.to = in.to;
  q.limit = std::clamp(in.limit, 1, 500);
  q.cursor = in.cursor;
  UnattendedResult out;
  out.today = q.today;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(CheckReportFilters(tx, v, in.branch_id, in.owner_id, "owner_id"));
    auto report = tx.reports().QueryUnattended(q);
    if (absl::IsInvalidArgument(report.status())) return FieldError("cursor", "invalid_cursor");
    RETURN_IF_ERROR(report.status());
    for (UnattendedRow& r : report->rows) {
      const int days = static_cast<int>(q.today - r.due_date);
      out.items.push_back({std::move(r), days, BucketOf(days)});
    }
    out.next_cursor = std::move(report->next_cursor);
    out.total = report->total;
    std::copy(std::begin(report->per_bucket), std::end(report->per_bucket), out.per_bucket);
    out.per_owner = std::move(report->per_owner);
    out.per_branch = std::move(report->per_branch);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ActionsResult> ReportService::Actions(const AuthContext& ctx, const ActionsInput& in,
                                                     absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kViewReports));
  const absl::CivilDay today = TodayOf(ctx.user, now);
  ActionsResult out;
  out.to = in.to.value_or(in.from ? std::max(*in.from, today) : today);
  out.from = in.from.value_or(out.to - 29);
  if (out.from > out.to) return FieldError("to", "before_from");
  if (out.to - out.from + 1 > kMaxReportDays) return FieldError("to", "out_of_range");
  const absl::TimeZone zone = ZoneOf(ctx.user);
  const Viewer v = ctx.viewer();
  ActionsQuery q;
  q.visibility = ReportVisibilityOf(v);
  q.from = InstantOf(out.from, 0, zone);
  q.to = InstantOf(out.to + 1, 0, zone);
  q.user_id = in.user_id;
  q.branch_id = in.branch_id;
  q.category = in.category;
  q.contact_type = in.contact_type;
  q.resolution = in.resolution;
  q.kind = in.kind;
  q.limit = std::clamp(in.limit, 1, 500);
  q.cursor = in.cursor;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(CheckReportFilters(tx, v, in.branch_id, in.user_id, "user_id"));
    auto report = tx.reports().QueryActions(q);
    if (absl::IsInvalidArgument(report.status())) return FieldError("cursor", "invalid_cursor");
    RETURN_IF_ERROR(report.status());
    out.items = std::move(report->rows);
    out.next_cursor = std::move(report->next_cursor);
    out.returns = report->returns;
    out.entries = report->entries;
    out.per_user = std::move(report->per_user);
    // Each 15-minute slot of UTC lies within one day of any zone: place it on the
    // viewer's day of its first instant.
    for (absl::CivilDay d = out.from; d <= out.to; ++d) out.per_day.push_back({d, 0, 0});
    for (const ActionCount& slot : report->per_slot) {
      const absl::CivilDay day = DayIn(absl::FromUnixMicros(slot.key * 900'000'000), zone);
      if (day < out.from || day > out.to) continue;  // cannot happen: the query's bounds
      ActionsDay& d = out.per_day[static_cast<size_t>(day - out.from)];
      d.returns += slot.returns;
      d.entries += slot.entries;
    }
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
