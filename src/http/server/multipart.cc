#include "http/server/multipart.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

#include "http/server/request.h"

namespace retorno {

namespace {

std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A header value such as `form-data; name="a;b"; filename*=UTF-8''x`: the leading
// value and its parameters, names lower-cased, quoted strings unescaped.
struct HeaderValue {
  std::string value;
  std::vector<std::pair<std::string, std::string>> params;

  const std::string* Param(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return &v;
    return nullptr;
  }
};

HeaderValue ParseHeaderValue(std::string_view s) {
  HeaderValue hv;
  size_t i = s.find(';');
  hv.value = std::string(TrimWs(s.substr(0, i)));
  while (i != std::string_view::npos && i < s.size()) {
    ++i;  // past ';'
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t eq = s.find_first_of("=;", i);
    if (eq == std::string_view::npos || s[eq] == ';') {
      // A parameter without a value: skip it.
      i = eq;
      continue;
    }
    std::string name = ToLower(TrimWs(s.substr(i, eq - i)));
    i = eq + 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value.push_back(s[i++]);
      }
      if (i < s.size()) ++i;  // closing quote
      i = s.find(';', i);
    } else {
      size_t end = s.find(';', i);
      value = std::string(TrimWs(s.substr(i, end == std::string_view::npos ? end : end - i)));
      i = end;
    }
    hv.params.emplace_back(std::move(name), std::move(value));
  }
  return hv;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t extra;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

// RFC 5987 ext-value: charset'[language]'percent-encoded. nullopt when unusable.
std::optional<std::string> DecodeExtValue(std::string_view v) {
  size_t q1 = v.find('\'');
  if (q1 == std::string_view::npos) return std::nullopt;
  size_t q2 = v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  std::string charset = ToLower(v.substr(0, q1));
  std::optional<std::string> raw = PercentDecode(v.substr(q2 + 1), false);
  if (!raw) return std::nullopt;
  if (charset == "utf-8") {
    if (!ValidUtf8(*raw)) return std::nullopt;
    return raw;
  }
  if (charset == "iso-8859-1") {
    std::string out;
    for (char ch : *raw) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (c < 0x80) {
        out.push_back(ch);
      } else {
        out.push_back(static_cast<char>(0xc0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
      }
    }
    return out;
  }
  return std::nullopt;
}

absl::Status Invalid(std::string_view why) {
  return absl::InvalidArgumentError(std::string("multipart: ") + std::string(why));
}

}  // namespace

absl::StatusOr<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                          std::string_view body,
                                                          MultipartLimits limits) {
  HeaderValue ct = ParseHeaderValue(content_type);
  if (ToLower(ct.value) != "multipart/form-data") return Invalid("not multipart/form-data");
  const std::string* boundary = ct.Param("boundary");
  if (boundary == nullptr || boundary->empty()) return Invalid("missing boundary");
  // RFC 2046: 1 to 70 characters, and the last one is not a space.
  if (boundary->size() > 70 || boundary->back() == ' ') return Invalid("malformed boundary");

  const std::string dash_boundary = "--" + *boundary;
  const std::string delimiter = "\r\n" + dash_boundary;
  const std::boyer_moore_horspool_searcher search(delimiter.begin(), delimiter.end());
  auto find_delimiter = [&](size_t from) -> size_t {
    auto it = std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), search);
    return it == body.end() ? std::string_view::npos : static_cast<size_t>(it - body.begin());
  };

  // The first boundary may open the body or follow a preamble (and its CRLF).
  size_t pos;
  if (body.starts_with(dash_boundary)) {
    pos = dash_boundary.size();
  } else {
    size_t d = find_delimiter(0);
    if (d == std::string_view::npos) return Invalid("no boundary in body");
    pos = d + delimiter.size();
  }

  std::vector<MultipartPart> parts;
  for (;;) {
    // After a boundary: "--" closes the body, else optional padding and CRLF.
    if (body.substr(pos, 2) == "--") return parts;  // the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") {
      if (pos >= body.size()) return Invalid("unterminated body");
      return Invalid("malformed boundary line");
    }
    pos += 2;
    if (parts.size() == limits.max_parts) return Invalid("too many parts");

    // Part headers end at an empty line; a part may have none (then CRLF at once).
    size_t headers_end;
    if (body.substr(pos, 2) == "\r\n") {
      headers_end = pos;
    } else {
      headers_end = body.find("\r\n\r\n", pos);
      if (headers_end == std::string_view::npos) {
        return Invalid(body.size() - pos > limits.max_part_header_bytes
                           ? "part headers too large"
                           : "unterminated part headers");
      }
      if (headers_end - pos > limits.max_part_header_bytes)
        return Invalid("part headers too large");
      headers_end += 2;  // keep the CRLF of the last header line inside the block
    }
    MultipartPart part;
    bool form_data = false;
    std::string_view block = body.substr(pos, headers_end - pos);
    while (!block.empty()) {
      size_t eol = block.find("\r\n");
      std::string_view line = block.substr(0, eol);
      block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Invalid("malformed part header");
      std::string_view name = TrimWs(line.substr(0, colon));
      std::string_view value = TrimWs(line.substr(colon + 1));
      if (EqualsIgnoreCase(name, "Content-Disposition")) {
        HeaderValue cd = ParseHeaderValue(value);
        if (ToLower(cd.value) != "form-data") return Invalid("part is not form-data");
        form_data = true;
        if (const std::string* n = cd.Param("name"))
          part.name = *n;
        else
          return Invalid("part without a name");
        if (const std::string* f = cd.Param("filename")) part.filename = *f;
        if (const std::string* f = cd.Param("filename*"))
          if (std::optional<std::string> decoded = DecodeExtValue(*f)) part.filename = *decoded;
      } else if (EqualsIgnoreCase(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    if (!form_data) return Invalid("part without Content-Disposition");

    // The data runs to the next delimiter; the CRLF before it belongs to the delimiter.
    size_t data_start = headers_end + 2;
    size_t next = find_delimiter(data_start);
    if (next == std::string_view::npos) return Invalid("unterminated part");
    part.data = body.substr(data_start, next - data_start);
    parts.push_back(std::move(part));
    pos = next + delimiter.size();
  }
}

}  // namespace retorno
