// Exports of the manager reports as CSV, XLSX or PDF (ADR 0033): one route per table of
// app/reports/report_table.h, `/api/v1/reports/<name>/export?format=…&<the report's
// filters>`. Opening the table checks the filters as the report does and reads its first
// page before anything is sent (422, 403 filter_not_allowed); a producer thread then
// writes the rows into the response stream as the pages come (export_stream.h).
#include "absl/strings/str_cat.h"
#include "app/reports/report_table.h"
#include "http/routes/export_stream.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

void RegisterReportExportRoutes(Routes& routes, std::shared_ptr<ExportRuns> runs) {
  const ApiServices& svc = routes.services();
  for (const ReportTableKind& kind : ReportTableKinds()) {
    routes.Get(
        absl::StrCat("/api/v1/reports/", std::string(kind.name), "/export"),
        [svc, runs, &kind](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
          RETURN_IF_ERROR(RequireRight(ctx, Right::kExport));
          Issues issues;
          std::optional<ExportFormat> format = ReadFormat(c.req, issues);
          // Every other parameter is the report's to read (or to name as unknown).
          ReportParams params;
          for (const std::string& name : c.req.UnreadQueryNames())
            params.emplace_back(name, c.req.Query(name).value_or(""));
          const ReportTableServices ts{.accounts = svc.accounts, .reports = svc.reports};
          ASSIGN_OR_RETURN(std::unique_ptr<ReportTable> table,
                           kind.open(ts, ctx, params, issues, c.now, LangTag(c.lang)));
          const std::string base = table->file_base();
          auto stream = std::make_shared<ResponseStream>("");
          std::shared_ptr<ReportTable> shared = std::move(table);
          const bool started = runs->TryStart([svc, runs = runs.get(), stream, format = *format,
                                               lang = c.lang, table = std::move(shared)] {
            Produce(svc, *runs, stream, format, lang, table->head(),
                    [&](const ExportRowWriter& write) { return table->Rows(write); });
          });
          if (!started) return CodedError(ErrorCode::kExportsBusy);
          return StreamResponse(*format, base, absl::ToCivilDay(c.now, OutFor(ctx).zone), stream);
        });
  }
}

}  // namespace retorno
