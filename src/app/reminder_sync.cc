#include "app/reminder_sync.h"

#include <optional>
#include <vector>

#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/reminders.h"

namespace retorno {

absl::Status SyncReminders(Tx& tx, const Action& a, absl::Time now) {
  std::vector<Reminder> pending;
  if (a.status == ActionStatus::kPlanned) {
    ASSIGN_OR_RETURN(std::optional<User> assignee, tx.FindUser(a.assignee_id));
    if (!assignee) return absl::InternalError("action assignee missing");
    const absl::TimeZone zone = ZoneOrUtc(assignee->time_zone);
    const absl::Time at = ReminderInstant(a.due_date, a.due_minutes, zone, a.remind_at);
    if (at > now) {
      Reminder r;
      r.followup_id = a.followup_id;
      r.user_id = a.assignee_id;
      r.kind = ReminderKind::kUser;
      r.fire_at = at;
      r.created_at = now;
      pending.push_back(r);
      if (a.notify_customer) {
        r.kind = ReminderKind::kCustomer;
        pending.push_back(r);
      }
    }
  }
  return tx.ReplacePendingReminders(a.id, pending);
}

absl::StatusOr<ActionId> InsertActionWithReminders(Tx& tx, Action& a, absl::Time now) {
  ASSIGN_OR_RETURN(a.id, tx.InsertAction(a));
  RETURN_IF_ERROR(SyncReminders(tx, a, now));
  return a.id;
}

absl::Status UpdateActionWithReminders(Tx& tx, const Action& a, absl::Time now) {
  RETURN_IF_ERROR(tx.UpdateAction(a));
  return SyncReminders(tx, a, now);
}

}  // namespace retorno
