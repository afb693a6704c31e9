#include "http/server/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace retorno {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Metrics, CountsByRouteMethodAndStatus) {
  Metrics m;
  Metrics::RouteMetrics* r = m.ForRoute("/api/v1/followups/{id}");
  EXPECT_EQ(r, m.ForRoute("/api/v1/followups/{id}"));
  r->Record("GET", 200, microseconds(300));
  r->Record("GET", 200, milliseconds(3));
  r->Record("PATCH", 409, milliseconds(30));
  r->Record("BREW", 405, milliseconds(7000));  // not a known method: OTHER
  std::string text = m.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("# TYPE http_requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("http_requests_total{route=\"/api/v1/followups/"
                              "{id}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("http_requests_total{route=\"/api/v1/followups/"
                              "{id}\",method=\"PATCH\",status=\"409\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("method=\"OTHER\",status=\"405\"} 1\n"));
  EXPECT_THAT(text, Not(HasSubstr("BREW")));

  // Histogram buckets are cumulative; +Inf equals the count.
  EXPECT_THAT(text, HasSubstr("# TYPE http_request_duration_seconds histogram\n"));
  const std::string l = "{route=\"/api/v1/followups/{id}\",";
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_bucket" + l + "le=\"0.0005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_bucket" + l + "le=\"0.005\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_bucket" + l + "le=\"0.05\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_bucket" + l + "le=\"5\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_bucket" + l + "le=\"+Inf\"} 4\n"));
  EXPECT_THAT(
      text, HasSubstr("http_request_duration_seconds_count{route=\"/api/v1/followups/{id}\"} 4\n"));
  EXPECT_THAT(
      text,
      HasSubstr("http_request_duration_seconds_sum{route=\"/api/v1/followups/{id}\"} 7.0333\n"));
}

TEST(Metrics, RoutesNeverRequestedAreLeftOut) {
  Metrics m;
  m.ForRoute("/idle");
  m.ForRoute("/busy")->Record("GET", 200, microseconds(1));
  std::string text = m.RenderPrometheus();
  EXPECT_THAT(text, Not(HasSubstr("/idle")));
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_count{route=\"/busy\"} 1\n"));
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics m;
  m.RecordRequest("a\"b\\c\nd", "GET", 200, 0.001);
  EXPECT_THAT(m.RenderPrometheus(), HasSubstr("route=\"a\\\"b\\\\c\\nd\""));
}

TEST(Metrics, CallbackGaugesAndCounters) {
  Metrics m;
  double size = 1234;
  ASSERT_TRUE(m.AddGauge("retorno_db_bytes", "Size of the database.", [&] { return size; }).ok());
  ASSERT_TRUE(m.AddCounter("retorno_mails_sent_total", "Mails sent.", [] { return 7.0; }).ok());
  EXPECT_EQ(m.AddGauge("retorno_db_bytes", "again", [] { return 0.0; }).code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(m.AddGauge("9lives", "bad", [] { return 0.0; }).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(m.AddGauge("has space", "bad", [] { return 0.0; }).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(m.AddGauge("http_requests_total", "clash", [] { return 0.0; }).code(),
            absl::StatusCode::kAlreadyExists);
  std::string text = m.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("# HELP retorno_db_bytes Size of the database.\n"
                              "# TYPE retorno_db_bytes gauge\nretorno_db_bytes 1234\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE retorno_mails_sent_total counter\n"
                              "retorno_mails_sent_total 7\n"));
  size = 0.5;
  EXPECT_THAT(m.RenderPrometheus(), HasSubstr("retorno_db_bytes 0.5\n"));
}

TEST(Metrics, ConcurrentRecordingLosesNothing) {
  Metrics m;
  Metrics::RouteMetrics* r = m.ForRoute("/r");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([r, t] {
      for (int i = 0; i < 20000; ++i)
        r->Record(i % 2 ? "GET" : "POST", 200 + (i + t) % 3, microseconds(i % 900));
    });
  for (auto& t : threads) t.join();
  std::string text = m.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_count{route=\"/r\"} 80000\n"));
  EXPECT_THAT(text,
              HasSubstr("http_requests_total{route=\"/r\",method=\"GET\",status=\"201\"} 13334\n"));
}

TEST(Metrics, ManyStatusPairsOverflowTheFastTableCorrectly) {
  Metrics m;
  Metrics::RouteMetrics* r = m.ForRoute("/r");
  for (int status = 100; status < 600; ++status) r->Record("GET", status, microseconds(1));
  r->Record("GET", 599, microseconds(1));
  std::string text = m.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("method=\"GET\",status=\"100\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("method=\"GET\",status=\"599\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_count{route=\"/r\"} 501\n"));
}

}  // namespace
}  // namespace retorno
