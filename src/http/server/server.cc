// <utility> must come before Asio with g++ 12 and coroutines (see STACK.md).
#include "http/server/server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <exception>
#include <limits>
#include <list>
#include <optional>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "http/server/static_files.h"

namespace retorno {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using SteadyClock = std::chrono::steady_clock;
using error_code = boost::system::error_code;

namespace {

constexpr size_t kReadChunk = 16 * 1024;
// After an error response sent on a connection whose input was not all read, keep
// reading (and discarding) for a moment, so that closing does not send a TCP reset
// that could destroy the response before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);

constexpr char kInternalErrorBody[] =
    R"({"type":"about:blank","title":"Internal Server Error","status":500})";

beast::string_view Bsv(std::string_view s) { return {s.data(), s.size()}; }
std::string_view Ssv(beast::string_view s) { return {s.data(), s.size()}; }

auto Awaitable(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

std::string NewRequestId() {
  thread_local std::mt19937_64 rng = [] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<size_t>(i)] = kHex[v & 0xf];
  return id;
}

bool SaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool SafeFieldText(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

bool HasToken(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (EqualsIgnoreCase(item, token)) return true;
  }
  return false;
}

// The Date header, formatted once per second per thread.
const std::string& CurrentHttpDate() {
  thread_local std::time_t last = 0;
  thread_local std::string text;
  std::time_t now = std::time(nullptr);
  if (now != last) {
    last = now;
    text = FormatHttpDate(now);
  }
  return text;
}

std::string_view ReasonOf(int status) {
  std::string_view r =
      Ssv(http::obsolete_reason(http::int_to_status(static_cast<unsigned>(status))));
  return r == "<unknown-status>" ? std::string_view("Unknown") : r;
}

HttpResponse Problem(int status) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/problem+json");
  r.body = R"({"type":"about:blank","title":")";
  r.body += ReasonOf(status);
  r.body += R"(","status":)";
  r.body += std::to_string(status);
  r.body += '}';
  return r;
}

HttpResponse InternalError() {
  HttpResponse r;
  r.status = 500;
  r.headers.emplace_back("Content-Type", "application/problem+json");
  r.body = kInternalErrorBody;
  return r;
}

// The raw path of a target, for the access log: still percent-encoded, so a decoded
// CR or LF cannot forge log lines.
std::string LogPath(std::string_view target) { return LogSafePath(target); }

// A request the parser rejects, as opposed to a connection that ended early.
bool IsMalformed(const error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// One event loop on one thread; its connections are touched only from that thread.
struct Worker;

// A connection's state shared with its timer's callback.
struct Conn : std::enable_shared_from_this<Conn> {
  explicit Conn(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}

  tcp::socket socket;
  asio::steady_timer timer;
  // Deadline of the current phase; the timer may be armed later than it needs to be
  // (it re-arms itself on expiry), so that moving the deadline later costs nothing.
  SteadyClock::time_point deadline = SteadyClock::time_point::max();
  SteadyClock::time_point armed_at = SteadyClock::time_point::max();
  bool armed = false;
  bool timed_out = false;
  bool idle = false;     // waiting for the first byte of a request
  bool closing = false;  // the server decided to close it (drain)
  bool finished = false;
  std::list<Conn*>::iterator position;

  void SetDeadline(SteadyClock::duration d) {
    timed_out = false;
    deadline = SteadyClock::now() + d;
    if (!armed || deadline < armed_at) Arm(deadline);
  }
  void ClearDeadline() { deadline = SteadyClock::time_point::max(); }

  void Arm(SteadyClock::time_point at) {
    armed = true;
    armed_at = at;
    timer.expires_at(at);
    timer.async_wait([self = shared_from_this()](const error_code& ec) { self->OnTimer(ec); });
  }

  void OnTimer(const error_code& ec) {
    if (ec == asio::error::operation_aborted) return;  // re-armed or finished
    armed = false;
    if (finished || deadline == SteadyClock::time_point::max()) return;
    if (SteadyClock::now() < deadline) {
      Arm(deadline);
      return;
    }
    timed_out = true;
    error_code ignored;
    socket.cancel(ignored);
  }

  // Cancels every pending operation; the session then ends. `hard` also shuts the
  // socket down at once, for a connection whose handler is still running.
  void Abort(bool hard) {
    closing = true;
    error_code ignored;
    if (hard) socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.cancel(ignored);
  }

  void Finish() {
    finished = true;
    timer.cancel();
  }
};

struct Worker {
  // Declared before the loop so that they outlive the sessions it may still destroy.
  std::list<Conn*> conns;
  bool draining = false;
  asio::io_context ioc{1};
};

// What the server answers to one request.
struct Reply {
  HttpResponse response;
  std::optional<StaticReply> file;  // a static file (its status and headers)
  bool api = true;                  // handler or server error: Cache-Control no-store
  bool close = false;               // close the connection after it
  Metrics::RouteMetrics* metrics = nullptr;
};

}  // namespace

