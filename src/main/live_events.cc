#include "main/live_events.h"

#include "store/postgres/event_bus.h"

namespace retorno {

absl::StatusOr<std::unique_ptr<EventPublisher>> MakeEventPublisher(const DatabaseChoice& database,
                                                                   EventHub& hub,
                                                                   const std::string& node_id) {
  if (database.kind != DatabaseChoice::Kind::kPostgres) return nullptr;
  absl::StatusOr<std::unique_ptr<postgres::EventBus>> bus = postgres::EventBus::Start(
      {.conninfo = database.target, .node_id = node_id, .on_reconnect = [&hub] { hub.CloseAll(); }},
      hub);
  if (!bus.ok()) return bus.status();
  return std::unique_ptr<EventPublisher>(std::move(*bus));
}

}  // namespace retorno
