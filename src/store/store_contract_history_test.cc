// The store contract: entries, attachments, transactions and the follow-up list.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "app/ports/followup_export.h"
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

// =================================================================================
// Entries

TEST_P(StoreContractTest, EntryRoundTripsEveryField) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  ActionId a = AddAction(f, u, kToday);
  Entry e;
  e.followup_id = f;
  e.action_id = a;
  e.kind = EntryKind::kComplaint;
  e.body = "Reclamação: o técnico não apareceu.\nSegunda linha.\tCom tab.";
  e.author_id = u;
  e.contact_at = Now() - absl::Hours(48);
  e.created_at = Now();
  e.draft = true;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.followups().InsertEntry(e);
    if (id.ok()) e.id = *id;
    return id.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.followups().FindEntry(e.id);
    if (!got.ok()) return got.status();
    EXPECT_TRUE(got->has_value());
    if (!*got) return absl::OkStatus();
    const Entry& g = **got;
    EXPECT_EQ(g.id, e.id);
    EXPECT_EQ(g.followup_id, f);
    EXPECT_EQ(g.action_id, a);
    EXPECT_EQ(g.kind, EntryKind::kComplaint);
    EXPECT_EQ(g.body, e.body);
    EXPECT_EQ(g.author_id, u);
    EXPECT_EQ(g.contact_at, e.contact_at);
    EXPECT_EQ(g.created_at, e.created_at);
    EXPECT_TRUE(g.draft);
    auto missing = tx.followups().FindEntry(EntryId(31337));
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ListEntriesNewestFirst) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  FollowupId other = AddFollowup(party, u, std::nullopt);
  EntryId oldest = AddEntry(f, u, "1", false, Now() - absl::Hours(2));
  EntryId tie_a = AddEntry(f, u, "2", false, Now());
  EntryId tie_b = AddEntry(f, u, "3", true, Now());  // same instant: higher id first
  EntryId middle = AddEntry(f, u, "4", false, Now() - absl::Hours(1));
  AddEntry(other, u, "elsewhere");
  std::vector<int64_t> ids;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.followups().ListEntries(f);
    if (!r.ok()) return r.status();
    for (const Entry& e : *r) ids.push_back(e.id.value);
    return absl::OkStatus();
  }));
  EXPECT_THAT(ids, ElementsAre(tie_b.value, tie_a.value, middle.value, oldest.value));
}

