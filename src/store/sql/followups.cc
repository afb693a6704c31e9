// The follow-ups repository in SQL: follow-ups, their returns (actions), entries and
// attachments, series ids and origin keys.
#include "absl/strings/str_cat.h"
#include "app/error_codes.h"
#include "base/status_macros.h"
#include "domain/search.h"
#include "store/sql/attendance.h"
#include "store/sql/query_builders.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

constexpr char kEntryCols[] =
    "e.id, e.followup_id, e.action_id, e.kind, e.body, e.author_id, e.contact_at, e.created_at, "
    "e.draft, e.standard";

constexpr char kAttachmentCols[] =
    "t.id, t.followup_id, t.entry_id, t.file_name, t.content_type, t.size, t.sha256, "
    "t.uploaded_by, t.created_at";

const ReservableInsert kInsertFollowup = MakeReservableInsert(
    "followups",
    "party_id, contact_name, contact_email, contact_phone, contact_whatsapp, owner_id, "
    "branch_id, subject, category, priority, origin, cc, status, version, next_due_date, "
    "created_by, updated_by, created_at, updated_at, document_id, origin_key, subject_key, "
    "contact_at, internal_date, first_due_date",
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
// next_due_date is the store's cache and party/creation fields never change: neither
// is written here.
// The mutable fields of a follow-up, ?1 to ?17 (UpdateFollowup's arguments, in order).
constexpr char kFollowupSet[] =
    "contact_name = ?1, contact_email = ?2, contact_phone = ?3, contact_whatsapp = ?4, "
    "owner_id = ?5, branch_id = ?6, subject = ?7, category = ?8, priority = ?9, origin = ?10, "
    "cc = ?11, status = ?12, version = version + 1, updated_by = ?13, updated_at = ?14, "
    "subject_key = ?15, contact_at = ?16, internal_date = ?17";
// The caches of the returns of the follow-up `id` (a placeholder), from one pass over
// them: the next due date (planned returns), and for the automatic report (migration
// 0031) the earliest due day of any return and whether one is done.
std::string ReturnCaches(absl::string_view id) {
  return absl::StrCat(
      "(SELECT min(CASE WHEN status = 'planned' THEN due_date END) AS next_due, "
      "min(due_date) AS first_due, coalesce(max(CASE WHEN status = 'done' THEN 1 ELSE 0 END), "
      "0) AS done FROM actions WHERE followup_id = ",
      id, ") r");
}
RETORNO_SQL(kUpdateFollowup, "UPDATE followups SET ", kFollowupSet,
            " WHERE id = ?18 AND version = ?19");
// The same, with the caches computed by the statement: a change of returns and of their
// follow-up writes the row once.
RETORNO_SQL(kUpdateFollowupWithCaches, "UPDATE followups SET ", kFollowupSet,
            ", next_due_date = r.next_due, first_due_date = r.first_due, "
            "has_done_return = r.done FROM ",
            ReturnCaches("?18"), " WHERE followups.id = ?18 AND followups.version = ?19");
RETORNO_SQL(kFollowupVersion, "SELECT version FROM followups WHERE id = ?");
// The follow-up's state, owner and branch copied onto its returns (the agenda's open
// filter, the reports' reach and branch: migrations 0001 and 0026), in the statement that
// saves the follow-up, so that a copy is never older than the follow-up.
RETORNO_SQL(kCopyFollowupOpen,
            "UPDATE actions SET followup_open = ?2, followup_owner_id = ?3, "
            "followup_branch_id = ?4 WHERE followup_id = ?1 AND "
            "(followup_open IS DISTINCT FROM ?2 OR followup_owner_id IS DISTINCT FROM ?3 OR "
            "followup_branch_id IS DISTINCT FROM ?4)");
const ReservableInsert kInsertAction = MakeReservableInsert(
    "actions",
    "followup_id, type, due_date, due_minutes, status, assignee_id, notify_customer, message, "
    "result, resolution, result_at, done_at, done_by, next_action_id, series_id, series_index, "
    "created_at, remind_at, followup_open, followup_owner_id, followup_branch_id",
    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    // A missing follow-up is left to the foreign key on SQLite; on PostgreSQL the writer
    // has read, locked or created it in the same transaction (ADR 0050).
    "coalesce((SELECT CASE WHEN status = 'open' THEN 1 ELSE 0 END FROM followups WHERE id = ?1), "
    "1), (SELECT owner_id FROM followups WHERE id = ?1), "
    "(SELECT branch_id FROM followups WHERE id = ?1)");
// An action stays in its follow-up; RETURNING names the follow-up whose cache to
// refresh.
RETORNO_SQL(kUpdateAction,
            "UPDATE actions SET type = ?, due_date = ?, due_minutes = ?, status = ?, "
            "assignee_id = ?, notify_customer = ?, message = ?, result = ?, resolution = ?, "
            "result_at = ?, done_at = ?, done_by = ?, next_action_id = ?, series_id = ?, "
            "series_index = ?, remind_at = ? WHERE id = ? RETURNING followup_id");
// The follow-up's caches of its returns (ReturnCaches). Writes only when a value changes,
// so an unchanged cache costs no index writes.
RETORNO_SQL(kRefreshNextDue,
            "UPDATE followups SET next_due_date = r.next_due, first_due_date = r.first_due, "
            "has_done_return = r.done FROM ",
            ReturnCaches("?1"),
            " WHERE followups.id = ?1 AND (followups.next_due_date IS DISTINCT FROM "
            "r.next_due OR followups.first_due_date IS DISTINCT FROM r.first_due OR "
            "followups.has_done_return <> r.done)");
RETORNO_SQL(kFindAction, "SELECT ", kActionCols, " FROM actions a WHERE a.id = ?");
// The return first, then its follow-up: the order in which a serialisable write saves
// them (SaveFollowup: the returns, then the follow-up's version), so the two kinds of
// write queue on the same first row instead of deadlocking.
RETORNO_SQL(kLockReturn, "SELECT a.followup_id FROM actions a WHERE a.id = ? FOR UPDATE");
RETORNO_SQL(kLockFollowup, "SELECT 1 FROM followups WHERE id = ? FOR UPDATE");
RETORNO_SQL(kListActions, "SELECT ", kActionCols,
            " FROM actions a WHERE a.followup_id = ? ORDER BY a.due_date, a.due_minutes_key, "
            "a.id");
RETORNO_SQL(kNextSeriesId,
            "UPDATE sequences SET value = value + 1 WHERE name = 'action_series' "
            "RETURNING value");

const ReservableInsert kInsertEntry = MakeReservableInsert(
    "entries",
    "followup_id, action_id, kind, body, author_id, contact_at, created_at, draft, body_key, "
    "standard",
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
// Only a draft can change; a published entry is history.
RETORNO_SQL(kUpdateDraftEntry,
            "UPDATE entries SET action_id = ?, kind = ?, body = ?, contact_at = ?, "
            "created_at = ?, draft = ?, body_key = ? WHERE id = ? AND draft = 1");
RETORNO_SQL(kEntryExists, "SELECT 1 FROM entries WHERE id = ?");
RETORNO_SQL(kFindEntry, "SELECT ", kEntryCols, " FROM entries e WHERE e.id = ?");
RETORNO_SQL(kListEntries, "SELECT ", kEntryCols,
            " FROM entries e WHERE e.followup_id = ? ORDER BY e.created_at DESC, e.id DESC");

RETORNO_SQL(kInsertAttachment,
            "INSERT INTO attachments (followup_id, entry_id, file_name, content_type, size, "
            "sha256, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kInsertAttachmentBlob,
            "INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, ?)");
RETORNO_SQL(kFindAttachment, "SELECT ", kAttachmentCols, " FROM attachments t WHERE t.id = ?");
RETORNO_SQL(kReadAttachmentBytes, "SELECT bytes FROM attachment_blobs WHERE attachment_id = ?");
RETORNO_SQL(kListAttachments, "SELECT ", kAttachmentCols,
            " FROM attachments t WHERE t.followup_id = ? ORDER BY t.id");

RETORNO_SQL(kFindFollowupByOriginKey, "SELECT ", kFollowupCols,
            " FROM followups f WHERE f.origin_key = ?");

absl::StatusOr<Entry> ReadEntry(const Query& q, int c) {
  Entry e;
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
  return e;
}

Attachment ReadAttachment(const Query& q, int c) {
  Attachment t;
  t.id = q.IdAt<AttachmentId>(c);
  t.followup_id = q.IdAt<FollowupId>(c + 1);
  t.entry_id = q.OptId<EntryId>(c + 2);
  t.file_name = q.Text(c + 3);
  t.content_type = q.Text(c + 4);
  t.size = q.Int(c + 5);
  t.sha256 = q.Text(c + 6);
  t.uploaded_by = q.IdAt<UserId>(c + 7);
  t.created_at = q.Time(c + 8);
  return t;
}

}  // namespace

absl::StatusOr<FollowupId> SqlFollowups::InsertFollowup(const Followup& f) {
  ASSIGN_OR_RETURN(std::string cc, EncodeCc(f.cc));
  ASSIGN_OR_RETURN(
      int64_t id, InsertReservedId(db_, kInsertFollowup, f.party_id, f.contact.name,
                                   f.contact.email, f.contact.phone, f.contact.whatsapp, f.owner_id,
                                   f.branch_id, f.subject, f.category, ToString(f.priority),
                                   f.origin, cc, ToString(f.status), f.next_due_date, f.created_by,
                                   f.updated_by, f.created_at, f.updated_at, f.document_id,
                                   f.origin_key.empty() ? std::optional<std::string>()
                                                        : std::optional<std::string>(f.origin_key),
                                   FoldForSearch(f.subject), f.contact_at, f.internal_date,
                                   // The first return's day, which the return's insert is about to
                                   // confirm: it then has nothing to write (InsertAction), instead
                                   // of rewriting the new row and every index entry of it.
                                   f.next_due_date));
  inserted_[id] = Inserted{ReturnCaches{f.next_due_date, f.next_due_date, false}, ReturnCaches{}};
  return FollowupId(id);
}

absl::StatusOr<int64_t> SqlFollowups::WriteFollowup(const Followup& f, bool with_caches) {
  ASSIGN_OR_RETURN(std::string cc, EncodeCc(f.cc));
  RETURN_IF_ERROR(db_.Run(with_caches ? kUpdateFollowupWithCaches : kUpdateFollowup, f.contact.name,
                          f.contact.email, f.contact.phone, f.contact.whatsapp, f.owner_id,
                          f.branch_id, f.subject, f.category, ToString(f.priority), f.origin, cc,
                          ToString(f.status), f.updated_by, f.updated_at, FoldForSearch(f.subject),
                          f.contact_at, f.internal_date, f.id, f.version));
  // The statement read the returns back: the caches it wrote are final.
  if (with_caches) inserted_.erase(f.id.value);
  if (db_.Changes() != 1) return MissingOrStale(db_, kFollowupVersion, f.id.value, "followup");
  RETURN_IF_ERROR(
      db_.Run(kCopyFollowupOpen, f.id, f.status == FollowupStatus::kOpen, f.owner_id, f.branch_id));
  return f.version + 1;
}

absl::StatusOr<int64_t> SqlFollowups::UpdateFollowup(const Followup& f) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  ASSIGN_OR_RETURN(int64_t version, WriteFollowup(f, /*with_caches=*/false));
  RETURN_IF_ERROR(sp.Release());
  return version;
}

