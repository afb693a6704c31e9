// The REST API under /api/v1: maps JSON to use cases and Status values to
// problem+json (RFC 9457) in one place. Reads the clock once per request.
#pragma once

#include <string>

#include "app/accounts.h"
#include "app/calendar.h"
#include "app/followups.h"
#include "app/messaging.h"
#include "app/parties.h"
#include "app/sales.h"
#include "base/clock.h"
#include "http/server/router.h"

namespace retorno {

class EventHub;

struct ApiOptions {
  // Adds "Secure" to cookies; on when served over HTTPS behind a proxy (default off:
  // the default bind is loopback).
  bool secure_cookies = false;
  // Readiness probe: returns OK when the database answers. Set by main/.
  std::function<bool()> ready = [] { return true; };
  // Prometheus text of the server's metrics. Set by main/.
  std::function<std::string()> metrics = [] { return std::string(); };
  // The address users reach Retorno at ("https://crm.example.com", or with a path
  // prefix; no trailing slash), for links handed out of the app such as the calendar
  // feed. Never taken from the request's Host header, which the client chooses. Set by
  // main/ from `public_url`, else from the listening address.
  std::function<std::string()> public_url = [] { return std::string("http://localhost"); };
};

// Every service the API calls, all required: a server without one of them is not
// Retorno. References: main/ owns the services and outlives the router.
struct ApiServices {
  AccountService& accounts;
  PartyService& parties;
  FollowupService& followups;
  CalendarService& calendar;
  CatalogService& catalog;
  DocumentService& documents;
  ImportService& imports;
  BirthdayService& birthdays;
  MessagingService& messaging;
  // Live events of the open apps (SSE).
  EventHub& events;
  const Clock& clock;
};

class Api {
 public:
  explicit Api(ApiServices services, ApiOptions options = {});

  // Registers every route, including /healthz, /readyz, /metrics and the OpenAPI
  // document at /api/v1/openapi.json.
  void Register(Router& router);

  // The OpenAPI 3.1 document (src/http/openapi.json, embedded at build time).
  static std::string_view OpenApiDocument();

 private:
  ApiServices services_;
  ApiOptions options_;
};

}  // namespace retorno