TEST_P(StoreContractTest, UpdateDraftEntryPublishesIt) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  EntryId id = AddEntry(f, u, "rascunho", true, Now() - absl::Hours(3));
  Entry e;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.followups().FindEntry(id);
    if (!got.ok()) return got.status();
    e = **got;
    return absl::OkStatus();
  }));
  e.draft = false;
  e.body = "texto final";
  e.kind = EntryKind::kInternal;
  e.created_at = Now();
  e.contact_at = Now() - absl::Minutes(1);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateEntry(e); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.followups().FindEntry(id);
    if (!got.ok()) return got.status();
    EXPECT_FALSE((*got)->draft);
    EXPECT_EQ((*got)->body, "texto final");
    EXPECT_EQ((*got)->kind, EntryKind::kInternal);
    EXPECT_EQ((*got)->created_at, Now());
    EXPECT_EQ((*got)->contact_at, Now() - absl::Minutes(1));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UpdatePublishedEntryIsRefusedAndChangesNothing) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  EntryId id = AddEntry(f, u, "história", false);
  Entry e;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.followups().FindEntry(id);
    if (!got.ok()) return got.status();
    e = **got;
    return absl::OkStatus();
  }));
  e.body = "reescrita";
  e.draft = true;
  absl::Status st = Write([&](Tx& tx) { return tx.followups().UpdateEntry(e); });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_EQ(st.message(), "published");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.followups().FindEntry(id);
    if (!got.ok()) return got.status();
    EXPECT_EQ((*got)->body, "história");
    EXPECT_FALSE((*got)->draft);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UpdateMissingEntryIsNotFound) {
  UserId u = AddUser("u");
  Entry e;
  e.id = EntryId(6060);
  e.followup_id = FollowupId(1);
  e.author_id = u;
  e.body = "x";
  absl::Status st = Write([&](Tx& tx) { return tx.followups().UpdateEntry(e); });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

// =================================================================================
// Attachments

TEST_P(StoreContractTest, AttachmentBytesRoundTripBinaryTenMebibytes) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  EntryId e = AddEntry(f, u, "anexo");
  std::string bytes(10 * 1024 * 1024, '\0');
  uint32_t x = 2463534242u;  // xorshift: every byte value, NULs included
  for (char& c : bytes) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xff);
  }
  bytes[0] = '\0';
  bytes[bytes.size() - 1] = '\0';
  Attachment a;
  a.followup_id = f;
  a.entry_id = e;
  a.file_name = "relatório técnico (versão final).pdf";
  a.content_type = "application/pdf";
  a.size = static_cast<int64_t>(bytes.size());
  a.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  a.uploaded_by = u;
  a.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.followups().InsertAttachment(a, bytes);
    if (id.ok()) a.id = *id;
    return id.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto meta = tx.followups().FindAttachment(a.id);
    if (!meta.ok()) return meta.status();
    EXPECT_TRUE(meta->has_value());
    if (!*meta) return absl::OkStatus();
    const Attachment& g = **meta;
    EXPECT_EQ(g.id, a.id);
    EXPECT_EQ(g.followup_id, f);
    EXPECT_EQ(g.entry_id, e);
    EXPECT_EQ(g.file_name, a.file_name);
    EXPECT_EQ(g.content_type, "application/pdf");
    EXPECT_EQ(g.size, 10 * 1024 * 1024);
    EXPECT_EQ(g.sha256, a.sha256);
    EXPECT_EQ(g.uploaded_by, u);
    EXPECT_EQ(g.created_at, Now());
    auto got = tx.followups().ReadAttachmentBytes(a.id);
    if (!got.ok()) return got.status();
    EXPECT_EQ(got->size(), bytes.size());
    EXPECT_TRUE(*got == bytes) << "bytes differ";
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AttachmentsListMetadataInOrderAndEmptyBytesRoundTrip) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  FollowupId other = AddFollowup(party, u, std::nullopt);
  std::vector<AttachmentId> ids;
  for (const std::string& content : {std::string("a\0b", 3), std::string(), std::string("zzz")}) {
    RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
      Attachment a;
      a.followup_id = f;
      a.file_name = absl::StrCat("f", ids.size(), ".bin");
      a.content_type = "application/octet-stream";
      a.size = static_cast<int64_t>(content.size());
      a.uploaded_by = u;
      a.created_at = Now();
      auto id = tx.followups().InsertAttachment(a, content);
      if (id.ok()) ids.push_back(*id);
      return id.status();
    }));
  }
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto list = tx.followups().ListAttachments(f);
    if (!list.ok()) return list.status();
    std::vector<std::string> names;
    for (const Attachment& a : *list) names.push_back(a.file_name);
    EXPECT_THAT(names, ElementsAre("f0.bin", "f1.bin", "f2.bin"));
    EXPECT_EQ((*list)[0].size, 3);
    EXPECT_FALSE((*list)[0].entry_id.has_value());
    auto none = tx.followups().ListAttachments(other);
    if (!none.ok()) return none.status();
    EXPECT_THAT(*none, IsEmpty());
    auto b0 = tx.followups().ReadAttachmentBytes(ids[0]);
    if (!b0.ok()) return b0.status();
    EXPECT_EQ(*b0, std::string("a\0b", 3));
    auto b1 = tx.followups().ReadAttachmentBytes(ids[1]);
    if (!b1.ok()) return b1.status();
    EXPECT_EQ(*b1, "");
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, MissingAttachmentIsAbsent) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto meta = tx.followups().FindAttachment(AttachmentId(404));
    if (!meta.ok()) return meta.status();
    EXPECT_FALSE(meta->has_value());
    absl::Status st = tx.followups().ReadAttachmentBytes(AttachmentId(404)).status();
    EXPECT_TRUE(absl::IsNotFound(st)) << st;
    return absl::OkStatus();
  }));
}

