// libsodium secretbox implementation of the Secrets port. The key is a file outside
// the database (by default data/secret.key beside retorno.db), created with mode 0600
// on first use: a copied database alone does not reveal the SMTP password.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "app/services.h"

namespace retorno {

// Loads the 32-byte key from `key_file`, creating it (and nothing else) when missing.
absl::StatusOr<std::unique_ptr<Secrets>> NewSodiumSecrets(const std::string& key_file);

}  // namespace retorno