absl::StatusOr<int64_t> SqlFollowups::SaveFollowupWithReturns(
    const Followup& f, const std::vector<const Action*>& returns) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  for (const Action* a : returns) {
    ASSIGN_OR_RETURN(FollowupId of, WriteAction(*a));
    if (of != f.id)
      return absl::InvalidArgumentError(
          absl::StrCat("return ", a->id.value, " is not of follow-up ", f.id.value));
  }
  ASSIGN_OR_RETURN(int64_t version, WriteFollowup(f, /*with_caches=*/!returns.empty()));
  RETURN_IF_ERROR(sp.Release());
  return version;
}

absl::StatusOr<std::optional<Followup>> SqlFollowups::FindFollowup(FollowupId id) {
  return FindOne<Followup>(db_, FindFollowupSql(), &ReadFollowup, id);
}

// With the transaction's next statement (Query::RunLater): nothing reads its outcome.
absl::Status SqlFollowups::RefreshNextDue(FollowupId id) {
  return db_.RunLater(kRefreshNextDue, id);
}

absl::StatusOr<ActionId> SqlFollowups::InsertAction(const Action& a) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  ASSIGN_OR_RETURN(
      int64_t new_id,
      InsertReservedId(db_, kInsertAction, a.followup_id, a.type, a.due_date, a.due_minutes,
                       ToString(a.status), a.assignee_id, a.notify_customer, a.message, a.result,
                       a.resolution, a.result_at, a.done_at, a.done_by, a.next_action_id,
                       a.series_id, a.series_index, a.created_at, a.remind_at));
  const ActionId id(new_id);
  bool refresh = true;
  if (auto it = inserted_.find(a.followup_id.value); it != inserted_.end()) {
    // A return of a follow-up inserted by this transaction: its returns are the ones
    // inserted since, so the caches follow from them; the row is written only when what
    // it holds differs.
    ReturnCaches& r = it->second.returns;
    auto earliest = [](const std::optional<absl::CivilDay>& d, absl::CivilDay day) {
      return d && *d <= day ? *d : day;
    };
    if (a.status == ActionStatus::kPlanned) r.next_due = earliest(r.next_due, a.due_date);
    r.first_due = earliest(r.first_due, a.due_date);
    r.has_done = r.has_done || a.status == ActionStatus::kDone;
    refresh = r != it->second.stored;
    it->second.stored = r;  // what the row holds once the refresh (if any) has run
  }
  if (refresh) RETURN_IF_ERROR(RefreshNextDue(a.followup_id));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::Status SqlFollowups::LockReturn(ActionId id) {
  // SQLite has one writer: its write transactions never interleave.
  if (db_.dialect() != Dialect::kPostgres) return absl::OkStatus();
  int64_t followup = 0;
  {
    ASSIGN_OR_RETURN(Query q, db_.Prepare(kLockReturn));
    q.BindAll(id);
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return absl::OkStatus();
    followup = q.Int(0);
  }
  // The return and its follow-up are what the caller reads next (a transition on the
  // return): read with the follow-up's lock, after it, the three in one round trip.
  RETURN_IF_ERROR(db_.RunLater(kLockFollowup, followup));
  RETURN_IF_ERROR(db_.ReadAhead(kFindAction, id));
  return db_.ReadAhead(FindFollowupSql(), FollowupId(followup));
}

