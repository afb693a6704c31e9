// Questionnaires of the service cycle ("ciclo de atendimento", manual 003): the questions
// an admin sets on an attendance type, and the answers given on a follow-up. Pure rules:
// what a question must hold, and whether a value answers it. Problems are returned as
// (field, key) pairs in the API's names ("questions[2].options", "answers[3]"), so the
// caller turns them into one 422 without this layer knowing of HTTP.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retorno {

// How a question is answered: free text, yes/no, one of its options, a number, a date
// (a calendar day as the user reads it, never an instant).
enum class QuestionKind { kText, kYesNo, kChoice, kNumber, kDate };

std::string_view ToString(QuestionKind k);  // "text", "yes_no", "choice", "number", "date"
std::optional<QuestionKind> ParseQuestionKind(std::string_view s);

struct Question {
  std::string text;
  QuestionKind kind = QuestionKind::kText;
  bool required = false;
  std::vector<std::string> options;  // choice only: what may be picked, in order
  std::optional<double> min;         // number only: inclusive bounds
  std::optional<double> max;
};

// A stored answer: the question's text and kind as they were when it was answered (a
// later edit of the questionnaire does not rewrite it) and the value in its canonical
// text ("true"/"false", the option, the number's shortest form, "YYYY-MM-DD"); no value
// when a question that was not required was left blank.
struct Answer {
  std::string question;
  QuestionKind kind = QuestionKind::kText;
  std::optional<std::string> value;
};

// A value as a client sent it, before it is judged against its question.
struct RawAnswer {
  enum class Type { kNull, kBool, kNumber, kString, kOther };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;
};

using FieldProblems = std::vector<std::pair<std::string, std::string>>;

inline constexpr size_t kMaxQuestionnaireTitle = 120;
inline constexpr size_t kMaxQuestions = 50;
inline constexpr size_t kMaxQuestionText = 300;
inline constexpr size_t kMaxOptions = 30;
inline constexpr size_t kMaxOptionText = 120;
inline constexpr size_t kMaxTextAnswer = 2000;
// Beyond this a double no longer holds every integer: a larger "number" is a typo.
inline constexpr double kMaxAnswerNumber = 1e15;

// Checks a questionnaire's title and questions; problems name "title", "questions",
// "questions[i].text", "questions[i].options", "questions[i].min"/"max".
FieldProblems CheckQuestionnaire(std::string_view title, const std::vector<Question>& questions);

// Judges `raw` (one per question, in the questions' order) and returns the answers to
// store, or the problems, each naming "answers[i]": "required" (blank and required),
// "invalid_type" (a value of the wrong JSON type), "invalid_date", "out_of_range" (a
// number outside the bounds), "invalid_value" (a choice not among the options),
// "too_long", "invalid_text". A list of the wrong length is ("answers", "invalid_value").
// Nothing is returned when there are problems: all or nothing.
std::vector<Answer> JudgeAnswers(const std::vector<Question>& questions,
                                 const std::vector<RawAnswer>& raw, FieldProblems& problems);

// The canonical text of a number ("12", "0.5", "-3.25").
std::string NumberText(double v);

}  // namespace retorno
