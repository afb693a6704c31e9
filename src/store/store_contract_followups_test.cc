// The store contract: parties, follow-ups and their returns.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/sql/sql_tx.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using namespace contract;  // NOLINT: the suite's small helpers

// =================================================================================
// Parties

TEST_P(StoreContractTest, PartyRoundTripsWithContacts) {
  BranchId b = AddBranch("Filial Recife");
  UserId owner = AddUser("dono", b);
  Party p;
  p.code = "C-0001";
  p.kind = PartyKind::kSupplier;
  p.name = "Indústria de Móveis Araújo & Filhos";
  p.email = "compras@araujo.com.br";
  p.phone = "+55 81 3333-4444";
  p.whatsapp = "+55 81 98888-7777";
  p.birthday = Day(1980, 2, 29);
  p.branch_id = b;
  p.owner_id = owner;
  p.contacts = {{"Conceição Araújo", "conceicao@araujo.com.br", "81 3333-4445", ""},
                {"José Ñúñez", "", "", "+54 11 5555-6666"}};
  p.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.parties().InsertParty(p);
    if (id.ok()) p.id = *id;
    return id.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.parties().FindParty(p.id);
    if (!got.ok()) return got.status();
    EXPECT_TRUE(got->has_value());
    if (!*got) return absl::OkStatus();
    const Party& g = **got;
    EXPECT_EQ(g.id, p.id);
    EXPECT_EQ(g.code, p.code);
    EXPECT_EQ(g.kind, PartyKind::kSupplier);
    EXPECT_EQ(g.name, p.name);
    EXPECT_EQ(g.email, p.email);
    EXPECT_EQ(g.phone, p.phone);
    EXPECT_EQ(g.whatsapp, p.whatsapp);
    EXPECT_EQ(g.birthday, p.birthday);
    EXPECT_EQ(g.branch_id, b);
    EXPECT_EQ(g.owner_id, owner);
    EXPECT_EQ(g.contacts, p.contacts);
    EXPECT_EQ(g.created_at, Now());
    auto missing = tx.parties().FindParty(PartyId(777));
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, PartyOptionalFieldsRoundTripAsAbsent) {
  PartyId id = AddParty("P1", "Sem Dados");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.parties().FindParty(id);
    if (!got.ok()) return got.status();
    EXPECT_FALSE((*got)->birthday.has_value());
    EXPECT_FALSE((*got)->branch_id.has_value());
    EXPECT_FALSE((*got)->owner_id.has_value());
    EXPECT_THAT((*got)->contacts, IsEmpty());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, DuplicatePartyCodeIsAlreadyExistsAndStoresNothing) {
  AddParty("ERP-9", "Primeira");
  Party p;
  p.code = "ERP-9";
  p.name = "Segunda";
  p.contacts = {{"Contato", "", "", ""}};
  absl::Status st = Write([&](Tx& tx) { return tx.parties().InsertParty(p).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
  EXPECT_EQ(st.message(), "code");
  // Even a caller that ignores the error and commits finds no half-stored party.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    EXPECT_TRUE(absl::IsAlreadyExists(tx.parties().InsertParty(p).status()));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto all = tx.parties().SearchParties("", std::nullopt, 100);
    if (!all.ok()) return all.status();
    EXPECT_THAT(*all, SizeIs(1));
    if (!all->empty()) {
      EXPECT_EQ((*all)[0].name, "Primeira");
      EXPECT_THAT((*all)[0].contacts, IsEmpty());
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UpdatePartyWritesEveryFieldReplacesContactsAndBumpsTheVersion) {
  BranchId b = AddBranch("Filial Natal");
  UserId owner = AddUser("nova-dona", b);
  PartyId id = AddParty("ERP-10", "Antigo Nome");
  AddParty("ERP-11", "Vizinho");
  Party p;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> got, tx.parties().FindParty(id));
    EXPECT_TRUE(got.has_value());
    if (got) p = *got;
    return absl::OkStatus();
  }));
  EXPECT_EQ(p.version, 1);
  p.code = "ERP-10B";
  p.kind = PartyKind::kProspect;
  p.name = "Novo Nome Ltda";
  p.email = "novo@nome.com.br";
  p.phone = "+55 84 3000-0000";
  p.whatsapp = "+55 84 99999-0000";
  p.birthday = Day(1979, 12, 31);
  p.branch_id = b;
  p.owner_id = owner;
  p.contacts = {{"Zé", "ze@nome.com.br", "", "", Day(1990, 1, 2)},
                {"Ana", "", "84 1", "", std::nullopt}};
  absl::StatusOr<int64_t> version = absl::InternalError("not run");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    version = tx.parties().UpdateParty(p);
    return version.status();
  }));
  EXPECT_EQ(*version, 2);
  auto read = [&]() {
    Party g;
    EXPECT_TRUE(Read([&](Tx& tx) -> absl::Status {
                  ASSIGN_OR_RETURN(std::optional<Party> got, tx.parties().FindParty(id));
                  if (got) g = *got;
                  return absl::OkStatus();
                }).ok());
    return g;
  };
  Party g = read();
  EXPECT_EQ(g.version, 2);
  EXPECT_EQ(g.code, "ERP-10B");
  EXPECT_EQ(g.kind, PartyKind::kProspect);
  EXPECT_EQ(g.name, p.name);
  EXPECT_EQ(g.email, p.email);
  EXPECT_EQ(g.phone, p.phone);
  EXPECT_EQ(g.whatsapp, p.whatsapp);
  EXPECT_EQ(g.birthday, p.birthday);
  EXPECT_EQ(g.branch_id, b);
  EXPECT_EQ(g.owner_id, owner);
  EXPECT_EQ(g.contacts, p.contacts);
  EXPECT_EQ(g.created_at, p.created_at);

  // Fewer contacts: the rest are gone; the optional fields can be cleared.
  p.version = 2;
  p.contacts = {{"Ana", "", "", "", std::nullopt}};
  p.birthday.reset();
  p.branch_id.reset();
  p.owner_id.reset();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.parties().UpdateParty(p).status(); }));
  g = read();
  EXPECT_EQ(g.version, 3);
  EXPECT_EQ(g.contacts, p.contacts);
  EXPECT_FALSE(g.birthday.has_value());
  EXPECT_FALSE(g.branch_id.has_value());
  EXPECT_FALSE(g.owner_id.has_value());

  // A stale version, a taken code or a missing party change nothing.
  p.name = "Não salvo";
  absl::Status stale = Write([&](Tx& tx) { return tx.parties().UpdateParty(p).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(stale)) << stale;
  EXPECT_EQ(stale.message(), "version");
  p.version = 3;
  p.code = "ERP-11";
  absl::Status taken = Write([&](Tx& tx) { return tx.parties().UpdateParty(p).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(taken)) << taken;
  Party missing = p;
  missing.id = PartyId(98765);
  missing.code = "ERP-404";
  absl::Status gone = Write([&](Tx& tx) { return tx.parties().UpdateParty(missing).status(); });
  EXPECT_TRUE(absl::IsNotFound(gone)) << gone;
  g = read();
  EXPECT_EQ(g.version, 3);
  EXPECT_EQ(g.name, "Novo Nome Ltda");
  EXPECT_EQ(g.code, "ERP-10B");
  EXPECT_EQ(g.contacts, (std::vector<Contact>{{"Ana", "", "", "", std::nullopt}}));
}

TEST_P(StoreContractTest, SearchPartiesByCodePrefixOrNameSubstringIgnoringAsciiCase) {
  PartyId ab = AddParty("AB100", "Zeta Comércio");
  PartyId xy = AddParty("XY200", "Mercado Abc Ltda");
  PartyId cd = AddParty("CD300", "Padaria Central");
  AddParty("QAB1", "Outro");  // "ab" inside a code is not a prefix match
  auto search = [&](const std::string& q) {
    std::vector<int64_t> ids;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      auto r = tx.parties().SearchParties(q, std::nullopt, 50);
      if (!r.ok()) return r.status();
      for (const Party& p : *r) ids.push_back(p.id.value);
      return absl::OkStatus();
    }));
    return ids;
  };
  // Ordered by name: "Mercado Abc Ltda" < "Zeta Comércio".
  EXPECT_THAT(search("ab"), ElementsAre(xy.value, ab.value));
  EXPECT_THAT(search("AB1"), ElementsAre(ab.value));
  EXPECT_THAT(search("cd3"), ElementsAre(cd.value));
  EXPECT_THAT(search("CENTRAL"), ElementsAre(cd.value));
  EXPECT_THAT(search("comércio"), ElementsAre(ab.value));
  EXPECT_THAT(search("nada disso"), IsEmpty());
  EXPECT_THAT(search(""), SizeIs(4));
}

