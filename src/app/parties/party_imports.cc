#include "app/parties/party_imports.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "app/error_codes.h"
#include "app/errors.h"
#include "app/sales/sales_common.h"
#include "base/status_macros.h"
#include "domain/csv_table.h"
#include "domain/party_csv.h"
#include "domain/permissions.h"
#include "domain/search.h"
#include "domain/tax_id.h"

namespace retorno {

namespace {

enum class LineKind { kCreated, kUpdated, kUnchanged };

// What one good line did.
struct LineOutcome {
  LineKind party = LineKind::kUnchanged;
  bool contact_created = false;
  bool contact_updated = false;
};

// Into the import's counters (kPartyImportKind says which count what).
void Count(ImportRun& run, const LineOutcome& o) {
  switch (o.party) {
    case LineKind::kCreated:
      ++run.documents_created;
      break;
    case LineKind::kUpdated:
      ++run.documents_updated;
      break;
    case LineKind::kUnchanged:
      ++run.documents_unchanged;
      break;
  }
  if (o.contact_created) ++run.followups_created;
}

void AddErrors(ImportRun& run, const std::vector<ImportError>& errors) {
  absl::flat_hash_set<int> lines;
  for (const ImportError& e : errors) {
    lines.insert(e.line);
    if (static_cast<int>(run.errors.size()) < kMaxImportErrors) run.errors.push_back(e);
  }
  run.error_lines += static_cast<int>(lines.size());
}

// The column a field of the party use cases came from ("contacts[0].email" is the
// contact's e-mail: a line has one contact).
std::optional<PartyColumn> ColumnOfField(std::string_view field) {
  if (field.substr(0, 8) == "contacts") {
    const size_t dot = field.find("].");
    const std::string_view member = dot == std::string_view::npos ? "" : field.substr(dot + 2);
    if (member == "email") return PartyColumn::kContactEmail;
    if (member == "phone") return PartyColumn::kContactPhone;
    if (member == "whatsapp") return PartyColumn::kContactWhatsapp;
    if (member == "birthday") return PartyColumn::kContactBirthday;
    return PartyColumn::kContactName;
  }
  if (field == "branch_id") return PartyColumn::kBranch;
  if (field == "owner_id") return PartyColumn::kOwner;
  for (PartyColumn c : AllPartyColumns())
    if (ToString(c) == field) return c;
  return std::nullopt;
}

struct ParsedFile {
  int64_t import_id = 0;
  CsvTable table;
  PartyCsvLayout layout;
  std::vector<PartyCsvLine> lines;
};

std::vector<ImportError> ErrorsOf(const ParsedFile& p, int line, const absl::Status& st) {
  std::vector<ImportError> out;
  const std::vector<FieldIssue> issues = FieldIssuesOf(st);
  if (issues.empty()) {
    out.push_back({line, "", std::string(st.message())});
    return out;
  }
  for (const FieldIssue& i : issues) {
    std::optional<PartyColumn> c = ColumnOfField(i.field);
    out.push_back({line, c ? PartyCsvHeader(p.table, p.layout, *c) : i.field, i.key});
  }
  return out;
}

bool Rejected(const absl::Status& st) {
  return absl::IsInvalidArgument(st) || absl::IsPermissionDenied(st) || absl::IsAlreadyExists(st) ||
         absl::IsNotFound(st);
}

// Contacts are the same person by e-mail (any case), else by name (any case and
// accents), within their party.
int FindContact(const std::vector<Contact>& contacts, const PartyCsvLine& l) {
  if (l.contact_email) {
    const std::string email = FoldForSearch(*l.contact_email);
    for (size_t i = 0; i < contacts.size(); ++i)
      if (!contacts[i].email.empty() && FoldForSearch(contacts[i].email) == email)
        return static_cast<int>(i);
  }
  if (l.contact_name) {
    const std::string name = FoldForSearch(*l.contact_name);
    for (size_t i = 0; i < contacts.size(); ++i)
      if (FoldForSearch(contacts[i].name) == name) return static_cast<int>(i);
  }
  return -1;
}

// The line's contact over `c` (what the line leaves empty stays).
Contact MergeContact(Contact c, const PartyCsvLine& l) {
  if (l.contact_name) c.name = *l.contact_name;
  // The e-mail it was found by, typed in another case, is the same e-mail.
  if (l.contact_email && FoldForSearch(*l.contact_email) != FoldForSearch(c.email))
    c.email = *l.contact_email;
  if (l.contact_phone) c.phone = *l.contact_phone;
  if (l.contact_whatsapp) c.whatsapp = *l.contact_whatsapp;
  if (l.contact_birthday) c.birthday = l.contact_birthday;
  return c;
}

// Reads in their own transactions what a line needs to be applied.
struct Lookup {
  std::vector<Branch> branches;
};

// Applies one line: every check before the one write (PartyService's Create or
// Update, one transaction), so a refused line (an InvalidArgument, PermissionDenied...
// status) wrote nothing.
absl::StatusOr<LineOutcome> ApplyLine(Store& store, PartyService& parties, const AuthContext& ctx,
                                      const Lookup& lookup, const PartyCsvLine& l, absl::Time now) {
  LineOutcome out;
  Issues issues;
  std::optional<BranchId> branch;
  if (l.branch) {
    const std::string wanted = FoldForSearch(*l.branch);
    int64_t id = 0;
    const bool numeric = absl::SimpleAtoi(*l.branch, &id);
    for (const Branch& b : lookup.branches)
      if (FoldForSearch(b.name) == wanted || (numeric && b.id.value == id)) branch = b.id;
    if (!branch) issues.Add("branch_id", "unknown_branch");
  }
  std::optional<std::string> tax_id;
  if (l.tax_id) {
    tax_id = NormalizeTaxId(*l.tax_id);
    if (!tax_id) issues.Add("tax_id", "invalid_tax_id");
  }
  std::optional<User> owner;
  std::optional<Party> found;
  RETURN_IF_ERROR(store.Read([&](Tx& tx) -> absl::Status {
    if (l.owner) {
      ASSIGN_OR_RETURN(owner, tx.accounts().FindUserByLogin(*l.owner));
      if (!owner || !owner->active) issues.Add("owner_id", "unknown_user");
    }
    if (l.code) {
      ASSIGN_OR_RETURN(found, tx.parties().FindPartyByCode(*l.code));
    }
    if (!found && tax_id && !tax_id->empty()) {
      // The search key holds the tax id (ADR 0015); the match must be the whole of it.
      ASSIGN_OR_RETURN(std::vector<Party> hits,
                       tx.parties().SearchParties(*tax_id, std::nullopt, 50));
      std::optional<PartyId> oldest;
      for (const Party& p : hits)
        if (p.tax_id == *tax_id && (!oldest || p.id.value < oldest->value)) oldest = p.id;
      if (oldest) {
        ASSIGN_OR_RETURN(found, tx.parties().FindParty(*oldest));
      }
    }
    return absl::OkStatus();
  }));
  RETURN_IF_ERROR(issues.ToStatus());

  if (!found) {
    Party p;
    // Without a code, the party is known by its tax id, which then serves as its code.
    p.code = l.code ? *l.code : tax_id.value_or("");
    p.kind = l.kind.value_or(PartyKind::kCustomer);
    p.name = l.name.value_or("");
    p.email = l.email.value_or("");
    p.phone = l.phone.value_or("");
    p.whatsapp = l.whatsapp.value_or("");
    p.birthday = l.birthday;
    p.tax_id = tax_id.value_or("");
    p.branch_id = branch;
    if (owner) p.owner_id = owner->id;
    if (l.has_contact) {
      p.contacts.push_back(MergeContact(Contact{}, l));
      out.contact_created = true;
    }
    RETURN_IF_ERROR(parties.Create(ctx, std::move(p), now).status());
    out.party = LineKind::kCreated;
    return out;
  }

  // A party the importer may not change is refused even when the line has nothing
  // new for it: whether it is unchanged is not theirs to learn.
  if (!CanEditParty(ctx.viewer(), found->owner_id, found->branch_id))
    return CodedError(ErrorCode::kForbiddenParty);
  PartyPatch patch;
  patch.expected_version = found->version;
  bool changed = false;
  auto set = [&](auto& field, const auto& value, const auto& current) {
    if (value && *value != current) {
      field = *value;
      changed = true;
    }
  };
  set(patch.kind, l.kind, found->kind);
  set(patch.name, l.name, found->name);
  set(patch.email, l.email, found->email);
  set(patch.phone, l.phone, found->phone);
  set(patch.whatsapp, l.whatsapp, found->whatsapp);
  set(patch.tax_id, tax_id, found->tax_id);
  if (l.birthday && l.birthday != found->birthday) {
    patch.birthday.emplace(l.birthday);
    changed = true;
  }
  if (branch && branch != found->branch_id) {
    patch.branch_id.emplace(branch);
    changed = true;
  }
  if (owner && found->owner_id != owner->id) {
    patch.owner_id.emplace(owner->id);
    changed = true;
  }
  if (l.has_contact) {
    std::vector<Contact> contacts = found->contacts;
    const int at = FindContact(contacts, l);
    if (at < 0) {
      contacts.push_back(MergeContact(Contact{}, l));
      out.contact_created = true;
    } else if (Contact merged = MergeContact(contacts[at], l); merged != contacts[at]) {
      contacts[at] = std::move(merged);
      out.contact_updated = true;
    }
    if (out.contact_created || out.contact_updated) {
      patch.contacts = std::move(contacts);
      changed = true;
    }
  }
  if (!changed) return out;
  RETURN_IF_ERROR(parties.Update(ctx, found->id, patch, now).status());
  out.party = LineKind::kUpdated;
  return out;
}

}  // namespace

struct PartyImportService::Parsed : ParsedFile {};

absl::StatusOr<ImportRun> PartyImportService::Enqueue(const AuthContext& ctx,
                                                      const std::string& file_name,
                                                      const std::string& content, absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kCreateDocuments));
  absl::StatusOr<CsvTable> table = ReadCsv(content);
  if (!table.ok()) return FieldError("file", std::string(table.status().message()));
  Issues issues;
  std::vector<std::string> repeated;
  const PartyCsvLayout layout = LayoutOfPartyCsv(table->header, &repeated);
  if (!layout.Has(PartyColumn::kCode) && !layout.Has(PartyColumn::kTaxId))
    issues.Add("file.code", "missing_column");
  for (const std::string& h : repeated) issues.Add(absl::StrCat("file.", h), "duplicate");
  if (table->records.empty()) issues.Add("file", "csv_no_rows");
  RETURN_IF_ERROR(issues.ToStatus());
  ImportRun run;
  run.kind = kPartyImportKind;
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

