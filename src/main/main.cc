// The composition root: reads configuration, builds the real clock, opens the store,
// wires use cases to the HTTP API and runs the chosen subcommand.
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

#include "absl/strings/str_cat.h"
#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "app/mail/messaging.h"
#include "app/mailings/mailings.h"
#include "app/parties/parties.h"
#include "app/parties/party_imports.h"
#include "app/proposals/proposals.h"
#include "app/sales/sales.h"
#include "base/clock.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "export/html_pdf.h"
#include "export/writers.h"
#include "http/api.h"
#include "http/event_hub.h"
#include "http/problem.h"
#include "http/server/server.h"
#include "jobs/mailing_job.h"
#include "jobs/party_import_job.h"
#include "jobs/registry.h"
#include "jobs/scheduler.h"
#include "mail/curl_mailer.h"
#include "main/config.h"
#include "main/demo.h"
#include "main/live_events.h"
#include "main/move_data_command.h"
#include "platform/magic_sniffer.h"
#include "platform/pwquality_policy.h"
#include "platform/sodium_crypto.h"
#include "platform/sodium_secrets.h"
#include "store/postgres/postgres_store.h"
#include "store/sql/appointments.h"
#include "store/sql/mailings.h"
#include "store/sql/proposals.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {
namespace {

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
  bool WaitUntil(absl::Time deadline, std::stop_token stop) const override {
    return SleepUntilAtRealSpeed(*this, deadline, stop);
  }
};

// A clock that runs at real speed from a chosen start instant (for demos and black-box
// tests of date rules without touching the machine's clock).
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(absl::Time start) : offset_(start - absl::Now()) {}
  absl::Time Now() const override { return absl::Now() + offset_; }
  bool WaitUntil(absl::Time deadline, std::stop_token stop) const override {
    return SleepUntilAtRealSpeed(*this, deadline, stop);
  }

 private:
  absl::Duration offset_;
};

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "retorno: %s\n", std::string(s.message()).c_str());
  return 1;
}

// host:pid:random — unique per process, so leases name their holder.
std::string WorkerId() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  std::random_device rd;
  return absl::StrCat(host, ":", getpid(), ":", absl::Hex(rd()));
}

// Everything a subcommand needs, built once.
struct App {
  std::unique_ptr<Clock> clock;
  SimulatedClock* simulated_clock = nullptr;  // `clock`, when it is the simulated one
  std::unique_ptr<Store> store;
  std::unique_ptr<Crypto> crypto;
  std::unique_ptr<PasswordPolicy> passwords;
  std::unique_ptr<ContentSniffer> sniffer;
  std::unique_ptr<AccountService> accounts;
  std::unique_ptr<PartyService> parties;
  std::unique_ptr<FollowupService> followups;
  std::unique_ptr<Secrets> secrets;
  std::unique_ptr<MessagingService> messaging;
  std::unique_ptr<ExportWriters> exports;
  std::unique_ptr<CalendarService> calendar;
  std::unique_ptr<CatalogService> catalog;
  std::unique_ptr<DocumentService> documents;
  std::unique_ptr<FollowupSalesService> followup_sales;
  std::unique_ptr<ImportService> imports;
  std::unique_ptr<PartyImportService> party_imports;
  std::unique_ptr<BirthdayService> birthdays;
  std::unique_ptr<ReportService> reports;
  std::unique_ptr<audit::AuditService> audit;
  std::unique_ptr<PrivacyService> privacy;
  std::unique_ptr<ReportScheduleService> report_schedules;
  std::unique_ptr<BulkService> bulk;
  std::unique_ptr<AttendanceService> attendance;
  std::unique_ptr<WorkflowService> workflow;
  std::unique_ptr<QuestionnaireService> questionnaires;
  std::unique_ptr<sql::SqlAppointmentStore> appointment_store =
      std::make_unique<sql::SqlAppointmentStore>();
  std::unique_ptr<AppointmentService> appointments;
  std::unique_ptr<sql::SqlProposalStore> proposal_store = std::make_unique<sql::SqlProposalStore>();
  std::unique_ptr<PangoHtmlPdf> html_pdf = std::make_unique<PangoHtmlPdf>();
  std::unique_ptr<ProposalService> proposals;
  std::unique_ptr<sql::SqlMailingStore> mailing_store = std::make_unique<sql::SqlMailingStore>();
  std::unique_ptr<MailingService> mailings;
};

