// The audit repository in SQL (ADR 0035): append and the admin's filtered, keyset-paged
// list. The table refuses UPDATE and DELETE by trigger in both dialects (migration 0018).
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

RETORNO_SQL(kInsertAudit,
            "INSERT INTO audit_log (at, actor_id, actor_login, client_ip, user_agent, entity, "
            "entity_id, action, before_json, after_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");

constexpr char kAuditCols[] =
    "id, at, actor_id, actor_login, client_ip, user_agent, entity, entity_id, action, "
    "before_json, after_json";

AuditRecord ReadAudit(const Query& q) {
  AuditRecord r;
  r.id = q.Int(0);
  r.at = q.Time(1);
  r.actor_id = q.OptId<UserId>(2);
  r.actor_login = q.Text(3);
  r.client_ip = q.Text(4);
  r.user_agent = q.Text(5);
  r.entity = q.Text(6);
  r.entity_id = q.Text(7);
  r.action = q.Text(8);
  r.before_json = q.Text(9);
  r.after_json = q.Text(10);
  return r;
}

}  // namespace

absl::StatusOr<int64_t> SqlAudit::InsertAudit(const AuditRecord& r) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kInsertAudit));
  q.BindAll(r.at, r.actor_id, r.actor_login, r.client_ip, r.user_agent, r.entity, r.entity_id,
            r.action, r.before_json, r.after_json);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::InternalError("audit insert returned no id");
  return q.Int(0);
}

absl::StatusOr<std::vector<AuditRecord>> SqlAudit::QueryAudit(const AuditQuery& f) {
  // The filters present, each bound in order; the same text for the same set of
  // filters, so the statement cache reuses it.
  std::string sql = absl::StrCat("SELECT ", kAuditCols, " FROM audit_log WHERE 1 = 1");
  if (f.from) sql += " AND at >= ?";
  if (f.to) sql += " AND at < ?";
  if (f.actor_id) sql += " AND actor_id = ?";
  if (f.entity) sql += " AND entity = ?";
  if (f.entity_id) sql += " AND entity_id = ?";
  if (f.action) sql += " AND action = ?";
  if (f.before_id) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(Query q, db_.Prepare(sql));
  if (f.from) q.Bind(*f.from);
  if (f.to) q.Bind(*f.to);
  if (f.actor_id) q.Bind(*f.actor_id);
  if (f.entity) q.Bind(*f.entity);
  if (f.entity_id) q.Bind(*f.entity_id);
  if (f.action) q.Bind(*f.action);
  if (f.before_id) q.Bind(*f.before_id);
  q.Bind(static_cast<int64_t>(f.limit));
  std::vector<AuditRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(ReadAudit(q));
  }
  return out;
}

}  // namespace retorno::sql
