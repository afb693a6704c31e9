// The contract suite, continued: searching as users type (folded case and accents,
// phone and document digits) and the follow-up's own contact date. Same fixture and
// instantiation as store_contract_test.cc.
#include <string>
#include <vector>

#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

namespace {

std::vector<int64_t> Ids(const std::vector<FollowupId>& ids) {
  std::vector<int64_t> out;
  for (FollowupId id : ids) out.push_back(id.value);
  return out;
}

}  // namespace

TEST_P(StoreContractTest, SearchPartiesIgnoresAccentsAndCaseInEveryField) {
  auto insert = [&](Party p) {
    p.created_at = Now();
    PartyId id;
    RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(id, tx.parties().InsertParty(p));
      return absl::OkStatus();
    }));
    return id.value;
  };
  auto search = [&](const std::string& q) {
    std::vector<int64_t> ids;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::vector<Party> found, tx.parties().SearchParties(q, std::nullopt, 50));
      for (const Party& p : found) ids.push_back(p.id.value);
      return absl::OkStatus();
    }));
    return ids;
  };
  Party a;
  a.code = "Ñ-001";
  a.name = "Açougue Cambuí";
  a.email = "compras@acougue.com.br";
  a.phone = "(11) 98765-4321";
  a.tax_id = "11222333000181";
  a.contacts = {{"João Peña", "JOAO@x.com", "", "+55 19 99876-5432", std::nullopt}};
  const int64_t acougue = insert(a);
  Party b;
  b.code = "MX-7";
  b.name = "Ferretería Muñoz";
  b.tax_id = "GODE561231GR8";
  b.whatsapp = "+52 55 1234 5678";
  const int64_t munoz = insert(b);

  EXPECT_THAT(search("cambui"), ElementsAre(acougue));
  EXPECT_THAT(search("ACOUGUE"), ElementsAre(acougue));
  EXPECT_THAT(search("Açougue cambuí"), ElementsAre(acougue));
  EXPECT_THAT(search("JOAO"), ElementsAre(acougue));  // a contact's name
  EXPECT_THAT(search("pena"), ElementsAre(acougue));
  EXPECT_THAT(search("joao@X.com"), ElementsAre(acougue));  // a contact's e-mail
  EXPECT_THAT(search("compras@"), ElementsAre(acougue));
  EXPECT_THAT(search("ferreteria munoz"), ElementsAre(munoz));
  EXPECT_THAT(search("n-0"), ElementsAre(acougue));  // code prefix, folded
  EXPECT_THAT(search("ñ-001"), ElementsAre(acougue));
  // Phone numbers by their digits, typed with or without punctuation.
  EXPECT_THAT(search("987654321"), ElementsAre(acougue));
  EXPECT_THAT(search("98765 4321"), ElementsAre(acougue));
  EXPECT_THAT(search("(11) 98765-4321"), ElementsAre(acougue));
  EXPECT_THAT(search("99876-5432"), ElementsAre(acougue));  // a contact's WhatsApp
  EXPECT_THAT(search("55 1234 5678"), ElementsAre(munoz));
  // Documents with or without punctuation.
  EXPECT_THAT(search("11.222.333/0001-81"), ElementsAre(acougue));
  EXPECT_THAT(search("11222333"), ElementsAre(acougue));
  EXPECT_THAT(search("gode561231gr8"), ElementsAre(munoz));
  EXPECT_THAT(search("GODE-561231-GR8"), ElementsAre(munoz));
  EXPECT_THAT(search("cambui 4321"), IsEmpty());  // no field holds both

  // Keys follow every edit: the old name is no longer found, the new one is.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> p, tx.parties().FindParty(PartyId(acougue)));
    EXPECT_TRUE(p.has_value());
    if (!p) return absl::OkStatus();
    EXPECT_EQ(p->tax_id, "11222333000181");
    p->name = "Padaria São João";
    p->phone = "";
    p->tax_id = "";
    p->contacts = {{"María José", "", "", "", std::nullopt}};
    return tx.parties().UpdateParty(*p).status();
  }));
  EXPECT_THAT(search("cambui"), IsEmpty());
  EXPECT_THAT(search("pena"), IsEmpty());
  EXPECT_THAT(search("987654321"), IsEmpty());
  EXPECT_THAT(search("11222333"), IsEmpty());
  EXPECT_THAT(search("sao joao"), ElementsAre(acougue));
  EXPECT_THAT(search("MARIA JOSE"), ElementsAre(acougue));
}

