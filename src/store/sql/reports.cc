// The manager reports in SQL (ADR 0032): one statement for a page of rows and one per
// kind of count, all over the same filters, so that the counts cover every page.
#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
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

BuiltSql Built(std::string sql, const std::vector<Arg>& args) { return {std::move(sql), args}; }

void Append(std::vector<Arg>& to, const std::vector<Arg>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

constexpr char kUnattendedFrom[] =
    " FROM followups f JOIN parties p ON p.id = f.party_id JOIN users u ON u.id = f.owner_id"
    " LEFT JOIN branches b ON b.id = f.branch_id WHERE ";

// Late follow-ups: open, and their next due date before today. `due` names that date:
// next_due_date for the counts (a range on the covering followups_late), due_key for the
// page (followups_status_due, already in page order); due_key is next_due_date wherever
// there is one, so both select the same rows (migration 0020).
ReportFilter UnattendedFilter(const UnattendedQuery& q, const char* due) {
  ReportFilter f;
  f.Add("f.status = 'open'");
  f.Add(absl::StrCat(due, " < ?"), {DayText(q.today)});
  f.Days(due, q.from, q.to);
  f.Person("f.owner_id", q.owner_id);
  f.Branch(q.branch_id);
  if (q.party_id) f.Add("f.party_id = ?", {q.party_id->value});
  if (q.category) f.Add("f.category = ?", {*q.category});
  if (q.priority) f.Add("f.priority = ?", {std::string(ToString(*q.priority))});
  f.Reach(q.visibility);
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

struct ActionsPage {
  std::optional<std::array<int64_t, 3>> after;
  int64_t limit = 0;
};

// The rows after the cursor (at, kind, id) within one part of the actions, whose kind
// is `kind`: later, or at the same instant of a later kind, or of the same kind and
// instant with a greater id.
void AddPageCursor(const std::optional<ActionsPage>& page, const char* at, int64_t kind,
                   const char* id, ReportFilter& f) {
  if (!page || !page->after) return;
  const auto& [a, k, i] = *page->after;
  if (kind < k) {
    f.Add(absl::StrCat(at, " > ?"), {a});
  } else if (kind > k) {
    f.Add(absl::StrCat(at, " >= ?"), {a});
  } else {
    f.Add(absl::StrCat("(", at, " > ? OR (", at, " = ? AND ", id, " > ?))"), {a, a, i});
  }
}

// Returns done and published entries as one relation x(kind, id, at, followup_id,
// subject, party_name, uid, uname, branch_id, branch_name, category, contact_type,
// resolution, entry_kind, result); kind 0 is a return, 1 an entry. A return is placed
// at its result time (when the contact happened; the completion time when none was
// given), an entry at its contact time: both are what the user says happened when.
// `counts` gives x(kind, at, uid) alone, for the counts: the same rows (a done return
// always names who did it), without the party and branch names, and without the
// follow-up at all when no filter is on it, so that a count reads one index range.
// `page` (rows alone) makes each part a page of its own: the rows after `after` (at,
// kind, id; none for the first page) in page order, at most `limit`; each part then
// reads its index in time order and stops, and the caller merges the parts' pages.
BuiltSql ActionsRelation(const ActionsQuery& q, bool counts = false,
                         const std::optional<ActionsPage>& page = std::nullopt) {
  const bool returns = (!q.kind || *q.kind == ActionKind::kReturn);
  // A filter on a return's own fields leaves entries out.
  const bool entries =
      (!q.kind || *q.kind == ActionKind::kEntry) && !q.contact_type && !q.resolution;
  std::vector<std::string> parts;
  std::vector<Arg> args;
  // A return's branch and reach read its copy of the follow-up's owner and branch
  // (migration 0026, inside actions_done_at); an entry's, the follow-up's.
  auto common = [&](ReportFilter& f, const char* user_col, const char* owner, const char* branch) {
    f.Person(user_col, q.user_id);
    f.Branch(q.branch_id, branch);
    if (q.category) f.Add("f.category = ?", {*q.category});
    f.Reach(q.visibility, owner, branch);
  };
  // The follow-up joined for the filters on it (and for the rows of a page).
  const bool on_followup =
      q.branch_id || q.category || q.visibility.visible_owner || q.visibility.visible_branch;
  auto from_of = [&](const char* table, const char* alias, bool join) {
    std::string s = absl::StrCat(" FROM ", table, " ", alias,
                                 join ? " JOIN followups f ON f.id = x_.followup_id" : "");
    absl::StrReplaceAll({{"x_.", absl::StrCat(alias, ".")}}, &s);
    return s;
  };
  if (returns) {
    ReportFilter f;
    f.Add("a.status = 'done'");
    f.Instants("coalesce(a.result_at, a.done_at)", q.from, q.to);
    if (q.contact_type) f.Add("a.type = ?", {*q.contact_type});
    if (q.resolution) f.Add("a.resolution = ?", {*q.resolution});
    common(f, "a.done_by", "a.followup_owner_id", "a.followup_branch_id");
    AddPageCursor(page, "coalesce(a.result_at, a.done_at)", 0, "a.id", f);
    if (counts) {
      f.Add("a.done_by IS NOT NULL");
      parts.push_back(
          absl::StrCat("SELECT 0 AS kind, coalesce(a.result_at, a.done_at) AS at, a.done_by AS uid",
                       from_of("actions", "a", q.category.has_value()), " WHERE ", f.Sql()));
    } else {
      parts.push_back(absl::StrCat(
          "SELECT 0 AS kind, a.id AS id, coalesce(a.result_at, a.done_at) AS at, "
          "f.id AS followup_id, f.subject AS subject, p.name AS party_name, a.done_by AS uid, "
          "u.name AS uname, f.branch_id AS branch_id, coalesce(b.name, '') AS branch_name, "
          "f.category AS category, a.type AS contact_type, a.resolution AS resolution, "
          "'' AS entry_kind, a.result AS result",
          from_of("actions", "a", true),
          " JOIN parties p ON p.id = f.party_id JOIN users u ON u.id = a.done_by "
          "LEFT JOIN branches b ON b.id = f.branch_id WHERE ",
          f.Sql()));
    }
    Append(args, f.args);
  }
  if (entries) {
    ReportFilter f;
    f.Instants("e.contact_at", q.from, q.to);
    f.Add("e.draft = 0");
    f.Add("e.kind IN ('note', 'complaint', 'internal')");
    common(f, "e.author_id", "f.owner_id", "f.branch_id");
    AddPageCursor(page, "e.contact_at", 1, "e.id", f);
    if (counts) {
      parts.push_back(absl::StrCat("SELECT 1 AS kind, e.contact_at AS at, e.author_id AS uid",
                                   from_of("entries", "e", on_followup), " WHERE ", f.Sql()));
    } else {
      parts.push_back(absl::StrCat(
          "SELECT 1 AS kind, e.id AS id, e.contact_at AS at, f.id AS followup_id, "
          "f.subject AS subject, p.name AS party_name, e.author_id AS uid, u.name AS uname, "
          "f.branch_id AS branch_id, coalesce(b.name, '') AS branch_name, "
          "f.category AS category, '' AS contact_type, '' AS resolution, "
          "e.kind AS entry_kind, e.body AS result",
          from_of("entries", "e", true),
          " JOIN parties p ON p.id = f.party_id JOIN users u ON u.id = e.author_id "
          "LEFT JOIN branches b ON b.id = f.branch_id WHERE ",
          f.Sql()));
    }
    Append(args, f.args);
  }
  if (page) {
    // Each part's page in page order (columns 3 and 2: at, id; its kind is fixed),
    // then the merge of the parts' pages.
    for (size_t i = 0; i < parts.size(); ++i)
      parts[i] =
          absl::StrCat("SELECT * FROM (", parts[i], " ORDER BY 3, 2 LIMIT ", page->limit, ") p", i);
    return {
        absl::StrCat(absl::StrJoin(parts, " UNION ALL "), " ORDER BY 3, 1, 2 LIMIT ", page->limit),
        std::move(args)};
  }
  return {absl::StrJoin(parts, " UNION ALL "), std::move(args)};
}

}  // namespace

absl::StatusOr<UnattendedReport> SqlReportQueries::QueryUnattended(const UnattendedQuery& q) {
  UnattendedReport out;

  // The rows of one page, oldest first.
  {
    ReportFilter page = UnattendedFilter(q, "f.due_key");
    if (!q.cursor.empty()) {
      std::string day;
      int64_t id = 0;
      RETURN_IF_ERROR(ParseUnattendedCursor(q.cursor, day, id));
      page.Add("(f.due_key > ? OR (f.due_key = ? AND f.id > ?))", {day, day, id});
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
                                             " ORDER BY f.due_key, f.id LIMIT ?"),
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

  // The counts in one pass over the late rows: grouped by due day, owner and branch, the
  // order followups_late walks them in, so that the database counts each group as it
  // passes rather than sorting every late follow-up (a third of a million at a million
  // follow-ups); the age is the due day's, so a group has one. Then added up three ways
  // beside the names (a few thousand groups). Every row is before today, so "on or
  // after today - 3" is 1–3 days late, and so on.
  {
    const ReportFilter f = UnattendedFilter(q, "f.next_due_date");
    std::vector<Arg> args = {DayText(q.today - 3), DayText(q.today - 7), DayText(q.today - 30)};
    Append(args, f.args);
    ASSIGN_OR_RETURN(
        Query s,
        PrepareBuilt(
            db_,
            Built(absl::StrCat(
                      "WITH g AS (SELECT f.owner_id AS owner_id, f.branch_id AS branch_id, "
                      "CASE WHEN f.next_due_date >= ? THEN 0 WHEN f.next_due_date >= ? THEN 1 "
                      "WHEN f.next_due_date >= ? THEN 2 ELSE 3 END AS bucket, count(*) AS n "
                      "FROM followups f WHERE ",
                      f.Sql(),
                      " GROUP BY f.next_due_date, f.owner_id, f.branch_id) "
                      "SELECT 0 AS part, g.owner_id AS id, u.name AS name, "
                      "CAST(sum(g.n) AS BIGINT) AS n FROM g JOIN users u ON u.id = g.owner_id "
                      "GROUP BY g.owner_id, u.name "
                      "UNION ALL SELECT 1, g.branch_id, coalesce(b.name, ''), "
                      "CAST(sum(g.n) AS BIGINT) FROM g LEFT JOIN branches b ON b.id = g.branch_id "
                      "GROUP BY g.branch_id, b.name "
                      "UNION ALL SELECT 2, g.bucket, '', CAST(sum(g.n) AS BIGINT) FROM g "
                      "GROUP BY g.bucket "
                      "ORDER BY 1, 4 DESC, 3, 2"),
                  args)));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      switch (s.Int(0)) {
        case 0:
          out.per_owner.push_back({s.OptInt(1), s.Text(2), s.Int(3)});
          break;
        case 1:
          out.per_branch.push_back({s.OptInt(1), s.Text(2), s.Int(3)});
          break;
        default:
          out.per_bucket[std::clamp<int64_t>(s.Int(1), 0, kLateBuckets - 1)] += s.Int(3);
          out.total += s.Int(3);
      }
    }
  }
  return out;
}

absl::StatusOr<ActionsReport> SqlReportQueries::QueryActions(const ActionsQuery& q) {
  ActionsReport out;
  if (ActionsRelation(q, /*counts=*/true).sql.empty()) return out;

  {
    ActionsPage page;
    if (!q.cursor.empty()) {
      int64_t at = 0, kind = 0, id = 0;
      RETURN_IF_ERROR(ParseActionsCursor(q.cursor, at, kind, id));
      page.after = std::array<int64_t, 3>{at, kind, id};
    }
    const int64_t limit = std::max(q.limit, 1);
    page.limit = limit + 1;
    ASSIGN_OR_RETURN(Query s, PrepareBuilt(db_, ActionsRelation(q, /*counts=*/false, page)));
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

  // The counts over the slim relation, grouped before the names are joined.
  const BuiltSql slim = ActionsRelation(q, /*counts=*/true);
  constexpr char kSums[] =
      "coalesce(sum(CASE WHEN x.kind = 0 THEN 1 ELSE 0 END), 0) AS r, "
      "coalesce(sum(CASE WHEN x.kind = 1 THEN 1 ELSE 0 END), 0) AS e";
  {
    ASSIGN_OR_RETURN(
        Query s,
        PrepareBuilt(db_, Built(absl::StrCat("SELECT g.uid, u.name, g.r, g.e FROM (SELECT x.uid "
                                             "AS uid, ",
                                             kSums, " FROM (", slim.sql,
                                             ") x GROUP BY x.uid) g JOIN users u ON u.id = g.uid "
                                             "ORDER BY u.name, g.uid"),
                                slim.args)));
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
        PrepareBuilt(db_, Built(absl::StrCat("SELECT x.at / 900000000, ", kSums, " FROM (",
                                             slim.sql, ") x GROUP BY x.at / 900000000 ORDER BY 1"),
                                slim.args)));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.per_slot.push_back({s.Int(0), "", s.Int(1), s.Int(2)});
    }
  }
  return out;
}

}  // namespace retorno::sql
