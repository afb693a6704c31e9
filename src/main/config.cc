#include "main/config.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace retorno {

namespace {

absl::Status MailThreadsError(int64_t got) {
  return absl::InvalidArgumentError(
      absl::StrCat("mail threads must be 1..", kMaxMailThreads,
                   " ([mail] threads, RETORNO_MAIL_THREADS or --mail-threads), got ", got));
}

}  // namespace

absl::StatusOr<DatabaseChoice> ParseDatabase(absl::string_view database) {
  absl::string_view rest = database;
  if (absl::StartsWith(rest, "postgresql://") || absl::StartsWith(rest, "postgres://"))
    return DatabaseChoice{DatabaseChoice::Kind::kPostgres, std::string(database)};
  if (absl::ConsumePrefix(&rest, "sqlite:")) {
    absl::ConsumePrefix(&rest, "//");  // sqlite:///var/lib/r.db is /var/lib/r.db
  } else if (size_t scheme = rest.find("://");
             scheme != absl::string_view::npos &&
             rest.substr(0, scheme).find('/') == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("database \"", DatabaseForDisplay(database),
                     "\" is neither a file nor a postgresql:// or postgres:// URL"));
  }
  if (rest.empty()) return absl::InvalidArgumentError("database is empty");
  return DatabaseChoice{DatabaseChoice::Kind::kSqlite, std::string(rest)};
}

std::string DatabaseForDisplay(absl::string_view database) {
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db; a password in
  // the query (?password=...) is cut with the rest of the query.
  std::string out(database);
  const size_t scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  if (size_t q = out.find('?', scheme); q != std::string::npos) {
    if (out.find("password", q) != std::string::npos) out.resize(q);
  }
  const size_t at = out.find('@', scheme);
  const size_t colon = out.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at)
    out.replace(colon + 1, at - colon - 1, "***");
  return out;
}

absl::Status ApplyTomlFile(const std::string& path, bool required, Config& c) {
  if (!std::filesystem::exists(path)) {
    if (required) return absl::NotFoundError(absl::StrCat("config file not found: ", path));
    return absl::OkStatus();
  }
  // Debian's toml++ is built with exceptions: a syntax error throws; keep it here.
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", std::string(e.description()), " at line ", e.source().begin.line));
  }
  if (auto v = t["database"].value<std::string>()) c.database = *v;
  if (auto v = t["database"]["path"].value<std::string>()) c.database = *v;
  if (auto v = t["database_pool"].value<int64_t>()) c.database_pool = static_cast<int>(*v);
  if (auto v = t["server"]["bind"].value<std::string>()) c.bind = *v;
  if (auto v = t["server"]["port"].value<int64_t>()) c.port = static_cast<int>(*v);
  if (auto v = t["server"]["web_dir"].value<std::string>()) c.web_dir = *v;
  if (auto v = t["server"]["threads"].value<int64_t>()) c.threads = static_cast<int>(*v);
  if (auto v = t["server"]["secure_cookies"].value<bool>()) c.secure_cookies = *v;
  if (auto v = t["server"]["trusted_proxy_header"].value<std::string>())
    c.trusted_proxy_header = *v;
  if (auto v = t["server"]["public_url"].value<std::string>()) c.public_url = *v;
  if (auto v = t["log"]["level"].value<std::string>()) c.log_level = *v;
  if (auto v = t["mail"]["per_user_per_hour"].value<int64_t>())
    c.mail_per_user_per_hour = static_cast<int>(*v);
  if (auto v = t["mail"]["threads"].value<int64_t>()) {
    // Checked here too: a huge number must not wrap into a valid-looking int.
    if (*v < 1 || *v > kMaxMailThreads) return MailThreadsError(*v);
    c.mail_threads = static_cast<int>(*v);
  }
  return absl::OkStatus();
}

