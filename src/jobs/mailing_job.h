// Expands the mailings to selected customers (ADR 0048) into the outbox, one batch of
// recipients per transaction, while one is pending; the lease lets another process (or
// this one after a restart) resume a stalled mailing where its last batch ended.
#pragma once

#include <string_view>

#include "app/mailings/mailings.h"
#include "jobs/job.h"
#include "jobs/jobs.h"

namespace retorno {

class MailingJob final : public PeriodicJob {
 public:
  MailingJob(MailingService& mailings, const JobOptions& options)
      : PeriodicJob(options.tick),
        mailings_(mailings),
        worker_(options.worker_id),
        lease_(options.import_lease) {}
  std::string_view name() const override { return "mailings"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override {
    return mailings_.ProcessNext(worker_, now, lease_);
  }

 private:
  MailingService& mailings_;
  std::string worker_;
  absl::Duration lease_;
};

}  // namespace retorno
