// The follow-up list read for its export (ADR 0044): the list's filters, reach, order
// and keyset cursor (FollowupQuery), only the columns the file shows, into a page whose
// rows are reused from page to page, so that an export of a million rows reads and
// copies only those and allocates nothing per row once it runs.
//
// Reached through Tx::followup_export(); the SQL stores implement it beside their
// FollowupQueries, whose filters it shares.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/ports/followup_queries.h"
#include "domain/model.h"

namespace retorno {

struct FollowupExportRow {
  FollowupId id;
  std::string party_code;
  std::string party_name;
  std::string subject;
  std::string category;
  UserId owner_id;
  Priority priority = Priority::kMedium;
  FollowupStatus status = FollowupStatus::kOpen;
  std::optional<absl::CivilDay> next_due_date;
  absl::Time contact_at;
  std::optional<absl::CivilDay> internal_date;  // the company's own date (ADR 0041)
};

// Only the first `size` rows are this page's; the others an earlier page left.
struct FollowupExportPage {
  std::vector<FollowupExportRow> rows;
  size_t size = 0;
  std::string next_cursor;  // empty when no more rows
};

class FollowupExportQueries {
 public:
  virtual ~FollowupExportQueries() = default;
  // The rows of QueryFollowups(q), in its order and with its cursors
  // (InvalidArgument("cursor") alike), with only the export's columns, into `page`.
  virtual absl::Status QueryFollowupsForExport(const FollowupQuery& q,
                                               FollowupExportPage& page) = 0;
};

}  // namespace retorno
