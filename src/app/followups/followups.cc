#include "app/followups/followups.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "app/attendance/attendance.h"
#include "app/errors.h"
#include "app/followups/followup_events.h"
#include "app/followups/reopen_rules.h"
#include "app/mail/mail_compose.h"
#include "app/mail/reminder_sync.h"
#include "app/parties/parties.h"
#include "app/time_zone.h"
#include "app/workflow/workflows.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/followup.h"
#include "domain/permissions.h"
#include "domain/recurrence.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

namespace {

constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxBody = 20000;
constexpr size_t kMaxCc = 20;
// A contact date a little ahead of the server clock is a skewed client, not the future.
constexpr absl::Duration kClockSkew = absl::Minutes(5);

void CheckText(const std::string& field, const std::string& value, size_t max, bool required,
               Issues& issues) {
  if (value.empty()) {
    if (required) issues.Add(field, "required");
  } else if (value.size() > max) {
    issues.Add(field, "too_long");
  } else if (!IsCleanText(value)) {
    issues.Add(field, "invalid_text");
  }
}

// A one-line field (the subject): as CheckText, and no line breaks.
void CheckLine(const std::string& field, const std::string& value, size_t max, bool required,
               Issues& issues) {
  if (!value.empty() && value.size() <= max && !IsOneLine(value))
    issues.Add(field, "line_break");
  else
    CheckText(field, value, max, required, issues);
}

absl::Status CheckAccess(const AuthContext& ctx, const Followup& f) {
  return Refused(RefuseChange(ctx.viewer(), f));
}

// The assignee of a return on a follow-up they may not otherwise see works that return
// only (CanWorkAction); a caller without that right gets "forbidden_followup".
absl::Status CheckWorkAction(const AuthContext& ctx, const Followup& f, const Action& a) {
  return Refused(RefuseWork(ctx.viewer(), f, a));
}

absl::StatusOr<Followup> LoadFollowupOfAction(Tx& tx, const AuthContext& ctx, const Action& a) {
  ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(a.followup_id));
  if (!f) return CodedError(ErrorCode::kFollowupNotFound);
  RETURN_IF_ERROR(CheckWorkAction(ctx, *f, a));
  return *std::move(f);
}

absl::Status RequireOpen(const Followup& f) {
  if (f.status != FollowupStatus::kOpen) return CodedError(ErrorCode::kFollowupClosed);
  return absl::OkStatus();
}

// Checks an ActionInput under `prefix` ("next_action."), for a follow-up owned by
// `owner`. Returns store errors; field problems go to `issues`.
// A retired contact type is refused (`refuse_retired`) on what a person schedules; the
// automatic follow-ups keep following their product's configuration.
absl::Status CheckActionInput(Tx& tx, const AuthContext& ctx, const ActionInput& in,
                              const User& owner, absl::Time now, const std::string& prefix,
                              Issues& issues, bool refuse_retired = true) {
  const absl::CivilDay today = TodayOf(ctx.user, now);
  if (in.type.empty()) {
    issues.Add(prefix + "type", "required");
  } else {
    ASSIGN_OR_RETURN(std::optional<CodeItem> t,
                     tx.accounts().FindCode(CodeTable::kContactType, in.type));
    if (!t)
      issues.Add(prefix + "type", "unknown_code");
    else if (!t->active && refuse_retired)
      issues.Add(prefix + "type", "retired");
  }
  if (!in.due_date)
    issues.Add(prefix + "due_date", "required");
  else if (*in.due_date < today)
    issues.Add(prefix + "due_date", "in_past");
  else if (*in.due_date > today + 3660)
    issues.Add(prefix + "due_date", "too_far");
  if (in.due_minutes && (*in.due_minutes < 0 || *in.due_minutes >= 24 * 60))
    issues.Add(prefix + "due_time", "invalid_time");
  CheckTemplateText(prefix + "message", in.message, kMaxBody, false, issues);
  if (in.repeat_months < 0 || in.repeat_months > kMaxRepeatMonths)
    issues.Add(prefix + "repeat_months", "out_of_range");
  if (in.remind_at && *in.remind_at < now - kClockSkew) issues.Add(prefix + "remind_at", "in_past");
  if (in.assignee_id && *in.assignee_id != owner.id) {
    ASSIGN_OR_RETURN(std::optional<User> a, tx.accounts().FindUser(*in.assignee_id));
    if (!a || !a->active)
      issues.Add(prefix + "assignee_id", "unknown_user");
    else if (!CanAssignTo(ctx.viewer(), a->id, a->branch_id))
      issues.Add(prefix + "assignee_id", "not_allowed");
  }
  return absl::OkStatus();
}

ReturnPlan PlanOf(const ActionInput& in) {
  return ReturnPlan{.type = in.type,
                    .due_minutes = in.due_minutes,
                    .assignee_id = in.assignee_id,
                    .notify_customer = in.notify_customer,
                    .message = in.message,
                    .remind_at = in.remind_at};
}

