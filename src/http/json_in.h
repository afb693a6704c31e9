// Reads typed fields from a request's JSON, recording a field issue for each value of
// the wrong type or format instead of throwing, so one response lists every problem.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/errors.h"

namespace retorno {

class JsonIn {
 public:
  // `j` must outlive the reader. A non-object `j` records one issue at `prefix`.
  JsonIn(const nlohmann::json& j, Issues& issues, std::string prefix = "");

  bool Has(const char* key) const;     // present, even if null
  bool IsNull(const char* key) const;  // present and null
  std::optional<std::string> Str(const char* key);
  std::optional<bool> Bool(const char* key);
  std::optional<int64_t> Int(const char* key);
  std::optional<absl::CivilDay> Date(const char* key);     // "YYYY-MM-DD"
  std::optional<int> TimeOfDay(const char* key);           // "HH:MM"
  std::optional<absl::Time> Instant(const char* key);      // RFC 3339 with offset
  std::optional<std::vector<std::string>> StrList(const char* key);
  // A nested object (nullptr when missing or null; an issue when not an object).
  const nlohmann::json* Obj(const char* key);
  const nlohmann::json* Arr(const char* key);
  std::string Field(const char* key) const { return prefix_ + key; }
  Issues& issues() { return issues_; }
  // Records "required" for `key` unless an issue for it is already recorded (a wrong
  // type or format says more). Call it when a value the request must carry came back
  // empty: a member sent as null counts as missing, so no caller reads an unset value.
  void Require(const char* key);

 private:
  const nlohmann::json* Get(const char* key) const;
  const nlohmann::json& j_;
  Issues& issues_;
  std::string prefix_;
};

}  // namespace retorno