TEST_P(StoreContractTest, SearchPartiesFiltersKindOrdersByNameAndLimits) {
  AddParty("S1", "beta fornecedor", PartyKind::kSupplier);
  AddParty("C1", "Delta Cliente", PartyKind::kCustomer);
  AddParty("C2", "alfa cliente", PartyKind::kCustomer);
  AddParty("C3", "Charlie Cliente", PartyKind::kCustomer);
  AddParty("P1", "Prospecto", PartyKind::kProspect);
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto customers = tx.parties().SearchParties("", PartyKind::kCustomer, 10);
    if (!customers.ok()) return customers.status();
    std::vector<std::string> names;
    for (const Party& p : *customers) names.push_back(p.name);
    // Case-insensitive name order.
    EXPECT_THAT(names, ElementsAre("alfa cliente", "Charlie Cliente", "Delta Cliente"));
    auto two = tx.parties().SearchParties("", std::nullopt, 2);
    if (!two.ok()) return two.status();
    names.clear();
    for (const Party& p : *two) names.push_back(p.name);
    EXPECT_THAT(names, ElementsAre("alfa cliente", "beta fornecedor"));
    auto suppliers = tx.parties().SearchParties("cliente", PartyKind::kSupplier, 10);
    if (!suppliers.ok()) return suppliers.status();
    EXPECT_THAT(*suppliers, IsEmpty());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, SearchPartiesTreatsWildcardsLiterally) {
  PartyId pct = AddParty("X1", "Desconto 10% à vista");
  PartyId und = AddParty("A_B", "Sublinhado");
  AddParty("AXB", "Outro Nome");
  AddParty("X2", "Desconto 100 reais");
  auto search = [&](const std::string& q) {
    std::vector<int64_t> ids;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      auto r = tx.parties().SearchParties(q, std::nullopt, 50);
      if (!r.ok()) return r.status();
      for (const Party& p : *r) ids.push_back(p.id.value);
      return absl::OkStatus();
    }));
    return ids;
  };
  EXPECT_THAT(search("10%"), ElementsAre(pct.value));
  EXPECT_THAT(search("A_"), ElementsAre(und.value));
  EXPECT_THAT(search("%"), ElementsAre(pct.value));
}

