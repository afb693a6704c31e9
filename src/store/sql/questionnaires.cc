// The questionnaire repository in SQL: questionnaires (their questions as one JSON
// array) and the follow-ups' answer sets (their answers as one JSON array), manual 003.
#include "store/sql/questionnaires.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "nlohmann/json.hpp"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

using json = nlohmann::json;

constexpr char kQuestionnaireCols[] =
    "q.id, q.attendance_type_id, q.title, q.questions, q.version, q.active, q.created_at, "
    "q.updated_at";

RETORNO_SQL(kListQuestionnaires, "SELECT ", kQuestionnaireCols,
            " FROM questionnaires q WHERE q.attendance_type_id = ? ORDER BY q.id");
RETORNO_SQL(kFindQuestionnaire, "SELECT ", kQuestionnaireCols,
            " FROM questionnaires q WHERE q.id = ?");
RETORNO_SQL(kInsertQuestionnaire,
            "INSERT INTO questionnaires (attendance_type_id, title, questions, version, active, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kUpdateQuestionnaire,
            "UPDATE questionnaires SET title = ?, questions = ?, version = ?, active = ?, "
            "updated_at = ? WHERE id = ?");

constexpr char kAnswerCols[] =
    "a.followup_id, a.questionnaire_id, a.version, a.title, a.answers, a.answered_by, "
    "a.answered_at";

RETORNO_SQL(kFindAnswers, "SELECT ", kAnswerCols,
            " FROM questionnaire_answers a WHERE a.followup_id = ? AND a.questionnaire_id = ?");
RETORNO_SQL(kPutAnswers,
            "INSERT INTO questionnaire_answers (followup_id, questionnaire_id, version, title, "
            "answers, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (followup_id, questionnaire_id) DO UPDATE SET "
            "version = excluded.version, title = excluded.title, answers = excluded.answers, "
            "answered_by = excluded.answered_by, answered_at = excluded.answered_at");

std::string QuestionsText(const std::vector<Question>& questions) {
  json a = json::array();
  for (const Question& q : questions) {
    json o = {{"text", q.text},
              {"kind", std::string(ToString(q.kind))},
              {"required", q.required},
              {"options", q.options}};
    if (q.min) o["min"] = *q.min;
    if (q.max) o["max"] = *q.max;
    a.push_back(std::move(o));
  }
  return a.dump();
}

absl::StatusOr<std::vector<Question>> ParseQuestions(const std::string& text) {
  json a = json::parse(text, nullptr, false);
  if (!a.is_array()) return absl::InternalError("stored questions are not a JSON array");
  std::vector<Question> out;
  for (const json& o : a) {
    if (!o.is_object()) return absl::InternalError("stored question is not an object");
    Question q;
    q.text = o.value("text", "");
    std::optional<QuestionKind> kind = ParseQuestionKind(o.value("kind", ""));
    if (!kind) return absl::InternalError("stored question has an unknown kind");
    q.kind = *kind;
    q.required = o.value("required", false);
    if (auto it = o.find("options"); it != o.end() && it->is_array())
      for (const json& opt : *it)
        if (opt.is_string()) q.options.push_back(opt.get<std::string>());
    if (auto it = o.find("min"); it != o.end() && it->is_number()) q.min = it->get<double>();
    if (auto it = o.find("max"); it != o.end() && it->is_number()) q.max = it->get<double>();
    out.push_back(std::move(q));
  }
  return out;
}

std::string AnswersText(const std::vector<Answer>& answers) {
  json a = json::array();
  for (const Answer& x : answers)
    a.push_back({{"question", x.question},
                 {"kind", std::string(ToString(x.kind))},
                 {"value", x.value ? json(*x.value) : json(nullptr)}});
  return a.dump();
}

absl::StatusOr<std::vector<Answer>> ParseAnswers(const std::string& text) {
  json a = json::parse(text, nullptr, false);
  if (!a.is_array()) return absl::InternalError("stored answers are not a JSON array");
  std::vector<Answer> out;
  for (const json& o : a) {
    if (!o.is_object()) return absl::InternalError("stored answer is not an object");
    Answer x;
    x.question = o.value("question", "");
    std::optional<QuestionKind> kind = ParseQuestionKind(o.value("kind", ""));
    if (!kind) return absl::InternalError("stored answer has an unknown kind");
    x.kind = *kind;
    if (auto it = o.find("value"); it != o.end() && it->is_string())
      x.value = it->get<std::string>();
    out.push_back(std::move(x));
  }
  return out;
}

absl::StatusOr<Questionnaire> ReadQuestionnaire(const Query& q, int c) {
  Questionnaire out;
  out.id = q.IdAt<QuestionnaireId>(c);
  out.attendance_type_id = q.IdAt<AttendanceTypeId>(c + 1);
  out.title = q.Text(c + 2);
  ASSIGN_OR_RETURN(out.questions, ParseQuestions(q.Text(c + 3)));
  out.version = q.Int(c + 4);
  out.active = q.Bool(c + 5);
  out.created_at = q.Time(c + 6);
  out.updated_at = q.Time(c + 7);
  return out;
}

