// The manager reports (ADR 0032): unattended follow-ups (manual 004) and CRM actions
// (manual 000), read-only, in the viewer's zone and visibility.
#include "app/reports/reports.h"

#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

std::optional<ActionKind> ParseActionKind(std::string_view s) {
  if (s == "return") return ActionKind::kReturn;
  if (s == "entry") return ActionKind::kEntry;
  return std::nullopt;
}

const char* KindName(ActionKind k) { return k == ActionKind::kEntry ? "entry" : "return"; }

void WriteCounts(JsonWriter& w, const char* key, const std::vector<ReportCount>& counts) {
  w.Key(key).Array([&] {
    for (const ReportCount& c : counts)
      w.Object([&] {
        w.Field("id", c.id);
        w.Field("name", c.name);
        w.Field("count", c.count);
      });
  });
}

}  // namespace

void RegisterReportRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  routes.Get("/api/v1/reports/unattended",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               UnattendedInput in;
               if (auto v = QueryInt(c.req, "owner_id", issues)) in.owner_id = UserId(*v);
               if (auto v = QueryInt(c.req, "branch_id", issues)) in.branch_id = BranchId(*v);
               if (auto v = QueryInt(c.req, "party_id", issues)) in.party_id = PartyId(*v);
               if (auto v = QueryValue(c.req, "category", issues)) in.category = *v;
               in.priority = QueryEnum<Priority>(c.req, "priority", &ParsePriority, issues);
               in.from = QueryDate(c.req, "from", issues);
               in.to = QueryDate(c.req, "to", issues);
               if (in.from && in.to && *in.from > *in.to) issues.Add("to", "before_from");
               QueryLimit(c.req, issues, in.limit);
               in.cursor = QueryValue(c.req, "cursor", issues).value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(UnattendedResult r, svc.reports.Unattended(ctx, in, c.now));
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Field("today", FormatDate(r.today));
                   w.Key("items").Array([&] {
                     for (const UnattendedItem& i : r.items)
                       w.Object([&] {
                         w.Field("followup_id", i.row.followup_id.value);
                         w.Field("subject", i.row.subject);
                         w.Field("party_id", i.row.party_id.value);
                         w.Field("party_name", i.row.party_name);
                         w.Field("owner_id", i.row.owner_id.value);
                         w.Field("owner_name", i.row.owner_name);
                         w.Field("branch_id", OptId(i.row.branch_id));
                         w.Field("branch_name", i.row.branch_name);
                         w.Field("category", i.row.category);
                         w.Field("priority", ToString(i.row.priority));
                         w.Field("due_date", FormatDate(i.row.due_date));
                         w.Field("days_late", i.days_late);
                         w.Field("bucket", LateBucketName(i.bucket));
                       });
                   });
                   WriteCursor(w, r.next_cursor);
                   w.Field("total", r.total);
                   w.Key("per_bucket").Array([&] {
                     for (int b = 0; b < kLateBuckets; ++b)
                       w.Object([&] {
                         w.Field("bucket", LateBucketName(static_cast<LateBucket>(b)));
                         w.Field("count", r.per_bucket[b]);
                       });
                   });
                   WriteCounts(w, "per_owner", r.per_owner);
                   WriteCounts(w, "per_branch", r.per_branch);
                 });
               });
             });
  routes.Get("/api/v1/reports/actions",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               Issues issues;
               ActionsInput in;
               in.from = QueryDate(c.req, "from", issues);
               in.to = QueryDate(c.req, "to", issues);
               if (in.from && in.to && *in.from > *in.to) issues.Add("to", "before_from");
               if (auto v = QueryInt(c.req, "user_id", issues)) in.user_id = UserId(*v);
               if (auto v = QueryInt(c.req, "branch_id", issues)) in.branch_id = BranchId(*v);
               if (auto v = QueryValue(c.req, "category", issues)) in.category = *v;
               if (auto v = QueryValue(c.req, "contact_type", issues)) in.contact_type = *v;
               if (auto v = QueryValue(c.req, "resolution", issues)) in.resolution = *v;
               in.kind = QueryEnum<ActionKind>(c.req, "kind", &ParseActionKind, issues);
               QueryLimit(c.req, issues, in.limit);
               in.cursor = QueryValue(c.req, "cursor", issues).value_or("");
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(ActionsResult r, svc.reports.Actions(ctx, in, c.now));
               const Out out = OutFor(ctx);
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Field("from", FormatDate(r.from));
                   w.Field("to", FormatDate(r.to));
                   w.Key("items").Array([&] {
                     for (const ActionRow& i : r.items)
                       w.Object([&] {
                         w.Field("kind", KindName(i.kind));
                         w.Field("id", i.id);
                         w.Field("at", out.Instant(i.at));
                         w.Field("followup_id", i.followup_id.value);
                         w.Field("subject", i.subject);
                         w.Field("party_name", i.party_name);
                         w.Field("user_id", i.user_id.value);
                         w.Field("user_name", i.user_name);
                         w.Field("branch_id", OptId(i.branch_id));
                         w.Field("branch_name", i.branch_name);
                         w.Field("category", i.category);
                         w.Field("contact_type", i.contact_type);
                         w.Field("resolution", i.resolution);
                         w.Field("entry_kind", i.entry_kind);
                         w.Field("result", i.result);
                       });
                   });
                   WriteCursor(w, r.next_cursor);
                   w.Key("totals").Object([&] {
                     w.Field("returns", r.returns);
                     w.Field("entries", r.entries);
                   });
                   w.Key("per_user").Array([&] {
                     for (const ActionCount& u : r.per_user)
                       w.Object([&] {
                         w.Field("user_id", u.key);
                         w.Field("name", u.name);
                         w.Field("returns", u.returns);
                         w.Field("entries", u.entries);
                       });
                   });
                   w.Key("per_day").Array([&] {
                     for (const ActionsDay& d : r.per_day)
                       w.Object([&] {
                         w.Field("day", FormatDate(d.day));
                         w.Field("returns", d.returns);
                         w.Field("entries", d.entries);
                       });
                   });
                 });
               });
             });
}

}  // namespace retorno
