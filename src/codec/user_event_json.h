// A user's live event (UserEvent, app/mail/messaging.h) as one line of JSON, and back:
// how an event travels between nodes (the PostgreSQL event bus, ADR 0030). Lossless:
// instants travel as UTC microseconds and every field of the notification is kept, so
// the node that receives an event writes exactly the SSE frame the publisher would have.
// This is not the JSON the browser sees (http/event_hub.h writes that).
//
// Thread-safe (pure functions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "app/mail/messaging.h"

namespace retorno {

// An event addressed to one user, with where it comes from: `origin` names the
// publishing node and `seq` counts its events, so two identical events stay two
// (PostgreSQL folds identical notifications sent in one transaction).
struct AddressedEvent {
  UserId user;
  UserEvent event;
  std::string origin;
  int64_t seq = 0;
};

// The JSON text of `e`, at most `max_bytes` long when that is possible: the free texts
// of a notification (detail, then subject, then party name) are shortened, on UTF-8
// character boundaries, until it fits. Past that (an origin longer than the limit, a
// limit below a bare event's size) the text is longer than `max_bytes`: the caller
// checks. max_bytes = 0: no limit.
std::string EncodeUserEvent(const AddressedEvent& e, size_t max_bytes = 0);

// Reads what EncodeUserEvent wrote. InvalidArgument for anything else.
absl::StatusOr<AddressedEvent> DecodeUserEvent(const std::string& text);

// The longest prefix of `s` of at most `max_bytes` bytes that does not cut a UTF-8
// character.
std::string Utf8Prefix(const std::string& s, size_t max_bytes);

}  // namespace retorno
