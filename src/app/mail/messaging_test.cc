// The messaging use cases against a real SQLite store: the SMTP settings are the
// admin's, e-mail goes out only once a server is set, and a test mail is queued in
// the outbox, not sent by the use case.
#include "app/mail/messaging.h"

#include <gtest/gtest.h>

#include "app/error_codes.h"
#include "app/use_case_test.h"
#include "platform/sodium_secrets.h"

namespace retorno {
namespace {

const absl::Time kNow = Utc(2026, 11, 20, 15, 0);

class MessagingTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    secrets_ = NewSodiumSecrets(dir_ + "/secret.key").value();
    messaging_ = std::make_unique<MessagingService>(*store_, *crypto_, *secrets_);
    ana_.user = NewUser("ana", Role::kAgent);
  }

  static SmtpInput Smtp() {
    SmtpInput in;
    in.host = "smtp.example.com";
    in.port = 587;
    in.security = SmtpSecurity::kStartTls;
    in.username = "retorno";
    in.password = "smtp-password";
    in.sender_name = "Retorno";
    in.sender_email = "retorno@example.com";
    return in;
  }

  std::unique_ptr<Secrets> secrets_;
  std::unique_ptr<MessagingService> messaging_;
  AuthContext ana_;
};

TEST_F(MessagingTest, NoMailGoesOutBeforeAServerIsSet) {
  EXPECT_FALSE(messaging_->MailConfigured().value());
  EXPECT_EQ(ErrorCodeOf(messaging_->SendTestMail(admin_, "a@example.com", kNow).status()),
            ErrorCode::kSmtpNotConfigured);
}

TEST_F(MessagingTest, TheSmtpSettingsAreTheAdmins) {
  EXPECT_EQ(ErrorCodeOf(messaging_->PutSmtp(ana_, Smtp()).status()), ErrorCode::kAdminOnly);
  EXPECT_EQ(ErrorCodeOf(messaging_->GetSmtp(ana_).status()), ErrorCode::kAdminOnly);
  ASSERT_TRUE(messaging_->PutSmtp(admin_, Smtp()).ok());
  EXPECT_TRUE(messaging_->MailConfigured().value());
}

TEST_F(MessagingTest, ATestMailIsQueued) {
  ASSERT_TRUE(messaging_->PutSmtp(admin_, Smtp()).ok());
  EXPECT_EQ(ErrorCodeOf(messaging_->SendTestMail(admin_, "not-an-address", kNow).status()),
            ErrorCode::kValidation);
  absl::StatusOr<OutboxMessage> m = messaging_->SendTestMail(admin_, "a@example.com", kNow);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->kind, OutboxKind::kTest);
  EXPECT_EQ(m->to, std::vector<std::string>{"a@example.com"});
  absl::StatusOr<std::vector<OutboxMessage>> queued =
      messaging_->ListOutbox(admin_, std::nullopt, 10);
  ASSERT_TRUE(queued.ok()) << queued.status();
  EXPECT_EQ(queued->size(), 1u);
}

TEST_F(MessagingTest, ANewUserHasNoNotifications) {
  EXPECT_EQ(messaging_->UnreadCount(ana_.user.id).value(), 0);
}

}  // namespace
}  // namespace retorno
