// The registry of error codes: every code a client can receive, either as the `code` of
// a problem+json answer (ErrorCode, carried by an absl::Status) or as the `code` of one
// of its field errors (field issue keys, carried by ValidationError). Each code has a
// message in pt-BR, es and en (http/messages.cc; http/messages_test.cc iterates this
// registry) and an HTTP status and problem type (http/problem.cc, one switch over
// ErrorCode that the compiler checks is complete).
//
// A use case fails with CodedError(ErrorCode::kFollowupNotFound); the HTTP layer reads
// the code back with ErrorCodeOf, never from the message text.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "absl/status/status.h"

namespace retorno {

// X(enumerator, wire code and message key, canonical absl code). The canonical code is
// what callers test with absl::IsNotFound & co.
#define RETORNO_ERROR_CODES(X)                                                \
  X(kValidation, "validation", kInvalidArgument)                              \
  X(kMalformedJson, "malformed_json", kInvalidArgument)                       \
  X(kBadRequest, "bad_request", kInvalidArgument)                             \
  X(kUnsupportedMediaType, "unsupported_media_type", kUnimplemented)          \
  X(kSession, "session", kUnauthenticated)                                    \
  X(kBadCredentials, "bad_credentials", kUnauthenticated)                     \
  X(kCsrf, "csrf", kPermissionDenied)                                         \
  X(kAdminOnly, "admin_only", kPermissionDenied)                              \
  X(kForbiddenFollowup, "forbidden_followup", kPermissionDenied)              \
  X(kForbiddenParty, "forbidden_party", kPermissionDenied)                    \
  X(kForbiddenDocument, "forbidden_document", kPermissionDenied)              \
  X(kDocumentOutOfReach, "document_out_of_reach", kPermissionDenied)          \
  X(kAssigneeCannotChain, "assignee_cannot_chain", kPermissionDenied)         \
  X(kReopenNeedsSupervisor, "reopen_needs_supervisor", kPermissionDenied)     \
  X(kFilterNotAllowed, "filter_not_allowed", kPermissionDenied)               \
  X(kScopeNotAllowed, "scope_not_allowed", kPermissionDenied)                 \
  X(kMissingRight, "missing_right", kPermissionDenied)                        \
  X(kVersion, "version", kFailedPrecondition)                                 \
  X(kIfMatchRequired, "if_match_required", kFailedPrecondition)               \
  X(kFollowupClosed, "followup_closed", kFailedPrecondition)                  \
  X(kFollowupNotClosed, "followup_not_closed", kFailedPrecondition)           \
  X(kActionNotPlanned, "action_not_planned", kFailedPrecondition)             \
  X(kNoPlannedReturn, "no_planned_return", kFailedPrecondition)               \
  X(kAlreadyOwner, "already_owner", kFailedPrecondition)                      \
  X(kAlreadyOnDate, "already_on_date", kFailedPrecondition)                   \
  X(kEntryPublished, "entry_published", kFailedPrecondition)                  \
  X(kNotSnoozable, "not_snoozable", kFailedPrecondition)                      \
  X(kSmtpNotConfigured, "smtp_not_configured", kFailedPrecondition)           \
  X(kNoCategories, "no_categories", kFailedPrecondition)                      \
  X(kNoWorkflow, "no_workflow", kFailedPrecondition)                          \
  X(kSupplierDocument, "supplier_document", kFailedPrecondition)              \
  X(kDocumentNotConvertible, "document_not_convertible", kFailedPrecondition) \
  X(kDocumentNotOpen, "document_not_open", kFailedPrecondition)               \
  X(kReopenExcessSale, "reopen_excess_sale", kFailedPrecondition)             \
  X(kReopenOpenOrder, "reopen_open_order", kFailedPrecondition)               \
  X(kReopenRequestPending, "reopen_request_pending", kFailedPrecondition)     \
  X(kReopenRequestDecided, "reopen_request_decided", kFailedPrecondition)     \
  X(kRateLimited, "rate_limited", kResourceExhausted)                         \
  X(kMailRateLimited, "mail_rate_limited", kResourceExhausted)                \
  X(kExportsBusy, "exports_busy", kResourceExhausted)                         \
  X(kTooLarge, "too_large", kResourceExhausted)                               \
  X(kHeadersTooLarge, "headers_too_large", kResourceExhausted)                \
  X(kRequestTimeout, "request_timeout", kDeadlineExceeded)                    \
  X(kMethodNotAllowed, "method_not_allowed", kUnimplemented)                  \
  X(kNotFound, "not_found", kNotFound)                                        \
  X(kUserNotFound, "user", kNotFound)                                         \
  X(kPartyNotFound, "party", kNotFound)                                       \
  X(kBranchNotFound, "branch", kNotFound)                                     \
  X(kCodeNotFound, "code", kNotFound)                                         \
  X(kFollowupNotFound, "followup", kNotFound)                                 \
  X(kActionNotFound, "action", kNotFound)                                     \
  X(kEntryNotFound, "entry", kNotFound)                                       \
  X(kAttachmentNotFound, "attachment", kNotFound)                             \
  X(kNotificationNotFound, "notification", kNotFound)                         \
  X(kTemplateNotFound, "template", kNotFound)                                 \
  X(kCalendarFeedNotFound, "calendar_feed", kNotFound)                        \
  X(kCatalogItemNotFound, "catalog_item", kNotFound)                          \
  X(kDocumentNotFound, "document", kNotFound)                                 \
  X(kImportNotFound, "import", kNotFound)                                     \
  X(kReportScheduleNotFound, "report_schedule", kNotFound)                    \
  X(kAttendanceTypeNotFound, "attendance_type", kNotFound)                    \
  X(kQuestionnaireNotFound, "questionnaire", kNotFound)                       \
  X(kReopenRequestNotFound, "reopen_request", kNotFound)                      \
  X(kUnavailable, "unavailable", kUnavailable)                                \
  X(kInternal, "internal", kInternal)

enum class ErrorCode {
#define RETORNO_ERROR_ENUM(name, key, canonical) name,
  RETORNO_ERROR_CODES(RETORNO_ERROR_ENUM)
#undef RETORNO_ERROR_ENUM
};

// Every code, in declaration order.
std::span<const ErrorCode> AllErrorCodes();
// "followup", "version"...: the `code` member of problem+json and the message key.
std::string_view KeyOf(ErrorCode code);
absl::StatusCode CanonicalOf(ErrorCode code);

// A Status of the code's canonical code, its key as message, and the code itself as a
// payload.
absl::Status CodedError(ErrorCode code);
// The code a Status was made with by CodedError (or by ValidationError, RateLimited);
// nullopt for other statuses (a store's or a library's own errors).
std::optional<ErrorCode> ErrorCodeOf(const absl::Status& status);

// The keys of field issues (FieldIssue::key): what is wrong with one member of a
// request. "missing_value:<placeholder>" (a template value a follow-up lacks) is built
// from the placeholder's name and is the one key outside this list.
#define RETORNO_FIELD_ISSUE_KEYS(X) \
  X("required")                     \
  X("too_long")                     \
  X("invalid_text")                 \
  X("invalid_type")                 \
  X("invalid_value")                \
  X("invalid_date")                 \
  X("invalid_file_date")            \
  X("invalid_time")                 \
  X("invalid_instant")              \
  X("invalid_id")                   \
  X("invalid_login")                \
  X("invalid_email")                \
  X("invalid_phone")                \
  X("invalid_tax_id")               \
  X("invalid_time_zone")            \
  X("invalid_locale")               \
  X("invalid_code")                 \
  X("invalid_cursor")               \
  X("out_of_range")                 \
  X("password_too_short")           \
  X("password_too_common")          \
  X("password_too_simple")          \
  X("line_break")                   \
  X("taken")                        \
  X("unknown_placeholder")          \
  X("unknown_attachment")           \
  X("invalid_host")                 \
  X("unknown_document")             \
  X("document_of_other_party")      \
  X("only_when_completed")          \
  X("before_date")                  \
  X("immutable")                    \
  X("invalid_number")               \
  X("missing_column")               \
  X("csv_no_rows")                  \
  X("csv_empty")                    \
  X("csv_malformed")                \
  X("csv_encoding")                 \
  X("import_write_failed")          \
  X("too_many")                     \
  X("unknown_branch")               \
  X("unknown_user")                 \
  X("unknown_party")                \
  X("unknown_code")                 \
  X("unknown_field")                \
  X("unknown_parameter")            \
  X("attachments_not_allowed")      \
  X("unknown_attendance_type")      \
  X("no_standard_text")             \
  X("empty_value")                  \
  X("not_null")                     \
  X("retired")                      \
  X("not_allowed")                  \
  X("branch_not_allowed")           \
  X("in_future")                    \
  X("team_needs_supervisor")        \
  X("in_past")                      \
  X("too_far")                      \
  X("before_from")                  \
  X("empty_file")                   \
  X("cannot_deactivate_self")       \
  X("wrong_password")               \
  X("confirmation_mismatch")        \
  X("invalid_key")                  \
  X("duplicate")                    \
  X("not_one_line")                 \
  X("unknown_step")                 \
  X("start_not_situation")          \
  X("self_loop")                    \
  X("too_few_answers")              \
  X("no_end")                       \
  X("unreachable")                  \
  X("dead_end")                     \
  X("answer_required")              \
  X("unknown_answer")               \
  X("extra_answers")                \
  X("discount_over_total")

std::span<const std::string_view> AllFieldIssueKeys();

}  // namespace retorno
