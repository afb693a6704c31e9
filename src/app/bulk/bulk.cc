#include "app/bulk/bulk.h"

#include <array>
#include <map>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "app/accounts/user_cache.h"
#include "app/errors.h"
#include "app/followups/followup_events.h"
#include "app/mail/reminder_sync.h"
#include "app/time_zone.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/followup.h"
#include "domain/permissions.h"
#include "domain/reminders.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

namespace {

constexpr std::array<std::pair<BulkAction, std::string_view>, 3> kActions{
    {{BulkAction::kReassign, "reassign"},
     {BulkAction::kMove, "move"},
     {BulkAction::kClose, "close"}}};

constexpr size_t kMaxResult = 20000;  // as a closing's result on one follow-up
constexpr int kFarDays = 3660;        // as a reschedule of one return

// One accepted follow-up and what the check loaded for its change.
struct Accepted {
  Followup followup;
  std::vector<Action> actions;  // every return, by due date (reassign, close)
  std::optional<Action> first;  // move: the earliest planned return
  absl::CivilDay to_day;        // move: where it goes
};

void CheckReason(const std::string& field, const std::string& value, size_t max, bool required,
                 Issues& issues) {
  if (value.empty()) {
    if (required) issues.Add(field, "required");
  } else if (value.size() > max) {
    issues.Add(field, "too_long");
  } else if (!IsCleanText(value)) {
    issues.Add(field, "invalid_text");
  }
}

// The request's own mistakes, before anything is read.
absl::Status CheckInput(const AuthContext& ctx, const BulkInput& in, const BulkOptions& options,
                        absl::Time now) {
  Issues issues;
  if (!in.action) issues.Add("action", "required");
  CheckReason("reason", in.reason, options.max_reason, true, issues);
  if (!in.ids && !in.filter) issues.Add("ids", "required");
  if (in.ids && in.filter) issues.Add("filter", "not_allowed");
  if (in.ids && static_cast<int64_t>(in.ids->size()) > options.max_items)
    issues.Add("ids", "too_many");
  if (in.ids && in.ids->empty()) issues.Add("ids", "required");
  if (in.action == BulkAction::kReassign && !in.to_user_id) issues.Add("to_user_id", "required");
  if (in.action == BulkAction::kMove) {
    if (!in.to_date && !in.next_business_day) issues.Add("to_date", "required");
    if (in.to_date && in.next_business_day) issues.Add("next_business_day", "not_allowed");
    if (in.to_date) {
      const absl::CivilDay today = TodayOf(ctx.user, now);
      if (*in.to_date < today)
        issues.Add("to_date", "in_past");
      else if (*in.to_date > today + kFarDays)
        issues.Add("to_date", "too_far");
    }
  }
  if (in.action == BulkAction::kClose) CheckReason("result", in.result, kMaxResult, false, issues);
  return issues.ToStatus();
}

// The ids a filter selects, in the list's order, at most max_items (+1 to tell a cut).
absl::Status SelectByFilter(Tx& tx, const AuthContext& ctx, const FollowupListInput& filter,
                            int max_items, absl::Time now, std::vector<FollowupId>& out,
                            bool& capped) {
  FollowupListInput in = filter;
  in.cursor.clear();
  in.limit = 200;
  ASSIGN_OR_RETURN(FollowupQuery q, FollowupListQuery(tx, ctx, in, now));
  capped = false;
  while (true) {
    ASSIGN_OR_RETURN(FollowupPage page, tx.followup_queries().QueryFollowups(q));
    for (const FollowupRow& row : page.items) {
      if (static_cast<int>(out.size()) == max_items) {
        capped = true;
        return absl::OkStatus();
      }
      out.push_back(row.followup.id);
    }
    if (page.next_cursor.empty()) return absl::OkStatus();
    q.cursor = page.next_cursor;
  }
}

// Checks one follow-up against the action: nullopt when accepted (and `out` filled),
// else the code of the refusal, in the order of a change to one follow-up: existence,
// rights, state, then what the action needs.
absl::StatusOr<std::optional<ErrorCode>> CheckItem(Tx& tx, const AuthContext& ctx,
                                                   const BulkInput& in, FollowupId id,
                                                   UserCache& users, absl::Time now,
                                                   Accepted& out) {
  ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(id));
  if (!f) return ErrorCode::kFollowupNotFound;
  if (RefuseChange(ctx.viewer(), *f)) return ErrorCode::kForbiddenFollowup;
  if (f->status != FollowupStatus::kOpen) return ErrorCode::kFollowupClosed;
  if (in.action == BulkAction::kReassign && f->owner_id == *in.to_user_id)
    return ErrorCode::kAlreadyOwner;
  ASSIGN_OR_RETURN(out.actions, tx.followups().ListActions(id));
  if (in.action == BulkAction::kMove) {
    for (const Action& a : out.actions)
      if (a.status == ActionStatus::kPlanned && (!out.first || a.due_date < out.first->due_date))
        out.first = a;
    if (!out.first) return ErrorCode::kNoPlannedReturn;
    if (in.to_date) {
      out.to_day = *in.to_date;
    } else {
      // "Next business day" is the follow-up's: its owner's zone (else its branch's,
      // else the organisation's), not the caller's nor the server's.
      ASSIGN_OR_RETURN(const User* owner, users.Find(f->owner_id));
      ASSIGN_OR_RETURN(absl::TimeZone zone, ZoneOfRecord(tx, owner, f->branch_id));
      out.to_day = NextBusinessDay(DayIn(now, zone));
    }
    if (out.first->due_date == out.to_day) return ErrorCode::kAlreadyOnDate;
  }
  out.followup = *std::move(f);
  return std::nullopt;
}