absl::StatusOr<FollowupId> SqlFollowups::WriteAction(const Action& a) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kUpdateAction));
  q.BindAll(a.type, a.due_date, a.due_minutes, ToString(a.status), a.assignee_id, a.notify_customer,
            a.message, a.result, a.resolution, a.result_at, a.done_at, a.done_by, a.next_action_id,
            a.series_id, a.series_index, a.remind_at, a.id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return CodedError(ErrorCode::kActionNotFound);
  const FollowupId followup = q.IdAt<FollowupId>(0);
  RETURN_IF_ERROR(q.Run());
  return followup;
}

absl::Status SqlFollowups::UpdateAction(const Action& a) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  ASSIGN_OR_RETURN(FollowupId followup, WriteAction(a));
  RETURN_IF_ERROR(RefreshNextDue(followup));
  inserted_.erase(followup.value);  // the refresh has the final word from here on
  return sp.Release();
}

absl::StatusOr<std::optional<Action>> SqlFollowups::FindAction(ActionId id) {
  return FindOne<Action>(db_, kFindAction, &ReadAction, id);
}

absl::Status SqlFollowups::AnnounceCreation(const CreationAhead& ahead) {
  // SQLite runs each statement in the process: nothing to gain.
  if (db_.dialect() != Dialect::kPostgres) return absl::OkStatus();
  if (ahead.party) RETURN_IF_ERROR(ReadPartyAhead(db_, *ahead.party));
  for (const auto& [table, code] : ahead.codes) RETURN_IF_ERROR(ReadCodeAhead(db_, table, code));
  for (UserId u : ahead.users) RETURN_IF_ERROR(ReadUserAhead(db_, u));
  if (ahead.branch) RETURN_IF_ERROR(ReadBranchAhead(db_, *ahead.branch));
  if (ahead.settings) RETURN_IF_ERROR(ReadSettingsAhead(db_));
  std::optional<AttendanceTypeId> type;
  if (ahead.attendance_type) type = AttendanceTypeId(*ahead.attendance_type);
  RETURN_IF_ERROR(ReadTypeAhead(db_, type));
  return db_.ReserveIdsAhead({{"followups", 1},
                              {"entries", ahead.entries},
                              {"actions", ahead.returns},
                              {"reminders", ahead.reminders}});
}

