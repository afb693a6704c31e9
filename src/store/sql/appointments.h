// The appointment repository in SQL (app/ports/appointments.h), written once for both
// dialects. Private to store/sql/; a store reaches it through SqlTx.
#pragma once

#include "app/ports/appointments.h"
#include "store/sql/db.h"

namespace retorno::sql {

class SqlAppointments final : public AppointmentRepository {
 public:
  explicit SqlAppointments(Db& db) : db_(db) {}

  absl::StatusOr<std::vector<Appointment>> ListAppointments(FollowupId followup) override;
  absl::StatusOr<std::optional<Appointment>> FindAppointment(AppointmentId id) override;
  absl::StatusOr<AppointmentId> InsertAppointment(const Appointment& a) override;
  absl::Status UpdateAppointment(const Appointment& a) override;
  absl::StatusOr<std::vector<AttendeeBusy>> ListBusy(const std::vector<UserId>& users,
                                                     absl::Time from, absl::Time to) override;

 private:
  absl::Status ReadAttendees(Appointment& a);
  absl::Status WriteAttendees(const Appointment& a);
  Db& db_;
};

// The appointment repository of a transaction of any SQL store: both stores run their
// use cases on a SqlTx (ADR 0027).
class SqlAppointmentStore final : public AppointmentStore {
 public:
  std::unique_ptr<AppointmentRepository> In(Tx& tx) override;
};

}  // namespace retorno::sql
