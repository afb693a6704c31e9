#include "store/move/endpoint.h"

#include "absl/strings/match.h"

namespace retorno::move {

std::string WithoutPassword(std::string where) {
  if (const size_t scheme = where.find("://"); scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t at = where.find('@', start);
    const size_t end = where.find_first_of("/?", start);
    if (at != std::string::npos && (end == std::string::npos || at < end)) {
      const size_t colon = where.find(':', start);
      if (colon != std::string::npos && colon < at) where.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (size_t pos = where.find("password"); pos != std::string::npos;
       pos = where.find("password", pos + 1)) {
    size_t v = pos + 8;
    while (v < where.size() && where[v] == ' ') ++v;
    if (v >= where.size() || where[v] != '=') continue;
    ++v;
    while (v < where.size() && where[v] == ' ') ++v;
    size_t end = v;
    if (end < where.size() && where[end] == '\'') {
      end = where.find('\'', end + 1);
      end = end == std::string::npos ? where.size() : end + 1;
    } else {
      while (end < where.size() && where[end] != ' ' && where[end] != '&') ++end;
    }
    where.replace(v, end - v, "***");
  }
  return where;
}

absl::StatusOr<std::unique_ptr<Endpoint>> OpenTarget(const std::string& where) {
  if (absl::StartsWith(where, "postgresql://") || absl::StartsWith(where, "postgres://") ||
      absl::StrContains(where, "="))
    return OpenPostgresTarget(where);
  return OpenSqliteTarget(where);
}

}  // namespace retorno::move
