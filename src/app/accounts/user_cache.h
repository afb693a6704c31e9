// Users and branches read at most once within one transaction: a request that names the
// same people many times (an appointment's attendees, a bulk change's owners) or a job's
// batch (a mailing's 500 recipients sharing a few owners and branches) asks the store
// once per user or branch. What it hands out is as of the transaction it reads in, so a
// cache lives no longer than that transaction.
#pragma once

#include <optional>
#include <string>

#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/ports.h"

namespace retorno {

class UserCache {
 public:
  explicit UserCache(Tx& tx) : tx_(tx) {}
  UserCache(const UserCache&) = delete;
  UserCache& operator=(const UserCache&) = delete;

  // The user, or nullptr when there is none with that id. The pointer stays valid as
  // long as the cache, whatever is looked up after it.
  absl::StatusOr<const User*> Find(UserId id);
  // The user's zone by the time-zone policy (theirs, their branch's, the
  // organisation's), worked out once per user.
  absl::StatusOr<absl::TimeZone> ZoneOf(const User& user);
  // The user's name for display; "" for an unknown user (or one that could not be read).
  std::string NameOf(UserId id);
  // The branch, or nullptr when there is none with that id; stable as Find's.
  absl::StatusOr<const Branch*> FindBranch(BranchId id);

 private:
  Tx& tx_;
  // Node-based: the pointers handed out stay valid as more rows are loaded.
  absl::node_hash_map<int64_t, std::optional<User>> users_;
  absl::node_hash_map<int64_t, absl::TimeZone> zones_;
  absl::node_hash_map<int64_t, std::optional<Branch>> branches_;
};

}  // namespace retorno
