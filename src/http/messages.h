// User-facing messages in pt-BR, es and en of every registered error code and field
// issue key (app/error_codes.h). The only place server text is translated.
#pragma once

#include <string>
#include <string_view>

namespace retorno {

enum class Lang { kPtBr, kEs, kEn };

// Picks the first supported language of an Accept-Language header; pt-BR by default.
Lang LangFromAcceptLanguage(std::string_view header);
std::string_view LangTag(Lang lang);

// The message for `key`, or a generic one naming the key when it is unknown.
std::string Message(std::string_view key, Lang lang);
// True when the key has a message in every language (used by tests: every code of the
// registry has one).
bool HasMessage(std::string_view key);

}  // namespace retorno
