#include "http/api.h"

#include "http/routes/routes.h"

namespace retorno {

namespace {

// Every resource of the API, in the order its routes are registered. A new resource is
// a new file in http/routes/, one line here and its paths in openapi.json
// (OpenApi.DocumentAndRoutesAgree holds the two together).
constexpr RegisterRoutes kResources[] = {
    RegisterHealthRoutes,   RegisterAccountRoutes,  RegisterTableRoutes,
    RegisterPartyRoutes,    RegisterFollowupRoutes, RegisterReturnRoutes,
    RegisterDocumentRoutes, RegisterCalendarRoutes, RegisterMailRoutes,
};

}  // namespace

Api::Api(ApiServices services, ApiOptions options)
    : services_(services), options_(std::move(options)) {}

void Api::Register(Router& router) {
  // Every change waits for its commit to be durable (ADR 0005); on the pool, changes
  // that arrive together share one commit (ADR 0010).
  router.RunWritesOnPool();
  Routes routes(router, services_, options_);
  for (RegisterRoutes add : kResources) add(routes);
}

}  // namespace retorno