absl::StatusOr<AnswerSet> ReadAnswers(const Query& q, int c) {
  AnswerSet s;
  s.followup_id = q.IdAt<FollowupId>(c);
  s.questionnaire_id = q.IdAt<QuestionnaireId>(c + 1);
  s.version = q.Int(c + 2);
  s.title = q.Text(c + 3);
  ASSIGN_OR_RETURN(s.answers, ParseAnswers(q.Text(c + 4)));
  s.answered_by = q.IdAt<UserId>(c + 5);
  s.answered_at = q.Time(c + 6);
  return s;
}

}  // namespace

absl::StatusOr<std::vector<Questionnaire>> SqlQuestionnaires::ListQuestionnaires(
    AttendanceTypeId type) {
  return FindAll<Questionnaire>(db_, kListQuestionnaires, ReadQuestionnaire, type);
}

absl::StatusOr<std::optional<Questionnaire>> SqlQuestionnaires::FindQuestionnaire(
    QuestionnaireId id) {
  return FindOne<Questionnaire>(db_, kFindQuestionnaire, ReadQuestionnaire, id);
}

absl::StatusOr<QuestionnaireId> SqlQuestionnaires::InsertQuestionnaire(const Questionnaire& q) {
  ASSIGN_OR_RETURN(int64_t id, InsertId(db_, kInsertQuestionnaire, q.attendance_type_id, q.title,
                                        QuestionsText(q.questions), q.version, q.active,
                                        q.created_at, q.updated_at));
  return QuestionnaireId(id);
}

absl::Status SqlQuestionnaires::UpdateQuestionnaire(const Questionnaire& q) {
  return db_.Run(kUpdateQuestionnaire, q.title, QuestionsText(q.questions), q.version, q.active,
                 q.updated_at, q.id);
}

absl::StatusOr<std::optional<AnswerSet>> SqlQuestionnaires::FindAnswers(
    FollowupId followup, QuestionnaireId questionnaire) {
  return FindOne<AnswerSet>(db_, kFindAnswers, ReadAnswers, followup, questionnaire);
}

absl::Status SqlQuestionnaires::PutAnswers(const AnswerSet& s) {
  return db_.Run(kPutAnswers, s.followup_id, s.questionnaire_id, s.version, s.title,
                 AnswersText(s.answers), s.answered_by, s.answered_at);
}

absl::StatusOr<std::vector<AnswerSetRow>> SqlQuestionnaires::ListAnswersInPeriod(
    const AnswerPeriodQuery& in) {
  // Conditions in a fixed order, so each combination is one prepared text.
  std::vector<std::string> where = {"a.questionnaire_id = ?"};
  if (in.from) where.push_back("a.answered_at >= ?");
  if (in.to) where.push_back("a.answered_at < ?");
  if (in.visible_owner && in.visible_branch)
    where.push_back("(f.owner_id = ? OR f.branch_id = ?)");
  else if (in.visible_owner)
    where.push_back("f.owner_id = ?");
  else if (in.visible_branch)
    where.push_back("f.branch_id = ?");
  if (in.after) where.push_back("(a.answered_at > ? OR (a.answered_at = ? AND a.followup_id > ?))");
  const std::string sql =
      absl::StrCat("SELECT ", kAnswerCols, ", f.subject, p.name, o.name, u.name ",
                   "FROM questionnaire_answers a JOIN followups f ON f.id = a.followup_id ",
                   "JOIN parties p ON p.id = f.party_id JOIN users o ON o.id = f.owner_id ",
                   "JOIN users u ON u.id = a.answered_by WHERE ", absl::StrJoin(where, " AND "),
                   " ORDER BY a.answered_at, a.followup_id LIMIT ?");
  ASSIGN_OR_RETURN(Query q, db_.Prepare(sql));
  q.Bind(in.questionnaire_id);
  if (in.from) q.Bind(*in.from);
  if (in.to) q.Bind(*in.to);
  if (in.visible_owner) q.Bind(*in.visible_owner);
  if (in.visible_branch) q.Bind(*in.visible_branch);
  if (in.after) q.Bind(in.after->first).Bind(in.after->first).Bind(in.after->second);
  q.Bind(static_cast<int64_t>(in.limit));
  std::vector<AnswerSetRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    AnswerSetRow r;
    ASSIGN_OR_RETURN(r.set, ReadAnswers(q, 0));
    r.followup_subject = q.Text(7);
    r.party_name = q.Text(8);
    r.owner_name = q.Text(9);
    r.answered_by_name = q.Text(10);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace retorno::sql