// =================================================================================
// Transactions

TEST_P(StoreContractTest, FailedCallbackRollsEverythingBack) {
  UserId u = AddUser("u");
  absl::Status st = Write([&](Tx& tx) -> absl::Status {
    Party p;
    p.code = "TMP";
    p.name = "Temporário";
    p.contacts = {{"c", "", "", ""}};
    auto party = tx.parties().InsertParty(p);
    if (!party.ok()) return party.status();
    Followup f;
    f.party_id = *party;
    f.owner_id = f.created_by = f.updated_by = u;
    f.subject = "desfazer";
    f.category = "pos_venda";
    auto fid = tx.followups().InsertFollowup(f);
    if (!fid.ok()) return fid.status();
    Settings s;
    s.company_name = "Nunca";
    if (absl::Status ps = tx.accounts().PutSettings(s); !ps.ok()) return ps;
    return absl::AbortedError("business rule said no");
  });
  EXPECT_TRUE(absl::IsAborted(st)) << st;
  EXPECT_EQ(st.message(), "business rule said no");
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto parties = tx.parties().SearchParties("", std::nullopt, 10);
    if (!parties.ok()) return parties.status();
    EXPECT_THAT(*parties, IsEmpty());
    auto s = tx.accounts().GetSettings();
    if (!s.ok()) return s.status();
    EXPECT_EQ(s->company_name, "Retorno");
    return absl::OkStatus();
  }));
  FollowupQuery q;
  q.today = kToday;
  EXPECT_THAT(QueryPage(q).items, IsEmpty());
  // The store is still usable for writes afterwards.
  AddParty("OK1", "Depois");
}

TEST_P(StoreContractTest, ExceptionInCallbackRollsBackAndIsInternal) {
  absl::Status st = Write([](Tx& tx) -> absl::Status {
    Party p;
    p.code = "EXC";
    p.name = "Exceção";
    if (!tx.parties().InsertParty(p).ok()) return absl::UnknownError("insert");
    throw std::runtime_error("boom");
  });
  EXPECT_TRUE(absl::IsInternal(st)) << st;
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto parties = tx.parties().SearchParties("", std::nullopt, 10);
    if (!parties.ok()) return parties.status();
    EXPECT_THAT(*parties, IsEmpty());
    return absl::OkStatus();
  }));
  st = Read([](Tx&) -> absl::Status { throw std::runtime_error("boom in read"); });
  EXPECT_TRUE(absl::IsInternal(st)) << st;
  AddParty("OK1", "Depois");
}

TEST_P(StoreContractTest, ReadTransactionsCannotWrite) {
  absl::Status st = Read([](Tx& tx) {
    return tx.accounts().InsertBranch({BranchId(), "Proibida", ""}).status();
  });
  EXPECT_FALSE(st.ok());
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto all = tx.accounts().ListBranches();
    if (!all.ok()) return all.status();
    EXPECT_THAT(*all, IsEmpty());
    return absl::OkStatus();
  }));
}

// =================================================================================
// QueryFollowups

TEST_P(StoreContractTest, QueryFollowupsFiltersByStatus) {
  const World w = MakeWorld();
  FollowupId open = AddFollowup(w.acme, w.ana, w.north, "aberto");
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "fechado", FollowupStatus::kClosed);
  FollowupQuery q;
  q.today = kToday;
  q.order = FollowupQuery::Order::kNewest;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(closed.value, open.value));
  q.status = FollowupStatus::kOpen;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(open.value));
  q.status = FollowupStatus::kClosed;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(closed.value));
}

