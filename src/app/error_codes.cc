#include "app/error_codes.h"

#include <array>
#include <string>

#include "absl/strings/cord.h"
#include "base/strings.h"

namespace retorno {

namespace {

constexpr char kCodePayload[] = "retorno/error-code";

struct Entry {
  ErrorCode code;
  std::string_view key;
  absl::StatusCode canonical;
};

constexpr Entry kEntries[] = {
#define RETORNO_ERROR_ENTRY(name, key, canonical) \
  {ErrorCode::name, key, absl::StatusCode::canonical},
    RETORNO_ERROR_CODES(RETORNO_ERROR_ENTRY)
#undef RETORNO_ERROR_ENTRY
};

constexpr std::array kCodes = {
#define RETORNO_ERROR_VALUE(name, key, canonical) ErrorCode::name,
    RETORNO_ERROR_CODES(RETORNO_ERROR_VALUE)
#undef RETORNO_ERROR_VALUE
};

constexpr std::array kFieldIssueKeys = {
#define RETORNO_FIELD_KEY(key) std::string_view(key),
    RETORNO_FIELD_ISSUE_KEYS(RETORNO_FIELD_KEY)
#undef RETORNO_FIELD_KEY
};

const Entry& EntryOf(ErrorCode code) { return kEntries[static_cast<size_t>(code)]; }

}  // namespace

std::span<const ErrorCode> AllErrorCodes() { return kCodes; }

std::string_view KeyOf(ErrorCode code) { return EntryOf(code).key; }

absl::StatusCode CanonicalOf(ErrorCode code) { return EntryOf(code).canonical; }

absl::Status CodedError(ErrorCode code) {
  const Entry& e = EntryOf(code);
  absl::Status s(e.canonical, ToAbsl(e.key));
  s.SetPayload(kCodePayload, absl::Cord(ToAbsl(e.key)));
  return s;
}

std::optional<ErrorCode> ErrorCodeOf(const absl::Status& status) {
  auto payload = status.GetPayload(kCodePayload);
  if (!payload) return std::nullopt;
  const std::string key(*payload);
  for (const Entry& e : kEntries)
    if (e.key == key && e.canonical == status.code()) return e.code;
  return std::nullopt;
}

std::span<const std::string_view> AllFieldIssueKeys() { return kFieldIssueKeys; }

}  // namespace retorno
