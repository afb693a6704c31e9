// The questionnaire repository (manual 003, "ciclo de atendimento"): the questionnaires
// of each attendance type, the answers of a follow-up to each, and the answers of a
// questionnaire over a period for its export. Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/ports/attendance.h"
#include "base/ids.h"
#include "domain/questionnaire/questionnaire.h"

namespace retorno {

using QuestionnaireId = StrongId<struct QuestionnaireTag>;

// A questionnaire of an attendance type. `version` grows by one whenever its questions
// change; answers record the version and the question texts they answered, so an edit
// never rewrites them. A retired one (active false) is no longer offered for answering
// and keeps its answers.
struct Questionnaire {
  QuestionnaireId id;
  AttendanceTypeId attendance_type_id;
  std::string title;
  std::vector<Question> questions;
  int64_t version = 1;
  bool active = true;
  absl::Time created_at;
  absl::Time updated_at;
};

// A follow-up's answers to one questionnaire: one set, replaced when answered again.
struct AnswerSet {
  FollowupId followup_id;
  QuestionnaireId questionnaire_id;
  int64_t version = 1;  // of the questionnaire, when answered
  std::string title;    // of the questionnaire, when answered
  std::vector<Answer> answers;
  UserId answered_by;
  absl::Time answered_at;
};

// An answer set in an export, with what locates it.
struct AnswerSetRow {
  AnswerSet set;
  std::string followup_subject;
  std::string party_name;
  std::string owner_name;
  std::string answered_by_name;
};

// The answers of a questionnaire answered in [from, to) on the follow-ups an owner or a
// branch reach (neither: all; both: either), after a (answered_at, followup id) cursor,
// oldest first.
struct AnswerPeriodQuery {
  QuestionnaireId questionnaire_id;
  std::optional<absl::Time> from;
  std::optional<absl::Time> to;
  std::optional<UserId> visible_owner;
  std::optional<BranchId> visible_branch;
  std::optional<std::pair<absl::Time, FollowupId>> after;
  int limit = 200;
};

class QuestionnaireRepository {
 public:
  virtual ~QuestionnaireRepository() = default;

  // A type's questionnaires, retired ones too, in id order.
  virtual absl::StatusOr<std::vector<Questionnaire>> ListQuestionnaires(AttendanceTypeId type) = 0;
  virtual absl::StatusOr<std::optional<Questionnaire>> FindQuestionnaire(QuestionnaireId id) = 0;
  virtual absl::StatusOr<QuestionnaireId> InsertQuestionnaire(const Questionnaire& q) = 0;
  virtual absl::Status UpdateQuestionnaire(const Questionnaire& q) = 0;

  virtual absl::StatusOr<std::optional<AnswerSet>> FindAnswers(FollowupId followup,
                                                               QuestionnaireId questionnaire) = 0;
  // Inserts or replaces the follow-up's set for that questionnaire.
  virtual absl::Status PutAnswers(const AnswerSet& set) = 0;
  virtual absl::StatusOr<std::vector<AnswerSetRow>> ListAnswersInPeriod(
      const AnswerPeriodQuery& q) = 0;
};

}  // namespace retorno
