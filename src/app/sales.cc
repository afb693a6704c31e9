#include "app/sales.h"

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
#include "app/mail_compose.h"
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

namespace {

constexpr size_t kMaxName = 160;
constexpr size_t kMaxNumber = 40;
constexpr size_t kMaxItems = 500;
constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxMessage = 4000;
constexpr int kMaxImportErrors = 1000;  // kept per import; error_lines counts them all

// Names, numbers and subjects: one line. Item descriptions may run over several lines
// (ERP exports carry them so) and skip that rule.
void CheckName(const std::string& field, const std::string& v, size_t max, bool required,
               Issues& issues, bool one_line = true) {
  if (v.empty()) {
    if (required) issues.Add(field, "required");
  } else if (v.size() <= max && one_line && !IsOneLine(v)) {
    issues.Add(field, "line_break");
  } else if (v.size() > max || !IsCleanText(v)) {
    issues.Add(field, "invalid_text");
  }
}

// Writing at all, before there is a document to look at (imports).
absl::Status RequireDocumentWriter(const AuthContext& ctx) {
  if (DocumentAccessFor(ctx.viewer(), DocumentReach{}, DocumentUse::kChange) ==
      DocumentAccess::kReadOnly)
    return CodedError(ErrorCode::kForbiddenDocument);
  return absl::OkStatus();
}

// Texts the system writes on the timeline or as a subject, in the owner's language.
std::string SystemText(std::string_view key, std::string_view locale, std::string_view a = "",
                       std::string_view b = "") {
  struct Text {
    std::string_view key, pt, es, en;
  };
  static constexpr Text kTexts[] = {
      {"after_sale", "Pós-venda: $1 ($2)", "Posventa: $1 ($2)", "After sale: $1 ($2)"},
      {"service_done", "Revisão do serviço: $1 ($2)", "Revisión del servicio: $1 ($2)",
       "Service check: $1 ($2)"},
      {"birthday", "Aniversário: $1", "Cumpleaños: $1", "Birthday: $1"},
      {"doc_cancelled", "Encerrado automaticamente: $1 cancelado(a).",
       "Cerrado automáticamente: $1 cancelado(a).", "Closed automatically: $1 cancelled."},
      {"doc_changed", "Encerrado automaticamente: $1 não pede mais este retorno.",
       "Cerrado automáticamente: $1 ya no requiere este seguimiento.",
       "Closed automatically: $1 no longer calls for this follow-up."},
      {"birthday_changed", "Encerrado automaticamente: a data de aniversário mudou.",
       "Cerrado automáticamente: la fecha de cumpleaños cambió.",
       "Closed automatically: the birthday changed."},
      {"quote", "Orçamento $1", "Cotización $1", "Quote $1"},
      {"sales_order", "Pedido de venda $1", "Pedido $1", "Sales order $1"},
      {"sale", "Venda $1", "Venta $1", "Sale $1"},
      {"service_order", "O.S. $1", "Orden de servicio $1", "Service order $1"},
  };
  for (const Text& t : kTexts) {
    if (t.key != key) continue;
    std::string_view f = absl::StartsWith(ToAbsl(locale), "es")   ? t.es
                         : absl::StartsWith(ToAbsl(locale), "en") ? t.en
                                                                  : t.pt;
    return absl::StrReplaceAll(ToAbsl(f), {{"$1", ToAbsl(a)}, {"$2", ToAbsl(b)}});
  }
  return std::string(key);
}

std::string DocumentLabel(const SalesDocument& d, std::string_view locale) {
  return SystemText(ToString(d.kind), locale, d.number);
}

// The actor of automatic follow-ups: the owner, acting for the system, so created_by
// and the timeline show whose follow-up it is.
AuthContext ActingAs(const User& owner) {
  AuthContext ctx;
  ctx.user = owner;
  return ctx;
}

void CheckTemplate(const std::string& prefix, const FollowupTemplate& t, Issues& issues) {
  CheckName(prefix + "subject", t.subject, kMaxSubject, false, issues);
  CheckTemplateText(prefix + "message", t.message, kMaxMessage, false, issues);
}

}  // namespace

// ---------------------------------------------------------------------------------
// Catalogue

