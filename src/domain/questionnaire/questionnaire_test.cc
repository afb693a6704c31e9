#include "domain/questionnaire/questionnaire.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace retorno {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using T = RawAnswer::Type;

Question Q(std::string text, QuestionKind kind, bool required = false) {
  Question q;
  q.text = std::move(text);
  q.kind = kind;
  q.required = required;
  return q;
}

RawAnswer Str(std::string s) { return {.type = T::kString, .text = std::move(s)}; }
RawAnswer Num(double n) { return {.type = T::kNumber, .number = n}; }
RawAnswer Bool(bool b) { return {.type = T::kBool, .boolean = b}; }
RawAnswer Null() { return {}; }

std::vector<Question> Cycle() {
  Question choice = Q("Canal preferido?", QuestionKind::kChoice, true);
  choice.options = {"Telefone", "E-mail", "WhatsApp"};
  Question number = Q("Quantas unidades?", QuestionKind::kNumber);
  number.min = 1;
  number.max = 100;
  return {Q("Cliente satisfeito?", QuestionKind::kYesNo, true), choice, number,
          Q("Data da visita", QuestionKind::kDate), Q("Observações", QuestionKind::kText)};
}

TEST(QuestionKind, RoundTripsItsNames) {
  for (QuestionKind k : {QuestionKind::kText, QuestionKind::kYesNo, QuestionKind::kChoice,
                         QuestionKind::kNumber, QuestionKind::kDate})
    EXPECT_EQ(ParseQuestionKind(ToString(k)), k);
  EXPECT_EQ(ParseQuestionKind("boolean"), std::nullopt);
}

TEST(CheckQuestionnaire, AcceptsEveryKind) {
  EXPECT_THAT(CheckQuestionnaire("Ciclo de venda", Cycle()), IsEmpty());
}

TEST(CheckQuestionnaire, NamesEachBadPart) {
  Question one_option = Q("Canal?", QuestionKind::kChoice);
  one_option.options = {"Telefone"};
  Question twice = Q("Canal?", QuestionKind::kChoice);
  twice.options = {"A", "A"};
  Question bounds = Q("Qtd", QuestionKind::kNumber);
  bounds.min = 5;
  bounds.max = 1;
  Question text_with_min = Q("Obs", QuestionKind::kText);
  text_with_min.min = 1;
  EXPECT_THAT(CheckQuestionnaire("", {Q("", QuestionKind::kText), one_option, twice, bounds,
                                      text_with_min, Q("a\nb", QuestionKind::kDate)}),
              ElementsAre(Pair("title", "required"), Pair("questions[0].text", "required"),
                          Pair("questions[1].options", "required"),
                          Pair("questions[2].options[1]", "taken"),
                          Pair("questions[3].max", "out_of_range"),
                          Pair("questions[4].min", "invalid_value"),
                          Pair("questions[5].text", "line_break")));
  EXPECT_THAT(CheckQuestionnaire("T", {}), ElementsAre(Pair("questions", "required")));
}

TEST(JudgeAnswers, StoresCanonicalValuesWithTheQuestionText) {
  FieldProblems p;
  std::vector<Answer> a =
      JudgeAnswers(Cycle(), {Bool(true), Str("WhatsApp"), Num(12.5), Str("2026-02-28"), Null()}, p);
  EXPECT_THAT(p, IsEmpty());
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].question, "Cliente satisfeito?");
  EXPECT_EQ(a[0].value, "true");
  EXPECT_EQ(a[1].value, "WhatsApp");
  EXPECT_EQ(a[2].value, "12.5");
  EXPECT_EQ(a[2].kind, QuestionKind::kNumber);
  EXPECT_EQ(a[3].value, "2026-02-28");
  EXPECT_EQ(a[4].value, std::nullopt);
}

TEST(JudgeAnswers, NamesEveryBadAnswerAndKeepsNothing) {
  FieldProblems p;
  std::vector<Answer> a =
      JudgeAnswers(Cycle(), {Null(), Str("Fax"), Num(101), Str("2026-02-30"), Num(3)}, p);
  EXPECT_THAT(a, IsEmpty());
  EXPECT_THAT(p, ElementsAre(Pair("answers[0]", "required"), Pair("answers[1]", "invalid_value"),
                             Pair("answers[2]", "out_of_range"), Pair("answers[3]", "invalid_date"),
                             Pair("answers[4]", "invalid_type")));
}

TEST(JudgeAnswers, EachKindRefusesTheOtherTypes) {
  FieldProblems p;
  JudgeAnswers(Cycle(), {Str("sim"), Num(1), Str("12"), Str("05/12/2026"), Bool(true)}, p);
  EXPECT_THAT(p, ElementsAre(Pair("answers[0]", "invalid_type"), Pair("answers[1]", "invalid_type"),
                             Pair("answers[2]", "invalid_type"), Pair("answers[3]", "invalid_date"),
                             Pair("answers[4]", "invalid_type")));
}

TEST(JudgeAnswers, ABlankChoiceIsNoAnswerAndAWrongLengthIsRefused) {
  FieldProblems p;
  JudgeAnswers(Cycle(), {Bool(false), Str(""), Null(), Null(), Null()}, p);
  EXPECT_THAT(p, ElementsAre(Pair("answers[1]", "required")));
  p.clear();
  JudgeAnswers(Cycle(), {Bool(false)}, p);
  EXPECT_THAT(p, ElementsAre(Pair("answers", "invalid_value")));
}

TEST(NumberText, IsShortAndExact) {
  EXPECT_EQ(NumberText(12), "12");
  EXPECT_EQ(NumberText(-0.0), "0");
  EXPECT_EQ(NumberText(0.1), "0.1");
  EXPECT_EQ(NumberText(123456789), "123456789");
}

}  // namespace
}  // namespace retorno
