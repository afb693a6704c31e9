// CSV as Brazilian Excel opens it: UTF-8 with a byte-order mark (without it Excel reads
// the accents as Windows-1252), ';' between fields (the ',' is the decimal mark there),
// CRLF line ends, a field quoted when it holds ';', '"', CR or LF (RFC 4180), a text
// that Excel would run as a formula behind an apostrophe. Rows go to the sink in
// batches of about 32 KiB.
#include <string>

#include "app/exports/cell_text.h"
#include "export/writers.h"

namespace retorno {

namespace {

// Whether a field must be quoted: it holds ';', '"', CR or LF. One pass over the text:
// find_first_of searches the set once per character of the text, about 7% of the CPU
// of a million-row export.
bool NeedsQuotes(std::string_view s) {
  for (const char ch : s)
    if (ch == ';' || ch == '"' || ch == '\r' || ch == '\n') return true;
  return false;
}

void AppendField(std::string& out, std::string_view s) {
  if (!NeedsQuotes(s)) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char ch : s) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
}

// Excel runs a field that starts with = + - @ (or a tab or CR before one) as a
// formula: a customer's name "=HYPERLINK(...)" would become a link in the reader's
// sheet. Such a text goes out with a leading apostrophe, which Excel shows as text
// (OWASP's advice for CSV injection). Numbers and dates are the writer's own.
bool StartsLikeAFormula(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}

// A text field: quoted when it holds a separator, a quote or a line end, behind an
// apostrophe when it starts like a formula (inside the quotes when both).
void AppendText(std::string& out, std::string_view s) {
  const bool quote = NeedsQuotes(s);
  if (quote) out.push_back('"');
  if (StartsLikeAFormula(s)) out.push_back('\'');
  if (!quote) {
    out.append(s);
    return;
  }
  for (char ch : s) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
}

class CsvWriter final : public ExportWriter {
 public:
  CsvWriter(const ExportLocale& locale, ExportSink& sink) : locale_(locale), sink_(sink) {}

  absl::Status Begin(const ExportHead& head) override {
    std::string line = "\xEF\xBB\xBF";
    for (size_t i = 0; i < head.columns.size(); ++i) {
      if (i) line.push_back(';');
      AppendField(line, head.columns[i]);
    }
    line.append("\r\n");
    return Send(line);
  }

  // Rows are laid out one after another in one buffer and handed to the sink some
  // tens of kilobytes at a time, not a call per row.
  absl::Status Row(const ExportRow& row) override {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) buffer_.push_back(';');
      const ExportCell& c = row[i];
      if (c.kind == ExportCell::Kind::kText) {
        AppendText(buffer_, c.text);
      } else {
        // Numbers and dates never hold a separator, a quote or a line end.
        AppendCellText(buffer_, c, locale_);
      }
    }
    buffer_.append("\r\n");
    if (buffer_.size() < kBatch) return absl::OkStatus();
    return SendBuffer();
  }

  absl::Status End() override { return SendBuffer(); }

 private:
  static constexpr size_t kBatch = 32 * 1024;

  absl::Status SendBuffer() {
    if (buffer_.empty()) return absl::OkStatus();
    absl::Status s = Send(buffer_);
    buffer_.clear();
    return s;
  }
  absl::Status Send(std::string_view s) {
    if (!sink_.Write(s)) return absl::CancelledError("the reader went away");
    return absl::OkStatus();
  }

  ExportLocale locale_;
  ExportSink& sink_;
  std::string buffer_;
};

}  // namespace

std::unique_ptr<ExportWriter> MakeCsvWriter(const ExportLocale& locale, ExportSink& sink) {
  return std::make_unique<CsvWriter>(locale, sink);
}

}  // namespace retorno
