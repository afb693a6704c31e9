// Use cases of parties: customers, suppliers and prospects with their ERP code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "app/accounts.h"
#include "app/ports.h"

namespace retorno {

class PartyService {
 public:
  explicit PartyService(Store& store) : store_(store) {}

  absl::StatusOr<Party> Create(const AuthContext& ctx, Party p, absl::Time now);
  absl::StatusOr<Party> Get(PartyId id);
  absl::StatusOr<std::vector<Party>> Search(const std::string& q, std::optional<PartyKind> kind,
                                            int limit);

 private:
  Store& store_;
};

// Shared by parties and follow-ups: checks a contact block under `prefix`.
void CheckContact(const std::string& prefix, const Contact& c, Issues& issues);

}  // namespace retorno
