// Use cases of accounts and settings: login and sessions, users, branches, the
// organization settings and the configurable tables (manual 001). Each public method
// runs in one transaction. `now` is read once per request by the caller.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/login_throttle.h"
#include "app/errors.h"
#include "app/ports.h"
#include "app/services.h"
#include "domain/login_throttle.h"
#include "domain/permissions.h"

namespace retorno {

struct Alerts {
  int64_t due_today = 0;
  int64_t overdue = 0;
  // The login alert of manual 001: organization switch and user switch on, and
  // something due.
  bool show_alert = false;
};

struct LoginResult {
  std::string token;  // the bearer token; also the session cookie value
  std::string csrf_token;
  User user;
  Alerts alerts;
};

struct AuthContext {
  User user;
  Session session;
  // Where and when the request came from, for the audit trail (app/audit/audit.h): set
  // by the API for each request, never cached with the session.
  std::string client_ip;
  std::string user_agent;
  absl::Time request_at = absl::UnixEpoch();
  // The user's changes to the role's rights (ADR 0040), read with the session.
  RightSet rights_granted = 0;
  RightSet rights_revoked = 0;
  Viewer viewer() const {
    return Viewer{user.id, user.role, user.branch_id, rights_granted, rights_revoked};
  }
};

// A user's rights as the admin's screen shows them: the role's defaults and the
// changes made to them.
struct UserRights {
  User user;
  RightSet granted = 0;
  RightSet revoked = 0;
  Viewer viewer() const { return Viewer{user.id, user.role, user.branch_id, granted, revoked}; }
};

struct UserInput {
  std::optional<std::string> login;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> password;
  std::optional<Role> role;
  std::optional<std::optional<BranchId>> branch_id;
  std::optional<std::string> time_zone;
  std::optional<std::string> locale;
  std::optional<bool> alert_on_login;
  std::optional<std::optional<int>> alert_every_minutes;
  std::optional<EmailReminders> email_reminders;
  // Admins only: false takes access away at once (every session ends, login is refused);
  // true gives it back.
  std::optional<bool> active;
  // Required when users change their own password.
  std::optional<std::string> current_password;
};

struct AccountOptions {
  // Session lifetime after login (default 12 h: a working day and then some).
  absl::Duration session_ttl = absl::Hours(12);
  // Login throttling per (login, client address) pair and per address; defaults in
  // domain/login_throttle.h (5 free tries, then 1 s, 2 s, 4 s... up to 15 min).
  ThrottlePolicy login_throttle;
  AddressPolicy address_throttle;
  // Authenticated sessions are remembered in memory this long (default 5 s), sparing a
  // database read per request. Logout and user changes made through this process take
  // effect at once; made through another process sharing the database, within this
  // time. Zero disables the cache.
  absl::Duration session_cache_ttl = absl::Seconds(5);
};

// Changes to a contact type or category; nullopt: unchanged.
struct CodePatch {
  std::optional<std::string> name;  // pt-BR
  std::optional<std::string> name_es;
  std::optional<std::string> name_en;
  std::optional<int> position;  // 1..n in the list of every row, retired included
  std::optional<bool> active;
};

// Changes to a branch; nullopt: unchanged.
struct BranchPatch {
  std::optional<std::string> name;
  std::optional<std::string> time_zone;
  std::optional<int> position;  // 1..n
  std::optional<bool> active;
};

class AccountService {
 public:
  // `passwords` judges every new password (creation, change, reset) after the length.
  AccountService(Store& store, Crypto& crypto, PasswordPolicy& passwords,
                 AccountOptions options = {});

  // `login` is trimmed; case does not matter. RateLimited (429 with Retry-After) when
  // the (login, remote_ip) pair must wait: then no password is checked.
  absl::StatusOr<LoginResult> Login(const std::string& login, const std::string& password,
                                    const std::string& remote_ip, absl::Time now);
  // Password hashes checked by Login so far (a refused try checks none).
  uint64_t password_checks() const { return password_checks_.load(std::memory_order_relaxed); }
  // Login tries refused by the throttle so far.
  uint64_t throttled_logins() const { return throttled_logins_.load(std::memory_order_relaxed); }
  // Unauthenticated("session") for a missing, unknown or expired token.
  absl::StatusOr<AuthContext> Authenticate(const std::string& token, absl::Time now);
  absl::Status Logout(const std::string& token);
  absl::StatusOr<Alerts> AlertsFor(const User& user, absl::Time now);

