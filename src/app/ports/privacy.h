// The privacy repository: what a person's data request (LGPD art. 18) needs beyond
// the other repositories: a party's follow-ups, and the rewrites anonymisation makes
// to texts the product otherwise never changes (published entries, sent e-mails) or
// removes (attachments). Part of a Tx (app/ports.h); ADR 0035.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace retorno {

// An e-mail of the outbox about a follow-up, as stored (addresses as JSON arrays).
struct StoredMail {
  int64_t id = 0;
  std::string to_addrs;
  std::string cc_addrs;
  std::string subject;
  std::string body_text;
  std::string body_html;
  std::string state;
  absl::Time created_at;
};

class PrivacyRepository {
 public:
  virtual ~PrivacyRepository() = default;
  // Every follow-up of the party, by id.
  virtual absl::StatusOr<std::vector<FollowupId>> ListPartyFollowups(PartyId party) = 0;
  // Rewrites an entry's body (and its search key), published or not.
  virtual absl::Status RewriteEntryBody(EntryId id, const std::string& body) = 0;
  // The follow-up's e-mails, oldest first.
  virtual absl::StatusOr<std::vector<StoredMail>> ListFollowupMail(FollowupId id) = 0;
  // Rewrites an e-mail's addresses, subject and bodies.
  virtual absl::Status RewriteMail(const StoredMail& m) = 0;
  // Deletes the follow-up's attachments with their bytes; returns how many.
  virtual absl::StatusOr<int64_t> DeleteAttachments(FollowupId id) = 0;
};

}  // namespace retorno
