#include "http/server/multipart.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/strings.h"
#include "http/server/request.h"

namespace retorno {

namespace {

// Reads `key=value` or `key="value"` parameters of a header value.
std::string Param(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    std::string_view part = header.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
    pos = semi == std::string_view::npos ? header.size() : semi + 1;
    part = ToStd(absl::StripAsciiWhitespace(ToAbsl(part)));
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (!absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(ToAbsl(part.substr(0, eq))), ToAbsl(key))) continue;
    std::string_view v = ToStd(absl::StripAsciiWhitespace(ToAbsl(part.substr(eq + 1))));
    if (v.size() >= 2 && v.front() == '"') {
      // Quoted: the value may itself hold ';', so re-scan from the quote.
      size_t start = header.find('"', header.find(part)) + 1;
      std::string out;
      for (size_t i = start; i < header.size(); ++i) {
        if (header[i] == '\\' && i + 1 < header.size()) {
          out.push_back(header[++i]);
        } else if (header[i] == '"') {
          return out;
        } else {
          out.push_back(header[i]);
        }
      }
      return out;
    }
    return std::string(v);
  }
  return "";
}

}  // namespace

absl::StatusOr<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                          std::string_view body) {
  std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200)
    return absl::InvalidArgumentError("multipart: missing boundary");
  const std::string delim = "--" + boundary;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return absl::InvalidArgumentError("multipart: no boundary in body");
  std::vector<MultipartPart> parts;
  pos += delim.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return absl::InvalidArgumentError("multipart: bad delimiter line");
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos)
      return absl::InvalidArgumentError("multipart: unterminated part headers");
    MultipartPart part;
    for (absl::string_view line : absl::StrSplit(ToAbsl(body.substr(pos, headers_end - pos)), "\r\n")) {
      size_t colon = line.find(':');
      if (colon == absl::string_view::npos) continue;
      absl::string_view name = absl::StripAsciiWhitespace(line.substr(0, colon));
      absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
      if (absl::EqualsIgnoreCase(name, "Content-Disposition")) {
        part.name = Param(ToStd(value), "name");
        std::string ext = Param(ToStd(value), "filename*");
        if (!ext.empty()) {
          // RFC 5987: charset'lang'percent-encoded
          size_t q1 = ext.find('\''), q2 = q1 == std::string::npos ? q1 : ext.find('\'', q1 + 1);
          if (q2 != std::string::npos) {
            if (auto decoded = PercentDecode(ext.substr(q2 + 1), false)) part.filename = *decoded;
          }
        }
        if (part.filename.empty()) part.filename = Param(ToStd(value), "filename");
      } else if (absl::EqualsIgnoreCase(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    size_t data_start = headers_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return absl::InvalidArgumentError("multipart: unterminated part");
    part.data = body.substr(data_start, next - data_start);
    parts.push_back(std::move(part));
    pos = next + 2 + delim.size();
  }
}

}  // namespace retorno
