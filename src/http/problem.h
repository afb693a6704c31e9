// The one place a Status becomes an HTTP answer: RFC 9457 problem+json with the
// message in the caller's language, per-field errors, Retry-After and
// WWW-Authenticate where they apply. 5xx are logged as incidents; their detail never
// reaches the client.
#pragma once

#include "absl/status/status.h"
#include "http/messages.h"
#include "http/server/request.h"

namespace retorno {

// The HTTP status of an error Status.
int HttpStatusOf(const absl::Status& s);

HttpResponse Problem(const absl::Status& s, const HttpRequest& req, Lang lang);

}  // namespace retorno
