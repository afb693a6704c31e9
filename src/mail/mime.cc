#include "mail/mime.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "base/status_macros.h"
#include "base/strings.h"

namespace retorno::mime {

namespace {

// RFC 2047 §2 allows 76 characters on a line holding encoded-words; RFC 5322 asks for
// 78. Folding at 76 satisfies both.
constexpr size_t kFoldAt = 76;
// RFC 2047 §2: an encoded-word is at most 75 characters.
constexpr size_t kMaxWord = 75;
// "=?UTF-8?Q?" + "?=".
constexpr size_t kWordOverhead = 12;
// RFC 5322 §2.1.1: the hard limit of a line, CRLF excluded.
constexpr size_t kHardLineLimit = 998;

bool IsPrintableAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// Length of the UTF-8 sequence starting at s[i]; 1 for a byte that does not start a
// complete, well-formed sequence, so invalid input still advances one byte at a time.
size_t Utf8Length(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n = 1;
  if ((c & 0xe0) == 0xc0) {
    n = 2;
  } else if ((c & 0xf0) == 0xe0) {
    n = 3;
  } else if ((c & 0xf8) == 0xf0) {
    n = 4;
  }
  if (i + n > s.size()) return 1;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 1;
  }
  return n;
}

constexpr char kHex[] = "0123456789ABCDEF";

void AppendHexEscape(std::string& out, char prefix, unsigned char c) {
  out += prefix;
  out += kHex[c >> 4];
  out += kHex[c & 0x0f];
}

// RFC 2047 §5 (3): the only characters a "Q" word may carry literally inside a phrase
// (display names). Using this set for Subject too keeps one encoder and is still valid.
bool IsQLiteral(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

size_t QLength(std::string_view bytes) {
  size_t n = 0;
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    n += (IsQLiteral(c) || c == ' ') ? 1 : 3;
  }
  return n;
}

void AppendQ(std::string& out, std::string_view bytes) {
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ') {
      out += '_';
    } else if (IsQLiteral(c)) {
      out += ch;
    } else {
      AppendHexEscape(out, '=', c);
    }
  }
}

size_t Base64Length(size_t bytes) { return (bytes + 2) / 3 * 4; }

// Joins the units of a structured or unstructured field with single spaces, replacing
// a space by CRLF SP (folding) when the unit would pass kFoldAt. The first unit always
// shares the line with the field name.
std::string Fold(std::string_view name, const std::vector<std::string>& units) {
  std::string out = absl::StrCat(ToAbsl(name), ":");
  size_t line = out.size();
  for (size_t i = 0; i < units.size(); ++i) {
    const std::string& unit = units[i];
    // Never fold before an empty unit: the new line would hold only whitespace, which
    // RFC 5322 §3.2.2 forbids.
    if (i > 0 && !unit.empty() && line + 1 + unit.size() > kFoldAt) {
      out += "\r\n ";
      line = 1;
    } else {
      out += ' ';
      ++line;
    }
    out += unit;
    line += unit.size();
  }
  return out;
}

// Splits text at single spaces for Fold, so that joining the units with one space
// gives the text back. Runs of spaces stay inside the units (leading spaces of the
// next word, or trailing spaces of the last), so no unit is empty or only spaces and
// a folded line never consists of whitespace alone.
std::vector<std::string> SpaceSeparatedUnits(std::string_view text) {
  std::vector<std::string> units;
  std::string spaces;
  for (absl::string_view token : absl::StrSplit(ToAbsl(text), ' ')) {
    if (token.empty()) {
      spaces += ' ';
    } else {
      units.push_back(absl::StrCat(spaces, token));
      spaces.clear();
    }
  }
  if (units.empty()) return {std::string(text)};
  units.back() += spaces;
  return units;
}

// What is left of the first line after "Name: ".
size_t FirstLineRoom(std::string_view name) {
  return kFoldAt > name.size() + 2 ? kFoldAt - name.size() - 2 : 0;
}

size_t LongestLine(std::string_view field) {
  size_t longest = 0;
  for (absl::string_view line : absl::StrSplit(ToAbsl(field), "\r\n")) {
    longest = std::max(longest, line.size());
  }
  return longest;
}

std::string QuotedString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

