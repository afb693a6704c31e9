// The parties repository: customers and prospects with their contact persons, party
// search and birthdays. Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/model.h"

namespace retorno {

// A stored birthday: the party's own (contact_position -1) or a contact person's.
struct BirthdayRow {
  PartyId party_id;
  int contact_position = -1;
  absl::CivilDay birthday;
};

class PartiesRepository {
 public:
  virtual ~PartiesRepository() = default;

  // Parties. code unique (AlreadyExists "code"). contacts are stored with the party.
  virtual absl::StatusOr<PartyId> InsertParty(const Party& p) = 0;
  // Writes every field but id and created_at, replaces the contacts, bumps the version
  // and returns the new one. FailedPrecondition("version") unless the stored version
  // equals p.version; NotFound("party"); AlreadyExists for a code already taken.
  virtual absl::StatusOr<int64_t> UpdateParty(const Party& p) = 0;
  virtual absl::StatusOr<std::optional<Party>> FindParty(PartyId id) = 0;
  virtual absl::StatusOr<std::optional<Party>> FindPartyByCode(const std::string& code) = 0;
  // Code prefix or name substring, case-insensitive for ASCII; ordered by name.
  virtual absl::StatusOr<std::vector<Party>> SearchParties(const std::string& q,
                                                           std::optional<PartyKind> kind,
                                                           int limit) = 0;

  // Birthdays of parties and contact persons whose month-day ("MM-DD") is in
  // [from_mmdd, to_mmdd]; optionally of one party only.
  virtual absl::StatusOr<std::vector<BirthdayRow>> ListBirthdays(const std::string& from_mmdd,
                                                                 const std::string& to_mmdd,
                                                                 std::optional<PartyId> party) = 0;
};

}  // namespace retorno
