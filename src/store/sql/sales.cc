// The sales repository in SQL: the catalogue, sales documents with their items and
// follow-ups, and CSV imports.
#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "app/error_codes.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "domain/search.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

constexpr char kCatalogCols[] =
    "c.id, c.code, c.kind, c.name, c.active, c.followup_days, c.followup_subject, "
    "c.followup_category, c.followup_type, c.followup_message, c.created_at, c.updated_at";

constexpr char kDocumentCols[] =
    "d.id, d.kind, d.number, d.party_id, d.branch_id, d.owner_id, d.issued_on, d.status, "
    "d.completed_on, d.version, d.created_by, d.updated_by, d.created_at, d.updated_at, "
    "d.followup_id, d.origin_id, d.billing, d.currency, d.discount";
constexpr int kDocumentColumns = 19;

constexpr char kImportCols[] =
    "i.id, i.kind, i.file_name, i.user_id, i.status, i.total_lines, i.processed_lines, "
    "i.documents_created, i.documents_updated, i.documents_unchanged, i.followups_created, "
    "i.error_lines, i.errors, i.created_at, i.finished_at";

// Statements built once, like the named statements above.
const std::string kFindCatalogItemSql =
    absl::StrCat("SELECT ", kCatalogCols, " FROM catalog_items c WHERE c.id = ?");
const std::string kFindCatalogItemByCodeSql =
    absl::StrCat("SELECT ", kCatalogCols, " FROM catalog_items c WHERE c.code = ?");
const DialectSql kSearchCatalogSql([](Dialect d) {
  return absl::StrCat("SELECT ", kCatalogCols, " FROM catalog_items c WHERE ((",
                      PrefixRangeSql(d, "c.code_key", "?1", "?2"), ") OR ",
                      ContainsSql(d, "c.name_key", "?1"),
                      ") AND (CAST(?3 AS text) IS NULL OR c.kind = ?3) ORDER BY ",
                      CaselessOrderSql(d, "c.name"), ", c.id LIMIT ?4");
});
const std::string kFindDocumentSql =
    absl::StrCat("SELECT ", kDocumentCols, " FROM documents d WHERE d.id = ?");
const std::string kFindDocumentByNumberSql = absl::StrCat("SELECT ", kDocumentCols,
                                                          " FROM documents d WHERE d.kind = ? AND "
                                                          "d.number = ?");
// Numbers match ignoring ASCII case: SQLite's LIKE ignores it, PostgreSQL's does not, and
// lower() folds ASCII alike in both.
const DialectSql kQueryDocumentsSql([](Dialect d) {
  return absl::StrCat("SELECT ", kDocumentCols, ", ", kPartyCols,
                      " FROM documents d JOIN parties p ON p.id = d.party_id "
                      "WHERE (CAST(?1 AS text) = '' OR lower(d.number) LIKE ?2 ESCAPE '\\' OR (",
                      PrefixRangeSql(d, "p.code_key", "?1", "?3"), ") OR ",
                      ContainsSql(d, "p.search_key", "?1"),
                      ") AND (CAST(?4 AS text) IS NULL OR d.kind = ?4) "
                      "AND (CAST(?5 AS bigint) IS NULL OR d.party_id = ?5) "
                      "AND (CAST(?6 AS bigint) = 0 OR d.id < ?6) "
                      "AND (CAST(?8 AS bigint) IS NULL OR d.owner_id = ?8 OR p.owner_id = ?8 OR "
                      "d.branch_id = ?9) ORDER BY d.id DESC LIMIT ?7");
});
const std::string kListDocumentFollowupsSql = absl::StrCat(
    "SELECT ", kFollowupCols, " FROM followups f WHERE f.document_id = ? ORDER BY f.id");
const std::string kFindImportSql =
    absl::StrCat("SELECT ", kImportCols, " FROM imports i WHERE i.id = ?");
const std::string kListImportsSql =
    absl::StrCat("SELECT ", kImportCols, " FROM imports i ORDER BY i.id DESC LIMIT ?");
