// The attendance repository in SQL (app/ports/attendance.h), written once for both
// dialects. Private to store/sql/; a store reaches it through SqlTx.
#pragma once

#include "app/ports/attendance.h"
#include "store/sql/db.h"

namespace retorno::sql {

class SqlAttendance final : public AttendanceRepository {
 public:
  explicit SqlAttendance(Db& db) : db_(db) {}

  absl::StatusOr<std::vector<AttendanceType>> ListTypes() override;
  absl::StatusOr<std::optional<AttendanceType>> FindType(AttendanceTypeId id) override;
  absl::StatusOr<std::optional<AttendanceType>> FindDefaultType() override;
  absl::StatusOr<AttendanceTypeId> InsertType(const AttendanceType& t) override;
  absl::Status UpdateType(const AttendanceType& t) override;
  absl::StatusOr<std::optional<AttendanceTypeId>> FindFollowupType(FollowupId id) override;
  absl::Status PutFollowupType(FollowupId id, AttendanceTypeId type) override;
  absl::StatusOr<std::vector<PendingParecer>> ListDrafts(UserId author) override;

 private:
  Db& db_;
};

// Announces SqlAttendance::FindFollowupType(id) (Query::ReadAhead).
absl::Status ReadFollowupTypeAhead(Db& db, FollowupId id);
// Announces FindType(id), or FindDefaultType() without an id.
absl::Status ReadTypeAhead(Db& db, std::optional<AttendanceTypeId> id);

}  // namespace retorno::sql
