#include "http/server/router.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace retorno {

namespace {

// Up to 32 segments are matched without allocating; longer paths never match a route.
constexpr size_t kMaxSegments = 32;

size_t SplitPath(std::string_view path, std::string_view* out, size_t max) {
  size_t n = 0;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) {
      if (n == max) return max + 1;
      out[n++] = path.substr(i, slash - i);
    }
    i = slash + 1;
  }
  return n;
}

[[noreturn]] void BadRoute(const std::string& method, const std::string& pattern, const char* why) {
  std::fprintf(stderr, "Router::Add(%s %s): %s\n", method.c_str(), pattern.c_str(), why);
  std::abort();
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (method.empty()) BadRoute(method, pattern, "empty method");
  if (writes_on_pool_ && method != "GET" && method != "HEAD") options.blocking = true;
  if (pattern.empty() || pattern.front() != '/') BadRoute(method, pattern, "must start with /");
  std::string_view parts[kMaxSegments];
  size_t n = SplitPath(pattern, parts, kMaxSegments);
  if (n > kMaxSegments) BadRoute(method, pattern, "too many segments");
  Route r;
  std::set<std::string> names;
  for (size_t i = 0; i < n; ++i) {
    std::string_view p = parts[i];
    Segment s;
    if (p.front() == '{' || p.back() == '}' || p.find_first_of("{}") != std::string_view::npos) {
      if (p.size() < 3 || p.front() != '{' || p.back() != '}' ||
          p.substr(1, p.size() - 2).find_first_of("{}") != std::string_view::npos)
        BadRoute(method, pattern, "malformed parameter");
      s.param = true;
      s.text = std::string(p.substr(1, p.size() - 2));
      if (!names.insert(s.text).second) BadRoute(method, pattern, "repeated parameter");
    } else {
      s.text = std::string(p);
    }
    r.segments.push_back(std::move(s));
  }
  auto same_shape = [](const Route& a, const Route& b) {
    if (a.segments.size() != b.segments.size()) return false;
    for (size_t i = 0; i < a.segments.size(); ++i) {
      if (a.segments[i].param != b.segments[i].param) return false;
      if (!a.segments[i].param && a.segments[i].text != b.segments[i].text) return false;
    }
    return true;
  };
  for (const Route& other : routes_)
    if (other.method == method && same_shape(other, r))
      BadRoute(method, pattern, "a route with this shape already exists");
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  r.options = options;
  routes_.push_back(std::move(r));

  // Keep each bucket ordered so that the first match is the most specific one: at the
  // first segment where two patterns differ in kind, the literal comes first.
  std::vector<size_t>& bucket = by_length_[n];
  bucket.push_back(routes_.size() - 1);
  std::stable_sort(bucket.begin(), bucket.end(), [this](size_t a, size_t b) {
    const auto& sa = routes_[a].segments;
    const auto& sb = routes_[b].segments;
    for (size_t i = 0; i < sa.size(); ++i)
      if (sa[i].param != sb[i].param) return !sa[i].param;
    return false;
  });
}

Router::Match Router::Find(HttpRequest& req) const {
  Match m;
  std::string_view parts[kMaxSegments];
  size_t n = SplitPath(req.path, parts, kMaxSegments);
  if (n > kMaxSegments) return m;
  auto bucket = by_length_.find(n);
  if (bucket == by_length_.end()) return m;

  auto matches = [&](const Route& r) {
    for (size_t i = 0; i < n; ++i)
      if (!r.segments[i].param && r.segments[i].text != parts[i]) return false;
    return true;
  };
  const bool head = req.method == "HEAD";
  const Route* found = nullptr;
  size_t found_index = 0;
  const Route* head_via_get = nullptr;
  size_t head_via_get_index = 0;
  bool path_matched = false;
  for (size_t index : bucket->second) {
    const Route& r = routes_[index];
    if (!matches(r)) continue;
    path_matched = true;
    if (r.method == req.method) {
      found = &r;
      found_index = index;
      break;
    }
    if (head && head_via_get == nullptr && r.method == "GET") {
      head_via_get = &r;
      head_via_get_index = index;
    }
  }
  if (found == nullptr && head_via_get != nullptr) {
    found = head_via_get;
    found_index = head_via_get_index;
  }
  if (found != nullptr) {
    req.path_params.clear();
    for (size_t i = 0; i < n; ++i)
      if (found->segments[i].param)
        req.path_params.emplace(found->segments[i].text, std::string(parts[i]));
    req.route = found->pattern;
    m.kind = Match::Kind::kFound;
    m.handler = &found->handler;
    m.options = found->options;
    m.index = found_index;
    return m;
  }
  if (!path_matched) return m;
  std::set<std::string> allowed;
  for (size_t index : bucket->second) {
    const Route& r = routes_[index];
    if (!matches(r)) continue;
    allowed.insert(r.method);
    if (r.method == "GET") allowed.insert("HEAD");
  }
  m.kind = Match::Kind::kMethodNotAllowed;
  for (const std::string& method : allowed) {
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += method;
  }
  return m;
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.push_back({r.method, r.pattern});
  return out;
}

}  // namespace retorno
