// A small Prometheus registry for the HTTP server and the app.
//
// Built in:
//   http_requests_total{route,method,status}       counter
//   http_request_duration_seconds{route}           histogram, kBuckets (0.5 ms .. 5 s)
// `route` is the matched pattern ("/api/v1/followups/{id}"), "static" for static files
// and "unmatched" for requests no route took (404, 405, and requests rejected before
// routing). `method` is one of GET HEAD POST PUT PATCH DELETE OPTIONS or OTHER, so a
// client cannot grow the label set. A route appears once it has been requested.
//
// The app adds its own values read at scrape time:
//   metrics.AddGauge("retorno_db_bytes", "Size of the database file.",
//                    [&] { return double(store.SizeBytes()); });
//
// Thread safety: every method is thread-safe. Recording a request is lock-free (a few
// relaxed atomic increments on the route's cells); rendering takes a mutex and calls
// the registered callbacks outside it.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace retorno {

class Metrics {
 public:
  // Upper bounds of the latency histogram buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 13> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  // The cells of one route label. Obtained once (ForRoute) and kept, so the hot path
  // never looks the label up.
  class RouteMetrics {
   public:
    explicit RouteMetrics(std::string route);
    void Record(std::string_view method, int status, std::chrono::nanoseconds duration);

   private:
    friend class Metrics;
    static constexpr size_t kSlots = 64;
    std::string route_;
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};  // last: > 5 s
    std::atomic<uint64_t> sum_nanos_{0};
    // (method, status) -> count, open addressing; key 0 is an empty slot.
    std::array<std::atomic<uint32_t>, kSlots> keys_{};
    std::array<std::atomic<uint64_t>, kSlots> counts_{};
    std::mutex overflow_mu_;  // only when more than kSlots pairs were seen
    std::map<uint32_t, uint64_t> overflow_;
  };

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The cells for a route label, created on first use. The pointer stays valid for the
  // registry's lifetime.
  RouteMetrics* ForRoute(std::string_view route);
  // Convenience for occasional use; the server uses ForRoute(...)->Record(...).
  void RecordRequest(std::string_view route, std::string_view method, int status, double seconds);

  // Registers a value read at scrape time by calling `read` (from the scraping thread;
  // it must be thread-safe and should be quick). `name` must match
  // [a-zA-Z_:][a-zA-Z0-9_:]*. InvalidArgument for a bad name, AlreadyExists when taken.
  absl::Status AddGauge(std::string name, std::string help, std::function<double()> read);
  // The same for a value that only grows (exposed with TYPE counter).
  absl::Status AddCounter(std::string name, std::string help, std::function<double()> read);

  // Everything in the Prometheus text exposition format 0.0.4
  // (Content-Type: text/plain; version=0.0.4; charset=utf-8).
  std::string RenderPrometheus() const;
  static constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Callback {
    std::string name;
    std::string help;
    const char* type;
    std::function<double()> read;
  };
  absl::Status AddCallback(std::string name, std::string help, const char* type,
                           std::function<double()> read);

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<RouteMetrics>, std::less<>> routes_;
  std::vector<Callback> callbacks_;
};

}  // namespace retorno
