// Routes by method and path pattern ("/api/v1/followups/{id}/actions"). Matching fills
// HttpRequest::path_params; the pattern is the metrics label of the request.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/server/request.h"

namespace retorno {

using Handler = std::function<HttpResponse(HttpRequest&)>;

struct RouteOptions {
  // Run on the worker pool instead of the I/O thread: for handlers that block for
  // milliseconds (password hashing), so other requests on the same thread keep flowing.
  bool blocking = false;
};

struct RouteInfo {
  std::string method;
  std::string pattern;
};

class Router {
 public:
  // Not thread-safe: add every route before the server starts.
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
    const Handler* handler = nullptr;
    RouteOptions options;
    std::string pattern;
    std::string allow;  // for kMethodNotAllowed: "GET, HEAD, POST"
  };
  // HEAD matches GET routes. Fills req.path_params and req.route on success.
  Match Find(HttpRequest& req) const;

  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteOptions options;
  };
  std::vector<Route> routes_;
};

}  // namespace retorno
