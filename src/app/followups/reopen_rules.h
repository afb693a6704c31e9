// The reopen rules of manual 003 inside a use case's transaction (ADR 0042): what the
// follow-up's documents say (domain/sales_flow.h) and the error a refusal answers with.
#pragma once

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "app/ports.h"
#include "domain/sales_flow.h"

namespace retorno {

// The excess sale or open sales order that keeps follow-up `id` closed, if any.
absl::StatusOr<std::optional<ReopenBlock>> ReopenBlockIn(Tx& tx, FollowupId id);

// The error of a refusal (OK for none): followup_not_closed, reopen_excess_sale and
// reopen_open_order naming the document, reopen_needs_supervisor.
absl::Status ReopenRefused(std::optional<ReopenRefusal> refusal,
                           const std::optional<ReopenBlock>& block);

}  // namespace retorno
