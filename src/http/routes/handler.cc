#include "http/routes/handler.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/strings.h"
#include "http/problem.h"

namespace retorno {

namespace {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

absl::Status NoBody(const HttpRequest& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, ParseBody(req));
  Issues issues;
  JsonIn in(body, issues);
  return issues.ToStatus();
}

// Authenticates by bearer token or session cookie; a cookie-authenticated unsafe
// request must echo the CSRF token in X-CSRF-Token (double submit, compared with the
// one stored in the session).
absl::StatusOr<AuthContext> Authenticate(AccountService& accounts, const Call& c) {
  const bool via_cookie =
      !absl::StartsWithIgnoreCase(ToAbsl(c.req.Header("Authorization")), "Bearer ");
  std::string token = SessionToken(c.req);
  if (token.empty()) return CodedError(ErrorCode::kSession);
  ASSIGN_OR_RETURN(AuthContext ctx, accounts.Authenticate(token, c.now));
  ctx.client_ip = c.req.remote_ip;
  ctx.user_agent = std::string(c.req.Header("User-Agent"));
  ctx.request_at = c.now;
  const std::string& m = c.req.method;
  const bool unsafe = m != "GET" && m != "HEAD" && m != "OPTIONS";
  if (via_cookie && unsafe &&
      !ConstantTimeEquals(c.req.Header("X-CSRF-Token"), ctx.session.csrf_token))
    return CodedError(ErrorCode::kCsrf);
  return ctx;
}

}  // namespace

Handler Routes::Wrap(PublicHandler body) const {
  return [clock = &services_.clock, body = std::move(body)](HttpRequest& req) -> HttpResponse {
    Call c{req, clock->Now(), LangFromAcceptLanguage(req.Header("Accept-Language"))};
    auto unknown_parameters = [&req](std::vector<FieldIssue> issues) {
      for (std::string& name : req.UnreadQueryNames())
        issues.push_back({std::move(name), "unknown_parameter"});
      return issues;
    };
    const bool read_only = req.method == "GET" || req.method == "HEAD";
    if (!read_only && !req.query.empty())
      return Problem(ValidationError(unknown_parameters({})), req, c.lang);
    absl::StatusOr<HttpResponse> r = body(c);
    if (read_only && !req.UnreadQueryNames().empty()) {
      if (r.ok()) return Problem(ValidationError(unknown_parameters({})), req, c.lang);
      if (!FieldIssuesOf(r.status()).empty())
        return Problem(ValidationError(unknown_parameters(FieldIssuesOf(r.status()))), req, c.lang);
    }
    if (r.ok()) return *std::move(r);
    return Problem(r.status(), req, c.lang);
  };
}

void Routes::Add(const char* method, std::string pattern, UserHandler handler,
                 HandlerOptions options) {
  PublicHandler body = [accounts = &services_.accounts, handler = std::move(handler),
                        expected = options.body](Call& c) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(AuthContext ctx, Authenticate(*accounts, c));
    if (expected == Body::kNone) RETURN_IF_ERROR(NoBody(c.req));
    return handler(c, ctx);
  };
  router_.Add(method, std::move(pattern), Wrap(std::move(body)),
              RouteOptions{.blocking = options.blocking});
}

void Routes::AddPublic(const char* method, std::string pattern, PublicHandler handler,
                       HandlerOptions options) {
  PublicHandler body = [handler = std::move(handler),
                        expected = options.body](Call& c) -> absl::StatusOr<HttpResponse> {
    if (expected == Body::kNone) RETURN_IF_ERROR(NoBody(c.req));
    return handler(c);
  };
  router_.Add(method, std::move(pattern), Wrap(std::move(body)),
              RouteOptions{.blocking = options.blocking});
}

