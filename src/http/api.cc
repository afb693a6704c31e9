#include "http/api.h"

#include "http/routes/routes.h"

namespace retorno {

namespace {

// Every resource of the API (http/routes/routes.h), in registration order.
constexpr RegisterRoutes kResources[] = {
#define RETORNO_RESOURCE_ENTRY(name) Register##name##Routes,
    RETORNO_RESOURCES(RETORNO_RESOURCE_ENTRY)
#undef RETORNO_RESOURCE_ENTRY
};

}  // namespace

// Appointments and free days (http/routes/appointments.cc).
void RegisterAppointmentRoutes(Routes& routes, AppointmentService& appointments);
// Proposals and visit sheets (http/routes/proposals.cc); null: 503.
void RegisterProposalRoutes(Routes& routes, ProposalService* proposals);
// Mailings to selected customers (http/routes/mailings.cc); null: they answer 503.
void RegisterMailingRoutes(Routes& routes, MailingService* mailings);

Api::Api(ApiServices services, ApiOptions options)
    : services_(services), options_(std::move(options)) {}

void Api::Register(Router& router) {
  // Every change waits for its commit to be durable (ADR 0005); on the pool, changes
  // that arrive together share one commit (ADR 0010).
  router.RunWritesOnPool();
  Routes routes(router, services_, options_);
  for (RegisterRoutes add : kResources) add(routes);
  RegisterAppointmentRoutes(routes, services_.appointments);
  RegisterProposalRoutes(routes, services_.proposals);
  RegisterMailingRoutes(routes, services_.mailings);
}

}  // namespace retorno
