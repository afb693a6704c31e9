// The store contract: catalogue, documents, birthdays and imports.
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
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using namespace contract;  // NOLINT: the suite's small helpers

// ---------------------------------------------------------------------------------
// Catalogue, documents, birthdays and imports

namespace {

CatalogItem NewCatalogItem(const std::string& code, std::optional<int> days) {
  CatalogItem c;
  c.code = code;
  c.kind = CatalogKind::kProduct;
  c.name = "Filtro " + code;
  c.followup_days = days;
  c.followup = {"Troca do filtro", "pos_venda", "phone", "Olá #{cliente}"};
  c.created_at = c.updated_at = absl::FromUnixSeconds(1'780'000'000);
  return c;
}

}  // namespace

TEST_P(StoreContractTest, CatalogItemsRoundTripSearchAndRefuseADuplicateCode) {
  CatalogItemId id;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(id, tx.sales().InsertCatalogItem(NewCatalogItem("FLT-1", 180)));
    CatalogItem s = NewCatalogItem("SRV-1", std::nullopt);
    s.kind = CatalogKind::kService;
    s.name = "Instalação";
    return tx.sales().InsertCatalogItem(s).status();
  }));
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<CatalogItem> c, tx.sales().FindCatalogItem(id));
    EXPECT_TRUE(c.has_value());
    if (!c) return absl::OkStatus();
    EXPECT_EQ(c->code, "FLT-1");
    EXPECT_EQ(c->followup_days, 180);
    EXPECT_EQ(c->followup,
              (FollowupTemplate{"Troca do filtro", "pos_venda", "phone", "Olá #{cliente}"}));
    ASSIGN_OR_RETURN(std::optional<CatalogItem> by_code, tx.sales().FindCatalogItemByCode("SRV-1"));
    EXPECT_TRUE(by_code && by_code->kind == CatalogKind::kService && !by_code->followup_days);
    ASSIGN_OR_RETURN(std::vector<CatalogItem> all, tx.sales().SearchCatalog("", std::nullopt, 10));
    EXPECT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "Filtro FLT-1");  // by name
    ASSIGN_OR_RETURN(std::vector<CatalogItem> services,
                     tx.sales().SearchCatalog("", CatalogKind::kService, 10));
    EXPECT_EQ(services.size(), 1u);
    ASSIGN_OR_RETURN(std::vector<CatalogItem> instal,
                     tx.sales().SearchCatalog("instal", std::nullopt, 10));
    EXPECT_EQ(instal.size(), 1u);
    return absl::OkStatus();
  }));
  absl::Status dup = Write(
      [&](Tx& tx) { return tx.sales().InsertCatalogItem(NewCatalogItem("FLT-1", 1)).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    CatalogItem c = NewCatalogItem("FLT-1", std::nullopt);
    c.id = id;
    c.active = false;
    RETURN_IF_ERROR(tx.sales().UpdateCatalogItem(c));
    ASSIGN_OR_RETURN(std::optional<CatalogItem> back, tx.sales().FindCatalogItem(id));
    EXPECT_TRUE(back && !back->active && !back->followup_days);
    c.id = CatalogItemId(999999);
    EXPECT_TRUE(absl::IsNotFound(tx.sales().UpdateCatalogItem(c)));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, DocumentsKeepTheirItemsVersionAndUniqueNumberPerKind) {
  const UserId u = AddUser("vera");
  const PartyId p = AddParty("C-1", "Oficina Souza");
  CatalogItemId item;
  SalesDocument d;
  d.kind = DocumentKind::kSale;
  d.number = "V-1";
  d.party_id = p;
  d.owner_id = u;
  d.date = kToday;
  d.created_by = d.updated_by = u;
  d.created_at = d.updated_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(item, tx.sales().InsertCatalogItem(NewCatalogItem("FLT-1", 30)));
    d.items = {{0, item, "FLT-1", "Filtro", 2.5}, {1, std::nullopt, "AVULSO", "Mangueira ½\"", 1}};
    ASSIGN_OR_RETURN(d.id, tx.sales().InsertDocument(d));
    return absl::OkStatus();
  }));
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> back,
                     tx.sales().FindDocumentByNumber(DocumentKind::kSale, "V-1"));
    EXPECT_TRUE(back.has_value());
    if (!back) return absl::OkStatus();
    EXPECT_EQ(back->id, d.id);
    EXPECT_EQ(back->version, 1);
    EXPECT_EQ(back->items, d.items);
    EXPECT_EQ(back->date, kToday);
    EXPECT_FALSE(back->completed_on);
    ASSIGN_OR_RETURN(std::optional<SalesDocument> other,
                     tx.sales().FindDocumentByNumber(DocumentKind::kQuote, "V-1"));
    EXPECT_FALSE(other.has_value());
    return absl::OkStatus();
  }));
  // The same number is another document in another kind, and taken in the same kind.
  SalesDocument quote = d;
  quote.kind = DocumentKind::kQuote;
  quote.items.clear();
  RETORNO_EXPECT_OK(Write([&](Tx& tx) { return tx.sales().InsertDocument(quote).status(); }));
  absl::Status dup = Write([&](Tx& tx) { return tx.sales().InsertDocument(d).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup) && dup.message() == "number") << dup;

  SalesDocument changed = d;
  changed.status = DocumentStatus::kCompleted;
  changed.completed_on = kToday + 1;
  changed.items.pop_back();
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t v, tx.sales().UpdateDocument(changed));
    EXPECT_EQ(v, 2);
    ASSIGN_OR_RETURN(std::optional<SalesDocument> back, tx.sales().FindDocument(d.id));
    EXPECT_TRUE(back && back->items.size() == 1 && back->completed_on == kToday + 1 &&
                back->status == DocumentStatus::kCompleted);
    // The header: every field but the items.
    ASSIGN_OR_RETURN(std::optional<SalesDocument> header, tx.sales().FindDocumentHeader(d.id));
    EXPECT_TRUE(header && header->items.empty() && header->number == d.number &&
                header->kind == d.kind && header->version == 2 &&
                header->completed_on == kToday + 1);
    ASSIGN_OR_RETURN(std::optional<SalesDocument> none,
                     tx.sales().FindDocumentHeader(DocumentId(987654)));
    EXPECT_FALSE(none.has_value());
    return absl::OkStatus();
  }));
  absl::Status stale = Write([&](Tx& tx) { return tx.sales().UpdateDocument(changed).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(stale) && stale.message() == "version") << stale;

  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    DocumentQuery q;
    q.limit = 1;
    ASSIGN_OR_RETURN(DocumentPage first, tx.sales().QueryDocuments(q));
    EXPECT_EQ(first.items.size(), 1u);
    EXPECT_FALSE(first.next_cursor.empty());
    if (first.items.empty()) return absl::OkStatus();
    EXPECT_EQ(first.items[0].document.kind, DocumentKind::kQuote);  // newest first
    EXPECT_EQ(first.items[0].party.name, "Oficina Souza");
    q.cursor = first.next_cursor;
    ASSIGN_OR_RETURN(DocumentPage second, tx.sales().QueryDocuments(q));
    EXPECT_EQ(second.items.size(), 1u);
    EXPECT_TRUE(second.next_cursor.empty());
    DocumentQuery text;
    text.text = "souza";
    text.kind = DocumentKind::kSale;
    ASSIGN_OR_RETURN(DocumentPage by_name, tx.sales().QueryDocuments(text));
    EXPECT_EQ(by_name.items.size(), 1u);
    DocumentQuery bad;
    bad.cursor = "x";
    EXPECT_TRUE(absl::IsInvalidArgument(tx.sales().QueryDocuments(bad).status()));
    return absl::OkStatus();
  }));
}

