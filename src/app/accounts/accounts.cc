#include "app/accounts/accounts.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "app/audit/audit.h"
#include "app/errors.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

namespace {

// Ten characters (not bytes: "café" is four) keeps an offline guess of an argon2id hash
// out of reach once the dictionary has removed the common choices.
constexpr size_t kMinPasswordLength = 10;
constexpr size_t kMaxPasswordLength = 256;

// The audit trail's name of a configurable table.
std::string_view CodeEntity(CodeTable t) {
  return t == CodeTable::kCategory ? "category" : "contact_type";
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

// Records at most one issue for `field`: the first reason the password is refused.
void CheckNewPassword(PasswordPolicy& policy, const std::string& password, std::string_view login,
                      Issues& issues) {
  if (password.empty())
    issues.Add("password", "required");
  else if (password.size() > kMaxPasswordLength)
    issues.Add("password", "too_long");
  else if (!IsCleanText(password) || password.find_first_of("\r\n") != std::string::npos)
    issues.Add("password", "invalid_text");
  else if (CodePoints(password) < kMinPasswordLength)
    issues.Add("password", "password_too_short");
  else if (std::string why = policy.Weakness(password, login); !why.empty())
    issues.Add("password", why);
}

bool IsSupportedLocale(const std::string& l) { return l == "pt-BR" || l == "es" || l == "en"; }

void CheckName(const std::string& field, const std::string& value, size_t max, Issues& issues) {
  if (value.empty())
    issues.Add(field, "required");
  else if (value.size() > max)
    issues.Add(field, "too_long");
  else if (!IsOneLine(value))
    issues.Add(field, "line_break");
  else if (!IsCleanText(value))
    issues.Add(field, "invalid_text");
}

// Moves the row `id` of `rows` (in list order) to `position` (1-based) and numbers
// every row 1..n in the new order. Returns the rows whose position changed.
template <class Row, class IdOf>
std::vector<Row> Arrange(std::vector<Row> rows, const Row& moved, int position, IdOf id_of) {
  std::erase_if(rows, [&](const Row& r) { return id_of(r) == id_of(moved); });
  rows.insert(rows.begin() + std::clamp<int>(position - 1, 0, static_cast<int>(rows.size())),
              moved);
  std::vector<Row> changed;
  for (size_t i = 0; i < rows.size(); ++i) {
    const int want = static_cast<int>(i) + 1;
    if (rows[i].position != want || id_of(rows[i]) == id_of(moved)) {
      rows[i].position = want;
      changed.push_back(rows[i]);
    }
  }
  return changed;
}

}  // namespace

absl::Status RequireAdmin(const AuthContext& ctx) {
  if (!CanAdminister(ctx.viewer())) return CodedError(ErrorCode::kAdminOnly);
  return absl::OkStatus();
}

absl::Status RequireRight(const AuthContext& ctx, Right right, ErrorCode refusal) {
  if (!HasRight(ctx.viewer(), right)) return CodedError(refusal);
  return absl::OkStatus();
}

void RightSetsOf(const std::vector<UserRightChange>& changes, RightSet& granted,
                 RightSet& revoked) {
  granted = revoked = 0;
  for (const UserRightChange& c : changes) {
    std::optional<Right> r = ParseRight(c.right);
    if (!r) continue;
    (c.granted ? granted : revoked) |= RightBit(*r);
  }
}

absl::CivilDay TodayOf(const User& user, absl::Time now) { return DayIn(now, ZoneOf(user)); }

AccountService::AccountService(Store& store, Crypto& crypto, PasswordPolicy& passwords,
                               AccountOptions options)
    : store_(store),
      crypto_(crypto),
      passwords_(passwords),
      options_(options),
      throttle_(store, options.login_throttle, options.address_throttle) {}

absl::StatusOr<LoginResult> AccountService::Login(const std::string& login,
                                                  const std::string& password,
                                                  const std::string& remote_ip, absl::Time now) {
  Issues issues;
  if (login.empty()) issues.Add("login", "required");
  if (password.empty()) issues.Add("password", "required");
  RETURN_IF_ERROR(issues.ToStatus());
  // Admitted and reserved in one step, so simultaneous tries cannot all slip past the
  // count before the first of them fails.
  const ThrottleDecision admitted = throttle_.Admit(login, remote_ip, now);
  if (!admitted.allowed) {
    throttled_logins_.fetch_add(1, std::memory_order_relaxed);
    return RateLimited(admitted.retry_after);
  }
  bool ok = false;
  // Whatever happens below, the reservation ends: as a failure unless the password
  // matched (an error reading the store counts as a failure too).
  struct Release {
    LoginThrottle& throttle;
    const std::string& login;
    const std::string& ip;
    absl::Time now;
    const bool& ok;
    ~Release() { throttle.Finish(login, ip, ok, now); }
  } release{throttle_, login, remote_ip, now, ok};

  std::optional<User> user;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(user,
                     tx.accounts().FindUserByLogin(std::string(absl::StripAsciiWhitespace(login))));
    return absl::OkStatus();
  }));
  password_checks_.fetch_add(1, std::memory_order_relaxed);
  if (user && user->active) {
    ok = crypto_.VerifyPassword(user->password_hash, password);
  } else {
    // Spend the same time on an unknown login, so timing does not reveal which logins
    // exist.
    static const absl::StatusOr<std::string> dummy = crypto_.HashPassword("retorno-dummy");
    if (dummy.ok()) crypto_.VerifyPassword(*dummy, password);
  }
  if (!ok) return CodedError(ErrorCode::kBadCredentials);

  LoginResult out;
  out.token = crypto_.RandomToken();
  out.csrf_token = crypto_.RandomToken();
  Session session{crypto_.Sha256Hex(out.token), out.csrf_token, user->id, now,
                  now + options_.session_ttl};
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.accounts().DeleteExpiredSessions(now));
    return tx.accounts().InsertSession(session);
  }));
  out.user = *user;
  ASSIGN_OR_RETURN(out.alerts, AlertsFor(*user, now));
  return out;
}

