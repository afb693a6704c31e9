// Ports: the interfaces the use cases need from the outside world. Repositories speak
// domain types; every store (SQLite now, PostgreSQL next) implements them and passes
// the same contract suite (src/store/store_contract_test.cc).
//
// Errors: NotFound when a looked-up row does not exist (Find* return nullopt instead),
// AlreadyExists for a unique violation (field name in the message: "code", "login"),
// FailedPrecondition("version") for a stale optimistic-concurrency version,
// Unavailable/Internal for database failures.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/mail.h"
#include "domain/model.h"

namespace retorno {

// Filters of GET /api/v1/followups. Visibility is already folded in by the use case
// (an agent's query arrives with owner_id set to the agent).
struct FollowupQuery {
  std::optional<FollowupStatus> status;  // nullopt: all
  // Derived-state filter, translated by the use case into date bounds on the cached
  // next_due_date with the viewer's today: overdue = open && next_due < today, etc.
  std::optional<FollowupState> state;
  absl::CivilDay today;
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
  // Visibility for supervisors: owner_id == visible_owner OR branch_id == visible_branch.
  std::optional<UserId> visible_owner;
  std::optional<BranchId> visible_branch;
  std::optional<PartyId> party_id;
  std::optional<std::string> category;
  std::optional<Priority> priority;
  std::optional<absl::CivilDay> due_from;  // inclusive, on next_due_date
  std::optional<absl::CivilDay> due_to;    // inclusive
  std::string text;                        // over subject and published entries
  // Contact instant in [contact_from, contact_to): the viewer's days, as instants.
  std::optional<absl::Time> contact_from;
  std::optional<absl::Time> contact_to;
  // Ordering. kDue: next_due_date ascending (no date last), then id ascending.
  // kNewest: id descending.
  enum class Order { kDue, kNewest } order = Order::kDue;
  int limit = 50;
  // Keyset cursor: the position after which to continue, as produced in FollowupPage.
  std::string cursor;
};

struct FollowupRow {
  Followup followup;
  Party party;  // id, code, name filled at least
};

struct FollowupPage {
  std::vector<FollowupRow> items;
  std::string next_cursor;  // empty when no more rows
};

struct AgendaQuery {
  // Visibility, as in FollowupQuery: assignee == mine, or follow-up branch == branch.
  std::optional<UserId> assignee_id;
  std::optional<BranchId> branch_id;
  // Planned actions whose due_date is in [from, to] (both optional).
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  bool only_planned = true;
  bool only_open_followups = true;
  int limit = 500;
};

struct AgendaRow {
  Action action;
  Followup followup;
  Party party;
};

// One return as the month calendar needs it (manual 002): its date, time, status and
// whose it is (its time is in the assignee's zone).
struct CalendarRow {
  ActionId id;
  absl::CivilDay due_date;
  std::optional<int> due_minutes;
  ActionStatus status = ActionStatus::kPlanned;
  UserId assignee_id;
};

// Counts for the login alert (manual 001), in the user's today.
struct DueCounts {
  int64_t due_today = 0;
  int64_t overdue = 0;
};

struct OutboxFilter {
  std::optional<FollowupId> followup_id;
  std::optional<OutboxState> state;
  int limit = 100;  // newest first
};

struct OutboxStats {
  int64_t queued = 0;
  int64_t failed = 0;
  // The latest attempt that did not deliver (a retry or a final failure).
  std::optional<OutboxEvent> last_failure;
  int64_t last_failure_outbox_id = 0;
};

// SMTP settings as stored: the password sealed (see app/services.h Secrets).
struct StoredSmtp {
  SmtpSettings settings;  // settings.password is empty here
  std::string password_sealed;
};

struct DocumentQuery {
  std::string text;  // number prefix, or the party's code prefix or name substring
  std::optional<DocumentKind> kind;
  std::optional<PartyId> party_id;
  // Visibility, folded in by the use case: when visible_to is set, only documents sold
  // by that user, of a customer they own, or (visible_branch set) of that branch.
  std::optional<UserId> visible_to;
  std::optional<BranchId> visible_branch;
  int limit = 50;
  std::string cursor;  // newest first: the id after which to continue
};

struct DocumentRow {
  SalesDocument document;
  Party party;  // id, code, name filled at least
};

struct DocumentPage {
  std::vector<DocumentRow> items;
  std::string next_cursor;
};

// A stored birthday: the party's own (contact_position -1) or a contact person's.
struct BirthdayRow {
  PartyId party_id;
  int contact_position = -1;
  absl::CivilDay birthday;
};

// One transaction. Obtained from Store::Read or Store::Write; not thread-safe; must not
// outlive the callback it was given to.
class Tx {
 public:
  virtual ~Tx() = default;

