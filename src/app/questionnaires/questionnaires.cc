#include "app/questionnaires/questionnaires.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "app/attendance/attendance.h"
#include "app/error_codes.h"
#include "app/followups/followups.h"
#include "base/status_macros.h"
#include "domain/time_zone.h"

namespace retorno {

namespace {

absl::Status ToIssues(const FieldProblems& problems) {
  Issues issues;
  for (const auto& [field, key] : problems) issues.Add(field, key);
  return issues.ToStatus();
}

absl::Status RequireType(Tx& tx, AttendanceTypeId type) {
  ASSIGN_OR_RETURN(std::optional<AttendanceType> t, tx.attendance().FindType(type));
  if (!t) return CodedError(ErrorCode::kAttendanceTypeNotFound);
  return absl::OkStatus();
}

absl::StatusOr<Questionnaire> LoadOfType(Tx& tx, AttendanceTypeId type, QuestionnaireId id) {
  RETURN_IF_ERROR(RequireType(tx, type));
  ASSIGN_OR_RETURN(std::optional<Questionnaire> q, tx.questionnaires().FindQuestionnaire(id));
  if (!q || q->attendance_type_id != type) return CodedError(ErrorCode::kQuestionnaireNotFound);
  return *std::move(q);
}

absl::StatusOr<FollowupQuestionnaire> WithAnswers(Tx& tx, Questionnaire q, FollowupId f) {
  FollowupQuestionnaire out;
  ASSIGN_OR_RETURN(out.answers, tx.questionnaires().FindAnswers(f, q.id));
  if (out.answers) {
    ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(out.answers->answered_by));
    if (u) out.answered_by_name = u->name;
  }
  out.questionnaire = std::move(q);
  return out;
}

// A questionnaire the follow-up offers for answering: active and of its type; or one it
// already answered, for reading.
absl::StatusOr<Questionnaire> LoadOffered(Tx& tx, FollowupId f, QuestionnaireId id,
                                          bool answering) {
  ASSIGN_OR_RETURN(std::optional<Questionnaire> q, tx.questionnaires().FindQuestionnaire(id));
  if (!q) return CodedError(ErrorCode::kQuestionnaireNotFound);
  ASSIGN_OR_RETURN(int64_t type, AttendanceTypeIdOf(tx, f));
  if (q->active && q->attendance_type_id.value == type) return *std::move(q);
  if (!answering) {
    ASSIGN_OR_RETURN(std::optional<AnswerSet> a, tx.questionnaires().FindAnswers(f, id));
    if (a) return *std::move(q);
  }
  return CodedError(ErrorCode::kQuestionnaireNotFound);
}

struct NoteWords {
  const char* heading;
  const char* yes;
  const char* no;
  const char* blank;
  bool day_first;
  bool decimal_comma;
};

const NoteWords& NoteWordsFor(std::string_view locale) {
  static const NoteWords kPt{"Questionário", "Sim", "Não", "(sem resposta)", true, true};
  static const NoteWords kEs{"Cuestionario", "Sí", "No", "(sin respuesta)", true, true};
  static const NoteWords kEn{"Questionnaire", "Yes", "No", "(no answer)", false, false};
  if (locale.starts_with("es")) return kEs;
  if (locale.starts_with("en")) return kEn;
  return kPt;
}

std::string ValueText(const Answer& a, const NoteWords& w) {
  if (!a.value) return w.blank;
  switch (a.kind) {
    case QuestionKind::kYesNo:
      return *a.value == "true" ? w.yes : w.no;
    case QuestionKind::kDate:
      if (w.day_first && a.value->size() == 10)
        return absl::StrCat(a.value->substr(8, 2), "/", a.value->substr(5, 2), "/",
                            a.value->substr(0, 4));
      return *a.value;
    case QuestionKind::kNumber: {
      std::string s = *a.value;
      if (w.decimal_comma) std::replace(s.begin(), s.end(), '.', ',');
      return s;
    }
    case QuestionKind::kText:
    case QuestionKind::kChoice:
      return *a.value;
  }
  return *a.value;
}

}  // namespace

std::string AnswersNote(const AnswerSet& set, std::string_view locale) {
  const NoteWords& w = NoteWordsFor(locale);
  std::string note = absl::StrCat(w.heading, ": ", set.title);
  for (const Answer& a : set.answers)
    absl::StrAppend(&note, "\n", a.question, " — ", ValueText(a, w));
  return note;
}

absl::StatusOr<std::vector<Questionnaire>> QuestionnaireService::List(const AuthContext& ctx,
                                                                      AttendanceTypeId type) {
  std::vector<Questionnaire> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(RequireType(tx, type));
    ASSIGN_OR_RETURN(out, tx.questionnaires().ListQuestionnaires(type));
    return absl::OkStatus();
  }));
  // Whoever configures the type (admins, and users granted the right) sees the retired
  // ones too, so they can bring one back; the others only what a follow-up offers.
  if (!HasRight(ctx.viewer(), Right::kConfigureAttendance))
    std::erase_if(out, [](const Questionnaire& q) { return !q.active; });
  return out;
}

