#include "app/accounts/user_cache.h"

#include <utility>

#include "app/time_zone.h"
#include "base/status_macros.h"

namespace retorno {

namespace {

// The row of `id` in `rows`, read with `load` the first time; nullptr for none.
template <typename Row, typename Load>
absl::StatusOr<const Row*> Cached(absl::node_hash_map<int64_t, std::optional<Row>>& rows,
                                  int64_t id, Load load) {
  auto it = rows.find(id);
  if (it == rows.end()) {
    ASSIGN_OR_RETURN(std::optional<Row> row, load());
    it = rows.emplace(id, std::move(row)).first;
  }
  return it->second ? &*it->second : nullptr;
}

}  // namespace

absl::StatusOr<const User*> UserCache::Find(UserId id) {
  return Cached(users_, id.value, [&] { return tx_.accounts().FindUser(id); });
}

absl::StatusOr<absl::TimeZone> UserCache::ZoneOf(const User& user) {
  if (auto it = zones_.find(user.id.value); it != zones_.end()) return it->second;
  ASSIGN_OR_RETURN(absl::TimeZone zone, ZoneOfUser(tx_, user));
  zones_.emplace(user.id.value, zone);
  return zone;
}

std::string UserCache::NameOf(UserId id) {
  absl::StatusOr<const User*> u = Find(id);
  return u.ok() && *u ? (*u)->name : std::string();
}

absl::StatusOr<const Branch*> UserCache::FindBranch(BranchId id) {
  return Cached(branches_, id.value, [&] { return tx_.accounts().FindBranch(id); });
}

}  // namespace retorno
