// Reading a CSV file from an ERP or a spreadsheet (imports of documents), with libcsv:
// RFC 4180 quoting, ',' or ';' as the separator (Brazilian spreadsheets write ';'),
// UTF-8 with or without a BOM, or Windows-1252 (what Excel on Windows saves), which
// is converted to UTF-8 with iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace retorno {

struct CsvRecord {
  int line = 0;  // the line it starts on, 1 = the first line of the file
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;  // trimmed, lower-case ASCII
  std::vector<CsvRecord> records;   // data records; blank ones left out
  char separator = ',';
  bool converted_from_cp1252 = false;
};

// InvalidArgument("csv_empty") without a header, ("csv_malformed") for a quoting
// error.
absl::StatusOr<CsvTable> ReadCsv(std::string_view bytes);

// The value of `column` in a record, trimmed; "" when the column or field is missing.
std::string CsvField(const CsvTable& t, const CsvRecord& r, std::string_view column);

// A date as spreadsheets write it: 'YYYY-MM-DD' or 'DD/MM/YYYY' (Brazil and Mexico);
// nullopt for anything else or a day that does not exist.
std::optional<absl::CivilDay> ParseCsvDate(std::string_view s);

}  // namespace retorno
