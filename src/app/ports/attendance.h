// The attendance repository (manual 003): attendance types, the type of each
// follow-up, and the reads of pareceres (entries) the attendance screens need. Part of
// a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/ids.h"
#include "domain/model.h"

namespace retorno {

using AttendanceTypeId = StrongId<struct AttendanceTypeTag>;

// A kind of attendance an admin configures: its names, whether a follow-up of this
// type takes attachments and up to what size, and the standard texts of its parecer
// and of the e-mail sent from one. The workflow it follows is kept for later.
struct AttendanceType {
  AttendanceTypeId id;
  std::string name_pt;
  std::string name_es;
  std::string name_en;
  bool attachments_allowed = true;
  int64_t max_attachment_bytes = 10 * 1024 * 1024;
  std::string parecer_text;   // a template (domain/templates.h)
  std::string email_subject;  // a template
  std::string email_text;     // a template
  std::optional<int64_t> workflow_id;
  bool active = true;
  bool is_default = false;  // the type of a follow-up created without one
  absl::Time created_at;
  absl::Time updated_at;
};

// A draft parecer in the author's pending list, with what locates it.
struct PendingParecer {
  Entry entry;
  std::string followup_subject;
  std::string party_name;
};

class AttendanceRepository {
 public:
  virtual ~AttendanceRepository() = default;

  // Types, in id order.
  virtual absl::StatusOr<std::vector<AttendanceType>> ListTypes() = 0;
  virtual absl::StatusOr<std::optional<AttendanceType>> FindType(AttendanceTypeId id) = 0;
  // The type marked as default (the migration makes one); nullopt only on a damaged
  // database.
  virtual absl::StatusOr<std::optional<AttendanceType>> FindDefaultType() = 0;
  virtual absl::StatusOr<AttendanceTypeId> InsertType(const AttendanceType& t) = 0;
  virtual absl::Status UpdateType(const AttendanceType& t) = 0;

  // The type of a follow-up; nullopt when none was recorded (the default type applies).
  virtual absl::StatusOr<std::optional<AttendanceTypeId>> FindFollowupType(FollowupId id) = 0;
  virtual absl::Status PutFollowupType(FollowupId id, AttendanceTypeId type) = 0;

  // The author's drafts across follow-ups, newest first.
  virtual absl::StatusOr<std::vector<PendingParecer>> ListDrafts(UserId author) = 0;
};

}  // namespace retorno
