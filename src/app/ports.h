// Ports: the interfaces the use cases need from the outside world. Repositories speak
// domain types, one per aggregate (app/ports/*.h, ADR 0027); every store (SQLite now,
// PostgreSQL next) implements them and passes the same contract suite
// (src/store/store_contract_test.cc).
//
// Errors: NotFound when a looked-up row does not exist (Find* return nullopt instead),
// AlreadyExists for a unique violation (field name in the message: "code", "login"),
// FailedPrecondition("version") for a stale optimistic-concurrency version,
// Unavailable/Internal for database failures.
#pragma once

#include <functional>

#include "absl/status/status.h"
#include "app/ports/accounts.h"
#include "app/ports/attendance.h"
#include "app/ports/audit.h"
#include "app/ports/followup_export.h"
#include "app/ports/followup_queries.h"
#include "app/ports/followups.h"
#include "app/ports/jobs.h"
#include "app/ports/messaging.h"
#include "app/ports/parties.h"
#include "app/ports/privacy.h"
#include "app/ports/questionnaires.h"
#include "app/ports/report_schedules.h"
#include "app/ports/reports.h"
#include "app/ports/sales.h"
#include "app/ports/workflow.h"

namespace retorno {

// One transaction, as a set of repositories that share it: what one writes, the others
// read, and they commit or roll back together. Obtained from Store::Read or
// Store::Write; not thread-safe; neither it nor a repository it returns may outlive the
// callback it was given to. The accessors never fail and return the same object on
// every call.
class Tx {
 public:
  virtual ~Tx() = default;

  // Settings, branches, users, sessions, contact types and categories, calendar feeds.
  virtual AccountsRepository& accounts() = 0;
  // Parties and their contacts, birthdays.
  virtual PartiesRepository& parties() = 0;
  // Follow-ups, returns (actions), entries, attachments, series ids, origin keys.
  virtual FollowupsRepository& followups() = 0;
  // Read-only: the follow-up list and count, a follow-up's row, agenda, due counts,
  // calendar.
  virtual FollowupQueries& followup_queries() = 0;
  // Read-only: the follow-up list with only an export's columns (ADR 0044).
  virtual FollowupExportQueries& followup_export() = 0;
  // Reminders, notifications, outbox, templates, SMTP settings, sending limit.
  virtual MessagingRepository& messaging() = 0;
  // Catalogue, sales documents, CSV imports, a document's follow-ups.
  virtual SalesRepository& sales() = 0;
  // The jobs' named state.
  virtual JobsRepository& jobs() = 0;
  // Read-only: the manager reports (unattended follow-ups, CRM actions).
  virtual ReportQueries& reports() = 0;
  // The append-only audit trail (ADR 0035); written through app/audit/audit.h.
  virtual AuditRepository& audit() = 0;
  // A person's data requests (LGPD): a party's follow-ups, anonymisation's rewrites.
  virtual PrivacyRepository& privacy() = 0;
  // The reports scheduled by e-mail and the periods they sent.
  virtual ReportScheduleRepository& report_schedules() = 0;
  // Attendance types, each follow-up's type, the authors' draft pareceres.
  virtual AttendanceRepository& attendance() = 0;
  // Workflow versions, each follow-up's position and moves, the positions view.
  virtual WorkflowRepository& workflow() = 0;
  // The questionnaires of the attendance types and the follow-ups' answers.
  virtual QuestionnaireRepository& questionnaires() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in one read-write transaction: committed when fn returns OK, rolled back
  // otherwise (and fn's status returned). Writers are serialised. Thread-safe.
  virtual absl::Status Write(const std::function<absl::Status(Tx&)>& fn) = 0;
  // Write() for a transaction whose rules hold without being serialised against other
  // writers' reads: it inserts rows of its own (a new follow-up with its returns,
  // entries, reminders) and otherwise only reads rows that may change under it
  // harmlessly (a code, a user, the party, which foreign keys protect), or writes them
  // through a statement that waits for the row (a sequence's UPDATE ... RETURNING).
  // A store with concurrent writers runs it without serialisable isolation (PostgreSQL:
  // READ COMMITTED, ADR 0026), so that creations never fail one another; one with a
  // single writer runs it as Write(). Same contract as Write() otherwise (it may run
  // more than once after a deadlock).
  virtual absl::Status WriteRowLocked(const std::function<absl::Status(Tx&)>& fn) {
    return Write(fn);
  }
  // Runs fn in one read-only snapshot transaction. Thread-safe; readers run in
  // parallel with each other and with the writer.
  virtual absl::Status Read(const std::function<absl::Status(Tx&)>& fn) = 0;
};

}  // namespace retorno