absl::Status ReadFollowupListsAhead(Db& db, FollowupId id) {
  RETURN_IF_ERROR(db.ReadAhead(kListActions, id));
  RETURN_IF_ERROR(db.ReadAhead(kListEntries, id));
  return db.ReadAhead(kListAttachments, id);
}

absl::StatusOr<std::vector<Action>> SqlFollowups::ListActions(FollowupId id) {
  return FindAll<Action>(db_, kListActions, &ReadAction, id);
}

absl::StatusOr<int64_t> SqlFollowups::NextSeriesId() {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kNextSeriesId));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::DataLossError("the action_series sequence is missing");
  const int64_t id = q.Int(0);
  RETURN_IF_ERROR(q.Run());
  return id;
}

absl::StatusOr<EntryId> SqlFollowups::InsertEntry(const Entry& e) {
  ASSIGN_OR_RETURN(int64_t id,
                   InsertReservedId(db_, kInsertEntry, e.followup_id, e.action_id, ToString(e.kind),
                                    e.body, e.author_id, e.contact_at, e.created_at, e.draft,
                                    FoldForSearch(e.body), e.standard));
  return EntryId(id);
}

absl::Status SqlFollowups::UpdateEntry(const Entry& e) {
  RETURN_IF_ERROR(db_.Run(kUpdateDraftEntry, e.action_id, ToString(e.kind), e.body, e.contact_at,
                          e.created_at, e.draft, FoldForSearch(e.body), e.id));
  if (db_.Changes() == 1) return absl::OkStatus();
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kEntryExists));
  q.Bind(e.id);
  ASSIGN_OR_RETURN(bool exists, q.Step());
  if (!exists) return CodedError(ErrorCode::kEntryNotFound);
  return absl::FailedPreconditionError("published");
}

