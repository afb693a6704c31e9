#include "app/followups/followup_events.h"

#include "absl/strings/str_cat.h"
#include "app/error_codes.h"
#include "app/mail/reminder_sync.h"
#include "base/status_macros.h"
#include "base/time_util.h"

namespace retorno {

absl::Status Refused(std::optional<FollowupRefusal> refusal) {
  if (!refusal) return absl::OkStatus();
  switch (*refusal) {
    case FollowupRefusal::kForbidden:
      return CodedError(ErrorCode::kForbiddenFollowup);
    case FollowupRefusal::kAssigneeCannotChain:
      return CodedError(ErrorCode::kAssigneeCannotChain);
    case FollowupRefusal::kReopenNeedsSupervisor:
      return CodedError(ErrorCode::kReopenNeedsSupervisor);
    case FollowupRefusal::kClosed:
      return CodedError(ErrorCode::kFollowupClosed);
    case FollowupRefusal::kNotClosed:
      return CodedError(ErrorCode::kFollowupNotClosed);
    case FollowupRefusal::kReturnNotPlanned:
      return CodedError(ErrorCode::kActionNotPlanned);
    case FollowupRefusal::kReturnNotLoaded:
      break;
  }
  return absl::InternalError("return not loaded");
}

absl::StatusOr<Entry> AddSystemEntry(Tx& tx, const Followup& f, const AuthContext& ctx,
                                     EntryKind kind, std::string body,
                                     std::optional<ActionId> action, absl::Time at,
                                     absl::Time now) {
  Entry e;
  e.followup_id = f.id;
  e.action_id = action;
  e.kind = kind;
  e.body = std::move(body);
  e.author_id = ctx.user.id;
  e.contact_at = at;
  e.created_at = now;
  ASSIGN_OR_RETURN(e.id, tx.followups().InsertEntry(e));
  return e;
}

namespace {

std::string DayText(DueAt due) {
  return due.minutes ? absl::StrCat(FormatDate(due.day), " ", FormatTimeOfDay(*due.minutes))
                     : FormatDate(due.day);
}

}  // namespace

std::optional<std::pair<EntryKind, std::string>> TimelineOf(const StatusEvent& e) {
  auto with_reason = [&](std::string body) {
    if (!e.reason.empty()) absl::StrAppend(&body, "\n", e.reason);
    return body;
  };
  switch (e.kind) {
    case StatusEventKind::kReturnCompleted:
      return std::make_pair(EntryKind::kResult, e.reason);
    case StatusEventKind::kReturnRescheduled:
      return std::make_pair(
          EntryKind::kStatus,
          with_reason(absl::StrCat("↻ ", DayText(*e.due_from), " → ", DayText(*e.due_to))));
    case StatusEventKind::kReturnCancelled:
      return std::make_pair(EntryKind::kStatus,
                            with_reason(absl::StrCat("✕ ", DayText(*e.due_from))));
    case StatusEventKind::kClosed:
      return std::make_pair(EntryKind::kStatus, "■ " + e.reason);
    case StatusEventKind::kReopened:
      return std::make_pair(EntryKind::kStatus, "▶ " + e.reason);
    case StatusEventKind::kReturnCancelledByClose:
    case StatusEventKind::kReturnsAdded:
      break;
  }
  return std::nullopt;
}

std::string InternalDateLine(std::optional<absl::CivilDay> from, std::optional<absl::CivilDay> to,
                             std::string_view locale) {
  const bool es = locale.starts_with("es"), en = locale.starts_with("en");
  const char* label = es ? "Fecha interna" : en ? "Internal date" : "Data interna";
  if (!to) {
    const char* cleared = es ? "eliminada" : en ? "cleared" : "removida";
    return absl::StrCat("◆ ", label, " ", cleared, " (", from ? FormatDate(*from) : "", ")");
  }
  if (!from) return absl::StrCat("◆ ", label, ": ", FormatDate(*to));
  return absl::StrCat("◆ ", label, ": ", FormatDate(*from), " → ", FormatDate(*to));
}

absl::Status SaveFollowup(Tx& tx, const AuthContext& ctx, FollowupAggregate& agg, absl::Time now) {
  // The returns and the follow-up first, in one call: the store writes the follow-up's
  // row once, with the caches of its returns (and refuses a stale version before
  // anything else is written); then what follows from them.
  const std::vector<const Action*> changed = agg.ChangedReturns();
  agg.Stamp(ctx.user.id, now);
  ASSIGN_OR_RETURN(int64_t version,
                   tx.followups().SaveFollowupWithReturns(agg.followup(), changed));
  for (const Action* a : changed) RETURN_IF_ERROR(RemindersAfterChange(tx, *a, now));
  for (const StatusEvent& e : agg.events()) {
    std::optional<std::pair<EntryKind, std::string>> entry = TimelineOf(e);
    if (!entry) continue;
    RETURN_IF_ERROR(AddSystemEntry(tx, agg.followup(), ctx, entry->first, std::move(entry->second),
                                   e.action_id, e.at, now)
                        .status());
  }
  agg.SetVersion(version);
  return absl::OkStatus();
}

}  // namespace retorno
