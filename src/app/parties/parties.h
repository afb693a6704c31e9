// Use cases of parties: customers, suppliers and prospects with their ERP code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"

namespace retorno {

// The fields an edit changes; absent ones keep their value. The optional-of-optional
// ones may be set to null.
struct PartyPatch {
  std::optional<std::string> code;
  std::optional<PartyKind> kind;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> whatsapp;
  std::optional<std::string> tax_id;  // as typed; "" clears it
  std::optional<std::optional<absl::CivilDay>> birthday;
  std::optional<std::optional<BranchId>> branch_id;
  std::optional<std::optional<UserId>> owner_id;
  std::optional<std::vector<Contact>> contacts;  // replaces the list
  // From If-Match; nullopt: last write wins.
  std::optional<int64_t> expected_version;
};

// What else must follow a party's creation or change, in its transaction (the birthday
// follow-ups, app/sales/sales.h): its failure undoes the party's write.
class PartyChangeObserver {
 public:
  virtual ~PartyChangeObserver() = default;
  virtual absl::Status OnPartyCreated(Tx& tx, const Party& party, absl::Time now) = 0;
  virtual absl::Status OnPartyChanged(Tx& tx, const Party& before, const Party& after,
                                      absl::Time now) = 0;
};

class PartyService {
 public:
  explicit PartyService(Store& store) : store_(store) {}
  void SetChangeObserver(PartyChangeObserver* observer) { observer_ = observer; }

  // Also creates, in the same transaction, what the observer adds (a birthday within
  // the horizon shows on the calendar at once instead of within the hour).
  absl::StatusOr<Party> Create(const AuthContext& ctx, Party p, absl::Time now);
  // Its owner, a supervisor of its branch or an admin (403 otherwise); 412 on a stale
  // version, 409 for a code already taken, 422 with every bad field.
  absl::StatusOr<Party> Update(const AuthContext& ctx, PartyId id, const PartyPatch& patch,
                               absl::Time now);
  absl::StatusOr<Party> Get(PartyId id);
  absl::StatusOr<std::vector<Party>> Search(const std::string& q, std::optional<PartyKind> kind,
                                            int limit);

 private:
  Store& store_;
  PartyChangeObserver* observer_ = nullptr;
};

// Shared by parties and follow-ups: checks a contact block under `prefix`.
void CheckContact(const std::string& prefix, const Contact& c, Issues& issues);

}  // namespace retorno