TEST_P(StoreContractTest, FollowupTextSearchIgnoresAccentsAndCase) {
  const UserId u = AddUser("ana");
  const PartyId p = AddParty("C1", "Cliente");
  const FollowupId subject = AddFollowup(p, u, std::nullopt, "Orçamento do Açougue Cambuí");
  const FollowupId note = AddFollowup(p, u, std::nullopt, "Outro assunto");
  AddEntry(note, u, "Cliente pediu ligação às 14h; falar com JOÃO.");
  const FollowupId draft = AddFollowup(p, u, std::nullopt, "Rascunho");
  const EntryId d = AddEntry(draft, u, "Nada ainda", /*draft=*/true);
  FollowupQuery q;
  q.today = kToday;
  auto find = [&](const std::string& text) {
    q.text = text;
    return Ids(QueryIds(q));
  };
  EXPECT_THAT(find("acougue cambui"), ElementsAre(subject.value));
  EXPECT_THAT(find("ORCAMENTO"), ElementsAre(subject.value));
  EXPECT_THAT(find("joao"), ElementsAre(note.value));
  EXPECT_THAT(find("ligacao as"), ElementsAre(note.value));
  // A draft is not searched; once published with new text, its folded text is.
  EXPECT_THAT(find("decisão"), IsEmpty());
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Entry> e, tx.followups().FindEntry(d));
    if (!e) return absl::NotFoundError("entry");
    e->body = "Aguardando decisão";
    e->draft = false;
    return tx.followups().UpdateEntry(*e);
  }));
  EXPECT_THAT(find("DECISAO"), ElementsAre(draft.value));
  // A subject edit moves the key with it.
  std::optional<Followup> f = GetFollowup(subject);
  ASSERT_TRUE(f.has_value());
  f->subject = "Visita técnica";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(*f).status(); }));
  EXPECT_THAT(find("cambui"), IsEmpty());
  EXPECT_THAT(find("tecnica"), ElementsAre(subject.value));
}

TEST_P(StoreContractTest, CatalogAndDocumentSearchIgnoreAccentsAndCase) {
  const UserId u = AddUser("vera");
  const PartyId p = AddParty("ÇA-1", "Açougue Cambuí");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    CatalogItem c;
    c.code = "INST-Ç";
    c.kind = CatalogKind::kService;
    c.name = "Instalação Elétrica";
    c.created_at = c.updated_at = Now();
    ASSIGN_OR_RETURN(c.id, tx.sales().InsertCatalogItem(c));
    ASSIGN_OR_RETURN(std::vector<CatalogItem> found,
                     tx.sales().SearchCatalog("instalacao eletrica", std::nullopt, 10));
    EXPECT_EQ(found.size(), 1u);
    ASSIGN_OR_RETURN(found, tx.sales().SearchCatalog("inst-c", std::nullopt, 10));
    EXPECT_EQ(found.size(), 1u);
    c.name = "Manutenção";
    RETURN_IF_ERROR(tx.sales().UpdateCatalogItem(c));
    ASSIGN_OR_RETURN(found, tx.sales().SearchCatalog("eletrica", std::nullopt, 10));
    EXPECT_TRUE(found.empty());
    ASSIGN_OR_RETURN(found, tx.sales().SearchCatalog("MANUTENCAO", std::nullopt, 10));
    EXPECT_EQ(found.size(), 1u);

    SalesDocument d;
    d.number = "V-77";
    d.party_id = p;
    d.date = kToday;
    d.created_by = d.updated_by = u;
    d.created_at = d.updated_at = Now();
    RETURN_IF_ERROR(tx.sales().InsertDocument(d).status());
    for (const char* text : {"cambui", "ACOUGUE", "ca-1", "v-7"}) {
      DocumentQuery q;
      q.text = text;
      ASSIGN_OR_RETURN(DocumentPage page, tx.sales().QueryDocuments(q));
      EXPECT_EQ(page.items.size(), 1u) << text;
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, FollowupKeepsItsContactDateAndFiltersByIt) {
  const UserId u = AddUser("ana");
  const PartyId p = AddParty("C1", "Cliente");
  auto add = [&](absl::Time contact_at) {
    FollowupId id;
    RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
      Followup f;
      f.party_id = p;
      f.owner_id = u;
      f.subject = "Contato";
      f.category = "pos_venda";
      f.created_by = f.updated_by = u;
      f.created_at = f.updated_at = Now();
      f.contact_at = contact_at;
      ASSIGN_OR_RETURN(id, tx.followups().InsertFollowup(f));
      return absl::OkStatus();
    }));
    return id;
  };
  const FollowupId before = add(Now() - absl::Hours(72));
  const FollowupId at = add(Now() - absl::Hours(48));
  const FollowupId inside = add(Now() - absl::Hours(30));
  const FollowupId end = add(Now() - absl::Hours(24));
  std::optional<Followup> got = GetFollowup(at);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->contact_at, Now() - absl::Hours(48));

  FollowupQuery q;
  q.today = kToday;
  q.contact_from = Now() - absl::Hours(48);  // inclusive
  q.contact_to = Now() - absl::Hours(24);    // exclusive
  EXPECT_THAT(Ids(QueryIds(q)), UnorderedElementsAre(at.value, inside.value));
  q.contact_to.reset();
  EXPECT_THAT(Ids(QueryIds(q)), UnorderedElementsAre(at.value, inside.value, end.value));
  q.contact_from.reset();
  q.contact_to = Now() - absl::Hours(48);
  EXPECT_THAT(Ids(QueryIds(q)), ElementsAre(before.value));

  // A late correction of the contact date is kept.
  got->contact_at = Now() - absl::Hours(100);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(*got).status(); }));
  EXPECT_EQ(GetFollowup(at)->contact_at, Now() - absl::Hours(100));
  EXPECT_THAT(Ids(QueryIds(q)), UnorderedElementsAre(before.value, at.value));
}

