// Field validation shared by every use case. Each check returns true when valid.
#pragma once

#include <string_view>

namespace retorno {

// An address the mailer can send to: a plain ASCII addr-spec "local@domain" with a
// dot-atom local part (at most 64 characters; none of the specials <>()[]\,;:" nor
// spaces), a domain of at least two labels of letters, digits and inner hyphens, at
// most 254 characters in all. Internationalised addresses (non-ASCII local part or
// domain) are refused: the mailer speaks neither SMTPUTF8 nor IDNA; a domain may be
// given in its ASCII form ("xn--...").
bool IsValidEmail(std::string_view s);
// Digits with optional leading +, spaces, dashes, dots and parentheses; 8..20 digits.
bool IsValidPhone(std::string_view s);
// ERP and table codes: 1..40 of [A-Za-z0-9._-].
bool IsValidCode(std::string_view s);
// Valid UTF-8 without control characters other than tab and newline.
bool IsCleanText(std::string_view s);
// No line break (CR or LF, and no Unicode line or paragraph separator): names,
// subjects, codes and the like are one line, and end up in e-mail headers and CSV cells.
bool IsOneLine(std::string_view s);

}  // namespace retorno
