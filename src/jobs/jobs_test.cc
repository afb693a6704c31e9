// The jobs against a real SQLite store, a simulated clock (no sleeps), a scripted
// Mailer (the SMTP adapter itself is tested against a real server in src/mail and
// tests/api) and a publisher that records what the open apps would receive.
#include "jobs/jobs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <thread>

#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "app/mail/messaging.h"
#include "base/clock.h"
#include "base/time_util.h"
#include "jobs/registry.h"
#include "jobs/scheduler.h"
#include "platform/magic_sniffer.h"
#include "platform/sodium_crypto.h"
#include "platform/sodium_secrets.h"
#include "store/sql/mailings.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone());
}

class RecordingPublisher : public EventPublisher {
 public:
  void Publish(UserId user, const UserEvent& e) override { events.push_back({user, e}); }
  std::vector<UserId> ConnectedUsers() override { return connected; }
  std::vector<std::pair<UserId, UserEvent>> events;
  std::vector<UserId> connected;
};

class ScriptedMailer : public Mailer {
 public:
  absl::Status Send(const SmtpSettings& smtp, const MailMessage& m) override {
    last_smtp = smtp;
    absl::Status s = absl::OkStatus();
    if (!script.empty()) {
      s = script.front();
      script.pop_front();
    }
    if (s.ok()) sent.push_back(m);
    return s;
  }
  std::deque<absl::Status> script;  // outcomes of the next sends; then OK
  std::vector<MailMessage> sent;
  SmtpSettings last_smtp;
};

// The SQL mailing store, counting the transactions the outbox asks it about (only the
// sender of a mailing's message asks it anything).
class CountingMailingStore : public MailingStore {
 public:
  std::unique_ptr<MailingRepository> In(Tx& tx) override {
    ++lookups;
    return real.In(tx);
  }
  sql::SqlMailingStore real;
  int lookups = 0;
};

class JobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/retorno-jobs-XXXXXX";
    dir_ = mkdtemp(tmpl);
    auto store = OpenSqliteStore({.path = dir_ + "/t.db"});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    auto crypto = NewSodiumCrypto({.fast_for_tests = true});
    ASSERT_TRUE(crypto.ok());
    crypto_ = *std::move(crypto);
    auto secrets = NewSodiumSecrets(dir_ + "/secret.key");
    ASSERT_TRUE(secrets.ok());
    secrets_ = *std::move(secrets);
    sniffer_ = NewMagicSniffer().value();
    followups_ = std::make_unique<FollowupService>(*store_, *crypto_, *sniffer_);
    messaging_ = std::make_unique<MessagingService>(*store_, *crypto_, *secrets_);
    options_.worker_id = "worker-a";
    options_.retry_base = absl::Seconds(30);
    options_.max_attempts = 4;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  AuthContext AddUser(const std::string& login, const std::string& zone,
                      EmailReminders mail = EmailReminders::kEach, Role role = Role::kAgent) {
    User u;
    u.login = login;
    u.name = login == "ana" ? "Ana Conceição" : "Usuário " + login;
    u.email = login + "@retorno.test";
    u.role = role;
    u.time_zone = zone;
    u.email_reminders = mail;
    u.alert_every_minutes = 10;
    u.password_hash = "x";
    u.created_at = Utc(2026, 1, 1, 0, 0);
    EXPECT_TRUE(store_
                    ->Write([&](Tx& tx) -> absl::Status {
                      auto id = tx.accounts().InsertUser(u);
                      if (!id.ok()) return id.status();
                      u.id = *id;
                      return absl::OkStatus();
                    })
                    .ok());
    AuthContext ctx;
    ctx.user = u;
    return ctx;
  }

  PartyId AddParty(const std::string& code, const std::string& name) {
    Party p;
    p.code = code;
    p.name = name;
    p.email = "compras@" + code + ".test";
    p.created_at = Utc(2026, 1, 1, 0, 0);
    PartyId id;
    EXPECT_TRUE(store_
                    ->Write([&](Tx& tx) -> absl::Status {
                      auto r = tx.parties().InsertParty(p);
                      if (!r.ok()) return r.status();
                      id = *r;
                      return absl::OkStatus();
                    })
                    .ok());
    return id;
  }

  void ConfigureSmtp() {
    AuthContext admin = AddUser("admin", "America/Sao_Paulo", EmailReminders::kOff, Role::kAdmin);
    SmtpInput in;
    in.host = "127.0.0.1";
    in.port = 2525;
    in.security = SmtpSecurity::kNone;
    in.password = "s3nha";
    in.sender_name = "Retorno Campinas";
    in.sender_email = "retorno@empresa.test";
    ASSERT_TRUE(messaging_->PutSmtp(admin, in).ok());
  }

  // A follow-up of `owner` with one return due on `due` at `minutes` (or untimed).
  CreatedFollowup Create(const AuthContext& owner, PartyId party, absl::CivilDay due,
                         std::optional<int> minutes, absl::Time now, int repeat = 0,
                         bool notify_customer = false, std::string message = "") {
    CreateFollowupInput in;
    in.party_id = party;
    in.subject = "Retorno do orçamento nº 12";
    in.category = "pos_venda";
    in.contact = Contact{"", "joana@cliente.test", "", ""};
    in.next_action = ActionInput{};
    in.next_action->type = "phone";
    in.next_action->due_date = due;
    in.next_action->due_minutes = minutes;
    in.next_action->repeat_months = repeat;
    in.next_action->notify_customer = notify_customer;
    in.next_action->message = std::move(message);
    auto r = followups_->Create(owner, in, now);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : CreatedFollowup{};
  }

  int TickReminders(absl::Time now, const std::string& worker = "worker-a") {
    JobOptions o = options_;
    o.worker_id = worker;
    ReminderJob job(*store_, *crypto_, publisher_, o);
    auto n = job.Tick(now);
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  int TickOutbox(absl::Time now) {
    OutboxJob job(*store_, mailer_, *secrets_, publisher_, options_);
    auto n = job.Tick(now);
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  // What `read` answers in a read transaction; a failed read fails the test.
  template <class T, class Read>
  T ReadValue(Read read) {
    T out{};
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) -> absl::Status {
                      absl::StatusOr<T> r = read(tx);
                      if (!r.ok()) return r.status();
                      out = *std::move(r);
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  std::vector<Reminder> RemindersOf(ActionId a) {
    return ReadValue<std::vector<Reminder>>(
        [&](Tx& tx) { return tx.messaging().ListReminders(a); });
  }

  std::vector<OutboxMessage> Outbox() {
    return ReadValue<std::vector<OutboxMessage>>(
        [](Tx& tx) { return tx.messaging().ListOutbox({}); });
  }

  // The job_state value of `name`, "" when there is none.
  std::string JobState(const std::string& name) {
    return ReadValue<std::optional<std::string>>(
               [&](Tx& tx) { return tx.jobs().GetJobState(name); })
        .value_or("");
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Crypto> crypto_;
  std::unique_ptr<Secrets> secrets_;
  std::unique_ptr<ContentSniffer> sniffer_;
  std::unique_ptr<FollowupService> followups_;
  std::unique_ptr<MessagingService> messaging_;
  RecordingPublisher publisher_;
  ScriptedMailer mailer_;
  JobOptions options_;
};

TEST_F(JobsTest, NineOClockInSaoPauloAndInMexicoCityAreDifferentInstants) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  AuthContext mx = AddUser("memo", "America/Mexico_City");
  PartyId p = AddParty("C001", "Oficina Campinas Ltda.");
  const absl::Time created = Utc(2026, 11, 30, 12, 0);
  Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, created);
  Create(mx, p, absl::CivilDay(2026, 12, 1), 9 * 60, created);

  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 11, 59)), 0);
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 12, 0)), 1);  // 09:00 -03:00
  ASSERT_THAT(publisher_.events, SizeIs(1));
  EXPECT_EQ(publisher_.events[0].first, sp.user.id);
  EXPECT_EQ(publisher_.events[0].second.notification->subject, "Retorno do orçamento nº 12");
  EXPECT_FALSE(publisher_.events[0].second.notification->notification.late);
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 14, 59)), 0);
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 15, 0)), 1);  // 09:00 -06:00
  ASSERT_THAT(publisher_.events, SizeIs(2));
  EXPECT_EQ(publisher_.events[1].first, mx.user.id);
  EXPECT_EQ(TickReminders(Utc(2026, 12, 2, 0, 0)), 0);  // each fired once
}

