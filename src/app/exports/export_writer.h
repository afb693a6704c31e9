// The port through which a table of the app (the follow-up list, the agenda, a report)
// leaves as a file: CSV, XLSX or PDF. A writer is told a title, the filters as
// label/value pairs and the column headers once, then takes rows one at a time and
// hands its bytes to a sink as it goes, so a caller that reads its rows page by page
// exports any number of them in constant memory (ADR 0031).
//
// The caller chooses the columns and translates every text (headers, enum values,
// filters) into the reader's language, and gives dates and date-times already civil in
// the reader's zone; the writer only lays them out, with the date pattern of `Locale`.
//
// Thread safety: a writer belongs to one thread; the factory is thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace retorno {

enum class ExportFormat { kCsv, kXlsx, kPdf };
std::optional<ExportFormat> ParseExportFormat(std::string_view s);
std::string_view ExtensionOf(ExportFormat f);    // "csv"
std::string_view ContentTypeOf(ExportFormat f);  // "text/csv; charset=utf-8"

// One cell. An empty cell is a text cell with no text.
struct ExportCell {
  enum class Kind { kText, kNumber, kDate, kDateTime };
  Kind kind = Kind::kText;
  std::string text;
  double number = 0;
  absl::CivilDay date;
  absl::CivilMinute date_time;

  static ExportCell Text(std::string s) {
    ExportCell c;
    c.text = std::move(s);
    return c;
  }
  static ExportCell Number(double n) {
    ExportCell c;
    c.kind = Kind::kNumber;
    c.number = n;
    return c;
  }
  static ExportCell Date(absl::CivilDay d) {
    ExportCell c;
    c.kind = Kind::kDate;
    c.date = d;
    return c;
  }
  static ExportCell DateTime(absl::CivilMinute t) {
    ExportCell c;
    c.kind = Kind::kDateTime;
    c.date_time = t;
    return c;
  }
};
using ExportRow = std::vector<ExportCell>;

// How the reader writes dates and numbers.
struct ExportLocale {
  // Day before month (dd/mm/yyyy: pt-BR, es); false: mm/dd/yyyy (en, as the app shows).
  bool day_first = true;
  // Decimal comma (pt-BR, es); false: a decimal point.
  bool decimal_comma = true;
};

// A cell as text for the reader (CSV, PDF, a filter's value): dates dd/mm/yyyy or
// mm/dd/yyyy, date-times with HH:MM, whole numbers as such, others with the reader's
// decimal mark.
std::string CellText(const ExportCell& c, const ExportLocale& locale);

struct ExportHead {
  std::string company;  // the organisation's name (settings), on the PDF's pages
  std::string title;    // "Retornos", "Agenda"
  // The filters applied, in the reader's language ("Situação" → "Aberto").
  std::vector<std::pair<std::string, std::string>> filters;
  std::vector<std::string> columns;
  // Relative widths of the columns on paper (PDF); equal when empty.
  std::vector<double> widths;
  // How many rows are expected, when the caller knows (the PDF then numbers its pages
  // "N de M"); rows beyond it are still written.
  std::optional<int64_t> expected_rows;
  // Page footer's words, translated: "página %d de %d" and "página %d".
  std::string page_of = "página %d de %d";
  std::string page = "página %d";
  // When the file was made, civil in the reader's zone (PDF's header).
  absl::CivilMinute made_at;
};

// Where the bytes go. Write returns false when the reader went away: the writer stops.
class ExportSink {
 public:
  virtual ~ExportSink() = default;
  virtual bool Write(std::string_view bytes) = 0;
};

class ExportWriter {
 public:
  virtual ~ExportWriter() = default;
  virtual absl::Status Begin(const ExportHead& head) = 0;
  // A row with one cell per column.
  virtual absl::Status Row(const ExportRow& row) = 0;
  // Writes what is left; the file is complete once it returns OK.
  virtual absl::Status End() = 0;
};

// Makes writers; implemented by the adapters of src/export/.
class ExportWriters {
 public:
  virtual ~ExportWriters() = default;
  virtual absl::StatusOr<std::unique_ptr<ExportWriter>> Make(ExportFormat format,
                                                             const ExportLocale& locale,
                                                             ExportSink& sink) = 0;
};

}  // namespace retorno
