#include "app/attendance/attendance.h"

#include <utility>

#include "app/audit/audit.h"
#include "app/mail/mail_compose.h"
#include "base/status_macros.h"
#include "domain/templates.h"
#include "domain/validation.h"

namespace retorno {

namespace {

constexpr size_t kMaxTypeName = 80;
constexpr size_t kMaxParecer = 20000;  // an entry's body (app/followups)
constexpr size_t kMaxEmailSubject = 300;
constexpr size_t kMaxEmailText = 50000;

void CheckName(const std::string& field, const std::string& value, Issues& issues) {
  if (value.empty())
    issues.Add(field, "required");
  else if (value.size() > kMaxTypeName)
    issues.Add(field, "too_long");
  else if (!IsCleanText(value))
    issues.Add(field, "invalid_text");
  else if (!IsOneLine(value))
    issues.Add(field, "line_break");
}

// Applies `in` to `t` and checks the result whole, so a change is judged as it would be
// stored.
absl::Status ApplyTypeInput(const AttendanceTypeInput& in, AttendanceType& t) {
  Issues issues;
  if (in.name_pt) t.name_pt = *in.name_pt;
  if (in.name_es) t.name_es = *in.name_es;
  if (in.name_en) t.name_en = *in.name_en;
  if (in.attachments_allowed) t.attachments_allowed = *in.attachments_allowed;
  if (in.max_attachment_bytes) t.max_attachment_bytes = *in.max_attachment_bytes;
  if (in.parecer_text) t.parecer_text = *in.parecer_text;
  if (in.email_subject) t.email_subject = *in.email_subject;
  if (in.email_text) t.email_text = *in.email_text;
  if (in.active) t.active = *in.active;
  CheckName("names.pt-BR", t.name_pt, issues);
  CheckName("names.es", t.name_es, issues);
  CheckName("names.en", t.name_en, issues);
  if (t.max_attachment_bytes < 1 || t.max_attachment_bytes > kMaxAttendanceAttachmentBytes)
    issues.Add("max_attachment_bytes", "out_of_range");
  CheckTemplateText("parecer_text", t.parecer_text, kMaxParecer, false, issues);
  if (!t.email_subject.empty() && t.email_subject.size() <= kMaxEmailSubject &&
      !IsOneLine(t.email_subject))
    issues.Add("email_subject", "line_break");
  else
    CheckTemplateText("email_subject", t.email_subject, kMaxEmailSubject, false, issues);
  CheckTemplateText("email_text", t.email_text, kMaxEmailText, false, issues);
  // The default type is what a follow-up without one gets: it stays active.
  if (t.is_default && !t.active) issues.Add("active", "invalid_value");
  return issues.ToStatus();
}

absl::StatusOr<AttendanceType> DefaultType(Tx& tx) {
  ASSIGN_OR_RETURN(std::optional<AttendanceType> t, tx.attendance().FindDefaultType());
  if (!t) return absl::InternalError("no default attendance type");
  return *std::move(t);
}

// A parecer the caller may see: published, or their own draft.
absl::StatusOr<Entry> LoadVisibleParecer(Tx& tx, const AuthContext& ctx, EntryId id) {
  ASSIGN_OR_RETURN(std::optional<Entry> e, tx.followups().FindEntry(id));
  if (!e || (e->draft && e->author_id != ctx.user.id)) return CodedError(ErrorCode::kEntryNotFound);
  RETURN_IF_ERROR(LoadReadableFollowup(tx, ctx, e->followup_id).status());
  return *std::move(e);
}

std::string Render(std::string_view text, const PlaceholderValues& values,
                   std::vector<std::string>& missing) {
  Rendered r = RenderTemplate(text, values);
  for (std::string& t : r.missing)
    if (std::find(missing.begin(), missing.end(), t) == missing.end())
      missing.push_back(std::move(t));
  return std::move(r.text);
}

}  // namespace

absl::StatusOr<int64_t> AttendanceTypeIdOf(Tx& tx, FollowupId id) {
  ASSIGN_OR_RETURN(std::optional<AttendanceTypeId> t, tx.attendance().FindFollowupType(id));
  if (t) return t->value;
  ASSIGN_OR_RETURN(AttendanceType d, DefaultType(tx));
  return d.id.value;
}

absl::StatusOr<AttendanceType> TypeOfFollowup(Tx& tx, FollowupId id) {
  ASSIGN_OR_RETURN(std::optional<AttendanceTypeId> t, tx.attendance().FindFollowupType(id));
  if (t) {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> found, tx.attendance().FindType(*t));
    if (found) return *std::move(found);
  }
  return DefaultType(tx);
}

absl::Status CheckAttendanceTypeInput(Tx& tx, std::optional<int64_t> type, Issues& issues) {
  if (!type) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::optional<AttendanceType> t,
                   tx.attendance().FindType(AttendanceTypeId(*type)));
  if (!t || !t->active) issues.Add("attendance_type_id", "unknown_attendance_type");
  return absl::OkStatus();
}

absl::StatusOr<AttendanceType> ChooseAttendanceType(Tx& tx, std::optional<int64_t> type) {
  if (type) {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> t,
                     tx.attendance().FindType(AttendanceTypeId(*type)));
    if (!t) return FieldError("attendance_type_id", "unknown_attendance_type");
    return *std::move(t);
  }
  return DefaultType(tx);
}

