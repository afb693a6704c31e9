// The civil minutes of many instants in one zone, for files of many rows.
#pragma once

#include <array>
#include <cstdint>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace retorno {

// The civil minutes of many instants in one zone, as absl::ToCivilMinute gives them,
// for a file of a million rows: the zone's offset holds between two transitions, so
// the spans of the last few instants are remembered and an instant in one of them is
// its offset away from UTC, with no look-up in the zone's rules. Rows of a year touch
// two or three spans in a zone with summer time, one in São Paulo or Mexico City.
// Thread safety: one thread (it remembers).
class ZoneMinutes {
 public:
  explicit ZoneMinutes(absl::TimeZone zone) : zone_(zone) {}
  absl::CivilMinute Of(absl::Time t);

 private:
  struct Span {
    absl::Time from;   // inclusive
    absl::Time until;  // exclusive
    int64_t offset_s;  // east of UTC
  };
  static constexpr size_t kSpans = 8;
  absl::TimeZone zone_;
  std::array<Span, kSpans> spans_{};
  size_t used_ = 0;
  size_t next_ = 0;  // the span a miss replaces once all are used
};

}  // namespace retorno
