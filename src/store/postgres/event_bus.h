// Live events between nodes on PostgreSQL (ADR 0030): the EventPublisher of a node whose
// store is PostgreSQL. An event published on any node reaches every open stream of its
// user on every node, once.
//
//   ASSIGN_OR_RETURN(auto bus, EventBus::Start({.conninfo = url, .node_id = id}, hub));
//   bus->Publish(user, event);   // every node's hub, this one's included, gets it once
//
// How: Publish encodes the event (codec/user_event_json.h) and queues it; a sender
// thread sends the queue with `pg_notify('retorno_events', payload)` on its own pooled
// connection. A listener thread keeps one dedicated connection with `LISTEN
// retorno_events` and hands each notification to `local` (the node's SSE hub), so the
// publishing node delivers through the same path as the others. Two connections per
// node, outside the store's pool.
//
// What is lost, plainly: PostgreSQL delivers a notification only to sessions listening
// when it commits, so while this node's listening connection is down its streams miss
// events. The listener reconnects with a back-off and then calls `on_reconnect` (main/
// closes the node's streams: the browsers reconnect and read a fresh summary). While
// the database cannot be reached for sending, events wait in a bounded queue.
//
// Thread-safe. The destructor stops both threads (sending what is queued, once).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/mail/messaging.h"
#include "store/postgres/pool.h"

namespace retorno::postgres {

struct EventBusOptions {
  // libpq connection string or URL of the database (multi-host URLs follow a failover).
  std::string conninfo;
  // Names this node in each payload (with a sequence number); default "" (any text that
  // differs between nodes: main/ passes the worker id).
  std::string node_id;
  // The NOTIFY channel; default "retorno_events". Nodes on one database must agree.
  std::string channel = "retorno_events";
  // Reconnection back-off of the listener: doubles from the first to the longest wait;
  // defaults 100 ms and 5 s.
  absl::Duration first_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  // Events kept while they cannot be sent; past it the oldest are dropped (and
  // counted). Default 10,000.
  size_t max_queue = 10'000;
  // Called on the listener thread after it listens again following a lost connection
  // (not after the first connection): events may have been missed meanwhile.
  std::function<void()> on_reconnect;
};

class EventBus final : public EventPublisher {
 public:
  // Connects and listens before returning (Unavailable when the database cannot be
  // reached), then starts the listener and sender threads. `local` must outlive the bus.
  static absl::StatusOr<std::unique_ptr<EventBus>> Start(const EventBusOptions& options,
                                                         EventPublisher& local);
  ~EventBus() override;
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // Queues the event for every node; never blocks on the database.
  void Publish(UserId user, const UserEvent& event) override;
  // The users with an open stream on this node (the local hub's answer): the repeat
  // alert of a node is for the streams it holds.
  std::vector<UserId> ConnectedUsers() override;

  // For tests and logs: whether the listener is listening now, waiting up to `timeout`
  // for it; the server process id of the listening connection (0 while down); how many
  // times it reconnected; how many events were dropped from a full queue; how many
  // events were sent.
  bool WaitListening(absl::Duration timeout);
  int listener_pid() const { return listener_pid_.load(); }
  int64_t reconnects() const { return reconnects_.load(); }
  int64_t dropped() const { return dropped_.load(); }
  int64_t sent() const { return sent_.load(); }

 private:
  EventBus(const EventBusOptions& options, EventPublisher& local, std::unique_ptr<Pool> pool);
  void Listen(std::stop_token stop);
  void Send(std::stop_token stop);
  // Sends `payloads` in one statement; false when they must be tried again later.
  bool SendBatch(const std::vector<std::string>& payloads);

  const EventBusOptions options_;
  EventPublisher& local_;
  std::unique_ptr<Pool> pool_;                  // the sender's connection
  std::unique_ptr<Connection> first_listener_;  // opened by Start, taken by Listen

  std::mutex mu_;
  std::condition_variable_any changed_;
  std::deque<std::string> queue_;  // guarded by mu_
  bool listening_ = false;         // guarded by mu_

  std::atomic<int64_t> seq_{0};
  std::atomic<int> listener_pid_{0};
  std::atomic<int64_t> reconnects_{0};
  std::atomic<int64_t> dropped_{0};
  std::atomic<int64_t> sent_{0};

  // Last members: the threads start after everything above exists and are joined
  // before it is destroyed.
  std::jthread sender_;
  std::jthread listener_;
};

}  // namespace retorno::postgres
