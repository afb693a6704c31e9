// Operations: health and readiness probes, Prometheus metrics and the OpenAPI document.
// Outside the problem+json contract: probes and scrapers read plain text.
#include "http/api.h"
#include "http/routes/routes.h"

namespace retorno {

namespace {

HttpResponse Text(int status, std::string content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

}  // namespace

void RegisterHealthRoutes(Routes& routes) {
  const ApiOptions& o = routes.options();
  routes.AddRaw("GET", "/healthz",
                [](HttpRequest&) { return Text(200, "text/plain; charset=utf-8", "ok\n"); });
  routes.AddRaw("GET", "/readyz", [ready = o.ready](HttpRequest&) {
    const bool ok = ready();
    return Text(ok ? 200 : 503, "text/plain; charset=utf-8",
                ok ? "ready\n" : "database unavailable\n");
  });
  routes.AddRaw("GET", "/metrics", [metrics = o.metrics](HttpRequest&) {
    return Text(200, "text/plain; version=0.0.4; charset=utf-8", metrics());
  });
  routes.AddRaw("GET", "/api/v1/openapi.json", [](HttpRequest&) {
    HttpResponse resp =
        Text(200, "application/json; charset=utf-8", std::string(Api::OpenApiDocument()));
    resp.headers.emplace_back("Cache-Control", "no-cache");
    return resp;
  });
}

}  // namespace retorno