absl::Status MakeClock(const Config& c, App& app) {
  std::optional<absl::Time> start;
  if (!c.clock_start.empty()) {
    start = ParseInstant(c.clock_start);
    if (!start) return absl::InvalidArgumentError("clock start must be RFC 3339 with an offset");
  }
  if (c.clock == "simulated") {
    auto clock = std::make_unique<SimulatedClock>(start.value_or(absl::Now()));
    app.simulated_clock = clock.get();
    app.clock = std::move(clock);
  } else if (start) {
    app.clock = std::make_unique<ShiftedClock>(*start);
  } else {
    app.clock = std::make_unique<RealClock>();
  }
  return absl::OkStatus();
}

// The configured database's store; a failure names the database (without a password)
// so that a wrong URL or an unreachable server is plain on stderr.
absl::StatusOr<std::unique_ptr<Store>> OpenStore(const Config& c) {
  ASSIGN_OR_RETURN(DatabaseChoice db, ParseDatabase(c.database));
  absl::StatusOr<std::unique_ptr<Store>> store;
  if (db.kind == DatabaseChoice::Kind::kPostgres) {
    store = OpenPostgresStore(
        {.url = db.target, .pool_size = static_cast<size_t>(std::max(c.database_pool, 0))});
  } else {
    // FULL: an acknowledged write survives a power cut (ADR 0005).
    store = OpenSqliteStore(SqliteOptions{.path = db.target, .synchronous_full = true});
  }
  if (!store.ok())
    return absl::Status(
        store.status().code(),
        absl::StrCat("database ", DatabaseForDisplay(c.database), ": ", store.status().message()));
  return store;
}

// The key that seals the SMTP password lives beside a SQLite database, not in it; with
// PostgreSQL, in data/ under the working folder (every node needs the same key).
std::string SecretKeyPath(const Config& c) {
  absl::StatusOr<DatabaseChoice> db = ParseDatabase(c.database);
  if (!db.ok() || db->kind == DatabaseChoice::Kind::kPostgres) return "data/secret.key";
  const std::filesystem::path file(db->target);
  return (file.has_parent_path() ? file.parent_path() / "secret.key"
                                 : std::filesystem::path("secret.key"))
      .string();
}

absl::StatusOr<App> BuildApp(const Config& c) {
  App app;
  if (absl::Status s = MakeClock(c, app); !s.ok()) return s;
  ASSIGN_OR_RETURN(app.store, OpenStore(c));
  auto crypto = NewSodiumCrypto({.fast_for_tests = c.fast_password_hashing});
  if (!crypto.ok()) return crypto.status();
  app.crypto = std::move(*crypto);
  auto sniffer = NewMagicSniffer();
  if (!sniffer.ok()) return sniffer.status();
  app.sniffer = std::move(*sniffer);
  // Never relaxed, not even with fast hashing for tests: the rule is the product's.
  auto passwords = NewPwqualityPolicy();
  if (!passwords.ok()) return passwords.status();
  app.passwords = std::move(*passwords);
  app.accounts = std::make_unique<AccountService>(*app.store, *app.crypto, *app.passwords);
  app.parties = std::make_unique<PartyService>(*app.store);
  app.followups = std::make_unique<FollowupService>(*app.store, *app.crypto, *app.sniffer);
  const std::string key_path = SecretKeyPath(c);
  if (const std::filesystem::path dir = std::filesystem::path(key_path).parent_path();
      !dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);  // 0700 under the umask set in main()
  }
  auto secrets = NewSodiumSecrets(key_path);
  if (!secrets.ok()) return secrets.status();
  app.secrets = std::move(*secrets);
  app.exports = std::make_unique<FileExportWriters>();
  app.messaging = std::make_unique<MessagingService>(
      *app.store, *app.crypto, *app.secrets,
      MessagingOptions{.per_user_per_hour = c.mail_per_user_per_hour});
  app.calendar = std::make_unique<CalendarService>(*app.store, *app.crypto, *app.followups);
  app.catalog = std::make_unique<CatalogService>(*app.store);
  app.documents = std::make_unique<DocumentService>(*app.store, *app.followups);
  app.followup_sales = std::make_unique<FollowupSalesService>(*app.store, *app.documents);
  app.imports = std::make_unique<ImportService>(*app.store, *app.documents);
  app.party_imports = std::make_unique<PartyImportService>(*app.store, *app.parties);
  app.birthdays = std::make_unique<BirthdayService>(*app.store, *app.followups);
  app.reports = std::make_unique<ReportService>(*app.store);
  app.audit = std::make_unique<audit::AuditService>(*app.store);
  app.privacy = std::make_unique<PrivacyService>(*app.store);
  app.report_schedules = std::make_unique<ReportScheduleService>(
      *app.store, *app.accounts, *app.reports, *app.exports, *app.crypto);
  app.bulk = std::make_unique<BulkService>(*app.store);
  app.attendance = std::make_unique<AttendanceService>(*app.store, *app.followups, *app.messaging);
  app.workflow = std::make_unique<WorkflowService>(*app.store);
  app.questionnaires = std::make_unique<QuestionnaireService>(*app.store);
  app.appointments = std::make_unique<AppointmentService>(*app.store, *app.appointment_store);
  app.proposals = std::make_unique<ProposalService>(
      *app.store, *app.proposal_store, *app.html_pdf, *app.crypto,
      ProposalOptions{.per_user_per_hour = c.mail_per_user_per_hour});
  app.mailings =
      std::make_unique<MailingService>(*app.store, *app.mailing_store, *app.crypto, *app.sniffer);
  app.parties->SetChangeObserver(app.birthdays.get());
  return app;
}

