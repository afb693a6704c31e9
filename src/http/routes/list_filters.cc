#include "http/routes/list_filters.h"

namespace retorno {

namespace {

std::optional<FollowupQuery::Order> ParseOrder(std::string_view s) {
  if (s == "due") return FollowupQuery::Order::kDue;
  if (s == "newest") return FollowupQuery::Order::kNewest;
  return std::nullopt;
}

std::optional<AgendaWhen> ParseWhen(std::string_view s) {
  if (s == "today") return AgendaWhen::kToday;
  if (s == "overdue") return AgendaWhen::kOverdue;
  if (s == "upcoming") return AgendaWhen::kUpcoming;
  if (s == "range") return AgendaWhen::kRange;
  return std::nullopt;
}

std::optional<FollowupQuery::Internal> ParseInternal(std::string_view s) {
  if (s == "any") return FollowupQuery::Internal::kAny;
  if (s == "due") return FollowupQuery::Internal::kDue;
  if (s == "overdue") return FollowupQuery::Internal::kOverdue;
  return std::nullopt;
}

}  // namespace

FollowupListInput ReadFollowupFilters(const HttpRequest& req, Issues& issues) {
  FollowupListInput q;
  if (auto s = QueryValue(req, "status", issues); s && *s != "all")
    q.status = QueryEnum<FollowupStatus>(req, "status", &ParseFollowupStatus, issues);
  q.state = QueryEnum<FollowupState>(req, "state", &ParseFollowupState, issues);
  if (auto v = QueryInt(req, "owner_id", issues)) q.owner_id = UserId(*v);
  if (auto v = QueryInt(req, "branch_id", issues)) q.branch_id = BranchId(*v);
  if (auto v = QueryInt(req, "party_id", issues)) q.party_id = PartyId(*v);
  if (auto v = QueryValue(req, "category", issues)) q.category = *v;
  q.priority = QueryEnum<Priority>(req, "priority", &ParsePriority, issues);
  q.from = QueryDate(req, "from", issues);
  q.to = QueryDate(req, "to", issues);
  if (q.from && q.to && *q.from > *q.to) issues.Add("to", "before_from");
  q.contact_from = QueryDate(req, "contact_from", issues);
  q.contact_to = QueryDate(req, "contact_to", issues);
  if (q.contact_from && q.contact_to && *q.contact_from > *q.contact_to)
    issues.Add("contact_to", "before_from");
  q.internal = QueryEnum<FollowupQuery::Internal>(req, "internal", &ParseInternal, issues);
  q.text = req.Query("q").value_or("");
  if (q.text.size() > 200) issues.Add("q", "too_long");
  q.order = QueryEnum<FollowupQuery::Order>(req, "sort", &ParseOrder, issues)
                .value_or(FollowupQuery::Order::kDue);
  return q;
}

AgendaInput ReadAgendaQuery(const HttpRequest& req, Issues& issues) {
  AgendaInput q;
  q.scope = QueryEnum<Scope>(req, "scope", &ParseScope, issues).value_or(Scope::kMine);
  q.from = QueryDate(req, "from", issues);
  q.to = QueryDate(req, "to", issues);
  q.when = QueryEnum<AgendaWhen>(req, "when", &ParseWhen, issues)
               .value_or(q.from || q.to ? AgendaWhen::kRange : AgendaWhen::kToday);
  return q;
}

}  // namespace retorno
