#include "http/server/request.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <utility>

namespace retorno {

namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int HexValue(char h) {
  if (h >= '0' && h <= '9') return h - '0';
  if (h >= 'a' && h <= 'f') return h - 'a' + 10;
  if (h >= 'A' && h <= 'F') return h - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return v;
  return {};
}

std::optional<std::string> HttpRequest::Query(std::string_view name) const {
  query_read.emplace(name);
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::vector<std::string> HttpRequest::UnreadQueryNames() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query)
    if (!query_read.contains(k) && std::find(out.begin(), out.end(), k) == out.end())
      out.push_back(k);
  return out;
}

std::optional<std::string> HttpRequest::Cookie(std::string_view name) const {
  // Browsers send one Cookie header; HTTP/2 proxies may split it into several.
  for (const auto& [k, v] : headers) {
    if (!EqualsIgnoreCase(k, "Cookie")) continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) continue;
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return v;
  return {};
}

bool HttpResponse::HasHeader(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return true;
  return false;
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool ParseTarget(std::string_view target, std::string* path,
                 std::vector<std::pair<std::string, std::string>>* query) {
  if (target.empty() || target.front() != '/') return false;
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  // A fragment is never sent by a client; tolerate one by ignoring it.
  std::string_view raw_query =
      q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  raw_query = raw_query.substr(0, raw_query.find('#'));
  raw_path = raw_path.substr(0, raw_path.find('#'));
  std::optional<std::string> decoded = PercentDecode(raw_path, false);
  if (!decoded || decoded->find('\0') != std::string::npos) return false;
  *path = std::move(*decoded);
  query->clear();
  while (!raw_query.empty()) {
    size_t amp = raw_query.find('&');
    std::string_view pair = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view() : raw_query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::optional<std::string> k = PercentDecode(pair.substr(0, eq), true);
    std::optional<std::string> v = PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!k || !v) return false;
    query->emplace_back(std::move(*k), std::move(*v));
  }
  return true;
}

bool ResponseStream::Write(std::string chunk) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    if (closed_ || ended_) return false;
    queued_bytes_ += chunk.size();
    queue_.push_back(std::move(chunk));
    wake = wake_;
  }
  if (wake) wake();
  return true;
}

void ResponseStream::Close() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    wake = wake_;
  }
  if (wake) wake();
}

bool ResponseStream::closed() const {
  std::lock_guard lock(mu_);
  return closed_ || ended_;
}

void ResponseStream::OnClosed(std::function<void()> fn) {
  bool run_now = false;
  {
    std::lock_guard lock(mu_);
    if (ended_) {
      run_now = true;
    } else {
      on_closed_ = std::move(fn);
    }
  }
  if (run_now && fn) fn();
}

std::deque<std::string> ResponseStream::Take() {
  std::deque<std::string> taken;
  {
    std::lock_guard lock(mu_);
    taken = std::exchange(queue_, {});
    queued_bytes_ = 0;
  }
  room_.notify_all();
  return taken;
}

bool ResponseStream::WaitForRoom(size_t max_bytes, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  room_.wait_for(lock, timeout, [&] { return ended_ || queued_bytes_ <= max_bytes; });
  return !ended_ && queued_bytes_ <= max_bytes;
}

void ResponseStream::SetWaker(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
}

void ResponseStream::MarkEnded() {
  std::function<void()> fn;
  {
    std::lock_guard lock(mu_);
    if (ended_) return;
    ended_ = true;
    closed_ = true;
    wake_ = nullptr;
    queue_.clear();
    queued_bytes_ = 0;
    fn = std::move(on_closed_);
  }
  room_.notify_all();
  if (fn) fn();
}

std::optional<std::string> ForwardedClientAddress(std::string_view value) {
  const size_t comma = value.rfind(',');
  std::string_view last = Trim(comma == std::string_view::npos ? value : value.substr(comma + 1));
  if (last.size() > 2 && last.front() == '[' && last.back() == ']')
    last = last.substr(1, last.size() - 2);
  if (last.empty() || last.size() > 64) return std::nullopt;
  boost::system::error_code ec;
  boost::asio::ip::address a = boost::asio::ip::make_address(std::string(last), ec);
  if (ec) return std::nullopt;
  return a.to_string();
}

std::string LogSafePath(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path.empty()) return "-";
  std::string out;
  out.reserve(path.size());
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    size_t run = 0;  // leading token characters
    while (run < segment.size() &&
           (std::isalnum(static_cast<unsigned char>(segment[run])) || segment[run] == '-' ||
            segment[run] == '_' || segment[run] == '%'))
      ++run;
    const std::string_view rest = segment.substr(run);
    const bool extension_only =
        rest.empty() || (rest.front() == '.' && rest.size() <= 6 &&
                         rest.find_first_of("/%") == std::string_view::npos);
    if (run >= 20 && extension_only) {
      out += "[redacted]";
      out += rest;
    } else {
      out += segment;
    }
    if (end == path.size()) break;
    out += '/';
    start = end + 1;
  }
  return out;
}

}  // namespace retorno
