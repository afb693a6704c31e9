#include "http/event_hub.h"

#include <set>

#include "base/time_util.h"

namespace retorno {

using json = nlohmann::json;

json NotificationJson(const NotificationView& v, const absl::TimeZone& zone) {
  const Notification& n = v.notification;
  auto instant = [&](const std::optional<absl::Time>& t) {
    return t ? json(FormatInstant(*t, zone)) : json(nullptr);
  };
  return {{"id", n.id},
          {"kind", ToString(n.kind)},
          {"followup_id", n.followup_id ? json(n.followup_id->value) : json(nullptr)},
          {"action_id", n.action_id ? json(n.action_id->value) : json(nullptr)},
          {"subject", v.subject},
          {"party_name", v.party_name},
          {"due_date", v.due_date ? json(FormatDate(*v.due_date)) : json(nullptr)},
          {"due_time", v.due_minutes ? json(FormatTimeOfDay(*v.due_minutes)) : json(nullptr)},
          {"late", n.late},
          {"detail", n.detail},
          {"created_at", FormatInstant(n.created_at, zone)},
          {"read_at", instant(n.read_at)},
          {"snoozed_until", instant(n.snoozed_until)}};
}

std::string SseFrame(const UserEvent& e, const absl::TimeZone& zone) {
  const char* name = "notification";
  json data;
  switch (e.kind) {
    case UserEvent::Kind::kSummary:
      name = "summary";
      data = {{"due_today", e.due_today},
              {"overdue", e.overdue},
              {"unread", e.unread},
              {"alerts_enabled", e.alerts_enabled}};
      break;
    case UserEvent::Kind::kAlert:
      name = "alert";
      data = {{"due_today", e.due_today}, {"overdue", e.overdue}};
      break;
    case UserEvent::Kind::kNotification:
      data = e.notification ? NotificationJson(*e.notification, zone) : json::object();
      break;
  }
  // dump() escapes control characters, so the data is one line as SSE requires.
  return std::string("event: ") + name +
         "\ndata: " + data.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
}

void EventHub::Add(UserId user, const std::shared_ptr<ResponseStream>& stream) {
  std::lock_guard lock(mu_);
  streams_.emplace(user.value, stream);
}

void EventHub::Publish(UserId user, const UserEvent& event) {
  std::vector<std::shared_ptr<ResponseStream>> targets;
  {
    std::lock_guard lock(mu_);
    auto [begin, end] = streams_.equal_range(user.value);
    for (auto it = begin; it != end;) {
      std::shared_ptr<ResponseStream> s = it->second.lock();
      if (!s || s->closed()) {
        it = streams_.erase(it);
        continue;
      }
      targets.push_back(std::move(s));
      ++it;
    }
  }
  if (targets.empty()) return;
  const std::string frame = SseFrame(event, absl::UTCTimeZone());
  for (const auto& s : targets) s->Write(frame);
}

bool EventHub::Connected(UserId user) {
  std::lock_guard lock(mu_);
  auto [begin, end] = streams_.equal_range(user.value);
  for (auto it = begin; it != end; ++it) {
    std::shared_ptr<ResponseStream> s = it->second.lock();
    if (s && !s->closed()) return true;
  }
  return false;
}

void EventHub::CloseAll() {
  std::multimap<int64_t, std::weak_ptr<ResponseStream>> streams;
  {
    std::lock_guard lock(mu_);
    streams.swap(streams_);
  }
  for (auto& [user, weak] : streams)
    if (std::shared_ptr<ResponseStream> s = weak.lock()) s->Close();
}

std::vector<UserId> EventHub::ConnectedUsers() {
  std::set<int64_t> ids;
  std::lock_guard lock(mu_);
  for (auto it = streams_.begin(); it != streams_.end();) {
    std::shared_ptr<ResponseStream> s = it->second.lock();
    if (!s || s->closed()) {
      it = streams_.erase(it);
      continue;
    }
    ids.insert(it->first);
    ++it;
  }
  std::vector<UserId> out;
  for (int64_t id : ids) out.push_back(UserId(id));
  return out;
}

}  // namespace retorno
