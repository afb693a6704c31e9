// Questionnaires of the service cycle (manual 003, ADR 0039): the admin's questionnaires
// of an attendance type, a follow-up's questionnaires and answers, and the export of a
// questionnaire's answers over a period (registered on the exports' runs by exports.cc).
#include "app/questionnaires/questionnaires.h"

#include "absl/strings/str_cat.h"
#include "http/routes/export_stream.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

using json = nlohmann::json;

json QuestionJson(const Question& q) {
  json o = {{"text", q.text},
            {"kind", std::string(ToString(q.kind))},
            {"required", q.required},
            {"options", q.options}};
  o["min"] = q.min ? json(*q.min) : json(nullptr);
  o["max"] = q.max ? json(*q.max) : json(nullptr);
  return o;
}

json QuestionnaireJson(const Questionnaire& q) {
  json questions = json::array();
  for (const Question& x : q.questions) questions.push_back(QuestionJson(x));
  return {{"id", q.id.value},     {"attendance_type_id", q.attendance_type_id.value},
          {"title", q.title},     {"questions", questions},
          {"version", q.version}, {"active", q.active}};
}

// A stored value as the kind's JSON type: true/false, a number, the text or date.
json ValueJson(const Answer& a) {
  if (!a.value) return nullptr;
  switch (a.kind) {
    case QuestionKind::kYesNo:
      return *a.value == "true";
    case QuestionKind::kNumber:
      return json::parse(*a.value, nullptr, false);
    case QuestionKind::kText:
    case QuestionKind::kChoice:
    case QuestionKind::kDate:
      break;
  }
  return *a.value;
}

json FollowupQuestionnaireJson(const FollowupQuestionnaire& fq, const Out& out) {
  json o = {{"questionnaire", QuestionnaireJson(fq.questionnaire)}};
  if (!fq.answers) {
    o["answers"] = nullptr;
    return o;
  }
  const AnswerSet& s = *fq.answers;
  json answers = json::array();
  for (const Answer& a : s.answers)
    answers.push_back({{"question", a.question},
                       {"kind", std::string(ToString(a.kind))},
                       {"value", ValueJson(a)}});
  o["answers"] = {{"version", s.version},
                  {"title", s.title},
                  {"answered_by", {{"id", s.answered_by.value}, {"name", fq.answered_by_name}}},
                  {"answered_at", out.Instant(s.answered_at)},
                  {"items", answers}};
  return o;
}

std::optional<std::vector<Question>> ReadQuestions(JsonIn& in) {
  const json* arr = in.Arr("questions");
  if (!arr) return std::nullopt;
  std::vector<Question> out;
  Issues& issues = in.issues();
  for (size_t i = 0; i < arr->size(); ++i) {
    JsonIn qin((*arr)[i], issues, absl::StrCat("questions[", i, "]."));
    qin.NotNull({"text", "kind", "required", "options"});
    Question q;
    q.text = qin.Str("text").value_or("");
    if (std::optional<std::string> kind = qin.Str("kind")) {
      if (std::optional<QuestionKind> k = ParseQuestionKind(*kind))
        q.kind = *k;
      else
        issues.Add(qin.Field("kind"), "invalid_value");
    } else if (!qin.Has("kind")) {
      issues.Add(qin.Field("kind"), "required");
    }
    q.required = qin.Bool("required").value_or(false);
    q.options = qin.StrList("options").value_or(std::vector<std::string>{});
    for (const char* bound : {"min", "max"}) {
      const json* v = qin.Raw(bound);
      if (!v || v->is_null()) continue;
      if (!v->is_number()) {
        issues.Add(qin.Field(bound), "invalid_type");
        continue;
      }
      (std::string_view(bound) == "min" ? q.min : q.max) = v->get<double>();
    }
    out.push_back(std::move(q));
  }
  return out;
}

QuestionnaireInput ReadQuestionnaireInput(const json& body, Issues& issues) {
  JsonIn in(body, issues);
  in.NotNull({"title", "questions", "active"});
  QuestionnaireInput q;
  q.title = in.Str("title");
  q.questions = ReadQuestions(in);
  q.active = in.Bool("active");
  return q;
}

RawAnswer ToRaw(const json& v) {
  RawAnswer r;
  using T = RawAnswer::Type;
  if (v.is_null()) {
    r.type = T::kNull;
  } else if (v.is_boolean()) {
    r.type = T::kBool;
    r.boolean = v.get<bool>();
  } else if (v.is_number()) {
    r.type = T::kNumber;
    r.number = v.get<double>();
  } else if (v.is_string()) {
    r.type = T::kString;
    r.text = v.get<std::string>();
  } else {
    r.type = T::kOther;
  }
  return r;
}

}  // namespace

void RegisterQuestionnaireRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  // ---- An attendance type's questionnaires: listed for every signed-in user (admins
  // also see retired ones); created and changed by admins.
  routes.Get("/api/v1/attendance-types/{id}/questionnaires",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(
                   AttendanceTypeId id,
                   PathId<AttendanceTypeId>(c.req, "id", ErrorCode::kAttendanceTypeNotFound));
               ASSIGN_OR_RETURN(std::vector<Questionnaire> list, svc.questionnaires.List(ctx, id));
               json items = json::array();
               for (const Questionnaire& q : list) items.push_back(QuestionnaireJson(q));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Add("POST", "/api/v1/attendance-types/{id}/questionnaires",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(
                   AttendanceTypeId id,
                   PathId<AttendanceTypeId>(c.req, "id", ErrorCode::kAttendanceTypeNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               QuestionnaireInput in = ReadQuestionnaireInput(body, issues);
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(Questionnaire q, svc.questionnaires.Create(ctx, id, in, c.now));
               return JsonResponse(201, QuestionnaireJson(q));
             });
  routes.Add(
      "PATCH", "/api/v1/attendance-types/{id}/questionnaires/{qid}",
      [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        ASSIGN_OR_RETURN(AttendanceTypeId id,
                         PathId<AttendanceTypeId>(c.req, "id", ErrorCode::kAttendanceTypeNotFound));
        ASSIGN_OR_RETURN(QuestionnaireId qid,
                         PathId<QuestionnaireId>(c.req, "qid", ErrorCode::kQuestionnaireNotFound));
        ASSIGN_OR_RETURN(json body, ParseBody(c.req));
        Issues issues;
        QuestionnaireInput in = ReadQuestionnaireInput(body, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(Questionnaire q, svc.questionnaires.Update(ctx, id, qid, in, c.now));
        return JsonResponse(200, QuestionnaireJson(q));
      });

  // ---- A follow-up's questionnaires and answers.
  routes.Get("/api/v1/followups/{id}/questionnaires",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(std::vector<FollowupQuestionnaire> list,
                                svc.questionnaires.ForFollowup(ctx, id));
               const Out out = OutFor(ctx);
               json items = json::array();
               for (const FollowupQuestionnaire& fq : list)
                 items.push_back(FollowupQuestionnaireJson(fq, out));
               return JsonResponse(200, {{"items", items}});
             });
  routes.Get("/api/v1/followups/{id}/questionnaires/{qid}/answers",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(
                   QuestionnaireId qid,
                   PathId<QuestionnaireId>(c.req, "qid", ErrorCode::kQuestionnaireNotFound));
               ASSIGN_OR_RETURN(FollowupQuestionnaire fq, svc.questionnaires.Answers(ctx, id, qid));
               return JsonResponse(200, FollowupQuestionnaireJson(fq, OutFor(ctx)));
             });
  routes.Add("PUT", "/api/v1/followups/{id}/questionnaires/{qid}/answers",
             [svc](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
               ASSIGN_OR_RETURN(FollowupId id,
                                PathId<FollowupId>(c.req, "id", ErrorCode::kFollowupNotFound));
               ASSIGN_OR_RETURN(
                   QuestionnaireId qid,
                   PathId<QuestionnaireId>(c.req, "qid", ErrorCode::kQuestionnaireNotFound));
               ASSIGN_OR_RETURN(json body, ParseBody(c.req));
               Issues issues;
               JsonIn in(body, issues);
               in.NotNull({"answers"});
               AnswersInput a;
               a.version = in.Int("version");
               if (const json* arr = in.Arr("answers")) {
                 for (const json& v : *arr) a.answers.push_back(ToRaw(v));
               } else if (!in.Has("answers")) {
                 issues.Add("answers", "required");
               }
               RETURN_IF_ERROR(issues.ToStatus());
               ASSIGN_OR_RETURN(FollowupQuestionnaire fq,
                                svc.questionnaires.Answer(ctx, id, qid, a, c.now));
               return JsonResponse(200, FollowupQuestionnaireJson(fq, OutFor(ctx)));
             });
}

void RegisterQuestionnaireExportRoutes(Routes& routes, std::shared_ptr<ExportRuns> runs) {
  const ApiServices& svc = routes.services();
  routes.Get(
      "/api/v1/questionnaires/{qid}/answers/export",
      [svc, runs](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        RETURN_IF_ERROR(RequireRight(ctx, Right::kExport));
        ASSIGN_OR_RETURN(QuestionnaireId qid,
                         PathId<QuestionnaireId>(c.req, "qid", ErrorCode::kQuestionnaireNotFound));
        Issues issues;
        std::optional<ExportFormat> format = ReadFormat(c.req, issues);
        std::optional<absl::CivilDay> from = QueryDate(c.req, "from", issues);
        std::optional<absl::CivilDay> to = QueryDate(c.req, "to", issues);
        RefuseUnknownParameters(c.req, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(std::unique_ptr<ReportTable> table,
                         svc.questionnaires.OpenExport(ctx, qid, from, to, c.now, LangTag(c.lang)));
        const std::string base = table->file_base();
        auto stream = std::make_shared<ResponseStream>("");
        std::shared_ptr<ReportTable> shared = std::move(table);
        const bool started = runs->TryStart([svc, runs = runs.get(), stream, format = *format,
                                             lang = c.lang, table = std::move(shared)] {
          Produce(svc, *runs, stream, format, lang, table->head(),
                  [&](const ExportRowWriter& write) { return table->Rows(write); });
        });
        if (!started) return CodedError(ErrorCode::kExportsBusy);
        return StreamResponse(*format, base, absl::ToCivilDay(c.now, OutFor(ctx).zone), stream);
      });
}

}  // namespace retorno
