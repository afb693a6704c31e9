// The account use cases against a real SQLite store: signing in and out, who may
// manage users, and a user's zone checked on every write.
#include "app/accounts/accounts.h"

#include <gtest/gtest.h>

#include "app/error_codes.h"
#include "app/use_case_test.h"

namespace retorno {
namespace {

const absl::Time kNow = Utc(2026, 11, 20, 15, 0);

class AccountsTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    ana_.user = NewUser("ana", Role::kAgent, "America/Mexico_City");
  }
  AuthContext ana_;
};

TEST_F(AccountsTest, ASignedInUserIsAuthenticatedUntilTheyLogOut) {
  absl::StatusOr<LoginResult> in = accounts_->Login("ana", "secret-password-1", "10.0.0.1", kNow);
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(in->user.id, ana_.user.id);
  absl::StatusOr<AuthContext> ctx = accounts_->Authenticate(in->token, kNow);
  ASSERT_TRUE(ctx.ok()) << ctx.status();
  EXPECT_EQ(ctx->user.login, "ana");
  ASSERT_TRUE(accounts_->Logout(in->token).ok());
  EXPECT_EQ(ErrorCodeOf(accounts_->Authenticate(in->token, kNow).status()), ErrorCode::kSession);
}

TEST_F(AccountsTest, AWrongPasswordIsRefused) {
  EXPECT_EQ(ErrorCodeOf(accounts_->Login("ana", "not-her-password", "10.0.0.1", kNow).status()),
            ErrorCode::kBadCredentials);
}

TEST_F(AccountsTest, OnlyAnAdminManagesUsers) {
  UserInput in;
  in.login = "carla";
  in.name = "Carla";
  in.password = "secret-password-1";
  in.role = Role::kAgent;
  in.time_zone = "America/Sao_Paulo";
  EXPECT_EQ(ErrorCodeOf(accounts_->CreateUser(&ana_, in, kNow).status()), ErrorCode::kAdminOnly);
  EXPECT_TRUE(accounts_->CreateUser(&admin_, in, kNow).ok());
}

TEST_F(AccountsTest, AnUnknownZoneIsRefused) {
  UserInput in;
  in.time_zone = "Mars/Olympus";
  EXPECT_EQ(ErrorCodeOf(accounts_->UpdateUser(admin_, ana_.user.id, in).status()),
            ErrorCode::kValidation);
}

TEST_F(AccountsTest, TodayIsTheUsersOwn) {
  // 04:00 UTC on 21 November: still the 20th in Mexico City, the 21st in São Paulo.
  const absl::Time t = Utc(2026, 11, 21, 4, 0);
  EXPECT_EQ(TodayOf(ana_.user, t), absl::CivilDay(2026, 11, 20));
  EXPECT_EQ(TodayOf(admin_.user, t), absl::CivilDay(2026, 11, 21));
}

}  // namespace
}  // namespace retorno
