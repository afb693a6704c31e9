// Proposals and visit sheets (manual 003, "Proposta" and "Ficha de visita"). The
// company keeps HTML layouts (admins, or users with the configure_attendance right):
// sanitized when saved (domain/proposals/html_sanitize.h, ADR 0047) and checked for
// unknown #{variables}. A proposal is made on a follow-up from a proposal layout and,
// optionally, one of the follow-up's documents (its items and totals): every variable is
// filled by the one template renderer (domain/templates.h) and a missing value refuses
// it, nothing stored. The proposal keeps its HTML and its PDF (an attachment of the
// follow-up, the company's name heading each page), e-mailed through the outbox; once
// sent, the e-mail is a line of the follow-up's history. A person's earlier proposals
// are listed. A visit sheet is printed from a visit-sheet layout on demand, or e-mailed.
// Each public method runs in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"
#include "app/ports/proposals.h"
#include "app/services.h"

namespace retorno {

struct ProposalOptions {
  // Recipients a user may queue by hand per hour, as for other e-mails.
  int per_user_per_hour = 0;
};

struct ProposalTemplateInput {
  std::optional<std::string> name;
  std::optional<ProposalTemplateKind> kind;
  std::optional<std::string> html;
  std::optional<bool> active;
};

struct SavedProposalTemplate {
  ProposalTemplate tpl;
  // What sanitizing took out ("script", "onclick"), for the editor to show.
  std::vector<std::string> removed;
};

// A variable in the viewer's language, with an example value in that language.
struct ProposalVariable {
  std::string name;       // "cliente", "customer"
  std::string canonical;  // the Portuguese name, the same in every language
  std::string example;
  bool html = false;  // the items table: HTML, not text
};

struct ProposalInput {
  std::optional<int64_t> template_id;
  std::optional<int64_t> document_id;
  std::optional<absl::CivilDay> valid_until;
};

struct ProposalView {
  Proposal proposal;
  std::string template_name;
  std::string created_by_name;
  std::string document_number;
  std::string party_name;
};

struct ProposalMail {
  std::optional<std::vector<std::string>> to;  // default: the follow-up's contact
};

class ProposalService {
 public:
  ProposalService(Store& store, ProposalStore& proposals, HtmlPdfRenderer& pdf, Crypto& crypto,
                  ProposalOptions options = {})
      : store_(store), proposals_(proposals), pdf_(pdf), crypto_(crypto), options_(options) {}

  // Every signed-in user lists them (to choose one); `kind` nullopt: both.
  absl::StatusOr<std::vector<ProposalTemplate>> ListTemplates(
      std::optional<ProposalTemplateKind> kind);
  // 403 admin_only without configure_attendance; 422 name/html required, html too_long,
  // html "unknown_placeholder:<name>" for each unknown variable.
  absl::StatusOr<SavedProposalTemplate> CreateTemplate(const AuthContext& ctx,
                                                       const ProposalTemplateInput& in,
                                                       absl::Time now);
  absl::StatusOr<SavedProposalTemplate> UpdateTemplate(const AuthContext& ctx,
                                                       ProposalTemplateId id,
                                                       const ProposalTemplateInput& in,
                                                       absl::Time now);
  // "Consultar variáveis": every variable a layout may use, in `locale`.
  std::vector<ProposalVariable> Variables(std::string_view locale);

  absl::StatusOr<std::vector<ProposalView>> ForFollowup(const AuthContext& ctx, FollowupId id);
  // Only those on follow-ups the caller may read.
  absl::StatusOr<std::vector<ProposalView>> ForParty(const AuthContext& ctx, PartyId id);
  // 422 template_id (invalid_id, retired, invalid_value for a visit sheet), document_id
  // unknown_document, valid_until in_past, "missing_variable:<token>" naming the field the
  // value would come from; nothing stored then.
  absl::StatusOr<ProposalView> Make(const AuthContext& ctx, FollowupId id, const ProposalInput& in,
                                    absl::Time now);
  absl::StatusOr<ProposalView> Get(const AuthContext& ctx, ProposalId id);
  // The proposal's PDF, the bytes that are e-mailed.
  absl::StatusOr<std::string> Pdf(const AuthContext& ctx, ProposalId id);
  absl::StatusOr<OutboxMessage> Send(const AuthContext& ctx, ProposalId id, const ProposalMail& in,
                                     absl::Time now);

  // A visit sheet of the follow-up from a visit-sheet layout: a form to fill by hand,
  // so a value the follow-up lacks prints blank. 422 on `field` for a layout that is not
  // an active visit sheet.
  absl::StatusOr<std::string> VisitSheetPdf(const AuthContext& ctx, FollowupId id,
                                            int64_t template_id, absl::Time now,
                                            const char* field = "template");
  absl::StatusOr<OutboxMessage> SendVisitSheet(const AuthContext& ctx, FollowupId id,
                                               int64_t template_id, const ProposalMail& in,
                                               absl::Time now);

 private:
  Store& store_;
  ProposalStore& proposals_;
  HtmlPdfRenderer& pdf_;
  Crypto& crypto_;
  ProposalOptions options_;
};

}  // namespace retorno
