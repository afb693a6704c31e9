// Small helpers the parts of the store contract suite share.
#pragma once

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "app/ports.h"

namespace retorno::contract {

inline std::vector<int64_t> Values(const std::vector<FollowupId>& ids) {
  std::vector<int64_t> out;
  for (FollowupId id : ids) out.push_back(id.value);
  return out;
}

inline std::vector<int64_t> PageIds(const FollowupPage& page) {
  std::vector<int64_t> out;
  for (const FollowupRow& r : page.items) out.push_back(r.followup.id.value);
  return out;
}

inline std::vector<int64_t> AgendaIds(const std::vector<AgendaRow>& rows) {
  std::vector<int64_t> out;
  for (const AgendaRow& r : rows) out.push_back(r.action.id.value);
  return out;
}

inline absl::CivilDay Day(int y, int m, int d) { return absl::CivilDay(y, m, d); }

// An open follow-up of `party` owned, created and last changed by `owner`, with only
// what the store requires.
inline Followup BareFollowup(PartyId party, UserId owner, const std::string& subject) {
  Followup f;
  f.party_id = party;
  f.owner_id = f.created_by = f.updated_by = owner;
  f.subject = subject;
  f.category = "pos_venda";
  return f;
}

// A return by phone of `followup` on `due`, as the suite writes them.
inline Action PhoneReturn(FollowupId followup, UserId assignee, absl::CivilDay due,
                          ActionStatus status, absl::Time created_at) {
  Action a;
  a.followup_id = followup;
  a.type = "phone";
  a.due_date = due;
  a.status = status;
  a.assignee_id = assignee;
  a.created_at = created_at;
  return a;
}

// Waits for `f` at most `seconds`; a blocked store fails the test instead of hanging it.
template <class T>
inline bool ReadyWithin(std::future<T>& f, int seconds) {
  return f.wait_for(std::chrono::seconds(seconds)) == std::future_status::ready;
}

}  // namespace retorno::contract
