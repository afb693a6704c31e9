// The store contract: reminders, notifications, outbox, templates, SMTP settings, job state.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using namespace contract;  // NOLINT: the suite's small helpers

// ---------------------------------------------------------------------------------
// Reminders, notifications, outbox, templates, SMTP settings, job state.

TEST_P(StoreContractTest, RemindersAreReplacedClaimedWithALeaseAndFiredOnce) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  ActionId a = AddAction(f, w.ana, kToday);
  const absl::Time t = Now() + absl::Hours(1);
  auto reminder = [&](absl::Time at, ReminderKind kind) {
    Reminder r;
    r.followup_id = f;
    r.user_id = w.ana;
    r.kind = kind;
    r.fire_at = at;
    r.created_at = Now();
    return r;
  };
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    return tx.messaging().ReplacePendingReminders(
        a, {reminder(t, ReminderKind::kUser), reminder(t, ReminderKind::kCustomer)});
  }));
  // Replacing cancels the old pending rows: no duplicates, no stale instants.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    return tx.messaging().ReplacePendingReminders(
        a, {reminder(t + absl::Minutes(30), ReminderKind::kUser)});
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto list = tx.messaging().ListReminders(a);
    if (!list.ok()) return list.status();
    int pending = 0;
    for (const Reminder& r : *list) {
      if (r.state == ReminderState::kPending) {
        ++pending;
        EXPECT_EQ(r.fire_at, t + absl::Minutes(30));
        EXPECT_EQ(r.action_id, a);
      }
    }
    EXPECT_EQ(pending, 1);
    EXPECT_THAT(*list, SizeIs(3));
    auto due = tx.messaging().CountPendingReminders(t + absl::Hours(1));
    if (!due.ok()) return due.status();
    EXPECT_EQ(*due, 1);
    return absl::OkStatus();
  }));
  const absl::Time due = t + absl::Minutes(30);
  std::vector<Reminder> claimed;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto early =
        tx.messaging().ClaimReminders(due - absl::Seconds(1), 10, "w1", due + absl::Minutes(1));
    if (!early.ok()) return early.status();
    EXPECT_THAT(*early, SizeIs(0));
    auto c = tx.messaging().ClaimReminders(due, 10, "w1", due + absl::Minutes(1));
    if (!c.ok()) return c.status();
    claimed = *c;
    return absl::OkStatus();
  }));
  ASSERT_THAT(claimed, SizeIs(1));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    // Leased: another worker gets nothing, and cannot fire it.
    auto other =
        tx.messaging().ClaimReminders(due + absl::Seconds(30), 10, "w2", due + absl::Minutes(2));
    if (!other.ok()) return other.status();
    EXPECT_THAT(*other, SizeIs(0));
    EXPECT_TRUE(absl::IsFailedPrecondition(
        tx.messaging().MarkReminderFired(claimed[0].id, "w2", due, false)));
    return tx.messaging().MarkReminderFired(claimed[0].id, "w1", due + absl::Seconds(5), false);
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto again =
        tx.messaging().ClaimReminders(due + absl::Hours(5), 10, "w2", due + absl::Hours(6));
    if (!again.ok()) return again.status();
    EXPECT_THAT(*again, SizeIs(0));  // fired rows are never claimed again
    EXPECT_TRUE(absl::IsFailedPrecondition(
        tx.messaging().MarkReminderFired(claimed[0].id, "w1", due + absl::Seconds(6), false)));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AnExpiredReminderLeaseIsClaimedByTheNextWorker) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  ActionId a = AddAction(f, w.ana, kToday);
  Reminder r;
  r.followup_id = f;
  r.user_id = w.ana;
  r.fire_at = Now();
  r.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.messaging().ReplacePendingReminders(a, {r}); }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto c = tx.messaging().ClaimReminders(Now(), 10, "dead", Now() + absl::Seconds(60));
    if (!c.ok()) return c.status();
    EXPECT_THAT(*c, SizeIs(1));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto c = tx.messaging().ClaimReminders(Now() + absl::Seconds(60), 10, "next",
                                           Now() + absl::Seconds(120));
    if (!c.ok()) return c.status();
    EXPECT_THAT(*c, SizeIs(1));
    if (c->empty()) return absl::OkStatus();
    return tx.messaging().MarkReminderFired((*c)[0].id, "next", Now() + absl::Seconds(60), true);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto list = tx.messaging().ListReminders(a);
    if (!list.ok()) return list.status();
    EXPECT_EQ((*list)[0].state, ReminderState::kFired);
    EXPECT_TRUE((*list)[0].late);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, RecipientsQueuedByAUserAreCountedInAWindow) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  int seq = 0;
  auto queue = [&](OutboxKind kind, UserId user, absl::Time at, std::vector<std::string> to,
                   std::vector<std::string> cc) {
    OutboxMessage m;
    m.kind = kind;
    m.followup_id = f;
    m.user_id = user;
    m.to = std::move(to);
    m.cc = std::move(cc);
    m.subject = "s";
    m.text = "t";
    m.message_id = absl::StrCat("<limit-", ++seq, "@empresa.test>");
    m.created_at = at;
    RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.messaging().InsertOutbox(m).status(); }));
  };
  const absl::Time now = Now();
  queue(OutboxKind::kManual, w.ana, now - absl::Minutes(90), {"a@x.test"}, {});  // too old
  queue(OutboxKind::kManual, w.ana, now - absl::Minutes(30), {"a@x.test", "b@x.test"},
        {"c@x.test"});
  queue(OutboxKind::kTest, w.ana, now - absl::Minutes(1), {"a@x.test"}, {});
  queue(OutboxKind::kReminder, w.ana, now, {"a@x.test"}, {});  // sent by the system
  queue(OutboxKind::kManual, w.bia, now, {"a@x.test"}, {});    // someone else
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    // Three recipients 30 minutes ago and one test mail a minute ago.
    ASSIGN_OR_RETURN(int64_t n,
                     tx.messaging().CountRecipientsQueuedBy(w.ana, now - absl::Hours(1)));
    EXPECT_EQ(n, 4);
    ASSIGN_OR_RETURN(int64_t none,
                     tx.messaging().CountRecipientsQueuedBy(w.caio, now - absl::Hours(1)));
    EXPECT_EQ(none, 0);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, OutboxKeepsItsLogThroughRetriesAndStats) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  OutboxMessage m;
  m.kind = OutboxKind::kManual;
  m.followup_id = f;
  m.user_id = w.ana;
  m.to = {"compras@acme.test"};
  m.cc = {"gerente@acme.test"};
  m.subject = "Orçamento nº 12 — revisão";
  m.text = "Olá";
  m.html = "<p>Olá</p>";
  m.attachment_ids = {AttachmentId(7)};
  m.message_id = "<abc@empresa.test>";
  m.created_at = Now();
  int64_t id = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto r = tx.messaging().InsertOutbox(m);
    if (!r.ok()) return r.status();
    id = *r;
    OutboxMessage dup = m;  // one Message-ID, one message
    EXPECT_FALSE(tx.messaging().InsertOutbox(dup).ok());
    return absl::OkStatus();
  }));
  std::vector<OutboxMessage> claimed;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto c = tx.messaging().ClaimOutbox(Now(), 5, "w1", Now() + absl::Minutes(2));
    if (!c.ok()) return c.status();
    claimed = *c;
    auto other = tx.messaging().ClaimOutbox(Now(), 5, "w2", Now() + absl::Minutes(2));
    if (!other.ok()) return other.status();
    EXPECT_THAT(*other, SizeIs(0));
    return absl::OkStatus();
  }));
  ASSERT_THAT(claimed, SizeIs(1));
  OutboxMessage c = claimed[0];
  EXPECT_EQ(c.subject, m.subject);
  EXPECT_EQ(c.cc, m.cc);
  EXPECT_EQ(c.attachment_ids, m.attachment_ids);
  c.attempts = 1;
  c.next_attempt_at = Now() + absl::Seconds(30);
  c.last_error = "421 try later";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    return tx.messaging().FinishOutboxAttempt(c, "w1",
                                              OutboxEvent{Now(), "retry", "421 try later"});
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    // Not before its next attempt; then claimable again by anyone.
    auto early =
        tx.messaging().ClaimOutbox(Now() + absl::Seconds(29), 5, "w2", Now() + absl::Minutes(3));
    if (!early.ok()) return early.status();
    EXPECT_THAT(*early, SizeIs(0));
    auto later =
        tx.messaging().ClaimOutbox(Now() + absl::Seconds(30), 5, "w2", Now() + absl::Minutes(3));
    if (!later.ok()) return later.status();
    EXPECT_THAT(*later, SizeIs(1));
    OutboxMessage s = c;
    s.state = OutboxState::kSent;
    s.attempts = 2;
    s.sent_at = Now() + absl::Seconds(31);
    s.next_attempt_at.reset();
    s.last_error.clear();
    EXPECT_TRUE(absl::IsFailedPrecondition(tx.messaging().FinishOutboxAttempt(
        s, "w1", OutboxEvent{Now(), "sent", ""})));  // lease moved on
    return tx.messaging().FinishOutboxAttempt(s, "w2",
                                              OutboxEvent{Now() + absl::Seconds(31), "sent", ""});
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto found = tx.messaging().FindOutbox(id);
    if (!found.ok()) return found.status();
    EXPECT_TRUE(found->has_value());
    if (!*found) return absl::OkStatus();
    EXPECT_EQ((*found)->state, OutboxState::kSent);
    EXPECT_EQ((*found)->attempts, 2);
    std::vector<std::string> events;
    for (const OutboxEvent& e : (*found)->log) events.push_back(e.event);
    EXPECT_THAT(events, ElementsAre("queued", "retry", "sent"));
    auto listed = tx.messaging().ListOutbox(OutboxFilter{.followup_id = f});
    if (!listed.ok()) return listed.status();
    EXPECT_THAT(*listed, SizeIs(1));
    auto none = tx.messaging().ListOutbox(OutboxFilter{.state = OutboxState::kFailed});
    if (!none.ok()) return none.status();
    EXPECT_THAT(*none, SizeIs(0));
    auto st = tx.messaging().GetOutboxStats();
    if (!st.ok()) return st.status();
    EXPECT_EQ(st->queued, 0);
    EXPECT_TRUE(st->last_failure.has_value());
    if (st->last_failure) {
      EXPECT_EQ(st->last_failure->detail, "421 try later");
    }
    EXPECT_EQ(st->last_failure_outbox_id, id);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ReadingAReturnsNotificationsLeavesOthersUnread) {
  UserId u = AddUser("u");
  UserId v = AddUser("v");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  ActionId done = AddAction(f, u, kToday);
  ActionId other = AddAction(f, u, kToday + 1);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    for (auto [user, action, kind] : {std::tuple{u, done, NotificationKind::kReminder},
                                      std::tuple{v, done, NotificationKind::kReminder},
                                      std::tuple{u, other, NotificationKind::kReminder},
                                      std::tuple{u, done, NotificationKind::kMailBlocked}}) {
      Notification n;
      n.user_id = user;
      n.kind = kind;
      n.followup_id = f;
      n.action_id = action;
      n.created_at = Now();
      if (auto r = tx.messaging().InsertNotification(n); !r.ok()) return r.status();
    }
    return tx.messaging().MarkActionNotificationsRead(done, Now() + absl::Minutes(1));
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto us = tx.messaging().ListNotifications(u, true, 10);
    auto vs = tx.messaging().ListNotifications(v, true, 10);
    if (!us.ok() || !vs.ok()) return absl::InternalError("list");
    // u keeps the other return's reminder and the held e-mail (a problem to act on).
    EXPECT_THAT(*us, SizeIs(2));
    for (const Notification& n : *us)
      EXPECT_TRUE(n.action_id == other || n.kind == NotificationKind::kMailBlocked);
    EXPECT_THAT(*vs, IsEmpty());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, NotificationsTemplatesSmtpAndJobState) {
  World w = MakeWorld();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    for (int i = 0; i < 3; ++i) {
      Notification n;
      n.user_id = i < 2 ? w.ana : w.bia;
      n.kind = NotificationKind::kReminder;
      n.created_at = Now() + absl::Minutes(i);
      if (auto r = tx.messaging().InsertNotification(n); !r.ok()) return r.status();
    }
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto list = tx.messaging().ListNotifications(w.ana, true, 10);
    if (!list.ok()) return list.status();
    EXPECT_THAT(*list, SizeIs(2));
    if (list->size() != 2) return absl::OkStatus();
    EXPECT_GT((*list)[0].id, (*list)[1].id);  // newest first
    Notification n = (*list)[0];
    n.read_at = Now();
    n.snoozed_until = Now() + absl::Hours(1);
    RETURN_IF_ERROR(tx.messaging().UpdateNotification(n));
    auto unread = tx.messaging().CountUnreadNotifications(w.ana);
    if (!unread.ok()) return unread.status();
    EXPECT_EQ(*unread, 1);
    RETURN_IF_ERROR(tx.messaging().MarkAllNotificationsRead(w.ana, Now()));
    auto after = tx.messaging().CountUnreadNotifications(w.ana);
    auto bia = tx.messaging().CountUnreadNotifications(w.bia);
    if (!after.ok() || !bia.ok()) return absl::InternalError("count");
    EXPECT_EQ(*after, 0);
    EXPECT_EQ(*bia, 1);  // another user's stay unread
    auto found = tx.messaging().FindNotification(n.id);
    if (!found.ok()) return found.status();
    EXPECT_EQ((*found)->snoozed_until, Now() + absl::Hours(1));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto templates = tx.messaging().ListTemplates();
    if (!templates.ok()) return templates.status();
    EXPECT_THAT(*templates, SizeIs(9));  // 3 kinds x pt-BR, es, en
    auto es = tx.messaging().FindTemplateFor(TemplateKind::kCustomer, "es");
    if (!es.ok()) return es.status();
    EXPECT_TRUE(es->has_value());
    MessageTemplate t = **es;
    t.subject = "Seguimiento: #{assunto} — señor #{contato}";
    RETURN_IF_ERROR(tx.messaging().UpdateTemplate(t));
    auto back = tx.messaging().FindTemplate(t.id);
    if (!back.ok()) return back.status();
    EXPECT_EQ((*back)->subject, t.subject);

    auto smtp = tx.messaging().GetSmtp();
    if (!smtp.ok()) return smtp.status();
    EXPECT_TRUE(smtp->settings.host.empty());  // e-mail off until configured
    smtp->settings.host = "smtp.empresa.com.br";
    smtp->settings.port = 465;
    smtp->settings.security = SmtpSecurity::kTls;
    smtp->settings.sender_name = "Assistência Técnica — Campinas";
    smtp->password_sealed = "sb1:xyz";
    RETURN_IF_ERROR(tx.messaging().PutSmtp(*smtp));
    auto again = tx.messaging().GetSmtp();
    if (!again.ok()) return again.status();
    EXPECT_EQ(again->settings.port, 465);
    EXPECT_EQ(again->settings.security, SmtpSecurity::kTls);
    EXPECT_EQ(again->settings.sender_name, "Assistência Técnica — Campinas");
    EXPECT_EQ(again->password_sealed, "sb1:xyz");

    auto none = tx.jobs().GetJobState("digest:1");
    if (!none.ok()) return none.status();
    EXPECT_FALSE(none->has_value());
    RETURN_IF_ERROR(tx.jobs().PutJobState("digest:1", "2026-11-22"));
    RETURN_IF_ERROR(tx.jobs().PutJobState("digest:1", "2026-11-23"));
    auto v = tx.jobs().GetJobState("digest:1");
    if (!v.ok()) return v.status();
    EXPECT_EQ(v->value_or(""), "2026-11-23");
    return absl::OkStatus();
  }));
}

}  // namespace retorno