TEST_P(StoreContractTest, StateFiltersCompareNextDueWithTheGivenToday) {
  const World w = MakeWorld();
  FollowupId overdue = AddFollowup(w.acme, w.ana, w.north, "atrasado");
  AddAction(overdue, w.ana, kToday - 1);
  AddAction(overdue, w.ana, kToday + 5);
  FollowupId today = AddFollowup(w.acme, w.ana, w.north, "hoje");
  AddAction(today, w.ana, kToday);
  FollowupId future = AddFollowup(w.acme, w.ana, w.north, "futuro");
  AddAction(future, w.ana, kToday + 1);
  FollowupId undated = AddFollowup(w.acme, w.ana, w.north, "sem retorno");
  AddAction(undated, w.ana, kToday - 3, ActionStatus::kDone);
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "fechado", FollowupStatus::kClosed);
  AddAction(closed, w.ana, kToday - 2);  // planned, but the follow-up is closed

  FollowupQuery q;
  q.today = kToday;
  q.order = FollowupQuery::Order::kNewest;
  auto ids = [&](FollowupState s) {
    q.state = s;
    return Values(QueryIds(q));
  };
  EXPECT_THAT(ids(FollowupState::kOverdue), ElementsAre(overdue.value));
  EXPECT_THAT(ids(FollowupState::kToday), ElementsAre(today.value));
  EXPECT_THAT(ids(FollowupState::kOpen), ElementsAre(undated.value, future.value));
  EXPECT_THAT(ids(FollowupState::kClosed), ElementsAre(closed.value));

  // The same data seen from tomorrow.
  q.today = kToday + 1;
  EXPECT_THAT(ids(FollowupState::kOverdue), ElementsAre(today.value, overdue.value));
  EXPECT_THAT(ids(FollowupState::kToday), ElementsAre(future.value));
  EXPECT_THAT(ids(FollowupState::kOpen), ElementsAre(undated.value));

  // A state and a contradicting status match nothing.
  q.today = kToday;
  q.status = FollowupStatus::kClosed;
  EXPECT_THAT(ids(FollowupState::kOverdue), IsEmpty());
  q.status = FollowupStatus::kOpen;
  EXPECT_THAT(ids(FollowupState::kClosed), IsEmpty());
  EXPECT_THAT(ids(FollowupState::kToday), ElementsAre(today.value));
}

TEST_P(StoreContractTest, VisibilityIsOwnerOrBranch) {
  const World w = MakeWorld();
  FollowupId ana_north = AddFollowup(w.acme, w.ana, w.north);
  FollowupId bia_north = AddFollowup(w.acme, w.bia, w.north);
  FollowupId caio_south = AddFollowup(w.acme, w.caio, w.south);
  FollowupId dani_none = AddFollowup(w.acme, w.dani, std::nullopt);
  // Owned by caio but kept in the north branch (e.g. moved between branches).
  FollowupId caio_north = AddFollowup(w.acme, w.caio, w.north);
  FollowupQuery q;
  q.today = kToday;
  q.order = FollowupQuery::Order::kNewest;

  q.visible_owner = w.caio;
  q.visible_branch = w.north;
  EXPECT_THAT(Values(QueryIds(q)),
              ElementsAre(caio_north.value, caio_south.value, bia_north.value, ana_north.value));
  q.visible_branch.reset();
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(caio_north.value, caio_south.value));
  q.visible_owner.reset();
  q.visible_branch = w.south;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(caio_south.value));
  q.visible_owner = w.dani;
  q.visible_branch = w.south;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(dani_none.value, caio_south.value));
  // Visibility combines with the other filters (AND).
  q.owner_id = w.caio;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(caio_south.value));
}