// The reminder is in the assignee's zone even when the one who creates the return (and
// whose user the use case already holds) lives elsewhere.
TEST_F(JobsTest, AReturnAssignedToSomeoneElseIsRemindedInTheAssigneesZone) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo", EmailReminders::kEach, Role::kAdmin);
  AuthContext mx = AddUser("memo", "America/Mexico_City");
  PartyId p = AddParty("C001", "Oficina Campinas Ltda.");
  CreateFollowupInput in;
  in.party_id = p;
  in.subject = "Visita técnica";
  in.category = "pos_venda";
  in.next_action = ActionInput{};
  in.next_action->type = "visit";
  in.next_action->due_date = absl::CivilDay(2026, 12, 1);
  in.next_action->due_minutes = 9 * 60;
  in.next_action->assignee_id = mx.user.id;
  auto created = followups_->Create(sp, in, Utc(2026, 11, 30, 12, 0));
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_THAT(created->detail.actions, SizeIs(1));
  std::vector<Reminder> r = RemindersOf(created->detail.actions[0].id);
  ASSERT_THAT(r, SizeIs(1));
  EXPECT_EQ(r[0].user_id, mx.user.id);
  EXPECT_EQ(r[0].fire_at, Utc(2026, 12, 1, 15, 0));  // 09:00 -06:00, not 09:00 -03:00
}

TEST_F(JobsTest, DaylightSavingGapAndUntimedReturnsAtEightLocal) {
  AuthContext ny = AddUser("nina", "America/New_York");
  PartyId p = AddParty("C002", "Ferragens Souza");
  const absl::Time created = Utc(2026, 3, 1, 12, 0);
  CreatedFollowup gap = Create(ny, p, absl::CivilDay(2026, 3, 8), 2 * 60 + 30, created);
  CreatedFollowup untimed = Create(ny, p, absl::CivilDay(2026, 3, 9), std::nullopt, created);
  // 02:30 does not exist on 2026-03-08 in New York: like every skipped local time
  // (base/time_util.h InstantOf) it resolves to the instant the gap ends, 03:00 EDT =
  // 07:00Z. The untimed return is reminded at 08:00 EDT = 12:00Z.
  auto r1 = RemindersOf(gap.detail.actions[0].id);
  ASSERT_THAT(r1, SizeIs(1));
  EXPECT_EQ(r1[0].fire_at, Utc(2026, 3, 8, 7, 0));
  auto r2 = RemindersOf(untimed.detail.actions[0].id);
  ASSERT_THAT(r2, SizeIs(1));
  EXPECT_EQ(r2[0].fire_at, Utc(2026, 3, 9, 12, 0));
}

TEST_F(JobsTest, MonthlySeriesHasOneReminderPerOccurrenceAcrossMonthEnds) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  PartyId p = AddParty("C003", "Padaria Pão Quente");
  CreatedFollowup c =
      Create(sp, p, absl::CivilDay(2026, 1, 31), 9 * 60, Utc(2026, 1, 10, 12, 0), /*repeat=*/3);
  ASSERT_THAT(c.detail.actions, SizeIs(3));
  std::vector<absl::Time> instants;
  for (const Action& a : c.detail.actions)
    for (const Reminder& r : RemindersOf(a.id)) instants.push_back(r.fire_at);
  EXPECT_THAT(instants, ElementsAre(Utc(2026, 1, 31, 12, 0), Utc(2026, 2, 28, 12, 0),
                                    Utc(2026, 3, 31, 12, 0)));
}

