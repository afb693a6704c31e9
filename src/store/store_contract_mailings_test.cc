// The store contract: mailings to selected customers (manual 003, ADR 0048): the
// selection by filter and by hand, the lease of the expanding job, recipients whose
// sent or bounced state is their outbox message's, opt-outs, and the mailing's files
// carried by each of its outbox messages.
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/sql/mailings.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using namespace contract;  // NOLINT: the suite's small helpers

namespace {

std::unique_ptr<MailingRepository> Mails(Tx& tx) { return sql::SqlMailingStore().In(tx); }

std::vector<int64_t> IdsOf(const std::vector<SelectedParty>& v) {
  std::vector<int64_t> out;
  for (const SelectedParty& s : v) out.push_back(s.party.id.value);
  return out;
}

}  // namespace

TEST_P(StoreContractTest, MailingSelectionByFilterAndByHand) {
  BranchId north = AddBranch("Norte");
  BranchId south = AddBranch("Sul");
  UserId ana = AddUser("ana", north);
  std::vector<PartyId> p;
  for (int i = 0; i < 5; ++i)
    p.push_back(AddParty(absl::StrCat("M", i), absl::StrCat("Cliente ", i)));
  PartyId supplier = AddParty("F1", "Fornecedor", PartyKind::kSupplier);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    for (int i = 0; i < 5; ++i) {
      ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(p[i]));
      party->branch_id = i < 3 ? north : south;
      if (i == 0) party->owner_id = ana;
      if (i == 1) party->birthday = absl::CivilDay(1980, 3, 14);
      if (i == 2) party->contacts = {Contact{.name = "Rosa", .email = "rosa@cliente.test"}};
      RETURN_IF_ERROR(tx.parties().UpdateParty(*party).status());
    }
    return absl::OkStatus();
  }));
  AddFollowup(p[3], ana, south);  // category of the suite's follow-ups: pos_venda
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto m = Mails(tx);
    MailingSelection s;
    s.branch_id = north;
    ASSIGN_OR_RETURN(int64_t n, m->CountParties(s));
    EXPECT_EQ(n, 3);
    ASSIGN_OR_RETURN(std::vector<SelectedParty> got, m->SelectParties(s, PartyId(0), 2));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(p[0].value, p[1].value));
    ASSIGN_OR_RETURN(got, m->SelectParties(s, got.back().party.id, 2));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(p[2].value));
    if (!got.empty()) {
      EXPECT_EQ(got[0].contact_name, "Rosa");
      EXPECT_EQ(got[0].contact_email, "rosa@cliente.test");
    }
    MailingSelection owner;
    owner.owner_id = ana;
    ASSIGN_OR_RETURN(got, m->SelectParties(owner, PartyId(0), 10));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(p[0].value));
    MailingSelection month;
    month.birthday_month = 3;
    ASSIGN_OR_RETURN(got, m->SelectParties(month, PartyId(0), 10));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(p[1].value));
    MailingSelection kind;
    kind.kind = PartyKind::kSupplier;
    ASSIGN_OR_RETURN(got, m->SelectParties(kind, PartyId(0), 10));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(supplier.value));
    MailingSelection category;
    category.category = "pos_venda";
    ASSIGN_OR_RETURN(got, m->SelectParties(category, PartyId(0), 10));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(p[3].value));
    // By hand: the picked ones that match the rest, without the unpicked.
    MailingSelection hand;
    hand.party_ids = {p[0], p[1], p[3], p[4]};
    hand.excluded_ids = {p[1]};
    hand.branch_id = north;
    ASSIGN_OR_RETURN(n, m->CountParties(hand));
    EXPECT_EQ(n, 1);
    hand.branch_id.reset();
    ASSIGN_OR_RETURN(got, m->SelectParties(hand, PartyId(0), 2));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(p[0].value, p[3].value));
    ASSIGN_OR_RETURN(got, m->SelectParties(hand, p[3], 2));
    EXPECT_THAT(IdsOf(got), ::testing::ElementsAre(p[4].value));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, MailingLeaseRecipientsOptOutsAndFiles) {
  UserId ana = AddUser("ana");
  PartyId a = AddParty("A1", "Alfa");
  PartyId b = AddParty("B1", "Beta");
  PartyId c = AddParty("C1", "Gama");
  const absl::Time t = Now();
  Mailing mailing{.subject = "Reajuste #{cliente}",
                  .body = "Olá",
                  .sender_name = "Empresa",
                  .filter = "{}",
                  .locale = "pt-BR",
                  .total = 3,
                  .created_by = ana,
                  .created_at = t,
                  .updated_at = t};
  int64_t sent_id = 0, failed_id = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto m = Mails(tx);
    ASSIGN_OR_RETURN(mailing.id, m->InsertMailing(mailing));
    RETURN_IF_ERROR(m->InsertAttachment(mailing.id, 0, {"aviso.pdf", "application/pdf", "%PDF"}));
    ASSIGN_OR_RETURN(std::optional<Mailing> claimed,
                     m->ClaimMailing(t, "w1", t + absl::Minutes(2)));
    EXPECT_TRUE(claimed.has_value());
    ASSIGN_OR_RETURN(std::optional<Mailing> other, m->ClaimMailing(t, "w2", t + absl::Minutes(2)));
    EXPECT_FALSE(other.has_value()) << "leased to w1";
    for (PartyId p : {a, b}) {
      OutboxMessage o{.kind = OutboxKind::kCustomer,
                      .to = {"x@cliente.test"},
                      .subject = "s",
                      .text = "t",
                      .message_id = absl::StrCat("<", p.value, "@m>"),
                      .created_at = t};
      ASSIGN_OR_RETURN(int64_t oid, tx.messaging().InsertOutbox(o));
      (p == a ? sent_id : failed_id) = oid;
      RETURN_IF_ERROR(m->InsertRecipient({.mailing_id = mailing.id,
                                          .party_id = p,
                                          .email = "x@cliente.test",
                                          .outbox_id = oid,
                                          .token = absl::StrCat("tok", p.value),
                                          .created_at = t})
                          .status());
    }
    RETURN_IF_ERROR(m->InsertRecipient({.mailing_id = mailing.id,
                                        .party_id = c,
                                        .email = "",
                                        .status = RecipientStatus::kHeld,
                                        .missing = {"email", "contato"},
                                        .created_at = t})
                        .status());
    mailing.status = MailingStatus::kDone;
    mailing.last_party_id = c;
    mailing.queued = 2;
    mailing.held = 1;
    EXPECT_TRUE(absl::IsFailedPrecondition(m->SaveProgress(mailing, "w2")));
    return m->SaveProgress(mailing, "w1");
  }));
  // One row per person and mailing (a failed statement ends a PostgreSQL transaction:
  // tried in one of its own).
  absl::Status twice = Write([&](Tx& tx) -> absl::Status {
    return Mails(tx)
        ->InsertRecipient({.mailing_id = mailing.id, .party_id = c, .created_at = t})
        .status();
  });
  EXPECT_TRUE(absl::IsAlreadyExists(twice)) << twice;
  // The outbox delivers one and gives up on the other.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<OutboxMessage> claimed,
                     tx.messaging().ClaimOutbox(t, 10, "mail", t + absl::Minutes(1)));
    for (OutboxMessage& o : claimed) {
      o.state = o.id == sent_id ? OutboxState::kSent : OutboxState::kFailed;
      o.attempts = 1;
      if (o.id == sent_id) o.sent_at = t;
      RETURN_IF_ERROR(tx.messaging().FinishOutboxAttempt(
          o, "mail", {t, o.id == sent_id ? "sent" : "failed", ""}));
    }
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto m = Mails(tx);
    ASSIGN_OR_RETURN(std::optional<Mailing> again, m->ClaimMailing(t, "w2", t));
    EXPECT_FALSE(again.has_value()) << "a done mailing is not claimed";
    ASSIGN_OR_RETURN(std::optional<Mailing> got, m->FindMailing(mailing.id));
    EXPECT_EQ(got->status, MailingStatus::kDone);
    EXPECT_EQ(got->last_party_id, c);
    EXPECT_EQ(got->held, 1);
    ASSIGN_OR_RETURN(MailingCounts counts, m->CountRecipients(mailing.id));
    EXPECT_EQ(counts.sent, 1);
    EXPECT_EQ(counts.bounced, 1);
    EXPECT_EQ(counts.held, 1);
    EXPECT_EQ(counts.queued, 0);
    ASSIGN_OR_RETURN(
        std::vector<MailingRecipient> held,
        m->ListRecipients({.mailing_id = mailing.id, .status = RecipientStatus::kHeld}));
    EXPECT_EQ(held.size(), 1u);
    if (!held.empty()) {
      EXPECT_EQ(held[0].party_id, c);
      EXPECT_THAT(held[0].missing, ::testing::ElementsAre("email", "contato"));
      EXPECT_EQ(held[0].party_name, "Gama");
    }
    ASSIGN_OR_RETURN(std::vector<MailingRecipient> history, m->ListRecipients({.party_id = b}));
    EXPECT_EQ(history.size(), 1u);
    if (!history.empty()) {
      EXPECT_EQ(history[0].status, RecipientStatus::kBounced);
    }
    ASSIGN_OR_RETURN(std::optional<MailingRecipient> by_token,
                     m->FindRecipientByToken(absl::StrCat("tok", a.value)));
    EXPECT_TRUE(by_token.has_value());
    if (by_token) {
      EXPECT_EQ(by_token->status, RecipientStatus::kSent);
    }
    ASSIGN_OR_RETURN(std::optional<MailingRecipient> none, m->FindRecipientByToken(""));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_RETURN(bool first,
                     m->OptOut(a, t, by_token ? std::optional(by_token->id) : std::nullopt));
    EXPECT_TRUE(first);
    ASSIGN_OR_RETURN(bool second, m->OptOut(a, t, std::nullopt));
    EXPECT_FALSE(second);
    ASSIGN_OR_RETURN(std::vector<SelectedParty> sel, m->SelectParties({}, PartyId(0), 10));
    for (const SelectedParty& s : sel) {
      EXPECT_EQ(s.opted_out, s.party.id == a) << s.party.name;
    }
    // The mailing's files travel with each of its messages; its sender name too.
    ASSIGN_OR_RETURN(std::vector<MailAttachment> files, tx.messaging().ListOutboxFiles(sent_id));
    EXPECT_EQ(files.size(), 1u);
    if (!files.empty()) {
      EXPECT_EQ(files[0].file_name, "aviso.pdf");
      EXPECT_EQ(files[0].bytes, "%PDF");
    }
    ASSIGN_OR_RETURN(std::string sender, m->SenderOfOutbox(sent_id));
    EXPECT_EQ(sender, "Empresa");
    return absl::OkStatus();
  }));
}

}  // namespace retorno