  absl::StatusOr<std::vector<User>> ListUsers(const AuthContext& ctx);
  // Takes access away from the user with `login` (the `retorno user deactivate` command,
  // for an admin locked out of the web app): every session ends and login is refused.
  absl::StatusOr<User> DeactivateByLogin(const std::string& login, absl::Time now);
  absl::StatusOr<User> CreateUser(const AuthContext* ctx, const UserInput& in, absl::Time now);
  absl::StatusOr<User> UpdateUser(const AuthContext& ctx, UserId id, const UserInput& in);

  // Rights per user (ADR 0040), admins only (403 `admin_only`); 404 `user` for an
  // unknown user. Put replaces the user's changes (a right both granted and revoked is
  // refused: 422), records the old and new sets in the audit trail, and holds from the
  // user's next request.
  absl::StatusOr<UserRights> GetUserRights(const AuthContext& ctx, UserId id);
  absl::StatusOr<UserRights> PutUserRights(const AuthContext& ctx, UserId id, RightSet granted,
                                           RightSet revoked);

  // In the admin's order; retired ones only with `include_retired`.
  absl::StatusOr<std::vector<Branch>> ListBranches(bool include_retired = true);
  absl::StatusOr<Branch> CreateBranch(const AuthContext& ctx, const Branch& b);
  // Admins: rename, move (position 1..n; the others shift) or retire/reactivate.
  absl::StatusOr<Branch> UpdateBranch(const AuthContext& ctx, BranchId id, const BranchPatch& p);

  absl::StatusOr<Settings> GetSettings();
  absl::StatusOr<Settings> PutSettings(const AuthContext& ctx, Settings s);

  // In the admin's order; retired ones only with `include_retired`.
  absl::StatusOr<std::vector<CodeItem>> ListCodes(CodeTable t, bool include_retired = true);
  absl::StatusOr<CodeItem> CreateCode(const AuthContext& ctx, CodeTable t, const CodeItem& item);
  // Admins: rename (per language), move (position 1..n; the others shift) or
  // retire/reactivate. The code itself never changes: old records hold it.
  absl::StatusOr<CodeItem> UpdateCode(const AuthContext& ctx, CodeTable t, int64_t id,
                                      const CodePatch& p);

 private:
  // A retired branch is refused unless it is `previous_branch` (the user keeps it).
  absl::Status ValidateUser(Tx& tx, const User& u, bool creating, Issues& issues,
                            std::optional<BranchId> previous_branch = std::nullopt);

  struct CachedSession {
    AuthContext ctx;
    absl::Time cached_at;
  };
  void ForgetSessions();

  Store& store_;
  Crypto& crypto_;
  PasswordPolicy& passwords_;
  AccountOptions options_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, CachedSession> session_cache_;  // by token hash
  LoginThrottle throttle_;
  std::atomic<uint64_t> password_checks_{0};
  std::atomic<uint64_t> throttled_logins_{0};
};

// The "today" of a user: the civil day of `now` in the user's zone (falling back to
// the organization's zone if the user's is not loadable).
absl::CivilDay TodayOf(const User& user, absl::Time now);

// PermissionDenied("admin_only") unless the caller administers (users, settings, mail).
absl::Status RequireAdmin(const AuthContext& ctx);

// PermissionDenied(`refusal`) unless the caller has the named right (ADR 0040); the
// refusal is the code the route gave before rights per user (admin_only...), or
// `missing_right`.
absl::Status RequireRight(const AuthContext& ctx, Right right,
                          ErrorCode refusal = ErrorCode::kMissingRight);

// The rights sets of stored changes; names no longer in the list are ignored.
void RightSetsOf(const std::vector<UserRightChange>& changes, RightSet& granted, RightSet& revoked);

}  // namespace retorno