absl::StatusOr<bool> PartyImportService::ProcessNext(const std::string& worker, absl::Time now,
                                                     absl::Duration lease) {
  std::lock_guard lock(mu_);
  std::optional<ImportRun> run;
  std::string content;
  std::optional<User> importer;
  std::vector<UserRightChange> rights;
  Lookup lookup;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(run, tx.sales().ClaimImport(kPartyImportKind, now, worker, now + lease));
    if (!run) return absl::OkStatus();
    if (!parsed_ || parsed_->import_id != run->id) {
      ASSIGN_OR_RETURN(content, tx.sales().ReadImportContent(run->id));
    }
    ASSIGN_OR_RETURN(importer, tx.accounts().FindUser(run->user_id));
    if (importer) {
      ASSIGN_OR_RETURN(rights, tx.accounts().ListUserRights(importer->id));
    }
    ASSIGN_OR_RETURN(lookup.branches, tx.accounts().ListBranches());
    return absl::OkStatus();
  }));
  if (!run) return false;
  ImportRun& r = *run;
  r.status = ImportStatus::kRunning;
  // The file was checked at upload, so this fails only if it was damaged since, or if
  // its author was removed: the import ends as failed.
  if (importer && (!parsed_ || parsed_->import_id != r.id)) {
    absl::StatusOr<CsvTable> table = ReadCsv(content);
    if (table.ok()) {
      auto p = std::make_shared<Parsed>();
      p->import_id = r.id;
      p->table = *std::move(table);
      p->layout = LayoutOfPartyCsv(p->table.header);
      for (const CsvRecord& rec : p->table.records)
        p->lines.push_back(ParsePartyCsvLine(p->table, rec, p->layout));
      parsed_ = std::move(p);
    }
  }
  if (!importer || !parsed_ || parsed_->import_id != r.id) {
    r.status = ImportStatus::kFailed;
    r.finished_at = now;
    RETURN_IF_ERROR(
        store_.Write([&](Tx& tx) { return tx.sales().UpdateImport(r, worker, now + lease); }));
    return true;
  }
  AuthContext ctx = ActingAs(*importer);
  // The importer's rights as they stand now (ADR 0040): one revoked mid-import refuses
  // the lines still to come.
  RightSetsOf(rights, ctx.rights_granted, ctx.rights_revoked);
  const bool allowed = importer->active && HasRight(ctx.viewer(), Right::kCreateDocuments);
  const Parsed& p = *parsed_;
  const size_t next = std::min(p.lines.size(), static_cast<size_t>(r.processed_lines));
  const size_t end = std::min(p.lines.size(), next + static_cast<size_t>(options_.chunk_lines));
  // Each line is its own transaction; the progress is written after the chunk. If the
  // process stops in between, the chunk is done again, which finds its lines applied.
  for (size_t i = next; i < end; ++i) {
    const PartyCsvLine& l = p.lines[i];
    ++r.processed_lines;
    if (!l.errors.empty()) {
      AddErrors(r, l.errors);
      continue;
    }
    if (!allowed) {
      AddErrors(r, {{l.line, "", "missing_right"}});
      continue;
    }
    absl::StatusOr<LineOutcome> o = ApplyLine(store_, parties_, ctx, lookup, l, now);
    if (o.ok()) {
      Count(r, *o);
    } else if (Rejected(o.status())) {
      AddErrors(r, ErrorsOf(p, l.line, o.status()));
    } else {
      AddErrors(r, {{l.line, "", "import_write_failed"}});
    }
  }
  if (end == p.lines.size()) {
    r.status = ImportStatus::kDone;
    r.finished_at = now;
  }
  absl::Status st =
      store_.Write([&](Tx& tx) { return tx.sales().UpdateImport(r, worker, now + lease); });
  if (absl::IsFailedPrecondition(st) && st.message() == "lease") return true;
  RETURN_IF_ERROR(st);
  return true;
}

}  // namespace retorno
