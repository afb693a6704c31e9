// What the in-process tests of the use cases share: a temporary SQLite store with its
// migrations, the real crypto and sniffer adapters, an admin, and helpers to add users
// and parties. A test may link adapters; the app library may not.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "platform/magic_sniffer.h"
#include "platform/pwquality_policy.h"
#include "platform/sodium_crypto.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {

inline absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone());
}

class UseCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/retorno-app-XXXXXX";
    dir_ = mkdtemp(tmpl);
    store_ = OpenSqliteStore({.path = dir_ + "/t.db"}).value();
    crypto_ = NewSodiumCrypto({.fast_for_tests = true}).value();
    sniffer_ = NewMagicSniffer().value();
    passwords_ = NewPwqualityPolicy().value();
    accounts_ = std::make_unique<AccountService>(*store_, *crypto_, *passwords_);
    followups_ = std::make_unique<FollowupService>(*store_, *crypto_, *sniffer_);
    admin_.user = NewUser("admin", Role::kAdmin);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  User NewUser(const std::string& login, Role role, const std::string& zone = "America/Sao_Paulo") {
    UserInput in;
    in.login = login;
    in.name = "User " + login;
    in.password = "secret-password-1";
    in.role = role;
    in.time_zone = zone;
    return accounts_->CreateUser(nullptr, in, Utc(2026, 1, 1, 12, 0)).value();
  }

  Party NewParty(const std::string& code, UserId owner,
                 std::optional<absl::CivilDay> birthday = {}) {
    Party p;
    p.code = code;
    p.name = "Cliente " + code;
    p.owner_id = owner;
    p.birthday = birthday;
    p.created_at = Utc(2026, 1, 1, 12, 0);
    EXPECT_TRUE(store_
                    ->Write([&](Tx& tx) -> absl::Status {
                      auto id = tx.parties().InsertParty(p);
                      if (!id.ok()) return id.status();
                      p.id = *id;
                      return absl::OkStatus();
                    })
                    .ok());
    return p;
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Crypto> crypto_;
  std::unique_ptr<ContentSniffer> sniffer_;
  std::unique_ptr<PasswordPolicy> passwords_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<FollowupService> followups_;
  AuthContext admin_;
};

}  // namespace retorno