absl::StatusOr<CatalogItem> CatalogService::Create(const AuthContext& ctx, const CatalogInput& in,
                                                   absl::Time now) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  CatalogItem c;
  c.created_at = c.updated_at = now;
  if (in.code) c.code = *in.code;
  if (in.kind) c.kind = *in.kind;
  if (in.name) c.name = *in.name;
  if (in.active) c.active = *in.active;
  if (in.followup_days) c.followup_days = *in.followup_days;
  if (in.followup) c.followup = *in.followup;
  Issues issues;
  if (!IsValidCode(c.code)) issues.Add("code", c.code.empty() ? "required" : "invalid_code");
  if (!in.kind) issues.Add("kind", "required");
  CheckName("name", c.name, kMaxName, true, issues);
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(ValidateCatalogItem(tx, c, issues));
    auto id = tx.InsertCatalogItem(c);
    if (absl::IsAlreadyExists(id.status())) return FieldError("code", "taken");
    RETURN_IF_ERROR(id.status());
    c.id = *id;
    return absl::OkStatus();
  }));
  return c;
}

absl::StatusOr<CatalogItem> CatalogService::Update(const AuthContext& ctx, CatalogItemId id,
                                                   const CatalogInput& in, absl::Time now) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  CatalogItem c;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<CatalogItem> found, tx.FindCatalogItem(id));
    if (!found) return CodedError(ErrorCode::kCatalogItemNotFound);
    c = *std::move(found);
    Issues issues;
    if (in.code) {
      c.code = *in.code;
      if (!IsValidCode(c.code)) issues.Add("code", c.code.empty() ? "required" : "invalid_code");
    }
    if (in.kind) c.kind = *in.kind;
    if (in.name) {
      c.name = *in.name;
      CheckName("name", c.name, kMaxName, true, issues);
    }
    if (in.active) c.active = *in.active;
    if (in.followup_days) c.followup_days = *in.followup_days;
    if (in.followup) c.followup = *in.followup;
    c.updated_at = now;
    RETURN_IF_ERROR(ValidateCatalogItem(tx, c, issues));
    absl::Status st = tx.UpdateCatalogItem(c);
    if (absl::IsAlreadyExists(st)) return FieldError("code", "taken");
    return st;
  }));
  return c;
}

absl::Status CatalogService::ValidateCatalogItem(Tx& tx, const CatalogItem& c, Issues& issues) {
  if (c.followup_days && (*c.followup_days < 1 || *c.followup_days > 3650))
    issues.Add("followup_days", "out_of_range");
  CheckTemplate("followup.", c.followup, issues);
  if (!c.followup.category.empty()) {
    ASSIGN_OR_RETURN(std::optional<CodeItem> k, tx.FindCode(CodeTable::kCategory, c.followup.category));
    if (!k) issues.Add("followup.category", "unknown_code");
  }
  if (!c.followup.type.empty()) {
    ASSIGN_OR_RETURN(std::optional<CodeItem> k, tx.FindCode(CodeTable::kContactType, c.followup.type));
    if (!k) issues.Add("followup.type", "unknown_code");
  }
  return issues.ToStatus();
}

absl::StatusOr<std::vector<CatalogItem>> CatalogService::Search(const std::string& q,
                                                                std::optional<CatalogKind> kind,
                                                                int limit) {
  std::vector<CatalogItem> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.SearchCatalog(q, kind, std::clamp(limit, 1, 500)));
    return absl::OkStatus();
  }));
  return out;
}

// ---------------------------------------------------------------------------------
// Documents

