// The CRM calendar of manual 002: a month of days coloured by how much was done, the
// returns of one day, and the new-opportunity form behind its "+" (a prospect and its
// first follow-up, written together). Days and "today" are the viewer's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "app/ports.h"
#include "app/services.h"
#include "domain/calendar.h"

namespace retorno {

struct CalendarScopeInput {
  Scope scope = Scope::kMine;
  std::optional<UserId> user_id;  // one user's calendar, when the viewer may see it
};

struct CalendarDay {
  absl::CivilDay date;
  int done = 0;
  int planned = 0;
  DayColour colour = DayColour::kNone;
};

struct CalendarMonth {
  absl::CivilMonth month;
  absl::CivilDay today;
  std::vector<CalendarDay> days;  // every day of the month, in order
};

struct OpportunityInput {
  // An existing party to follow up (found while typing in the dialog); nullopt: a new
  // prospect named `company` is created. With a party, company may be empty and the
  // party is left as it is: the contact fields below are the follow-up's contact.
  std::optional<PartyId> party_id;
  std::string company;
  std::string contact_name;
  std::string email;
  std::string phone;
  std::string whatsapp;
  std::optional<absl::Time> contact_at;
  std::optional<absl::CivilDay> next_contact_date;
};

struct CreatedOpportunity {
  Party party;
  CreatedFollowup followup;
};

class CalendarService {
 public:
  CalendarService(Store& store, Crypto& crypto, FollowupService& followups)
      : store_(store), crypto_(crypto), followups_(followups) {}

  absl::StatusOr<CalendarMonth> Month(const AuthContext& ctx, const CalendarScopeInput& scope,
                                      absl::CivilMonth month, absl::Time now);
  // Planned and done returns of the day (not cancelled), in agenda order.
  absl::StatusOr<std::vector<AgendaItem>> Day(const AuthContext& ctx,
                                              const CalendarScopeInput& scope, absl::CivilDay day,
                                              absl::Time now);
  absl::StatusOr<CreatedOpportunity> CreateOpportunity(const AuthContext& ctx,
                                                       const OpportunityInput& in, absl::Time now);

  // The user's private iCalendar feed: a new token (any previous one stops working),
  // revocation, and the feed itself for a token (NotFound for an unknown or revoked
  // one): planned returns of open follow-ups from 30 days ago to a year ahead, each
  // with its reminder as an alarm.
  absl::StatusOr<std::string> CreateFeed(const AuthContext& ctx, absl::Time now);
  absl::Status DeleteFeed(const AuthContext& ctx);
  absl::StatusOr<bool> HasFeed(UserId user);
  absl::StatusOr<std::string> Feed(const std::string& token, absl::Time now);

 private:
  // The new prospect of an opportunity for a company not yet in the party list.
  absl::StatusOr<Party> InsertProspect(Tx& tx, const AuthContext& ctx, const OpportunityInput& in,
                                       absl::Time now);

  Store& store_;
  Crypto& crypto_;
  FollowupService& followups_;
};

}  // namespace retorno
