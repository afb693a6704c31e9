#include "http/server/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <stdexcept>
#include <thread>

#include "http/server/test_client.h"

namespace retorno {
namespace {

using http_test::Get;
using http_test::RawClient;
using http_test::RawResponse;
using http_test::RunningServer;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

HttpResponse Text(std::string body) {
  HttpResponse r;
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  r.body = std::move(body);
  return r;
}

// Routes shared by most tests.
Router ApiRouter() {
  Router router;
  router.Add("GET", "/api/v1/items/{id}", [](HttpRequest& req) {
    return Text("item " + req.path_params.at("id") + " q=" + req.Query("q").value_or("-"));
  });
  router.Add("DELETE", "/api/v1/items/{id}", [](HttpRequest&) { return Text("deleted"); });
  router.Add("POST", "/api/v1/echo", [](HttpRequest& req) { return Text(req.body); });
  router.Add("GET", "/api/v1/request-id", [](HttpRequest& req) { return Text(req.request_id); });
  router.Add("GET", "/api/v1/throws",
             [](HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
  router.Add("GET", "/api/v1/cached", [](HttpRequest&) {
    HttpResponse r = Text("cached");
    r.headers.emplace_back("Cache-Control", "private, max-age=60");
    return r;
  });
  router.Add("GET", "/api/v1/injection", [](HttpRequest&) {
    HttpResponse r = Text("ok");
    r.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: pwned=1");
    r.headers.emplace_back("X-Fine", "yes");
    r.headers.emplace_back("Content-Length", "999");
    return r;
  });
  router.Add("GET", "/api/v1/no-content", [](HttpRequest&) {
    HttpResponse r;
    r.status = 204;
    r.body = "ignored";
    return r;
  });
  return router;
}

class ServerTest : public ::testing::Test {
 protected:
  Router router_ = ApiRouter();
};

// A producer that writes faster than the reader reads waits for the server to send what
// is queued, and learns when the stream ended instead of waiting for ever.
TEST(ResponseStream, WaitForRoomHoldsAProducerBackUntilTheQueueIsSent) {
  ResponseStream stream("");
  EXPECT_TRUE(stream.WaitForRoom(10, std::chrono::milliseconds(0)));
  stream.Write(std::string(64, 'x'));
  EXPECT_FALSE(stream.WaitForRoom(10, std::chrono::milliseconds(10)));
  EXPECT_FALSE(stream.closed());
  std::thread sender([&] { EXPECT_EQ(stream.Take().size(), 1u); });
  EXPECT_TRUE(stream.WaitForRoom(10, std::chrono::seconds(10)));
  sender.join();
  stream.Write(std::string(64, 'x'));
  std::thread ender([&] { stream.MarkEnded(); });
  EXPECT_FALSE(stream.WaitForRoom(10, std::chrono::seconds(10)));
  ender.join();
  EXPECT_TRUE(stream.closed());
}

TEST_F(ServerTest, RoutesParamsAndQuery) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  auto r = c.Request(Get("/api/v1/items/a%20b?q=x+y&z=1"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "item a b q=x y");
  EXPECT_EQ(r->Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r->Header("Content-Length"), std::to_string(r->body.size()));
  EXPECT_THAT(r->Header("Date"), HasSubstr(" GMT"));
}

TEST_F(ServerTest, NotFoundMethodNotAllowedAndHead) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  auto nf = c.Request(Get("/api/v1/nothing"));
  ASSERT_TRUE(nf);
  EXPECT_EQ(nf->status, 404);
  EXPECT_EQ(nf->Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(nf->body, R"({"type":"about:blank","title":"Not Found","status":404})");

  auto na = c.Request("PUT /api/v1/items/3 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(na);
  EXPECT_EQ(na->status, 405);
  EXPECT_EQ(na->Header("Allow"), "DELETE, GET, HEAD");

  auto get = c.Request(Get("/api/v1/items/77"));
  auto head = c.Request("HEAD /api/v1/items/77 HTTP/1.1\r\nHost: t\r\n\r\n", /*head=*/true);
  ASSERT_TRUE(get && head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("Content-Length"), std::to_string(get->body.size()));
  EXPECT_EQ(head->body, "");
  // The connection is still in sync: HEAD sent no body bytes.
  auto after = c.Request(Get("/api/v1/items/78"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->body, "item 78 q=-");

  auto nc = c.Request(Get("/api/v1/no-content"));
  ASSERT_TRUE(nc);
  EXPECT_EQ(nc->status, 204);
  EXPECT_FALSE(nc->HasHeader("Content-Length"));
  auto again = c.Request(Get("/api/v1/items/79"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, "item 79 q=-");
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  auto a = c.Request(Get("/api/v1/items/1"));
  auto b = c.Request("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->body, "item 1 q=-");
  EXPECT_EQ(b->body, "hello");
  EXPECT_FALSE(a->HasHeader("Connection"));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  ASSERT_TRUE(c.Send(Get("/api/v1/items/1") +
                     "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc" +
                     Get("/api/v1/items/3")));
  auto a = c.Read(), b = c.Read(), d = c.Read();
  ASSERT_TRUE(a && b && d);
  EXPECT_EQ(a->body, "item 1 q=-");
  EXPECT_EQ(b->body, "abc");
  EXPECT_EQ(d->body, "item 3 q=-");
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveIsAsked) {
  RunningServer server(RunningServer::Defaults(), router_);
  {
    RawClient c(server.port());
    auto r = c.Request("GET /api/v1/items/1 HTTP/1.0\r\n\r\n");
    ASSERT_TRUE(r);
    // Answered as HTTP/1.1, the highest version the server speaks, and closed.
    EXPECT_THAT(r->status_line, HasSubstr("HTTP/1.1 200"));
    EXPECT_EQ(r->Header("Connection"), "close");
    EXPECT_TRUE(c.ReadUntilClosed());
  }
  {
    RawClient c(server.port());
    auto r = c.Request("GET /api/v1/items/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_TRUE(EqualsIgnoreCase(r->Header("Connection"), "keep-alive"));
    auto again = c.Request("GET /api/v1/items/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->body, "item 2 q=-");
  }
  {
    RawClient c(server.port());
    auto r = c.Request(Get("/api/v1/items/1", "Connection: close\r\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->Header("Connection"), "close");
    EXPECT_TRUE(c.ReadUntilClosed());
  }
}

TEST_F(ServerTest, OversizedBodyIs413WithoutReadingIt) {
  std::atomic<int> calls{0};
  router_.Add("POST", "/api/v1/upload", [&](HttpRequest&) {
    ++calls;
    return Text("stored");
  });
  HttpServer::Options o = RunningServer::Defaults();
  o.max_body_bytes = 1000;
  RunningServer server(o, router_);
  {
    // Declared too large: answered right after the headers, before any body byte.
    RawClient c(server.port());
    auto r =
        c.Request("POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 50000000\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(r->Header("Connection"), "close");
    EXPECT_EQ(r->body, R"({"type":"about:blank","title":"Payload Too Large","status":413})");
    EXPECT_TRUE(c.ReadUntilClosed());
  }
  {
    // With Expect: 100-continue the client never has to send the body.
    RawClient c(server.port());
    auto r = c.Request(
        "POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n"
        "Expect: 100-continue\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  {
    // Chunked: the limit trips while reading.
    RawClient c(server.port());
    std::string chunk(800, 'x');
    auto r = c.Request(
        "POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        "320\r\n" +
        chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  {
    // At the limit it is fine.
    RawClient c(server.port());
    auto r = c.Request("POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" +
                       std::string(1000, 'y'));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  EXPECT_EQ(calls.load(), 1);
  EXPECT_THAT(
      server.server().metrics().RenderPrometheus(),
      HasSubstr("http_requests_total{route=\"/api/v1/upload\",method=\"POST\",status=\"413\"} 3"));
}

TEST_F(ServerTest, ExpectContinueGetsA100BeforeTheBody) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  ASSERT_TRUE(
      c.Send("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n"
             "Expect: 100-continue\r\n\r\n"));
  auto cont = c.Read();
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->status, 100);
  ASSERT_TRUE(c.Send("data"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "data");
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  HttpServer::Options o = RunningServer::Defaults();
  o.max_header_bytes = 4096;
  RunningServer server(o, router_);
  RawClient c(server.port());
  auto r = c.Request(Get("/api/v1/items/1", "X-Big: " + std::string(5000, 'a') + "\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(r->Header("Connection"), "close");
  EXPECT_TRUE(c.ReadUntilClosed());
  // Just under the limit passes.
  RawClient ok(server.port());
  auto fine = ok.Request(Get("/api/v1/items/1", "X-Big: " + std::string(3500, 'a') + "\r\n"));
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 200);
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  RunningServer server(RunningServer::Defaults(), router_);
  for (std::string raw : {std::string("GARBAGE\r\n\r\n"),
                          std::string("GET /a HTTP/1.1\r\n\r\n"),  // 1.1 without Host
                          std::string("GET /a%zz HTTP/1.1\r\nHost: t\r\n\r\n"),
                          std::string("GET http://x/ HTTP/1.1\r\nHost: t\r\n\r\n"),
                          std::string("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\n"
                                      "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc"),
                          std::string("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\n"
                                      "Transfer-Encoding: gzip\r\n\r\nabc")}) {
    RawClient c(server.port());
    auto r = c.Request(raw);
    ASSERT_TRUE(r) << raw;
    EXPECT_EQ(r->status, 400) << raw;
    EXPECT_TRUE(c.ReadUntilClosed());
  }
}

TEST_F(ServerTest, SlowHeadersAndBodiesGet408) {
  HttpServer::Options o = RunningServer::Defaults();
  o.header_timeout = std::chrono::milliseconds(150);
  o.body_timeout = std::chrono::milliseconds(150);
  RunningServer server(o, router_);
  {
    RawClient c(server.port());
    ASSERT_TRUE(c.Send("GET /api/v1/items/1 HTTP/1.1\r\nHost: t\r\n"));  // never ends
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 408);
    EXPECT_TRUE(c.ReadUntilClosed());
  }
  {
    RawClient c(server.port());
    ASSERT_TRUE(c.Send("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 408);
    EXPECT_TRUE(c.ReadUntilClosed());
  }
  {
    // A connection that never sends anything is closed without a response.
    RawClient c(server.port());
    EXPECT_FALSE(c.Read());
  }
}

TEST_F(ServerTest, IdleKeepAliveConnectionsAreClosed) {
  HttpServer::Options o = RunningServer::Defaults();
  o.idle_timeout = std::chrono::milliseconds(100);
  RunningServer server(o, router_);
  RawClient c(server.port());
  auto r = c.Request(Get("/api/v1/items/1"));
  ASSERT_TRUE(r);
  EXPECT_TRUE(c.ReadUntilClosed());
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  for (std::string target : {"/api/v1/items/1", "/api/v1/missing", "/api/v1/throws"}) {
    auto r = c.Request(Get(target));
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r->Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r->Header("Referrer-Policy"), "same-origin");
    std::string csp = r->Header("Content-Security-Policy");
    EXPECT_THAT(csp, HasSubstr("default-src 'self'"));
    EXPECT_THAT(csp, HasSubstr("img-src 'self' data: blob:"));
    EXPECT_THAT(csp, HasSubstr("style-src 'self' 'unsafe-inline'"));
    EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
    EXPECT_THAT(csp, HasSubstr("object-src 'none'"));
    EXPECT_EQ(r->Header("Cache-Control"), "no-store");
  }
  auto cached = c.Request(Get("/api/v1/cached"));
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->Header("Cache-Control"), "private, max-age=60");
}

TEST_F(ServerTest, RequestIdsAreGeneratedOrEchoed) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  auto generated = c.Request(Get("/api/v1/request-id"));
  ASSERT_TRUE(generated);
  EXPECT_THAT(generated->Header("X-Request-Id"), MatchesRegex("[0-9a-f]{16}"));
  EXPECT_EQ(generated->body, generated->Header("X-Request-Id"));
  auto other = c.Request(Get("/api/v1/request-id"));
  ASSERT_TRUE(other);
  EXPECT_NE(other->body, generated->body);

  auto echoed = c.Request(Get("/api/v1/request-id", "X-Request-Id: abc-123_X.y\r\n"));
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->Header("X-Request-Id"), "abc-123_X.y");
  EXPECT_EQ(echoed->body, "abc-123_X.y");

  for (std::string bad : {std::string("has space"), std::string("semi;colon"), std::string(65, 'a'),
                          std::string("<script>")}) {
    auto r = c.Request(Get("/api/v1/request-id", "X-Request-Id: " + bad + "\r\n"));
    ASSERT_TRUE(r);
    EXPECT_THAT(r->Header("X-Request-Id"), MatchesRegex("[0-9a-f]{16}")) << bad;
  }
  // Error responses carry one too.
  auto nf = c.Request(Get("/api/v1/nope", "X-Request-Id: trace-1\r\n"));
  ASSERT_TRUE(nf);
  EXPECT_EQ(nf->Header("X-Request-Id"), "trace-1");
}

TEST_F(ServerTest, HandlerExceptionsBecome500ProblemJson) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  auto r = c.Request(Get("/api/v1/throws"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(r->body, R"({"type":"about:blank","title":"Internal Server Error","status":500})");
  // The connection survives.
  auto next = c.Request(Get("/api/v1/items/5"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, HandlersCannotInjectHeadersOrBreakFraming) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  auto r = c.Request(Get("/api/v1/injection"));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->HasHeader("X-Evil"));
  EXPECT_FALSE(r->HasHeader("Set-Cookie"));
  EXPECT_EQ(r->Header("X-Fine"), "yes");
  EXPECT_EQ(r->Header("Content-Length"), "2");
  EXPECT_EQ(r->body, "ok");
}

// A blocking route that waits until the test releases it.
struct Gate {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<std::thread::id> thread;
};

TEST_F(ServerTest, BlockingHandlersRunOffTheIoThread) {
  Gate gate;
  std::atomic<std::thread::id> fast_thread;
  router_.Add("POST", "/api/v1/session",
              [&](HttpRequest&) {
                gate.thread = std::this_thread::get_id();
                gate.entered.set_value();
                gate.released.wait();
                return Text("slow done");
              },
              {.blocking = true});
  router_.Add("GET", "/api/v1/fast", [&](HttpRequest&) {
    fast_thread = std::this_thread::get_id();
    return Text("fast");
  });
  HttpServer::Options o = RunningServer::Defaults();
  o.io_threads = 1;  // a blocking handler on the I/O thread would stall everything
  RunningServer server(o, router_);

  RawClient slow(server.port());
  ASSERT_TRUE(slow.Send("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
  gate.entered.get_future().wait();
  // While the slow handler holds its worker, the single I/O thread still serves.
  RawClient fast(server.port());
  auto f = fast.Request(Get("/api/v1/fast"));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->body, "fast");
  gate.release.set_value();
  auto s = slow.Read();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->body, "slow done");
  EXPECT_NE(gate.thread.load(), fast_thread.load());
}

TEST_F(ServerTest, GracefulDrainFinishesInFlightRequestsAndRefusesNewOnes) {
  Gate gate;
  router_.Add("POST", "/api/v1/slow",
              [&](HttpRequest&) {
                gate.entered.set_value();
                gate.released.wait();
                return Text("finished");
              },
              {.blocking = true});
  HttpServer::Options o = RunningServer::Defaults();
  o.io_threads = 1;
  RunningServer server(o, router_);

  RawClient idle(server.port());
  ASSERT_TRUE(idle.Request(Get("/api/v1/items/1")));
  RawClient busy(server.port());
  ASSERT_TRUE(busy.Send("POST /api/v1/slow HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
  gate.entered.get_future().wait();

  server.server().Stop();
  // The idle keep-alive connection is closed; the listener was closed before it.
  EXPECT_TRUE(idle.ReadUntilClosed());
  RawClient late(server.port());
  EXPECT_FALSE(late.connected());
  EXPECT_EQ(late.connect_errno(), ECONNREFUSED);

  gate.release.set_value();
  auto r = busy.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->Header("Connection"), "close");
  EXPECT_TRUE(busy.ReadUntilClosed());
  server.Join();  // Run() returned
}

TEST_F(ServerTest, DrainTimeoutClosesWhatIsStillRunning) {
  Gate gate;
  router_.Add("POST", "/api/v1/stuck",
              [&](HttpRequest&) {
                gate.entered.set_value();
                gate.released.wait();
                return Text("too late");
              },
              {.blocking = true});
  HttpServer::Options o = RunningServer::Defaults();
  o.drain_timeout = std::chrono::milliseconds(100);
  RunningServer server(o, router_);
  RawClient busy(server.port());
  ASSERT_TRUE(busy.Send("POST /api/v1/stuck HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
  gate.entered.get_future().wait();
  server.server().Stop();
  EXPECT_FALSE(busy.Read());  // closed without a response
  gate.release.set_value();
  server.Join();
}

TEST_F(ServerTest, StopBeforeRunReturnsPromptly) {
  HttpServer::Options o = RunningServer::Defaults();
  o.port = 0;
  o.bind = "127.0.0.1";
  o.handle_signals = false;
  HttpServer server(o, router_);
  ASSERT_TRUE(server.Listen().ok());
  EXPECT_NE(server.port(), 0);
  server.Stop();
  server.Run();
}

TEST_F(ServerTest, ListenReportsErrors) {
  HttpServer::Options o = RunningServer::Defaults();
  o.port = 0;
  o.bind = "not an address";
  EXPECT_EQ(HttpServer(o, router_).Listen().code(), absl::StatusCode::kInvalidArgument);
  o.bind = "127.0.0.1";
  o.static_root = "/nonexistent/web";
  EXPECT_EQ(HttpServer(o, router_).Listen().code(), absl::StatusCode::kInvalidArgument);

  RunningServer taken(RunningServer::Defaults(), router_);
  o.static_root.clear();
  o.port = taken.port();
  EXPECT_EQ(HttpServer(o, router_).Listen().code(), absl::StatusCode::kUnavailable);
}

TEST_F(ServerTest, MetricsCountHandledRoutesByPattern) {
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient c(server.port());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.Request(Get("/api/v1/items/" + std::to_string(i))));
  ASSERT_TRUE(c.Request(Get("/api/v1/nothing")));
  ASSERT_TRUE(c.Request("DELETE /api/v1/items/9 HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::string text = server.server().metrics().RenderPrometheus();
  EXPECT_THAT(
      text,
      HasSubstr(
          "http_requests_total{route=\"/api/v1/items/{id}\",method=\"GET\",status=\"200\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("http_requests_total{route=\"/api/v1/items/"
                              "{id}\",method=\"DELETE\",status=\"200\"} 1\n"));
  EXPECT_THAT(
      text,
      HasSubstr("http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("http_request_duration_seconds_count{route=\"/api/v1/items/{id}\"} 4\n"));
  EXPECT_THAT(text, Not(HasSubstr("/api/v1/items/1\"")));
}

// ---- Static files.

class StaticServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/retorno_static_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    base_ = tmpl;
    root_ = base_ / "dist";
    std::filesystem::create_directories(root_ / "assets");
    std::filesystem::create_directories(root_ / "docs");
    Write(root_ / "index.html", "<!doctype html><div id=app></div>");
    Write(root_ / "assets" / "index-3fa9c1.js", "console.log('app')");
    Write(root_ / "assets" / "index-3fa9c1.js.gz", std::string("\x1f\x8b\x08\0fakegzip", 12));
    Write(root_ / "assets" / "index-77aa.css", "body{}");
    Write(root_ / "docs" / "index.html", "docs");
    Write(root_ / ".env", "SECRET=1");
    Write(base_ / "secret.txt", "outside the root");
    std::filesystem::create_symlink(base_ / "secret.txt", root_ / "escape.txt");
    std::filesystem::create_symlink(root_ / "assets" / "index-77aa.css", root_ / "alias.css");
    HttpServer::Options o = RunningServer::Defaults();
    o.static_root = root_.string();
    router_.Add("GET", "/healthz", [](HttpRequest&) { return Text("ok"); });
    server_ = std::make_unique<RunningServer>(o, router_);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(base_);
  }
  static void Write(const std::filesystem::path& p, const std::string& content) {
    std::ofstream(p, std::ios::binary) << content;
  }
  std::optional<RawResponse> Fetch(const std::string& target, const std::string& headers = "") {
    RawClient c(server_->port());
    return c.Request(Get(target, headers));
  }

  std::filesystem::path base_, root_;
  Router router_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(StaticServerTest, ServesFilesWithTypesAndCaching) {
  auto js = Fetch("/assets/index-3fa9c1.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log('app')");
  EXPECT_EQ(js->Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js->Header("Vary"), "Accept-Encoding");
  EXPECT_FALSE(js->HasHeader("Content-Encoding"));
  EXPECT_FALSE(js->Header("ETag").empty());
  EXPECT_THAT(js->Header("Last-Modified"), HasSubstr(" GMT"));
  EXPECT_EQ(js->Header("X-Frame-Options"), "DENY");

  auto css = Fetch("/assets/index-77aa.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_FALSE(css->HasHeader("Vary"));

  auto index = Fetch("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body, "<!doctype html><div id=app></div>");
  EXPECT_EQ(index->Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->Header("Cache-Control"), "no-cache");
  EXPECT_EQ(index->Header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(index->Header("Content-Security-Policy").empty());

  // Routes win over files; the router's /healthz is not a file.
  auto health = Fetch("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->body, "ok");

  std::string text = server_->server().metrics().RenderPrometheus();
  EXPECT_THAT(text,
              HasSubstr("http_requests_total{route=\"static\",method=\"GET\",status=\"200\"} 3\n"));
}

TEST_F(StaticServerTest, ConditionalRequestsGet304) {
  auto first = Fetch("/assets/index-77aa.css");
  ASSERT_TRUE(first);
  std::string etag = first->Header("ETag");
  auto again = Fetch("/assets/index-77aa.css", "If-None-Match: " + etag + "\r\n");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_EQ(again->body, "");
  EXPECT_EQ(again->Header("ETag"), etag);
  auto weak = Fetch("/assets/index-77aa.css", "If-None-Match: \"other\", W/" + etag + "\r\n");
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->status, 304);
  auto changed = Fetch("/assets/index-77aa.css", "If-None-Match: \"other\"\r\n");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
  auto since = Fetch("/assets/index-77aa.css",
                     "If-Modified-Since: " + first->Header("Last-Modified") + "\r\n");
  ASSERT_TRUE(since);
  EXPECT_EQ(since->status, 304);
  auto old =
      Fetch("/assets/index-77aa.css", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 200);
}

TEST_F(StaticServerTest, SpaFallbackOnlyForPageLikePaths) {
  auto page = Fetch("/followups/42");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "<!doctype html><div id=app></div>");
  EXPECT_EQ(page->Header("Cache-Control"), "no-cache");
  auto missing_asset = Fetch("/assets/missing-123.js");
  ASSERT_TRUE(missing_asset);
  EXPECT_EQ(missing_asset->status, 404);
  auto api = Fetch("/api/v1/unknown");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->Header("Content-Type"), "application/problem+json");
  // Only GET and HEAD reach the files.
  RawClient c(server_->port());
  auto post = c.Request("POST /followups HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 404);
}

TEST_F(StaticServerTest, DirectoriesServeTheirIndex) {
  auto redirect = Fetch("/docs?x=1");
  ASSERT_TRUE(redirect);
  EXPECT_EQ(redirect->status, 301);
  EXPECT_EQ(redirect->Header("Location"), "/docs/?x=1");
  auto docs = Fetch("/docs/");
  ASSERT_TRUE(docs);
  EXPECT_EQ(docs->body, "docs");
}

TEST_F(StaticServerTest, NeverEscapesTheRoot) {
  for (std::string target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                             "/assets/../../secret.txt", "/./index.html"}) {
    auto r = Fetch(target);
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    EXPECT_THAT(r->body, Not(HasSubstr("outside")));
  }
  auto link_out = Fetch("/escape.txt");
  ASSERT_TRUE(link_out);
  EXPECT_EQ(link_out->status, 404);
  auto hidden = Fetch("/.env");
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);
  auto link_in = Fetch("/alias.css");
  ASSERT_TRUE(link_in);
  EXPECT_EQ(link_in->status, 200);
  EXPECT_EQ(link_in->body, "body{}");
}

TEST_F(StaticServerTest, ServesTheGzipVariantWhenAccepted) {
  auto gz = Fetch("/assets/index-3fa9c1.js", "Accept-Encoding: br;q=0, gzip, deflate\r\n");
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->status, 200);
  EXPECT_EQ(gz->Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(gz->Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gz->body, std::string("\x1f\x8b\x08\0fakegzip", 12));
  auto plain = Fetch("/assets/index-3fa9c1.js");
  ASSERT_TRUE(plain);
  EXPECT_NE(gz->Header("ETag"), plain->Header("ETag"));
  auto refused = Fetch("/assets/index-3fa9c1.js", "Accept-Encoding: gzip;q=0\r\n");
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->HasHeader("Content-Encoding"));
  EXPECT_EQ(refused->body, "console.log('app')");
}

TEST_F(StaticServerTest, HeadSendsHeadersOnly) {
  RawClient c(server_->port());
  auto head = c.Request("HEAD /assets/index-3fa9c1.js HTTP/1.1\r\nHost: t\r\n\r\n", true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("Content-Length"), "18");
  auto next = c.Request(Get("/assets/index-77aa.css"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "body{}");
}

// Streams (Server-Sent Events): a handler returns at once with a stream that other
// threads write to later.
struct StreamRoute {
  std::promise<std::shared_ptr<ResponseStream>> opened;
  std::atomic<bool> closed_callback{false};
};

void AddStreamRoute(Router& router, StreamRoute& route) {
  router.Add("GET", "/api/v1/stream", [&route](HttpRequest&) {
    auto stream = std::make_shared<ResponseStream>();
    stream->Write("first\n");
    stream->OnClosed([&route] { route.closed_callback = true; });
    route.opened.set_value(stream);
    HttpResponse r;
    r.headers.emplace_back("Content-Type", "text/event-stream");
    r.stream = stream;
    return r;
  });
}

TEST_F(ServerTest, StreamSendsChunksWrittenFromAnotherThreadUntilClosed) {
  StreamRoute route;
  AddStreamRoute(router_, route);
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient client(server.port());
  ASSERT_TRUE(client.Send(Get("/api/v1/stream")));
  std::shared_ptr<ResponseStream> stream = route.opened.get_future().get();
  std::thread writer([stream] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(stream->Write("second\n"));
    stream->Close();
    EXPECT_FALSE(stream->Write("after close\n"));
  });
  auto r = client.Read();  // no Content-Length: the body ends when the server closes
  writer.join();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->HasHeader("Content-Length"));
  EXPECT_EQ(r->Header("Connection"), "close");
  EXPECT_EQ(r->Header("Content-Type"), "text/event-stream");
  EXPECT_EQ(r->body, "first\nsecond\n");
  for (int i = 0; i < 100 && !route.closed_callback; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(route.closed_callback);
}

TEST_F(ServerTest, StreamEndsWhenTheClientGoesAway) {
  StreamRoute route;
  AddStreamRoute(router_, route);
  RunningServer server(RunningServer::Defaults(), router_);
  std::shared_ptr<ResponseStream> stream;
  {
    RawClient client(server.port());
    ASSERT_TRUE(client.Send(Get("/api/v1/stream")));
    stream = route.opened.get_future().get();
  }  // the client closes its socket
  // The server notices on its next write; the stream then refuses writes.
  bool ended = false;
  for (int i = 0; i < 100 && !ended; ++i) {
    ended = !stream->Write("event: ping\n\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(ended);
  EXPECT_TRUE(route.closed_callback);
}

TEST_F(ServerTest, DrainEndsOpenStreams) {
  StreamRoute route;
  AddStreamRoute(router_, route);
  RunningServer server(RunningServer::Defaults(), router_);
  RawClient client(server.port());
  ASSERT_TRUE(client.Send(Get("/api/v1/stream")));
  std::shared_ptr<ResponseStream> stream = route.opened.get_future().get();
  const auto t0 = std::chrono::steady_clock::now();
  server.server().Stop();
  auto r = client.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "first\n");
  server.Join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  EXPECT_TRUE(stream->closed());
}

}  // namespace
}  // namespace retorno
