#include "base/zone_minutes.h"

namespace retorno {

absl::CivilMinute ZoneMinutes::Of(absl::Time t) {
  // Whole seconds toward the past, then minutes toward the past, as absl truncates.
  auto minute_at = [t](int64_t offset_s) {
    const int64_t s = absl::ToUnixSeconds(t) + offset_s;
    const int64_t m = s >= 0 ? s / 60 : -((-s + 59) / 60);
    return absl::CivilMinute(1970, 1, 1, 0, 0) + m;
  };
  for (size_t i = 0; i < used_; ++i)
    if (spans_[i].from <= t && t < spans_[i].until) return minute_at(spans_[i].offset_s);
  const absl::TimeZone::CivilInfo info = zone_.At(t);
  // The span between the transitions around t, kept only when it holds t and one offset
  // (at the zone's edges absl leaves the transitions unspecified).
  Span span{absl::InfinitePast(), absl::InfiniteFuture(), info.offset};
  absl::TimeZone::CivilTransition trans;
  if (zone_.PrevTransition(t + absl::Nanoseconds(1), &trans)) span.from = zone_.At(trans.to).trans;
  if (zone_.NextTransition(t, &trans)) span.until = zone_.At(trans.to).trans;
  const bool holds =
      span.from <= t && t < span.until &&
      (span.from == absl::InfinitePast() || zone_.At(span.from).offset == info.offset);
  if (holds) {
    if (used_ < kSpans) {
      spans_[used_++] = span;
    } else {
      spans_[next_] = span;
      next_ = (next_ + 1) % kSpans;
    }
  }
  return absl::CivilMinute(info.cs);
}

}  // namespace retorno
