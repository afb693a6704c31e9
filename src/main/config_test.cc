#include "main/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace retorno {
namespace {

std::string WriteFile(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsAreDocumentedOnes) {
  Config c;
  EXPECT_EQ(c.database, "data/retorno.db");
  EXPECT_EQ(c.bind, "127.0.0.1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.web_dir, "web/dist");
}

// The simulated clock lets any admin move the server's time: only with the test flag.
TEST(Config, TheSimulatedClockNeedsTheTestFlag) {
  Config c;
  EXPECT_EQ(c.clock, "real");
  EXPECT_TRUE(CheckClock(c).ok());
  c.clock = "simulated";
  absl::Status refused = CheckClock(c);
  EXPECT_TRUE(absl::IsInvalidArgument(refused));
  EXPECT_NE(refused.message().find("--allow-test-clock"), std::string::npos) << refused;
  c.allow_test_clock = true;
  EXPECT_TRUE(CheckClock(c).ok());
  c.clock = "fast";
  EXPECT_FALSE(CheckClock(c).ok());
}

TEST(Config, TomlThenEnvironmentOverride) {
  std::string path = WriteFile("retorno-config-test.toml",
                               "[database]\npath = \"/var/lib/retorno/r.db\"\n"
                               "[server]\nbind = \"0.0.0.0\"\nport = 9090\n");
  Config c;
  ASSERT_TRUE(ApplyTomlFile(path, true, c).ok());
  EXPECT_EQ(c.database, "/var/lib/retorno/r.db");
  EXPECT_EQ(c.bind, "0.0.0.0");
  EXPECT_EQ(c.port, 9090);
  setenv("RETORNO_PORT", "7070", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  unsetenv("RETORNO_PORT");
  EXPECT_EQ(c.port, 7070);
  EXPECT_EQ(c.bind, "0.0.0.0");
}

TEST(Config, DatabaseIsAFileOrAPostgresUrl) {
  using Kind = DatabaseChoice::Kind;
  absl::StatusOr<DatabaseChoice> d = ParseDatabase("data/retorno.db");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->kind, Kind::kSqlite);
  EXPECT_EQ(d->target, "data/retorno.db");
  d = ParseDatabase("sqlite:data/r.db");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind, Kind::kSqlite);
  EXPECT_EQ(d->target, "data/r.db");
  d = ParseDatabase("sqlite:///var/lib/retorno/r.db");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->target, "/var/lib/retorno/r.db");
  // URLs reach libpq unchanged, multi-host ones included.
  for (const char* url : {"postgresql://db.example.com/retorno",
                          "postgres://retorno@10.0.0.5:5433/retorno?sslmode=require",
                          "postgresql://a:5432,b:5432/retorno?target_session_attrs=read-write"}) {
    d = ParseDatabase(url);
    ASSERT_TRUE(d.ok()) << url;
    EXPECT_EQ(d->kind, Kind::kPostgres) << url;
    EXPECT_EQ(d->target, url);
  }
  for (const char* bad : {"", "sqlite:", "postgresq://db/retorno", "mysql://db/retorno"}) {
    d = ParseDatabase(bad);
    EXPECT_TRUE(absl::IsInvalidArgument(d.status())) << bad;
  }
}

TEST(Config, ADatabasePasswordNeverReachesTheMessages) {
  EXPECT_EQ(DatabaseForDisplay("postgresql://retorno:s3cret@db/retorno"),
            "postgresql://retorno:***@db/retorno");
  EXPECT_EQ(DatabaseForDisplay("postgresql://u:p@a:1,b:2/r?target_session_attrs=read-write"),
            "postgresql://u:***@a:1,b:2/r?target_session_attrs=read-write");
  EXPECT_EQ(DatabaseForDisplay("postgresql://db/r?user=u&password=s3cret"), "postgresql://db/r");
  EXPECT_EQ(DatabaseForDisplay("postgresql://retorno@db:5433/r"), "postgresql://retorno@db:5433/r");
  EXPECT_EQ(DatabaseForDisplay("data/retorno.db"), "data/retorno.db");
  absl::StatusOr<DatabaseChoice> d = ParseDatabase("postgresq://u:s3cret@db/r");
  EXPECT_EQ(d.status().message().find("s3cret"), std::string::npos) << d.status();
}

