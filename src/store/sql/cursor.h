// The keyset cursor of the follow-up list: opaque to clients (web-safe base64), and
// tagged with the ordering it belongs to: "d<due_key>|<id>" for kDue, "n<id>" for
// kNewest. Private to store/sql/.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "app/ports.h"

namespace retorno::sql {

// The position after which a page continues.
struct KeysetCursor {
  std::string due_key;  // kDue only: a 'YYYY-MM-DD' date, or '~' for no date
  int64_t id = 0;
};

std::string EncodeCursor(FollowupQuery::Order order, const std::string& due_key, int64_t id);
// InvalidArgument("cursor") for a text this codec did not produce for `order`.
absl::StatusOr<KeysetCursor> DecodeCursor(FollowupQuery::Order order, const std::string& text);

}  // namespace retorno::sql
