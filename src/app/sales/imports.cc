#include "app/sales/imports.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "app/errors.h"
#include "app/mail/mail_compose.h"
#include "app/sales/sales_common.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "base/time_util.h"
#include "domain/automatic.h"
#include "domain/csv_table.h"
#include "domain/permissions.h"
#include "domain/state.h"
#include "domain/templates.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

// ---------------------------------------------------------------------------------
// Imports

const std::vector<std::string>& DocumentCsvColumns() {
  static const auto* columns = new std::vector<std::string>{
      "kind",         "number", "date",      "customer_code", "status",
      "completed_on", "seller", "item_code", "quantity",      "description"};
  return *columns;
}

namespace {

const char* const kRequiredColumns[] = {"kind", "number", "date", "customer_code", "item_code"};

// "1", "2.5" or "2,5" (a decimal comma, as pt-BR and es spreadsheets write).
std::optional<double> ParseQuantity(std::string s) {
  if (s.empty()) return 1.0;
  std::replace(s.begin(), s.end(), ',', '.');
  double v = 0;
  if (!absl::SimpleAtod(s, &v)) return std::nullopt;
  return v;
}

struct CsvDocument {
  int first_line = 0;
  std::vector<int> lines;
  DocumentInput input;
  std::vector<ImportError> errors;
};

// Groups the records by (kind, number), in order of first appearance; fields that
// are not valid become errors of their line.
std::vector<CsvDocument> GroupDocuments(const CsvTable& t) {
  std::vector<CsvDocument> docs;
  absl::flat_hash_map<std::string, size_t> index;
  for (const CsvRecord& r : t.records) {
    auto field = [&](std::string_view c) { return CsvField(t, r, c); };
    const std::string kind = field("kind"), number = field("number");
    auto [it, fresh] = index.emplace(absl::StrCat(kind, "\x1f", number), docs.size());
    if (fresh) {
      CsvDocument d;
      d.first_line = r.line;
      d.input.kind = ParseDocumentKind(kind);
      if (!d.input.kind)
        d.errors.push_back({r.line, "kind", kind.empty() ? "required" : "invalid_value"});
      d.input.number = number;
      if (number.empty()) d.errors.push_back({r.line, "number", "required"});
      const std::string date = field("date");
      d.input.date = ParseCsvDate(date);
      if (!d.input.date)
        d.errors.push_back({r.line, "date", date.empty() ? "required" : "invalid_date"});
      d.input.party_code = field("customer_code");
      if (d.input.party_code.empty()) d.errors.push_back({r.line, "customer_code", "required"});
      const std::string status = field("status");
      if (!status.empty()) {
        d.input.status = ParseDocumentStatus(status);
        if (!d.input.status) d.errors.push_back({r.line, "status", "invalid_value"});
      }
      const std::string completed = field("completed_on");
      if (!completed.empty()) {
        d.input.completed_on = ParseCsvDate(completed);
        if (!d.input.completed_on) d.errors.push_back({r.line, "completed_on", "invalid_date"});
      }
      d.input.owner_login = field("seller");
      docs.push_back(std::move(d));
    }
    CsvDocument& d = docs[it->second];
    d.lines.push_back(r.line);
    DocumentItemInput item;
    item.item_code = field("item_code");
    item.description = field("description");
    item.quantity = ParseQuantity(field("quantity"));
    if (!item.quantity) {
      d.errors.push_back({r.line, "quantity", "invalid_number"});
      item.quantity = 1;
    }
    d.input.items.push_back(std::move(item));
  }
  return docs;
}

// Maps the issues of a document to the lines they came from: items[i] to its line,
// document fields to the first line.
std::vector<ImportError> ErrorsOf(const CsvDocument& d, const absl::Status& st) {
  std::vector<ImportError> out;
  std::vector<FieldIssue> issues = FieldIssuesOf(st);
  if (issues.empty()) {
    out.push_back({d.first_line, "", std::string(st.message())});
    return out;
  }
  for (const FieldIssue& i : issues) {
    int line = d.first_line;
    std::string field = i.field;
    size_t index = 0;
    if (absl::StartsWith(field, "items[")) {
      const size_t close = field.find(']');
      if (close != std::string::npos && absl::SimpleAtoi(field.substr(6, close - 6), &index) &&
          index < d.lines.size()) {
        line = d.lines[index];
        field = field.substr(std::min(field.size(), close + 2));
      }
    } else if (field == "party_id") {
      field = "customer_code";
    } else if (field == "owner_id") {
      field = "seller";
    }
    out.push_back({line, field, i.key});
  }
  return out;
}

void AddErrors(ImportRun& run, const std::vector<ImportError>& errors) {
  absl::flat_hash_set<int> lines;
  for (const ImportError& e : errors) {
    lines.insert(e.line);
    if (static_cast<int>(run.errors.size()) < kMaxImportErrors) run.errors.push_back(e);
  }
  run.error_lines += static_cast<int>(lines.size());
}

}  // namespace