absl::StatusOr<AuthContext> AccountService::Authenticate(const std::string& token, absl::Time now) {
  if (token.empty() || token.size() > 128) return CodedError(ErrorCode::kSession);
  const std::string hash = crypto_.Sha256Hex(token);
  if (options_.session_cache_ttl > absl::ZeroDuration()) {
    std::lock_guard lock(cache_mu_);
    auto it = session_cache_.find(hash);
    if (it != session_cache_.end()) {
      if (now - it->second.cached_at < options_.session_cache_ttl &&
          it->second.ctx.session.expires_at > now)
        return it->second.ctx;
      session_cache_.erase(it);
    }
  }
  AuthContext ctx;
  bool found = false;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Session> s, tx.accounts().FindSession(hash));
    if (!s || s->expires_at <= now) return absl::OkStatus();
    ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(s->user_id));
    if (!u || !u->active) return absl::OkStatus();
    ASSIGN_OR_RETURN(std::vector<UserRightChange> rights, tx.accounts().ListUserRights(u->id));
    RightSetsOf(rights, ctx.rights_granted, ctx.rights_revoked);
    ctx.session = std::move(*s);
    ctx.user = std::move(*u);
    found = true;
    return absl::OkStatus();
  }));
  if (!found) return CodedError(ErrorCode::kSession);
  if (options_.session_cache_ttl > absl::ZeroDuration()) {
    std::lock_guard lock(cache_mu_);
    if (session_cache_.size() > 10000) session_cache_.clear();  // bound memory
    session_cache_[hash] = CachedSession{ctx, now};
  }
  return ctx;
}

void AccountService::ForgetSessions() {
  std::lock_guard lock(cache_mu_);
  session_cache_.clear();
}

absl::Status AccountService::Logout(const std::string& token) {
  const std::string hash = crypto_.Sha256Hex(token);
  {
    std::lock_guard lock(cache_mu_);
    session_cache_.erase(hash);
  }
  return store_.Write([&](Tx& tx) { return tx.accounts().DeleteSession(hash); });
}

