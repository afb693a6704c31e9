// The CSV reader of document imports (domain/csv_table.h): files exported by ERPs, in
// UTF-8 or Windows-1252, separated by ',' or ';'.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/csv_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<retorno::CsvTable> t = retorno::ReadCsv(bytes);
  if (!t.ok()) return 0;
  for (const retorno::CsvRecord& r : t->records)
    for (const std::string& column : t->header) (void)retorno::CsvField(*t, r, column);
  return 0;
}
