// Questionnaires of the service cycle (manual 003) against a real SQLite store.
#include "app/questionnaires/questionnaires.h"

#include <gtest/gtest.h>

#include "app/attendance/attendance.h"
#include "app/error_codes.h"
#include "app/use_case_test.h"
#include "platform/sodium_secrets.h"

namespace retorno {
namespace {

const absl::Time kAt = Utc(2026, 11, 23, 13, 0);
using T = RawAnswer::Type;

class QuestionnairesTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    secrets_ = NewSodiumSecrets(dir_ + "/secret.key").value();
    messaging_ = std::make_unique<MessagingService>(*store_, *crypto_, *secrets_);
    attendance_ = std::make_unique<AttendanceService>(*store_, *followups_, *messaging_);
    questionnaires_ = std::make_unique<QuestionnaireService>(*store_);
    agent_.user = NewUser("ana", Role::kAgent);
    other_.user = NewUser("beto", Role::kAgent);
    party_ = NewParty("C-1", agent_.user.id).id;
    AttendanceTypeInput t;
    t.name_pt = "Venda";
    t.name_es = "Venta";
    t.name_en = "Sale";
    type_ = attendance_->CreateType(admin_, t, kAt).value().id;
  }

  FollowupId NewFollowup() {
    CreateFollowupInput in;
    in.party_id = party_;
    in.subject = "Proposta";
    in.category = "em_analise";
    in.attendance_type_id = type_.value;
    Contact c;
    c.name = "Rosa";
    in.contact = c;
    ActionInput a;
    a.type = "phone";
    a.due_date = absl::CivilDay(2026, 11, 30);
    in.next_action = a;
    return followups_->Create(agent_, in, kAt).value().detail.followup.id;
  }

  Questionnaire NewQuestionnaire() {
    Question yes{.text = "Cliente satisfeito?", .kind = QuestionKind::kYesNo, .required = true};
    Question n{.text = "Unidades", .kind = QuestionKind::kNumber, .min = 1, .max = 10};
    QuestionnaireInput in;
    in.title = "Ciclo de venda";
    in.questions = std::vector<Question>{yes, n};
    return questionnaires_->Create(admin_, type_, in, kAt).value();
  }

  static AnswersInput Raw(std::vector<RawAnswer> a) { return {.answers = std::move(a)}; }

  std::unique_ptr<Secrets> secrets_;
  std::unique_ptr<MessagingService> messaging_;
  std::unique_ptr<AttendanceService> attendance_;
  std::unique_ptr<QuestionnaireService> questionnaires_;
  AuthContext agent_;
  AuthContext other_;
  PartyId party_;
  AttendanceTypeId type_;
};

TEST_F(QuestionnairesTest, OnlyAdminsConfigureAndTheQuestionsAreChecked) {
  QuestionnaireInput in;
  in.title = "Ciclo";
  in.questions = std::vector<Question>{{.text = "Canal?", .kind = QuestionKind::kChoice}};
  EXPECT_EQ(ErrorCodeOf(questionnaires_->Create(agent_, type_, in, kAt).status()),
            ErrorCode::kAdminOnly);
  absl::Status st = questionnaires_->Create(admin_, type_, in, kAt).status();
  ASSERT_EQ(FieldIssuesOf(st).size(), 1u) << st;
  EXPECT_EQ(FieldIssuesOf(st)[0].field, "questions[0].options");
  (*in.questions)[0].options = {"Telefone", "E-mail"};
  EXPECT_EQ(ErrorCodeOf(questionnaires_->Create(admin_, AttendanceTypeId(999), in, kAt).status()),
            ErrorCode::kAttendanceTypeNotFound);
}

