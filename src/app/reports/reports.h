// The manager reports (manuals 000 and 004; ADR 0032): unattended follow-ups by age,
// and the CRM actions of a period. Read-only; each runs in one read transaction, in the
// viewer's zone and visibility (agent: their own; supervisor: their own and their
// branch's; admin: everything), with the follow-up list's filters.
#pragma once

#include <map>
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

// Team performance (ADR 0032): the returns due in a period, per agent and branch.
struct TeamInput {
  // The viewer's days, both inclusive; default: the 30 days ending today.
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  std::optional<UserId> owner_id;  // the agent: the return's assignee
  std::optional<BranchId> branch_id;
};

struct TeamFigures {
  int64_t due = 0;                         // on_time + done_late + still_late + pending
  int64_t on_time = 0;                     // done on or before its due day
  int64_t done_late = 0;                   // done after its due day
  int64_t still_late = 0;                  // not done, due before today
  int64_t pending = 0;                     // not done, due today or later
  std::optional<double> completion_rate;   // (on_time + done_late) / due; none when due = 0
  std::optional<double> median_days_late;  // over done_late and still_late; none without
  // Returns late by each number of days (done late and still late), for the medians of
  // the totals, which are not medians of medians.
  std::map<int, int64_t> days_late;
  void Add(const TeamFigures& o);
  void Finish();  // computes the rate and the median
};

struct TeamRow {
  UserId agent_id;
  std::string agent_name;
  std::optional<BranchId> branch_id;
  std::string branch_name;
  TeamFigures current;
  TeamFigures previous;
};

struct TeamBranchTotal {
  std::optional<BranchId> branch_id;
  std::string branch_name;
  TeamFigures current;
  TeamFigures previous;
};

struct TeamDay {
  absl::CivilDay day;  // a due day of the period
  int64_t due = 0;
  int64_t on_time = 0;
  int64_t late = 0;  // done late or still late
};

struct TeamResult {
  absl::CivilDay today;
  absl::CivilDay from, to;
  absl::CivilDay previous_from, previous_to;  // the same length, just before
  std::vector<TeamRow> rows;                  // by branch name, then agent name
  std::vector<TeamBranchTotal> per_branch;    // by branch name
  TeamFigures total;
  TeamFigures previous_total;
  std::vector<TeamDay> per_day;  // every day of [from, to]
};

// Automatic follow-ups by kind; the API's kinds are after_sale, after_service, birthday.
struct AutomaticInput {
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
  std::optional<std::string> origin;  // kOriginAfterSale, kOriginServiceDone, kOriginBirthday
};

struct AutomaticTotal {
  std::string origin;  // empty: every kind
  int64_t created = 0;
  int64_t done = 0;
  int64_t converted = 0;
};

struct AutomaticResult {
  absl::CivilDay from, to;
  std::vector<AutomaticCount> rows;      // by kind, then item name
  std::vector<AutomaticTotal> per_kind;  // after_sale, service_done, birthday
  AutomaticTotal total;
};

// The store filter of the viewer's reach, and the 422/403 of a branch or user filter
// (shared by the reports' use cases).
ReportVisibility ReportVisibilityOf(const Viewer& v);
absl::Status CheckReportFilters(Tx& tx, const Viewer& v, std::optional<BranchId> branch,
                                std::optional<UserId> user, const char* user_field);

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
  // As Actions, on the returns due in the period and the period just before (team.cc).
  absl::StatusOr<TeamResult> Team(const AuthContext& ctx, const TeamInput& in, absl::Time now);
  // As Actions, on the automatic follow-ups created in the period (team.cc).
  absl::StatusOr<AutomaticResult> Automatic(const AuthContext& ctx, const AutomaticInput& in,
                                            absl::Time now);

 private:
  Store& store_;
};

}  // namespace retorno