absl::Status Reassign(Tx& tx, const AuthContext& ctx, const BulkInput& in, const User& to,
                      UserCache& users, Accepted& item, absl::Time now) {
  Followup& f = item.followup;
  const UserId previous = f.owner_id;
  ASSIGN_OR_RETURN(const User* old_owner, users.Find(previous));
  f.owner_id = to.id;
  f.branch_id = to.branch_id;
  // Planned returns follow the follow-up to its new owner, as in a change of one.
  for (Action& a : item.actions) {
    if (a.status != ActionStatus::kPlanned || a.assignee_id != previous) continue;
    a.assignee_id = to.id;
    RETURN_IF_ERROR(UpdateActionWithReminders(tx, a, now));
  }
  std::string body =
      absl::StrCat("⇄ ", old_owner ? old_owner->name : "?", " → ", to.name, "\n", in.reason);
  RETURN_IF_ERROR(
      AddSystemEntry(tx, f, ctx, EntryKind::kStatus, std::move(body), std::nullopt, now, now)
          .status());
  f.updated_by = ctx.user.id;
  f.updated_at = now;
  return tx.followups().UpdateFollowup(f).status();
}

absl::Status Move(Tx& tx, const AuthContext& ctx, const BulkInput& in, Accepted& item,
                  absl::Time now) {
  FollowupAggregate agg(std::move(item.followup), {*item.first});
  RETURN_IF_ERROR(
      Refused(agg.Reschedule(item.first->id, DueAt{item.to_day, item.first->due_minutes},
                             std::nullopt, in.reason, ctx.user.id, now)));
  return SaveFollowup(tx, ctx, agg, now);
}

absl::Status Close(Tx& tx, const AuthContext& ctx, const BulkInput& in, Accepted& item,
                   absl::Time now) {
  FollowupAggregate agg(std::move(item.followup), std::move(item.actions));
  // The result, when given, is the closing's text; the reason follows it.
  const std::string text = in.result.empty() ? in.reason : absl::StrCat(in.result, "\n", in.reason);
  RETURN_IF_ERROR(Refused(agg.Close(text, ctx.user.id, now)));
  return SaveFollowup(tx, ctx, agg, now);
}