const DialectSql kClaimImportSql([](Dialect d) {
  return absl::StrCat("SELECT ", kImportCols,
                      " FROM imports i WHERE i.kind = ? AND i.status IN ('queued', 'running') AND "
                      "(i.lease_until IS NULL OR i.lease_until <= ? OR i.lease_owner = ?) "
                      // Imports are worked in the order they came, whatever their kind: a
                      // sale may name a customer an earlier customer import creates.
                      "AND NOT EXISTS (SELECT 1 FROM imports o WHERE o.id < i.id AND "
                      "o.kind <> i.kind AND o.status IN ('queued', 'running')) "
                      "ORDER BY i.id LIMIT 1",
                      SkipLockedSql(d));
});
RETORNO_SQL(kDocumentVersion, "SELECT version FROM documents WHERE id = ?");
const std::string kListFollowupDocumentsSql = absl::StrCat(
    "SELECT ", kDocumentCols, " FROM documents d WHERE d.followup_id = ? ORDER BY d.id");
RETORNO_SQL(kNextDocumentNumber,
            "UPDATE sequences SET value = value + 1 WHERE name = ? RETURNING value");
constexpr char kReopenCols[] =
    "r.id, r.followup_id, r.requested_by, r.reason, r.status, r.decided_by, r.decided_at, "
    "r.answer, r.created_at";
const std::string kFindReopenRequestSql =
    absl::StrCat("SELECT ", kReopenCols, " FROM reopen_requests r WHERE r.id = ?");
const std::string kFindPendingReopenSql =
    absl::StrCat("SELECT ", kReopenCols,
                 " FROM reopen_requests r WHERE r.followup_id = ? AND "
                 "r.status = 'pending'");

absl::StatusOr<CatalogItem> ReadCatalogItem(const Query& q, int c) {
  CatalogItem i;
  i.id = q.IdAt<CatalogItemId>(c);
  i.code = q.Text(c + 1);
  RETURN_IF_ERROR(ParseEnum(&ParseCatalogKind, q.Text(c + 2), "catalog kind", &i.kind));
  i.name = q.Text(c + 3);
  i.active = q.Bool(c + 4);
  if (std::optional<int64_t> d = q.OptInt(c + 5)) i.followup_days = static_cast<int>(*d);
  i.followup = {q.Text(c + 6), q.Text(c + 7), q.Text(c + 8), q.Text(c + 9)};
  i.created_at = q.Time(c + 10);
  i.updated_at = q.Time(c + 11);
  return i;
}

absl::StatusOr<SalesDocument> ReadDocument(const Query& q, int c) {
  SalesDocument d;
  d.id = q.IdAt<DocumentId>(c);
  RETURN_IF_ERROR(ParseEnum(&ParseDocumentKind, q.Text(c + 1), "document kind", &d.kind));
  d.number = q.Text(c + 2);
  d.party_id = q.IdAt<PartyId>(c + 3);
  d.branch_id = q.OptId<BranchId>(c + 4);
  d.owner_id = q.OptId<UserId>(c + 5);
  RETURN_IF_ERROR(ParseDay(q.Text(c + 6), &d.date));
  RETURN_IF_ERROR(ParseEnum(&ParseDocumentStatus, q.Text(c + 7), "document status", &d.status));
  RETURN_IF_ERROR(ParseOptDay(q, c + 8, &d.completed_on));
  d.version = q.Int(c + 9);
  d.created_by = q.IdAt<UserId>(c + 10);
  d.updated_by = q.IdAt<UserId>(c + 11);
  d.created_at = q.Time(c + 12);
  d.updated_at = q.Time(c + 13);
  d.followup_id = q.OptId<FollowupId>(c + 14);
  d.origin_id = q.OptId<DocumentId>(c + 15);
  RETURN_IF_ERROR(ParseEnum(&ParseDocumentBilling, q.Text(c + 16), "document billing", &d.billing));
  d.currency = q.Text(c + 17);
  d.discount = q.Int(c + 18);
  return d;
}

