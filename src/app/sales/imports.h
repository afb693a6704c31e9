// The CSV import of sales documents, processed by a job in resumable chunks.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/ports.h"
#include "app/sales/documents.h"

namespace retorno {

// CSV import of documents. Enqueue checks the file's shape and stores it; the import
// job (jobs/) processes it in chunks, recording progress, so a restart resumes it.
struct ImportOptions {
  int chunk_documents = 200;  // documents per transaction
};

class ImportService {
 public:
  ImportService(Store& store, DocumentService& documents, ImportOptions options = {})
      : store_(store), documents_(documents), options_(options) {}

  // Admins and supervisors. 422 for an unreadable file or missing columns (field
  // "file"); 202-style: the import is queued.
  absl::StatusOr<ImportRun> Enqueue(const AuthContext& ctx, const std::string& file_name,
                                    const std::string& content, absl::Time now);
  absl::StatusOr<ImportRun> Get(const AuthContext& ctx, int64_t id);
  absl::StatusOr<std::vector<ImportRun>> List(const AuthContext& ctx, int limit);

  // Claims a pending import and processes its next chunk of documents in one
  // transaction, progress included; false when there was nothing to do.
  absl::StatusOr<bool> ProcessNext(const std::string& worker, absl::Time now, absl::Duration lease);

 private:
  // The parsed file of the import in progress, kept between chunks so a file is read
  // once, not once per chunk.
  struct Parsed;
  Store& store_;
  DocumentService& documents_;
  ImportOptions options_;
  std::mutex mu_;
  std::shared_ptr<Parsed> parsed_;
};

// The columns of a document CSV, in the order of the example file.
const std::vector<std::string>& DocumentCsvColumns();

}  // namespace retorno
