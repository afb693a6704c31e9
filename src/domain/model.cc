#include "domain/model.h"

#include <array>
#include <utility>

namespace retorno {

namespace {

template <class E, size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [e, name] : table)
    if (e == v) return name;
  return "";
}

template <class E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view s) {
  for (const auto& [e, name] : table)
    if (name == s) return e;
  return std::nullopt;
}

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles{
    {{Role::kAdmin, "admin"}, {Role::kSupervisor, "supervisor"}, {Role::kAgent, "agent"}}};
constexpr std::array<std::pair<PartyKind, std::string_view>, 3> kPartyKinds{
    {{PartyKind::kCustomer, "customer"},
     {PartyKind::kSupplier, "supplier"},
     {PartyKind::kProspect, "prospect"}}};
constexpr std::array<std::pair<Priority, std::string_view>, 3> kPriorities{
    {{Priority::kHigh, "high"}, {Priority::kMedium, "medium"}, {Priority::kLow, "low"}}};
constexpr std::array<std::pair<FollowupStatus, std::string_view>, 2> kFollowupStatuses{
    {{FollowupStatus::kOpen, "open"}, {FollowupStatus::kClosed, "closed"}}};
constexpr std::array<std::pair<ActionStatus, std::string_view>, 3> kActionStatuses{
    {{ActionStatus::kPlanned, "planned"},
     {ActionStatus::kDone, "done"},
     {ActionStatus::kCancelled, "cancelled"}}};
constexpr std::array<std::pair<EntryKind, std::string_view>, 6> kEntryKinds{
    {{EntryKind::kNote, "note"},
     {EntryKind::kComplaint, "complaint"},
     {EntryKind::kInternal, "internal"},
     {EntryKind::kEmail, "email"},
     {EntryKind::kResult, "result"},
     {EntryKind::kStatus, "status"}}};
constexpr std::array<std::pair<FollowupState, std::string_view>, 4> kStates{
    {{FollowupState::kOverdue, "overdue"},
     {FollowupState::kToday, "today"},
     {FollowupState::kOpen, "open"},
     {FollowupState::kClosed, "closed"}}};

constexpr std::array<std::pair<EmailReminders, std::string_view>, 3> kEmailReminders{
    {{EmailReminders::kOff, "off"},
     {EmailReminders::kEach, "each"},
     {EmailReminders::kDigest, "digest"}}};
constexpr std::array<std::pair<ReminderKind, std::string_view>, 2> kReminderKinds{
    {{ReminderKind::kUser, "user"}, {ReminderKind::kCustomer, "customer"}}};
constexpr std::array<std::pair<ReminderState, std::string_view>, 3> kReminderStates{
    {{ReminderState::kPending, "pending"},
     {ReminderState::kFired, "fired"},
     {ReminderState::kCancelled, "cancelled"}}};
constexpr std::array<std::pair<NotificationKind, std::string_view>, 6> kNotificationKinds{
    {{NotificationKind::kReminder, "reminder"},
     {NotificationKind::kMailFailed, "mail_failed"},
     {NotificationKind::kMailBlocked, "mail_blocked"},
     {NotificationKind::kBulkChange, "bulk_change"},
     {NotificationKind::kReopenRequest, "reopen_request"},
     {NotificationKind::kReopenDecision, "reopen_decision"}}};
constexpr std::array<std::pair<OutboxKind, std::string_view>, 5> kOutboxKinds{
    {{OutboxKind::kReminder, "reminder"},
     {OutboxKind::kCustomer, "customer"},
     {OutboxKind::kManual, "manual"},
     {OutboxKind::kDigest, "digest"},
     {OutboxKind::kTest, "test"}}};
constexpr std::array<std::pair<OutboxState, std::string_view>, 4> kOutboxStates{
    {{OutboxState::kQueued, "queued"},
     {OutboxState::kSent, "sent"},
     {OutboxState::kFailed, "failed"},
     {OutboxState::kBlocked, "blocked"}}};
constexpr std::array<std::pair<TemplateKind, std::string_view>, 3> kTemplateKinds{
    {{TemplateKind::kReminder, "reminder"},
     {TemplateKind::kCustomer, "customer"},
     {TemplateKind::kDigest, "digest"}}};

constexpr std::array<std::pair<CatalogKind, std::string_view>, 2> kCatalogKinds{
    {{CatalogKind::kProduct, "product"}, {CatalogKind::kService, "service"}}};
constexpr std::array<std::pair<DocumentKind, std::string_view>, 4> kDocumentKinds{
    {{DocumentKind::kQuote, "quote"},
     {DocumentKind::kSalesOrder, "sales_order"},
     {DocumentKind::kSale, "sale"},
     {DocumentKind::kServiceOrder, "service_order"}}};
constexpr std::array<std::pair<DocumentStatus, std::string_view>, 3> kDocumentStatuses{
    {{DocumentStatus::kOpen, "open"},
     {DocumentStatus::kCompleted, "completed"},
     {DocumentStatus::kCancelled, "cancelled"}}};
