// Reading many follow-ups: the list (and its export's slim pages, ADR 0044) with the
// viewer's reach and filters, and the agenda of returns with the documents they are about.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "app/errors.h"
#include "app/followups/followups.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/followup.h"
#include "domain/permissions.h"
#include "domain/state.h"
#include "domain/time_zone.h"

namespace retorno {

absl::StatusOr<FollowupQuery> FollowupListQuery(Tx& tx, const AuthContext& ctx,
                                                const FollowupListInput& in, absl::Time now) {
  FollowupQuery q;
  q.status = in.status;
  q.state = in.state;
  q.today = TodayOf(ctx.user, now);
  q.owner_id = in.owner_id;
  q.branch_id = in.branch_id;
  q.party_id = in.party_id;
  q.category = in.category;
  q.priority = in.priority;
  q.due_from = in.from;
  q.due_to = in.to;
  q.text = in.text;
  q.internal = in.internal;
  if (in.contact_from || in.contact_to) {
    const absl::TimeZone zone = ZoneOf(ctx.user);
    if (in.contact_from) q.contact_from = InstantOf(*in.contact_from, 0, zone);
    if (in.contact_to) q.contact_to = InstantOf(*in.contact_to + 1, 0, zone);
  }
  q.order = in.order;
  q.limit = std::clamp(in.limit, 1, 200);
  q.cursor = in.cursor;
  const Viewer v = ctx.viewer();
  const FollowupReach reach = ReachOf(v);
  q.visible_owner = reach.owner;
  q.visible_branch = reach.branch;
  if (in.branch_id && !CanFilterByBranch(v, *in.branch_id))
    return CodedError(ErrorCode::kFilterNotAllowed);
  if (in.owner_id && *in.owner_id != v.id) {
    ASSIGN_OR_RETURN(std::optional<User> owner, tx.accounts().FindUser(*in.owner_id));
    if (!owner) return FieldError("owner_id", "unknown_user");
    if (!CanFilterByOwner(v, owner->id, owner->branch_id))
      return CodedError(ErrorCode::kFilterNotAllowed);
  }
  return q;
}

absl::StatusOr<FollowupList> FollowupService::List(const AuthContext& ctx,
                                                   const FollowupListInput& in, absl::Time now) {
  FollowupList out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(FollowupQuery q, FollowupListQuery(tx, ctx, in, now));
    auto page = tx.followup_queries().QueryFollowups(q);
    if (absl::IsInvalidArgument(page.status())) return FieldError("cursor", "invalid_cursor");
    RETURN_IF_ERROR(page.status());
    out.next_cursor = page->next_cursor;
    if (q.cursor.empty()) {
      // A first page that holds everything needs no count.
      if (page->next_cursor.empty()) {
        out.total = static_cast<int64_t>(page->items.size());
      } else {
        ASSIGN_OR_RETURN(out.total, tx.followup_queries().CountFollowups(q));
      }
    }
    for (FollowupRow& row : page->items) {
      DerivedState s = StateOf(row.followup.status, row.followup.next_due_date, q.today);
      out.items.push_back({std::move(row), s});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status FollowupService::ListForExport(const AuthContext& ctx, const FollowupListInput& in,
                                            absl::Time now, FollowupExportList& out) {
  return store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(FollowupQuery q, FollowupListQuery(tx, ctx, in, now));
    q.limit = std::clamp(in.limit, 1, kMaxExportPageRows);
    absl::Status s = tx.followup_export().QueryFollowupsForExport(q, out.page);
    if (absl::IsInvalidArgument(s)) return FieldError("cursor", "invalid_cursor");
    RETURN_IF_ERROR(s);
    out.today = q.today;
    out.total.reset();
    if (q.cursor.empty()) {
      if (out.page.next_cursor.empty()) {
        out.total = static_cast<int64_t>(out.page.size);
      } else {
        ASSIGN_OR_RETURN(out.total, tx.followup_queries().CountFollowups(q));
      }
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<AgendaItem>> FollowupService::Agenda(const AuthContext& ctx,
                                                                const AgendaInput& in,
                                                                absl::Time now) {
  const Viewer v = ctx.viewer();
  if (!ScopeAllowed(v, in.scope)) return CodedError(ErrorCode::kScopeNotAllowed);
  if (in.scope == Scope::kBranch && !v.branch_id) return CodedError(ErrorCode::kScopeNotAllowed);
  const absl::CivilDay today = TodayOf(ctx.user, now);
  AgendaQuery q;
  switch (in.scope) {
    case Scope::kMine:
      q.assignee_id = v.id;
      break;
    case Scope::kBranch:
      q.branch_id = v.branch_id;
      break;
    case Scope::kAll:
      break;
  }
  switch (in.when) {
    case AgendaWhen::kToday:
      q.from = q.to = today;
      break;
    case AgendaWhen::kOverdue:
      q.to = today - 1;
      break;
    case AgendaWhen::kUpcoming:
      q.from = today + 1;
      q.to = today + options_.upcoming_days;
      break;
    case AgendaWhen::kRange:
      break;
  }
  if (in.from) q.from = in.from;
  if (in.to) q.to = in.to;
  if (q.from && q.to && *q.from > *q.to) return FieldError("to", "before_from");
  std::vector<AgendaItem> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<AgendaRow> rows, tx.followup_queries().QueryAgenda(q));
    for (AgendaRow& r : rows) {
      DerivedState s = StateOf(r.followup.status, r.followup.next_due_date, today);
      out.push_back({std::move(r), s, std::nullopt});
    }
    return AttachDocuments(tx, out);
  }));
  return out;
}

absl::Status AttachDocuments(Tx& tx, std::vector<AgendaItem>& items) {
  absl::flat_hash_map<DocumentId, std::optional<SalesDocument>> cache;
  for (AgendaItem& i : items) {
    if (!i.row.followup.document_id) continue;
    auto it = cache.find(*i.row.followup.document_id);
    if (it == cache.end()) {
      ASSIGN_OR_RETURN(std::optional<SalesDocument> d,
                       tx.sales().FindDocumentHeader(*i.row.followup.document_id));
      it = cache.emplace(*i.row.followup.document_id, std::move(d)).first;
    }
    i.document = it->second;
  }
  return absl::OkStatus();
}
}  // namespace retorno
