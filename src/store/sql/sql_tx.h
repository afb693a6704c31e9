// The Tx of every SQL store (ADR 0027): the repositories of store/sql/ over one sql::Db
// that holds a transaction. A store opens the transaction, builds its Db and a SqlTx on
// the stack, runs the use case's callback on it, and commits or rolls back.
//
//   sqlite::SqliteDb db(conn);  // conn inside BEGIN
//   sql::SqlTx tx(db);
//   absl::Status st = fn(tx);
#pragma once

#include "app/ports.h"
#include "store/sql/attendance.h"
#include "store/sql/db.h"
#include "store/sql/questionnaires.h"
#include "store/sql/repositories.h"
#include "store/sql/workflow.h"

namespace retorno::sql {

class SqlTx final : public Tx {
 public:
  // `db` must stay inside its transaction for the lifetime of this object.
  explicit SqlTx(Db& db);

  AccountsRepository& accounts() override { return accounts_; }
  PartiesRepository& parties() override { return parties_; }
  FollowupsRepository& followups() override { return followups_; }
  FollowupQueries& followup_queries() override { return followup_queries_; }
  FollowupExportQueries& followup_export() override { return followup_queries_; }
  MessagingRepository& messaging() override { return messaging_; }
  SalesRepository& sales() override { return sales_; }
  JobsRepository& jobs() override { return jobs_; }
  ReportQueries& reports() override { return reports_; }
  AuditRepository& audit() override { return audit_; }
  // The transaction's connection itself: for the contract suite's checks of what the
  // database refuses whatever the repositories do (the audit trail's UPDATE and DELETE).
  Db& db() { return db_; }
  PrivacyRepository& privacy() override { return privacy_; }
  ReportScheduleRepository& report_schedules() override { return report_schedules_; }
  AttendanceRepository& attendance() override { return attendance_; }
  WorkflowRepository& workflow() override { return workflow_; }
  QuestionnaireRepository& questionnaires() override { return questionnaires_; }

 private:
  Db& db_;
  SqlAccounts accounts_;
  SqlParties parties_;
  SqlFollowups followups_;
  SqlFollowupQueries followup_queries_;
  SqlMessaging messaging_;
  SqlSales sales_;
  SqlJobs jobs_;
  SqlReportQueries reports_;
  SqlAudit audit_;
  SqlPrivacy privacy_;
  SqlReportSchedules report_schedules_;
  SqlAttendance attendance_;
  SqlWorkflow workflow_;
  SqlQuestionnaires questionnaires_;
};

}  // namespace retorno::sql