absl::StatusOr<Alerts> AccountService::AlertsFor(const User& user, absl::Time now) {
  Alerts alerts;
  bool enabled = false;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Settings s, tx.accounts().GetSettings());
    enabled = s.return_alerts_enabled;
    ASSIGN_OR_RETURN(DueCounts c, tx.followup_queries().CountDue(user.id, TodayOf(user, now)));
    alerts.due_today = c.due_today;
    alerts.overdue = c.overdue;
    return absl::OkStatus();
  }));
  alerts.show_alert = enabled && user.alert_on_login && (alerts.due_today + alerts.overdue) > 0;
  return alerts;
}

absl::StatusOr<std::vector<User>> AccountService::ListUsers(const AuthContext&) {
  // Every signed-in user may list colleagues (to pick an owner, to show names); the
  // HTTP layer never sends password hashes.
  std::vector<User> users;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(users, tx.accounts().ListUsers());
    return absl::OkStatus();
  }));
  return users;
}

absl::Status AccountService::ValidateUser(Tx& tx, const User& u, bool creating, Issues& issues,
                                          std::optional<BranchId> previous_branch) {
  if (creating || !u.login.empty()) {
    if (!IsValidCode(u.login)) issues.Add("login", u.login.empty() ? "required" : "invalid_login");
  }
  CheckName("name", u.name, 120, issues);
  if (!u.email.empty() && !IsValidEmail(u.email)) issues.Add("email", "invalid_email");
  if (!IsValidZone(u.time_zone)) issues.Add("time_zone", "invalid_time_zone");
  if (!IsSupportedLocale(u.locale)) issues.Add("locale", "invalid_locale");
  if (u.alert_every_minutes && (*u.alert_every_minutes < 10 || *u.alert_every_minutes > 60))
    issues.Add("alert_every_minutes", "out_of_range");
  if (u.branch_id) {
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.accounts().FindBranch(*u.branch_id));
    if (!b)
      issues.Add("branch_id", "unknown_branch");
    else if (!b->active && u.branch_id != previous_branch)  // keeping it is fine
      issues.Add("branch_id", "retired");
  }
  return absl::OkStatus();
}

absl::StatusOr<User> AccountService::CreateUser(const AuthContext* ctx, const UserInput& in,
                                                absl::Time now) {
  if (ctx) RETURN_IF_ERROR(RequireAdmin(*ctx));
  User u;
  u.login = in.login.value_or("");
  u.name = in.name.value_or("");
  u.email = in.email.value_or("");
  u.role = in.role.value_or(Role::kAgent);
  if (in.branch_id) u.branch_id = *in.branch_id;
  if (in.time_zone) u.time_zone = *in.time_zone;
  if (in.locale) u.locale = *in.locale;
  if (in.alert_on_login) u.alert_on_login = *in.alert_on_login;
  if (in.alert_every_minutes) u.alert_every_minutes = *in.alert_every_minutes;
  if (in.email_reminders) u.email_reminders = *in.email_reminders;
  u.created_at = now;
  Issues issues;
  const std::string password = in.password.value_or("");
  CheckNewPassword(passwords_, password, u.login, issues);
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) { return ValidateUser(tx, u, true, issues); }));
  RETURN_IF_ERROR(issues.ToStatus());
  // Hash outside the write transaction: it takes ~65 ms and must not hold the writer.
  ASSIGN_OR_RETURN(u.password_hash, crypto_.HashPassword(password));
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    auto id = tx.accounts().InsertUser(u);
    if (absl::IsAlreadyExists(id.status())) return FieldError("login", "taken");
    RETURN_IF_ERROR(id.status());
    u.id = *id;
    return audit::Record(tx, audit::Who(ctx, now), "user", u.id, audit::Action::kCreate, nullptr,
                         audit::ValuesOf(u));
  }));
  return u;
}

