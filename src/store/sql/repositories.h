// The repositories of app/ports/ written once in SQL over a sql::Db (ADR 0027), one
// source file each. Private to store/sql/; a store reaches them through SqlTx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "app/ports.h"
#include "app/ports/followup_export.h"
#include "store/sql/db.h"

namespace retorno::sql {

class SqlAccounts final : public AccountsRepository {
 public:
  explicit SqlAccounts(Db& db) : db_(db) {}

  absl::StatusOr<Settings> GetSettings() override;
  absl::Status PutSettings(const Settings& s) override;
  absl::StatusOr<std::vector<Branch>> ListBranches() override;
  absl::StatusOr<std::optional<Branch>> FindBranch(BranchId id) override;
  absl::StatusOr<BranchId> InsertBranch(const Branch& b) override;
  absl::Status UpdateBranch(const Branch& b) override;
  absl::StatusOr<std::vector<User>> ListUsers() override;
  absl::StatusOr<std::optional<User>> FindUser(UserId id) override;
  absl::StatusOr<std::optional<User>> FindUserByLogin(const std::string& login) override;
  absl::StatusOr<UserId> InsertUser(const User& u) override;
  absl::Status UpdateUser(const User& u) override;
  absl::StatusOr<int64_t> CountUsers() override;
  absl::Status InsertSession(const Session& s) override;
  absl::StatusOr<std::optional<Session>> FindSession(const std::string& token_hash) override;
  absl::Status DeleteSession(const std::string& token_hash) override;
  absl::Status DeleteUserSessions(UserId user, const std::string& keep) override;
  absl::Status DeleteExpiredSessions(absl::Time now) override;
  absl::StatusOr<std::vector<CodeItem>> ListCodes(CodeTable t) override;
  absl::StatusOr<std::optional<CodeItem>> FindCode(CodeTable t, const std::string& code) override;
  absl::StatusOr<std::optional<CodeItem>> FindCodeById(CodeTable t, int64_t id) override;
  absl::StatusOr<int64_t> InsertCode(CodeTable t, const CodeItem& item) override;
  absl::Status UpdateCode(CodeTable t, const CodeItem& item) override;
  absl::Status PutCalendarFeed(UserId user, const std::string& token_hash, absl::Time now) override;
  absl::Status DeleteCalendarFeed(UserId user) override;
  absl::StatusOr<std::optional<UserId>> FindCalendarFeed(const std::string& token_hash) override;
  absl::StatusOr<bool> HasCalendarFeed(UserId user) override;
  absl::StatusOr<std::optional<ThrottleState>> FindThrottle(const std::string& key) override;
  absl::Status PutThrottle(const std::string& key, const ThrottleState& state) override;
  absl::Status DeleteThrottle(const std::string& key) override;
  absl::Status DeleteStaleThrottles(absl::Time before) override;
  absl::StatusOr<std::vector<UserRightChange>> ListUserRights(UserId user) override;
  absl::Status ReplaceUserRights(UserId user, const std::vector<UserRightChange>& changes) override;

 private:
  Db& db_;
};

class SqlParties final : public PartiesRepository {
 public:
  explicit SqlParties(Db& db) : db_(db) {}

  absl::StatusOr<PartyId> InsertParty(const Party& p) override;
  absl::StatusOr<int64_t> UpdateParty(const Party& p) override;
  absl::StatusOr<std::optional<Party>> FindParty(PartyId id) override;
  absl::StatusOr<std::optional<Party>> FindPartyByCode(const std::string& code) override;
  absl::StatusOr<std::vector<Party>> SearchParties(const std::string& q,
                                                   std::optional<PartyKind> kind,
                                                   int limit) override;
  absl::StatusOr<std::vector<BirthdayRow>> ListBirthdays(const std::string& from_mmdd,
                                                         const std::string& to_mmdd,
                                                         std::optional<PartyId> party) override;

 private:
  absl::Status LoadContacts(Party& p);
  absl::Status InsertContacts(PartyId party, const std::vector<Contact>& contacts);
  Db& db_;
};

class SqlFollowups final : public FollowupsRepository {
 public:
  explicit SqlFollowups(Db& db) : db_(db) {}