// The due dates of a validated ActionInput: one, or a monthly series with its new id.
absl::Status DatesOf(Tx& tx, const ActionInput& in, std::vector<absl::CivilDay>& dates,
                     int64_t& series_id) {
  dates = {*in.due_date};
  series_id = 0;
  if (in.repeat_months > 1) {
    ASSIGN_OR_RETURN(dates, MonthlySeries(*in.due_date, in.repeat_months));
    ASSIGN_OR_RETURN(series_id, tx.followups().NextSeriesId());
  }
  return absl::OkStatus();
}

// Inserts planned returns with their reminders. `known` is a user the caller has
// already read, and `known_zone` that user's zone if worked out already (see
// InsertActionWithReminders).
absl::StatusOr<std::vector<Action>> InsertPlanned(Tx& tx, std::vector<Action> planned,
                                                  absl::Time now, const User& known,
                                                  const absl::TimeZone* known_zone = nullptr) {
  for (Action& a : planned) {
    ASSIGN_OR_RETURN(a.id, InsertActionWithReminders(tx, a, now, &known, known_zone));
  }
  return planned;
}

// What a creation will read and insert, for the store to batch (CreationAhead): the
// reads of its checks, and how many rows of each kind it adds.
CreationAhead CreationAheadOf(const AuthContext& ctx, const CreateFollowupInput& in) {
  CreationAhead a;
  a.party = in.party_id;
  if (!in.category.empty()) a.codes.emplace_back(CodeTable::kCategory, in.category);
  if (in.owner_id && *in.owner_id != ctx.user.id) a.users.push_back(*in.owner_id);
  a.attendance_type = in.attendance_type_id;
  for (const std::string* note : {&in.note_followup, &in.note_complaint, &in.note_internal})
    if (!note->empty()) ++a.entries;
  if (in.next_action) {
    const ActionInput& n = *in.next_action;
    if (!n.type.empty()) a.codes.emplace_back(CodeTable::kContactType, n.type);
    if (n.assignee_id && *n.assignee_id != in.owner_id.value_or(ctx.user.id))
      a.users.push_back(*n.assignee_id);
    a.returns = n.repeat_months > 1 && n.repeat_months <= kMaxRepeatMonths ? n.repeat_months : 1;
    a.reminders = a.returns * (n.notify_customer ? 2 : 1);
  }
  // The caller's zone, when the caller owns the follow-up and has none of its own.
  if (!in.owner_id && ctx.user.time_zone.empty()) {
    a.branch = ctx.user.branch_id;
    a.settings = true;
  }
  return a;
}

// The return(s) of a validated ActionInput on an open follow-up of the aggregate.
absl::StatusOr<std::vector<Action>> AddReturns(Tx& tx, const AuthContext& ctx,
                                               FollowupAggregate& agg, const ActionInput& in,
                                               absl::Time now, const User& known) {
  std::vector<absl::CivilDay> dates;
  int64_t series_id = 0;
  RETURN_IF_ERROR(DatesOf(tx, in, dates, series_id));
  std::vector<Action> planned;
  RETURN_IF_ERROR(Refused(agg.AddReturns(PlanOf(in), dates, series_id, ctx.user.id, now, planned)));
  return InsertPlanned(tx, std::move(planned), now, known);
}

absl::Status Touch(Tx& tx, Followup& f, const AuthContext& ctx, absl::Time now) {
  f.updated_by = ctx.user.id;
  f.updated_at = now;
  ASSIGN_OR_RETURN(f.version, tx.followups().UpdateFollowup(f));
  return absl::OkStatus();
}

// The rest of a follow-up's page, its party already read.
absl::StatusOr<FollowupDetail> LoadDetailOf(Tx& tx, const AuthContext& ctx, Followup f, Party party,
                                            absl::Time now) {
  FollowupDetail d;
  d.party = std::move(party);
  ASSIGN_OR_RETURN(d.actions, tx.followups().ListActions(f.id));
  ASSIGN_OR_RETURN(std::vector<Entry> entries, tx.followups().ListEntries(f.id));
  for (Entry& e : entries)
    if (!e.draft || e.author_id == ctx.user.id) d.entries.push_back(std::move(e));
  ASSIGN_OR_RETURN(d.attachments, tx.followups().ListAttachments(f.id));
  ASSIGN_OR_RETURN(d.attendance_type_id, AttendanceTypeIdOf(tx, f.id));
  ASSIGN_OR_RETURN(d.workflow, tx.workflow().FindPosition(f.id));
  if (f.document_id) {
    ASSIGN_OR_RETURN(d.document, tx.sales().FindDocumentHeader(*f.document_id));
  }
  d.state = StateOf(f.status, NextDueDate(d.actions), TodayOf(ctx.user, now));
  d.can_change = CanAccessFollowup(ctx.viewer(), f.owner_id, f.branch_id);
  if (f.status == FollowupStatus::kClosed) {
    ASSIGN_OR_RETURN(std::optional<ReopenRequest> pending,
                     tx.sales().FindPendingReopenRequest(f.id));
    if (pending) d.reopen_requested_at = pending->created_at;
  }
  d.followup = std::move(f);
  d.followup.next_due_date = NextDueDate(d.actions);
  return d;
}

