// Routes requests by method and path pattern to handlers.
//
//   Router router;
//   router.Add("GET", "/api/v1/followups/{id}", [](HttpRequest& req) {
//     HttpResponse r;
//     r.body = req.path_params.at("id");
//     return r;
//   });
//   router.Add("POST", "/api/v1/session", Login, {.blocking = true});
//
// A pattern is a path whose segments are literals or `{name}` parameters; a parameter
// matches one non-empty segment. When several patterns match a path, the one with a
// literal at the first differing segment wins ("/parties/export" over "/parties/{id}").
// Empty segments are ignored, so "/a/b/" and "/a//b" match "/a/b".
//
// HEAD requests go to the HEAD route, else to the GET route (the server sends no body).
// A path matched only by other methods is a 405 with an Allow list; else a 404.
// The pattern, never the concrete path, labels the request's metrics.
//
// Thread safety: add every route before the server starts; Find is then thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/server/request.h"

namespace retorno {

// Throwing is allowed: the server turns any exception into a 500 problem+json and logs
// it with the request id. Expected errors should be mapped to responses by the app.
using Handler = std::function<HttpResponse(HttpRequest&)>;

struct RouteOptions {
  // Run on the server's worker pool instead of the I/O thread, for handlers that hold
  // the CPU or block for milliseconds (password hashing: ~65 ms), so the I/O threads
  // keep serving other requests. Default false: run inline on the I/O thread.
  bool blocking = false;
};

struct RouteInfo {
  std::string method;
  std::string pattern;
};

class Router {
 public:
  // Registers a route. `method` is an exact token ("GET"). Aborts the process (a bug,
  // found at start-up) when the pattern does not start with "/", has a malformed or
  // repeated parameter, or is registered twice for the method with the same shape.
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  // Routes added after this call with a method other than GET and HEAD run on the
  // worker pool (RouteOptions::blocking). For stores that make writers wait for a
  // durable commit: waiting writers on the pool let the store commit them together
  // (group commit) while the I/O threads go on serving reads.
  void RunWritesOnPool() { writes_on_pool_ = true; }

  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Handler* handler = nullptr;  // kFound: owned by the router
    RouteOptions options;              // kFound
    size_t index = 0;                  // kFound: position in routes()
    std::string allow;                 // kMethodNotAllowed: "GET, HEAD, POST"
  };
  // Matches req.method and req.path (already decoded). On kFound, fills
  // req.path_params and req.route.
  Match Find(HttpRequest& req) const;

  // Every route in the order added; Match::index points into it.
  std::vector<RouteInfo> routes() const;
  size_t size() const { return routes_.size(); }

 private:
  bool writes_on_pool_ = false;

  struct Segment {
    std::string text;  // a literal, or the parameter's name
    bool param = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    RouteOptions options;
  };
  // Routes with the same segment count, most specific first.
  std::unordered_map<size_t, std::vector<size_t>> by_length_;
  std::vector<Route> routes_;
};

}  // namespace retorno