  absl::StatusOr<FollowupId> InsertFollowup(const Followup& f) override;
  absl::StatusOr<int64_t> UpdateFollowup(const Followup& f) override;
  absl::StatusOr<int64_t> SaveFollowupWithReturns(
      const Followup& f, const std::vector<const Action*>& returns) override;
  absl::StatusOr<std::optional<Followup>> FindFollowup(FollowupId id) override;
  absl::StatusOr<ActionId> InsertAction(const Action& a) override;
  absl::Status UpdateAction(const Action& a) override;
  absl::StatusOr<std::optional<Action>> FindAction(ActionId id) override;
  absl::Status LockReturn(ActionId id) override;
  absl::StatusOr<std::vector<Action>> ListActions(FollowupId id) override;
  absl::StatusOr<int64_t> NextSeriesId() override;
  absl::StatusOr<EntryId> InsertEntry(const Entry& e) override;
  absl::Status UpdateEntry(const Entry& e) override;
  absl::StatusOr<std::optional<Entry>> FindEntry(EntryId id) override;
  absl::StatusOr<std::vector<Entry>> ListEntries(FollowupId id) override;
  absl::StatusOr<AttachmentId> InsertAttachment(const Attachment& a,
                                                const std::string& bytes) override;
  absl::StatusOr<std::optional<Attachment>> FindAttachment(AttachmentId id) override;
  absl::StatusOr<std::string> ReadAttachmentBytes(AttachmentId id) override;
  absl::StatusOr<std::vector<Attachment>> ListAttachments(FollowupId id) override;
  absl::StatusOr<std::optional<Followup>> FindFollowupByOriginKey(const std::string& key) override;
  absl::Status AnnounceCreation(const CreationAhead& ahead) override;

 private:
  // The caches of a follow-up's returns as stored on its row (kRefreshNextDue).
  struct ReturnCaches {
    std::optional<absl::CivilDay> next_due;   // earliest planned return
    std::optional<absl::CivilDay> first_due;  // earliest return
    bool has_done = false;
    bool operator==(const ReturnCaches&) const = default;
  };
  absl::Status RefreshNextDue(FollowupId id);
  // The return's row; answers its follow-up's id (kActionNotFound when missing).
  absl::StatusOr<FollowupId> WriteAction(const Action& a);
  absl::StatusOr<int64_t> WriteFollowup(const Followup& f, bool with_caches);
  Db& db_;
  // Follow-ups this transaction inserted, with their caches as written. No other
  // transaction can see them yet and only this repository writes returns, so the inserts
  // of their first returns keep the caches from what they insert instead of reading the
  // returns back (one statement fewer per return of a creation).
  struct Inserted {
    ReturnCaches stored;   // on the row
    ReturnCaches returns;  // of the returns inserted since
  };
  absl::flat_hash_map<int64_t, Inserted> inserted_;
};

class SqlFollowupQueries final : public FollowupQueries, public FollowupExportQueries {
 public:
  explicit SqlFollowupQueries(Db& db) : db_(db) {}

  absl::StatusOr<std::optional<FollowupRow>> FindFollowupRow(FollowupId id) override;
  absl::StatusOr<FollowupPage> QueryFollowups(const FollowupQuery& q) override;
  absl::StatusOr<int64_t> CountFollowups(const FollowupQuery& q) override;
  absl::Status QueryFollowupsForExport(const FollowupQuery& q, FollowupExportPage& page) override;
  absl::StatusOr<std::vector<AgendaRow>> QueryAgenda(const AgendaQuery& q) override;
  absl::StatusOr<DueCounts> CountDue(UserId assignee, absl::CivilDay today) override;
  absl::StatusOr<std::vector<CalendarRow>> QueryCalendar(const AgendaQuery& q) override;

 private:
  Db& db_;
};

class SqlMessaging final : public MessagingRepository {
 public:
  explicit SqlMessaging(Db& db) : db_(db) {}

