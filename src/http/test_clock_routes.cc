#include "http/test_clock_routes.h"

#include <spdlog/spdlog.h>

#include "base/time_util.h"
#include "http/json_in.h"

namespace retorno {

namespace {

constexpr absl::Duration kMaxStep = absl::Hours(24 * 366);

}  // namespace

ExtraRoute TestClockAdvanceRoute(SimulatedClock& clock, int participants,
                                 absl::Duration settle_timeout) {
  ExtraRoute route;
  route.method = "POST";
  route.pattern = "/api/v1/test/clock/advance";
  route.admin_only = true;
  route.handler = [&clock, participants, settle_timeout](
                      const AuthContext& caller,
                      const nlohmann::json& body) -> absl::StatusOr<nlohmann::json> {
    Issues issues;
    JsonIn in(body, issues);
    const std::optional<int64_t> seconds = in.Int("seconds");
    const std::optional<absl::Time> to = in.Instant("to");
    const bool has_seconds = in.Has("seconds"), has_to = in.Has("to");
    const absl::Time now = clock.Now();
    if (has_seconds && has_to) {
      issues.Add("to", "invalid_value");  // one way of saying where the clock goes
    } else if (!has_seconds && !has_to) {
      in.Require("seconds");
    } else if (has_seconds) {
      if (!seconds)
        in.Require("seconds");
      else if (*seconds < 0 || absl::Seconds(*seconds) > kMaxStep)
        issues.Add("seconds", "out_of_range");
    } else {
      if (!to)
        in.Require("to");
      else if (*to < now || *to - now > kMaxStep)
        issues.Add("to", "out_of_range");
    }
    if (absl::Status s = issues.ToStatus(); !s.ok()) return s;
    // Forward only: jobs, leases and sessions never see time run backwards.
    const absl::Time target = to ? *to : now + absl::Seconds(*seconds);
    clock.Set(std::max(target, clock.Now()));
    const bool settled = clock.WaitUntilSettled(settle_timeout, participants);
    const absl::Time moved = clock.Now();
    spdlog::info("test clock moved to {}{}", FormatInstantUtc(moved),
                 settled ? "" : " (the woken jobs had not finished their round)");
    return nlohmann::json{{"now", FormatInstant(moved, ZoneOrUtc(caller.user.time_zone))},
                          {"settled", settled}};
  };
  return route;
}

}  // namespace retorno