absl::Status CheckAttachmentAllowed(Tx& tx, FollowupId id, int64_t size) {
  ASSIGN_OR_RETURN(AttendanceType t, TypeOfFollowup(tx, id));
  if (!t.attachments_allowed) return FieldError("file", "attachments_not_allowed");
  if (size > t.max_attachment_bytes) return CodedError(ErrorCode::kTooLarge);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AttendanceType>> AttendanceService::ListTypes(const AuthContext&) {
  std::vector<AttendanceType> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.attendance().ListTypes());
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<AttendanceType> AttendanceService::CreateType(const AuthContext& ctx,
                                                             const AttendanceTypeInput& in,
                                                             absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  AttendanceType t;
  RETURN_IF_ERROR(ApplyTypeInput(in, t));
  t.created_at = t.updated_at = now;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(t.id, tx.attendance().InsertType(t));
    return audit::Record(tx, audit::Who(ctx, now), "attendance_type", t.id.value,
                         audit::Action::kCreate, nullptr, audit::ValuesOf(t));
  }));
  return t;
}

absl::StatusOr<AttendanceType> AttendanceService::UpdateType(const AuthContext& ctx,
                                                             AttendanceTypeId id,
                                                             const AttendanceTypeInput& in,
                                                             absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  AttendanceType t;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> found, tx.attendance().FindType(id));
    if (!found) return CodedError(ErrorCode::kAttendanceTypeNotFound);
    t = *std::move(found);
    const nlohmann::json before = audit::ValuesOf(t);
    RETURN_IF_ERROR(ApplyTypeInput(in, t));
    t.updated_at = now;
    RETURN_IF_ERROR(tx.attendance().UpdateType(t));
    return audit::Record(tx, audit::Who(ctx, now), "attendance_type", t.id.value,
                         audit::Action::kUpdate, before, audit::ValuesOf(t));
  }));
  return t;
}

absl::StatusOr<StandardTexts> AttendanceService::Standard(const AuthContext& ctx, FollowupId id,
                                                          absl::Time now) {
  StandardTexts out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadReadableFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(out.type, TypeOfFollowup(tx, f.id));
    ASSIGN_OR_RETURN(PlaceholderValues values,
                     ValuesFor(tx, f, nullptr, TemplateLocale(ctx.user.locale), now));
    out.parecer = Render(out.type.parecer_text, values, out.missing);
    out.email_subject = Render(out.type.email_subject, values, out.missing);
    out.email_text = Render(out.type.email_text, values, out.missing);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Entry> AttendanceService::AddParecer(const AuthContext& ctx, FollowupId id,
                                                    const ParecerInput& in, absl::Time now) {
  EntryInput e;
  e.kind = EntryKind::kNote;
  e.body = in.body;
  e.contact_at = in.contact_at;
  e.draft = in.draft;
  e.standard = in.standard;
  if (in.standard && in.body.empty()) {
    // A standard parecer written as it stands: the type's text, filled for this
    // follow-up by the same renderer as its e-mails.
    ASSIGN_OR_RETURN(StandardTexts texts, Standard(ctx, id, now));
    if (texts.type.parecer_text.empty()) return FieldError("standard", "no_standard_text");
    if (!texts.missing.empty()) {
      Issues issues;
      for (const std::string& token : texts.missing) issues.Add("body", "missing_value:" + token);
      return issues.ToStatus();
    }
    e.body = std::move(texts.parecer);
  }
  return followups_.AddEntry(ctx, id, e, now);
}

absl::StatusOr<Entry> AttendanceService::Publish(const AuthContext& ctx, EntryId id,
                                                 absl::Time now) {
  return followups_.PublishEntry(ctx, id, now);
}

absl::StatusOr<std::vector<PendingParecer>> AttendanceService::Pending(const AuthContext& ctx) {
  std::vector<PendingParecer> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.attendance().ListDrafts(ctx.user.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Entry>> AttendanceService::History(const AuthContext& ctx, FollowupId id,
                                                              bool standard_only) {
  std::vector<Entry> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadReadableFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(std::vector<Entry> entries, tx.followups().ListEntries(f.id));
    for (Entry& e : entries)
      if (!e.draft && (!standard_only || e.standard)) out.push_back(std::move(e));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<OutboxMessage> AttendanceService::Email(const AuthContext& ctx, EntryId id,
                                                       const ParecerEmailInput& in,
                                                       absl::Time now) {
  Entry parecer;
  AttendanceType type;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(parecer, LoadVisibleParecer(tx, ctx, id));
    ASSIGN_OR_RETURN(type, TypeOfFollowup(tx, parecer.followup_id));
    return absl::OkStatus();
  }));
  SendNowInput send;
  send.to = in.to;
  send.subject = in.subject.value_or(type.email_subject);
  // Without a standard e-mail text the parecer itself is the message.
  send.body = in.body.value_or(type.email_text.empty() ? parecer.body : type.email_text);
  return messaging_.SendNow(ctx, parecer.followup_id, send, now);
}

}  // namespace retorno
