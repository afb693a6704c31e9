// The one place a Status becomes an HTTP answer: RFC 9457 problem+json with the
// message in the caller's language, per-field errors, Retry-After and
// WWW-Authenticate where they apply. The error code (app/error_codes.h), never the
// message text, picks the HTTP status. 5xx are logged as incidents; their detail never
// reaches the client.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "app/error_codes.h"
#include "http/messages.h"
#include "http/server/request.h"

namespace retorno {

struct ProblemKind {
  int http_status;
  // The problem type URI of RFC 9457; "about:blank" when the HTTP status says it all
  // and the `code` member names the problem.
  std::string_view type;
};

// The table: every registered code's HTTP status and problem type.
ProblemKind ProblemKindOf(ErrorCode code);

// The code a Status answers with: its registered code; for a Status without one (a
// store's or a library's own error), `unavailable` for Unavailable and `internal`
// for anything else: an error a client may act on carries a registered code.
ErrorCode AnswerCodeOf(const absl::Status& s);

// The HTTP status of an error Status.
int HttpStatusOf(const absl::Status& s);

HttpResponse Problem(const absl::Status& s, const HttpRequest& req, Lang lang);

// The HTTP server's own refusals (HttpServer::Options::problem): an unknown path 404,
// a method the path does not take 405, a malformed request 400, too slow 408, a body
// over the limit 413, headers over the limit 431; as every other problem, with its code,
// the message in the caller's language (Accept-Language) and the request id.
HttpResponse ServerProblem(int status, const HttpRequest& req);

}  // namespace retorno
