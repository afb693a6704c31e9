#include <utility>  // before Asio with g++ 12 coroutines (STACK.md)

#include "http/server/server.h"

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"

namespace retorno {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr char kCsp[] =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'";

std::string NewRequestId() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^
                                   std::hash<std::thread::id>()(std::this_thread::get_id()));
  return absl::StrFormat("%016x", rng());
}

bool SaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

bool HasHeader(const HttpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (absl::EqualsIgnoreCase(k, ToAbsl(name))) return true;
  return false;
}

void SetDefault(HttpResponse& r, std::string name, std::string value) {
  if (!HasHeader(r, name)) r.headers.emplace_back(std::move(name), std::move(value));
}

HttpResponse Problem(int status, std::string_view title, std::string_view code) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/problem+json; charset=utf-8");
  r.body = absl::StrCat(R"({"type":"about:blank","title":")", ToAbsl(title), R"(","status":)",
                        status, R"(,"code":")", ToAbsl(code), R"("})");
  return r;
}

std::string_view ContentTypeOf(const std::filesystem::path& p) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  std::string ext = absl::AsciiStrToLower(p.extension().string());
  for (const auto& [e, t] : kTypes)
    if (e == ext) return t;
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

struct HttpServer::Impl {
  Options options;
  const Router& router;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc};
  asio::steady_timer drain_timer{ioc};
  asio::thread_pool blocking_pool;
  Metrics metrics;
  std::filesystem::path static_root;
  std::atomic<bool> draining{false};
  std::atomic<int> active_sessions{0};
  uint16_t bound_port = 0;

  // Live connections, so Stop() can close the idle ones.
  struct Conn {
    beast::tcp_stream* stream;
    asio::strand<asio::io_context::executor_type> strand;
    bool busy = false;  // guarded by the strand
  };
  std::mutex conns_mu;
  std::set<std::shared_ptr<Conn>> conns;

  Impl(Options o, const Router& r)
      : options(std::move(o)), router(r), blocking_pool(std::max(1, options.blocking_threads)) {
    if (!options.static_root.empty()) {
      std::error_code ec;
      static_root = std::filesystem::canonical(options.static_root, ec);
      if (ec) static_root.clear();
    }
  }

  std::optional<HttpResponse> ServeStatic(const HttpRequest& req) {
    if (static_root.empty() || (req.method != "GET" && req.method != "HEAD")) return std::nullopt;
    if (req.path.starts_with("/api/") || req.path == "/api") return std::nullopt;
    std::string rel = req.path == "/" ? "index.html" : req.path.substr(1);
    for (absl::string_view seg : absl::StrSplit(rel, '/'))
      if (seg == ".." || seg == ".") return Problem(404, "Not Found", "not_found");
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos)
      return Problem(404, "Not Found", "not_found");
    std::error_code ec;
    std::filesystem::path file = std::filesystem::weakly_canonical(static_root / rel, ec);
    auto inside = [&](const std::filesystem::path& p) {
      auto [r, _] = std::mismatch(static_root.begin(), static_root.end(), p.begin(), p.end());
      return r == static_root.end();
    };
    if (ec || !inside(file) || !std::filesystem::is_regular_file(file, ec)) {
      // SPA fallback: client-side routes ("/followups/12") get the app's index.html;
      // a missing asset ("/assets/x.js") is a real 404.
      std::string last = rel.substr(rel.find_last_of('/') + 1);
      if (last.find('.') != std::string::npos) return Problem(404, "Not Found", "not_found");
      file = static_root / "index.html";
      if (!std::filesystem::is_regular_file(file, ec)) return Problem(404, "Not Found", "not_found");
    }
    const bool immutable = rel.starts_with("assets/");
    std::filesystem::path served = file;
    bool gzip = false;
    if (absl::StrContains(ToAbsl(req.Header("Accept-Encoding")), "gzip")) {
      std::filesystem::path gz = file;
      gz += ".gz";
      if (std::filesystem::is_regular_file(gz, ec)) {
        served = gz;
        gzip = true;
      }
    }
    auto size = std::filesystem::file_size(served, ec);
    auto mtime = std::filesystem::last_write_time(served, ec).time_since_epoch().count();
    std::string etag = absl::StrFormat("\"%x-%x%s\"", size, mtime, gzip ? "-gz" : "");
    HttpResponse r;
    r.headers.emplace_back("ETag", etag);
    r.headers.emplace_back("Cache-Control",
                           immutable ? "public, max-age=31536000, immutable" : "no-cache");
    r.headers.emplace_back("Vary", "Accept-Encoding");
    if (req.Header("If-None-Match") == etag) {
      r.status = 304;
      return r;
    }
    auto body = ReadFile(served);
    if (!body) return Problem(404, "Not Found", "not_found");
    r.headers.emplace_back("Content-Type", std::string(ContentTypeOf(file)));
    if (gzip) r.headers.emplace_back("Content-Encoding", "gzip");
    r.body = std::move(*body);
    return r;
  }

  HttpResponse Dispatch(HttpRequest& req, const Router::Match& m) {
    try {
      return (*m.handler)(req);
    } catch (const std::exception& e) {
      spdlog::error("[{}] {} {}: unhandled exception: {}", req.request_id, req.method, req.path,
                    e.what());
    } catch (...) {
      spdlog::error("[{}] {} {}: unhandled exception", req.request_id, req.method, req.path);
    }
    return Problem(500, "Internal Server Error", "internal");
  }

  static awaitable<HttpResponse> RunBlocking(Impl* self, HttpRequest* req,
                                             const Router::Match* m) {
    co_return self->Dispatch(*req, *m);
  }

  awaitable<HttpResponse> Handle(HttpRequest& req) {
    Router::Match m = router.Find(req);
    if (m.kind == Router::Match::Kind::kFound) {
      if (m.options.blocking)
        co_return co_await asio::co_spawn(blocking_pool.get_executor(),
                                          RunBlocking(this, &req, &m), use_awaitable);
      co_return Dispatch(req, m);
    }
    if (auto file = ServeStatic(req)) {
      req.route = "static";
      co_return *file;
    }
    req.route = "unmatched";
    if (m.kind == Router::Match::Kind::kMethodNotAllowed) {
      HttpResponse r = Problem(405, "Method Not Allowed", "method_not_allowed");
      r.headers.emplace_back("Allow", m.allow);
      co_return r;
    }
    co_return Problem(404, "Not Found", "not_found");
  }

  static HttpRequest Convert(const http::request<http::string_body>& in, std::string remote_ip) {
    HttpRequest r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    std::string_view target = r.target;
    size_t q = target.find('?');
    r.path = PercentDecode(target.substr(0, q), false).value_or(std::string(target.substr(0, q)));
    if (q != std::string_view::npos) {
      for (absl::string_view kv : absl::StrSplit(ToAbsl(target.substr(q + 1)), '&', absl::SkipEmpty())) {
        size_t eq = kv.find('=');
        auto k = PercentDecode(ToStd(kv.substr(0, eq)), true);
        auto v = eq == absl::string_view::npos ? std::optional<std::string>("")
                                               : PercentDecode(ToStd(kv.substr(eq + 1)), true);
        if (k && v) r.query.emplace_back(std::move(*k), std::move(*v));
      }
    }
    for (const auto& f : in) r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    r.body = in.body();
    r.remote_ip = std::move(remote_ip);
    std::string_view incoming = r.Header("X-Request-Id");
    r.request_id = SaneRequestId(incoming) ? std::string(incoming) : NewRequestId();
    return r;
  }

  void Finish(HttpResponse& r, const HttpRequest& req) {
    SetDefault(r, "X-Content-Type-Options", "nosniff");
    SetDefault(r, "X-Frame-Options", "SAMEORIGIN");
    SetDefault(r, "Referrer-Policy", "same-origin");
    SetDefault(r, "Content-Security-Policy", kCsp);
    if (req.path.starts_with("/api/")) SetDefault(r, "Cache-Control", "no-store");
    r.headers.emplace_back("X-Request-Id", req.request_id);
  }

  awaitable<void> Write(beast::tcp_stream& stream, HttpResponse& r, unsigned version,
                        bool keep_alive, bool head, beast::error_code& ec) {
    http::response<http::string_body> res{static_cast<http::status>(r.status), version};
    for (auto& [k, v] : r.headers) res.insert(k, v);
    res.keep_alive(keep_alive);
    if (head || r.status == 304 || r.status == 204) {
      if (head) res.content_length(r.body.size());
    } else {
      res.body() = std::move(r.body);
      res.prepare_payload();
    }
    stream.expires_after(std::chrono::seconds(options.body_timeout_seconds));
    co_await http::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
  }

  awaitable<void> Session(tcp::socket socket, std::shared_ptr<Conn> conn) {
    beast::tcp_stream stream(std::move(socket));
    conn->stream = &stream;
    std::string remote_ip;
    {
      boost::system::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote_ip = ep.address().to_string();
    }
    beast::flat_buffer buffer;
    bool first = true;
    while (!draining) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      parser.body_limit(options.max_body_bytes);
      beast::error_code ec;
      stream.expires_after(std::chrono::seconds(first ? options.header_timeout_seconds
                                                      : options.idle_timeout_seconds));
      first = false;
      conn->busy = false;
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      conn->busy = true;
      const auto started = std::chrono::steady_clock::now();
      HttpResponse early;
      bool fatal = false;
      if (ec == http::error::header_limit) {
        early = Problem(431, "Request Header Fields Too Large", "header_too_large");
        fatal = true;
      } else if (ec == http::error::body_limit ||
                 (!ec && parser.content_length() &&
                  *parser.content_length() > options.max_body_bytes)) {
        // Beast already refuses a Content-Length over the limit while reading headers.
        early = Problem(413, "Content Too Large", "too_large");
        fatal = true;
      } else if (ec) {
        break;  // closed, timed out while idle, or garbage: nothing to answer
      } else {
        stream.expires_after(std::chrono::seconds(options.body_timeout_seconds));
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
        if (ec == http::error::body_limit) {
          early = Problem(413, "Content Too Large", "too_large");
          fatal = true;
        } else if (ec == beast::error::timeout) {
          early = Problem(408, "Request Timeout", "timeout");
          fatal = true;
        } else if (ec) {
          break;
        }
      }
      HttpRequest req;
      HttpResponse res;
      unsigned version = 11;
      bool keep_alive = false;
      bool head = false;
      if (fatal) {
        req.method = std::string(parser.get().method_string());
        req.path = std::string(parser.get().target());
        req.request_id = NewRequestId();
        req.remote_ip = remote_ip;
        req.route = "unmatched";
        res = std::move(early);
      } else {
        auto msg = parser.release();
        version = msg.version();
        keep_alive = msg.keep_alive() && !draining;
        head = msg.method() == http::verb::head;
        req = Convert(msg, remote_ip);
        res = co_await Handle(req);
        keep_alive = keep_alive && !draining;  // a drain may have begun meanwhile
      }
      Finish(res, req);
      const int status = res.status;
      const size_t bytes = res.body.size();
      // Recorded before the write so a client that has its answer also sees it counted.
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      metrics.RecordRequest(req.route.empty() ? "unmatched" : req.route, req.method, status, secs);
      beast::error_code wec;
      co_await Write(stream, res, version, keep_alive, head, wec);
      if (options.access_log)
        spdlog::info("[{}] {} {} {} {}B {}us {}", req.request_id, req.method, req.path, status,
                     bytes, static_cast<int64_t>(secs * 1e6), remote_ip);
      if (fatal && !wec) {
        // Lingering close: the client may still be sending the body we refused; closing
        // now would reset the connection and lose our answer. Stop sending, then read
        // and drop its bytes for a moment.
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(std::chrono::seconds(2));
        std::array<char, 16384> sink;
        size_t dropped = 0;
        while (dropped < 64 * 1024 * 1024) {
          size_t n = co_await stream.async_read_some(asio::buffer(sink),
                                                     asio::redirect_error(use_awaitable, ignored));
          if (ignored) break;
          dropped += n;
        }
        break;
      }
      if (wec || !keep_alive || draining) break;
    }
    conn->stream = nullptr;
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
  }

  void StartSession(tcp::socket socket) {
    auto strand = asio::make_strand(ioc);
    auto conn = std::make_shared<Conn>(Conn{nullptr, strand});
    {
      std::lock_guard lock(conns_mu);
      conns.insert(conn);
    }
    ++active_sessions;
    asio::co_spawn(strand, Session(std::move(socket), conn),
                   [this, conn](std::exception_ptr e) {
                     if (e) {
                       try {
                         std::rethrow_exception(e);
                       } catch (const std::exception& ex) {
                         spdlog::error("connection ended by exception: {}", ex.what());
                       } catch (...) {
                       }
                     }
                     {
                       std::lock_guard lock(conns_mu);
                       conns.erase(conn);
                     }
                     if (--active_sessions == 0 && draining) drain_timer.cancel();
                   });
  }

  awaitable<void> Accept() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket(asio::make_strand(ioc));
      socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (draining || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      StartSession(std::move(socket));
    }
  }

  void BeginDrain() {
    if (draining.exchange(true)) return;
    spdlog::info("draining: no new connections, finishing in-flight requests");
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard lock(conns_mu);
    for (const auto& conn : conns) {
      asio::post(conn->strand, [conn] {
        if (!conn->busy && conn->stream) conn->stream->cancel();
      });
    }
    if (active_sessions == 0) return;
    drain_timer.expires_after(std::chrono::seconds(options.drain_timeout_seconds));
    drain_timer.async_wait([this](beast::error_code e) {
      if (!e) {
        spdlog::warn("drain timeout: closing {} connection(s)", active_sessions.load());
        ioc.stop();
      }
    });
  }
};

HttpServer::HttpServer(Options options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() {
  impl_->blocking_pool.join();
}

absl::Status HttpServer::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.bind, ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("bad bind address ", impl_->options.bind));
  tcp::endpoint ep(address, impl_->options.port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", impl_->options.bind, ":", impl_->options.port, ": ",
                     ec.message()));
  impl_->bound_port = a.local_endpoint().port();
  return absl::OkStatus();
}

uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::Run() {
  Impl& s = *impl_;
  if (s.options.handle_signals) {
    s.signals.add(SIGTERM);
    s.signals.add(SIGINT);
    s.signals.async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.BeginDrain();
    });
  }
  asio::co_spawn(s.ioc, s.Accept(), asio::detached);
  int n = s.options.io_threads > 0 ? s.options.io_threads
                                   : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
}

void HttpServer::Stop() {
  asio::post(impl_->ioc, [this] { impl_->BeginDrain(); });
}

Metrics& HttpServer::metrics() { return impl_->metrics; }

}  // namespace retorno
