// Use cases of the sales side (manual 002): the catalogue of products and
// services, sales documents from the ERP, their CSV import, and the automatic
// follow-ups they and the birthdays create.
//
// Automatic follow-ups are kept in step with their source by origin key (see
// domain/automatic.h), inside the transaction that changes the source:
//  - a key the source calls for and no follow-up has: created (owner: the document's
//    owner, else the party's; due date in the past: not created, it could only be
//    late on arrival);
//  - a key that exists: left alone, except that an open one whose first return is
//    still planned moves to the new due date;
//  - a key the source no longer calls for (document cancelled, item removed, service
//    reopened): its open follow-up is closed with its planned returns cancelled.
// Replaying an import or saving a document unchanged therefore changes nothing.
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
#include "app/followups/followups.h"
#include "app/parties/parties.h"
#include "app/ports.h"

namespace retorno {

struct CatalogInput {
  std::optional<std::string> code;
  std::optional<CatalogKind> kind;
  std::optional<std::string> name;
  std::optional<bool> active;
  std::optional<std::optional<int>> followup_days;
  std::optional<FollowupTemplate> followup;
};

class CatalogService {
 public:
  explicit CatalogService(Store& store) : store_(store) {}
  // Admins only (PermissionDenied "admin_only").
  absl::StatusOr<CatalogItem> Create(const AuthContext& ctx, const CatalogInput& in, absl::Time now);
  absl::StatusOr<CatalogItem> Update(const AuthContext& ctx, CatalogItemId id,
                                     const CatalogInput& in, absl::Time now);
  absl::StatusOr<std::vector<CatalogItem>> Search(const std::string& q,
                                                  std::optional<CatalogKind> kind, int limit);

 private:
  absl::Status ValidateCatalogItem(Tx& tx, const CatalogItem& c, Issues& issues);
  Store& store_;
};

struct DocumentItemInput {
  std::string item_code;
  std::string description;
  std::optional<double> quantity;  // default 1; > 0
};

struct DocumentInput {
  std::optional<DocumentKind> kind;
  std::string number;
  std::optional<PartyId> party_id;
  std::string party_code;  // instead of party_id (imports)
  std::optional<absl::CivilDay> date;
  std::optional<DocumentStatus> status;  // default open
  std::optional<absl::CivilDay> completed_on;
  std::optional<UserId> owner_id;
  std::string owner_login;  // instead of owner_id (imports)
  std::vector<DocumentItemInput> items;
  // Replace only: the version the client last read (If-Match); a stale one fails with
  // FailedPrecondition("version") and changes nothing. Unset: last write wins (an ERP
  // resending its document).
  std::optional<int64_t> expected_version;
};

struct DocumentView {
  SalesDocument document;
  Party party;
  std::vector<FollowupListItem> followups;  // linked to it, any origin
  bool can_change = false;                  // the viewer may edit or cancel it
};

struct AutomaticOutcome {
  int created = 0;
  int moved = 0;
  int closed = 0;
};

enum class UpsertKind { kCreated, kUpdated, kUnchanged };

struct UpsertResult {
  SalesDocument document;
  UpsertKind kind = UpsertKind::kCreated;
  AutomaticOutcome automatic;
};

struct DocumentListInput {
  std::string text;
  std::optional<DocumentKind> kind;
  std::optional<PartyId> party_id;
  int limit = 50;
  std::string cursor;
};

struct DocumentListItem {
  DocumentRow row;
  bool can_change = false;  // the viewer may edit or cancel it
};

struct DocumentList {
  std::vector<DocumentListItem> items;
  std::string next_cursor;
};

// Documents are scoped like follow-ups (DocumentAccessFor in domain/permissions.h):
// admins reach all, supervisors those of their branch, agents those of their own
// customers or sold by them; lists show only those. Admins and supervisors change the
// documents they reach. Refusals: PermissionDenied "forbidden_document" (an agent
// changing one) or "document_out_of_reach" (another branch's, another's customer's),
// with nothing changed.
class DocumentService {
 public:
  DocumentService(Store& store, FollowupService& followups)
      : store_(store), followups_(followups) {}

  // 409 AlreadyExists("number") when (kind, number) exists.
  absl::StatusOr<DocumentView> Create(const AuthContext& ctx, const DocumentInput& in,
                                      absl::Time now);
  absl::StatusOr<DocumentView> Replace(const AuthContext& ctx, DocumentId id,
                                       const DocumentInput& in, absl::Time now);
  absl::StatusOr<DocumentView> Cancel(const AuthContext& ctx, DocumentId id, absl::Time now);
  absl::StatusOr<DocumentView> Get(const AuthContext& ctx, DocumentId id, absl::Time now);
  absl::StatusOr<DocumentList> List(const AuthContext& ctx, const DocumentListInput& in);

  // Creates the document, or updates the one with the same kind and number, inside
  // the caller's transaction; validates everything before writing anything
  // (InvalidArgument("validation") with field issues).
  absl::StatusOr<UpsertResult> UpsertInTx(Tx& tx, const AuthContext& ctx, const DocumentInput& in,
                                          absl::Time now);
  // UpsertInTx in two steps, for imports that must tell bad data from a failed write:
  // Prepare checks everything and writes nothing; UpsertPrepared writes.
  absl::StatusOr<SalesDocument> Prepare(Tx& tx, const AuthContext& ctx, const DocumentInput& in);
  // create_only: AlreadyExists-style field error ("number", "taken") instead of an
  // update when (kind, number) exists.
  absl::StatusOr<UpsertResult> UpsertPrepared(Tx& tx, const AuthContext& ctx, SalesDocument d,
                                              absl::Time now, bool create_only = false);

 private:
  absl::StatusOr<SalesDocument> Validate(Tx& tx, const AuthContext& ctx, const DocumentInput& in);
  absl::StatusOr<AutomaticOutcome> SyncAutomatic(Tx& tx, const AuthContext& ctx,
                                                 const SalesDocument& doc, absl::Time now);
  absl::StatusOr<DocumentView> Load(Tx& tx, const AuthContext& ctx, DocumentId id, absl::Time now);

  Store& store_;
  FollowupService& followups_;
};

// Birthdays of customers and their contact persons (manual 002) become a follow-up on
// the day, every year, created when the day comes within `horizon_days`.
class BirthdayService : public PartyChangeObserver {
 public:
  BirthdayService(Store& store, FollowupService& followups, int horizon_days = 30)
      : store_(store), followups_(followups), horizon_days_(horizon_days) {}
  // Creates the missing birthday follow-ups of [today, today + horizon] in the
  // organisation's zone, of one party or of all; returns how many it created.
  absl::StatusOr<int> Ensure(std::optional<PartyId> party, absl::Time now);
  absl::StatusOr<int> EnsureInTx(Tx& tx, std::optional<PartyId> party, absl::Time now);
  // A new party's birthday follow-ups within the horizon.
  absl::Status OnPartyCreated(Tx& tx, const Party& party, absl::Time now) override;
  // A changed birthday moves the open birthday follow-up of this year and the next to
  // the new day (or closes it when the day is gone or already past); then the missing
  // ones are created.
  absl::Status OnPartyChanged(Tx& tx, const Party& before, const Party& after,
                              absl::Time now) override;

 private:
  absl::StatusOr<int> EnsureFrom(Tx& tx, std::optional<PartyId> party, absl::CivilDay today,
                                 absl::Time now);

  Store& store_;
  FollowupService& followups_;
  int horizon_days_;
};

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
  absl::StatusOr<bool> ProcessNext(const std::string& worker, absl::Time now,
                                   absl::Duration lease);

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
