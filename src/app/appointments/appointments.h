// Appointments and free days (manual 003, "Agendamentos" and "Dias livres"). An
// appointment is a time slot of one or more users about a follow-up: booked, changed and
// deleted by those who may change the follow-up, for users they may book for (an agent
// themselves, a supervisor the users of their branch, admins anyone). Deleting keeps it,
// so previous and deleted ones stay consultable. Booking and changing never refuse a
// clash: the answer lists the other appointments and timed returns of the same users
// that overlap it (ADR 0045). Each change is a line on the follow-up's timeline.
// Free days: for chosen users and a period, each user's days in their own zone, free,
// partly free, busy or off, from their appointments and timed returns.
// Each public method runs in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"
#include "app/ports/appointments.h"
#include "domain/appointments/free_days.h"

namespace retorno {

struct AppointmentOptions {
  // A user's working day for free days (ADR 0045): 08:00-18:00, Monday to Friday.
  WorkingHours hours;
  // How long a timed return keeps its assignee busy: a call or a visit's slot.
  absl::Duration return_length = absl::Minutes(30);
  // The longest period of one free-days question, and how many users at once.
  int max_days = 62;
  int max_users = 20;
};

struct AppointmentInput {
  std::optional<absl::Time> starts_at;
  std::optional<absl::Time> ends_at;
  std::optional<std::string> place;
  std::optional<std::string> note;
  // Users (ids as sent); default on booking: the caller.
  std::optional<std::vector<int64_t>> attendees;
};

struct AppointmentChange {
  int64_t expected_version = 0;  // from If-Match
  AppointmentInput fields;       // absent: unchanged
};

struct NamedUser {
  UserId id;
  std::string name;
};

struct AppointmentView {
  Appointment appointment;
  std::vector<NamedUser> attendees;
  std::string created_by_name;
  std::string deleted_by_name;
};

// Something else that takes one of the appointment's users at an overlapping time.
struct AppointmentConflict {
  NamedUser user;
  enum class Kind { kAppointment, kReturn } kind = Kind::kAppointment;
  std::optional<AppointmentId> appointment_id;
  std::optional<ActionId> action_id;
  std::optional<FollowupId> followup_id;
  absl::Time starts_at;
  absl::Time ends_at;
};

struct BookedAppointment {
  AppointmentView view;
  std::vector<AppointmentConflict> conflicts;
};

struct FreeDaysInput {
  std::vector<int64_t> users;  // required, 1..max_users
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;  // from..to inclusive, at most max_days
  std::optional<int> day_start;      // local minutes; default the options' hours
  std::optional<int> day_end;
};

// One user's appointments on the viewer's days from..to (inclusive), for the calendar.
struct UserAppointmentsInput {
  std::optional<UserId> user_id;  // default: the viewer
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
};

struct UserFreeDays {
  NamedUser user;
  std::string time_zone;
  std::vector<DayFreedom> days;
};

class AppointmentService {
 public:
  AppointmentService(Store& store, AppointmentStore& appointments, AppointmentOptions options = {})
      : store_(store), appointments_(appointments), options_(options) {}

  // The follow-up's appointments, deleted ones too, for those who may read it.
  absl::StatusOr<std::vector<AppointmentView>> ForFollowup(const AuthContext& ctx, FollowupId id);
  // 422 naming each bad field (attendees[i] unknown_user); 403 forbidden_followup, 403
  // filter_not_allowed for a user the caller may not book for; 409 followup_closed.
  absl::StatusOr<BookedAppointment> Book(const AuthContext& ctx, FollowupId id,
                                         const AppointmentInput& in, absl::Time now);
  // As Book, plus 412 version for a stale If-Match; 404 not_found for a deleted one.
  absl::StatusOr<BookedAppointment> Change(const AuthContext& ctx, AppointmentId id,
                                           const AppointmentChange& in, absl::Time now);
  // Marks it deleted (kept, consultable); 404 not_found when already deleted.
  absl::Status Delete(const AuthContext& ctx, AppointmentId id, absl::Time now);

  // The live appointments a user takes part in that overlap the viewer's days from..to
  // (in the viewer's zone, so that an appointment at 23:30 is on that evening's day), by
  // start. Another user's only as the calendar shows them: 403 scope_not_allowed
  // otherwise; 422 for a bad period or an unknown user.
  absl::StatusOr<std::vector<AppointmentView>> ForUser(const AuthContext& ctx,
                                                       const UserAppointmentsInput& in);

  // 403 scope_not_allowed for a user whose agenda the caller may not see (the lists'
  // rule for naming a person); 422 for a bad period or users.
  absl::StatusOr<std::vector<UserFreeDays>> FreeDays(const AuthContext& ctx,
                                                     const FreeDaysInput& in);

 private:
  Store& store_;
  AppointmentStore& appointments_;
  AppointmentOptions options_;
};

// The timeline line of an appointment, in the zone of whoever wrote it: its day, times,
// place and users ("📅 2026-03-10 10:00–11:00 · Sala 2 · Ana, Bruno").
std::string AppointmentLine(const Appointment& a, const std::vector<NamedUser>& users,
                            const absl::TimeZone& zone);

}  // namespace retorno
