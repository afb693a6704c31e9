#include "codec/user_event_json.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

AddressedEvent NotificationEvent() {
  AddressedEvent a;
  a.user = UserId(7);
  a.origin = "node-a:12:ff";
  a.seq = 42;
  a.event.kind = UserEvent::Kind::kNotification;
  NotificationView v;
  v.notification.id = 99;
  v.notification.user_id = UserId(7);
  v.notification.kind = NotificationKind::kMailBlocked;
  v.notification.followup_id = FollowupId(3);
  v.notification.action_id = ActionId(4);
  v.notification.detail = "falta: #{nome}";
  v.notification.late = true;
  v.notification.created_at = absl::FromUnixMicros(1'764'000'000'123'456);
  v.notification.snoozed_until = absl::FromUnixMicros(1'764'000'600'000'001);
  v.subject = "Orçamento 12 — revisão";
  v.party_name = "Açúcar União";
  v.due_date = absl::CivilDay(2026, 12, 4);
  v.due_minutes = 9 * 60 + 30;
  a.event.notification = v;
  return a;
}

TEST(UserEventJson, NotificationRoundTripsEveryField) {
  const AddressedEvent a = NotificationEvent();
  absl::StatusOr<AddressedEvent> b = DecodeUserEvent(EncodeUserEvent(a));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->user, a.user);
  EXPECT_EQ(b->origin, a.origin);
  EXPECT_EQ(b->seq, 42);
  ASSERT_TRUE(b->event.notification);
  const NotificationView& v = *b->event.notification;
  const NotificationView& w = *a.event.notification;
  EXPECT_EQ(v.notification.id, 99);
  EXPECT_EQ(v.notification.user_id, UserId(7));
  EXPECT_EQ(v.notification.kind, NotificationKind::kMailBlocked);
  EXPECT_EQ(v.notification.followup_id, w.notification.followup_id);
  EXPECT_EQ(v.notification.action_id, w.notification.action_id);
  EXPECT_EQ(v.notification.detail, w.notification.detail);
  EXPECT_TRUE(v.notification.late);
  EXPECT_EQ(v.notification.created_at, w.notification.created_at);  // to the microsecond
  EXPECT_FALSE(v.notification.read_at);
  EXPECT_EQ(v.notification.snoozed_until, w.notification.snoozed_until);
  EXPECT_EQ(v.subject, w.subject);
  EXPECT_EQ(v.party_name, w.party_name);
  EXPECT_EQ(v.due_date, w.due_date);
  EXPECT_EQ(v.due_minutes, w.due_minutes);
}

TEST(UserEventJson, SummaryAndAlertRoundTrip) {
  AddressedEvent a;
  a.user = UserId(1);
  a.event.kind = UserEvent::Kind::kSummary;
  a.event.due_today = 3;
  a.event.overdue = 2;
  a.event.unread = 11;
  a.event.alerts_enabled = true;
  absl::StatusOr<AddressedEvent> b = DecodeUserEvent(EncodeUserEvent(a));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->event.kind, UserEvent::Kind::kSummary);
  EXPECT_EQ(b->event.due_today, 3);
  EXPECT_EQ(b->event.overdue, 2);
  EXPECT_EQ(b->event.unread, 11);
  EXPECT_TRUE(b->event.alerts_enabled);
  EXPECT_FALSE(b->event.notification);
  a.event.kind = UserEvent::Kind::kAlert;
  b = DecodeUserEvent(EncodeUserEvent(a));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->event.kind, UserEvent::Kind::kAlert);
}

// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more: long texts are cut to fit,
// never in the middle of a character.
TEST(UserEventJson, LongTextsAreCutToTheLimitOnCharacterBoundaries) {
  AddressedEvent a = NotificationEvent();
  std::string long_text;
  for (int i = 0; i < 5000; ++i) long_text += "ç\"";  // 2 + 1 bytes, 3 escaped
  a.event.notification->notification.detail = long_text;
  a.event.notification->subject = long_text;
  a.event.notification->party_name = "Parceiro";
  const std::string text = EncodeUserEvent(a, 7900);
  EXPECT_LE(text.size(), 7900u);
  absl::StatusOr<AddressedEvent> b = DecodeUserEvent(text);
  ASSERT_TRUE(b.ok()) << b.status();
  const NotificationView& v = *b->event.notification;
  EXPECT_LT(v.notification.detail.size(), long_text.size());
  EXPECT_EQ(long_text.compare(0, v.notification.detail.size(), v.notification.detail), 0);
  EXPECT_EQ(long_text.compare(0, v.subject.size(), v.subject), 0);
  EXPECT_EQ(v.party_name, "Parceiro");
  // Without a limit nothing is cut.
  b = DecodeUserEvent(EncodeUserEvent(a));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->event.notification->notification.detail, long_text);
}

TEST(UserEventJson, Utf8PrefixNeverCutsACharacter) {
  EXPECT_EQ(Utf8Prefix("ação", 2), "a");  // "ç" is two bytes: not split
  EXPECT_EQ(Utf8Prefix("ação", 3), "aç");
  EXPECT_EQ(Utf8Prefix("ação", 100), "ação");
  EXPECT_EQ(Utf8Prefix("€", 2), "");
}

TEST(UserEventJson, RefusesWhatItDidNotWrite) {
  EXPECT_FALSE(DecodeUserEvent("").ok());
  EXPECT_FALSE(DecodeUserEvent("[1,2]").ok());
  EXPECT_FALSE(DecodeUserEvent(R"({"o":"a","s":1,"u":1})").ok());
  EXPECT_FALSE(
      DecodeUserEvent(R"({"o":"a","s":1,"u":1,"k":"other","dt":0,"od":0,"un":0,"ae":false})").ok());
}

}  // namespace
}  // namespace retorno
