// The export writers (app/exports/export_writer.h) over CSV text, libxlsxwriter and
// cairo + pango. Each keeps a bounded amount in memory whatever the row count: CSV
// writes each row as it comes, XLSX uses libxlsxwriter's constant_memory mode (rows to
// a temporary file, flushed row by row) and streams the finished file, PDF lays out a
// page at a time and cairo writes the PDF through a stream callback (ADR 0031).
#pragma once

#include <memory>
#include <string>

#include "app/exports/export_writer.h"

namespace retorno {

class FileExportWriters final : public ExportWriters {
 public:
  struct Options {
    // Where XLSX files are built before they are streamed; "" is the system's
    // temporary directory ($TMPDIR, else /tmp).
    std::string temp_dir;
    // The font family of PDFs, through fontconfig (DejaVu Sans has every accent).
    std::string pdf_font = "DejaVu Sans";
  };
  FileExportWriters() = default;
  explicit FileExportWriters(Options options) : options_(std::move(options)) {}

  absl::StatusOr<std::unique_ptr<ExportWriter>> Make(ExportFormat format,
                                                     const ExportLocale& locale,
                                                     ExportSink& sink) override;

 private:
  Options options_;
};

// The writers one by one (what Make picks).
std::unique_ptr<ExportWriter> MakeCsvWriter(const ExportLocale& locale, ExportSink& sink);
std::unique_ptr<ExportWriter> MakeXlsxWriter(const ExportLocale& locale, ExportSink& sink,
                                             const std::string& temp_dir);
std::unique_ptr<ExportWriter> MakePdfWriter(const ExportLocale& locale, ExportSink& sink,
                                            const std::string& font);

}  // namespace retorno