absl::StatusOr<User> AccountService::DeactivateByLogin(const std::string& login, absl::Time now) {
  User u;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<User> found, tx.accounts().FindUserByLogin(login));
    if (!found) return CodedError(ErrorCode::kUserNotFound);
    u = std::move(*found);
    const nlohmann::json before = audit::ValuesOf(u);
    u.active = false;
    RETURN_IF_ERROR(tx.accounts().UpdateUser(u));
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(nullptr, now), "user", u.id,
                                  audit::Action::kUpdate, before, audit::ValuesOf(u)));
    return tx.accounts().DeleteUserSessions(u.id, "");
  }));
  ForgetSessions();
  return u;
}

absl::StatusOr<User> AccountService::UpdateUser(const AuthContext& ctx, UserId id,
                                                const UserInput& in) {
  const bool admin = CanAdminister(ctx.viewer());
  if (!admin && id != ctx.user.id) return CodedError(ErrorCode::kAdminOnly);
  // Only admins change who someone is or what they may do.
  if (!admin && (in.login || in.role || in.branch_id || in.active))
    return CodedError(ErrorCode::kAdminOnly);
  const bool self = id == ctx.user.id;
  Issues issues;
  // An admin who switched themselves off would lock the company out of its settings.
  if (in.active && !*in.active && self) issues.Add("active", "cannot_deactivate_self");
  // Changing one's own password asks for the current one: a session left open on a
  // shared computer must not be enough to take the account.
  if (in.password && self) {
    if (!in.current_password || in.current_password->empty()) {
      issues.Add("current_password", "required");
    } else {
      std::string stored;
      RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
        ASSIGN_OR_RETURN(std::optional<User> me, tx.accounts().FindUser(id));
        if (me) stored = me->password_hash;
        return absl::OkStatus();
      }));
      if (!crypto_.VerifyPassword(stored, *in.current_password))
        issues.Add("current_password", "wrong_password");
    }
  }
  std::string new_hash;
  if (in.password) {
    // The login the password must not resemble: the new one, else the user's own (read
    // first when an admin resets someone else's).
    std::string login = in.login.value_or(id == ctx.user.id ? ctx.user.login : "");
    if (login.empty()) {
      RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
        ASSIGN_OR_RETURN(std::optional<User> target, tx.accounts().FindUser(id));
        if (target) login = target->login;
        return absl::OkStatus();
      }));
    }
    CheckNewPassword(passwords_, *in.password, login, issues);
    if (issues.empty()) {
      ASSIGN_OR_RETURN(new_hash, crypto_.HashPassword(*in.password));
    }
  }
  User u;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<User> found, tx.accounts().FindUser(id));
    if (!found) return CodedError(ErrorCode::kUserNotFound);
    u = std::move(*found);
    const nlohmann::json before = audit::ValuesOf(u);
    const std::optional<BranchId> previous_branch = u.branch_id;
    if (in.login) u.login = *in.login;
    if (in.name) u.name = *in.name;
    if (in.email) u.email = *in.email;
    if (in.role) u.role = *in.role;
    if (in.branch_id) u.branch_id = *in.branch_id;
    if (in.time_zone) u.time_zone = *in.time_zone;
    if (in.locale) u.locale = *in.locale;
    if (in.alert_on_login) u.alert_on_login = *in.alert_on_login;
    if (in.alert_every_minutes) u.alert_every_minutes = *in.alert_every_minutes;
    if (in.email_reminders) u.email_reminders = *in.email_reminders;
    if (in.email_reminders) u.email_reminders = *in.email_reminders;
    if (!new_hash.empty()) u.password_hash = new_hash;
    const bool deactivated = in.active && !*in.active && u.active;
    if (in.active) u.active = *in.active;
    RETURN_IF_ERROR(ValidateUser(tx, u, false, issues, previous_branch));
    RETURN_IF_ERROR(issues.ToStatus());
    absl::Status st = tx.accounts().UpdateUser(u);
    if (absl::IsAlreadyExists(st)) return FieldError("login", "taken");
    RETURN_IF_ERROR(st);
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx), "user", u.id, audit::Action::kUpdate, before,
                                  audit::ValuesOf(u)));
    // Access taken away, or a password changed: the sessions opened with the old state
    // end now. Users changing their own password keep the session they did it from.
    if (deactivated || (!new_hash.empty() && !self))
      return tx.accounts().DeleteUserSessions(u.id, "");
    if (!new_hash.empty()) return tx.accounts().DeleteUserSessions(u.id, ctx.session.token_hash);
    return absl::OkStatus();
  }));
  // Cached sessions hold the old role, branch and zone.
  ForgetSessions();
  return u;
}

