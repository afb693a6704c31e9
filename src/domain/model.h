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

// Wire names ("admin", "high", "overdue"...) and their parsers. Parsers return nullopt
// for anything else; they are exact and case-sensitive, like the API.
std::string_view ToString(Role v);
std::string_view ToString(PartyKind v);
std::string_view ToString(Priority v);
std::string_view ToString(FollowupStatus v);
std::string_view ToString(ActionStatus v);
std::string_view ToString(EntryKind v);
std::string_view ToString(FollowupState v);
std::optional<Role> ParseRole(std::string_view s);
std::optional<PartyKind> ParsePartyKind(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<FollowupStatus> ParseFollowupStatus(std::string_view s);
std::optional<ActionStatus> ParseActionStatus(std::string_view s);
std::optional<EntryKind> ParseEntryKind(std::string_view s);
std::optional<FollowupState> ParseFollowupState(std::string_view s);

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
  std::string whatsapp;
  bool operator==(const Contact&) const = default;
};

struct Settings {
  std::string company_name = "Retorno";
  std::string time_zone = "America/Sao_Paulo";
  // Manual 001: "Ativar aviso automático de retorno (alarme)".
  bool return_alerts_enabled = true;
};

struct Branch {
  BranchId id;
  std::string name;
  // Empty: the organization's zone.
  std::string time_zone;
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
  std::string name;
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
  absl::Time created_at;
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
  std::vector<std::string> cc;
  FollowupStatus status = FollowupStatus::kOpen;
  int64_t version = 1;
  // The earliest due date among planned actions: a cache the store keeps in the same
  // transaction as the actions, so lists can filter by it. State is still derived.
  std::optional<absl::CivilDay> next_due_date;
  UserId created_by;
  UserId updated_by;
  absl::Time created_at;
  absl::Time updated_at;
};

}  // namespace retorno