// What a person is told about the batch: "<what>:<count>" then the reason on the next
// line. <what>: reassign_in (follow-ups given to them), reassign_out (taken from them),
// move, close (theirs were moved or closed).
absl::Status Notify(Tx& tx, const AuthContext& ctx, const BulkInput& in,
                    const std::map<std::pair<UserId, std::string>, int64_t>& counts,
                    absl::Time now) {
  for (const auto& [key, count] : counts) {
    const auto& [user, what] = key;
    if (user == ctx.user.id) continue;  // the caller knows what they did
    Notification n;
    n.user_id = user;
    n.kind = NotificationKind::kBulkChange;
    n.detail = absl::StrCat(what, ":", count, "\n", in.reason);
    n.created_at = now;
    RETURN_IF_ERROR(tx.messaging().InsertNotification(n).status());
  }
  return absl::OkStatus();
}

}  // namespace

std::optional<BulkAction> ParseBulkAction(std::string_view s) {
  for (const auto& [a, name] : kActions)
    if (name == s) return a;
  return std::nullopt;
}

std::string_view ToString(BulkAction a) {
  for (const auto& [e, name] : kActions)
    if (e == a) return name;
  return "";
}

absl::StatusOr<BulkResult> BulkService::Apply(const AuthContext& ctx, const BulkInput& in,
                                              absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kBulkChange));
  RETURN_IF_ERROR(CheckInput(ctx, in, options_, now));
  BulkResult result;
  result.dry_run = in.dry_run;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    result = BulkResult{.dry_run = in.dry_run};
    UserCache users(tx);
    const User* to = nullptr;
    if (in.action == BulkAction::kReassign) {
      ASSIGN_OR_RETURN(to, users.Find(*in.to_user_id));
      if (!to || !to->active) return FieldError("to_user_id", "unknown_user");
      if (!CanAssignTo(ctx.viewer(), to->id, to->branch_id))
        return FieldError("to_user_id", "not_allowed");
    }
    std::vector<FollowupId> ids;
    if (in.filter) {
      RETURN_IF_ERROR(
          SelectByFilter(tx, ctx, *in.filter, options_.max_items, now, ids, result.capped));
    } else {
      absl::flat_hash_set<FollowupId> seen;
      for (FollowupId id : *in.ids)
        if (seen.insert(id).second) ids.push_back(id);
    }
    result.selected = static_cast<int64_t>(ids.size());

    // Everything is checked before anything changes.
    std::vector<Accepted> accepted;
    accepted.reserve(ids.size());
    for (FollowupId id : ids) {
      Accepted item;
      ASSIGN_OR_RETURN(std::optional<ErrorCode> refusal,
                       CheckItem(tx, ctx, in, id, users, now, item));
      if (refusal)
        result.refused.push_back({id, *refusal});
      else
        accepted.push_back(std::move(item));
    }
    result.accepted = static_cast<int64_t>(accepted.size());
    if (in.dry_run || (in.all_or_nothing && !result.refused.empty())) return absl::OkStatus();

    std::map<std::pair<UserId, std::string>, int64_t> counts;
    for (Accepted& item : accepted) {
      switch (*in.action) {
        case BulkAction::kReassign:
          ++counts[{item.followup.owner_id, "reassign_out"}];
          ++counts[{to->id, "reassign_in"}];
          RETURN_IF_ERROR(Reassign(tx, ctx, in, *to, users, item, now));
          break;
        case BulkAction::kMove:
          ++counts[{item.followup.owner_id, "move"}];
          RETURN_IF_ERROR(Move(tx, ctx, in, item, now));
          break;
        case BulkAction::kClose:
          ++counts[{item.followup.owner_id, "close"}];
          RETURN_IF_ERROR(Close(tx, ctx, in, item, now));
          break;
      }
      ++result.applied;
    }
    return Notify(tx, ctx, in, counts, now);
  }));
  return result;
}

}  // namespace retorno