// The list shows a user only the documents they reach: sold by them, of a customer
// they own, or (for a supervisor's query) of their branch.
TEST_P(StoreContractTest, DocumentQueryKeepsToWhatTheViewerReaches) {
  const BranchId campinas = AddBranch("Campinas");
  const BranchId recife = AddBranch("Recife");
  const UserId vera = AddUser("vera", campinas);
  const UserId rui = AddUser("rui", recife);
  const PartyId of_vera = AddParty("C-V", "Cliente da Vera");
  const PartyId of_nobody = AddParty("C-N", "Cliente sem dono");
  std::vector<DocumentId> docs;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> p, tx.parties().FindParty(of_vera));
    p->owner_id = vera;
    p->branch_id = campinas;
    RETURN_IF_ERROR(tx.parties().UpdateParty(*p).status());
    // [0] Vera's customer, sold by Rui in Recife; [1] sold by Vera; [2] Recife's, nobody's.
    const std::tuple<PartyId, std::optional<UserId>, BranchId> rows[] = {
        {of_vera, rui, recife}, {of_nobody, vera, campinas}, {of_nobody, std::nullopt, recife}};
    int n = 0;
    for (const auto& [party, owner, branch] : rows) {
      SalesDocument d;
      d.kind = DocumentKind::kSale;
      d.number = absl::StrCat("S-", ++n);
      d.party_id = party;
      d.owner_id = owner;
      d.branch_id = branch;
      d.date = kToday;
      d.created_by = d.updated_by = vera;
      d.created_at = d.updated_at = Now();
      ASSIGN_OR_RETURN(DocumentId id, tx.sales().InsertDocument(d));
      docs.push_back(id);
    }
    return absl::OkStatus();
  }));
  auto seen = [&](std::optional<UserId> to, std::optional<BranchId> branch) {
    std::vector<DocumentId> out;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      DocumentQuery q;
      q.visible_to = to;
      q.visible_branch = branch;
      ASSIGN_OR_RETURN(DocumentPage page, tx.sales().QueryDocuments(q));
      for (const DocumentRow& r : page.items) out.push_back(r.document.id);
      std::sort(out.begin(), out.end());
      return absl::OkStatus();
    }));
    return out;
  };
  EXPECT_EQ(seen(std::nullopt, std::nullopt), docs);
  EXPECT_EQ(seen(vera, std::nullopt), (std::vector<DocumentId>{docs[0], docs[1]}));
  EXPECT_EQ(seen(rui, std::nullopt), (std::vector<DocumentId>{docs[0]}));
  EXPECT_EQ(seen(rui, recife), (std::vector<DocumentId>{docs[0], docs[2]}));
  EXPECT_EQ(seen(AddUser("sara", campinas), campinas), (std::vector<DocumentId>{docs[1]}));
}