absl::StatusOr<FollowupDetail> LoadDetail(Tx& tx, const AuthContext& ctx, Followup f,
                                          absl::Time now) {
  ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(f.party_id));
  return LoadDetailOf(tx, ctx, std::move(f), party ? *std::move(party) : Party{}, now);
}

// Who a transition on one return is for: those who may work the return (its assignee
// too), or those who may change the follow-up.
enum class ReturnRight { kWork, kChange };

// The frame of a transition on one return, in one transaction: load the return and its
// follow-up (refused without `right`), let `step` check the request and call the
// aggregate, save what changed and read the follow-up's page back.
absl::StatusOr<FollowupDetail> ChangeReturn(
    Store& store, const AuthContext& ctx, ActionId id, ReturnRight right, absl::Time now,
    absl::FunctionRef<absl::Status(Tx&, const Action&, FollowupAggregate&)> step) {
  FollowupDetail d;
  // The return and its follow-up are locked before anything is read: a concurrent
  // change of either waits, then this one reads its result, so no serialisable
  // isolation is needed (ADR 0026). Every other write of a return or of a follow-up
  // writes those rows too, so it waits for this one, or, serialisable, conflicts with it.
  RETURN_IF_ERROR(store.WriteRowLocked([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.followups().LockReturn(id));
    ASSIGN_OR_RETURN(std::optional<Action> a, tx.followups().FindAction(id));
    if (!a) return CodedError(ErrorCode::kActionNotFound);
    Followup f;
    if (right == ReturnRight::kWork) {
      ASSIGN_OR_RETURN(f, LoadFollowupOfAction(tx, ctx, *a));
    } else {
      ASSIGN_OR_RETURN(f, LoadVisibleFollowup(tx, ctx, a->followup_id));
    }
    FollowupAggregate agg(std::move(f), {*a});
    RETURN_IF_ERROR(step(tx, *a, agg));
    RETURN_IF_ERROR(SaveFollowup(tx, ctx, agg, now));
    ASSIGN_OR_RETURN(d, LoadDetail(tx, ctx, std::move(agg).TakeFollowup(), now));
    return absl::OkStatus();
  }));
  return d;
}

}  // namespace

std::string SafeFileName(const std::string& name) {
  std::string base = name;
  size_t slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (unsigned char c : base) {
    if (c < 0x20 || c == 0x7f || c == '"') continue;
    out.push_back(static_cast<char>(c));
  }
  if (!IsCleanText(out)) out = "file";
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (out.size() > 200) out = out.substr(out.size() - 200);
  if (!IsCleanText(out)) out = "file";  // the cut may split a UTF-8 sequence
  return out.empty() ? "file" : out;
}

absl::Status CheckDocumentUse(Tx& tx, const AuthContext& ctx, const SalesDocument& d,
                              DocumentUse use) {
  // The customer's owner is read only when it can change the answer.
  DocumentReach reach{d.owner_id, std::nullopt, d.branch_id};
  DocumentAccess access = DocumentAccessFor(ctx.viewer(), reach, use);
  if (access == DocumentAccess::kOutOfReach) {
    ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(d.party_id));
    if (party) reach.party_owner_id = party->owner_id;
    access = DocumentAccessFor(ctx.viewer(), reach, use);
  }
  switch (access) {
    case DocumentAccess::kAllowed:
      return absl::OkStatus();
    case DocumentAccess::kReadOnly:
      return CodedError(ErrorCode::kForbiddenDocument);
    case DocumentAccess::kOutOfReach:
      break;
  }
  return CodedError(ErrorCode::kDocumentOutOfReach);
}

absl::Status CheckReadable(Tx& tx, const AuthContext& ctx, const Followup& f) {
  absl::Status access = CheckAccess(ctx, f);
  if (access.ok()) return access;
  ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(f.id));
  const bool assigned = std::any_of(actions.begin(), actions.end(), [&](const Action& a) {
    return CheckWorkAction(ctx, f, a).ok();
  });
  return assigned ? absl::OkStatus() : access;
}

absl::StatusOr<Followup> LoadReadableFollowup(Tx& tx, const AuthContext& ctx, FollowupId id) {
  ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(id));
  if (!f) return CodedError(ErrorCode::kFollowupNotFound);
  RETURN_IF_ERROR(CheckReadable(tx, ctx, *f));
  return *std::move(f);
}

