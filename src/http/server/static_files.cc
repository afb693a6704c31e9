#include "http/server/static_files.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace retorno {

namespace {

constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether Accept-Encoding allows `coding` (q > 0, explicitly or through "*").
bool Accepts(std::string_view header, std::string_view coding) {
  std::optional<bool> star;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view token = Trim(item.substr(0, semi));
    bool allowed = true;
    if (semi != std::string_view::npos) {
      std::string_view params = Trim(item.substr(semi + 1));
      if (params.size() >= 2 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=') {
        std::string_view q = Trim(params.substr(2));
        // q=0, q=0.0, q=0.000 refuse; anything else allows.
        allowed = !(q.find_first_not_of("0.") == std::string_view::npos && !q.empty());
      }
    }
    if (EqualsIgnoreCase(token, coding)) return allowed;
    if (token == "*") star = allowed;
  }
  return star.value_or(false);
}

bool StatRegular(const std::string& path, struct stat* st) {
  return ::stat(path.c_str(), st) == 0 && S_ISREG(st->st_mode);
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  // Weak comparison (RFC 9110 section 13.1.2): W/ prefixes are ignored.
  auto strip_weak = [](std::string_view t) { return t.starts_with("W/") ? t.substr(2) : t; };
  std::string_view want = strip_weak(etag);
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view item = Trim(if_none_match.substr(0, comma));
    if_none_match =
        comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (item == "*" || strip_weak(item) == want) return true;
  }
  return false;
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(o.fd_, -1);
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

std::string FormatHttpDate(std::time_t t) {
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::optional<std::time_t> ParseHttpDate(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  if (s.size() != 29 || s.substr(3, 2) != ", " || s.substr(25) != " GMT") return std::nullopt;
  auto num = [&](size_t pos, size_t len, int* out) {
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, *out);
    return ec == std::errc() && p == s.data() + pos + len;
  };
  struct tm tm = {};
  int month = -1;
  for (int i = 0; i < 12; ++i)
    if (s.substr(8, 3) == kMonths[static_cast<size_t>(i)]) month = i;
  if (month < 0 || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':')
    return std::nullopt;
  int year, day, hour, min, sec;
  if (!num(5, 2, &day) || !num(12, 4, &year) || !num(17, 2, &hour) || !num(20, 2, &min) ||
      !num(23, 2, &sec))
    return std::nullopt;
  if (day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) return std::nullopt;
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  return timegm(&tm);
}

std::string_view ContentTypeForPath(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
      {".mp3", "audio/mpeg"},
      {".mp4", "video/mp4"},
      {".webm", "video/webm"},
      {".csv", "text/csv; charset=utf-8"},
      {".yaml", "application/yaml"},
      {".yml", "application/yaml"},
  };
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string_view ext = name.substr(dot);
    for (const auto& [e, type] : kTypes)
      if (EqualsIgnoreCase(e, ext)) return type;
  }
  return "application/octet-stream";
}

absl::StatusOr<std::unique_ptr<StaticFiles>> StaticFiles::Open(const std::string& root) {
  char real[PATH_MAX];
  struct stat st;
  if (::realpath(root.c_str(), real) == nullptr || ::stat(real, &st) != 0 || !S_ISDIR(st.st_mode))
    return absl::InvalidArgumentError("static root is not a directory: " + root);
  std::string r = real;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  return std::unique_ptr<StaticFiles>(new StaticFiles(std::move(r)));
}

bool StaticFiles::IsApiPath(std::string_view path) {
  return path == "/api" || path.starts_with("/api/");
}