absl::StatusOr<SalesDocument> DocumentService::Validate(Tx& tx, const AuthContext& ctx,
                                                        const DocumentInput& in) {
  Issues issues;
  SalesDocument d;
  if (!in.kind) issues.Add("kind", "required");
  else d.kind = *in.kind;
  d.number = in.number;
  CheckName("number", in.number, kMaxNumber, true, issues);
  std::optional<Party> party;
  if (in.party_id) {
    ASSIGN_OR_RETURN(party, tx.FindParty(*in.party_id));
    if (!party) issues.Add("party_id", "unknown_party");
  } else if (!in.party_code.empty()) {
    ASSIGN_OR_RETURN(party, tx.FindPartyByCode(in.party_code));
    if (!party) issues.Add("customer_code", "unknown_party");
  } else {
    issues.Add("party_id", "required");
  }
  if (!in.date) issues.Add("date", "required");
  else d.date = *in.date;
  d.status = in.status.value_or(DocumentStatus::kOpen);
  d.completed_on = in.completed_on;
  if (d.status == DocumentStatus::kCompleted && d.kind == DocumentKind::kServiceOrder &&
      !d.completed_on)
    issues.Add("completed_on", "required");
  if (d.completed_on && d.status != DocumentStatus::kCompleted)
    issues.Add("completed_on", "only_when_completed");
  if (d.completed_on && in.date && *d.completed_on < *in.date)
    issues.Add("completed_on", "before_date");
  std::optional<User> owner;
  if (in.owner_id) {
    ASSIGN_OR_RETURN(owner, tx.FindUser(*in.owner_id));
    if (!owner || !owner->active) issues.Add("owner_id", "unknown_user");
  } else if (!in.owner_login.empty()) {
    ASSIGN_OR_RETURN(owner, tx.FindUserByLogin(in.owner_login));
    if (!owner || !owner->active) issues.Add("seller", "unknown_user");
  } else if (party && party->owner_id) {
    ASSIGN_OR_RETURN(owner, tx.FindUser(*party->owner_id));
  }
  if (owner && !CanAssignTo(ctx.viewer(), owner->id, owner->branch_id))
    issues.Add(in.owner_login.empty() ? "owner_id" : "seller", "not_allowed");
  if (in.items.size() > kMaxItems) issues.Add("items", "too_many");
  for (size_t i = 0; i < in.items.size() && i < kMaxItems; ++i) {
    const DocumentItemInput& it = in.items[i];
    const std::string prefix = absl::StrCat("items[", i, "].");
    DocumentItem line;
    line.position = static_cast<int>(i);
    line.item_code = it.item_code;
    line.description = it.description;
    line.quantity = it.quantity.value_or(1);
    if (!IsValidCode(it.item_code)) {
      issues.Add(prefix + "item_code", it.item_code.empty() ? "required" : "invalid_code");
    } else {
      ASSIGN_OR_RETURN(std::optional<CatalogItem> c, tx.FindCatalogItemByCode(it.item_code));
      if (c) {
        line.item_id = c->id;
        if (line.description.empty()) line.description = c->name;
      }
    }
    CheckName(prefix + "description", it.description, kMaxName, false, issues, false);
    if (!std::isfinite(line.quantity) || line.quantity <= 0 || line.quantity > 1e9)
      issues.Add(prefix + "quantity", "out_of_range");
    d.items.push_back(std::move(line));
  }
  RETURN_IF_ERROR(issues.ToStatus());
  d.party_id = party->id;
  if (owner) d.owner_id = owner->id;
  d.branch_id = owner && owner->branch_id ? owner->branch_id : party->branch_id;
  return d;
}

absl::StatusOr<SalesDocument> DocumentService::Prepare(Tx& tx, const AuthContext& ctx,
                                                       const DocumentInput& in) {
  RETURN_IF_ERROR(RequireDocumentWriter(ctx));
  // A document out of reach stays as it is, whatever the new data says; nor may the
  // new data put one out of the writer's reach (another branch's customer or seller).
  if (in.kind) {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> existing,
                     tx.FindDocumentByNumber(*in.kind, in.number));
    if (existing) RETURN_IF_ERROR(CheckDocumentUse(tx, ctx, *existing, DocumentUse::kChange));
  }
  ASSIGN_OR_RETURN(SalesDocument d, Validate(tx, ctx, in));
  RETURN_IF_ERROR(CheckDocumentUse(tx, ctx, d, DocumentUse::kChange));
  return d;
}

absl::StatusOr<UpsertResult> DocumentService::UpsertInTx(Tx& tx, const AuthContext& ctx,
                                                         const DocumentInput& in, absl::Time now) {
  ASSIGN_OR_RETURN(SalesDocument d, Prepare(tx, ctx, in));
  return UpsertPrepared(tx, ctx, std::move(d), now);
}

