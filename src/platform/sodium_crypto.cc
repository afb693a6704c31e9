#include "platform/sodium_crypto.h"

#include <sodium.h>

#include <string>

namespace retorno {

namespace {

class SodiumCrypto final : public Crypto {
 public:
  explicit SodiumCrypto(SodiumOptions o)
      : ops_(o.fast_for_tests ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE),
        mem_(o.fast_for_tests ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) {}

  absl::StatusOr<std::string> HashPassword(std::string_view password) override {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_, mem_,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
      return absl::ResourceExhaustedError("argon2id: out of memory");
    return std::string(out);
  }

  bool VerifyPassword(std::string_view hash, std::string_view password) override {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    std::string h(hash);  // needs a NUL-terminated string
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
  }

  std::string RandomToken() override {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(out);
  }

  std::string Sha256Hex(std::string_view data) override {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
  }

 private:
  unsigned long long ops_;
  size_t mem_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Crypto>> NewSodiumCrypto(SodiumOptions options) {
  if (sodium_init() < 0) return absl::InternalError("libsodium failed to initialise");
  return std::make_unique<SodiumCrypto>(options);
}

}  // namespace retorno
