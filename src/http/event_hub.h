// The open Server-Sent Event streams of users (GET /api/v1/events), and the
// EventPublisher the jobs push to. A user may have several tabs open: each gets every
// event. A closed stream leaves the hub by itself.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/mail/messaging.h"
#include "http/server/request.h"

namespace retorno {

// JSON of a notification as the API and the stream send it; instants in `zone`.
nlohmann::json NotificationJson(const NotificationView& v, const absl::TimeZone& zone);

// One SSE frame: "event: <name>\ndata: <json>\n\n".
std::string SseFrame(const UserEvent& e, const absl::TimeZone& zone);

class EventHub final : public EventPublisher {
 public:
  // Adds an open stream of `user`; events for the user are written to it until it ends.
  void Add(UserId user, const std::shared_ptr<ResponseStream>& stream);
  void Publish(UserId user, const UserEvent& event) override;
  std::vector<UserId> ConnectedUsers() override;
  // Whether `user` has an open stream now (an integration never has one).
  bool Connected(UserId user);
  // Ends every open stream; the browsers reconnect by themselves and start with a fresh
  // summary. For when events may have been missed (the node's link to the other nodes
  // was down, ADR 0030).
  void CloseAll();

 private:
  std::mutex mu_;
  std::multimap<int64_t, std::weak_ptr<ResponseStream>> streams_;
};

}  // namespace retorno
