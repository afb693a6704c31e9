// Attendance types and pareceres (manual 003). An admin configures the types (names in
// three languages, attachments allowed and their maximum size, the standard texts of
// the parecer and of its e-mail); every follow-up has one. A parecer is an entry of the
// follow-up's timeline (kind note) that may start from its type's standard text
// (standard) and may be kept as a draft ("A concluir") that only its author sees, in
// their list of pending pareceres, until they publish it. An e-mail from a parecer goes
// through the outbox like every message; once sent it is a separate history entry.
// Each public method runs in one transaction unless it says otherwise.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/followups/followups.h"
#include "app/mail/messaging.h"
#include "app/ports.h"

namespace retorno {

// The largest attachment any type may allow (manual 003: "até 10MB").
inline constexpr int64_t kMaxAttendanceAttachmentBytes = 10 * 1024 * 1024;

// A new type's fields (all but the names have defaults) or a change (absent: kept).
struct AttendanceTypeInput {
  std::optional<std::string> name_pt;
  std::optional<std::string> name_es;
  std::optional<std::string> name_en;
  std::optional<bool> attachments_allowed;      // default true
  std::optional<int64_t> max_attachment_bytes;  // default and at most 10 MB
  std::optional<std::string> parecer_text;
  std::optional<std::string> email_subject;
  std::optional<std::string> email_text;
  std::optional<bool> active;  // default true; false retires the type
};

struct ParecerInput {
  std::string body;  // a standard parecer without a body takes its type's text
  bool standard = false;
  bool draft = false;  // "A concluir"
  std::optional<absl::Time> contact_at;
};

struct ParecerEmailInput {
  std::optional<std::vector<std::string>> to;  // default: the follow-up's contact
  std::optional<std::string> subject;          // default: the type's e-mail subject
  std::optional<std::string> body;             // default: the type's e-mail text
};

// The standard texts of a follow-up's type, rendered for that follow-up.
struct StandardTexts {
  AttendanceType type;
  std::string parecer;
  std::string email_subject;
  std::string email_text;
  std::vector<std::string> missing;  // placeholders the follow-up has no value for
};

class AttendanceService {
 public:
  AttendanceService(Store& store, FollowupService& followups, MessagingService& messaging)
      : store_(store), followups_(followups), messaging_(messaging) {}

  absl::StatusOr<std::vector<AttendanceType>> ListTypes(const AuthContext& ctx);
  absl::StatusOr<AttendanceType> CreateType(const AuthContext& ctx, const AttendanceTypeInput& in,
                                            absl::Time now);
  absl::StatusOr<AttendanceType> UpdateType(const AuthContext& ctx, AttendanceTypeId id,
                                            const AttendanceTypeInput& in, absl::Time now);

  absl::StatusOr<StandardTexts> Standard(const AuthContext& ctx, FollowupId id, absl::Time now);
  // Two transactions: the standard text is rendered, then the entry written.
  absl::StatusOr<Entry> AddParecer(const AuthContext& ctx, FollowupId id, const ParecerInput& in,
                                   absl::Time now);
  absl::StatusOr<Entry> Publish(const AuthContext& ctx, EntryId id, absl::Time now);
  absl::StatusOr<std::vector<PendingParecer>> Pending(const AuthContext& ctx);
  // Published entries, newest first; only standard pareceres when `standard_only`.
  absl::StatusOr<std::vector<Entry>> History(const AuthContext& ctx, FollowupId id,
                                             bool standard_only);
  // Queues the e-mail through MessagingService::SendNow (one renderer and one check).
  absl::StatusOr<OutboxMessage> Email(const AuthContext& ctx, EntryId id,
                                      const ParecerEmailInput& in, absl::Time now);

 private:
  Store& store_;
  FollowupService& followups_;
  MessagingService& messaging_;
};

// The type of a follow-up: its recorded one, else the default type.
absl::StatusOr<AttendanceType> TypeOfFollowup(Tx& tx, FollowupId id);

// The id of a follow-up's type: its recorded one, else the default type's.
absl::StatusOr<int64_t> AttendanceTypeIdOf(Tx& tx, FollowupId id);

// Checks a requested type: it must exist and be active, else the issue
// "unknown_attendance_type" on attendance_type_id. Nothing to check when absent.
absl::Status CheckAttendanceTypeInput(Tx& tx, std::optional<int64_t> type, Issues& issues);

// The type a new follow-up gets (`type` checked by CheckAttendanceTypeInput, else the
// default type), read before anything is written; then recorded with
// tx.attendance().PutFollowupType.
absl::StatusOr<AttendanceType> ChooseAttendanceType(Tx& tx, std::optional<int64_t> type);

// The attachment rule of a follow-up's type, on the one path every attachment takes:
// 422 ("file": "attachments_not_allowed") when the type forbids them, 413 (too_large)
// above the type's maximum.
absl::Status CheckAttachmentAllowed(Tx& tx, FollowupId id, int64_t size);

}  // namespace retorno
