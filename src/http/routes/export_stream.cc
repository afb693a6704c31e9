#include "http/routes/export_stream.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>
#include <utility>

#include "absl/strings/str_format.h"

namespace retorno {

ExportRuns::~ExportRuns() {
  stopping_ = true;
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return running_ == 0; });
}

bool ExportRuns::TryStart(std::function<void()> fn) {
  {
    std::lock_guard lock(mu_);
    if (running_ >= kMaxRunning) return false;
    ++running_;
  }
  std::thread([this, fn = std::move(fn)] {
    fn();
    std::lock_guard lock(mu_);
    --running_;
    done_.notify_all();
  }).detach();
  return true;
}

namespace {

// The writer's bytes into the response stream, 64 KiB at a time; waits while 256 KiB
// are still unsent, so a slow reader slows the producer instead of filling memory.
class StreamSink final : public ExportSink {
 public:
  StreamSink(std::shared_ptr<ResponseStream> stream, const ExportRuns& runs)
      : stream_(std::move(stream)), runs_(runs) {}

  bool Write(std::string_view bytes) override {
    buffer_.append(bytes);
    return buffer_.size() < kChunk || Flush();
  }
  bool Flush() {
    if (buffer_.empty()) return !stream_->closed();
    while (!stream_->WaitForRoom(kMaxUnsent, std::chrono::seconds(1)))
      if (stream_->closed() || runs_.stopping()) return false;
    return stream_->Write(std::exchange(buffer_, {}));
  }

 private:
  static constexpr size_t kChunk = 64 * 1024;
  static constexpr size_t kMaxUnsent = 256 * 1024;
  std::shared_ptr<ResponseStream> stream_;
  const ExportRuns& runs_;
  std::string buffer_;
};

}  // namespace

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

void Produce(const ApiServices& svc, const ExportRuns& runs, std::shared_ptr<ResponseStream> stream,
             ExportFormat format, Lang lang, const ExportHead& head,
             const std::function<absl::Status(const ExportRowWriter&)>& rows) {
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
