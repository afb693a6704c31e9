#include "base/time_util.h"

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
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
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
  return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60);
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
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, zone);
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

absl::CivilDay DayIn(absl::Time t, const absl::TimeZone& zone) {
  return absl::ToCivilDay(t, zone);
}

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

}  // namespace retorno