TEST_P(StoreContractTest, QueryFollowupsFiltersOwnerBranchPartyCategoryPriority) {
  const World w = MakeWorld();
  FollowupId a = AddFollowup(w.acme, w.ana, w.north);
  FollowupId b = AddFollowup(w.zeta, w.bia, w.north);
  FollowupId c = AddFollowup(w.zeta, w.caio, w.south);
  Followup fc = *GetFollowup(c);
  fc.category = "em_analise";
  fc.priority = Priority::kHigh;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.followups().UpdateFollowup(fc).status(); }));
  FollowupQuery base;
  base.today = kToday;
  base.order = FollowupQuery::Order::kNewest;
  FollowupQuery q = base;
  q.owner_id = w.ana;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(a.value));
  q = base;
  q.branch_id = w.north;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(b.value, a.value));
  q = base;
  q.party_id = w.zeta;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(c.value, b.value));
  q = base;
  q.category = "em_analise";
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(c.value));
  q = base;
  q.priority = Priority::kHigh;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(c.value));
  q.priority = Priority::kMedium;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(b.value, a.value));
  q = base;
  q.party_id = w.zeta;
  q.branch_id = w.north;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(b.value));
}

TEST_P(StoreContractTest, DueRangeIsInclusiveAndSkipsFollowupsWithoutDate) {
  const World w = MakeWorld();
  std::vector<FollowupId> by_offset;
  for (int d = -2; d <= 2; ++d) {
    FollowupId f = AddFollowup(w.acme, w.ana, w.north);
    AddAction(f, w.ana, kToday + d);
    by_offset.push_back(f);
  }
  FollowupId undated = AddFollowup(w.acme, w.ana, w.north);
  FollowupQuery q;
  q.today = kToday;
  q.due_from = kToday - 1;
  q.due_to = kToday + 1;
  EXPECT_THAT(Values(QueryIds(q)),
              ElementsAre(by_offset[1].value, by_offset[2].value, by_offset[3].value));
  q.due_to.reset();
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(by_offset[1].value, by_offset[2].value,
                                               by_offset[3].value, by_offset[4].value));
  q.due_from.reset();
  q.due_to = kToday - 2;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(by_offset[0].value));
  q.due_to.reset();
  EXPECT_THAT(QueryIds(q), SizeIs(6));
  EXPECT_EQ(QueryIds(q).back(), undated);
}

TEST_P(StoreContractTest, TextSearchesSubjectAndPublishedEntries) {
  const World w = MakeWorld();
  FollowupId subject = AddFollowup(w.acme, w.ana, w.north, "Troca de COMPRESSOR");
  FollowupId in_entry = AddFollowup(w.acme, w.ana, w.north, "Visita técnica");
  AddEntry(in_entry, w.ana, "Cliente pediu orçamento do compressor novo");
  FollowupId in_draft = AddFollowup(w.acme, w.ana, w.north, "Outro assunto");
  AddEntry(in_draft, w.ana, "compressor só no rascunho", /*draft=*/true);
  FollowupId percent = AddFollowup(w.acme, w.ana, w.north, "Desconto de 15% aprovado");
  FollowupId accent = AddFollowup(w.acme, w.ana, w.north, "Instalação em São Paulo");
  FollowupQuery q;
  q.today = kToday;
  q.order = FollowupQuery::Order::kNewest;
  q.text = "compressor";
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(in_entry.value, subject.value));
  q.text = "Compressor Novo";
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(in_entry.value));
  q.text = "15%";
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(percent.value));
  q.text = "5_";
  EXPECT_THAT(QueryIds(q), IsEmpty());
  q.text = "são paulo";
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(accent.value));
  q.text = "rascunho";
  EXPECT_THAT(QueryIds(q), IsEmpty());
  // Text combines with other filters.
  q.text = "compressor";
  q.party_id = w.zeta;
  EXPECT_THAT(QueryIds(q), IsEmpty());
}

