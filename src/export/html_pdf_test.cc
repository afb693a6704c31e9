// The proposals' HTML as PDF: a real PDF, the company on every page and a table that
// runs over several pages split between rows, and the same page twice is the same bytes.
#include "export/html_pdf.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace retorno {
namespace {

int Pages(const std::string& pdf) {
  int n = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1))
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
  return n;
}

TEST(HtmlPdf, OnePageForAShortProposal) {
  PangoHtmlPdf pdf;
  absl::StatusOr<std::string> out =
      pdf.Render({.company = "Distribuidora Horizonte",
                  .title = "Proposta 1",
                  .html = "<h1>Proposta para Oficina São João</h1><p>Olá, <b>Conceição</b></p>",
                  .created_at = absl::FromUnixSeconds(1795000000)});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->substr(0, 5), "%PDF-");
  EXPECT_EQ(Pages(*out), 1);
}

TEST(HtmlPdf, ALongTableRunsOverPagesAndTheSamePageGivesTheSameBytes) {
  std::string html = "<table><tr><th>Código</th><th>Descrição</th></tr>";
  for (int i = 0; i < 200; ++i) absl::StrAppend(&html, "<tr><td>", i, "</td><td>Item</td></tr>");
  html += "</table>";
  const PdfPage page{.company = "Distribuidora Horizonte",
                     .title = "Proposta 2",
                     .html = html,
                     .created_at = absl::FromUnixSeconds(1795000000)};
  PangoHtmlPdf pdf;
  absl::StatusOr<std::string> a = pdf.Render(page);
  absl::StatusOr<std::string> b = pdf.Render(page);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(Pages(*a), 2);
  EXPECT_LT(Pages(*a), 10);
  EXPECT_EQ(*a, *b);
}

}  // namespace
}  // namespace retorno
