// The workflow repository in SQL: the versions of the types' workflows, each
// follow-up's position and moves, and the positions view (manual 003).
#include "store/sql/workflow.h"

#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

constexpr char kWorkflowCols[] =
    "w.id, w.attendance_type_id, w.version, w.body, w.created_by, w.created_at";
constexpr char kPositionCols[] =
    "fw.followup_id, fw.workflow_id, fw.step, fw.step_label, fw.step_kind, fw.centre_kind, "
    "fw.centre_id, fw.action_id, fw.since";
constexpr int kPositionColumns = 9;

RETORNO_SQL(kNextVersion,
            "SELECT COALESCE(MAX(version), 0) + 1 FROM workflows WHERE attendance_type_id = ?");
RETORNO_SQL(kInsertWorkflow,
            "INSERT INTO workflows (attendance_type_id, version, body, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kFindWorkflow, "SELECT ", kWorkflowCols, " FROM workflows w WHERE w.id = ?");
RETORNO_SQL(kFindPosition, "SELECT ", kPositionCols,
            " FROM followup_workflow fw WHERE fw.followup_id = ?");
RETORNO_SQL(kPutPosition,
            "INSERT INTO followup_workflow (followup_id, workflow_id, step, step_label, "
            "step_kind, centre_kind, centre_id, action_id, since) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (followup_id) DO UPDATE SET "
            "workflow_id = excluded.workflow_id, step = excluded.step, "
            "step_label = excluded.step_label, step_kind = excluded.step_kind, "
            "centre_kind = excluded.centre_kind, centre_id = excluded.centre_id, "
            "action_id = excluded.action_id, since = excluded.since");
RETORNO_SQL(kInsertMove,
            "INSERT INTO workflow_moves (followup_id, from_step, answers, to_step, to_label, "
            "centre_kind, centre_id, assignee_id, action_id, moved_by, moved_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kListMoves,
            "SELECT id, followup_id, from_step, answers, to_step, to_label, centre_kind, "
            "centre_id, assignee_id, action_id, moved_by, moved_at FROM workflow_moves "
            "WHERE followup_id = ? ORDER BY id");

absl::StatusOr<StoredWorkflow> ReadWorkflow(const Query& q, int c) {
  StoredWorkflow w;
  w.id = q.Int(c);
  w.attendance_type_id = q.IdAt<AttendanceTypeId>(c + 1);
  w.version = q.Int(c + 2);
  w.body = q.Text(c + 3);
  w.created_by = q.IdAt<UserId>(c + 4);
  w.created_at = q.Time(c + 5);
  return w;
}

std::optional<CentreRef> ReadCentre(const Query& q, int c) {
  if (q.IsNull(c)) return std::nullopt;
  return CentreRef{q.Text(c), q.OptInt(c + 1).value_or(0)};
}

absl::StatusOr<WorkflowPosition> ReadPosition(const Query& q, int c) {
  WorkflowPosition p;
  p.followup_id = q.IdAt<FollowupId>(c);
  p.workflow_id = q.Int(c + 1);
  p.step = q.Text(c + 2);
  p.step_label = q.Text(c + 3);
  p.step_kind = q.Text(c + 4);
  p.centre = ReadCentre(q, c + 5);
  p.action_id = q.OptId<ActionId>(c + 7);
  p.since = q.Time(c + 8);
  return p;
}

// The answers of a move as "decision=answer" items of a JSON array: keys are
// [a-z0-9_-], so '=' never occurs in them.
absl::StatusOr<std::string> EncodeAnswers(
    const std::vector<std::pair<std::string, std::string>>& answers) {
  std::vector<std::string> items;
  for (const auto& [decision, answer] : answers) items.push_back(decision + "=" + answer);
  return EncodeCc(items);
}

absl::StatusOr<WorkflowMove> ReadMove(const Query& q, int c) {
  WorkflowMove m;
  m.id = q.Int(c);
  m.followup_id = q.IdAt<FollowupId>(c + 1);
  m.from_step = q.Text(c + 2);
  std::vector<std::string> items;
  RETURN_IF_ERROR(DecodeCc(q.Text(c + 3), &items));
  for (const std::string& item : items) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, absl::MaxSplits('=', 1));
    m.answers.push_back(std::move(kv));
  }
  m.to_step = q.Text(c + 4);
  m.to_label = q.Text(c + 5);
  m.centre = ReadCentre(q, c + 6);
  m.assignee_id = q.OptId<UserId>(c + 8);
  m.action_id = q.OptId<ActionId>(c + 9);
  m.moved_by = q.IdAt<UserId>(c + 10);
  m.moved_at = q.Time(c + 11);
  return m;
}

}  // namespace

