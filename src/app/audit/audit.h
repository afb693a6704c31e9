// The audit trail's one seam (ADR 0035): a use case that changes a user, a role, a
// branch, a setting, a table code, a template, a catalogue item, a party or a document
// records it with one call, inside its own transaction:
//
//   const nlohmann::json before = audit::ValuesOf(old_party);
//   ... the change ...
//   RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx), "party", p.id, audit::Action::kUpdate,
//                                 before, audit::ValuesOf(p)));
//
// Record keeps only the fields whose value differs between `before` and `after` (both
// JSON objects; null for the side that does not exist), writes nothing when none
// differs, and replaces secrets (passwords, their hashes, tokens) with "[redacted]".
// The row commits or rolls back with the change. Thread safety: plain functions over
// the caller's Tx.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"

namespace retorno::audit {

enum class Action { kCreate, kUpdate, kDelete, kAnonymise, kExport };
std::string_view ToString(Action a);
std::optional<Action> ParseAction(std::string_view s);

// The entities the trail knows, as stored in `entity`.
inline constexpr std::string_view kEntities[] = {
    "user",         "branch", "setting",  "contact_type", "category",        "template",
    "catalog_item", "party",  "document", "smtp",         "attendance_type", "proposal_template"};
bool IsEntity(std::string_view s);

// Who acts, from where and when.
struct Actor {
  std::optional<UserId> id;  // nullopt: the command line or a job
  std::string login;
  std::string client_ip;
  std::string user_agent;
  absl::Time at;
};
// A signed-in user's request (address, agent and instant as the API read them).
Actor Who(const AuthContext& ctx);
// The command line (`retorno user add`...) when `ctx` is null, else Who(*ctx).
Actor Who(const AuthContext* ctx, absl::Time now);
// A use case that was handed its instant (a job acting for a user, an import): `now`.
Actor Who(const AuthContext& ctx, absl::Time now);

// Appends one row with the changed fields of before/after (see the top of this file).
absl::Status Record(Tx& tx, const Actor& who, std::string_view entity, std::string_view entity_id,
                    Action action, const nlohmann::json& before, const nlohmann::json& after);
template <class Tag>
absl::Status Record(Tx& tx, const Actor& who, std::string_view entity, StrongId<Tag> id,
                    Action action, const nlohmann::json& before, const nlohmann::json& after) {
  return Record(tx, who, entity, std::to_string(id.value), action, before, after);
}
inline absl::Status Record(Tx& tx, const Actor& who, std::string_view entity, int64_t id,
                           Action action, const nlohmann::json& before,
                           const nlohmann::json& after) {
  return Record(tx, who, entity, std::to_string(id), action, before, after);
}

// The audited fields of each kind of record, as JSON objects (secrets included by
// name, so Record can redact them and still tell that they changed).
nlohmann::json ValuesOf(const User& u);
nlohmann::json ValuesOf(const Branch& b);
nlohmann::json ValuesOf(const Settings& s);
nlohmann::json ValuesOf(const CodeItem& c);
nlohmann::json ValuesOf(const MessageTemplate& t);
nlohmann::json ValuesOf(const CatalogItem& c);
nlohmann::json ValuesOf(const Party& p);
nlohmann::json ValuesOf(const SalesDocument& d);
nlohmann::json ValuesOf(const AttendanceType& t);

// ---- The admin's reading of the trail.

struct ListInput {
  AuditQuery filter;   // filter.before_id set from `cursor`
  std::string cursor;  // opaque: from a previous page's next_cursor
  int limit = 50;
};
struct Page {
  std::vector<AuditRecord> items;
  std::string next_cursor;  // "" on the last page
};

class AuditService {
 public:
  explicit AuditService(Store& store) : store_(store) {}
  // Admins only (403 `admin_only`); 422 `cursor` for a cursor that is not ours.
  absl::StatusOr<Page> List(const AuthContext& ctx, const ListInput& in);

 private:
  Store& store_;
};

}  // namespace retorno::audit
