#include "http/server/router.h"

#include <set>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"

namespace retorno {

namespace {

std::vector<std::string> Segments(std::string_view path) {
  return absl::StrSplit(ToAbsl(path), '/', absl::SkipEmpty());
}

bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  Route r;
  r.segments = Segments(pattern);
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  r.options = options;
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(HttpRequest& req) const {
  Match m;
  const std::vector<std::string> segs = Segments(req.path);
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  std::set<std::string> allowed;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i)
      ok = IsParam(r.segments[i]) || r.segments[i] == segs[i];
    if (!ok) continue;
    if (r.method != method) {
      allowed.insert(r.method);
      if (r.method == "GET") allowed.insert("HEAD");
      continue;
    }
    req.path_params.clear();
    for (size_t i = 0; i < segs.size(); ++i)
      if (IsParam(r.segments[i]))
        req.path_params[r.segments[i].substr(1, r.segments[i].size() - 2)] = segs[i];
    req.route = r.pattern;
    m.kind = Match::Kind::kFound;
    m.handler = &r.handler;
    m.options = r.options;
    m.pattern = r.pattern;
    return m;
  }
  if (!allowed.empty()) {
    m.kind = Match::Kind::kMethodNotAllowed;
    m.allow = absl::StrJoin(allowed, ", ");
  }
  return m;
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  for (const Route& r : routes_) out.push_back({r.method, r.pattern});
  return out;
}

}  // namespace retorno
