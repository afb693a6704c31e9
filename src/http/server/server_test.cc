#include <utility>

#include "http/server/server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "http/server/multipart.h"

namespace retorno {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

class ServerFixture : public ::testing::Test {
 protected:
  void Start(HttpServer::Options opts = {}) {
    opts.port = 0;
    opts.io_threads = 1;
    opts.handle_signals = false;
    opts.access_log = false;
    server_ = std::make_unique<HttpServer>(opts, router_);
    ASSERT_TRUE(server_->Listen().ok());
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) {
      server_->Stop();
      thread_.join();
    }
  }
  tcp::socket Connect() {
    tcp::socket s(ioc_);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    return s;
  }
  http::response<http::string_body> Send(tcp::socket& s, http::request<http::string_body> req) {
    req.set(http::field::host, "localhost");
    req.prepare_payload();
    http::write(s, req);
    http::response<http::string_body> res;
    http::read(s, buffer_, res);
    return res;
  }
  http::response<http::string_body> Get(const std::string& target) {
    auto s = Connect();
    return Send(s, {http::verb::get, target, 11});
  }

  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  asio::io_context ioc_;
  beast::flat_buffer buffer_;
};

TEST_F(ServerFixture, RoutesWithParamsAnd404And405) {
  router_.Add("GET", "/api/v1/things/{id}", [](HttpRequest& r) {
    HttpResponse res;
    res.body = "thing " + r.path_params["id"] + " q=" + r.Query("q").value_or("");
    return res;
  });
  Start();
  auto ok = Get("/api/v1/things/42?q=s%C3%A3o+paulo");
  EXPECT_EQ(ok.result_int(), 200);
  EXPECT_EQ(ok.body(), "thing 42 q=são paulo");
  EXPECT_EQ(Get("/api/v1/nothing").result_int(), 404);
  auto s = Connect();
  auto res = Send(s, {http::verb::post, "/api/v1/things/42", 11});
  EXPECT_EQ(res.result_int(), 405);
  EXPECT_EQ(res[http::field::allow], "GET, HEAD");
}

TEST_F(ServerFixture, KeepAliveServesTwoRequestsOnOneConnectionAndEchoesRequestId) {
  router_.Add("GET", "/a", [](HttpRequest&) { return HttpResponse{200, {}, "a"}; });
  Start();
  auto s = Connect();
  http::request<http::string_body> r1{http::verb::get, "/a", 11};
  r1.set("X-Request-Id", "abc-123");
  auto res1 = Send(s, r1);
  auto res2 = Send(s, {http::verb::get, "/a", 11});
  EXPECT_EQ(res1.body(), "a");
  EXPECT_EQ(res2.body(), "a");
  EXPECT_EQ(res1["X-Request-Id"], "abc-123");
  EXPECT_EQ(res2["X-Request-Id"].size(), 16u);
  EXPECT_EQ(res1["X-Content-Type-Options"], "nosniff");
  EXPECT_FALSE(res1["Content-Security-Policy"].empty());
}

TEST_F(ServerFixture, OversizedBodyAndHeadersAreRefused) {
  router_.Add("POST", "/upload", [](HttpRequest& r) { return HttpResponse{200, {}, std::to_string(r.body.size())}; });
  HttpServer::Options o;
  o.max_body_bytes = 1024;
  o.max_header_bytes = 1024;
  Start(o);
  auto s = Connect();
  http::request<http::string_body> big{http::verb::post, "/upload", 11};
  big.body() = std::string(4096, 'x');
  EXPECT_EQ(Send(s, big).result_int(), 413);
  auto s2 = Connect();
  http::request<http::string_body> fat{http::verb::get, "/upload", 11};
  fat.set("X-Filler", std::string(4096, 'y'));
  EXPECT_EQ(Send(s2, fat).result_int(), 431);
  auto s3 = Connect();
  http::request<http::string_body> small{http::verb::post, "/upload", 11};
  small.body() = std::string(100, 'x');
  EXPECT_EQ(Send(s3, small).body(), "100");
}

