// Ports to small services that are not storage: password hashing and random tokens
// (libsodium), content sniffing (libmagic). Adapters live in src/platform/.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace retorno {

class Crypto {
 public:
  virtual ~Crypto() = default;
  // argon2id; slow on purpose (~65 ms): call it off the I/O threads. Thread-safe.
  virtual absl::StatusOr<std::string> HashPassword(std::string_view password) = 0;
  virtual bool VerifyPassword(std::string_view hash, std::string_view password) = 0;
  // 32 random bytes, URL-safe base64 without padding.
  virtual std::string RandomToken() = 0;
  virtual std::string Sha256Hex(std::string_view data) = 0;
};

// Judges a new password before it is hashed: a dictionary of common passwords and
// simplicity rules (libpwquality with cracklib's dictionary, src/platform/). The
// minimum length is the use case's rule, checked before this is asked.
class PasswordPolicy {
 public:
  virtual ~PasswordPolicy() = default;
  // "" when acceptable; else why not: "password_too_common" (a dictionary word or a
  // well-known password, even with digits or symbols added) or "password_too_simple"
  // (a sequence, a repetition, a palindrome, the login itself...). Thread-safe.
  virtual std::string Weakness(std::string_view password, std::string_view login) = 0;
};

class ContentSniffer {
 public:
  virtual ~ContentSniffer() = default;
  // The media type of the bytes themselves ("application/pdf", "image/png"...),
  // never trusting the client's declared type. Thread-safe.
  virtual std::string Sniff(std::string_view bytes) = 0;
};

// Seals secrets stored in the database (the SMTP password) with a key kept outside it
// (libsodium secretbox; the key file lives beside the database, mode 0600).
class Secrets {
 public:
  virtual ~Secrets() = default;
  virtual std::string Seal(std::string_view plaintext) = 0;
  // DataLoss when the text was not sealed with this key.
  virtual absl::StatusOr<std::string> Open(std::string_view sealed) = 0;
};

}  // namespace retorno
