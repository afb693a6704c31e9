// The per-transaction cache of users and branches against a real SQLite store: each row
// is read once however often it is asked for, unknown ids are remembered as such, and
// what was handed out stays valid as more is loaded.
#include "app/accounts/user_cache.h"

#include <gtest/gtest.h>

#include <vector>

#include "app/use_case_test.h"

namespace retorno {
namespace {

class UserCacheTest : public UseCaseTest {};

TEST_F(UserCacheTest, AUserIsReadOnceInTheTransaction) {
  const User ana = NewUser("ana", Role::kAgent, "America/Mexico_City");
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> absl::Status {
                    UserCache users(tx);
                    absl::StatusOr<const User*> first = users.Find(ana.id);
                    if (!first.ok()) return first.status();
                    EXPECT_NE(*first, nullptr);
                    EXPECT_EQ((*first)->name, "User ana");
                    // Renamed in the same transaction: the cache answers from its one read.
                    User renamed = **first;
                    renamed.name = "Ana Renamed";
                    if (absl::Status s = tx.accounts().UpdateUser(renamed); !s.ok()) return s;
                    absl::StatusOr<const User*> again = users.Find(ana.id);
                    EXPECT_TRUE(again.ok());
                    EXPECT_EQ(*again, *first);
                    EXPECT_EQ(users.NameOf(ana.id), "User ana");
                    // A fresh cache reads the row anew.
                    UserCache fresh(tx);
                    EXPECT_EQ(fresh.NameOf(ana.id), "Ana Renamed");
                    return absl::OkStatus();
                  })
                  .ok());
}

TEST_F(UserCacheTest, PointersStayValidAndUnknownIdsAreNull) {
  std::vector<User> team;
  for (int i = 0; i < 40; ++i) team.push_back(NewUser("u" + std::to_string(i), Role::kAgent));
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) -> absl::Status {
                    UserCache users(tx);
                    const User* first = users.Find(team[0].id).value();
                    EXPECT_NE(first, nullptr);
                    if (first == nullptr) return absl::OkStatus();
                    for (const User& u : team) EXPECT_NE(users.Find(u.id).value(), nullptr);
                    EXPECT_EQ(first->login, "u0");  // not moved by the 39 loaded after it
                    EXPECT_EQ(users.Find(team[0].id).value(), first);
                    EXPECT_EQ(users.Find(UserId(999999)).value(), nullptr);
                    EXPECT_EQ(users.NameOf(UserId(999999)), "");
                    return absl::OkStatus();
                  })
                  .ok());
}

// Each user's own zone (São Paulo, Mexico City and New York, a zone with daylight
// saving), and branches read once like users.
TEST_F(UserCacheTest, ZonesFollowThePolicyAndBranchesAreCached) {
  const User sp = NewUser("sp", Role::kAgent, "America/Sao_Paulo");
  const User mx = NewUser("mx", Role::kAgent, "America/Mexico_City");
  const User ny = NewUser("ny", Role::kAgent, "America/New_York");
  BranchId branch;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> absl::Status {
                    Branch b;
                    b.name = "Filial Norte";
                    b.time_zone = "America/Manaus";
                    absl::StatusOr<BranchId> id = tx.accounts().InsertBranch(b);
                    if (!id.ok()) return id.status();
                    branch = *id;
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> absl::Status {
                    UserCache users(tx);
                    EXPECT_EQ(users.ZoneOf(sp).value().name(), "America/Sao_Paulo");
                    EXPECT_EQ(users.ZoneOf(mx).value().name(), "America/Mexico_City");
                    EXPECT_EQ(users.ZoneOf(ny).value().name(), "America/New_York");
                    const Branch* b = users.FindBranch(branch).value();
                    EXPECT_NE(b, nullptr);
                    if (b == nullptr) return absl::OkStatus();
                    EXPECT_EQ(b->name, "Filial Norte");
                    Branch renamed = *b;
                    renamed.name = "Filial Sul";
                    if (absl::Status s = tx.accounts().UpdateBranch(renamed); !s.ok()) return s;
                    EXPECT_EQ(users.FindBranch(branch).value(), b);
                    EXPECT_EQ(b->name, "Filial Norte");
                    EXPECT_EQ(users.FindBranch(BranchId(999999)).value(), nullptr);
                    return absl::OkStatus();
                  })
                  .ok());
}

}  // namespace
}  // namespace retorno
