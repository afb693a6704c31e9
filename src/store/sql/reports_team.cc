// The team performance and automatic follow-up reports in SQL (ADR 0032). The database
// only groups and counts; which day a return was done on depends on the viewer's zone,
// which the use case applies to each 15-minute slot of UTC (every zone's offset is a
// multiple of 15 minutes, so a slot never straddles a local midnight).
#include <algorithm>
#include <string_view>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "store/sql/query_builders.h"
#include "store/sql/report_filter.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

// See query_builders.cc: GCC 12 misreads the std::string inside the argument variants.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace retorno::sql {

namespace {

using Arg = ReportFilter::Arg;

ReportFilter TeamFilter(const TeamQuery& q, bool done) {
  ReportFilter f;
  // Each part is one range on actions_team (status, due_date, assignee_id,
  // followup_branch_id, followup_open, ...; migration 0030), walked in the order of its
  // GROUP BY, so that groups are counted as the walk passes them rather than after
  // sorting every return of the period. A done return counts whatever its follow-up's
  // state; a planned one only while its follow-up is open (checked inside the index).
  // The branch and the reach read the return's copy of its follow-up's owner and branch
  // (migration 0026), so that no follow-up row is read.
  if (done) {
    f.Add("a.status = 'done'");
  } else {
    f.Add("a.status = 'planned'");
    f.Add("a.followup_open = 1");
  }
  f.Days("a.due_date", q.from, q.to);
  f.Person("a.assignee_id", q.agent_id);
  f.Branch(q.branch_id, "a.followup_branch_id");
  f.Reach(q.visibility, "a.followup_owner_id", "a.followup_branch_id");
  return f;
}

constexpr char kDoneAt[] = "coalesce(a.result_at, a.done_at)";

// The group of a done return: its local day (whole days since 1970-01-01, from 0 up)
// when done within one of the viewer's spans of one offset, else -1 - its 15-minute slot
// of UTC (below 0), so that one column tells the two apart.
std::string DoneGroup(const TeamQuery& q, std::vector<Arg>& args) {
  if (q.local_days.empty()) return absl::StrCat("-1 - ", kDoneAt, " / 900000000");
  std::string sql = "CASE";
  for (const OffsetSpan& span : q.local_days) {
    absl::StrAppend(&sql, " WHEN ", kDoneAt, " >= ? AND ", kDoneAt, " < ? THEN (", kDoneAt,
                    " + ?) / 86400000000");
    args.push_back(absl::ToUnixMicros(span.from));
    args.push_back(absl::ToUnixMicros(span.to));
    args.push_back(absl::ToInt64Microseconds(span.offset));
  }
  absl::StrAppend(&sql, " ELSE -1 - ", kDoneAt, " / 900000000 END");
  return sql;
}

}  // namespace

