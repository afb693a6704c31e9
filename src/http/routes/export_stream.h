// What every streamed export shares (ADR 0031): the producer threads, the sink into
// the response stream, the reading of `format`, and the writing of a file through an
// export writer. Used by the follow-up list and agenda exports and the audit trail's.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "app/exports/export_writer.h"
#include "http/routes/handler.h"

namespace retorno {

// The producer threads of the exports under way. Destroyed with the router's handlers,
// which alone own it (a producer holds a plain pointer): it tells them to stop and waits
// for them, so none outlives the services it reads.
class ExportRuns {
 public:
  ~ExportRuns() {
    stopping_ = true;
    std::unique_lock lock(mu_);
    done_.wait(lock, [&] { return running_ == 0; });
  }
  // Runs `fn` on a thread of its own; false (and nothing runs) when kMaxRunning are
  // under way: each holds a thread and a transaction at a time, and the machine's cores
  // are better spent finishing those than starting more.
  bool TryStart(std::function<void()> fn) {
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
  bool stopping() const { return stopping_; }

 private:
  static constexpr int kMaxRunning = 8;
  std::atomic<bool> stopping_ = false;
  std::mutex mu_;
  std::condition_variable done_;
  int running_ = 0;
};

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

// The format asked for; an unknown parameter is named here, before the stream starts,
// rather than by the router after it.
std::optional<ExportFormat> ReadFormat(const HttpRequest& req, Issues& issues);
void RefuseUnknownParameters(const HttpRequest& req, Issues& issues);
ExportLocale LocaleOf(Lang lang);
// The response that streams `stream` as "<base>-YYYY-MM-DD.<ext>".
HttpResponse StreamResponse(ExportFormat format, std::string_view base, absl::CivilDay today,
                            std::shared_ptr<ResponseStream> stream);
// Writes head and rows through a writer for `format`; `rows(write)` calls write(row) for
// each row and returns what stopped it. Closes the stream at the end.
void Produce(
    const ApiServices& svc, const ExportRuns& runs, std::shared_ptr<ResponseStream> stream,
    ExportFormat format, Lang lang, const ExportHead& head,
    const std::function<absl::Status(const std::function<absl::Status(const ExportRow&)>&)>& rows);

}  // namespace retorno
