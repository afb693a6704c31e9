#include "platform/magic_sniffer.h"

#include <magic.h>

#include <mutex>

namespace retorno {

namespace {

class MagicSniffer final : public ContentSniffer {
 public:
  explicit MagicSniffer(magic_t cookie) : cookie_(cookie) {}
  ~MagicSniffer() override { magic_close(cookie_); }

  std::string Sniff(std::string_view bytes) override {
    // A magic_t is not thread-safe; sniffing is rare (uploads) and fast.
    std::lock_guard lock(mu_);
    const char* type = magic_buffer(cookie_, bytes.data(), bytes.size());
    if (type == nullptr) return "application/octet-stream";
    std::string t(type);
    // Only serve types we can name exactly; anything odd is a download.
    if (t.empty() || t.find('/') == std::string::npos) return "application/octet-stream";
    return t;
  }

 private:
  std::mutex mu_;
  magic_t cookie_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ContentSniffer>> NewMagicSniffer() {
  magic_t cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
  if (cookie == nullptr) return absl::InternalError("libmagic: magic_open failed");
  if (magic_load(cookie, nullptr) != 0) {
    std::string err = magic_error(cookie) ? magic_error(cookie) : "unknown";
    magic_close(cookie);
    return absl::InternalError("libmagic: " + err);
  }
  return std::make_unique<MagicSniffer>(cookie);
}

}  // namespace retorno
