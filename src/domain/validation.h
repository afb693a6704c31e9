// Field validation shared by every use case. Each check returns true when valid.
#pragma once

#include <string_view>

namespace retorno {

bool IsValidEmail(std::string_view s);
// Digits with optional leading +, spaces, dashes, dots and parentheses; 8..20 digits.
bool IsValidPhone(std::string_view s);
// ERP and table codes: 1..40 of [A-Za-z0-9._-].
bool IsValidCode(std::string_view s);
// Valid UTF-8 without control characters other than tab and newline.
bool IsCleanText(std::string_view s);

}  // namespace retorno
