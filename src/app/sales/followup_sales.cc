#include "app/sales/followup_sales.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "app/accounts/accounts.h"
#include "app/audit/audit.h"
#include "app/errors.h"
#include "app/followups/followup_events.h"
#include "app/followups/reopen_rules.h"
#include "app/sales/sales_common.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "domain/followup.h"
#include "domain/permissions.h"
#include "domain/validation.h"

namespace retorno {

namespace {

// Retorno's own numbers: "RT-000001", one counter per kind; a number the ERP took
// already is skipped.
constexpr int kNumberAttempts = 20;

// Thousands grouped by `sep`, cents after `dec`.
std::string Grouped(int64_t minor, char sep, char dec) {
  const bool negative = minor < 0;
  const uint64_t v = negative ? static_cast<uint64_t>(-minor) : static_cast<uint64_t>(minor);
  std::string units = absl::StrCat(v / 100);
  std::string out;
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) out.push_back(sep);
    out.push_back(units[i]);
  }
  return absl::StrFormat("%s%s%c%02d", negative ? "-" : "", out, dec, static_cast<int>(v % 100));
}

std::string LabelOf(const SalesDocument& d, std::string_view locale) {
  std::string label = DocumentLabel(d, locale);
  if (d.billing == DocumentBilling::kExcess)
    absl::StrAppend(&label, " (", SystemText("excess_sale", locale), ")");
  return label;
}

// A line on the follow-up's timeline, in the actor's language.
absl::Status Timeline(Tx& tx, const Followup& f, const AuthContext& ctx, std::string body,
                      absl::Time now) {
  return AddSystemEntry(tx, f, ctx, EntryKind::kStatus, std::move(body), std::nullopt, now, now)
      .status();
}

absl::StatusOr<Followup> LoadOpenFollowup(Tx& tx, const AuthContext& ctx, FollowupId id) {
  ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
  if (f.status != FollowupStatus::kOpen) return CodedError(ErrorCode::kFollowupClosed);
  return f;
}

// Gives `d` Retorno's next free number of its kind and inserts it.
absl::StatusOr<DocumentId> InsertNumbered(Tx& tx, SalesDocument& d) {
  for (int attempt = 0; attempt < kNumberAttempts; ++attempt) {
    ASSIGN_OR_RETURN(int64_t n, tx.sales().NextDocumentNumber(d.kind));
    d.number = absl::StrFormat("RT-%06d", n);
    ASSIGN_OR_RETURN(std::optional<SalesDocument> taken,
                     tx.sales().FindDocumentByNumber(d.kind, d.number));
    if (!taken) return tx.sales().InsertDocument(d);
  }
  return absl::InternalError("no free document number");
}

absl::StatusOr<SalesDocument> ValidateNew(Tx& tx, const FollowupDocumentInput& in) {
  Issues issues;
  SalesDocument d;
  if (!in.kind)
    issues.Add("kind", "required");
  else if (!MadeFromFollowup(*in.kind))
    issues.Add("kind", "invalid_value");
  else
    d.kind = *in.kind;
  if (in.items.empty()) issues.Add("items", "required");
  if (in.items.size() > kMaxItems) issues.Add("items", "too_many");
  for (size_t i = 0; i < in.items.size() && i < kMaxItems; ++i) {
    const FollowupDocumentLine& it = in.items[i];
    const std::string prefix = absl::StrCat("items[", i, "].");
    // Thousandths at most, so that the totals are exact (ADR 0042).
    ASSIGN_OR_RETURN(DocumentItem line,
                     ReadItemLine(tx, i, it.item_code, it.description, it.quantity, 1e6, issues));
    if (std::isfinite(line.quantity) && line.quantity > 0 && line.quantity <= 1e6 &&
        std::abs(line.quantity * 1000 - std::round(line.quantity * 1000)) > 1e-6)
      issues.Add(prefix + "quantity", "out_of_range");
    if (!it.unit_price)
      issues.Add(prefix + "unit_price", "required");
    else if (*it.unit_price < 0 || *it.unit_price > kMaxAmount)
      issues.Add(prefix + "unit_price", "out_of_range");
    else
      line.unit_price = *it.unit_price;
    const double pct = it.discount_percent.value_or(0);
    if (!std::isfinite(pct) || pct < 0 || pct > 100 ||
        std::abs(pct * 100 - std::round(pct * 100)) > 1e-6)
      issues.Add(prefix + "discount_percent", "out_of_range");
    else
      line.discount_bp = static_cast<int>(std::lround(pct * 100));
    d.items.push_back(std::move(line));
  }
  d.discount = in.discount.value_or(0);
  if (d.discount < 0 || d.discount > kMaxAmount) issues.Add("discount", "out_of_range");
  RETURN_IF_ERROR(issues.ToStatus());
  const DocumentTotals t = TotalsOf(d);
  for (size_t i = 0; i < t.lines.size(); ++i)
    if (t.lines[i].gross > kMaxAmount)
      issues.Add(absl::StrCat("items[", i, "].unit_price"), "out_of_range");
  if (t.subtotal > kMaxAmount) issues.Add("items", "out_of_range");
  if (d.discount > t.subtotal) issues.Add("discount", "discount_over_total");
  RETURN_IF_ERROR(issues.ToStatus());
  return d;
}

}  // namespace

