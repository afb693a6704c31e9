// The statements built from the filters that are set: the follow-up list and its count,
// the agenda, the login alert counts, a follow-up by id and the party search. Exposed so
// that a store's query-plan tests can check them (sqlite_store_test.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "app/ports.h"
#include "store/sql/db.h"

namespace retorno::sql {

// A statement with its arguments in order.
struct BuiltSql {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> args;
};

// Prepares `b` on `db` and binds its arguments.
absl::StatusOr<Query> PrepareBuilt(Db& db, const BuiltSql& b);

// QueryFollowups' statement (InvalidArgument("cursor") for a cursor this store did not
// produce for the same ordering); with `count`, CountFollowups' (the number of rows of
// every page together: the cursor, order and limit are left out).
absl::StatusOr<BuiltSql> BuildFollowupQuery(Dialect d, const FollowupQuery& q, bool count = false);
// The columns of the follow-up list's export, then f.due_key (the cursor's key), over the
// same filters, order and cursor as QueryFollowups' statement.
inline constexpr int kExportColumns = 11;
// Which rows after a cursor of the due-date order a statement reads. The list reads them
// as one row-value range, (due_key, id) > (?, ?); SQLite seeks that range on due_key
// alone and steps over every row of the cursor's day (a third of a million follow-ups
// have no date at all), so the export reads the rest of the cursor's day (due_key = ?
// AND id > ?) and then the days after it (due_key > ?), each a seek on followups_due.
enum class CursorPart { kWhole, kSameKey, kAfterKey };
absl::StatusOr<BuiltSql> BuildFollowupExportQuery(Dialect d, const FollowupQuery& q,
                                                  CursorPart part = CursorPart::kWhole);
BuiltSql BuildAgendaQuery(const AgendaQuery& q);
BuiltSql BuildCountDue(UserId assignee, absl::CivilDay today);
// FindFollowup's statement, and its text alone.
BuiltSql BuildFindFollowup(FollowupId id);
const std::string& FindFollowupSql();
// SearchParties' statement.
BuiltSql BuildSearchParties(Dialect d, const std::string& q, std::optional<PartyKind> kind,
                            int limit);

}  // namespace retorno::sql