struct HttpServer::Impl {
  Impl(Options o, const Router& r)
      : options(std::move(o)),
        router(r),
        pool(static_cast<size_t>(std::max(1, options.blocking_threads))) {
    int n = options.io_threads > 0 ? options.io_threads
                                   : static_cast<int>(std::thread::hardware_concurrency());
    for (int i = 0; i < std::max(1, n); ++i) workers.push_back(std::make_unique<Worker>());
    for (const RouteInfo& route : router.routes())
      route_metrics.push_back(metrics.ForRoute(route.pattern));
    static_metrics = metrics.ForRoute("static");
    unmatched_metrics = metrics.ForRoute("unmatched");
  }

  ~Impl() {
    // Asio objects go before their loops; the pool (running handlers that reference
    // requests held by sessions) before the sessions; sessions that a loop still holds
    // (only if Run() ended abnormally) are destroyed with it and must not post.
    guards.clear();
    drain_timer.reset();
    signals.reset();
    acceptor.reset();
    pool.join();
    destroying = true;
    workers.clear();
  }

  asio::io_context& main_ioc() { return workers[0]->ioc; }

  absl::Status Listen();
  void Run();
  void Stop();
  void BeginDrain();
  void MaybeFinish();
  awaitable<void> AcceptLoop();
  awaitable<void> Session(Worker& w, tcp::socket socket);
  awaitable<bool> ServeOne(Worker& w, Conn& conn, beast::flat_buffer& buffer,
                           const std::string& remote_ip);
  awaitable<Reply> Dispatch(HttpRequest& req, const Router::Match& match);
  HttpResponse Invoke(const Handler& handler, HttpRequest& req);
  awaitable<bool> Send(Conn& conn, const HttpRequest& req, Reply& reply, bool keep_alive,
                       uint64_t* bytes);
  // The server's own refusal (unknown path or method, a request too large, too slow or
  // malformed): the application's renderer when it gave one (its code, message in the
  // caller's language, request id), else the reason phrase.
  HttpResponse ProblemFor(int status, const HttpRequest& req) const {
    return options.problem ? options.problem(status, req) : Problem(status);
  }

  awaitable<void> Reject(Conn& conn, int status, const std::string& remote_ip,
                         const HttpRequest* req, Metrics::RouteMetrics* m,
                         SteadyClock::time_point start);
  awaitable<void> LingeringClose(Conn& conn);
  awaitable<void> Stream(Worker& w, Conn& conn, ResponseStream& stream, uint64_t* bytes);
  void Log(const HttpRequest& req, int status, uint64_t bytes, SteadyClock::time_point start);

  Options options;
  const Router& router;
  Metrics metrics;
  std::vector<Metrics::RouteMetrics*> route_metrics;
  Metrics::RouteMetrics* static_metrics = nullptr;
  Metrics::RouteMetrics* unmatched_metrics = nullptr;
  std::unique_ptr<StaticFiles> static_files;

  std::vector<std::unique_ptr<Worker>> workers;
  // Declared after the workers so that it is destroyed (joined) before their loops:
  // a blocking handler's completion is posted to a loop.
  asio::thread_pool pool;
  std::optional<tcp::acceptor> acceptor;          // on main_ioc()
  std::optional<asio::signal_set> signals;        // on main_ioc()
  std::optional<asio::steady_timer> drain_timer;  // on main_ioc()
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;

