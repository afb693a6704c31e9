// The workflow repository in SQL (app/ports/workflow.h), written once for both
// dialects. Private to store/sql/; a store reaches it through SqlTx.
#pragma once

#include "app/ports/workflow.h"
#include "store/sql/db.h"

namespace retorno::sql {

class SqlWorkflow final : public WorkflowRepository {
 public:
  explicit SqlWorkflow(Db& db) : db_(db) {}

  absl::StatusOr<StoredWorkflow> InsertWorkflow(const StoredWorkflow& w) override;
  absl::StatusOr<std::optional<StoredWorkflow>> FindWorkflow(int64_t id) override;
  absl::StatusOr<std::optional<WorkflowPosition>> FindPosition(FollowupId id) override;
  absl::Status PutPosition(const WorkflowPosition& p) override;
  absl::Status InsertMove(const WorkflowMove& m) override;
  absl::StatusOr<std::vector<WorkflowMove>> ListMoves(FollowupId id) override;
  absl::StatusOr<std::vector<PositionRow>> ListPositions(const PositionQuery& q) override;

 private:
  Db& db_;
};

// Announces SqlWorkflow::FindPosition(id) (Query::ReadAhead).
absl::Status ReadPositionAhead(Db& db, FollowupId id);

}  // namespace retorno::sql
