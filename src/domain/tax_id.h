// A party's tax document: CPF (Brazilian person), CNPJ (Brazilian company) or RFC
// (Mexican person or company). The kind is derived from the shape of the number, not
// stored apart, so it can never disagree with it. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace retorno {

enum class TaxIdKind { kCpf, kCnpj, kRfc };
std::string_view ToString(TaxIdKind k);

// The stored form of a tax id as typed: punctuation and spaces dropped, letters in
// upper case ("123.456.789-09" -> "12345678909", "gode-561231-gr8" -> "GODE561231GR8").
// nullopt when it is not a valid CPF, CNPJ or RFC, check digits included. An empty
// (or blank) text is valid and normalises to "" (no document).
std::optional<std::string> NormalizeTaxId(std::string_view text);

// The kind of a normalised tax id; nullopt for "" or an invalid one.
std::optional<TaxIdKind> TaxIdKindOf(std::string_view normalized);

// Check-digit validation of normalised numbers.
// CPF: 11 digits, two mod-11 check digits; eleven equal digits are refused.
bool IsValidCpf(std::string_view digits);
// CNPJ: 14 characters, two mod-11 check digits. The first 12 may be letters (the
// alphanumeric CNPJ issued since July 2026, each character worth its ASCII code - 48);
// the check digits are digits. Fourteen equal digits are refused.
bool IsValidCnpj(std::string_view text);
// RFC: 3 (company) or 4 (person) letters (A-Z, Ñ, &), a valid date YYMMDD and a
// three-character homoclave whose last character is the mod-11 check digit.
bool IsValidRfc(std::string_view text);

// The CNPJ whose first twelve characters are `base12` (digits or upper-case letters),
// with its two check digits appended; "" when `base12` is not twelve such characters.
// For demo and test data.
std::string CnpjWithCheckDigits(std::string_view base12);

}  // namespace retorno
