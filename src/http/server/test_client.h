// Test-only: a raw-socket HTTP/1.1 client that sends exactly the bytes a test writes
// and reads responses with a receive timeout, so a server bug fails a test instead of
// hanging it. Also a fixture that runs an HttpServer on 127.0.0.1 and a free port.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "http/server/request.h"
#include "http/server/server.h"

namespace retorno::http_test {

struct RawResponse {
  int status = 0;
  std::string status_line;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (EqualsIgnoreCase(k, name)) return v;
    return "";
  }
  bool HasHeader(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (EqualsIgnoreCase(k, name)) return true;
    return false;
  }
};

class RawClient {
 public:
  // Connects to 127.0.0.1:port; connected() tells whether it worked.
  explicit RawClient(uint16_t port, int timeout_seconds = 10) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval tv{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    connect_errno_ = connected_ ? 0 : errno;
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  int connect_errno() const { return connect_errno_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response; nullopt on EOF, error or timeout before it is complete.
  // `head`: the response to a HEAD request (no body whatever Content-Length says).
  std::optional<RawResponse> Read(bool head = false) {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
      if (!Fill()) return std::nullopt;
    RawResponse r;
    std::string_view block(buffer_.data(), end);
    size_t eol = block.find("\r\n");
    r.status_line = std::string(block.substr(0, eol));
    if (r.status_line.size() < 12) return std::nullopt;
    r.status = std::stoi(r.status_line.substr(9, 3));
    std::string_view rest = eol == std::string_view::npos ? "" : block.substr(eol + 2);
    while (!rest.empty()) {
      size_t e = rest.find("\r\n");
      std::string_view line = rest.substr(0, e);
      rest = e == std::string_view::npos ? "" : rest.substr(e + 2);
      size_t colon = line.find(':');
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    buffer_.erase(0, end + 4);
    bool bodiless = head || r.status == 204 || r.status == 304 || r.status < 200;
    if (!bodiless) {
      if (r.HasHeader("Content-Length")) {
        size_t length = std::stoul(r.Header("Content-Length"));
        while (buffer_.size() < length)
          if (!Fill()) return std::nullopt;
        r.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
      } else {
        while (Fill()) {
        }
        r.body = std::move(buffer_);
        buffer_.clear();
      }
    }
    return r;
  }

  // True when the server closes the connection (EOF or reset) before the timeout,
  // discarding anything else it sends.
  bool ReadUntilClosed() {
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

  // Sends a request and reads its response.
  std::optional<RawResponse> Request(std::string_view raw, bool head = false) {
    if (!Send(raw)) return std::nullopt;
    return Read(head);
  }

 private:
  bool Fill() {
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  int connect_errno_ = 0;
  std::string buffer_;
};

inline std::string Get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

// Runs an HttpServer on a thread for the duration of a test.
class RunningServer {
 public:
  RunningServer(HttpServer::Options options, const Router& router) {
    options.bind = "127.0.0.1";
    options.port = 0;
    options.handle_signals = false;
    server_ = std::make_unique<HttpServer>(std::move(options), router);
    absl::Status s = server_->Listen();
    EXPECT_TRUE(s.ok()) << s;
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningServer() { StopAndJoin(); }

  void StopAndJoin() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }
  // Waits for Run() to return (after a Stop from elsewhere).
  void Join() {
    if (thread_.joinable()) thread_.join();
  }

  uint16_t port() const { return server_->port(); }
  HttpServer& server() { return *server_; }

  static HttpServer::Options Defaults() {
    HttpServer::Options o;
    o.io_threads = 2;
    o.access_log = false;
    return o;
  }

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

}  // namespace retorno::http_test