TEST_F(JobsTest, RescheduleCompleteAndCancelLeaveNoStaleReminder) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  PartyId p = AddParty("C004", "Auto Peças Brasil");
  const absl::Time t0 = Utc(2026, 11, 30, 12, 0);
  CreatedFollowup c = Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, t0);
  const ActionId a = c.detail.actions[0].id;
  RescheduleInput re;
  re.due_date = absl::CivilDay(2026, 12, 3);
  re.due_minutes = 14 * 60;
  ASSERT_TRUE(followups_->RescheduleAction(sp, a, re, t0).ok());
  auto rs = RemindersOf(a);
  ASSERT_THAT(rs, SizeIs(2));
  EXPECT_EQ(rs[0].state, ReminderState::kCancelled);
  EXPECT_EQ(rs[1].state, ReminderState::kPending);
  EXPECT_EQ(rs[1].fire_at, Utc(2026, 12, 3, 17, 0));
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 12, 0)), 0);  // the old instant: nothing

  CompleteInput done;
  done.result = "Cliente aprovou o orçamento";
  ASSERT_TRUE(followups_->CompleteAction(sp, a, done, t0).ok());
  for (const Reminder& r : RemindersOf(a)) EXPECT_NE(r.state, ReminderState::kPending);
  EXPECT_EQ(TickReminders(Utc(2026, 12, 4, 0, 0)), 0);
  EXPECT_THAT(publisher_.events, SizeIs(0));
}

TEST_F(JobsTest, CaughtUpAfterDowntimeOnceAndMarkedLate) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  PartyId p = AddParty("C005", "Clínica Sorriso");
  Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, Utc(2026, 11, 30, 12, 0));
  // The server was down from 08:00 to 11:00 local; at restart the reminder fires once.
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 14, 0)), 1);
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 14, 0)), 0);
  ASSERT_THAT(publisher_.events, SizeIs(1));
  EXPECT_TRUE(publisher_.events[0].second.notification->notification.late);
}

TEST_F(JobsTest, AnExpiredLeaseIsClaimedAgainByAnotherWorker) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  PartyId p = AddParty("C006", "Mercado Bom Preço");
  Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, Utc(2026, 11, 30, 12, 0));
  const absl::Time due = Utc(2026, 12, 1, 12, 0);
  // Worker a claims and dies before firing.
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> absl::Status {
                    auto c = tx.messaging().ClaimReminders(due, 10, "worker-dead",
                                                           due + absl::Seconds(60));
                    if (!c.ok()) return c.status();
                    EXPECT_THAT(*c, SizeIs(1));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(TickReminders(due + absl::Seconds(30), "worker-b"), 0);  // still leased
  EXPECT_EQ(TickReminders(due + absl::Seconds(61), "worker-b"), 1);  // lease expired
  EXPECT_EQ(TickReminders(due + absl::Seconds(200), "worker-c"), 0);
  EXPECT_THAT(publisher_.events, SizeIs(1));
}

