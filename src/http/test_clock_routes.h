// POST /api/v1/test/clock/advance: moves the server's simulated clock forward, for
// black-box tests that must see time pass without waiting for it. Served only by
// `retorno serve --clock=simulated --allow-test-clock`; a production server has no such
// route.
//
// Body: {"seconds": N} (0 <= N <= 366 days) or {"to": "<RFC 3339>"} (not before the
// clock's now). Moving the clock wakes the jobs that became due; the answer waits until
// they have done their round (at most `settle_timeout` of real time) and says whether
// they had: {"now": "<RFC 3339 in the caller's zone>", "settled": true}. Admins only.
#pragma once

#include "absl/time/time.h"
#include "base/clock.h"
#include "http/api.h"

namespace retorno {

// `participants`: how many threads wait on the clock (the scheduler's), so an answer
// also waits for a thread still in its first round.
ExtraRoute TestClockAdvanceRoute(SimulatedClock& clock, int participants,
                                 absl::Duration settle_timeout = absl::Seconds(30));

}  // namespace retorno
