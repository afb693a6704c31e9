// Proposals and visit sheets (manual 003, ADR 0047): the layouts (list, create, change),
// the variables a layout may name, a follow-up's proposals (list, make), a proposal (read,
// its PDF, e-mail it), a person's earlier proposals, and a follow-up's visit sheet (PDF,
// e-mail).
#include "app/proposals/proposals.h"

#include "absl/strings/str_cat.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

std::optional<ProposalTemplateKind> ParseLayoutKind(std::string_view s) {
  if (s == "proposal") return ProposalTemplateKind::kProposal;
  if (s == "visit_sheet") return ProposalTemplateKind::kVisitSheet;
  return std::nullopt;
}

const char* KindText(ProposalTemplateKind k) {
  return k == ProposalTemplateKind::kVisitSheet ? "visit_sheet" : "proposal";
}

json TemplateJson(const ProposalTemplate& t, const Out& out) {
  return {{"id", t.id.value},
          {"name", t.name},
          {"kind", KindText(t.kind)},
          {"html", t.html},
          {"active", t.active},
          {"created_at", out.Instant(t.created_at)},
          {"updated_at", out.Instant(t.updated_at)}};
}

json ProposalJson(const ProposalView& v, const Out& out) {
  const Proposal& p = v.proposal;
  return {
      {"id", p.id.value},
      {"followup_id", p.followup_id.value},
      {"party", {{"id", p.party_id.value}, {"name", v.party_name}}},
      {"template", {{"id", p.template_id.value}, {"name", v.template_name}}},
      {"document", p.document_id ? json{{"id", p.document_id->value}, {"number", v.document_number}}
                                 : json(nullptr)},
      {"html", p.html},
      {"valid_until", p.valid_until ? json(FormatDate(*p.valid_until)) : json(nullptr)},
      {"created_by", {{"id", p.created_by.value}, {"name", v.created_by_name}}},
      {"created_at", out.Instant(p.created_at)},
      {"sent_at", Nullable(out.OptInstant(p.sent_at))}};
}

json ListJson(const std::vector<ProposalView>& list, const Out& out) {
  json items = json::array();
  for (const ProposalView& v : list) items.push_back(ProposalJson(v, out));
  return {{"items", items}};
}

HttpResponse PdfResponse(std::string bytes, const std::string& file_name) {
  HttpResponse r;
  r.headers.emplace_back("Content-Type", "application/pdf");
  r.headers.emplace_back("Content-Disposition",
                         absl::StrCat("inline; filename=\"", file_name, "\""));
  r.headers.emplace_back("Cache-Control", "private, no-store");
  r.body = std::move(bytes);
  return r;
}

HttpResponse QueuedResponse(const OutboxMessage& m) {
  return JsonResponse(202, {{"outbox_id", m.id},
                            {"state", std::string(ToString(m.state))},
                            {"to", m.to},
                            {"subject", m.subject}});
}

ProposalTemplateInput ReadTemplateInput(const json& body, Issues& issues) {
  JsonIn in(body, issues);
  in.NotNull({"name", "kind", "html", "active"});
  ProposalTemplateInput t;
  t.name = in.Str("name");
  t.kind = ReadEnum(in, "kind", ParseLayoutKind);
  t.html = in.Str("html");
  t.active = in.Bool("active");
  return t;
}

ProposalMail ReadMail(const HttpRequest& req, Issues& issues, absl::StatusOr<json>& body) {
  ProposalMail m;
  if (req.body.empty()) return m;
  body = ParseBody(req);
  if (!body.ok()) return m;
  JsonIn in(*body, issues);
  in.NotNull({"to"});
  m.to = in.StrList("to");
  return m;
}

json SavedJson(const SavedProposalTemplate& s, const Out& out) {
  json o = TemplateJson(s.tpl, out);
  o["removed"] = s.removed;
  return o;
}

}  // namespace

