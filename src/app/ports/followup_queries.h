// Read-only queries over follow-ups and their returns: the follow-up list and its
// count, a follow-up with its party, the agenda, the login alert counts and the month
// calendar. Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace retorno {

// Filters of GET /api/v1/followups. Visibility is already folded in by the use case
// (an agent's query arrives with owner_id set to the agent).
struct FollowupQuery {
  std::optional<FollowupStatus> status;  // nullopt: all
  // Derived-state filter, translated by the use case into date bounds on the cached
  // next_due_date with the viewer's today: overdue = open && next_due < today, etc.
  std::optional<FollowupState> state;
  absl::CivilDay today;
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
  // Visibility for supervisors: owner_id == visible_owner OR branch_id == visible_branch.
  std::optional<UserId> visible_owner;
  std::optional<BranchId> visible_branch;
  std::optional<PartyId> party_id;
  std::optional<std::string> category;
  std::optional<Priority> priority;
  std::optional<absl::CivilDay> due_from;  // inclusive, on next_due_date
  std::optional<absl::CivilDay> due_to;    // inclusive
  std::string text;                        // over subject and published entries
  // Contact instant in [contact_from, contact_to): the viewer's days, as instants.
  std::optional<absl::Time> contact_from;
  std::optional<absl::Time> contact_to;
  // The internal date (ADR 0041) against `today`: any = has one, due = is today,
  // overdue = open and before today (a closed follow-up is never internally overdue).
  enum class Internal { kAny, kDue, kOverdue };
  std::optional<Internal> internal;
  // Ordering. kDue: next_due_date ascending (no date last), then id ascending.
  // kNewest: id descending.
  enum class Order { kDue, kNewest } order = Order::kDue;
  int limit = 50;
  // Keyset cursor: the position after which to continue, as produced in FollowupPage.
  std::string cursor;
};

struct FollowupRow {
  Followup followup;
  Party party;  // id, code, name filled at least
};

struct FollowupPage {
  std::vector<FollowupRow> items;
  std::string next_cursor;  // empty when no more rows
};

struct AgendaQuery {
  // Visibility, as in FollowupQuery: assignee == mine, or follow-up branch == branch.
  std::optional<UserId> assignee_id;
  std::optional<BranchId> branch_id;
  // Planned actions whose due_date is in [from, to] (both optional).
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  bool only_planned = true;
  bool only_open_followups = true;
  int limit = 500;
};

struct AgendaRow {
  Action action;
  Followup followup;
  Party party;
};

// One return as the month calendar needs it (manual 002): its date, time, status and
// whose it is (its time is in the assignee's zone).
struct CalendarRow {
  ActionId id;
  absl::CivilDay due_date;
  std::optional<int> due_minutes;
  ActionStatus status = ActionStatus::kPlanned;
  UserId assignee_id;
};

// Counts for the login alert (manual 001), in the user's today.
struct DueCounts {
  int64_t due_today = 0;
  int64_t overdue = 0;
};

class FollowupQueries {
 public:
  virtual ~FollowupQueries() = default;

  // The follow-up with its party (without contacts) in one statement: the page of a
  // follow-up, the most frequent read.
  virtual absl::StatusOr<std::optional<FollowupRow>> FindFollowupRow(FollowupId id) = 0;
  virtual absl::StatusOr<FollowupPage> QueryFollowups(const FollowupQuery& q) = 0;
  // How many follow-ups match q's filters and visibility on all pages together (its
  // cursor, order and limit do not count).
  virtual absl::StatusOr<int64_t> CountFollowups(const FollowupQuery& q) = 0;

  // Planned returns with their follow-up and party, in due order (the agenda).
  virtual absl::StatusOr<std::vector<AgendaRow>> QueryAgenda(const AgendaQuery& q) = 0;
  virtual absl::StatusOr<DueCounts> CountDue(UserId assignee, absl::CivilDay today) = 0;
  // Planned and done returns (not cancelled), of open and closed follow-ups, with
  // due_date in [q.from, q.to] (both required), visible as in QueryAgenda.
  virtual absl::StatusOr<std::vector<CalendarRow>> QueryCalendar(const AgendaQuery& q) = 0;
};

}  // namespace retorno
