#include "http/server/router.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

Handler Named(std::string name) {
  return [name](HttpRequest&) {
    HttpResponse r;
    r.body = name;
    return r;
  };
}

HttpRequest Req(std::string method, std::string path) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

std::string Call(const Router& router, HttpRequest& req) {
  Router::Match m = router.Find(req);
  if (m.kind != Router::Match::Kind::kFound) return "";
  return (*m.handler)(req).body;
}

TEST(Router, MatchesLiteralsAndFillsParams) {
  Router router;
  router.Add("GET", "/api/v1/followups", Named("list"));
  router.Add("GET", "/api/v1/followups/{id}", Named("get"));
  router.Add("POST", "/api/v1/followups/{id}/actions", Named("act"));
  router.Add("GET", "/api/v1/parties/{party}/followups/{id}", Named("nested"));

  HttpRequest a = Req("GET", "/api/v1/followups");
  EXPECT_EQ(Call(router, a), "list");
  EXPECT_EQ(a.route, "/api/v1/followups");

  HttpRequest b = Req("GET", "/api/v1/followups/42");
  EXPECT_EQ(Call(router, b), "get");
  EXPECT_EQ(b.path_params.at("id"), "42");
  EXPECT_EQ(b.route, "/api/v1/followups/{id}");

  HttpRequest c = Req("POST", "/api/v1/followups/7/actions");
  EXPECT_EQ(Call(router, c), "act");
  EXPECT_EQ(c.path_params.at("id"), "7");

  HttpRequest d = Req("GET", "/api/v1/parties/p 1/followups/9");
  EXPECT_EQ(Call(router, d), "nested");
  EXPECT_EQ(d.path_params.at("party"), "p 1");
  EXPECT_EQ(d.path_params.at("id"), "9");
}

TEST(Router, LiteralBeatsParameterWhateverTheOrderOfRegistration) {
  Router router;
  router.Add("GET", "/parties/{id}", Named("one"));
  router.Add("GET", "/parties/export", Named("export"));
  router.Add("GET", "/{section}/search", Named("section-search"));
  HttpRequest a = Req("GET", "/parties/export");
  EXPECT_EQ(Call(router, a), "export");
  HttpRequest b = Req("GET", "/parties/12");
  EXPECT_EQ(Call(router, b), "one");
  // The first differing segment decides: "parties" (literal) beats "{section}".
  HttpRequest c = Req("GET", "/parties/search");
  EXPECT_EQ(Call(router, c), "one");
  HttpRequest d = Req("GET", "/users/search");
  EXPECT_EQ(Call(router, d), "section-search");
}

TEST(Router, NotFoundVersusMethodNotAllowed) {
  Router router;
  router.Add("GET", "/items/{id}", Named("get"));
  router.Add("DELETE", "/items/{id}", Named("delete"));
  router.Add("PATCH", "/items/{id}", Named("patch"));

  HttpRequest a = Req("GET", "/nothing/here");
  EXPECT_EQ(router.Find(a).kind, Router::Match::Kind::kNotFound);
  HttpRequest b = Req("GET", "/items");
  EXPECT_EQ(router.Find(b).kind, Router::Match::Kind::kNotFound);
  HttpRequest c = Req("POST", "/items/3");
  Router::Match m = router.Find(c);
  EXPECT_EQ(m.kind, Router::Match::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "DELETE, GET, HEAD, PATCH");
  // A method differing only in case is another method.
  HttpRequest d = Req("get", "/items/3");
  EXPECT_EQ(router.Find(d).kind, Router::Match::Kind::kMethodNotAllowed);
}

TEST(Router, HeadUsesGetUnlessAHeadRouteExists) {
  Router router;
  router.Add("GET", "/a", Named("get-a"));
  router.Add("GET", "/b", Named("get-b"));
  router.Add("HEAD", "/b", Named("head-b"));
  HttpRequest a = Req("HEAD", "/a");
  EXPECT_EQ(Call(router, a), "get-a");
  HttpRequest b = Req("HEAD", "/b");
  EXPECT_EQ(Call(router, b), "head-b");
  HttpRequest c = Req("POST", "/a");
  EXPECT_EQ(router.Find(c).allow, "GET, HEAD");
}

TEST(Router, EmptySegmentsAreIgnoredAndParamsNeedASegment) {
  Router router;
  router.Add("GET", "/", Named("root"));
  router.Add("GET", "/a/{x}", Named("ax"));
  HttpRequest a = Req("GET", "/");
  EXPECT_EQ(Call(router, a), "root");
  HttpRequest b = Req("GET", "/a/1/");
  EXPECT_EQ(Call(router, b), "ax");
  HttpRequest c = Req("GET", "//a//1");
  EXPECT_EQ(Call(router, c), "ax");
  HttpRequest d = Req("GET", "/a/");
  EXPECT_EQ(router.Find(d).kind, Router::Match::Kind::kNotFound);
}

TEST(Router, IndexAndOptionsAreReported) {
  Router router;
  router.Add("GET", "/x", Named("x"));
  router.Add("POST", "/login", Named("login"), {.blocking = true});
  HttpRequest r = Req("POST", "/login");
  Router::Match m = router.Find(r);
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_TRUE(m.options.blocking);
  EXPECT_EQ(m.index, 1u);
  ASSERT_EQ(router.routes().size(), 2u);
  EXPECT_EQ(router.routes()[1].pattern, "/login");
}

