// What the per-user sending limit reads: how many recipients a user's hand-sent e-mails
// had in a window. Apart from sqlite_tx.cc, which is long enough.
#include "base/status_macros.h"
#include "store/sqlite/sqlite_tx.h"

namespace retorno::sqlite {

namespace {

// Walks outbox_by_sender (user_id, created_at) over the window; the kinds are the
// index's condition. A message to three addresses counts three.
constexpr char kCountRecipientsQueuedBy[] =
    "SELECT coalesce(sum(json_array_length(to_addrs) + json_array_length(cc_addrs)), 0) "
    "FROM outbox WHERE user_id = ? AND kind IN ('manual', 'test') AND created_at >= ?";

}  // namespace

absl::StatusOr<int64_t> SqliteTx::CountRecipientsQueuedBy(UserId user, absl::Time since) {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kCountRecipientsQueuedBy));
  q.BindAll(user, since);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

}  // namespace retorno::sqlite
