#include "store/sql/cursor.h"

#include <string_view>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "store/sql/db.h"

namespace retorno::sql {

std::string EncodeCursor(FollowupQuery::Order order, const std::string& due_key, int64_t id) {
  std::string raw = order == FollowupQuery::Order::kDue ? absl::StrCat("d", due_key, "|", id)
                                                        : absl::StrCat("n", id);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<KeysetCursor> DecodeCursor(FollowupQuery::Order order, const std::string& text) {
  const absl::Status bad = absl::InvalidArgumentError("cursor");
  std::string raw;
  if (!absl::WebSafeBase64Unescape(text, &raw) || raw.empty()) return bad;
  KeysetCursor c;
  std::string_view id_text;
  if (order == FollowupQuery::Order::kDue) {
    if (raw[0] != 'd') return bad;
    size_t bar = raw.rfind('|');
    if (bar == std::string::npos) return bad;
    c.due_key = raw.substr(1, bar - 1);
    if (c.due_key != "~" && !ParseDayText(c.due_key)) return bad;
    id_text = std::string_view(raw).substr(bar + 1);
  } else {
    if (raw[0] != 'n') return bad;
    id_text = std::string_view(raw).substr(1);
  }
  if (!absl::SimpleAtoi(absl::string_view(id_text.data(), id_text.size()), &c.id) || c.id < 0)
    return bad;
  return c;
}

}  // namespace retorno::sql
