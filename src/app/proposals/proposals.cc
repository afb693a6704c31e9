#include "app/proposals/proposals.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "app/audit/audit.h"
#include "app/error_codes.h"
#include "app/errors.h"
#include "app/followups/followups.h"
#include "app/mail/mail_compose.h"
#include "app/time_zone.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/permissions.h"
#include "domain/proposals/html_sanitize.h"
#include "domain/proposals/proposal_values.h"
#include "domain/templates.h"
#include "domain/validation.h"

namespace retorno {

namespace {

constexpr size_t kMaxName = 120;
constexpr size_t kMaxHtml = 200000;
constexpr size_t kMaxRecipients = 20;

// The names whose value comes from the quote chosen for the proposal.
bool FromDocument(std::string_view canonical) {
  return canonical == "documento" || canonical == "itens" || canonical == "subtotal" ||
         canonical == "desconto" || canonical == "total";
}

struct Words {
  const char *proposal, *visit_sheet, *greeting, *body_proposal, *body_visit;
};

Words WordsFor(std::string_view locale) {
  if (locale == "es")
    return {"Propuesta", "Ficha de visita", "Hola", "Adjuntamos nuestra propuesta.",
            "Adjuntamos la ficha de visita."};
  if (locale == "en")
    return {"Proposal", "Visit sheet", "Hello", "Please find our proposal attached.",
            "Please find the visit sheet attached."};
  return {"Proposta", "Ficha de visita", "Olá", "Segue em anexo a nossa proposta.",
          "Segue em anexo a ficha de visita."};
}

// Values as HTML text: escaped, but the items table, which is HTML of the allowed subset.
PlaceholderValues Escaped(const PlaceholderValues& values) {
  PlaceholderValues out;
  for (const auto& [k, v] : values) out[k] = k == "itens" ? v : HtmlEscape(v);
  return out;
}

// Everything a layout may name, for this follow-up, as the caller fills it in.
absl::StatusOr<PlaceholderValues> LayoutValues(Tx& tx, const AuthContext& ctx, const Followup& f,
                                               const SalesDocument* doc,
                                               std::optional<absl::CivilDay> valid_until,
                                               std::string_view locale, absl::Time now) {
  ASSIGN_OR_RETURN(PlaceholderValues v, ValuesFor(tx, f, nullptr, locale, now));
  v["vendedor"] = ctx.user.name;
  v["email_vendedor"] = ctx.user.email;
  ASSIGN_OR_RETURN(absl::TimeZone zone, ZoneOfUser(tx, ctx.user));
  v["data_proposta"] = FormatDayFor(DayIn(now, zone), locale);
  if (valid_until) v["validade"] = FormatDayFor(*valid_until, locale);
  if (doc != nullptr) AddDocumentValues(*doc, locale, v);
  return v;
}

void CheckTemplateInput(const ProposalTemplateInput& in, bool creating, Issues& issues) {
  if (creating || in.name) {
    const std::string name = in.name.value_or("");
    if (name.empty())
      issues.Add("name", "required");
    else if (name.size() > kMaxName)
      issues.Add("name", "too_long");
    else if (!IsOneLine(name) || !IsCleanText(name))
      issues.Add("name", "invalid_text");
  }
  if (creating || in.html) {
    const std::string html = in.html.value_or("");
    if (html.empty())
      issues.Add("html", "required");
    else if (html.size() > kMaxHtml)
      issues.Add("html", "too_long");
    else if (!ValidateTemplate(html, PlaceholderSet::kProposals).ok()) {
      std::vector<std::string> unknown = UnknownPlaceholders(html, PlaceholderSet::kProposals);
      if (unknown.empty()) issues.Add("html", "unknown_placeholder");  // a malformed token
      for (const std::string& name : unknown) issues.Add("html", "unknown_placeholder:" + name);
    }
  }
}

absl::StatusOr<ProposalView> ViewOf(Tx& tx, ProposalRepository& repo, Proposal p) {
  ProposalView v;
  ASSIGN_OR_RETURN(std::optional<ProposalTemplate> t, repo.FindTemplate(p.template_id));
  if (t) v.template_name = t->name;
  ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(p.created_by));
  if (u) v.created_by_name = u->name;
  if (p.document_id) {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> d, tx.sales().FindDocumentHeader(*p.document_id));
    if (d) v.document_number = d->number;
  }
  ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(p.party_id));
  if (party) v.party_name = party->name;
  v.proposal = std::move(p);
  return v;
}