std::string MoneyText(int64_t minor, const std::string& currency) {
  if (currency == "BRL") return absl::StrCat("R$ ", Grouped(minor, '.', ','));
  return absl::StrCat(currency, " ", Grouped(minor, ',', '.'));
}

absl::StatusOr<DocumentView> FollowupSalesService::Create(const AuthContext& ctx, FollowupId id,
                                                          const FollowupDocumentInput& in,
                                                          absl::Time now) {
  DocumentId made;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadOpenFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(f.party_id));
    if (!party) return CodedError(ErrorCode::kPartyNotFound);
    if (party->kind == PartyKind::kSupplier) return CodedError(ErrorCode::kSupplierDocument);
    ASSIGN_OR_RETURN(SalesDocument d, ValidateNew(tx, in));
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    ASSIGN_OR_RETURN(std::vector<SalesDocument> existing, tx.sales().ListFollowupDocuments(f.id));
    d.party_id = f.party_id;
    d.owner_id = f.owner_id;
    d.branch_id = f.branch_id;
    d.date = TodayOf(ctx.user, now);
    d.followup_id = f.id;
    d.currency = settings.currency;
    if (d.kind == DocumentKind::kSale) d.billing = BillingOfNewSale(existing);
    d.created_by = d.updated_by = ctx.user.id;
    d.created_at = d.updated_at = now;
    ASSIGN_OR_RETURN(d.id, InsertNumbered(tx, d));
    made = d.id;
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx, now), "document", d.id,
                                  audit::Action::kCreate, nullptr, audit::ValuesOf(d)));
    const std::string& locale = ctx.user.locale;
    return Timeline(tx, f, ctx,
                    SystemText("doc_made", locale, LabelOf(d, locale),
                               MoneyText(TotalsOf(d).total, d.currency)),
                    now);
  }));
  return documents_.Get(ctx, made, now);
}