absl::StatusOr<Followup> LoadVisibleFollowup(Tx& tx, const AuthContext& ctx, FollowupId id) {
  ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(id));
  if (!f) return CodedError(ErrorCode::kFollowupNotFound);
  RETURN_IF_ERROR(CheckAccess(ctx, *f));
  return *std::move(f);
}

absl::StatusOr<CreatedFollowup> FollowupService::Create(const AuthContext& ctx,
                                                        const CreateFollowupInput& in,
                                                        absl::Time now) {
  CreatedFollowup out;
  // A creation only inserts rows of its own; what it reads and checks (the party, codes,
  // users, the attendance type and its workflow) may change under it without breaking a
  // rule: a deleted party or user is refused by its foreign key, a code retired meanwhile
  // counts as retired after the creation, and the series number comes from an UPDATE
  // that waits for the row. So creations need not be serialised against other writes,
  // and on PostgreSQL they no longer fail one another (ADR 0026).
  RETURN_IF_ERROR(store_.WriteRowLocked(
      [&](Tx& tx) -> absl::Status { return CreateInTx(tx, ctx, in, now, out); }));
  return out;
}

absl::Status FollowupService::CreateInTx(Tx& tx, const AuthContext& ctx,
                                         const CreateFollowupInput& in, absl::Time now,
                                         CreatedFollowup& out) {
  // A store may run a write again after a serialization conflict (PostgreSQL): what an
  // earlier run put in `out` must not stay.
  out = CreatedFollowup{};
  RETURN_IF_ERROR(tx.followups().AnnounceCreation(CreationAheadOf(ctx, in)));
  {
    Issues issues;
    std::optional<Party> party;
    std::optional<PartyId> party_id = in.party_id;
    if (in.document_id) {
      ASSIGN_OR_RETURN(std::optional<SalesDocument> doc, tx.sales().FindDocument(*in.document_id));
      if (!doc)
        issues.Add("document_id", "unknown_document");
      else if (absl::Status seen = CheckDocumentUse(tx, ctx, *doc, DocumentUse::kRead); !seen.ok())
        return seen;
      else if (!party_id)
        party_id = doc->party_id;
      else if (*party_id != doc->party_id)
        issues.Add("document_id", "document_of_other_party");
    }
    if (!party_id) {
      issues.Add("party_id", "required");
    } else {
      ASSIGN_OR_RETURN(party, tx.parties().FindParty(*party_id));
      if (!party) issues.Add("party_id", "unknown_party");
    }
    CheckLine("subject", in.subject, kMaxSubject, true, issues);
    if (in.category.empty()) {
      issues.Add("category", "required");
    } else {
      ASSIGN_OR_RETURN(std::optional<CodeItem> c,
                       tx.accounts().FindCode(CodeTable::kCategory, in.category));
      if (!c)
        issues.Add("category", "unknown_code");
      else if (!c->active && in.origin_key.empty())
        issues.Add("category", "retired");
    }
    User owner = ctx.user;
    if (in.owner_id && *in.owner_id != ctx.user.id) {
      ASSIGN_OR_RETURN(std::optional<User> o, tx.accounts().FindUser(*in.owner_id));
      if (!o || !o->active)
        issues.Add("owner_id", "unknown_user");
      else if (!CanAssignTo(ctx.viewer(), o->id, o->branch_id))
        issues.Add("owner_id", "not_allowed");
      else
        owner = *o;
    }
    if (in.contact) CheckContact("contact.", *in.contact, issues);
    if (in.cc.size() > kMaxCc) issues.Add("cc", "too_many");
    for (size_t i = 0; i < in.cc.size(); ++i)
      if (!IsValidEmail(in.cc[i])) issues.Add(absl::StrCat("cc[", i, "]"), "invalid_email");
    if (in.contact_at && *in.contact_at > now + kClockSkew) issues.Add("contact_at", "in_future");
    CheckText("notes.followup", in.note_followup, kMaxBody, false, issues);
    CheckText("notes.complaint", in.note_complaint, kMaxBody, false, issues);
    CheckText("notes.internal", in.note_internal, kMaxBody, false, issues);
    if (!in.next_action)
      issues.Add("next_action", "required");
    else
      RETURN_IF_ERROR(CheckActionInput(tx, ctx, *in.next_action, owner, now, "next_action.", issues,
                                       /*refuse_retired=*/in.origin_key.empty()));
    RETURN_IF_ERROR(CheckAttendanceTypeInput(tx, in.attendance_type_id, issues));
    RETURN_IF_ERROR(issues.ToStatus());

    Followup f;
    f.party_id = party->id;
    if (in.contact) {
      f.contact = *in.contact;
    }
    // Missing contact fields default to the party's own data (manual 000).
    if (f.contact.name.empty()) f.contact.name = party->name;
    if (f.contact.email.empty()) f.contact.email = party->email;
    if (f.contact.phone.empty()) f.contact.phone = party->phone;
    if (f.contact.whatsapp.empty()) f.contact.whatsapp = party->whatsapp;
    f.owner_id = owner.id;
    f.branch_id = owner.branch_id;
    f.subject = in.subject;
    f.category = in.category;
    f.priority = in.priority;
    f.origin = in.origin;
    f.document_id = in.document_id;
    f.origin_key = in.origin_key;
    f.cc = in.cc;
    f.created_by = f.updated_by = ctx.user.id;
    f.created_at = f.updated_at = now;
    f.contact_at = in.contact_at.value_or(now);
    f.internal_date = in.internal_date;
    // The first return is the earliest of a monthly series too; InsertPlanned below
    // then finds the cache already right (ports.h).
    f.next_due_date = in.next_action->due_date;
    // Everything the inserts need is read before the first one: on PostgreSQL the
    // inserts then all ride with the COMMIT (a read after them would cost a round trip).
    ASSIGN_OR_RETURN(const AttendanceType type, ChooseAttendanceType(tx, in.attendance_type_id));
    // A type with a workflow gives the first return to its start situation's centre.
    ASSIGN_OR_RETURN(std::optional<WorkflowStart> start, PlanWorkflowStartOf(tx, type, owner));
    ASSIGN_OR_RETURN(const absl::TimeZone owner_zone, ZoneOfUser(tx, owner));
    ASSIGN_OR_RETURN(f.id, tx.followups().InsertFollowup(f));
    RETURN_IF_ERROR(tx.attendance().PutFollowupType(f.id, type.id));
    out.detail.attendance_type_id = type.id.value;
    ReturnPlan plan = PlanOf(*in.next_action);
    if (start) plan.assignee_id = start->assignee;
    const absl::Time contact_at = f.contact_at;
    const std::pair<EntryKind, const std::string*> notes[] = {
        {EntryKind::kNote, &in.note_followup},
        {EntryKind::kComplaint, &in.note_complaint},
        {EntryKind::kInternal, &in.note_internal}};
    std::vector<Entry> entries;
    for (const auto& [kind, body] : notes) {
      if (body->empty()) continue;
      ASSIGN_OR_RETURN(Entry e,
                       AddSystemEntry(tx, f, ctx, kind, *body, std::nullopt, contact_at, now));
      entries.push_back(std::move(e));
    }
    std::vector<absl::CivilDay> dates;
    int64_t series_id = 0;
    RETURN_IF_ERROR(DatesOf(tx, *in.next_action, dates, series_id));
    ASSIGN_OR_RETURN(
        std::vector<Action> actions,
        InsertPlanned(tx, PlanReturns(f, plan, dates, series_id, now), now, owner, &owner_zone));
    if (start) {
      ASSIGN_OR_RETURN(Entry e, RecordWorkflowStart(tx, ctx, f, *start, actions.front().id, now));
      entries.push_back(std::move(e));
      ASSIGN_OR_RETURN(out.detail.workflow, tx.workflow().FindPosition(f.id));
    }
    for (const Action& a : actions) out.upcoming_dates.push_back(a.due_date);
    // The detail of what was just written, from memory rather than read back: six
    // statements fewer on the hottest write. The timeline is newest first,
    // as ListEntries orders it (same instant: higher id first).
    FollowupDetail& d = out.detail;
    d.party = *std::move(party);
    std::reverse(entries.begin(), entries.end());
    d.entries = std::move(entries);
    d.followup = std::move(f);
    d.followup.version = 1;
    d.followup.next_due_date = NextDueDate(actions);
    d.state = StateOf(d.followup.status, d.followup.next_due_date, TodayOf(ctx.user, now));
    d.can_change = CanAccessFollowup(ctx.viewer(), d.followup.owner_id, d.followup.branch_id);
    d.actions = std::move(actions);
    if (d.followup.document_id) {
      ASSIGN_OR_RETURN(d.document, tx.sales().FindDocumentHeader(*d.followup.document_id));
    }
    return absl::OkStatus();
  }
}

