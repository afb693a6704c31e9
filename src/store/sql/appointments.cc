// The appointment repository in SQL (manual 003): appointments and their users. The
// users' rows carry the appointment's times and whether it is live, so a user's busy
// time is one range of the index appointment_users_busy.
#include "store/sql/appointments.h"

#include "base/status_macros.h"
#include "store/sql/rows.h"
#include "store/sql/sql_tx.h"

namespace retorno::sql {

namespace {

constexpr char kAppointmentCols[] =
    "a.id, a.followup_id, a.starts_at, a.ends_at, a.place, a.note, a.version, a.created_by, "
    "a.created_at, a.updated_by, a.updated_at, a.deleted_at, a.deleted_by";

RETORNO_SQL(kListAppointments, "SELECT ", kAppointmentCols,
            " FROM appointments a WHERE a.followup_id = ? ORDER BY a.starts_at, a.id");
RETORNO_SQL(kFindAppointment, "SELECT ", kAppointmentCols, " FROM appointments a WHERE a.id = ?");
RETORNO_SQL(kInsertAppointment,
            "INSERT INTO appointments (followup_id, starts_at, ends_at, place, note, version, "
            "created_by, created_at, updated_by, updated_at, deleted_at, deleted_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kUpdateAppointment,
            "UPDATE appointments SET starts_at = ?, ends_at = ?, place = ?, note = ?, version = ?, "
            "updated_by = ?, updated_at = ?, deleted_at = ?, deleted_by = ? WHERE id = ?");
RETORNO_SQL(kListAttendees,
            "SELECT u.user_id FROM appointment_users u WHERE u.appointment_id = ? "
            "ORDER BY u.position");
RETORNO_SQL(kDeleteAttendees, "DELETE FROM appointment_users WHERE appointment_id = ?");
RETORNO_SQL(kInsertAttendee,
            "INSERT INTO appointment_users (appointment_id, user_id, position, starts_at, ends_at, "
            "live) VALUES (?, ?, ?, ?, ?, ?)");
// Overlapping [from, to): starts before `to` and ends after `from`. An appointment lasts
// at most 14 days (domain/appointments), so the range on starts_at is bounded below.
RETORNO_SQL(kListBusy,
            "SELECT u.user_id, u.appointment_id, a.followup_id, u.starts_at, u.ends_at "
            "FROM appointment_users u JOIN appointments a ON a.id = u.appointment_id "
            "WHERE u.user_id = ? AND u.live = 1 AND u.starts_at >= ? AND u.starts_at < ? "
            "AND u.ends_at > ? ORDER BY u.starts_at, u.appointment_id");

absl::StatusOr<Appointment> ReadAppointment(const Query& q, int c) {
  Appointment a;
  a.id = q.IdAt<AppointmentId>(c);
  a.followup_id = q.IdAt<FollowupId>(c + 1);
  a.starts_at = q.Time(c + 2);
  a.ends_at = q.Time(c + 3);
  a.place = q.Text(c + 4);
  a.note = q.Text(c + 5);
  a.version = q.Int(c + 6);
  a.created_by = q.IdAt<UserId>(c + 7);
  a.created_at = q.Time(c + 8);
  a.updated_by = q.IdAt<UserId>(c + 9);
  a.updated_at = q.Time(c + 10);
  a.deleted_at = q.OptTime(c + 11);
  a.deleted_by = q.OptId<UserId>(c + 12);
  return a;
}

absl::StatusOr<AttendeeBusy> ReadBusy(const Query& q, int c) {
  return AttendeeBusy{.user_id = q.IdAt<UserId>(c),
                      .appointment_id = q.IdAt<AppointmentId>(c + 1),
                      .followup_id = q.IdAt<FollowupId>(c + 2),
                      .starts_at = q.Time(c + 3),
                      .ends_at = q.Time(c + 4)};
}

}  // namespace

absl::Status SqlAppointments::ReadAttendees(Appointment& a) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kListAttendees));
  q.BindAll(a.id);
  a.attendees.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    a.attendees.push_back(q.IdAt<UserId>(0));
  }
  return absl::OkStatus();
}

absl::Status SqlAppointments::WriteAttendees(const Appointment& a) {
  RETURN_IF_ERROR(db_.Run(kDeleteAttendees, a.id));
  int64_t position = 0;
  for (UserId u : a.attendees)
    RETURN_IF_ERROR(db_.Run(kInsertAttendee, a.id, u, ++position, a.starts_at, a.ends_at,
                            !a.deleted_at.has_value()));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Appointment>> SqlAppointments::ListAppointments(FollowupId followup) {
  ASSIGN_OR_RETURN(std::vector<Appointment> out,
                   FindAll<Appointment>(db_, kListAppointments, ReadAppointment, followup));
  for (Appointment& a : out) RETURN_IF_ERROR(ReadAttendees(a));
  return out;
}

absl::StatusOr<std::optional<Appointment>> SqlAppointments::FindAppointment(AppointmentId id) {
  ASSIGN_OR_RETURN(std::optional<Appointment> a,
                   FindOne<Appointment>(db_, kFindAppointment, ReadAppointment, id));
  if (a) RETURN_IF_ERROR(ReadAttendees(*a));
  return a;
}

absl::StatusOr<AppointmentId> SqlAppointments::InsertAppointment(const Appointment& in) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  ASSIGN_OR_RETURN(int64_t id,
                   InsertId(db_, kInsertAppointment, in.followup_id, in.starts_at, in.ends_at,
                            in.place, in.note, in.version, in.created_by, in.created_at,
                            in.updated_by, in.updated_at, in.deleted_at, in.deleted_by));
  Appointment a = in;
  a.id = AppointmentId(id);
  RETURN_IF_ERROR(WriteAttendees(a));
  RETURN_IF_ERROR(sp.Release());
  return a.id;
}

absl::Status SqlAppointments::UpdateAppointment(const Appointment& a) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  RETURN_IF_ERROR(db_.Run(kUpdateAppointment, a.starts_at, a.ends_at, a.place, a.note, a.version,
                          a.updated_by, a.updated_at, a.deleted_at, a.deleted_by, a.id));
  if (db_.Changes() != 1) return absl::NotFoundError("appointment");
  RETURN_IF_ERROR(WriteAttendees(a));
  return sp.Release();
}

absl::StatusOr<std::vector<AttendeeBusy>> SqlAppointments::ListBusy(
    const std::vector<UserId>& users, absl::Time from, absl::Time to) {
  std::vector<AttendeeBusy> out;
  for (UserId u : users) {
    ASSIGN_OR_RETURN(
        std::vector<AttendeeBusy> rows,
        FindAll<AttendeeBusy>(db_, kListBusy, ReadBusy, u, from - kMaxAppointmentLength, to, from));
    out.insert(out.end(), rows.begin(), rows.end());
  }
  return out;
}

std::unique_ptr<AppointmentRepository> SqlAppointmentStore::In(Tx& tx) {
  return std::make_unique<SqlAppointments>(static_cast<SqlTx&>(tx).db());
}

}  // namespace retorno::sql