absl::StatusOr<ProposalTemplate> LoadLayout(ProposalRepository& repo, int64_t id,
                                            ProposalTemplateKind kind, const char* field,
                                            Issues& issues) {
  std::optional<ProposalTemplate> t;
  if (id > 0) {
    ASSIGN_OR_RETURN(t, repo.FindTemplate(ProposalTemplateId(id)));
  }
  if (!t) {
    issues.Add(field, "invalid_id");
  } else if (t->kind != kind) {
    issues.Add(field, "invalid_value");
  } else if (!t->active) {
    issues.Add(field, "retired");
  }
  RETURN_IF_ERROR(issues.ToStatus());
  return *std::move(t);
}

std::vector<std::string> Recipients(const Followup& f, const ProposalMail& in, Issues& issues) {
  std::vector<std::string> to = in.to ? *in.to : std::vector<std::string>();
  if (!in.to && !f.contact.email.empty()) to.push_back(f.contact.email);
  if (to.empty()) issues.Add("to", "required");
  if (to.size() > kMaxRecipients) issues.Add("to", "too_many");
  for (size_t i = 0; i < to.size(); ++i)
    if (!IsValidEmail(to[i])) issues.Add(absl::StrCat("to[", i, "]"), "invalid_email");
  return to;
}

// A layout as the audit trail keeps it: what an admin changed, never its timestamps.
nlohmann::json AuditValues(const ProposalTemplate& t) {
  return {{"name", t.name},
          {"kind", t.kind == ProposalTemplateKind::kVisitSheet ? "visit_sheet" : "proposal"},
          {"html", t.html},
          {"active", t.active}};
}

}  // namespace

absl::StatusOr<std::vector<ProposalTemplate>> ProposalService::ListTemplates(
    std::optional<ProposalTemplateKind> kind) {
  std::vector<ProposalTemplate> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, proposals_.In(tx)->ListTemplates(kind));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<SavedProposalTemplate> ProposalService::CreateTemplate(
    const AuthContext& ctx, const ProposalTemplateInput& in, absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  Issues issues;
  CheckTemplateInput(in, true, issues);
  RETURN_IF_ERROR(issues.ToStatus());
  SavedProposalTemplate saved;
  SanitizedHtml clean = SanitizeHtmlTree(*in.html);
  saved.removed = std::move(clean.removed);
  saved.tpl = ProposalTemplate{.name = *in.name,
                               .kind = in.kind.value_or(ProposalTemplateKind::kProposal),
                               .html = HtmlOf(clean.nodes),
                               .active = in.active.value_or(true),
                               .created_at = now,
                               .updated_at = now};
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(saved.tpl.id, proposals_.In(tx)->InsertTemplate(saved.tpl));
    return audit::Record(tx, audit::Who(ctx, now), "proposal_template", saved.tpl.id,
                         audit::Action::kCreate, nullptr, AuditValues(saved.tpl));
  }));
  return saved;
}

absl::StatusOr<SavedProposalTemplate> ProposalService::UpdateTemplate(
    const AuthContext& ctx, ProposalTemplateId id, const ProposalTemplateInput& in,
    absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  Issues issues;
  CheckTemplateInput(in, false, issues);
  RETURN_IF_ERROR(issues.ToStatus());
  SavedProposalTemplate saved;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    std::unique_ptr<ProposalRepository> repo = proposals_.In(tx);
    ASSIGN_OR_RETURN(std::optional<ProposalTemplate> t, repo->FindTemplate(id));
    if (!t) return CodedError(ErrorCode::kNotFound);
    const nlohmann::json before = AuditValues(*t);
    if (in.name) t->name = *in.name;
    if (in.kind) t->kind = *in.kind;
    if (in.active) t->active = *in.active;
    if (in.html) {
      SanitizedHtml clean = SanitizeHtmlTree(*in.html);
      saved.removed = std::move(clean.removed);
      t->html = HtmlOf(clean.nodes);
    }
    t->updated_at = now;
    RETURN_IF_ERROR(repo->UpdateTemplate(*t));
    saved.tpl = *std::move(t);
    return audit::Record(tx, audit::Who(ctx, now), "proposal_template", saved.tpl.id,
                         audit::Action::kUpdate, before, AuditValues(saved.tpl));
  }));
  return saved;
}

