// `retorno demo`: fills a fresh database with a believable Brazilian company, through
// the same use cases the API calls, so the data obeys every rule.
#pragma once

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "app/parties/parties.h"
#include "app/sales/sales.h"

namespace retorno {

struct DemoOptions {
  int parties = 300;
  int followups = 1000;
  // Spread of contact and return dates around `now`.
  int days_back = 60;
  int days_ahead = 60;
  std::string password = "retorno123";
  unsigned seed = 42;
  // Called with (done, total) while follow-ups are created.
  std::function<void(int, int)> progress;
};

// Fails with FailedPrecondition when the database already has users.
// Also a catalogue, a few hundred sales, service orders and quotes, and the birthday
// follow-ups of the next 30 days (manual 002), through `catalog`, `documents` and
// `birthdays`.
struct DemoSales {
  CatalogService& catalog;
  DocumentService& documents;
  BirthdayService& birthdays;
};
absl::Status FillDemo(Store& store, AccountService& accounts, PartyService& parties,
                      FollowupService& followups, const DemoSales& sales, absl::Time now,
                      const DemoOptions& options);

}  // namespace retorno
