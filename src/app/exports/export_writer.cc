#include "app/exports/export_writer.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "app/exports/cell_text.h"

namespace retorno {

std::optional<ExportFormat> ParseExportFormat(std::string_view s) {
  if (s == "csv") return ExportFormat::kCsv;
  if (s == "xlsx") return ExportFormat::kXlsx;
  if (s == "pdf") return ExportFormat::kPdf;
  return std::nullopt;
}

std::string_view ExtensionOf(ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kXlsx:
      return "xlsx";
    case ExportFormat::kPdf:
      return "pdf";
  }
  return "bin";
}

std::string_view ContentTypeOf(ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv:
      return "text/csv; charset=utf-8";
    case ExportFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case ExportFormat::kPdf:
      return "application/pdf";
  }
  return "application/octet-stream";
}

namespace {

// Two digits, or four for a year: what "%02d" and "%04d" write for the dates of the
// app (years 1000 to 9999), without a format string parsed per cell.
void AppendDigits(std::string& out, int v, int width) {
  char buf[12];
  int n = 0;
  const bool negative = v < 0;
  unsigned u = negative ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) {
    out.append(absl::StrFormat("%0*d", width, v));
    return;
  }
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

void AppendDate(std::string& out, absl::CivilDay d, const ExportLocale& locale) {
  const int first = locale.day_first ? d.day() : d.month();
  const int second = locale.day_first ? d.month() : d.day();
  AppendDigits(out, first, 2);
  out.push_back('/');
  AppendDigits(out, second, 2);
  out.push_back('/');
  AppendDigits(out, static_cast<int>(d.year()), 4);
}

}  // namespace

void AppendCellText(std::string& out, const ExportCell& c, const ExportLocale& locale) {
  switch (c.kind) {
    case ExportCell::Kind::kText:
      out.append(c.text);
      return;
    case ExportCell::Kind::kNumber: {
      if (std::nearbyint(c.number) == c.number && std::fabs(c.number) < 1e15) {
        absl::StrAppend(&out, static_cast<int64_t>(c.number));
        return;
      }
      std::string s = absl::StrFormat("%.6g", c.number);
      out.append(locale.decimal_comma ? absl::StrReplaceAll(s, {{".", ","}}) : s);
      return;
    }
    case ExportCell::Kind::kDate:
      AppendDate(out, c.date, locale);
      return;
    case ExportCell::Kind::kDateTime:
      AppendDate(out, absl::CivilDay(c.date_time), locale);
      out.push_back(' ');
      AppendDigits(out, c.date_time.hour(), 2);
      out.push_back(':');
      AppendDigits(out, c.date_time.minute(), 2);
      return;
  }
  out.append(c.text);
}

std::string CellText(const ExportCell& c, const ExportLocale& locale) {
  std::string s;
  AppendCellText(s, c, locale);
  return s;
}

}  // namespace retorno
