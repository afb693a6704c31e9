// What the export routes share (ADR 0031): the producer threads of the exports under
// way, the sink that hands a writer's bytes to the response stream without letting a
// slow reader fill memory, the reading of `format`, and the response's headers. The
// follow-up list and agenda exports (exports.cc), the reports' (report_exports.cc) and
// the audit trail's (audit.cc) run on one ExportRuns, so the limit of exports at once is the
// server's.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "app/exports/export_writer.h"
#include "http/routes/handler.h"

namespace retorno {

// The producer threads of the exports under way. Destroyed with the router's handlers,
// which alone own it (a producer holds a plain pointer): it tells them to stop and waits
// for them, so none outlives the services it reads.
class ExportRuns {
 public:
  ~ExportRuns();
  // Runs `fn` on a thread of its own; false (and nothing runs) when kMaxRunning are
  // under way: each holds a thread and a transaction at a time, and the machine's cores
  // are better spent finishing those than starting more.
  bool TryStart(std::function<void()> fn);
  bool stopping() const { return stopping_; }

 private:
  static constexpr int kMaxRunning = 8;
  std::atomic<bool> stopping_ = false;
  std::mutex mu_;
  std::condition_variable done_;
  int running_ = 0;
};

// The format asked for; `format` missing or misspelt is a field issue.
std::optional<ExportFormat> ReadFormat(const HttpRequest& req, Issues& issues);
// Every query parameter no one read is named as unknown, before the stream starts
// rather than by the router after it.
void RefuseUnknownParameters(const HttpRequest& req, Issues& issues);

ExportLocale LocaleOf(Lang lang);

// The response headers of a file named `<base>-<today>.<ext>` streamed from `stream`.
HttpResponse StreamResponse(ExportFormat format, std::string_view base, absl::CivilDay today,
                            std::shared_ptr<ResponseStream> stream);

using ExportRowWriter = std::function<absl::Status(const ExportRow&)>;
// Writes head and rows through a writer for `format`; `rows(write)` calls write(row) for
// each row and returns what stopped it. Closes the stream at the end.
void Produce(const ApiServices& svc, const ExportRuns& runs, std::shared_ptr<ResponseStream> stream,
             ExportFormat format, Lang lang, const ExportHead& head,
             const std::function<absl::Status(const ExportRowWriter&)>& rows);

// The reports' exports (report_exports.cc), on the exports' runs.
void RegisterReportExportRoutes(Routes& routes, std::shared_ptr<ExportRuns> runs);
// The audit trail's export (audit.cc), on the exports' runs.
void RegisterAuditExportRoutes(Routes& routes, std::shared_ptr<ExportRuns> runs);
// The export of a questionnaire's answers (questionnaires.cc), on the same runs.
void RegisterQuestionnaireExportRoutes(Routes& routes, std::shared_ptr<ExportRuns> runs);

}  // namespace retorno
