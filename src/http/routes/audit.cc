// The audit trail for administrators (ADR 0035): the filtered list, newest first with a
// keyset cursor, and its export as CSV, XLSX or PDF, streamed page by page like the
// follow-up list's (ADR 0031). Dates are the reader's days, `to` included.
#include "absl/strings/str_cat.h"
#include "app/exports/export_words.h"
#include "http/routes/export_stream.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

struct AuditWords {
  const char* title;
  const char* file;
  const char* at;
  const char* actor;
  const char* address;
  const char* entity;
  const char* entity_id;
  const char* action;
  const char* before;
  const char* after;
  const char* from;
  const char* to;
};

constexpr AuditWords kPtBr = {"Auditoria", "auditoria", "Data/hora", "Usuário",
                              "Endereço",  "Registro",  "Id",        "Ação",
                              "Antes",     "Depois",    "De",        "Até"};
constexpr AuditWords kEs = {"Auditoría", "auditoria", "Fecha/hora", "Usuario",
                            "Dirección", "Registro",  "Id",         "Acción",
                            "Antes",     "Después",   "Desde",      "Hasta"};
constexpr AuditWords kEn = {"Audit trail", "audit",  "Date/time", "User",  "Address", "Record",
                            "Id",          "Action", "Before",    "After", "From",    "To"};

const AuditWords& AuditWordsFor(Lang lang) {
  switch (lang) {
    case Lang::kEs:
      return kEs;
    case Lang::kEn:
      return kEn;
    default:
      return kPtBr;
  }
}

// The filters of the list and the export; a bad one is a field issue named after it.
audit::ListInput ReadAuditFilters(const HttpRequest& req, const AuthContext& ctx, Issues& issues) {
  audit::ListInput in;
  const absl::TimeZone zone = OutFor(ctx).zone;
  std::optional<absl::CivilDay> from = QueryDate(req, "from", issues);
  std::optional<absl::CivilDay> to = QueryDate(req, "to", issues);
  if (from && to && *from > *to) issues.Add("to", "before_from");
  if (from) in.filter.from = absl::FromCivil(*from, zone);
  if (to) in.filter.to = absl::FromCivil(*to + 1, zone);
  if (std::optional<int64_t> a = QueryInt(req, "actor_id", issues)) in.filter.actor_id = UserId(*a);
  if (std::optional<std::string> e = QueryValue(req, "entity", issues)) {
    if (!audit::IsEntity(*e))
      issues.Add("entity", "invalid_value");
    else
      in.filter.entity = *e;
  }
  if (std::optional<std::string> id = QueryValue(req, "entity_id", issues)) {
    if (id->size() > 100)
      issues.Add("entity_id", "too_long");
    else
      in.filter.entity_id = *id;
  }
  if (std::optional<std::string> a = QueryValue(req, "action", issues)) {
    if (!audit::ParseAction(*a))
      issues.Add("action", "invalid_value");
    else
      in.filter.action = *a;
  }
  return in;
}

json ParsedOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

json AuditItemJson(const AuditRecord& r, const Out& out) {
  return json{{"id", r.id},
              {"at", out.Instant(r.at)},
              {"actor_id", Nullable(OptId(r.actor_id))},
              {"actor_login", r.actor_login},
              {"client_ip", r.client_ip},
              {"user_agent", r.user_agent},
              {"entity", r.entity},
              {"entity_id", r.entity_id},
              {"action", r.action},
              {"before", ParsedOrNull(r.before_json)},
              {"after", ParsedOrNull(r.after_json)}};
}

}  // namespace

void RegisterAuditRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  routes.Get(
      "/api/v1/audit", [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        RETURN_IF_ERROR(RequireAdmin(ctx));
        Issues issues;
        audit::ListInput in = ReadAuditFilters(c.req, ctx, issues);
        if (std::optional<std::string> cur = QueryValue(c.req, "cursor", issues)) in.cursor = *cur;
        QueryLimit(c.req, issues, in.limit);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(audit::Page page, svc.audit.List(ctx, in));
        const Out out = OutFor(ctx);
        json items = json::array();
        for (const AuditRecord& r : page.items) items.push_back(AuditItemJson(r, out));
        return JsonResponse(
            200,
            {{"items", items},
             {"next_cursor", page.next_cursor.empty() ? json(nullptr) : json(page.next_cursor)}});
      });
}

