#include "http/messages.h"

#include <gtest/gtest.h>

#include "app/errors.h"
#include "http/problem.h"

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

// Every code of the registry (app/error_codes.h) and every field issue key has a
// message of its own in each of the three languages.
TEST(Messages, EveryRegisteredCodeIsTranslated) {
  std::vector<std::string_view> keys;
  for (ErrorCode code : AllErrorCodes()) keys.push_back(KeyOf(code));
  for (std::string_view key : AllFieldIssueKeys()) keys.push_back(key);
  EXPECT_GE(keys.size(), 100u);
  for (std::string_view key : keys) {
    EXPECT_TRUE(HasMessage(key)) << key;
    for (Lang lang : {Lang::kPtBr, Lang::kEs, Lang::kEn}) {
      const std::string m = Message(key, lang);
      EXPECT_FALSE(m.empty()) << key;
      // Not the fallback that names an unknown key.
      EXPECT_NE(m, "Erro: " + std::string(key)) << key;
      EXPECT_NE(m, "Error: " + std::string(key)) << key;
    }
  }
}

// Every code has its own place in the table of HTTP statuses: 4xx for what the client
// may act on, 5xx only for the server's own failures.
TEST(Problems, EveryCodeHasAnHttpStatusOfItsCanonicalKind) {
  for (ErrorCode code : AllErrorCodes()) {
    const int http = ProblemKindOf(code).http_status;
    SCOPED_TRACE(std::string(KeyOf(code)));
    EXPECT_GE(http, 400);
    const bool server_side = CanonicalOf(code) == absl::StatusCode::kInternal ||
                             CanonicalOf(code) == absl::StatusCode::kUnavailable;
    EXPECT_EQ(http >= 500, server_side);
    EXPECT_FALSE(ProblemKindOf(code).type.empty());
    // The code survives the trip through a Status.
    EXPECT_EQ(ErrorCodeOf(CodedError(code)), code);
    EXPECT_EQ(CodedError(code).code(), CanonicalOf(code));
  }
}

TEST(Problems, TheCodeNotTheMessagePicksTheStatus) {
  // Same canonical code and message, without the registered code: not a 412.
  EXPECT_EQ(HttpStatusOf(CodedError(ErrorCode::kVersion)), 412);
  EXPECT_EQ(HttpStatusOf(absl::FailedPreconditionError("version")), 500);
  EXPECT_EQ(HttpStatusOf(absl::UnavailableError("database busy")), 503);
  EXPECT_EQ(HttpStatusOf(FieldError("code", "taken")), 409);
  EXPECT_EQ(HttpStatusOf(ValidationError({{"code", "taken"}, {"name", "required"}})), 422);
  EXPECT_EQ(HttpStatusOf(RateLimited(absl::Seconds(3))), 429);
}

TEST(Messages, ThreeLanguagesDiffer) {
  EXPECT_EQ(Message("required", Lang::kPtBr), "Campo obrigatório.");
  EXPECT_EQ(Message("required", Lang::kEs), "Campo obligatorio.");
  EXPECT_EQ(Message("required", Lang::kEn), "This field is required.");
  EXPECT_NE(Message("no_such_key", Lang::kEn).find("no_such_key"), std::string::npos);
}

}  // namespace
}  // namespace retorno