TEST_F(QuestionnairesTest, AnsweringStoresAllOrNothingAndWritesANote) {
  Questionnaire q = NewQuestionnaire();
  FollowupId f = NewFollowup();
  absl::Status st =
      questionnaires_
          ->Answer(agent_, f, q.id,
                   Raw({{.type = T::kBool, .boolean = true}, {.type = T::kNumber, .number = 11}}),
                   kAt)
          .status();
  ASSERT_EQ(FieldIssuesOf(st).size(), 1u) << st;
  EXPECT_EQ(FieldIssuesOf(st)[0].field, "answers[1]");
  EXPECT_FALSE(questionnaires_->Answers(agent_, f, q.id).value().answers.has_value());
  const size_t entries_before = followups_->Get(agent_, f, kAt).value().entries.size();

  FollowupQuestionnaire a =
      questionnaires_
          ->Answer(agent_, f, q.id,
                   Raw({{.type = T::kBool, .boolean = true}, {.type = T::kNumber, .number = 2}}),
                   kAt)
          .value();
  ASSERT_TRUE(a.answers.has_value());
  EXPECT_EQ(a.answers->answers[1].value, "2");
  std::vector<Entry> entries = followups_->Get(agent_, f, kAt).value().entries;
  ASSERT_EQ(entries.size(), entries_before + 1);
  bool found = false;
  for (const Entry& e : entries)
    found =
        found || e.body == "Questionário: Ciclo de venda\nCliente satisfeito? — Sim\nUnidades — 2";
  EXPECT_TRUE(found);
}

TEST_F(QuestionnairesTest, AnEditDoesNotRewriteOldAnswersAndAStaleVersionIsRefused) {
  Questionnaire q = NewQuestionnaire();
  FollowupId f = NewFollowup();
  ASSERT_TRUE(questionnaires_
                  ->Answer(agent_, f, q.id,
                           Raw({{.type = T::kBool, .boolean = false}, {.type = T::kNull}}), kAt)
                  .ok());
  QuestionnaireInput edit;
  std::vector<Question> qs = q.questions;
  qs[0].text = "Cliente ficou satisfeito?";
  edit.questions = qs;
  Questionnaire edited = questionnaires_->Update(admin_, type_, q.id, edit, kAt).value();
  EXPECT_EQ(edited.version, 2);
  FollowupQuestionnaire read = questionnaires_->Answers(agent_, f, q.id).value();
  EXPECT_EQ(read.answers->answers[0].question, "Cliente satisfeito?");
  EXPECT_EQ(read.answers->version, 1);
  AnswersInput stale = Raw({{.type = T::kBool, .boolean = true}, {.type = T::kNull}});
  stale.version = 1;
  EXPECT_EQ(ErrorCodeOf(questionnaires_->Answer(agent_, f, q.id, stale, kAt).status()),
            ErrorCode::kVersion);
}

TEST_F(QuestionnairesTest, AnotherAgentCannotAnswerAndAClosedFollowupRefuses) {
  Questionnaire q = NewQuestionnaire();
  FollowupId f = NewFollowup();
  AnswersInput in = Raw({{.type = T::kBool, .boolean = true}, {.type = T::kNull}});
  EXPECT_EQ(ErrorCodeOf(questionnaires_->Answer(other_, f, q.id, in, kAt).status()),
            ErrorCode::kForbiddenFollowup);
  ASSERT_TRUE(followups_->Close(agent_, f, "Vendido", kAt).ok());
  EXPECT_EQ(ErrorCodeOf(questionnaires_->Answer(agent_, f, q.id, in, kAt).status()),
            ErrorCode::kFollowupClosed);
}

TEST_F(QuestionnairesTest, TheExportHasOneRowPerAnswerInTheViewersReach) {
  Questionnaire q = NewQuestionnaire();
  FollowupId f = NewFollowup();
  ASSERT_TRUE(
      questionnaires_
          ->Answer(agent_, f, q.id,
                   Raw({{.type = T::kBool, .boolean = true}, {.type = T::kNumber, .number = 3}}),
                   kAt)
          .ok());
  auto rows = [&](const AuthContext& ctx) {
    std::unique_ptr<ReportTable> t = questionnaires_
                                         ->OpenExport(ctx, q.id, absl::CivilDay(2026, 11, 23),
                                                      absl::CivilDay(2026, 11, 23), kAt, "pt-BR")
                                         .value();
    std::vector<ExportRow> out;
    EXPECT_TRUE(t->Rows([&](const ExportRow& r) {
                   out.push_back(r);
                   return absl::OkStatus();
                 }).ok());
    return out;
  };
  std::vector<ExportRow> mine = rows(agent_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0][7].text, "Cliente satisfeito?");
  EXPECT_EQ(mine[0][8].text, "Sim");
  EXPECT_EQ(mine[1][8].number, 3);
  EXPECT_TRUE(rows(other_).empty());
  EXPECT_EQ(rows(admin_).size(), 2u);
}

}  // namespace
}  // namespace retorno
