#include "platform/sodium_secrets.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"

namespace retorno {

namespace {

constexpr std::string_view kPrefix = "sb1:";

class SodiumSecrets final : public Secrets {
 public:
  explicit SodiumSecrets(const std::array<unsigned char, crypto_secretbox_KEYBYTES>& key)
      : key_(key) {}
  ~SodiumSecrets() override { sodium_memzero(key_.data(), key_.size()); }

  std::string Seal(std::string_view plaintext) override {
    std::string raw(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(),
                    '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(raw.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.data()),
                          plaintext.size(), nonce, key_.data());
    std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                      raw.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return std::string(kPrefix) + out;
  }

  absl::StatusOr<std::string> Open(std::string_view sealed) override {
    const absl::Status bad = absl::DataLossError("sealed secret does not open with this key");
    if (sealed.substr(0, kPrefix.size()) != kPrefix) return bad;
    sealed.remove_prefix(kPrefix.size());
    std::string raw(sealed.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), sealed.data(),
                          sealed.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
      return bad;
    const auto* nonce = reinterpret_cast<const unsigned char*>(raw.data());
    const size_t ct_len = len - crypto_secretbox_NONCEBYTES;
    std::string plain(ct_len - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES, ct_len, nonce,
                                   key_.data()) != 0)
      return bad;
    return plain;
  }

 private:
  std::array<unsigned char, crypto_secretbox_KEYBYTES> key_;
};

// Writes `key` as `key_file` unless that file exists by the time it is whole (then the
// existing one wins). Never leaves a partial `key_file` or a stray temporary file.
absl::Status WriteKeyFileOnce(const std::string& key_file,
                              const std::array<unsigned char, crypto_secretbox_KEYBYTES>& key) {
  std::string tmp = key_file + ".new-XXXXXX";
  const int out = ::mkostemp(tmp.data(), O_CLOEXEC);  // created 0600
  if (out < 0)
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create key file ", key_file, ": ", std::strerror(errno)));
  const ssize_t n = ::write(out, key.data(), key.size());
  const bool written = n == static_cast<ssize_t>(key.size()) && ::fsync(out) == 0;
  ::close(out);
  const int linked = written ? ::link(tmp.c_str(), key_file.c_str()) : -1;
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (!written) return absl::InternalError(absl::StrCat("cannot write key file ", key_file));
  if (linked != 0 && link_errno != EEXIST)
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create key file ", key_file, ": ", std::strerror(link_errno)));
  if (linked == 0) {
    // The new name survives a power cut only once its folder is synced.
    const std::string dir = std::filesystem::path(key_file).parent_path().string();
    const int d = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d >= 0) {
      ::fsync(d);
      ::close(d);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Secrets>> NewSodiumSecrets(const std::string& key_file) {
  if (sodium_init() < 0) return absl::InternalError("libsodium failed to initialise");
  std::array<unsigned char, crypto_secretbox_KEYBYTES> key{};
  int fd = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    crypto_secretbox_keygen(key.data());
    // Two processes starting at once (two nodes, a restart racing a supervisor) must end
    // with one key, and neither may read the other's file before it is whole: the key is
    // written and synced under a private name, then linked to its name, which fails if
    // another process got there first; that one's key is read instead.
    RETURN_IF_ERROR(WriteKeyFileOnce(key_file, key));
    fd = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0)
    return absl::PermissionDeniedError(
        absl::StrCat("cannot read key file ", key_file, ": ", std::strerror(errno)));
  // A key file left readable by others (copied, restored from a backup) is made the
  // owner's only, as the database is; one that cannot be is refused.
  struct stat st;
  if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0 && ::fchmod(fd, 0600) != 0) {
    const int err = errno;
    ::close(fd);
    return absl::PermissionDeniedError(absl::StrCat(
        "key file ", key_file,
        " is readable by other accounts and cannot be made private: ", std::strerror(err)));
  }
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()))
    return absl::DataLossError(absl::StrCat("key file ", key_file, " is not 32 bytes"));
  return std::unique_ptr<Secrets>(std::make_unique<SodiumSecrets>(key));
}

}  // namespace retorno
