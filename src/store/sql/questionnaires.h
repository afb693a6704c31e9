// The questionnaire repository in SQL (app/ports/questionnaires.h), written once for
// both dialects. Private to store/sql/; a store reaches it through SqlTx.
#pragma once

#include "app/ports/questionnaires.h"
#include "store/sql/db.h"

namespace retorno::sql {

class SqlQuestionnaires final : public QuestionnaireRepository {
 public:
  explicit SqlQuestionnaires(Db& db) : db_(db) {}

  absl::StatusOr<std::vector<Questionnaire>> ListQuestionnaires(AttendanceTypeId type) override;
  absl::StatusOr<std::optional<Questionnaire>> FindQuestionnaire(QuestionnaireId id) override;
  absl::StatusOr<QuestionnaireId> InsertQuestionnaire(const Questionnaire& q) override;
  absl::Status UpdateQuestionnaire(const Questionnaire& q) override;
  absl::StatusOr<std::optional<AnswerSet>> FindAnswers(FollowupId followup,
                                                       QuestionnaireId questionnaire) override;
  absl::Status PutAnswers(const AnswerSet& set) override;
  absl::StatusOr<std::vector<AnswerSetRow>> ListAnswersInPeriod(
      const AnswerPeriodQuery& q) override;

 private:
  Db& db_;
};

}  // namespace retorno::sql
