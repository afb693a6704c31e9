// Attachment uploads (http/server/multipart.h): the first line of the input is the
// Content-Type header, the rest the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/server/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  const std::string_view content_type = input.substr(0, eol);
  const std::string_view body =
      eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  retorno::MultipartLimits limits;
  limits.max_parts = 8;
  (void)retorno::ParseMultipart(content_type, body, limits);
  return 0;
}
