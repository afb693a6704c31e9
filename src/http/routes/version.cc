// The version of the server and of the database schema it runs on, for support and for
// integrations that check what they talk to. Signed-in users only: an anonymous caller
// learns nothing that would help target a known flaw of one version.
#include "http/routes/routes.h"

namespace retorno {

void RegisterVersionRoutes(Routes& routes) {
  routes.Get("/api/v1/version",
             [server = routes.options().server_version, schema = routes.options().schema_version](
                 Call&, const AuthContext&) -> absl::StatusOr<HttpResponse> {
               return JsonResponse(200, {{"version", server}, {"schema_version", schema}});
             });
}

}  // namespace retorno
