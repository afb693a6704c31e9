// libpwquality implementation of the PasswordPolicy port: cracklib's dictionary of
// common passwords (Debian's cracklib-runtime) plus its simplicity checks.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "app/services.h"

namespace retorno {

// Fails when libpwquality cannot start or the dictionary is missing (a policy that
// silently accepts "password123" is worse than a server that does not start).
// /etc/security/pwquality.conf is not read: the rules are the product's, the same on
// every machine.
absl::StatusOr<std::unique_ptr<PasswordPolicy>> NewPwqualityPolicy();

}  // namespace retorno
