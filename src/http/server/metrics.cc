#include "http/server/metrics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace retorno {

namespace {

std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::RecordRequest(const std::string& route, const std::string& method, int status,
                            double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_[std::move(name)] = Gauge{std::move(help), std::move(read)};
}

std::string Metrics::RenderPrometheus() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP http_requests_total HTTP requests by route pattern, method and status.\n";
  out += "# TYPE http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    absl::StrAppend(&out, "http_requests_total{route=\"", Escape(route), "\",method=\"",
                    Escape(method), "\",status=\"", status, "\"} ", n, "\n");
  }
  out += "# HELP http_request_duration_seconds Time from request read to response written.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i)
      absl::StrAppend(&out, "http_request_duration_seconds_bucket{route=\"", Escape(route),
                      "\",le=\"", absl::StrFormat("%g", kBuckets[i]), "\"} ", h.buckets[i], "\n");
    absl::StrAppend(&out, "http_request_duration_seconds_bucket{route=\"", Escape(route),
                    "\",le=\"+Inf\"} ", h.count, "\n");
    absl::StrAppend(&out, "http_request_duration_seconds_sum{route=\"", Escape(route), "\"} ",
                    absl::StrFormat("%.6f", h.sum), "\n");
    absl::StrAppend(&out, "http_request_duration_seconds_count{route=\"", Escape(route), "\"} ",
                    h.count, "\n");
  }
  for (const auto& [name, g] : gauges_) {
    absl::StrAppend(&out, "# HELP ", name, " ", g.help, "\n# TYPE ", name, " gauge\n", name, " ",
                    absl::StrFormat("%g", g.read()), "\n");
  }
  return out;
}

}  // namespace retorno
