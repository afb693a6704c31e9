// A person's data (LGPD art. 18, ADR 0035), for administrators: the export of
// everything held about a party as one JSON file (attachments in base64), and the
// irreversible anonymisation of the party or of one of its contact persons, confirmed
// by typing the name.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "http/routes/export_stream.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

absl::StatusOr<HttpResponse> AnonymiseReply(const AnonymiseResult& r, const Out& out) {
  JsonWriter w;
  WriteParty(w, r.party, out);
  json party = json::parse(w.Take(), nullptr, false);
  HttpResponse resp = JsonResponse(200, {{"party", party},
                                         {"followups", r.followups},
                                         {"entries_rewritten", r.entries_rewritten},
                                         {"emails_rewritten", r.emails_rewritten},
                                         {"attachments_deleted", r.attachments_deleted}});
  return resp;
}

absl::StatusOr<std::string> ReadConfirm(const HttpRequest& req) {
  ASSIGN_OR_RETURN(json body, ParseBody(req));
  Issues issues;
  JsonIn in(body, issues);
  std::optional<std::string> confirm = RequireString(in, "confirm");
  RETURN_IF_ERROR(issues.ToStatus());
  return confirm.value_or("");
}

}  // namespace

void RegisterPrivacyRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();

  routes.Get("/api/v1/parties/{id}/personal-data",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(PartyId id,
                                PathId<PartyId>(c.req, "id", ErrorCode::kPartyNotFound));
               // Refused before the export runs: the export is recorded in the trail.
               Issues issues;
               RefuseUnknownParameters(c.req, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(json data, svc.privacy.Export(ctx, id, c.now));
               HttpResponse r = JsonResponse(200, data);
               r.headers.emplace_back(
                   "Content-Disposition",
                   absl::StrCat("attachment; filename=\"dados-pessoais-", id.value, ".json\""));
               r.headers.emplace_back("Cache-Control", "no-store");
               return r;
             });

  routes.Add(
      "POST", "/api/v1/parties/{id}/anonymise",
      [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(PartyId id, PathId<PartyId>(c.req, "id", ErrorCode::kPartyNotFound));
        ASSIGN_OR_RETURN(std::string confirm, ReadConfirm(c.req));
        ASSIGN_OR_RETURN(
            AnonymiseResult r,
            svc.privacy.Anonymise(ctx, AnonymiseInput{.party = id, .confirm = confirm}, c.now));
        return AnonymiseReply(r, OutFor(ctx));
      });

  routes.Add("POST", "/api/v1/parties/{id}/contacts/{position}/anonymise",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(PartyId id,
                                PathId<PartyId>(c.req, "id", ErrorCode::kPartyNotFound));
               ASSIGN_OR_RETURN(int64_t position, PathInt(c.req, "position", ErrorCode::kNotFound));
               ASSIGN_OR_RETURN(std::string confirm, ReadConfirm(c.req));
               AnonymiseInput in{.party = id,
                                 .contact = static_cast<int>(std::min<int64_t>(position, 1000)),
                                 .confirm = confirm};
               ASSIGN_OR_RETURN(AnonymiseResult r, svc.privacy.Anonymise(ctx, in, c.now));
               return AnonymiseReply(r, OutFor(ctx));
             });
}

}  // namespace retorno
