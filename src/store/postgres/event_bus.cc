#include "store/postgres/event_bus.h"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "absl/strings/str_cat.h"
#include "codec/user_event_json.h"

namespace retorno::postgres {
namespace {

// PostgreSQL refuses a payload of 8000 bytes or more; stay clear of it.
constexpr size_t kMaxPayload = 7900;
// Events sent per statement.
constexpr size_t kBatch = 500;
// How long the listener waits on its socket before looking at the stop request.
constexpr int kPollMs = 200;

// `values` as a PostgreSQL text[] literal: every element quoted, with '"' and '\'
// escaped by a backslash.
std::string ArrayLiteral(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

// The channel as an identifier for LISTEN (which takes no parameter).
std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

absl::StatusOr<std::unique_ptr<EventBus>> EventBus::Start(const EventBusOptions& options,
                                                          EventPublisher& local) {
  absl::StatusOr<std::unique_ptr<Pool>> pool =
      Pool::Create({.conninfo = options.conninfo, .size = 1});
  if (!pool.ok()) return pool.status();
  std::unique_ptr<EventBus> bus(new EventBus(options, local, std::move(*pool)));
  // Listening before the first request is served: an event published from then on is
  // not missed because the listener was still connecting.
  absl::StatusOr<std::unique_ptr<Connection>> conn = Connection::Open(options.conninfo);
  if (!conn.ok()) return conn.status();
  absl::StatusOr<Result> listen =
      (*conn)->Exec(absl::StrCat("LISTEN ", QuoteIdentifier(options.channel)));
  if (!listen.ok()) return listen.status();
  bus->first_listener_ = std::move(*conn);
  bus->sender_ = std::jthread([b = bus.get()](std::stop_token stop) { b->Send(stop); });
  bus->listener_ = std::jthread([b = bus.get()](std::stop_token stop) { b->Listen(stop); });
  return bus;
}

EventBus::EventBus(const EventBusOptions& options, EventPublisher& local,
                   std::unique_ptr<Pool> pool)
    : options_(options), local_(local), pool_(std::move(pool)) {}

EventBus::~EventBus() {
  listener_.request_stop();
  sender_.request_stop();
  changed_.notify_all();
  if (listener_.joinable()) listener_.join();
  if (sender_.joinable()) sender_.join();
}

void EventBus::Publish(UserId user, const UserEvent& event) {
  AddressedEvent a{.user = user, .event = event, .origin = options_.node_id, .seq = ++seq_};
  std::string payload = EncodeUserEvent(a, kMaxPayload);
  if (payload.size() > kMaxPayload) {
    spdlog::error("live event for user {} too large to send ({} bytes); dropped", user.value,
                  payload.size());
    return;
  }
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= options_.max_queue) {
      queue_.pop_front();
      if (++dropped_ % 1000 == 1)
        spdlog::warn("live events: queue full while the database is unreachable; {} dropped",
                     dropped_.load());
    }
    queue_.push_back(std::move(payload));
  }
  changed_.notify_all();
}

std::vector<UserId> EventBus::ConnectedUsers() { return local_.ConnectedUsers(); }

bool EventBus::WaitListening(absl::Duration timeout) {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, absl::ToChronoMilliseconds(timeout),
                           [this] { return listening_; });
}

bool EventBus::SendBatch(const std::vector<std::string>& payloads) {
  absl::StatusOr<Lease> lease = pool_->Acquire();
  if (!lease.ok()) return false;
  // One statement for the batch, in the order published.
  absl::StatusOr<Result> r = (*lease)->ExecParams(
      "SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, i) ORDER BY i",
      {options_.channel, ArrayLiteral(payloads)});
  if (r.ok()) {
    sent_ += static_cast<int64_t>(payloads.size());
    return true;
  }
  if (absl::IsUnavailable(r.status())) return false;
  // Not the connection: the batch itself was refused, and trying it again would be
  // refused again.
  spdlog::error("live events: {} dropped: {}", payloads.size(), r.status().ToString());
  dropped_ += static_cast<int64_t>(payloads.size());
  return true;
}

