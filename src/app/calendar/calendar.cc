#include "app/calendar/calendar.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "app/audit/audit.h"
#include "app/errors.h"
#include "app/time_zone.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/ical.h"
#include "domain/permissions.h"
#include "domain/reminders.h"
#include "domain/state.h"
#include "domain/validation.h"

namespace retorno {

namespace {

// The zone of each assignee, read once per request: a return's time is in its
// assignee's zone.
class AssigneeZones {
 public:
  absl::StatusOr<absl::TimeZone> Of(Tx& tx, UserId id) {
    auto it = zones_.find(id.value);
    if (it == zones_.end()) {
      ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(id));
      ASSIGN_OR_RETURN(absl::TimeZone zone,
                       ZoneOfRecord(tx, u ? &*u : nullptr, u ? u->branch_id : std::nullopt));
      it = zones_.emplace(id.value, zone).first;
    }
    return it->second;
  }

 private:
  std::map<int64_t, absl::TimeZone> zones_;
};

// The visibility of a calendar request as an agenda query (assignee and/or branch).
absl::StatusOr<AgendaQuery> Visibility(Tx& tx, const AuthContext& ctx,
                                       const CalendarScopeInput& in) {
  const Viewer v = ctx.viewer();
  AgendaQuery q;
  if (in.user_id) {
    if (*in.user_id != v.id) {
      ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(*in.user_id));
      if (!u) return FieldError("user_id", "unknown_user");
      if (!CanAssignTo(v, u->id, u->branch_id)) return CodedError(ErrorCode::kScopeNotAllowed);
    }
    q.assignee_id = *in.user_id;
    return q;
  }
  if (!ScopeAllowed(v, in.scope)) return CodedError(ErrorCode::kScopeNotAllowed);
  switch (in.scope) {
    case Scope::kMine:
      q.assignee_id = v.id;
      break;
    case Scope::kBranch:
      if (!v.branch_id) return CodedError(ErrorCode::kScopeNotAllowed);
      q.branch_id = v.branch_id;
      break;
    case Scope::kAll:
      break;
  }
  return q;
}

}  // namespace

absl::StatusOr<CalendarMonth> CalendarService::Month(const AuthContext& ctx,
                                                     const CalendarScopeInput& scope,
                                                     absl::CivilMonth month, absl::Time now) {
  CalendarMonth out;
  out.month = month;
  out.today = TodayOf(ctx.user, now);
  const absl::CivilDay first(month), last = absl::CivilDay(month + 1) - 1;
  const absl::TimeZone viewer = ZoneOf(ctx.user);
  for (absl::CivilDay d = first; d <= last; ++d) out.days.push_back({d, 0, 0, DayColour::kNone});
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(AgendaQuery q, Visibility(tx, ctx, scope));
    // A timed return may land a day earlier or later in the viewer's zone.
    q.from = first - 1;
    q.to = last + 1;
    ASSIGN_OR_RETURN(std::vector<CalendarRow> rows, tx.followup_queries().QueryCalendar(q));
    AssigneeZones zones;
    for (const CalendarRow& r : rows) {
      ASSIGN_OR_RETURN(absl::TimeZone zone, zones.Of(tx, r.assignee_id));
      const absl::CivilDay day = ViewerDayOf(r.due_date, r.due_minutes, zone, viewer);
      if (day < first || day > last) continue;
      CalendarDay& d = out.days[static_cast<size_t>(day - first)];
      (r.status == ActionStatus::kDone ? d.done : d.planned) += 1;
    }
    return absl::OkStatus();
  }));
  for (CalendarDay& d : out.days) d.colour = ColourOf(d.done, d.planned, d.date, out.today);
  return out;
}