absl::StatusOr<DocumentView> FollowupSalesService::Convert(const AuthContext& ctx, DocumentId id,
                                                           absl::Time now) {
  DocumentId made;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> from, tx.sales().FindDocument(id));
    if (!from) return CodedError(ErrorCode::kDocumentNotFound);
    RETURN_IF_ERROR(CheckDocumentUse(tx, ctx, *from, DocumentUse::kRead));
    // The ERP's documents follow the ERP: only Retorno's own convert here.
    if (!from->followup_id) return CodedError(ErrorCode::kDocumentNotConvertible);
    ASSIGN_OR_RETURN(Followup f, LoadOpenFollowup(tx, ctx, *from->followup_id));
    if (std::optional<ChainRefusal> r = RefuseConvert(*from)) {
      return CodedError(*r == ChainRefusal::kNotConvertible ? ErrorCode::kDocumentNotConvertible
                                                            : ErrorCode::kDocumentNotOpen);
    }
    ASSIGN_OR_RETURN(std::vector<SalesDocument> existing, tx.sales().ListFollowupDocuments(f.id));
    SalesDocument to = *from;
    to.id = DocumentId();
    to.kind = *NextInChain(from->kind);
    to.origin_id = from->id;
    to.status = DocumentStatus::kOpen;
    to.completed_on.reset();
    to.date = TodayOf(ctx.user, now);
    to.billing =
        to.kind == DocumentKind::kSale ? BillingOfNewSale(existing) : DocumentBilling::kRegular;
    to.version = 1;
    to.created_by = to.updated_by = ctx.user.id;
    to.created_at = to.updated_at = now;
    ASSIGN_OR_RETURN(to.id, InsertNumbered(tx, to));
    made = to.id;
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx, now), "document", to.id,
                                  audit::Action::kCreate, nullptr, audit::ValuesOf(to)));
    const nlohmann::json before = audit::ValuesOf(*from);
    from->status = DocumentStatus::kCompleted;
    from->completed_on = to.date;
    from->updated_by = ctx.user.id;
    from->updated_at = now;
    ASSIGN_OR_RETURN(from->version, tx.sales().UpdateDocument(*from));
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx, now), "document", from->id,
                                  audit::Action::kUpdate, before, audit::ValuesOf(*from)));
    const std::string& locale = ctx.user.locale;
    return Timeline(
        tx, f, ctx,
        SystemText("doc_converted", locale, LabelOf(*from, locale), LabelOf(to, locale)), now);
  }));
  return documents_.Get(ctx, made, now);
}

absl::StatusOr<FollowupDocuments> FollowupSalesService::ListForFollowup(const AuthContext& ctx,
                                                                        FollowupId id) {
  FollowupDocuments out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadReadableFollowup(tx, ctx, id));
    const bool can_change = LoadVisibleFollowup(tx, ctx, id).ok();
    ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(f.party_id));
    out.can_make = can_change && f.status == FollowupStatus::kOpen && party &&
                   party->kind != PartyKind::kSupplier;
    ASSIGN_OR_RETURN(std::vector<SalesDocument> docs, tx.sales().ListFollowupDocuments(f.id));
    for (SalesDocument& d : docs) {
      DocumentTotals t = TotalsOf(d);
      out.items.push_back({std::move(d), std::move(t), party.value_or(Party{}), can_change});
    }
    return absl::OkStatus();
  }));
  return out;
}

namespace {

absl::Status Notify(Tx& tx, UserId to, NotificationKind kind, FollowupId f, std::string detail,
                    absl::Time now) {
  Notification n;
  n.user_id = to;
  n.kind = kind;
  n.followup_id = f;
  n.detail = std::move(detail);
  n.created_at = now;
  return tx.messaging().InsertNotification(n).status();
}

}  // namespace