absl::StatusOr<FollowupDetail> FollowupService::Get(const AuthContext& ctx, FollowupId id,
                                                    absl::Time now) {
  FollowupDetail d;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    // The follow-up and its party in one statement (the hottest read).
    ASSIGN_OR_RETURN(std::optional<FollowupRow> row, tx.followup_queries().FindFollowupRow(id));
    if (!row) return CodedError(ErrorCode::kFollowupNotFound);
    RETURN_IF_ERROR(CheckReadable(tx, ctx, row->followup));
    ASSIGN_OR_RETURN(d,
                     LoadDetailOf(tx, ctx, std::move(row->followup), std::move(row->party), now));
    return absl::OkStatus();
  }));
  return d;
}

absl::StatusOr<FollowupDetail> FollowupService::Patch(const AuthContext& ctx, FollowupId id,
                                                      const PatchFollowupInput& in,
                                                      absl::Time now) {
  FollowupDetail d;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    if (f.version != in.expected_version) return CodedError(ErrorCode::kVersion);
    Issues issues;
    if (in.subject) {
      CheckLine("subject", *in.subject, kMaxSubject, true, issues);
      f.subject = *in.subject;
    }
    if (in.category) {
      ASSIGN_OR_RETURN(std::optional<CodeItem> c,
                       tx.accounts().FindCode(CodeTable::kCategory, *in.category));
      if (!c)
        issues.Add("category", "unknown_code");
      else if (!c->active && *in.category != f.category)  // keeping it is fine
        issues.Add("category", "retired");
      f.category = *in.category;
    }
    if (in.priority) f.priority = *in.priority;
    if (in.contact) {
      CheckContact("contact.", *in.contact, issues);
      f.contact = *in.contact;
    }
    if (in.cc) {
      if (in.cc->size() > kMaxCc) issues.Add("cc", "too_many");
      for (size_t i = 0; i < in.cc->size(); ++i)
        if (!IsValidEmail((*in.cc)[i])) issues.Add(absl::StrCat("cc[", i, "]"), "invalid_email");
      f.cc = *in.cc;
    }
    if (in.contact_at) {
      if (*in.contact_at > now + kClockSkew) issues.Add("contact_at", "in_future");
      f.contact_at = *in.contact_at;
    }
    if (in.attendance_type_id)
      RETURN_IF_ERROR(CheckAttendanceTypeInput(tx, in.attendance_type_id, issues));
    const std::optional<absl::CivilDay> previous_internal = f.internal_date;
    if (in.internal_date) f.internal_date = *in.internal_date;
    std::optional<UserId> previous_owner;
    if (in.owner_id && *in.owner_id != f.owner_id) {
      ASSIGN_OR_RETURN(std::optional<User> o, tx.accounts().FindUser(*in.owner_id));
      if (!o || !o->active) {
        issues.Add("owner_id", "unknown_user");
      } else if (!CanAssignTo(ctx.viewer(), o->id, o->branch_id)) {
        issues.Add("owner_id", "not_allowed");
      } else {
        previous_owner = f.owner_id;
        f.owner_id = o->id;
        f.branch_id = o->branch_id;
      }
    }
    RETURN_IF_ERROR(issues.ToStatus());
    if (previous_owner) {
      // Planned returns follow the follow-up to its new owner.
      ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(f.id));
      for (Action& a : actions) {
        if (a.status != ActionStatus::kPlanned || a.assignee_id != *previous_owner) continue;
        a.assignee_id = f.owner_id;
        RETURN_IF_ERROR(UpdateActionWithReminders(tx, a, now));
      }
    }
    // A new type, checked above (CheckAttendanceTypeInput); none given keeps the one it has.
    if (in.attendance_type_id)
      RETURN_IF_ERROR(
          tx.attendance().PutFollowupType(f.id, AttendanceTypeId(*in.attendance_type_id)));
    if (f.internal_date != previous_internal) {
      // The timeline keeps every setting, move and clearing of the internal date, as it
      // keeps the moves of returns: who changed the company's deadline, and when.
      RETURN_IF_ERROR(
          AddSystemEntry(tx, f, ctx, EntryKind::kStatus,
                         InternalDateLine(previous_internal, f.internal_date, ctx.user.locale),
                         std::nullopt, now, now)
              .status());
    }
    RETURN_IF_ERROR(Touch(tx, f, ctx, now));
    ASSIGN_OR_RETURN(d, LoadDetail(tx, ctx, std::move(f), now));
    return absl::OkStatus();
  }));
  return d;
}

