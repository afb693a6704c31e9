// The manager reports in SQL (ADR 0032): one statement for a page of rows and one per
// kind of count, all over the same filters, so that the counts cover every page.
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "store/sql/query_builders.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

// See query_builders.cc: GCC 12 misreads the std::string inside the argument variants.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace retorno::sql {

namespace {

using Arg = std::variant<int64_t, std::string>;

// A WHERE clause and its arguments in order.
struct Filter {
  std::vector<std::string> where;
  std::vector<Arg> args;
  void Add(std::string cond, std::vector<Arg> a = {}) {
    where.push_back(std::move(cond));
    for (Arg& x : a) args.push_back(std::move(x));
  }
  std::string Sql() const { return absl::StrJoin(where, " AND "); }
};

void AddVisibility(const ReportVisibility& v, const char* owner_col, Filter& f) {
  if (v.visible_owner && v.visible_branch) {
    f.Add(absl::StrCat("(", owner_col, " = ? OR f.branch_id = ?)"),
          {v.visible_owner->value, v.visible_branch->value});
  } else if (v.visible_owner) {
    f.Add(absl::StrCat(owner_col, " = ?"), {v.visible_owner->value});
  } else if (v.visible_branch) {
    f.Add("f.branch_id = ?", {v.visible_branch->value});
  }
}

BuiltSql Built(std::string sql, const std::vector<Arg>& args) { return {std::move(sql), args}; }

void Append(std::vector<Arg>& to, const std::vector<Arg>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

constexpr char kUnattendedFrom[] =
    " FROM followups f JOIN parties p ON p.id = f.party_id JOIN users u ON u.id = f.owner_id"
    " LEFT JOIN branches b ON b.id = f.branch_id WHERE ";

Filter UnattendedFilter(const UnattendedQuery& q) {
  Filter f;
  f.Add("f.status = 'open'");
  f.Add("f.next_due_date < ?", {DayText(q.today)});
  if (q.from) f.Add("f.next_due_date >= ?", {DayText(*q.from)});
  if (q.to) f.Add("f.next_due_date <= ?", {DayText(*q.to)});
  if (q.owner_id) f.Add("f.owner_id = ?", {q.owner_id->value});
  if (q.branch_id) f.Add("f.branch_id = ?", {q.branch_id->value});
  if (q.party_id) f.Add("f.party_id = ?", {q.party_id->value});
  if (q.category) f.Add("f.category = ?", {*q.category});
  if (q.priority) f.Add("f.priority = ?", {std::string(ToString(*q.priority))});
  AddVisibility(q.visibility, "f.owner_id", f);
  return f;
}

// Cursors: the sort key of the last row given, as text ("2026-03-01:42",
// "1767225600000000:0:42").
absl::Status ParseUnattendedCursor(const std::string& c, std::string& day, int64_t& id) {
  std::vector<std::string> parts = absl::StrSplit(c, ':');
  if (parts.size() != 2 || !ParseDayText(parts[0]) || !absl::SimpleAtoi(parts[1], &id))
    return absl::InvalidArgumentError("cursor");
  day = parts[0];
  return absl::OkStatus();
}

absl::Status ParseActionsCursor(const std::string& c, int64_t& at, int64_t& kind, int64_t& id) {
  std::vector<std::string> parts = absl::StrSplit(c, ':');
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &at) || !absl::SimpleAtoi(parts[1], &kind) ||
      !absl::SimpleAtoi(parts[2], &id) || kind < 0 || kind > 1)
    return absl::InvalidArgumentError("cursor");
  return absl::OkStatus();
}

