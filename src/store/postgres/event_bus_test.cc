// Live events between two "nodes" (two buses) on one database of the private cluster.
#include "store/postgres/event_bus.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "store/postgres/cluster_env.h"
#include "store/postgres/connection.h"

namespace retorno::postgres {
namespace {

// A node's SSE hub as the bus sees it: records what it is handed.
class RecordingHub : public EventPublisher {
 public:
  void Publish(UserId user, const UserEvent& e) override {
    std::lock_guard lock(mu_);
    events_.push_back({user, e});
  }
  std::vector<UserId> ConnectedUsers() override { return {UserId(5)}; }
  std::vector<std::pair<UserId, UserEvent>> events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  // Waits (up to 10 s) until at least `n` events arrived; then how many did.
  size_t WaitFor(size_t n) {
    for (int i = 0; i < 1000; ++i) {
      if (events().size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return events().size();
  }

 private:
  std::mutex mu_;
  std::vector<std::pair<UserId, UserEvent>> events_;
};

UserEvent Notification(int64_t id, std::string subject) {
  UserEvent e;
  e.kind = UserEvent::Kind::kNotification;
  NotificationView v;
  v.notification.id = id;
  v.notification.user_id = UserId(5);
  v.notification.created_at = absl::FromUnixSeconds(1'764'000'000);
  v.subject = std::move(subject);
  e.notification = v;
  return e;
}

class EventBusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(SharedCluster(), nullptr) << "the test cluster did not start";
    url_ = FreshMigratedDb();
  }
  std::unique_ptr<EventBus> StartBus(const std::string& node, RecordingHub& hub,
                                     std::function<void()> on_reconnect = {}) {
    absl::StatusOr<std::unique_ptr<EventBus>> bus =
        EventBus::Start({.conninfo = url_,
                         .node_id = node,
                         .first_backoff = absl::Milliseconds(20),
                         .on_reconnect = std::move(on_reconnect)},
                        hub);
    EXPECT_TRUE(bus.ok()) << bus.status();
    return bus.ok() ? std::move(*bus) : nullptr;
  }
  // Gives a stray duplicate time to show up.
  static void Settle() { std::this_thread::sleep_for(std::chrono::milliseconds(300)); }

  std::string url_;
};

TEST_F(EventBusTest, AnEventReachesEveryNodeOnceThePublisherIncluded) {
  RecordingHub hub_a, hub_b;
  auto a = StartBus("a", hub_a);
  auto b = StartBus("b", hub_b);
  ASSERT_TRUE(a && b);
  a->Publish(UserId(5), Notification(1, "Orçamento 12"));
  ASSERT_EQ(hub_b.WaitFor(1), 1u);
  ASSERT_EQ(hub_a.WaitFor(1), 1u);
  Settle();
  ASSERT_EQ(hub_a.events().size(), 1u);
  ASSERT_EQ(hub_b.events().size(), 1u);
  const auto [user, event] = hub_b.events()[0];
  EXPECT_EQ(user, UserId(5));
  ASSERT_TRUE(event.notification);
  EXPECT_EQ(event.notification->notification.id, 1);
  EXPECT_EQ(event.notification->subject, "Orçamento 12");
  EXPECT_EQ(event.notification->notification.created_at, absl::FromUnixSeconds(1'764'000'000));
}

// PostgreSQL folds identical payloads sent in one transaction; identical events are
// still two events, and many arrive in the order published.
TEST_F(EventBusTest, IdenticalAndManyEventsAllArriveInOrder) {
  RecordingHub hub_a, hub_b;
  auto a = StartBus("a", hub_a);
  auto b = StartBus("b", hub_b);
  ASSERT_TRUE(a && b);
  constexpr int kEvents = 1200;  // more than one sending batch
  UserEvent summary;
  summary.kind = UserEvent::Kind::kSummary;
  a->Publish(UserId(5), summary);
  a->Publish(UserId(5), summary);
  for (int i = 0; i < kEvents; ++i) b->Publish(UserId(5), Notification(i, "x\"\\y"));
  ASSERT_EQ(hub_a.WaitFor(kEvents + 2), kEvents + 2u);
  ASSERT_EQ(hub_b.WaitFor(kEvents + 2), kEvents + 2u);
  Settle();
  for (RecordingHub* hub : {&hub_a, &hub_b}) {
    auto events = hub->events();
    ASSERT_EQ(events.size(), kEvents + 2u);
    int summaries = 0;
    int64_t next = 0;
    for (const auto& [user, e] : events) {
      if (e.kind == UserEvent::Kind::kSummary) {
        ++summaries;
        continue;
      }
      EXPECT_EQ(e.notification->notification.id, next++);
      EXPECT_EQ(e.notification->subject, "x\"\\y");
    }
    EXPECT_EQ(summaries, 2);
  }
}

TEST_F(EventBusTest, ConnectedUsersAreTheLocalHubs) {
  RecordingHub hub;
  auto bus = StartBus("a", hub);
  ASSERT_TRUE(bus);
  EXPECT_EQ(bus->ConnectedUsers(), std::vector<UserId>{UserId(5)});
}

// The listening connection killed by the server: the bus listens again, says so, and
// events flow again.
TEST_F(EventBusTest, ADroppedListeningConnectionReconnects) {
  RecordingHub hub_a, hub_b;
  std::atomic<int> resyncs{0};
  auto a = StartBus("a", hub_a);
  auto b = StartBus("b", hub_b, [&] { ++resyncs; });
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(b->WaitListening(absl::Seconds(5)));
  const int pid = b->listener_pid();
  ASSERT_GT(pid, 0);
  absl::StatusOr<std::unique_ptr<Connection>> admin = Connection::Open(url_);
  ASSERT_TRUE(admin.ok()) << admin.status();
  absl::StatusOr<Result> killed =
      (*admin)->Exec(absl::StrCat("SELECT pg_terminate_backend(", pid, ")"));
  ASSERT_TRUE(killed.ok()) << killed.status();
  for (int i = 0; i < 500 && b->reconnects() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(b->reconnects(), 1);
  EXPECT_EQ(resyncs.load(), 1);
  EXPECT_NE(b->listener_pid(), pid);
  a->Publish(UserId(5), Notification(2, "again"));
  ASSERT_EQ(hub_b.WaitFor(1), 1u);
  EXPECT_EQ(hub_b.events()[0].second.notification->notification.id, 2);
}

// The sending connection killed: the next events are sent on a new one.
TEST_F(EventBusTest, ADroppedSendingConnectionIsReplaced) {
  RecordingHub hub_a, hub_b;
  auto a = StartBus("a", hub_a);
  auto b = StartBus("b", hub_b);
  ASSERT_TRUE(a && b);
  a->Publish(UserId(5), Notification(1, "first"));
  ASSERT_EQ(hub_b.WaitFor(1), 1u);
  absl::StatusOr<std::unique_ptr<Connection>> admin = Connection::Open(url_);
  ASSERT_TRUE(admin.ok());
  // Every backend of this database but the two listeners and this one: the sender's.
  absl::StatusOr<Result> killed = (*admin)->Exec(absl::StrCat(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
      "AND pid NOT IN (pg_backend_pid(), ",
      a->listener_pid(), ", ", b->listener_pid(), ")"));
  ASSERT_TRUE(killed.ok()) << killed.status();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  a->Publish(UserId(5), Notification(2, "second"));
  ASSERT_EQ(hub_b.WaitFor(2), 2u);
  EXPECT_EQ(hub_b.events()[1].second.notification->notification.id, 2);
}

}  // namespace
}  // namespace retorno::postgres