absl::StatusOr<Entry> FollowupService::AddEntry(const AuthContext& ctx, FollowupId id,
                                                const EntryInput& in, absl::Time now) {
  Entry e;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    Issues issues;
    if (!in.kind)
      issues.Add("kind", "required");
    else if (*in.kind != EntryKind::kNote && *in.kind != EntryKind::kComplaint &&
             *in.kind != EntryKind::kInternal)
      issues.Add("kind", "invalid_value");
    CheckText("body", in.body, kMaxBody, true, issues);
    if (in.contact_at && *in.contact_at > now + kClockSkew) issues.Add("contact_at", "in_future");
    RETURN_IF_ERROR(issues.ToStatus());
    RETURN_IF_ERROR(RequireOpen(f));
    e.followup_id = f.id;
    e.kind = *in.kind;
    e.body = in.body;
    e.author_id = ctx.user.id;
    e.contact_at = in.contact_at.value_or(now);
    e.created_at = now;
    e.draft = in.draft;
    e.standard = in.standard;
    ASSIGN_OR_RETURN(e.id, tx.followups().InsertEntry(e));
    return Touch(tx, f, ctx, now);
  }));
  return e;
}

absl::StatusOr<Entry> FollowupService::PublishEntry(const AuthContext& ctx, EntryId id,
                                                    absl::Time now) {
  Entry e;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Entry> found, tx.followups().FindEntry(id));
    // Another user's draft is invisible: it does not exist for them.
    if (!found || (found->draft && found->author_id != ctx.user.id))
      return CodedError(ErrorCode::kEntryNotFound);
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, found->followup_id));
    if (!found->draft) return CodedError(ErrorCode::kEntryPublished);
    RETURN_IF_ERROR(RequireOpen(f));
    e = std::move(*found);
    e.draft = false;
    e.created_at = now;  // the published entry takes its place on the timeline now
    RETURN_IF_ERROR(tx.followups().UpdateEntry(e));
    return Touch(tx, f, ctx, now);
  }));
  return e;
}

