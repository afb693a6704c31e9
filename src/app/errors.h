// Expected failures of the use cases, as absl::Status values carrying a message key
// (never user text): http/ turns the key into pt-BR/es/en and the code into an HTTP
// status in one table (http/problem.cc).
//
//   InvalidArgument("validation") + field issues  -> 422 with errors[]
//   NotFound("<resource>")                         -> 404
//   PermissionDenied("<key>")                      -> 403
//   Unauthenticated("<key>")                       -> 401
//   FailedPrecondition("version")                  -> 412 (stale If-Match)
//   FailedPrecondition("<key>")                    -> 409 (state conflict)
//   AlreadyExists("<field>")                       -> 409 with a field issue
//   ResourceExhausted("too_large"|"rate_limited")  -> 413 / 429 (+ Retry-After when
//                                                   made by RateLimited)
#pragma once

#include <optional>
#include <string>
#include <vector>


#include "absl/status/status.h"
#include "absl/time/time.h"

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

  void Add(std::string field, std::string key) { items_.push_back({std::move(field), std::move(key)}); }
  bool empty() const { return items_.empty(); }
  const std::vector<FieldIssue>& items() const { return items_; }
  // Collects the pending issues, then: OkStatus when empty, else
  // InvalidArgument("validation") with the issues attached.
  absl::Status ToStatus();

  void Watch(Pending* p) { pending_.push_back(p); }
  void Forget(Pending* p) { std::erase(pending_, p); }

 private:
  std::vector<FieldIssue> items_;
  std::vector<Pending*> pending_;
};

absl::Status ValidationError(std::vector<FieldIssue> issues);
absl::Status FieldError(std::string field, std::string key);
// The issues attached by ValidationError/FieldError (empty for other statuses).
std::vector<FieldIssue> FieldIssuesOf(const absl::Status& status);

// ResourceExhausted("rate_limited") saying how long to wait: `retry_after` rounded up
// to whole seconds, at least 1.
absl::Status RateLimited(absl::Duration retry_after);
// The seconds to wait carried by RateLimited; nullopt for other statuses.
std::optional<int64_t> RetryAfterSecondsOf(const absl::Status& status);

}  // namespace retorno
