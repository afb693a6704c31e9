#include "app/errors.h"

#include <algorithm>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace retorno {

namespace {
constexpr char kIssuesPayload[] = "retorno/field-issues";
constexpr char kRetryAfterPayload[] = "retorno/retry-after";
constexpr char kDocumentPayload[] = "retorno/document";
}  // namespace

absl::Status Issues::ToStatus() {
  // Collect() may Forget() its reader; walk a copy.
  for (Pending* p : std::vector<Pending*>(pending_)) p->Collect(*this);
  if (items_.empty()) return absl::OkStatus();
  return ValidationError(items_);
}

absl::Status ValidationError(std::vector<FieldIssue> issues) {
  absl::Status s = CodedError(ErrorCode::kValidation);
  // One "field\tkey" line per issue: fields and keys never hold tabs or newlines.
  std::string encoded;
  for (const FieldIssue& i : issues) encoded += i.field + "\t" + i.key + "\n";
  s.SetPayload(kIssuesPayload, absl::Cord(encoded));
  return s;
}

absl::Status FieldError(std::string field, std::string key) {
  return ValidationError({{std::move(field), std::move(key)}});
}

std::vector<FieldIssue> FieldIssuesOf(const absl::Status& status) {
  std::vector<FieldIssue> out;
  auto payload = status.GetPayload(kIssuesPayload);
  if (!payload) return out;
  for (absl::string_view line : absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    out.push_back({kv.first, kv.second});
  }
  return out;
}

absl::Status RateLimited(absl::Duration retry_after) {
  absl::Status s = CodedError(ErrorCode::kRateLimited);
  const int64_t seconds =
      std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(retry_after, absl::Seconds(1))));
  s.SetPayload(kRetryAfterPayload, absl::Cord(absl::StrCat(seconds)));
  return s;
}

std::optional<int64_t> RetryAfterSecondsOf(const absl::Status& status) {
  auto payload = status.GetPayload(kRetryAfterPayload);
  int64_t seconds = 0;
  if (!payload || !absl::SimpleAtoi(std::string(*payload), &seconds)) return std::nullopt;
  return seconds;
}

absl::Status NamingDocument(absl::Status s, int64_t id, const std::string& number) {
  s.SetPayload(kDocumentPayload, absl::Cord(absl::StrCat(id, "\n", number)));
  return s;
}

std::optional<NamedDocument> NamedDocumentOf(const absl::Status& status) {
  auto payload = status.GetPayload(kDocumentPayload);
  if (!payload) return std::nullopt;
  const std::string text(*payload);
  const size_t nl = text.find('\n');
  NamedDocument d;
  if (nl == std::string::npos || !absl::SimpleAtoi(text.substr(0, nl), &d.id)) return std::nullopt;
  d.number = text.substr(nl + 1);
  return d;
}

}  // namespace retorno