// Registered by the exports (exports.cc), so that the trail's exports count against the
// same limit of exports at once as the lists' and the reports'.
void RegisterAuditExportRoutes(Routes& routes, std::shared_ptr<ExportRuns> runs) {
  const ApiServices& svc = routes.services();
  routes.Get(
      "/api/v1/audit/export",
      [svc, runs](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        RETURN_IF_ERROR(RequireAdmin(ctx));
        Issues issues;
        std::optional<ExportFormat> format = ReadFormat(c.req, issues);
        audit::ListInput in = ReadAuditFilters(c.req, ctx, issues);
        RefuseUnknownParameters(c.req, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        in.limit = 200;
        ASSIGN_OR_RETURN(audit::Page first, svc.audit.List(ctx, in));
        ASSIGN_OR_RETURN(Settings settings, svc.accounts.GetSettings());
        const AuditWords& w = AuditWordsFor(c.lang);
        const Out out = OutFor(ctx);
        ExportHead head;
        head.company = settings.company_name;
        head.title = w.title;
        head.page_of = ExportWordsFor(LangTag(c.lang)).page_of;
        head.page = ExportWordsFor(LangTag(c.lang)).page;
        head.made_at = absl::ToCivilMinute(c.now, out.zone);
        head.columns = {w.at,        w.actor,  w.address, w.entity,
                        w.entity_id, w.action, w.before,  w.after};
        head.widths = {1.2, 1.0, 1.0, 0.9, 0.5, 0.8, 3.0, 3.0};
        if (in.filter.from)
          head.filters.emplace_back(
              w.from, CellText(ExportCell::Date(absl::ToCivilDay(*in.filter.from, out.zone)),
                               LocaleOf(c.lang)));
        if (in.filter.to)
          head.filters.emplace_back(
              w.to, CellText(ExportCell::Date(absl::ToCivilDay(*in.filter.to, out.zone) - 1),
                             LocaleOf(c.lang)));
        if (in.filter.entity) head.filters.emplace_back(w.entity, *in.filter.entity);
        if (in.filter.entity_id) head.filters.emplace_back(w.entity_id, *in.filter.entity_id);
        if (in.filter.action) head.filters.emplace_back(w.action, *in.filter.action);
        if (in.filter.actor_id)
          head.filters.emplace_back(w.actor, absl::StrCat("#", in.filter.actor_id->value));

        auto stream = std::make_shared<ResponseStream>("");
        const bool started = runs->TryStart([svc, runs = runs.get(), stream, format = *format,
                                             lang = c.lang, head = std::move(head), ctx, in,
                                             zone = out.zone, first = std::move(first)]() mutable {
          Produce(svc, *runs, stream, format, lang, head,
                  [&](const std::function<absl::Status(const ExportRow&)>& write) -> absl::Status {
                    audit::Page page = std::move(first);
                    while (true) {
                      for (const AuditRecord& r : page.items) {
                        RETURN_IF_ERROR(write({
                            ExportCell::DateTime(absl::ToCivilMinute(r.at, zone)),
                            ExportCell::Text(r.actor_login),
                            ExportCell::Text(r.client_ip),
                            ExportCell::Text(r.entity),
                            ExportCell::Text(r.entity_id),
                            ExportCell::Text(r.action),
                            ExportCell::Text(r.before_json),
                            ExportCell::Text(r.after_json),
                        }));
                      }
                      if (page.next_cursor.empty()) return absl::OkStatus();
                      in.cursor = page.next_cursor;
                      ASSIGN_OR_RETURN(page, svc.audit.List(ctx, in));
                    }
                  });
        });
        if (!started) return CodedError(ErrorCode::kExportsBusy);
        return StreamResponse(*format, w.file, absl::ToCivilDay(c.now, out.zone), stream);
      });
}

}  // namespace retorno
