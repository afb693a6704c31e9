#include "app/exports/export_writer.h"

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

}  // namespace retorno
