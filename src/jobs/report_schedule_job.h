// Sends the reports scheduled by e-mail (ADR 0033): each round claims the schedules
// whose run is due, with a lease, and sends each one's latest period once
// (app/report_schedules/report_schedules.h), so any number of nodes may run it.
#pragma once

#include <string>

#include "app/report_schedules/report_schedules.h"
#include "jobs/job.h"
#include "jobs/jobs.h"

namespace retorno {

class ReportScheduleJob final : public PeriodicJob {
 public:
  ReportScheduleJob(ReportScheduleService& schedules, const JobOptions& options)
      : PeriodicJob(options.tick), schedules_(schedules), worker_(options.worker_id) {}
  std::string_view name() const override { return "report_schedules"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override {
    // Longer than rendering a team's report for a period takes.
    return schedules_.RunDue(now, worker_, absl::Minutes(5));
  }

 private:
  ReportScheduleService& schedules_;
  std::string worker_;
};

}  // namespace retorno
