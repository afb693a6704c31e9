// The EventPublisher of `retorno serve` (ADR 0030): on PostgreSQL, the bus that carries
// live events between the nodes on one database; on SQLite, the node's own hub.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "app/mail/messaging.h"
#include "http/event_hub.h"
#include "main/config.h"

namespace retorno {

// For a PostgreSQL database (as ParseDatabase chose it): an event bus listening on it, which
// delivers every event (this node's included) through `hub`, and closes the hub's streams when it
// had to reconnect (events may have been missed). `node_id` names this node in the payloads (the
// jobs' worker id). For anything else: null, and the hub is the publisher. Unavailable when the
// database cannot be reached.
absl::StatusOr<std::unique_ptr<EventPublisher>> MakeEventPublisher(const DatabaseChoice& database,
                                                                   EventHub& hub,
                                                                   const std::string& node_id);

}  // namespace retorno
