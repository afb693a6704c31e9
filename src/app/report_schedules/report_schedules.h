// Reports sent by e-mail on a schedule (ADR 0033): a user asks for a report (any table
// of app/reports/report_table.h) weekly (Monday 07:00 in their zone, covering the
// previous Monday to Sunday) or monthly (the 1st at 07:00, covering the previous month),
// as PDF or XLSX, to themselves or (supervisors and admins) their team. The job
// (jobs/registry.cc) calls RunDue: each period of each schedule is sent once across
// nodes and restarts, through the outbox, with the file attached.
//
// Thread safety: every method may be called concurrently; each runs in its own
// transactions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"
#include "app/reports/report_table.h"
#include "app/services.h"

namespace retorno {

// A period a schedule sends: its days (the author's, inclusive) and when it is sent.
struct SchedulePeriod {
  absl::CivilDay first;
  absl::CivilDay last;
  absl::Time run_at;  // the day after `last` (weekly: a Monday; monthly: the 1st), 07:00
};
// The latest period whose run is at or before `now` in `zone`; "weekly" or "monthly".
SchedulePeriod LatestPeriod(std::string_view frequency, const absl::TimeZone& zone, absl::Time now);
// The first run after `now`.
absl::Time NextRunAfter(std::string_view frequency, const absl::TimeZone& zone, absl::Time now);

// What a create or an edit sends; every member is required on create.
struct ReportScheduleInput {
  std::optional<std::string> report;
  std::optional<ReportParams> filters;
  std::optional<std::string> format;      // pdf | xlsx
  std::optional<std::string> frequency;   // weekly | monthly
  std::optional<std::string> recipients;  // me | team (supervisors and admins)
  std::optional<bool> paused;             // a paused schedule sends nothing until resumed
};

// A paused schedule keeps its row with this next run, which no claim ever reaches (the
// last second of 9999): pausing needs no column of its own, and resuming computes the
// next run from the moment of resuming, so no missed period is sent late.
inline const absl::Time kPausedRun = absl::FromUnixSeconds(253402300799);
inline bool IsPaused(const ReportSchedule& s) { return s.next_run_at >= kPausedRun; }

struct ReportScheduleView {
  ReportSchedule schedule;
  ReportParams filters;
  std::optional<absl::CivilDay> last_period;  // the latest period sent
};

class ReportScheduleService {
 public:
  ReportScheduleService(Store& store, AccountService& accounts, ReportService& reports,
                        ExportWriters& exports, Crypto& crypto)
      : store_(store), accounts_(accounts), reports_(reports), exports_(exports), crypto_(crypto) {}

  // The caller's schedules; an admin's: everyone's.
  absl::StatusOr<std::vector<ReportScheduleView>> List(const AuthContext& ctx);
  // 422 naming each field (filters as "filters.<name>", refused as the report refuses
  // them); 403 filter_not_allowed for a filter outside the author's visibility.
  absl::StatusOr<ReportScheduleView> Create(const AuthContext& ctx, const ReportScheduleInput& in,
                                            absl::Time now);
  // 404 report_schedule for another user's (unless admin) or a missing one; 412 version
  // when `if_match` is stale.
  absl::StatusOr<ReportScheduleView> Update(const AuthContext& ctx, int64_t id,
                                            const ReportScheduleInput& in,
                                            std::optional<int64_t> if_match, absl::Time now);
  absl::Status Delete(const AuthContext& ctx, int64_t id);

  // One round of the job: claims due schedules and sends each one's latest period
  // unless already sent. True when a full batch was claimed.
  absl::StatusOr<bool> RunDue(absl::Time now, const std::string& worker, absl::Duration lease);

 private:
  absl::Status Validate(const AuthContext& ctx, const ReportSchedule& s,
                        const ReportParams& filters, absl::Time now);
  absl::StatusOr<ReportScheduleView> ViewOf(Tx& tx, ReportSchedule s);
  absl::Status RunOne(const ReportSchedule& s, absl::Time now, const std::string& worker);
  // Pauses a schedule whose author lacks `missing`, and tells them by e-mail.
  absl::Status Pause(const ReportSchedule& s, const User& author, const ReportTableKind& kind,
                     Right missing, absl::Time now, const std::string& worker);

  Store& store_;
  AccountService& accounts_;
  ReportService& reports_;
  ExportWriters& exports_;
  Crypto& crypto_;
};

}  // namespace retorno