TEST_F(JobsTest, ReminderEmailRetriesWithBackoffThenSendsOnceAndLandsOnTheTimeline) {
  ConfigureSmtp();
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  PartyId p = AddParty("C007", "Oficina Campinas Ltda.");
  CreatedFollowup c = Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, Utc(2026, 11, 30, 12, 0));
  const absl::Time due = Utc(2026, 12, 1, 12, 0);
  ASSERT_EQ(TickReminders(due), 1);
  auto box = Outbox();
  ASSERT_THAT(box, SizeIs(1));
  EXPECT_EQ(box[0].kind, OutboxKind::kReminder);
  EXPECT_THAT(box[0].to, ElementsAre("ana@retorno.test"));
  EXPECT_EQ(box[0].subject, "Retorno: Retorno do orçamento nº 12 — Oficina Campinas Ltda.");
  EXPECT_THAT(box[0].text, HasSubstr("Olá, Ana Conceição."));
  EXPECT_THAT(box[0].text, HasSubstr("01/12/2026"));

  mailer_.script = {absl::UnavailableError("421 4.3.2 try later"),
                    absl::UnavailableError("connection refused")};
  EXPECT_EQ(TickOutbox(due), 1);                      // attempt 1 fails
  EXPECT_EQ(TickOutbox(due + absl::Seconds(29)), 0);  // waits 30 s
  EXPECT_EQ(TickOutbox(due + absl::Seconds(30)), 1);  // attempt 2 fails
  EXPECT_EQ(TickOutbox(due + absl::Seconds(89)), 0);  // waits 60 s
  EXPECT_EQ(TickOutbox(due + absl::Seconds(90)), 1);  // attempt 3 sends
  EXPECT_EQ(TickOutbox(due + absl::Hours(2)), 0);
  ASSERT_THAT(mailer_.sent, SizeIs(1));
  EXPECT_EQ(mailer_.last_smtp.password, "s3nha");  // opened from its sealed form
  box = Outbox();
  EXPECT_EQ(box[0].state, OutboxState::kSent);
  EXPECT_EQ(box[0].attempts, 3);
  std::vector<std::string> events;
  for (const OutboxEvent& e : box[0].log) events.push_back(e.event);
  EXPECT_THAT(events, ElementsAre("queued", "retry", "retry", "sent"));
  EXPECT_EQ(box[0].log[1].detail, "421 4.3.2 try later");
  EXPECT_EQ(mailer_.sent[0].message_id, box[0].message_id);

  auto detail = followups_->Get(sp, c.detail.followup.id, due + absl::Hours(2));
  ASSERT_TRUE(detail.ok());
  int emails = 0;
  for (const Entry& e : detail->entries)
    if (e.kind == EntryKind::kEmail) {
      ++emails;
      EXPECT_THAT(e.body, HasSubstr("To: ana@retorno.test"));
    }
  EXPECT_EQ(emails, 1);
}

TEST_F(JobsTest, PermanentFailureGivesUpAndTellsTheSender) {
  ConfigureSmtp();
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  PartyId p = AddParty("C008", "Distribuidora Norte");
  Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, Utc(2026, 11, 30, 12, 0));
  const absl::Time due = Utc(2026, 12, 1, 12, 0);
  ASSERT_EQ(TickReminders(due), 1);
  mailer_.script = {absl::InvalidArgumentError("550 5.1.1 user unknown")};
  EXPECT_EQ(TickOutbox(due), 1);
  EXPECT_EQ(TickOutbox(due + absl::Hours(5)), 0);
  auto box = Outbox();
  EXPECT_EQ(box[0].state, OutboxState::kFailed);
  EXPECT_EQ(box[0].last_error, "550 5.1.1 user unknown");
  auto list = messaging_->ListNotifications(sp, true, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_THAT(list->items, SizeIs(2));  // newest first: the failure, then the reminder
  EXPECT_EQ(list->items[0].notification.kind, NotificationKind::kMailFailed);
  EXPECT_EQ(list->items[0].notification.detail, "550 5.1.1 user unknown");
}