void RegisterProposalRoutes(Routes& routes, ProposalService* proposals) {
  // A server built without proposals answers 503 on every route here.
  auto service = [proposals]() -> absl::StatusOr<ProposalService*> {
    if (proposals == nullptr) return absl::UnavailableError("proposals");
    return proposals;
  };
  routes.Get("/api/v1/proposal-templates",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               Issues issues;
               std::optional<ProposalTemplateKind> kind =
                   QueryEnum(c.req, "kind", ParseLayoutKind, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<ProposalTemplate> list, p->ListTemplates(kind));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const ProposalTemplate& t : list) items.push_back(TemplateJson(t, out));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/proposal-templates",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               ProposalTemplateInput in = ReadTemplateInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(SavedProposalTemplate s, p->CreateTemplate(ctx, in, c.now));
               return JsonResponse(201, SavedJson(s, OutFor(ctx)));
             });
  routes.Add("PATCH", "/api/v1/proposal-templates/{id}",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(ProposalTemplateId id,
                                PathId<ProposalTemplateId>(c.req, "id", ErrorCode::kNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               ProposalTemplateInput in = ReadTemplateInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(SavedProposalTemplate s, p->UpdateTemplate(ctx, id, in, c.now));
               return JsonResponse(200, SavedJson(s, OutFor(ctx)));
             });
  routes.Get("/api/v1/proposal-variables",
             [service](Call& c, const AuthContext&) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               json items = json::array();
               for (const ProposalVariable& v : p->Variables(LangTag(c.lang)))
                 items.push_back({{"name", v.name},
                                  {"token", absl::StrCat("#{", v.name, "}")},
                                  {"canonical", v.canonical},
                                  {"example", v.example},
                                  {"html", v.html}});
               return JsonResponse(200, {{"items", items}});
             });

  routes.Get("/api/v1/followups/{id}/proposals",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(std::vector<ProposalView> list, p->ForFollowup(ctx, id));
               return JsonResponse(200, ListJson(list, OutFor(ctx)));
             });
  routes.Add("POST", "/api/v1/followups/{id}/proposals",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"template_id"});
               ProposalInput pi;
               pi.template_id = in.Int("template_id");
               pi.document_id = in.Int("document_id");
               pi.valid_until = in.Date("valid_until");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(ProposalView v, p->Make(ctx, id, pi, c.now));
               return JsonResponse(201, ProposalJson(v, OutFor(ctx)));
             });
  routes.Get("/api/v1/proposals/{id}",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(ProposalId id,
                                PathId<ProposalId>(c.req, "id", ErrorCode::kNotFound));
               ASSIGN_OR_RETURN(ProposalView v, p->Get(ctx, id));
               return JsonResponse(200, ProposalJson(v, OutFor(ctx)));
             });
  routes.Get("/api/v1/proposals/{id}/pdf",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(ProposalId id,
                                PathId<ProposalId>(c.req, "id", ErrorCode::kNotFound));
               ASSIGN_OR_RETURN(std::string bytes, p->Pdf(ctx, id));
               return PdfResponse(std::move(bytes), absl::StrCat("proposal-", id.value, ".pdf"));
             });
  routes.Add("POST", "/api/v1/proposals/{id}/send",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(ProposalId id,
                                PathId<ProposalId>(c.req, "id", ErrorCode::kNotFound));
               Issues issues;
               absl::StatusOr<json> body = json::object();
               ProposalMail m = ReadMail(c.req, issues, body);
               RETURN_IF_ERROR(body.status());
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(OutboxMessage sent, p->Send(ctx, id, m, c.now));
               return QueuedResponse(sent);
             });
  routes.Get("/api/v1/parties/{id}/proposals",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(PartyId id,
                                PathId<PartyId>(c.req, "id", ErrorCode::kPartyNotFound));
               ASSIGN_OR_RETURN(std::vector<ProposalView> list, p->ForParty(ctx, id));
               return JsonResponse(200, ListJson(list, OutFor(ctx)));
             });

  routes.Get("/api/v1/followups/{id}/visit-sheet.pdf",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               Issues issues;
               std::optional<int64_t> tpl = QueryInt(c.req, "template", issues);
               if (!tpl && issues.empty()) issues.Add("template", "required");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::string bytes, p->VisitSheetPdf(ctx, id, *tpl, c.now));
               return PdfResponse(std::move(bytes), absl::StrCat("visit-sheet-", id.value, ".pdf"));
             });
  routes.Add("POST", "/api/v1/followups/{id}/visit-sheet/send",
             [service](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(ProposalService * p, service());
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"template_id", "to"});
               std::optional<int64_t> tpl = in.Int("template_id");
               ProposalMail m;
               m.to = in.StrList("to");
               if (!tpl) issues.Add("template_id", "required");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(OutboxMessage sent, p->SendVisitSheet(ctx, id, *tpl, m, c.now));
               return QueuedResponse(sent);
             });
}

}  // namespace retorno