// The internal date (ADR 0041): kept as a civil day, set, moved and cleared with the
// follow-up's version; the list's filter compares it with the viewer's today, and a
// closed follow-up is never internally overdue.
TEST_P(StoreContractTest, FollowupKeepsItsInternalDateAndFiltersByIt) {
  const UserId u = AddUser("ana");
  const PartyId p = AddParty("C1", "Cliente");
  auto add = [&](std::optional<absl::CivilDay> internal, FollowupStatus status) {
    FollowupId id;
    RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
      Followup f;
      f.party_id = p;
      f.owner_id = u;
      f.subject = "Prazo";
      f.category = "pos_venda";
      f.status = status;
      f.created_by = f.updated_by = u;
      f.created_at = f.updated_at = f.contact_at = Now();
      f.internal_date = internal;
      ASSIGN_OR_RETURN(id, tx.followups().InsertFollowup(f));
      return absl::OkStatus();
    }));
    return id;
  };
  const FollowupId passed = add(kToday - 1, FollowupStatus::kOpen);
  const FollowupId due = add(kToday, FollowupStatus::kOpen);
  const FollowupId later = add(kToday + 3, FollowupStatus::kOpen);
  const FollowupId closed = add(kToday - 5, FollowupStatus::kClosed);
  const FollowupId none = add(std::nullopt, FollowupStatus::kOpen);
  EXPECT_EQ(GetFollowup(due)->internal_date, kToday);
  EXPECT_FALSE(GetFollowup(none)->internal_date.has_value());

  FollowupQuery q;
  q.today = kToday;
  q.internal = FollowupQuery::Internal::kAny;
  EXPECT_THAT(Ids(QueryIds(q)),
              UnorderedElementsAre(passed.value, due.value, later.value, closed.value));
  q.internal = FollowupQuery::Internal::kDue;
  EXPECT_THAT(Ids(QueryIds(q)), ElementsAre(due.value));
  q.internal = FollowupQuery::Internal::kOverdue;
  EXPECT_THAT(Ids(QueryIds(q)), ElementsAre(passed.value));
  q.status = FollowupStatus::kClosed;  // closed and internally overdue: nothing
  EXPECT_THAT(Ids(QueryIds(q)), IsEmpty());

  // Moved and cleared with the version.
  Followup f = *GetFollowup(later);
  f.internal_date = kToday;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(f).status(); }));
  Followup g = *GetFollowup(later);
  EXPECT_EQ(g.internal_date, kToday);
  EXPECT_EQ(g.version, f.version + 1);
  g.internal_date.reset();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(g).status(); }));
  EXPECT_FALSE(GetFollowup(later)->internal_date.has_value());
  EXPECT_EQ(GetFollowup(later)->version, g.version + 1);
}

}  // namespace retorno