std::vector<ProposalVariable> ProposalService::Variables(std::string_view locale_in) {
  const std::string locale = TemplateLocale(locale_in);
  // Examples in the viewer's language: dates, money and the items table as they print.
  SalesDocument sample;
  sample.number = "1024";
  sample.currency = "BRL";
  sample.discount = 5000;
  sample.items = {{.item_code = "CMP-10",
                   .description = "Compressor 10 HP",
                   .quantity = 1,
                   .unit_price = 100000},
                  {.item_code = "INST",
                   .description = "Instalação / Instalación / Installation",
                   .quantity = 1,
                   .unit_price = 25000}};
  PlaceholderValues localized;
  AddDocumentValues(sample, locale, localized);
  for (const auto& [name, day] : {std::pair{"data_retorno", absl::CivilDay(2026, 11, 22)},
                                  std::pair{"data_hoje", absl::CivilDay(2026, 11, 19)},
                                  std::pair{"data_proposta", absl::CivilDay(2026, 11, 19)},
                                  std::pair{"validade", absl::CivilDay(2026, 12, 19)}})
    localized[name] = FormatDayFor(day, locale);
  localized["prioridade"] = locale == "en" ? "high" : "alta";
  localized["tipo_retorno"] = locale == "en" ? "Phone" : locale == "es" ? "Teléfono" : "Telefone";
  localized["categoria"] = locale == "en"   ? "After-sales"
                           : locale == "es" ? "Posventa"
                                            : "Pós-venda";
  std::vector<ProposalVariable> out;
  for (const auto* table : {&KnownPlaceholders(), &ProposalPlaceholders()})
    for (const PlaceholderInfo& p : *table) {
      const std::string canonical(p.name);
      auto it = localized.find(canonical);
      out.push_back({.name = std::string(p.NameIn(locale)),
                     .canonical = canonical,
                     .example = it != localized.end() ? it->second : std::string(p.example),
                     .html = canonical == "itens"});
    }
  return out;
}

absl::StatusOr<std::vector<ProposalView>> ProposalService::ForFollowup(const AuthContext& ctx,
                                                                       FollowupId id) {
  std::vector<ProposalView> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(LoadReadableFollowup(tx, ctx, id).status());
    std::unique_ptr<ProposalRepository> repo = proposals_.In(tx);
    ASSIGN_OR_RETURN(std::vector<Proposal> list, repo->ListFollowupProposals(id));
    for (Proposal& p : list) {
      ASSIGN_OR_RETURN(ProposalView v, ViewOf(tx, *repo, std::move(p)));
      out.push_back(std::move(v));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ProposalView>> ProposalService::ForParty(const AuthContext& ctx,
                                                                    PartyId id) {
  std::vector<ProposalView> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(id));
    if (!party) return CodedError(ErrorCode::kPartyNotFound);
    std::unique_ptr<ProposalRepository> repo = proposals_.In(tx);
    ASSIGN_OR_RETURN(std::vector<Proposal> list, repo->ListPartyProposals(id));
    for (Proposal& p : list) {
      // A proposal carries prices: only those of follow-ups the caller may read.
      ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(p.followup_id));
      if (!f || !CheckReadable(tx, ctx, *f).ok()) continue;
      ASSIGN_OR_RETURN(ProposalView v, ViewOf(tx, *repo, std::move(p)));
      out.push_back(std::move(v));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ProposalView> ProposalService::Make(const AuthContext& ctx, FollowupId id,
                                                   const ProposalInput& in, absl::Time now) {
  ProposalView view;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    std::unique_ptr<ProposalRepository> repo = proposals_.In(tx);
    Issues issues;
    if (!in.template_id) issues.Add("template_id", "required");
    std::optional<SalesDocument> doc;
    if (in.document_id) {
      if (*in.document_id > 0) {
        ASSIGN_OR_RETURN(doc, tx.sales().FindDocument(DocumentId(*in.document_id)));
      }
      // The quote must be one of this follow-up's documents.
      if (!doc || (doc->followup_id != f.id && f.document_id != doc->id)) {
        issues.Add("document_id", "unknown_document");
        doc.reset();
      }
    }
    ASSIGN_OR_RETURN(absl::TimeZone zone, ZoneOfUser(tx, ctx.user));
    if (in.valid_until && *in.valid_until < DayIn(now, zone)) issues.Add("valid_until", "in_past");
    RETURN_IF_ERROR(issues.ToStatus());
    ASSIGN_OR_RETURN(
        ProposalTemplate t,
        LoadLayout(*repo, *in.template_id, ProposalTemplateKind::kProposal, "template_id", issues));
    const std::string locale = TemplateLocale(ctx.user.locale);
    ASSIGN_OR_RETURN(PlaceholderValues values,
                     LayoutValues(tx, ctx, f, doc ? &*doc : nullptr, in.valid_until, locale, now));
    Rendered r = RenderTemplate(t.html, Escaped(values));
    if (!r.missing.empty()) {
      // The user sees which value is missing, and where it would come from.
      for (const std::string& token : r.missing) {
        const std::string first = token.substr(0, token.find('|'));
        std::string_view canonical = CanonicalPlaceholder(first, PlaceholderSet::kProposals);
        const char* field = canonical == "validade"   ? "valid_until"
                            : FromDocument(canonical) ? "document_id"
                                                      : "template_id";
        issues.Add(field, "missing_variable:" + token);
      }
      return issues.ToStatus();
    }
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    Proposal p{.followup_id = f.id,
               .party_id = f.party_id,
               .template_id = t.id,
               .document_id = doc ? std::optional<DocumentId>(doc->id) : std::nullopt,
               .html = SanitizeHtml(r.text),
               .valid_until = in.valid_until,
               .created_by = ctx.user.id,
               .created_at = now};
    ASSIGN_OR_RETURN(p.id, repo->InsertProposal(p));
    const Words w = WordsFor(locale);
    ASSIGN_OR_RETURN(
        std::string pdf,
        pdf_.Render({.company = settings.company_name,
                     .title = absl::StrCat(w.proposal, " ", p.id.value, " — ", values["cliente"]),
                     .html = p.html,
                     .created_at = now}));
    Attachment a{
        .followup_id = f.id,
        .file_name = absl::StrCat(absl::AsciiStrToLower(w.proposal), "-", p.id.value, ".pdf"),
        .content_type = "application/pdf",
        .size = static_cast<int64_t>(pdf.size()),
        .sha256 = crypto_.Sha256Hex(pdf),
        .uploaded_by = ctx.user.id,
        .created_at = now};
    ASSIGN_OR_RETURN(p.pdf_attachment_id, tx.followups().InsertAttachment(a, pdf));
    RETURN_IF_ERROR(repo->UpdateProposal(p));
    ASSIGN_OR_RETURN(view, ViewOf(tx, *repo, std::move(p)));
    return absl::OkStatus();
  }));
  return view;
}

