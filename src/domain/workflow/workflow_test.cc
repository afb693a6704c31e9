#include "domain/workflow/workflow.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace retorno::workflow {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Step Situation(std::string key, std::string label, int64_t user, std::string next, int due = 1) {
  return {.key = std::move(key),
          .kind = StepKind::kSituation,
          .label = std::move(label),
          .centre = Centre{Centre::Kind::kUser, user},
          .next = std::move(next),
          .due_in_days = due};
}
Step Team(std::string key, std::string label, int64_t branch, std::string next) {
  return {.key = std::move(key),
          .kind = StepKind::kSituation,
          .label = std::move(label),
          .centre = Centre{Centre::Kind::kTeam, branch},
          .next = std::move(next),
          .due_in_days = 2};
}
Step Decision(std::string key, std::string question, std::vector<Answer> answers) {
  return {.key = std::move(key),
          .kind = StepKind::kDecision,
          .label = std::move(question),
          .answers = std::move(answers)};
}
Step End(std::string key, std::string result) {
  return {.key = std::move(key), .kind = StepKind::kEnd, .label = std::move(result)};
}

// Manual 003's sale: contact the customer; was the contact successful? If not, try again;
// if so, was the sale made? A sale goes to billing (a team); no sale ends the case.
Workflow Sale() {
  return {.start = "contact",
          .steps = {Situation("contact", "Contatar o cliente", 7, "reached"),
                    Decision("reached", "O contato foi bem-sucedido?",
                             {{"yes", "Sim", "sold"}, {"no", "Não", "retry"}}),
                    Situation("retry", "Tentar de novo", 7, "reached", 3),
                    Decision("sold", "A venda foi realizada?",
                             {{"yes", "Sim", "billing"}, {"no", "Não", "lost"}}),
                    Team("billing", "Faturar", 2, "done"), End("done", "Vendido"),
                    End("lost", "Não vendido")}};
}

TEST(WorkflowValidate, ManualsSaleIsValid) { EXPECT_THAT(Validate(Sale()), IsEmpty()); }

struct Bad {
  const char* name;
  void (*spoil)(Workflow&);
  std::vector<Issue> expected;
};

class WorkflowValidateBad : public ::testing::TestWithParam<Bad> {};

