#include "http/problem.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "app/errors.h"
#include "base/strings.h"

namespace retorno {

int HttpStatusOf(const absl::Status& s) {
  const std::string_view key = ToStd(s.message());
  switch (s.code()) {
    case absl::StatusCode::kInvalidArgument:
      if (key == "validation") {
        std::vector<FieldIssue> issues = FieldIssuesOf(s);
        bool all_taken = !issues.empty();
        for (const FieldIssue& i : issues) all_taken = all_taken && i.key == "taken";
        return all_taken ? 409 : 422;
      }
      return 400;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kFailedPrecondition:
      if (key == "version") return 412;
      if (key == "if_match_required") return 428;
      return 409;
    case absl::StatusCode::kAlreadyExists:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return key == "too_large" ? 413 : 429;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kUnimplemented:
      return key == "unsupported_media_type" ? 415 : 501;
    default:
      return 500;
  }
}

HttpResponse Problem(const absl::Status& s, const HttpRequest& req, Lang lang) {
  using json = nlohmann::json;
  std::vector<FieldIssue> issues = FieldIssuesOf(s);
  int status = HttpStatusOf(s);
  std::string key(s.message());
  if (status >= 500) {
    spdlog::error("[{}] {} {} -> {}: {}", req.request_id, req.method, LogSafePath(req.path), status,
                  s.ToString());
    key = status == 503 ? "unavailable" : "internal";
  }
  json body = {{"type", "about:blank"},
               {"title", Message(key, lang)},
               {"status", status},
               {"code", key},
               {"request_id", req.request_id}};
  if (!issues.empty()) {
    json errors = json::array();
    for (const FieldIssue& i : issues)
      errors.push_back({{"field", i.field}, {"code", i.key}, {"message", Message(i.key, lang)}});
    body["errors"] = std::move(errors);
    body["detail"] = Message(issues.front().key, lang);
  } else {
    body["detail"] = Message(key, lang);
  }
  std::optional<int64_t> wait = RetryAfterSecondsOf(s);
  if (wait) body["retry_after"] = *wait;
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/problem+json; charset=utf-8");
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers.emplace_back("Content-Language", std::string(LangTag(lang)));
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"retorno\"");
  if (wait) r.headers.emplace_back("Retry-After", std::to_string(*wait));
  return r;
}

}  // namespace retorno