TEST_F(JobsTest, CustomerMessageWithAMissingValueIsBlockedAndTheUserToldWhy) {
  ConfigureSmtp();
  AuthContext sp = AddUser("ana", "America/Sao_Paulo", EmailReminders::kOff);
  PartyId p = AddParty("C009", "Construtora Horizonte");
  // The customer template says #{mensagem}: an empty message must not go out.
  Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, Utc(2026, 11, 30, 12, 0), 0,
         /*notify_customer=*/true, /*message=*/"");
  Create(sp, p, absl::CivilDay(2026, 12, 1), 10 * 60, Utc(2026, 11, 30, 12, 0), 0,
         /*notify_customer=*/true, "Seu equipamento está pronto para retirada.");
  ASSERT_EQ(TickReminders(Utc(2026, 12, 1, 13, 0)), 4);  // 2 returns × (user + customer)
  auto box = Outbox();
  ASSERT_THAT(box, SizeIs(2));  // newest first
  EXPECT_EQ(box[0].state, OutboxState::kQueued);
  EXPECT_THAT(box[0].to, ElementsAre("joana@cliente.test"));
  // #{contato|cliente}: no contact name, so the customer's name.
  EXPECT_THAT(box[0].text, HasSubstr("Prezado(a) Construtora Horizonte,"));
  EXPECT_THAT(box[0].text, HasSubstr("Seu equipamento está pronto para retirada."));
  EXPECT_EQ(box[1].state, OutboxState::kBlocked);
  EXPECT_EQ(box[1].last_error, "missing: mensagem");
  auto list = messaging_->ListNotifications(sp, true, 10);
  ASSERT_TRUE(list.ok());
  int blocked = 0;
  for (const NotificationView& n : list->items)
    if (n.notification.kind == NotificationKind::kMailBlocked) {
      ++blocked;
      EXPECT_EQ(n.notification.detail, "mensagem");
    }
  EXPECT_EQ(blocked, 1);
  EXPECT_EQ(TickOutbox(Utc(2026, 12, 1, 13, 0)), 1);  // only the queued one is sent
  ASSERT_THAT(mailer_.sent, SizeIs(1));
}

TEST_F(JobsTest, OnlyAMailingsMessageHasItsSenderLookedUp) {
  ConfigureSmtp();
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");
  PartyId p = AddParty("C010", "Auto Peças Guadalajara");
  Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, Utc(2026, 11, 30, 12, 0), 0,
         /*notify_customer=*/true, "Seu equipamento está pronto para retirada.");
  const absl::Time due = Utc(2026, 12, 1, 13, 0);
  ASSERT_EQ(TickReminders(due), 2);  // the reminder to Ana, the message to the customer
  CountingMailingStore mailings;
  OutboxJob job(*store_, mailer_, *secrets_, publisher_, options_, &mailings);
  ASSERT_EQ(job.Tick(due).value_or(-1), 2);
  ASSERT_THAT(mailer_.sent, SizeIs(2));
  EXPECT_EQ(mailings.lookups, 0);  // a follow-up's messages have no mailing behind them

  // Shaped like a mailing's: to a customer, with no follow-up and no user.
  OutboxMessage m;
  m.kind = OutboxKind::kCustomer;
  m.to = {"compras@c010.test"};
  m.subject = "Reajuste de preços";
  m.text = "Olá";
  m.message_id = "<reajuste.1@empresa.test>";
  m.created_at = due;
  m.next_attempt_at = due;
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.messaging().InsertOutbox(m).status(); }).ok());
  ASSERT_EQ(job.Tick(due).value_or(-1), 1);
  EXPECT_EQ(mailings.lookups, 1);
  ASSERT_THAT(mailer_.sent, SizeIs(3));
  // No mailing row names a sender for it: the configured one.
  EXPECT_EQ(mailer_.sent[2].from.name, "Retorno Campinas");
}

