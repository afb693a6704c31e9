#include "domain/proposals/proposal_values.h"

#include <cmath>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "domain/sales_flow.h"
#include "domain/templates.h"

namespace retorno {

namespace {

std::string Grouped(int64_t units, char sep) {
  std::string digits = absl::StrCat(units);
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return out;
}

std::string Quantity(double q, std::string_view locale) {
  std::string s = absl::StrFormat("%.3f", q);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (locale == "pt-BR")
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

struct Words {
  const char *code, *description, *quantity, *unit_price, *discount, *total;
};

Words WordsFor(std::string_view locale) {
  if (locale == "es") return {"Código", "Descripción", "Cant.", "Precio unit.", "Desc.", "Total"};
  if (locale == "en") return {"Code", "Description", "Qty", "Unit price", "Disc.", "Total"};
  return {"Código", "Descrição", "Qtd.", "Preço unit.", "Desc.", "Total"};
}

std::string Percent(int bp, std::string_view locale) {
  std::string s = absl::StrFormat("%.2f", bp / 100.0);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (locale == "pt-BR")
    for (char& c : s)
      if (c == '.') c = ',';
  return s + " %";
}

}  // namespace

std::string FormatMoney(int64_t minor, std::string_view currency, std::string_view locale) {
  const bool pt = locale == "pt-BR";
  const int64_t a = std::llabs(minor);
  std::string number = absl::StrCat(Grouped(a / 100, pt ? '.' : ','), pt ? "," : ".",
                                    absl::StrFormat("%02d", static_cast<int>(a % 100)));
  std::string symbol = currency == "BRL"                        ? "R$"
                       : currency == "MXN" || currency == "USD" ? "$"
                       : currency == "EUR"                      ? "€"
                                                                : std::string(currency);
  return absl::StrCat(minor < 0 ? "-" : "", symbol, symbol.empty() ? "" : " ", number);
}

std::string ItemsTableHtml(const SalesDocument& d, std::string_view locale) {
  const Words w = WordsFor(locale);
  const DocumentTotals totals = TotalsOf(d);
  std::string out = absl::StrCat("<table><thead><tr><th>", w.code, "</th><th>", w.description,
                                 "</th><th>", w.quantity, "</th><th>", w.unit_price, "</th><th>",
                                 w.discount, "</th><th>", w.total, "</th></tr></thead><tbody>");
  for (size_t i = 0; i < d.items.size(); ++i) {
    const DocumentItem& it = d.items[i];
    const int64_t line = i < totals.lines.size() ? totals.lines[i].total : 0;
    absl::StrAppend(&out, "<tr><td>", HtmlEscape(it.item_code), "</td><td>",
                    HtmlEscape(it.description), "</td><td>", Quantity(it.quantity, locale),
                    "</td><td>", HtmlEscape(FormatMoney(it.unit_price, d.currency, locale)),
                    "</td><td>", Percent(it.discount_bp, locale), "</td><td>",
                    HtmlEscape(FormatMoney(line, d.currency, locale)), "</td></tr>");
  }
  out.append("</tbody></table>");
  return out;
}

void AddDocumentValues(const SalesDocument& d, std::string_view locale,
                       absl::flat_hash_map<std::string, std::string>& values) {
  const DocumentTotals totals = TotalsOf(d);
  values["documento"] = d.number;
  values["itens"] = ItemsTableHtml(d, locale);
  values["subtotal"] = FormatMoney(totals.subtotal, d.currency, locale);
  values["desconto"] = FormatMoney(totals.discount, d.currency, locale);
  values["total"] = FormatMoney(totals.total, d.currency, locale);
}

}  // namespace retorno
