// Reads typed fields from a request's JSON, recording a field issue for each value of
// the wrong type or format instead of throwing, so one response lists every problem.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/errors.h"

namespace retorno {

// Every member a handler looks at (through any method below, Has() included) counts as
// read; the members of the object no one read are reported as `unknown_field` issues
// when the issues are collected (Issues::ToStatus) or when the reader dies, whichever
// comes first. So a misspelt member ("prioridade", "notify_costumer") is refused on
// every route instead of silently becoming a default. A nested object or array element
// is checked when it is read through its own JsonIn.
class JsonIn final : private Issues::Pending {
 public:
  // `j` and `issues` must outlive the reader. A non-object `j` records one issue at
  // `prefix`.
  JsonIn(const nlohmann::json& j, Issues& issues, std::string prefix = "");
  ~JsonIn();
  JsonIn(const JsonIn&) = delete;
  JsonIn& operator=(const JsonIn&) = delete;

  bool Has(const char* key) const;     // present, even if null
  bool IsNull(const char* key) const;  // present and null
  std::optional<std::string> Str(const char* key);
  std::optional<bool> Bool(const char* key);
  std::optional<int64_t> Int(const char* key);
  std::optional<absl::CivilDay> Date(const char* key);  // "YYYY-MM-DD"
  std::optional<int> TimeOfDay(const char* key);        // "HH:MM"
  std::optional<absl::Time> Instant(const char* key);   // RFC 3339 with offset
  std::optional<std::vector<std::string>> StrList(const char* key);
  // A nested object (nullptr when missing or null; an issue when not an object).
  const nlohmann::json* Obj(const char* key);
  const nlohmann::json* Arr(const char* key);
  // The value as is (nullptr when missing or null), for types read by the caller.
  const nlohmann::json* Raw(const char* key);
  // A `not_null` issue for each of `keys` sent as null: for fields that have a value
  // when absent (a default, or "unchanged") but no meaning for null.
  void NotNull(std::initializer_list<const char*> keys);
  std::string Field(const char* key) const { return prefix_ + key; }
  Issues& issues() { return issues_; }
  // Records "required" for `key` unless an issue for it is already recorded (a wrong
  // type or format says more). Call it when a value the request must carry came back
  // empty: a member sent as null counts as missing, so no caller reads an unset value.
  void Require(const char* key);

 private:
  const nlohmann::json* Get(const char* key) const;
  void Collect(Issues& issues) override;
  const nlohmann::json& j_;
  Issues& issues_;
  std::string prefix_;
  mutable std::set<std::string, std::less<>> read_;
  bool collected_ = false;
};

}  // namespace retorno