  absl::Status ReplacePendingReminders(ActionId action,
                                       const std::vector<Reminder>& pending) override;
  absl::StatusOr<int64_t> InsertReminder(const Reminder& r) override;
  absl::StatusOr<std::vector<Reminder>> ListReminders(ActionId action) override;
  absl::StatusOr<std::vector<Reminder>> ClaimReminders(absl::Time now, int limit,
                                                       const std::string& worker,
                                                       absl::Time lease_until) override;
  absl::Status MarkReminderFired(int64_t id, const std::string& worker, absl::Time fired_at,
                                 bool late) override;
  absl::StatusOr<int64_t> CountPendingReminders(absl::Time due_by) override;
  absl::StatusOr<int64_t> InsertNotification(const Notification& n) override;
  absl::StatusOr<std::optional<Notification>> FindNotification(int64_t id) override;
  absl::StatusOr<std::vector<Notification>> ListNotifications(UserId user, bool unread_only,
                                                              int limit) override;
  absl::StatusOr<int64_t> CountUnreadNotifications(UserId user) override;
  absl::Status UpdateNotification(const Notification& n) override;
  absl::Status MarkAllNotificationsRead(UserId user, absl::Time now) override;
  absl::Status MarkActionNotificationsRead(ActionId action, absl::Time now) override;
  absl::StatusOr<int64_t> InsertOutbox(const OutboxMessage& m) override;
  absl::StatusOr<std::optional<OutboxMessage>> FindOutbox(int64_t id) override;
  absl::StatusOr<std::vector<OutboxMessage>> ClaimOutbox(absl::Time now, int limit,
                                                         const std::string& worker,
                                                         absl::Time lease_until) override;
  absl::Status FinishOutboxAttempt(const OutboxMessage& m, const std::string& worker,
                                   const OutboxEvent& event) override;
  absl::StatusOr<std::vector<OutboxMessage>> ListOutbox(const OutboxFilter& f) override;
  absl::StatusOr<int64_t> CountRecipientsQueuedBy(UserId user, absl::Time since) override;
  absl::StatusOr<OutboxStats> GetOutboxStats() override;
  absl::Status InsertOutboxFile(int64_t outbox_id, int seq, const MailAttachment& f) override;
  absl::StatusOr<std::vector<MailAttachment>> ListOutboxFiles(int64_t outbox_id) override;
  absl::StatusOr<std::vector<MessageTemplate>> ListTemplates() override;
  absl::StatusOr<std::optional<MessageTemplate>> FindTemplate(int64_t id) override;
  absl::StatusOr<std::optional<MessageTemplate>> FindTemplateFor(
      TemplateKind kind, const std::string& locale) override;
  absl::Status UpdateTemplate(const MessageTemplate& t) override;
  absl::StatusOr<StoredSmtp> GetSmtp() override;
  absl::Status PutSmtp(const StoredSmtp& s) override;

 private:
  Db& db_;
};

class SqlSales final : public SalesRepository {
 public:
  explicit SqlSales(Db& db) : db_(db) {}

  absl::StatusOr<CatalogItemId> InsertCatalogItem(const CatalogItem& c) override;
  absl::Status UpdateCatalogItem(const CatalogItem& c) override;
  absl::StatusOr<std::optional<CatalogItem>> FindCatalogItem(CatalogItemId id) override;
  absl::StatusOr<std::optional<CatalogItem>> FindCatalogItemByCode(
      const std::string& code) override;
  absl::StatusOr<std::vector<CatalogItem>> SearchCatalog(const std::string& q,
                                                         std::optional<CatalogKind> kind,
                                                         int limit) override;
  absl::StatusOr<DocumentId> InsertDocument(const SalesDocument& d) override;
  absl::StatusOr<int64_t> UpdateDocument(const SalesDocument& d) override;
  absl::StatusOr<std::optional<SalesDocument>> FindDocument(DocumentId id) override;
  absl::StatusOr<std::optional<SalesDocument>> FindDocumentHeader(DocumentId id) override;
  absl::StatusOr<std::optional<SalesDocument>> FindDocumentByNumber(
      DocumentKind kind, const std::string& number) override;
  absl::StatusOr<DocumentPage> QueryDocuments(const DocumentQuery& q) override;
  absl::StatusOr<std::vector<Followup>> ListDocumentFollowups(DocumentId id) override;
  absl::StatusOr<std::vector<SalesDocument>> ListFollowupDocuments(FollowupId id) override;
  absl::StatusOr<int64_t> NextDocumentNumber(DocumentKind kind) override;
  absl::StatusOr<int64_t> InsertReopenRequest(const ReopenRequest& r) override;
  absl::StatusOr<std::optional<ReopenRequest>> FindReopenRequest(int64_t id) override;
  absl::StatusOr<std::optional<ReopenRequest>> FindPendingReopenRequest(FollowupId id) override;
  absl::Status DecideReopenRequest(const ReopenRequest& r) override;
  absl::StatusOr<int64_t> InsertImport(const ImportRun& r, const std::string& content) override;
  absl::StatusOr<std::optional<ImportRun>> FindImport(int64_t id) override;
  absl::StatusOr<std::vector<ImportRun>> ListImports(int limit) override;
  absl::StatusOr<std::optional<ImportRun>> ClaimImport(std::string_view kind, absl::Time now,
                                                       const std::string& worker,
                                                       absl::Time lease_until) override;
  absl::StatusOr<std::string> ReadImportContent(int64_t id) override;
  absl::Status UpdateImport(const ImportRun& r, const std::string& worker,
                            absl::Time lease_until) override;