TEST_P(StoreContractTest, OrderByDueIsDateThenIdWithUndatedLast) {
  const World w = MakeWorld();
  FollowupId undated1 = AddFollowup(w.acme, w.ana, w.north);
  FollowupId late = AddFollowup(w.acme, w.ana, w.north);
  AddAction(late, w.ana, kToday + 9);
  FollowupId early = AddFollowup(w.acme, w.ana, w.north);
  AddAction(early, w.ana, kToday - 9);
  FollowupId mid1 = AddFollowup(w.acme, w.ana, w.north);
  AddAction(mid1, w.ana, kToday);
  FollowupId undated2 = AddFollowup(w.acme, w.ana, w.north);
  FollowupId mid2 = AddFollowup(w.acme, w.ana, w.north);
  AddAction(mid2, w.ana, kToday);
  FollowupQuery q;
  q.today = kToday;
  q.order = FollowupQuery::Order::kDue;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(early.value, mid1.value, mid2.value, late.value,
                                               undated1.value, undated2.value));
  q.order = FollowupQuery::Order::kNewest;
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(mid2.value, undated2.value, mid1.value, early.value,
                                               late.value, undated1.value));
}

TEST_P(StoreContractTest, PaginationHasNoDuplicatesOrGapsOverThreePages) {
  const World w = MakeWorld();
  const std::vector<std::pair<UserId, std::optional<BranchId>>> owners = {{w.ana, w.north},
                                                                          {w.caio, w.south},
                                                                          {w.caio, w.north},
                                                                          {w.dani, std::nullopt},
                                                                          {w.bia, w.north}};
  for (int i = 0; i < 40; ++i) {
    const auto& [owner, branch] = owners[i % owners.size()];
    FollowupId f = AddFollowup(w.acme, owner, branch, absl::StrCat("F", i));
    // Several follow-ups share each date, and some have none: ties and NULLs cross
    // page boundaries.
    if (i % 7 != 6) AddAction(f, owner, kToday + (i % 3));
  }
  struct Visibility {
    std::optional<UserId> owner;
    std::optional<BranchId> branch;
    size_t expected;
  };
  // Everyone (40); caio alone (16); caio or the north branch (32): 24 in the north
  // (ana, caio there, bia) and caio's 8 in the south.
  for (const Visibility& v :
       {Visibility{std::nullopt, std::nullopt, 40}, Visibility{w.caio, std::nullopt, 16},
        Visibility{w.caio, w.north, 32}}) {
    for (FollowupQuery::Order order : {FollowupQuery::Order::kDue, FollowupQuery::Order::kNewest}) {
      SCOPED_TRACE(absl::StrCat("visible owner ", v.owner.has_value(), " branch ",
                                v.branch.has_value(), " order ", static_cast<int>(order)));
      FollowupQuery q;
      q.today = kToday;
      q.order = order;
      q.visible_owner = v.owner;
      q.visible_branch = v.branch;
      q.limit = static_cast<int>(v.expected);
      FollowupPage whole = QueryPage(q);
      std::vector<int64_t> expected = PageIds(whole);
      ASSERT_THAT(expected, SizeIs(v.expected));
      EXPECT_TRUE(whole.next_cursor.empty()) << "exactly limit rows: no next page";

      q.limit = static_cast<int>((v.expected + 2) / 3);  // three pages, the last shorter
      std::vector<int64_t> seen;
      int pages = 0;
      for (; pages < 10; ++pages) {
        FollowupPage p = QueryPage(q);
        for (int64_t id : PageIds(p)) seen.push_back(id);
        if (p.next_cursor.empty()) break;
        q.cursor = p.next_cursor;
      }
      EXPECT_EQ(pages + 1, 3);
      EXPECT_EQ(seen, expected);
      EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), v.expected);
    }
  }
}

