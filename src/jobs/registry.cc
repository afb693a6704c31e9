#include "jobs/registry.h"

#include "jobs/report_schedule_job.h"

namespace retorno {

std::vector<std::unique_ptr<Job>> ServerJobs(const JobDeps& d, const JobOptions& o) {
  std::vector<std::unique_ptr<Job>> jobs;
  jobs.push_back(std::make_unique<TickRecordJob>(d.store, o));
  jobs.push_back(std::make_unique<ReminderJob>(d.store, d.crypto, d.events, o));
  jobs.push_back(
      std::make_unique<OutboxJob>(d.store, d.mailer, d.secrets, d.events, o, d.mailings));
  jobs.push_back(
      std::make_unique<AlertJob>(d.store, d.local_events ? *d.local_events : d.events, o));
  jobs.push_back(std::make_unique<DigestJob>(d.store, d.crypto, o));
  jobs.push_back(std::make_unique<ImportJob>(d.imports, o));
  jobs.push_back(std::make_unique<BirthdayJob>(d.birthdays, o));
  if (d.report_schedules)
    jobs.push_back(std::make_unique<ReportScheduleJob>(*d.report_schedules, o));
  return jobs;
}

}  // namespace retorno
