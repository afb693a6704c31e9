#include "app/exports/export_writer.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

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

std::string DateText(absl::CivilDay d, const ExportLocale& locale) {
  return locale.day_first ? absl::StrFormat("%02d/%02d/%04d", d.day(), d.month(), d.year())
                          : absl::StrFormat("%02d/%02d/%04d", d.month(), d.day(), d.year());
}

}  // namespace

std::string CellText(const ExportCell& c, const ExportLocale& locale) {
  switch (c.kind) {
    case ExportCell::Kind::kText:
      return c.text;
    case ExportCell::Kind::kNumber: {
      if (std::nearbyint(c.number) == c.number && std::fabs(c.number) < 1e15)
        return absl::StrCat(static_cast<int64_t>(c.number));
      std::string s = absl::StrFormat("%.6g", c.number);
      return locale.decimal_comma ? absl::StrReplaceAll(s, {{".", ","}}) : s;
    }
    case ExportCell::Kind::kDate:
      return DateText(c.date, locale);
    case ExportCell::Kind::kDateTime:
      return absl::StrFormat("%s %02d:%02d", DateText(absl::CivilDay(c.date_time), locale),
                             c.date_time.hour(), c.date_time.minute());
  }
  return c.text;
}

}  // namespace retorno
