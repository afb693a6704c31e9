#include "http/routes/export_stream.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_format.h"

namespace retorno {

std::optional<ExportFormat> ReadFormat(const HttpRequest& req, Issues& issues) {
  std::optional<ExportFormat> f =
      QueryEnum<ExportFormat>(req, "format", &ParseExportFormat, issues);
  if (!f && !req.Query("format")) issues.Add("format", "required");
  return f;
}
void RefuseUnknownParameters(const HttpRequest& req, Issues& issues) {
  for (const std::string& name : req.UnreadQueryNames()) {
    req.Query(name);
    issues.Add(name, "unknown_parameter");
  }
}

ExportLocale LocaleOf(Lang lang) {
  return ExportLocale{.day_first = lang != Lang::kEn, .decimal_comma = lang != Lang::kEn};
}

HttpResponse StreamResponse(ExportFormat format, std::string_view base, absl::CivilDay today,
                            std::shared_ptr<ResponseStream> stream) {
  HttpResponse r;
  r.headers.emplace_back("Content-Type", std::string(ContentTypeOf(format)));
  r.headers.emplace_back(
      "Content-Disposition",
      absl::StrFormat("attachment; filename=\"%s-%04d-%02d-%02d.%s\"", base, today.year(),
                      today.month(), today.day(), ExtensionOf(format)));
  r.headers.emplace_back("Cache-Control", "no-store");
  r.stream = std::move(stream);
  return r;
}

void Produce(
    const ApiServices& svc, const ExportRuns& runs, std::shared_ptr<ResponseStream> stream,
    ExportFormat format, Lang lang, const ExportHead& head,
    const std::function<absl::Status(const std::function<absl::Status(const ExportRow&)>&)>& rows) {
  StreamSink sink(stream, runs);
  absl::Status s;
  absl::StatusOr<std::unique_ptr<ExportWriter>> writer =
      svc.exports.Make(format, LocaleOf(lang), sink);
  if (!writer.ok()) s = writer.status();
  if (s.ok()) s = (*writer)->Begin(head);
  if (s.ok()) s = rows([&](const ExportRow& row) { return (*writer)->Row(row); });
  if (s.ok()) s = (*writer)->End();
  if (s.ok() && !sink.Flush()) s = absl::CancelledError("the reader went away");
  // The reader's going away is theirs to decide; anything else leaves a short file.
  if (!s.ok() && !absl::IsCancelled(s))
    spdlog::error("export {} of \"{}\" stopped: {}", ExtensionOf(format), head.title, s.ToString());
  stream->Close();
}

}  // namespace retorno