// =================================================================================
// Follow-ups

TEST_P(StoreContractTest, FollowupRoundTripsEveryField) {
  BranchId b = AddBranch("Filial Porto Alegre");
  UserId owner = AddUser("owner", b);
  UserId editor = AddUser("editor", b);
  PartyId party = AddParty("P-77", "Cliente Ômega");
  Followup f;
  f.party_id = party;
  f.contact = {"Inês Gonçalves", "ines@omega.com.br", "+55 51 3000-0000", "+55 51 99999-0000"};
  f.owner_id = owner;
  f.branch_id = b;
  f.subject = "Orçamento nº 1234 — revisão de preço";
  f.category = "assistencia_tecnica";
  f.priority = Priority::kHigh;
  f.origin = "after_sale";
  f.cc = {"gerente@omega.com.br", "compras@omega.com.br"};
  f.version = 17;                     // ignored: a new follow-up is version 1
  f.next_due_date = Day(2030, 1, 1);  // the cache's first value (ports.h)
  f.created_by = owner;
  f.updated_by = editor;
  f.created_at = Now();
  f.updated_at = Now() + absl::Seconds(5);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.followups().InsertFollowup(f);
    if (id.ok()) f.id = *id;
    return id.status();
  }));
  std::optional<Followup> g = GetFollowup(f.id);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->id, f.id);
  EXPECT_EQ(g->party_id, party);
  EXPECT_EQ(g->contact, f.contact);
  EXPECT_EQ(g->owner_id, owner);
  EXPECT_EQ(g->branch_id, b);
  EXPECT_EQ(g->subject, f.subject);
  EXPECT_EQ(g->category, "assistencia_tecnica");
  EXPECT_EQ(g->priority, Priority::kHigh);
  EXPECT_EQ(g->origin, "after_sale");
  EXPECT_EQ(g->cc, f.cc);
  EXPECT_EQ(g->status, FollowupStatus::kOpen);
  EXPECT_EQ(g->version, 1);
  EXPECT_EQ(g->next_due_date, Day(2030, 1, 1));
  EXPECT_EQ(g->created_by, owner);
  EXPECT_EQ(g->updated_by, editor);
  EXPECT_EQ(g->created_at, f.created_at);
  EXPECT_EQ(g->updated_at, f.updated_at);

  EXPECT_FALSE(GetFollowup(FollowupId(99999)).has_value());
}

