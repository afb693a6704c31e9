#include "store/sql/query_builders.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "domain/search.h"
#include "store/sql/cursor.h"
#include "store/sql/rows.h"

// GCC 12 warns that a std::string inside the std::variant arguments "may be used
// uninitialized" when their vectors grow here: a false positive of its inlining (the
// same code raised nothing while it sat in a larger file), and the build treats
// warnings as errors.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace retorno::sql {

namespace {

RETORNO_SQL(kFindFollowup, "SELECT ", kFollowupCols, " FROM followups f WHERE f.id = ?");

// On folded keys (domain/search.h), compared byte for byte (keys and query are folded
// alike, so no case folding nor escaping is needed): code prefix as a range [?1, ?2),
// or a substring of the search key (name, e-mail, contacts, phone digits, tax id), or of
// it the query's letters and digits alone (?4, '' when the query has no number in it).
// Walks the name index.
const DialectSql kSearchParties([](Dialect d) {
  return absl::StrCat("SELECT ", kPartyCols, " FROM parties p WHERE ((",
                      PrefixRangeSql(d, "p.code_key", "?1", "?2"), ") OR ",
                      ContainsSql(d, "p.search_key", "?3"), " OR (CAST(?4 AS text) <> '' AND ",
                      ContainsSql(d, "p.search_key", "?4"),
                      ")) AND (CAST(?5 AS text) = '' OR p.kind = ?5) ORDER BY ",
                      CaselessOrderSql(d, "p.name"), ", p.id LIMIT ?6");
});

RETORNO_SQL(kCountDue,
            "SELECT coalesce(sum(CASE WHEN a.due_date = ?1 THEN 1 ELSE 0 END), 0), "
            "coalesce(sum(CASE WHEN a.due_date < ?1 THEN 1 ELSE 0 END), 0) "
            "FROM actions a WHERE a.assignee_id = ?2 AND a.status = 'planned' "
            "AND a.followup_open = 1 AND a.due_date <= ?1");

// The due_key value of a day (see the followups table): its 'YYYY-MM-DD' text.
std::string Key(absl::CivilDay d) { return DayText(d); }

}  // namespace

absl::StatusOr<Query> PrepareBuilt(Db& db, const BuiltSql& b) {
  ASSIGN_OR_RETURN(Query q, db.Prepare(b.sql));
  for (const auto& arg : b.args) std::visit([&q](const auto& v) { q.Bind(v); }, arg);
  return q;
}

const std::string& FindFollowupSql() { return kFindFollowup; }

BuiltSql BuildFindFollowup(FollowupId id) { return {kFindFollowup, {id.value}}; }

BuiltSql BuildSearchParties(Dialect d, const std::string& q, std::optional<PartyKind> kind,
                            int limit) {
  SearchTerms terms = SearchTermsOf(q);
  std::string end = PrefixEnd(terms.folded);
  std::string folded = terms.folded;
  return {kSearchParties(d),
          {std::move(terms.folded), std::move(end), std::move(folded), std::move(terms.compact),
           kind ? std::string(ToString(*kind)) : std::string(), int64_t{limit}}};
}

BuiltSql BuildCountDue(UserId assignee, absl::CivilDay today) {
  return {kCountDue, {DayText(today), assignee.value}};
}

namespace {

RETORNO_SQL(kListCols, kFollowupCols, ", ", kPartyCols);
// Only what the export writes: no contacts, cc or audit columns, the party's code and name.
constexpr char kExportCols[] =
    "f.id, p.code, p.name, f.subject, f.category, f.owner_id, f.priority, f.status, "
    "f.next_due_date, f.contact_at, f.internal_date";

absl::StatusOr<BuiltSql> BuildFollowupSelect(Dialect d, const FollowupQuery& q, bool count,
                                             const std::string& columns,
                                             CursorPart part = CursorPart::kWhole);

}  // namespace

absl::StatusOr<BuiltSql> BuildFollowupQuery(Dialect d, const FollowupQuery& q, bool count) {
  return BuildFollowupSelect(d, q, count, kListCols);
}

absl::StatusOr<BuiltSql> BuildFollowupExportQuery(Dialect d, const FollowupQuery& q,
                                                  CursorPart part) {
  return BuildFollowupSelect(d, q, /*count=*/false, kExportCols, part);
}