absl::StatusOr<UpsertResult> DocumentService::UpsertPrepared(Tx& tx, const AuthContext& ctx,
                                                             SalesDocument d, absl::Time now,
                                                             bool create_only) {
  UpsertResult out;
  ASSIGN_OR_RETURN(std::optional<SalesDocument> existing, tx.FindDocumentByNumber(d.kind, d.number));
  if (existing && create_only) return FieldError("number", "taken");
  d.updated_by = ctx.user.id;
  d.updated_at = now;
  if (!existing) {
    d.created_by = ctx.user.id;
    d.created_at = now;
    ASSIGN_OR_RETURN(d.id, tx.InsertDocument(d));
    out.kind = UpsertKind::kCreated;
  } else {
    d.id = existing->id;
    d.version = existing->version;
    d.created_by = existing->created_by;
    d.created_at = existing->created_at;
    const bool same = d.party_id == existing->party_id && d.branch_id == existing->branch_id &&
                      d.owner_id == existing->owner_id && d.date == existing->date &&
                      d.status == existing->status && d.completed_on == existing->completed_on &&
                      d.items == existing->items;
    if (same) {
      d = *std::move(existing);
      out.kind = UpsertKind::kUnchanged;
    } else {
      ASSIGN_OR_RETURN(d.version, tx.UpdateDocument(d));
      out.kind = UpsertKind::kUpdated;
    }
  }
  ASSIGN_OR_RETURN(out.automatic, SyncAutomatic(tx, ctx, d, now));
  out.document = std::move(d);
  return out;
}

absl::StatusOr<AutomaticOutcome> DocumentService::SyncAutomatic(Tx& tx, const AuthContext& ctx,
                                                                const SalesDocument& doc,
                                                                absl::Time now) {
  AutomaticOutcome out;
  absl::flat_hash_map<CatalogItemId, CatalogItem> catalogue;
  for (const DocumentItem& line : doc.items) {
    if (!line.item_id || catalogue.contains(*line.item_id)) continue;
    ASSIGN_OR_RETURN(std::optional<CatalogItem> c, tx.FindCatalogItem(*line.item_id));
    if (c) catalogue.emplace(c->id, *std::move(c));
  }
  const std::vector<PlannedFollowup> plan = PlanDocumentFollowups(doc, catalogue);
  ASSIGN_OR_RETURN(std::vector<Followup> linked, tx.ListDocumentFollowups(doc.id));
  const std::string prefix = DocumentOriginPrefix(doc.id);
  absl::flat_hash_map<std::string, Followup*> existing;
  for (Followup& f : linked)
    if (absl::StartsWith(f.origin_key, prefix)) existing.emplace(f.origin_key, &f);
  if (plan.empty() && existing.empty()) return out;  // most lines of an import

  ASSIGN_OR_RETURN(std::optional<Party> party, tx.FindParty(doc.party_id));
  if (!party) return CodedError(ErrorCode::kPartyNotFound);
  std::optional<UserId> owner_id = doc.owner_id ? doc.owner_id : party->owner_id;
  std::optional<User> owner;
  if (owner_id) {
    ASSIGN_OR_RETURN(owner, tx.FindUser(*owner_id));
  }
  if (!owner || !owner->active) owner = ctx.user;
  const AuthContext acting = ActingAs(*owner);
  const absl::CivilDay today = TodayOf(*owner, now);

  absl::flat_hash_set<std::string> wanted;
  for (const PlannedFollowup& p : plan) {
    wanted.insert(p.origin_key);
    auto it = existing.find(p.origin_key);
    if (it != existing.end()) {
      Followup& f = *it->second;
      if (f.status == FollowupStatus::kOpen && p.due_date >= today) {
        ASSIGN_OR_RETURN(bool moved, followups_.MoveFirstReturnInTx(tx, acting, f, p.due_date, now));
        if (moved) ++out.moved;
      }
      continue;
    }
    if (p.due_date < today) continue;  // late on arrival: see the header
    const CatalogItem& item = catalogue.at(p.item_id);
    CreateFollowupInput in;
    in.party_id = doc.party_id;
    in.owner_id = owner->id;
    in.subject = !item.followup.subject.empty()
                     ? item.followup.subject
                     : SystemText(p.origin, owner->locale, item.name, DocumentLabel(doc, owner->locale));
    if (in.subject.size() > kMaxSubject) in.subject.resize(kMaxSubject);
    in.category = !item.followup.category.empty()         ? item.followup.category
                  : p.origin == kOriginServiceDone ? "assistencia_tecnica"
                                                          : "pos_venda";
    ActionInput action;
    action.type = item.followup.type.empty() ? "phone" : item.followup.type;
    action.due_date = p.due_date;
    action.message = item.followup.message;
    in.next_action = action;
    in.origin = std::string(p.origin);
    in.document_id = doc.id;
    in.origin_key = p.origin_key;
    CreatedFollowup created;
    RETURN_IF_ERROR(followups_.CreateInTx(tx, acting, in, now, created));
    ++out.created;
  }
  for (auto& [key, f] : existing) {
    if (wanted.contains(key) || f->status != FollowupStatus::kOpen) continue;
    ASSIGN_OR_RETURN(std::optional<User> fowner, tx.FindUser(f->owner_id));
    const std::string locale = fowner ? fowner->locale : owner->locale;
    const std::string label = DocumentLabel(doc, locale);
    RETURN_IF_ERROR(followups_.CloseInTx(
        tx, fowner ? ActingAs(*fowner) : acting, *f,
        SystemText(doc.status == DocumentStatus::kCancelled ? "doc_cancelled" : "doc_changed",
                   locale, label),
        now));
    ++out.closed;
  }
  return out;
}