// The units of one mailbox for Fold: the display name (one quoted-string or several
// encoded-words, the first at most `first_max` long) then "<addr-spec>".
absl::StatusOr<std::vector<std::string>> MailboxUnits(const MailAddress& address,
                                                      size_t first_max = kMaxWord) {
  RETURN_IF_ERROR(CheckAddrSpec(address.email));
  RETURN_IF_ERROR(CheckNoLineBreak("display name", address.name));
  if (address.name.empty()) return std::vector<std::string>{address.email};
  std::vector<std::string> units;
  std::string quoted = QuotedString(address.name);
  // A quoted "=?...?=" must not be decoded, but some readers (Python's email among
  // them) decode it anyway; encoded-words say exactly what is meant.
  if (IsPrintableAscii(address.name) && address.name.find("=?") == std::string::npos &&
      quoted.size() <= kMaxWord) {
    units.push_back(std::move(quoted));
  } else {
    units = EncodeWords(address.name, WordEncoding::kAuto, first_max);
  }
  units.push_back(absl::StrCat("<", address.email, ">"));
  return units;
}

// RFC 2231 §7 / RFC 5987 attr-char: what may stay literal in an extended parameter.
bool IsAttrChar(unsigned char c) {
  return absl::ascii_isalnum(c) ||
         std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsTokenChar(unsigned char c) {
  return c > 0x20 && c < 0x7f &&
         std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

}  // namespace

absl::Status CheckNoLineBreak(std::string_view what, std::string_view value) {
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("line break or NUL in the ", ToAbsl(what), " (refused: header injection)"));
  }
  return absl::OkStatus();
}

std::vector<std::string> EncodeWords(std::string_view utf8, WordEncoding encoding,
                                     size_t first_max) {
  std::vector<std::string> words;
  if (utf8.empty()) return words;
  if (encoding == WordEncoding::kAuto) {
    encoding =
        QLength(utf8) <= Base64Length(utf8.size()) ? WordEncoding::kQ : WordEncoding::kBase64;
  }
  const bool q = encoding == WordEncoding::kQ;
  const std::string_view prefix = q ? "=?UTF-8?Q?" : "=?UTF-8?B?";
  // Room for at least one 4-byte character in either encoding (12 characters).
  size_t max_word = std::clamp<size_t>(first_max, kWordOverhead + 12, kMaxWord);

  std::string chunk;  // raw bytes of the word being filled
  size_t chunk_cost = 0;
  auto flush = [&] {
    std::string word(prefix);
    if (q) {
      AppendQ(word, chunk);
    } else {
      word += absl::Base64Escape(chunk);
    }
    word += "?=";
    words.push_back(std::move(word));
    chunk.clear();
    chunk_cost = 0;
    max_word = kMaxWord;
  };
  for (size_t i = 0; i < utf8.size();) {
    const std::string_view ch = utf8.substr(i, Utf8Length(utf8, i));
    size_t cost = q ? chunk_cost + QLength(ch) : Base64Length(chunk.size() + ch.size());
    if (!chunk.empty() && kWordOverhead + cost > max_word) {
      flush();
      cost = q ? QLength(ch) : Base64Length(ch.size());
    }
    chunk.append(ch);
    chunk_cost = cost;
    i += ch.size();
  }
  flush();
  return words;
}

absl::StatusOr<std::string> UnstructuredField(std::string_view name, std::string_view value) {
  RETURN_IF_ERROR(CheckNoLineBreak(name, value));
  if (IsPrintableAscii(value) && value.find("=?") == std::string_view::npos) {
    // Folding replaces one of the text's own spaces by CRLF SP, which unfolding undoes,
    // so the reader sees exactly `value`.
    std::string field = Fold(name, SpaceSeparatedUnits(value));
    if (LongestLine(field) <= kHardLineLimit) return field;
    // A run without spaces longer than a line allows: only encoded-words can split it.
  }
  return Fold(name, EncodeWords(value, WordEncoding::kAuto, FirstLineRoom(name)));
}

absl::Status CheckAddrSpec(std::string_view email) {
  const size_t at = email.find('@');
  bool ok = at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
            email.find('@', at + 1) == std::string_view::npos;
  for (char ch : email) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f ||
        std::string_view("<>()[]\\,;:\"").find(ch) != std::string_view::npos) {
      ok = false;
    }
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid e-mail address \"", absl::CHexEscape(ToAbsl(email)), "\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> FormatMailbox(const MailAddress& address) {
  ASSIGN_OR_RETURN(std::vector<std::string> units, MailboxUnits(address));
  return absl::StrJoin(units, " ");
}

absl::StatusOr<std::string> AddressField(std::string_view name,
                                         const std::vector<MailAddress>& addresses) {
  if (addresses.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("no address for ", ToAbsl(name)));
  }
  std::vector<std::string> units;
  for (size_t i = 0; i < addresses.size(); ++i) {
    // The first word shares its line with "Name: ".
    const size_t first_max = i == 0 ? FirstLineRoom(name) : kMaxWord;
    ASSIGN_OR_RETURN(std::vector<std::string> mailbox, MailboxUnits(addresses[i], first_max));
    if (i + 1 < addresses.size()) mailbox.back() += ',';
    units.insert(units.end(), std::make_move_iterator(mailbox.begin()),
                 std::make_move_iterator(mailbox.end()));
  }
  return Fold(name, units);
}

