// Bulk changes with a reason (ADR 0034): POST /api/v1/followups/bulk reassigns, moves
// or closes the follow-ups given by id or selected by the follow-up list's filters.
#include "app/bulk/bulk.h"

#include "absl/strings/str_cat.h"
#include "http/routes/list_filters.h"
#include "http/routes/routes.h"

namespace retorno {

namespace {

using json = nlohmann::json;

// The filter object read exactly as the list reads its query string: each member is a
// query parameter of GET /api/v1/followups (strings, numbers as their text), its issues
// named "filter.<parameter>".
std::optional<FollowupListInput> ReadFilter(const json& j, Issues& issues) {
  if (!j.is_object()) {
    issues.Add("filter", "invalid_type");
    return std::nullopt;
  }
  HttpRequest req;
  for (const auto& [key, value] : j.items()) {
    if (value.is_string())
      req.query.emplace_back(key, value.get<std::string>());
    else if (value.is_number_integer())
      req.query.emplace_back(key, std::to_string(value.get<int64_t>()));
    else
      issues.Add("filter." + key, "invalid_type");
  }
  Issues inner;
  FollowupListInput out = ReadFollowupFilters(req, inner);
  for (const FieldIssue& i : inner.items()) issues.Add("filter." + i.field, i.key);
  for (const std::string& name : req.UnreadQueryNames())
    issues.Add("filter." + name, "unknown_parameter");
  return out;
}

std::optional<std::vector<FollowupId>> ReadIds(const json& arr, Issues& issues) {
  std::vector<FollowupId> ids;
  ids.reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_number_integer() || arr[i].get<int64_t>() <= 0) {
      issues.Add(absl::StrCat("ids[", i, "]"), "invalid_id");
      continue;
    }
    ids.push_back(FollowupId(arr[i].get<int64_t>()));
  }
  return ids;
}

}  // namespace

void RegisterBulkRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  routes.Add("POST", "/api/v1/followups/bulk",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               BulkInput bi;
               {
                 JsonIn in(body, issues);
                 in.NotNull({"dry_run", "all_or_nothing", "next_business_day", "result"});
                 bi.action = ReadEnum<BulkAction>(in, "action", &ParseBulkAction);
                 bi.reason = in.Str("reason").value_or("");
                 if (const json* ids = in.Arr("ids")) bi.ids = ReadIds(*ids, issues);
                 if (const json* f = in.Raw("filter")) bi.filter = ReadFilter(*f, issues);
                 if (auto v = in.Int("to_user_id")) bi.to_user_id = UserId(*v);
                 bi.to_date = in.Date("to_date");
                 bi.next_business_day = in.Bool("next_business_day").value_or(false);
                 bi.result = in.Str("result").value_or("");
                 bi.dry_run = in.Bool("dry_run").value_or(false);
                 bi.all_or_nothing = in.Bool("all_or_nothing").value_or(false);
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(BulkResult r, svc.bulk.Apply(ctx, bi, c.now));
               const int max_items = svc.bulk.options().max_items;
               return WrittenResponse(200, [&](JsonWriter& w) {
                 w.Object([&] {
                   w.Field("applied", r.applied);
                   w.Field("accepted", r.accepted);
                   w.Field("selected", r.selected);
                   w.Field("capped", r.capped);
                   w.Field("max_items", max_items);
                   w.Field("dry_run", r.dry_run);
                   w.Key("refused").Array([&] {
                     for (const BulkRefusal& x : r.refused) {
                       w.Object([&] {
                         w.Field("id", x.id.value);
                         w.Field("code", KeyOf(x.code));
                         w.Field("message", Message(KeyOf(x.code), c.lang));
                       });
                     }
                   });
                 });
               });
             });
}

}  // namespace retorno
