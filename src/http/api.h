// The REST API under /api/v1: maps JSON to use cases and Status values to
// problem+json (RFC 9457) in one place. Reads the clock once per request.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "app/calendar.h"
#include "app/followups.h"
#include "app/messaging.h"
#include "app/parties.h"
#include "app/sales.h"
#include "base/clock.h"
#include "http/server/router.h"

namespace retorno {

// A route served only in some modes (the simulated clock's, test_clock_routes.h),
// registered by Register through the pipeline of every route: the caller authenticated
// (an admin when `admin_only`), unknown query parameters refused, the body a JSON
// object, errors as problem+json. The handler gets the caller and the body (read it
// with JsonIn, so unknown members are refused) and returns the 200 body.
struct ExtraRoute {
  std::string method;
  std::string pattern;
  bool admin_only = true;
  std::function<absl::StatusOr<nlohmann::json>(const AuthContext& caller,
                                               const nlohmann::json& body)>
      handler;
};

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
  // Routes of the server's mode (default none). Set by main/.
  std::vector<ExtraRoute> extra_routes;
};

class Api {
 public:
  Api(AccountService& accounts, PartyService& parties, FollowupService& followups,
      const Clock& clock, ApiOptions options = {});

  // Registers every route, including /healthz, /readyz, /metrics and the OpenAPI
  // document at /api/v1/openapi.json.
  void Register(Router& router);

  // The OpenAPI 3.1 document (src/http/openapi.json, embedded at build time).
  static std::string_view OpenApiDocument();

  // Reminders, notifications and e-mail (issue 4); without them those routes answer
  // 503. Call before Register.
  // The CRM calendar (issue 5); without it its routes answer 503. Call before Register.
  void EnableCalendar(CalendarService& calendar) { calendar_ = &calendar; }

  // Catalogue, documents, imports and birthdays (issue 5); without them those routes
  // answer 503. Call before Register.
  struct SalesServices {
    CatalogService* catalog = nullptr;
    DocumentService* documents = nullptr;
    ImportService* imports = nullptr;
    BirthdayService* birthdays = nullptr;
  };
  void EnableSales(SalesServices sales) { sales_ = sales; }

  void EnableMessaging(MessagingService& messaging, class EventHub& events) {
    messaging_ = &messaging;
    events_ = &events;
  }

 private:
  AccountService& accounts_;
  PartyService& parties_;
  FollowupService& followups_;
  const Clock& clock_;
  ApiOptions options_;
  MessagingService* messaging_ = nullptr;
  CalendarService* calendar_ = nullptr;
  SalesServices sales_;
  class EventHub* events_ = nullptr;
};

}  // namespace retorno