  // Settings (a single row, created by the first migration).
  virtual absl::StatusOr<Settings> GetSettings() = 0;
  virtual absl::Status PutSettings(const Settings& s) = 0;

  // Branches.
  virtual absl::StatusOr<std::vector<Branch>> ListBranches() = 0;
  virtual absl::StatusOr<std::optional<Branch>> FindBranch(BranchId id) = 0;
  virtual absl::StatusOr<BranchId> InsertBranch(const Branch& b) = 0;
  // Writes name, time_zone, position and active. NotFound("branch"); AlreadyExists
  // ("name") when another branch has the name.
  virtual absl::Status UpdateBranch(const Branch& b) = 0;

  // Users. login is unique (AlreadyExists "login").
  virtual absl::StatusOr<std::vector<User>> ListUsers() = 0;
  virtual absl::StatusOr<std::optional<User>> FindUser(UserId id) = 0;
  virtual absl::StatusOr<std::optional<User>> FindUserByLogin(const std::string& login) = 0;
  virtual absl::StatusOr<UserId> InsertUser(const User& u) = 0;
  virtual absl::Status UpdateUser(const User& u) = 0;
  virtual absl::StatusOr<int64_t> CountUsers() = 0;

  // Sessions, looked up by the SHA-256 of the token.
  virtual absl::Status InsertSession(const Session& s) = 0;
  virtual absl::StatusOr<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  virtual absl::Status DeleteSession(const std::string& token_hash) = 0;
  // Ends every session of `user` but the one whose hash is `keep` (empty: none kept).
  virtual absl::Status DeleteUserSessions(UserId user, const std::string& keep) = 0;
  virtual absl::Status DeleteExpiredSessions(absl::Time now) = 0;

  // Contact types and categories. code unique per table (AlreadyExists "code"). Lists
  // hold retired rows too, in the admin's order (configured order for rows never
  // arranged, after the arranged ones).
  virtual absl::StatusOr<std::vector<CodeItem>> ListCodes(CodeTable t) = 0;
  virtual absl::StatusOr<std::optional<CodeItem>> FindCode(CodeTable t,
                                                           const std::string& code) = 0;
  virtual absl::StatusOr<std::optional<CodeItem>> FindCodeById(CodeTable t, int64_t id) = 0;
  // Empty name_es/name_en take the pt-BR name.
  virtual absl::StatusOr<int64_t> InsertCode(CodeTable t, const CodeItem& item) = 0;
  // Writes the names, position and active (never the code: old records keep it).
  // NotFound("code").
  virtual absl::Status UpdateCode(CodeTable t, const CodeItem& item) = 0;

  // Parties. code unique (AlreadyExists "code"). contacts are stored with the party.
  virtual absl::StatusOr<PartyId> InsertParty(const Party& p) = 0;
  // Writes every field but id and created_at, replaces the contacts, bumps the version
  // and returns the new one. FailedPrecondition("version") unless the stored version
  // equals p.version; NotFound("party"); AlreadyExists for a code already taken.
  virtual absl::StatusOr<int64_t> UpdateParty(const Party& p) = 0;
  virtual absl::StatusOr<std::optional<Party>> FindParty(PartyId id) = 0;
  virtual absl::StatusOr<std::optional<Party>> FindPartyByCode(const std::string& code) = 0;
  // Code prefix or name substring, case-insensitive for ASCII; ordered by name.
  virtual absl::StatusOr<std::vector<Party>> SearchParties(const std::string& q,
                                                           std::optional<PartyKind> kind,
                                                           int limit) = 0;