constexpr std::array<std::pair<DocumentBilling, std::string_view>, 2> kDocumentBillings{
    {{DocumentBilling::kRegular, "regular"}, {DocumentBilling::kExcess, "excess"}}};
constexpr std::array<std::pair<ReopenRequestStatus, std::string_view>, 3> kReopenStatuses{
    {{ReopenRequestStatus::kPending, "pending"},
     {ReopenRequestStatus::kApproved, "approved"},
     {ReopenRequestStatus::kRefused, "refused"}}};
constexpr std::array<std::pair<ImportStatus, std::string_view>, 4> kImportStatuses{
    {{ImportStatus::kQueued, "queued"},
     {ImportStatus::kRunning, "running"},
     {ImportStatus::kDone, "done"},
     {ImportStatus::kFailed, "failed"}}};

}  // namespace

std::string_view ToString(CatalogKind v) { return Name(kCatalogKinds, v); }
std::string_view ToString(DocumentKind v) { return Name(kDocumentKinds, v); }
std::string_view ToString(DocumentStatus v) { return Name(kDocumentStatuses, v); }
std::string_view ToString(ImportStatus v) { return Name(kImportStatuses, v); }
std::string_view ToString(DocumentBilling v) { return Name(kDocumentBillings, v); }
std::string_view ToString(ReopenRequestStatus v) { return Name(kReopenStatuses, v); }
std::optional<DocumentBilling> ParseDocumentBilling(std::string_view s) {
  return Parse(kDocumentBillings, s);
}
std::optional<ReopenRequestStatus> ParseReopenRequestStatus(std::string_view s) {
  return Parse(kReopenStatuses, s);
}
std::optional<CatalogKind> ParseCatalogKind(std::string_view s) { return Parse(kCatalogKinds, s); }
std::optional<DocumentKind> ParseDocumentKind(std::string_view s) {
  return Parse(kDocumentKinds, s);
}
std::optional<DocumentStatus> ParseDocumentStatus(std::string_view s) {
  return Parse(kDocumentStatuses, s);
}
std::optional<ImportStatus> ParseImportStatus(std::string_view s) {
  return Parse(kImportStatuses, s);
}

std::string_view ToString(Role v) { return Name(kRoles, v); }
std::string_view ToString(PartyKind v) { return Name(kPartyKinds, v); }
std::string_view ToString(Priority v) { return Name(kPriorities, v); }
std::string_view ToString(FollowupStatus v) { return Name(kFollowupStatuses, v); }
std::string_view ToString(ActionStatus v) { return Name(kActionStatuses, v); }
std::string_view ToString(EntryKind v) { return Name(kEntryKinds, v); }
std::string_view ToString(FollowupState v) { return Name(kStates, v); }
std::optional<Role> ParseRole(std::string_view s) { return Parse(kRoles, s); }
std::optional<PartyKind> ParsePartyKind(std::string_view s) { return Parse(kPartyKinds, s); }
std::optional<Priority> ParsePriority(std::string_view s) { return Parse(kPriorities, s); }
std::optional<FollowupStatus> ParseFollowupStatus(std::string_view s) {
  return Parse(kFollowupStatuses, s);
}
std::optional<ActionStatus> ParseActionStatus(std::string_view s) {
  return Parse(kActionStatuses, s);
}
std::optional<EntryKind> ParseEntryKind(std::string_view s) { return Parse(kEntryKinds, s); }
std::optional<FollowupState> ParseFollowupState(std::string_view s) { return Parse(kStates, s); }

std::string_view ToString(EmailReminders v) { return Name(kEmailReminders, v); }
std::string_view ToString(ReminderKind v) { return Name(kReminderKinds, v); }
std::string_view ToString(ReminderState v) { return Name(kReminderStates, v); }
std::string_view ToString(NotificationKind v) { return Name(kNotificationKinds, v); }
std::string_view ToString(OutboxKind v) { return Name(kOutboxKinds, v); }
std::string_view ToString(OutboxState v) { return Name(kOutboxStates, v); }
std::string_view ToString(TemplateKind v) { return Name(kTemplateKinds, v); }
std::optional<EmailReminders> ParseEmailReminders(std::string_view s) {
  return Parse(kEmailReminders, s);
}
std::optional<ReminderKind> ParseReminderKind(std::string_view s) {
  return Parse(kReminderKinds, s);
}
std::optional<ReminderState> ParseReminderState(std::string_view s) {
  return Parse(kReminderStates, s);
}
std::optional<NotificationKind> ParseNotificationKind(std::string_view s) {
  return Parse(kNotificationKinds, s);
}
std::optional<OutboxKind> ParseOutboxKind(std::string_view s) { return Parse(kOutboxKinds, s); }
std::optional<OutboxState> ParseOutboxState(std::string_view s) { return Parse(kOutboxStates, s); }
std::optional<TemplateKind> ParseTemplateKind(std::string_view s) {
  return Parse(kTemplateKinds, s);
}

}  // namespace retorno