TEST_P(StoreContractTest, FollowupWithoutBranchOrCcRoundTrips) {
  UserId owner = AddUser("solo");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId id = AddFollowup(party, owner, std::nullopt);
  std::optional<Followup> g = GetFollowup(id);
  ASSERT_TRUE(g.has_value());
  EXPECT_FALSE(g->branch_id.has_value());
  EXPECT_THAT(g->cc, IsEmpty());
}

TEST_P(StoreContractTest, UpdateFollowupBumpsVersionAndWritesMutableFields) {
  BranchId b1 = AddBranch("B1");
  BranchId b2 = AddBranch("B2");
  UserId u1 = AddUser("u1", b1);
  UserId u2 = AddUser("u2", b2);
  PartyId party = AddParty("P1", "Cliente");
  FollowupId id = AddFollowup(party, u1, b1);
  Followup f = *GetFollowup(id);
  f.contact = {"Novo Contato", "novo@x.com", "", ""};
  f.owner_id = u2;
  f.branch_id = b2;
  f.subject = "Assunto alterado";
  f.category = "em_analise";
  f.priority = Priority::kLow;
  f.origin = "api";
  f.cc = {"a@b.com"};
  f.status = FollowupStatus::kClosed;
  f.updated_by = u2;
  f.updated_at = Now() + absl::Hours(1);
  int64_t v = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto r = tx.followups().UpdateFollowup(f);
    if (r.ok()) v = *r;
    return r.status();
  }));
  EXPECT_EQ(v, 2);
  Followup g = *GetFollowup(id);
  EXPECT_EQ(g.version, 2);
  EXPECT_EQ(g.contact, f.contact);
  EXPECT_EQ(g.owner_id, u2);
  EXPECT_EQ(g.branch_id, b2);
  EXPECT_EQ(g.subject, "Assunto alterado");
  EXPECT_EQ(g.category, "em_analise");
  EXPECT_EQ(g.priority, Priority::kLow);
  EXPECT_EQ(g.origin, "api");
  EXPECT_THAT(g.cc, ElementsAre("a@b.com"));
  EXPECT_EQ(g.status, FollowupStatus::kClosed);
  EXPECT_EQ(g.updated_by, u2);
  EXPECT_EQ(g.updated_at, f.updated_at);
  EXPECT_EQ(g.created_by, u1);
  EXPECT_EQ(g.created_at, Now());
  // The next update must carry version 2 and gets 3.
  g.subject = "De novo";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto r = tx.followups().UpdateFollowup(g);
    if (r.ok()) v = *r;
    return r.status();
  }));
  EXPECT_EQ(v, 3);
}

TEST_P(StoreContractTest, StaleVersionIsFailedPreconditionAndChangesNothing) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId id = AddFollowup(party, u, std::nullopt, "Original");
  Followup first = *GetFollowup(id);
  Followup second = first;
  first.subject = "Primeira edição";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(first).status(); }));
  second.subject = "Segunda edição, baseada na versão antiga";
  second.status = FollowupStatus::kClosed;
  absl::Status st = Write([&](Tx& tx) { return tx.followups().UpdateFollowup(second).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_EQ(st.message(), "version");
  Followup g = *GetFollowup(id);
  EXPECT_EQ(g.subject, "Primeira edição");
  EXPECT_EQ(g.status, FollowupStatus::kOpen);
  EXPECT_EQ(g.version, 2);
  // A version from the future is stale too.
  second.version = 9;
  st = Write([&](Tx& tx) { return tx.followups().UpdateFollowup(second).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
}

TEST_P(StoreContractTest, UpdateMissingFollowupIsNotFound) {
  UserId u = AddUser("u");
  Followup f;
  f.id = FollowupId(5555);
  f.owner_id = f.created_by = f.updated_by = u;
  f.subject = "x";
  f.category = "pos_venda";
  absl::Status st = Write([&](Tx& tx) { return tx.followups().UpdateFollowup(f).status(); });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

TEST_P(StoreContractTest, UpdateFollowupLeavesTheNextDueCacheAlone) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId id = AddFollowup(party, u, std::nullopt);
  AddAction(id, u, kToday + 3);
  Followup f = *GetFollowup(id);
  ASSERT_EQ(f.next_due_date, kToday + 3);
  f.next_due_date.reset();  // a caller's stale copy must not clear the cache
  f.subject = "Outro";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(f).status(); }));
  EXPECT_EQ(GetFollowup(id)->next_due_date, kToday + 3);
}

