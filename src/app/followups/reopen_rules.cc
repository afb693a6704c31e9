#include "app/followups/reopen_rules.h"

#include "app/errors.h"
#include "base/status_macros.h"

namespace retorno {

absl::StatusOr<std::optional<ReopenBlock>> ReopenBlockIn(Tx& tx, FollowupId id) {
  ASSIGN_OR_RETURN(std::vector<SalesDocument> docs, tx.sales().ListFollowupDocuments(id));
  return ReopenBlockOf(docs);
}

absl::Status ReopenRefused(std::optional<ReopenRefusal> refusal,
                           const std::optional<ReopenBlock>& block) {
  if (!refusal) return absl::OkStatus();
  switch (*refusal) {
    case ReopenRefusal::kNotClosed:
      return CodedError(ErrorCode::kFollowupNotClosed);
    case ReopenRefusal::kExcessSale:
    case ReopenRefusal::kOpenOrder: {
      const absl::Status s =
          CodedError(*refusal == ReopenRefusal::kExcessSale ? ErrorCode::kReopenExcessSale
                                                            : ErrorCode::kReopenOpenOrder);
      return block ? NamingDocument(s, block->document_id.value, block->number) : s;
    }
    case ReopenRefusal::kNeedsRight:
      break;
  }
  return CodedError(ErrorCode::kReopenNeedsSupervisor);
}

}  // namespace retorno
