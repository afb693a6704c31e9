#include "http/server/multipart.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

using namespace std::string_literals;

constexpr char kType[] = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";
const std::string kDelim = "------WebKitFormBoundary7MA4YWxkTrZu0gW";

TEST(Multipart, BinaryFileWithCrlfAndNulAndATextField) {
  // Data that looks almost like a delimiter must survive: CRLF, "--", NUL bytes.
  const std::string binary = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n--not-the-boundary\r\n\0\xff"s;
  const std::string body =
      kDelim + "\r\n" + "Content-Disposition: form-data; name=\"note\"\r\n\r\n" +
      "first line\r\nsecond line" + "\r\n" + kDelim + "\r\n" +
      "Content-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\r\n" +
      "Content-Type: image/png\r\n\r\n" + binary + "\r\n" + kDelim + "--\r\n";
  auto parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_EQ((*parts)[0].filename, "");
  EXPECT_EQ((*parts)[0].content_type, "");
  EXPECT_EQ((*parts)[0].data, "first line\r\nsecond line");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "logo.png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].data.size(), binary.size());
  EXPECT_EQ(std::string((*parts)[1].data), binary);
}

TEST(Multipart, FilenameStarWinsAndIsDecoded) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fallback.pdf\"; "
      "filename*=UTF-8''Or%C3%A7amento%20%E2%82%AC.pdf\r\n\r\nPDF\r\n"
      "--b\r\ncontent-disposition: FORM-DATA; NAME=x; FILENAME*=iso-8859-1'pt'caf%E9.txt\r\n\r\n"
      "latin\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"y\"; filename=\"a;b \\\"q\\\".txt\"; "
      "filename*=UTF-8''%FF%FE\r\n\r\nbad utf-8 in filename*\r\n--b--";
  auto parts = ParseMultipart("multipart/form-data; boundary=\"b\"", body);
  ASSERT_TRUE(parts.ok()) << parts.status();
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].filename, "Or\u00e7amento \u20ac.pdf");
  EXPECT_EQ((*parts)[1].name, "x");
  EXPECT_EQ((*parts)[1].filename, "caf\u00e9.txt");
  // An unusable filename* falls back to filename; quoted strings keep ';' and quotes.
  EXPECT_EQ((*parts)[2].filename, "a;b \"q\".txt");
}

TEST(Multipart, PreambleEpilogueEmptyPartsAndPadding) {
  const std::string body =
      "This is the preamble.\r\n--xyz  \r\n"
      "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
      "\r\n--xyz\r\n"
      "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
      "two\r\n--xyz--\r\nepilogue with --xyz inside";
  auto parts = ParseMultipart("Multipart/Form-Data;boundary=xyz", body);
  ASSERT_TRUE(parts.ok()) << parts.status();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data, "");
  EXPECT_EQ((*parts)[1].data, "two");
}

TEST(Multipart, MalformedInputs) {
  auto code = [](std::string_view type, std::string_view body) {
    return ParseMultipart(type, body).status().code();
  };
  const auto kInvalid = absl::StatusCode::kInvalidArgument;
  const std::string ok_part = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  EXPECT_EQ(code("multipart/form-data", ok_part + "--b--"), kInvalid);  // no boundary
  EXPECT_EQ(code("multipart/form-data; boundary=", ok_part + "--b--"), kInvalid);
  EXPECT_EQ(code("application/json; boundary=b", ok_part + "--b--"), kInvalid);
  EXPECT_EQ(code("multipart/form-data; boundary=" + std::string(71, 'b'), "x"), kInvalid);
  EXPECT_EQ(code("multipart/form-data; boundary=b", "no delimiter at all"), kInvalid);
  EXPECT_EQ(code("multipart/form-data; boundary=b", ""), kInvalid);
  // Unterminated: the last part never ends.
  EXPECT_EQ(code("multipart/form-data; boundary=b",
                 "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever ends"),
            kInvalid);
  // No closing delimiter after a complete part.
  EXPECT_EQ(code("multipart/form-data; boundary=b", ok_part + "--b"), kInvalid);
  // Unterminated headers.
  EXPECT_EQ(code("multipart/form-data; boundary=b",
                 "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n"),
            kInvalid);
  // Garbage right after a boundary.
  EXPECT_EQ(code("multipart/form-data; boundary=b", "--bjunk\r\n"), kInvalid);
  // Parts must be form-data with a name.
  EXPECT_EQ(
      code("multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--"),
      kInvalid);
  EXPECT_EQ(code("multipart/form-data; boundary=b",
                 "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--"),
            kInvalid);
  EXPECT_EQ(code("multipart/form-data; boundary=b",
                 "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--"),
            kInvalid);
  EXPECT_EQ(code("multipart/form-data; boundary=b", "--b\r\nno colon\r\n\r\nx\r\n--b--"), kInvalid);
  // Limits.
  std::string many;
  for (int i = 0; i < 3; ++i) many += ok_part;
  EXPECT_EQ(ParseMultipart("multipart/form-data; boundary=b", many + "--b--", {.max_parts = 2})
                .status()
                .code(),
            kInvalid);
  EXPECT_TRUE(
      ParseMultipart("multipart/form-data; boundary=b", many + "--b--", {.max_parts = 3}).ok());
  std::string big_header =
      "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(10000, 'p') +
      "\r\n\r\nx\r\n--b--";
  EXPECT_EQ(code("multipart/form-data; boundary=b", big_header), kInvalid);
}

}  // namespace
}  // namespace retorno