absl::StatusOr<std::string> MessageIdField(std::string_view message_id) {
  RETURN_IF_ERROR(CheckNoLineBreak("Message-ID", message_id));
  const bool ok = message_id.size() >= 5 && message_id.front() == '<' && message_id.back() == '>' &&
                  message_id.find('@') != std::string_view::npos &&
                  message_id.find_first_of("<>", 1) == message_id.size() - 1 &&
                  std::all_of(message_id.begin(), message_id.end(),
                              [](char c) { return c > 0x20 && c < 0x7f; });
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid Message-ID \"", absl::CHexEscape(ToAbsl(message_id)), "\" (want <id@domain>)"));
  }
  return absl::StrCat("Message-ID: ", ToAbsl(message_id));
}

std::string DateField(absl::Time time) {
  // Spelled out rather than strftime's %a/%b, which follow the process locale.
  static constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const absl::CivilSecond t = absl::ToCivilSecond(time, absl::UTCTimeZone());
  const auto day = static_cast<size_t>(absl::GetWeekday(t));  // kMonday is 0
  return absl::StrFormat("Date: %s, %02d %s %04d %02d:%02d:%02d +0000", kDays[day], t.day(),
                         kMonths[t.month() - 1], t.year(), t.hour(), t.minute(), t.second());
}

absl::StatusOr<std::string> AttachmentDisposition(std::string_view file_name) {
  RETURN_IF_ERROR(CheckNoLineBreak("attachment file name", file_name));
  if (file_name.empty()) return std::string("attachment");
  // "Content-Disposition: attachment; " comes before the first parameter.
  constexpr size_t kFirstLineUsed = 33;
  constexpr size_t kSimpleMax = 60;

  std::vector<std::string> params;
  if (IsPrintableAscii(file_name) && file_name.size() <= kSimpleMax &&
      file_name.find_first_of("\"\\") == std::string_view::npos) {
    params.push_back(absl::StrCat("filename=\"", ToAbsl(file_name), "\""));
  } else {
    // Percent-encode per character, so a section boundary never falls inside one.
    std::vector<std::string> chars;
    size_t total = 0;
    for (size_t i = 0; i < file_name.size();) {
      const size_t n = Utf8Length(file_name, i);
      std::string encoded;
      for (size_t k = i; k < i + n; ++k) {
        const auto c = static_cast<unsigned char>(file_name[k]);
        if (IsAttrChar(c)) {
          encoded += static_cast<char>(c);
        } else {
          AppendHexEscape(encoded, '%', c);
        }
      }
      total += encoded.size();
      chars.push_back(std::move(encoded));
      i += n;
    }
    // " filename*=UTF-8''" + value must fit a folded line.
    if (1 + 17 + total <= kFoldAt) {
      params.push_back(absl::StrCat("filename*=UTF-8''", absl::StrJoin(chars, "")));
    } else {
      // RFC 2231 §3-4: numbered sections, each itself encoded, the charset only in *0*.
      std::string section;
      auto flush = [&] {
        const size_t k = params.size();
        params.push_back(absl::StrCat("filename*", k, "*=", k == 0 ? "UTF-8''" : "", section));
        section.clear();
      };
      for (const std::string& c : chars) {
        // " filename*NN*=UTF-8''" + section + ";" within kFoldAt.
        if (!section.empty() && 1 + 21 + section.size() + c.size() + 1 > kFoldAt) flush();
        section += c;
      }
      flush();
    }
  }
  if (params.size() == 1 && kFirstLineUsed + params[0].size() <= kFoldAt) {
    return absl::StrCat("attachment; ", params[0]);
  }
  return absl::StrCat("attachment;\r\n ", absl::StrJoin(params, ";\r\n "));
}

absl::StatusOr<std::string> AttachmentContentType(std::string_view content_type) {
  if (content_type.empty()) return std::string("application/octet-stream");
  const size_t slash = content_type.find('/');
  bool ok = slash != std::string_view::npos && slash > 0 && slash + 1 < content_type.size();
  for (size_t i = 0; ok && i < content_type.size(); ++i) {
    ok = i == slash || IsTokenChar(static_cast<unsigned char>(content_type[i]));
  }
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat("invalid attachment content type \"",
                                                   absl::CHexEscape(ToAbsl(content_type)), "\""));
  }
  return std::string(content_type);
}

std::string ToCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace retorno::mime
