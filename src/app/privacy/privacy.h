// A person's data (LGPD art. 18, ADR 0035): an administrator exports everything the
// company holds about a party (its contacts, follow-ups with their returns, history,
// e-mails and attachments, its documents, the audit rows about it) and may anonymise
// the party or one of its contact persons: names, e-mails, phones and documents are
// replaced, the follow-ups and their history stay without them. Both are recorded in
// the audit trail. Each call runs in one transaction.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"

namespace retorno {

struct AnonymiseInput {
  PartyId party;
  // 1-based place in the party's contact list; nullopt: the party and all its contacts.
  std::optional<int> contact;
  // What the administrator typed to confirm: the party's (or the contact's) name as
  // stored, spaces around it ignored. 422 `confirm`/`confirmation_mismatch` otherwise.
  std::string confirm;
};

struct AnonymiseResult {
  Party party;  // as it is now
  int64_t followups = 0;
  int64_t entries_rewritten = 0;
  int64_t emails_rewritten = 0;
  int64_t attachments_deleted = 0;
};

class PrivacyService {
 public:
  explicit PrivacyService(Store& store) : store_(store) {}

  // Admins only (403 `admin_only`); 404 `party`. The export as one JSON object; the
  // attachments' bytes are base64 in it (each at most the attachment limit, 10 MiB by
  // default). Recorded as an "export" of the party.
  absl::StatusOr<nlohmann::json> Export(const AuthContext& ctx, PartyId id, absl::Time now);
  // Admins only; 404 `party` (or `contact` past the list); 422 `confirm`. Irreversible.
  absl::StatusOr<AnonymiseResult> Anonymise(const AuthContext& ctx, const AnonymiseInput& in,
                                            absl::Time now);

 private:
  Store& store_;
};

// Replaces each of `needles` (compared without regard to ASCII case; empty ones and
// ones under 3 characters skipped) in `text` with `replacement`.
std::string ScrubText(std::string text, const std::vector<std::string>& needles,
                      std::string_view replacement);

}  // namespace retorno
