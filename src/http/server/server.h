// HTTP/1.1 server on Boost.Beast with C++20 coroutines: keep-alive, limits on header
// and body size and on time, static files for the web app, security headers, request
// ids, access log, metrics, and a graceful drain on SIGTERM/SIGINT.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "http/server/metrics.h"
#include "http/server/router.h"

namespace retorno {

class HttpServer {
 public:
  struct Options {
    std::string bind = "127.0.0.1";  // loopback unless told otherwise
    uint16_t port = 8080;            // 0 picks a free port (read it with port())
    int io_threads = 0;              // 0: one per core
    int blocking_threads = 2;        // worker pool for RouteOptions::blocking handlers
    size_t max_header_bytes = 16 * 1024;        // larger: 431
    size_t max_body_bytes = 12 * 1024 * 1024;   // larger: 413 (10 MiB files + overhead)
    int header_timeout_seconds = 10;  // to receive a request's headers
    int body_timeout_seconds = 60;    // to receive its body
    int idle_timeout_seconds = 75;    // keep-alive wait for the next request
    int drain_timeout_seconds = 10;   // in-flight requests get this long after Stop()
    std::string static_root;          // built web app; empty: no static files
    bool handle_signals = true;       // Stop() on SIGTERM and SIGINT
    bool access_log = true;           // one info line per request
  };

  // `router` must outlive the server.
  HttpServer(Options options, const Router& router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; after it, port() is the bound port.
  absl::Status Listen();
  uint16_t port() const;
  // Serves until Stop() (or a signal) and the drain end. Call once, after Listen().
  void Run();
  // Thread-safe; returns at once. New connections are refused, idle ones closed,
  // in-flight requests finish (up to drain_timeout_seconds).
  void Stop();

  Metrics& metrics();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retorno
