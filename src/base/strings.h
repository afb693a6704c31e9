// Debian's Abseil is built without aliasing absl::string_view to std::string_view, so
// the two do not convert implicitly. These bridge them at call sites of absl::Str*.
#pragma once

#include <string_view>

#include "absl/strings/string_view.h"

namespace retorno {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace retorno