absl::StatusOr<ReopenRequest> ReadReopenRequest(const Query& q, int c) {
  ReopenRequest r;
  r.id = q.Int(c);
  r.followup_id = q.IdAt<FollowupId>(c + 1);
  r.requested_by = q.IdAt<UserId>(c + 2);
  r.reason = q.Text(c + 3);
  RETURN_IF_ERROR(
      ParseEnum(&ParseReopenRequestStatus, q.Text(c + 4), "reopen request status", &r.status));
  r.decided_by = q.OptId<UserId>(c + 5);
  r.decided_at = q.OptTime(c + 6);
  r.answer = q.Text(c + 7);
  r.created_at = q.Time(c + 8);
  return r;
}

absl::StatusOr<ImportRun> ReadImport(const Query& q, int c) {
  ImportRun r;
  r.id = q.Int(c);
  r.kind = q.Text(c + 1);
  r.file_name = q.Text(c + 2);
  r.user_id = q.IdAt<UserId>(c + 3);
  RETURN_IF_ERROR(ParseEnum(&ParseImportStatus, q.Text(c + 4), "import status", &r.status));
  int* counters[] = {&r.total_lines,       &r.processed_lines,     &r.documents_created,
                     &r.documents_updated, &r.documents_unchanged, &r.followups_created,
                     &r.error_lines};
  for (int k = 0; k < 7; ++k) *counters[k] = static_cast<int>(q.Int(c + 5 + k));
  const nlohmann::json errors = nlohmann::json::parse(q.Text(c + 12), nullptr, false);
  if (!errors.is_array()) return absl::DataLossError("import errors");
  for (const nlohmann::json& e : errors)
    r.errors.push_back({e.value("line", 0), e.value("field", ""), e.value("key", "")});
  r.created_at = q.Time(c + 13);
  r.finished_at = q.OptTime(c + 14);
  return r;
}

std::string EncodeImportErrors(const std::vector<ImportError>& errors) {
  nlohmann::json a = nlohmann::json::array();
  for (const ImportError& e : errors)
    a.push_back({{"line", e.line}, {"field", e.field}, {"key", e.key}});
  return a.dump();
}

absl::Status WriteDocumentItems(Db& db, const SalesDocument& d, DocumentId id) {
  RETURN_IF_ERROR(db.Run("DELETE FROM document_items WHERE document_id = ?", id));
  for (size_t i = 0; i < d.items.size(); ++i) {
    const DocumentItem& it = d.items[i];
    RETURN_IF_ERROR(db.Run(
        "INSERT INTO document_items (document_id, position, item_id, item_code, description, "
        "quantity, unit_price, discount_bp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id, static_cast<int64_t>(i), it.item_id, it.item_code, it.description, it.quantity,
        it.unit_price, static_cast<int64_t>(it.discount_bp)));
  }
  return absl::OkStatus();
}

