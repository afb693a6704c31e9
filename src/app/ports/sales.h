// The sales repository: the catalogue of products and services, sales documents with
// their items and follow-ups, and CSV imports. Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace retorno {

struct DocumentQuery {
  std::string text;  // number prefix, or the party's code prefix or name substring
  std::optional<DocumentKind> kind;
  std::optional<PartyId> party_id;
  // Visibility, folded in by the use case: when visible_to is set, only documents sold
  // by that user, of a customer they own, or (visible_branch set) of that branch.
  std::optional<UserId> visible_to;
  std::optional<BranchId> visible_branch;
  int limit = 50;
  std::string cursor;  // newest first: the id after which to continue
};

struct DocumentRow {
  SalesDocument document;
  Party party;  // id, code, name filled at least
};

struct DocumentPage {
  std::vector<DocumentRow> items;
  std::string next_cursor;
};

class SalesRepository {
 public:
  virtual ~SalesRepository() = default;

  // Catalogue of products and services. code unique (AlreadyExists "code").
  virtual absl::StatusOr<CatalogItemId> InsertCatalogItem(const CatalogItem& c) = 0;
  virtual absl::Status UpdateCatalogItem(const CatalogItem& c) = 0;  // NotFound "catalog_item"
  virtual absl::StatusOr<std::optional<CatalogItem>> FindCatalogItem(CatalogItemId id) = 0;
  virtual absl::StatusOr<std::optional<CatalogItem>> FindCatalogItemByCode(
      const std::string& code) = 0;
  // Code prefix or name substring, case-insensitive for ASCII; ordered by name.
  virtual absl::StatusOr<std::vector<CatalogItem>> SearchCatalog(const std::string& q,
                                                                 std::optional<CatalogKind> kind,
                                                                 int limit) = 0;

  // Sales documents with their items. (kind, number) unique (AlreadyExists "number").
  // Insert sets version 1; Update replaces every field and the items and bumps the
  // version, FailedPrecondition("version") unless the stored one equals d.version.
  virtual absl::StatusOr<DocumentId> InsertDocument(const SalesDocument& d) = 0;
  virtual absl::StatusOr<int64_t> UpdateDocument(const SalesDocument& d) = 0;
  virtual absl::StatusOr<std::optional<SalesDocument>> FindDocument(DocumentId id) = 0;
  // The same without its items: enough for the {id, kind, number} a follow-up, an agenda
  // row or a calendar day shows, one query instead of two.
  virtual absl::StatusOr<std::optional<SalesDocument>> FindDocumentHeader(DocumentId id) = 0;
  virtual absl::StatusOr<std::optional<SalesDocument>> FindDocumentByNumber(
      DocumentKind kind, const std::string& number) = 0;
  virtual absl::StatusOr<DocumentPage> QueryDocuments(const DocumentQuery& q) = 0;

  // Follow-ups of a document (any origin), by id.
  virtual absl::StatusOr<std::vector<Followup>> ListDocumentFollowups(DocumentId id) = 0;

  // Documents made from follow-up `id` (followup_id), oldest first, with their items.
  virtual absl::StatusOr<std::vector<SalesDocument>> ListFollowupDocuments(FollowupId id) = 0;
  // The next number of Retorno's own documents of `kind`: 1, 2, ... (one counter per
  // kind, in the transaction).
  virtual absl::StatusOr<int64_t> NextDocumentNumber(DocumentKind kind) = 0;

  // Requests to reopen a closed follow-up (ADR 0042). One pending per follow-up:
  // AlreadyExists "reopen_request" for a second.
  virtual absl::StatusOr<int64_t> InsertReopenRequest(const ReopenRequest& r) = 0;
  virtual absl::StatusOr<std::optional<ReopenRequest>> FindReopenRequest(int64_t id) = 0;
  virtual absl::StatusOr<std::optional<ReopenRequest>> FindPendingReopenRequest(FollowupId id) = 0;
  // Writes status, decided_by, decided_at and answer of a pending request;
  // FailedPrecondition "reopen_request" when it was decided already.
  virtual absl::Status DecideReopenRequest(const ReopenRequest& r) = 0;

  // CSV imports. The file is kept with the row until the import ends.
  virtual absl::StatusOr<int64_t> InsertImport(const ImportRun& r, const std::string& content) = 0;
  virtual absl::StatusOr<std::optional<ImportRun>> FindImport(int64_t id) = 0;
  virtual absl::StatusOr<std::vector<ImportRun>> ListImports(int limit) = 0;  // newest first
  // Leases the oldest queued or running import of this kind ("documents", "parties")
  // whose lease is free, expired or already the worker's, once no older import of
  // another kind is unfinished: imports are worked in the order they came. Each kind
  // has its own job, and a job never locks or leases an import it cannot work.
  virtual absl::StatusOr<std::optional<ImportRun>> ClaimImport(std::string_view kind,
                                                               absl::Time now,
                                                               const std::string& worker,
                                                               absl::Time lease_until) = 0;
  virtual absl::StatusOr<std::string> ReadImportContent(int64_t id) = 0;
  // Writes status, counters, errors and finished_at, and renews the lease; drops the
  // file once the import is done or failed. FailedPrecondition("lease") unless the
  // import is leased by worker.
  virtual absl::Status UpdateImport(const ImportRun& r, const std::string& worker,
                                    absl::Time lease_until) = 0;
};

}  // namespace retorno
