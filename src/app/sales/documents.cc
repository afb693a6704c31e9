#include "app/sales/documents.h"

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
#include "app/audit/audit.h"
#include "app/errors.h"
#include "app/followups/followup_events.h"
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
// Documents

namespace {

// A document made from a follow-up is changed by whoever may change the follow-up
// (ADR 0042); the ERP's by admins and supervisors who reach them.
absl::Status CheckDocumentChange(Tx& tx, const AuthContext& ctx, const SalesDocument& d) {
  if (d.followup_id) return LoadVisibleFollowup(tx, ctx, *d.followup_id).status();
  return CheckDocumentUse(tx, ctx, d, DocumentUse::kChange);
}

}  // namespace

absl::StatusOr<SalesDocument> DocumentService::Validate(Tx& tx, const AuthContext& ctx,
                                                        const DocumentInput& in) {
  Issues issues;
  SalesDocument d;
  if (!in.kind)
    issues.Add("kind", "required");
  else
    d.kind = *in.kind;
  d.number = in.number;
  CheckName("number", in.number, kMaxNumber, true, issues);
  std::optional<Party> party;
  if (in.party_id) {
    ASSIGN_OR_RETURN(party, tx.parties().FindParty(*in.party_id));
    if (!party) issues.Add("party_id", "unknown_party");
  } else if (!in.party_code.empty()) {
    ASSIGN_OR_RETURN(party, tx.parties().FindPartyByCode(in.party_code));
    if (!party) issues.Add("customer_code", "unknown_party");
  } else {
    issues.Add("party_id", "required");
  }
  if (!in.date)
    issues.Add("date", "required");
  else
    d.date = *in.date;
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
    ASSIGN_OR_RETURN(owner, tx.accounts().FindUser(*in.owner_id));
    if (!owner || !owner->active) issues.Add("owner_id", "unknown_user");
  } else if (!in.owner_login.empty()) {
    ASSIGN_OR_RETURN(owner, tx.accounts().FindUserByLogin(in.owner_login));
    if (!owner || !owner->active) issues.Add("seller", "unknown_user");
  } else if (party && party->owner_id) {
    ASSIGN_OR_RETURN(owner, tx.accounts().FindUser(*party->owner_id));
  }
  if (owner && !CanAssignTo(ctx.viewer(), owner->id, owner->branch_id))
    issues.Add(in.owner_login.empty() ? "owner_id" : "seller", "not_allowed");
  if (in.items.size() > kMaxItems) issues.Add("items", "too_many");
  for (size_t i = 0; i < in.items.size() && i < kMaxItems; ++i) {
    const DocumentItemInput& it = in.items[i];
    ASSIGN_OR_RETURN(DocumentItem line,
                     ReadItemLine(tx, i, it.item_code, it.description, it.quantity, 1e9, issues));
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
                     tx.sales().FindDocumentByNumber(*in.kind, in.number));
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
  ASSIGN_OR_RETURN(std::optional<SalesDocument> existing,
                   tx.sales().FindDocumentByNumber(d.kind, d.number));
  if (existing && create_only) return FieldError("number", "taken");
  d.updated_by = ctx.user.id;
  d.updated_at = now;
  if (!existing) {
    d.created_by = ctx.user.id;
    d.created_at = now;
    ASSIGN_OR_RETURN(d.id, tx.sales().InsertDocument(d));
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx, now), "document", d.id,
                                  audit::Action::kCreate, nullptr, audit::ValuesOf(d)));
    out.kind = UpsertKind::kCreated;
  } else {
    d.id = existing->id;
    d.version = existing->version;
    d.created_by = existing->created_by;
    d.created_at = existing->created_at;
    // What the ERP does not send stays: the follow-up, the chain, billing and prices.
    d.followup_id = existing->followup_id;
    d.origin_id = existing->origin_id;
    d.billing = existing->billing;
    d.currency = existing->currency;
    d.discount = existing->discount;
    const bool same = d.party_id == existing->party_id && d.branch_id == existing->branch_id &&
                      d.owner_id == existing->owner_id && d.date == existing->date &&
                      d.status == existing->status && d.completed_on == existing->completed_on &&
                      d.items == existing->items;
    if (same) {
      d = *std::move(existing);
      out.kind = UpsertKind::kUnchanged;
    } else {
      ASSIGN_OR_RETURN(d.version, tx.sales().UpdateDocument(d));
      RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx, now), "document", d.id,
                                    audit::Action::kUpdate, audit::ValuesOf(*existing),
                                    audit::ValuesOf(d)));
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
    ASSIGN_OR_RETURN(std::optional<CatalogItem> c, tx.sales().FindCatalogItem(*line.item_id));
    if (c) catalogue.emplace(c->id, *std::move(c));
  }
  const std::vector<PlannedFollowup> plan = PlanDocumentFollowups(doc, catalogue);
  ASSIGN_OR_RETURN(std::vector<Followup> linked, tx.sales().ListDocumentFollowups(doc.id));
  const std::string prefix = DocumentOriginPrefix(doc.id);
  absl::flat_hash_map<std::string, Followup*> existing;
  for (Followup& f : linked)
    if (absl::StartsWith(f.origin_key, prefix)) existing.emplace(f.origin_key, &f);
  if (plan.empty() && existing.empty()) return out;  // most lines of an import

  ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(doc.party_id));
  if (!party) return CodedError(ErrorCode::kPartyNotFound);
  std::optional<UserId> owner_id = doc.owner_id ? doc.owner_id : party->owner_id;
  std::optional<User> owner;
  if (owner_id) {
    ASSIGN_OR_RETURN(owner, tx.accounts().FindUser(*owner_id));
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
        ASSIGN_OR_RETURN(bool moved,
                         followups_.MoveFirstReturnInTx(tx, acting, f, p.due_date, now));
        if (moved) ++out.moved;
      }
      continue;
    }
    if (p.due_date < today) continue;  // late on arrival: see the header
    const CatalogItem& item = catalogue.at(p.item_id);
    CreateFollowupInput in;
    in.party_id = doc.party_id;
    in.owner_id = owner->id;
    in.subject = !item.followup.subject.empty() ? item.followup.subject
                                                : SystemText(p.origin, owner->locale, item.name,
                                                             DocumentLabel(doc, owner->locale));
    if (in.subject.size() > kMaxSubject) in.subject.resize(kMaxSubject);
    in.category = !item.followup.category.empty()  ? item.followup.category
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
    ASSIGN_OR_RETURN(std::optional<User> fowner, tx.accounts().FindUser(f->owner_id));
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
  ASSIGN_OR_RETURN(std::optional<SalesDocument> d, tx.sales().FindDocument(id));
  if (!d) return CodedError(ErrorCode::kDocumentNotFound);
  RETURN_IF_ERROR(CheckDocumentUse(tx, ctx, *d, DocumentUse::kRead));
  v.can_change = CheckDocumentChange(tx, ctx, *d).ok();
  v.document = *std::move(d);
  ASSIGN_OR_RETURN(std::optional<Party> p, tx.parties().FindParty(v.document.party_id));
  if (p) v.party = *std::move(p);
  ASSIGN_OR_RETURN(std::vector<Followup> linked, tx.sales().ListDocumentFollowups(id));
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
    ASSIGN_OR_RETURN(UpsertResult r,
                     UpsertPrepared(tx, ctx, std::move(d), now, /*create_only=*/true));
    ASSIGN_OR_RETURN(v, Load(tx, ctx, r.document.id, now));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<DocumentView> DocumentService::Replace(const AuthContext& ctx, DocumentId id,
                                                      const DocumentInput& in, absl::Time now) {
  DocumentView v;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> current, tx.sales().FindDocument(id));
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
    ASSIGN_OR_RETURN(std::optional<SalesDocument> d, tx.sales().FindDocument(id));
    if (!d) return CodedError(ErrorCode::kDocumentNotFound);
    RETURN_IF_ERROR(CheckDocumentChange(tx, ctx, *d));
    if (d->status != DocumentStatus::kCancelled && d->followup_id) {
      // The follow-up's timeline shows the cancelling (an order cancelled so that the
      // follow-up may be reopened, manual 003).
      ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(*d->followup_id));
      if (f) {
        RETURN_IF_ERROR(AddSystemEntry(tx, *f, ctx, EntryKind::kStatus,
                                       SystemText("doc_cancelled_line", ctx.user.locale,
                                                  DocumentLabel(*d, ctx.user.locale)),
                                       std::nullopt, now, now)
                            .status());
      }
    }
    if (d->status != DocumentStatus::kCancelled) {
      const nlohmann::json before = audit::ValuesOf(*d);
      d->status = DocumentStatus::kCancelled;
      d->completed_on.reset();
      d->updated_by = ctx.user.id;
      d->updated_at = now;
      ASSIGN_OR_RETURN(d->version, tx.sales().UpdateDocument(*d));
      RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx, now), "document", id,
                                    audit::Action::kUpdate, before, audit::ValuesOf(*d)));
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
    auto page = tx.sales().QueryDocuments(q);
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

}  // namespace retorno
