#include "app/appointments/appointments.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "app/accounts/user_cache.h"
#include "app/error_codes.h"
#include "app/errors.h"
#include "app/followups/followups.h"
#include "app/time_zone.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/permissions.h"
#include "domain/time_zone.h"

namespace retorno {

namespace {

// What takes a user at some time: an appointment or a timed return.
struct Taken {
  BusyInterval interval;
  AppointmentConflict::Kind kind = AppointmentConflict::Kind::kAppointment;
  std::optional<AppointmentId> appointment_id;
  std::optional<ActionId> action_id;
  std::optional<FollowupId> followup_id;
};

// A user's appointments (but `except`) and timed returns that overlap [from, to).
absl::StatusOr<std::vector<Taken>> TakenOf(Tx& tx, AppointmentRepository& repo, const User& u,
                                           const absl::TimeZone& zone, absl::Time from,
                                           absl::Time to, std::optional<AppointmentId> except,
                                           absl::Duration return_length) {
  std::vector<Taken> out;
  ASSIGN_OR_RETURN(std::vector<AttendeeBusy> busy, repo.ListBusy({u.id}, from, to));
  for (const AttendeeBusy& b : busy) {
    if (except && b.appointment_id == *except) continue;
    out.push_back({.interval = {b.starts_at, b.ends_at},
                   .kind = AppointmentConflict::Kind::kAppointment,
                   .appointment_id = b.appointment_id,
                   .followup_id = b.followup_id});
  }
  AgendaQuery q;
  q.assignee_id = u.id;
  q.from = DayIn(from, zone) - 1;
  q.to = DayIn(to, zone) + 1;
  ASSIGN_OR_RETURN(std::vector<CalendarRow> rows, tx.followup_queries().QueryCalendar(q));
  for (const CalendarRow& r : rows) {
    if (!r.due_minutes || r.assignee_id != u.id) continue;
    const absl::Time start = InstantOf(r.due_date, *r.due_minutes, zone);
    const BusyInterval i{start, start + return_length};
    if (!Overlaps(i, {from, to})) continue;
    out.push_back({.interval = i, .kind = AppointmentConflict::Kind::kReturn, .action_id = r.id});
  }
  return out;
}

absl::Status ToIssues(const AppointmentProblems& problems, Issues& issues) {
  for (const auto& [field, key] : problems) issues.Add(field, key);
  return issues.ToStatus();
}

// The attendees as users: `attendees[i]` unknown_user for an id no user has; repeats
// dropped; `attendees` required when empty, too_many over the limit.
absl::StatusOr<std::vector<const User*>> ResolveAttendees(UserCache& users,
                                                          const std::vector<int64_t>& ids, int max,
                                                          Issues& issues) {
  std::vector<const User*> out;
  if (ids.empty()) issues.Add("attendees", "required");
  if (static_cast<int>(ids.size()) > max) issues.Add("attendees", "too_many");
  for (size_t i = 0; i < ids.size(); ++i) {
    const User* u = nullptr;
    if (ids[i] > 0) {
      ASSIGN_OR_RETURN(u, users.Find(UserId(ids[i])));
    }
    if (!u) {
      issues.Add(absl::StrCat("attendees[", i, "]"), "unknown_user");
      continue;
    }
    if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
  }
  return out;
}

// Booking for a user is the lists' rule for naming one: an agent themselves, a
// supervisor the users of their branch, admins anyone.
// A period of days, from..to inclusive, as both a user's appointments and the free days
// take it.
void CheckPeriod(const std::optional<absl::CivilDay>& from, const std::optional<absl::CivilDay>& to,
                 int max_days, Issues& issues) {
  if (!from) issues.Add("from", "required");
  if (!to) issues.Add("to", "required");
  if (from && to) {
    if (*to < *from)
      issues.Add("to", "before_from");
    else if (*to - *from + 1 > max_days)
      issues.Add("to", "too_far");
  }
}

absl::Status CheckBookable(const AuthContext& ctx, const User& u) {
  if (!CanFilterByOwner(ctx.viewer(), u.id, u.branch_id))
    return CodedError(ErrorCode::kFilterNotAllowed);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AppointmentConflict>> ConflictsOf(Tx& tx, AppointmentRepository& repo,
                                                             UserCache& users, const Appointment& a,
                                                             absl::Duration return_length) {
  std::vector<AppointmentConflict> out;
  for (UserId id : a.attendees) {
    ASSIGN_OR_RETURN(const User* u, users.Find(id));
    if (!u) continue;
    ASSIGN_OR_RETURN(absl::TimeZone zone, users.ZoneOf(*u));
    ASSIGN_OR_RETURN(std::vector<Taken> taken,
                     TakenOf(tx, repo, *u, zone, a.starts_at, a.ends_at, a.id, return_length));
    for (const Taken& t : taken)
      out.push_back({.user = {u->id, u->name},
                     .kind = t.kind,
                     .appointment_id = t.appointment_id,
                     .action_id = t.action_id,
                     .followup_id = t.followup_id,
                     .starts_at = t.interval.start,
                     .ends_at = t.interval.end});
  }
  std::sort(out.begin(), out.end(), [](const AppointmentConflict& x, const AppointmentConflict& y) {
    return std::tie(x.starts_at, x.user.id) < std::tie(y.starts_at, y.user.id);
  });
  return out;
}

AppointmentView ViewOf(UserCache& users, Appointment a) {
  AppointmentView v;
  for (UserId id : a.attendees) v.attendees.push_back({id, users.NameOf(id)});
  v.created_by_name = users.NameOf(a.created_by);
  if (a.deleted_by) v.deleted_by_name = users.NameOf(*a.deleted_by);
  v.appointment = std::move(a);
  return v;
}

// The line on the follow-up's timeline, and the follow-up's new version (its ETag).
absl::Status WriteTimeline(Tx& tx, const AuthContext& ctx, Followup& f, std::string body,
                           absl::Time now) {
  Entry e;
  e.followup_id = f.id;
  e.kind = EntryKind::kStatus;
  e.body = std::move(body);
  e.author_id = ctx.user.id;
  e.contact_at = e.created_at = now;
  RETURN_IF_ERROR(tx.followups().InsertEntry(e).status());
  f.updated_by = ctx.user.id;
  f.updated_at = now;
  return tx.followups().UpdateFollowup(f).status();
}

// The appointment and its follow-up, for a change by someone who may change it.
absl::StatusOr<std::pair<Appointment, Followup>> LoadForChange(Tx& tx, AppointmentRepository& repo,
                                                               const AuthContext& ctx,
                                                               AppointmentId id) {
  ASSIGN_OR_RETURN(std::optional<Appointment> a, repo.FindAppointment(id));
  if (!a) return CodedError(ErrorCode::kNotFound);
  ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, a->followup_id));
  if (a->deleted_at) return CodedError(ErrorCode::kNotFound);
  return std::make_pair(*std::move(a), std::move(f));
}

}  // namespace

