// Value types of the follow-up domain (DESIGN.md §2). Plain structs: no behaviour that
// needs I/O. Instants are absl::Time; due dates are civil days in the owner's zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/ids.h"

namespace retorno {

enum class Role { kAdmin, kSupervisor, kAgent };
enum class PartyKind { kCustomer, kSupplier, kProspect };
enum class Priority { kHigh, kMedium, kLow };
enum class FollowupStatus { kOpen, kClosed };
enum class ActionStatus { kPlanned, kDone, kCancelled };
enum class EntryKind { kNote, kComplaint, kInternal, kEmail, kResult, kStatus };
// Derived, never stored: see state.h.
enum class FollowupState { kOverdue, kToday, kOpen, kClosed };
// How a user wants e-mail about their returns: none, one per return, a morning digest.
enum class EmailReminders { kOff, kEach, kDigest };
// A reminder alerts the assignee (kUser) or e-mails the customer (kCustomer).
enum class ReminderKind { kUser, kCustomer };
enum class ReminderState { kPending, kFired, kCancelled };
// kBulkChange: follow-ups of the user were reassigned, moved or closed in one batch.
// kReopenRequest: an agent asks the supervisor to reopen a follow-up; kReopenDecision:
// the agent is told the answer (ADR 0042).
enum class NotificationKind {
  kReminder,
  kMailFailed,
  kMailBlocked,
  kBulkChange,
  kReopenRequest,
  kReopenDecision
};
enum class OutboxKind { kReminder, kCustomer, kManual, kDigest, kTest };
// queued: waiting or retrying; sent; failed: given up; blocked: never sent because a
// template value was missing (the user is told why).
enum class OutboxState { kQueued, kSent, kFailed, kBlocked };
enum class TemplateKind { kReminder, kCustomer, kDigest };
// Sales and service records from the ERP (manual 002).
enum class CatalogKind { kProduct, kService };
enum class DocumentKind { kQuote, kSalesOrder, kSale, kServiceOrder };
enum class DocumentStatus { kOpen, kCompleted, kCancelled };
// A sale made from a follow-up that had produced a sale already is an excess sale: a
// contract of its own, billed apart (manual 003).
enum class DocumentBilling { kRegular, kExcess };
enum class ReopenRequestStatus { kPending, kApproved, kRefused };
enum class ImportStatus { kQueued, kRunning, kDone, kFailed };

// Wire names ("admin", "high", "overdue"...) and their parsers. Parsers return nullopt
// for anything else; they are exact and case-sensitive, like the API.
std::string_view ToString(Role v);
std::string_view ToString(PartyKind v);
std::string_view ToString(Priority v);
std::string_view ToString(FollowupStatus v);
std::string_view ToString(ActionStatus v);
std::string_view ToString(EntryKind v);
std::string_view ToString(FollowupState v);
std::string_view ToString(EmailReminders v);
std::string_view ToString(ReminderKind v);
std::string_view ToString(ReminderState v);
std::string_view ToString(NotificationKind v);
std::string_view ToString(OutboxKind v);
std::string_view ToString(OutboxState v);
std::string_view ToString(TemplateKind v);
std::string_view ToString(CatalogKind v);
std::string_view ToString(DocumentKind v);
std::string_view ToString(DocumentStatus v);
std::string_view ToString(ImportStatus v);
std::string_view ToString(DocumentBilling v);
std::string_view ToString(ReopenRequestStatus v);
std::optional<Role> ParseRole(std::string_view s);
std::optional<PartyKind> ParsePartyKind(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<FollowupStatus> ParseFollowupStatus(std::string_view s);
std::optional<ActionStatus> ParseActionStatus(std::string_view s);
std::optional<EntryKind> ParseEntryKind(std::string_view s);
std::optional<FollowupState> ParseFollowupState(std::string_view s);
std::optional<EmailReminders> ParseEmailReminders(std::string_view s);
std::optional<ReminderKind> ParseReminderKind(std::string_view s);
std::optional<ReminderState> ParseReminderState(std::string_view s);
std::optional<NotificationKind> ParseNotificationKind(std::string_view s);
std::optional<OutboxKind> ParseOutboxKind(std::string_view s);
std::optional<OutboxState> ParseOutboxState(std::string_view s);
std::optional<TemplateKind> ParseTemplateKind(std::string_view s);
std::optional<CatalogKind> ParseCatalogKind(std::string_view s);
std::optional<DocumentKind> ParseDocumentKind(std::string_view s);
std::optional<DocumentStatus> ParseDocumentStatus(std::string_view s);
std::optional<ImportStatus> ParseImportStatus(std::string_view s);
std::optional<DocumentBilling> ParseDocumentBilling(std::string_view s);
std::optional<ReopenRequestStatus> ParseReopenRequestStatus(std::string_view s);

// Where a follow-up came from (DESIGN.md §2). Automatic origins are written by the
// system, never accepted from a client.
inline constexpr std::string_view kOriginManual = "manual";
inline constexpr std::string_view kOriginAfterSale = "after_sale";
inline constexpr std::string_view kOriginServiceDone = "service_done";
inline constexpr std::string_view kOriginBirthday = "birthday";
inline constexpr std::string_view kOriginCalendar = "calendar";

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
  std::string whatsapp;
  // A contact person's birthday (manual 002: birthdays appear on the calendar every
  // year); unused on a follow-up's contact.
  std::optional<absl::CivilDay> birthday;
  bool operator==(const Contact&) const = default;
};

struct Settings {
  std::string company_name = "Retorno";
  std::string time_zone = "America/Sao_Paulo";
  // Manual 001: "Ativar aviso automático de retorno (alarme)".
  bool return_alerts_enabled = true;
  // The company's currency (ISO 4217: BRL or MXN); amounts are in its minor units.
  std::string currency = "BRL";
};

struct Branch {
  BranchId id;
  std::string name;
  // Empty: the organization's zone.
  std::string time_zone;
  // The admin's order (1, 2, ...); 0 until the admin arranges the list, which is by
  // name until then.
  int position = 0;
  // A retired branch stays on old records and in reports, and is offered for no new one.
  bool active = true;
};

struct User {
  UserId id;
  std::string login;
  std::string name;
  std::string email;
  Role role = Role::kAgent;
  std::optional<BranchId> branch_id;
  std::string time_zone = "America/Sao_Paulo";
  std::string locale = "pt-BR";
  bool alert_on_login = true;
  // 10..60, or nullopt for no repeat alert (manual 001).
  std::optional<int> alert_every_minutes;
  EmailReminders email_reminders = EmailReminders::kEach;
  bool active = true;
  std::string password_hash;  // argon2id string from libsodium
  absl::Time created_at;
};

// A login session or API token; only the SHA-256 of the token is stored.
struct Session {
  std::string token_hash;
  std::string csrf_token;
  UserId user_id;
  absl::Time created_at;
  absl::Time expires_at;
};

// Rows of the configurable tables: contact types and categories.
enum class CodeTable { kContactType, kCategory };
struct CodeItem {
  int64_t id = 0;
  std::string code;
  std::string name;  // pt-BR
  std::string name_es;
  std::string name_en;
  // The admin's order (1, 2, ...); 0 until the admin arranges the table, which is in
  // configured order until then.
  int position = 0;
  // A retired code stays valid on old records, in reports and on the timeline, and is
  // refused for new follow-ups and returns.
  bool active = true;

