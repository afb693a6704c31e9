// The values a proposal's layout takes from the quote chosen for it (manual 003): the
// items as an HTML table and the totals as money in the viewer's language. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "domain/model.h"

namespace retorno {

// "R$ 1.234,56" in pt-BR, "$ 1,234.56" in es and en (MXN and USD: "$"; an unknown
// currency by its code). Minor units are hundredths.
std::string FormatMoney(int64_t minor, std::string_view currency, std::string_view locale);

// The document's lines as a <table> of the allowed subset (code, description, quantity,
// unit price, discount, total), headed in `locale`; text escaped.
std::string ItemsTableHtml(const SalesDocument& d, std::string_view locale);

// Sets documento, itens (HTML), subtotal, desconto and total. The other values are
// text the caller escapes; itens is HTML already.
void AddDocumentValues(const SalesDocument& d, std::string_view locale,
                       absl::flat_hash_map<std::string, std::string>& values);

}  // namespace retorno
