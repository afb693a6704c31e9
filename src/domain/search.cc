#include "domain/search.h"

#include <cstdint>

namespace retorno {

namespace {

// Base letters of U+00C0..U+00FF. '=' keeps the character (× and ÷); upper-case
// markers expand to two letters: A -> "ae", T -> "th", S -> "ss".
constexpr std::string_view kLatin1 =
    "aaaaaaAceeeeiiiidnooooo=ouuuuyTS"
    "aaaaaaAceeeeiiiidnooooo=ouuuuyTy";
static_assert(kLatin1.size() == 64);

// Base letters of U+0100..U+017F (Latin Extended-A). I -> "ij", O -> "oe".
constexpr std::string_view kLatinExtA =
    "aaaaaa"        // Ā ā Ă ă Ą ą
    "cccccccc"      // Ć ć Ĉ ĉ Ċ ċ Č č
    "dddd"          // Ď ď Đ đ
    "eeeeeeeeee"    // Ē ē Ĕ ĕ Ė ė Ę ę Ě ě
    "gggggggg"      // Ĝ ĝ Ğ ğ Ġ ġ Ģ ģ
    "hhhh"          // Ĥ ĥ Ħ ħ
    "iiiiiiiiii"    // Ĩ ĩ Ī ī Ĭ ĭ Į į İ ı
    "II"            // Ĳ ĳ
    "jj"            // Ĵ ĵ
    "kkk"           // Ķ ķ ĸ
    "llllllllll"    // Ĺ ĺ Ļ ļ Ľ ľ Ŀ ŀ Ł ł
    "nnnnnnnnn"     // Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ
    "oooooo"        // Ō ō Ŏ ŏ Ő ő
    "OO"            // Œ œ
    "rrrrrr"        // Ŕ ŕ Ŗ ŗ Ř ř
    "ssssssss"      // Ś ś Ŝ ŝ Ş ş Š š
    "tttttt"        // Ţ ţ Ť ť Ŧ ŧ
    "uuuuuuuuuuuu"  // Ũ ũ Ū ū Ŭ ŭ Ů ů Ű ű Ų ų
    "ww"            // Ŵ ŵ
    "yyy"           // Ŷ ŷ Ÿ
    "zzzzzz"        // Ź ź Ż ż Ž ž
    "s";            // ſ
static_assert(kLatinExtA.size() == 128);

void AppendBase(char base, std::string& out) {
  switch (base) {
    case 'A':
      out += "ae";
      break;
    case 'T':
      out += "th";
      break;
    case 'S':
      out += "ss";
      break;
    case 'I':
      out += "ij";
      break;
    case 'O':
      out += "oe";
      break;
    default:
      out.push_back(base);
  }
}

// Decodes one well-formed UTF-8 sequence at text[i]; returns its length, 0 if the
// bytes there are not one.
size_t Decode(std::string_view text, size_t i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = b(0);
  size_t n;
  uint32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, v = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(k) & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

bool IsSpace(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x202F || cp == 0x2007;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    size_t n = Decode(text, i, &cp);
    if (n == 0) {  // not UTF-8: kept byte by byte
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(text[i]);
      ++i;
      continue;
    }
    const std::string_view raw = text.substr(i, n);
    i += n;
    if (IsSpace(cp)) {
      pending_space = true;
      continue;
    }
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining marks: the accent alone
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    if (cp < 0x80) {
      out.push_back(cp >= 'A' && cp <= 'Z' ? static_cast<char>(cp - 'A' + 'a')
                                           : static_cast<char>(cp));
    } else if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != '=') {
      AppendBase(kLatin1[cp - 0xC0], out);
    } else if (cp >= 0x100 && cp <= 0x17F) {
      AppendBase(kLatinExtA[cp - 0x100], out);
    } else if (cp == 0xAA) {  // ª
      out.push_back('a');
    } else if (cp == 0xBA) {  // º
      out.push_back('o');
    } else {
      out.append(raw);
    }
  }
  return out;
}

std::string DigitsOf(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

SearchTerms SearchTermsOf(std::string_view text) {
  SearchTerms t;
  t.folded = FoldForSearch(text);
  bool digit = false;
  for (char c : t.folded) {
    if (c >= '0' && c <= '9') {
      digit = true;
      t.compact.push_back(c);
    } else if (c >= 'a' && c <= 'z') {
      t.compact.push_back(c);
    }
  }
  // Three characters at least: "1-2" is not a document or a phone number anyone types.
  if (!digit || t.compact == t.folded || t.compact.size() < 3) t.compact.clear();
  return t;
}

std::string PartySearchKey(const Party& p) {
  std::string key;
  auto add = [&key](std::string part) {
    if (part.empty()) return;
    if (!key.empty()) key.push_back('\n');
    key += part;
  };
  add(FoldForSearch(p.name));
  add(FoldForSearch(p.email));
  for (const Contact& c : p.contacts) {
    add(FoldForSearch(c.name));
    add(FoldForSearch(c.email));
  }
  add(DigitsOf(p.phone));
  add(DigitsOf(p.whatsapp));
  for (const Contact& c : p.contacts) {
    add(DigitsOf(c.phone));
    add(DigitsOf(c.whatsapp));
  }
  add(FoldForSearch(p.tax_id));
  return key;
}

}  // namespace retorno
