// Sign-in and out, the signed-in user (/me), branches, users and the company's settings.
#include "absl/strings/str_cat.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"
#include "http/table_json.h"

namespace retorno {

using json = nlohmann::json;

namespace {

// The names of the rights a viewer has, for /me (the web app hides what is not there).
json EffectiveRights(const Viewer& v) {
  json out = json::array();
  for (Right r : kAllRights)
    if (HasRight(v, r)) out.push_back(std::string(ToString(r)));
  return out;
}

// A user's rights for the admin's screen: each right with the role's default, the
// admin's change to it and what holds.
json UserRightsJson(const UserRights& u) {
  json items = json::array();
  const Viewer v = u.viewer();
  for (Right r : kAllRights) {
    const char* change = Contains(u.revoked, r)   ? "revoked"
                         : Contains(u.granted, r) ? "granted"
                                                  : "none";
    items.push_back({{"right", std::string(ToString(r))},
                     {"role_default", RoleHasRight(u.user.role, r)},
                     {"change", change},
                     {"effective", HasRight(v, r)}});
  }
  return {{"user_id", u.user.id.value},
          {"role", std::string(ToString(u.user.role))},
          {"rights", items}};
}

// A required list of right names: unknown names are `invalid_value` on the list.
RightSet ReadRights(JsonIn& in, const char* key) {
  RightSet set = 0;
  std::optional<std::vector<std::string>> names = in.StrList(key);
  if (!names) {
    in.Require(key);
    return set;
  }
  for (const std::string& n : *names) {
    std::optional<Right> r = ParseRight(n);
    if (!r) {
      in.issues().Add(in.Field(key), "invalid_value");
      break;
    }
    set |= RightBit(*r);
  }
  return set;
}

}  // namespace

void RegisterAccountRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  const ApiOptions& opt = routes.options();
  // ---- Session.
  routes.AddPublic(
      "POST", "/api/v1/session",
      [svc, opt](Call& c) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        std::string login = in.Str("login").value_or("");
        std::string password = in.Str("password").value_or("");
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(LoginResult lr,
                         svc.accounts.Login(login, password, c.req.remote_ip, c.now));
        HttpResponse r = JsonResponse(201, {{"token", lr.token},
                                            {"csrf_token", lr.csrf_token},
                                            {"user", UserJson(lr.user)},
                                            {"alerts", AlertsJson(lr.alerts)}});
        r.headers.emplace_back(
            "Set-Cookie", CookieHeader(kSessionCookie, lr.token, true, opt.secure_cookies, false));
        r.headers.emplace_back("Set-Cookie", CookieHeader(kCsrfCookie, lr.csrf_token, false,
                                                          opt.secure_cookies, false));
        return r;
      },
      {.blocking = true});
  routes.Add(
      "DELETE", "/api/v1/session",
      [svc, secure = opt.secure_cookies](Call& c,
                                         const AuthContext&) -> absl::StatusOr<HttpResponse> {
        RETURN_IF_ERROR(svc.accounts.Logout(SessionToken(c.req)));
        HttpResponse r = NoContent();
        r.headers.emplace_back("Set-Cookie", CookieHeader(kSessionCookie, "", true, secure, true));
        r.headers.emplace_back("Set-Cookie", CookieHeader(kCsrfCookie, "", false, secure, true));
        return r;
      },
      {.body = Body::kNone});
  routes.Add("GET", "/api/v1/me",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(Alerts alerts, svc.accounts.AlertsFor(ctx.user, c.now));
               ASSIGN_OR_RETURN(Settings s, svc.accounts.GetSettings());
               ASSIGN_OR_RETURN(bool has_feed, svc.calendar.HasFeed(ctx.user.id));
               ASSIGN_OR_RETURN(bool mail_configured, svc.messaging.MailConfigured());
               return JsonResponse(200, {{"user", UserJson(ctx.user)},
                                         {"alerts", AlertsJson(alerts)},
                                         {"settings",
                                          {{"company_name", s.company_name},
                                           {"time_zone", s.time_zone},
                                           {"return_alerts_enabled", s.return_alerts_enabled},
                                           {"currency", s.currency},
                                           {"mail_configured", mail_configured}}},
                                         {"today", FormatDate(TodayOf(ctx.user, c.now))},
                                         {"rights", EffectiveRights(ctx.viewer())},
                                         {"calendar_feed", has_feed},
                                         {"csrf_token", ctx.session.csrf_token}});
             });

  // ---- Branches. Listed in the admin's order, retired ones only when asked for;
  // `position` is the place in the list of all of them.
  auto branch_list = [svc](bool include_retired) -> absl::StatusOr<json> {
    ASSIGN_OR_RETURN(std::vector<Branch> branches, svc.accounts.ListBranches());
    json items = json::array();
    for (size_t i = 0; i < branches.size(); ++i)
      if (include_retired || branches[i].active)
        items.push_back(BranchJson(branches[i], static_cast<int>(i) + 1));
    return items;
  };
  auto branch_reply = [branch_list](int status, BranchId id) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json items, branch_list(true));
    for (json& b : items)
      if (b["id"] == id.value) return JsonResponse(status, b);
    return CodedError(ErrorCode::kBranchNotFound);
  };
  routes.Add("GET", "/api/v1/branches",
             [branch_list](Call& c, const AuthContext&) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               bool include_retired = IncludeRetired(c.req, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(json items, branch_list(include_retired));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/branches",
             [svc, branch_reply](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"name", "time_zone"});
               Branch b;
               b.name = in.Str("name").value_or("");
               b.time_zone = in.Str("time_zone").value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(b, svc.accounts.CreateBranch(ctx, b));
               return branch_reply(201, b.id);
             });
  routes.Add("PATCH", "/api/v1/branches/{id}",
             [svc, branch_reply](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(BranchId id,
                                PathId<BranchId>(c.req, "id", ErrorCode::kBranchNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               BranchPatch p = ReadBranchPatch(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Branch b, svc.accounts.UpdateBranch(ctx, id, p));
               return branch_reply(200, b.id);
             });

  // ---- Users.
  auto read_user = [](const json& body, Issues& issues) {
    JsonIn in(body, issues);
    in.NotNull({"login", "name", "email", "password", "role", "time_zone", "locale",
                "alert_on_login", "email_reminders", "active", "current_password"});
    UserInput u;
    u.login = in.Str("login");
    u.name = in.Str("name");
    u.email = in.Str("email");
    u.password = in.Str("password");
    u.role = ReadEnum<Role>(in, "role", &ParseRole);
    if (in.IsNull("branch_id"))
      u.branch_id = std::optional<BranchId>();
    else if (auto v = in.Int("branch_id"))
      u.branch_id = std::optional<BranchId>(BranchId(*v));
    u.time_zone = in.Str("time_zone");
    u.locale = in.Str("locale");
    u.alert_on_login = in.Bool("alert_on_login");
    if (in.IsNull("alert_every_minutes"))
      u.alert_every_minutes = std::optional<int>();
    else if (auto v = in.Int("alert_every_minutes"))
      u.alert_every_minutes =
          std::optional<int>(static_cast<int>(std::clamp<int64_t>(*v, -1, 100000)));
    u.email_reminders = ReadEnum<EmailReminders>(in, "email_reminders", &ParseEmailReminders);
    u.active = in.Bool("active");
    u.current_password = in.Str("current_password");
    return u;
  };
  routes.Add("GET", "/api/v1/users",
             [svc](Call&, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(std::vector<User> users, svc.accounts.ListUsers(ctx));
               json items = json::array();
               for (const User& u : users) items.push_back(UserJson(u));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/users",
             [svc, read_user](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               UserInput u = read_user(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(User created, svc.accounts.CreateUser(&ctx, u, c.now));
               return JsonResponse(201, UserJson(created));
             },
             {.blocking = true});
  routes.Add("PATCH", "/api/v1/users/{id}",
             [svc, read_user](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(UserId id, PathId<UserId>(c.req, "id", ErrorCode::kUserNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               UserInput u = read_user(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(User updated, svc.accounts.UpdateUser(ctx, id, u));
               return JsonResponse(200, UserJson(updated));
             },
             {.blocking = true});

  // ---- Rights per user (ADR 0040): admins read and replace a user's changes to the
  // role's defaults.
  routes.Add("GET", "/api/v1/users/{id}/rights",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(UserId id, PathId<UserId>(c.req, "id", ErrorCode::kUserNotFound));
               ASSIGN_OR_RETURN(UserRights r, svc.accounts.GetUserRights(ctx, id));
               return JsonResponse(200, UserRightsJson(r));
             });
  routes.Add("PUT", "/api/v1/users/{id}/rights",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(UserId id, PathId<UserId>(c.req, "id", ErrorCode::kUserNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               RightSet granted = 0, revoked = 0;
               {
                 JsonIn in(body, issues);
                 granted = ReadRights(in, "granted");
                 revoked = ReadRights(in, "revoked");
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(UserRights r,
                                svc.accounts.PutUserRights(ctx, id, granted, revoked));
               return JsonResponse(200, UserRightsJson(r));
             });

  // ---- Settings.
  auto settings_json = [](const Settings& s) {
    return json{{"company_name", s.company_name},
                {"time_zone", s.time_zone},
                {"return_alerts_enabled", s.return_alerts_enabled},
                {"currency", s.currency}};
  };
  routes.Add("GET", "/api/v1/settings",
             [svc, settings_json](Call&, const AuthContext&) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(Settings s, svc.accounts.GetSettings());
               return JsonResponse(200, settings_json(s));
             });
  routes.Add("PUT", "/api/v1/settings",
             [svc, settings_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"company_name", "time_zone", "return_alerts_enabled", "currency"});
               Settings s;
               s.company_name = RequireString(in, "company_name").value_or("");
               s.time_zone = RequireString(in, "time_zone").value_or("");
               std::optional<bool> alerts = in.Bool("return_alerts_enabled");
               if (!alerts) in.Require("return_alerts_enabled");
               s.return_alerts_enabled = alerts.value_or(true);
               s.currency = in.Str("currency").value_or("");  // "": keep the current one
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(s, svc.accounts.PutSettings(ctx, s));
               return JsonResponse(200, settings_json(s));
             });
}

}  // namespace retorno