 private:
  Db& db_;
};

class SqlJobs final : public JobsRepository {
 public:
  explicit SqlJobs(Db& db) : db_(db) {}

  absl::StatusOr<std::optional<std::string>> GetJobState(const std::string& name) override;
  absl::Status PutJobState(const std::string& name, const std::string& value) override;

 private:
  Db& db_;
};

class SqlAudit final : public AuditRepository {
 public:
  explicit SqlAudit(Db& db) : db_(db) {}

  absl::StatusOr<int64_t> InsertAudit(const AuditRecord& r) override;
  absl::StatusOr<std::vector<AuditRecord>> QueryAudit(const AuditQuery& q) override;

 private:
  Db& db_;
};

class SqlPrivacy final : public PrivacyRepository {
 public:
  explicit SqlPrivacy(Db& db) : db_(db) {}

  absl::StatusOr<std::vector<FollowupId>> ListPartyFollowups(PartyId party) override;
  absl::Status RewriteEntryBody(EntryId id, const std::string& body) override;
  absl::StatusOr<std::vector<StoredMail>> ListFollowupMail(FollowupId id) override;
  absl::Status RewriteMail(const StoredMail& m) override;
  absl::StatusOr<int64_t> DeleteAttachments(FollowupId id) override;

 private:
  Db& db_;
};

class SqlReportQueries final : public ReportQueries {
 public:
  explicit SqlReportQueries(Db& db) : db_(db) {}

  absl::StatusOr<UnattendedReport> QueryUnattended(const UnattendedQuery& q) override;
  absl::StatusOr<ActionsReport> QueryActions(const ActionsQuery& q) override;
  absl::StatusOr<std::vector<TeamCount>> QueryTeam(const TeamQuery& q) override;  // reports_team.cc
  absl::StatusOr<std::vector<AutomaticCount>> QueryAutomatic(const AutomaticQuery& q) override;

 private:
  Db& db_;
};

class SqlReportSchedules final : public ReportScheduleRepository {
 public:
  explicit SqlReportSchedules(Db& db) : db_(db) {}

  absl::StatusOr<int64_t> InsertSchedule(const ReportSchedule& s) override;
  absl::StatusOr<std::optional<ReportSchedule>> FindSchedule(int64_t id) override;
  absl::StatusOr<std::vector<ReportSchedule>> ListSchedules(std::optional<UserId> user) override;
  absl::Status UpdateSchedule(const ReportSchedule& s) override;
  absl::Status DeleteSchedule(int64_t id) override;
  absl::StatusOr<std::vector<ReportSchedule>> ClaimDueSchedules(absl::Time now, int limit,
                                                                const std::string& worker,
                                                                absl::Time lease_until) override;
  absl::Status InsertRun(const ReportScheduleRun& run) override;
  absl::Status FinishRun(int64_t id, const std::string& worker, absl::Time next_run_at) override;
  absl::StatusOr<std::vector<ReportScheduleRun>> ListRuns(int64_t schedule_id) override;

 private:
  Db& db_;
};

// Announces SqlFollowups::ListActions, ListEntries and ListAttachments of `id`
// (Query::ReadAhead).
absl::Status ReadFollowupListsAhead(Db& db, FollowupId id);
// Announce (Query::ReadAhead) the statements of FindParty (with its contact persons),
// FindCode, FindUser, FindBranch and GetSettings with these arguments.
absl::Status ReadPartyAhead(Db& db, PartyId id);
absl::Status ReadCodeAhead(Db& db, CodeTable t, const std::string& code);
absl::Status ReadUserAhead(Db& db, UserId id);
absl::Status ReadBranchAhead(Db& db, BranchId id);
absl::Status ReadSettingsAhead(Db& db);

}  // namespace retorno::sql