namespace {

// The list's statement with `columns` (then f.due_key) as its select list.
absl::StatusOr<BuiltSql> BuildFollowupSelect(Dialect d, const FollowupQuery& q, bool count,
                                             const std::string& columns, CursorPart part) {
  using Arg = std::variant<int64_t, std::string>;
  // Every filter but the supervisor's visibility, with its arguments in text order.
  std::vector<std::string> where;
  std::vector<Arg> args;
  auto add = [&](std::string cond, auto... values) {
    where.push_back(std::move(cond));
    (args.push_back(values), ...);
  };
  // The status the filters imply; set twice to different values means no rows.
  std::optional<std::string> status;
  bool contradiction = false;
  auto need_status = [&](FollowupStatus s) {
    std::string name(ToString(s));
    if (status && *status != name) contradiction = true;
    status = name;
  };
  if (q.status) need_status(*q.status);
  if (q.state) {
    const std::string today = Key(q.today);
    switch (*q.state) {
      case FollowupState::kOverdue:
        need_status(FollowupStatus::kOpen);
        add("f.due_key < ?", today);
        break;
      case FollowupState::kToday:
        need_status(FollowupStatus::kOpen);
        add("f.due_key = ?", today);
        break;
      case FollowupState::kOpen:
        // No planned action ('~') or a due date after today.
        need_status(FollowupStatus::kOpen);
        add("f.due_key > ?", today);
        break;
      case FollowupState::kClosed:
        need_status(FollowupStatus::kClosed);
        break;
    }
  }
  if (q.internal) {
    switch (*q.internal) {
      case FollowupQuery::Internal::kAny:
        add("f.internal_date IS NOT NULL");
        break;
      case FollowupQuery::Internal::kDue:
        add("f.internal_date = ?", Key(q.today));
        break;
      case FollowupQuery::Internal::kOverdue:
        need_status(FollowupStatus::kOpen);
        add("f.internal_date < ?", Key(q.today));
        break;
    }
  }
  if (contradiction) where.push_back("1 = 0");
  if (status) where.insert(where.begin(), absl::StrCat("f.status = '", *status, "'"));
  if (q.owner_id) add("f.owner_id = ?", q.owner_id->value);
  if (q.branch_id) add("f.branch_id = ?", q.branch_id->value);
  const bool visible_both = q.visible_owner && q.visible_branch;
  if (q.visible_owner && !visible_both) add("f.owner_id = ?", q.visible_owner->value);
  if (q.visible_branch && !visible_both) add("f.branch_id = ?", q.visible_branch->value);
  if (q.party_id) add("f.party_id = ?", q.party_id->value);
  if (q.category) add("f.category = ?", *q.category);
  if (q.priority) add("f.priority = ?", std::string(ToString(*q.priority)));
  if (q.due_from) add("f.due_key >= ?", Key(*q.due_from));
  if (q.due_to) add("f.due_key <= ?", Key(*q.due_to));
  // A date range never matches "no date" ('~' is above every date).
  if (q.due_from && !q.due_to) where.push_back("f.due_key < '~'");
  if (q.contact_from) add("f.contact_at >= ?", int64_t{absl::ToUnixMicros(*q.contact_from)});
  if (q.contact_to) add("f.contact_at < ?", int64_t{absl::ToUnixMicros(*q.contact_to)});
  // Folded keys compared byte for byte (see kSearchParties).
  const std::string folded_text = FoldForSearch(q.text);
  if (!folded_text.empty()) {
    add(absl::StrCat("(", ContainsSql(d, "f.subject_key", "?"),
                     " OR EXISTS (SELECT 1 FROM entries e WHERE e.followup_id = f.id AND "
                     "e.draft = 0 AND ",
                     ContainsSql(d, "e.body_key", "?"), "))"),
        folded_text, folded_text);
  }
  auto where_sql = [](std::vector<std::string> conds) {
    return conds.empty() ? std::string() : absl::StrCat(" WHERE ", absl::StrJoin(conds, " AND "));
  };
  const bool both_visible = q.visible_owner && q.visible_branch;
  if (count) {
    // Every page's rows together: no cursor, order or limit.
    BuiltSql b;
    if (both_visible) {
      where.push_back("(f.owner_id = ? OR f.branch_id = ?)");
      args.push_back(q.visible_owner->value);
      args.push_back(q.visible_branch->value);
    }
    b.sql = absl::StrCat("SELECT count(*) FROM followups f", where_sql(where));
    b.args = std::move(args);
    return b;
  }
  const bool by_due = q.order == FollowupQuery::Order::kDue;
  if (!q.cursor.empty()) {
    ASSIGN_OR_RETURN(KeysetCursor c, DecodeCursor(q.order, q.cursor));
    if (by_due && part == CursorPart::kSameKey) {
      add("f.due_key = ?", c.due_key);
      add("f.id > ?", c.id);
    } else if (by_due && part == CursorPart::kAfterKey) {
      add("f.due_key > ?", c.due_key);
    } else if (by_due) {
      add("(f.due_key, f.id) > (?, ?)", c.due_key, c.id);
    } else
      add("f.id < ?", c.id);
  }
  const char* order = by_due ? " ORDER BY f.due_key, f.id" : " ORDER BY f.id DESC";
  // One row more than asked tells whether there is a next page.
  const int64_t limit = static_cast<int64_t>(std::max(q.limit, 1)) + 1;

  BuiltSql b;
  const std::string select = absl::StrCat("SELECT ", columns, ", f.due_key");
  if (!both_visible) {
    b.sql = absl::StrCat(select, " FROM followups f JOIN parties p ON p.id = f.party_id",
                         where_sql(where), order, " LIMIT ?");
    b.args = std::move(args);
    b.args.push_back(limit);
    return b;
  }
  // owner OR branch: one page from each index range, in order, merged. A single scan
  // would have to sort every follow-up of the branch (OR of two indexes), or walk the
  // whole list for a small branch (one index in order). PostgreSQL wants every
  // sub-select of FROM named.
  auto arm = [&](const char* visible, int64_t id, const char* name) {
    std::vector<std::string> conds = where;
    conds.push_back(visible);
    for (const Arg& a : args) b.args.push_back(a);
    b.args.push_back(id);
    b.args.push_back(limit);
    return absl::StrCat("SELECT * FROM (SELECT f.id AS id FROM followups f", where_sql(conds),
                        order, " LIMIT ?) ", name);
  };
  const std::string own = arm("f.owner_id = ?", q.visible_owner->value, "own");
  const std::string branch = arm("f.branch_id = ?", q.visible_branch->value, "branch");
  b.sql = absl::StrCat(select, " FROM (", own, " UNION ", branch,
                       ") v JOIN followups f ON f.id = v.id JOIN parties p ON p.id = f.party_id",
                       order, " LIMIT ?");
  b.args.push_back(limit);
  return b;
}

}  // namespace

