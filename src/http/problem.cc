#include "http/problem.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_replace.h"
#include "app/errors.h"
#include "base/strings.h"

namespace retorno {

ProblemKind ProblemKindOf(ErrorCode code) {
  constexpr std::string_view kBlank = "about:blank";
  switch (code) {
    case ErrorCode::kValidation:
      return {422, kBlank};
    case ErrorCode::kMalformedJson:
    case ErrorCode::kBadRequest:
      return {400, kBlank};
    case ErrorCode::kUnsupportedMediaType:
      return {415, kBlank};
    case ErrorCode::kSession:
    case ErrorCode::kBadCredentials:
      return {401, kBlank};
    case ErrorCode::kCsrf:
    case ErrorCode::kAdminOnly:
    case ErrorCode::kForbiddenFollowup:
    case ErrorCode::kForbiddenParty:
    case ErrorCode::kForbiddenDocument:
    case ErrorCode::kDocumentOutOfReach:
    case ErrorCode::kAssigneeCannotChain:
    case ErrorCode::kReopenNeedsSupervisor:
    case ErrorCode::kFilterNotAllowed:
    case ErrorCode::kScopeNotAllowed:
    case ErrorCode::kMissingRight:
      return {403, kBlank};
    case ErrorCode::kVersion:
      return {412, kBlank};
    case ErrorCode::kIfMatchRequired:
      return {428, kBlank};
    case ErrorCode::kFollowupClosed:
    case ErrorCode::kFollowupNotClosed:
    case ErrorCode::kActionNotPlanned:
    case ErrorCode::kNoPlannedReturn:
    case ErrorCode::kAlreadyOwner:
    case ErrorCode::kAlreadyOnDate:
    case ErrorCode::kEntryPublished:
    case ErrorCode::kNotSnoozable:
    case ErrorCode::kSmtpNotConfigured:
    case ErrorCode::kNoCategories:
    case ErrorCode::kNoWorkflow:
    case ErrorCode::kDocumentNotConvertible:
    case ErrorCode::kDocumentNotOpen:
    case ErrorCode::kReopenExcessSale:
    case ErrorCode::kReopenOpenOrder:
    case ErrorCode::kReopenRequestPending:
    case ErrorCode::kReopenRequestDecided:
      return {409, kBlank};
    case ErrorCode::kSupplierDocument:
      return {422, kBlank};
    case ErrorCode::kRateLimited:
    case ErrorCode::kMailRateLimited:
    case ErrorCode::kExportsBusy:
      return {429, kBlank};
    case ErrorCode::kTooLarge:
      return {413, kBlank};
    case ErrorCode::kHeadersTooLarge:
      return {431, kBlank};
    case ErrorCode::kRequestTimeout:
      return {408, kBlank};
    case ErrorCode::kMethodNotAllowed:
      return {405, kBlank};
    case ErrorCode::kNotFound:
    case ErrorCode::kUserNotFound:
    case ErrorCode::kPartyNotFound:
    case ErrorCode::kBranchNotFound:
    case ErrorCode::kCodeNotFound:
    case ErrorCode::kFollowupNotFound:
    case ErrorCode::kActionNotFound:
    case ErrorCode::kEntryNotFound:
    case ErrorCode::kAttachmentNotFound:
    case ErrorCode::kNotificationNotFound:
    case ErrorCode::kTemplateNotFound:
    case ErrorCode::kCalendarFeedNotFound:
    case ErrorCode::kCatalogItemNotFound:
    case ErrorCode::kDocumentNotFound:
    case ErrorCode::kImportNotFound:
    case ErrorCode::kReportScheduleNotFound:
    case ErrorCode::kAttendanceTypeNotFound:
    case ErrorCode::kQuestionnaireNotFound:
    case ErrorCode::kReopenRequestNotFound:
      return {404, kBlank};
    case ErrorCode::kUnavailable:
      return {503, kBlank};
    case ErrorCode::kInternal:
      return {500, kBlank};
  }
  return {500, kBlank};
}

ErrorCode AnswerCodeOf(const absl::Status& s) {
  if (std::optional<ErrorCode> code = ErrorCodeOf(s)) return *code;
  return absl::IsUnavailable(s) ? ErrorCode::kUnavailable : ErrorCode::kInternal;
}

int HttpStatusOf(const absl::Status& s) {
  const ErrorCode code = AnswerCodeOf(s);
  if (code == ErrorCode::kValidation) {
    // A request whose only fault is a value already in use (a login, a code) conflicts
    // with what is stored rather than being malformed.
    std::vector<FieldIssue> issues = FieldIssuesOf(s);
    bool all_taken = !issues.empty();
    for (const FieldIssue& i : issues) all_taken = all_taken && i.key == "taken";
    if (all_taken) return 409;
  }
  return ProblemKindOf(code).http_status;
}

HttpResponse Problem(const absl::Status& s, const HttpRequest& req, Lang lang) {
  using json = nlohmann::json;
  const ErrorCode code = AnswerCodeOf(s);
  const int status = HttpStatusOf(s);
  if (status >= 500)
    spdlog::error("[{}] {} {} -> {}: {}", req.request_id, req.method, LogSafePath(req.path), status,
                  s.ToString());
  const std::string key(KeyOf(code));
  std::vector<FieldIssue> issues = FieldIssuesOf(s);
  json body = {{"type", ProblemKindOf(code).type},
               {"title", Message(key, lang)},
               {"status", status},
               {"code", key},
               {"request_id", req.request_id}};
  if (!issues.empty()) {
    json errors = json::array();
    for (const FieldIssue& i : issues)
      errors.push_back({{"field", i.field}, {"code", i.key}, {"message", Message(i.key, lang)}});
    body["errors"] = std::move(errors);
    body["detail"] = Message(issues.front().key, lang);
  } else {
    body["detail"] = Message(key, lang);
  }
  // A refusal that names a document (the order to cancel before reopening): its number
  // in the texts, and the document itself for the app to link.
  if (std::optional<NamedDocument> named = NamedDocumentOf(s)) {
    body["title"] = absl::StrReplaceAll(body["title"].get<std::string>(), {{"$1", named->number}});
    body["detail"] =
        absl::StrReplaceAll(body["detail"].get<std::string>(), {{"$1", named->number}});
    body["document"] = {{"id", named->id}, {"number", named->number}};
  }
  std::optional<int64_t> wait = RetryAfterSecondsOf(s);
  // A busy or unreachable database: nothing was stored, and the same request may be sent
  // again shortly (a conflict that outlasted the store's retries, a failover under way).
  if (!wait && status == 503) wait = 1;
  if (wait) body["retry_after"] = *wait;
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/problem+json; charset=utf-8");
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers.emplace_back("Content-Language", std::string(LangTag(lang)));
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"retorno\"");
  if (wait) r.headers.emplace_back("Retry-After", std::to_string(*wait));
  return r;
}

HttpResponse ServerProblem(int status, const HttpRequest& req) {
  ErrorCode code = ErrorCode::kBadRequest;
  switch (status) {
    case 404:
      code = ErrorCode::kNotFound;
      break;
    case 405:
      code = ErrorCode::kMethodNotAllowed;
      break;
    case 408:
      code = ErrorCode::kRequestTimeout;
      break;
    case 413:
      code = ErrorCode::kTooLarge;
      break;
    case 431:
      code = ErrorCode::kHeadersTooLarge;
      break;
    default:
      code = ErrorCode::kBadRequest;
      break;
  }
  HttpResponse r =
      Problem(CodedError(code), req, LangFromAcceptLanguage(req.Header("Accept-Language")));
  r.status = status;  // the server's own status stands (a 400 of any kind of malformation)
  return r;
}

}  // namespace retorno
