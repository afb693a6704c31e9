// The audit repository: the append-only trail of who changed what (ADR 0035). Part of
// a Tx (app/ports.h), so a row is written in the transaction of the change it describes
// and commits or rolls back with it. The store refuses any UPDATE or DELETE of a row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace retorno {

// One row of the trail. `before_json` and `after_json` are JSON objects of the changed
// fields only ("" when that side does not exist: a creation, a deletion).
struct AuditRecord {
  int64_t id = 0;
  absl::Time at;
  std::optional<UserId> actor_id;  // nullopt: the command line or a job
  std::string actor_login;         // the login at that time
  std::string client_ip;
  std::string user_agent;
  std::string entity;     // "user", "branch", "setting", "party", "document"...
  std::string entity_id;  // text: a setting's key is not a number
  std::string action;     // "create", "update", "delete", "anonymise", "export"
  std::string before_json;
  std::string after_json;
};

// Filters of the admin's list; every member optional. Newest first (by id); `before_id`
// continues a page (keyset: rows with a smaller id).
struct AuditQuery {
  std::optional<absl::Time> from;  // at >= from
  std::optional<absl::Time> to;    // at < to
  std::optional<UserId> actor_id;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> action;
  std::optional<int64_t> before_id;
  int limit = 50;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends a row; returns its id.
  virtual absl::StatusOr<int64_t> InsertAudit(const AuditRecord& r) = 0;
  // At most q.limit rows, newest first.
  virtual absl::StatusOr<std::vector<AuditRecord>> QueryAudit(const AuditQuery& q) = 0;
};

}  // namespace retorno