std::optional<std::string> StaticFiles::Resolve(const std::string& path) const {
  char real[PATH_MAX];
  if (::realpath(path.c_str(), real) == nullptr) return std::nullopt;
  std::string_view r = real;
  // Symlinks may point anywhere inside the root, never outside it.
  if (r.size() <= root_.size() || !r.starts_with(root_) || (root_ != "/" && r[root_.size()] != '/'))
    return std::nullopt;
  struct stat st;
  if (::stat(real, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return std::string(r);
}

StaticReply StaticFiles::Serve(const HttpRequest& req) const {
  StaticReply reply;
  const std::string& path = req.path;

  // Rebuild the relative path segment by segment: "." and ".." never reach the file
  // system, and neither do hidden files (".env", ".git") other than /.well-known/.
  std::string rel;
  std::string_view last;
  bool trailing_slash = path.size() > 1 && path.back() == '/';
  for (size_t i = 0; i < path.size();) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string_view seg(path.data() + i, slash - i);
    i = slash + 1;
    if (seg.empty()) continue;
    if (seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos) {
      reply.status = 400;
      return reply;
    }
    if (seg.front() == '.' && !(rel.empty() && seg == ".well-known")) {
      reply.status = 404;
      return reply;
    }
    rel += '/';
    rel += seg;
    last = seg;
  }

  std::string full = root_ + rel;
  bool is_index = rel.empty();
  struct stat st;
  if (is_index || (::stat(full.c_str(), &st) == 0 && S_ISDIR(st.st_mode))) {
    if (!is_index && !trailing_slash) {
      // Relative links in the directory's index.html need the trailing slash.
      std::string_view target = req.target;
      size_t q = target.find('?');
      std::string location = std::string(target.substr(0, q)) + "/";
      if (q != std::string_view::npos) location += target.substr(q);
      reply.status = 301;
      reply.headers.emplace_back("Location", std::move(location));
      reply.headers.emplace_back("Cache-Control", "no-cache");
      return reply;
    }
    full += "/index.html";
    is_index = true;
  }

  std::optional<std::string> real = Resolve(full);
  if (!real && !is_index && last.find('.') == std::string_view::npos) {
    // The SPA's own routes (/followups/42) are pages of index.html.
    real = Resolve(root_ + "/index.html");
    is_index = true;
  }
  if (!real) {
    reply.status = 404;
    return reply;
  }

  std::string serve = *real;
  std::string encoding;
  bool has_variant = false;
  std::string_view accept = req.Header("Accept-Encoding");
  for (const char* coding : {"br", "gzip"}) {
    std::string candidate = *real + (coding[0] == 'b' ? ".br" : ".gz");
    struct stat vst;
    if (!StatRegular(candidate, &vst)) continue;
    has_variant = true;
    if (!encoding.empty() || !Accepts(accept, coding)) continue;
    if (std::optional<std::string> v = Resolve(candidate)) {
      serve = *v;
      encoding = coding;
    }
  }

  int fd = ::open(serve.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    reply.status = 404;
    return reply;
  }
  UniqueFd file(fd);
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    reply.status = 404;
    return reply;
  }

  char etag[80];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx%s%s\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec),
                encoding.empty() ? "" : "-", encoding.c_str());
  const bool immutable = !is_index && rel.starts_with("/assets/");
  reply.headers.emplace_back("ETag", etag);
  reply.headers.emplace_back("Last-Modified", FormatHttpDate(st.st_mtim.tv_sec));
  reply.headers.emplace_back("Cache-Control",
                             immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (has_variant) reply.headers.emplace_back("Vary", "Accept-Encoding");

  // If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2).
  std::string_view inm = req.Header("If-None-Match");
  bool not_modified = false;
  if (!inm.empty()) {
    not_modified = EtagMatches(inm, etag);
  } else if (std::optional<std::time_t> ims = ParseHttpDate(req.Header("If-Modified-Since"))) {
    not_modified = st.st_mtim.tv_sec <= *ims;
  }
  if (not_modified) {
    reply.status = 304;
    return reply;
  }
  reply.headers.emplace_back("Content-Type", std::string(ContentTypeForPath(*real)));
  if (!encoding.empty()) reply.headers.emplace_back("Content-Encoding", encoding);
  reply.status = 200;
  reply.size = static_cast<uint64_t>(st.st_size);
  reply.file = std::move(file);
  return reply;
}

}  // namespace retorno
