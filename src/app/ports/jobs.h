// The jobs repository: small named values the background jobs keep between runs.
// Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/model.h"

namespace retorno {

class JobsRepository {
 public:
  virtual ~JobsRepository() = default;

  // The value stored under `name`, nullopt when none.
  virtual absl::StatusOr<std::optional<std::string>> GetJobState(const std::string& name) = 0;
  virtual absl::Status PutJobState(const std::string& name, const std::string& value) = 0;
};

}  // namespace retorno