// =================================================================================
// Actions

TEST_P(StoreContractTest, ActionRoundTripsEveryField) {
  UserId u = AddUser("u");
  UserId v = AddUser("v");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  ActionId next = AddAction(f, u, kToday + 30);
  Action a;
  a.followup_id = f;
  a.type = "whatsapp";
  a.due_date = kToday;
  a.due_minutes = 14 * 60 + 30;
  a.status = ActionStatus::kDone;
  a.assignee_id = v;
  a.notify_customer = true;
  a.message = "Olá! Seu pedido está pronto para retirada. ¿Podemos confirmar?";
  a.result = "Cliente confirmou a retirada para amanhã";
  a.resolution = "phone";
  a.result_at = Now() - absl::Minutes(5);
  a.done_at = Now();
  a.done_by = u;
  a.next_action_id = next;
  a.series_id = 42;
  a.series_index = 3;
  a.created_at = Now() - absl::Hours(24);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.followups().InsertAction(a);
    if (id.ok()) a.id = *id;
    return id.status();
  }));
  std::optional<Action> g = GetAction(a.id);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->id, a.id);
  EXPECT_EQ(g->followup_id, f);
  EXPECT_EQ(g->type, "whatsapp");
  EXPECT_EQ(g->due_date, kToday);
  EXPECT_EQ(g->due_minutes, 14 * 60 + 30);
  EXPECT_EQ(g->status, ActionStatus::kDone);
  EXPECT_EQ(g->assignee_id, v);
  EXPECT_TRUE(g->notify_customer);
  EXPECT_EQ(g->message, a.message);
  EXPECT_EQ(g->result, a.result);
  EXPECT_EQ(g->resolution, "phone");
  EXPECT_EQ(g->result_at, a.result_at);
  EXPECT_EQ(g->done_at, a.done_at);
  EXPECT_EQ(g->done_by, u);
  EXPECT_EQ(g->next_action_id, next);
  EXPECT_EQ(g->series_id, 42);
  EXPECT_EQ(g->series_index, 3);
  EXPECT_EQ(g->created_at, a.created_at);

  std::optional<Action> plain = GetAction(next);
  ASSERT_TRUE(plain.has_value());
  EXPECT_FALSE(plain->due_minutes.has_value());
  EXPECT_FALSE(plain->result_at.has_value());
  EXPECT_FALSE(plain->done_at.has_value());
  EXPECT_FALSE(plain->done_by.has_value());
  EXPECT_FALSE(plain->next_action_id.has_value());
  EXPECT_EQ(plain->series_id, 0);
  EXPECT_FALSE(GetAction(ActionId(123456)).has_value());
}

TEST_P(StoreContractTest, UpdateActionWritesEveryMutableField) {
  UserId u = AddUser("u");
  UserId v = AddUser("v");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  ActionId id = AddAction(f, u, kToday + 1, ActionStatus::kPlanned, 9 * 60);
  ActionId other = AddAction(f, u, kToday + 40);
  Action a = *GetAction(id);
  a.type = "visit";
  a.due_date = kToday + 2;
  a.due_minutes.reset();
  a.status = ActionStatus::kDone;
  a.assignee_id = v;
  a.notify_customer = true;
  a.message = "msg";
  a.result = "feito";
  a.resolution = "visit";
  a.result_at = Now();
  a.done_at = Now();
  a.done_by = v;
  a.next_action_id = other;
  a.series_id = 7;
  a.series_index = 2;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateAction(a); }));
  Action g = *GetAction(id);
  EXPECT_EQ(g.type, "visit");
  EXPECT_EQ(g.due_date, kToday + 2);
  EXPECT_FALSE(g.due_minutes.has_value());
  EXPECT_EQ(g.status, ActionStatus::kDone);
  EXPECT_EQ(g.assignee_id, v);
  EXPECT_TRUE(g.notify_customer);
  EXPECT_EQ(g.message, "msg");
  EXPECT_EQ(g.result, "feito");
  EXPECT_EQ(g.resolution, "visit");
  EXPECT_EQ(g.result_at, Now());
  EXPECT_EQ(g.done_at, Now());
  EXPECT_EQ(g.done_by, v);
  EXPECT_EQ(g.next_action_id, other);
  EXPECT_EQ(g.series_id, 7);
  EXPECT_EQ(g.series_index, 2);
  EXPECT_EQ(g.followup_id, f);
}

