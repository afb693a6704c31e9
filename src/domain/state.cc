#include "domain/state.h"

namespace retorno {

DerivedState StateOf(FollowupStatus status, std::optional<absl::CivilDay> next_due,
                     absl::CivilDay today) {
  if (status == FollowupStatus::kClosed) return {FollowupState::kClosed, 0};
  if (!next_due) return {FollowupState::kOpen, 0};
  if (*next_due < today) return {FollowupState::kOverdue, static_cast<int>(today - *next_due)};
  if (*next_due == today) return {FollowupState::kToday, 0};
  return {FollowupState::kOpen, 0};
}

std::optional<absl::CivilDay> NextDueDate(const std::vector<Action>& actions) {
  std::optional<absl::CivilDay> best;
  for (const Action& a : actions)
    if (a.status == ActionStatus::kPlanned && (!best || a.due_date < *best)) best = a.due_date;
  return best;
}

}  // namespace retorno
