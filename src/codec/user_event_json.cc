#include "codec/user_event_json.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "absl/time/civil_time.h"

namespace retorno {
namespace {

using json = nlohmann::json;

const char* KindName(UserEvent::Kind k) {
  switch (k) {
    case UserEvent::Kind::kSummary:
      return "summary";
    case UserEvent::Kind::kAlert:
      return "alert";
    case UserEvent::Kind::kNotification:
      return "notification";
  }
  return "notification";
}

std::optional<UserEvent::Kind> KindFrom(const std::string& s) {
  if (s == "summary") return UserEvent::Kind::kSummary;
  if (s == "alert") return UserEvent::Kind::kAlert;
  if (s == "notification") return UserEvent::Kind::kNotification;
  return std::nullopt;
}

json Micros(const std::optional<absl::Time>& t) {
  return t ? json(absl::ToUnixMicros(*t)) : json(nullptr);
}

json ToJson(const AddressedEvent& a) {
  const UserEvent& e = a.event;
  json j = {{"o", a.origin},     {"s", a.seq},      {"u", a.user.value}, {"k", KindName(e.kind)},
            {"dt", e.due_today}, {"od", e.overdue}, {"un", e.unread},    {"ae", e.alerts_enabled}};
  if (e.notification) {
    const NotificationView& v = *e.notification;
    const Notification& n = v.notification;
    j["n"] = {{"id", n.id},
              {"user", n.user_id.value},
              {"kind", std::string(ToString(n.kind))},
              {"followup", n.followup_id ? json(n.followup_id->value) : json(nullptr)},
              {"action", n.action_id ? json(n.action_id->value) : json(nullptr)},
              {"detail", n.detail},
              {"late", n.late},
              {"created", absl::ToUnixMicros(n.created_at)},
              {"read", Micros(n.read_at)},
              {"snoozed", Micros(n.snoozed_until)},
              {"subject", v.subject},
              {"party", v.party_name},
              {"due", v.due_date ? json(absl::FormatCivilTime(*v.due_date)) : json(nullptr)},
              {"minutes", v.due_minutes ? json(*v.due_minutes) : json(nullptr)}};
  }
  return j;
}

std::string Dump(const json& j) {
  // Invalid UTF-8 in a stored text becomes U+FFFD rather than an exception.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string Utf8Prefix(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::string EncodeUserEvent(const AddressedEvent& e, size_t max_bytes) {
  json j = ToJson(e);
  std::string text = Dump(j);
  if (max_bytes == 0 || text.size() <= max_bytes || !j.contains("n")) return text;
  // Shorten the free texts, longest-living first, each as far as needed (escaping
  // can make a character cost up to six bytes, hence the loop).
  for (const char* field : {"detail", "subject", "party"}) {
    std::string value = j["n"][field].get<std::string>();
    while (text.size() > max_bytes && !value.empty()) {
      const size_t excess = text.size() - max_bytes;
      value = Utf8Prefix(value, value.size() > excess ? value.size() - excess : 0);
      j["n"][field] = value;
      text = Dump(j);
    }
    if (text.size() <= max_bytes) break;
  }
  return text;
}

absl::StatusOr<AddressedEvent> DecodeUserEvent(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return absl::InvalidArgumentError("event: not JSON");
  try {
    AddressedEvent a;
    a.origin = j.at("o").get<std::string>();
    a.seq = j.at("s").get<int64_t>();
    a.user = UserId(j.at("u").get<int64_t>());
    std::optional<UserEvent::Kind> kind = KindFrom(j.at("k").get<std::string>());
    if (!kind) return absl::InvalidArgumentError("event: unknown kind");
    a.event.kind = *kind;
    a.event.due_today = j.at("dt").get<int64_t>();
    a.event.overdue = j.at("od").get<int64_t>();
    a.event.unread = j.at("un").get<int64_t>();
    a.event.alerts_enabled = j.at("ae").get<bool>();
    if (j.contains("n")) {
      const json& jn = j.at("n");
      NotificationView v;
      Notification& n = v.notification;
      n.id = jn.at("id").get<int64_t>();
      n.user_id = UserId(jn.at("user").get<int64_t>());
      std::optional<NotificationKind> nk = ParseNotificationKind(jn.at("kind").get<std::string>());
      if (!nk) return absl::InvalidArgumentError("event: unknown notification kind");
      n.kind = *nk;
      if (!jn.at("followup").is_null()) n.followup_id = FollowupId(jn["followup"].get<int64_t>());
      if (!jn.at("action").is_null()) n.action_id = ActionId(jn["action"].get<int64_t>());
      n.detail = jn.at("detail").get<std::string>();
      n.late = jn.at("late").get<bool>();
      n.created_at = absl::FromUnixMicros(jn.at("created").get<int64_t>());
      if (!jn.at("read").is_null()) n.read_at = absl::FromUnixMicros(jn["read"].get<int64_t>());
      if (!jn.at("snoozed").is_null())
        n.snoozed_until = absl::FromUnixMicros(jn["snoozed"].get<int64_t>());
      v.subject = jn.at("subject").get<std::string>();
      v.party_name = jn.at("party").get<std::string>();
      if (!jn.at("due").is_null()) {
        absl::CivilDay day;
        if (!absl::ParseCivilTime(jn["due"].get<std::string>(), &day))
          return absl::InvalidArgumentError("event: bad due date");
        v.due_date = day;
      }
      if (!jn.at("minutes").is_null()) v.due_minutes = jn["minutes"].get<int>();
      a.event.notification = std::move(v);
    }
    return a;
  } catch (const json::exception& e) {
    return absl::InvalidArgumentError(std::string("event: ") + e.what());
  }
}

}  // namespace retorno