// The API's services, all of them (ApiServices).
ApiServices ServicesOf(App& app, EventHub& events, EventPublisher* cluster_events = nullptr) {
  return ApiServices{.accounts = *app.accounts,
                     .parties = *app.parties,
                     .followups = *app.followups,
                     .bulk = *app.bulk,
                     .attendance = *app.attendance,
                     .workflow = *app.workflow,
                     .calendar = *app.calendar,
                     .catalog = *app.catalog,
                     .documents = *app.documents,
                     .followup_sales = *app.followup_sales,
                     .imports = *app.imports,
                     .messaging = *app.messaging,
                     .reports = *app.reports,
                     .audit = *app.audit,
                     .privacy = *app.privacy,
                     .report_schedules = *app.report_schedules,
                     .questionnaires = *app.questionnaires,
                     .exports = *app.exports,
                     .events = events,
                     .clock = *app.clock,
                     .appointments = *app.appointments,
                     .cluster_events = cluster_events,
                     .party_imports = app.party_imports.get(),
                     .proposals = app.proposals.get(),
                     .mailings = app.mailings.get()};
}

int Serve(const Config& c) {
  auto app = BuildApp(c);
  if (!app.ok()) return Fail(app.status());
  Router router;
  HttpServer::Options opts;
  opts.bind = c.bind;
  opts.port = static_cast<uint16_t>(c.port);
  if (c.threads > 0) opts.io_threads = c.threads;
  if (std::filesystem::is_directory(c.web_dir)) opts.static_root = c.web_dir;
  opts.trusted_proxy_header = c.trusted_proxy_header;
  opts.problem = &ServerProblem;
  EventHub events;
  CurlMailer mailer;
  JobOptions jobs;
  jobs.worker_id = WorkerId();
  // On PostgreSQL, live events cross the nodes through the database (ADR 0030).
  absl::StatusOr<DatabaseChoice> database = ParseDatabase(c.database);
  if (!database.ok()) return Fail(database.status());
  auto bus = MakeEventPublisher(*database, events, jobs.worker_id);
  if (!bus.ok()) return Fail(bus.status());
  EventPublisher& publisher = *bus ? **bus : static_cast<EventPublisher&>(events);
  jobs.tick = absl::Milliseconds(c.job_tick_ms);
  jobs.outbox_lease = absl::Seconds(c.mail_lease_seconds);
  jobs.retry_base = absl::Seconds(c.mail_retry_base_seconds);
  jobs.mail_threads = c.mail_threads;
  std::vector<std::unique_ptr<Job>> server_jobs =
      ServerJobs({*app->store, *app->crypto, *app->secrets, mailer, publisher, *app->imports,
                  *app->birthdays, &events, app->report_schedules.get(), app->mailing_store.get()},
                 jobs);
  // The import of customers and contacts: its job, and its route reaching it.
  server_jobs.push_back(std::make_unique<PartyImportJob>(*app->party_imports, jobs));
  // Mailings to selected customers: expanded into the outbox a batch at a time.
  server_jobs.push_back(std::make_unique<MailingJob>(*app->mailings, jobs));
  Scheduler scheduler(*app->clock, std::move(server_jobs));
  ApiOptions api_options;
  api_options.secure_cookies = c.secure_cookies;
  Store* store = app->store.get();
  api_options.ready = [store] {
    return store->Read([](Tx& tx) { return tx.accounts().GetSettings().status(); }).ok();
  };
  HttpServer* server_ptr = nullptr;
  api_options.metrics = [&server_ptr] {
    return server_ptr ? server_ptr->metrics().RenderPrometheus() : std::string();
  };
  api_options.public_url = [&server_ptr, &c] {
    return PublicBaseUrl(c, server_ptr ? server_ptr->port() : c.port);
  };
  // The unsubscribe link of every mailing's message points there too.
  app->mailings->SetPublicUrl(api_options.public_url);
  if (app->simulated_clock) {
    api_options.test_clock = app->simulated_clock;
    api_options.test_clock_participants = scheduler.thread_count();
  }
  api_options.server_version = RETORNO_VERSION;
  api_options.schema_version = SqliteSchemaVersion();
  Api api(ServicesOf(*app, events, bus->get()), api_options);
  api.Register(router);
  scheduler.Start();
  HttpServer server(opts, router);
  server_ptr = &server;
  AccountService* accounts = app->accounts.get();
  (void)server.metrics().AddCounter(
      "retorno_login_password_checks_total",
      "Login tries whose password was checked against its hash (throttled tries are not).",
      [accounts] { return static_cast<double>(accounts->password_checks()); });
  (void)server.metrics().AddCounter(
      "retorno_login_throttled_total", "Login tries refused with 429 before any password check.",
      [accounts] { return static_cast<double>(accounts->throttled_logins()); });
  absl::Status started = server.Listen();
  if (!started.ok()) return Fail(started);
  if (app->simulated_clock)
    spdlog::warn(
        "simulated clock at {}: time moves only through POST "
        "/api/v1/test/clock/advance (tests only)",
        FormatInstantUtc(app->simulated_clock->Now()));
  spdlog::info("retorno listening on http://{}:{} (database {}, web {})", c.bind, server.port(),
               DatabaseForDisplay(c.database),
               opts.static_root.empty() ? "not built" : opts.static_root);
  server.Run();
  scheduler.Stop();
  spdlog::info("retorno stopped");
  return 0;
}

}  // namespace
}  // namespace retorno