TEST_P(WorkflowValidateBad, NamesTheFieldAndTheFault) {
  Workflow wf = Sale();
  GetParam().spoil(wf);
  EXPECT_EQ(Validate(wf), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, WorkflowValidateBad,
    ::testing::Values(
        Bad{"NoSteps", [](Workflow& w) { w.steps.clear(); }, {{"steps", "required"}}},
        Bad{"NoStart", [](Workflow& w) { w.start.clear(); }, {{"start", "required"}}},
        Bad{"UnknownStart", [](Workflow& w) { w.start = "nowhere"; }, {{"start", "unknown_step"}}},
        Bad{"StartIsADecision",
            [](Workflow& w) { w.start = "reached"; },
            {{"start", "start_not_situation"}}},
        Bad{"DuplicateKey",
            [](Workflow& w) { w.steps[2].key = "contact"; },
            // The retry's key is taken; the answer that led to "retry" now names nothing.
            {{"steps[2].key", "duplicate"}, {"steps[1].answers[1].next", "unknown_step"}}},
        Bad{"BadKey",
            [](Workflow& w) { w.steps[6].key = "Não vendido"; },
            {{"steps[6].key", "invalid_key"}, {"steps[3].answers[1].next", "unknown_step"}}},
        Bad{"SituationWithoutCentre",
            [](Workflow& w) { w.steps[4].centre.reset(); },
            {{"steps[4].centre", "required"}}},
        Bad{"SituationLeadingNowhere",
            [](Workflow& w) { w.steps[4].next.clear(); },
            {{"steps[4].next", "required"}}},
        Bad{"SituationLeadingToItself",
            [](Workflow& w) { w.steps[2].next = "retry"; },
            {{"steps[2].next", "self_loop"}}},
        Bad{"DueTooFar",
            [](Workflow& w) { w.steps[0].due_in_days = 400; },
            {{"steps[0].due_in_days", "out_of_range"}}},
        Bad{"DecisionWithOneAnswer",
            [](Workflow& w) { w.steps[3].answers.pop_back(); },
            // The lost end is no longer reached from anywhere either: but the parts are
            // reported first.
            {{"steps[3].answers", "too_few_answers"}}},
        Bad{"DuplicateAnswer",
            [](Workflow& w) { w.steps[1].answers[1].key = "yes"; },
            {{"steps[1].answers[1].key", "duplicate"}}},
        Bad{"AnswerWithoutLabel",
            [](Workflow& w) { w.steps[1].answers[0].label.clear(); },
            {{"steps[1].answers[0].label", "required"}}},
        Bad{"TwoLineQuestion",
            [](Workflow& w) { w.steps[1].label = "A\nB"; },
            {{"steps[1].label", "not_one_line"}}},
        Bad{"EndWithANext",
            [](Workflow& w) { w.steps[5].next = "contact"; },
            {{"steps[5].next", "not_allowed"}}},
        Bad{"NoEnd",
            [](Workflow& w) {
              w.steps[4].next = "contact";
              w.steps[3].answers[1].next = "contact";
              w.steps.resize(5);
            },
            {{"steps", "no_end"}}},
        Bad{"UnreachableStep",
            [](Workflow& w) { w.steps.push_back(Situation("orphan", "Ninguém chega", 7, "done")); },
            {{"steps[7]", "unreachable"}}},
        Bad{"DeadEndLoop",
            // Billing hands back to a situation that only loops with it: no way to an end.
            [](Workflow& w) {
              w.steps[4].next = "recheck";
              w.steps.push_back(Situation("recheck", "Conferir", 7, "billing"));
            },
            // ... and the sale's end is reached no more.
            {{"steps[4]", "dead_end"}, {"steps[5]", "unreachable"}, {"steps[7]", "dead_end"}}},
        Bad{"IslandLeadingIn",
            [](Workflow& w) { w.steps.push_back(Situation("island", "Ilha", 7, "contact")); },
            {{"steps[7]", "unreachable"}}}),
    [](const ::testing::TestParamInfo<Bad>& info) { return std::string(info.param.name); });

TEST(WorkflowValidate, TooManyStepsIsOneFault) {
  Workflow wf = Sale();
  while (wf.steps.size() <= kMaxSteps)
    wf.steps.push_back(End("e" + std::to_string(wf.steps.size()), "x"));
  EXPECT_THAT(Validate(wf), ElementsAre(Issue{"steps", "too_many"}));
}

struct Walk {
  const char* name;
  const char* at;
  std::vector<std::string> answers;
  Move::Kind kind;
  const char* step;
  const char* error;
};

class WorkflowAdvance : public ::testing::TestWithParam<Walk> {};

TEST_P(WorkflowAdvance, FollowsTheAnswers) {
  const Walk& w = GetParam();
  Move m = Advance(Sale(), w.at, w.answers);
  EXPECT_EQ(m.kind, w.kind);
  EXPECT_EQ(m.step, w.step);
  EXPECT_EQ(m.error, w.error);
}

INSTANTIATE_TEST_SUITE_P(
    Table, WorkflowAdvance,
    ::testing::Values(
        Walk{"AsksTheFirstQuestion", "contact", {}, Move::Kind::kAsk, "reached", ""},
        Walk{"AsksTheNextQuestion", "contact", {"yes"}, Move::Kind::kAsk, "sold", ""},
        Walk{"SaleGoesToBilling", "contact", {"yes", "yes"}, Move::Kind::kArrive, "billing", ""},
        Walk{"NoSaleEnds", "contact", {"yes", "no"}, Move::Kind::kFinish, "lost", ""},
        Walk{"NoContactRetries", "contact", {"no"}, Move::Kind::kArrive, "retry", ""},
        Walk{"RetryAsksAgain", "retry", {}, Move::Kind::kAsk, "reached", ""},
        Walk{"BillingDoneEnds", "billing", {}, Move::Kind::kFinish, "done", ""},
        Walk{"UnknownAnswer",
             "contact",
             {"maybe"},
             Move::Kind::kRefused,
             "reached",
             "unknown_answer"},
        Walk{"ExtraAnswers",
             "contact",
             {"no", "yes"},
             Move::Kind::kRefused,
             "retry",
             "extra_answers"},
        Walk{"FromADecision", "reached", {"yes"}, Move::Kind::kRefused, "", "not_a_situation"},
        Walk{"FromNowhere", "nowhere", {}, Move::Kind::kRefused, "", "unknown_step"}),
    [](const ::testing::TestParamInfo<Walk>& info) { return std::string(info.param.name); });

TEST(WorkflowAdvance, RecordsEachDecisionAndAnswerForTheTimeline) {
  std::vector<std::string> answers{"yes", "yes"};
  Move m = Advance(Sale(), "contact", answers);
  using P = std::pair<std::string, std::string>;
  EXPECT_THAT(m.answered, ElementsAre(P{"reached", "yes"}, P{"sold", "yes"}));
}

TEST(WorkflowBegin, StandsAtTheStartSituation) {
  const Workflow wf = Sale();
  Move m = Begin(wf);
  EXPECT_EQ(m.kind, Move::Kind::kArrive);
  EXPECT_EQ(m.step, "contact");
  const Step* s = FindStep(wf, m.step);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->centre, (Centre{Centre::Kind::kUser, 7}));
}

// Decisions looping among themselves (a "check again?" question) end with a question
// when the answers run out, however many were given.
TEST(WorkflowAdvance, DecisionLoopsEndWhenTheAnswersRunOut) {
  Workflow wf{
      .start = "s",
      .steps = {Situation("s", "S", 1, "q1"),
                Decision("q1", "Q1", {{"a", "A", "q2"}, {"end", "Fim", "e"}}),
                Decision("q2", "Q2", {{"a", "A", "q1"}, {"end", "Fim", "e"}}), End("e", "E")}};
  ASSERT_THAT(Validate(wf), IsEmpty());
  std::vector<std::string> answers(9, "a");
  Move m = Advance(wf, "s", answers);
  EXPECT_EQ(m.kind, Move::Kind::kAsk);
  EXPECT_EQ(m.step, "q2");
  EXPECT_EQ(m.answered.size(), 9u);
}

}  // namespace
}  // namespace retorno::workflow