TEST_P(StoreContractTest, UpdateMissingActionIsNotFound) {
  UserId u = AddUser("u");
  Action a;
  a.id = ActionId(8080);
  a.followup_id = FollowupId(1);
  a.type = "phone";
  a.due_date = kToday;
  a.assignee_id = u;
  absl::Status st = Write([&](Tx& tx) { return tx.followups().UpdateAction(a); });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

TEST_P(StoreContractTest, ListActionsOrderedByDueDateThenTimeThenId) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  FollowupId other = AddFollowup(party, u, std::nullopt);
  ActionId late = AddAction(f, u, kToday + 5);
  ActionId untimed = AddAction(f, u, kToday);
  ActionId afternoon = AddAction(f, u, kToday, ActionStatus::kDone, 15 * 60);
  ActionId morning = AddAction(f, u, kToday, ActionStatus::kCancelled, 8 * 60);
  ActionId past = AddAction(f, u, kToday - 10, ActionStatus::kDone);
  ActionId untimed2 = AddAction(f, u, kToday);
  AddAction(other, u, kToday);
  std::vector<int64_t> ids;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.followups().ListActions(f);
    if (!r.ok()) return r.status();
    for (const Action& a : *r) ids.push_back(a.id.value);
    return absl::OkStatus();
  }));
  EXPECT_THAT(ids, ElementsAre(past.value, morning.value, afternoon.value, untimed.value,
                               untimed2.value, late.value));
}

TEST_P(StoreContractTest, NextDueDateIsTheEarliestPlannedAction) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  FollowupId other = AddFollowup(party, u, std::nullopt);
  EXPECT_FALSE(GetFollowup(f)->next_due_date.has_value());

  ActionId later = AddAction(f, u, kToday + 10);
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 10);
  ActionId sooner = AddAction(f, u, kToday + 2);
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 2);
  AddAction(f, u, kToday - 30, ActionStatus::kDone);  // done actions do not count
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 2);
  AddAction(other, u, kToday - 1);  // another follow-up's actions do not count
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 2);
  EXPECT_EQ(GetFollowup(other)->next_due_date, kToday - 1);

  // Completing the earliest moves the date to the next planned one.
  Action a = *GetAction(sooner);
  a.status = ActionStatus::kDone;
  a.done_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateAction(a); }));
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 10);

  // Rescheduling changes it.
  Action b = *GetAction(later);
  b.due_date = kToday + 4;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateAction(b); }));
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 4);

  // Cancelling the last planned one clears it.
  b.status = ActionStatus::kCancelled;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateAction(b); }));
  EXPECT_FALSE(GetFollowup(f)->next_due_date.has_value());
  EXPECT_EQ(GetFollowup(other)->next_due_date, kToday - 1);

  // Back to planned sets it again; the version is not touched by the cache.
  b.status = ActionStatus::kPlanned;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateAction(b); }));
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 4);
  EXPECT_EQ(GetFollowup(f)->version, 1);
}

TEST_P(StoreContractTest, TheFirstActionCorrectsAWrongNextDueGivenAtInsert) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  for (std::optional<absl::CivilDay> given :
       {std::optional<absl::CivilDay>(kToday + 99), std::optional<absl::CivilDay>()}) {
    Followup f;
    f.party_id = party;
    f.owner_id = u;
    f.subject = "Dica errada";
    f.category = "em_analise";
    f.next_due_date = given;
    f.created_by = f.updated_by = u;
    f.created_at = f.updated_at = Now();
    RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
      auto id = tx.followups().InsertFollowup(f);
      if (id.ok()) f.id = *id;
      return id.status();
    }));
    AddAction(f.id, u, kToday + 3);
    EXPECT_EQ(GetFollowup(f.id)->next_due_date, kToday + 3);
  }
}