// Returns done and published entries as one relation x(kind, id, at, followup_id,
// subject, party_name, uid, uname, branch_id, branch_name, category, contact_type,
// resolution, entry_kind, result); kind 0 is a return, 1 an entry. A return is placed
// at its result time (when the contact happened; the completion time when none was
// given), an entry at its contact time: both are what the user says happened when.
BuiltSql ActionsRelation(const ActionsQuery& q) {
  const bool returns = (!q.kind || *q.kind == ActionKind::kReturn);
  // A filter on a return's own fields leaves entries out.
  const bool entries =
      (!q.kind || *q.kind == ActionKind::kEntry) && !q.contact_type && !q.resolution;
  const int64_t from = absl::ToUnixMicros(q.from);
  const int64_t to = absl::ToUnixMicros(q.to);
  std::vector<std::string> parts;
  std::vector<Arg> args;
  auto common = [&](Filter& f, const char* user_col) {
    if (q.user_id) f.Add(absl::StrCat(user_col, " = ?"), {q.user_id->value});
    if (q.branch_id) f.Add("f.branch_id = ?", {q.branch_id->value});
    if (q.category) f.Add("f.category = ?", {*q.category});
    AddVisibility(q.visibility, "f.owner_id", f);
  };
  if (returns) {
    Filter f;
    f.Add("a.status = 'done'");
    f.Add("coalesce(a.result_at, a.done_at) >= ?", {from});
    f.Add("coalesce(a.result_at, a.done_at) < ?", {to});
    if (q.contact_type) f.Add("a.type = ?", {*q.contact_type});
    if (q.resolution) f.Add("a.resolution = ?", {*q.resolution});
    common(f, "a.done_by");
    parts.push_back(absl::StrCat(
        "SELECT 0 AS kind, a.id AS id, coalesce(a.result_at, a.done_at) AS at, "
        "f.id AS followup_id, f.subject AS subject, p.name AS party_name, a.done_by AS uid, "
        "u.name AS uname, f.branch_id AS branch_id, coalesce(b.name, '') AS branch_name, "
        "f.category AS category, a.type AS contact_type, a.resolution AS resolution, "
        "'' AS entry_kind, a.result AS result "
        "FROM actions a JOIN followups f ON f.id = a.followup_id "
        "JOIN parties p ON p.id = f.party_id JOIN users u ON u.id = a.done_by "
        "LEFT JOIN branches b ON b.id = f.branch_id WHERE ",
        f.Sql()));
    Append(args, f.args);
  }
  if (entries) {
    Filter f;
    f.Add("e.draft = 0");
    f.Add("e.kind IN ('note', 'complaint', 'internal')");
    f.Add("e.contact_at >= ?", {from});
    f.Add("e.contact_at < ?", {to});
    common(f, "e.author_id");
    parts.push_back(absl::StrCat(
        "SELECT 1 AS kind, e.id AS id, e.contact_at AS at, f.id AS followup_id, "
        "f.subject AS subject, p.name AS party_name, e.author_id AS uid, u.name AS uname, "
        "f.branch_id AS branch_id, coalesce(b.name, '') AS branch_name, "
        "f.category AS category, '' AS contact_type, '' AS resolution, "
        "e.kind AS entry_kind, e.body AS result "
        "FROM entries e JOIN followups f ON f.id = e.followup_id "
        "JOIN parties p ON p.id = f.party_id JOIN users u ON u.id = e.author_id "
        "LEFT JOIN branches b ON b.id = f.branch_id WHERE ",
        f.Sql()));
    Append(args, f.args);
  }
  return {absl::StrJoin(parts, " UNION ALL "), std::move(args)};
}

}  // namespace

absl::StatusOr<UnattendedReport> SqlReportQueries::QueryUnattended(const UnattendedQuery& q) {
  const Filter f = UnattendedFilter(q);
  UnattendedReport out;

  // The rows of one page, oldest first.
  {
    Filter page = f;
    if (!q.cursor.empty()) {
      std::string day;
      int64_t id = 0;
      RETURN_IF_ERROR(ParseUnattendedCursor(q.cursor, day, id));
      page.Add("(f.next_due_date > ? OR (f.next_due_date = ? AND f.id > ?))", {day, day, id});
    }
    std::vector<Arg> args = page.args;
    const int64_t limit = std::max(q.limit, 1);
    args.push_back(limit + 1);
    ASSIGN_OR_RETURN(
        Query s,
        PrepareBuilt(db_, Built(absl::StrCat("SELECT f.id, f.subject, f.party_id, p.name, "
                                             "f.owner_id, u.name, f.branch_id, "
                                             "coalesce(b.name, ''), f.category, f.priority, "
                                             "f.next_due_date",
                                             kUnattendedFrom, page.Sql(),
                                             " ORDER BY f.next_due_date, f.id LIMIT ?"),
                                args)));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      if (static_cast<int64_t>(out.rows.size()) == limit) {
        const UnattendedRow& last = out.rows.back();
        out.next_cursor = absl::StrCat(DayText(last.due_date), ":", last.followup_id.value);
        break;
      }
      UnattendedRow r;
      r.followup_id = s.IdAt<FollowupId>(0);
      r.subject = s.Text(1);
      r.party_id = s.IdAt<PartyId>(2);
      r.party_name = s.Text(3);
      r.owner_id = s.IdAt<UserId>(4);
      r.owner_name = s.Text(5);
      r.branch_id = s.OptId<BranchId>(6);
      r.branch_name = s.Text(7);
      r.category = s.Text(8);
      RETURN_IF_ERROR(ParseEnum(&ParsePriority, s.Text(9), "priority", &r.priority));
      RETURN_IF_ERROR(ParseDay(s.Text(10), &r.due_date));
      out.rows.push_back(std::move(r));
    }
  }

  // The buckets: every row is before today, so "on or after today - 3" is 1–3 days
  // late, and so on; cumulative sums, told apart below.
  {
    std::vector<Arg> args = {DayText(q.today - 3), DayText(q.today - 7), DayText(q.today - 30)};
    Append(args, f.args);
    ASSIGN_OR_RETURN(
        Query s,
        PrepareBuilt(
            db_, Built(absl::StrCat(
                           "SELECT count(*), "
                           "coalesce(sum(CASE WHEN f.next_due_date >= ? THEN 1 ELSE 0 END), 0), "
                           "coalesce(sum(CASE WHEN f.next_due_date >= ? THEN 1 ELSE 0 END), 0), "
                           "coalesce(sum(CASE WHEN f.next_due_date >= ? THEN 1 ELSE 0 END), 0)",
                           kUnattendedFrom, f.Sql()),
                       args)));
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) {
      out.total = s.Int(0);
      const int64_t within3 = s.Int(1), within7 = s.Int(2), within30 = s.Int(3);
      out.per_bucket[0] = within3;
      out.per_bucket[1] = within7 - within3;
      out.per_bucket[2] = within30 - within7;
      out.per_bucket[3] = out.total - within30;
    }
  }

  auto counts = [&](const char* select, const char* group,
                    std::vector<ReportCount>& to) -> absl::Status {
    ASSIGN_OR_RETURN(
        Query s, PrepareBuilt(db_, Built(absl::StrCat("SELECT ", select, ", count(*)",
                                                      kUnattendedFrom, f.Sql(), " GROUP BY ", group,
                                                      " ORDER BY 3 DESC, 2, 1"),
                                         f.args)));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      to.push_back({s.OptInt(0), s.Text(1), s.Int(2)});
    }
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(counts("f.owner_id, u.name", "f.owner_id, u.name", out.per_owner));
  RETURN_IF_ERROR(
      counts("f.branch_id, coalesce(b.name, '')", "f.branch_id, b.name", out.per_branch));
  return out;
}

