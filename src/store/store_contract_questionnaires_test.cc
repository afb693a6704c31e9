// The store contract: questionnaires of the attendance types and the follow-ups' answer
// sets, with the period export's reach and cursor (manual 003).
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using namespace contract;  // NOLINT: the suite's small helpers

namespace {

Questionnaire Sample(AttendanceTypeId type, absl::Time at) {
  Questionnaire q;
  q.attendance_type_id = type;
  q.title = "Ciclo de venda";
  q.questions = {
      {.text = "Canal?",
       .kind = QuestionKind::kChoice,
       .required = true,
       .options = {"Telefone", "E-mail"}},
      {.text = "Unidades", .kind = QuestionKind::kNumber, .min = 0.5, .max = 10},
      {.text = "Visita", .kind = QuestionKind::kDate},
  };
  q.created_at = q.updated_at = at;
  return q;
}

}  // namespace

TEST_P(StoreContractTest, QuestionnaireRoundTripsItsQuestionsAndVersion) {
  Questionnaire q;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> d, tx.attendance().FindDefaultType());
    q = Sample(d->id, Now());
    ASSIGN_OR_RETURN(q.id, tx.questionnaires().InsertQuestionnaire(q));
    return absl::OkStatus();
  }));
  q.version = 2;
  q.active = false;
  q.questions[0].options.push_back("WhatsApp");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.questionnaires().UpdateQuestionnaire(q); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<Questionnaire> all,
                     tx.questionnaires().ListQuestionnaires(q.attendance_type_id));
    EXPECT_EQ(all.size(), 1u);
    ASSIGN_OR_RETURN(std::optional<Questionnaire> g, tx.questionnaires().FindQuestionnaire(q.id));
    EXPECT_TRUE(g.has_value());
    if (!g) return absl::OkStatus();
    EXPECT_EQ(g->title, q.title);
    EXPECT_EQ(g->version, 2);
    EXPECT_FALSE(g->active);
    EXPECT_EQ(g->questions.size(), 3u);
    EXPECT_EQ(g->questions[0].options, q.questions[0].options);
    EXPECT_TRUE(g->questions[0].required);
    EXPECT_EQ(g->questions[1].kind, QuestionKind::kNumber);
    EXPECT_EQ(g->questions[1].min, 0.5);
    EXPECT_EQ(g->questions[1].max, 10);
    EXPECT_FALSE(g->questions[2].min.has_value());
    EXPECT_EQ(g->created_at, Now());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AnswerSetsAreReplacedAndListedByPeriodWithinReach) {
  BranchId north = AddBranch("Norte");
  UserId ana = AddUser("ana", north);
  UserId bia = AddUser("bia");
  PartyId p = AddParty("P1", "Cliente Um");
  FollowupId fa = AddFollowup(p, ana, north, "Da Ana");
  FollowupId fb = AddFollowup(p, bia, std::nullopt, "Da Bia");
  Questionnaire q;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> d, tx.attendance().FindDefaultType());
    q = Sample(d->id, Now());
    ASSIGN_OR_RETURN(q.id, tx.questionnaires().InsertQuestionnaire(q));
    return absl::OkStatus();
  }));
  auto set = [&](FollowupId f, UserId by, absl::Time at, std::string channel) {
    return AnswerSet{.followup_id = f,
                     .questionnaire_id = q.id,
                     .version = 1,
                     .title = q.title,
                     .answers = {{"Canal?", QuestionKind::kChoice, channel},
                                 {"Unidades", QuestionKind::kNumber, std::nullopt}},
                     .answered_by = by,
                     .answered_at = at};
  };
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.questionnaires().PutAnswers(set(fa, ana, Now(), "Telefone")));
    RETURN_IF_ERROR(tx.questionnaires().PutAnswers(set(fa, ana, Now() + absl::Hours(1), "E-mail")));
    return tx.questionnaires().PutAnswers(set(fb, bia, Now() + absl::Hours(2), "Telefone"));
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<AnswerSet> a, tx.questionnaires().FindAnswers(fa, q.id));
    EXPECT_TRUE(a.has_value());
    if (!a) return absl::OkStatus();
    EXPECT_EQ(a->answers[0].value, "E-mail");
    EXPECT_FALSE(a->answers[1].value.has_value());
    EXPECT_EQ(a->answered_at, Now() + absl::Hours(1));

    AnswerPeriodQuery all{.questionnaire_id = q.id};
    ASSIGN_OR_RETURN(std::vector<AnswerSetRow> rows, tx.questionnaires().ListAnswersInPeriod(all));
    EXPECT_EQ(rows.size(), 2u);
    if (rows.size() == 2) {
      EXPECT_EQ(rows[0].set.followup_id, fa);
      EXPECT_EQ(rows[0].party_name, "Cliente Um");
      EXPECT_EQ(rows[0].followup_subject, "Da Ana");
      EXPECT_EQ(rows[1].answered_by_name, rows[1].owner_name);
    }
    AnswerPeriodQuery period{
        .questionnaire_id = q.id, .from = Now() + absl::Minutes(90), .to = Now() + absl::Hours(3)};
    ASSIGN_OR_RETURN(rows, tx.questionnaires().ListAnswersInPeriod(period));
    EXPECT_EQ(rows.size(), 1u);
    AnswerPeriodQuery branch{.questionnaire_id = q.id, .visible_branch = north};
    ASSIGN_OR_RETURN(rows, tx.questionnaires().ListAnswersInPeriod(branch));
    EXPECT_EQ(rows.size(), 1u);
    AnswerPeriodQuery page{.questionnaire_id = q.id, .limit = 1};
    ASSIGN_OR_RETURN(rows, tx.questionnaires().ListAnswersInPeriod(page));
    EXPECT_EQ(rows.size(), 1u);
    if (!rows.empty()) {
      page.after = std::pair(rows[0].set.answered_at, rows[0].set.followup_id);
      ASSIGN_OR_RETURN(rows, tx.questionnaires().ListAnswersInPeriod(page));
      EXPECT_EQ(rows.size(), 1u);
      if (!rows.empty()) {
        EXPECT_EQ(rows[0].set.followup_id, fb);
      }
    }
    return absl::OkStatus();
  }));
}

}  // namespace retorno
