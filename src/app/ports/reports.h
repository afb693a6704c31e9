// Read-only queries of the manager reports (manuals 000 and 004): the unattended
// follow-ups with their age buckets, and the CRM actions (returns done and entries
// written) of a period. Part of a Tx (app/ports.h). Visibility and the viewer's day
// are folded in by the use case (app/reports/reports.h); these queries only filter.
//
// Every count is computed by the database over the same filters as the rows, never
// over a page, so a total always equals the sum of the rows on all pages (ADR 0032).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/time_util.h"
#include "domain/model.h"

namespace retorno {

// Who a report may show, as in the follow-up list: nothing set = everything (admin);
// visible_owner alone = an agent's own; both = a supervisor's own OR their branch's.
struct ReportVisibility {
  std::optional<UserId> visible_owner;
  std::optional<BranchId> visible_branch;
};

// Ages of a late follow-up, in days late: 1–3, 4–7, 8–30, more than 30.
enum class LateBucket { k1To3 = 0, k4To7 = 1, k8To30 = 2, kOver30 = 3 };
inline constexpr int kLateBuckets = 4;
const char* LateBucketName(LateBucket b);  // "1-3", "4-7", "8-30", "31+"
LateBucket BucketOf(int days_late);        // days_late >= 1

struct UnattendedQuery {
  ReportVisibility visibility;
  // The viewer's today: a follow-up is late when open and its earliest planned
  // return (next_due_date) is before it.
  absl::CivilDay today;
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
  std::optional<PartyId> party_id;
  std::optional<std::string> category;
  std::optional<Priority> priority;
  // On the late due date, both inclusive.
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  int limit = 100;
  // Keyset: continue after this (due date, follow-up id); empty for the first page.
  std::string cursor;
};

struct UnattendedRow {
  FollowupId followup_id;
  std::string subject;
  PartyId party_id;
  std::string party_name;
  UserId owner_id;
  std::string owner_name;
  std::optional<BranchId> branch_id;
  std::string branch_name;  // empty without a branch
  std::string category;
  Priority priority = Priority::kMedium;
  absl::CivilDay due_date;  // the earliest planned return's
};

// One group of a count: an agent (id, name) or a branch (id or none, name).
struct ReportCount {
  std::optional<int64_t> id;
  std::string name;
  int64_t count = 0;
};

struct UnattendedReport {
  std::vector<UnattendedRow> rows;  // oldest due date first, then follow-up id
  std::string next_cursor;          // empty: no more rows
  int64_t total = 0;
  int64_t per_bucket[kLateBuckets] = {0, 0, 0, 0};
  std::vector<ReportCount> per_owner;   // by count descending, then name
  std::vector<ReportCount> per_branch;  // by count descending, then name
};

enum class ActionKind { kReturn, kEntry };

struct ActionsQuery {
  ReportVisibility visibility;
  // Instants in [from, to): the viewer's first day at 00:00 to the day after the last.
  absl::Time from;
  absl::Time to;
  // Whose action it is: who completed the return, who wrote the entry.
  std::optional<UserId> user_id;
  std::optional<BranchId> branch_id;  // the follow-up's branch
  std::optional<std::string> category;
  std::optional<std::string> contact_type;  // the return's type (entries have none)
  std::optional<std::string> resolution;    // the return's resolution (entries have none)
  std::optional<ActionKind> kind;           // nullopt: both
  int limit = 100;
  // Keyset: continue after this (instant, kind, id); empty for the first page.
  std::string cursor;
};

struct ActionRow {
  ActionKind kind = ActionKind::kReturn;
  int64_t id = 0;  // the return's or the entry's
  absl::Time at;   // the result time of a return, the contact time of an entry
  FollowupId followup_id;
  std::string subject;
  std::string party_name;
  UserId user_id;
  std::string user_name;
  std::optional<BranchId> branch_id;
  std::string branch_name;
  std::string category;
  std::string contact_type;  // returns only
  std::string resolution;    // returns only
  std::string entry_kind;    // entries only: note, complaint, internal
  std::string result;        // the return's result, the entry's text
};

// Actions of one user (or of one 15-minute slot of UTC time, which the use case places
// on the viewer's days: every zone's offset is a multiple of 15 minutes).
struct ActionCount {
  int64_t key = 0;  // user id, or slot = microseconds since the epoch / 900'000'000
  std::string name;
  int64_t returns = 0;
  int64_t entries = 0;
};

struct ActionsReport {
  std::vector<ActionRow> rows;  // by instant, then returns before entries, then id
  std::string next_cursor;
  int64_t returns = 0;
  int64_t entries = 0;
  std::vector<ActionCount> per_user;  // by user name
  std::vector<ActionCount> per_slot;  // by slot
};

// Team performance (ADR 0032): the returns due in a span of days, grouped finely
// enough for the use case to judge each one in the viewer's zone. A return is due when
// done, or planned on an open follow-up; cancelled returns and the planned returns of
// a closed follow-up are owed by nobody.
struct TeamQuery {
  ReportVisibility visibility;
  absl::CivilDay from;  // on the return's due date, both inclusive
  absl::CivilDay to;
  std::optional<UserId> agent_id;     // the return's assignee
  std::optional<BranchId> branch_id;  // the follow-up's branch
  // The viewer's zone, as spans of one offset (base/time_util.h: in time order, not
  // overlapping): a return done within one is grouped by its local day (ADR 0043); one
  // done outside them all, by its 15-minute slot of UTC.
  std::vector<OffsetSpan> local_days;
};

// Returns of one agent and branch due on one day, done on one local day (when done
// within q.local_days) or in one 15-minute slot of UTC (otherwise), or still planned.
struct TeamCount {
  UserId agent_id;
  std::string agent_name;
  std::optional<BranchId> branch_id;
  std::string branch_name;
  absl::CivilDay due_date;
  bool done = false;
  std::optional<absl::CivilDay> done_day;  // done within q.local_days: the local day
  int64_t slot = 0;  // done otherwise: result time (completion time when none) / 900'000'000 us
  int64_t count = 0;
};

// Automatic follow-ups (after-sale, after-service, birthday) created in [from, to).
struct AutomaticQuery {
  ReportVisibility visibility;
  absl::Time from;
  absl::Time to;
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
  std::optional<std::string> origin;  // kOriginAfterSale, kOriginServiceDone, kOriginBirthday
};

// One origin and catalogue item (none for birthdays): follow-ups created, those with a
// return done, and those converted (ADR 0032: done, and the party bought afterwards).
struct AutomaticCount {
  std::string origin;
  std::optional<CatalogItemId> item_id;
  std::string item_name;  // empty without an item
  std::string item_kind;  // product, service; empty without an item
  int64_t created = 0;
  int64_t done = 0;
  int64_t converted = 0;
};

class ReportQueries {
 public:
  virtual ~ReportQueries() = default;
  // Late follow-ups: one page of rows and every count over all of them.
  // InvalidArgument for a cursor this store did not write.
  virtual absl::StatusOr<UnattendedReport> QueryUnattended(const UnattendedQuery& q) = 0;
  // Returns done and published entries (notes, complaints, internal comments) in
  // [q.from, q.to): one page of rows and every count over all of them.
  // InvalidArgument for a cursor this store did not write.
  virtual absl::StatusOr<ActionsReport> QueryActions(const ActionsQuery& q) = 0;
  // Every group of returns due in [q.from, q.to] (no order promised).
  virtual absl::StatusOr<std::vector<TeamCount>> QueryTeam(const TeamQuery& q) = 0;
  // Every origin × item group of the automatic follow-ups created in [q.from, q.to),
  // by origin then item name.
  virtual absl::StatusOr<std::vector<AutomaticCount>> QueryAutomatic(const AutomaticQuery& q) = 0;
};

}  // namespace retorno
