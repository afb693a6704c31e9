// The messaging use cases against a real SQLite store: the SMTP settings are the
// admin's, e-mail goes out only once a server is set, and a test mail is queued in
// the outbox, not sent by the use case.
#include "app/mail/messaging.h"

#include <gtest/gtest.h>

#include "app/error_codes.h"
#include "app/use_case_test.h"
#include "base/status_macros.h"
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

TEST_F(MessagingTest, ANewUserHasNothingToShow) {
  absl::StatusOr<UserEvent> s = messaging_->SummaryFor(ana_.user, kNow);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->kind, UserEvent::Kind::kSummary);
  EXPECT_EQ(s->unread, 0);
  EXPECT_EQ(s->due_today + s->overdue, 0);
  EXPECT_TRUE(s->alerts_enabled);
}

// The counts beside the page are the user's: returns due on her day (Mexico City's,
// already the next day in UTC), her unread notifications, the alert switched by the
// company and by her.
TEST_F(MessagingTest, TheSummaryCountsTheUsersDayAndBell) {
  const User mx = NewUser("lupita", Role::kAgent, "America/Mexico_City");
  const Party party = NewParty("C1", mx.id);
  const absl::Time created = Utc(2026, 11, 10, 15, 0);
  for (absl::CivilDay due :
       {absl::CivilDay(2026, 11, 19), absl::CivilDay(2026, 11, 20), absl::CivilDay(2026, 11, 21)}) {
    CreateFollowupInput in;
    in.party_id = party.id;
    in.subject = "Cotización";
    in.owner_id = mx.id;
    in.category = "em_analise";
    in.next_action = ActionInput{};
    in.next_action->type = "phone";
    in.next_action->due_date = due;
    absl::StatusOr<CreatedFollowup> c = followups_->Create(admin_, in, created);
    ASSERT_TRUE(c.ok()) << c.status();
  }
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> absl::Status {
                    Notification n;
                    n.user_id = mx.id;
                    n.created_at = created;
                    for (int i = 0; i < 2; ++i)
                      RETURN_IF_ERROR(tx.messaging().InsertNotification(n).status());
                    n.read_at = created;
                    return tx.messaging().InsertNotification(n).status();
                  })
                  .ok());
  const absl::Time evening = Utc(2026, 11, 21, 3, 0);  // 21:00 of the 20th in Mexico City
  absl::StatusOr<UserEvent> s = messaging_->SummaryFor(mx, evening);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->due_today, 1);
  EXPECT_EQ(s->overdue, 1);
  EXPECT_EQ(s->unread, 2);
  EXPECT_TRUE(s->alerts_enabled);

  User quiet = mx;
  quiet.alert_on_login = false;
  EXPECT_FALSE(messaging_->SummaryFor(quiet, evening)->alerts_enabled);
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> absl::Status {
                    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
                    settings.return_alerts_enabled = false;
                    return tx.accounts().PutSettings(settings);
                  })
                  .ok());
  s = messaging_->SummaryFor(mx, evening);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_FALSE(s->alerts_enabled);
  EXPECT_EQ(s->due_today, 1);  // the counts stay; only the alert is off
}

}  // namespace
}  // namespace retorno
