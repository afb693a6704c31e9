// Questionnaires of the service cycle ("ciclo de atendimento", manual 003). An admin
// sets any number of questionnaires on an attendance type (questions of five kinds,
// required or not; ADR 0039). A follow-up of that type answers each of them while it is
// open: every answer is judged before anything is written, the set replaces the
// follow-up's previous one, and a note with the answers goes on the follow-up's
// timeline in the same transaction. Answers keep the question texts they answered, so
// editing a questionnaire never rewrites them. A questionnaire's answers over a period
// leave as a table (app/reports/report_table.h) through the exports' streaming.
// Each public method runs in one transaction unless it says otherwise.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/ports.h"
#include "app/reports/report_table.h"

namespace retorno {

// A new questionnaire (title and questions required) or a change (absent: kept).
struct QuestionnaireInput {
  std::optional<std::string> title;
  std::optional<std::vector<Question>> questions;
  std::optional<bool> active;  // default true; false retires it
};

struct AnswersInput {
  std::vector<RawAnswer> answers;  // one per question, in order
  // The questionnaire's version the client showed; another one is 412 `version`
  // (the questions changed under the user). Absent: not checked.
  std::optional<int64_t> version;
};

// A questionnaire as a follow-up offers it, with the follow-up's answers if any.
struct FollowupQuestionnaire {
  Questionnaire questionnaire;
  std::optional<AnswerSet> answers;
  std::string answered_by_name;
};

class QuestionnaireService {
 public:
  explicit QuestionnaireService(Store& store) : store_(store) {}

  // A type's questionnaires, for every signed-in user; those with the
  // configure_attendance right (admins by default) also see retired ones.
  absl::StatusOr<std::vector<Questionnaire>> List(const AuthContext& ctx, AttendanceTypeId type);
  // The configure_attendance right (admins by default), else 403 admin_only.
  absl::StatusOr<Questionnaire> Create(const AuthContext& ctx, AttendanceTypeId type,
                                       const QuestionnaireInput& in, absl::Time now);
  absl::StatusOr<Questionnaire> Update(const AuthContext& ctx, AttendanceTypeId type,
                                       QuestionnaireId id, const QuestionnaireInput& in,
                                       absl::Time now);

  // The active questionnaires of the follow-up's type, each with its answers, and any
  // other questionnaire the follow-up answered (retired, or of its former type).
  absl::StatusOr<std::vector<FollowupQuestionnaire>> ForFollowup(const AuthContext& ctx,
                                                                 FollowupId id);
  absl::StatusOr<FollowupQuestionnaire> Answers(const AuthContext& ctx, FollowupId id,
                                                QuestionnaireId questionnaire);
  // Answers a questionnaire of the follow-up's type: 422 naming each `answers[i]` that
  // is missing or invalid (nothing stored), 409 followup_closed, 404 questionnaire when
  // it is not offered on this follow-up.
  absl::StatusOr<FollowupQuestionnaire> Answer(const AuthContext& ctx, FollowupId id,
                                               QuestionnaireId questionnaire,
                                               const AnswersInput& in, absl::Time now);

  // The answers of a questionnaire given on the days [from, to] of the viewer's zone on
  // the follow-ups the viewer reaches, one row per answer. Reads the first page before
  // it returns, so refusals come before the file's first byte.
  absl::StatusOr<std::unique_ptr<ReportTable>> OpenExport(const AuthContext& ctx,
                                                          QuestionnaireId id,
                                                          std::optional<absl::CivilDay> from,
                                                          std::optional<absl::CivilDay> to,
                                                          absl::Time now, std::string_view lang);

 private:
  Store& store_;
};

// The timeline note of an answer set, in `locale`'s words ("pt-BR", "es", "en").
std::string AnswersNote(const AnswerSet& set, std::string_view locale);

}  // namespace retorno