absl::StatusOr<std::vector<Branch>> AccountService::ListBranches(bool include_retired) {
  std::vector<Branch> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.accounts().ListBranches());
    return absl::OkStatus();
  }));
  if (!include_retired) std::erase_if(out, [](const Branch& b) { return !b.active; });
  return out;
}

absl::StatusOr<Branch> AccountService::CreateBranch(const AuthContext& ctx, const Branch& in) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  Branch b = in;
  Issues issues;
  CheckName("name", b.name, 120, issues);
  if (!b.time_zone.empty() && !IsValidZone(b.time_zone))
    issues.Add("time_zone", "invalid_time_zone");
  RETURN_IF_ERROR(issues.ToStatus());
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    auto id = tx.accounts().InsertBranch(b);
    if (absl::IsAlreadyExists(id.status())) return FieldError("name", "taken");
    RETURN_IF_ERROR(id.status());
    b.id = *id;
    return audit::Record(tx, audit::Who(ctx), "branch", b.id, audit::Action::kCreate, nullptr,
                         audit::ValuesOf(b));
  }));
  return b;
}

absl::StatusOr<Settings> AccountService::GetSettings() {
  Settings s;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(s, tx.accounts().GetSettings());
    return absl::OkStatus();
  }));
  return s;
}

absl::StatusOr<Settings> AccountService::PutSettings(const AuthContext& ctx, Settings s) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  Issues issues;
  CheckName("company_name", s.company_name, 160, issues);
  if (!IsValidZone(s.time_zone)) issues.Add("time_zone", "invalid_time_zone");
  // The currencies whose minor unit is the hundredth (ADR 0042).
  if (!s.currency.empty() && s.currency != "BRL" && s.currency != "MXN")
    issues.Add("currency", "invalid_value");
  RETURN_IF_ERROR(issues.ToStatus());
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Settings before, tx.accounts().GetSettings());
    if (s.currency.empty()) s.currency = before.currency;
    RETURN_IF_ERROR(tx.accounts().PutSettings(s));
    return audit::Record(tx, audit::Who(ctx), "setting", "organization", audit::Action::kUpdate,
                         audit::ValuesOf(before), audit::ValuesOf(s));
  }));
  return s;
}

absl::StatusOr<std::vector<CodeItem>> AccountService::ListCodes(CodeTable t, bool include_retired) {
  std::vector<CodeItem> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.accounts().ListCodes(t));
    return absl::OkStatus();
  }));
  if (!include_retired) std::erase_if(out, [](const CodeItem& c) { return !c.active; });
  return out;
}

absl::StatusOr<CodeItem> AccountService::CreateCode(const AuthContext& ctx, CodeTable t,
                                                    const CodeItem& in) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  CodeItem item = in;
  Issues issues;
  if (!IsValidCode(item.code)) issues.Add("code", item.code.empty() ? "required" : "invalid_code");
  CheckName("name", item.name, 80, issues);
  if (!item.name_es.empty()) CheckName("names.es", item.name_es, 80, issues);
  if (!item.name_en.empty()) CheckName("names.en", item.name_en, 80, issues);
  RETURN_IF_ERROR(issues.ToStatus());
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    auto id = tx.accounts().InsertCode(t, item);
    if (absl::IsAlreadyExists(id.status())) return FieldError("code", "taken");
    RETURN_IF_ERROR(id.status());
    item.id = *id;
    return audit::Record(tx, audit::Who(ctx), CodeEntity(t), item.id, audit::Action::kCreate,
                         nullptr, audit::ValuesOf(item));
  }));
  return item;
}

