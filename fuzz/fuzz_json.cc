// JSON bodies as every route reads them (http/json_in.h): typed members, nulls, nested
// objects, unknown members, all collected as field issues, never a crash.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "app/errors.h"
#include "http/json_in.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  retorno::Issues issues;
  {
    retorno::JsonIn in(j, issues);
    in.NotNull({"subject", "due_date"});
    (void)in.Str("subject");
    (void)in.Bool("notify_customer");
    (void)in.Int("owner_id");
    (void)in.Date("due_date");
    (void)in.TimeOfDay("due_time");
    (void)in.Instant("remind_at");
    (void)in.StrList("cc");
    (void)in.Arr("contacts");
    if (const nlohmann::json* o = in.Obj("next_action")) {
      retorno::JsonIn inner(*o, issues, "next_action.");
      (void)inner.Str("type");
      (void)inner.Date("due_date");
    }
  }
  (void)issues.ToStatus();
  return 0;
}
