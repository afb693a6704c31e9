#include "http/server/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <tuple>

namespace retorno {

namespace {

constexpr std::array<std::string_view, 8> kMethods = {"GET",   "HEAD",   "POST",    "PUT",
                                                      "PATCH", "DELETE", "OPTIONS", "OTHER"};

uint32_t MethodIndex(std::string_view method) {
  for (uint32_t i = 0; i + 1 < kMethods.size(); ++i)
    if (kMethods[i] == method) return i;
  return kMethods.size() - 1;
}

uint32_t KeyOf(std::string_view method, int status) {
  uint32_t s = status >= 100 && status <= 999 ? static_cast<uint32_t>(status) : 0;
  return ((MethodIndex(method) + 1) << 16) | s;
}

void AppendEscaped(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
}

void AppendValue(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
}

bool ValidName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Metrics::RouteMetrics::RouteMetrics(std::string route) : route_(std::move(route)) {}

void Metrics::RouteMetrics::Record(std::string_view method, int status,
                                   std::chrono::nanoseconds duration) {
  const double seconds = std::chrono::duration<double>(duration).count();
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(static_cast<uint64_t>(std::max<int64_t>(0, duration.count())),
                       std::memory_order_relaxed);

  const uint32_t key = KeyOf(method, status);
  size_t slot = (key * 2654435761u) % kSlots;
  for (size_t probe = 0; probe < kSlots; ++probe, slot = (slot + 1) % kSlots) {
    uint32_t seen = keys_[slot].load(std::memory_order_acquire);
    if (seen == 0) {
      // Claim the slot; if another thread claimed it first, `seen` tells for which key.
      if (keys_[slot].compare_exchange_strong(seen, key, std::memory_order_acq_rel)) seen = key;
    }
    if (seen == key) {
      counts_[slot].fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  std::lock_guard lock(overflow_mu_);
  ++overflow_[key];
}

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

Metrics::RouteMetrics* Metrics::ForRoute(std::string_view route) {
  std::lock_guard lock(mu_);
  auto it = routes_.find(route);
  if (it == routes_.end())
    it = routes_.emplace(std::string(route), std::make_unique<RouteMetrics>(std::string(route)))
             .first;
  return it->second.get();
}

void Metrics::RecordRequest(std::string_view route, std::string_view method, int status,
                            double seconds) {
  ForRoute(route)->Record(
      method, status,
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(seconds)));
}

absl::Status Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  return AddCallback(std::move(name), std::move(help), "gauge", std::move(read));
}

absl::Status Metrics::AddCounter(std::string name, std::string help, std::function<double()> read) {
  return AddCallback(std::move(name), std::move(help), "counter", std::move(read));
}

absl::Status Metrics::AddCallback(std::string name, std::string help, const char* type,
                                  std::function<double()> read) {
  if (!ValidName(name)) return absl::InvalidArgumentError("metrics: invalid name " + name);
  if (!read) return absl::InvalidArgumentError("metrics: no callback for " + name);
  if (name.starts_with("http_request"))
    return absl::AlreadyExistsError("metrics: reserved " + name);
  std::lock_guard lock(mu_);
  for (const Callback& c : callbacks_)
    if (c.name == name) return absl::AlreadyExistsError("metrics: already registered " + name);
  // HELP text may not hold a raw newline.
  std::replace(help.begin(), help.end(), '\n', ' ');
  callbacks_.push_back({std::move(name), std::move(help), type, std::move(read)});
  return absl::OkStatus();
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  out.reserve(4096);
  std::vector<Callback> callbacks;
  {
    std::lock_guard lock(mu_);
    callbacks = callbacks_;

    struct Line {
      std::string_view route;
      uint32_t key;
      uint64_t count;
    };
    std::vector<Line> lines;
    for (const auto& [route, m] : routes_) {
      std::map<uint32_t, uint64_t> counts;
      for (size_t i = 0; i < RouteMetrics::kSlots; ++i) {
        uint32_t key = m->keys_[i].load(std::memory_order_acquire);
        if (key != 0) counts[key] += m->counts_[i].load(std::memory_order_relaxed);
      }
      {
        std::lock_guard overflow_lock(m->overflow_mu_);
        for (const auto& [key, n] : m->overflow_) counts[key] += n;
      }
      for (const auto& [key, n] : counts) lines.push_back({route, key, n});
    }
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
      auto method = [](uint32_t k) { return kMethods[(k >> 16) - 1]; };
      return std::tuple(a.route, method(a.key), a.key & 0xffff) <
             std::tuple(b.route, method(b.key), b.key & 0xffff);
    });
    out += "# HELP http_requests_total HTTP requests by route pattern, method and status.\n";
    out += "# TYPE http_requests_total counter\n";
    for (const Line& l : lines) {
      out += "http_requests_total{route=\"";
      AppendEscaped(out, l.route);
      fmt::format_to(std::back_inserter(out), "\",method=\"{}\",status=\"{}\"}} {}\n",
                     kMethods[(l.key >> 16) - 1], l.key & 0xffff, l.count);
    }

    out +=
        "# HELP http_request_duration_seconds Time from a request's headers read to its "
        "response written.\n";
    out += "# TYPE http_request_duration_seconds histogram\n";
    for (const auto& [route, m] : routes_) {
      // Routes never requested are left out: a scrape of a large API stays small.
      uint64_t total = 0;
      for (const auto& b : m->buckets_) total += b.load(std::memory_order_relaxed);
      if (total == 0) continue;
      std::string label = "route=\"";
      AppendEscaped(label, route);
      label += '"';
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += m->buckets_[i].load(std::memory_order_relaxed);
        fmt::format_to(std::back_inserter(out),
                       "http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", label,
                       kBuckets[i], cumulative);
      }
      cumulative += m->buckets_[kBuckets.size()].load(std::memory_order_relaxed);
      fmt::format_to(std::back_inserter(out),
                     "http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n"
                     "http_request_duration_seconds_sum{{{}}} {}\n"
                     "http_request_duration_seconds_count{{{}}} {}\n",
                     label, cumulative, label,
                     static_cast<double>(m->sum_nanos_.load(std::memory_order_relaxed)) / 1e9,
                     label, cumulative);
    }
  }
  // Callbacks may be slow or take their own locks: call them without holding ours.
  for (const Callback& c : callbacks) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n{} ", c.name, c.help,
                   c.name, c.type, c.name);
    AppendValue(out, c.read());
    out += '\n';
  }
  return out;
}

}  // namespace retorno
