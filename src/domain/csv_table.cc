#include "domain/csv_table.h"

#include <csv.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_replace.h"
#include "base/strings.h"
#include "base/time_util.h"

namespace retorno {

namespace {

// Converts with iconv; false when the input is not valid in `from`.
bool Convert(const char* from, std::string_view in, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.assign(in.size() * 3 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  const size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) return false;
  out.resize(out.size() - dst_left);
  return true;
}

// Rows with the physical line each starts on: every unquoted line end ends a row
// (CSV_REPALL_NL, after CRLF became LF), and line ends inside quoted fields are
// counted so later rows keep the numbers a text editor shows.
struct Collector {
  std::vector<CsvRecord> rows;
  std::vector<std::string> current;
  int line = 1;
  int embedded_newlines = 0;
};

void OnField(void* s, size_t len, void* data) {
  auto* c = static_cast<Collector*>(data);
  std::string& f = c->current.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
  c->embedded_newlines += static_cast<int>(std::count(f.begin(), f.end(), '\n'));
}

void OnRow(int, void* data) {
  auto* c = static_cast<Collector*>(data);
  c->rows.push_back({c->line, std::move(c->current)});
  c->current.clear();
  c->line += 1 + c->embedded_newlines;
  c->embedded_newlines = 0;
}

bool Blank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](const std::string& f) { return absl::StripAsciiWhitespace(f).empty(); });
}

}  // namespace

absl::StatusOr<CsvTable> ReadCsv(std::string_view bytes) {
  CsvTable t;
  if (absl::StartsWith(ToAbsl(bytes), "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::string text;
  if (!Convert("UTF-8", bytes, text)) {
    if (!Convert("WINDOWS-1252", bytes, text)) return absl::InvalidArgumentError("csv_encoding");
    t.converted_from_cp1252 = true;
  }
  absl::StrReplaceAll({{"\r\n", "\n"}}, &text);
  // The separator is whichever of ';' and ',' the header line holds more of.
  const std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  t.separator = std::count(first_line.begin(), first_line.end(), ';') >
                        std::count(first_line.begin(), first_line.end(), ',')
                    ? ';'
                    : ',';
  csv_parser parser;
  // Not CSV_STRICT: ERPs write bare quotes inside unquoted fields (1/2"), which
  // strict mode refuses; an unclosed quoted field is still an error (below).
  if (csv_init(&parser, CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
    return absl::ResourceExhaustedError("csv_memory");
  csv_set_delim(&parser, static_cast<unsigned char>(t.separator));
  Collector c;
  bool parsed = csv_parse(&parser, text.data(), text.size(), OnField, OnRow, &c) == text.size();
  // A quoted field still open at the end of the file (libcsv checks this itself only
  // in strict mode): state 2 is libcsv's FIELD_BEGUN.
  constexpr int kFieldBegun = 2;
  if (parser.quoted && parser.pstate == kFieldBegun) parsed = false;
  parsed = parsed && csv_fini(&parser, OnField, OnRow, &c) == 0;
  csv_free(&parser);
  if (!parsed) return absl::InvalidArgumentError("csv_malformed");
  size_t i = 0;
  while (i < c.rows.size() && Blank(c.rows[i].fields)) ++i;
  if (i == c.rows.size()) return absl::InvalidArgumentError("csv_empty");
  for (const std::string& h : c.rows[i].fields)
    t.header.push_back(absl::AsciiStrToLower(absl::StripAsciiWhitespace(h)));
  for (size_t r = i + 1; r < c.rows.size(); ++r) {
    if (Blank(c.rows[r].fields)) continue;
    t.records.push_back(std::move(c.rows[r]));
  }
  return t;
}

std::string CsvField(const CsvTable& t, const CsvRecord& r, std::string_view column) {
  for (size_t i = 0; i < t.header.size(); ++i)
    if (t.header[i] == column)
      return i < r.fields.size() ? std::string(absl::StripAsciiWhitespace(r.fields[i])) : "";
  return "";
}

std::optional<absl::CivilDay> ParseCsvDate(std::string_view s) {
  if (std::optional<absl::CivilDay> d = ParseDate(s)) return d;
  int day = 0, month = 0, year = 0;
  if (s.size() == 10 && s[2] == '/' && s[5] == '/' &&
      absl::SimpleAtoi(ToAbsl(s.substr(0, 2)), &day) &&
      absl::SimpleAtoi(ToAbsl(s.substr(3, 2)), &month) &&
      absl::SimpleAtoi(ToAbsl(s.substr(6, 4)), &year)) {
    const absl::CivilDay d(year, month, day);
    if (d.year() == year && d.month() == month && d.day() == day) return d;
  }
  return std::nullopt;
}

}  // namespace retorno