TEST_F(JobsTest, SnoozeRemindsAgainTomorrowMorningInTheUsersZone) {
  AuthContext mx = AddUser("memo", "America/Mexico_City");
  PartyId p = AddParty("C010", "Taller Hernández");
  Create(mx, p, absl::CivilDay(2026, 11, 30), 18 * 60, Utc(2026, 11, 30, 12, 0));
  // 18:00 in Mexico City is already 1 December in UTC.
  ASSERT_EQ(TickReminders(Utc(2026, 12, 1, 0, 0)), 1);
  auto list = messaging_->ListNotifications(mx, true, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_THAT(list->items, SizeIs(1));
  auto snoozed = messaging_->Snooze(mx, list->items[0].notification.id,
                                    SnoozeChoice::kTomorrowMorning, Utc(2026, 12, 1, 0, 5));
  ASSERT_TRUE(snoozed.ok()) << snoozed.status();
  // "Tomorrow" for the user is 1 December local: 08:00 -06:00 = 14:00Z.
  EXPECT_EQ(*snoozed->notification.snoozed_until, Utc(2026, 12, 1, 14, 0));
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 13, 59)), 0);
  EXPECT_EQ(TickReminders(Utc(2026, 12, 1, 14, 0)), 1);
  // Another user cannot snooze (or see) it.
  AuthContext other = AddUser("zeca", "America/Sao_Paulo");
  EXPECT_TRUE(absl::IsNotFound(messaging_
                                   ->Snooze(other, list->items[0].notification.id,
                                            SnoozeChoice::k1Hour, Utc(2026, 12, 1, 0, 5))
                                   .status()));
}

TEST_F(JobsTest, DigestOncePerLocalMorningOnlyForUsersWhoChoseIt) {
  ConfigureSmtp();
  AuthContext sp = AddUser("ana", "America/Sao_Paulo", EmailReminders::kDigest);
  AddUser("bia", "America/Sao_Paulo", EmailReminders::kEach);
  PartyId p = AddParty("C011", "Sítio Boa Vista");
  Create(sp, p, absl::CivilDay(2026, 12, 1), std::nullopt, Utc(2026, 11, 30, 12, 0));
  DigestJob digests(*store_, *crypto_);
  EXPECT_EQ(*digests.Tick(Utc(2026, 12, 1, 9, 59)), 0);  // 06:59 local
  EXPECT_EQ(*digests.Tick(Utc(2026, 12, 1, 10, 0)), 1);  // 07:00 local
  EXPECT_EQ(*digests.Tick(Utc(2026, 12, 1, 15, 0)), 0);  // once a day
  auto box = Outbox();
  ASSERT_THAT(box, SizeIs(1));
  EXPECT_EQ(box[0].kind, OutboxKind::kDigest);
  EXPECT_EQ(box[0].subject, "Seus retornos de 01/12/2026");
  EXPECT_THAT(box[0].text, HasSubstr("Sítio Boa Vista"));
  // The next morning the return is overdue and listed again, with its days late.
  EXPECT_EQ(*digests.Tick(Utc(2026, 12, 2, 10, 0)), 1);
  EXPECT_THAT(Outbox()[0].text, HasSubstr("1 dias de atraso"));
}

TEST_F(JobsTest, RepeatAlertAtTheUsersIntervalOnlyWhileSomethingIsDueAndSwitchOn) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo");  // every 10 minutes
  PartyId p = AddParty("C012", "Oficina Campinas Ltda.");
  const absl::Time t0 = Utc(2026, 12, 1, 12, 0);
  Create(sp, p, absl::CivilDay(2026, 12, 1), std::nullopt, t0);
  AlertJob alerts(*store_, publisher_);
  publisher_.connected = {sp.user.id};
  EXPECT_EQ(*alerts.Tick(t0), 0);  // connecting showed the summary
  EXPECT_EQ(*alerts.Tick(t0 + absl::Minutes(9)), 0);
  EXPECT_EQ(*alerts.Tick(t0 + absl::Minutes(10)), 1);
  ASSERT_THAT(publisher_.events, SizeIs(1));
  EXPECT_EQ(publisher_.events[0].second.kind, UserEvent::Kind::kAlert);
  EXPECT_EQ(publisher_.events[0].second.due_today, 1);
  EXPECT_EQ(*alerts.Tick(t0 + absl::Minutes(15)), 0);
  // The organization's switch off: no repeat alert.
  ASSERT_TRUE(store_
                  ->Write([](Tx& tx) -> absl::Status {
                    auto s = tx.accounts().GetSettings();
                    if (!s.ok()) return s.status();
                    s->return_alerts_enabled = false;
                    return tx.accounts().PutSettings(*s);
                  })
                  .ok());
  EXPECT_EQ(*alerts.Tick(t0 + absl::Minutes(30)), 0);
  // Closing the app forgets the user.
  publisher_.connected = {};
  EXPECT_EQ(*alerts.Tick(t0 + absl::Minutes(40)), 0);
}

