// Search keys: how Brazilians and Mexicans type a name they are looking for. Text is
// compared after folding case and diacritics ("Açougue Cambuí" and "acougue cambui"
// are the same key), phone numbers and documents after dropping their punctuation
// ("(11) 98765-4321" and "98765 4321"). The stores keep folded copies of searchable
// text in columns written with every row (docs/adr/0015-*), so every SQL dialect
// matches with a plain LIKE on folded text. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "domain/model.h"

namespace retorno {

// Lower-case with the diacritics of Latin letters removed, for UTF-8 text: ASCII,
// Latin-1 Supplement and Latin Extended-A (ç -> c, ñ -> n, ß -> ss, æ -> ae, œ -> oe,
// ł -> l...); combining marks (decomposed accents) are dropped; every run of white
// space (including no-break space) becomes one space, and the ends are trimmed.
// Other characters, and bytes that are not valid UTF-8, are kept as they are.
std::string FoldForSearch(std::string_view text);

// The ASCII digits of `text`, in order ("(11) 98765-4321" -> "11987654321").
std::string DigitsOf(std::string_view text);

// What a search box's text is looked for as.
struct SearchTerms {
  // FoldForSearch of the text; empty: match everything.
  std::string folded;
  // The letters and digits of `folded` alone, when the text has a digit and some
  // punctuation or spaces ("98765 4321" -> "987654321", "12.345.678/0001-95" ->
  // "12345678000195"), matched against phone numbers and documents; else empty.
  std::string compact;
};
SearchTerms SearchTermsOf(std::string_view text);

// A party's search key (everything but its code, which is matched as a prefix on its
// own folded column): folded name, e-mail, contacts' names and e-mails, the digits of
// every phone and WhatsApp number, and the tax id in lower case, one per line.
std::string PartySearchKey(const Party& p);

}  // namespace retorno