absl::StatusOr<std::vector<Action>> FollowupService::ScheduleAction(const AuthContext& ctx,
                                                                    FollowupId id,
                                                                    const ActionInput& in,
                                                                    absl::Time now) {
  std::vector<Action> out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(std::optional<User> owner, tx.accounts().FindUser(f.owner_id));
    if (!owner) return absl::InternalError("follow-up owner missing");
    Issues issues;
    RETURN_IF_ERROR(CheckActionInput(tx, ctx, in, *owner, now, "", issues));
    RETURN_IF_ERROR(issues.ToStatus());
    FollowupAggregate agg(std::move(f), {});
    ASSIGN_OR_RETURN(out, AddReturns(tx, ctx, agg, in, now, *owner));
    return SaveFollowup(tx, ctx, agg, now);
  }));
  return out;
}

absl::StatusOr<FollowupDetail> FollowupService::CompleteAction(const AuthContext& ctx, ActionId id,
                                                               const CompleteInput& in,
                                                               absl::Time now) {
  return ChangeReturn(
      store_, ctx, id, ReturnRight::kWork, now,
      [&](Tx& tx, const Action& a, FollowupAggregate& agg) -> absl::Status {
        if (in.next_action) RETURN_IF_ERROR(Refused(agg.MayChain(ctx.viewer())));
        ASSIGN_OR_RETURN(std::optional<User> owner,
                         tx.accounts().FindUser(agg.followup().owner_id));
        if (!owner) return absl::InternalError("follow-up owner missing");
        Issues issues;
        CheckText("result", in.result, kMaxBody, true, issues);
        if (!in.resolution.empty()) {
          ASSIGN_OR_RETURN(std::optional<CodeItem> r,
                           tx.accounts().FindCode(CodeTable::kContactType, in.resolution));
          if (!r) issues.Add("resolution", "unknown_code");
        }
        if (in.result_at && *in.result_at > now + kClockSkew) issues.Add("result_at", "in_future");
        if (in.next_action)
          RETURN_IF_ERROR(
              CheckActionInput(tx, ctx, *in.next_action, *owner, now, "next_action.", issues));
        RETURN_IF_ERROR(issues.ToStatus());
        RETURN_IF_ERROR(Refused(agg.Complete(
            a.id, Completion{in.result, in.resolution, in.result_at}, ctx.user.id, now)));
        if (in.next_action) {
          ASSIGN_OR_RETURN(std::vector<Action> next,
                           AddReturns(tx, ctx, agg, *in.next_action, now, ctx.user));
          agg.Chain(a.id, next.front().id);
        }
        return absl::OkStatus();
      });
}

absl::StatusOr<FollowupDetail> FollowupService::RescheduleAction(const AuthContext& ctx,
                                                                 ActionId id,
                                                                 const RescheduleInput& in,
                                                                 absl::Time now) {
  return ChangeReturn(store_, ctx, id, ReturnRight::kWork, now,
                      [&](Tx&, const Action& a, FollowupAggregate& agg) -> absl::Status {
                        Issues issues;
                        const absl::CivilDay today = TodayOf(ctx.user, now);
                        if (!in.due_date)
                          issues.Add("due_date", "required");
                        else if (*in.due_date < today)
                          issues.Add("due_date", "in_past");
                        else if (*in.due_date > today + 3660)
                          issues.Add("due_date", "too_far");
                        CheckText("reason", in.reason, kMaxBody, false, issues);
                        if (in.remind_at && *in.remind_at < now - kClockSkew)
                          issues.Add("remind_at", "in_past");
                        RETURN_IF_ERROR(issues.ToStatus());
                        return Refused(agg.Reschedule(a.id, DueAt{*in.due_date, in.due_minutes},
                                                      in.remind_at, in.reason, ctx.user.id, now));
                      });
}

