// The reports scheduled by e-mail (ADR 0033): the schedules, claimed by the job with a
// lease as reminders are, and one run row per period sent, whose key (schedule id,
// period start) makes a period be sent once across nodes and restarts. Part of a Tx
// (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace retorno {

struct ReportSchedule {
  int64_t id = 0;
  UserId user_id;          // the author, whose view of the report is sent
  std::string report;      // a report table's name (app/reports/report_table.h)
  std::string filters;     // the report's filters, a JSON object of strings
  std::string format;      // "pdf" | "xlsx"
  std::string frequency;   // "weekly" | "monthly"
  std::string recipients;  // "me" | "team"
  absl::Time next_run_at;  // the next period's run
  int64_t version = 1;
  absl::Time created_at;
  absl::Time updated_at;
};

struct ReportScheduleRun {
  int64_t schedule_id = 0;
  absl::CivilDay period_start;
  absl::Time sent_at;
  int64_t messages = 0;
};

class ReportScheduleRepository {
 public:
  virtual ~ReportScheduleRepository() = default;
  virtual absl::StatusOr<int64_t> InsertSchedule(const ReportSchedule& s) = 0;
  virtual absl::StatusOr<std::optional<ReportSchedule>> FindSchedule(int64_t id) = 0;
  // By id; one author's, or everyone's when `user` is nullopt.
  virtual absl::StatusOr<std::vector<ReportSchedule>> ListSchedules(std::optional<UserId> user) = 0;
  // Writes every field but the author and created_at when s.version is the stored one,
  // and increments it. NotFound when gone, FailedPrecondition("version") when stale.
  virtual absl::Status UpdateSchedule(const ReportSchedule& s) = 0;
  // With its runs. NotFound when gone.
  virtual absl::Status DeleteSchedule(int64_t id) = 0;
  // Leases up to `limit` schedules with next_run_at <= now whose lease is free or
  // expired, earliest first; several processes may claim at once, each row goes to one.
  virtual absl::StatusOr<std::vector<ReportSchedule>> ClaimDueSchedules(absl::Time now, int limit,
                                                                        const std::string& worker,
                                                                        absl::Time lease_until) = 0;
  // AlreadyExists when that period of that schedule was already recorded.
  virtual absl::Status InsertRun(const ReportScheduleRun& run) = 0;
  // Sets next_run_at and releases the lease. FailedPrecondition("lease") unless leased
  // by `worker`.
  virtual absl::Status FinishRun(int64_t id, const std::string& worker, absl::Time next_run_at) = 0;
  // Newest period first.
  virtual absl::StatusOr<std::vector<ReportScheduleRun>> ListRuns(int64_t schedule_id) = 0;
};

}  // namespace retorno
