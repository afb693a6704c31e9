// Mailings to selected customers (manual 003, ADR 0048): the recipient preview of a
// selection, sending a mailing (JSON, or multipart with its files), the mailings and
// their progress, recipients by status, a person's history of mailings, and the public
// unsubscribe page whose URL carries the credential (the token in the message).
#include "app/mailings/mailings.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "domain/templates.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"
#include "http/server/multipart.h"

namespace retorno {

namespace {

using json = nlohmann::json;

void ReadIds(JsonIn& in, const char* key, std::vector<PartyId>& out) {
  const json* arr = in.Arr(key);
  if (arr == nullptr) return;
  for (size_t i = 0; i < arr->size(); ++i) {
    const json& v = (*arr)[i];
    if (v.is_number_integer() && v.get<int64_t>() > 0)
      out.push_back(PartyId(v.get<int64_t>()));
    else
      in.issues().Add(absl::StrCat(in.Field(key), "[", i, "]"), "invalid_id");
  }
}

// The selection: every member optional; an unknown member is refused (422 naming it).
MailingSelection ReadSelection(const json& body, Issues& issues) {
  JsonIn in(body, issues, "filter.");
  MailingSelection s;
  if (auto v = in.Int("branch_id")) s.branch_id = BranchId(*v);
  if (auto v = in.Str("category")) s.category = *v;
  if (auto v = in.Int("owner_id")) s.owner_id = UserId(*v);
  if (auto v = in.Str("kind")) {
    s.kind = ParsePartyKind(*v);
    if (!s.kind) issues.Add(in.Field("kind"), "invalid_value");
  }
  if (auto v = in.Int("product_id")) s.product_id = CatalogItemId(*v);
  if (auto v = in.Int("birthday_month")) s.birthday_month = static_cast<int>(*v);
  ReadIds(in, "party_ids", s.party_ids);
  ReadIds(in, "excluded_ids", s.excluded_ids);
  return s;
}

json PartyJson(const SelectedParty& sp) {
  const Party& p = sp.party;
  return {{"id", p.id.value},
          {"code", p.code},
          {"name", p.name},
          {"kind", std::string(ToString(p.kind))},
          {"email", !p.email.empty() ? p.email : sp.contact_email},
          {"branch_id", OptId(p.branch_id) ? json(*OptId(p.branch_id)) : json(nullptr)},
          {"opted_out", sp.opted_out}};
}

json CountsJson(const MailingCounts& c) {
  return {{"queued", c.queued},
          {"sent", c.sent},
          {"held", c.held},
          {"skipped_opt_out", c.skipped_opt_out},
          {"bounced", c.bounced}};
}

json MailingJson(const MailingView& v, const Out& out) {
  const Mailing& m = v.mailing;
  json filter = json::parse(m.filter, nullptr, false);
  if (!filter.is_object()) filter = json::object();
  const int64_t written = m.queued + m.held + m.skipped;
  return {{"id", m.id.value},
          {"subject", m.subject},
          {"body", m.body},
          {"sender_name", m.sender_name},
          {"filter", filter},
          {"status", std::string(ToString(m.status))},
          {"total", m.total},
          {"processed", written},
          // Progress of the expansion into the outbox, 0..100.
          {"progress", m.status == MailingStatus::kDone ? 100
                       : m.total > 0 ? std::min<int64_t>(99, written * 100 / m.total)
                                     : 0},
          {"counts", CountsJson(v.counts)},
          {"attachments", v.attachments},
          {"created_by", {{"id", m.created_by.value}, {"name", v.created_by_name}}},
          {"created_at", out.Instant(m.created_at)},
          {"finished_at", m.finished_at ? json(out.Instant(*m.finished_at)) : json(nullptr)}};
}

// The link of the message, for staff to open when a person asks by phone or in person
// to receive no more mailings; null for a message not sent.
json RecipientJson(const MailingRecipient& r, const Out& out, const std::string& base) {
  return {{"id", r.id},
          {"unsubscribe_url",
           r.token.empty() ? json(nullptr)
                           : json(absl::StrCat(base, "/api/v1/mailings/unsubscribe/", r.token))},
          {"mailing_id", r.mailing_id.value},
          {"mailing_subject", r.mailing_subject},
          {"party_id", r.party_id.value},
          {"party_name", r.party_name},
          {"email", r.email},
          {"status", std::string(ToString(r.status))},
          {"missing", r.missing},
          {"created_at", out.Instant(r.created_at)}};
}

// The unsubscribe page: plain HTML in the reader's language, no script, no app.
HttpResponse Page(Lang lang, const std::string& title, const std::string& text,
                  const std::string& form_action) {
  const char* html_lang = lang == Lang::kEs ? "es" : lang == Lang::kEn ? "en" : "pt-BR";
  std::string body = absl::StrCat("<!doctype html><html lang=\"", html_lang,
                                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                                  "content=\"width=device-width\"><title>",
                                  HtmlEscape(title), "</title></head><body><main><h1>",
                                  HtmlEscape(title), "</h1><p>", HtmlEscape(text), "</p>");
  if (!form_action.empty()) {
    const char* button = lang == Lang::kEs   ? "Confirmar"
                         : lang == Lang::kEn ? "Confirm"
                                             : "Confirmar";
    absl::StrAppend(&body, "<form method=\"post\" action=\"", HtmlEscape(form_action),
                    "\"><button type=\"submit\">", button, "</button></form>");
  }
  body += "</main></body></html>";
  HttpResponse r;
  r.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; form-action 'self'");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.body = std::move(body);
  return r;
}

std::string Title(Lang lang) {
  return lang == Lang::kEs   ? "Cancelar suscripción"
         : lang == Lang::kEn ? "Unsubscribe"
                             : "Cancelar inscrição";
}

std::string AskText(Lang lang, const UnsubscribeView& v) {
  if (v.opted_out) {
    if (lang == Lang::kEs)
      return absl::StrCat(v.party_name, " ya no recibe los envíos de ", v.company_name, ".");
    if (lang == Lang::kEn)
      return absl::StrCat(v.party_name, " no longer receives mailings from ", v.company_name, ".");
    return absl::StrCat(v.party_name, " não recebe mais os envios de ", v.company_name, ".");
  }
  if (lang == Lang::kEs)
    return absl::StrCat("¿Dejar de recibir los envíos de ", v.company_name, " para ", v.party_name,
                        "?");
  if (lang == Lang::kEn)
    return absl::StrCat("Stop receiving mailings from ", v.company_name, " for ", v.party_name,
                        "?");
  return absl::StrCat("Deixar de receber os envios de ", v.company_name, " para ", v.party_name,
                      "?");
}

// The file name without any folder the client put in it.
std::string BaseName(std::string name) {
  size_t cut = name.find_last_of("/\\");
  if (cut != std::string::npos) name = name.substr(cut + 1);
  return name;
}

}  // namespace

void RegisterMailingRoutes(Routes& routes, MailingService* mailings) {
  const std::function<std::string()> base = routes.options().public_url;
  auto svc = [mailings]() -> absl::StatusOr<MailingService*> {
    if (mailings == nullptr) return CodedError(ErrorCode::kUnavailable);
    return mailings;
  };

  routes.Add("POST", "/api/v1/mailings/preview-recipients",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailingService * m, svc());
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               int limit = 50;
               MailingSelection s;
               {
                 JsonIn in(body, issues);
                 if (auto v = in.Int("limit")) {
                   if (*v < 1 || *v > 500) issues.Add("limit", "out_of_range");
                   limit = static_cast<int>(*v);
                 }
                 if (const json* f = in.Obj("filter")) s = ReadSelection(*f, issues);
                 RETURN_IF_ERROR(issues.ToStatus());
               }
               ASSIGN_OR_RETURN(RecipientPreview p, m->Preview(ctx, std::move(s), limit));
               json items = json::array();
               for (const SelectedParty& sp : p.first) items.push_back(PartyJson(sp));
               return JsonResponse(200, {{"count", p.count}, {"items", items}});
             });

  routes.Get("/api/v1/mailings/senders",
             [svc](Call&, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailingService * m, svc());
               ASSIGN_OR_RETURN(std::vector<std::string> names, m->Senders(ctx));
               json placeholders = json::array();
               for (const std::string& n : MailingPlaceholders()) placeholders.push_back(n);
               return JsonResponse(200, {{"senders", names}, {"placeholders", placeholders}});
             });

  routes.Add("POST", "/api/v1/mailings",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailingService * m, svc());
               MailingInput in;
               json body;
               std::string_view ct = c.req.Header("Content-Type");
               if (absl::StartsWithIgnoreCase(ToAbsl(ct), "multipart/form-data")) {
                 // The mailing as JSON in the part "mailing", each file in a part "file".
                 auto parts = ParseMultipart(ct, c.req.body);
                 if (!parts.ok()) return FieldError("file", "invalid_value");
                 bool have_mailing = false;
                 for (const MultipartPart& p : *parts) {
                   if (p.name == "mailing") {
                     body = json::parse(p.data, nullptr, false);
                     if (body.is_discarded()) return CodedError(ErrorCode::kMalformedJson);
                     if (!body.is_object()) return FieldError("mailing", "invalid_type");
                     have_mailing = true;
                   } else if (p.name == "file") {
                     in.attachments.push_back({BaseName(p.filename), "", std::string(p.data)});
                   } else {
                     return FieldError(p.name, "unknown_field");
                   }
                 }
                 if (!have_mailing) return FieldError("mailing", "required");
               } else {
                 ASSIGN_OR_RETURN(body, ParseBody(c.req));
               }
               Issues issues;
               {
                 JsonIn j(body, issues);
                 in.subject = RequireString(j, "subject").value_or("");
                 in.body = RequireString(j, "body").value_or("");
                 if (auto v = j.Str("sender_name")) in.sender_name = *v;
                 if (const json* f = j.Obj("filter")) in.selection = ReadSelection(*f, issues);
                 RETURN_IF_ERROR(issues.ToStatus());
               }
               ASSIGN_OR_RETURN(MailingView v, m->Create(ctx, std::move(in), c.now));
               return JsonResponse(201, MailingJson(v, OutFor(ctx)));
             });

  routes.Get("/api/v1/mailings",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailingService * m, svc());
               Issues issues;
               int limit = 50;
               QueryLimit(c.req, issues, limit);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<MailingView> list, m->List(ctx, limit));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const MailingView& v : list) items.push_back(MailingJson(v, out));
               return JsonResponse(200, {{"items", items}});
             });

  routes.Get("/api/v1/mailings/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailingService * m, svc());
               ASSIGN_OR_RETURN(MailingId id, PathId<MailingId>(c.req, "id", ErrorCode::kNotFound));
               ASSIGN_OR_RETURN(MailingView v, m->Get(ctx, id));
               return JsonResponse(200, MailingJson(v, OutFor(ctx)));
             });

  routes.Get("/api/v1/mailings/{id}/recipients",
             [svc, base](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailingService * m, svc());
               ASSIGN_OR_RETURN(MailingId id, PathId<MailingId>(c.req, "id", ErrorCode::kNotFound));
               Issues issues;
               std::optional<RecipientStatus> status =
                   QueryEnum(c.req, "status", &ParseRecipientStatus, issues);
               int64_t after = QueryInt(c.req, "after", issues).value_or(0);
               int limit = 100;
               QueryLimit(c.req, issues, limit);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<MailingRecipient> list,
                                m->Recipients(ctx, id, status, after, limit));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const MailingRecipient& r : list)
                 items.push_back(RecipientJson(r, out, base()));
               json next =
                   list.size() == static_cast<size_t>(limit) ? json(list.back().id) : json(nullptr);
               return JsonResponse(200, {{"items", items}, {"next_after", next}});
             });

  routes.Get("/api/v1/parties/{id}/mailings",
             [svc, base](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(MailingService * m, svc());
               ASSIGN_OR_RETURN(PartyId id,
                                PathId<PartyId>(c.req, "id", ErrorCode::kPartyNotFound));
               ASSIGN_OR_RETURN(std::vector<MailingRecipient> list, m->PartyHistory(ctx, id, 200));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const MailingRecipient& r : list)
                 items.push_back(RecipientJson(r, out, base()));
               return JsonResponse(200, {{"items", items}});
             });

  // The link in every message: anyone holding it may stop the mailings to that
  // person (LGPD). GET only asks (mail scanners follow links), POST confirms.
  routes.AddPublic("GET", "/api/v1/mailings/unsubscribe/{token}",
                   [svc](Call& c) -> absl::StatusOr<HttpResponse> {
                     ASSIGN_OR_RETURN(MailingService * m, svc());
                     const std::string token = c.req.path_params.at("token");
                     ASSIGN_OR_RETURN(UnsubscribeView v, m->LookUpToken(token));
                     return Page(c.lang, Title(c.lang), AskText(c.lang, v),
                                 v.opted_out ? "" : token);
                   });
  routes.AddPublic("POST", "/api/v1/mailings/unsubscribe/{token}",
                   [svc](Call& c) -> absl::StatusOr<HttpResponse> {
                     ASSIGN_OR_RETURN(MailingService * m, svc());
                     const std::string token = c.req.path_params.at("token");
                     ASSIGN_OR_RETURN(UnsubscribeView v, m->Unsubscribe(token, c.now));
                     return Page(c.lang, Title(c.lang), AskText(c.lang, v), "");
                   });
}

}  // namespace retorno