std::string AppointmentLine(const Appointment& a, const std::vector<NamedUser>& users,
                            const absl::TimeZone& zone) {
  const absl::CivilMinute s = absl::ToCivilMinute(a.starts_at, zone);
  const absl::CivilMinute e = absl::ToCivilMinute(a.ends_at, zone);
  auto minutes = [](absl::CivilMinute m) { return m.hour() * 60 + m.minute(); };
  std::string line =
      absl::StrCat("📅 ", FormatDate(absl::CivilDay(s)), " ", FormatTimeOfDay(minutes(s)), "–");
  if (absl::CivilDay(e) != absl::CivilDay(s))
    absl::StrAppend(&line, FormatDate(absl::CivilDay(e)), " ");
  absl::StrAppend(&line, FormatTimeOfDay(minutes(e)));
  if (!a.place.empty()) absl::StrAppend(&line, " · ", a.place);
  std::vector<std::string> names;
  for (const NamedUser& u : users) names.push_back(u.name);
  absl::StrAppend(&line, " · ", absl::StrJoin(names, ", "));
  return line;
}

absl::StatusOr<std::vector<AppointmentView>> AppointmentService::ForFollowup(const AuthContext& ctx,
                                                                             FollowupId id) {
  std::vector<AppointmentView> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadReadableFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(std::vector<Appointment> list, appointments_.In(tx)->ListAppointments(f.id));
    UserCache users(tx);
    for (Appointment& a : list) out.push_back(ViewOf(users, std::move(a)));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<BookedAppointment> AppointmentService::Book(const AuthContext& ctx, FollowupId id,
                                                           const AppointmentInput& in,
                                                           absl::Time now) {
  BookedAppointment out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    // Rights, then fields, then the follow-up's state: the order of the other changes.
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    std::unique_ptr<AppointmentRepository> repo = appointments_.In(tx);
    UserCache users(tx);
    Issues issues;
    ASSIGN_OR_RETURN(
        std::vector<const User*> attendees,
        ResolveAttendees(users, in.attendees.value_or(std::vector<int64_t>{ctx.user.id.value}),
                         options_.max_users, issues));
    RETURN_IF_ERROR(ToIssues(
        CheckAppointment(in.starts_at, in.ends_at, in.place.value_or(""), in.note.value_or("")),
        issues));
    for (const User* u : attendees) RETURN_IF_ERROR(CheckBookable(ctx, *u));
    if (f.status != FollowupStatus::kOpen) return CodedError(ErrorCode::kFollowupClosed);
    Appointment a;
    a.followup_id = f.id;
    a.starts_at = *in.starts_at;
    a.ends_at = *in.ends_at;
    a.place = in.place.value_or("");
    a.note = in.note.value_or("");
    for (const User* u : attendees) a.attendees.push_back(u->id);
    a.version = 1;
    a.created_by = a.updated_by = ctx.user.id;
    a.created_at = a.updated_at = now;
    ASSIGN_OR_RETURN(a.id, repo->InsertAppointment(a));
    ASSIGN_OR_RETURN(out.conflicts, ConflictsOf(tx, *repo, users, a, options_.return_length));
    out.view = ViewOf(users, std::move(a));
    return WriteTimeline(
        tx, ctx, f, AppointmentLine(out.view.appointment, out.view.attendees, ZoneOf(ctx.user)),
        now);
  }));
  return out;
}

