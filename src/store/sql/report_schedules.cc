// The reports scheduled by e-mail in SQL (ADR 0033): the schedules, their lease, and
// the run rows whose primary key (schedule_id, period_start) sends a period once.
#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "base/status_macros.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

constexpr char kScheduleCols[] =
    "s.id, s.user_id, s.report, s.filters, s.format, s.frequency, s.recipients, "
    "s.next_run_at, s.version, s.created_at, s.updated_at";

RETORNO_SQL(kInsertSchedule,
            "INSERT INTO report_schedules (user_id, report, filters, format, frequency, "
            "recipients, next_run_at, version, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id");
RETORNO_SQL(kFindSchedule, "SELECT ", kScheduleCols, " FROM report_schedules s WHERE s.id = ?");
RETORNO_SQL(kListSchedules, "SELECT ", kScheduleCols, " FROM report_schedules s ORDER BY s.id");
RETORNO_SQL(kListUserSchedules, "SELECT ", kScheduleCols,
            " FROM report_schedules s WHERE s.user_id = ? ORDER BY s.id");
RETORNO_SQL(kUpdateSchedule,
            "UPDATE report_schedules SET report = ?, filters = ?, format = ?, frequency = ?, "
            "recipients = ?, next_run_at = ?, updated_at = ?, version = version + 1 "
            "WHERE id = ? AND version = ?");
RETORNO_SQL(kScheduleVersion, "SELECT version FROM report_schedules WHERE id = ?");
RETORNO_SQL(kDeleteRuns, "DELETE FROM report_schedule_runs WHERE schedule_id = ?");
RETORNO_SQL(kDeleteSchedule, "DELETE FROM report_schedules WHERE id = ?");
const DialectSql kClaimSchedules([](Dialect d) {
  return absl::StrCat(
      "UPDATE report_schedules SET lease_owner = ?1, lease_until = ?2 "
      "WHERE id IN (SELECT id FROM report_schedules WHERE next_run_at <= ?3 "
      "AND (lease_until IS NULL OR lease_until <= ?3) ORDER BY next_run_at, id LIMIT ?4",
      SkipLockedSql(d), ") RETURNING ", absl::StrReplaceAll(kScheduleCols, {{"s.", ""}}));
});
RETORNO_SQL(kInsertRun,
            "INSERT INTO report_schedule_runs (schedule_id, period_start, sent_at, messages) "
            "VALUES (?, ?, ?, ?)");
RETORNO_SQL(kFinishRun,
            "UPDATE report_schedules SET next_run_at = ?, lease_owner = '', lease_until = NULL "
            "WHERE id = ? AND lease_owner = ?");
RETORNO_SQL(kListRuns,
            "SELECT schedule_id, period_start, sent_at, messages FROM report_schedule_runs "
            "WHERE schedule_id = ? ORDER BY period_start DESC");

absl::StatusOr<ReportSchedule> ReadSchedule(const Query& q, int c) {
  ReportSchedule s;
  s.id = q.Int(c);
  s.user_id = q.IdAt<UserId>(c + 1);
  s.report = q.Text(c + 2);
  s.filters = q.Text(c + 3);
  s.format = q.Text(c + 4);
  s.frequency = q.Text(c + 5);
  s.recipients = q.Text(c + 6);
  s.next_run_at = q.Time(c + 7);
  s.version = q.Int(c + 8);
  s.created_at = q.Time(c + 9);
  s.updated_at = q.Time(c + 10);
  return s;
}

absl::StatusOr<ReportScheduleRun> ReadRun(const Query& q, int c) {
  ReportScheduleRun r;
  r.schedule_id = q.Int(c);
  std::optional<absl::CivilDay> day = q.Day(c + 1);
  if (!day) return absl::DataLossError("stored period start is not a date");
  r.period_start = *day;
  r.sent_at = q.Time(c + 2);
  r.messages = q.Int(c + 3);
  return r;
}

}  // namespace

absl::StatusOr<int64_t> SqlReportSchedules::InsertSchedule(const ReportSchedule& s) {
  return InsertId(db_, kInsertSchedule, s.user_id, s.report, s.filters, s.format, s.frequency,
                  s.recipients, s.next_run_at, s.created_at, s.updated_at);
}

absl::StatusOr<std::optional<ReportSchedule>> SqlReportSchedules::FindSchedule(int64_t id) {
  return FindOne<ReportSchedule>(db_, kFindSchedule, &ReadSchedule, id);
}

absl::StatusOr<std::vector<ReportSchedule>> SqlReportSchedules::ListSchedules(
    std::optional<UserId> user) {
  if (user) return FindAll<ReportSchedule>(db_, kListUserSchedules, &ReadSchedule, *user);
  return FindAll<ReportSchedule>(db_, kListSchedules, &ReadSchedule);
}

absl::Status SqlReportSchedules::UpdateSchedule(const ReportSchedule& s) {
  RETURN_IF_ERROR(db_.Run(kUpdateSchedule, s.report, s.filters, s.format, s.frequency, s.recipients,
                          s.next_run_at, s.updated_at, s.id, s.version));
  if (db_.Changes() != 1) return MissingOrStale(db_, kScheduleVersion, s.id, "report_schedule");
  return absl::OkStatus();
}

absl::Status SqlReportSchedules::DeleteSchedule(int64_t id) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  RETURN_IF_ERROR(db_.Run(kDeleteRuns, id));
  RETURN_IF_ERROR(db_.Run(kDeleteSchedule, id));
  if (db_.Changes() != 1) return absl::NotFoundError("report_schedule");
  return sp.Release();
}

absl::StatusOr<std::vector<ReportSchedule>> SqlReportSchedules::ClaimDueSchedules(
    absl::Time now, int limit, const std::string& worker, absl::Time lease_until) {
  ASSIGN_OR_RETURN(std::vector<ReportSchedule> out,
                   FindAll<ReportSchedule>(db_, kClaimSchedules(db_.dialect()), &ReadSchedule,
                                           worker, lease_until, now, limit));
  std::sort(out.begin(), out.end(), [](const ReportSchedule& a, const ReportSchedule& b) {
    return std::tie(a.next_run_at, a.id) < std::tie(b.next_run_at, b.id);
  });
  return out;
}

absl::Status SqlReportSchedules::InsertRun(const ReportScheduleRun& run) {
  return db_.Run(kInsertRun, run.schedule_id, run.period_start, run.sent_at, run.messages);
}

absl::Status SqlReportSchedules::FinishRun(int64_t id, const std::string& worker,
                                           absl::Time next_run_at) {
  RETURN_IF_ERROR(db_.Run(kFinishRun, next_run_at, id, worker));
  if (db_.Changes() == 0) return absl::FailedPreconditionError("lease");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ReportScheduleRun>> SqlReportSchedules::ListRuns(int64_t schedule_id) {
  return FindAll<ReportScheduleRun>(db_, kListRuns, &ReadRun, schedule_id);
}

}  // namespace retorno::sql