absl::StatusOr<ProposalView> ProposalService::Get(const AuthContext& ctx, ProposalId id) {
  ProposalView view;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    std::unique_ptr<ProposalRepository> repo = proposals_.In(tx);
    ASSIGN_OR_RETURN(std::optional<Proposal> p, repo->FindProposal(id));
    if (!p) return CodedError(ErrorCode::kNotFound);
    RETURN_IF_ERROR(LoadReadableFollowup(tx, ctx, p->followup_id).status());
    ASSIGN_OR_RETURN(view, ViewOf(tx, *repo, *std::move(p)));
    return absl::OkStatus();
  }));
  return view;
}

absl::StatusOr<std::string> ProposalService::Pdf(const AuthContext& ctx, ProposalId id) {
  std::string bytes;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Proposal> p, proposals_.In(tx)->FindProposal(id));
    if (!p || !p->pdf_attachment_id) return CodedError(ErrorCode::kNotFound);
    RETURN_IF_ERROR(LoadReadableFollowup(tx, ctx, p->followup_id).status());
    ASSIGN_OR_RETURN(bytes, tx.followups().ReadAttachmentBytes(*p->pdf_attachment_id));
    return absl::OkStatus();
  }));
  return bytes;
}

namespace {

// Queues the e-mail of a PDF already stored as an attachment of the follow-up.
absl::StatusOr<OutboxMessage> QueuePdfMail(Tx& tx, Crypto& crypto, int per_hour,
                                           const AuthContext& ctx, const Followup& f,
                                           std::vector<std::string> to, std::string subject,
                                           std::string body, AttachmentId pdf, absl::Time now) {
  if (per_hour > 0) {
    ASSIGN_OR_RETURN(int64_t queued,
                     tx.messaging().CountRecipientsQueuedBy(ctx.user.id, now - absl::Hours(1)));
    if (queued + static_cast<int64_t>(to.size()) > per_hour)
      return CodedError(ErrorCode::kMailRateLimited);
  }
  ASSIGN_OR_RETURN(StoredSmtp s, tx.messaging().GetSmtp());
  OutboxMessage m;
  m.kind = OutboxKind::kManual;
  m.followup_id = f.id;
  m.user_id = ctx.user.id;
  m.to = std::move(to);
  m.subject = std::move(subject);
  m.text = std::move(body);
  m.html = TextToHtml(m.text);
  m.attachment_ids = {pdf};
  m.message_id = NewMessageId(crypto, s.settings.sender_email);
  m.created_at = now;
  ASSIGN_OR_RETURN(m.id, tx.messaging().InsertOutbox(m));
  ASSIGN_OR_RETURN(std::optional<OutboxMessage> stored, tx.messaging().FindOutbox(m.id));
  if (stored) m = *std::move(stored);
  return m;
}

std::string MailBody(const char* greeting, const Followup& f, const char* line,
                     const AuthContext& ctx, const std::string& company) {
  return absl::StrCat(greeting, f.contact.name.empty() ? "" : ", ", f.contact.name, "\n\n", line,
                      "\n\n", ctx.user.name, "\n", company);
}

}  // namespace