TEST_P(StoreContractTest, FollowupsKeepTheirDocumentAndAUniqueOriginKey) {
  const UserId u = AddUser("vera");
  const PartyId p = AddParty("C-1", "Oficina Souza");
  SalesDocument d;
  d.number = "V-9";
  d.party_id = p;
  d.date = kToday;
  d.created_by = d.updated_by = u;
  d.created_at = d.updated_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(d.id, tx.sales().InsertDocument(d));
    return absl::OkStatus();
  }));
  Followup f;
  f.party_id = p;
  f.owner_id = u;
  f.subject = "Troca do filtro";
  f.category = "pos_venda";
  f.origin = "after_sale";
  f.document_id = d.id;
  f.origin_key = "doc:9:item:1";
  f.created_by = f.updated_by = u;
  f.created_at = f.updated_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(f.id, tx.followups().InsertFollowup(f));
    Followup manual = f;
    manual.origin = "manual";
    manual.origin_key.clear();
    RETURN_IF_ERROR(tx.followups().InsertFollowup(manual).status());
    return tx.followups().InsertFollowup(manual).status();  // no key: any number of them
  }));
  absl::Status dup = Write([&](Tx& tx) { return tx.followups().InsertFollowup(f).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Followup> by_key,
                     tx.followups().FindFollowupByOriginKey("doc:9:item:1"));
    EXPECT_TRUE(by_key && by_key->id == f.id && by_key->document_id == d.id);
    ASSIGN_OR_RETURN(std::optional<Followup> none,
                     tx.followups().FindFollowupByOriginKey("doc:9:item:2"));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_RETURN(std::vector<Followup> linked, tx.sales().ListDocumentFollowups(d.id));
    EXPECT_EQ(linked.size(), 3u);
    if (!linked.empty()) {
      EXPECT_EQ(linked[0].id, f.id);
    }
    if (linked.size() > 1) {
      EXPECT_TRUE(linked[1].origin_key.empty());
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, BirthdaysOfPartiesAndContactsByMonthDay) {
  Party p;
  p.code = "C-7";
  p.name = "Dona Zilda";
  p.birthday = absl::CivilDay(1975, 3, 10);
  p.contacts = {Contact{"Rafael", "", "", "", absl::CivilDay(1990, 3, 12)},
                Contact{"Bia", "", "", "", std::nullopt},
                Contact{"Caio", "", "", "", absl::CivilDay(1988, 12, 31)}};
  p.created_at = Now();
  PartyId id;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(id, tx.parties().InsertParty(p));
    return absl::OkStatus();
  }));
  AddParty("C-8", "Sem aniversário");
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> back, tx.parties().FindParty(id));
    EXPECT_TRUE(back && back->contacts.size() == 3 &&
                back->contacts[0].birthday == absl::CivilDay(1990, 3, 12) &&
                !back->contacts[1].birthday);
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> march,
                     tx.parties().ListBirthdays("03-01", "03-11", std::nullopt));
    EXPECT_EQ(march.size(), 1u);
    if (!march.empty()) {
      EXPECT_EQ(march[0].contact_position, -1);
    }
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> wider,
                     tx.parties().ListBirthdays("03-01", "03-31", id));
    EXPECT_EQ(wider.size(), 2u);
    if (wider.size() == 2) {
      EXPECT_EQ(wider[1].contact_position, 0);
    }
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> dec,
                     tx.parties().ListBirthdays("12-31", "12-31", std::nullopt));
    EXPECT_EQ(dec.size(), 1u);
    if (!dec.empty()) {
      EXPECT_EQ(dec[0].contact_position, 2);
    }
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> other,
                     tx.parties().ListBirthdays("01-01", "12-31", PartyId(id.value + 1)));
    EXPECT_TRUE(other.empty());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ImportsAreLeasedResumedAndDropTheirFileWhenDone) {
  const UserId u = AddUser("vera");
  ImportRun run;
  run.file_name = "vendas.csv";
  run.user_id = u;
  run.total_lines = 3;
  run.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(run.id,
                     tx.sales().InsertImport(run, std::string("kind,number\nsale,1\0x\n", 21)));
    return absl::OkStatus();
  }));
  const absl::Time t0 = Now();
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    // Each kind of import has its own job: the customers' job must not lease a
    // documents import it cannot work, or that import waits for the lease to run out.
    ASSIGN_OR_RETURN(std::optional<ImportRun> other,
                     tx.sales().ClaimImport("parties", t0, "w1", t0 + absl::Minutes(2)));
    EXPECT_FALSE(other.has_value()) << "another kind's import";
    return absl::OkStatus();
  }));
  // A customers' import queued after the documents' waits for it to end.
  ImportRun customers = run;
  customers.kind = "parties";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(customers.id, tx.sales().InsertImport(customers, "codigo;nome\n1;A\n"));
    ASSIGN_OR_RETURN(std::optional<ImportRun> waits,
                     tx.sales().ClaimImport("parties", t0, "w9", t0 + absl::Minutes(2)));
    EXPECT_FALSE(waits.has_value()) << "an older import of another kind is unfinished";
    return absl::OkStatus();
  }));
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ImportRun> a,
                     tx.sales().ClaimImport("documents", t0, "w1", t0 + absl::Minutes(2)));
    EXPECT_TRUE(a && a->id == run.id && a->status == ImportStatus::kQueued);
    ASSIGN_OR_RETURN(std::optional<ImportRun> b,
                     tx.sales().ClaimImport("documents", t0, "w2", t0 + absl::Minutes(2)));
    EXPECT_FALSE(b.has_value()) << "leased by w1";
    ASSIGN_OR_RETURN(std::optional<ImportRun> again,
                     tx.sales().ClaimImport("documents", t0, "w1", t0 + absl::Minutes(2)));
    EXPECT_TRUE(again.has_value()) << "its own lease";
    ASSIGN_OR_RETURN(std::string content, tx.sales().ReadImportContent(run.id));
    EXPECT_EQ(content.size(), 21u);  // bytes, NUL included
    return absl::OkStatus();
  }));
  ImportRun progress = run;
  progress.status = ImportStatus::kRunning;
  progress.processed_lines = 2;
  progress.documents_created = 1;
  progress.error_lines = 1;
  progress.errors = {{3, "customer_code", "unknown_party"}};
  EXPECT_TRUE(absl::IsFailedPrecondition(Write(
      [&](Tx& tx) { return tx.sales().UpdateImport(progress, "w2", t0 + absl::Minutes(2)); })));
  RETORNO_EXPECT_OK(Write(
      [&](Tx& tx) { return tx.sales().UpdateImport(progress, "w1", t0 + absl::Minutes(2)); }));
  // After the lease runs out another worker resumes it where it stopped.
  const absl::Time later = t0 + absl::Minutes(3);
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ImportRun> r,
                     tx.sales().ClaimImport("documents", later, "w2", later + absl::Minutes(2)));
    EXPECT_TRUE(r && r->processed_lines == 2 && r->status == ImportStatus::kRunning);
    if (r) {
      EXPECT_EQ(r->errors, progress.errors);
    }
    ImportRun done = *r;
    done.status = ImportStatus::kDone;
    done.processed_lines = 3;
    done.finished_at = later;
    return tx.sales().UpdateImport(done, "w2", later + absl::Minutes(2));
  }));
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ImportRun> none,
                     tx.sales().ClaimImport("documents", later + absl::Hours(1), "w3", later));
    EXPECT_FALSE(none.has_value()) << "done imports are not claimed";
    ASSIGN_OR_RETURN(std::string content, tx.sales().ReadImportContent(run.id));
    EXPECT_TRUE(content.empty()) << "the file is dropped once done";
    ASSIGN_OR_RETURN(std::vector<ImportRun> list, tx.sales().ListImports(10));
    EXPECT_EQ(list.size(), 2u);
    if (list.size() == 2) {
      EXPECT_EQ(list[1].finished_at, later);
      EXPECT_EQ(list[1].documents_created, 1);
    }
    // The documents' import ended: the customers' one behind it is free to go.
    ASSIGN_OR_RETURN(std::optional<ImportRun> next,
                     tx.sales().ClaimImport("parties", later, "w9", later + absl::Minutes(2)));
    EXPECT_TRUE(next && next->id == customers.id && next->kind == "parties");
    return absl::OkStatus();
  }));
}

}  // namespace retorno