absl::StatusOr<DocumentView> DocumentService::Load(Tx& tx, const AuthContext& ctx, DocumentId id,
                                                   absl::Time now) {
  DocumentView v;
  ASSIGN_OR_RETURN(std::optional<SalesDocument> d, tx.FindDocument(id));
  if (!d) return CodedError(ErrorCode::kDocumentNotFound);
  RETURN_IF_ERROR(CheckDocumentUse(tx, ctx, *d, DocumentUse::kRead));
  v.can_change = CheckDocumentUse(tx, ctx, *d, DocumentUse::kChange).ok();
  v.document = *std::move(d);
  ASSIGN_OR_RETURN(std::optional<Party> p, tx.FindParty(v.document.party_id));
  if (p) v.party = *std::move(p);
  ASSIGN_OR_RETURN(std::vector<Followup> linked, tx.ListDocumentFollowups(id));
  const absl::CivilDay today = TodayOf(ctx.user, now);
  for (Followup& f : linked) {
    if (!CanAccessFollowup(ctx.viewer(), f.owner_id, f.branch_id)) continue;
    FollowupListItem item;
    item.state = StateOf(f.status, f.next_due_date, today);
    item.row.followup = std::move(f);
    item.row.party = v.party;
    v.followups.push_back(std::move(item));
  }
  return v;
}

absl::StatusOr<DocumentView> DocumentService::Create(const AuthContext& ctx,
                                                     const DocumentInput& in, absl::Time now) {
  DocumentView v;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(SalesDocument d, Prepare(tx, ctx, in));
    ASSIGN_OR_RETURN(UpsertResult r, UpsertPrepared(tx, ctx, std::move(d), now, /*create_only=*/true));
    ASSIGN_OR_RETURN(v, Load(tx, ctx, r.document.id, now));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<DocumentView> DocumentService::Replace(const AuthContext& ctx, DocumentId id,
                                                      const DocumentInput& in, absl::Time now) {
  DocumentView v;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> current, tx.FindDocument(id));
    if (!current) return CodedError(ErrorCode::kDocumentNotFound);
    RETURN_IF_ERROR(CheckDocumentUse(tx, ctx, *current, DocumentUse::kChange));
    // Kind and number identify the document; a PUT may not turn it into another one.
    if (in.expected_version && *in.expected_version != current->version)
      return CodedError(ErrorCode::kVersion);
    if ((in.kind && *in.kind != current->kind) || in.number != current->number)
      return FieldError("number", "immutable");
    ASSIGN_OR_RETURN(UpsertResult r, UpsertInTx(tx, ctx, in, now));
    ASSIGN_OR_RETURN(v, Load(tx, ctx, r.document.id, now));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<DocumentView> DocumentService::Cancel(const AuthContext& ctx, DocumentId id,
                                                     absl::Time now) {
  DocumentView v;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> d, tx.FindDocument(id));
    if (!d) return CodedError(ErrorCode::kDocumentNotFound);
    RETURN_IF_ERROR(CheckDocumentUse(tx, ctx, *d, DocumentUse::kChange));
    if (d->status != DocumentStatus::kCancelled) {
      d->status = DocumentStatus::kCancelled;
      d->completed_on.reset();
      d->updated_by = ctx.user.id;
      d->updated_at = now;
      ASSIGN_OR_RETURN(d->version, tx.UpdateDocument(*d));
    }
    RETURN_IF_ERROR(SyncAutomatic(tx, ctx, *d, now).status());
    ASSIGN_OR_RETURN(v, Load(tx, ctx, id, now));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<DocumentView> DocumentService::Get(const AuthContext& ctx, DocumentId id,
                                                  absl::Time now) {
  DocumentView v;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(v, Load(tx, ctx, id, now));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<DocumentList> DocumentService::List(const AuthContext& ctx,
                                                   const DocumentListInput& in) {
  const Viewer viewer = ctx.viewer();
  DocumentQuery q;
  // The store's filter states DocumentAccessFor's reach in SQL; admins need none.
  if (viewer.role != Role::kAdmin) {
    q.visible_to = viewer.id;
    if (viewer.role == Role::kSupervisor) q.visible_branch = viewer.branch_id;
  }
  q.text = in.text;
  q.kind = in.kind;
  q.party_id = in.party_id;
  q.limit = std::clamp(in.limit, 1, 200);
  q.cursor = in.cursor;
  DocumentList out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    auto page = tx.QueryDocuments(q);
    if (absl::IsInvalidArgument(page.status())) return FieldError("cursor", "invalid_cursor");
    RETURN_IF_ERROR(page.status());
    for (DocumentRow& r : page->items) {
      const DocumentReach reach{r.document.owner_id, r.party.owner_id, r.document.branch_id};
      const bool can_change =
          DocumentAccessFor(viewer, reach, DocumentUse::kChange) == DocumentAccess::kAllowed;
      out.items.push_back(DocumentListItem{std::move(r), can_change});
    }
    out.next_cursor = std::move(page->next_cursor);
    return absl::OkStatus();
  }));
  return out;
}

