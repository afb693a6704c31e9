// Expected failures of the use cases, as absl::Status values carrying a registered
// error code (app/error_codes.h: CodedError, never user text). http/problem.cc maps the
// code to an HTTP status and problem type in one table; http/messages.cc holds its
// message in pt-BR, es and en. What this file adds: field issues (a 422 listing every
// bad member) and the wait of a rate limit.
//
//   ValidationError(issues) / FieldError(field, key) -> 422 with errors[] (409 when
//                                                     every issue is `taken`)
//   RateLimited(wait)                               -> 429 with Retry-After
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "app/error_codes.h"

namespace retorno {

struct FieldIssue {
  std::string field;  // JSON path, e.g. "next_action.due_date"
  std::string key;    // message key, e.g. "required", "invalid_date"
  bool operator==(const FieldIssue&) const = default;
};

// Collects field issues while validating a command; empty means valid.
class Issues {
 public:
  // Something that finds issues only once the reading is over (a JSON reader lists the
  // members no one read): ToStatus() asks each one still registered first. It must
  // Forget() itself before it dies.
  class Pending {
   public:
    virtual void Collect(Issues& issues) = 0;

   protected:
    ~Pending() = default;
  };

  void Add(std::string field, std::string key) {
    items_.push_back({std::move(field), std::move(key)});
  }
  bool empty() const { return items_.empty(); }
  const std::vector<FieldIssue>& items() const { return items_; }
  // Collects the pending issues, then: OkStatus when empty, else
  // ValidationError with the issues attached.
  absl::Status ToStatus();

  void Watch(Pending* p) { pending_.push_back(p); }
  void Forget(Pending* p) { std::erase(pending_, p); }

 private:
  std::vector<FieldIssue> items_;
  std::vector<Pending*> pending_;
};

// ErrorCode::kValidation with the issues attached; each key is one of
// AllFieldIssueKeys().
absl::Status ValidationError(std::vector<FieldIssue> issues);
absl::Status FieldError(std::string field, std::string key);
// The issues attached by ValidationError/FieldError (empty for other statuses).
std::vector<FieldIssue> FieldIssuesOf(const absl::Status& status);

// ErrorCode::kRateLimited saying how long to wait: `retry_after` rounded up
// to whole seconds, at least 1.
absl::Status RateLimited(absl::Duration retry_after);
// The seconds to wait carried by RateLimited; nullopt for other statuses.
std::optional<int64_t> RetryAfterSecondsOf(const absl::Status& status);

// A refusal about one document (ADR 0042: the order or the excess sale that keeps a
// follow-up closed): `s` carrying the document's id and number, which the answer names.
struct NamedDocument {
  int64_t id = 0;
  std::string number;
};
absl::Status NamingDocument(absl::Status s, int64_t id, const std::string& number);
std::optional<NamedDocument> NamedDocumentOf(const absl::Status& status);

}  // namespace retorno
