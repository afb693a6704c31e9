// The mailing repository in SQL (app/ports/mailings.h), written once for both dialects.
// Private to store/sql/; a store reaches it through SqlTx.
#pragma once

#include "app/ports/mailings.h"
#include "store/sql/db.h"

namespace retorno::sql {

class SqlMailings final : public MailingRepository {
 public:
  explicit SqlMailings(Db& db) : db_(db) {}

  absl::StatusOr<MailingId> InsertMailing(const Mailing& m) override;
  absl::StatusOr<std::optional<Mailing>> FindMailing(MailingId id) override;
  absl::StatusOr<std::vector<Mailing>> ListMailings(std::optional<BranchId> branch,
                                                    int limit) override;
  absl::StatusOr<std::optional<Mailing>> ClaimMailing(absl::Time now, const std::string& worker,
                                                      absl::Time lease_until) override;
  absl::Status SaveProgress(const Mailing& m, const std::string& worker) override;
  absl::Status InsertAttachment(MailingId id, int seq, const MailAttachment& f) override;
  absl::StatusOr<std::vector<MailAttachment>> ListAttachments(MailingId id,
                                                              bool with_bytes) override;
  absl::StatusOr<std::vector<SelectedParty>> SelectParties(const MailingSelection& s, PartyId after,
                                                           int limit) override;
  absl::StatusOr<int64_t> CountParties(const MailingSelection& s) override;
  absl::StatusOr<int64_t> InsertRecipient(const MailingRecipient& r) override;
  absl::StatusOr<std::vector<MailingRecipient>> ListRecipients(const RecipientQuery& q) override;
  absl::StatusOr<MailingCounts> CountRecipients(MailingId id) override;
  absl::StatusOr<std::optional<MailingRecipient>> FindRecipientByToken(
      const std::string& token) override;
  absl::StatusOr<bool> OptOut(PartyId party, absl::Time at,
                              std::optional<int64_t> recipient_id) override;
  absl::StatusOr<bool> IsOptedOut(PartyId party) override;
  absl::StatusOr<std::string> SenderOfOutbox(int64_t outbox_id) override;

 private:
  Db& db_;
};

// The mailing repository of a transaction of any SQL store (ADR 0027).
class SqlMailingStore final : public MailingStore {
 public:
  std::unique_ptr<MailingRepository> In(Tx& tx) override;
};

}  // namespace retorno::sql
