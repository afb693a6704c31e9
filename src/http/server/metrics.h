// A small Prometheus registry: request counters by route, method and status, a latency
// histogram by route, and gauges read through callbacks. Thread-safe.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace retorno {

class Metrics {
 public:
  void RecordRequest(const std::string& route, const std::string& method, int status,
                     double seconds);
  // A gauge whose value is read at scrape time.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  // Text exposition format 0.0.4.
  std::string RenderPrometheus() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string help;
    std::function<double()> read;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, Gauge> gauges_;
};

}  // namespace retorno
