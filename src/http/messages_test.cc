#include "http/messages.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(Messages, AcceptLanguagePicksFirstSupported) {
  EXPECT_EQ(LangFromAcceptLanguage(""), Lang::kPtBr);
  EXPECT_EQ(LangFromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8"), Lang::kEs);
  EXPECT_EQ(LangFromAcceptLanguage("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("fr-FR, en;q=0.5"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("de"), Lang::kPtBr);
  EXPECT_EQ(LangFromAcceptLanguage("pt-PT"), Lang::kPtBr);
}

TEST(Messages, EveryKeyUsedByTheCodeIsTranslated) {
  // Keys produced by app/ use cases and http/ (grep for Error("..."), Add(..., "...")).
  for (const char* key :
       {"required", "too_long", "invalid_text", "invalid_type", "invalid_value", "invalid_date",
        "invalid_time", "invalid_instant", "invalid_id", "invalid_login", "invalid_email",
        "invalid_phone", "invalid_time_zone", "invalid_locale", "invalid_code", "invalid_cursor",
        "out_of_range", "password_too_short", "password_too_common",
        "password_too_simple", "line_break", "mail_rate_limited", "taken", "too_many", "unknown_branch",
        "unknown_user", "unknown_party", "unknown_code", "unknown_field", "unknown_parameter", "empty_value",
        "not_null", "retired", "branch", "code", "not_allowed",
        "in_future", "in_past", "too_far", "before_from", "empty_file", "validation",
        "malformed_json", "bad_credentials", "session", "csrf", "rate_limited", "too_large",
        "unsupported_media_type", "admin_only", "forbidden_followup", "reopen_needs_supervisor",
        "forbidden_document", "document_out_of_reach", "assignee_cannot_chain",
        "scope_not_allowed", "version", "if_match_required", "followup_closed",
        "followup_not_closed", "action_not_planned", "entry_published", "user", "party",
        "followup", "action", "entry", "attachment", "internal", "unavailable"}) {
    EXPECT_TRUE(HasMessage(key)) << key;
  }
}

TEST(Messages, ThreeLanguagesDiffer) {
  EXPECT_EQ(Message("required", Lang::kPtBr), "Campo obrigatório.");
  EXPECT_EQ(Message("required", Lang::kEs), "Campo obligatorio.");
  EXPECT_EQ(Message("required", Lang::kEn), "This field is required.");
  EXPECT_NE(Message("no_such_key", Lang::kEn).find("no_such_key"), std::string::npos);
}

}  // namespace
}  // namespace retorno