namespace retorno {

// ADR 0042: documents made from a follow-up keep their link, chain, billing, currency,
// prices and discount; the numbering counters; one pending reopen request per follow-up.
TEST_P(StoreContractTest, FollowupDocumentsKeepTheirChainPricesAndReopenRequests) {
  const UserId u = AddUser("vera");
  const PartyId p = AddParty("C-1", "Oficina Souza");
  const FollowupId f = AddFollowup(p, u, std::nullopt);
  SalesDocument quote;
  quote.kind = DocumentKind::kQuote;
  quote.number = "RT-000001";
  quote.party_id = p;
  quote.owner_id = u;
  quote.date = kToday;
  quote.followup_id = f;
  quote.currency = "MXN";
  quote.discount = 990;
  quote.items = {{.position = 0,
                  .item_code = "FLT-1",
                  .quantity = 2.5,
                  .unit_price = 15000,
                  .discount_bp = 1050}};
  quote.created_by = quote.updated_by = u;
  quote.created_at = quote.updated_at = Now();
  SalesDocument order = quote;
  order.kind = DocumentKind::kSalesOrder;
  SalesDocument sale = quote;
  sale.kind = DocumentKind::kSale;
  sale.billing = DocumentBilling::kExcess;
  int64_t n1 = 0, n2 = 0, n3 = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(n1, tx.sales().NextDocumentNumber(DocumentKind::kQuote));
    ASSIGN_OR_RETURN(n2, tx.sales().NextDocumentNumber(DocumentKind::kQuote));
    ASSIGN_OR_RETURN(n3, tx.sales().NextDocumentNumber(DocumentKind::kSale));
    ASSIGN_OR_RETURN(quote.id, tx.sales().InsertDocument(quote));
    order.origin_id = quote.id;
    ASSIGN_OR_RETURN(order.id, tx.sales().InsertDocument(order));
    sale.origin_id = order.id;
    ASSIGN_OR_RETURN(sale.id, tx.sales().InsertDocument(sale));
    return absl::OkStatus();
  }));
  EXPECT_EQ(n1, 1);
  EXPECT_EQ(n2, 2);
  EXPECT_EQ(n3, 1);
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<SalesDocument> docs, tx.sales().ListFollowupDocuments(f));
    EXPECT_THAT(docs, SizeIs(3));
    if (docs.size() != 3) return absl::OkStatus();
    EXPECT_EQ(docs[0].id, quote.id);
    EXPECT_EQ(docs[0].followup_id, f);
    EXPECT_EQ(docs[0].origin_id, std::nullopt);
    EXPECT_EQ(docs[0].currency, "MXN");
    EXPECT_EQ(docs[0].discount, 990);
    EXPECT_EQ(docs[0].items, quote.items);
    EXPECT_EQ(docs[1].origin_id, quote.id);
    EXPECT_EQ(docs[2].origin_id, order.id);
    EXPECT_EQ(docs[2].billing, DocumentBilling::kExcess);
    ASSIGN_OR_RETURN(std::vector<SalesDocument> none,
                     tx.sales().ListFollowupDocuments(FollowupId(f.value + 1000)));
    EXPECT_THAT(none, IsEmpty());
    return absl::OkStatus();
  }));

  ReopenRequest r;
  r.followup_id = f;
  r.requested_by = u;
  r.reason = "Cliente ligou";
  r.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(r.id, tx.sales().InsertReopenRequest(r));
    return absl::OkStatus();
  }));
  absl::Status second = Write([&](Tx& tx) { return tx.sales().InsertReopenRequest(r).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(second)) << second;
  r.status = ReopenRequestStatus::kRefused;
  r.decided_by = u;
  r.decided_at = Now() + absl::Minutes(5);
  r.answer = "Não";
  RETORNO_EXPECT_OK(Write([&](Tx& tx) { return tx.sales().DecideReopenRequest(r); }));
  absl::Status again = Write([&](Tx& tx) { return tx.sales().DecideReopenRequest(r); });
  EXPECT_TRUE(absl::IsFailedPrecondition(again)) << again;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ReopenRequest> back, tx.sales().FindReopenRequest(r.id));
    EXPECT_TRUE(back.has_value());
    if (back) {
      EXPECT_EQ(back->status, ReopenRequestStatus::kRefused);
      EXPECT_EQ(back->decided_by, u);
      EXPECT_EQ(back->decided_at, r.decided_at);
      EXPECT_EQ(back->answer, "Não");
      EXPECT_EQ(back->reason, "Cliente ligou");
    }
    ASSIGN_OR_RETURN(std::optional<ReopenRequest> pending, tx.sales().FindPendingReopenRequest(f));
    EXPECT_FALSE(pending.has_value());
    return absl::OkStatus();
  }));
  // Decided, a new request may be made.
  RETORNO_EXPECT_OK(Write([&](Tx& tx) {
    ReopenRequest next = r;
    next.status = ReopenRequestStatus::kPending;
    return tx.sales().InsertReopenRequest(next).status();
  }));
}

}  // namespace retorno
