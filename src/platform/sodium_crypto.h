// libsodium implementation of the Crypto port: argon2id password hashes, random
// tokens and SHA-256.
#pragma once

#include <memory>

#include "app/services.h"

namespace retorno {

struct SodiumOptions {
  // crypto_pwhash INTERACTIVE limits (~65 ms, 64 MiB) by default; tests use the MIN
  // limits (fast) through `fast_for_tests`.
  bool fast_for_tests = false;
};

// Initialises libsodium; fails only if the library cannot start.
absl::StatusOr<std::unique_ptr<Crypto>> NewSodiumCrypto(SodiumOptions options = {});

}  // namespace retorno
