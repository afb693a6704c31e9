// Unit tests of the RFC 2047 / RFC 2231 / RFC 5322 helpers. The test suites are all
// named Email* so `ctest -R mail` selects them.
#include "mail/mime.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "base/strings.h"
#include "domain/validation.h"

namespace retorno::mime {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kSubjectPt = "Retorno do orçamento nº 12 — Ação";
const std::string kNameEs = "Señor Muñoz";
const std::string kNamePt = "Conceição";

// A reader's view, written independently of mime.cc: decodes one encoded-word.
std::string DecodeWord(std::string_view word) {
  EXPECT_TRUE(word.starts_with("=?UTF-8?") && word.ends_with("?=")) << word;
  EXPECT_LE(word.size(), 75u) << word;
  const char kind = word[8];
  const std::string_view payload = word.substr(10, word.size() - 12);
  std::string out;
  if (kind == 'B') {
    EXPECT_TRUE(absl::Base64Unescape(ToAbsl(payload), &out)) << word;
    return out;
  }
  EXPECT_EQ(kind, 'Q') << word;
  for (size_t i = 0; i < payload.size(); ++i) {
    if (payload[i] == '_') {
      out += ' ';
    } else if (payload[i] == '=') {
      out += absl::HexStringToBytes(ToAbsl(payload.substr(i + 1, 2)));
      i += 2;
    } else {
      out += payload[i];
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Splits "Name: value" into its lines and checks the folding rules on the way.
std::vector<std::string> Lines(const std::string& field) {
  std::vector<std::string> lines = absl::StrSplit(field, "\r\n");
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 76u) << "line " << i << " of " << field;
    if (i > 0) {
      EXPECT_THAT(lines[i], StartsWith(" ")) << field;
    }
    EXPECT_EQ(lines[i].find_first_of("\r\n"), std::string::npos);
  }
  return lines;
}

// Decodes an unstructured field made of encoded-words only: unfold, split at
// whitespace, join the decoded words (the space between words is not text).
std::string DecodeEncodedField(const std::string& field, std::string_view name) {
  std::string unfolded = absl::StrReplaceAll(field, {{"\r\n", ""}});
  EXPECT_THAT(unfolded, StartsWith(std::string(name) + ": "));
  std::string out;
  for (absl::string_view word :
       absl::StrSplit(unfolded.substr(name.size() + 2), ' ', absl::SkipEmpty())) {
    const std::string bytes = DecodeWord(ToStd(word));
    // No word may end inside a character.
    EXPECT_TRUE(IsValidUtf8(bytes)) << word;
    out += bytes;
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      out += absl::HexStringToBytes(ToAbsl(s.substr(i + 1, 2)));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

TEST(EmailEncodedWords, ShortTextsInBothEncodings) {
  EXPECT_THAT(EncodeWords(kNameEs, WordEncoding::kQ),
              ::testing::ElementsAre("=?UTF-8?Q?Se=C3=B1or_Mu=C3=B1oz?="));
  EXPECT_THAT(EncodeWords(kNameEs, WordEncoding::kBase64),
              ::testing::ElementsAre("=?UTF-8?B?U2XDsW9yIE11w7Fveg==?="));
  EXPECT_THAT(EncodeWords(kNamePt, WordEncoding::kQ),
              ::testing::ElementsAre("=?UTF-8?Q?Concei=C3=A7=C3=A3o?="));
  // kAuto takes the shorter: here B (32 characters against 33).
  EXPECT_EQ(EncodeWords(kNameEs), EncodeWords(kNameEs, WordEncoding::kBase64));
  EXPECT_TRUE(EncodeWords("").empty());
}

TEST(EmailEncodedWords, QEncodesPhraseSpecials) {
  // Only letters, digits and !*+-/ travel literally; '_' '=' '?' '"' ',' are escaped.
  EXPECT_THAT(EncodeWords("a_b=c?d\"e,f!*+-/", WordEncoding::kQ),
              ::testing::ElementsAre("=?UTF-8?Q?a=5Fb=3Dc=3Fd=22e=2Cf!*+-/?="));
}

TEST(EmailEncodedWords, LongTextSplitsBetweenCharactersOnly) {
  // Lengths around every boundary, 2-, 3- and 4-byte characters, both encodings.
  const std::vector<std::string> alphabets = {kSubjectPt, "çãõáéíóúñü", "€—“”…", "😀👍🇧🇷", "a😀bç—"};
  for (const std::string& alphabet : alphabets) {
    std::string text;
    for (int len = 0; len < 12; ++len) {
      text += alphabet;
      for (auto encoding : {WordEncoding::kQ, WordEncoding::kBase64, WordEncoding::kAuto}) {
        for (size_t first_max : {75u, 60u, 30u, 24u, 10u}) {
          std::vector<std::string> words = EncodeWords(text, encoding, first_max);
          std::string decoded;
          for (size_t i = 0; i < words.size(); ++i) {
            EXPECT_LE(words[i].size(), i == 0 ? std::max<size_t>(first_max, 24) : 75u);
            const std::string bytes = DecodeWord(words[i]);
            EXPECT_TRUE(IsValidUtf8(bytes)) << words[i];
            decoded += bytes;
          }
          EXPECT_EQ(decoded, text);
        }
      }
    }
  }
}

TEST(EmailSubject, PortugueseSubjectIsEncodedAndDecodesBack) {
  auto field = UnstructuredField("Subject", kSubjectPt);
  ASSERT_TRUE(field.ok()) << field.status();
  EXPECT_THAT(*field, StartsWith("Subject: =?UTF-8?"));
  Lines(*field);
  EXPECT_EQ(DecodeEncodedField(*field, "Subject"), kSubjectPt);
}

TEST(EmailSubject, LongSubjectFoldsIntoSeveralWords) {
  std::string subject;
  for (int i = 0; i < 6; ++i) subject += kSubjectPt + " / " + kNameEs + " / " + kNamePt + " ";
  auto field = UnstructuredField("Subject", subject);
  ASSERT_TRUE(field.ok());
  EXPECT_GT(Lines(*field).size(), 4u);
  EXPECT_EQ(DecodeEncodedField(*field, "Subject"), subject);
}

TEST(EmailSubject, AsciiStaysReadableAndFoldsAtItsOwnSpaces) {
  EXPECT_EQ(*UnstructuredField("Subject", "Retorno do orcamento 12"),
            "Subject: Retorno do orcamento 12");
  EXPECT_EQ(*UnstructuredField("Subject", ""), "Subject: ");
  std::string subject;
  for (int i = 0; i < 20; ++i) subject += "palavra  " + std::to_string(i) + " ";
  auto field = UnstructuredField("Subject", subject);
  ASSERT_TRUE(field.ok());
  EXPECT_GT(Lines(*field).size(), 2u);
  // Unfolding (removing CRLF only) gives the text back, double spaces included.
  EXPECT_EQ(absl::StrReplaceAll(*field, {{"\r\n", ""}}), "Subject: " + subject);
}

TEST(EmailSubject, AsciiThatAReaderWouldMisreadIsEncoded) {
  for (const std::string& subject :
       std::vector<std::string>{"=?UTF-8?B?SGk=?=", "tab\there", std::string(1200, 'x')}) {
    auto field = UnstructuredField("Subject", subject);
    ASSERT_TRUE(field.ok());
    EXPECT_THAT(*field, StartsWith("Subject: =?UTF-8?")) << subject;
    Lines(*field);
    EXPECT_EQ(DecodeEncodedField(*field, "Subject"), subject);
  }
}

TEST(EmailAddress, QuotesAsciiNamesAndEscapesSpecials) {
  EXPECT_EQ(*FormatMailbox({"Ana Silva", "ana@example.com"}), "\"Ana Silva\" <ana@example.com>");
  EXPECT_EQ(*FormatMailbox({"Silva, Ana (Vendas)", "ana@example.com"}),
            "\"Silva, Ana (Vendas)\" <ana@example.com>");
  EXPECT_EQ(*FormatMailbox({"Ana \"Nina\" \\ S.", "ana@example.com"}),
            "\"Ana \\\"Nina\\\" \\\\ S.\" <ana@example.com>");
  EXPECT_EQ(*FormatMailbox({"", "ana@example.com"}), "ana@example.com");
}

TEST(EmailAddress, EncodesNonAsciiNames) {
  EXPECT_EQ(*FormatMailbox({kNameEs, "munoz@example.es"}),
            "=?UTF-8?B?U2XDsW9yIE11w7Fveg==?= <munoz@example.es>");
  EXPECT_EQ(*FormatMailbox({kNamePt, "conceicao@example.com.br"}),
            "=?UTF-8?B?Q29uY2Vpw6fDo28=?= <conceicao@example.com.br>");
  // A quoted "=?" would be decoded by some readers: encode instead.
  auto tricky = FormatMailbox({"=?x?=", "a@b.c"});
  ASSERT_TRUE(tricky.ok());
  EXPECT_THAT(*tricky, StartsWith("=?UTF-8?"));
}

TEST(EmailAddress, ListFoldsBetweenAddresses) {
  std::vector<MailAddress> to = {{kNameEs, "munoz@example.es"},
                                 {kNamePt, "conceicao@example.com.br"},
                                 {"Ana Silva", "ana@example.com"},
                                 {"", "bare@example.com"},
                                 {kSubjectPt + " " + kSubjectPt, "long@example.com"}};
  auto field = AddressField("To", to);
  ASSERT_TRUE(field.ok()) << field.status();
  std::vector<std::string> lines = Lines(*field);
  EXPECT_GT(lines.size(), 2u);
  const std::string unfolded = absl::StrReplaceAll(*field, {{"\r\n", ""}});
  EXPECT_THAT(unfolded, HasSubstr("<munoz@example.es>, =?UTF-8?"));
  EXPECT_THAT(unfolded, HasSubstr("<ana@example.com>, bare@example.com, =?UTF-8?"));
  EXPECT_THAT(unfolded, ::testing::EndsWith("<long@example.com>"));
  EXPECT_EQ(AddressField("To", {}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EmailAddress, RejectsWhatIsNotAPlainAddrSpec) {
  for (std::string bad : {"", "ana", "ana@", "@example.com", "ana silva@example.com", "a@b@c",
                          "<ana@example.com>", "ana@example.com,b@c.d", "conceição@example.com",
                          "\"ana\"@example.com", "ana@exa(mple).com"}) {
    EXPECT_EQ(CheckAddrSpec(bad).code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_FALSE(FormatMailbox({"Ana", bad}).ok()) << bad;
  }
  EXPECT_TRUE(CheckAddrSpec("ana.silva+crm@mail.example.com.br").ok());
}

// What the forms accept (IsValidEmail) the mailer can send: an address taken at input
// never becomes a dead letter for its syntax.
TEST(EmailAddress, EveryAddressTheInputAcceptsTheMailerSends) {
  for (std::string address :
       {"ana@example.com", "ana.silva+crm@mail.example.com.br", "o'neil@example.com",
        "x_y-z@a-b.example", "contato@xn--caf-dma.com.br", "{ti}|suporte@example.org",
        "conceição@example.com", "ana@exa(mple).com", "\"ana\"@example.com", "a:b@example.com",
        "ana@example.com\r\nBcc: all@example.com", "a\\b@example.com"}) {
    if (IsValidEmail(address)) {
      EXPECT_TRUE(CheckAddrSpec(address).ok()) << address;
      EXPECT_TRUE(FormatMailbox({"Ana", address}).ok()) << address;
    } else {
      // Refused at input; the ones the mailer would refuse too are in this list on purpose.
      SUCCEED();
    }
  }
  EXPECT_FALSE(IsValidEmail("conceição@example.com"));
  EXPECT_TRUE(IsValidEmail("{ti}|suporte@example.org"));
}

TEST(EmailInjection, LineBreaksAnywhereInAHeaderAreRefused) {
  const std::string injected = "Oi\r\nBcc: victim@example.com";
  const std::vector<std::string> values = {injected, "Oi\nBcc: x@y.z", "Oi\rX",
                                           std::string("Oi\0X", 4)};
  for (const std::string& v : values) {
    EXPECT_EQ(UnstructuredField("Subject", v).status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(FormatMailbox({v, "ana@example.com"}).status().code(),
              absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(
        AddressField("Cc", {{"Ana", "ana@example.com"}, {v, "b@example.com"}}).status().code(),
        absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(FormatMailbox({"Ana", "ana@example.com" + v}).status().code(),
              absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(AttachmentDisposition("a.pdf" + v).status().code(),
              absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(MessageIdField("<a" + v + "@b>").status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(AttachmentContentType("application/pdf" + v).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
  EXPECT_THAT(std::string(UnstructuredField("Subject", injected).status().message()),
              HasSubstr("header injection"));
  // Non-ASCII text with a line break is refused too, not hidden inside a word.
  EXPECT_FALSE(UnstructuredField("Subject", kSubjectPt + "\r\nBcc: x@y.z").ok());
}

TEST(EmailMessageId, KeptExactly) {
  EXPECT_EQ(*MessageIdField("<f0c1.42-retorno@crm.example.com>"),
            "Message-ID: <f0c1.42-retorno@crm.example.com>");
  for (std::string bad :
       {"", "f0c1@crm", "<f0c1@crm", "<f0c1 x@crm>", "<nodomain>", "<<a@b>>", "<ação@crm>"}) {
    EXPECT_EQ(MessageIdField(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(EmailDate, Rfc5322InUtcWithEnglishNames) {
  const absl::Time t =
      absl::FromCivil(absl::CivilSecond(2026, 3, 3, 14, 5, 9), absl::UTCTimeZone());
  EXPECT_EQ(DateField(t), "Date: Tue, 03 Mar 2026 14:05:09 +0000");
  EXPECT_EQ(DateField(t + absl::Milliseconds(999)), "Date: Tue, 03 Mar 2026 14:05:09 +0000");
  // 23:30 in São Paulo (UTC-3) is already Wednesday in UTC.
  const absl::Time evening =
      absl::FromCivil(absl::CivilSecond(2026, 3, 3, 23, 30, 0), absl::FixedTimeZone(-3 * 60 * 60));
  EXPECT_EQ(DateField(evening), "Date: Wed, 04 Mar 2026 02:30:00 +0000");
  EXPECT_EQ(
      DateField(absl::FromCivil(absl::CivilSecond(2024, 12, 29, 0, 0, 0), absl::UTCTimeZone())),
      "Date: Sun, 29 Dec 2024 00:00:00 +0000");
}

TEST(EmailAttachment, AsciiNameIsAPlainQuotedParameter) {
  EXPECT_EQ(*AttachmentDisposition("orcamento-12.pdf"),
            "attachment; filename=\"orcamento-12.pdf\"");
  EXPECT_EQ(*AttachmentDisposition(""), "attachment");
  auto longer = AttachmentDisposition("Proposta comercial revisada final v2.pdf");
  ASSERT_TRUE(longer.ok());
  EXPECT_EQ(*longer, "attachment;\r\n filename=\"Proposta comercial revisada final v2.pdf\"");
}

TEST(EmailAttachment, NonAsciiNameUsesRfc2231) {
  EXPECT_EQ(*AttachmentDisposition("Ação.pdf"), "attachment; filename*=UTF-8''A%C3%A7%C3%A3o.pdf");
  EXPECT_EQ(*AttachmentDisposition("Orçamento nº 12.pdf"),
            "attachment;\r\n filename*=UTF-8''Or%C3%A7amento%20n%C2%BA%2012.pdf");
  // Quotes and backslashes are awkward in quoted-strings for many readers: encode.
  EXPECT_EQ(*AttachmentDisposition("a\"b\\c.pdf"), "attachment; filename*=UTF-8''a%22b%5Cc.pdf");
}

TEST(EmailAttachment, LongNameIsSplitIntoSectionsBetweenCharacters) {
  const std::string name = kSubjectPt + " — " + kNameEs + " — " + kNamePt + " 😀 final.pdf";
  auto disposition = AttachmentDisposition(name);
  ASSERT_TRUE(disposition.ok());
  std::vector<std::string> lines = Lines("Content-Disposition: " + *disposition);
  ASSERT_GT(lines.size(), 2u);
  EXPECT_EQ(lines[0], "Content-Disposition: attachment;");
  std::string decoded;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (i + 1 < lines.size()) {
      ASSERT_TRUE(line.ends_with(";")) << line;
      line.pop_back();
    }
    std::string prefix = " filename*" + std::to_string(i - 1) + "*=" + (i == 1 ? "UTF-8''" : "");
    ASSERT_THAT(line, StartsWith(prefix));
    const std::string section = PercentDecode(line.substr(prefix.size()));
    EXPECT_TRUE(IsValidUtf8(section)) << line;
    decoded += section;
  }
  EXPECT_EQ(decoded, name);
}

TEST(EmailAttachment, ContentType) {
  EXPECT_EQ(*AttachmentContentType("application/pdf"), "application/pdf");
  EXPECT_EQ(
      *AttachmentContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(*AttachmentContentType(""), "application/octet-stream");
  for (std::string bad : {"pdf", "application/", "/pdf", "application/pdf; name=x", "a b/c"}) {
    EXPECT_EQ(AttachmentContentType(bad).status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(EmailBody, LineEndsBecomeCrlf) {
  EXPECT_EQ(ToCrlf("a\nb\r\nc\rd\n\n"), "a\r\nb\r\nc\r\nd\r\n\r\n");
  EXPECT_EQ(ToCrlf("Olá"), "Olá");
}

}  // namespace
}  // namespace retorno::mime
