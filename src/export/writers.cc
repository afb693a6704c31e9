#include "export/writers.h"

namespace retorno {

absl::StatusOr<std::unique_ptr<ExportWriter>> FileExportWriters::Make(ExportFormat format,
                                                                      const ExportLocale& locale,
                                                                      ExportSink& sink) {
  switch (format) {
    case ExportFormat::kCsv:
      return MakeCsvWriter(locale, sink);
    case ExportFormat::kXlsx:
      return MakeXlsxWriter(locale, sink, options_.temp_dir);
    case ExportFormat::kPdf:
      return MakePdfWriter(locale, sink, options_.pdf_font);
  }
  return absl::InvalidArgumentError("unknown export format");
}

}  // namespace retorno
