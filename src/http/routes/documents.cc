// The catalogue, sales documents and the CSV imports (of documents, manual 002; of
// customers and contacts, manual 003).
#include "absl/strings/str_cat.h"
#include "app/parties/party_imports.h"
#include "base/strings.h"
#include "domain/sales_flow.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

json CatalogItemJson(const CatalogItem& i) {
  return {{"id", i.id.value},
          {"code", i.code},
          {"kind", ToString(i.kind)},
          {"name", i.name},
          {"active", i.active},
          {"followup_days", i.followup_days ? json(*i.followup_days) : json(nullptr)},
          {"followup",
           {{"subject", i.followup.subject},
            {"category", i.followup.category},
            {"type", i.followup.type},
            {"message", i.followup.message}}}};
}

void WriteDocument(JsonWriter& w, const SalesDocument& d, const Party& party,
                   const std::vector<FollowupListItem>& followups, bool can_change,
                   const Out& out) {
  w.Object([&] {
    w.Field("id", d.id.value);
    w.Field("kind", ToString(d.kind));
    w.Field("number", d.number);
    WritePartyRef(w.Key("party"), party);
    w.Field("branch_id", OptId(d.branch_id));
    w.Field("owner_id", OptId(d.owner_id));
    w.Field("date", FormatDate(d.date));
    w.Field("status", ToString(d.status));
    w.Field("completed_on", OptDate(d.completed_on));
    // Amounts in the currency's minor units, totals computed (ADR 0042).
    const DocumentTotals totals = TotalsOf(d);
    w.Key("items").Array([&] {
      for (size_t i = 0; i < d.items.size(); ++i) {
        const DocumentItem& it = d.items[i];
        w.Object([&] {
          w.Field("position", it.position);
          w.Field("item_id", OptId(it.item_id));
          w.Field("item_code", it.item_code);
          w.Field("description", it.description);
          w.Field("quantity", it.quantity);
          w.Field("unit_price", it.unit_price);
          w.Field("discount_percent", it.discount_bp / 100.0);
          w.Field("total", totals.lines[i].total);
        });
      }
    });
    w.Field("followup_id", OptId(d.followup_id));
    w.Field("origin_id", OptId(d.origin_id));
    w.Field("billing", ToString(d.billing));
    w.Field("currency", d.currency);
    w.Field("subtotal", totals.subtotal);
    w.Field("discount", d.discount);
    w.Field("total", totals.total);
    w.Field("version", d.version);
    w.Field("can_change", can_change);
    w.Field("created_at", out.Instant(d.created_at));
    w.Field("updated_at", out.Instant(d.updated_at));
    // A sale's follow-ups, newest first (manual 004); the store gives them oldest first.
    w.Key("followups").Array([&] {
      for (auto it = followups.rbegin(); it != followups.rend(); ++it) {
        const FollowupListItem& f = *it;
        w.Object([&] {
          w.Field("id", f.row.followup.id.value);
          w.Field("subject", f.row.followup.subject);
          w.Field("origin", f.row.followup.origin);
          w.Field("owner_id", f.row.followup.owner_id.value);
          w.Field("status", ToString(f.row.followup.status));
          w.Field("state", ToString(f.state.state));
          w.Field("days_late", f.state.days_late);
          w.Field("next_due_date", OptDate(f.row.followup.next_due_date));
        });
      }
    });
  });
}

json ImportJson(const ImportRun& r, const Out& out, Lang lang) {
  // An import of customers keeps its counters in the document ones (kPartyImportKind).
  const bool parties = r.kind == kPartyImportKind;
  json errors = json::array();
  for (const ImportError& e : r.errors)
    errors.push_back(
        {{"line", e.line}, {"field", e.field}, {"code", e.key}, {"message", Message(e.key, lang)}});
  return {{"id", r.id},
          {"kind", r.kind},
          {"file_name", r.file_name},
          {"status", ToString(r.status)},
          {"total_lines", r.total_lines},
          {"processed_lines", r.processed_lines},
          {"documents_created", parties ? 0 : r.documents_created},
          {"documents_updated", parties ? 0 : r.documents_updated},
          {"documents_unchanged", parties ? 0 : r.documents_unchanged},
          {"followups_created", parties ? 0 : r.followups_created},
          {"parties_created", parties ? r.documents_created : 0},
          {"parties_updated", parties ? r.documents_updated : 0},
          {"parties_unchanged", parties ? r.documents_unchanged : 0},
          {"contacts_created", parties ? r.followups_created : 0},
          {"error_lines", r.error_lines},
          {"errors", std::move(errors)},
          {"created_at", out.Instant(r.created_at)},
          {"finished_at", r.finished_at ? json(out.Instant(*r.finished_at)) : json(nullptr)}};
}
HttpResponse DocumentResponse(int status, const DocumentView& v, const Out& out) {
  return WrittenResponse(status, [&](JsonWriter& w) {
    WriteDocument(w, v.document, v.party, v.followups, v.can_change, out);
  });
}

}  // namespace

void RegisterDocumentRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- Catalogue.
  auto read_catalog = [](const json& body, Issues& issues) {
    JsonIn in(body, issues);
    in.NotNull({"code", "kind", "name", "active", "followup"});
    CatalogInput c;
    c.code = in.Str("code");
    c.kind = ReadEnum<CatalogKind>(in, "kind", &ParseCatalogKind);
    c.name = in.Str("name");
    c.active = in.Bool("active");
    if (in.IsNull("followup_days"))
      c.followup_days = std::optional<int>();
    else if (auto d = in.Int("followup_days"))
      c.followup_days = static_cast<int>(std::clamp<int64_t>(*d, -1, 100000));
    if (const json* t = in.Obj("followup")) {
      JsonIn tin(*t, issues, "followup.");
      tin.NotNull({"subject", "category", "type", "message"});
      c.followup =
          FollowupTemplate{tin.Str("subject").value_or(""), tin.Str("category").value_or(""),
                           tin.Str("type").value_or(""), tin.Str("message").value_or("")};
    }
    return c;
  };
  routes.Add("GET", "/api/v1/catalog",
             [svc](Call& c, const AuthContext&) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               std::optional<CatalogKind> kind =
                   QueryEnum<CatalogKind>(c.req, "kind", &ParseCatalogKind, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(std::vector<CatalogItem> items,
                                svc.catalog.Search(c.req.Query("q").value_or(""), kind, 500));
               json out = json::array();
               for (const CatalogItem& i : items) out.push_back(CatalogItemJson(i));
               return JsonResponse(200, {{"items", out}});
             });
  routes.Add("POST", "/api/v1/catalog",
             [svc, read_catalog](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               CatalogInput in = read_catalog(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(CatalogItem item, svc.catalog.Create(ctx, in, c.now));
               return JsonResponse(201, CatalogItemJson(item));
             });
  routes.Add("PATCH", "/api/v1/catalog/{id}",
             [svc, read_catalog](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(
                   CatalogItemId id,
                   PathId<CatalogItemId>(c.req, "id", ErrorCode::kCatalogItemNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               CatalogInput in = read_catalog(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(CatalogItem item, svc.catalog.Update(ctx, id, in, c.now));
               return JsonResponse(200, CatalogItemJson(item));
             });

  auto read_document = [](const json& body, Issues& issues) {
    JsonIn in(body, issues);
    in.NotNull({"kind", "number", "party_code", "date", "status", "items"});
    DocumentInput d;
    d.kind = ReadEnum<DocumentKind>(in, "kind", &ParseDocumentKind);
    d.number = in.Str("number").value_or("");
    if (auto v = in.Int("party_id")) d.party_id = PartyId(*v);
    d.party_code = in.Str("party_code").value_or("");
    d.date = in.Date("date");
    d.status = ReadEnum<DocumentStatus>(in, "status", &ParseDocumentStatus);
    d.completed_on = in.Date("completed_on");
    if (auto v = in.Int("owner_id")) d.owner_id = UserId(*v);
    if (const json* items = in.Arr("items")) {
      for (size_t i = 0; i < items->size(); ++i) {
        const std::string prefix = absl::StrCat("items[", i, "].");
        JsonIn iin((*items)[i], issues, prefix);
        iin.NotNull({"item_code", "description"});
        DocumentItemInput it;
        it.item_code = iin.Str("item_code").value_or("");
        it.description = iin.Str("description").value_or("");
        if (const json* q = iin.Raw("quantity")) {
          if (q->is_number())
            it.quantity = q->get<double>();
          else
            issues.Add(prefix + "quantity", "invalid_number");
        }
        d.items.push_back(std::move(it));
      }
    }
    return d;
  };
  routes.Add("GET", "/api/v1/documents",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               DocumentListInput in;
               in.text = c.req.Query("q").value_or("");
               in.kind = QueryEnum<DocumentKind>(c.req, "kind", &ParseDocumentKind, issues);
               if (auto p = QueryInt(c.req, "party_id", issues)) in.party_id = PartyId(*p);
               QueryLimit(c.req, issues, in.limit);
               in.cursor = QueryValue(c.req, "cursor", issues).value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(DocumentList list, svc.documents.List(ctx, in));
               Out out = OutFor(ctx);
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Key("items").Array([&] {
                     for (const DocumentListItem& i : list.items)
                       WriteDocument(w, i.row.document, i.row.party, {}, i.can_change, out);
                   });
                   WriteCursor(w, list.next_cursor);
                 });
               });
             });
  routes.Add("GET", "/api/v1/documents/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(DocumentId id,
                                PathId<DocumentId>(c.req, "id", ErrorCode::kDocumentNotFound));
               ASSIGN_OR_RETURN(DocumentView v, svc.documents.Get(ctx, id, c.now));
               HttpResponse r = DocumentResponse(200, v, OutFor(ctx));
               r.headers.emplace_back("ETag", ETagOf(v.document.version));
               return r;
             });
  routes.Add("POST", "/api/v1/documents",
             [svc, read_document](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               DocumentInput in = read_document(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(DocumentView v, svc.documents.Create(ctx, in, c.now));
               HttpResponse r = DocumentResponse(201, v, OutFor(ctx));
               r.headers.emplace_back("Location",
                                      absl::StrCat("/api/v1/documents/", v.document.id.value));
               return r;
             });
  routes.Add("PUT", "/api/v1/documents/{id}",
             [svc, read_document](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(DocumentId id,
                                PathId<DocumentId>(c.req, "id", ErrorCode::kDocumentNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               DocumentInput in = read_document(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(in.expected_version, IfMatchVersion(c.req));
               ASSIGN_OR_RETURN(DocumentView v, svc.documents.Replace(ctx, id, in, c.now));
               HttpResponse r = DocumentResponse(200, v, OutFor(ctx));
               r.headers.emplace_back("ETag", ETagOf(v.document.version));
               return r;
             });
  routes.Add("POST", "/api/v1/documents/{id}/cancel",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(DocumentId id,
                                PathId<DocumentId>(c.req, "id", ErrorCode::kDocumentNotFound));
               ASSIGN_OR_RETURN(DocumentView v, svc.documents.Cancel(ctx, id, c.now));
               return DocumentResponse(200, v, OutFor(ctx));
             },
             {.body = Body::kNone});
  // ---- Documents made from a follow-up and reopen requests (ADR 0042).
  routes.Add(
      "POST", "/api/v1/followups/{id}/documents",
      [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(FollowupId id,
                         PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        FollowupDocumentInput in;
        {
          JsonIn jin(body, issues);
          jin.NotNull({"kind", "items", "discount"});
          in.kind = ReadEnum<DocumentKind>(jin, "kind", &ParseDocumentKind);
          in.discount = jin.Int("discount");
          if (const json* items = jin.Arr("items")) {
            for (size_t i = 0; i < items->size(); ++i) {
              const std::string prefix = absl::StrCat("items[", i, "].");
              JsonIn iin((*items)[i], issues, prefix);
              iin.NotNull({"item_code", "description", "unit_price"});
              FollowupDocumentLine line;
              line.item_code = iin.Str("item_code").value_or("");
              line.description = iin.Str("description").value_or("");
              line.unit_price = iin.Int("unit_price");
              for (const char* key : {"quantity", "discount_percent"}) {
                const json* v = iin.Raw(key);
                if (!v || v->is_null()) continue;
                if (!v->is_number()) {
                  issues.Add(prefix + key, "invalid_number");
                  continue;
                }
                (std::string_view(key) == "quantity" ? line.quantity : line.discount_percent) =
                    v->get<double>();
              }
              in.items.push_back(std::move(line));
            }
          }
        }
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(DocumentView v, svc.followup_sales.Create(ctx, id, in, c.now));
        HttpResponse r = DocumentResponse(201, v, OutFor(ctx));
        r.headers.emplace_back("Location", absl::StrCat("/api/v1/documents/", v.document.id.value));
        return r;
      });
  routes.Add("GET", "/api/v1/followups/{id}/documents",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(FollowupDocuments docs,
                                svc.followup_sales.ListForFollowup(ctx, id));
               Out out = OutFor(ctx);
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Key("items").Array([&] {
                     for (const PricedDocument& d : docs.items)
                       WriteDocument(w, d.document, d.party, {}, d.can_change, out);
                   });
                   w.Field("can_make", docs.can_make);
                 });
               });
             });
  routes.Add("POST", "/api/v1/documents/{id}/convert",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(DocumentId id,
                                PathId<DocumentId>(c.req, "id", ErrorCode::kDocumentNotFound));
               ASSIGN_OR_RETURN(DocumentView v, svc.followup_sales.Convert(ctx, id, c.now));
               HttpResponse r = DocumentResponse(201, v, OutFor(ctx));
               r.headers.emplace_back("Location",
                                      absl::StrCat("/api/v1/documents/", v.document.id.value));
               return r;
             },
             {.body = Body::kNone});
  auto request_json = [](const ReopenRequest& r, const Out& out) {
    return json{{"id", r.id},
                {"followup_id", r.followup_id.value},
                {"requested_by", r.requested_by.value},
                {"reason", r.reason},
                {"status", ToString(r.status)},
                {"decided_by", r.decided_by ? json(r.decided_by->value) : json(nullptr)},
                {"decided_at", r.decided_at ? json(out.Instant(*r.decided_at)) : json(nullptr)},
                {"answer", r.answer},
                {"created_at", out.Instant(r.created_at)}};
  };
  routes.Add("POST", "/api/v1/followups/{id}/reopen-requests",
             [svc, request_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               std::string reason;
               {
                 JsonIn in(body, issues);
                 reason = in.Str("reason").value_or("");
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(ReopenRequest r,
                                svc.followup_sales.RequestReopen(ctx, id, reason, c.now));
               return JsonResponse(201, request_json(r, OutFor(ctx)));
             });
  routes.Add("POST", "/api/v1/reopen-requests/{id}/approve",
             [svc, request_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(int64_t id,
                                PathInt(c.req, "id", ErrorCode::kReopenRequestNotFound));
               ASSIGN_OR_RETURN(ReopenRequest r, svc.followup_sales.ApproveReopen(ctx, id, c.now));
               return JsonResponse(200, request_json(r, OutFor(ctx)));
             },
             {.body = Body::kNone});
  routes.Add(
      "POST", "/api/v1/reopen-requests/{id}/refuse",
      [svc, request_json](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", ErrorCode::kReopenRequestNotFound));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        std::string answer;
        {
          JsonIn in(body, issues);
          answer = in.Str("answer").value_or("");
        }
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(ReopenRequest r, svc.followup_sales.RefuseReopen(ctx, id, answer, c.now));
        return JsonResponse(200, request_json(r, OutFor(ctx)));
      });
  routes.Add("POST", "/api/v1/imports/documents",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               std::string name = std::string(c.req.Header("X-File-Name"));
               if (std::optional<std::string> decoded = PercentDecode(name, false)) name = *decoded;
               name = SafeFileName(name);
               ASSIGN_OR_RETURN(ImportRun run, svc.imports.Enqueue(ctx, name, c.req.body, c.now));
               HttpResponse r = JsonResponse(202, ImportJson(run, OutFor(ctx), c.lang));
               r.headers.emplace_back("Location", absl::StrCat("/api/v1/imports/", run.id));
               return r;
             });
  // Customers and contacts (ADR 0046): the same file handling, progress and reading.
  routes.Add("POST", "/api/v1/imports/parties",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               PartyImportService* imports = svc.party_imports;
               if (imports == nullptr) return absl::UnavailableError("party imports");
               std::string name = std::string(c.req.Header("X-File-Name"));
               if (std::optional<std::string> decoded = PercentDecode(name, false)) name = *decoded;
               name = SafeFileName(name);
               ASSIGN_OR_RETURN(ImportRun run, imports->Enqueue(ctx, name, c.req.body, c.now));
               HttpResponse r = JsonResponse(202, ImportJson(run, OutFor(ctx), c.lang));
               r.headers.emplace_back("Location", absl::StrCat("/api/v1/imports/", run.id));
               return r;
             });
  routes.Add("GET", "/api/v1/imports",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(std::vector<ImportRun> runs, svc.imports.List(ctx, 20));
               json items = json::array();
               Out out = OutFor(ctx);
               for (const ImportRun& r : runs) items.push_back(ImportJson(r, out, c.lang));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("GET", "/api/v1/imports/{id}",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", ErrorCode::kImportNotFound));
               ASSIGN_OR_RETURN(ImportRun run, svc.imports.Get(ctx, id));
               return JsonResponse(200, ImportJson(run, OutFor(ctx), c.lang));
             });
}

}  // namespace retorno
