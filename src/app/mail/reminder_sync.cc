#include "app/mail/reminder_sync.h"

#include <optional>
#include <vector>

#include "app/time_zone.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/reminders.h"

namespace retorno {

namespace {

// What `a` needs now (see SyncReminders in the header).
absl::StatusOr<std::vector<Reminder>> PlanReminders(Tx& tx, const Action& a, absl::Time now,
                                                    const User* known,
                                                    const absl::TimeZone* known_zone) {
  std::vector<Reminder> pending;
  if (a.status != ActionStatus::kPlanned) return pending;
  std::optional<User> read;
  if (!known || known->id != a.assignee_id) {
    ASSIGN_OR_RETURN(read, tx.accounts().FindUser(a.assignee_id));
    if (!read) return absl::InternalError("action assignee missing");
    known = &*read;
    known_zone = nullptr;
  }
  absl::TimeZone zone;
  if (known_zone != nullptr) {
    zone = *known_zone;
  } else {
    ASSIGN_OR_RETURN(zone, ZoneOfUser(tx, *known));
  }
  const absl::Time at = ReminderInstant(a.due_date, a.due_minutes, zone, a.remind_at);
  if (at <= now) return pending;
  Reminder r;
  r.action_id = a.id;
  r.followup_id = a.followup_id;
  r.user_id = a.assignee_id;
  r.kind = ReminderKind::kUser;
  r.state = ReminderState::kPending;
  r.fire_at = at;
  r.created_at = now;
  pending.push_back(r);
  if (a.notify_customer) {
    r.kind = ReminderKind::kCustomer;
    pending.push_back(r);
  }
  return pending;
}

}  // namespace

absl::Status SyncReminders(Tx& tx, const Action& a, absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Reminder> pending, PlanReminders(tx, a, now, nullptr, nullptr));
  return tx.messaging().ReplacePendingReminders(a.id, pending);
}

absl::StatusOr<ActionId> InsertActionWithReminders(Tx& tx, Action& a, absl::Time now,
                                                   const User* known,
                                                   const absl::TimeZone* known_zone) {
  ASSIGN_OR_RETURN(a.id, tx.followups().InsertAction(a));
  // A new action has no reminder to cancel: plain inserts, without the replacement's
  // update and savepoint (the creation of a follow-up is the hottest write).
  ASSIGN_OR_RETURN(std::vector<Reminder> pending, PlanReminders(tx, a, now, known, known_zone));
  for (const Reminder& r : pending) RETURN_IF_ERROR(tx.messaging().InsertReminder(r).status());
  return a.id;
}

absl::Status RemindersAfterChange(Tx& tx, const Action& a, absl::Time now) {
  // Whatever changed (done, cancelled, moved, reassigned), a reminder already shown for
  // the return is handled: it leaves the bell, and a new one comes when due.
  RETURN_IF_ERROR(tx.messaging().MarkActionNotificationsRead(a.id, now));
  return SyncReminders(tx, a, now);
}

absl::Status UpdateActionWithReminders(Tx& tx, const Action& a, absl::Time now) {
  RETURN_IF_ERROR(tx.followups().UpdateAction(a));
  return RemindersAfterChange(tx, a, now);
}

}  // namespace retorno