std::string CookieHeader(const char* name, const std::string& value, bool http_only, bool secure,
                         bool clear) {
  std::string c = absl::StrCat(name, "=", value, "; Path=/; SameSite=Lax");
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

std::string SessionToken(const HttpRequest& req) {
  std::string_view auth = req.Header("Authorization");
  if (absl::StartsWithIgnoreCase(ToAbsl(auth), "Bearer "))
    return std::string(absl::StripAsciiWhitespace(ToAbsl(auth.substr(7))));
  return req.Cookie(kSessionCookie).value_or("");
}

absl::StatusOr<nlohmann::json> ParseBody(const HttpRequest& req) {
  std::string_view ct = req.Header("Content-Type");
  if (!req.body.empty() && !absl::StartsWithIgnoreCase(ToAbsl(ct), "application/json"))
    return CodedError(ErrorCode::kUnsupportedMediaType);
  if (req.body.empty()) return nlohmann::json::object();
  nlohmann::json j = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return CodedError(ErrorCode::kMalformedJson);
  if (!j.is_object()) return FieldError("body", "invalid_type");
  return j;
}

absl::StatusOr<int64_t> PathInt(const HttpRequest& req, const char* name, ErrorCode not_found) {
  auto it = req.path_params.find(name);
  int64_t v = 0;
  if (it == req.path_params.end() || !absl::SimpleAtoi(it->second, &v) || v <= 0)
    return CodedError(not_found);
  return v;
}

std::string ETagOf(int64_t version) { return absl::StrCat("\"", version, "\""); }

absl::StatusOr<std::optional<int64_t>> IfMatchVersion(const HttpRequest& req) {
  absl::string_view tag = absl::StripAsciiWhitespace(ToAbsl(req.Header("If-Match")));
  if (tag.empty()) return std::optional<int64_t>();
  absl::ConsumePrefix(&tag, "W/");
  absl::ConsumePrefix(&tag, "\"");
  absl::ConsumeSuffix(&tag, "\"");
  int64_t v = 0;
  if (!absl::SimpleAtoi(tag, &v)) return CodedError(ErrorCode::kVersion);
  return std::optional<int64_t>(v);
}

bool EtagListMatches(std::string_view header, std::string_view etag) {
  for (absl::string_view tag : absl::StrSplit(ToAbsl(header), ',')) {
    tag = absl::StripAsciiWhitespace(tag);
    absl::ConsumePrefix(&tag, "W/");
    if (tag == "*" || tag == ToAbsl(etag)) return true;
  }
  return false;
}

std::optional<std::string> RequireString(JsonIn& in, const char* key) {
  std::optional<std::string> s = in.Str(key);
  if (!s) in.Require(key);
  return s;
}

std::optional<std::string> QueryValue(const HttpRequest& req, const char* name, Issues& issues) {
  std::optional<std::string> s = req.Query(name);
  if (s && s->empty()) {
    issues.Add(name, "empty_value");
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> QueryInt(const HttpRequest& req, const char* name, Issues& issues) {
  std::optional<std::string> s = QueryValue(req, name, issues);
  if (!s) return std::nullopt;
  int64_t v = 0;
  if (!absl::SimpleAtoi(*s, &v) || v <= 0) {
    issues.Add(name, "invalid_id");
    return std::nullopt;
  }
  return v;
}

std::optional<absl::CivilDay> QueryDate(const HttpRequest& req, const char* name, Issues& issues) {
  std::optional<std::string> s = QueryValue(req, name, issues);
  if (!s) return std::nullopt;
  std::optional<absl::CivilDay> d = ParseDate(*s);
  if (!d) issues.Add(name, "invalid_date");
  return d;
}

void QueryLimit(const HttpRequest& req, Issues& issues, int& limit) {
  std::optional<std::string> l = QueryValue(req, "limit", issues);
  if (!l) return;
  int64_t v = 0;
  if (!absl::SimpleAtoi(*l, &v) || v < 1 || v > 200)
    issues.Add("limit", "out_of_range");
  else
    limit = static_cast<int>(v);
}

std::optional<Scope> ParseScope(std::string_view s) {
  if (s == "mine") return Scope::kMine;
  if (s == "branch") return Scope::kBranch;
  if (s == "all") return Scope::kAll;
  return std::nullopt;
}

HttpResponse JsonTextResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  return JsonTextResponse(status,
                          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  return r;
}

}  // namespace retorno
