#include "domain/tax_id.h"

#include <array>

namespace retorno {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

constexpr std::string_view kEnye = "\xC3\x91";  // Ñ in UTF-8

bool AllSame(std::string_view s) {
  return s.find_first_not_of(s.front()) == std::string_view::npos;
}

// Mod-11 check digit of the Brazilian documents over `body` with `weights`.
int Mod11(std::string_view body, const int* weights) {
  int sum = 0;
  for (size_t i = 0; i < body.size(); ++i) sum += (body[i] - '0') * weights[i];
  const int r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

// RFC characters, in the order of their values in SAT's check-digit table. Ñ is
// handled apart (it is two bytes in UTF-8 and worth 38).
constexpr std::string_view kRfcAlphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ ";

bool ValidYymmdd(std::string_view d) {
  for (char c : d)
    if (!IsDigit(c)) return false;
  const int yy = (d[0] - '0') * 10 + (d[1] - '0');
  const int mm = (d[2] - '0') * 10 + (d[3] - '0');
  const int dd = (d[4] - '0') * 10 + (d[5] - '0');
  if (mm < 1 || mm > 12 || dd < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  // The century is not written: 29 Feb is valid in a year divisible by 4 (2000 was
  // a leap year, and 1900 is outside any living taxpayer's range).
  if (mm == 2 && dd == 29) return yy % 4 == 0;
  return dd <= kDays[mm - 1];
}

}  // namespace

std::string_view ToString(TaxIdKind k) {
  switch (k) {
    case TaxIdKind::kCpf:
      return "cpf";
    case TaxIdKind::kCnpj:
      return "cnpj";
    case TaxIdKind::kRfc:
      return "rfc";
  }
  return "";
}

bool IsValidCpf(std::string_view d) {
  if (d.size() != 11) return false;
  for (char c : d)
    if (!IsDigit(c)) return false;
  if (AllSame(d)) return false;
  static constexpr int kW1[] = {10, 9, 8, 7, 6, 5, 4, 3, 2};
  static constexpr int kW2[] = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2};
  return Mod11(d.substr(0, 9), kW1) == d[9] - '0' && Mod11(d.substr(0, 10), kW2) == d[10] - '0';
}

bool IsValidCnpj(std::string_view s) {
  if (s.size() != 14) return false;
  for (size_t i = 0; i < 12; ++i)
    if (!IsDigit(s[i]) && !IsUpper(s[i])) return false;
  if (!IsDigit(s[12]) || !IsDigit(s[13])) return false;
  if (AllSame(s)) return false;
  static constexpr int kW1[] = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
  static constexpr int kW2[] = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
  // Mod11 reads each character as (its code - '0'): a digit's value, and for a letter
  // the ASCII code - 48 that the alphanumeric CNPJ defines.
  return Mod11(s.substr(0, 12), kW1) == s[12] - '0' && Mod11(s.substr(0, 13), kW2) == s[13] - '0';
}

bool IsValidRfc(std::string_view s) {
  // SAT's generic RFCs (the general public, foreigners) are printed on invoices and
  // come in from ERPs, although the first fails its own check digit.
  if (s == "XAXX010101000" || s == "XEXX010101000") return true;
  // Values of each character; Ñ (two bytes) counts as one character.
  std::array<int, 13> values{};
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    if (n == 13) return false;
    if (s.substr(i, 2) == kEnye) {
      values[n] = 38;
      i += 2;
      continue;
    }
    const size_t v = kRfcAlphabet.find(s[i]);
    if (v == std::string_view::npos || s[i] == ' ') return false;
    values[n] = static_cast<int>(v);
    ++i;
  }
  if (n != 12 && n != 13) return false;
  const size_t letters = n - 9;
  // Letters: A-Z, & (24) and Ñ (38); the date: digits; homoclave: letters or digits.
  for (size_t k = 0; k < letters; ++k)
    if (values[k] < 10 || values[k] == 37) return false;
  // The date's characters are single bytes: locate them in `s` by counting back.
  const std::string_view tail = s.substr(s.size() - 9);  // YYMMDD + homoclave
  if (!ValidYymmdd(tail.substr(0, 6))) return false;
  for (char c : tail.substr(6))
    if (!IsDigit(c) && !IsUpper(c)) return false;
  // Check digit: the first n-1 values, left-padded with spaces (37) to 12, weighted
  // 13..2; the digit is (11 - sum mod 11) mod 11, 10 written "A".
  int sum = 0;
  const size_t pad = 13 - n;
  for (size_t k = 0; k < 12; ++k) {
    const int v = k < pad ? 37 : values[k - pad];
    sum += v * static_cast<int>(13 - k);
  }
  const int check = (11 - sum % 11) % 11;
  return values[n - 1] == check;
}

std::string CnpjWithCheckDigits(std::string_view base12) {
  if (base12.size() != 12) return "";
  for (char c : base12)
    if (!IsDigit(c) && !IsUpper(c)) return "";
  static constexpr int kW1[] = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
  static constexpr int kW2[] = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
  std::string out(base12);
  out.push_back(static_cast<char>('0' + Mod11(out, kW1)));
  out.push_back(static_cast<char>('0' + Mod11(out, kW2)));
  return out;
}

std::optional<TaxIdKind> TaxIdKindOf(std::string_view s) {
  if (IsValidCpf(s)) return TaxIdKind::kCpf;
  if (IsValidCnpj(s)) return TaxIdKind::kCnpj;
  if (IsValidRfc(s)) return TaxIdKind::kRfc;
  return std::nullopt;
}

std::optional<std::string> NormalizeTaxId(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c) || IsUpper(c) || c == '&') {
      out.push_back(c);
    } else if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if (text.substr(i, 2) == kEnye || text.substr(i, 2) == "\xC3\xB1") {  // Ñ ñ
      out += kEnye;
      ++i;
    } else if (c == '.' || c == '-' || c == '/' || c == ' ' || c == '\t') {
      continue;  // how the documents are written: 000.000.000-00, 00.000.000/0000-00
    } else {
      return std::nullopt;
    }
  }
  if (out.empty()) return out;
  if (!TaxIdKindOf(out)) return std::nullopt;
  return out;
}

}  // namespace retorno