absl::StatusOr<ImportRun> ImportService::Enqueue(const AuthContext& ctx,
                                                 const std::string& file_name,
                                                 const std::string& content, absl::Time now) {
  RETURN_IF_ERROR(RequireDocumentWriter(ctx));
  absl::StatusOr<CsvTable> table = ReadCsv(content);
  if (!table.ok()) return FieldError("file", std::string(table.status().message()));
  Issues issues;
  for (const char* column : kRequiredColumns)
    if (std::find(table->header.begin(), table->header.end(), column) == table->header.end())
      issues.Add(absl::StrCat("file.", column), "missing_column");
  if (table->records.empty()) issues.Add("file", "csv_no_rows");
  RETURN_IF_ERROR(issues.ToStatus());
  ImportRun run;
  run.file_name = file_name.empty() ? "import.csv" : file_name;
  run.user_id = ctx.user.id;
  run.total_lines = static_cast<int>(table->records.size());
  run.created_at = now;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(run.id, tx.sales().InsertImport(run, content));
    return absl::OkStatus();
  }));
  return run;
}

absl::StatusOr<ImportRun> ImportService::Get(const AuthContext& ctx, int64_t id) {
  std::optional<ImportRun> run;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(run, tx.sales().FindImport(id));
    return absl::OkStatus();
  }));
  // Imports are visible to their author and to admins.
  if (!run || (run->user_id != ctx.user.id && ctx.user.role != Role::kAdmin))
    return CodedError(ErrorCode::kImportNotFound);
  return *run;
}

absl::StatusOr<std::vector<ImportRun>> ImportService::List(const AuthContext& ctx, int limit) {
  std::vector<ImportRun> all;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(all, tx.sales().ListImports(200));
    return absl::OkStatus();
  }));
  std::vector<ImportRun> out;
  for (ImportRun& r : all) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (r.user_id == ctx.user.id || ctx.user.role == Role::kAdmin) out.push_back(std::move(r));
  }
  return out;
}

struct ImportService::Parsed {
  int64_t import_id = 0;
  std::vector<CsvDocument> docs;
};

