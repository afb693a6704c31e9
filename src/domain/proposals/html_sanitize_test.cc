#include "domain/proposals/html_sanitize.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace retorno {
namespace {

using ::testing::ElementsAre;

struct Case {
  const char* name;
  const char* in;
  const char* out;
};

// Each row: what a layout's author (or an attacker) writes, and what is kept.
const Case kCases[] = {
    {"plain text", "Olá, #{cliente}!", "<p>Olá, #{cliente}!</p>"},
    {"allowed markup", "<h1>Proposta</h1><p><b>A</b> <i>B</i> <u>C</u></p>",
     "<h1>Proposta</h1><p><b>A</b> <i>B</i> <u>C</u></p>"},
    {"script with content", "<p>a</p><script>alert(1)</script><p>b</p>", "<p>a</p><p>b</p>"},
    {"script upper case", "<SCRIPT>alert(1)</SCRIPT>ok", "<p>ok</p>"},
    {"event handler", "<p onclick=\"x()\">a</p><span onerror=alert(1)>b</span>",
     "<p>a</p><p><span>b</span></p>"},
    {"image with onerror", "<img src=x onerror=alert(1)>texto", "<p>texto</p>"},
    {"javascript url", "<a href=\"javascript:alert(1)\">clique</a>", "<p>clique</p>"},
    {"style with url", "<p style=\"background:url(http://x.example/a.png)\">a</p>", "<p>a</p>"},
    {"style element", "<style>body{background:url(http://x)}</style><p>a</p>", "<p>a</p>"},
    {"iframe", "<iframe src=\"http://evil.example\">x</iframe><p>a</p>", "<p>a</p>"},
    {"object and embed", "<object data=x></object><embed src=y><p>a</p>", "<p>a</p>"},
    {"svg with script", "<svg><script>alert(1)</script></svg>ok", "<p>ok</p>"},
    {"comment", "<p>a<!-- <script>alert(1)</script> --></p>", "<p>a</p>"},
    {"nested script name", "<scr<script>ipt>alert(1)</script>", "<p>ipt&gt;alert(1)</p>"},
    {"entity is text", "&lt;script&gt;alert(1)&lt;/script&gt;",
     "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
    {"div unwrapped", "<div><p>a</p></div>", "<p>a</p>"},
    {"table with colspan", "<table><tr><td colspan=\"2\" style=\"x\">a</td></tr></table>",
     "<table><tr><td colspan=\"2\">a</td></tr></table>"},
    {"attribute breaking out", "<p title='\"><script>alert(1)</script>'>a</p>", "<p>a</p>"},
    {"accents kept", "<p>Atenção, São Paulo — ñ</p>", "<p>Atenção, São Paulo — ñ</p>"},
    {"placeholder with fallback", "<p>#{contato|cliente}</p>", "<p>#{contato|cliente}</p>"},
    {"form", "<form action=http://x><input name=a><button>b</button></form>", ""},
    {"link and meta", "<link rel=stylesheet href=http://x><meta http-equiv=refresh>ok",
     "<p>ok</p>"},
};

TEST(HtmlSanitize, Table) {
  for (const Case& c : kCases) {
    EXPECT_EQ(SanitizeHtml(c.in), c.out) << c.name;
    // Sanitizing what was kept changes nothing.
    EXPECT_EQ(SanitizeHtml(SanitizeHtml(c.in)), SanitizeHtml(c.in)) << c.name;
  }
}

TEST(HtmlSanitize, NamesWhatWasRemoved) {
  SanitizedHtml s = SanitizeHtmlTree("<p onclick=x style=y>a</p><script>1</script><img src=z>");
  EXPECT_THAT(s.removed, ElementsAre("onclick", "style", "script", "img"));
  EXPECT_TRUE(SanitizeHtmlTree("<p>a</p>").removed.empty());
}

TEST(HtmlSanitize, TreeForTheRenderer) {
  SanitizedHtml s = SanitizeHtmlTree("<ul><li>um</li><li>dois</li></ul>");
  ASSERT_EQ(s.nodes.size(), 1u);
  EXPECT_EQ(s.nodes[0].tag, "ul");
  ASSERT_EQ(s.nodes[0].children.size(), 2u);
  EXPECT_EQ(s.nodes[0].children[1].children[0].text, "dois");
}

}  // namespace
}  // namespace retorno
