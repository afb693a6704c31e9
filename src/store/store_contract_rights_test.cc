// The store contract: rights per user (ADR 0040) — a user's changes to the role's
// defaults, replaced as a whole, kept apart per user, rolled back with the transaction.
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

namespace {

std::vector<UserRightChange> RightsOf(Tx& tx, UserId user) {
  auto got = tx.accounts().ListUserRights(user);
  EXPECT_TRUE(got.ok()) << got.status();
  return got.ok() ? *got : std::vector<UserRightChange>{};
}

}  // namespace

TEST_P(StoreContractTest, UserRightsAreReplacedAsAWholeAndKeptPerUser) {
  World w = MakeWorld();
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    EXPECT_TRUE(RightsOf(tx, w.ana).empty());  // no row: the role's defaults
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    RETORNO_EXPECT_OK(tx.accounts().ReplaceUserRights(
        w.ana, {{"reopen", true}, {"export", false}, {"configure_attendance", true}}));
    return tx.accounts().ReplaceUserRights(w.bia, {{"view_reports", false}});
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    // In name order.
    EXPECT_EQ(RightsOf(tx, w.ana),
              (std::vector<UserRightChange>{
                  {"configure_attendance", true}, {"export", false}, {"reopen", true}}));
    EXPECT_EQ(RightsOf(tx, w.bia), (std::vector<UserRightChange>{{"view_reports", false}}));
    EXPECT_TRUE(RightsOf(tx, w.caio).empty());
    return absl::OkStatus();
  }));
  // Replacing drops what is not in the new set; an empty set is the defaults again.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    return tx.accounts().ReplaceUserRights(w.ana, {{"export", true}});
  }));
  RETORNO_ASSERT_OK(
      Write([&](Tx& tx) -> absl::Status { return tx.accounts().ReplaceUserRights(w.bia, {}); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    EXPECT_EQ(RightsOf(tx, w.ana), (std::vector<UserRightChange>{{"export", true}}));
    EXPECT_TRUE(RightsOf(tx, w.bia).empty());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AFailedTransactionLeavesUserRightsAsTheyWere) {
  World w = MakeWorld();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    return tx.accounts().ReplaceUserRights(w.ana, {{"reopen", true}});
  }));
  const absl::Status failed = Write([&](Tx& tx) -> absl::Status {
    RETORNO_EXPECT_OK(tx.accounts().ReplaceUserRights(w.ana, {{"export", false}}));
    return absl::FailedPreconditionError("the audit row failed");
  });
  EXPECT_FALSE(failed.ok());
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    EXPECT_EQ(RightsOf(tx, w.ana), (std::vector<UserRightChange>{{"reopen", true}}));
    return absl::OkStatus();
  }));
}

}  // namespace retorno