TEST_P(StoreContractTest, NextDueDateIsVisibleInsideTheWritingTransaction) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    Followup f = BareFollowup(party, u, "s");
    auto id = tx.followups().InsertFollowup(f);
    if (!id.ok()) return id.status();
    Action a;
    a.followup_id = *id;
    a.type = "phone";
    a.due_date = kToday + 1;
    a.assignee_id = u;
    auto aid = tx.followups().InsertAction(a);
    if (!aid.ok()) return aid.status();
    auto got = tx.followups().FindFollowup(*id);
    if (!got.ok()) return got.status();
    EXPECT_EQ((*got)->next_due_date, kToday + 1);
    return absl::OkStatus();
  }));
}

namespace {

std::string DayText(const std::optional<absl::CivilDay>& d) {
  return d ? absl::FormatCivilTime(*d) : std::string("(none)");
}

// The three caches of a follow-up's returns, written as CachesOf reads them.
std::string CachesText(const std::optional<absl::CivilDay>& next_due,
                       const std::optional<absl::CivilDay>& first_due, int64_t done) {
  return absl::StrCat(DayText(next_due), " ", DayText(first_due), " ", done);
}

// The three caches of a follow-up's returns as its row holds them: "next first done".
absl::StatusOr<std::string> CachesOf(Tx& tx, FollowupId id) {
  ASSIGN_OR_RETURN(sql::Query q, dynamic_cast<sql::SqlTx&>(tx).db().Prepare(
                                     "SELECT next_due_date, first_due_date, has_done_return "
                                     "FROM followups WHERE id = ?"));
  q.Bind(id.value);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::NotFoundError("no follow-up");
  return absl::StrCat(q.IsNull(0) ? "(none)" : q.Text(0), " ", q.IsNull(1) ? "(none)" : q.Text(1),
                      " ", q.Int(2));
}

}  // namespace

// A creation inserts its follow-up and then its returns in one transaction; the caches
// the store keeps on the follow-up (next due, first due, a return done) must come out as
// the returns say, whatever the follow-up was inserted with.
TEST_P(StoreContractTest, ACreationsReturnsSetTheFollowupsCachesInItsTransaction) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  struct Case {
    std::optional<absl::CivilDay> given;
    std::vector<std::pair<absl::CivilDay, ActionStatus>> returns;
    std::optional<absl::CivilDay> next_due, first_due;
    int64_t done;
  };
  const Case cases[] = {
      {kToday + 3, {{kToday + 3, ActionStatus::kPlanned}}, kToday + 3, kToday + 3, 0},
      {kToday + 3, {{kToday + 5, ActionStatus::kPlanned}}, kToday + 5, kToday + 5, 0},
      {kToday + 3,
       {{kToday + 3, ActionStatus::kPlanned}, {kToday + 33, ActionStatus::kPlanned}},
       kToday + 3,
       kToday + 3,
       0},
      {std::nullopt,
       {{kToday + 30, ActionStatus::kPlanned},
        {kToday + 1, ActionStatus::kPlanned},
        {kToday - 3, ActionStatus::kDone}},
       kToday + 1,
       kToday - 3,
       1},
      {kToday,
       {{kToday, ActionStatus::kPlanned}, {kToday - 10, ActionStatus::kDone}},
       kToday,
       kToday - 10,
       1},
      {kToday + 8, {{kToday + 2, ActionStatus::kCancelled}}, std::nullopt, kToday + 2, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat("given ", DayText(c.given), ", ", c.returns.size(), " returns"));
    const std::string want = CachesText(c.next_due, c.first_due, c.done);
    FollowupId id;
    RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
      Followup f = BareFollowup(party, u, "Criação");
      f.next_due_date = c.given;  // what the creation claims; its returns decide
      f.created_at = f.updated_at = Now();
      ASSIGN_OR_RETURN(id, tx.followups().InsertFollowup(f));
      for (const auto& [due, status] : c.returns)
        RETURN_IF_ERROR(
            tx.followups().InsertAction(PhoneReturn(id, u, due, status, Now())).status());
      ASSIGN_OR_RETURN(std::string inside, CachesOf(tx, id));
      EXPECT_EQ(inside, want) << "inside the transaction";
      return absl::OkStatus();
    }));
    RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string after, CachesOf(tx, id));
      EXPECT_EQ(after, want) << "after the commit";
      return absl::OkStatus();
    }));
  }
}