absl::Status LoadDocumentItems(Db& db, SalesDocument& d) {
  ASSIGN_OR_RETURN(d.items, FindAll<DocumentItem>(
                                db,
                                "SELECT position, item_id, item_code, description, quantity, "
                                "unit_price, discount_bp FROM document_items WHERE "
                                "document_id = ? ORDER BY position",
                                [](const Query& q, int c) -> absl::StatusOr<DocumentItem> {
                                  DocumentItem it;
                                  it.position = static_cast<int>(q.Int(c));
                                  it.item_id = q.OptId<CatalogItemId>(c + 1);
                                  it.item_code = q.Text(c + 2);
                                  it.description = q.Text(c + 3);
                                  it.quantity = q.Double(c + 4);
                                  it.unit_price = q.Int(c + 5);
                                  it.discount_bp = static_cast<int>(q.Int(c + 6));
                                  return it;
                                },
                                d.id));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CatalogItemId> SqlSales::InsertCatalogItem(const CatalogItem& c) {
  ASSIGN_OR_RETURN(
      int64_t id,
      InsertId(
          db_,
          "INSERT INTO catalog_items (code, kind, name, active, followup_days, followup_subject, "
          "followup_category, followup_type, followup_message, created_at, updated_at, code_key, "
          "name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          c.code, ToString(c.kind), c.name, c.active, c.followup_days, c.followup.subject,
          c.followup.category, c.followup.type, c.followup.message, c.created_at, c.updated_at,
          FoldForSearch(c.code), FoldForSearch(c.name)));
  return CatalogItemId(id);
}

absl::Status SqlSales::UpdateCatalogItem(const CatalogItem& c) {
  RETURN_IF_ERROR(db_.Run(
      "UPDATE catalog_items SET code = ?, kind = ?, name = ?, active = ?, followup_days = ?, "
      "followup_subject = ?, followup_category = ?, followup_type = ?, followup_message = ?, "
      "updated_at = ?, code_key = ?, name_key = ? WHERE id = ?",
      c.code, ToString(c.kind), c.name, c.active, c.followup_days, c.followup.subject,
      c.followup.category, c.followup.type, c.followup.message, c.updated_at, FoldForSearch(c.code),
      FoldForSearch(c.name), c.id));
  if (db_.Changes() != 1) return CodedError(ErrorCode::kCatalogItemNotFound);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<CatalogItem>> SqlSales::FindCatalogItem(CatalogItemId id) {
  return FindOne<CatalogItem>(db_, kFindCatalogItemSql, &ReadCatalogItem, id);
}

absl::StatusOr<std::optional<CatalogItem>> SqlSales::FindCatalogItemByCode(
    const std::string& code) {
  return FindOne<CatalogItem>(db_, kFindCatalogItemByCodeSql, &ReadCatalogItem, code);
}

absl::StatusOr<std::vector<CatalogItem>> SqlSales::SearchCatalog(const std::string& q,
                                                                 std::optional<CatalogKind> kind,
                                                                 int limit) {
  const std::string folded = FoldForSearch(q);
  return FindAll<CatalogItem>(
      db_, kSearchCatalogSql(db_.dialect()), &ReadCatalogItem, folded, PrefixEnd(folded),
      kind ? std::optional<std::string>(std::string(ToString(*kind))) : std::nullopt, limit);
}

absl::StatusOr<DocumentId> SqlSales::InsertDocument(const SalesDocument& d) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  absl::StatusOr<int64_t> new_id = InsertId(
      db_,
      "INSERT INTO documents (kind, number, party_id, branch_id, owner_id, issued_on, "
      "status, completed_on, version, created_by, updated_by, created_at, updated_at, "
      "followup_id, origin_id, billing, currency, discount) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      ToString(d.kind), d.number, d.party_id, d.branch_id, d.owner_id, d.date, ToString(d.status),
      d.completed_on, d.created_by, d.updated_by, d.created_at, d.updated_at, d.followup_id,
      d.origin_id, ToString(d.billing), d.currency, d.discount);
  if (!new_id.ok()) return RenameUnique(new_id.status(), "number");
  const DocumentId id(*new_id);
  RETURN_IF_ERROR(WriteDocumentItems(db_, d, id));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::StatusOr<int64_t> SqlSales::UpdateDocument(const SalesDocument& d) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  RETURN_IF_ERROR(RenameUnique(
      db_.Run("UPDATE documents SET kind = ?, number = ?, party_id = ?, branch_id = ?, "
              "owner_id = ?, issued_on = ?, status = ?, completed_on = ?, "
              "version = version + 1, updated_by = ?, updated_at = ?, followup_id = ?, "
              "origin_id = ?, billing = ?, currency = ?, discount = ? WHERE id = ? AND version = ?",
              ToString(d.kind), d.number, d.party_id, d.branch_id, d.owner_id, d.date,
              ToString(d.status), d.completed_on, d.updated_by, d.updated_at, d.followup_id,
              d.origin_id, ToString(d.billing), d.currency, d.discount, d.id, d.version),
      "number"));
  if (db_.Changes() != 1) return MissingOrStale(db_, kDocumentVersion, d.id.value, "document");
  RETURN_IF_ERROR(WriteDocumentItems(db_, d, d.id));
  RETURN_IF_ERROR(sp.Release());
  return d.version + 1;
}

absl::StatusOr<std::optional<SalesDocument>> SqlSales::FindDocument(DocumentId id) {
  ASSIGN_OR_RETURN(std::optional<SalesDocument> d,
                   FindOne<SalesDocument>(db_, kFindDocumentSql, &ReadDocument, id));
  if (d) RETURN_IF_ERROR(LoadDocumentItems(db_, *d));
  return d;
}

absl::StatusOr<std::optional<SalesDocument>> SqlSales::FindDocumentHeader(DocumentId id) {
  return FindOne<SalesDocument>(db_, kFindDocumentSql, &ReadDocument, id);
}

absl::StatusOr<std::optional<SalesDocument>> SqlSales::FindDocumentByNumber(
    DocumentKind kind, const std::string& number) {
  ASSIGN_OR_RETURN(
      std::optional<SalesDocument> d,
      FindOne<SalesDocument>(db_, kFindDocumentByNumberSql, &ReadDocument, ToString(kind), number));
  if (d) RETURN_IF_ERROR(LoadDocumentItems(db_, *d));
  return d;
}

absl::StatusOr<DocumentPage> SqlSales::QueryDocuments(const DocumentQuery& dq) {
  DocumentPage page;
  if (dq.limit <= 0) return page;
  int64_t after = 0;
  if (!dq.cursor.empty() && !absl::SimpleAtoi(dq.cursor, &after))
    return absl::InvalidArgumentError("cursor");
  // Folded like the party keys; document numbers are ERP codes, and LIKE folds their
  // ASCII case.
  const std::string folded = FoldForSearch(dq.text);
  const std::string escaped = LikeEscape(folded);
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kQueryDocumentsSql(db_.dialect())));
  q.BindAll(folded, absl::StrCat(escaped, "%"), PrefixEnd(folded),
            dq.kind ? std::optional<std::string>(std::string(ToString(*dq.kind))) : std::nullopt,
            dq.party_id, after, static_cast<int64_t>(dq.limit + 1), dq.visible_to,
            dq.visible_branch);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    DocumentRow r;
    ASSIGN_OR_RETURN(r.document, ReadDocument(q, 0));
    ASSIGN_OR_RETURN(r.party, ReadParty(q, kDocumentColumns));
    page.items.push_back(std::move(r));
  }
  if (static_cast<int>(page.items.size()) > dq.limit) {
    page.items.pop_back();
    page.next_cursor = absl::StrCat(page.items.back().document.id.value);
  }
  for (DocumentRow& r : page.items) RETURN_IF_ERROR(LoadDocumentItems(db_, r.document));
  return page;
}