absl::StatusOr<Questionnaire> QuestionnaireService::Create(const AuthContext& ctx,
                                                           AttendanceTypeId type,
                                                           const QuestionnaireInput& in,
                                                           absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  Questionnaire q;
  q.attendance_type_id = type;
  q.title = in.title.value_or("");
  q.questions = in.questions.value_or(std::vector<Question>{});
  q.active = in.active.value_or(true);
  q.version = 1;
  q.created_at = q.updated_at = now;
  RETURN_IF_ERROR(ToIssues(CheckQuestionnaire(q.title, q.questions)));
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(RequireType(tx, type));
    ASSIGN_OR_RETURN(q.id, tx.questionnaires().InsertQuestionnaire(q));
    return absl::OkStatus();
  }));
  return q;
}

absl::StatusOr<Questionnaire> QuestionnaireService::Update(const AuthContext& ctx,
                                                           AttendanceTypeId type,
                                                           QuestionnaireId id,
                                                           const QuestionnaireInput& in,
                                                           absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kConfigureAttendance, ErrorCode::kAdminOnly));
  Questionnaire q;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(q, LoadOfType(tx, type, id));
    if (in.title) q.title = *in.title;
    if (in.active) q.active = *in.active;
    if (in.questions) {
      // A new version only when the questions change: the answers of the old one keep
      // the texts they answered, and a client holding the old version is told.
      auto same = [](const Question& a, const Question& b) {
        return a.text == b.text && a.kind == b.kind && a.required == b.required &&
               a.options == b.options && a.min == b.min && a.max == b.max;
      };
      if (!std::equal(q.questions.begin(), q.questions.end(), in.questions->begin(),
                      in.questions->end(), same))
        ++q.version;
      q.questions = *in.questions;
    }
    RETURN_IF_ERROR(ToIssues(CheckQuestionnaire(q.title, q.questions)));
    q.updated_at = now;
    return tx.questionnaires().UpdateQuestionnaire(q);
  }));
  return q;
}

absl::StatusOr<std::vector<FollowupQuestionnaire>> QuestionnaireService::ForFollowup(
    const AuthContext& ctx, FollowupId id) {
  std::vector<FollowupQuestionnaire> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadReadableFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(int64_t type, AttendanceTypeIdOf(tx, f.id));
    ASSIGN_OR_RETURN(std::vector<Questionnaire> offered,
                     tx.questionnaires().ListQuestionnaires(AttendanceTypeId(type)));
    for (Questionnaire& q : offered) {
      if (!q.active) continue;
      ASSIGN_OR_RETURN(FollowupQuestionnaire fq, WithAnswers(tx, std::move(q), f.id));
      out.push_back(std::move(fq));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<FollowupQuestionnaire> QuestionnaireService::Answers(const AuthContext& ctx,
                                                                    FollowupId id,
                                                                    QuestionnaireId qid) {
  FollowupQuestionnaire out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Followup f, LoadReadableFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(Questionnaire q, LoadOffered(tx, f.id, qid, false));
    ASSIGN_OR_RETURN(out, WithAnswers(tx, std::move(q), f.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<FollowupQuestionnaire> QuestionnaireService::Answer(const AuthContext& ctx,
                                                                   FollowupId id,
                                                                   QuestionnaireId qid,
                                                                   const AnswersInput& in,
                                                                   absl::Time now) {
  FollowupQuestionnaire out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    // Rights, then the questionnaire, then the answers, then the follow-up's state: the
    // order of the other follow-up changes.
    ASSIGN_OR_RETURN(Followup f, LoadVisibleFollowup(tx, ctx, id));
    ASSIGN_OR_RETURN(Questionnaire q, LoadOffered(tx, f.id, qid, true));
    if (in.version && *in.version != q.version) return CodedError(ErrorCode::kVersion);
    FieldProblems problems;
    std::vector<retorno::Answer> answers = JudgeAnswers(q.questions, in.answers, problems);
    RETURN_IF_ERROR(ToIssues(problems));
    if (f.status != FollowupStatus::kOpen) return CodedError(ErrorCode::kFollowupClosed);
    AnswerSet set{.followup_id = f.id,
                  .questionnaire_id = q.id,
                  .version = q.version,
                  .title = q.title,
                  .answers = std::move(answers),
                  .answered_by = ctx.user.id,
                  .answered_at = now};
    RETURN_IF_ERROR(tx.questionnaires().PutAnswers(set));
    // The history keeps every answering as a note; the set above is only the latest.
    Entry e;
    e.followup_id = f.id;
    e.kind = EntryKind::kNote;
    e.body = AnswersNote(set, ctx.user.locale);
    e.author_id = ctx.user.id;
    e.contact_at = e.created_at = now;
    RETURN_IF_ERROR(tx.followups().InsertEntry(e).status());
    f.updated_by = ctx.user.id;
    f.updated_at = now;
    RETURN_IF_ERROR(tx.followups().UpdateFollowup(f).status());
    out.questionnaire = std::move(q);
    out.answers = std::move(set);
    out.answered_by_name = ctx.user.name;
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