// Precedence as every option: default < TOML < environment (flags, applied in main.cc,
// come last). RETORNO_DATABASE is the new name of RETORNO_DB and wins over it.
TEST(Config, DatabaseFromTomlThenEnvironment) {
  std::string path = WriteFile("retorno-config-database.toml",
                               "database = \"postgresql://db.example.com/retorno\"\n"
                               "database_pool = 12\n"
                               "[server]\nport = 9090\n");
  Config c;
  EXPECT_EQ(c.database_pool, 0);  // 2 x cores
  ASSERT_TRUE(ApplyTomlFile(path, true, c).ok());
  EXPECT_EQ(c.database, "postgresql://db.example.com/retorno");
  EXPECT_EQ(c.database_pool, 12);
  EXPECT_EQ(c.port, 9090);
  setenv("RETORNO_DATABASE_POOL", "6", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  EXPECT_EQ(c.database_pool, 6);
  setenv("RETORNO_DATABASE_POOL", "six", 1);
  EXPECT_FALSE(ApplyEnvironment(c).ok());
  unsetenv("RETORNO_DATABASE_POOL");
  setenv("RETORNO_DB", "/srv/old.db", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  EXPECT_EQ(c.database, "/srv/old.db");
  setenv("RETORNO_DATABASE", "postgres://a,b/retorno?target_session_attrs=read-write", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  unsetenv("RETORNO_DB");
  unsetenv("RETORNO_DATABASE");
  EXPECT_EQ(c.database, "postgres://a,b/retorno?target_session_attrs=read-write");
  // The older table form still reads.
  path = WriteFile("retorno-config-database-table.toml", "[database]\npath = \"sqlite:r.db\"\n");
  Config t;
  ASSERT_TRUE(ApplyTomlFile(path, true, t).ok());
  EXPECT_EQ(t.database, "sqlite:r.db");
}

TEST(Config, TrustedProxyHeaderFromTomlThenEnvironment) {
  EXPECT_EQ(Config{}.trusted_proxy_header, "");  // the TCP peer unless told otherwise
  std::string path = WriteFile("retorno-config-proxy-test.toml",
                               "[server]\ntrusted_proxy_header = \"X-Forwarded-For\"\n");
  Config c;
  ASSERT_TRUE(ApplyTomlFile(path, true, c).ok());
  EXPECT_EQ(c.trusted_proxy_header, "X-Forwarded-For");
  setenv("RETORNO_TRUSTED_PROXY_HEADER", "X-Real-IP", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  unsetenv("RETORNO_TRUSTED_PROXY_HEADER");
  EXPECT_EQ(c.trusted_proxy_header, "X-Real-IP");
}

TEST(Config, BadInputsAreClearErrors) {
  Config c;
  EXPECT_FALSE(ApplyTomlFile("/nonexistent/retorno.toml", true, c).ok());
  EXPECT_TRUE(ApplyTomlFile("/nonexistent/retorno.toml", false, c).ok());
  std::string bad = WriteFile("retorno-bad.toml", "[server\nport = ");
  absl::Status s = ApplyTomlFile(bad, true, c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("line"), absl::string_view::npos);
  setenv("RETORNO_PORT", "eighty", 1);
  EXPECT_FALSE(ApplyEnvironment(c).ok());
  unsetenv("RETORNO_PORT");
}

TEST(Config, PublicUrlAndMailLimitFromTomlEnvironment) {
  std::string path = WriteFile("retorno-public-url.toml",
                               "[server]\npublic_url = \"https://crm.example.com/retorno/\"\n"
                               "[mail]\nper_user_per_hour = 50\n");
  Config c;
  EXPECT_EQ(c.mail_per_user_per_hour, 200);
  ASSERT_TRUE(ApplyTomlFile(path, true, c).ok());
  EXPECT_EQ(c.public_url, "https://crm.example.com/retorno/");
  EXPECT_EQ(c.mail_per_user_per_hour, 50);
  setenv("RETORNO_PUBLIC_URL", "https://crm.example.org", 1);
  setenv("RETORNO_MAIL_PER_USER_PER_HOUR", "20", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  unsetenv("RETORNO_PUBLIC_URL");
  unsetenv("RETORNO_MAIL_PER_USER_PER_HOUR");
  EXPECT_EQ(c.public_url, "https://crm.example.org");
  EXPECT_EQ(c.mail_per_user_per_hour, 20);
}

// The outbox's threads: default 2, from TOML then the environment; 0, negatives and
// absurd counts stop the server with an error that names the setting and the range.
TEST(Config, MailThreadsFromTomlThenEnvironmentAndChecked) {
  Config c;
  EXPECT_EQ(c.mail_threads, 2);
  EXPECT_TRUE(CheckMailThreads(c).ok());
  std::string path = WriteFile("retorno-mail-threads.toml", "[mail]\nthreads = 6\n");
  ASSERT_TRUE(ApplyTomlFile(path, true, c).ok());
  EXPECT_EQ(c.mail_threads, 6);
  EXPECT_TRUE(CheckMailThreads(c).ok());
  setenv("RETORNO_MAIL_THREADS", "8", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  EXPECT_EQ(c.mail_threads, 8);
  setenv("RETORNO_MAIL_THREADS", "eight", 1);
  absl::Status not_a_number = ApplyEnvironment(c);
  unsetenv("RETORNO_MAIL_THREADS");
  EXPECT_TRUE(absl::IsInvalidArgument(not_a_number));
  EXPECT_NE(not_a_number.message().find("RETORNO_MAIL_THREADS"), std::string::npos);

  for (int bad : {0, -1, kMaxMailThreads + 1, 1000}) {
    c.mail_threads = bad;
    absl::Status s = CheckMailThreads(c);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << bad;
    EXPECT_NE(s.message().find("mail threads must be 1..32"), std::string::npos) << s;
    EXPECT_NE(s.message().find(absl::StrCat("got ", bad)), std::string::npos) << s;
  }
  c.mail_threads = kMaxMailThreads;
  EXPECT_TRUE(CheckMailThreads(c).ok());

  // In the file, a count too large for an int is refused as given, not wrapped around.
  for (const char* text : {"[mail]\nthreads = 0\n", "[mail]\nthreads = 4294967298\n"}) {
    Config t;
    absl::Status s = ApplyTomlFile(WriteFile("retorno-mail-threads-bad.toml", text), true, t);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << text;
    EXPECT_NE(s.message().find("[mail] threads"), std::string::npos) << s;
    EXPECT_EQ(t.mail_threads, 2) << text;
  }
  Config big;
  absl::Status s = ApplyTomlFile(
      WriteFile("retorno-mail-threads-big.toml", "[mail]\nthreads = 4294967298\n"), true, big);
  EXPECT_NE(s.message().find("got 4294967298"), std::string::npos) << s;
}

TEST(Config, PublicUrlIsCheckedAndNormalised) {
  EXPECT_EQ(NormalizePublicUrl("https://crm.example.com/").value(), "https://crm.example.com");
  EXPECT_EQ(NormalizePublicUrl("http://10.0.0.5:8080/retorno").value(),
            "http://10.0.0.5:8080/retorno");
  for (const char* bad : {"crm.example.com", "ftp://crm.example.com", "https://", "https:///x",
                          "https://a b.com", "https://crm.example.com/?x=1",
                          "https://user@crm.example.com", "https://crm.example.com\r\nX: y"})
    EXPECT_FALSE(NormalizePublicUrl(bad).ok()) << bad;
}

TEST(Config, WithoutPublicUrlLinksUseTheListeningAddress) {
  Config c;
  EXPECT_EQ(PublicBaseUrl(c, 8080), "http://127.0.0.1:8080");
  c.bind = "0.0.0.0";
  c.secure_cookies = true;
  EXPECT_EQ(PublicBaseUrl(c, 443), "https://localhost:443");
  c.public_url = "https://crm.example.com";
  EXPECT_EQ(PublicBaseUrl(c, 443), "https://crm.example.com");
}

}  // namespace
}  // namespace retorno
