// The answers of a questionnaire over a period as a table (app/reports/report_table.h),
// streamed by the exports' machinery as CSV, XLSX or PDF: one row per answer, so that
// sets answered under different versions of the questions keep the texts they answered.
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "app/error_codes.h"
#include "app/questionnaires/questionnaires.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/permissions.h"
#include "domain/time_zone.h"

namespace retorno {

namespace {

struct ExportWords {
  const char* title;
  const char* file;
  const char* questionnaire;
  const char* from;
  const char* to;
  const char* total;
  std::vector<std::string> columns;
  const char* yes;
  const char* no;
  const char* page_of;
  const char* page;
};

const ExportWords& ExportWordsFor(std::string_view lang) {
  static const ExportWords kPt{"Respostas de questionário",
                               "questionario",
                               "Questionário",
                               "De",
                               "Até",
                               "Conjuntos de respostas",
                               {"Nº", "Pessoa", "Assunto", "Responsável", "Respondido em",
                                "Respondido por", "Versão", "Pergunta", "Resposta"},
                               "Sim",
                               "Não",
                               "página %d de %d",
                               "página %d"};
  static const ExportWords kEs{
      "Respuestas de cuestionario",
      "cuestionario",
      "Cuestionario",
      "Desde",
      "Hasta",
      "Conjuntos de respuestas",
      {"N.º", "Cliente / Proveedor", "Asunto", "Agente de ventas", "Respondido el",
       "Respondido por", "Versión", "Pregunta", "Respuesta"},
      "Sí",
      "No",
      "página %d de %d",
      "página %d"};
  static const ExportWords kEn{"Questionnaire answers",
                               "questionnaire",
                               "Questionnaire",
                               "From",
                               "To",
                               "Answer sets",
                               {"No.", "Party", "Subject", "Owner", "Answered at", "Answered by",
                                "Version", "Question", "Answer"},
                               "Yes",
                               "No",
                               "page %d of %d",
                               "page %d"};
  if (lang.starts_with("es")) return kEs;
  if (lang.starts_with("en")) return kEn;
  return kPt;
}

ExportCell AnswerCell(const Answer& a, const ExportWords& w) {
  if (!a.value) return ExportCell::Text("");
  switch (a.kind) {
    case QuestionKind::kYesNo:
      return ExportCell::Text(*a.value == "true" ? w.yes : w.no);
    case QuestionKind::kNumber: {
      double n = 0;
      if (absl::SimpleAtod(*a.value, &n)) return ExportCell::Number(n);
      return ExportCell::Text(*a.value);
    }
    case QuestionKind::kDate: {
      if (std::optional<absl::CivilDay> d = ParseDate(*a.value)) return ExportCell::Date(*d);
      return ExportCell::Text(*a.value);
    }
    case QuestionKind::kText:
    case QuestionKind::kChoice:
      break;
  }
  return ExportCell::Text(*a.value);
}

class AnswersTable final : public ReportTable {
 public:
  AnswersTable(Store& store, AnswerPeriodQuery query, absl::TimeZone zone, const ExportWords& w,
               std::vector<AnswerSetRow> first, ExportHead head)
      : store_(store),
        query_(std::move(query)),
        zone_(zone),
        w_(w),
        first_(std::move(first)),
        head_(std::move(head)),
        file_(w.file) {}

  const ExportHead& head() const override { return head_; }
  const std::string& file_base() const override { return file_; }

  absl::Status Rows(const std::function<absl::Status(const ExportRow&)>& write) override {
    std::vector<AnswerSetRow> page = std::move(first_);
    while (true) {
      for (const AnswerSetRow& r : page) {
        const absl::CivilMinute at = absl::ToCivilMinute(r.set.answered_at, zone_);
        for (const Answer& a : r.set.answers) {
          RETURN_IF_ERROR(write({
              ExportCell::Number(static_cast<double>(r.set.followup_id.value)),
              ExportCell::Text(r.party_name),
              ExportCell::Text(r.followup_subject),
              ExportCell::Text(r.owner_name),
              ExportCell::DateTime(at),
              ExportCell::Text(r.answered_by_name),
              ExportCell::Number(static_cast<double>(r.set.version)),
              ExportCell::Text(a.question),
              AnswerCell(a, w_),
          }));
        }
      }
      if (static_cast<int>(page.size()) < query_.limit) return absl::OkStatus();
      query_.after = std::pair(page.back().set.answered_at, page.back().set.followup_id);
      RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
        ASSIGN_OR_RETURN(page, tx.questionnaires().ListAnswersInPeriod(query_));
        return absl::OkStatus();
      }));
    }
  }

 private:
  Store& store_;
  AnswerPeriodQuery query_;
  absl::TimeZone zone_;
  const ExportWords& w_;
  std::vector<AnswerSetRow> first_;
  ExportHead head_;
  std::string file_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ReportTable>> QuestionnaireService::OpenExport(
    const AuthContext& ctx, QuestionnaireId id, std::optional<absl::CivilDay> from,
    std::optional<absl::CivilDay> to, absl::Time now, std::string_view lang) {
  if (from && to && *from > *to) return FieldError("to", "before_from");
  const absl::TimeZone zone = ZoneOf(ctx.user);
  const ExportWords& w = ExportWordsFor(lang);
  const FollowupReach reach = ReachOf(ctx.viewer());
  AnswerPeriodQuery query{.questionnaire_id = id,
                          .from = std::nullopt,
                          .to = std::nullopt,
                          .visible_owner = reach.owner,
                          .visible_branch = reach.branch,
                          .after = std::nullopt,
                          .limit = 200};
  if (from) query.from = absl::FromCivil(*from, zone);
  if (to) query.to = absl::FromCivil(*to + 1, zone);
  std::vector<AnswerSetRow> first;
  ExportHead head;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Questionnaire> q, tx.questionnaires().FindQuestionnaire(id));
    if (!q) return CodedError(ErrorCode::kQuestionnaireNotFound);
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    head.company = settings.company_name;
    head.filters.emplace_back(w.questionnaire, q->title);
    ASSIGN_OR_RETURN(first, tx.questionnaires().ListAnswersInPeriod(query));
    return absl::OkStatus();
  }));
  const ExportLocale locale = ExportLocaleFor(lang);
  if (from) head.filters.emplace_back(w.from, CellText(ExportCell::Date(*from), locale));
  if (to) head.filters.emplace_back(w.to, CellText(ExportCell::Date(*to), locale));
  head.title = w.title;
  head.columns = w.columns;
  head.widths = {0.5, 1.8, 1.8, 1.2, 1.1, 1.2, 0.5, 2.4, 2.0};
  head.page_of = w.page_of;
  head.page = w.page;
  head.made_at = absl::ToCivilMinute(now, zone);
  return std::make_unique<AnswersTable>(store_, std::move(query), zone, w, std::move(first),
                                        std::move(head));
}

}  // namespace retorno
