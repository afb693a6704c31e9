// Early-return helpers for absl::Status / absl::StatusOr, in the LevelDB style:
// expected failures travel as values and never as exceptions.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RETORNO_CONCAT_INNER_(a, b) a##b
#define RETORNO_CONCAT_(a, b) RETORNO_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                                                     \
  do {                                                                            \
    if (absl::Status _retorno_st = (expr); !_retorno_st.ok()) return _retorno_st; \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr)  \
  auto tmp = (rexpr);                            \
  if (!tmp.ok()) return std::move(tmp).status(); \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL_(RETORNO_CONCAT_(_retorno_sor_, __LINE__), lhs, rexpr)
