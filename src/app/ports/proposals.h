// The proposal repository (manual 003, "Proposta" and "Ficha de visita"): the company's
// HTML layouts of proposals and visit sheets, and the proposals made on follow-ups.
// Part of a Tx (app/ports.h) through ProposalStore. Also the port that turns a
// sanitized HTML page into a PDF (export/html_pdf.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/ports.h"
#include "base/ids.h"

namespace retorno {

using ProposalTemplateId = StrongId<struct ProposalTemplateTag>;
using ProposalId = StrongId<struct ProposalTag>;

enum class ProposalTemplateKind { kProposal, kVisitSheet };

// A layout: HTML as sanitized when it was saved, with #{variables}.
struct ProposalTemplate {
  ProposalTemplateId id;
  std::string name;
  ProposalTemplateKind kind = ProposalTemplateKind::kProposal;
  std::string html;
  bool active = true;
  absl::Time created_at;
  absl::Time updated_at;
};

// A proposal as made: its rendered HTML and PDF never change; sent_at is the last send.
struct Proposal {
  ProposalId id;
  FollowupId followup_id;
  PartyId party_id;
  ProposalTemplateId template_id;
  std::optional<DocumentId> document_id;
  std::string html;
  std::optional<AttachmentId> pdf_attachment_id;
  std::optional<absl::CivilDay> valid_until;
  UserId created_by;
  absl::Time created_at;
  std::optional<absl::Time> sent_at;
};

class ProposalRepository {
 public:
  virtual ~ProposalRepository() = default;

  // Templates by kind then name then id; `kind` nullopt: both.
  virtual absl::StatusOr<std::vector<ProposalTemplate>> ListTemplates(
      std::optional<ProposalTemplateKind> kind) = 0;
  virtual absl::StatusOr<std::optional<ProposalTemplate>> FindTemplate(ProposalTemplateId id) = 0;
  virtual absl::StatusOr<ProposalTemplateId> InsertTemplate(const ProposalTemplate& t) = 0;
  // NotFound when no such template.
  virtual absl::Status UpdateTemplate(const ProposalTemplate& t) = 0;

  virtual absl::StatusOr<ProposalId> InsertProposal(const Proposal& p) = 0;
  virtual absl::StatusOr<std::optional<Proposal>> FindProposal(ProposalId id) = 0;
  // Writes pdf_attachment_id and sent_at; NotFound when no such proposal.
  virtual absl::Status UpdateProposal(const Proposal& p) = 0;
  // Newest first.
  virtual absl::StatusOr<std::vector<Proposal>> ListFollowupProposals(FollowupId id) = 0;
  virtual absl::StatusOr<std::vector<Proposal>> ListPartyProposals(PartyId id) = 0;
};

// The proposal repository of a transaction (store/sql/proposals.h).
class ProposalStore {
 public:
  virtual ~ProposalStore() = default;
  // Valid while `tx` is; `tx` must come from the store this belongs to.
  virtual std::unique_ptr<ProposalRepository> In(Tx& tx) = 0;
};

// A page to print: the company's name heads every page, numbered "n/N" at the foot.
struct PdfPage {
  std::string company;
  std::string title;      // the PDF's metadata title
  std::string html;       // sanitized (domain/proposals/html_sanitize.h)
  absl::Time created_at;  // the PDF's creation date, so the same page gives the same bytes
};

// Lays sanitized HTML out as a PDF (A4 portrait). Thread-safe.
class HtmlPdfRenderer {
 public:
  virtual ~HtmlPdfRenderer() = default;
  virtual absl::StatusOr<std::string> Render(const PdfPage& page) = 0;
};

}  // namespace retorno