absl::StatusOr<std::optional<Entry>> SqlFollowups::FindEntry(EntryId id) {
  return FindOne<Entry>(db_, kFindEntry, &ReadEntry, id);
}

absl::StatusOr<std::vector<Entry>> SqlFollowups::ListEntries(FollowupId id) {
  return FindAll<Entry>(db_, kListEntries, &ReadEntry, id);
}

absl::StatusOr<AttachmentId> SqlFollowups::InsertAttachment(const Attachment& a,
                                                            const std::string& bytes) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  // The stored size is the size of the bytes stored, whatever the caller computed.
  ASSIGN_OR_RETURN(
      int64_t new_id,
      InsertId(db_, kInsertAttachment, a.followup_id, a.entry_id, a.file_name, a.content_type,
               static_cast<int64_t>(bytes.size()), a.sha256, a.uploaded_by, a.created_at));
  const AttachmentId id(new_id);
  {
    ASSIGN_OR_RETURN(Query q, db_.Prepare(kInsertAttachmentBlob));
    q.Bind(id);
    q.BindBlobNoCopy(bytes);  // 10 MiB are not copied once more
    RETURN_IF_ERROR(q.Run());
  }
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::StatusOr<std::optional<Attachment>> SqlFollowups::FindAttachment(AttachmentId id) {
  return FindOne<Attachment>(
      db_, kFindAttachment,
      [](const Query& q, int c) -> absl::StatusOr<Attachment> { return ReadAttachment(q, c); }, id);
}

absl::StatusOr<std::string> SqlFollowups::ReadAttachmentBytes(AttachmentId id) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kReadAttachmentBytes));
  q.Bind(id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return CodedError(ErrorCode::kAttachmentNotFound);
  return q.Blob(0);
}

absl::StatusOr<std::vector<Attachment>> SqlFollowups::ListAttachments(FollowupId id) {
  return FindAll<Attachment>(
      db_, kListAttachments,
      [](const Query& q, int c) -> absl::StatusOr<Attachment> { return ReadAttachment(q, c); }, id);
}

absl::StatusOr<std::optional<Followup>> SqlFollowups::FindFollowupByOriginKey(
    const std::string& key) {
  return FindOne<Followup>(db_, kFindFollowupByOriginKey, &ReadFollowup, key);
}

}  // namespace retorno::sql
