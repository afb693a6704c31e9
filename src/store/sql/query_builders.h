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
absl::StatusOr<BuiltSql> BuildFollowupExportQuery(Dialect d, const FollowupQuery& q);
BuiltSql BuildAgendaQuery(const AgendaQuery& q);
BuiltSql BuildCountDue(UserId assignee, absl::CivilDay today);
// FindFollowup's statement, and its text alone.
BuiltSql BuildFindFollowup(FollowupId id);
const std::string& FindFollowupSql();
// SearchParties' statement.
BuiltSql BuildSearchParties(Dialect d, const std::string& q, std::optional<PartyKind> kind,
                            int limit);

}  // namespace retorno::sql