absl::StatusOr<std::vector<Followup>> SqlSales::ListDocumentFollowups(DocumentId id) {
  return FindAll<Followup>(db_, kListDocumentFollowupsSql, &ReadFollowup, id);
}

absl::StatusOr<std::vector<SalesDocument>> SqlSales::ListFollowupDocuments(FollowupId id) {
  ASSIGN_OR_RETURN(std::vector<SalesDocument> docs,
                   FindAll<SalesDocument>(db_, kListFollowupDocumentsSql, &ReadDocument, id));
  for (SalesDocument& d : docs) RETURN_IF_ERROR(LoadDocumentItems(db_, d));
  return docs;
}

absl::StatusOr<int64_t> SqlSales::NextDocumentNumber(DocumentKind kind) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kNextDocumentNumber));
  q.Bind(absl::StrCat("document_", ToAbsl(ToString(kind))));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::InternalError("no document counter");
  return q.Int(0);
}

absl::StatusOr<int64_t> SqlSales::InsertReopenRequest(const ReopenRequest& r) {
  absl::StatusOr<int64_t> id =
      InsertId(db_,
               "INSERT INTO reopen_requests (followup_id, requested_by, reason, status, answer, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
               r.followup_id, r.requested_by, r.reason, ToString(r.status), r.answer, r.created_at);
  if (!id.ok()) return RenameUnique(id.status(), "reopen_request");
  return id;
}