  // Follow-ups. Insert sets version 1 and starts the next_due_date cache at the
  // caller's f.next_due_date: the caller that knows its first planned return saves the
  // first InsertAction rewriting the row and its four due indexes; a wrong value is
  // corrected by that InsertAction. Update writes every mutable field and bumps the
  // version; it fails with FailedPrecondition("version") unless the stored version
  // equals f.version, and returns the new version.
  virtual absl::StatusOr<FollowupId> InsertFollowup(const Followup& f) = 0;
  virtual absl::StatusOr<int64_t> UpdateFollowup(const Followup& f) = 0;
  virtual absl::StatusOr<std::optional<Followup>> FindFollowup(FollowupId id) = 0;
  // The follow-up with its party (without contacts) in one statement: the page of a
  // follow-up, the most frequent read.
  virtual absl::StatusOr<std::optional<FollowupRow>> FindFollowupRow(FollowupId id) = 0;
  virtual absl::StatusOr<FollowupPage> QueryFollowups(const FollowupQuery& q) = 0;
  // How many follow-ups match q's filters and visibility on all pages together (its
  // cursor, order and limit do not count).
  virtual absl::StatusOr<int64_t> CountFollowups(const FollowupQuery& q) = 0;

  // Actions. Insert and Update also refresh the follow-up's cached next_due_date in
  // the same transaction.
  virtual absl::StatusOr<ActionId> InsertAction(const Action& a) = 0;
  virtual absl::Status UpdateAction(const Action& a) = 0;
  virtual absl::StatusOr<std::optional<Action>> FindAction(ActionId id) = 0;
  virtual absl::StatusOr<std::vector<Action>> ListActions(FollowupId id) = 0;  // by due
  virtual absl::StatusOr<std::vector<AgendaRow>> QueryAgenda(const AgendaQuery& q) = 0;
  virtual absl::StatusOr<DueCounts> CountDue(UserId assignee, absl::CivilDay today) = 0;
  // Planned and done returns (not cancelled), of open and closed follow-ups, with
  // due_date in [q.from, q.to] (both required), visible as in QueryAgenda.
  virtual absl::StatusOr<std::vector<CalendarRow>> QueryCalendar(const AgendaQuery& q) = 0;
  // A new series id for "repeat for N months".
  virtual absl::StatusOr<int64_t> NextSeriesId() = 0;

  // Entries. Only drafts can be updated (publishing); the store refuses to update a
  // published entry with FailedPrecondition("published").
  virtual absl::StatusOr<EntryId> InsertEntry(const Entry& e) = 0;
  virtual absl::Status UpdateEntry(const Entry& e) = 0;
  virtual absl::StatusOr<std::optional<Entry>> FindEntry(EntryId id) = 0;
  virtual absl::StatusOr<std::vector<Entry>> ListEntries(FollowupId id) = 0;  // newest first

  // Attachments: metadata and bytes.
  virtual absl::StatusOr<AttachmentId> InsertAttachment(const Attachment& a,
                                                        const std::string& bytes) = 0;
  virtual absl::StatusOr<std::optional<Attachment>> FindAttachment(AttachmentId id) = 0;
  virtual absl::StatusOr<std::string> ReadAttachmentBytes(AttachmentId id) = 0;
  virtual absl::StatusOr<std::vector<Attachment>> ListAttachments(FollowupId id) = 0;

  // Reminders. ReplacePendingReminders cancels the action's pending
  // reminders and inserts `pending` in their place (each with state pending), so an
  // edited, rescheduled, completed or cancelled return never keeps a stale one.
  virtual absl::Status ReplacePendingReminders(ActionId action,
                                               const std::vector<Reminder>& pending) = 0;
  virtual absl::StatusOr<int64_t> InsertReminder(const Reminder& r) = 0;
  virtual absl::StatusOr<std::vector<Reminder>> ListReminders(ActionId action) = 0;
  // Leases up to `limit` pending reminders with fire_at <= now whose lease is free or
  // expired, oldest instant first: they get lease_owner = worker until lease_until.
  // Several processes may claim concurrently; each row goes to one of them.
  virtual absl::StatusOr<std::vector<Reminder>> ClaimReminders(absl::Time now, int limit,
                                                               const std::string& worker,
                                                               absl::Time lease_until) = 0;
  // FailedPrecondition("lease") unless the reminder is pending and leased by worker.
  virtual absl::Status MarkReminderFired(int64_t id, const std::string& worker, absl::Time fired_at,
                                         bool late) = 0;
  virtual absl::StatusOr<int64_t> CountPendingReminders(absl::Time due_by) = 0;

