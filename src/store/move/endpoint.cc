#include "store/move/endpoint.h"

#include "absl/strings/match.h"

namespace retorno::move {

absl::StatusOr<std::unique_ptr<Endpoint>> OpenTarget(const std::string& where) {
  if (absl::StartsWith(where, "postgresql://") || absl::StartsWith(where, "postgres://") ||
      absl::StrContains(where, "="))
    return OpenPostgresTarget(where);
  return OpenSqliteTarget(where);
}

}  // namespace retorno::move