absl::StatusOr<std::vector<AgendaItem>> CalendarService::Day(const AuthContext& ctx,
                                                             const CalendarScopeInput& scope,
                                                             absl::CivilDay day, absl::Time now) {
  const absl::CivilDay today = TodayOf(ctx.user, now);
  const absl::TimeZone viewer = ZoneOf(ctx.user);
  std::vector<AgendaItem> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(AgendaQuery q, Visibility(tx, ctx, scope));
    q.from = day - 1;
    q.to = day + 1;
    q.only_planned = false;
    q.only_open_followups = false;
    q.limit = 5000;
    ASSIGN_OR_RETURN(std::vector<AgendaRow> rows, tx.followup_queries().QueryAgenda(q));
    AssigneeZones zones;
    for (AgendaRow& r : rows) {
      if (r.action.status == ActionStatus::kCancelled) continue;
      ASSIGN_OR_RETURN(absl::TimeZone zone, zones.Of(tx, r.action.assignee_id));
      if (ViewerDayOf(r.action.due_date, r.action.due_minutes, zone, viewer) != day) continue;
      DerivedState s = StateOf(r.followup.status, r.followup.next_due_date, today);
      out.push_back({std::move(r), s, std::nullopt});
    }
    return AttachDocuments(tx, out);
  }));
  return out;
}

absl::StatusOr<Party> CalendarService::InsertProspect(Tx& tx, const AuthContext& ctx,
                                                      const OpportunityInput& in, absl::Time now) {
  Party p;
  // A prospect has no ERP code yet: a generated one, replaced when it becomes a customer.
  std::string suffix = crypto_.RandomToken().substr(0, 8);
  absl::AsciiStrToUpper(&suffix);
  std::replace_if(
      suffix.begin(), suffix.end(), [](char c) { return c == '-' || c == '_'; }, 'X');
  p.code = "OPP-" + suffix;
  p.kind = PartyKind::kProspect;
  p.name = in.company;
  p.email = in.email;
  p.phone = in.phone;
  p.whatsapp = in.whatsapp;
  p.branch_id = ctx.user.branch_id;
  p.owner_id = ctx.user.id;
  if (!in.contact_name.empty())
    p.contacts.push_back(Contact{in.contact_name, in.email, in.phone, in.whatsapp});
  p.created_at = now;
  ASSIGN_OR_RETURN(p.id, tx.parties().InsertParty(p));
  RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx, now), "party", p.id, audit::Action::kCreate,
                                nullptr, audit::ValuesOf(p)));
  return p;
}

absl::StatusOr<CreatedOpportunity> CalendarService::CreateOpportunity(const AuthContext& ctx,
                                                                      const OpportunityInput& in,
                                                                      absl::Time now) {
  Issues issues;
  if (in.company.empty() && !in.party_id)
    issues.Add("company", "required");
  else if (!IsOneLine(in.company))
    issues.Add("company", "line_break");
  else if (in.company.size() > 160 || !IsCleanText(in.company))
    issues.Add("company", "invalid_text");
  if (!IsOneLine(in.contact_name))
    issues.Add("contact_name", "line_break");
  else if (in.contact_name.size() > 160 || !IsCleanText(in.contact_name))
    issues.Add("contact_name", "invalid_text");
  if (!in.email.empty() && !IsValidEmail(in.email)) issues.Add("email", "invalid_email");
  for (const auto& [field, value] : {std::pair{"phone", &in.phone}, {"whatsapp", &in.whatsapp}})
    if (value->size() > 40 || !IsCleanText(*value)) issues.Add(field, "invalid_text");
  const absl::CivilDay today = TodayOf(ctx.user, now);
  if (!in.next_contact_date)
    issues.Add("next_contact_date", "required");
  else if (*in.next_contact_date < today)
    issues.Add("next_contact_date", "in_past");
  else if (*in.next_contact_date > today + 3660)
    issues.Add("next_contact_date", "too_far");
  if (in.contact_at && *in.contact_at > now + absl::Minutes(5))
    issues.Add("contact_at", "in_future");
  RETURN_IF_ERROR(issues.ToStatus());

  CreatedOpportunity out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    if (in.party_id) {
      ASSIGN_OR_RETURN(std::optional<Party> existing, tx.parties().FindParty(*in.party_id));
      if (!existing) return FieldError("party_id", "unknown_party");
      out.party = *std::move(existing);
    } else {
      ASSIGN_OR_RETURN(out.party, InsertProspect(tx, ctx, in, now));
    }
    const Party& p = out.party;

    ASSIGN_OR_RETURN(std::vector<CodeItem> categories,
                     tx.accounts().ListCodes(CodeTable::kCategory));
    std::erase_if(categories, [](const CodeItem& c) { return !c.active; });  // retired
    if (categories.empty()) return CodedError(ErrorCode::kNoCategories);
    std::string category = categories.front().code;
    for (const CodeItem& c : categories)
      if (c.code == "em_analise") category = c.code;  // manual 001's first stage
    CreateFollowupInput f;
    f.party_id = p.id;
    const std::string& locale = ctx.user.locale;
    f.subject = (locale == "es"   ? "Nueva oportunidad: "
                 : locale == "en" ? "New opportunity: "
                                  : "Nova oportunidade: ") +
                p.name;
    f.category = category;
    // Empty contact fields default to the party's (CreateInTx).
    f.contact = Contact{in.contact_name, in.email, in.phone, in.whatsapp};
    f.contact_at = in.contact_at;
    f.origin = "calendar";
    f.next_action = ActionInput{};
    const bool by_phone = !in.phone.empty() || (in.whatsapp.empty() && !p.phone.empty()) ||
                          (in.whatsapp.empty() && p.whatsapp.empty());
    f.next_action->type = by_phone ? "phone" : "whatsapp";
    f.next_action->due_date = in.next_contact_date;
    return followups_.CreateInTx(tx, ctx, f, now, out.followup);
  }));
  return out;
}

