// The party use cases against a real SQLite store: who may create and edit a party,
// a code taken twice, a stale version, and the observer that writes in the party's
// transaction.
#include "app/parties/parties.h"

#include <gtest/gtest.h>

#include "app/error_codes.h"
#include "app/use_case_test.h"

namespace retorno {
namespace {

const absl::Time kNow = Utc(2026, 11, 20, 15, 0);

// Fails on demand, to show that its failure undoes the party's write.
class FailingObserver : public PartyChangeObserver {
 public:
  absl::Status OnPartyCreated(Tx&, const Party&, absl::Time) override {
    ++created;
    return fail ? absl::InternalError("observer failed") : absl::OkStatus();
  }
  absl::Status OnPartyChanged(Tx&, const Party&, const Party&, absl::Time) override {
    ++changed;
    return absl::OkStatus();
  }
  bool fail = false;
  int created = 0, changed = 0;
};

class PartiesTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    parties_ = std::make_unique<PartyService>(*store_);
    parties_->SetChangeObserver(&observer_);
    ana_.user = NewUser("ana", Role::kAgent);
    beto_.user = NewUser("beto", Role::kAgent);
  }

  static Party Customer(const std::string& code) {
    Party p;
    p.code = code;
    p.name = "Cliente " + code;
    return p;
  }

  std::unique_ptr<PartyService> parties_;
  FailingObserver observer_;
  AuthContext ana_, beto_;
};

TEST_F(PartiesTest, AnAgentCreatesAPartyOfTheirOwn) {
  absl::StatusOr<Party> p = parties_->Create(ana_, Customer("C-1"), kNow);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->owner_id, ana_.user.id);
  EXPECT_EQ(p->version, 1);
  EXPECT_EQ(observer_.created, 1);
}

TEST_F(PartiesTest, ACodeIsTakenOnce) {
  ASSERT_TRUE(parties_->Create(ana_, Customer("C-1"), kNow).ok());
  EXPECT_EQ(ErrorCodeOf(parties_->Create(beto_, Customer("C-1"), kNow).status()),
            ErrorCode::kValidation);
}

TEST_F(PartiesTest, AFieldProblemWritesNothing) {
  Party p = Customer("C-1");
  p.name.clear();
  EXPECT_EQ(ErrorCodeOf(parties_->Create(ana_, p, kNow).status()), ErrorCode::kValidation);
  EXPECT_EQ(observer_.created, 0);
  EXPECT_TRUE(parties_->Search("C-1", std::nullopt, 10)->empty());
}

TEST_F(PartiesTest, TheObserversFailureUndoesTheParty) {
  observer_.fail = true;
  EXPECT_FALSE(parties_->Create(ana_, Customer("C-1"), kNow).ok());
  EXPECT_TRUE(parties_->Search("C-1", std::nullopt, 10)->empty());
}

TEST_F(PartiesTest, AnotherAgentMayNotEditIt) {
  const Party p = parties_->Create(ana_, Customer("C-1"), kNow).value();
  PartyPatch patch;
  patch.name = "Outro nome";
  EXPECT_EQ(ErrorCodeOf(parties_->Update(beto_, p.id, patch, kNow).status()),
            ErrorCode::kForbiddenParty);
  absl::StatusOr<Party> edited = parties_->Update(ana_, p.id, patch, kNow);
  ASSERT_TRUE(edited.ok()) << edited.status();
  EXPECT_EQ(edited->name, "Outro nome");
  EXPECT_EQ(observer_.changed, 1);
}

TEST_F(PartiesTest, AStaleVersionIsRefused) {
  const Party p = parties_->Create(ana_, Customer("C-1"), kNow).value();
  PartyPatch patch;
  patch.name = "Primeiro";
  patch.expected_version = p.version;
  ASSERT_TRUE(parties_->Update(ana_, p.id, patch, kNow).ok());
  patch.name = "Segundo";
  EXPECT_EQ(ErrorCodeOf(parties_->Update(ana_, p.id, patch, kNow).status()), ErrorCode::kVersion);
}

}  // namespace
}  // namespace retorno
