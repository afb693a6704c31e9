// The REST API under /api/v1: registers the routes of every resource
// (http/routes/<resource>.cc) on a router. Handlers map JSON to use cases and Status
// values to problem+json (http/problem.h); each reads the clock once.
#pragma once

#include <string_view>

#include "app/appointments/appointments.h"
#include "app/mailings/mailings.h"
#include "http/routes/handler.h"
#include "http/server/router.h"

namespace retorno {

class ProposalService;

class Api {
 public:
  // Every service is required (ApiServices, and the appointments'); they and `options`
  // must outlive the router the routes are registered on. Without `proposals` the
  // proposal routes answer 503.
  Api(ApiServices services, AppointmentService& appointments, ApiOptions options = {},
      ProposalService* proposals = nullptr);

  // Registers every route, including /healthz, /readyz, /metrics and the OpenAPI
  // document at /api/v1/openapi.json.
  void Register(Router& router);

  // The OpenAPI 3.1 document (joined from src/http/openapi/ and embedded at build time).
  static std::string_view OpenApiDocument();

  // The mailings to selected customers (ADR 0048); until set, their routes answer 503.
  void SetMailings(MailingService* mailings) { mailings_ = mailings; }

 private:
  ApiServices services_;
  AppointmentService& appointments_;
  ApiOptions options_;
  ProposalService* proposals_;
  MailingService* mailings_ = nullptr;
};

}  // namespace retorno
