// The sales use cases against a real SQLite store: automatic follow-ups in the owner's
// "today" (São Paulo, Mexico City), birthdays in the organisation's zone (São Paulo,
// Mexico City, New York on its DST day) and an import resumed by another worker after
// the first one died mid-way.
#include "app/sales/sales.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "app/parties/parties.h"
#include "app/use_case_test.h"

namespace retorno {
namespace {

class SalesTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    documents_ = std::make_unique<DocumentService>(*store_, *followups_);
    catalog_ = std::make_unique<CatalogService>(*store_);
  }

  CatalogItem NewProduct(const std::string& code, int days) {
    CatalogInput in;
    in.code = code;
    in.kind = CatalogKind::kProduct;
    in.name = "Produto " + code;
    in.followup_days = days;
    return catalog_->Create(admin_, in, Utc(2026, 1, 1, 12, 0)).value();
  }

  void SetOrgZone(const std::string& zone) {
    ASSERT_TRUE(store_
                    ->Write([&](Tx& tx) -> absl::Status {
                      Settings s = tx.accounts().GetSettings().value();
                      s.time_zone = zone;
                      return tx.accounts().PutSettings(s);
                    })
                    .ok());
  }

  std::vector<Followup> FollowupsOf(PartyId party) {
    std::vector<Followup> out;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) -> absl::Status {
                      FollowupQuery q;
                      q.party_id = party;
                      q.limit = 100;
                      auto page = tx.followup_queries().QueryFollowups(q);
                      if (!page.ok()) return page.status();
                      for (FollowupRow& r : page->items) out.push_back(std::move(r.followup));
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  std::unique_ptr<DocumentService> documents_;
  std::unique_ptr<CatalogService> catalog_;
};

// 04:00 UTC on 30 November: 01:00 of the 30th in São Paulo, 22:00 of the 29th in
// Mexico City. A sale whose follow-up is due on the 29th is still on time for a seller
// in Mexico City, and already late (so not created) for one in São Paulo.
TEST_F(SalesTest, AfterSaleFollowupIsJudgedInTheOwnersToday) {
  const absl::Time now = Utc(2026, 11, 30, 4, 0);
  const CatalogItem item = NewProduct("FLT", 30);
  const User mexico = NewUser("lupita", Role::kAgent, "America/Mexico_City");
  const User saopaulo = NewUser("joao", Role::kAgent, "America/Sao_Paulo");
  for (const User* seller : {&mexico, &saopaulo}) {
    const Party p = NewParty("C-" + seller->login, seller->id);
    DocumentInput in;
    in.kind = DocumentKind::kSale;
    in.number = "V-" + seller->login;
    in.party_id = p.id;
    in.owner_id = seller->id;
    in.date = absl::CivilDay(2026, 11, 29) - 30;
    in.items = {{item.code, "", 1.0}};
    absl::StatusOr<DocumentView> v = documents_->Create(admin_, in, now);
    ASSERT_TRUE(v.ok()) << v.status();
    if (seller == &mexico) {
      ASSERT_EQ(v->followups.size(), 1u);
      EXPECT_EQ(v->followups[0].row.followup.next_due_date, absl::CivilDay(2026, 11, 29));
      EXPECT_EQ(v->followups[0].row.followup.owner_id, mexico.id);
    } else {
      EXPECT_TRUE(v->followups.empty()) << "late on arrival for a São Paulo seller";
    }
  }
}

struct BirthdayCase {
  const char* zone;
  absl::Time now;
  absl::CivilDay org_today;
};

TEST_F(SalesTest, BirthdaysFallOnTheOrganisationsToday) {
  const User owner = NewUser("vera", Role::kAgent, "America/Sao_Paulo");
  const BirthdayCase cases[] = {
      // 01:30 UTC on 10 March: still the 9th in São Paulo and Mexico City.
      {"America/Sao_Paulo", Utc(2026, 3, 10, 1, 30), absl::CivilDay(2026, 3, 9)},
      {"America/Mexico_City", Utc(2026, 3, 10, 1, 30), absl::CivilDay(2026, 3, 9)},
      // New York on its DST morning (8 March 2026, 01:30 EST = 06:30 UTC).
      {"America/New_York", Utc(2026, 3, 8, 6, 30), absl::CivilDay(2026, 3, 8)},
  };
  int n = 0;
  for (const BirthdayCase& c : cases) {
    SCOPED_TRACE(c.zone);
    SetOrgZone(c.zone);
    ++n;
    const Party today = NewParty(absl::StrCat("B-T", n), owner.id,
                                 absl::CivilDay(1980, c.org_today.month(), c.org_today.day()));
    const absl::CivilDay yesterday = c.org_today - 1, last = c.org_today + 30,
                         beyond = c.org_today + 31;
    const Party past = NewParty(absl::StrCat("B-Y", n), owner.id,
                                absl::CivilDay(1980, yesterday.month(), yesterday.day()));
    const Party edge =
        NewParty(absl::StrCat("B-E", n), owner.id, absl::CivilDay(1980, last.month(), last.day()));
    const Party far = NewParty(absl::StrCat("B-F", n), owner.id,
                               absl::CivilDay(1980, beyond.month(), beyond.day()));
    BirthdayService birthdays(*store_, *followups_, 30);
    ASSERT_TRUE(birthdays.Ensure(std::nullopt, c.now).ok());
    auto due_of = [&](const Party& p) -> std::optional<absl::CivilDay> {
      std::vector<Followup> f = FollowupsOf(p.id);
      if (f.size() != 1) return std::nullopt;
      return f[0].next_due_date;
    };
    EXPECT_EQ(due_of(today), c.org_today);
    EXPECT_EQ(due_of(edge), last);
    EXPECT_TRUE(FollowupsOf(past.id).empty()) << "yesterday's is next year's, beyond 30 days";
    EXPECT_TRUE(FollowupsOf(far.id).empty());
    // Running again (another hour, another server) creates nothing more.
    absl::StatusOr<int> again = birthdays.Ensure(std::nullopt, c.now + absl::Hours(1));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0);
  }
}