TEST_P(StoreContractTest, PaginationContinuesAfterConcurrentInserts) {
  const World w = MakeWorld();
  std::vector<int64_t> created;
  for (int i = 0; i < 6; ++i) created.push_back(AddFollowup(w.acme, w.ana, w.north).value);
  std::reverse(created.begin(), created.end());
  FollowupQuery q;
  q.today = kToday;
  q.order = FollowupQuery::Order::kNewest;
  q.limit = 3;
  FollowupPage first = QueryPage(q);
  ASSERT_FALSE(first.next_cursor.empty());
  AddFollowup(w.acme, w.ana, w.north);  // newer than the first page: not on page 2
  q.cursor = first.next_cursor;
  FollowupPage second = QueryPage(q);
  std::vector<int64_t> ids = PageIds(first);
  for (int64_t id : PageIds(second)) ids.push_back(id);
  EXPECT_EQ(ids, created);
}

TEST_P(StoreContractTest, ForeignCursorIsInvalidArgument) {
  const World w = MakeWorld();
  for (int i = 0; i < 3; ++i) AddFollowup(w.acme, w.ana, w.north);
  FollowupQuery q;
  q.today = kToday;
  q.limit = 1;
  q.order = FollowupQuery::Order::kDue;
  std::string due_cursor = QueryPage(q).next_cursor;
  ASSERT_FALSE(due_cursor.empty());
  for (std::string bad : {std::string("garbage!"), std::string("bm90IGEgY3Vyc29y"), due_cursor}) {
    FollowupQuery b = q;
    b.order = FollowupQuery::Order::kNewest;
    b.cursor = bad;
    absl::Status st =
        Read([&](Tx& tx) { return tx.followup_queries().QueryFollowups(b).status(); });
    EXPECT_TRUE(absl::IsInvalidArgument(st)) << bad << ": " << st;
    FollowupExportPage page;
    st = Read([&](Tx& tx) { return tx.followup_export().QueryFollowupsForExport(b, page); });
    EXPECT_TRUE(absl::IsInvalidArgument(st)) << "export, " << bad << ": " << st;
  }
}

TEST_P(StoreContractTest, FollowupRowsCarryTheirParty) {
  const World w = MakeWorld();
  AddFollowup(w.acme, w.ana, w.north);
  AddFollowup(w.zeta, w.ana, w.north);
  FollowupQuery q;
  q.today = kToday;
  q.order = FollowupQuery::Order::kNewest;
  FollowupPage p = QueryPage(q);
  ASSERT_THAT(p.items, SizeIs(2));
  EXPECT_EQ(p.items[0].party.id, w.zeta);
  EXPECT_EQ(p.items[0].party.code, "ZETA");
  EXPECT_EQ(p.items[0].party.name, "Zeta Serviços");
  EXPECT_EQ(p.items[1].party.id, w.acme);
  EXPECT_EQ(p.items[1].party.code, "ACME");
  EXPECT_EQ(p.items[1].party.name, "Acme Indústria");
  EXPECT_EQ(p.items[1].followup.party_id, w.acme);
}

TEST_P(StoreContractTest, FindFollowupRowIsTheFollowupWithItsParty) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.zeta, w.ana, w.north, "Revisão anual");
  AddAction(f, w.ana, kToday + 3);
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<FollowupRow> row, tx.followup_queries().FindFollowupRow(f));
    ASSIGN_OR_RETURN(std::optional<Followup> alone, tx.followups().FindFollowup(f));
    EXPECT_TRUE(row.has_value() && alone.has_value());
    if (!row || !alone) return absl::OkStatus();
    EXPECT_EQ(row->followup.id, f);
    EXPECT_EQ(row->followup.subject, "Revisão anual");
    EXPECT_EQ(row->followup.next_due_date, kToday + 3);
    EXPECT_EQ(row->followup.version, alone->version);
    EXPECT_EQ(row->followup.owner_id, alone->owner_id);
    EXPECT_EQ(row->party.id, w.zeta);
    EXPECT_EQ(row->party.code, "ZETA");
    EXPECT_EQ(row->party.name, "Zeta Serviços");
    ASSIGN_OR_RETURN(std::optional<FollowupRow> none,
                     tx.followup_queries().FindFollowupRow(FollowupId(99999)));
    EXPECT_FALSE(none.has_value());
    return absl::OkStatus();
  }));
}

}  // namespace retorno
