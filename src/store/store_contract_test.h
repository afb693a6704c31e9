// The contract every Store implementation passes: a GoogleTest value-parameterised
// suite over a factory of fresh stores. It checks the behaviour app/ports.h promises
// (every Tx method, the error conventions, transactions, pagination, visibility,
// next_due_date maintenance, concurrency), never how a store does it.
//
// To run it against a store, link retorno_store_contract and instantiate it once:
//
//   INSTANTIATE_TEST_SUITE_P(
//       Sqlite, StoreContractTest,
//       ::testing::Values(StoreContractParam{"sqlite", [] { return MakeTempStore(); }}),
//       StoreContractParamName);
//
// The factory is called once per test and must return a new, empty, migrated store
// (only what the first migration seeds: the settings row, the contact types and the
// categories), or nullptr after reporting why. The store is destroyed at the end of
// the test; the factory's store may clean up its files in its destructor.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/ports.h"
#include "gtest/gtest.h"

#define RETORNO_ASSERT_OK(expr)                   \
  do {                                            \
    const absl::Status _retorno_st = (expr);      \
    ASSERT_TRUE(_retorno_st.ok()) << _retorno_st; \
  } while (0)

#define RETORNO_EXPECT_OK(expr)                   \
  do {                                            \
    const absl::Status _retorno_st = (expr);      \
    EXPECT_TRUE(_retorno_st.ok()) << _retorno_st; \
  } while (0)

namespace retorno {

using StoreFactory = std::function<std::unique_ptr<Store>()>;

struct StoreContractParam {
  std::string name;  // becomes the test name suffix: letters, digits, '_'
  StoreFactory factory;
};

std::string StoreContractParamName(const ::testing::TestParamInfo<StoreContractParam>& info);
void PrintTo(const StoreContractParam& param, std::ostream* os);

class StoreContractTest : public ::testing::TestWithParam<StoreContractParam> {
 protected:
  // The fixed "today" and "now" of the suite (no test reads the clock).
  static constexpr absl::CivilDay kToday = absl::CivilDay(2026, 11, 22);
  static absl::Time Now();

  void SetUp() override;
  void TearDown() override;

  absl::Status Write(const std::function<absl::Status(Tx&)>& fn) { return store_->Write(fn); }
  absl::Status Read(const std::function<absl::Status(Tx&)>& fn) { return store_->Read(fn); }

  // Seeding helpers. Each runs one Write and records a test failure if it fails
  // (returning an invalid id then).
  BranchId AddBranch(const std::string& name);
  UserId AddUser(const std::string& login, std::optional<BranchId> branch = std::nullopt);
  PartyId AddParty(const std::string& code, const std::string& name,
                   PartyKind kind = PartyKind::kCustomer);
  FollowupId AddFollowup(PartyId party, UserId owner, std::optional<BranchId> branch,
                         const std::string& subject = "Retorno do orçamento",
                         FollowupStatus status = FollowupStatus::kOpen);
  ActionId AddAction(FollowupId followup, UserId assignee, absl::CivilDay due,
                     ActionStatus status = ActionStatus::kPlanned,
                     std::optional<int> due_minutes = std::nullopt);
  EntryId AddEntry(FollowupId followup, UserId author, const std::string& body, bool draft = false,
                   std::optional<absl::Time> created_at = std::nullopt);

  // A small world for the list and agenda tests: branches north and south; agents ana
  // and bia in the north, caio in the south, dani in none; parties ACME and ZETA.
  struct World {
    BranchId north, south;
    UserId ana, bia, caio, dani;
    PartyId acme, zeta;
  };
  World MakeWorld();

  // Reads, recording a test failure if they fail.
  std::optional<Followup> GetFollowup(FollowupId id);
  std::optional<Action> GetAction(ActionId id);
  FollowupPage QueryPage(const FollowupQuery& q);
  std::vector<FollowupId> QueryIds(FollowupQuery q);  // every page, in order
  std::vector<AgendaRow> Agenda(const AgendaQuery& q);

  std::unique_ptr<Store> store_;
};

}  // namespace retorno