absl::StatusOr<FollowupDetail> FollowupService::CancelAction(const AuthContext& ctx, ActionId id,
                                                             const std::string& reason,
                                                             absl::Time now) {
  return ChangeReturn(store_, ctx, id, ReturnRight::kChange, now,
                      [&](Tx&, const Action& a, FollowupAggregate& agg) -> absl::Status {
                        Issues issues;
                        CheckText("reason", reason, kMaxBody, false, issues);
                        RETURN_IF_ERROR(issues.ToStatus());
                        return Refused(agg.Cancel(a.id, reason, ctx.user.id, now));
                      });
}

absl::StatusOr<FollowupDetail> FollowupService::Close(const AuthContext& ctx, FollowupId id,
                                                      const std::string& result, absl::Time now) {
  FollowupDetail d;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    Issues issues;
    CheckText("result", result, kMaxBody, true, issues);
    RETURN_IF_ERROR(issues.ToStatus());
    RETURN_IF_ERROR(CloseInTx(tx, ctx, f, result, now));
    ASSIGN_OR_RETURN(d, LoadDetail(tx, ctx, std::move(f), now));
    return absl::OkStatus();
  }));
  return d;
}

absl::Status FollowupService::CloseInTx(Tx& tx, const AuthContext& ctx, Followup& f,
                                        const std::string& result, absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(f.id));
  FollowupAggregate agg(f, std::move(actions));
  RETURN_IF_ERROR(Refused(agg.Close(result, ctx.user.id, now)));
  RETURN_IF_ERROR(SaveFollowup(tx, ctx, agg, now));
  f = std::move(agg).TakeFollowup();
  return absl::OkStatus();
}

absl::StatusOr<bool> FollowupService::MoveFirstReturnInTx(Tx& tx, const AuthContext& ctx,
                                                          Followup& f, absl::CivilDay due,
                                                          absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(f.id));  // by due date
  FollowupAggregate agg(f, std::move(actions));
  RETURN_IF_ERROR(Refused(agg.MoveFirstReturn(due, ctx.user.id, now)));
  if (agg.events().empty()) return false;
  RETURN_IF_ERROR(SaveFollowup(tx, ctx, agg, now));
  f = std::move(agg).TakeFollowup();
  return true;
}

absl::StatusOr<FollowupDetail> FollowupService::Reopen(const AuthContext& ctx, FollowupId id,
                                                       const std::string& reason, absl::Time now) {
  FollowupDetail d;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    // Manual 003: an excess sale or an open sales order keeps it closed (ADR 0042).
    ASSIGN_OR_RETURN(std::optional<ReopenBlock> block, ReopenBlockIn(tx, f.id));
    RETURN_IF_ERROR(ReopenRefused(RefuseReopen(ctx.viewer(), f.status, block), block));
    FollowupAggregate agg(std::move(f), {});
    Issues issues;
    CheckText("reason", reason, kMaxBody, true, issues);
    RETURN_IF_ERROR(issues.ToStatus());
    RETURN_IF_ERROR(Refused(agg.Reopen(ctx.viewer(), reason, now)));
    RETURN_IF_ERROR(SaveFollowup(tx, ctx, agg, now));
    ASSIGN_OR_RETURN(d, LoadDetail(tx, ctx, std::move(agg).TakeFollowup(), now));
    return absl::OkStatus();
  }));
  return d;
}

absl::StatusOr<Attachment> FollowupService::AddAttachment(const AuthContext& ctx, FollowupId id,
                                                          const std::string& file_name,
                                                          std::string bytes, absl::Time now) {
  if (static_cast<int64_t>(bytes.size()) > options_.max_attachment_bytes)
    return CodedError(ErrorCode::kTooLarge);
  if (bytes.empty()) return FieldError("file", "empty_file");
  Attachment a;
  a.file_name = SafeFileName(file_name);
  a.content_type = sniffer_.Sniff(bytes);
  a.size = static_cast<int64_t>(bytes.size());
  a.sha256 = crypto_.Sha256Hex(bytes);
  a.uploaded_by = ctx.user.id;
  a.created_at = now;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    RETURN_IF_ERROR(RequireOpen(f));
    RETURN_IF_ERROR(CheckAttachmentAllowed(tx, f.id, a.size));
    a.followup_id = f.id;
    ASSIGN_OR_RETURN(a.id, tx.followups().InsertAttachment(a, bytes));
    return Touch(tx, f, ctx, now);
  }));
  return a;
}

absl::StatusOr<std::pair<Attachment, std::string>> FollowupService::GetAttachment(
    const AuthContext& ctx, AttachmentId id) {
  std::pair<Attachment, std::string> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Attachment> a, tx.followups().FindAttachment(id));
    if (!a) return CodedError(ErrorCode::kAttachmentNotFound);
    RETURN_IF_ERROR(LoadReadableFollowup(tx, ctx, a->followup_id).status());
    ASSIGN_OR_RETURN(out.second, tx.followups().ReadAttachmentBytes(id));
    out.first = std::move(*a);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