absl::Status ApplyEnvironment(Config& c) {
  auto env = [](const char* name) -> const char* {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
  };
  if (auto v = env("RETORNO_DB")) c.database = v;
  if (auto v = env("RETORNO_DATABASE")) c.database = v;
  if (auto v = env("RETORNO_DATABASE_POOL")) {
    if (!absl::SimpleAtoi(v, &c.database_pool))
      return absl::InvalidArgumentError("RETORNO_DATABASE_POOL is not a number");
  }
  if (auto v = env("RETORNO_BIND")) c.bind = v;
  if (auto v = env("RETORNO_PORT")) {
    if (!absl::SimpleAtoi(v, &c.port))
      return absl::InvalidArgumentError("RETORNO_PORT is not a number");
  }
  if (auto v = env("RETORNO_WEB_DIR")) c.web_dir = v;
  if (auto v = env("RETORNO_THREADS")) {
    if (!absl::SimpleAtoi(v, &c.threads))
      return absl::InvalidArgumentError("RETORNO_THREADS is not a number");
  }
  if (auto v = env("RETORNO_SECURE_COOKIES"))
    c.secure_cookies = std::string(v) == "1" || std::string(v) == "true";
  if (auto v = env("RETORNO_TRUSTED_PROXY_HEADER")) c.trusted_proxy_header = v;
  if (auto v = env("RETORNO_LOG_LEVEL")) c.log_level = v;
  if (auto v = env("RETORNO_CLOCK_START")) c.clock_start = v;
  if (auto v = env("RETORNO_PUBLIC_URL")) c.public_url = v;
  if (auto v = env("RETORNO_MAIL_PER_USER_PER_HOUR")) {
    if (!absl::SimpleAtoi(v, &c.mail_per_user_per_hour))
      return absl::InvalidArgumentError("RETORNO_MAIL_PER_USER_PER_HOUR is not a number");
  }
  if (auto v = env("RETORNO_MAIL_THREADS")) {
    if (!absl::SimpleAtoi(v, &c.mail_threads))
      return absl::InvalidArgumentError("RETORNO_MAIL_THREADS is not a number");
  }
  return absl::OkStatus();
}

absl::Status CheckClock(const Config& c) {
  if (c.clock != "real" && c.clock != "simulated")
    return absl::InvalidArgumentError("clock must be real or simulated");
  if (c.clock == "simulated" && !c.allow_test_clock)
    return absl::InvalidArgumentError(
        "--clock=simulated is for tests only (any admin could move the server's time); "
        "add --allow-test-clock to use it");
  return absl::OkStatus();
}

absl::Status CheckMailThreads(const Config& c) {
  if (c.mail_threads < 1 || c.mail_threads > kMaxMailThreads)
    return MailThreadsError(c.mail_threads);
  return absl::OkStatus();
}

absl::StatusOr<std::string> NormalizePublicUrl(absl::string_view url) {
  const absl::Status bad = absl::InvalidArgumentError(absl::StrCat(
      "public URL must look like https://crm.example.com (optionally with a port and a "
      "path), got \"",
      url, "\""));
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "https://") && !absl::ConsumePrefix(&rest, "http://")) return bad;
  const size_t slash = rest.find('/');
  const absl::string_view authority = rest.substr(0, slash);
  if (authority.empty() || authority.front() == ':') return bad;
  for (char ch : url) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u >= 0x7f || ch == '?' || ch == '#' || ch == '\\' || ch == '"' || ch == '<' ||
        ch == '>')
      return bad;
  }
  if (authority.find('@') != absl::string_view::npos) return bad;
  std::string out(url);
  while (out.back() == '/') out.pop_back();
  return out;
}

std::string PublicBaseUrl(const Config& c, int port) {
  if (!c.public_url.empty()) return c.public_url;
  std::string host = c.bind;
  if (host.empty() || host == "0.0.0.0" || host == "::")
    host = "localhost";
  else if (host.find(':') != std::string::npos)
    host = absl::StrCat("[", host, "]");
  return absl::StrCat(c.secure_cookies ? "https" : "http", "://", host, ":", port);
}

}  // namespace retorno
