// Internal to the server: maps a GET/HEAD request to a file under the web app's root.
// See HttpServer::Options::static_root for the rules; the server does the I/O.
//
// Thread safety: Serve is const and thread-safe.
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "http/server/request.h"

namespace retorno {

// An open file descriptor, closed on destruction unless released.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  ~UniqueFd();
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_ = -1;
};

struct StaticReply {
  int status = 200;
  // Content-Type, ETag, Last-Modified, Cache-Control, Vary, Content-Encoding, Location.
  std::vector<std::pair<std::string, std::string>> headers;
  UniqueFd file;      // status 200: the file to send
  uint64_t size = 0;  // its size in bytes
};

class StaticFiles {
 public:
  // InvalidArgument when `root` is not a directory.
  static absl::StatusOr<std::unique_ptr<StaticFiles>> Open(const std::string& root);

  // Whether a path is left to the router only (the API): "/api" and "/api/...".
  static bool IsApiPath(std::string_view path);

  // The reply for req (GET or HEAD, req.path decoded): 200 with a file, 304, 301 to
  // add a directory's trailing slash, 400 for "." or ".." segments, 404.
  StaticReply Serve(const HttpRequest& req) const;

 private:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // The real path of `path` when it is a regular file inside the root.
  std::optional<std::string> Resolve(const std::string& path) const;

  std::string root_;  // real path, no trailing slash
};

// "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate, RFC 9110 section 5.6.7).
std::string FormatHttpDate(std::time_t t);
// Parses IMF-fixdate; nullopt otherwise (the obsolete formats are not accepted).
std::optional<std::time_t> ParseHttpDate(std::string_view s);

// The Content-Type for a file name, by extension; application/octet-stream if unknown.
std::string_view ContentTypeForPath(std::string_view path);

}  // namespace retorno
