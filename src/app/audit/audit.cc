#include "app/audit/audit.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "app/errors.h"
#include "base/status_macros.h"
#include "base/time_util.h"

namespace retorno::audit {

namespace {

using json = nlohmann::json;

// Fields whose values never enter the trail: that they changed is recorded, not what
// they became.
bool IsSecret(std::string_view key) {
  return key == "password" || key == "password_hash" || key == "token" || key == "token_hash" ||
         key == "secret" || key == "smtp_password";
}

json Redacted(const std::string& key, const json& v) {
  if (IsSecret(key) && !(v.is_string() && v.get_ref<const std::string&>().empty()))
    return "[redacted]";
  return v;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json OptDay(const std::optional<absl::CivilDay>& d) {
  return d ? json(FormatDate(*d)) : json(nullptr);
}
template <class Id>
json OptId(const std::optional<Id>& id) {
  return id ? json(id->value) : json(nullptr);
}

json ContactJson(const Contact& c) {
  return json{{"name", c.name},
              {"email", c.email},
              {"phone", c.phone},
              {"whatsapp", c.whatsapp},
              {"birthday", OptDay(c.birthday)}};
}

}  // namespace

std::string_view ToString(Action a) {
  switch (a) {
    case Action::kCreate:
      return "create";
    case Action::kUpdate:
      return "update";
    case Action::kDelete:
      return "delete";
    case Action::kAnonymise:
      return "anonymise";
    case Action::kExport:
      return "export";
  }
  return "";
}

std::optional<Action> ParseAction(std::string_view s) {
  for (Action a :
       {Action::kCreate, Action::kUpdate, Action::kDelete, Action::kAnonymise, Action::kExport})
    if (ToString(a) == s) return a;
  return std::nullopt;
}

bool IsEntity(std::string_view s) {
  return std::find(std::begin(kEntities), std::end(kEntities), s) != std::end(kEntities);
}

Actor Who(const AuthContext& ctx) {
  return Actor{.id = ctx.user.id,
               .login = ctx.user.login,
               .client_ip = ctx.client_ip,
               .user_agent = ctx.user_agent,
               .at = ctx.request_at};
}

Actor Who(const AuthContext& ctx, absl::Time now) {
  Actor a = Who(ctx);
  a.at = now;
  return a;
}

Actor Who(const AuthContext* ctx, absl::Time now) {
  if (ctx) return Who(*ctx);
  return Actor{.login = "", .at = now};
}

absl::Status Record(Tx& tx, const Actor& who, std::string_view entity, std::string_view entity_id,
                    Action action, const json& before, const json& after) {
  json old_values = json::object();
  json new_values = json::object();
  const bool has_before = before.is_object();
  const bool has_after = after.is_object();
  if (has_before && has_after) {
    for (auto it = before.begin(); it != before.end(); ++it) {
      auto other = after.find(it.key());
      const json& now_value = other == after.end() ? json(nullptr) : *other;
      if (*it == now_value) continue;
      old_values[it.key()] = Redacted(it.key(), *it);
      new_values[it.key()] = Redacted(it.key(), now_value);
    }
    for (auto it = after.begin(); it != after.end(); ++it)
      if (!before.contains(it.key())) new_values[it.key()] = Redacted(it.key(), *it);
    // An update that changed nothing leaves no row; other actions always do.
    if (action == Action::kUpdate && old_values.empty() && new_values.empty())
      return absl::OkStatus();
  } else {
    if (has_before)
      for (auto it = before.begin(); it != before.end(); ++it)
        old_values[it.key()] = Redacted(it.key(), *it);
    if (has_after)
      for (auto it = after.begin(); it != after.end(); ++it)
        new_values[it.key()] = Redacted(it.key(), *it);
  }
  AuditRecord r;
  r.at = who.at;
  r.actor_id = who.id;
  r.actor_login = who.login;
  r.client_ip = who.client_ip;
  r.user_agent = who.user_agent.substr(0, 300);
  r.entity = std::string(entity);
  r.entity_id = std::string(entity_id);
  r.action = std::string(ToString(action));
  r.before_json = has_before ? Dump(old_values) : "";
  r.after_json = has_after ? Dump(new_values) : "";
  return tx.audit().InsertAudit(r).status();
}

json ValuesOf(const User& u) {
  return json{
      {"login", u.login},
      {"name", u.name},
      {"email", u.email},
      {"role", std::string(ToString(u.role))},
      {"branch_id", OptId(u.branch_id)},
      {"time_zone", u.time_zone},
      {"locale", u.locale},
      {"alert_on_login", u.alert_on_login},
      {"alert_every_minutes", u.alert_every_minutes ? json(*u.alert_every_minutes) : json(nullptr)},
      {"email_reminders", std::string(ToString(u.email_reminders))},
      {"active", u.active},
      {"password_hash", u.password_hash}};
}

json ValuesOf(const Branch& b) {
  return json{
      {"name", b.name}, {"time_zone", b.time_zone}, {"position", b.position}, {"active", b.active}};
}

json ValuesOf(const Settings& s) {
  return json{{"company_name", s.company_name},
              {"time_zone", s.time_zone},
              {"return_alerts_enabled", s.return_alerts_enabled},
              {"currency", s.currency}};
}

json ValuesOf(const CodeItem& c) {
  return json{{"code", c.code},       {"name", c.name},         {"name_es", c.name_es},
              {"name_en", c.name_en}, {"position", c.position}, {"active", c.active}};
}

json ValuesOf(const MessageTemplate& t) {
  return json{{"kind", std::string(ToString(t.kind))},
              {"locale", t.locale},
              {"subject", t.subject},
              {"body", t.body}};
}

json ValuesOf(const CatalogItem& c) {
  return json{{"code", c.code},
              {"kind", std::string(ToString(c.kind))},
              {"name", c.name},
              {"active", c.active},
              {"followup_days", c.followup_days ? json(*c.followup_days) : json(nullptr)},
              {"followup_subject", c.followup.subject},
              {"followup_category", c.followup.category},
              {"followup_type", c.followup.type},
              {"followup_message", c.followup.message}};
}

json ValuesOf(const AttendanceType& t) {
  return json{{"name_pt", t.name_pt},
              {"name_es", t.name_es},
              {"name_en", t.name_en},
              {"attachments_allowed", t.attachments_allowed},
              {"max_attachment_bytes", t.max_attachment_bytes},
              {"parecer_text", t.parecer_text},
              {"email_subject", t.email_subject},
              {"email_text", t.email_text},
              {"workflow_id", t.workflow_id ? json(*t.workflow_id) : json(nullptr)},
              {"active", t.active}};
}

json ValuesOf(const Party& p) {
  json contacts = json::array();
  for (const Contact& c : p.contacts) contacts.push_back(ContactJson(c));
  return json{{"code", p.code},
              {"kind", std::string(ToString(p.kind))},
              {"name", p.name},
              {"email", p.email},
              {"phone", p.phone},
              {"whatsapp", p.whatsapp},
              {"tax_id", p.tax_id},
              {"birthday", OptDay(p.birthday)},
              {"branch_id", OptId(p.branch_id)},
              {"owner_id", OptId(p.owner_id)},
              {"contacts", contacts}};
}

json ValuesOf(const SalesDocument& d) {
  json items = json::array();
  for (const DocumentItem& i : d.items)
    items.push_back(
        json{{"item_code", i.item_code}, {"description", i.description}, {"quantity", i.quantity}});
  return json{{"kind", std::string(ToString(d.kind))},
              {"number", d.number},
              {"party_id", d.party_id.value},
              {"branch_id", OptId(d.branch_id)},
              {"owner_id", OptId(d.owner_id)},
              {"date", FormatDate(d.date)},
              {"status", std::string(ToString(d.status))},
              {"completed_on", OptDay(d.completed_on)},
              {"items", items}};
}

absl::StatusOr<Page> AuditService::List(const AuthContext& ctx, const ListInput& in) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  AuditQuery q = in.filter;
  q.limit = std::clamp(in.limit, 1, 200) + 1;
  if (!in.cursor.empty()) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(in.cursor, &id) || id <= 0) return FieldError("cursor", "invalid_cursor");
    q.before_id = id;
  }
  Page page;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(page.items, tx.audit().QueryAudit(q));
    return absl::OkStatus();
  }));
  if (static_cast<int>(page.items.size()) == q.limit) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

}  // namespace retorno::audit