  // Notifications of a user, newest first.
  virtual absl::StatusOr<int64_t> InsertNotification(const Notification& n) = 0;
  virtual absl::StatusOr<std::optional<Notification>> FindNotification(int64_t id) = 0;
  virtual absl::StatusOr<std::vector<Notification>> ListNotifications(UserId user, bool unread_only,
                                                                      int limit) = 0;
  virtual absl::StatusOr<int64_t> CountUnreadNotifications(UserId user) = 0;
  // Writes read_at and snoozed_until.
  virtual absl::Status UpdateNotification(const Notification& n) = 0;
  virtual absl::Status MarkAllNotificationsRead(UserId user, absl::Time now) = 0;
  // Marks read the unread reminders of a return, whoever received them: once the return
  // is done, cancelled, moved or given to someone else, its old reminder is handled.
  virtual absl::Status MarkActionNotificationsRead(ActionId action, absl::Time now) = 0;

  // The e-mail outbox. Insert writes the message with one log event (queued or
  // blocked) at created_at.
  virtual absl::StatusOr<int64_t> InsertOutbox(const OutboxMessage& m) = 0;
  virtual absl::StatusOr<std::optional<OutboxMessage>> FindOutbox(int64_t id) = 0;
  // Leases up to `limit` queued messages with next_attempt_at <= now, as reminders.
  virtual absl::StatusOr<std::vector<OutboxMessage>> ClaimOutbox(absl::Time now, int limit,
                                                                 const std::string& worker,
                                                                 absl::Time lease_until) = 0;
  // Writes the outcome of an attempt (state, attempts, next_attempt_at, last_error,
  // sent_at), releases the lease and appends `event` to the log.
  // FailedPrecondition("lease") unless still queued and leased by worker.
  virtual absl::Status FinishOutboxAttempt(const OutboxMessage& m, const std::string& worker,
                                           const OutboxEvent& event) = 0;
  virtual absl::StatusOr<std::vector<OutboxMessage>> ListOutbox(const OutboxFilter& f) = 0;
  // Recipients (to + cc) of the e-mails `user` queued by hand (send now, test mails)
  // created at or after `since`: what the per-user sending limit counts.
  virtual absl::StatusOr<int64_t> CountRecipientsQueuedBy(UserId user, absl::Time since) = 0;
  virtual absl::StatusOr<OutboxStats> GetOutboxStats() = 0;

  // Message templates, one per kind and locale.
  virtual absl::StatusOr<std::vector<MessageTemplate>> ListTemplates() = 0;
  virtual absl::StatusOr<std::optional<MessageTemplate>> FindTemplate(int64_t id) = 0;
  virtual absl::StatusOr<std::optional<MessageTemplate>> FindTemplateFor(
      TemplateKind kind, const std::string& locale) = 0;
  virtual absl::Status UpdateTemplate(const MessageTemplate& t) = 0;

  // SMTP settings (one row) and small named values of the jobs.
  virtual absl::StatusOr<StoredSmtp> GetSmtp() = 0;
  virtual absl::Status PutSmtp(const StoredSmtp& s) = 0;
  virtual absl::StatusOr<std::optional<std::string>> GetJobState(const std::string& name) = 0;
  virtual absl::Status PutJobState(const std::string& name, const std::string& value) = 0;

  // Private calendar feeds: one per user, by the SHA-256 of its token.
  virtual absl::Status PutCalendarFeed(UserId user, const std::string& token_hash,
                                       absl::Time now) = 0;  // replaces the user's
  virtual absl::Status DeleteCalendarFeed(UserId user) = 0;
  virtual absl::StatusOr<std::optional<UserId>> FindCalendarFeed(const std::string& token_hash) = 0;
  virtual absl::StatusOr<bool> HasCalendarFeed(UserId user) = 0;