TEST_P(StoreContractTest, SaveFollowupWithReturnsWritesBothAndTheCaches) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId id = AddFollowup(party, u, std::nullopt);
  FollowupId other = AddFollowup(party, u, std::nullopt);
  ActionId first = AddAction(id, u, kToday + 1);
  ActionId later = AddAction(id, u, kToday + 5);
  ActionId elsewhere = AddAction(other, u, kToday + 2);
  const Followup before = *GetFollowup(id);

  // The first return done and the subject changed: one call, both saved, the caches
  // following the returns already inside the transaction.
  Followup f = before;
  f.subject = "Concluído o primeiro";
  f.next_due_date.reset();  // a caller's stale copy of a cache is not written
  Action done = *GetAction(first);
  done.status = ActionStatus::kDone;
  done.result = "Cliente atendido";
  done.done_at = Now();
  done.done_by = u;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t version, tx.followups().SaveFollowupWithReturns(f, {&done}));
    EXPECT_EQ(version, before.version + 1);
    ASSIGN_OR_RETURN(std::string inside, CachesOf(tx, id));
    EXPECT_EQ(inside, CachesText(kToday + 5, kToday + 1, 1));
    return absl::OkStatus();
  }));
  Followup saved = *GetFollowup(id);
  EXPECT_EQ(saved.subject, "Concluído o primeiro");
  EXPECT_EQ(saved.version, before.version + 1);
  EXPECT_EQ(saved.next_due_date, kToday + 5);
  EXPECT_EQ(GetAction(first)->status, ActionStatus::kDone);
  EXPECT_EQ(GetAction(first)->result, "Cliente atendido");

  // A stale version keeps nothing of the call: the return stays planned, the caches too.
  Action cancelled = *GetAction(later);
  cancelled.status = ActionStatus::kCancelled;
  absl::Status st = Write([&](Tx& tx) {
    return tx.followups().SaveFollowupWithReturns(before, {&cancelled}).status();
  });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_EQ(GetAction(later)->status, ActionStatus::kPlanned);
  EXPECT_EQ(GetFollowup(id)->next_due_date, kToday + 5);

  // A return of another follow-up is refused, and nothing is kept either.
  Action moved = *GetAction(elsewhere);
  moved.due_date = kToday + 9;
  st = Write(
      [&](Tx& tx) { return tx.followups().SaveFollowupWithReturns(saved, {&moved}).status(); });
  EXPECT_TRUE(absl::IsInvalidArgument(st)) << st;
  EXPECT_EQ(GetAction(elsewhere)->due_date, kToday + 2);
  EXPECT_EQ(GetFollowup(id)->version, saved.version);

  // Without returns it is UpdateFollowup: the caches stay as the returns left them.
  saved.subject = "Só o assunto";
  saved.next_due_date.reset();
  RETORNO_ASSERT_OK(
      Write([&](Tx& tx) { return tx.followups().SaveFollowupWithReturns(saved, {}).status(); }));
  EXPECT_EQ(GetFollowup(id)->subject, "Só o assunto");
  EXPECT_EQ(GetFollowup(id)->next_due_date, kToday + 5);
}

TEST_P(StoreContractTest, NextSeriesIdIsIncreasingAndUnique) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
      for (int j = 0; j < 2; ++j) {
        auto id = tx.followups().NextSeriesId();
        if (!id.ok()) return id.status();
        ids.push_back(*id);
      }
      return absl::OkStatus();
    }));
  }
  ASSERT_THAT(ids, SizeIs(6));
  EXPECT_GT(ids[0], 0);
  for (size_t i = 1; i < ids.size(); ++i) EXPECT_GT(ids[i], ids[i - 1]);
  // A rolled-back transaction may or may not reuse ids, but never breaks uniqueness.
  absl::Status st = Write([&](Tx& tx) -> absl::Status {
    EXPECT_TRUE(tx.followups().NextSeriesId().ok());
    return absl::CancelledError("undo");
  });
  EXPECT_TRUE(absl::IsCancelled(st));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.followups().NextSeriesId();
    if (!id.ok()) return id.status();
    EXPECT_GT(*id, ids.back());
    return absl::OkStatus();
  }));
}

}  // namespace retorno