  std::atomic<uint16_t> port{0};
  std::atomic<bool> stop_requested{false};
  std::atomic<int> live{0};  // open connections
  bool stopping = false;     // main_ioc() only
  bool finished = false;     // main_ioc() only
  size_t next_worker = 0;    // main_ioc() only
  bool ran = false;
  std::atomic<bool> destroying{false};
};

absl::Status HttpServer::Impl::Listen() {
  if (!options.static_root.empty()) {
    auto files = StaticFiles::Open(options.static_root);
    if (!files.ok()) return files.status();
    static_files = std::move(*files);
  }
  error_code ec;
  asio::ip::address address = asio::ip::make_address(options.bind, ec);
  if (ec) return absl::InvalidArgumentError("invalid bind address: " + options.bind);
  tcp::endpoint endpoint(address, options.port);
  acceptor.emplace(main_ioc());
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor.reset();
    return absl::UnavailableError("cannot listen on " + options.bind + ":" +
                                  std::to_string(options.port) + ": " + ec.message());
  }
  port = acceptor->local_endpoint().port();
  return absl::OkStatus();
}

void HttpServer::Impl::Run() {
  if (!acceptor || ran) {
    spdlog::error("HttpServer::Run without a successful Listen, or twice");
    return;
  }
  ran = true;
  for (auto& w : workers) guards.push_back(asio::make_work_guard(w->ioc));
  asio::co_spawn(main_ioc(), AcceptLoop(), asio::detached);
  if (options.handle_signals) {
    signals.emplace(main_ioc(), SIGINT, SIGTERM);
    signals->async_wait([this](const error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("signal {}: stopping the HTTP server", signal);
      Stop();
    });
  }
  std::vector<std::thread> threads;
  for (size_t i = 1; i < workers.size(); ++i)
    threads.emplace_back([w = workers[i].get()] { w->ioc.run(); });
  main_ioc().run();
  for (std::thread& t : threads) t.join();
  pool.join();
}

void HttpServer::Impl::Stop() {
  if (stop_requested.exchange(true)) return;
  asio::post(main_ioc(), [this] { BeginDrain(); });
}

void HttpServer::Impl::BeginDrain() {
  if (stopping) return;
  stopping = true;
  error_code ignored;
  if (acceptor) acceptor->close(ignored);
  if (signals) {
    signals->cancel(ignored);
    signals->clear(ignored);  // a second signal now has its default effect
  }
  for (auto& wp : workers) {
    Worker* w = wp.get();
    asio::post(w->ioc, [w] {
      w->draining = true;
      for (Conn* c : w->conns)
        if (c->idle) c->Abort(/*hard=*/false);
    });
  }
  drain_timer.emplace(main_ioc());
  drain_timer->expires_after(options.drain_timeout);
  drain_timer->async_wait([this](const error_code& ec) {
    if (ec) return;
    spdlog::warn("HTTP drain timeout: closing {} connection(s)", live.load());
    for (auto& wp : workers) {
      Worker* w = wp.get();
      asio::post(w->ioc, [w] {
        for (Conn* c : w->conns) c->Abort(/*hard=*/true);
      });
    }
  });
  MaybeFinish();
}

void HttpServer::Impl::MaybeFinish() {
  if (!stopping || finished || live.load() != 0) return;
  finished = true;
  if (drain_timer) drain_timer->cancel();
  for (auto& g : guards) g.reset();
}

awaitable<void> HttpServer::Impl::AcceptLoop() {
  for (;;) {
    Worker& w = *workers[next_worker++ % workers.size()];
    error_code ec;
    tcp::socket socket = co_await acceptor->async_accept(w.ioc, Awaitable(ec));
    if (stopping) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // Out of file descriptors and the like: pause instead of spinning.
      spdlog::warn("accept: {}", ec.message());
      asio::steady_timer pause(main_ioc(), std::chrono::milliseconds(50));
      co_await pause.async_wait(Awaitable(ec));
      continue;
    }
    live.fetch_add(1);
    asio::co_spawn(w.ioc, Session(w, std::move(socket)), asio::detached);
  }
}