// Creating a party brings its birthday follow-up within the horizon in the same
// transaction (the use case does it, not the HTTP handler); when that step fails, the
// party is not stored either.
TEST_F(SalesTest, ANewPartysBirthdayFollowupIsCreatedInItsTransaction) {
  const absl::Time now = Utc(2026, 3, 10, 15, 0);  // the 10th in São Paulo
  const User owner = NewUser("vera", Role::kAgent, "America/Sao_Paulo");
  BirthdayService birthdays(*store_, *followups_, 30);
  PartyService parties(*store_);
  parties.SetChangeObserver(&birthdays);
  Party p;
  p.code = "B-NEW";
  p.name = "Cliente novo";
  p.owner_id = owner.id;
  p.birthday = absl::CivilDay(1980, 3, 20);
  absl::StatusOr<Party> created = parties.Create(admin_, p, now);
  ASSERT_TRUE(created.ok()) << created.status();
  std::vector<Followup> f = FollowupsOf(created->id);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].origin, "birthday");
  EXPECT_EQ(f[0].next_due_date, absl::CivilDay(2026, 3, 20));

  class Failing final : public PartyChangeObserver {
   public:
    absl::Status OnPartyCreated(Tx&, const Party&, absl::Time) override {
      return absl::InternalError("observer failed");
    }
    absl::Status OnPartyChanged(Tx&, const Party&, const Party&, absl::Time) override {
      return absl::OkStatus();
    }
  } failing;
  parties.SetChangeObserver(&failing);
  p.code = "B-GONE";
  EXPECT_FALSE(parties.Create(admin_, p, now).ok());
  absl::StatusOr<std::vector<Party>> found = parties.Search("B-GONE", std::nullopt, 10);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty()) << "the party was stored without its birthday step";
}

TEST_F(SalesTest, AnImportLeftByADeadWorkerIsResumedWithoutDuplicates) {
  const absl::Time now = Utc(2026, 11, 30, 15, 0);
  const CatalogItem item = NewProduct("FLT", 30);
  const Party p = NewParty("C-1", admin_.user.id);
  ImportService imports(*store_, *documents_, ImportOptions{.chunk_documents = 2});
  std::string csv = "kind,number,date,customer_code,item_code\n";
  for (int i = 0; i < 5; ++i) absl::StrAppend(&csv, "sale,V-", i, ",2026-11-30,C-1,FLT\n");
  absl::StatusOr<ImportRun> run = imports.Enqueue(admin_, "v.csv", csv, now);
  ASSERT_TRUE(run.ok()) << run.status();
  // Worker A does one chunk and dies holding the lease.
  ASSERT_TRUE(imports.ProcessNext("a", now, absl::Minutes(2)).value());
  EXPECT_EQ(imports.Get(admin_, run->id)->processed_lines, 2);
  EXPECT_EQ(imports.Get(admin_, run->id)->status, ImportStatus::kRunning);
  EXPECT_FALSE(imports.ProcessNext("b", now + absl::Minutes(1), absl::Minutes(2)).value())
      << "the lease is still A's";
  const absl::Time later = now + absl::Minutes(3);
  while (imports.ProcessNext("b", later, absl::Minutes(2)).value()) {
  }
  ImportRun done = imports.Get(admin_, run->id).value();
  EXPECT_EQ(done.status, ImportStatus::kDone);
  EXPECT_EQ(done.processed_lines, 5);
  EXPECT_EQ(done.documents_created, 5) << "A's counts were committed with its chunk";
  EXPECT_EQ(FollowupsOf(p.id).size(), 5u);
  int64_t documents = 0;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) -> absl::Status {
                    DocumentQuery q;
                    q.limit = 100;
                    documents =
                        static_cast<int64_t>(tx.sales().QueryDocuments(q).value().items.size());
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(documents, 5);
}

}  // namespace
}  // namespace retorno
