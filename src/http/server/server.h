// HTTP/1.0 and 1.1 server on Boost.Beast and Asio (C++20 coroutines).
//
//   Router router;
//   api.Register(router);                      // every route, before the server starts
//   HttpServer::Options options;               // defaults below
//   options.port = 0;                          // a free port, e.g. in tests
//   HttpServer server(options, router);
//   RETURN_IF_ERROR(server.Listen());          // binds; server.port() is now known
//   server.Run();                              // serves until Stop() or SIGTERM/SIGINT
//
// What it does for every request:
//  - keep-alive and pipelined requests, answered one at a time in order;
//  - limits: headers larger than max_header_bytes get 431, a body larger than
//    max_body_bytes gets 413 (before it is read), a malformed request 400; each then
//    closes the connection. Headers not received within header_timeout, or a body
//    within body_timeout, get 408 and a close; an idle keep-alive connection is closed
//    after idle_timeout;
//  - a request id (the client's X-Request-Id when it is 1-64 of [A-Za-z0-9-_.], else 16
//    random hex characters), in HttpRequest::request_id and the X-Request-Id response
//    header;
//  - routing (router.h): handlers run inline on the I/O thread, or on the worker pool
//    when the route is `blocking`; an exception becomes a 500 problem+json
//    {"type":"about:blank","title":"Internal Server Error","status":500} and is logged;
//  - static files from static_root for GET/HEAD of paths that no route takes and that
//    are not under /api/ (see Options::static_root);
//  - security headers on every response unless the handler set them:
//    X-Content-Type-Options: nosniff, X-Frame-Options: DENY, Referrer-Policy:
//    same-origin, and kContentSecurityPolicy; handler and error responses also get
//    Cache-Control: no-store unless the handler set a Cache-Control;
//  - one access log line (spdlog, info) and one observation in metrics().
//
// Responses are HTTP/1.1 framed by Content-Length. The server owns the framing: a
// handler's Content-Length, Transfer-Encoding and Connection fields are dropped
// ("Connection: close" still closes after the response), and so are fields whose name
// or value holds CR, LF or NUL.
//
// Errors the server produces itself are problem+json (RFC 9457) with type about:blank.
//
// Thread safety: Stop(), port() and metrics() may be called from any thread; Listen()
// and Run() from one thread, in that order, once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "http/server/metrics.h"
#include "http/server/router.h"

namespace retorno {

class HttpServer {
 public:
  struct Options {
    // Renders the server's own refusals (404 of an unknown path, 405, 400, 408, 413,
    // 431) as the application's problem documents; default: a bare RFC 9457 body with
    // the reason phrase.
    std::function<HttpResponse(int status, const HttpRequest& req)> problem;
    // Address to listen on; default "127.0.0.1" (loopback). "0.0.0.0" or "::" for all.
    std::string bind = "127.0.0.1";
    // TCP port; default 8080. 0 picks a free port: read it with port() after Listen().
    uint16_t port = 8080;
    // I/O threads, each with its own event loop; default 0 = hardware_concurrency.
    int io_threads = 0;
    // Threads of the pool that runs RouteOptions::blocking handlers; default 16: they
    // mostly wait (for a password hash, or for a commit shared with other writers).
    int blocking_threads = 16;
    // Largest request line + header fields; default 16 KiB. Larger: 431.
    size_t max_header_bytes = 16 * 1024;
    // Largest request body; default 12 MiB (a 10 MiB upload plus multipart framing).
    // Larger: 413 without reading it. Tighter per-route limits are the app's job.
    size_t max_body_bytes = 12 * 1024 * 1024;
    // From a request's first byte to its last header byte; default 10 s. Also how long
    // a new connection may stay silent before its first request. Then: 408 and close.
    std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
    // To receive the whole body once the headers are in; default 60 s. Then: 408.
    std::chrono::milliseconds body_timeout = std::chrono::seconds(60);
    // To write a response to a slow reader; default 60 s. Then: close.
    std::chrono::milliseconds write_timeout = std::chrono::seconds(60);
    // A keep-alive connection waiting for its next request; default 75 s. Then: close.
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(75);
    // After Stop(): how long in-flight requests may still take; default 10 s. Then
    // their connections are closed.
    std::chrono::milliseconds drain_timeout = std::chrono::seconds(10);
    // The built web app (Vite's dist/); default "" = no static files. When set:
    // GET/HEAD of a path no route takes and not under /api/ serves the file under it,
    // with Content-Type by extension, ETag and Last-Modified (304 on If-None-Match or
    // If-Modified-Since), "Cache-Control: public, max-age=31536000, immutable" under
    // /assets/ (hashed names) and "no-cache" elsewhere, the .br or .gz sibling when the
    // client accepts it, and index.html for "/", for a directory and, as the SPA
    // fallback, for a missing path whose last segment has no dot. ".." segments are
    // rejected with 400; files whose real path (after symlinks) is outside the root
    // are 404. Listen() fails when it is set but not a directory.
    std::string static_root;
    // Behind a reverse proxy: the header it writes the client's address in (e.g.
    // "X-Forwarded-For"); HttpRequest::remote_ip is then read from its last entry (see
    // ForwardedClientAddress), falling back to the TCP peer when the header is missing
    // or not an address. Default "" = the TCP peer's address; clients can forge the
    // header, so set it only when every request comes through that proxy.
    std::string trusted_proxy_header;
    // Call Stop() on SIGTERM and SIGINT; default true. Tests turn it off.
    bool handle_signals = true;
    // One info line per request; default true.
    bool access_log = true;
  };

  static constexpr char kContentSecurityPolicy[] =
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
      "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

  // `router` must outlive the server and not change after this call.
  HttpServer(Options options, const Router& router);
  // REQUIRES: Run() has returned or was never called.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. InvalidArgument for a bad address or static root,
  // Unavailable when the address cannot be bound (port in use...).
  absl::Status Listen();
  // The bound port after Listen(); 0 before.
  uint16_t port() const;
  // Serves on io_threads threads (the calling one included) until Stop() and the drain
  // are done. REQUIRES: Listen() succeeded.
  void Run();
  // Returns at once; the drain happens in Run(). New connections are refused, idle
  // keep-alive connections closed, requests in flight finish (their responses carry
  // Connection: close) for up to drain_timeout; a handler still running then keeps
  // Run() waiting until it returns. Idempotent; safe from any thread and from a
  // handler, not from a raw POSIX signal handler (handle_signals covers signals).
  // Also before Run(), which then returns promptly.
  void Stop();

  // The registry the server records every request into; the app may add gauges.
  Metrics& metrics();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retorno