TEST_F(ServerFixture, StaticFilesWithEtagFallbackAndNoTraversal) {
  auto root = std::filesystem::temp_directory_path() / ("retorno-static-" + std::to_string(getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<html>app</html>";
  std::ofstream(root / "assets" / "app.js") << "console.log(1)";
  HttpServer::Options o;
  o.static_root = root.string();
  Start(o);
  auto js = Get("/assets/app.js");
  EXPECT_EQ(js.result_int(), 200);
  EXPECT_EQ(js[http::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_NE(js[http::field::cache_control].find("immutable"), std::string::npos);
  auto s = Connect();
  http::request<http::string_body> again{http::verb::get, "/assets/app.js", 11};
  again.set(http::field::if_none_match, std::string(js[http::field::etag]));
  EXPECT_EQ(Send(s, again).result_int(), 304);
  EXPECT_EQ(Get("/followups/12").body(), "<html>app</html>");  // SPA route
  EXPECT_EQ(Get("/assets/missing.js").result_int(), 404);
  EXPECT_EQ(Get("/../../etc/passwd").result_int(), 404);
  EXPECT_EQ(Get("/assets/%2e%2e/%2e%2e/etc/passwd").result_int(), 404);
  EXPECT_EQ(Get("/api/v1/unknown").result_int(), 404);
  std::filesystem::remove_all(root);
}

TEST_F(ServerFixture, BlockingHandlerDoesNotHoldTheIoThread) {
  std::promise<void> release;
  auto released = release.get_future().share();
  router_.Add("GET", "/slow", [released](HttpRequest&) {
    released.wait();
    return HttpResponse{200, {}, "slow"};
  }, RouteOptions{.blocking = true});
  router_.Add("GET", "/fast", [](HttpRequest&) { return HttpResponse{200, {}, "fast"}; });
  Start();
  auto slow_socket = Connect();
  http::request<http::string_body> slow{http::verb::get, "/slow", 11};
  slow.set(http::field::host, "localhost");
  http::write(slow_socket, slow);
  // With one I/O thread, this answers only if /slow runs elsewhere.
  EXPECT_EQ(Get("/fast").body(), "fast");
  release.set_value();
  http::response<http::string_body> res;
  beast::flat_buffer b;
  http::read(slow_socket, b, res);
  EXPECT_EQ(res.body(), "slow");
}

TEST_F(ServerFixture, DrainFinishesInFlightRequest) {
  std::promise<void> entered, release;
  auto released = release.get_future().share();
  router_.Add("GET", "/work", [&entered, released](HttpRequest&) {
    entered.set_value();
    released.wait();
    return HttpResponse{200, {}, "done"};
  }, RouteOptions{.blocking = true});
  Start();
  auto s = Connect();
  http::request<http::string_body> req{http::verb::get, "/work", 11};
  req.set(http::field::host, "localhost");
  http::write(s, req);
  entered.get_future().wait();
  server_->Stop();
  release.set_value();
  http::response<http::string_body> res;
  beast::flat_buffer b;
  http::read(s, b, res);
  EXPECT_EQ(res.body(), "done");
  EXPECT_FALSE(res.keep_alive());
  thread_.join();
  const uint16_t port = server_->port();
  server_.reset();
  tcp::socket late(ioc_);
  boost::system::error_code ec;
  late.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  EXPECT_TRUE(ec);  // nothing listens any more
}

TEST_F(ServerFixture, MetricsCountRequestsByRoute) {
  router_.Add("GET", "/api/v1/things/{id}", [](HttpRequest&) { return HttpResponse{}; });
  Start();
  Get("/api/v1/things/1");
  Get("/api/v1/things/2");
  std::string text = server_->metrics().RenderPrometheus();
  EXPECT_NE(text.find("http_requests_total{route=\"/api/v1/things/{id}\",method=\"GET\",status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("http_request_duration_seconds_count{route=\"/api/v1/things/{id}\"} 2"),
            std::string::npos);
}

TEST(Multipart, ParsesBinaryPartsAndFilenameStar) {
  std::string data("a\r\nb\0c--", 8);
  std::string body = "--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                     "olá\r\n"
                     "--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"file\"; filename=\"x.bin\"; "
                     "filename*=UTF-8''or%C3%A7amento.pdf\r\n"
                     "Content-Type: application/pdf\r\n\r\n" +
                     data + "\r\n--XyZ--\r\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts.ok()) << parts.status();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_EQ((*parts)[0].data, "olá");
  EXPECT_EQ((*parts)[1].filename, "orçamento.pdf");
  EXPECT_EQ((*parts)[1].content_type, "application/pdf");
  EXPECT_EQ((*parts)[1].data, data);
}

TEST(Multipart, RejectsMalformed) {
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "--x\r\n").ok());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=x", "garbage").ok());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=x",
                              "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")
                   .ok());
}

}  // namespace
}  // namespace retorno