absl::StatusOr<ActionsReport> SqlReportQueries::QueryActions(const ActionsQuery& q) {
  const BuiltSql rel = ActionsRelation(q);
  ActionsReport out;
  if (rel.sql.empty()) return out;

  {
    std::vector<Arg> args = rel.args;
    std::string where;
    if (!q.cursor.empty()) {
      int64_t at = 0, kind = 0, id = 0;
      RETURN_IF_ERROR(ParseActionsCursor(q.cursor, at, kind, id));
      where = " WHERE (x.at > ? OR (x.at = ? AND (x.kind > ? OR (x.kind = ? AND x.id > ?))))";
      for (int64_t v : {at, at, kind, kind, id}) args.push_back(v);
    }
    const int64_t limit = std::max(q.limit, 1);
    args.push_back(limit + 1);
    ASSIGN_OR_RETURN(
        Query s, PrepareBuilt(db_, Built(absl::StrCat("SELECT x.kind, x.id, x.at, x.followup_id, "
                                                      "x.subject, x.party_name, x.uid, x.uname, "
                                                      "x.branch_id, x.branch_name, x.category, "
                                                      "x.contact_type, x.resolution, "
                                                      "x.entry_kind, x.result FROM (",
                                                      rel.sql, ") x", where,
                                                      " ORDER BY x.at, x.kind, x.id LIMIT ?"),
                                         args)));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      if (static_cast<int64_t>(out.rows.size()) == limit) {
        const ActionRow& last = out.rows.back();
        out.next_cursor = absl::StrCat(absl::ToUnixMicros(last.at), ":",
                                       last.kind == ActionKind::kEntry ? 1 : 0, ":", last.id);
        break;
      }
      ActionRow r;
      r.kind = s.Int(0) == 1 ? ActionKind::kEntry : ActionKind::kReturn;
      r.id = s.Int(1);
      r.at = s.Time(2);
      r.followup_id = s.IdAt<FollowupId>(3);
      r.subject = s.Text(4);
      r.party_name = s.Text(5);
      r.user_id = s.IdAt<UserId>(6);
      r.user_name = s.Text(7);
      r.branch_id = s.OptId<BranchId>(8);
      r.branch_name = s.Text(9);
      r.category = s.Text(10);
      r.contact_type = s.Text(11);
      r.resolution = s.Text(12);
      r.entry_kind = s.Text(13);
      r.result = s.Text(14);
      out.rows.push_back(std::move(r));
    }
  }

  constexpr char kSums[] =
      "coalesce(sum(CASE WHEN x.kind = 0 THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN x.kind = 1 THEN 1 ELSE 0 END), 0)";
  {
    ASSIGN_OR_RETURN(
        Query s,
        PrepareBuilt(db_, Built(absl::StrCat("SELECT x.uid, x.uname, ", kSums, " FROM (", rel.sql,
                                             ") x GROUP BY x.uid, x.uname ORDER BY x.uname, x.uid"),
                                rel.args)));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.per_user.push_back({s.Int(0), s.Text(1), s.Int(2), s.Int(3)});
      out.returns += s.Int(2);
      out.entries += s.Int(3);
    }
  }
  {
    // 900,000,000 microseconds: 15 minutes, the step of every zone's offset.
    ASSIGN_OR_RETURN(
        Query s,
        PrepareBuilt(db_, Built(absl::StrCat("SELECT x.at / 900000000, ", kSums, " FROM (", rel.sql,
                                             ") x GROUP BY x.at / 900000000 ORDER BY 1"),
                                rel.args)));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.per_slot.push_back({s.Int(0), "", s.Int(1), s.Int(2)});
    }
  }
  return out;
}

}  // namespace retorno::sql
