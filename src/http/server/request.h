// An HTTP request and response as the router and handlers see them: plain data, no
// Beast types, so the API layer does not depend on how the server is implemented.
//
// Thread safety: plain values; a request belongs to the one handler call it is given to.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retorno {

struct HttpRequest {
  std::string method;  // as received, case-sensitive ("GET", "POST"...)
  std::string target;  // as received: "/api/v1/parties?q=ana%20maria"
  std::string path;    // percent-decoded, without the query: "/api/v1/parties"
  // Decoded query parameters in order; "+" is a space. Repeated names repeat.
  std::vector<std::pair<std::string, std::string>> query;
  // Header fields in order, names as received. Use Header() to look one up.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int version = 11;        // 10 for HTTP/1.0, 11 for HTTP/1.1
  std::string request_id;  // the client's X-Request-Id when sane, else 16 hex chars
  // The client's address: the TCP peer's, or, behind a reverse proxy, the one read
  // from the configured trusted header (HttpServer::Options::trusted_proxy_header).
  std::string remote_ip;
  // Filled by Router::Find: {"id": "42"} for "/api/v1/followups/{id}". Decoded.
  std::map<std::string, std::string> path_params;
  // The matched route pattern ("/api/v1/followups/{id}"), filled by Router::Find.
  std::string route;
  // The names Query() was asked for.
  mutable std::set<std::string, std::less<>> query_read;

  // The first header with this name, compared case-insensitively; "" when missing.
  std::string_view Header(std::string_view name) const;
  // The first value of a query parameter; nullopt when absent ("" when "?name").
  // Asking counts the name as known to the handler (see UnreadQueryNames).
  std::optional<std::string> Query(std::string_view name) const;
  // The query names, in order and once each, that no Query() call asked for: the
  // parameters the handler does not know (a misspelt filter must not be ignored).
  std::vector<std::string> UnreadQueryNames() const;
  // A cookie from the Cookie header(s); surrounding double quotes are removed.
  std::optional<std::string> Cookie(std::string_view name) const;
};

// The client address a trusted reverse proxy wrote in `value` (X-Forwarded-For,
// X-Real-IP...): the last comma-separated entry, which is the one the proxy itself
// appended (earlier ones come from the client and prove nothing). nullopt when it is
// not an IPv4 or IPv6 address. The result is in canonical form.
std::optional<std::string> ForwardedClientAddress(std::string_view value);

// The body of a long-lived response (Server-Sent Events): the handler returns at once
// with a stream, and anyone holding it (another thread included) writes chunks later.
// The server sends the status and headers without Content-Length, then each chunk as
// it comes, a heartbeat when nothing came for a while, and closes the connection when
// the stream is closed, the client goes away or the server drains.
//
// Thread safety: every method may be called from any thread.
class ResponseStream {
 public:
  explicit ResponseStream(std::string heartbeat = ": ping\n\n")
      : heartbeat_(std::move(heartbeat)) {}
  // Queues a chunk; ignored once closed. Returns false when closed.
  bool Write(std::string chunk);
  // Ends the stream after what is queued has been sent. Idempotent.
  void Close();
  bool closed() const;
  // Called once when the stream ends for any reason (closed, client gone, drain).
  void OnClosed(std::function<void()> fn);
  // Waits, up to `timeout`, until no more than `max_bytes` wait to be sent: true when
  // so, false when the stream ended or the time ran out (closed() tells which). A
  // producer that writes much (a file export) calls it between chunks, so it never
  // runs further ahead of a slow reader than that.
  bool WaitForRoom(size_t max_bytes, std::chrono::milliseconds timeout);

  // For the server: takes what is queued; sets the function that wakes the writer.
  std::deque<std::string> Take();
  void SetWaker(std::function<void()> wake);
  void MarkEnded();
  const std::string& heartbeat() const { return heartbeat_; }

 private:
  mutable std::mutex mu_;
  std::condition_variable room_;
  std::deque<std::string> queue_;
  size_t queued_bytes_ = 0;
  bool closed_ = false;
  bool ended_ = false;
  std::function<void()> wake_;
  std::function<void()> on_closed_;
  std::string heartbeat_;
};

struct HttpResponse {
  int status = 200;
  // Sent in order; a name may repeat (Set-Cookie). Fields with CR, LF or NUL in the
  // name or value are dropped by the server (and logged) instead of being sent.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, `body` is ignored and the response streams (see ResponseStream).
  std::shared_ptr<ResponseStream> stream;

  // The first header with this name (case-insensitive); "" when missing.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  // Replaces every field with this name by one field.
  void SetHeader(std::string name, std::string value);
};

// Percent-decoding; `plus_is_space` for query strings. nullopt for a malformed escape.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// Splits a target into its decoded path and decoded query parameters. False when the
// target is not in origin form ("/...") or holds a malformed escape or a NUL byte.
bool ParseTarget(std::string_view target, std::string* path,
                 std::vector<std::pair<std::string, std::string>>* query);

// A request target or path fit for a log line: the query string is dropped, and every
// path segment that looks like a secret token (20 or more letters, digits, '-' or '_',
// with an optional extension) becomes "[redacted]". The calendar feed carries its token
// in the path, and a log line must never hand a reader a working private URL; ids and
// route words are short and stay. "-" for an empty path.
std::string LogSafePath(std::string_view target);

// ASCII case-insensitive equality, for header names and tokens.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace retorno
