// The proposal repository in SQL (manual 003): proposal and visit-sheet layouts, and
// the proposals of the follow-ups, listed by follow-up and by person.
#include "store/sql/proposals.h"

#include "base/status_macros.h"
#include "store/sql/rows.h"
#include "store/sql/sql_tx.h"

namespace retorno::sql {

namespace {

constexpr char kTemplateCols[] =
    "t.id, t.name, t.kind, t.html, t.active, t.created_at, t.updated_at";
constexpr char kProposalCols[] =
    "p.id, p.followup_id, p.party_id, p.template_id, p.document_id, p.html, "
    "p.pdf_attachment_id, p.valid_until, p.created_by, p.created_at, p.sent_at";

RETORNO_SQL(kListTemplates, "SELECT ", kTemplateCols,
            " FROM proposal_templates t ORDER BY t.kind, t.name, t.id");
RETORNO_SQL(kListTemplatesOfKind, "SELECT ", kTemplateCols,
            " FROM proposal_templates t WHERE t.kind = ? ORDER BY t.name, t.id");
RETORNO_SQL(kFindTemplate, "SELECT ", kTemplateCols, " FROM proposal_templates t WHERE t.id = ?");
RETORNO_SQL(kInsertTemplate,
            "INSERT INTO proposal_templates (name, kind, html, active, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kUpdateTemplate,
            "UPDATE proposal_templates SET name = ?, kind = ?, html = ?, active = ?, "
            "updated_at = ? WHERE id = ?");
RETORNO_SQL(kInsertProposal,
            "INSERT INTO proposals (followup_id, party_id, template_id, document_id, html, "
            "pdf_attachment_id, valid_until, created_by, created_at, sent_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kFindProposal, "SELECT ", kProposalCols, " FROM proposals p WHERE p.id = ?");
RETORNO_SQL(kUpdateProposal,
            "UPDATE proposals SET pdf_attachment_id = ?, sent_at = ? WHERE id = ?");
RETORNO_SQL(kListFollowupProposals, "SELECT ", kProposalCols,
            " FROM proposals p WHERE p.followup_id = ? ORDER BY p.id DESC");
RETORNO_SQL(kListPartyProposals, "SELECT ", kProposalCols,
            " FROM proposals p WHERE p.party_id = ? ORDER BY p.id DESC");

std::string_view KindText(ProposalTemplateKind k) {
  return k == ProposalTemplateKind::kVisitSheet ? "visit_sheet" : "proposal";
}

absl::StatusOr<ProposalTemplate> ReadTemplate(const Query& q, int c) {
  ProposalTemplate t;
  t.id = q.IdAt<ProposalTemplateId>(c);
  t.name = q.Text(c + 1);
  t.kind = q.Text(c + 2) == "visit_sheet" ? ProposalTemplateKind::kVisitSheet
                                          : ProposalTemplateKind::kProposal;
  t.html = q.Text(c + 3);
  t.active = q.Bool(c + 4);
  t.created_at = q.Time(c + 5);
  t.updated_at = q.Time(c + 6);
  return t;
}

absl::StatusOr<Proposal> ReadProposal(const Query& q, int c) {
  Proposal p;
  p.id = q.IdAt<ProposalId>(c);
  p.followup_id = q.IdAt<FollowupId>(c + 1);
  p.party_id = q.IdAt<PartyId>(c + 2);
  p.template_id = q.IdAt<ProposalTemplateId>(c + 3);
  p.document_id = q.OptId<DocumentId>(c + 4);
  p.html = q.Text(c + 5);
  p.pdf_attachment_id = q.OptId<AttachmentId>(c + 6);
  p.valid_until = q.Day(c + 7);
  p.created_by = q.IdAt<UserId>(c + 8);
  p.created_at = q.Time(c + 9);
  p.sent_at = q.OptTime(c + 10);
  return p;
}

}  // namespace

absl::StatusOr<std::vector<ProposalTemplate>> SqlProposals::ListTemplates(
    std::optional<ProposalTemplateKind> kind) {
  if (kind)
    return FindAll<ProposalTemplate>(db_, kListTemplatesOfKind, ReadTemplate, KindText(*kind));
  return FindAll<ProposalTemplate>(db_, kListTemplates, ReadTemplate);
}

absl::StatusOr<std::optional<ProposalTemplate>> SqlProposals::FindTemplate(ProposalTemplateId id) {
  return FindOne<ProposalTemplate>(db_, kFindTemplate, ReadTemplate, id);
}

absl::StatusOr<ProposalTemplateId> SqlProposals::InsertTemplate(const ProposalTemplate& t) {
  ASSIGN_OR_RETURN(int64_t id, InsertId(db_, kInsertTemplate, t.name, KindText(t.kind), t.html,
                                        t.active, t.created_at, t.updated_at));
  return ProposalTemplateId(id);
}

absl::Status SqlProposals::UpdateTemplate(const ProposalTemplate& t) {
  RETURN_IF_ERROR(
      db_.Run(kUpdateTemplate, t.name, KindText(t.kind), t.html, t.active, t.updated_at, t.id));
  if (db_.Changes() != 1) return absl::NotFoundError("proposal_template");
  return absl::OkStatus();
}

absl::StatusOr<ProposalId> SqlProposals::InsertProposal(const Proposal& p) {
  ASSIGN_OR_RETURN(int64_t id, InsertId(db_, kInsertProposal, p.followup_id, p.party_id,
                                        p.template_id, p.document_id, p.html, p.pdf_attachment_id,
                                        p.valid_until, p.created_by, p.created_at, p.sent_at));
  return ProposalId(id);
}

absl::StatusOr<std::optional<Proposal>> SqlProposals::FindProposal(ProposalId id) {
  return FindOne<Proposal>(db_, kFindProposal, ReadProposal, id);
}

absl::Status SqlProposals::UpdateProposal(const Proposal& p) {
  RETURN_IF_ERROR(db_.Run(kUpdateProposal, p.pdf_attachment_id, p.sent_at, p.id));
  if (db_.Changes() != 1) return absl::NotFoundError("proposal");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Proposal>> SqlProposals::ListFollowupProposals(FollowupId id) {
  return FindAll<Proposal>(db_, kListFollowupProposals, ReadProposal, id);
}

absl::StatusOr<std::vector<Proposal>> SqlProposals::ListPartyProposals(PartyId id) {
  return FindAll<Proposal>(db_, kListPartyProposals, ReadProposal, id);
}

std::unique_ptr<ProposalRepository> SqlProposalStore::In(Tx& tx) {
  return std::make_unique<SqlProposals>(static_cast<SqlTx&>(tx).db());
}

}  // namespace retorno::sql
