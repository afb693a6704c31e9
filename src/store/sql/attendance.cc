// The attendance repository in SQL: attendance types, each follow-up's type and the
// authors' draft pareceres (manual 003).
#include "store/sql/attendance.h"

#include "base/status_macros.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

constexpr char kTypeCols[] =
    "t.id, t.name_pt, t.name_es, t.name_en, t.attachments_allowed, t.max_attachment_bytes, "
    "t.parecer_text, t.email_subject, t.email_text, t.workflow_id, t.active, t.is_default, "
    "t.created_at, t.updated_at";

RETORNO_SQL(kListTypes, "SELECT ", kTypeCols, " FROM attendance_types t ORDER BY t.id");
RETORNO_SQL(kFindType, "SELECT ", kTypeCols, " FROM attendance_types t WHERE t.id = ?");
RETORNO_SQL(kFindDefaultType, "SELECT ", kTypeCols,
            " FROM attendance_types t WHERE t.is_default = 1");
RETORNO_SQL(kInsertType,
            "INSERT INTO attendance_types (name_pt, name_es, name_en, attachments_allowed, "
            "max_attachment_bytes, parecer_text, email_subject, email_text, workflow_id, "
            "active, is_default, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id");
// The default mark is the migration's and never moves here.
RETORNO_SQL(kUpdateType,
            "UPDATE attendance_types SET name_pt = ?, name_es = ?, name_en = ?, "
            "attachments_allowed = ?, max_attachment_bytes = ?, parecer_text = ?, "
            "email_subject = ?, email_text = ?, workflow_id = ?, active = ?, updated_at = ? "
            "WHERE id = ?");
RETORNO_SQL(kFindFollowupType,
            "SELECT attendance_type_id FROM followup_attendance WHERE followup_id = ?");
RETORNO_SQL(kPutFollowupType,
            "INSERT INTO followup_attendance (followup_id, attendance_type_id) VALUES (?, ?) "
            "ON CONFLICT (followup_id) DO UPDATE SET "
            "attendance_type_id = excluded.attendance_type_id");
RETORNO_SQL(kListDrafts,
            "SELECT e.id, e.followup_id, e.action_id, e.kind, e.body, e.author_id, "
            "e.contact_at, e.created_at, e.draft, e.standard, f.subject, p.name "
            "FROM entries e JOIN followups f ON f.id = e.followup_id "
            "JOIN parties p ON p.id = f.party_id "
            "WHERE e.author_id = ? AND e.draft = 1 ORDER BY e.created_at DESC, e.id DESC");

absl::StatusOr<AttendanceType> ReadType(const Query& q, int c) {
  AttendanceType t;
  t.id = q.IdAt<AttendanceTypeId>(c);
  t.name_pt = q.Text(c + 1);
  t.name_es = q.Text(c + 2);
  t.name_en = q.Text(c + 3);
  t.attachments_allowed = q.Bool(c + 4);
  t.max_attachment_bytes = q.Int(c + 5);
  t.parecer_text = q.Text(c + 6);
  t.email_subject = q.Text(c + 7);
  t.email_text = q.Text(c + 8);
  t.workflow_id = q.OptInt(c + 9);
  t.active = q.Bool(c + 10);
  t.is_default = q.Bool(c + 11);
  t.created_at = q.Time(c + 12);
  t.updated_at = q.Time(c + 13);
  return t;
}

absl::StatusOr<PendingParecer> ReadPending(const Query& q, int c) {
  PendingParecer p;
  Entry& e = p.entry;
  e.id = q.IdAt<EntryId>(c);
  e.followup_id = q.IdAt<FollowupId>(c + 1);
  e.action_id = q.OptId<ActionId>(c + 2);
  RETURN_IF_ERROR(ParseEnum(&ParseEntryKind, q.Text(c + 3), "entry kind", &e.kind));
  e.body = q.Text(c + 4);
  e.author_id = q.IdAt<UserId>(c + 5);
  e.contact_at = q.Time(c + 6);
  e.created_at = q.Time(c + 7);
  e.draft = q.Bool(c + 8);
  e.standard = q.Bool(c + 9);
  p.followup_subject = q.Text(c + 10);
  p.party_name = q.Text(c + 11);
  return p;
}

}  // namespace

absl::StatusOr<std::vector<AttendanceType>> SqlAttendance::ListTypes() {
  return FindAll<AttendanceType>(db_, kListTypes, ReadType);
}

absl::StatusOr<std::optional<AttendanceType>> SqlAttendance::FindType(AttendanceTypeId id) {
  return FindOne<AttendanceType>(db_, kFindType, ReadType, id);
}

absl::StatusOr<std::optional<AttendanceType>> SqlAttendance::FindDefaultType() {
  return FindOne<AttendanceType>(db_, kFindDefaultType, ReadType);
}

absl::StatusOr<AttendanceTypeId> SqlAttendance::InsertType(const AttendanceType& t) {
  ASSIGN_OR_RETURN(
      int64_t id, InsertId(db_, kInsertType, t.name_pt, t.name_es, t.name_en, t.attachments_allowed,
                           t.max_attachment_bytes, t.parecer_text, t.email_subject, t.email_text,
                           t.workflow_id, t.active, t.created_at, t.updated_at));
  return AttendanceTypeId(id);
}

absl::Status SqlAttendance::UpdateType(const AttendanceType& t) {
  return db_.Run(kUpdateType, t.name_pt, t.name_es, t.name_en, t.attachments_allowed,
                 t.max_attachment_bytes, t.parecer_text, t.email_subject, t.email_text,
                 t.workflow_id, t.active, t.updated_at, t.id);
}

absl::Status ReadTypeAhead(Db& db, std::optional<AttendanceTypeId> id) {
  if (id) return db.ReadAhead(kFindType, *id);
  return db.ReadAhead(kFindDefaultType);
}

absl::Status ReadFollowupTypeAhead(Db& db, FollowupId id) {
  return db.ReadAhead(kFindFollowupType, id);
}

absl::StatusOr<std::optional<AttendanceTypeId>> SqlAttendance::FindFollowupType(FollowupId id) {
  return FindOne<AttendanceTypeId>(
      db_, kFindFollowupType,
      [](const Query& q, int c) -> absl::StatusOr<AttendanceTypeId> {
        return q.IdAt<AttendanceTypeId>(c);
      },
      id);
}

absl::Status SqlAttendance::PutFollowupType(FollowupId id, AttendanceTypeId type) {
  // With the transaction's next statement (Query::RunLater): nothing reads its outcome.
  return db_.RunLater(kPutFollowupType, id, type);
}

absl::StatusOr<std::vector<PendingParecer>> SqlAttendance::ListDrafts(UserId author) {
  return FindAll<PendingParecer>(db_, kListDrafts, ReadPending, author);
}

}  // namespace retorno::sql
