// Failover of the one-machine cluster of scripts/pg-ha-cluster.sh (ADR 0028): a primary
// with a synchronous hot standby. A client inserts rows one by one through libpq on the
// multi-host URL, counting a row once its commit is acknowledged; the primary is killed
// with kill -9 mid-stream and the standby promoted. Every acknowledged row must be on the
// new primary, and the client must reach it again through the same URL. The seconds
// without a successful commit are printed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "store/postgres/connection.h"
#include "tests/failover/ha_cluster.h"

namespace retorno::postgres {
namespace {

using failover::HaCluster;

// What the writing client saw.
struct Writes {
  std::mutex mu;
  std::vector<int64_t> acknowledged;
  absl::Time last_ack_before_failure;
  absl::Time first_ack_after_failure;
  bool failed = false;
  int64_t acks_after_failure = 0;
  int reconnected_port = 0;
};

// Inserts 1, 2, 3... one commit at a time until `stop`, reconnecting through `url`
// whenever the connection breaks. A retried row already there (its commit went
// through, its acknowledgement was lost) counts as acknowledged.
void WriteUntilStopped(const std::string& url, Writes& w, const std::atomic<bool>& stop) {
  std::unique_ptr<Connection> conn;
  int64_t next = 1;
  while (!stop) {
    if (!conn) {
      absl::StatusOr<std::unique_ptr<Connection>> c = Connection::Open(url);
      if (!c.ok()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      conn = std::move(*c);
      std::lock_guard lock(w.mu);
      if (w.failed && w.reconnected_port == 0) {
        absl::StatusOr<Result> port = conn->Exec("SELECT inet_server_port()");
        if (port.ok()) w.reconnected_port = static_cast<int>(port->Int(0, 0));
      }
    }
    absl::StatusOr<Result> r = conn->ExecParams("INSERT INTO acks (id, at) VALUES ($1, $2)",
                                                Params(next, absl::ToUnixMicros(absl::Now())));
    const absl::Time now = absl::Now();
    std::lock_guard lock(w.mu);
    if (r.ok() || absl::IsAlreadyExists(r.status())) {
      w.acknowledged.push_back(next++);
      if (!w.failed) {
        w.last_ack_before_failure = now;
      } else if (w.acks_after_failure++ == 0) {
        w.first_ack_after_failure = now;
      }
      continue;
    }
    w.failed = true;
    conn.reset();
  }
}

TEST(Failover, EveryAcknowledgedCommitIsOnThePromotedStandby) {
  if (!failover::PostgresInstalled()) GTEST_SKIP() << "postgresql-15 is not installed";
  HaCluster cluster;
  const int p1 = cluster.port1(), p2 = cluster.port2();
  const absl::Time setup = absl::Now();
  const std::string url = cluster.Start();
  ASSERT_FALSE(url.empty()) << "the cluster did not start; logs in " << cluster.dir();
  ASSERT_EQ(url, absl::StrCat("postgresql://retorno@127.0.0.1:", p1, ",127.0.0.1:", p2,
                              "/retorno?target_session_attrs=read-write&connect_timeout=2"));
  std::printf("cluster started in %.1f s: %s\n", absl::ToDoubleSeconds(absl::Now() - setup),
              url.c_str());
  {
    auto c = Connection::Open(url);
    ASSERT_TRUE(c.ok()) << c.status();
    ASSERT_TRUE((*c)->Exec("CREATE TABLE acks (id bigint PRIMARY KEY, at bigint NOT NULL)").ok());
  }

  Writes w;
  std::atomic<bool> stop{false};
  std::thread writer([&] { WriteUntilStopped(url, w, stop); });
  auto acked = [&] {
    std::lock_guard lock(w.mu);
    return w.acknowledged.size();
  };
  const absl::Time deadline = absl::Now() + absl::Seconds(40);
  while (acked() < 300 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  ASSERT_GE(acked(), 300u) << "the client could not write to the primary";

  // An operator's (or a watchdog's) reaction: the primary is gone, promote the standby.
  const absl::Time killing = absl::Now();
  ASSERT_TRUE(cluster.Run("kill-primary"));
  ASSERT_TRUE(cluster.Run("promote"));
  const absl::Time promoted = absl::Now();

  while (absl::Now() < deadline) {
    {
      std::lock_guard lock(w.mu);
      if (w.acks_after_failure >= 200) break;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  stop = true;
  writer.join();

  ASSERT_TRUE(w.failed) << "the client never saw the primary go";
  ASSERT_GE(w.acks_after_failure, 200) << "the client did not write again after the failover";
  EXPECT_EQ(w.reconnected_port, p2) << "the multi-host URL should lead to the promoted standby";

  // Every acknowledged row is on the new primary.
  auto c =
      Connection::Open(absl::StrCat("host=127.0.0.1 port=", p2, " user=retorno dbname=retorno"));
  ASSERT_TRUE(c.ok()) << c.status();
  absl::StatusOr<Result> rows = (*c)->Exec("SELECT id FROM acks");
  ASSERT_TRUE(rows.ok()) << rows.status();
  std::set<int64_t> present;
  for (int i = 0; i < rows->Rows(); ++i) present.insert(rows->Int(i, 0));
  int64_t missing = 0;
  for (int64_t id : w.acknowledged)
    if (present.count(id) == 0) ++missing;
  EXPECT_EQ(missing, 0) << "acknowledged rows lost in the failover";

  // The window without any acknowledged commit: from the old primary's last to the
  // promoted standby's first (the kill lands inside it).
  const double unavailable =
      absl::ToDoubleSeconds(w.first_ack_after_failure - w.last_ack_before_failure);
  std::printf(
      "failover: %zu commits acknowledged, %lld after the failover, none lost; no commit "
      "acknowledged for %.2f s; first commit on the promoted standby %.2f s after the kill "
      "command started (kill and promote commands done after %.2f s)\n",
      w.acknowledged.size(), static_cast<long long>(w.acks_after_failure), unavailable,
      absl::ToDoubleSeconds(w.first_ack_after_failure - killing),
      absl::ToDoubleSeconds(promoted - killing));
  ::testing::Test::RecordProperty("unavailable_seconds", absl::StrCat(unavailable));
}

}  // namespace
}  // namespace retorno::postgres
