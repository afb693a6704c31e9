// The REST API under /api/v1: registers the routes of every resource
// (http/routes/<resource>.cc) on a router. Handlers map JSON to use cases and Status
// values to problem+json (http/problem.h); each reads the clock once.
#pragma once

#include <string_view>

#include "http/routes/handler.h"
#include "http/server/router.h"

namespace retorno {

class Api {
 public:
  // Every service comes in `services` (those it marks optional answer 503 when null);
  // they and `options` must outlive the router the routes are registered on.
  explicit Api(ApiServices services, ApiOptions options = {});

  // Registers every route, including /healthz, /readyz, /metrics and the OpenAPI
  // document at /api/v1/openapi.json.
  void Register(Router& router);

  // The OpenAPI 3.1 document (joined from src/http/openapi/ and embedded at build time).
  static std::string_view OpenApiDocument();

 private:
  ApiServices services_;
  ApiOptions options_;
};

}  // namespace retorno
