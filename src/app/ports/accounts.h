// The accounts repository: settings, branches, users, sessions, the code tables
// (contact types, categories) and private calendar feeds. Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/login_throttle.h"
#include "domain/model.h"

namespace retorno {

// An admin's change to one right of a user's role defaults (ADR 0040): `right` is a
// name of domain/permissions.h's list; granted adds it, otherwise it is taken away.
struct UserRightChange {
  std::string right;
  bool granted = false;
  bool operator==(const UserRightChange&) const = default;
};

class AccountsRepository {
 public:
  virtual ~AccountsRepository() = default;

  // Settings (a single row, created by the first migration).
  virtual absl::StatusOr<Settings> GetSettings() = 0;
  virtual absl::Status PutSettings(const Settings& s) = 0;

  // Branches.
  virtual absl::StatusOr<std::vector<Branch>> ListBranches() = 0;
  virtual absl::StatusOr<std::optional<Branch>> FindBranch(BranchId id) = 0;
  virtual absl::StatusOr<BranchId> InsertBranch(const Branch& b) = 0;
  // Writes name, time_zone, position and active. NotFound("branch"); AlreadyExists
  // ("name") when another branch has the name.
  virtual absl::Status UpdateBranch(const Branch& b) = 0;

  // Users. login is unique (AlreadyExists "login").
  virtual absl::StatusOr<std::vector<User>> ListUsers() = 0;
  virtual absl::StatusOr<std::optional<User>> FindUser(UserId id) = 0;
  virtual absl::StatusOr<std::optional<User>> FindUserByLogin(const std::string& login) = 0;
  virtual absl::StatusOr<UserId> InsertUser(const User& u) = 0;
  virtual absl::Status UpdateUser(const User& u) = 0;
  virtual absl::StatusOr<int64_t> CountUsers() = 0;

  // Sessions, looked up by the SHA-256 of the token.
  virtual absl::Status InsertSession(const Session& s) = 0;
  virtual absl::StatusOr<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  virtual absl::Status DeleteSession(const std::string& token_hash) = 0;
  // Ends every session of `user` but the one whose hash is `keep` (empty: none kept).
  virtual absl::Status DeleteUserSessions(UserId user, const std::string& keep) = 0;
  virtual absl::Status DeleteExpiredSessions(absl::Time now) = 0;

  // Contact types and categories. code unique per table (AlreadyExists "code"). Lists
  // hold retired rows too, in the admin's order (configured order for rows never
  // arranged, after the arranged ones).
  virtual absl::StatusOr<std::vector<CodeItem>> ListCodes(CodeTable t) = 0;
  virtual absl::StatusOr<std::optional<CodeItem>> FindCode(CodeTable t,
                                                           const std::string& code) = 0;
  virtual absl::StatusOr<std::optional<CodeItem>> FindCodeById(CodeTable t, int64_t id) = 0;
  // Empty name_es/name_en take the pt-BR name.
  virtual absl::StatusOr<int64_t> InsertCode(CodeTable t, const CodeItem& item) = 0;
  // Writes the names, position and active (never the code: old records keep it).
  // NotFound("code").
  virtual absl::Status UpdateCode(CodeTable t, const CodeItem& item) = 0;

  // Private calendar feeds: one per user, by the SHA-256 of its token.
  virtual absl::Status PutCalendarFeed(UserId user, const std::string& token_hash,
                                       absl::Time now) = 0;  // replaces the user's
  virtual absl::Status DeleteCalendarFeed(UserId user) = 0;
  virtual absl::StatusOr<std::optional<UserId>> FindCalendarFeed(const std::string& token_hash) = 0;
  virtual absl::StatusOr<bool> HasCalendarFeed(UserId user) = 0;

  // The login throttle's counts (ADR 0019, 0030) under a key (a login and address pair,
  // or an address), shared by every process on the database. nullopt: none kept.
  virtual absl::StatusOr<std::optional<ThrottleState>> FindThrottle(const std::string& key) = 0;
  // Inserts or replaces the counts under `key`.
  virtual absl::Status PutThrottle(const std::string& key, const ThrottleState& state) = 0;
  virtual absl::Status DeleteThrottle(const std::string& key) = 0;
  // Deletes the counts that no longer count: no failure since `before` and nothing in
  // flight (or only tries whose reservation ended before it).
  virtual absl::Status DeleteStaleThrottles(absl::Time before) = 0;

  // Rights per user (ADR 0040): the user's changes to the role's defaults, by right
  // name, in name order; Replace writes the whole set (an empty one: the defaults).
  virtual absl::StatusOr<std::vector<UserRightChange>> ListUserRights(UserId user) = 0;
  virtual absl::Status ReplaceUserRights(UserId user,
                                         const std::vector<UserRightChange>& changes) = 0;
};

}  // namespace retorno