int main(int argc, char** argv) {
  using namespace retorno;
  // Whatever Retorno creates (database, key file, sqlite's temporary files, the data
  // folder) is the owner's only; the store and key file also set 0600 explicitly.
  umask(077);
  CLI::App cli{"Retorno: follow-ups, returns and their history, so no customer is forgotten."};
  cli.require_subcommand(1);
  Config config;
  std::string config_file;
  cli.add_option("-c,--config", config_file,
                 "TOML configuration file (default: ./retorno.toml when it exists)");
  std::optional<std::string> f_database;
  cli.add_option("--database,--db", f_database,
                 "SQLite database file, or a PostgreSQL URL postgresql://... (default "
                 "data/retorno.db)");
  cli.add_option("--log-level", config.log_level, "trace, debug, info, warn, error (default info)");

  // Flags are parsed into these, then applied over file and environment.
  std::optional<std::string> f_bind, f_web, f_clock, f_log, f_proxy_header, f_public_url;
  std::optional<int> f_port, f_threads;

  auto* serve = cli.add_subcommand("serve", "Run the HTTP server (API, web app, metrics)");
  const char* kDatabaseHelp =
      "SQLite database file (or sqlite:FILE), or a PostgreSQL URL postgresql://... "
      "(default data/retorno.db)";
  serve->add_option("--database", f_database, kDatabaseHelp);
  std::optional<int> f_database_pool;
  serve->add_option("--database-pool", f_database_pool,
                    "PostgreSQL: connections to the database at most (default 2 x cores)");
  serve->add_option("--bind", f_bind, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", f_port, "Port (default 8080; 0 picks a free port)");
  serve->add_option("--web-dir", f_web, "Built web app to serve at / (default web/dist)");
  serve->add_option("--threads", f_threads, "I/O threads (default: one per core)");
  serve->add_option("--trusted-proxy-header", f_proxy_header,
                    "Header a reverse proxy writes the client address in, e.g. X-Forwarded-For "
                    "(default: none, the TCP peer's address)");
  serve->add_option("--public-url", f_public_url,
                    "Address users reach Retorno at, e.g. https://crm.example.com (links such "
                    "as the calendar feed are built from it; default http://<bind>:<port>)");
  std::optional<int> f_mail_per_hour;
  serve->add_option("--mail-per-user-per-hour", f_mail_per_hour,
                    "E-mails one user may queue per hour (default 200; 0: no limit)");
  std::optional<int> f_mail_threads;
  serve->add_option("--mail-threads", f_mail_threads,
                    "Threads delivering queued e-mail, each with its own SMTP connection "
                    "(default 2; 1..32)");
  serve->add_option("--clock-start", f_clock,
                    "Run the clock from this RFC 3339 instant (demos and tests)");
  std::optional<std::string> f_clock_kind;
  serve->add_option("--clock", f_clock_kind,
                    "real (default) or simulated: a clock that moves only through POST "
                    "/api/v1/test/clock/advance (tests only; needs --allow-test-clock)");
  bool allow_test_clock = false;
  serve->add_flag("--allow-test-clock", allow_test_clock,
                  "Allow --clock=simulated: for test suites only");
  std::optional<int> f_tick, f_lease, f_retry;
  serve->add_option("--job-tick-ms", f_tick, "Scheduler tick in ms (default 1000)");
  serve->add_option("--mail-lease-seconds", f_lease,
                    "Seconds a sender holds a message before another may retry it (default 120)");
  serve->add_option("--mail-retry-base-seconds", f_retry,
                    "First retry delay of a failed e-mail, doubling up to 1 h (default 30)");
  bool fast_hash = false;
  serve->add_flag("--insecure-fast-password-hashing", fast_hash,
                  "Minimum argon2id cost: for test suites only");

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  migrate->add_option("--database", f_database, kDatabaseHelp);

  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create a user (the first admin, typically)");
  UserInput ui;
  std::string login, name, password, role = "admin", email, tz = "America/Sao_Paulo",
                                     locale = "pt-BR";
  user_add->add_option("--login", login, "Login name")->required();
  user_add->add_option("--name", name, "Full name")->required();
  user_add->add_option("--password", password,
                       "Password (at least 10 characters, not a common one; or RETORNO_PASSWORD)");
  user_add->add_option("--role", role, "admin, supervisor or agent (default admin)");
  user_add->add_option("--email", email, "E-mail");
  user_add->add_option("--time-zone", tz, "IANA time zone (default America/Sao_Paulo)");
  user_add->add_option("--locale", locale, "pt-BR, es or en (default pt-BR)");

  auto* user_deactivate = user->add_subcommand(
      "deactivate", "Take access away from a user: every session ends, login is refused");
  std::string deactivate_login;
  user_deactivate->add_option("--login", deactivate_login, "Login name")->required();
  auto* demo = cli.add_subcommand("demo", "Fill a fresh database with a demo company");
  DemoOptions demo_options;
  demo->add_option("--followups", demo_options.followups, "How many follow-ups (default 1000)");
  demo->add_option("--parties", demo_options.parties, "How many parties (default 300)");

  AddMoveDataCommand(cli);

  auto* routes = cli.add_subcommand(
      "routes", "Print every HTTP route the server registers, as METHOD PATTERN lines");

  CLI11_PARSE(cli, argc, argv);

  // Precedence: defaults < TOML < environment < flags.
  std::string log_flag = config.log_level;
  Config defaults;
  Config c;
  absl::Status st =
      ApplyTomlFile(config_file.empty() ? "retorno.toml" : config_file, !config_file.empty(), c);
  if (st.ok()) st = ApplyEnvironment(c);
  if (!st.ok()) return Fail(st);
  if (f_database) c.database = *f_database;
  if (f_database_pool) c.database_pool = *f_database_pool;
  if (c.database_pool < 0 || c.database_pool > 1000)
    return Fail(absl::InvalidArgumentError("database pool must be 0..1000 (0: 2 x cores)"));
  if (log_flag != defaults.log_level) c.log_level = log_flag;
  if (f_bind) c.bind = *f_bind;
  if (f_port) c.port = *f_port;
  if (f_web) c.web_dir = *f_web;
  if (f_threads) c.threads = *f_threads;
  if (f_proxy_header) c.trusted_proxy_header = *f_proxy_header;
  if (f_clock) c.clock_start = *f_clock;
  if (f_clock_kind) c.clock = *f_clock_kind;
  c.allow_test_clock = allow_test_clock;
  if (absl::Status s = CheckClock(c); !s.ok()) return Fail(s);
  if (f_public_url) c.public_url = *f_public_url;
  if (f_mail_per_hour) c.mail_per_user_per_hour = *f_mail_per_hour;
  if (f_mail_threads) c.mail_threads = *f_mail_threads;
  if (absl::Status s = CheckMailThreads(c); !s.ok()) return Fail(s);
  if (!c.public_url.empty()) {
    absl::StatusOr<std::string> url = NormalizePublicUrl(c.public_url);
    if (!url.ok()) return Fail(url.status());
    c.public_url = *url;
  }
  if (c.mail_per_user_per_hour < 0)
    return Fail(absl::InvalidArgumentError("mail per user per hour must be >= 0"));
  c.fast_password_hashing = fast_hash;
  if (f_tick) c.job_tick_ms = *f_tick;
  if (f_lease) c.mail_lease_seconds = *f_lease;
  if (f_retry) c.mail_retry_base_seconds = *f_retry;
  if (c.job_tick_ms < 10 || c.job_tick_ms > 60000)
    return Fail(absl::InvalidArgumentError("job tick must be 10..60000 ms"));
  if (c.mail_lease_seconds < 2 || c.mail_retry_base_seconds < 1)
    return Fail(absl::InvalidArgumentError("mail lease must be >= 2 s and retry base >= 1 s"));
  if (c.port < 0 || c.port > 65535)
    return Fail(absl::InvalidArgumentError("port must be 0..65535"));
  spdlog::set_level(spdlog::level::from_str(c.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");

  if (serve->parsed()) return Serve(c);

  if (migrate->parsed()) {
    absl::StatusOr<DatabaseChoice> db = ParseDatabase(c.database);
    if (!db.ok()) return Fail(db.status());
    absl::StatusOr<int> applied = db->kind == DatabaseChoice::Kind::kPostgres
                                      ? MigratePostgres(db->target)
                                      : MigrateSqlite(db->target);
    const std::string shown = DatabaseForDisplay(c.database);
    if (!applied.ok())
      return Fail(absl::Status(applied.status().code(),
                               absl::StrCat("database ", shown, ": ", applied.status().message())));
    std::printf("%s: %d migration(s) applied\n", shown.c_str(), *applied);
    return 0;
  }

  auto app = BuildApp(c);
  if (!app.ok()) return Fail(app.status());
  const absl::Time now = app->clock->Now();

  if (user_add->parsed()) {
    if (password.empty())
      if (const char* p = std::getenv("RETORNO_PASSWORD")) password = p;
    ui.login = login;
    ui.name = name;
    ui.password = password;
    ui.email = email;
    ui.time_zone = tz;
    ui.locale = locale;
    auto r = ParseRole(role);
    if (!r) return Fail(absl::InvalidArgumentError("role must be admin, supervisor or agent"));
    ui.role = *r;
    auto created = app->accounts->CreateUser(nullptr, ui, now);
    if (!created.ok()) {
      std::string detail(created.status().message());
      for (const FieldIssue& i : FieldIssuesOf(created.status()))
        detail += absl::StrCat(" ", i.field, ": ", i.key, ";");
      return Fail(absl::InvalidArgumentError(detail));
    }
    std::printf("user %s created (id %lld, %s)\n", created->login.c_str(),
                static_cast<long long>(created->id.value),
                std::string(ToString(created->role)).c_str());
    return 0;
  }

  if (user_deactivate->parsed()) {
    auto u = app->accounts->DeactivateByLogin(deactivate_login, now);
    if (!u.ok()) {
      if (absl::IsNotFound(u.status()))
        return Fail(absl::NotFoundError(absl::StrCat("no user with login ", deactivate_login)));
      return Fail(u.status());
    }
    std::printf("user %s deactivated: its sessions ended and it can no longer log in\n",
                u->login.c_str());
    return 0;
  }

  if (routes->parsed()) {
    EventHub events;
    Api api(ServicesOf(*app, events));
    Router router;
    api.Register(router);
    for (const RouteInfo& r : router.routes())
      std::printf("%s %s\n", r.method.c_str(), r.pattern.c_str());
    return 0;
  }

  if (demo->parsed()) {
    demo_options.progress = [](int done, int total) {
      std::fprintf(stderr, "\rdemo: %d/%d follow-ups", done, total);
      if (done == total) std::fprintf(stderr, "\n");
    };
    absl::Status s = FillDemo(*app->store, *app->accounts, *app->parties, *app->followups,
                              {*app->catalog, *app->documents, *app->birthdays}, now, demo_options);
    if (!s.ok()) return Fail(s);
    std::printf(
        "demo company created in %s: log in as admin, carla, rafael, joao, mariana or "
        "pedro with password %s\n",
        DatabaseForDisplay(c.database).c_str(), demo_options.password.c_str());
    return 0;
  }
  return 0;
}