  // Catalogue of products and services. code unique (AlreadyExists "code").
  virtual absl::StatusOr<CatalogItemId> InsertCatalogItem(const CatalogItem& c) = 0;
  virtual absl::Status UpdateCatalogItem(const CatalogItem& c) = 0;  // NotFound "catalog_item"
  virtual absl::StatusOr<std::optional<CatalogItem>> FindCatalogItem(CatalogItemId id) = 0;
  virtual absl::StatusOr<std::optional<CatalogItem>> FindCatalogItemByCode(
      const std::string& code) = 0;
  // Code prefix or name substring, case-insensitive for ASCII; ordered by name.
  virtual absl::StatusOr<std::vector<CatalogItem>> SearchCatalog(const std::string& q,
                                                                 std::optional<CatalogKind> kind,
                                                                 int limit) = 0;

  // Sales documents with their items. (kind, number) unique (AlreadyExists "number").
  // Insert sets version 1; Update replaces every field and the items and bumps the
  // version, FailedPrecondition("version") unless the stored one equals d.version.
  virtual absl::StatusOr<DocumentId> InsertDocument(const SalesDocument& d) = 0;
  virtual absl::StatusOr<int64_t> UpdateDocument(const SalesDocument& d) = 0;
  virtual absl::StatusOr<std::optional<SalesDocument>> FindDocument(DocumentId id) = 0;
  // The same without its items: enough for the {id, kind, number} a follow-up, an agenda
  // row or a calendar day shows, one query instead of two.
  virtual absl::StatusOr<std::optional<SalesDocument>> FindDocumentHeader(DocumentId id) = 0;
  virtual absl::StatusOr<std::optional<SalesDocument>> FindDocumentByNumber(
      DocumentKind kind, const std::string& number) = 0;
  virtual absl::StatusOr<DocumentPage> QueryDocuments(const DocumentQuery& q) = 0;

  // Follow-ups of a document (any origin), by id; and the one an origin key made.
  virtual absl::StatusOr<std::vector<Followup>> ListDocumentFollowups(DocumentId id) = 0;
  virtual absl::StatusOr<std::optional<Followup>> FindFollowupByOriginKey(
      const std::string& key) = 0;

  // Birthdays of parties and contact persons whose month-day ("MM-DD") is in
  // [from_mmdd, to_mmdd]; optionally of one party only.
  virtual absl::StatusOr<std::vector<BirthdayRow>> ListBirthdays(const std::string& from_mmdd,
                                                                 const std::string& to_mmdd,
                                                                 std::optional<PartyId> party) = 0;

  // CSV imports. The file is kept with the row until the import ends.
  virtual absl::StatusOr<int64_t> InsertImport(const ImportRun& r, const std::string& content) = 0;
  virtual absl::StatusOr<std::optional<ImportRun>> FindImport(int64_t id) = 0;
  virtual absl::StatusOr<std::vector<ImportRun>> ListImports(int limit) = 0;  // newest first
  // Leases the oldest queued or running import whose lease is free, expired or
  // already the worker's.
  virtual absl::StatusOr<std::optional<ImportRun>> ClaimImport(absl::Time now,
                                                               const std::string& worker,
                                                               absl::Time lease_until) = 0;
  virtual absl::StatusOr<std::string> ReadImportContent(int64_t id) = 0;
  // Writes status, counters, errors and finished_at, and renews the lease; drops the
  // file once the import is done or failed. FailedPrecondition("lease") unless the
  // import is leased by worker.
  virtual absl::Status UpdateImport(const ImportRun& r, const std::string& worker,
                                    absl::Time lease_until) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in one read-write transaction: committed when fn returns OK, rolled back
  // otherwise (and fn's status returned). Writers are serialised. Thread-safe.
  virtual absl::Status Write(const std::function<absl::Status(Tx&)>& fn) = 0;
  // Runs fn in one read-only snapshot transaction. Thread-safe; readers run in
  // parallel with each other and with the writer.
  virtual absl::Status Read(const std::function<absl::Status(Tx&)>& fn) = 0;
};

}  // namespace retorno
