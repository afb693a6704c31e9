// The proposal repository in SQL (app/ports/proposals.h), written once for both
// dialects. Private to store/sql/; a store reaches it through SqlTx.
#pragma once

#include "app/ports/proposals.h"
#include "store/sql/db.h"

namespace retorno::sql {

class SqlProposals final : public ProposalRepository {
 public:
  explicit SqlProposals(Db& db) : db_(db) {}

  absl::StatusOr<std::vector<ProposalTemplate>> ListTemplates(
      std::optional<ProposalTemplateKind> kind) override;
  absl::StatusOr<std::optional<ProposalTemplate>> FindTemplate(ProposalTemplateId id) override;
  absl::StatusOr<ProposalTemplateId> InsertTemplate(const ProposalTemplate& t) override;
  absl::Status UpdateTemplate(const ProposalTemplate& t) override;
  absl::StatusOr<ProposalId> InsertProposal(const Proposal& p) override;
  absl::StatusOr<std::optional<Proposal>> FindProposal(ProposalId id) override;
  absl::Status UpdateProposal(const Proposal& p) override;
  absl::StatusOr<std::vector<Proposal>> ListFollowupProposals(FollowupId id) override;
  absl::StatusOr<std::vector<Proposal>> ListPartyProposals(PartyId id) override;

 private:
  Db& db_;
};

// The proposal repository of a transaction of any SQL store (ADR 0027).
class SqlProposalStore final : public ProposalStore {
 public:
  std::unique_ptr<ProposalRepository> In(Tx& tx) override;
};

}  // namespace retorno::sql