// ---------------------------------------------------------------------------------
// Birthdays

absl::StatusOr<int> BirthdayService::Ensure(std::optional<PartyId> party, absl::Time now) {
  int created = 0;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(created, EnsureInTx(tx, party, now));
    return absl::OkStatus();
  }));
  return created;
}

namespace {

// Birthdays fall on the organisation's days.
absl::StatusOr<absl::CivilDay> OrganisationToday(Tx& tx, absl::Time now) {
  ASSIGN_OR_RETURN(Settings settings, tx.GetSettings());
  return absl::ToCivilDay(now, ZoneOf(settings));
}

}  // namespace

absl::StatusOr<int> BirthdayService::EnsureInTx(Tx& tx, std::optional<PartyId> party,
                                                absl::Time now) {
  ASSIGN_OR_RETURN(absl::CivilDay today, OrganisationToday(tx, now));
  return EnsureFrom(tx, party, today, now);
}

absl::StatusOr<int> BirthdayService::EnsureFrom(Tx& tx, std::optional<PartyId> party,
                                                absl::CivilDay today, absl::Time now) {
  const absl::CivilDay last = today + horizon_days_;
  // Month-day windows of [today, last], split at the year end; one day wider at each
  // side so 29 February (kept on 28 February in common years) is never missed.
  auto mmdd = [](absl::CivilDay d) -> std::string {
    return absl::StrFormat("%02d-%02d", d.month(), d.day());
  };
  std::vector<std::pair<std::string, std::string>> windows;
  const absl::CivilDay from = today - 1, to = last + 1;
  if (horizon_days_ >= 364) {
    windows.emplace_back("01-01", "12-31");
  } else if (from.year() == to.year()) {
    windows.emplace_back(mmdd(from), mmdd(to));
  } else {
    windows.emplace_back(mmdd(from), "12-31");
    windows.emplace_back("01-01", mmdd(to));
  }
  int created = 0;
  absl::flat_hash_map<PartyId, Party> parties;
  absl::flat_hash_map<UserId, std::optional<User>> owners;  // a seller has many customers
  for (const auto& [lo, hi] : windows) {
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> rows, tx.ListBirthdays(lo, hi, party));
    for (const BirthdayRow& r : rows) {
      const absl::CivilDay day = NextBirthday(r.birthday, today);
      if (day > last) continue;
      const std::string key =
          r.contact_position < 0
              ? PartyBirthdayKey(r.party_id, static_cast<int>(day.year()))
              : ContactBirthdayKey(r.party_id, r.contact_position, static_cast<int>(day.year()));
      ASSIGN_OR_RETURN(std::optional<Followup> existing, tx.FindFollowupByOriginKey(key));
      if (existing) continue;
      auto pit = parties.find(r.party_id);
      if (pit == parties.end()) {
        ASSIGN_OR_RETURN(std::optional<Party> p, tx.FindParty(r.party_id));
        if (!p) continue;
        pit = parties.emplace(r.party_id, *std::move(p)).first;
      }
      const Party& p = pit->second;
      if (p.kind == PartyKind::kSupplier || !p.owner_id) continue;
      auto oit = owners.find(*p.owner_id);
      if (oit == owners.end()) {
        ASSIGN_OR_RETURN(std::optional<User> u, tx.FindUser(*p.owner_id));
        oit = owners.emplace(*p.owner_id, std::move(u)).first;
      }
      const std::optional<User>& owner = oit->second;
      if (!owner || !owner->active) continue;
      CreateFollowupInput in;
      in.party_id = p.id;
      in.owner_id = owner->id;
      Contact who{p.name, p.email, p.phone, p.whatsapp, std::nullopt};
      if (r.contact_position >= 0 && r.contact_position < static_cast<int>(p.contacts.size()))
        who = p.contacts[static_cast<size_t>(r.contact_position)];
      who.birthday.reset();
      in.contact = who;
      in.subject = SystemText(kOriginBirthday, owner->locale,
                              r.contact_position < 0 ? p.name : absl::StrCat(who.name, " — ", p.name));
      if (in.subject.size() > kMaxSubject) in.subject.resize(kMaxSubject);
      in.category = "pos_venda";
      ActionInput action;
      action.type = "phone";
      action.due_date = day;
      in.next_action = action;
      in.origin = std::string(kOriginBirthday);
      in.origin_key = key;
      CreatedFollowup out;
      RETURN_IF_ERROR(followups_.CreateInTx(tx, ActingAs(*owner), in, now, out));
      ++created;
    }
  }
  return created;
}