BuiltSql BuildAgendaQuery(const AgendaQuery& q) {
  BuiltSql b;
  std::vector<std::string> where;
  if (q.only_planned) where.push_back("a.status = 'planned'");
  if (q.only_open_followups) where.push_back("a.followup_open = 1");
  if (q.assignee_id && q.branch_id) {
    where.push_back("(a.assignee_id = ? OR f.branch_id = ?)");
    b.args.push_back(q.assignee_id->value);
    b.args.push_back(q.branch_id->value);
  } else if (q.assignee_id) {
    where.push_back("a.assignee_id = ?");
    b.args.push_back(q.assignee_id->value);
  } else if (q.branch_id) {
    where.push_back("f.branch_id = ?");
    b.args.push_back(q.branch_id->value);
  }
  if (q.from) {
    where.push_back("a.due_date >= ?");
    b.args.push_back(DayText(*q.from));
  }
  if (q.to) {
    where.push_back("a.due_date <= ?");
    b.args.push_back(DayText(*q.to));
  }
  b.sql = absl::StrCat("SELECT ", kActionCols, ", ", kFollowupCols, ", ", kPartyCols,
                       " FROM actions a JOIN followups f ON f.id = a.followup_id "
                       "JOIN parties p ON p.id = f.party_id");
  if (!where.empty()) absl::StrAppend(&b.sql, " WHERE ", absl::StrJoin(where, " AND "));
  absl::StrAppend(&b.sql, " ORDER BY a.due_date, a.due_minutes_key, a.id LIMIT ?");
  b.args.push_back(static_cast<int64_t>(std::max(q.limit, 1)));
  return b;
}

}  // namespace retorno::sql
