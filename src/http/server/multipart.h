// multipart/form-data (RFC 7578, framing of RFC 2046 section 5.1) for a whole request
// body held in memory. Binary-safe: part data may hold NUL bytes and CRLF.
//
//   absl::StatusOr<std::vector<MultipartPart>> parts =
//       ParseMultipart(req.Header("Content-Type"), req.body);
//
// Thread safety: a pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace retorno {

struct MultipartPart {
  std::string name;  // the form field name (Content-Disposition: form-data; name="...")
  // The client's file name: from filename* (RFC 5987, UTF-8 or ISO-8859-1, converted
  // to UTF-8) when present and valid, else from filename; "" for a plain field.
  // Untrusted: may hold "/", "\\", ".." or anything else.
  std::string filename;
  // The part's Content-Type as declared ("" when absent; RFC 7578 then means
  // text/plain). Never trust it for serving.
  std::string content_type;
  // The part's bytes. Points into the body passed to ParseMultipart, which must outlive
  // it.
  std::string_view data;
};

// Limits that keep a hostile body from costing much.
struct MultipartLimits {
  size_t max_parts = 1000;              // more: InvalidArgument
  size_t max_part_header_bytes = 8192;  // per part
};

// InvalidArgument when the content type is not multipart/form-data with a boundary,
// the body does not start with the boundary, a part's headers are unterminated or
// lack Content-Disposition form-data with a name, the closing delimiter is missing,
// or a limit is exceeded.
absl::StatusOr<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                          std::string_view body,
                                                          MultipartLimits limits = {});

}  // namespace retorno
