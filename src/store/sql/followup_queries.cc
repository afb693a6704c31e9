// The read-only follow-up queries in SQL: the list and its count, a follow-up with its
// party, the agenda, the login alert counts and the month calendar.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "store/sql/attendance.h"
#include "store/sql/cursor.h"
#include "store/sql/query_builders.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"
#include "store/sql/workflow.h"

namespace retorno::sql {

namespace {

constexpr char kGenericPlan[] = "SET LOCAL plan_cache_mode = force_generic_plan";
constexpr char kDefaultPlans[] = "SET LOCAL plan_cache_mode TO DEFAULT";

RETORNO_SQL(kFindFollowupRow, "SELECT ", kFollowupCols, ", ", kPartyCols,
            " FROM followups f JOIN parties p ON p.id = f.party_id WHERE f.id = ?");

}  // namespace

absl::StatusOr<std::optional<FollowupRow>> SqlFollowupQueries::FindFollowupRow(FollowupId id) {
  // The rest of the page rides with the row (one round trip on PostgreSQL, where each
  // statement's round trip cost more CPU than its execution): its returns, entries,
  // attachments, attendance type and workflow position, read as the use case will ask.
  RETURN_IF_ERROR(ReadFollowupListsAhead(db_, id));
  RETURN_IF_ERROR(ReadFollowupTypeAhead(db_, id));
  RETURN_IF_ERROR(ReadPositionAhead(db_, id));
  return FindOne<FollowupRow>(db_, kFindFollowupRow, &ReadFollowupRow, id);
}

absl::StatusOr<int64_t> SqlFollowupQueries::CountFollowups(const FollowupQuery& fq) {
  ASSIGN_OR_RETURN(BuiltSql b, BuildFollowupQuery(db_.dialect(), fq, /*count=*/true));
  ASSIGN_OR_RETURN(Query q, PrepareBuilt(db_, b));
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::StatusOr<FollowupPage> SqlFollowupQueries::QueryFollowups(const FollowupQuery& fq) {
  ASSIGN_OR_RETURN(BuiltSql b, BuildFollowupQuery(db_.dialect(), fq));
  ASSIGN_OR_RETURN(Query q, PrepareBuilt(db_, b));
  const size_t limit = static_cast<size_t>(std::max(fq.limit, 1));
  FollowupPage page;
  std::string last_due_key;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    if (page.items.size() == limit) {
      // The extra row: there is a next page, continuing after the last one returned.
      page.next_cursor = EncodeCursor(fq.order, last_due_key, page.items.back().followup.id.value);
      break;
    }
    ASSIGN_OR_RETURN(FollowupRow r, ReadFollowupRow(q, 0));
    last_due_key = q.Text(kFollowupColumns + kPartyColumns);
    page.items.push_back(std::move(r));
  }
  return page;
}

absl::Status SqlFollowupQueries::QueryFollowupsForExport(const FollowupQuery& fq,
                                                         FollowupExportPage& page) {
  const size_t limit = static_cast<size_t>(std::max(fq.limit, 1));
  page.size = 0;
  page.next_cursor.clear();
  // Texts go into the strings an earlier page left (TextInto), and the enums and dates
  // are parsed from one reused string: a page allocates nothing per row once the rows
  // have grown to their texts' sizes.
  std::string text, last_due_key;
  // Reads the rows of `b` into the page; true when a row beyond the page's limit showed
  // that there is a next page.
  auto read = [&](const BuiltSql& b) -> absl::StatusOr<bool> {
    ASSIGN_OR_RETURN(Query q, PrepareBuilt(db_, b));
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) return false;
      if (page.size == limit) return true;
      if (page.rows.size() == page.size) page.rows.emplace_back();
      FollowupExportRow& r = page.rows[page.size];
      r.id = q.IdAt<FollowupId>(0);
      q.TextInto(1, r.party_code);
      q.TextInto(2, r.party_name);
      q.TextInto(3, r.subject);
      q.TextInto(4, r.category);
      r.owner_id = q.IdAt<UserId>(5);
      q.TextInto(6, text);
      std::optional<Priority> p = ParsePriority(text);
      if (!p) return absl::DataLossError(absl::StrCat("stored priority '", text, "' is unknown"));
      r.priority = *p;
      q.TextInto(7, text);
      std::optional<FollowupStatus> st = ParseFollowupStatus(text);
      if (!st) return absl::DataLossError(absl::StrCat("stored status '", text, "' is unknown"));
      r.status = *st;
      r.next_due_date.reset();
      if (!q.IsNull(8)) {
        q.TextInto(8, text);
        r.next_due_date = ParseDayText(text);
        if (!r.next_due_date) return absl::DataLossError(absl::StrCat("stored date '", text, "'"));
      }
      r.contact_at = q.Time(9);
      r.internal_date.reset();
      if (!q.IsNull(10)) {
        q.TextInto(10, text);
        r.internal_date = ParseDayText(text);
        if (!r.internal_date) return absl::DataLossError(absl::StrCat("stored date '", text, "'"));
      }
      q.TextInto(kExportColumns, last_due_key);
      ++page.size;
    }
  };
  bool more = false;
  if (fq.cursor.empty() || fq.order != FollowupQuery::Order::kDue) {
    ASSIGN_OR_RETURN(BuiltSql b, BuildFollowupExportQuery(db_.dialect(), fq));
    ASSIGN_OR_RETURN(more, read(b));
  } else {
    // The rest of the cursor's day, then the days after it: two seeks instead of a walk
    // over the cursor's day (CursorPart).
    ASSIGN_OR_RETURN(BuiltSql same,
                     BuildFollowupExportQuery(db_.dialect(), fq, CursorPart::kSameKey));
    ASSIGN_OR_RETURN(more, read(same));
    if (!more) {
      FollowupQuery rest = fq;
      rest.limit = static_cast<int>(limit - page.size);
      ASSIGN_OR_RETURN(BuiltSql after,
                       BuildFollowupExportQuery(db_.dialect(), rest, CursorPart::kAfterKey));
      ASSIGN_OR_RETURN(more, read(after));
    }
  }
  if (more)
    page.next_cursor = EncodeCursor(fq.order, last_due_key, page.rows[page.size - 1].id.value);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AgendaRow>> SqlFollowupQueries::QueryAgenda(const AgendaQuery& aq) {
  ASSIGN_OR_RETURN(Query q, PrepareBuilt(db_, BuildAgendaQuery(aq)));
  std::vector<AgendaRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    AgendaRow r;
    ASSIGN_OR_RETURN(r.action, ReadAction(q, 0));
    ASSIGN_OR_RETURN(r.followup, ReadFollowup(q, kActionColumns));
    ASSIGN_OR_RETURN(r.party, ReadParty(q, kActionColumns + kFollowupColumns));
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<std::vector<CalendarRow>> SqlFollowupQueries::QueryCalendar(const AgendaQuery& aq) {
  if (!aq.from || !aq.to) return absl::InvalidArgumentError("calendar range");
  // One assignee: a range of the covering index actions_assignee_calendar (assignee,
  // due_date, status, due_minutes), never reading a table row.
  std::string sql =
      "SELECT a.id, a.due_date, a.due_minutes, a.status, a.assignee_id FROM actions a";
  std::vector<std::string> where = {"a.status IN ('planned', 'done')",
                                    "a.due_date BETWEEN ?1 AND ?2"};
  if (aq.assignee_id && aq.branch_id) {
    absl::StrAppend(&sql, " JOIN followups f ON f.id = a.followup_id");
    where.push_back("(a.assignee_id = ?3 OR f.branch_id = ?4)");
  } else if (aq.assignee_id) {
    where.push_back("a.assignee_id = ?3");
  } else if (aq.branch_id) {
    absl::StrAppend(&sql, " JOIN followups f ON f.id = a.followup_id");
    where.push_back("f.branch_id = ?3");
  }
  absl::StrAppend(&sql, " WHERE ", absl::StrJoin(where, " AND "));
  ASSIGN_OR_RETURN(Query q, db_.Prepare(sql));
  q.BindAll(*aq.from, *aq.to);
  if (aq.assignee_id) q.Bind(*aq.assignee_id);
  if (aq.branch_id) q.Bind(*aq.branch_id);
  std::vector<CalendarRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    CalendarRow r;
    r.id = q.IdAt<ActionId>(0);
    RETURN_IF_ERROR(ParseDay(q.Text(1), &r.due_date));
    if (std::optional<int64_t> m = q.OptInt(2)) r.due_minutes = static_cast<int>(*m);
    RETURN_IF_ERROR(ParseEnum(&ParseActionStatus, q.Text(3), "action status", &r.status));
    r.assignee_id = q.IdAt<UserId>(4);
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<DueCounts> SqlFollowupQueries::CountDue(UserId assignee, absl::CivilDay today) {
  // PostgreSQL estimates the count's generic plan a little dearer than a plan for the
  // bound day and agent, so it planned it again at every call (140 us, for 12 us of work
  // after each change of a return), though both plans walk actions_assignee_due alike.
  // The generic plan is asked for this statement only; the two SETs ride with it and with
  // the next statement (Query::RunLater).
  const bool pg = db_.dialect() == Dialect::kPostgres;
  if (pg) RETURN_IF_ERROR(db_.RunLater(kGenericPlan));
  DueCounts c;
  {
    ASSIGN_OR_RETURN(Query q, PrepareBuilt(db_, BuildCountDue(assignee, today)));
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (row) {
      c.due_today = q.Int(0);
      c.overdue = q.Int(1);
    }
  }
  if (pg) RETURN_IF_ERROR(db_.RunLater(kDefaultPlans));
  return c;
}

}  // namespace retorno::sql
