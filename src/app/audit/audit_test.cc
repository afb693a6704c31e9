// The audit trail's seam and a person's data against a real SQLite store: only changed
// fields, secrets redacted, nothing for a refused or empty change, admins only; the
// export's contents and what anonymisation replaces and keeps.
#include "app/audit/audit.h"

#include <gtest/gtest.h>

#include "app/error_codes.h"
#include "app/errors.h"
#include "app/parties/parties.h"
#include "app/privacy/privacy.h"
#include "app/use_case_test.h"

namespace retorno {
namespace {

const absl::Time kNow = Utc(2026, 11, 20, 15, 0);

class AuditTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    admin_.client_ip = "203.0.113.9";
    admin_.user_agent = "Firefox";
    admin_.request_at = kNow;
    ana_.user = NewUser("ana", Role::kAgent);
    ana_.request_at = kNow;
    ana_.client_ip = "198.51.100.4";
    parties_ = std::make_unique<PartyService>(*store_);
  }
  std::vector<AuditRecord> Rows(AuditQuery q = {}) {
    std::vector<AuditRecord> out;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) -> absl::Status {
                      auto r = tx.audit().QueryAudit(q);
                      if (!r.ok()) return r.status();
                      out = *r;
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }
  AuthContext ana_;
  std::unique_ptr<PartyService> parties_;
};

TEST_F(AuditTest, RecordKeepsChangedFieldsOnlyAndRedactsSecrets) {
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    return audit::Record(
                        tx, audit::Who(admin_), "user", int64_t{7}, audit::Action::kUpdate,
                        nlohmann::json{{"name", "A"}, {"role", "agent"}, {"password_hash", "h1"}},
                        nlohmann::json{{"name", "A"}, {"role", "admin"}, {"password_hash", "h2"}});
                  })
                  .ok());
  // The users of the fixture were created through the use case: their rows are there too.
  std::vector<AuditRecord> rows = Rows({.entity = "user", .entity_id = "7"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].before_json, R"({"password_hash":"[redacted]","role":"agent"})");
  EXPECT_EQ(rows[0].after_json, R"({"password_hash":"[redacted]","role":"admin"})");
  EXPECT_EQ(rows[0].client_ip, "203.0.113.9");
  EXPECT_EQ(rows[0].user_agent, "Firefox");
  EXPECT_EQ(rows[0].actor_login, "admin");
  EXPECT_EQ(rows[0].at, kNow);
  EXPECT_EQ(rows[0].entity_id, "7");
}

TEST_F(AuditTest, AnUpdateThatChangesNothingLeavesNoRow) {
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    return audit::Record(tx, audit::Who(admin_), "branch", int64_t{1},
                                         audit::Action::kUpdate, nlohmann::json{{"name", "x"}},
                                         nlohmann::json{{"name", "x"}});
                  })
                  .ok());
  EXPECT_TRUE(Rows({.entity = "branch"}).empty());
}

TEST_F(AuditTest, PartyChangesAreRecordedAndRefusedOnesAreNot) {
  Party p;
  p.code = "C-1";
  p.name = "Mercado Central";
  p.phone = "+55 19 3232-0000";
  absl::StatusOr<Party> created = parties_->Create(ana_, p, kNow);
  ASSERT_TRUE(created.ok()) << created.status();
  PartyPatch bad;
  bad.email = "nope";
  EXPECT_FALSE(parties_->Update(ana_, created->id, bad, kNow).ok());
  PartyPatch good;
  good.phone = "+55 19 3232-1111";
  ASSERT_TRUE(parties_->Update(ana_, created->id, good, kNow).ok());
  std::vector<AuditRecord> rows = Rows({.entity = "party"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "update");
  EXPECT_EQ(rows[0].before_json, R"({"phone":"+55 19 3232-0000"})");
  EXPECT_EQ(rows[0].after_json, R"({"phone":"+55 19 3232-1111"})");
  EXPECT_EQ(rows[0].actor_id, ana_.user.id);
  EXPECT_EQ(rows[1].action, "create");
  EXPECT_EQ(rows[1].before_json, "");
}

TEST_F(AuditTest, OnlyAdminsReadTheTrail) {
  EXPECT_EQ(ErrorCodeOf(audit::AuditService(*store_).List(ana_, {}).status()),
            ErrorCode::kAdminOnly);
  EXPECT_TRUE(audit::AuditService(*store_).List(admin_, {}).ok());
}

TEST_F(AuditTest, ScrubTextReplacesEveryOccurrenceIgnoringCase) {
  EXPECT_EQ(ScrubText("Falei com JOSEFINA e josefina@x.com", {"josefina@x.com", "Josefina"},
                      "[anonimizado]"),
            "Falei com [anonimizado] e [anonimizado]");
  EXPECT_EQ(ScrubText("Sem nada", {"Jo", ""}, "[x]"), "Sem nada");
}

TEST_F(AuditTest, AnonymiseNeedsTheNameAndKeepsTheFollowups) {
  Party p = NewParty("C-2", ana_.user.id);
  PrivacyService privacy(*store_);
  EXPECT_EQ(ErrorCodeOf(privacy.Anonymise(ana_, {.party = p.id, .confirm = p.name}, kNow).status()),
            ErrorCode::kAdminOnly);
  absl::Status wrong =
      privacy.Anonymise(admin_, {.party = p.id, .confirm = "Outro"}, kNow).status();
  ASSERT_FALSE(FieldIssuesOf(wrong).empty());
  EXPECT_EQ(FieldIssuesOf(wrong)[0].key, "confirmation_mismatch");
  absl::StatusOr<AnonymiseResult> r =
      privacy.Anonymise(admin_, {.party = p.id, .confirm = p.name}, kNow);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->party.name, "Anonimizado #" + std::to_string(p.id.value));
  std::vector<AuditRecord> rows = Rows({.action = "anonymise"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].after_json.find("Cliente"), std::string::npos);
}

}  // namespace
}  // namespace retorno
