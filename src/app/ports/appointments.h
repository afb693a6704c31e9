// The appointment repository (manual 003, "Agendamentos"): appointments of a follow-up
// for one or more users, kept when deleted so previous and deleted ones stay
// consultable, and what the users' free days are computed from. Part of a Tx
// (app/ports.h) through AppointmentStore.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/ports.h"
#include "base/ids.h"
#include "domain/appointments/free_days.h"

namespace retorno {

using AppointmentId = StrongId<struct AppointmentTag>;

// A time slot [starts_at, ends_at) of its attendees, about a follow-up. `version` grows
// with every change (If-Match). Deleting sets deleted_at/by and keeps the row.
struct Appointment {
  AppointmentId id;
  FollowupId followup_id;
  absl::Time starts_at;
  absl::Time ends_at;
  std::string place;
  std::string note;
  std::vector<UserId> attendees;  // at least one, no repeats, in the order given
  int64_t version = 1;
  UserId created_by;
  absl::Time created_at;
  UserId updated_by;
  absl::Time updated_at;
  std::optional<absl::Time> deleted_at;
  std::optional<UserId> deleted_by;
};

// One live appointment of one of its attendees, for free days and conflicts.
struct AttendeeBusy {
  UserId user_id;
  AppointmentId appointment_id;
  FollowupId followup_id;
  absl::Time starts_at;
  absl::Time ends_at;
};

class AppointmentRepository {
 public:
  virtual ~AppointmentRepository() = default;

  // The follow-up's appointments, deleted ones too, by start then id.
  virtual absl::StatusOr<std::vector<Appointment>> ListAppointments(FollowupId followup) = 0;
  virtual absl::StatusOr<std::optional<Appointment>> FindAppointment(AppointmentId id) = 0;
  // Inserts the appointment and its attendees.
  virtual absl::StatusOr<AppointmentId> InsertAppointment(const Appointment& a) = 0;
  // Writes every field and replaces the attendees.
  virtual absl::Status UpdateAppointment(const Appointment& a) = 0;
  // The live (not deleted) appointments of these users that overlap [from, to), one row
  // per (user, appointment), by user then start.
  virtual absl::StatusOr<std::vector<AttendeeBusy>> ListBusy(const std::vector<UserId>& users,
                                                             absl::Time from, absl::Time to) = 0;
};

// The appointment repository of a transaction: what the use cases write and read in the
// same transaction as the follow-up they change. Each SQL store provides one
// (store/sql/appointments.h).
class AppointmentStore {
 public:
  virtual ~AppointmentStore() = default;
  // Valid while `tx` is; `tx` must come from the store this belongs to.
  virtual std::unique_ptr<AppointmentRepository> In(Tx& tx) = 0;
};

}  // namespace retorno