absl::StatusOr<BookedAppointment> AppointmentService::Change(const AuthContext& ctx,
                                                             AppointmentId id,
                                                             const AppointmentChange& in,
                                                             absl::Time now) {
  BookedAppointment out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    std::unique_ptr<AppointmentRepository> repo = appointments_.In(tx);
    ASSIGN_OR_RETURN(auto loaded, LoadForChange(tx, *repo, ctx, id));
    auto& [a, f] = loaded;
    UserCache users(tx);
    const std::vector<NamedUser> before_users = ViewOf(users, a).attendees;
    const Appointment before = a;
    Issues issues;
    std::vector<const User*> added;
    if (in.fields.attendees) {
      ASSIGN_OR_RETURN(std::vector<const User*> attendees,
                       ResolveAttendees(users, *in.fields.attendees, options_.max_users, issues));
      a.attendees.clear();
      for (const User* u : attendees) {
        if (std::find(before.attendees.begin(), before.attendees.end(), u->id) ==
            before.attendees.end())
          added.push_back(u);
        a.attendees.push_back(u->id);
      }
    }
    if (in.fields.starts_at) a.starts_at = *in.fields.starts_at;
    if (in.fields.ends_at) a.ends_at = *in.fields.ends_at;
    if (in.fields.place) a.place = *in.fields.place;
    if (in.fields.note) a.note = *in.fields.note;
    RETURN_IF_ERROR(ToIssues(CheckAppointment(a.starts_at, a.ends_at, a.place, a.note), issues));
    for (const User* u : added) RETURN_IF_ERROR(CheckBookable(ctx, *u));
    if (in.expected_version != a.version) return CodedError(ErrorCode::kVersion);
    if (f.status != FollowupStatus::kOpen) return CodedError(ErrorCode::kFollowupClosed);
    a.version += 1;
    a.updated_by = ctx.user.id;
    a.updated_at = now;
    RETURN_IF_ERROR(repo->UpdateAppointment(a));
    ASSIGN_OR_RETURN(out.conflicts, ConflictsOf(tx, *repo, users, a, options_.return_length));
    out.view = ViewOf(users, a);
    const absl::TimeZone zone = ZoneOf(ctx.user);
    return WriteTimeline(tx, ctx, f,
                         absl::StrCat("↻ ", AppointmentLine(before, before_users, zone), " → ",
                                      AppointmentLine(a, out.view.attendees, zone)),
                         now);
  }));
  return out;
}

