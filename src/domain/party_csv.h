// Reading a CSV file of customers and contacts (ADR 0046): which column each header
// names, in English, Portuguese or Spanish, and the values of one line in the words
// Brazilian and Mexican spreadsheets use ("cliente", "fornecedor"/"proveedor", "sim"/
// "sí"/"não", dates DD/MM/YYYY). The file itself is read by domain/csv_table.h. Pure.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "domain/csv_table.h"
#include "domain/model.h"

namespace retorno {

enum class PartyColumn {
  kCode,
  kKind,
  kName,
  kTaxId,
  kEmail,
  kPhone,
  kWhatsapp,
  kBirthday,
  kBranch,
  kOwner,
  kContactName,
  kContactEmail,
  kContactPhone,
  kContactWhatsapp,
  kContactBirthday,
};
inline constexpr size_t kPartyColumnCount = 15;

// The English name ("code", "contact_email"...), the one of the example file and the
// API's error fields when a file names the column otherwise.
std::string_view ToString(PartyColumn c);
// Every column, in the order of the example file.
const std::array<PartyColumn, kPartyColumnCount>& AllPartyColumns();

// The column a header names: case, accents, spaces and hyphens do not matter
// ("Código", "codigo", "clave" are kCode; "Razão social", "nombre" are kName);
// nullopt for a header it does not know, which the import leaves aside.
std::optional<PartyColumn> PartyColumnOf(std::string_view header);

// Where each column is in a file: the index in its header, -1 when absent.
struct PartyCsvLayout {
  std::array<int, kPartyColumnCount> index;
  bool Has(PartyColumn c) const { return index[static_cast<size_t>(c)] >= 0; }
};
// The first header naming a column wins; a second one naming it again is `repeated`.
PartyCsvLayout LayoutOfPartyCsv(const std::vector<std::string>& header,
                                std::vector<std::string>* repeated = nullptr);
// The column as the file's header writes it (what an error names), or its English
// name when the file has no such column.
std::string PartyCsvHeader(const CsvTable& t, const PartyCsvLayout& layout, PartyColumn c);

// "cliente", "customer" -> customer; "fornecedor", "proveedor", "supplier" -> supplier;
// "prospect", "prospecto" -> prospect; any case and accents.
std::optional<PartyKind> ParsePartyKindWord(std::string_view s);
// "sim", "sí", "si", "s", "yes", "y", "1", "x" -> true; "não", "nao", "no", "n", "0" -> false.
std::optional<bool> ParseYesNo(std::string_view s);

// One line of the file. A column that is absent, or empty on the line, is nullopt:
// the stored value stays (an import completes what it knows, it does not erase).
struct PartyCsvLine {
  int line = 0;
  std::optional<std::string> code, name, tax_id, email, phone, whatsapp, branch, owner;
  std::optional<PartyKind> kind;
  std::optional<absl::CivilDay> birthday;
  // A contact person on the line (its name or e-mail given).
  bool has_contact = false;
  std::optional<std::string> contact_name, contact_email, contact_phone, contact_whatsapp;
  std::optional<absl::CivilDay> contact_birthday;
  std::vector<ImportError> errors;  // field: the column as the file writes it
};

// WhatsApp columns take a number, or yes/no: yes is the line's phone (of the party or
// of the contact), no clears it.
PartyCsvLine ParsePartyCsvLine(const CsvTable& t, const CsvRecord& r, const PartyCsvLayout& layout);

}  // namespace retorno
