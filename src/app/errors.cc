#include "app/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_split.h"

namespace retorno {

namespace {
constexpr char kIssuesPayload[] = "retorno/field-issues";
}

absl::Status Issues::ToStatus() {
  // Collect() may Forget() its reader; walk a copy.
  for (Pending* p : std::vector<Pending*>(pending_)) p->Collect(*this);
  if (items_.empty()) return absl::OkStatus();
  return ValidationError(items_);
}

absl::Status ValidationError(std::vector<FieldIssue> issues) {
  absl::Status s = absl::InvalidArgumentError("validation");
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

}  // namespace retorno
