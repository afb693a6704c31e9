// The list of the background jobs `retorno serve` runs. A new job is a Job (job.h) and
// one line in ServerJobs; main/ hands the list to the Scheduler.
#pragma once

#include <memory>
#include <vector>

#include "app/report_schedules/report_schedules.h"
#include "jobs/job.h"
#include "jobs/jobs.h"

namespace retorno {

// What the jobs work with; every reference must outlive the jobs.
struct JobDeps {
  Store& store;
  Crypto& crypto;
  Secrets& secrets;
  Mailer& mailer;
  EventPublisher& events;
  ImportService& imports;
  BirthdayService& birthdays;
  // Where the repeat alerts go: the streams this node holds, each at its own cadence
  // (ADR 0030). Null: `events`, which is the node's hub when there is one node.
  EventPublisher* local_events = nullptr;
  // The reports scheduled by e-mail; null: none are sent (a server always sets it).
  ReportScheduleService* report_schedules = nullptr;
  // The mailings' sender names for the outbox (ADR 0048); null: the SMTP settings' name.
  MailingStore* mailings = nullptr;
};

std::vector<std::unique_ptr<Job>> ServerJobs(const JobDeps& deps, const JobOptions& options);

}  // namespace retorno
