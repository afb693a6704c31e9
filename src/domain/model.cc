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

}  // namespace

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
std::optional<FollowupState> ParseFollowupState(std::string_view s) {
  return Parse(kStates, s);
}

}  // namespace retorno
