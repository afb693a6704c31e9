// Processes the imports of customers and contacts (ADR 0046) a chunk of lines at a
// time, beside the document imports' job: both claim the oldest pending import and work
// it when it is of their kind, so imports go in the order they came; the lease lets
// another process (or this one after a restart) resume a stalled one.
#pragma once

#include <string_view>

#include "app/parties/party_imports.h"
#include "jobs/job.h"
#include "jobs/jobs.h"

namespace retorno {

class PartyImportJob final : public PeriodicJob {
 public:
  PartyImportJob(PartyImportService& imports, const JobOptions& options)
      : PeriodicJob(options.tick),
        imports_(imports),
        worker_(options.worker_id),
        lease_(options.import_lease) {}
  std::string_view name() const override { return "party imports"; }
  absl::StatusOr<bool> RunOnce(absl::Time now) override {
    return imports_.ProcessNext(worker_, now, lease_);
  }

 private:
  PartyImportService& imports_;
  std::string worker_;
  absl::Duration lease_;
};

}  // namespace retorno