// The scheduler waits on the server's clock: moving a simulated clock to the reminders'
// instant fires them at once, every batch of them, and nothing fires before.
TEST_F(JobsTest, MovingASimulatedClockRunsTheJobsThatBecameDueAtOnce) {
  AuthContext sp = AddUser("ana", "America/Sao_Paulo", EmailReminders::kOff);
  PartyId p = AddParty("C001", "Oficina Campinas Ltda.");
  const absl::Time created = Utc(2026, 11, 30, 12, 0);
  for (int i = 0; i < 5; ++i) Create(sp, p, absl::CivilDay(2026, 12, 1), 9 * 60, created);
  SimulatedClock clock(created);
  ScriptedMailer mailer;
  JobOptions o = options_;
  o.reminder_batch = 2;
  o.mail_threads = 1;
  DocumentService documents(*store_, *followups_);
  ImportService imports(*store_, documents);
  BirthdayService birthdays(*store_, *followups_);
  Scheduler scheduler(
      clock, ServerJobs({*store_, *crypto_, *secrets_, mailer, publisher_, imports, birthdays}, o));
  scheduler.Start();
  auto move_to = [&](absl::Time t) {
    while (clock.waiting() != scheduler.thread_count()) std::this_thread::yield();
    clock.Set(t);
    ASSERT_TRUE(clock.WaitUntilSettled(absl::Seconds(10)));
  };
  move_to(Utc(2026, 12, 1, 11, 59));
  EXPECT_THAT(publisher_.events, SizeIs(0));
  move_to(Utc(2026, 12, 1, 12, 0));  // 09:00 in São Paulo
  EXPECT_THAT(publisher_.events, SizeIs(5));
  scheduler.Stop();
}

// The tick is recorded at start and then only every record_tick_every: a durable write
// every second would also empty every reader's page cache every second.
TEST_F(JobsTest, SchedulerRecordsItsTickAtStartThenAtMostEveryRecordInterval) {
  const absl::Time start = Utc(2026, 3, 2, 12, 0);
  SimulatedClock clock(start);
  RecordingPublisher events;
  ScriptedMailer mailer;
  JobOptions o = options_;
  o.tick = absl::Milliseconds(5);
  o.record_tick_every = absl::Seconds(30);
  o.mail_threads = 1;
  DocumentService documents(*store_, *followups_);
  ImportService imports(*store_, documents);
  BirthdayService birthdays(*store_, *followups_);
  Scheduler scheduler(
      clock, ServerJobs({*store_, *crypto_, *secrets_, mailer, events, imports, birthdays}, o));
  auto recorded = [&] { return JobState(kSchedulerLastTickKey); };
  scheduler.Start();
  // Every thread has done its first round and waits on the clock.
  while (clock.waiting() != scheduler.thread_count()) std::this_thread::yield();
  EXPECT_EQ(recorded(), FormatInstantUtc(start));
  clock.Advance(absl::Seconds(20));  // the rounds woken by it do not record
  ASSERT_TRUE(clock.WaitUntilSettled(absl::Seconds(10)));
  EXPECT_EQ(recorded(), FormatInstantUtc(start));
  clock.Advance(absl::Seconds(15));
  ASSERT_TRUE(clock.WaitUntilSettled(absl::Seconds(10)));
  EXPECT_EQ(recorded(), FormatInstantUtc(start + absl::Seconds(35)));
  scheduler.Stop();
}

}  // namespace
}  // namespace retorno