void EventBus::Send(std::stop_token stop) {
  absl::Duration backoff = options_.first_backoff;
  for (;;) {
    std::vector<std::string> batch;
    {
      std::unique_lock lock(mu_);
      changed_.wait(lock, stop, [this] { return !queue_.empty(); });
      if (queue_.empty()) return;  // stopping with nothing left
      const size_t n = std::min(queue_.size(), kBatch);
      batch.assign(std::make_move_iterator(queue_.begin()),
                   std::make_move_iterator(queue_.begin() + static_cast<ptrdiff_t>(n)));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<ptrdiff_t>(n));
    }
    if (SendBatch(batch)) {
      backoff = options_.first_backoff;
      continue;
    }
    if (stop.stop_requested()) return;  // shutting down: what could not be sent is lost
    // Put the batch back in front, keeping the order, and wait before trying again.
    {
      std::unique_lock lock(mu_);
      queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin()),
                    std::make_move_iterator(batch.end()));
      while (queue_.size() > options_.max_queue) {
        queue_.pop_front();
        ++dropped_;
      }
      changed_.wait_for(lock, stop, absl::ToChronoMilliseconds(backoff), [] { return false; });
    }
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

void EventBus::Listen(std::stop_token stop) {
  std::unique_ptr<Connection> conn = std::move(first_listener_);
  absl::Duration backoff = options_.first_backoff;
  bool lost = false;  // a connection was lost since the last one listened
  while (!stop.stop_requested()) {
    if (conn == nullptr) {
      absl::StatusOr<std::unique_ptr<Connection>> c = Connection::Open(options_.conninfo);
      absl::Status listened = c.status();
      if (c.ok())
        listened = (*c)->Exec(absl::StrCat("LISTEN ", QuoteIdentifier(options_.channel))).status();
      if (!listened.ok()) {
        spdlog::warn("live events: cannot listen ({}); again in {}", listened.ToString(),
                     absl::FormatDuration(backoff));
        std::unique_lock lock(mu_);
        changed_.wait_for(lock, stop, absl::ToChronoMilliseconds(backoff), [] { return false; });
        backoff = std::min(backoff * 2, options_.max_backoff);
        continue;
      }
      conn = std::move(*c);
    }
    listener_pid_ = PQbackendPID(conn->raw());
    {
      std::lock_guard lock(mu_);
      listening_ = true;
    }
    changed_.notify_all();
    if (lost) {
      lost = false;
      ++reconnects_;
      spdlog::info("live events: listening again");
      if (options_.on_reconnect) options_.on_reconnect();
    }
    backoff = options_.first_backoff;
    // Read notifications until the connection breaks or the bus stops.
    pg_conn* raw = conn->raw();
    while (!stop.stop_requested()) {
      pollfd p{.fd = PQsocket(raw), .events = POLLIN, .revents = 0};
      if (p.fd < 0) break;
      if (poll(&p, 1, kPollMs) < 0 && errno != EINTR) break;
      if (PQconsumeInput(raw) == 0 || PQstatus(raw) != CONNECTION_OK) break;
      while (PGnotify* n = PQnotifies(raw)) {
        absl::StatusOr<AddressedEvent> e = DecodeUserEvent(n->extra);
        PQfreemem(n);
        if (!e.ok()) {
          spdlog::warn("live events: unreadable notification ({})", e.status().ToString());
          continue;
        }
        local_.Publish(e->user, e->event);
      }
    }
    if (stop.stop_requested()) break;
    spdlog::warn("live events: the listening connection was lost; reconnecting");
    {
      std::lock_guard lock(mu_);
      listening_ = false;
    }
    listener_pid_ = 0;
    conn.reset();
    lost = true;
  }
  std::lock_guard lock(mu_);
  listening_ = false;
}

}  // namespace retorno::postgres
