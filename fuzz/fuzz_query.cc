// Request targets and the addresses a proxy writes (http/server/request.h): the path and
// query string of every request, the log line made of them, X-Forwarded-For.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/server/request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  retorno::HttpRequest req;
  if (retorno::ParseTarget(target, &req.path, &req.query)) {
    (void)req.Query("status");
    (void)req.Query("q");
    (void)req.UnreadQueryNames();
  }
  (void)retorno::LogSafePath(target);
  (void)retorno::ForwardedClientAddress(target);
  (void)retorno::PercentDecode(target, true);
  return 0;
}