absl::StatusOr<StoredWorkflow> SqlWorkflow::InsertWorkflow(const StoredWorkflow& w) {
  StoredWorkflow out = w;
  ASSIGN_OR_RETURN(out.version, QueryInt(db_, kNextVersion, w.attendance_type_id));
  ASSIGN_OR_RETURN(out.id, InsertId(db_, kInsertWorkflow, w.attendance_type_id, out.version, w.body,
                                    w.created_by, w.created_at));
  return out;
}

absl::StatusOr<std::optional<StoredWorkflow>> SqlWorkflow::FindWorkflow(int64_t id) {
  return FindOne<StoredWorkflow>(db_, kFindWorkflow, ReadWorkflow, id);
}

absl::Status ReadPositionAhead(Db& db, FollowupId id) { return db.ReadAhead(kFindPosition, id); }

absl::StatusOr<std::optional<WorkflowPosition>> SqlWorkflow::FindPosition(FollowupId id) {
  return FindOne<WorkflowPosition>(db_, kFindPosition, ReadPosition, id);
}

absl::Status SqlWorkflow::PutPosition(const WorkflowPosition& p) {
  std::optional<std::string> centre_kind;
  std::optional<int64_t> centre_id;
  if (p.centre) {
    centre_kind = p.centre->kind;
    centre_id = p.centre->id;
  }
  return db_.Run(kPutPosition, p.followup_id, p.workflow_id, p.step, p.step_label, p.step_kind,
                 centre_kind, centre_id, p.action_id, p.since);
}

absl::Status SqlWorkflow::InsertMove(const WorkflowMove& m) {
  ASSIGN_OR_RETURN(std::string answers, EncodeAnswers(m.answers));
  std::optional<std::string> centre_kind;
  std::optional<int64_t> centre_id;
  if (m.centre) {
    centre_kind = m.centre->kind;
    centre_id = m.centre->id;
  }
  return db_.Run(kInsertMove, m.followup_id, m.from_step, answers, m.to_step, m.to_label,
                 centre_kind, centre_id, m.assignee_id, m.action_id, m.moved_by, m.moved_at);
}

absl::StatusOr<std::vector<WorkflowMove>> SqlWorkflow::ListMoves(FollowupId id) {
  return FindAll<WorkflowMove>(db_, kListMoves, ReadMove, id);
}

absl::StatusOr<std::vector<PositionRow>> SqlWorkflow::ListPositions(const PositionQuery& pq) {
  // Only the filters asked for are in the statement, so each dialect plans it with the
  // indexes that fit.
  std::string sql = absl::StrCat(
      "SELECT ", kPositionCols,
      ", w.attendance_type_id, w.version, f.subject, f.status, f.owner_id, f.branch_id, "
      "p.name, a.assignee_id, a.due_date "
      "FROM followup_workflow fw JOIN workflows w ON w.id = fw.workflow_id "
      "JOIN followups f ON f.id = fw.followup_id JOIN parties p ON p.id = f.party_id "
      "LEFT JOIN actions a ON a.id = fw.action_id WHERE 1 = 1");
  if (pq.attendance_type_id) absl::StrAppend(&sql, " AND w.attendance_type_id = ?");
  if (pq.step) absl::StrAppend(&sql, " AND fw.step = ?");
  if (pq.branch_id) absl::StrAppend(&sql, " AND f.branch_id = ?");
  if (pq.user_id) absl::StrAppend(&sql, " AND (f.owner_id = ? OR a.assignee_id = ?)");
  if (pq.open_only) absl::StrAppend(&sql, " AND f.status = 'open'");
  absl::StrAppend(&sql, " ORDER BY fw.followup_id LIMIT ?");
  ASSIGN_OR_RETURN(Query q, db_.Prepare(sql));
  if (pq.attendance_type_id) q.Bind(*pq.attendance_type_id);
  if (pq.step) q.Bind(*pq.step);
  if (pq.branch_id) q.Bind(*pq.branch_id);
  if (pq.user_id) q.Bind(*pq.user_id).Bind(*pq.user_id);
  q.Bind(static_cast<int64_t>(pq.limit));
  std::vector<PositionRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    PositionRow r;
    ASSIGN_OR_RETURN(r.position, ReadPosition(q, 0));
    const int c = kPositionColumns;
    r.attendance_type_id = q.IdAt<AttendanceTypeId>(c);
    r.version = q.Int(c + 1);
    r.subject = q.Text(c + 2);
    RETURN_IF_ERROR(ParseEnum(&ParseFollowupStatus, q.Text(c + 3), "status", &r.status));
    r.owner_id = q.IdAt<UserId>(c + 4);
    r.branch_id = q.OptId<BranchId>(c + 5);
    r.party_name = q.Text(c + 6);
    r.assignee_id = q.OptId<UserId>(c + 7);
    if (!q.IsNull(c + 8)) {
      absl::CivilDay day;
      RETURN_IF_ERROR(ParseDay(q.Text(c + 8), &day));
      r.due_date = day;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace retorno::sql
