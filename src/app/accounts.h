// Use cases of accounts and settings: login and sessions, users, branches, the
// organization settings and the configurable tables (manual 001). Each public method
// runs in one transaction. `now` is read once per request by the caller.
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/errors.h"
#include "app/ports.h"
#include "app/services.h"
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
  Viewer viewer() const { return Viewer{user.id, user.role, user.branch_id}; }
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
};

// Failed logins per login name within a window; thread-safe, clock passed in.
class LoginThrottle {
 public:
  LoginThrottle(int max_failures, absl::Duration window)
      : max_failures_(max_failures), window_(window) {}
  bool Allowed(const std::string& key, absl::Time now);
  void Failed(const std::string& key, absl::Time now);
  void Succeeded(const std::string& key);

 private:
  std::mutex mu_;
  int max_failures_;
  absl::Duration window_;
  std::unordered_map<std::string, std::deque<absl::Time>> failures_;
};

struct AccountOptions {
  // Session lifetime after login (default 12 h: a working day and then some).
  absl::Duration session_ttl = absl::Hours(12);
  // Failed logins allowed per login and per address in `throttle_window` (default 5
  // in 5 minutes); further attempts get 429 until the window passes.
  int throttle_failures = 5;
  absl::Duration throttle_window = absl::Minutes(5);
  // Authenticated sessions are remembered in memory this long (default 5 s), sparing a
  // database read per request. Logout and user changes made through this process take
  // effect at once; made through another process sharing the database, within this
  // time. Zero disables the cache.
  absl::Duration session_cache_ttl = absl::Seconds(5);
};

class AccountService {
 public:
  // `passwords` judges every new password (creation, change, reset) after the length.
  AccountService(Store& store, Crypto& crypto, PasswordPolicy& passwords,
                 AccountOptions options = {});

  absl::StatusOr<LoginResult> Login(const std::string& login, const std::string& password,
                                    const std::string& remote_ip, absl::Time now);
  // Unauthenticated("session") for a missing, unknown or expired token.
  absl::StatusOr<AuthContext> Authenticate(const std::string& token, absl::Time now);
  absl::Status Logout(const std::string& token);
  absl::StatusOr<Alerts> AlertsFor(const User& user, absl::Time now);

  absl::StatusOr<std::vector<User>> ListUsers(const AuthContext& ctx);
  absl::StatusOr<User> CreateUser(const AuthContext* ctx, const UserInput& in, absl::Time now);
  absl::StatusOr<User> UpdateUser(const AuthContext& ctx, UserId id, const UserInput& in);

  absl::StatusOr<std::vector<Branch>> ListBranches();
  absl::StatusOr<Branch> CreateBranch(const AuthContext& ctx, const Branch& b);

  absl::StatusOr<Settings> GetSettings();
  absl::StatusOr<Settings> PutSettings(const AuthContext& ctx, const Settings& s);

  absl::StatusOr<std::vector<CodeItem>> ListCodes(CodeTable t);
  absl::StatusOr<CodeItem> CreateCode(const AuthContext& ctx, CodeTable t, const CodeItem& item);

 private:
  absl::Status ValidateUser(Tx& tx, const User& u, bool creating, Issues& issues);

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
  LoginThrottle throttle_by_login_;
  LoginThrottle throttle_by_ip_;
};

// The "today" of a user: the civil day of `now` in the user's zone (falling back to
// the organization's zone if the user's is not loadable).
absl::CivilDay TodayOf(const User& user, absl::Time now);

// PermissionDenied("admin_only") unless the caller administers (users, settings, mail).
absl::Status RequireAdmin(const AuthContext& ctx);

}  // namespace retorno