absl::Status BirthdayService::OnPartyCreated(Tx& tx, const Party& party, absl::Time now) {
  return EnsureInTx(tx, party.id, now).status();
}

absl::Status BirthdayService::OnPartyChanged(Tx& tx, const Party& before, const Party& after,
                                             absl::Time now) {
  // Slot -1 is the party's own birthday, 0.. its contacts by position (the keys'
  // numbering, domain/automatic.h).
  auto birthday_of = [](const Party& p, int slot) -> std::optional<absl::CivilDay> {
    if (slot < 0) return p.birthday;
    if (slot < static_cast<int>(p.contacts.size())) return p.contacts[static_cast<size_t>(slot)].birthday;
    return std::nullopt;
  };
  ASSIGN_OR_RETURN(const absl::CivilDay today, OrganisationToday(tx, now));
  const int slots = static_cast<int>(std::max(before.contacts.size(), after.contacts.size()));
  for (int slot = -1; slot < slots; ++slot) {
    const std::optional<absl::CivilDay> wanted = birthday_of(after, slot);
    if (wanted == birthday_of(before, slot)) continue;
    for (int year : {static_cast<int>(today.year()), static_cast<int>(today.year()) + 1}) {
      const std::string key = slot < 0 ? PartyBirthdayKey(after.id, year)
                                       : ContactBirthdayKey(after.id, slot, year);
      ASSIGN_OR_RETURN(std::optional<Followup> f, tx.FindFollowupByOriginKey(key));
      if (!f || f->status != FollowupStatus::kOpen) continue;
      ASSIGN_OR_RETURN(std::optional<User> owner, tx.FindUser(f->owner_id));
      if (!owner) continue;
      if (wanted) {
        // The birthday of that year (29 February kept on 28 February in common years).
        const absl::CivilDay day = NextBirthday(*wanted, absl::CivilDay(year, 1, 1));
        if (day >= today) {
          RETURN_IF_ERROR(followups_.MoveFirstReturnInTx(tx, ActingAs(*owner), *f, day, now).status());
          continue;
        }
      }
      RETURN_IF_ERROR(followups_.CloseInTx(tx, ActingAs(*owner), *f,
                                           SystemText("birthday_changed", owner->locale), now));
    }
  }
  return EnsureFrom(tx, after.id, today, now).status();
}

// ---------------------------------------------------------------------------------
// Imports

const std::vector<std::string>& DocumentCsvColumns() {
  static const auto* columns = new std::vector<std::string>{
      "kind", "number", "date", "customer_code", "status", "completed_on", "seller",
      "item_code", "quantity", "description"};
  return *columns;
}