absl::StatusOr<std::string> CalendarService::CreateFeed(const AuthContext& ctx, absl::Time now) {
  std::string token = crypto_.RandomToken();
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) {
    return tx.accounts().PutCalendarFeed(ctx.user.id, crypto_.Sha256Hex(token), now);
  }));
  return token;
}

absl::Status CalendarService::DeleteFeed(const AuthContext& ctx) {
  return store_.Write([&](Tx& tx) { return tx.accounts().DeleteCalendarFeed(ctx.user.id); });
}

absl::StatusOr<bool> CalendarService::HasFeed(UserId user) {
  bool has = false;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(has, tx.accounts().HasCalendarFeed(user));
    return absl::OkStatus();
  }));
  return has;
}

absl::StatusOr<std::string> CalendarService::Feed(const std::string& token, absl::Time now) {
  if (token.empty() || token.size() > 128) return CodedError(ErrorCode::kCalendarFeedNotFound);
  std::string out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<UserId> id,
                     tx.accounts().FindCalendarFeed(crypto_.Sha256Hex(token)));
    if (!id) return CodedError(ErrorCode::kCalendarFeedNotFound);
    ASSIGN_OR_RETURN(std::optional<User> user, tx.accounts().FindUser(*id));
    if (!user || !user->active) return CodedError(ErrorCode::kCalendarFeedNotFound);
    ASSIGN_OR_RETURN(const absl::TimeZone zone, ZoneOfUser(tx, *user));
    const absl::CivilDay today = DayIn(now, zone);
    AgendaQuery q;
    q.assignee_id = user->id;
    q.from = today - 30;
    q.to = today + 366;
    q.limit = 5000;
    ASSIGN_OR_RETURN(std::vector<AgendaRow> rows, tx.followup_queries().QueryAgenda(q));
    std::vector<FeedEvent> events;
    for (const AgendaRow& r : rows) {
      FeedEvent e;
      e.uid = "action-" + std::to_string(r.action.id.value) + "@retorno";
      e.date = r.action.due_date;
      if (r.action.due_minutes) e.start = InstantOf(r.action.due_date, *r.action.due_minutes, zone);
      e.summary = r.followup.subject + " — " + r.party.name;
      const Contact& c = r.followup.contact;
      for (const std::string* part : {&c.name, &c.phone, &c.email})
        if (!part->empty()) e.description += (e.description.empty() ? "" : " · ") + *part;
      e.alarm = ReminderInstant(r.action.due_date, r.action.due_minutes, zone, r.action.remind_at);
      events.push_back(std::move(e));
    }
    out = RenderICalendar("Retorno — " + user->name, events, now);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
