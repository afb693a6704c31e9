// Conversions between the wire formats of the API and Abseil's time types.
// Instants are absl::Time (UTC inside); calendar dates are absl::CivilDay and are
// always read in a named IANA zone, never in the server's local zone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace retorno {

// Parses "YYYY-MM-DD"; rejects impossible dates such as 2026-02-30.
std::optional<absl::CivilDay> ParseDate(std::string_view text);
std::string FormatDate(absl::CivilDay day);

// Parses "HH:MM" into minutes after midnight (0..1439).
std::optional<int> ParseTimeOfDay(std::string_view text);
std::string FormatTimeOfDay(int minutes);

// RFC 3339 with an explicit offset or Z ("2026-11-22T10:00:00-03:00").
std::optional<absl::Time> ParseInstant(std::string_view text);
// Formats in the given zone with its offset, e.g. "2026-11-22T10:00:00-03:00".
std::string FormatInstant(absl::Time t, const absl::TimeZone& zone);
std::string FormatInstantUtc(absl::Time t);

// Loads an IANA zone ("America/Sao_Paulo"); NotFound for unknown names.
absl::StatusOr<absl::TimeZone> LoadZone(std::string_view name);
bool IsValidZone(std::string_view name);
// The zone, or UTC when the name does not load (a stored zone that this machine's tzdata
// no longer knows must not stop a reminder or a calendar).
absl::TimeZone ZoneOrUtc(std::string_view name);

// The civil day of an instant in a zone: the viewer's "today".
absl::CivilDay DayIn(absl::Time t, const absl::TimeZone& zone);

// The instant of a local date + minutes in a zone. A local time skipped by a DST jump
// resolves to the instant right after the gap; a repeated one to its first occurrence.
absl::Time InstantOf(absl::CivilDay day, int minutes, const absl::TimeZone& zone);

// A span of instants [from, to) in which a zone keeps one UTC offset: there the civil day
// of an instant is (instant + offset) in whole days since 1970-01-01, which a database
// can compute without the zone's rules.
struct OffsetSpan {
  absl::Time from;
  absl::Time to;
  absl::Duration offset;
};

// The zone's spans of one offset covering [lo, hi), in time order, from 1970-01-02 at the
// earliest (before 1970 whole days do not divide alike in every database).
std::vector<OffsetSpan> OffsetSpans(const absl::TimeZone& zone, absl::Time lo, absl::Time hi);

}  // namespace retorno
