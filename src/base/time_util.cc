#include "base/time_util.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace retorno {

namespace {

bool ParseFixedInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Appends v (0 <= v < 10^width) zero-padded to `width` digits. The dates and instants
// of every response go through here: absl's StrFormat/FormatTime took about 2,000
// instructions an instant, a tenth of a follow-up's whole JSON.
void AppendPadded(std::string& out, int v, int width) {
  char digits[4];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

// "YYYY-MM-DD" of the years we accept (0..9999); absl formats any other.
bool AppendDate(std::string& out, absl::civil_year_t y, int m, int d) {
  if (y < 0 || y > 9999) return false;
  AppendPadded(out, static_cast<int>(y), 4);
  out.push_back('-');
  AppendPadded(out, m, 2);
  out.push_back('-');
  AppendPadded(out, d, 2);
  return true;
}

}  // namespace

std::optional<absl::CivilDay> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y, m, d;
  if (!ParseFixedInt(text.substr(0, 4), &y) || !ParseFixedInt(text.substr(5, 2), &m) ||
      !ParseFixedInt(text.substr(8, 2), &d))
    return std::nullopt;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  absl::CivilDay day(y, m, d);
  // CivilDay normalises 2026-02-30 to 2026-03-02: a changed field means impossible.
  if (day.year() != y || day.month() != m || day.day() != d) return std::nullopt;
  return day;
}

std::string FormatDate(absl::CivilDay day) {
  std::string out;
  out.reserve(10);
  if (!AppendDate(out, day.year(), day.month(), day.day()))
    return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
  return out;
}

std::optional<int> ParseTimeOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h, m;
  if (!ParseFixedInt(text.substr(0, 2), &h) || !ParseFixedInt(text.substr(3, 2), &m))
    return std::nullopt;
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string FormatTimeOfDay(int minutes) {
  if (minutes < 0 || minutes >= 24 * 60)
    return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60);
  std::string out;
  AppendPadded(out, minutes / 60, 2);
  out.push_back(':');
  AppendPadded(out, minutes % 60, 2);
  return out;
}

std::optional<absl::Time> ParseInstant(std::string_view text) {
  absl::Time t;
  std::string err;
  // RFC 3339 requires the offset; absl's RFC3339_full accepts fractional seconds.
  if (text.size() < 20) return std::nullopt;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &t, &err)) return std::nullopt;
  return t;
}

std::string FormatInstant(absl::Time t, const absl::TimeZone& zone) {
  // Whole seconds, as absl's "%S" writes them: the sub-second part is dropped.
  const absl::TimeZone::CivilInfo at = zone.At(t);
  const absl::CivilSecond& cs = at.cs;
  std::string out;
  out.reserve(25);
  if (!AppendDate(out, cs.year(), cs.month(), cs.day()))
    return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, zone);
  out.push_back('T');
  AppendPadded(out, cs.hour(), 2);
  out.push_back(':');
  AppendPadded(out, cs.minute(), 2);
  out.push_back(':');
  AppendPadded(out, cs.second(), 2);
  // %Ez: +hh:mm, "+00:00" for UTC; zones with seconds in their offset (LMT before
  // 1900) are left to absl.
  int offset = at.offset;
  if (offset % 60 != 0) return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, zone);
  out.push_back(offset < 0 ? '-' : '+');
  if (offset < 0) offset = -offset;
  AppendPadded(out, offset / 3600, 2);
  out.push_back(':');
  AppendPadded(out, offset / 60 % 60, 2);
  return out;
}

std::string FormatInstantUtc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

absl::StatusOr<absl::TimeZone> LoadZone(std::string_view name) {
  // Loading parses a tzfile; cache the result, zones are immutable and few.
  static std::mutex mu;
  static std::unordered_map<std::string, absl::TimeZone> cache;
  std::lock_guard lock(mu);
  auto it = cache.find(std::string(name));
  if (it != cache.end()) return it->second;
  absl::TimeZone tz;
  // "UTC" is valid; an empty or relative name is not.
  if (name.empty() || name.find("..") != std::string_view::npos ||
      !absl::LoadTimeZone(std::string(name), &tz))
    return absl::NotFoundError("unknown time zone");
  cache.emplace(std::string(name), tz);
  return tz;
}

bool IsValidZone(std::string_view name) { return LoadZone(name).ok(); }

absl::TimeZone ZoneOrUtc(std::string_view name) {
  absl::StatusOr<absl::TimeZone> z = LoadZone(name);
  return z.ok() ? *z : absl::UTCTimeZone();
}

absl::CivilDay DayIn(absl::Time t, const absl::TimeZone& zone) { return absl::ToCivilDay(t, zone); }

absl::Time InstantOf(absl::CivilDay day, int minutes, const absl::TimeZone& zone) {
  absl::CivilMinute local(day.year(), day.month(), day.day(), minutes / 60, minutes % 60);
  absl::TimeZone::TimeInfo info = zone.At(local);
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::UNIQUE:
      return info.pre;
    case absl::TimeZone::TimeInfo::SKIPPED:
      return info.trans;
    case absl::TimeZone::TimeInfo::REPEATED:
      return info.pre;
  }
  return info.pre;
}

std::vector<OffsetSpan> OffsetSpans(const absl::TimeZone& zone, absl::Time lo, absl::Time hi) {
  std::vector<OffsetSpan> out;
  lo = std::max(lo, absl::UnixEpoch() + absl::Hours(24));
  // A zone changes its offset a few times a year; the bound only stops a broken zone file.
  for (absl::Time t = lo; t < hi && out.size() < 256;) {
    const absl::Duration offset = absl::Seconds(zone.At(t).offset);
    absl::TimeZone::CivilTransition tr;
    absl::Time next = hi;
    if (zone.NextTransition(t, &tr)) {
      const absl::Time at = zone.At(tr.to).trans;  // the instant of the change
      if (at > t) next = std::min(next, at);
    }
    out.push_back({t, next, offset});
    t = next;
  }
  return out;
}

}  // namespace retorno
