#include "http/server/static_files.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(HttpDate, FormatsAndParsesImfFixdate) {
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Xyz 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate(""), std::nullopt);
}

TEST(ContentType, ByExtension) {
  EXPECT_EQ(ContentTypeForPath("/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/assets/index-4f3a.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/assets/app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeForPath("/f.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeForPath("/a.dir/noext"), "application/octet-stream");
}

TEST(StaticFiles, RootMustBeADirectory) {
  EXPECT_FALSE(StaticFiles::Open("/nonexistent/dir").ok());
  EXPECT_FALSE(StaticFiles::Open("/etc/hostname").ok());
  EXPECT_TRUE(StaticFiles::IsApiPath("/api"));
  EXPECT_TRUE(StaticFiles::IsApiPath("/api/v1/x"));
  EXPECT_FALSE(StaticFiles::IsApiPath("/apix"));
}

}  // namespace
}  // namespace retorno
