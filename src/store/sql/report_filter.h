// The WHERE clause every manager report builds (ADR 0032, 0037): the viewer's reach,
// the owner and branch filters and the period, written once for the four reports so that
// they cannot drift apart, and in the forms the report indexes serve (migration 0020).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "app/ports.h"
#include "store/sql/db.h"

namespace retorno::sql {

// Conditions joined by AND, and their arguments in order.
struct ReportFilter {
  using Arg = std::variant<int64_t, std::string>;
  std::vector<std::string> where;
  std::vector<Arg> args;

  void Add(std::string cond, std::vector<Arg> a = {}) {
    where.push_back(std::move(cond));
    for (Arg& x : a) args.push_back(std::move(x));
  }
  std::string Sql() const { return absl::StrJoin(where, " AND "); }

  // The follow-ups the viewer reaches (the follow-up list's rule), on the follow-up's
  // owner and branch (those of `f`, or a return's copy of them: migration 0026): an
  // agent's own, a supervisor's own or their branch's, an admin's everything.
  void Reach(const ReportVisibility& v, const char* owner = "f.owner_id",
             const char* branch = "f.branch_id") {
    if (v.visible_owner && v.visible_branch) {
      Add(absl::StrCat("(", owner, " = ? OR ", branch, " = ?)"),
          {v.visible_owner->value, v.visible_branch->value});
    } else if (v.visible_owner) {
      Add(absl::StrCat(owner, " = ?"), {v.visible_owner->value});
    } else if (v.visible_branch) {
      Add(absl::StrCat(branch, " = ?"), {v.visible_branch->value});
    }
  }
  // The filters a viewer asks for: a person (the column says whose: the owner, who did
  // the return, its assignee) and the follow-up's branch.
  void Person(const char* col, const std::optional<UserId>& user) {
    if (user) Add(absl::StrCat(col, " = ?"), {user->value});
  }
  void Branch(const std::optional<BranchId>& branch, const char* col = "f.branch_id") {
    if (branch) Add(absl::StrCat(col, " = ?"), {branch->value});
  }
  // A period on `col`: [from, to) for instants, [from, to] for days.
  void Instants(const std::string& col, absl::Time from, absl::Time to) {
    Add(absl::StrCat(col, " >= ?"), {absl::ToUnixMicros(from)});
    Add(absl::StrCat(col, " < ?"), {absl::ToUnixMicros(to)});
  }
  void Days(const std::string& col, std::optional<absl::CivilDay> from,
            std::optional<absl::CivilDay> to) {
    if (from) Add(absl::StrCat(col, " >= ?"), {DayText(*from)});
    if (to) Add(absl::StrCat(col, " <= ?"), {DayText(*to)});
  }
};

}  // namespace retorno::sql