  // The name in a locale ("pt-BR", "es", "en-US"...); the pt-BR one when the locale's
  // is empty.
  const std::string& NameIn(std::string_view locale) const {
    const std::string& n = locale.starts_with("es")   ? name_es
                           : locale.starts_with("en") ? name_en
                                                      : name;
    return n.empty() ? name : n;
  }
};

struct Party {
  PartyId id;
  std::string code;  // from the ERP; unique
  PartyKind kind = PartyKind::kCustomer;
  std::string name;
  std::string email;
  std::string phone;
  std::string whatsapp;
  std::optional<absl::CivilDay> birthday;
  std::optional<BranchId> branch_id;
  std::optional<UserId> owner_id;
  std::vector<Contact> contacts;
  // CPF, CNPJ or RFC in its normalised form (domain/tax_id.h); empty: none.
  std::string tax_id;
  absl::Time created_at;
  int64_t version = 1;
};

struct Action {
  ActionId id;
  FollowupId followup_id;
  std::string type;  // contact type code
  absl::CivilDay due_date;
  std::optional<int> due_minutes;  // minutes after midnight, in the assignee's zone
  ActionStatus status = ActionStatus::kPlanned;
  UserId assignee_id;
  bool notify_customer = false;
  std::string message;
  // "Remind at" (manual 000); nullopt: the due date and time (see domain/reminders.h).
  std::optional<absl::Time> remind_at;
  std::string result;
  std::string resolution;  // contact type code of how it was resolved
  std::optional<absl::Time> result_at;
  std::optional<absl::Time> done_at;
  std::optional<UserId> done_by;
  std::optional<ActionId> next_action_id;
  int64_t series_id = 0;  // 0: not part of a series
  int series_index = 0;
  absl::Time created_at;
};

struct Entry {
  EntryId id;
  FollowupId followup_id;
  std::optional<ActionId> action_id;
  EntryKind kind = EntryKind::kNote;
  std::string body;
  UserId author_id;
  absl::Time contact_at;
  absl::Time created_at;
  bool draft = false;
  // Written from the attendance type's standard text: a standard parecer, shown in the
  // standard history (manual 003).
  bool standard = false;
};

struct Attachment {
  AttachmentId id;
  FollowupId followup_id;
  std::optional<EntryId> entry_id;
  std::string file_name;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;  // hex
  UserId uploaded_by;
  absl::Time created_at;
};

struct Followup {
  FollowupId id;
  PartyId party_id;
  Contact contact;
  UserId owner_id;
  std::optional<BranchId> branch_id;
  std::string subject;
  std::string category;  // category code
  Priority priority = Priority::kMedium;
  std::string origin = "manual";
  // The sales or service document it belongs to, if any [000][001].
  std::optional<DocumentId> document_id;
  // For automatic follow-ups: what created it ("doc:12:item:3", "birthday:party:5:2027"),
  // unique, so the same sale or birthday never creates a second one. Empty otherwise.
  std::string origin_key;
  std::vector<std::string> cc;
  FollowupStatus status = FollowupStatus::kOpen;
  int64_t version = 1;
  // The earliest due date among planned actions: a cache the store keeps in the same
  // transaction as the actions, so lists can filter by it. State is still derived.
  std::optional<absl::CivilDay> next_due_date;
  // When the contact happened (manual 001): now by default, earlier for a late entry.
  absl::Time contact_at;
  // The company's own deadline for it, never told to the customer (ADR 0041): a civil
  // day compared with the viewer's today; it moves no return and no derived state.
  std::optional<absl::CivilDay> internal_date;
  UserId created_by;
  UserId updated_by;
  absl::Time created_at;
  absl::Time updated_at;
};

// A reminder row: the instant a return must be reminded of. Written with the
// return, claimed by a job worker with a lease, fired once.
struct Reminder {
  int64_t id = 0;
  ActionId action_id;
  FollowupId followup_id;
  UserId user_id;  // the assignee
  ReminderKind kind = ReminderKind::kUser;
  absl::Time fire_at;
  ReminderState state = ReminderState::kPending;
  std::optional<absl::Time> fired_at;
  bool late = false;  // fired after its instant (caught up after downtime)
  absl::Time created_at;
};

struct Notification {
  int64_t id = 0;
  UserId user_id;
  NotificationKind kind = NotificationKind::kReminder;
  std::optional<FollowupId> followup_id;
  std::optional<ActionId> action_id;
  std::string detail;  // the server's reason, or the missing placeholders
  bool late = false;
  absl::Time created_at;
  std::optional<absl::Time> read_at;
  std::optional<absl::Time> snoozed_until;
};

struct OutboxEvent {
  absl::Time at;
  std::string event;  // queued, sent, retry, failed, blocked
  std::string detail;
};

struct OutboxMessage {
  int64_t id = 0;
  OutboxKind kind = OutboxKind::kManual;
  std::optional<FollowupId> followup_id;
  std::optional<ActionId> action_id;
  std::optional<UserId> user_id;
  std::vector<std::string> to;
  std::vector<std::string> cc;
  std::string subject;
  std::string text;
  std::string html;
  std::vector<AttachmentId> attachment_ids;
  std::string message_id;
  OutboxState state = OutboxState::kQueued;
  int attempts = 0;
  std::optional<absl::Time> next_attempt_at;
  std::string last_error;
  absl::Time created_at;
  std::optional<absl::Time> sent_at;
  std::vector<OutboxEvent> log;  // oldest first
};

struct MessageTemplate {
  int64_t id = 0;
  TemplateKind kind = TemplateKind::kReminder;
  std::string locale;
  std::string subject;
  std::string body;
};

// The template of the follow-up a catalogue item creates (manual 002).
struct FollowupTemplate {
  std::string subject;   // may hold placeholders, e.g. "Revisão #{produto}"
  std::string category;  // category code
  std::string type;      // contact type code of the return
  std::string message;   // message to the customer, with placeholders
  bool operator==(const FollowupTemplate&) const = default;
};

// A product or service of the catalogue. followup_days: manual 002's "Follow-Up"
// field, the days after a sale (product) or a completed service order (service) at
// which a follow-up is due; nullopt: none.
struct CatalogItem {
  CatalogItemId id;
  std::string code;  // from the ERP; unique
  CatalogKind kind = CatalogKind::kProduct;
  std::string name;
  bool active = true;
  std::optional<int> followup_days;
  FollowupTemplate followup;
  absl::Time created_at;
  absl::Time updated_at;
};

struct DocumentItem {
  int position = 0;
  std::optional<CatalogItemId> item_id;  // when item_code is in the catalogue
  std::string item_code;
  std::string description;
  double quantity = 1;
  // Documents made in Retorno carry prices (the ERP's do not): the unit price in the
  // currency's minor units and the line's discount in hundredths of a percent.
  int64_t unit_price = 0;
  int discount_bp = 0;
  bool operator==(const DocumentItem&) const = default;
};

// A quote, sales order, sale or service order from the ERP. (kind, number) is unique.
struct SalesDocument {
  DocumentId id;
  DocumentKind kind = DocumentKind::kSale;
  std::string number;
  PartyId party_id;
  std::optional<BranchId> branch_id;
  std::optional<UserId> owner_id;  // the seller or technician
  absl::CivilDay date;
  DocumentStatus status = DocumentStatus::kOpen;
  std::optional<absl::CivilDay> completed_on;
  std::vector<DocumentItem> items;
  // Made from a follow-up (manual 001), converted from another document (the chain
  // quote -> order -> sale), and how it is billed (ADR 0042).
  std::optional<FollowupId> followup_id;
  std::optional<DocumentId> origin_id;
  DocumentBilling billing = DocumentBilling::kRegular;
  std::string currency;  // the company's when made in Retorno; empty: no prices
  int64_t discount = 0;  // on the whole document, minor units
  int64_t version = 1;
  UserId created_by;
  UserId updated_by;
  absl::Time created_at;
  absl::Time updated_at;
};

// An agent's request that a supervisor reopen a closed follow-up (manual 003).
struct ReopenRequest {
  int64_t id = 0;
  FollowupId followup_id;
  UserId requested_by;
  std::string reason;
  ReopenRequestStatus status = ReopenRequestStatus::kPending;
  std::optional<UserId> decided_by;
  std::optional<absl::Time> decided_at;
  std::string answer;  // the supervisor's words with a refusal
  absl::Time created_at;
};

// One problem of an import, by line of the file (1 = the header).
struct ImportError {
  int line = 0;
  std::string field;
  std::string key;  // message key, as in app/errors.h
  bool operator==(const ImportError&) const = default;
};

// A CSV import and its progress; the file is kept until the import ends.
struct ImportRun {
  int64_t id = 0;
  std::string kind = "documents";
  std::string file_name;
  UserId user_id;
  ImportStatus status = ImportStatus::kQueued;
  int total_lines = 0;      // data lines, without the header
  int processed_lines = 0;  // data lines handled so far
  int documents_created = 0;
  int documents_updated = 0;
  int documents_unchanged = 0;
  int followups_created = 0;
  int error_lines = 0;
  std::vector<ImportError> errors;
  absl::Time created_at;
  std::optional<absl::Time> finished_at;
};

}  // namespace retorno
