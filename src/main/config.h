// Configuration of `retorno`: defaults, then a TOML file, then RETORNO_* environment
// variables, then command-line flags (each overriding the one before).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace retorno {

struct Config {
  // The database (see ParseDatabase): a SQLite file (its folder is created when
  // missing), or a PostgreSQL URL (postgresql://... or postgres://..., passed to libpq
  // as given, multi-host URLs included).
  std::string database = "data/retorno.db";
  // PostgreSQL only: connections this node keeps to the database at most, i.e. how
  // many transactions run at once (ADR 0026). 0 (default): 2 x the machine's cores.
  int database_pool = 0;
  // Address to listen on: loopback unless told otherwise.
  std::string bind = "127.0.0.1";
  int port = 8080;
  // The built web app; served at / when the folder exists.
  std::string web_dir = "web/dist";
  // I/O threads; 0 means one per core.
  int threads = 0;
  // Add "Secure" to cookies (set when behind HTTPS).
  bool secure_cookies = false;
  // Behind a reverse proxy: the header it writes the client's address in (e.g.
  // "X-Forwarded-For"); login throttling and the access log then use that address.
  // Empty (default): the TCP peer's address; never set it when clients can reach the
  // server without going through the proxy (they could forge the header).
  std::string trusted_proxy_header;
  // The address users reach Retorno at, e.g. "https://crm.example.com" (an optional
  // path prefix is kept; a trailing slash is dropped). Links handed out of the app (the
  // calendar feed) are built from it, never from a request's Host header. Empty means
  // http(s)://<bind>:<port>, with "localhost" for a wildcard bind.
  std::string public_url;
  // E-mails one user may queue per hour (send now, test mails), so one account cannot
  // send thousands from the company's sender (default 200; 0 means no limit).
  int mail_per_user_per_hour = 200;
  // Threads delivering the outbox side by side, each with its own SMTP connection
  // (1..kMaxMailThreads). A message costs a few SMTP round trips plus its store work, so
  // one thread mostly waits; several keep the SMTP server busy. 2 by default: hosted
  // providers cap the connections of one account (the excess is refused with 421 and
  // retried later), and a crash repeats at most one message per thread; a company's own
  // relay can take 4 to 8 (ADR 0007).
  int mail_threads = 2;
  // trace, debug, info, warn, error.
  std::string log_level = "info";
  // Start the clock at this RFC 3339 instant and let it run from there (demos and
  // black-box tests of dates); empty means the real clock.
  std::string clock_start;
  // "real" (default) or "simulated": a clock that stands still unless moved through
  // POST /api/v1/test/clock/advance, for black-box tests of jobs and dates. Flags only
  // (`serve --clock`), and refused unless `allow_test_clock` (`--allow-test-clock`) is
  // also given: anyone with an admin login could move the server's time.
  std::string clock = "real";
  bool allow_test_clock = false;
  // Use libsodium's minimum argon2id cost (tests only: fast, weak).
  bool fast_password_hashing = false;
  // Background jobs: how often the scheduler looks for due reminders and
  // queued e-mail; how long a worker holds a message it is sending before another may
  // take it over; the first retry delay of a failed delivery (doubling, at most 1 h).
  int job_tick_ms = 1000;
  int mail_lease_seconds = 120;
  int mail_retry_base_seconds = 30;
};

// Where the data lives, from Config::database.
struct DatabaseChoice {
  enum class Kind { kSqlite, kPostgres };
  Kind kind = Kind::kSqlite;
  // The SQLite file's path, or the PostgreSQL URL unchanged.
  std::string target;
};

// "data/retorno.db" or "sqlite:data/retorno.db" (also "sqlite:///var/lib/r.db") is a
// SQLite file; "postgresql://..." or "postgres://..." a PostgreSQL database. Anything
// else with a "scheme://" (a typo such as "postgresq://") and an empty value are
// InvalidArgument, rather than a SQLite file of that odd name.
absl::StatusOr<DatabaseChoice> ParseDatabase(absl::string_view database);

// The database for messages and logs: a PostgreSQL URL without its password.
std::string DatabaseForDisplay(absl::string_view database);

// Applies the TOML file at `path` over `config`. A missing file is an error only when
// `required`. The database is `database = "..."` (a path or a URL) at the top, or
// `path = "..."` in a `[database]` table; its pool is `database_pool = N` at the top.
absl::Status ApplyTomlFile(const std::string& path, bool required, Config& config);
// Applies RETORNO_DATABASE (or its older name RETORNO_DB; RETORNO_DATABASE wins),
// RETORNO_DATABASE_POOL, RETORNO_BIND, RETORNO_PORT, RETORNO_WEB_DIR, RETORNO_THREADS,
// RETORNO_SECURE_COOKIES, RETORNO_TRUSTED_PROXY_HEADER, RETORNO_LOG_LEVEL,
// RETORNO_CLOCK_START, RETORNO_PUBLIC_URL, RETORNO_MAIL_PER_USER_PER_HOUR,
// RETORNO_MAIL_THREADS.
absl::Status ApplyEnvironment(Config& config);

// Mail threads at most: each holds a connection to the SMTP server, and providers and
// MTAs cap simultaneous connections per client (Postfix at 50 by default); beyond the
// SMTP server's own pace more threads only wait on each other.
inline constexpr int kMaxMailThreads = 32;

// Checks mail_threads: 1..kMaxMailThreads, with an error that names the setting.
absl::Status CheckMailThreads(const Config& config);

// Checks the clock choice: "real" or "simulated", the latter only with
// allow_test_clock.
absl::Status CheckClock(const Config& config);

// Checks `url` as a public base URL ("http://" or "https://", a host, an optional port
// and path; no query, fragment, user info or spaces) and returns it without a trailing
// slash.
absl::StatusOr<std::string> NormalizePublicUrl(absl::string_view url);

// The base URL links are built from: `public_url` when set, else derived from the
// listening address and `port` (the bound one, when 0 was asked).
std::string PublicBaseUrl(const Config& config, int port);

}  // namespace retorno
