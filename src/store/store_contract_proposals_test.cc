// The store contract: proposal and visit-sheet layouts and the proposals of the
// follow-ups, listed by follow-up and by person (manual 003, "Proposta").
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/sql/proposals.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using namespace contract;  // NOLINT: the suite's small helpers

namespace {

std::unique_ptr<ProposalRepository> Props(Tx& tx) { return sql::SqlProposalStore().In(tx); }

}  // namespace

TEST_P(StoreContractTest, ProposalTemplatesRoundTripAndListByKind) {
  const absl::Time t = Now();
  ProposalTemplate prop{.name = "Proposta padrão",
                        .kind = ProposalTemplateKind::kProposal,
                        .html = "<h1>Proposta para #{cliente}</h1>",
                        .active = true,
                        .created_at = t,
                        .updated_at = t};
  ProposalTemplate visit{.name = "Ficha técnica",
                         .kind = ProposalTemplateKind::kVisitSheet,
                         .html = "<p>Visita: #{contato}</p>",
                         .active = true,
                         .created_at = t,
                         .updated_at = t};
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(prop.id, Props(tx)->InsertTemplate(prop));
    ASSIGN_OR_RETURN(visit.id, Props(tx)->InsertTemplate(visit));
    visit.active = false;
    visit.html = "<p>Ficha: #{contato}</p>";
    visit.updated_at = t + absl::Minutes(1);
    return Props(tx)->UpdateTemplate(visit);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<ProposalTemplate> all, Props(tx)->ListTemplates(std::nullopt));
    EXPECT_EQ(all.size(), 2u);
    ASSIGN_OR_RETURN(std::vector<ProposalTemplate> sheets,
                     Props(tx)->ListTemplates(ProposalTemplateKind::kVisitSheet));
    EXPECT_EQ(sheets.size(), 1u);
    ASSIGN_OR_RETURN(std::optional<ProposalTemplate> g, Props(tx)->FindTemplate(visit.id));
    EXPECT_TRUE(g.has_value());
    if (!g) return absl::OkStatus();
    EXPECT_EQ(g->name, "Ficha técnica");
    EXPECT_EQ(g->kind, ProposalTemplateKind::kVisitSheet);
    EXPECT_EQ(g->html, "<p>Ficha: #{contato}</p>");
    EXPECT_FALSE(g->active);
    EXPECT_EQ(g->updated_at, t + absl::Minutes(1));
    ASSIGN_OR_RETURN(std::optional<ProposalTemplate> none,
                     Props(tx)->FindTemplate(ProposalTemplateId(visit.id.value + 100)));
    EXPECT_FALSE(none.has_value());
    return absl::OkStatus();
  }));
  ProposalTemplate ghost = prop;
  ghost.id = ProposalTemplateId(prop.id.value + 100);
  EXPECT_TRUE(absl::IsNotFound(Write([&](Tx& tx) { return Props(tx)->UpdateTemplate(ghost); })));
}

TEST_P(StoreContractTest, ProposalsListByFollowupAndPartyNewestFirst) {
  UserId ana = AddUser("ana");
  PartyId p = AddParty("P1", "Cliente Um");
  PartyId q = AddParty("P2", "Cliente Dois");
  FollowupId f1 = AddFollowup(p, ana, std::nullopt, "Proposta 1");
  FollowupId f2 = AddFollowup(p, ana, std::nullopt, "Proposta 2");
  FollowupId f3 = AddFollowup(q, ana, std::nullopt, "Outra");
  const absl::Time t = Now();
  ProposalTemplate tpl{.name = "Padrão", .html = "<p>x</p>", .created_at = t, .updated_at = t};
  std::vector<ProposalId> ids;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(tpl.id, Props(tx)->InsertTemplate(tpl));
    for (auto [f, party] : {std::pair{f1, p}, std::pair{f2, p}, std::pair{f3, q}}) {
      Proposal pr{.followup_id = f,
                  .party_id = party,
                  .template_id = tpl.id,
                  .html = "<p>Olá, João</p>",
                  .valid_until = absl::CivilDay(2026, 12, 31),
                  .created_by = ana,
                  .created_at = t};
      ASSIGN_OR_RETURN(ProposalId id, Props(tx)->InsertProposal(pr));
      ids.push_back(id);
    }
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Proposal> g, Props(tx)->FindProposal(ids[0]));
    if (!g) return absl::NotFoundError("proposal");
    g->sent_at = t + absl::Hours(1);
    return Props(tx)->UpdateProposal(*g);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Proposal> g, Props(tx)->FindProposal(ids[0]));
    EXPECT_TRUE(g.has_value());
    if (!g) return absl::OkStatus();
    EXPECT_EQ(g->followup_id, f1);
    EXPECT_EQ(g->party_id, p);
    EXPECT_EQ(g->template_id, tpl.id);
    EXPECT_FALSE(g->document_id.has_value());
    EXPECT_FALSE(g->pdf_attachment_id.has_value());
    EXPECT_EQ(g->html, "<p>Olá, João</p>");
    EXPECT_EQ(g->valid_until, absl::CivilDay(2026, 12, 31));
    EXPECT_EQ(g->created_by, ana);
    EXPECT_EQ(g->sent_at, t + absl::Hours(1));
    ASSIGN_OR_RETURN(std::vector<Proposal> of_party, Props(tx)->ListPartyProposals(p));
    EXPECT_EQ(of_party.size(), 2u);
    if (of_party.size() == 2) {
      EXPECT_EQ(of_party[0].id, ids[1]);  // newest first
      EXPECT_EQ(of_party[1].id, ids[0]);
    }
    ASSIGN_OR_RETURN(std::vector<Proposal> of_f3, Props(tx)->ListFollowupProposals(f3));
    EXPECT_EQ(of_f3.size(), 1u);
    return absl::OkStatus();
  }));
}

}  // namespace retorno
