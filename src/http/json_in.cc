#include "http/json_in.h"

#include "base/time_util.h"

namespace retorno {

JsonIn::JsonIn(const nlohmann::json& j, Issues& issues, std::string prefix)
    : j_(j), issues_(issues), prefix_(std::move(prefix)) {
  if (!j_.is_object()) {
    std::string field = prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1);
    issues_.Add(field, "invalid_type");
  }
  issues_.Watch(this);
}

JsonIn::~JsonIn() {
  Collect(issues_);
  issues_.Forget(this);
}

void JsonIn::Collect(Issues& issues) {
  if (collected_ || !j_.is_object()) return;
  collected_ = true;
  for (const auto& [key, value] : j_.items())
    if (!read_.contains(key)) issues.Add(prefix_ + key, "unknown_field");
}

void JsonIn::NotNull(std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (IsNull(key)) issues_.Add(Field(key), "not_null");
}

const nlohmann::json* JsonIn::Raw(const char* key) { return Get(key); }

const nlohmann::json* JsonIn::Get(const char* key) const {
  read_.emplace(key);
  if (!j_.is_object()) return nullptr;
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) return nullptr;
  return &*it;
}

void JsonIn::Require(const char* key) {
  const std::string field = Field(key);
  for (const FieldIssue& i : issues_.items())
    if (i.field == field) return;
  issues_.Add(field, "required");
}

bool JsonIn::Has(const char* key) const {
  read_.emplace(key);
  return j_.is_object() && j_.contains(key);
}

bool JsonIn::IsNull(const char* key) const {
  read_.emplace(key);
  if (!j_.is_object()) return false;
  auto it = j_.find(key);
  return it != j_.end() && it->is_null();
}

std::optional<std::string> JsonIn::Str(const char* key) {
  const nlohmann::json* v = Get(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    issues_.Add(Field(key), "invalid_type");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> JsonIn::Bool(const char* key) {
  const nlohmann::json* v = Get(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    issues_.Add(Field(key), "invalid_type");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<int64_t> JsonIn::Int(const char* key) {
  const nlohmann::json* v = Get(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    issues_.Add(Field(key), "invalid_type");
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<absl::CivilDay> JsonIn::Date(const char* key) {
  std::optional<std::string> s = Str(key);
  if (!s) return std::nullopt;
  std::optional<absl::CivilDay> d = ParseDate(*s);
  if (!d) issues_.Add(Field(key), "invalid_date");
  return d;
}

std::optional<int> JsonIn::TimeOfDay(const char* key) {
  std::optional<std::string> s = Str(key);
  if (!s || s->empty()) return std::nullopt;
  std::optional<int> m = ParseTimeOfDay(*s);
  if (!m) issues_.Add(Field(key), "invalid_time");
  return m;
}

std::optional<absl::Time> JsonIn::Instant(const char* key) {
  std::optional<std::string> s = Str(key);
  if (!s) return std::nullopt;
  std::optional<absl::Time> t = ParseInstant(*s);
  if (!t) issues_.Add(Field(key), "invalid_instant");
  return t;
}

std::optional<std::vector<std::string>> JsonIn::StrList(const char* key) {
  const nlohmann::json* v = Get(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    issues_.Add(Field(key), "invalid_type");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      issues_.Add(Field(key) + "[" + std::to_string(i) + "]", "invalid_type");
      continue;
    }
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

const nlohmann::json* JsonIn::Obj(const char* key) {
  const nlohmann::json* v = Get(key);
  if (!v) return nullptr;
  if (!v->is_object()) {
    issues_.Add(Field(key), "invalid_type");
    return nullptr;
  }
  return v;
}

const nlohmann::json* JsonIn::Arr(const char* key) {
  const nlohmann::json* v = Get(key);
  if (!v) return nullptr;
  if (!v->is_array()) {
    issues_.Add(Field(key), "invalid_type");
    return nullptr;
  }
  return v;
}

}  // namespace retorno