namespace {

const char* const kRequiredColumns[] = {"kind", "number", "date", "customer_code", "item_code"};

// 'YYYY-MM-DD' or 'DD/MM/YYYY' (how Brazilian and Mexican spreadsheets write dates).
std::optional<absl::CivilDay> ParseCsvDate(const std::string& s) {
  if (std::optional<absl::CivilDay> d = ParseDate(s)) return d;
  int day = 0, month = 0, year = 0;
  if (s.size() == 10 && s[2] == '/' && s[5] == '/' && absl::SimpleAtoi(s.substr(0, 2), &day) &&
      absl::SimpleAtoi(s.substr(3, 2), &month) && absl::SimpleAtoi(s.substr(6, 4), &year)) {
    const absl::CivilDay d(year, month, day);
    if (d.year() == year && d.month() == month && d.day() == day) return d;
  }
  return std::nullopt;
}

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
      if (!d.input.kind) d.errors.push_back({r.line, "kind", kind.empty() ? "required" : "invalid_value"});
      d.input.number = number;
      if (number.empty()) d.errors.push_back({r.line, "number", "required"});
      const std::string date = field("date");
      d.input.date = ParseCsvDate(date);
      if (!d.input.date) d.errors.push_back({r.line, "date", date.empty() ? "required" : "invalid_date"});
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
    ASSIGN_OR_RETURN(run.id, tx.InsertImport(run, content));
    return absl::OkStatus();
  }));
  return run;
}

absl::StatusOr<ImportRun> ImportService::Get(const AuthContext& ctx, int64_t id) {
  std::optional<ImportRun> run;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(run, tx.FindImport(id));
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
    ASSIGN_OR_RETURN(all, tx.ListImports(200));
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
    ASSIGN_OR_RETURN(run, tx.ClaimImport(now, worker, now + lease));
    if (run && (!parsed_ || parsed_->import_id != run->id)) {
      ASSIGN_OR_RETURN(content, tx.ReadImportContent(run->id));
    }
    return absl::OkStatus();
  }));
  if (!run) return false;
  ImportRun& r = *run;
  r.status = ImportStatus::kRunning;
  std::optional<User> importer;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(importer, tx.FindUser(r.user_id));
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
    RETURN_IF_ERROR(store_.Write([&](Tx& tx) { return tx.UpdateImport(r, worker, now + lease); }));
    return true;
  }
  const AuthContext ctx = ActingAs(*importer);
  std::vector<CsvDocument>& docs = parsed_->docs;
  // Resume: skip the documents whose lines were already counted as processed.
  size_t next = 0;
  for (int done = 0; next < docs.size() && done + static_cast<int>(docs[next].lines.size()) <= r.processed_lines; ++next)
    done += static_cast<int>(docs[next].lines.size());
  const size_t end = std::min(docs.size(), next + static_cast<size_t>(options_.chunk_documents));

  // One transaction for the chunk. A document whose data is wrong is reported and
  // left out (checked before anything of it is written); if one still fails while
  // being written, the chunk rolls back and is redone a document per transaction, so
  // each document is all or nothing on its own.
  auto count = [](ImportRun& into, const UpsertResult& res) {
    switch (res.kind) {
      case UpsertKind::kCreated: ++into.documents_created; break;
      case UpsertKind::kUpdated: ++into.documents_updated; break;
      case UpsertKind::kUnchanged: ++into.documents_unchanged; break;
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
      ASSIGN_OR_RETURN(UpsertResult res, documents_.UpsertPrepared(tx, ctx, *std::move(prepared), now));
      count(after, res);
    }
    finish(after, end);
    return tx.UpdateImport(after, worker, now + lease);
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
        return tx.UpdateImport(one, worker, now + lease);
      });
      if (absl::IsFailedPrecondition(st) && st.message() == "lease") return true;
      if (!st.ok()) {
        one = r;
        one.processed_lines += static_cast<int>(d.lines.size());
        AddErrors(one, rejected(st) ? ErrorsOf(d, st)
                                    : std::vector<ImportError>{{d.first_line, "", "import_write_failed"}});
        finish(one, i + 1);
        RETURN_IF_ERROR(store_.Write([&](Tx& tx) { return tx.UpdateImport(one, worker, now + lease); }));
      }
      r = one;
    }
  }
  return true;
}

}  // namespace retorno