absl::StatusOr<std::optional<ReopenRequest>> SqlSales::FindReopenRequest(int64_t id) {
  return FindOne<ReopenRequest>(db_, kFindReopenRequestSql, &ReadReopenRequest, id);
}

absl::StatusOr<std::optional<ReopenRequest>> SqlSales::FindPendingReopenRequest(FollowupId id) {
  return FindOne<ReopenRequest>(db_, kFindPendingReopenSql, &ReadReopenRequest, id);
}

absl::Status SqlSales::DecideReopenRequest(const ReopenRequest& r) {
  RETURN_IF_ERROR(
      db_.Run("UPDATE reopen_requests SET status = ?, decided_by = ?, decided_at = ?, answer = ? "
              "WHERE id = ? AND status = 'pending'",
              ToString(r.status), r.decided_by, r.decided_at, r.answer, r.id));
  if (db_.Changes() != 1) return absl::FailedPreconditionError("reopen_request");
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqlSales::InsertImport(const ImportRun& r, const std::string& content) {
  ASSIGN_OR_RETURN(
      Query q, db_.Prepare("INSERT INTO imports (kind, file_name, user_id, status, total_lines, "
                           "errors, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                           "RETURNING id"));
  q.BindAll(r.kind, r.file_name, r.user_id, ToString(r.status), r.total_lines,
            EncodeImportErrors(r.errors));
  q.BindBlobNoCopy(content);
  q.Bind(r.created_at);
  return InsertReturningId(q);
}

absl::StatusOr<std::optional<ImportRun>> SqlSales::FindImport(int64_t id) {
  return FindOne<ImportRun>(db_, kFindImportSql, &ReadImport, id);
}

absl::StatusOr<std::vector<ImportRun>> SqlSales::ListImports(int limit) {
  return FindAll<ImportRun>(db_, kListImportsSql, &ReadImport, limit);
}

absl::StatusOr<std::optional<ImportRun>> SqlSales::ClaimImport(std::string_view kind,
                                                               absl::Time now,
                                                               const std::string& worker,
                                                               absl::Time lease_until) {
  ASSIGN_OR_RETURN(std::optional<ImportRun> r,
                   FindOne<ImportRun>(db_, kClaimImportSql(db_.dialect()), &ReadImport,
                                      std::string(kind), now, worker));
  if (!r) return r;
  RETURN_IF_ERROR(db_.Run("UPDATE imports SET lease_owner = ?, lease_until = ? WHERE id = ?",
                          worker, lease_until, r->id));
  return r;
}

absl::StatusOr<std::string> SqlSales::ReadImportContent(int64_t id) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare("SELECT content FROM imports WHERE id = ?"));
  q.Bind(id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return CodedError(ErrorCode::kImportNotFound);
  return q.Blob(0);
}

absl::Status SqlSales::UpdateImport(const ImportRun& r, const std::string& worker,
                                    absl::Time lease_until) {
  const bool finished = r.status == ImportStatus::kDone || r.status == ImportStatus::kFailed;
  RETURN_IF_ERROR(db_.Run(
      "UPDATE imports SET status = ?, total_lines = ?, processed_lines = ?, "
      "documents_created = ?, documents_updated = ?, documents_unchanged = ?, "
      "followups_created = ?, error_lines = ?, errors = ?, finished_at = ?, "
      "lease_until = ?, content = CASE WHEN CAST(? AS bigint) <> 0 THEN NULL ELSE content END "
      "WHERE id = ? AND lease_owner = ?",
      ToString(r.status), r.total_lines, r.processed_lines, r.documents_created,
      r.documents_updated, r.documents_unchanged, r.followups_created, r.error_lines,
      EncodeImportErrors(r.errors), r.finished_at,
      finished ? std::optional<absl::Time>() : std::optional<absl::Time>(lease_until), finished,
      r.id, worker));
  if (db_.Changes() != 1) return absl::FailedPreconditionError("lease");
  return absl::OkStatus();
}

}  // namespace retorno::sql
