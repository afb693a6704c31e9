// multipart/form-data (RFC 7578) parsing of a whole request body. Binary-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace retorno {

struct MultipartPart {
  std::string name;
  std::string filename;      // from filename* (RFC 5987) when present, else filename
  std::string content_type;  // as declared by the client (never trusted for serving)
  std::string_view data;     // points into the body given to ParseMultipart
};

// InvalidArgument for a missing boundary or a malformed body.
absl::StatusOr<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                          std::string_view body);

}  // namespace retorno
