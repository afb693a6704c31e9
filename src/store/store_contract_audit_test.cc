// The store contract: the audit trail (append-only, filtered newest first) and the
// privacy repository's rewrites.
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "store/sql/sql_tx.h"
#include "store/store_contract_test.h"

namespace retorno {

namespace {

AuditRecord Row(std::string entity, std::string id, std::string action, absl::Time at,
                std::optional<UserId> actor = std::nullopt) {
  AuditRecord r;
  r.at = at;
  r.actor_id = actor;
  r.actor_login = actor ? "ana" : "";
  r.client_ip = "203.0.113.7";
  r.user_agent = "test";
  r.entity = std::move(entity);
  r.entity_id = std::move(id);
  r.action = std::move(action);
  r.before_json = R"({"name":"old"})";
  r.after_json = R"({"name":"new"})";
  return r;
}

}  // namespace

TEST_P(StoreContractTest, AuditRowsAreListedNewestFirstByFilterAndKeyset) {
  World w = MakeWorld();
  const absl::Time t = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.audit().InsertAudit(Row("party", "1", "create", t, w.ana)).status());
    RETURN_IF_ERROR(
        tx.audit().InsertAudit(Row("party", "1", "update", t + absl::Hours(1), w.ana)).status());
    RETURN_IF_ERROR(
        tx.audit().InsertAudit(Row("user", "2", "update", t + absl::Hours(2))).status());
    return tx.audit().InsertAudit(Row("party", "3", "update", t + absl::Hours(3), w.bia)).status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    AuditQuery q;
    ASSIGN_OR_RETURN(std::vector<AuditRecord> all, tx.audit().QueryAudit(q));
    EXPECT_EQ(all.size(), 4u);
    EXPECT_EQ(all.front().entity_id, "3");  // newest first
    EXPECT_EQ(all.front().client_ip, "203.0.113.7");
    EXPECT_EQ(all.front().before_json, R"({"name":"old"})");
    EXPECT_EQ(all.front().actor_id, w.bia);
    q.entity = "party";
    q.entity_id = "1";
    ASSIGN_OR_RETURN(std::vector<AuditRecord> party, tx.audit().QueryAudit(q));
    EXPECT_EQ(party.size(), 2u);
    q = AuditQuery{};
    q.actor_id = w.ana;
    q.action = "update";
    ASSIGN_OR_RETURN(std::vector<AuditRecord> ana, tx.audit().QueryAudit(q));
    EXPECT_EQ(ana.size(), 1u);
    q = AuditQuery{};
    q.from = t + absl::Hours(1);
    q.to = t + absl::Hours(3);
    ASSIGN_OR_RETURN(std::vector<AuditRecord> range, tx.audit().QueryAudit(q));
    EXPECT_EQ(range.size(), 2u);
    q = AuditQuery{};
    q.limit = 2;
    ASSIGN_OR_RETURN(std::vector<AuditRecord> page1, tx.audit().QueryAudit(q));
    EXPECT_EQ(page1.size(), 2u);
    q.before_id = page1.back().id;
    ASSIGN_OR_RETURN(std::vector<AuditRecord> page2, tx.audit().QueryAudit(q));
    EXPECT_EQ(page2.size(), 2u);
    EXPECT_LT(page2.front().id, page1.back().id);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AuditRowsCannotBeChangedNorDeleted) {
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    return tx.audit().InsertAudit(Row("setting", "organization", "update", Now())).status();
  }));
  auto raw = [&](const char* statement) {
    return Write([&](Tx& tx) { return dynamic_cast<sql::SqlTx&>(tx).db().Run(statement); });
  };
  EXPECT_FALSE(raw("UPDATE audit_log SET after_json = '{}'").ok());
  EXPECT_FALSE(raw("DELETE FROM audit_log").ok());
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<AuditRecord> rows, tx.audit().QueryAudit(AuditQuery{}));
    EXPECT_EQ(rows.size(), 1u);
    if (!rows.empty()) {
      EXPECT_EQ(rows[0].after_json, R"({"name":"new"})");
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AnAuditRowRollsBackWithItsTransaction) {
  absl::Status st = Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.audit().InsertAudit(Row("party", "9", "update", Now())).status());
    return absl::InvalidArgumentError("the change failed");
  });
  EXPECT_FALSE(st.ok());
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<AuditRecord> rows, tx.audit().QueryAudit(AuditQuery{}));
    EXPECT_TRUE(rows.empty());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, PrivacyRewritesPublishedEntriesAndDeletesAttachments) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  AddFollowup(w.zeta, w.ana, w.north);
  EntryId e = AddEntry(f, w.ana, "Falei com Joana Prado");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    Attachment a;
    a.followup_id = f;
    a.file_name = "rg.pdf";
    a.content_type = "application/pdf";
    a.size = 3;
    a.sha256 = "00";
    a.uploaded_by = w.ana;
    a.created_at = Now();
    RETURN_IF_ERROR(tx.followups().InsertAttachment(a, "abc").status());
    return tx.privacy().RewriteEntryBody(e, "Falei com [anonimizado]");
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<FollowupId> ids, tx.privacy().ListPartyFollowups(w.acme));
    EXPECT_EQ(ids.size(), 1u);
    if (!ids.empty()) {
      EXPECT_EQ(ids[0].value, f.value);
    }
    ASSIGN_OR_RETURN(std::optional<Entry> entry, tx.followups().FindEntry(e));
    EXPECT_EQ(entry->body, "Falei com [anonimizado]");
    ASSIGN_OR_RETURN(int64_t deleted, tx.privacy().DeleteAttachments(f));
    EXPECT_EQ(deleted, 1);
    ASSIGN_OR_RETURN(std::vector<Attachment> left, tx.followups().ListAttachments(f));
    EXPECT_TRUE(left.empty());
    return absl::OkStatus();
  }));
  // The search finds the new text, not the old one.
  FollowupQuery q;
  q.today = kToday;
  q.text = "joana";
  EXPECT_TRUE(QueryIds(q).empty());
  q.text = "anonimizado";
  const std::vector<FollowupId> found = QueryIds(q);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, f.value);
}

}  // namespace retorno
