// Sales and service documents from the ERP (manual 002) and the automatic follow-ups
// they keep in step (see app/sales/sales.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/followups/followups.h"
#include "app/ports.h"

namespace retorno {

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

}  // namespace retorno
