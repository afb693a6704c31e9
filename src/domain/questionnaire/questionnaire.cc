#include "domain/questionnaire/questionnaire.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "base/time_util.h"
#include "domain/validation.h"

namespace retorno {

namespace {

constexpr std::pair<QuestionKind, std::string_view> kKinds[] = {
    {QuestionKind::kText, "text"},     {QuestionKind::kYesNo, "yes_no"},
    {QuestionKind::kChoice, "choice"}, {QuestionKind::kNumber, "number"},
    {QuestionKind::kDate, "date"},
};

// A one-line text of 1..max characters (bytes: the limits are generous).
const char* LineProblem(std::string_view s, size_t max) {
  if (s.empty()) return "required";
  if (s.size() > max) return "too_long";
  if (!IsCleanText(s)) return "invalid_text";
  if (!IsOneLine(s)) return "line_break";
  return nullptr;
}

// A calendar date written YYYY-MM-DD that exists (no 2026-02-30): what a date input in
// any locale sends, the locale only changing how it is shown.
std::optional<std::string> DateValue(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  std::optional<absl::CivilDay> d = ParseDate(s);
  if (!d) return std::nullopt;
  std::string back = FormatDate(*d);
  if (back != s) return std::nullopt;  // normalised: the day did not exist
  return back;
}

}  // namespace

std::string_view ToString(QuestionKind k) {
  for (const auto& [kind, name] : kKinds)
    if (kind == k) return name;
  return "text";
}

std::optional<QuestionKind> ParseQuestionKind(std::string_view s) {
  for (const auto& [kind, name] : kKinds)
    if (name == s) return kind;
  return std::nullopt;
}

std::string NumberText(double v) {
  if (v == 0) return "0";  // no "-0"
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return absl::StrCat(v);
  return std::string(buf, end);
}

FieldProblems CheckQuestionnaire(std::string_view title, const std::vector<Question>& questions) {
  FieldProblems p;
  if (const char* k = LineProblem(title, kMaxQuestionnaireTitle)) p.emplace_back("title", k);
  if (questions.empty()) p.emplace_back("questions", "required");
  if (questions.size() > kMaxQuestions) p.emplace_back("questions", "too_many");
  for (size_t i = 0; i < questions.size() && i < kMaxQuestions; ++i) {
    const Question& q = questions[i];
    const std::string at = absl::StrCat("questions[", i, "].");
    if (const char* k = LineProblem(q.text, kMaxQuestionText)) p.emplace_back(at + "text", k);
    if (q.kind == QuestionKind::kChoice) {
      if (q.options.size() < 2)
        p.emplace_back(at + "options", "required");
      else if (q.options.size() > kMaxOptions)
        p.emplace_back(at + "options", "too_many");
      std::set<std::string_view> seen;
      for (size_t j = 0; j < q.options.size() && j < kMaxOptions; ++j) {
        const std::string field = absl::StrCat(at, "options[", j, "]");
        if (const char* k = LineProblem(q.options[j], kMaxOptionText))
          p.emplace_back(field, k);
        else if (!seen.insert(q.options[j]).second)
          p.emplace_back(field, "taken");
      }
    } else if (!q.options.empty()) {
      p.emplace_back(at + "options", "invalid_value");  // options only for a choice
    }
    if (q.kind == QuestionKind::kNumber) {
      for (const auto& [name, bound] : {std::pair{"min", q.min}, std::pair{"max", q.max}})
        if (bound && (!std::isfinite(*bound) || std::fabs(*bound) > kMaxAnswerNumber))
          p.emplace_back(at + name, "out_of_range");
      if (q.min && q.max && *q.min > *q.max) p.emplace_back(at + "max", "out_of_range");
    } else {
      if (q.min) p.emplace_back(at + "min", "invalid_value");
      if (q.max) p.emplace_back(at + "max", "invalid_value");
    }
  }
  return p;
}

std::vector<Answer> JudgeAnswers(const std::vector<Question>& questions,
                                 const std::vector<RawAnswer>& raw, FieldProblems& problems) {
  const size_t before = problems.size();
  if (raw.size() != questions.size()) {
    problems.emplace_back("answers", "invalid_value");
    return {};
  }
  using T = RawAnswer::Type;
  std::vector<Answer> out;
  for (size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    const RawAnswer& r = raw[i];
    const std::string field = absl::StrCat("answers[", i, "]");
    Answer a{.question = q.text, .kind = q.kind, .value = std::nullopt};
    // A blank text or choice is no answer, as null is.
    const bool blank = r.type == T::kNull ||
                       (r.type == T::kString && r.text.empty() && q.kind != QuestionKind::kNumber);
    if (blank) {
      if (q.required) problems.emplace_back(field, "required");
      out.push_back(std::move(a));
      continue;
    }
    const char* problem = nullptr;
    switch (q.kind) {
      case QuestionKind::kText:
        if (r.type != T::kString)
          problem = "invalid_type";
        else if (r.text.size() > kMaxTextAnswer)
          problem = "too_long";
        else if (!IsCleanText(r.text))
          problem = "invalid_text";
        else
          a.value = r.text;
        break;
      case QuestionKind::kYesNo:
        if (r.type != T::kBool)
          problem = "invalid_type";
        else
          a.value = r.boolean ? "true" : "false";
        break;
      case QuestionKind::kChoice:
        if (r.type != T::kString)
          problem = "invalid_type";
        else if (std::find(q.options.begin(), q.options.end(), r.text) == q.options.end())
          problem = "invalid_value";
        else
          a.value = r.text;
        break;
      case QuestionKind::kNumber:
        if (r.type != T::kNumber)
          problem = "invalid_type";
        else if (!std::isfinite(r.number) || std::fabs(r.number) > kMaxAnswerNumber ||
                 (q.min && r.number < *q.min) || (q.max && r.number > *q.max))
          problem = "out_of_range";
        else
          a.value = NumberText(r.number);
        break;
      case QuestionKind::kDate:
        if (r.type != T::kString)
          problem = "invalid_type";
        else if (std::optional<std::string> d = DateValue(r.text))
          a.value = *d;
        else
          problem = "invalid_date";
        break;
    }
    if (problem) problems.emplace_back(field, problem);
    out.push_back(std::move(a));
  }
  if (problems.size() != before) return {};
  return out;
}

}  // namespace retorno
