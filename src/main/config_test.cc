#include "main/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace retorno {
namespace {

std::string WriteFile(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsAreDocumentedOnes) {
  Config c;
  EXPECT_EQ(c.db_path, "data/retorno.db");
  EXPECT_EQ(c.bind, "127.0.0.1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.web_dir, "web/dist");
}

TEST(Config, TomlThenEnvironmentOverride) {
  std::string path = WriteFile("retorno-config-test.toml",
                               "[database]\npath = \"/var/lib/retorno/r.db\"\n"
                               "[server]\nbind = \"0.0.0.0\"\nport = 9090\n");
  Config c;
  ASSERT_TRUE(ApplyTomlFile(path, true, c).ok());
  EXPECT_EQ(c.db_path, "/var/lib/retorno/r.db");
  EXPECT_EQ(c.bind, "0.0.0.0");
  EXPECT_EQ(c.port, 9090);
  setenv("RETORNO_PORT", "7070", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  unsetenv("RETORNO_PORT");
  EXPECT_EQ(c.port, 7070);
  EXPECT_EQ(c.bind, "0.0.0.0");
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

}  // namespace
}  // namespace retorno
