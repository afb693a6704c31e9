// Parties: customers, suppliers and prospects.
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

HttpResponse PartyResponse(int status, const Party& p, const Out& out) {
  HttpResponse r = WrittenResponse(status, [&](JsonWriter& w) { WriteParty(w, p, out); });
  r.headers.emplace_back("ETag", ETagOf(p.version));
  return r;
}

}  // namespace

void RegisterPartyRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- Parties.
  routes.Add("POST", "/api/v1/parties",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"code", "kind", "name", "email", "phone", "whatsapp", "contacts"});
               Party p;
               p.code = in.Str("code").value_or("");
               p.kind =
                   ReadEnum<PartyKind>(in, "kind", &ParsePartyKind).value_or(PartyKind::kCustomer);
               p.name = in.Str("name").value_or("");
               p.email = in.Str("email").value_or("");
               p.phone = in.Str("phone").value_or("");
               p.whatsapp = in.Str("whatsapp").value_or("");
               p.tax_id = in.Str("tax_id").value_or("");
               p.birthday = in.Date("birthday");
               if (auto v = in.Int("branch_id")) p.branch_id = BranchId(*v);
               if (auto v = in.Int("owner_id")) p.owner_id = UserId(*v);
               p.contacts = ReadContacts(in, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(p, svc.parties.Create(ctx, std::move(p), c.now));
               return PartyResponse(201, p, OutFor(ctx));
             });
  routes.Add("GET", "/api/v1/parties",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               std::optional<PartyKind> kind =
                   QueryEnum<PartyKind>(c.req, "kind", &ParsePartyKind, issues);
               int limit = 50;
               QueryLimit(c.req, issues, limit);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<Party> parties,
                                svc.parties.Search(c.req.Query("q").value_or(""), kind, limit));
               Out out = OutFor(ctx);
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Key("items").Array([&] {
                     for (const Party& p : parties) WriteParty(w, p, out);
                   });
                 });
               });
             });
  routes.Add("GET", "/api/v1/parties/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(PartyId id,
                                PathId<PartyId>(c.req, "id", ErrorCode::kPartyNotFound));
               ASSIGN_OR_RETURN(Party p, svc.parties.Get(id));
               return PartyResponse(200, p, OutFor(ctx));
             });
  routes.Add("PATCH", "/api/v1/parties/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(PartyId id,
                                PathId<PartyId>(c.req, "id", ErrorCode::kPartyNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"code", "kind", "name", "email", "phone", "whatsapp", "contacts"});
               PartyPatch patch;
               patch.code = in.Str("code");
               patch.kind = ReadEnum<PartyKind>(in, "kind", &ParsePartyKind);
               patch.name = in.Str("name");
               patch.email = in.Str("email");
               patch.phone = in.Str("phone");
               patch.whatsapp = in.Str("whatsapp");
               patch.tax_id = in.Str("tax_id");
               if (in.Has("birthday")) patch.birthday = in.Date("birthday");
               if (in.Has("branch_id")) {
                 patch.branch_id.emplace();
                 if (auto v = in.Int("branch_id")) *patch.branch_id = BranchId(*v);
               }
               if (in.Has("owner_id")) {
                 patch.owner_id.emplace();
                 if (auto v = in.Int("owner_id")) *patch.owner_id = UserId(*v);
               }
               if (in.Has("contacts")) patch.contacts = ReadContacts(in, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(patch.expected_version, IfMatchVersion(c.req));
               ASSIGN_OR_RETURN(Party p, svc.parties.Update(ctx, id, patch, c.now));
               return PartyResponse(200, p, OutFor(ctx));
             });
}

}  // namespace retorno