awaitable<void> HttpServer::Impl::Session(Worker& w, tcp::socket socket) {
  auto conn = std::make_shared<Conn>(std::move(socket));
  w.conns.push_front(conn.get());
  conn->position = w.conns.begin();
  struct Cleanup {
    Impl* impl;
    Worker& w;
    Conn& conn;
    ~Cleanup() {
      w.conns.erase(conn.position);
      conn.Finish();
      error_code ignored;
      conn.socket.shutdown(tcp::socket::shutdown_both, ignored);
      conn.socket.close(ignored);
      if (impl->live.fetch_sub(1) == 1 && impl->stop_requested.load() && !impl->destroying)
        asio::post(impl->main_ioc(), [impl = impl] { impl->MaybeFinish(); });
    }
  } cleanup{this, w, *conn};

  try {
    error_code ec;
    conn->socket.set_option(tcp::no_delay(true), ec);
    tcp::endpoint peer = conn->socket.remote_endpoint(ec);
    const std::string remote_ip = ec ? std::string("-") : peer.address().to_string();
    beast::flat_buffer buffer;
    bool first = true;
    while (!conn->closing) {
      if (buffer.size() == 0) {
        // Waiting for a request: the connection is idle, and a drain closes it now.
        if (w.draining) break;
        conn->idle = true;
        conn->SetDeadline(first ? options.header_timeout : options.idle_timeout);
        size_t n = co_await conn->socket.async_read_some(buffer.prepare(kReadChunk), Awaitable(ec));
        conn->idle = false;
        if (ec) break;  // closed by the peer, idle timeout or drain: nothing to answer
        buffer.commit(n);
      }
      first = false;
      if (!co_await ServeOne(w, *conn, buffer, remote_ip)) break;
    }
  } catch (const std::exception& e) {
    spdlog::error("http connection: {}", e.what());
  }
}

