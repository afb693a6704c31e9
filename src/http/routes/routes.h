// The resources of /api/v1, one file each under http/routes/ (what each holds is said
// at its top), each registering its routes through Register<Name>Routes(Routes&).
//
// Adding a resource: a new file http/routes/<name>.cc defining Register<Name>Routes
// (CMake picks it up), one line in RETORNO_RESOURCES below, and its paths in
// src/http/openapi/ (OpenApi.DocumentAndRoutesAgree fails until they agree).
#pragma once

#include "http/routes/handler.h"

namespace retorno {

// In registration order.
#define RETORNO_RESOURCES(X) \
  X(Health)                  \
  X(Version)                 \
  X(Account)                 \
  X(Table)                   \
  X(Party)                   \
  X(Followup)                \
  X(Attendance)              \
  X(Workflow)                \
  X(Questionnaire)           \
  X(Return)                  \
  X(Bulk)                    \
  X(Document)                \
  X(Calendar)                \
  X(Mail)                    \
  X(Report)                  \
  X(TeamReport)              \
  X(Export)                  \
  X(Audit)                   \
  X(Privacy)                 \
  X(ReportSchedule)          \
  X(TestClock)

#define RETORNO_DECLARE_RESOURCE(name) void Register##name##Routes(Routes& routes);
RETORNO_RESOURCES(RETORNO_DECLARE_RESOURCE)
#undef RETORNO_DECLARE_RESOURCE

using RegisterRoutes = void (*)(Routes& routes);

}  // namespace retorno
