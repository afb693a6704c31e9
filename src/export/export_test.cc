#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "app/exports/cell_text.h"
#include "export/writers.h"

namespace retorno {
namespace {

class StringSink : public ExportSink {
 public:
  bool Write(std::string_view bytes) override {
    if (fail_after >= 0 && static_cast<int64_t>(out.size()) >= fail_after) return false;
    out.append(bytes);
    return true;
  }
  std::string out;
  int64_t fail_after = -1;
};

ExportHead Head() {
  ExportHead h;
  h.company = "Ótica São João";
  h.title = "Retornos";
  h.filters = {{"Situação", "Aberto"}};
  h.columns = {"Nº", "Cliente", "Próximo retorno", "Contato em", "Dias"};
  h.made_at = absl::CivilMinute(2026, 12, 4, 9, 30);
  return h;
}

ExportRow Row(int i) {
  return {ExportCell::Number(i), ExportCell::Text("Ana; \"Conceição\""),
          ExportCell::Date(absl::CivilDay(2026, 12, 4)),
          ExportCell::DateTime(absl::CivilMinute(2026, 12, 4, 8, 5)), ExportCell::Number(2.5)};
}

TEST(CsvWriter, BomSemicolonsCrlfQuotingAndReaderDates) {
  StringSink sink;
  auto w = MakeCsvWriter(ExportLocale{}, sink);
  ASSERT_TRUE(w->Begin(Head()).ok());
  ASSERT_TRUE(w->Row(Row(7)).ok());
  ASSERT_TRUE(w->End().ok());
  EXPECT_EQ(sink.out,
            "\xEF\xBB\xBFNº;Cliente;Próximo retorno;Contato em;Dias\r\n"
            "7;\"Ana; \"\"Conceição\"\"\";04/12/2026;04/12/2026 08:05;2,5\r\n");
}

TEST(CsvWriter, TextThatExcelWouldRunAsAFormulaStaysText) {
  StringSink sink;
  auto w = MakeCsvWriter(ExportLocale{}, sink);
  ExportHead head = Head();
  head.columns = {"a", "b", "c", "d"};
  ASSERT_TRUE(w->Begin(head).ok());
  ASSERT_TRUE(w->Row({ExportCell::Text("=HYPERLINK(\"x\")"), ExportCell::Text("+55 11 3232-4545"),
                      ExportCell::Number(-3), ExportCell::Text("Ana")})
                  .ok());
  ASSERT_TRUE(w->End().ok());  // rows reach the sink in batches, the last at End
  EXPECT_EQ(sink.out.substr(sink.out.find("\r\n") + 2),
            "\"'=HYPERLINK(\"\"x\"\")\";'+55 11 3232-4545;-3;Ana\r\n");
}

// Rows go to the sink in batches, byte for byte what a row at a time wrote, and a reader
// that goes away stops the writer at the next batch.
TEST(CsvWriter, BatchesRowsAndStopsWhenTheReaderGoes) {
  StringSink sink;
  auto w = MakeCsvWriter(ExportLocale{}, sink);
  ASSERT_TRUE(w->Begin(Head()).ok());
  const std::string header = sink.out;
  std::string expected = header;
  for (int i = 0; i < 3000; ++i) {
    ASSERT_TRUE(w->Row(Row(i)).ok());
    absl::StrAppend(&expected, i,
                    ";\"Ana; \"\"Conceição\"\"\";04/12/2026;04/12/2026 08:05;2,5\r\n");
  }
  EXPECT_LT(sink.out.size(), expected.size()) << "the last rows wait for End";
  ASSERT_TRUE(w->End().ok());
  EXPECT_EQ(sink.out, expected);

  StringSink gone;
  gone.fail_after = 1000;
  auto w2 = MakeCsvWriter(ExportLocale{}, gone);
  ASSERT_TRUE(w2->Begin(Head()).ok());
  absl::Status s;
  int rows = 0;
  for (; rows < 100000 && s.ok(); ++rows) s = w2->Row(Row(rows));
  if (s.ok()) s = w2->End();
  EXPECT_TRUE(absl::IsCancelled(s)) << s;
  EXPECT_LT(rows, 100000);
}

TEST(CellText, WritesDatesTimesAndNumbersAsTheReaderReads) {
  const ExportLocale pt;
  const ExportLocale en{.day_first = false, .decimal_comma = false};
  EXPECT_EQ(CellText(ExportCell::DateTime(absl::CivilMinute(2026, 1, 2, 0, 0)), pt),
            "02/01/2026 00:00");
  EXPECT_EQ(CellText(ExportCell::DateTime(absl::CivilMinute(2026, 1, 2, 23, 59)), en),
            "01/02/2026 23:59");
  EXPECT_EQ(CellText(ExportCell::Date(absl::CivilDay(987, 12, 31)), pt), "31/12/0987");
  EXPECT_EQ(CellText(ExportCell::Number(1234567), pt), "1234567");
  EXPECT_EQ(CellText(ExportCell::Number(0.25), pt), "0,25");
  std::string out = "x";
  AppendCellText(out, ExportCell::Number(-12), pt);
  AppendCellText(out, ExportCell::Text(";"), pt);
  EXPECT_EQ(out, "x-12;");
}

TEST(CellText, EnglishReadersGetMonthFirstAndADecimalPoint) {
  ExportLocale en{.day_first = false, .decimal_comma = false};
  EXPECT_EQ(CellText(ExportCell::Date(absl::CivilDay(2026, 11, 23)), en), "11/23/2026");
  EXPECT_EQ(CellText(ExportCell::Number(2.5), en), "2.5");
  EXPECT_EQ(CellText(ExportCell::Number(-3), en), "-3");
}

TEST(XlsxWriter, WritesAZipWithTheRows) {
  StringSink sink;
  auto w = MakeXlsxWriter(ExportLocale{}, sink, "");
  ASSERT_TRUE(w->Begin(Head()).ok());
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(w->Row(Row(i)).ok());
  ASSERT_TRUE(w->End().ok());
  ASSERT_GT(sink.out.size(), 1000u);
  EXPECT_EQ(sink.out.substr(0, 2), "PK");
}

TEST(PdfWriter, WritesPagesAndStopsWhenTheReaderGoes) {
  StringSink sink;
  ExportHead head = Head();
  head.expected_rows = 100;
  auto w = MakePdfWriter(ExportLocale{}, sink, "DejaVu Sans");
  ASSERT_TRUE(w->Begin(head).ok());
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(w->Row(Row(i)).ok());
  ASSERT_TRUE(w->End().ok());
  EXPECT_EQ(sink.out.substr(0, 5), "%PDF-");
  EXPECT_NE(sink.out.find("/Type /Page"), std::string::npos);

  StringSink gone;
  gone.fail_after = 1000;
  auto w2 = MakePdfWriter(ExportLocale{}, gone, "DejaVu Sans");
  ASSERT_TRUE(w2->Begin(head).ok());
  absl::Status s;
  for (int i = 0; i < 5000 && s.ok(); ++i) s = w2->Row(Row(i));
  if (s.ok()) s = w2->End();
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace retorno