absl::StatusOr<ReopenRequest> FollowupSalesService::RequestReopen(const AuthContext& ctx,
                                                                  FollowupId id,
                                                                  const std::string& reason,
                                                                  absl::Time now) {
  ReopenRequest r;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(std::optional<ReopenBlock> block, ReopenBlockIn(tx, f.id));
    RETURN_IF_ERROR(ReopenRefused(RefuseReopenRequest(f.status, block), block));
    Issues issues;
    CheckName("reason", reason, kMaxMessage, true, issues, false);
    RETURN_IF_ERROR(issues.ToStatus());
    ASSIGN_OR_RETURN(std::optional<ReopenRequest> pending,
                     tx.sales().FindPendingReopenRequest(f.id));
    if (pending) return CodedError(ErrorCode::kReopenRequestPending);
    r.followup_id = f.id;
    r.requested_by = ctx.user.id;
    r.reason = reason;
    r.created_at = now;
    ASSIGN_OR_RETURN(r.id, tx.sales().InsertReopenRequest(r));
    RETURN_IF_ERROR(Timeline(tx, f, ctx, SystemText("reopen_asked", ctx.user.locale, reason), now));
    // Manual 003: the request goes to those who can decide it: users holding the reopen
    // right once the admin's grants and revocations apply (rights per user), within
    // their reach of the follow-up (a right never widens it: a supervisor whose right was
    // taken is not asked, an agent granted it decides only their own follow-ups); the
    // admins when nobody of the branch can.
    ASSIGN_OR_RETURN(std::vector<User> users, tx.accounts().ListUsers());
    std::vector<UserId> deciders;
    for (const User& u : users) {
      if (!u.active || u.id == ctx.user.id || u.role == Role::kAdmin || !f.branch_id ||
          u.branch_id != f.branch_id)
        continue;
      ASSIGN_OR_RETURN(std::vector<UserRightChange> changes, tx.accounts().ListUserRights(u.id));
      Viewer v{u.id, u.role, u.branch_id, 0, 0};
      RightSetsOf(changes, v.granted, v.revoked);
      if (CanReopen(v) && CanAccessFollowup(v, f.owner_id, f.branch_id)) deciders.push_back(u.id);
    }
    if (deciders.empty())
      for (const User& u : users)
        if (u.active && u.id != ctx.user.id && u.role == Role::kAdmin) deciders.push_back(u.id);
    for (UserId u : deciders)
      RETURN_IF_ERROR(Notify(tx, u, NotificationKind::kReopenRequest, f.id,
                             absl::StrCat("request:", r.id, "\n", reason), now));
    return absl::OkStatus();
  }));
  return r;
}

absl::StatusOr<ReopenRequest> FollowupSalesService::ApproveReopen(const AuthContext& ctx,
                                                                  int64_t request_id,
                                                                  absl::Time now) {
  return Decide(ctx, request_id, true, "", now);
}

absl::StatusOr<ReopenRequest> FollowupSalesService::RefuseReopen(const AuthContext& ctx,
                                                                 int64_t request_id,
                                                                 const std::string& answer,
                                                                 absl::Time now) {
  return Decide(ctx, request_id, false, answer, now);
}

absl::StatusOr<ReopenRequest> FollowupSalesService::Decide(const AuthContext& ctx,
                                                           int64_t request_id, bool approve,
                                                           const std::string& answer,
                                                           absl::Time now) {
  ReopenRequest r;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ReopenRequest> found, tx.sales().FindReopenRequest(request_id));
    if (!found) return CodedError(ErrorCode::kReopenRequestNotFound);
    r = *std::move(found);
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, r.followup_id));
    if (!CanReopen(ctx.viewer())) return CodedError(ErrorCode::kReopenNeedsSupervisor);
    if (r.status != ReopenRequestStatus::kPending)
      return CodedError(ErrorCode::kReopenRequestDecided);
    Issues issues;
    CheckName("answer", answer, kMaxMessage, false, issues, false);
    RETURN_IF_ERROR(issues.ToStatus());
    const std::string& locale = ctx.user.locale;
    if (approve) {
      ASSIGN_OR_RETURN(std::optional<ReopenBlock> block, ReopenBlockIn(tx, f.id));
      RETURN_IF_ERROR(ReopenRefused(retorno::RefuseReopen(ctx.viewer(), f.status, block), block));
      FollowupAggregate agg(std::move(f), {});
      RETURN_IF_ERROR(Refused(agg.Reopen(ctx.viewer(), r.reason, now)));
      RETURN_IF_ERROR(SaveFollowup(tx, ctx, agg, now));
    } else {
      RETURN_IF_ERROR(Timeline(tx, f, ctx, SystemText("reopen_refused", locale, answer), now));
    }
    r.status = approve ? ReopenRequestStatus::kApproved : ReopenRequestStatus::kRefused;
    r.decided_by = ctx.user.id;
    r.decided_at = now;
    r.answer = answer;
    RETURN_IF_ERROR(tx.sales().DecideReopenRequest(r));
    return Notify(tx, r.requested_by, NotificationKind::kReopenDecision, r.followup_id,
                  absl::StrCat(ToAbsl(ToString(r.status)), ":", r.id, "\n", answer), now);
  }));
  return r;
}

}  // namespace retorno
