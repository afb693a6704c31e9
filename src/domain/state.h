// Derived state of a follow-up (manuals 003, 004): computed from its status, the
// earliest planned due date and the viewer's "today". Never stored.
#pragma once

#include <optional>

#include "absl/time/civil_time.h"
#include "domain/model.h"

namespace retorno {

struct DerivedState {
  FollowupState state;
  int days_late;  // 0 unless overdue
};

// closed: the follow-up is closed, whatever its dates.
// overdue: open and the earliest planned return is before `today`.
// today: open and the earliest planned return is `today`.
// open: open with a future return, or with no planned return at all.
// `today` is the civil day in the viewer's zone (DayIn(now, viewer zone)).
DerivedState StateOf(FollowupStatus status, std::optional<absl::CivilDay> next_due,
                     absl::CivilDay today);

// The earliest due date among planned actions, or nullopt.
std::optional<absl::CivilDay> NextDueDate(const std::vector<Action>& actions);

}  // namespace retorno
