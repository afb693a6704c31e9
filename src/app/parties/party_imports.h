// The CSV import of customers and contacts (manual 003, ADR 0046), processed like the
// document import (app/sales/imports.h): checked and stored on upload, then worked by
// its job in chunks with the progress written after each. Each line is all or nothing
// (one party write); a line that finds its party (by code, else by tax id) and contact
// (by e-mail, else by name) with nothing new writes nothing, so importing a file
// again changes nothing, and a chunk redone after a restart does no harm.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/parties/parties.h"
#include "app/ports.h"

namespace retorno {

struct PartyImportOptions {
  int chunk_lines = 100;  // lines between two progress writes
};

// Stored in the `imports` table with kind "parties". Its counters reuse the table's:
// documents_created/updated/unchanged count the lines that created, changed or left
// unchanged a party, followups_created the contact persons added (the API names them
// parties_* and contacts_created).
inline constexpr char kPartyImportKind[] = "parties";

class PartyImportService {
 public:
  PartyImportService(Store& store, PartyService& parties, PartyImportOptions options = {})
      : store_(store), parties_(parties), options_(options) {}

  // The create_documents right (ADR 0040: the CSV imports' right; supervisors and
  // admins by default), else 403 missing_right. 422 (field "file") for a file that
  // cannot be read, without a code or tax id column, naming a column twice or without
  // lines; otherwise queued.
  absl::StatusOr<ImportRun> Enqueue(const AuthContext& ctx, const std::string& file_name,
                                    const std::string& content, absl::Time now);

  // Claims the oldest pending import; when it is of customers, processes its next
  // chunk of lines and writes the progress. False when there was nothing to do here
  // (none pending, or the oldest is a document import, the document job's: imports are
  // worked in the order they came).
  absl::StatusOr<bool> ProcessNext(const std::string& worker, absl::Time now, absl::Duration lease);

 private:
  struct Parsed;
  Store& store_;
  PartyService& parties_;
  PartyImportOptions options_;
  std::mutex mu_;
  std::shared_ptr<Parsed> parsed_;
};

}  // namespace retorno
