// Keeps the reminder rows of a return in step with the return, in the caller's
// transaction: every use case that inserts or changes an action calls
// these instead of the bare Tx methods, so no path can leave a stale reminder behind.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/ports.h"

namespace retorno {

// Replaces the pending reminders of `a` (already stored) by what it needs now: none
// unless planned; else one for the assignee at its instant (domain/reminders.h), and
// one for the customer when notify_customer is set. Instants not after `now` get no
// reminder: a return entered late is on the agenda, not worth an alarm.
absl::Status SyncReminders(Tx& tx, const Action& a, absl::Time now);

// Insert/Update plus SyncReminders. `known`, when it is the assignee, saves reading the
// assignee again for its time zone: a use case has usually just read the owner (and
// cached sessions are dropped when a user changes, so the caller's own user is current).
// `known_zone`, with `known`, is that user's time zone, already worked out: a creation
// reads it before its first insert, so that no read follows its inserts.
absl::StatusOr<ActionId> InsertActionWithReminders(Tx& tx, Action& a, absl::Time now,
                                                   const User* known = nullptr,
                                                   const absl::TimeZone* known_zone = nullptr);
absl::Status UpdateActionWithReminders(Tx& tx, const Action& a, absl::Time now);
// What follows a return's change once the return is saved: its reminders already shown
// leave the bell, and its pending ones follow the new date, assignee or state.
absl::Status RemindersAfterChange(Tx& tx, const Action& a, absl::Time now);

}  // namespace retorno
