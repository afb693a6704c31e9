// POST /api/v1/test/clock/advance: moves the server's simulated clock forward, for
// black-box tests that must see time pass without waiting for it. Registered only when
// the server runs on a simulated clock (`retorno serve --clock=simulated
// --allow-test-clock`, which sets ApiOptions::test_clock); a production server has no
// such route.
//
// Body: {"seconds": N} (0 <= N <= 366 days) or {"to": "<RFC 3339>"} (not before the
// clock's now). Moving the clock wakes the jobs that became due; the answer waits until
// they have done their round (at most 30 s of real time) and says whether they had:
// {"now": "<RFC 3339 in the caller's zone>", "settled": true}. Admins only.
#include <spdlog/spdlog.h>

#include "base/time_util.h"
#include "domain/time_zone.h"
#include "http/routes/routes.h"

namespace retorno {

namespace {

constexpr absl::Duration kMaxStep = absl::Hours(24 * 366);
constexpr absl::Duration kSettleTimeout = absl::Seconds(30);

}  // namespace

void RegisterTestClockRoutes(Routes& routes) {
  SimulatedClock* clock = routes.options().test_clock;
  if (clock == nullptr) return;
  const int participants = routes.options().test_clock_participants;
  routes.Add(
      "POST", "/api/v1/test/clock/advance",
      [clock, participants](Call& c, const AuthContext& caller) -> absl::StatusOr<HttpResponse> {
        if (caller.user.role != Role::kAdmin) return CodedError(ErrorCode::kAdminOnly);
        ASSIGN_OR_RETURN(nlohmann::json body, ParseBody(c.req));
        Issues issues;
        JsonIn in(body, issues);
        const std::optional<int64_t> seconds = in.Int("seconds");
        const std::optional<absl::Time> to = in.Instant("to");
        const bool has_seconds = in.Has("seconds"), has_to = in.Has("to");
        const absl::Time now = clock->Now();
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
        RETURN_IF_ERROR(issues.ToStatus());
        // Forward only: jobs, leases and sessions never see time run backwards.
        const absl::Time target = to ? *to : now + absl::Seconds(*seconds);
        clock->Set(std::max(target, clock->Now()));
        const bool settled = clock->WaitUntilSettled(kSettleTimeout, participants);
        const absl::Time moved = clock->Now();
        spdlog::info("test clock moved to {}{}", FormatInstantUtc(moved),
                     settled ? "" : " (the woken jobs had not finished their round)");
        return JsonResponse(
            200, {{"now", FormatInstant(moved, ZoneOf(caller.user))}, {"settled", settled}});
      });
}

}  // namespace retorno
