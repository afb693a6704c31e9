#include "http/table_json.h"

#include "http/json_in.h"

namespace retorno {

using json = nlohmann::json;

json CodeItemJson(const CodeItem& item, int position, Lang lang, bool with_names) {
  json j = {{"id", item.id},
            {"code", item.code},
            {"name", item.NameIn(LangTag(lang))},
            {"position", position},
            {"active", item.active}};
  if (with_names)
    j["names"] = {{"pt-BR", item.name}, {"es", item.NameIn("es")}, {"en", item.NameIn("en")}};
  return j;
}

json BranchJson(const Branch& b, int position) {
  return {{"id", b.id.value},
          {"name", b.name},
          {"time_zone", b.time_zone},
          {"position", position},
          {"active", b.active}};
}

namespace {

std::optional<int> ReadPosition(JsonIn& in) {
  std::optional<int64_t> p = in.Int("position");
  if (!p) return std::nullopt;
  if (*p < 1 || *p > 100000) {
    in.issues().Add(in.Field("position"), "out_of_range");
    return std::nullopt;
  }
  return static_cast<int>(*p);
}

}  // namespace

CodePatch ReadCodePatch(const json& body, Issues& issues) {
  JsonIn in(body, issues);
  in.NotNull({"names", "position", "active"});
  CodePatch p;
  if (const json* names = in.Obj("names")) {
    JsonIn nin(*names, issues, "names.");
    nin.NotNull({"pt-BR", "es", "en"});
    p.name = nin.Str("pt-BR");
    p.name_es = nin.Str("es");
    p.name_en = nin.Str("en");
  }
  p.position = ReadPosition(in);
  p.active = in.Bool("active");
  return p;
}

BranchPatch ReadBranchPatch(const json& body, Issues& issues) {
  JsonIn in(body, issues);
  in.NotNull({"name", "time_zone", "position", "active"});
  BranchPatch p;
  p.name = in.Str("name");
  p.time_zone = in.Str("time_zone");
  p.position = ReadPosition(in);
  p.active = in.Bool("active");
  return p;
}

bool IncludeRetired(const HttpRequest& req, Issues& issues) {
  std::optional<std::string> v = req.Query("include_retired");
  if (!v) return false;
  if (*v == "true") return true;
  if (v->empty())
    issues.Add("include_retired", "empty_value");
  else if (*v != "false")
    issues.Add("include_retired", "invalid_value");
  return false;
}

}  // namespace retorno