absl::StatusOr<OutboxMessage> ProposalService::Send(const AuthContext& ctx, ProposalId id,
                                                    const ProposalMail& in, absl::Time now) {
  OutboxMessage m;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    std::unique_ptr<ProposalRepository> repo = proposals_.In(tx);
    ASSIGN_OR_RETURN(std::optional<Proposal> p, repo->FindProposal(id));
    if (!p || !p->pdf_attachment_id) return CodedError(ErrorCode::kNotFound);
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, p->followup_id));
    Issues issues;
    std::vector<std::string> to = Recipients(f, in, issues);
    RETURN_IF_ERROR(issues.ToStatus());
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    const Words w = WordsFor(TemplateLocale(ctx.user.locale));
    ASSIGN_OR_RETURN(
        m, QueuePdfMail(tx, crypto_, options_.per_user_per_hour, ctx, f, std::move(to),
                        absl::StrCat(w.proposal, " ", p->id.value, " — ", settings.company_name),
                        MailBody(w.greeting, f, w.body_proposal, ctx, settings.company_name),
                        *p->pdf_attachment_id, now));
    p->sent_at = now;
    return repo->UpdateProposal(*p);
  }));
  return m;
}

absl::StatusOr<std::string> ProposalService::VisitSheetPdf(const AuthContext& ctx, FollowupId id,
                                                           int64_t template_id, absl::Time now,
                                                           const char* field) {
  std::string pdf;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadReadableFollowup(tx, ctx, id));
    Issues issues;
    // The printed sheet names its layout in the query (?template=), the e-mail in its body.
    ASSIGN_OR_RETURN(ProposalTemplate t,
                     LoadLayout(*proposals_.In(tx), template_id, ProposalTemplateKind::kVisitSheet,
                                field, issues));
    ASSIGN_OR_RETURN(std::vector<SalesDocument> docs, tx.sales().ListFollowupDocuments(f.id));
    const std::string locale = TemplateLocale(ctx.user.locale);
    ASSIGN_OR_RETURN(
        PlaceholderValues values,
        LayoutValues(tx, ctx, f, docs.empty() ? nullptr : &docs.back(), std::nullopt, locale, now));
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    ASSIGN_OR_RETURN(
        pdf, pdf_.Render({.company = settings.company_name,
                          .title = absl::StrCat(WordsFor(locale).visit_sheet, " — ", f.subject),
                          .html = SanitizeHtml(RenderTemplate(t.html, Escaped(values)).text),
                          .created_at = now}));
    return absl::OkStatus();
  }));
  return pdf;
}

absl::StatusOr<OutboxMessage> ProposalService::SendVisitSheet(const AuthContext& ctx, FollowupId id,
                                                              int64_t template_id,
                                                              const ProposalMail& in,
                                                              absl::Time now) {
  ASSIGN_OR_RETURN(std::string pdf, VisitSheetPdf(ctx, id, template_id, now, "template_id"));
  OutboxMessage m;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    Issues issues;
    std::vector<std::string> to = Recipients(f, in, issues);
    RETURN_IF_ERROR(issues.ToStatus());
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    const Words w = WordsFor(TemplateLocale(ctx.user.locale));
    Attachment a{.followup_id = f.id,
                 .file_name = absl::StrCat("ficha-", f.id.value, ".pdf"),
                 .content_type = "application/pdf",
                 .size = static_cast<int64_t>(pdf.size()),
                 .sha256 = crypto_.Sha256Hex(pdf),
                 .uploaded_by = ctx.user.id,
                 .created_at = now};
    ASSIGN_OR_RETURN(AttachmentId att, tx.followups().InsertAttachment(a, pdf));
    ASSIGN_OR_RETURN(
        m,
        QueuePdfMail(tx, crypto_, options_.per_user_per_hour, ctx, f, std::move(to),
                     absl::StrCat(w.visit_sheet, " — ", f.subject),
                     MailBody(w.greeting, f, w.body_visit, ctx, settings.company_name), att, now));
    return absl::OkStatus();
  }));
  return m;
}

}  // namespace retorno
