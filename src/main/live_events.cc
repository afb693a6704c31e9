#include "main/live_events.h"

#include "store/postgres/event_bus.h"

namespace retorno {

namespace {

// A libpq URL, as the database setting names PostgreSQL.
bool IsPostgresDatabase(std::string_view database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

}  // namespace

absl::StatusOr<std::unique_ptr<EventPublisher>> MakeEventPublisher(std::string_view database,
                                                                   EventHub& hub,
                                                                   const std::string& node_id) {
  if (!IsPostgresDatabase(database)) return nullptr;
  absl::StatusOr<std::unique_ptr<postgres::EventBus>> bus =
      postgres::EventBus::Start({.conninfo = std::string(database),
                                 .node_id = node_id,
                                 .on_reconnect = [&hub] { hub.CloseAll(); }},
                                hub);
  if (!bus.ok()) return bus.status();
  return std::unique_ptr<EventPublisher>(std::move(*bus));
}

}  // namespace retorno