absl::StatusOr<CodeItem> AccountService::UpdateCode(const AuthContext& ctx, CodeTable t, int64_t id,
                                                    const CodePatch& p) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  Issues issues;
  if (p.name) CheckName("names.pt-BR", *p.name, 80, issues);
  if (p.name_es) CheckName("names.es", *p.name_es, 80, issues);
  if (p.name_en) CheckName("names.en", *p.name_en, 80, issues);
  CodeItem item;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<CodeItem> rows, tx.accounts().ListCodes(t));
    auto it = std::find_if(rows.begin(), rows.end(), [&](const CodeItem& c) { return c.id == id; });
    if (it == rows.end()) return CodedError(ErrorCode::kCodeNotFound);
    if (p.position && (*p.position < 1 || *p.position > static_cast<int>(rows.size())))
      issues.Add("position", "out_of_range");
    RETURN_IF_ERROR(issues.ToStatus());
    item = *it;
    const nlohmann::json before = audit::ValuesOf(item);
    if (p.name) item.name = *p.name;
    if (p.name_es) item.name_es = *p.name_es;
    if (p.name_en) item.name_en = *p.name_en;
    if (p.active) item.active = *p.active;
    if (!p.position) {
      RETURN_IF_ERROR(tx.accounts().UpdateCode(t, item));
    } else {
      for (const CodeItem& c :
           Arrange(rows, item, *p.position, [](const CodeItem& c) { return c.id; })) {
        RETURN_IF_ERROR(tx.accounts().UpdateCode(t, c));
        if (c.id == id) item = c;
      }
    }
    // The rows that shifted to make room are the same move: one row, the one asked for.
    return audit::Record(tx, audit::Who(ctx), CodeEntity(t), item.id, audit::Action::kUpdate,
                         before, audit::ValuesOf(item));
  }));
  return item;
}

absl::StatusOr<Branch> AccountService::UpdateBranch(const AuthContext& ctx, BranchId id,
                                                    const BranchPatch& p) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  Issues issues;
  if (p.name) CheckName("name", *p.name, 120, issues);
  if (p.time_zone && !p.time_zone->empty() && !IsValidZone(*p.time_zone))
    issues.Add("time_zone", "invalid_time_zone");
  Branch b;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<Branch> rows, tx.accounts().ListBranches());
    auto it = std::find_if(rows.begin(), rows.end(), [&](const Branch& x) { return x.id == id; });
    if (it == rows.end()) return CodedError(ErrorCode::kBranchNotFound);
    if (p.position && (*p.position < 1 || *p.position > static_cast<int>(rows.size())))
      issues.Add("position", "out_of_range");
    RETURN_IF_ERROR(issues.ToStatus());
    b = *it;
    const nlohmann::json before = audit::ValuesOf(b);
    if (p.name) b.name = *p.name;
    if (p.time_zone) b.time_zone = *p.time_zone;
    if (p.active) b.active = *p.active;
    auto write = [&tx](const Branch& x) -> absl::Status {
      absl::Status st = tx.accounts().UpdateBranch(x);
      if (absl::IsAlreadyExists(st)) return FieldError("name", "taken");
      return st;
    };
    if (!p.position) {
      RETURN_IF_ERROR(write(b));
    } else {
      for (const Branch& x :
           Arrange(rows, b, *p.position, [](const Branch& x) { return x.id.value; })) {
        RETURN_IF_ERROR(write(x));
        if (x.id == id) b = x;
      }
    }
    return audit::Record(tx, audit::Who(ctx), "branch", b.id, audit::Action::kUpdate, before,
                         audit::ValuesOf(b));
  }));
  // Cached sessions may hold the branch's zone.
  ForgetSessions();
  return b;
}

}  // namespace retorno
