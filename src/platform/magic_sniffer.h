// libmagic implementation of the ContentSniffer port.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "app/services.h"

namespace retorno {

absl::StatusOr<std::unique_ptr<ContentSniffer>> NewMagicSniffer();

}  // namespace retorno