absl::StatusOr<bool> ImportService::ProcessNext(const std::string& worker, absl::Time now,
                                                absl::Duration lease) {
  std::lock_guard lock(mu_);
  std::optional<ImportRun> run;
  std::string content;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(run, tx.sales().ClaimImport("documents", now, worker, now + lease));
    if (run && (!parsed_ || parsed_->import_id != run->id)) {
      ASSIGN_OR_RETURN(content, tx.sales().ReadImportContent(run->id));
    }
    return absl::OkStatus();
  }));
  if (!run) return false;
  ImportRun& r = *run;
  r.status = ImportStatus::kRunning;
  std::optional<User> importer;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(importer, tx.accounts().FindUser(r.user_id));
    return absl::OkStatus();
  }));
  // The file was checked at upload, so this fails only if it was damaged since, or if
  // its author was removed: the import ends as failed.
  absl::StatusOr<CsvTable> table;
  if (importer && (!parsed_ || parsed_->import_id != r.id)) {
    table = ReadCsv(content);
    if (table.ok()) parsed_ = std::make_shared<Parsed>(Parsed{r.id, GroupDocuments(*table)});
  }
  if (!importer || !parsed_ || parsed_->import_id != r.id) {
    r.status = ImportStatus::kFailed;
    r.finished_at = now;
    RETURN_IF_ERROR(
        store_.Write([&](Tx& tx) { return tx.sales().UpdateImport(r, worker, now + lease); }));
    return true;
  }
  AuthContext ctx = ActingAs(*importer);
  // The importer's rights as they stand now (ADR 0040): a create_documents granted to
  // an agent counts, and one revoked mid-import refuses the documents still to come.
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<UserRightChange> rights,
                     tx.accounts().ListUserRights(importer->id));
    RightSetsOf(rights, ctx.rights_granted, ctx.rights_revoked);
    return absl::OkStatus();
  }));
  std::vector<CsvDocument>& docs = parsed_->docs;
  // Resume: skip the documents whose lines were already counted as processed.
  size_t next = 0;
  for (int done = 0;
       next < docs.size() && done + static_cast<int>(docs[next].lines.size()) <= r.processed_lines;
       ++next)
    done += static_cast<int>(docs[next].lines.size());
  const size_t end = std::min(docs.size(), next + static_cast<size_t>(options_.chunk_documents));

  // One transaction for the chunk. A document whose data is wrong is reported and
  // left out (checked before anything of it is written); if one still fails while
  // being written, the chunk rolls back and is redone a document per transaction, so
  // each document is all or nothing on its own.
  auto count = [](ImportRun& into, const UpsertResult& res) {
    switch (res.kind) {
      case UpsertKind::kCreated:
        ++into.documents_created;
        break;
      case UpsertKind::kUpdated:
        ++into.documents_updated;
        break;
      case UpsertKind::kUnchanged:
        ++into.documents_unchanged;
        break;
    }
    into.followups_created += res.automatic.created;
  };
  auto rejected = [](const absl::Status& st) {
    return absl::IsInvalidArgument(st) || absl::IsPermissionDenied(st) || absl::IsAlreadyExists(st);
  };
  auto finish = [&](ImportRun& into, size_t done_docs) {
    if (done_docs == docs.size()) {
      into.status = ImportStatus::kDone;
      into.finished_at = now;
    }
  };
  ImportRun after = r;
  absl::Status chunk = store_.Write([&](Tx& tx) -> absl::Status {
    after = r;
    for (size_t i = next; i < end; ++i) {
      CsvDocument& d = docs[i];
      after.processed_lines += static_cast<int>(d.lines.size());
      if (!d.errors.empty()) {
        AddErrors(after, d.errors);
        continue;
      }
      absl::StatusOr<SalesDocument> prepared = documents_.Prepare(tx, ctx, d.input);
      if (rejected(prepared.status())) {
        AddErrors(after, ErrorsOf(d, prepared.status()));
        continue;
      }
      RETURN_IF_ERROR(prepared.status());
      ASSIGN_OR_RETURN(UpsertResult res,
                       documents_.UpsertPrepared(tx, ctx, *std::move(prepared), now));
      count(after, res);
    }
    finish(after, end);
    return tx.sales().UpdateImport(after, worker, now + lease);
  });
  if (absl::IsFailedPrecondition(chunk)) return true;  // lease lost: another worker has it
  if (!chunk.ok()) {
    for (size_t i = next; i < end; ++i) {
      CsvDocument& d = docs[i];
      ImportRun one = r;
      absl::Status st = store_.Write([&](Tx& tx) -> absl::Status {
        one = r;
        one.processed_lines += static_cast<int>(d.lines.size());
        if (!d.errors.empty()) {
          AddErrors(one, d.errors);
        } else {
          ASSIGN_OR_RETURN(UpsertResult res, documents_.UpsertInTx(tx, ctx, d.input, now));
          count(one, res);
        }
        finish(one, i + 1);
        return tx.sales().UpdateImport(one, worker, now + lease);
      });
      if (absl::IsFailedPrecondition(st) && st.message() == "lease") return true;
      if (!st.ok()) {
        one = r;
        one.processed_lines += static_cast<int>(d.lines.size());
        AddErrors(one, rejected(st)
                           ? ErrorsOf(d, st)
                           : std::vector<ImportError>{{d.first_line, "", "import_write_failed"}});
        finish(one, i + 1);
        RETURN_IF_ERROR(store_.Write(
            [&](Tx& tx) { return tx.sales().UpdateImport(one, worker, now + lease); }));
      }
      r = one;
    }
  }
  return true;
}

}  // namespace retorno