awaitable<bool> HttpServer::Impl::ServeOne(Worker& w, Conn& conn, beast::flat_buffer& buffer,
                                           const std::string& remote_ip) {
  error_code ec;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<size_t>(options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  // Beast 1.74 checks Content-Length against the body limit while parsing the header
  // (and mishandles an unset limit): lift it now, check it ourselves after the header.
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  conn.SetDeadline(options.header_timeout);
  co_await http::async_read_header(conn.socket, buffer, parser, Awaitable(ec));
  SteadyClock::time_point start = SteadyClock::now();
  if (ec) {
    if (ec == http::error::header_limit) {
      co_await Reject(conn, 431, remote_ip, nullptr, unmatched_metrics, start);
    } else if (conn.timed_out) {
      co_await Reject(conn, 408, remote_ip, nullptr, unmatched_metrics, start);
    } else if (IsMalformed(ec)) {
      co_await Reject(conn, 400, remote_ip, nullptr, unmatched_metrics, start);
    }
    co_return false;
  }

  auto& msg = parser.get();
  HttpRequest req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.version = static_cast<int>(msg.version());
  req.headers.reserve(16);
  for (const auto& field : msg)
    req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  req.remote_ip = remote_ip;
  if (!options.trusted_proxy_header.empty()) {
    if (auto forwarded = ForwardedClientAddress(req.Header(options.trusted_proxy_header)))
      req.remote_ip = std::move(*forwarded);
  }
  std::string_view incoming_id = req.Header("X-Request-Id");
  req.request_id = SaneRequestId(incoming_id) ? std::string(incoming_id) : NewRequestId();

  if (!ParseTarget(req.target, &req.path, &req.query) ||
      (req.version >= 11 && req.Header("Host").empty() && !msg.count(http::field::host))) {
    co_await Reject(conn, 400, remote_ip, &req, unmatched_metrics, start);
    co_return false;
  }
  // A body framed by something other than chunked is read to the end of the
  // connection by some proxies and ignored by Beast: refuse it (RFC 9112 6.3).
  if (msg.count(http::field::transfer_encoding) && !parser.chunked()) {
    co_await Reject(conn, 400, remote_ip, &req, unmatched_metrics, start);
    co_return false;
  }
  Router::Match match = router.Find(req);
  Metrics::RouteMetrics* route_metrics_for_errors =
      match.kind == Router::Match::Kind::kFound ? route_metrics[match.index] : unmatched_metrics;

  if (!parser.is_done()) {
    if (boost::optional<std::uint64_t> length = parser.content_length();
        length && *length > options.max_body_bytes) {
      co_await Reject(conn, 413, remote_ip, &req, route_metrics_for_errors, start);
      co_return false;
    }
    parser.body_limit(options.max_body_bytes);
    if (req.version >= 11 && EqualsIgnoreCase(req.Header("Expect"), "100-continue")) {
      static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
      conn.SetDeadline(options.write_timeout);
      co_await asio::async_write(conn.socket, asio::buffer(kContinue, sizeof kContinue - 1),
                                 Awaitable(ec));
      if (ec) co_return false;
    }
    conn.SetDeadline(options.body_timeout);
    co_await http::async_read(conn.socket, buffer, parser, Awaitable(ec));
    if (ec) {
      if (ec == http::error::body_limit) {
        co_await Reject(conn, 413, remote_ip, &req, route_metrics_for_errors, start);
      } else if (conn.timed_out) {
        co_await Reject(conn, 408, remote_ip, &req, route_metrics_for_errors, start);
      } else if (IsMalformed(ec)) {
        co_await Reject(conn, 400, remote_ip, &req, route_metrics_for_errors, start);
      }
      co_return false;
    }
  }
  req.body = std::move(msg.body());
  const bool client_keep_alive = msg.keep_alive();

  conn.ClearDeadline();
  Reply reply = co_await Dispatch(req, match);
  if (conn.closing) co_return false;  // the drain timed out while the handler ran
  uint64_t bytes = 0;
  // A stream owns the connection until it ends; the connection closes after it.
  const bool streaming = reply.response.stream != nullptr && !reply.file;
  bool keep = client_keep_alive && !reply.close && !w.draining && !conn.closing && !streaming;
  int status = reply.file ? reply.file->status : reply.response.status;
  // Recorded before the write, so that a client holding the response finds it in the
  // metrics; the access log, written after, includes the time to send.
  reply.metrics->Record(req.method, status, SteadyClock::now() - start);
  bool sent = co_await Send(conn, req, reply, keep, &bytes);
  if (streaming) {
    if (sent && status == 200 && req.method != "HEAD") {
      Log(req, status, bytes, start);  // the stream's start; it may last for hours
      co_await Stream(w, conn, *reply.response.stream, &bytes);
    }
    reply.response.stream->MarkEnded();
    co_return false;
  }
  Log(req, status, bytes, start);
  co_return sent&& keep;
}

HttpResponse HttpServer::Impl::Invoke(const Handler& handler, HttpRequest& req) {
  try {
    HttpResponse r = handler(req);
    if (r.status < 200 || r.status > 599) {
      spdlog::error("request {}: {} {}: handler returned status {}", req.request_id, req.method,
                    LogPath(req.target), r.status);
      return InternalError();
    }
    return r;
  } catch (const std::exception& e) {
    spdlog::error("request {}: {} {}: handler threw: {}", req.request_id, req.method,
                  LogPath(req.target), e.what());
  } catch (...) {
    spdlog::error("request {}: {} {}: handler threw a non-exception", req.request_id, req.method,
                  LogPath(req.target));
  }
  return InternalError();
}

awaitable<Reply> HttpServer::Impl::Dispatch(HttpRequest& req, const Router::Match& match) {
  Reply reply;
  reply.metrics = unmatched_metrics;
  using Kind = Router::Match::Kind;
  const bool get_or_head = req.method == "GET" || req.method == "HEAD";
  if (match.kind == Kind::kFound) {
    reply.metrics = route_metrics[match.index];
    if (match.options.blocking) {
      const Handler* handler = match.handler;
      reply.response = co_await asio::co_spawn(
          pool,
          [this, handler, &req]() -> awaitable<HttpResponse> { co_return Invoke(*handler, req); },
          asio::use_awaitable);
    } else {
      reply.response = Invoke(*match.handler, req);
    }
    for (const auto& [name, value] : reply.response.headers)
      if (EqualsIgnoreCase(name, "Connection") && HasToken(value, "close")) reply.close = true;
  } else if (match.kind == Kind::kNotFound && static_files && get_or_head &&
             !StaticFiles::IsApiPath(req.path)) {
    reply.file = static_files->Serve(req);
    reply.api = false;
    int status = reply.file->status;
    reply.metrics = status == 404 ? unmatched_metrics : static_metrics;
    if (status == 404 || status == 400) {
      reply.response = ProblemFor(status, req);
      reply.file.reset();
      reply.api = true;
    }
  } else if (match.kind == Kind::kMethodNotAllowed) {
    reply.response = ProblemFor(405, req);
    reply.response.headers.emplace_back("Allow", match.allow);
  } else {
    reply.response = ProblemFor(404, req);
  }
  co_return reply;
}

awaitable<bool> HttpServer::Impl::Send(Conn& conn, const HttpRequest& req, Reply& reply,
                                       bool keep_alive, uint64_t* bytes) {
  const bool head = req.method == "HEAD";
  http::response_header<> header;
  // Always HTTP/1.1, the highest version we speak (RFC 9110 section 6.2); the
  // connection's persistence follows the request's version.
  header.version(11);
  const std::vector<std::pair<std::string, std::string>>& fields =
      reply.file ? reply.file->headers : reply.response.headers;
  const int status = reply.file ? reply.file->status : reply.response.status;
  header.result(static_cast<unsigned>(status));
  header.reason(Bsv(ReasonOf(status)));
  bool has_cache_control = false;
  for (const auto& [name, value] : fields) {
    // Framing is the server's: a handler cannot break it, nor inject a header line.
    if (EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
        EqualsIgnoreCase(name, "Connection"))
      continue;
    if (name.empty() || !SafeFieldText(name) || !SafeFieldText(value)) {
      spdlog::error("request {}: dropped response header with CR/LF/NUL: {:?}", req.request_id,
                    name.substr(0, 64));
      continue;
    }
    if (EqualsIgnoreCase(name, "Cache-Control")) has_cache_control = true;
    header.insert(Bsv(name), Bsv(value));
  }
  auto set_default = [&](std::string_view name, std::string_view value) {
    if (header.find(Bsv(name)) == header.end()) header.set(Bsv(name), Bsv(value));
  };
  set_default("X-Content-Type-Options", "nosniff");
  set_default("X-Frame-Options", "DENY");
  set_default("Referrer-Policy", "same-origin");
  set_default("Content-Security-Policy", kContentSecurityPolicy);
  if (reply.api && !has_cache_control) header.set(http::field::cache_control, "no-store");
  header.set("X-Request-Id", Bsv(req.request_id));
  header.set(http::field::date, Bsv(CurrentHttpDate()));
  if (!keep_alive) {
    header.set(http::field::connection, "close");
  } else if (req.version < 11) {
    header.set(http::field::connection, "keep-alive");
  }

  // 1xx, 204 and 304 have no body (RFC 9110 section 6.4.1).
  const bool no_body = status == 204 || status == 304 || status < 200;
  error_code ec;
  conn.SetDeadline(options.write_timeout);
  if (reply.file && reply.file->status == 200 && !head) {
    http::response<http::file_body> res(std::move(header));
    beast::file file;
    file.native_handle(reply.file->file.release());
    res.body().reset(std::move(file), ec);
    if (ec) co_return false;
    res.content_length(res.body().size());
    *bytes = res.body().size();
    co_await http::async_write(conn.socket, res, Awaitable(ec));
  } else if (reply.response.stream && !reply.file && status == 200 && !head) {
    // The header only: no Content-Length, not chunked; the body ends when the
    // connection closes (keep_alive is false for streams).
    http::response<http::empty_body> res(std::move(header));
    http::response_serializer<http::empty_body> serializer(res);
    co_await http::async_write_header(conn.socket, serializer, Awaitable(ec));
  } else {
    http::response<http::string_body> res(std::move(header));
    if (!no_body) {
      uint64_t length = reply.file ? reply.file->size : reply.response.body.size();
      res.content_length(length);
      if (!head) {
        res.body() = std::move(reply.response.body);
        *bytes = length;
      }
    }
    co_await http::async_write(conn.socket, res, Awaitable(ec));
  }
  co_return !ec;
}

awaitable<void> HttpServer::Impl::Stream(Worker& w, Conn& conn, ResponseStream& stream,
                                         uint64_t* bytes) {
  // Woken by Write/Close from any thread through a post to this connection's loop;
  // also wakes every second to notice a drain, and sends a heartbeat when idle (which
  // is also how a vanished client is noticed).
  asio::steady_timer wake(conn.socket.get_executor());
  auto alive = std::make_shared<bool>(true);
  auto executor = conn.socket.get_executor();
  stream.SetWaker([executor, alive, &wake] {
    asio::post(executor, [alive, &wake] {
      if (*alive) wake.cancel();
    });
  });
  constexpr auto kTick = std::chrono::seconds(1);
  constexpr int kHeartbeatTicks = 15;
  int idle_ticks = 0;
  error_code ec;
  while (!conn.closing && !w.draining) {
    std::deque<std::string> chunks = stream.Take();
    if (!chunks.empty()) {
      idle_ticks = 0;
      std::string data;
      for (std::string& c : chunks) data += c;
      conn.SetDeadline(options.write_timeout);
      co_await asio::async_write(conn.socket, asio::buffer(data), Awaitable(ec));
      conn.ClearDeadline();
      if (ec) break;
      *bytes += data.size();
      continue;
    }
    if (stream.closed()) break;
    if (idle_ticks >= kHeartbeatTicks) {
      idle_ticks = 0;
      conn.SetDeadline(options.write_timeout);
      co_await asio::async_write(conn.socket, asio::buffer(stream.heartbeat()), Awaitable(ec));
      conn.ClearDeadline();
      if (ec) break;
      continue;
    }
    wake.expires_after(kTick);
    co_await wake.async_wait(Awaitable(ec));
    if (!ec) ++idle_ticks;  // a tick passed; a cancel means news
  }
  // The waker may still be called (from another thread) until MarkEnded clears it; the
  // flag, read on this loop only, makes a late post harmless.
  stream.SetWaker(nullptr);
  *alive = false;
}

awaitable<void> HttpServer::Impl::Reject(Conn& conn, int status, const std::string& remote_ip,
                                         const HttpRequest* req, Metrics::RouteMetrics* m,
                                         SteadyClock::time_point start) {
  HttpRequest unknown;
  if (req == nullptr) {
    unknown.method = "-";
    unknown.target = "-";
    unknown.version = 11;
    unknown.remote_ip = remote_ip;
    unknown.request_id = NewRequestId();
    req = &unknown;
  }
  Reply reply;
  reply.response = ProblemFor(status, *req);
  reply.metrics = m;
  uint64_t bytes = 0;
  m->Record(req->method, status, SteadyClock::now() - start);
  if (!conn.closing) co_await Send(conn, *req, reply, false, &bytes);
  Log(*req, status, bytes, start);
  co_await LingeringClose(conn);
}

awaitable<void> HttpServer::Impl::LingeringClose(Conn& conn) {
  error_code ec;
  conn.socket.shutdown(tcp::socket::shutdown_send, ec);
  if (ec || conn.closing) co_return;
  conn.SetDeadline(kLingerTime);
  std::array<char, 16 * 1024> discard;
  while (!ec && !conn.closing) {
    co_await conn.socket.async_read_some(asio::buffer(discard), Awaitable(ec));
  }
}

void HttpServer::Impl::Log(const HttpRequest& req, int status, uint64_t bytes,
                           SteadyClock::time_point start) {
  if (!options.access_log) return;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
  spdlog::info("http rid={} ip={} {} {} {} {}B {}us", req.request_id, req.remote_ip, req.method,
               LogPath(req.target), status, bytes, us.count());
}

HttpServer::HttpServer(Options options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() = default;

absl::Status HttpServer::Listen() { return impl_->Listen(); }
uint16_t HttpServer::port() const { return impl_->port.load(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }
Metrics& HttpServer::metrics() { return impl_->metrics; }

}  // namespace retorno
