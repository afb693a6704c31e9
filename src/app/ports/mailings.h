// The mailing repository (manual 003, "Envio para clientes"; ADR 0048): mailings to a
// selection of customers, the people each one reached (their history of mailings),
// the files sent with them and the people who asked for no more. Part of a Tx
// (app/ports.h) through MailingStore, as the appointments are.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/mail.h"
#include "app/ports.h"
#include "base/ids.h"
#include "domain/model.h"

namespace retorno {

using MailingId = StrongId<struct MailingTag>;

// draft: written, not sent; queued: waiting for its job; sending: being expanded into
// the outbox a batch at a time; done: every selected person has a recipient row.
enum class MailingStatus { kDraft, kQueued, kSending, kDone };
// queued: in the outbox; sent: delivered; held: a placeholder had no value (not sent);
// skipped_opt_out: the person asked for no more mailings; bounced: the outbox gave up
// (a permanent failure). sent and bounced are read from the outbox, never stored.
enum class RecipientStatus { kQueued, kSent, kHeld, kSkippedOptOut, kBounced };

std::string_view ToString(MailingStatus s);
std::string_view ToString(RecipientStatus s);
std::optional<MailingStatus> ParseMailingStatus(std::string_view s);
std::optional<RecipientStatus> ParseRecipientStatus(std::string_view s);

// Who a mailing goes to: parties matching every filter set, or, when `party_ids` is
// not empty, exactly those parties (picked by hand) that also match the filters; in
// both cases without `excluded_ids` (unpicked by hand).
struct MailingSelection {
  std::optional<BranchId> branch_id;
  std::string category;  // category code: parties with a follow-up of that category
  std::optional<UserId> owner_id;
  std::optional<PartyKind> kind;
  std::optional<CatalogItemId> product_id;  // parties with a document of that item
  std::optional<int> birthday_month;        // 1..12
  std::vector<PartyId> party_ids;           // ascending, no repeats
  std::vector<PartyId> excluded_ids;        // ascending, no repeats
};

// A selected party with what its message needs beyond the party itself.
struct SelectedParty {
  Party party;                // without contacts
  std::string contact_name;   // its first contact person's, "" when none
  std::string contact_email;  // that person's e-mail
  bool opted_out = false;
};

struct Mailing {
  MailingId id;
  std::string subject;
  std::string body;
  std::string sender_name;
  std::string filter;  // the selection as JSON (app/mailings)
  std::string locale;  // of the values placeholders take (dates, category names)
  MailingStatus status = MailingStatus::kQueued;
  int64_t total = 0;  // people selected when it was sent
  PartyId last_party_id{0};
  int64_t queued = 0;  // recipient rows written, by what expansion decided
  int64_t held = 0;
  int64_t skipped = 0;
  UserId created_by;
  // The branch of a supervisor's mailing (what it was limited to); nullopt: an admin's.
  std::optional<BranchId> branch_id;
  absl::Time created_at;
  absl::Time updated_at;
  std::optional<absl::Time> finished_at;
};

// The recipients of a mailing by status, sent and bounced as the outbox says.
struct MailingCounts {
  int64_t queued = 0;
  int64_t sent = 0;
  int64_t held = 0;
  int64_t skipped_opt_out = 0;
  int64_t bounced = 0;
};

struct MailingRecipient {
  int64_t id = 0;
  MailingId mailing_id;
  PartyId party_id;
  std::string party_name;       // read only
  std::string mailing_subject;  // read only: the mailing's subject as written
  std::string email;
  RecipientStatus status = RecipientStatus::kQueued;
  std::vector<std::string> missing;  // held: the placeholders without a value
  std::optional<int64_t> outbox_id;
  std::string token;  // unsubscribe link; "" for held and skipped rows
  absl::Time created_at;
};

struct RecipientQuery {
  std::optional<MailingId> mailing_id;
  std::optional<PartyId> party_id;
  std::optional<RecipientStatus> status;
  int64_t after_id = 0;  // page: rows with a greater id
  int limit = 100;       // by id
};

class MailingRepository {
 public:
  virtual ~MailingRepository() = default;

  virtual absl::StatusOr<MailingId> InsertMailing(const Mailing& m) = 0;
  virtual absl::StatusOr<std::optional<Mailing>> FindMailing(MailingId id) = 0;
  // Newest first; of one branch's supervisors when `branch` is set.
  virtual absl::StatusOr<std::vector<Mailing>> ListMailings(std::optional<BranchId> branch,
                                                            int limit) = 0;
  // Leases the oldest queued or sending mailing whose lease is free or expired to
  // `worker` until lease_until (and marks it sending); nullopt when none.
  virtual absl::StatusOr<std::optional<Mailing>> ClaimMailing(absl::Time now,
                                                              const std::string& worker,
                                                              absl::Time lease_until) = 0;
  // Writes status, last_party_id, counters, updated_at and finished_at; releases the
  // lease when done. FailedPrecondition("lease") unless `worker` holds it.
  virtual absl::Status SaveProgress(const Mailing& m, const std::string& worker) = 0;

  virtual absl::Status InsertAttachment(MailingId id, int seq, const MailAttachment& f) = 0;
  // In seq order; bytes included when `with_bytes`.
  virtual absl::StatusOr<std::vector<MailAttachment>> ListAttachments(MailingId id,
                                                                      bool with_bytes) = 0;

  // Selected parties with id > after, by id, at most `limit`.
  virtual absl::StatusOr<std::vector<SelectedParty>> SelectParties(const MailingSelection& s,
                                                                   PartyId after, int limit) = 0;
  virtual absl::StatusOr<int64_t> CountParties(const MailingSelection& s) = 0;

  // AlreadyExists when the mailing already has a row for that party.
  virtual absl::StatusOr<int64_t> InsertRecipient(const MailingRecipient& r) = 0;
  virtual absl::StatusOr<std::vector<MailingRecipient>> ListRecipients(const RecipientQuery& q) = 0;
  virtual absl::StatusOr<MailingCounts> CountRecipients(MailingId id) = 0;
  virtual absl::StatusOr<std::optional<MailingRecipient>> FindRecipientByToken(
      const std::string& token) = 0;

  // Records that the party wants no more mailings; false when it already had.
  virtual absl::StatusOr<bool> OptOut(PartyId party, absl::Time at,
                                      std::optional<int64_t> recipient_id) = 0;
  virtual absl::StatusOr<bool> IsOptedOut(PartyId party) = 0;

  // The sender name chosen for the mailing an outbox message belongs to; "" when it
  // belongs to none.
  virtual absl::StatusOr<std::string> SenderOfOutbox(int64_t outbox_id) = 0;
};

// The mailing repository of a transaction; each SQL store provides one
// (store/sql/mailings.h).
class MailingStore {
 public:
  virtual ~MailingStore() = default;
  // Valid while `tx` is; `tx` must come from the store this belongs to.
  virtual std::unique_ptr<MailingRepository> In(Tx& tx) = 0;
};

}  // namespace retorno
