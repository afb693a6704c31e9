// The tables the admin keeps: contact types and categories.
#include "absl/strings/str_cat.h"
#include "http/routes/routes.h"
#include "http/table_json.h"

namespace retorno {

using json = nlohmann::json;

void RegisterTableRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- Contact types and categories: names in the viewer's language (all three for
  // admins, who edit them), in the admin's order, retired ones only when asked for.
  for (auto [path, table] : {std::pair{"/api/v1/contact-types", CodeTable::kContactType},
                             std::pair{"/api/v1/categories", CodeTable::kCategory}}) {
    auto code_list = [svc, table](const AuthContext& ctx, Lang lang,
                                  bool include_retired) -> absl::StatusOr<json> {
      ASSIGN_OR_RETURN(std::vector<CodeItem> items, svc.accounts.ListCodes(table));
      json arr = json::array();
      for (size_t i = 0; i < items.size(); ++i)
        if (include_retired || items[i].active)
          arr.push_back(
              CodeItemJson(items[i], static_cast<int>(i) + 1, lang, ctx.user.role == Role::kAdmin));
      return arr;
    };
    auto code_reply = [code_list](const AuthContext& ctx, Lang lang, int status,
                                  int64_t id) -> absl::StatusOr<HttpResponse> {
      ASSIGN_OR_RETURN(json items, code_list(ctx, lang, true));
      for (json& i : items)
        if (i["id"] == id) return JsonResponse(status, i);
      return CodedError(ErrorCode::kCodeNotFound);
    };
    routes.Add("GET", path,
               [code_list](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
                 Issues issues;
                 bool include_retired = IncludeRetired(c.req, issues);
                 RETURN_IF_ERROR(issues.ToStatus());
                 ASSIGN_OR_RETURN(json arr, code_list(ctx, c.lang, include_retired));
                 return JsonResponse(200, {{"items", arr}});
               });
    routes.Add(
        "POST", path,
        [svc, table, code_reply](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
          ASSIGN_OR_RETURN(json body, ParseBody(c.req));
          Issues issues;
          JsonIn in(body, issues);
          in.NotNull({"code", "name", "names"});
          CodeItem item;
          item.code = in.Str("code").value_or("");
          item.name = in.Str("name").value_or("");
          if (const json* names = in.Obj("names")) {
            JsonIn nin(*names, issues, "names.");
            nin.NotNull({"pt-BR", "es", "en"});
            if (auto v = nin.Str("pt-BR")) item.name = *v;
            item.name_es = nin.Str("es").value_or("");
            item.name_en = nin.Str("en").value_or("");
          }
          RETURN_IF_ERROR(issues.ToStatus());
          ASSIGN_OR_RETURN(item, svc.accounts.CreateCode(ctx, table, item));
          return code_reply(ctx, c.lang, 201, item.id);
        });
    routes.Add(
        "PATCH", absl::StrCat(path, "/{id}"),
        [svc, table, code_reply](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
          ASSIGN_OR_RETURN(int64_t id, PathInt(c.req, "id", ErrorCode::kCodeNotFound));
          ASSIGN_OR_RETURN(json body, ParseBody(c.req));
          Issues issues;
          CodePatch p = ReadCodePatch(body, issues);
          RETURN_IF_ERROR(issues.ToStatus());
          ASSIGN_OR_RETURN(CodeItem item, svc.accounts.UpdateCode(ctx, table, id, p));
          return code_reply(ctx, c.lang, 200, item.id);
        });
  }
}

}  // namespace retorno