absl::Status AppointmentService::Delete(const AuthContext& ctx, AppointmentId id, absl::Time now) {
  return store_.Write([&](Tx& tx) -> absl::Status {
    std::unique_ptr<AppointmentRepository> repo = appointments_.In(tx);
    ASSIGN_OR_RETURN(auto loaded, LoadForChange(tx, *repo, ctx, id));
    auto& [a, f] = loaded;
    if (f.status != FollowupStatus::kOpen) return CodedError(ErrorCode::kFollowupClosed);
    UserCache users(tx);
    a.deleted_at = now;
    a.deleted_by = ctx.user.id;
    a.version += 1;
    a.updated_by = ctx.user.id;
    a.updated_at = now;
    RETURN_IF_ERROR(repo->UpdateAppointment(a));
    const std::vector<NamedUser> names = ViewOf(users, a).attendees;
    return WriteTimeline(tx, ctx, f,
                         absl::StrCat("✕ ", AppointmentLine(a, names, ZoneOf(ctx.user))), now);
  });
}

absl::StatusOr<std::vector<AppointmentView>> AppointmentService::ForUser(
    const AuthContext& ctx, const UserAppointmentsInput& in) {
  Issues issues;
  CheckPeriod(in.from, in.to, options_.max_days, issues);
  RETURN_IF_ERROR(issues.ToStatus());
  std::vector<AppointmentView> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    UserCache users(tx);
    const UserId who = in.user_id.value_or(ctx.user.id);
    if (who.value != ctx.user.id.value) {
      const User* u = nullptr;
      if (who.value > 0) {
        ASSIGN_OR_RETURN(u, users.Find(who));
      }
      if (!u) return FieldError("user_id", "unknown_user");
      // The calendar's rule for looking at someone else's month.
      if (!CanAssignTo(ctx.viewer(), u->id, u->branch_id))
        return CodedError(ErrorCode::kScopeNotAllowed);
    }
    // The days are the viewer's: the calendar they look at is drawn in their zone.
    const absl::TimeZone zone = ZoneOf(ctx.user);
    std::unique_ptr<AppointmentRepository> repo = appointments_.In(tx);
    ASSIGN_OR_RETURN(
        std::vector<AttendeeBusy> busy,
        repo->ListBusy({who}, InstantOf(*in.from, 0, zone), InstantOf(*in.to + 1, 0, zone)));
    for (const AttendeeBusy& b : busy) {
      ASSIGN_OR_RETURN(std::optional<Appointment> a, repo->FindAppointment(b.appointment_id));
      if (a && !a->deleted_at) out.push_back(ViewOf(users, std::move(*a)));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<UserFreeDays>> AppointmentService::FreeDays(const AuthContext& ctx,
                                                                       const FreeDaysInput& in) {
  Issues issues;
  if (in.users.empty()) issues.Add("users", "required");
  if (static_cast<int>(in.users.size()) > options_.max_users) issues.Add("users", "too_many");
  CheckPeriod(in.from, in.to, options_.max_days, issues);
  WorkingHours hours = options_.hours;
  if (in.day_start) hours.start_minutes = *in.day_start;
  if (in.day_end) hours.end_minutes = *in.day_end == 0 ? 24 * 60 : *in.day_end;
  if (hours.end_minutes <= hours.start_minutes) issues.Add("day_end", "before_from");
  std::vector<UserFreeDays> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    std::unique_ptr<AppointmentRepository> repo = appointments_.In(tx);
    UserCache users(tx);
    std::vector<const User*> chosen;
    for (int64_t id : in.users) {
      const User* u = nullptr;
      if (id > 0) {
        ASSIGN_OR_RETURN(u, users.Find(UserId(id)));
      }
      if (!u) {
        issues.Add("users", "unknown_user");
        break;
      }
      if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) chosen.push_back(u);
    }
    RETURN_IF_ERROR(issues.ToStatus());
    for (const User* u : chosen)
      if (!CanFilterByOwner(ctx.viewer(), u->id, u->branch_id))
        return CodedError(ErrorCode::kScopeNotAllowed);
    for (const User* u : chosen) {
      ASSIGN_OR_RETURN(absl::TimeZone zone, users.ZoneOf(*u));
      const absl::Time from = InstantOf(*in.from, 0, zone);
      const absl::Time to = InstantOf(*in.to + 1, 0, zone);
      ASSIGN_OR_RETURN(std::vector<Taken> taken, TakenOf(tx, *repo, *u, zone, from, to,
                                                         std::nullopt, options_.return_length));
      std::vector<BusyInterval> busy;
      for (const Taken& t : taken) busy.push_back(t.interval);
      out.push_back({.user = {u->id, u->name},
                     .time_zone = zone.name(),
                     .days = retorno::FreeDays(std::move(busy), *in.from, *in.to, zone, hours)});
    }
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