TEST(RouterDeathTest, BadPatternsAbort) {
  EXPECT_DEATH(Router().Add("GET", "no-slash", Named("x")), "must start with /");
  EXPECT_DEATH(Router().Add("GET", "/a/{id", Named("x")), "malformed parameter");
  EXPECT_DEATH(Router().Add("GET", "/a/{}", Named("x")), "malformed parameter");
  EXPECT_DEATH(Router().Add("GET", "/a/{id}/{id}", Named("x")), "repeated parameter");
  EXPECT_DEATH(
      {
        Router r;
        r.Add("GET", "/a/{id}", Named("x"));
        r.Add("GET", "/a/{key}", Named("y"));
      },
      "already exists");
}

TEST(HttpRequest, HeaderQueryAndCookie) {
  HttpRequest r;
  r.headers = {{"Content-Type", "application/json"},
               {"cookie", "a=1; session=\"abc\"; theme=dark"},
               {"Cookie", "late=2"}};
  ASSERT_TRUE(ParseTarget("/p%20q/x?q=ana+maria&empty&n=%E2%82%AC&n=2", &r.path, &r.query));
  EXPECT_EQ(r.path, "/p q/x");
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("X-Missing"), "");
  EXPECT_EQ(r.Query("q"), "ana maria");
  EXPECT_EQ(r.Query("empty"), "");
  EXPECT_EQ(r.Query("n"), "\u20ac");
  EXPECT_EQ(r.Query("missing"), std::nullopt);
  EXPECT_EQ(r.Cookie("session"), "abc");
  EXPECT_EQ(r.Cookie("theme"), "dark");
  EXPECT_EQ(r.Cookie("late"), "2");
  EXPECT_EQ(r.Cookie("sess"), std::nullopt);
}

TEST(HttpRequest, UnreadQueryNamesAreTheOnesNoHandlerAskedFor) {
  HttpRequest r;
  ASSERT_TRUE(ParseTarget("/x?status=open&document_id=&statsu=x&statsu=y", &r.path, &r.query));
  EXPECT_EQ(r.Query("status"), "open");
  EXPECT_EQ(r.Query("owner_id"), std::nullopt);
  EXPECT_EQ(r.UnreadQueryNames(), (std::vector<std::string>{"document_id", "statsu"}));
  r.Query("document_id");
  EXPECT_EQ(r.UnreadQueryNames(), (std::vector<std::string>{"statsu"}));
}

TEST(HttpRequest, LogSafePathDropsTheQueryAndRedactsTokens) {
  const std::string token = "pX3bq9Kd0_aZ-7Lm2Qr5Tu8Vw1Yx4Cz6Ef9Gh0Ij2k";
  EXPECT_EQ(LogSafePath("/api/v1/calendar/feed/" + token + ".ics"),
            "/api/v1/calendar/feed/[redacted].ics");
  EXPECT_EQ(LogSafePath("/api/v1/calendar/feed/" + token), "/api/v1/calendar/feed/[redacted]");
  EXPECT_EQ(LogSafePath("/api/v1/x/" + token + "/y?token=" + token), "/api/v1/x/[redacted]/y");
  // Ids, route words and file names stay readable.
  EXPECT_EQ(LogSafePath("/api/v1/followups/123/entries?q=ana"), "/api/v1/followups/123/entries");
  EXPECT_EQ(LogSafePath("/assets/index-4f3a2b1c.js"), "/assets/index-4f3a2b1c.js");
  EXPECT_EQ(LogSafePath("/"), "/");
  EXPECT_EQ(LogSafePath("?x=1"), "-");
}

TEST(HttpRequest, ParseTargetRejectsMalformedTargets) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  EXPECT_FALSE(ParseTarget("http://example.com/", &path, &query));
  EXPECT_FALSE(ParseTarget("*", &path, &query));
  EXPECT_FALSE(ParseTarget("/a%2", &path, &query));
  EXPECT_FALSE(ParseTarget("/a%zz", &path, &query));
  EXPECT_FALSE(ParseTarget("/a%00b", &path, &query));
  EXPECT_FALSE(ParseTarget("/a?x=%G0", &path, &query));
  EXPECT_TRUE(ParseTarget("/a+b", &path, &query));
  EXPECT_EQ(path, "/a+b");  // "+" is a space only in the query
  EXPECT_EQ(PercentDecode("%41%62", false), "Ab");
}

TEST(HttpResponse, SetHeaderReplaces) {
  HttpResponse r;
  r.headers = {{"X-A", "1"}, {"x-a", "2"}, {"Set-Cookie", "a"}};
  r.SetHeader("X-A", "3");
  EXPECT_EQ(r.Header("x-a"), "3");
  EXPECT_EQ(r.headers.size(), 2u);
  EXPECT_TRUE(r.HasHeader("set-cookie"));
}

TEST(ForwardedClientAddress, TakesTheLastEntryTheTrustedProxyAppended) {
  EXPECT_EQ(ForwardedClientAddress("203.0.113.9"), "203.0.113.9");
  // A client may send its own X-Forwarded-For; the proxy appends the real peer last.
  EXPECT_EQ(ForwardedClientAddress("10.9.9.9, 198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(ForwardedClientAddress(" 2001:DB8::1 "), "2001:db8::1");
  EXPECT_EQ(ForwardedClientAddress("[2001:db8::2]"), "2001:db8::2");
  EXPECT_EQ(ForwardedClientAddress(""), std::nullopt);
  EXPECT_EQ(ForwardedClientAddress("unknown"), std::nullopt);
  EXPECT_EQ(ForwardedClientAddress("198.51.100.7, evil\nheader"), std::nullopt);
}

}  // namespace
}  // namespace retorno