absl::StatusOr<std::vector<TeamCount>> SqlReportQueries::QueryTeam(const TeamQuery& q) {
  const ReportFilter done = TeamFilter(q, true);
  const ReportFilter planned = TeamFilter(q, false);
  std::vector<Arg> args;
  const std::string group = DoneGroup(q, args);
  args.insert(args.end(), done.args.begin(), done.args.end());
  args.insert(args.end(), planned.args.begin(), planned.args.end());
  // The done returns of one agent, branch and due day carry the list of their groups
  // (local day or slot, see DoneGroup), counted here: grouping by the group too would
  // make the database sort every return of the period, which costs it more than the
  // rest of the report at a million follow-ups.
  const std::string groups = db_.dialect() == Dialect::kSqlite
                                 ? absl::StrCat("group_concat(", group, ")")
                                 : absl::StrCat("string_agg(CAST(", group, " AS text), ',')");
  const std::string sql = absl::StrCat(
      "SELECT x.agent, u.name, x.branch_id, coalesce(b.name, ''), x.due_date, x.done, x.grps, "
      "x.n FROM ("
      "SELECT a.assignee_id AS agent, a.followup_branch_id AS branch_id, a.due_date AS due_date, "
      "1 AS done, ",
      groups, " AS grps, count(*) AS n FROM actions a WHERE ", done.Sql(),
      " GROUP BY a.due_date, a.assignee_id, a.followup_branch_id"
      " UNION ALL "
      "SELECT a.assignee_id, a.followup_branch_id, a.due_date, 0, CAST(NULL AS TEXT), count(*) "
      "FROM actions a WHERE ",
      planned.Sql(),
      " GROUP BY a.due_date, a.assignee_id, a.followup_branch_id"
      ") x JOIN users u ON u.id = x.agent LEFT JOIN branches b ON b.id = x.branch_id");
  ASSIGN_OR_RETURN(Query s, PrepareBuilt(db_, BuiltSql{sql, args}));
  std::vector<TeamCount> out;
  std::vector<int64_t> groups_of_row;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    TeamCount c;
    c.agent_id = s.IdAt<UserId>(0);
    c.agent_name = s.Text(1);
    c.branch_id = s.OptId<BranchId>(2);
    c.branch_name = s.Text(3);
    RETURN_IF_ERROR(ParseDay(s.Text(4), &c.due_date));
    c.done = s.Int(5) == 1;
    c.count = s.Int(7);
    if (!c.done) {
      out.push_back(std::move(c));
      continue;
    }
    // A done return always has a completion time; without one its group is NULL, which
    // the list leaves out: it counts as done at the epoch (on time), as before.
    groups_of_row.clear();
    const std::string list = s.IsNull(6) ? std::string() : s.Text(6);
    for (absl::string_view g : absl::StrSplit(list, ',', absl::SkipEmpty())) {
      int64_t v = 0;
      if (!absl::SimpleAtoi(g, &v)) return absl::InternalError("team report: bad group list");
      groups_of_row.push_back(v);
    }
    while (static_cast<int64_t>(groups_of_row.size()) < c.count) groups_of_row.push_back(-1);
    std::sort(groups_of_row.begin(), groups_of_row.end());
    for (size_t i = 0; i < groups_of_row.size();) {
      size_t j = i;
      while (j < groups_of_row.size() && groups_of_row[j] == groups_of_row[i]) ++j;
      TeamCount g = c;
      const int64_t v = groups_of_row[i];
      if (v >= 0) {
        g.done_day = absl::CivilDay(1970, 1, 1) + v;
      } else {
        g.slot = -1 - v;
      }
      g.count = static_cast<int64_t>(j - i);
      out.push_back(std::move(g));
      i = j;
    }
  }
  return out;
}

absl::StatusOr<std::vector<AutomaticCount>> SqlReportQueries::QueryAutomatic(
    const AutomaticQuery& q) {
  ReportFilter f;
  if (q.origin) {
    f.Add("f.origin = ?", {*q.origin});
  } else {
    f.Add("f.origin IN ('after_sale', 'service_done', 'birthday')");
  }
  f.Instants("f.created_at", q.from, q.to);
  f.Person("f.owner_id", q.owner_id);
  f.Branch(q.branch_id);
  f.Reach(q.visibility);
  // The item is the end of the origin key "doc:<document id>:item:<item id>"; the
  // prefix's length is computed rather than searched, which both dialects run alike.
  // Each follow-up is read once from followups_origin_created, which carries what the
  // report asks of its returns (whether one is done, the earliest due day; migration
  // 0031, kept with the next due date), so no return is read. The party's later
  // purchases are looked for only when it is done, as a range on documents_party_issued
  // (ADR 0043).
  const std::string sql = absl::StrCat(
      "SELECT y.origin, y.item, coalesce(c.name, ''), coalesce(c.kind, ''), y.created, y.done, "
      "y.converted FROM ("
      "SELECT f.origin AS origin, "
      "CASE WHEN f.document_id IS NULL OR f.origin_key IS NULL THEN NULL ELSE "
      "CAST(substr(f.origin_key, length('doc:' || f.document_id || ':item:') + 1) AS BIGINT) "
      "END AS item, count(*) AS created, coalesce(sum(f.has_done_return), 0) AS done, "
      "coalesce(sum(CASE WHEN f.has_done_return = 1 AND EXISTS (SELECT 1 FROM documents d "
      "WHERE d.party_id = f.party_id AND d.issued_on >= f.first_due_date "
      "AND d.kind IN ('sale', 'service_order') AND d.status <> 'cancelled' "
      "AND (f.document_id IS NULL OR d.id <> f.document_id)) THEN 1 ELSE 0 END), 0) "
      "AS converted FROM followups f WHERE ",
      f.Sql(),
      " GROUP BY 1, 2) y LEFT JOIN catalog_items c ON c.id = y.item "
      "ORDER BY y.origin, coalesce(c.name, ''), y.item");
  ASSIGN_OR_RETURN(Query s, PrepareBuilt(db_, BuiltSql{sql, f.args}));
  std::vector<AutomaticCount> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    AutomaticCount c;
    c.origin = s.Text(0);
    c.item_id = s.OptId<CatalogItemId>(1);
    c.item_name = s.Text(2);
    c.item_kind = s.Text(3);
    c.created = s.Int(4);
    c.done = s.Int(5);
    c.converted = s.Int(6);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace retorno::sql
