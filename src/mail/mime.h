// Pure helpers that write the header fields of an Internet message (RFC 5322) with
// non-ASCII text: RFC 2047 encoded-words for subjects and display names, RFC 2231 for
// attachment file names, the Date format. libcurl writes header lines verbatim and
// encodes nothing, so the SMTP adapter (curl_mailer.cc) builds them here.
//
// Every function returns a whole header field, "Name: value", without the final CRLF;
// long fields are folded with "\r\n " so no line passes 78 characters (RFC 5322 §2.1.1)
// unless a single address or word is longer by itself.
//
// Header injection: a CR, LF or NUL in any value (subject, display name, address, file
// name, Message-ID, content type) is REJECTED with InvalidArgument, never stripped. A
// line break there is either a bug upstream or an attempt to add headers or a body;
// sending a silently changed message would hide both.
//
// Text is taken as UTF-8. Invalid UTF-8 is not rejected: each stray byte is carried
// as one character, so the reader shows a replacement mark instead of losing the mail.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/mail.h"

namespace retorno::mime {

// InvalidArgument naming `what` if `value` holds CR, LF or NUL.
absl::Status CheckNoLineBreak(std::string_view what, std::string_view value);

enum class WordEncoding {
  kAuto,    // the shorter of the two: Q for mostly-Latin text, B otherwise
  kBase64,  // "B"
  kQ,       // "Q", with the restricted set allowed in a phrase (RFC 2047 §5 (3))
};

// Encodes `utf8` as RFC 2047 encoded-words "=?UTF-8?X?...?=". Each word has at most
// `first_max` characters for the first and 75 for the rest (first_max lets the first
// word share a line with the field name); a UTF-8 character is never split between two
// words. Spaces are encoded inside the words, so a reader joins the words back without
// any space between them. Empty input gives no words.
std::vector<std::string> EncodeWords(std::string_view utf8,
                                     WordEncoding encoding = WordEncoding::kAuto,
                                     size_t first_max = 75);

// An unstructured field such as Subject. Printable ASCII is written as is (folded at
// spaces); anything else (non-ASCII, control characters, text that looks like an
// encoded-word) as encoded-words.
absl::StatusOr<std::string> UnstructuredField(std::string_view name, std::string_view value);

// InvalidArgument unless `email` is a plain ASCII addr-spec "local@domain" (no quoted
// local part, no comments, no spaces or control characters).
absl::Status CheckAddrSpec(std::string_view email);

// One mailbox: "\"Ana \\\"Nina\\\" Silva\" <ana@example.com>" for an ASCII name (always
// a quoted-string, so specials such as , ; : . need no thought), encoded-words followed
// by <addr> for a non-ASCII or very long name, the bare addr-spec for an empty name.
// Unfolded; AddressField folds between words.
absl::StatusOr<std::string> FormatMailbox(const MailAddress& address);

// "To: a, b, ..." with folding between addresses and between encoded-words.
// InvalidArgument if the list is empty or an entry is invalid.
absl::StatusOr<std::string> AddressField(std::string_view name,
                                         const std::vector<MailAddress>& addresses);

// "Message-ID: <id>": the id kept byte for byte; InvalidArgument unless it is
// "<...@...>" in printable ASCII without spaces.
absl::StatusOr<std::string> MessageIdField(std::string_view message_id);

// "Date: Tue, 03 Mar 2026 14:05:09 +0000": RFC 5322 §3.3 in UTC, English names
// whatever the process locale, seconds truncated.
std::string DateField(absl::Time time);

// The value of Content-Disposition for an attachment: `attachment; filename="a.pdf"`
// for a short printable ASCII name, otherwise RFC 2231 `filename*=UTF-8''...` (split
// into `filename*0*=`, `filename*1*=`... sections when long, never inside a UTF-8
// character). Empty name: "attachment".
absl::StatusOr<std::string> AttachmentDisposition(std::string_view file_name);

// The media type to declare for an attachment: `content_type` itself if it is a
// "type/subtype" of RFC 2045 tokens, "application/octet-stream" if empty;
// InvalidArgument otherwise.
absl::StatusOr<std::string> AttachmentContentType(std::string_view content_type);

// Converts every line ending (LF, CR or CRLF) to CRLF: SMTP forbids bare LF and CR, and
// text/* bodies are canonically CRLF-delimited (RFC 2045 §2.10).
std::string ToCrlf(std::string_view text);

}  // namespace retorno::mime
