#include "store/store_contract_test.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

namespace {

std::vector<int64_t> Values(const std::vector<FollowupId>& ids) {
  std::vector<int64_t> out;
  for (FollowupId id : ids) out.push_back(id.value);
  return out;
}

std::vector<int64_t> PageIds(const FollowupPage& page) {
  std::vector<int64_t> out;
  for (const FollowupRow& r : page.items) out.push_back(r.followup.id.value);
  return out;
}

std::vector<int64_t> AgendaIds(const std::vector<AgendaRow>& rows) {
  std::vector<int64_t> out;
  for (const AgendaRow& r : rows) out.push_back(r.action.id.value);
  return out;
}

absl::CivilDay Day(int y, int m, int d) { return absl::CivilDay(y, m, d); }

// Waits for `f` at most `seconds`; a blocked store fails the test instead of hanging it.
template <class T>
bool ReadyWithin(std::future<T>& f, int seconds) {
  return f.wait_for(std::chrono::seconds(seconds)) == std::future_status::ready;
}

}  // namespace

std::string StoreContractParamName(const ::testing::TestParamInfo<StoreContractParam>& info) {
  return info.param.name;
}

void PrintTo(const StoreContractParam& param, std::ostream* os) { *os << param.name; }

absl::Time StoreContractTest::Now() {
  // Sub-second precision on purpose: instants must round-trip to the microsecond.
  return absl::FromCivil(absl::CivilSecond(2026, 11, 22, 12, 30, 15), absl::UTCTimeZone()) +
         absl::Microseconds(123456);
}

void StoreContractTest::SetUp() {
  store_ = GetParam().factory();
  ASSERT_NE(store_, nullptr) << "the store factory failed";
}

void StoreContractTest::TearDown() { store_.reset(); }

BranchId StoreContractTest::AddBranch(const std::string& name) {
  BranchId id;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    Branch b;
    b.name = name;
    auto r = tx.InsertBranch(b);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

UserId StoreContractTest::AddUser(const std::string& login, std::optional<BranchId> branch) {
  UserId id;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    User u;
    u.login = login;
    u.name = absl::StrCat("User ", login);
    u.branch_id = branch;
    u.password_hash = "$argon2id$test";
    u.created_at = Now();
    auto r = tx.InsertUser(u);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

PartyId StoreContractTest::AddParty(const std::string& code, const std::string& name,
                                    PartyKind kind) {
  PartyId id;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    Party p;
    p.code = code;
    p.name = name;
    p.kind = kind;
    p.created_at = Now();
    auto r = tx.InsertParty(p);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

FollowupId StoreContractTest::AddFollowup(PartyId party, UserId owner,
                                          std::optional<BranchId> branch,
                                          const std::string& subject, FollowupStatus status) {
  FollowupId id;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    Followup f;
    f.party_id = party;
    f.owner_id = owner;
    f.branch_id = branch;
    f.subject = subject;
    f.category = "pos_venda";
    f.status = status;
    f.created_by = f.updated_by = owner;
    f.created_at = f.updated_at = Now();
    auto r = tx.InsertFollowup(f);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

ActionId StoreContractTest::AddAction(FollowupId followup, UserId assignee, absl::CivilDay due,
                                      ActionStatus status, std::optional<int> due_minutes) {
  ActionId id;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    Action a;
    a.followup_id = followup;
    a.type = "phone";
    a.due_date = due;
    a.due_minutes = due_minutes;
    a.status = status;
    a.assignee_id = assignee;
    a.created_at = Now();
    auto r = tx.InsertAction(a);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

EntryId StoreContractTest::AddEntry(FollowupId followup, UserId author, const std::string& body,
                                    bool draft, std::optional<absl::Time> created_at) {
  EntryId id;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    Entry e;
    e.followup_id = followup;
    e.body = body;
    e.author_id = author;
    e.contact_at = Now();
    e.created_at = created_at.value_or(Now());
    e.draft = draft;
    auto r = tx.InsertEntry(e);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

std::optional<Followup> StoreContractTest::GetFollowup(FollowupId id) {
  std::optional<Followup> out;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.FindFollowup(id);
    if (r.ok()) out = *r;
    return r.status();
  }));
  return out;
}

std::optional<Action> StoreContractTest::GetAction(ActionId id) {
  std::optional<Action> out;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.FindAction(id);
    if (r.ok()) out = *r;
    return r.status();
  }));
  return out;
}

FollowupPage StoreContractTest::QueryPage(const FollowupQuery& q) {
  FollowupPage out;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.QueryFollowups(q);
    if (r.ok()) out = *r;
    return r.status();
  }));
  return out;
}

std::vector<FollowupId> StoreContractTest::QueryIds(FollowupQuery q) {
  std::vector<FollowupId> out;
  q.cursor.clear();
  // Every query of the suite also checks the count a list footer shows: all pages' rows.
  int64_t total = -1;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.CountFollowups(q);
    if (r.ok()) total = *r;
    return r.status();
  }));
  for (int page = 0; page < 1000; ++page) {
    FollowupPage p = QueryPage(q);
    for (const FollowupRow& r : p.items) out.push_back(r.followup.id);
    if (!p.next_cursor.empty()) {
      // The count leaves the cursor out: the same on every page.
      int64_t again = -1;
      FollowupQuery later = q;
      later.cursor = p.next_cursor;
      RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
        auto r = tx.CountFollowups(later);
        if (r.ok()) again = *r;
        return r.status();
      }));
      EXPECT_EQ(again, total);
    }
    if (p.next_cursor.empty()) {
      EXPECT_EQ(total, static_cast<int64_t>(out.size())) << "CountFollowups";
      return out;
    }
    q.cursor = p.next_cursor;
  }
  ADD_FAILURE() << "pagination does not end";
  return out;
}

StoreContractTest::World StoreContractTest::MakeWorld() {
  World w;
  w.north = AddBranch("Norte");
  w.south = AddBranch("Sul");
  w.ana = AddUser("ana", w.north);
  w.bia = AddUser("bia", w.north);
  w.caio = AddUser("caio", w.south);
  w.dani = AddUser("dani");
  w.acme = AddParty("ACME", "Acme Indústria");
  w.zeta = AddParty("ZETA", "Zeta Serviços");
  return w;
}

std::vector<AgendaRow> StoreContractTest::Agenda(const AgendaQuery& q) {
  std::vector<AgendaRow> out;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.QueryAgenda(q);
    if (r.ok()) out = *r;
    return r.status();
  }));
  return out;
}

// =================================================================================
// Settings

TEST_P(StoreContractTest, SettingsHaveDefaultsAfterMigration) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto s = tx.GetSettings();
    EXPECT_TRUE(s.ok()) << s.status();
    if (!s.ok()) return s.status();
    EXPECT_EQ(s->company_name, "Retorno");
    EXPECT_EQ(s->time_zone, "America/Sao_Paulo");
    EXPECT_TRUE(s->return_alerts_enabled);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, PutSettingsRoundTrips) {
  Settings s;
  s.company_name = "Comércio São João Ltda.";
  s.time_zone = "America/Argentina/Buenos_Aires";
  s.return_alerts_enabled = false;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.PutSettings(s); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.GetSettings();
    if (!got.ok()) return got.status();
    EXPECT_EQ(got->company_name, s.company_name);
    EXPECT_EQ(got->time_zone, s.time_zone);
    EXPECT_FALSE(got->return_alerts_enabled);
    return absl::OkStatus();
  }));
}

// =================================================================================
// Branches

TEST_P(StoreContractTest, BranchesInsertFindAndListByName) {
  BranchId sul = AddBranch("Sul");
  BranchId centro = AddBranch("Centro");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    Branch b;
    b.name = "Norte";
    b.time_zone = "America/Manaus";
    return tx.InsertBranch(b).status();
  }));
  EXPECT_NE(sul, centro);
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto found = tx.FindBranch(sul);
    if (!found.ok()) return found.status();
    EXPECT_TRUE(found->has_value());
    if (*found) {
      EXPECT_EQ((*found)->id, sul);
      EXPECT_EQ((*found)->name, "Sul");
      EXPECT_EQ((*found)->time_zone, "");
    }
    auto missing = tx.FindBranch(BranchId(9999));
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    auto all = tx.ListBranches();
    if (!all.ok()) return all.status();
    std::vector<std::string> names;
    for (const Branch& b : *all) names.push_back(b.name);
    EXPECT_THAT(names, ElementsAre("Centro", "Norte", "Sul"));
    EXPECT_EQ((*all)[1].time_zone, "America/Manaus");
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, DuplicateBranchNameIsAlreadyExists) {
  AddBranch("Matriz");
  absl::Status st = Write([](Tx& tx) {
    return tx.InsertBranch({BranchId(), "Matriz", ""}).status();
  });
  EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
  EXPECT_EQ(st.message(), "name");
}

// =================================================================================
// Users

TEST_P(StoreContractTest, UserRoundTripsEveryField) {
  BranchId b = AddBranch("Filial Campinas");
  User u;
  u.login = "joao.silva";
  u.name = "João da Silva Conceição";
  u.email = "joao@exemplo.com.br";
  u.role = Role::kSupervisor;
  u.branch_id = b;
  u.time_zone = "America/Bogota";
  u.locale = "es";
  u.alert_on_login = false;
  u.alert_every_minutes = 15;
  u.active = false;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.InsertUser(u);
    if (id.ok()) u.id = *id;
    return id.status();
  }));
  EXPECT_TRUE(u.id.valid());
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindUser(u.id);
    if (!got.ok()) return got.status();
    EXPECT_TRUE(got->has_value());
    if (!*got) return absl::OkStatus();
    const User& g = **got;
    EXPECT_EQ(g.id, u.id);
    EXPECT_EQ(g.login, u.login);
    EXPECT_EQ(g.name, u.name);
    EXPECT_EQ(g.email, u.email);
    EXPECT_EQ(g.role, Role::kSupervisor);
    EXPECT_EQ(g.branch_id, b);
    EXPECT_EQ(g.time_zone, "America/Bogota");
    EXPECT_EQ(g.locale, "es");
    EXPECT_FALSE(g.alert_on_login);
    EXPECT_EQ(g.alert_every_minutes, 15);
    EXPECT_FALSE(g.active);
    EXPECT_EQ(g.password_hash, u.password_hash);
    EXPECT_EQ(g.created_at, Now());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UserOptionalFieldsRoundTripAsAbsent) {
  UserId id = AddUser("ana");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindUser(id);
    if (!got.ok()) return got.status();
    EXPECT_TRUE(got->has_value());
    if (!*got) return absl::OkStatus();
    EXPECT_FALSE((*got)->branch_id.has_value());
    EXPECT_FALSE((*got)->alert_every_minutes.has_value());
    EXPECT_EQ((*got)->role, Role::kAgent);
    EXPECT_TRUE((*got)->active);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, DuplicateLoginIsAlreadyExistsIgnoringAsciiCase) {
  AddUser("maria");
  for (std::string login : {"maria", "Maria", "MARIA"}) {
    absl::Status st = Write([&](Tx& tx) {
      User u;
      u.login = login;
      u.name = "Outra Maria";
      u.password_hash = "x";
      return tx.InsertUser(u).status();
    });
    EXPECT_TRUE(absl::IsAlreadyExists(st)) << login << ": " << st;
    EXPECT_EQ(st.message(), "login");
  }
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto n = tx.CountUsers();
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 1);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, FindUserByLoginIgnoresAsciiCase) {
  UserId id = AddUser("Pedro.Alves");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    for (std::string login : {"Pedro.Alves", "pedro.alves", "PEDRO.ALVES"}) {
      auto got = tx.FindUserByLogin(login);
      if (!got.ok()) return got.status();
      EXPECT_TRUE(got->has_value()) << login;
      if (*got) {
        EXPECT_EQ((*got)->id, id);
      }
    }
    auto missing = tx.FindUserByLogin("pedro");
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UpdateUserWritesEveryMutableField) {
  BranchId b = AddBranch("Filial Lima");
  UserId id = AddUser("lucia");
  User u;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindUser(id);
    if (!got.ok()) return got.status();
    u = **got;
    return absl::OkStatus();
  }));
  u.login = "lucia.p";
  u.name = "Lucía Peña";
  u.email = "lucia@ejemplo.pe";
  u.role = Role::kAdmin;
  u.branch_id = b;
  u.time_zone = "America/Lima";
  u.locale = "es";
  u.alert_on_login = false;
  u.alert_every_minutes = 30;
  u.active = false;
  u.password_hash = "new-hash";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateUser(u); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindUser(id);
    if (!got.ok()) return got.status();
    const User& g = **got;
    EXPECT_EQ(g.login, "lucia.p");
    EXPECT_EQ(g.name, "Lucía Peña");
    EXPECT_EQ(g.email, "lucia@ejemplo.pe");
    EXPECT_EQ(g.role, Role::kAdmin);
    EXPECT_EQ(g.branch_id, b);
    EXPECT_EQ(g.time_zone, "America/Lima");
    EXPECT_EQ(g.locale, "es");
    EXPECT_FALSE(g.alert_on_login);
    EXPECT_EQ(g.alert_every_minutes, 30);
    EXPECT_FALSE(g.active);
    EXPECT_EQ(g.password_hash, "new-hash");
    EXPECT_EQ(g.created_at, Now());
    return absl::OkStatus();
  }));
  u.branch_id.reset();
  u.alert_every_minutes.reset();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateUser(u); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindUser(id);
    if (!got.ok()) return got.status();
    EXPECT_FALSE((*got)->branch_id.has_value());
    EXPECT_FALSE((*got)->alert_every_minutes.has_value());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UpdateUserToATakenLoginIsAlreadyExistsAndChangesNothing) {
  AddUser("rosa");
  UserId id = AddUser("tiago");
  absl::Status st = Write([&](Tx& tx) -> absl::Status {
    auto got = tx.FindUser(id);
    if (!got.ok()) return got.status();
    User u = **got;
    u.login = "ROSA";
    u.name = "Tiago Renomeado";
    return tx.UpdateUser(u);
  });
  EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
  EXPECT_EQ(st.message(), "login");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindUser(id);
    if (!got.ok()) return got.status();
    EXPECT_EQ((*got)->login, "tiago");
    EXPECT_EQ((*got)->name, "User tiago");
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UpdateMissingUserIsNotFound) {
  absl::Status st = Write([](Tx& tx) {
    User u;
    u.id = UserId(4242);
    u.login = "ghost";
    u.name = "Ghost";
    return tx.UpdateUser(u);
  });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

TEST_P(StoreContractTest, CountAndListUsersByName) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto n = tx.CountUsers();
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 0);
    return absl::OkStatus();
  }));
  AddUser("zeca");
  AddUser("bia");
  AddUser("mario");
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto n = tx.CountUsers();
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 3);
    auto all = tx.ListUsers();
    if (!all.ok()) return all.status();
    std::vector<std::string> logins;
    for (const User& u : *all) logins.push_back(u.login);
    EXPECT_THAT(logins, ElementsAre("bia", "mario", "zeca"));
    return absl::OkStatus();
  }));
}

// =================================================================================
// Sessions

TEST_P(StoreContractTest, SessionsInsertFindDelete) {
  UserId u = AddUser("sessao");
  Session s{"a3f1c2", "csrf-123", u, Now(), Now() + absl::Hours(8)};
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.InsertSession(s); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindSession("a3f1c2");
    if (!got.ok()) return got.status();
    EXPECT_TRUE(got->has_value());
    if (!*got) return absl::OkStatus();
    EXPECT_EQ((*got)->token_hash, "a3f1c2");
    EXPECT_EQ((*got)->csrf_token, "csrf-123");
    EXPECT_EQ((*got)->user_id, u);
    EXPECT_EQ((*got)->created_at, s.created_at);
    EXPECT_EQ((*got)->expires_at, s.expires_at);
    auto missing = tx.FindSession("nope");
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    return absl::OkStatus();
  }));
  absl::Status dup = Write([&](Tx& tx) { return tx.InsertSession(s); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.DeleteSession("a3f1c2"); }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.DeleteSession("already-gone"); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindSession("a3f1c2");
    if (!got.ok()) return got.status();
    EXPECT_FALSE(got->has_value());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, DeleteExpiredSessionsKeepsLiveOnes) {
  UserId u = AddUser("expira");
  const absl::Time now = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    for (auto [hash, expires] : std::vector<std::pair<std::string, absl::Time>>{
             {"old", now - absl::Hours(1)}, {"edge", now}, {"live", now + absl::Microseconds(1)}}) {
      absl::Status st = tx.InsertSession({hash, "c", u, now - absl::Hours(9), expires});
      if (!st.ok()) return st;
    }
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.DeleteExpiredSessions(now); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    for (auto [hash, kept] : std::vector<std::pair<std::string, bool>>{
             {"old", false}, {"edge", false}, {"live", true}}) {
      auto got = tx.FindSession(hash);
      if (!got.ok()) return got.status();
      EXPECT_EQ(got->has_value(), kept) << hash;
    }
    return absl::OkStatus();
  }));
}

// =================================================================================
// Contact types and categories

TEST_P(StoreContractTest, CodeTablesAreSeeded) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto types = tx.ListCodes(CodeTable::kContactType);
    if (!types.ok()) return types.status();
    std::vector<std::pair<std::string, std::string>> got;
    for (const CodeItem& c : *types) got.emplace_back(c.code, c.name);
    EXPECT_THAT(got, ElementsAre(std::pair<std::string, std::string>{"phone", "Telefone"},
                                 std::pair<std::string, std::string>{"email", "E-mail"},
                                 std::pair<std::string, std::string>{"whatsapp", "WhatsApp"},
                                 std::pair<std::string, std::string>{"visit", "Visita"},
                                 std::pair<std::string, std::string>{"meeting", "Reunião"}));
    auto cats = tx.ListCodes(CodeTable::kCategory);
    if (!cats.ok()) return cats.status();
    got.clear();
    for (const CodeItem& c : *cats) got.emplace_back(c.code, c.name);
    EXPECT_THAT(got, ElementsAre(std::pair<std::string, std::string>{"em_analise", "Em análise"},
                                 std::pair<std::string, std::string>{"pos_venda", "Pós-venda"},
                                 std::pair<std::string, std::string>{"assistencia_tecnica",
                                                                     "Assistência técnica"}));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, InsertFindAndListCodesPerTable) {
  int64_t id = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto r = tx.InsertCode(CodeTable::kContactType, {0, "sms", "SMS"});
    if (r.ok()) id = *r;
    return r.status();
  }));
  EXPECT_GT(id, 0);
  // The same code in the other table is another row.
  RETORNO_ASSERT_OK(Write([](Tx& tx) {
    return tx.InsertCode(CodeTable::kCategory, {0, "sms", "Campanha SMS"}).status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto t = tx.FindCode(CodeTable::kContactType, "sms");
    if (!t.ok()) return t.status();
    EXPECT_TRUE(t->has_value());
    if (*t) {
      EXPECT_EQ((*t)->id, id);
      EXPECT_EQ((*t)->name, "SMS");
    }
    auto c = tx.FindCode(CodeTable::kCategory, "sms");
    if (!c.ok()) return c.status();
    EXPECT_TRUE(c->has_value());
    if (*c) {
      EXPECT_EQ((*c)->name, "Campanha SMS");
    }
    auto missing = tx.FindCode(CodeTable::kCategory, "phone");
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    auto types = tx.ListCodes(CodeTable::kContactType);
    if (!types.ok()) return types.status();
    EXPECT_THAT(*types, SizeIs(6));
    EXPECT_EQ(types->back().code, "sms");  // configured order: the new one last
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, DuplicateCodeIsAlreadyExists) {
  for (CodeTable t : {CodeTable::kContactType, CodeTable::kCategory}) {
    const std::string existing = t == CodeTable::kContactType ? "phone" : "pos_venda";
    absl::Status st = Write([&](Tx& tx) {
      return tx.InsertCode(t, {0, existing, "Dup"}).status();
    });
    EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
    EXPECT_EQ(st.message(), "code");
  }
}

TEST_P(StoreContractTest, SeededCodesHaveTheirNamesInEachLanguage) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto phone = tx.FindCode(CodeTable::kContactType, "phone");
    if (!phone.ok()) return phone.status();
    EXPECT_TRUE(phone->has_value());
    if (*phone) {
      EXPECT_EQ((*phone)->name_es, "Teléfono");
      EXPECT_EQ((*phone)->name_en, "Phone");
      EXPECT_EQ((*phone)->NameIn("es"), "Teléfono");
      EXPECT_EQ((*phone)->NameIn("pt-BR"), "Telefone");
      EXPECT_TRUE((*phone)->active);
      EXPECT_EQ((*phone)->position, 0);  // never arranged
    }
    auto cat = tx.FindCode(CodeTable::kCategory, "pos_venda");
    if (!cat.ok()) return cat.status();
    EXPECT_TRUE(cat->has_value());
    if (*cat) {
      EXPECT_EQ((*cat)->NameIn("es"), "Posventa");
      EXPECT_EQ((*cat)->NameIn("en"), "After sale");
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, UpdateCodeWritesNamesPositionAndRetirement) {
  int64_t sms = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto r = tx.InsertCode(CodeTable::kContactType, {0, "sms", "Torpedo"});
    if (r.ok()) sms = *r;
    return r.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto c = tx.FindCodeById(CodeTable::kContactType, sms);
    if (!c.ok()) return c.status();
    EXPECT_TRUE(c->has_value());
    if (*c) {
      EXPECT_EQ((*c)->name_en, "Torpedo");  // one name serves every language
    }
    auto none = tx.FindCodeById(CodeTable::kCategory, sms + 1000);
    if (!none.ok()) return none.status();
    EXPECT_FALSE(none->has_value());
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    CodeItem c{sms, "sms", "Torpedo SMS", "Mensaje SMS", "Text message"};
    c.position = 1;
    c.active = false;
    RETURN_IF_ERROR(tx.UpdateCode(CodeTable::kContactType, c));
    auto phone = tx.FindCode(CodeTable::kContactType, "phone");
    if (!phone.ok()) return phone.status();
    CodeItem p = **phone;
    p.position = 2;
    return tx.UpdateCode(CodeTable::kContactType, p);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto all = tx.ListCodes(CodeTable::kContactType);
    if (!all.ok()) return all.status();
    std::vector<std::string> codes;
    for (const CodeItem& c : *all) codes.push_back(c.code);
    // Arranged rows first in their order, then the others in configured order; the
    // retired one is still listed (old records name it).
    EXPECT_THAT(codes, ElementsAre("sms", "phone", "email", "whatsapp", "visit", "meeting"));
    const CodeItem& first = all->front();
    EXPECT_EQ(first.name, "Torpedo SMS");
    EXPECT_EQ(first.name_es, "Mensaje SMS");
    EXPECT_EQ(first.name_en, "Text message");
    EXPECT_EQ(first.position, 1);
    EXPECT_FALSE(first.active);
    return absl::OkStatus();
  }));
  absl::Status st = Write([&](Tx& tx) {
    return tx.UpdateCode(CodeTable::kCategory, CodeItem{sms + 1000, "x", "X"});
  });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

TEST_P(StoreContractTest, UpdateBranchWritesNamePositionAndRetirement) {
  BranchId sul = AddBranch("Sul");
  BranchId centro = AddBranch("Centro");
  BranchId norte = AddBranch("Norte");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto b = tx.FindBranch(sul);
    if (!b.ok()) return b.status();
    Branch x = **b;
    x.name = "Sul (Porto Alegre)";
    x.position = 1;
    x.active = false;
    return tx.UpdateBranch(x);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto all = tx.ListBranches();
    if (!all.ok()) return all.status();
    std::vector<std::string> names;
    for (const Branch& b : *all) names.push_back(b.name);
    EXPECT_THAT(names, ElementsAre("Sul (Porto Alegre)", "Centro", "Norte"));
    EXPECT_EQ(all->front().position, 1);
    EXPECT_FALSE(all->front().active);
    EXPECT_TRUE((*all)[1].active);
    return absl::OkStatus();
  }));
  absl::Status dup = Write([&](Tx& tx) {
    return tx.UpdateBranch(Branch{centro, "Norte", ""});
  });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  absl::Status missing = Write([&](Tx& tx) {
    return tx.UpdateBranch(Branch{BranchId(norte.value + 1000), "X", ""});
  });
  EXPECT_TRUE(absl::IsNotFound(missing)) << missing;
}

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
    auto id = tx.InsertParty(p);
    if (id.ok()) p.id = *id;
    return id.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindParty(p.id);
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
    auto missing = tx.FindParty(PartyId(777));
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, PartyOptionalFieldsRoundTripAsAbsent) {
  PartyId id = AddParty("P1", "Sem Dados");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindParty(id);
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
  absl::Status st = Write([&](Tx& tx) { return tx.InsertParty(p).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
  EXPECT_EQ(st.message(), "code");
  // Even a caller that ignores the error and commits finds no half-stored party.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    EXPECT_TRUE(absl::IsAlreadyExists(tx.InsertParty(p).status()));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto all = tx.SearchParties("", std::nullopt, 100);
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
    ASSIGN_OR_RETURN(std::optional<Party> got, tx.FindParty(id));
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
  p.contacts = {{"Zé", "ze@nome.com.br", "", "", Day(1990, 1, 2)}, {"Ana", "", "84 1", "", std::nullopt}};
  absl::StatusOr<int64_t> version = absl::InternalError("not run");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    version = tx.UpdateParty(p);
    return version.status();
  }));
  EXPECT_EQ(*version, 2);
  auto read = [&]() {
    Party g;
    EXPECT_TRUE(Read([&](Tx& tx) -> absl::Status {
                  ASSIGN_OR_RETURN(std::optional<Party> got, tx.FindParty(id));
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateParty(p).status(); }));
  g = read();
  EXPECT_EQ(g.version, 3);
  EXPECT_EQ(g.contacts, p.contacts);
  EXPECT_FALSE(g.birthday.has_value());
  EXPECT_FALSE(g.branch_id.has_value());
  EXPECT_FALSE(g.owner_id.has_value());

  // A stale version, a taken code or a missing party change nothing.
  p.name = "Não salvo";
  absl::Status stale = Write([&](Tx& tx) { return tx.UpdateParty(p).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(stale)) << stale;
  EXPECT_EQ(stale.message(), "version");
  p.version = 3;
  p.code = "ERP-11";
  absl::Status taken = Write([&](Tx& tx) { return tx.UpdateParty(p).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(taken)) << taken;
  Party missing = p;
  missing.id = PartyId(98765);
  missing.code = "ERP-404";
  absl::Status gone = Write([&](Tx& tx) { return tx.UpdateParty(missing).status(); });
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
      auto r = tx.SearchParties(q, std::nullopt, 50);
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
    auto customers = tx.SearchParties("", PartyKind::kCustomer, 10);
    if (!customers.ok()) return customers.status();
    std::vector<std::string> names;
    for (const Party& p : *customers) names.push_back(p.name);
    // Case-insensitive name order.
    EXPECT_THAT(names, ElementsAre("alfa cliente", "Charlie Cliente", "Delta Cliente"));
    auto two = tx.SearchParties("", std::nullopt, 2);
    if (!two.ok()) return two.status();
    names.clear();
    for (const Party& p : *two) names.push_back(p.name);
    EXPECT_THAT(names, ElementsAre("alfa cliente", "beta fornecedor"));
    auto suppliers = tx.SearchParties("cliente", PartyKind::kSupplier, 10);
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
      auto r = tx.SearchParties(q, std::nullopt, 50);
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
    auto id = tx.InsertFollowup(f);
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
    auto r = tx.UpdateFollowup(f);
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
    auto r = tx.UpdateFollowup(g);
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateFollowup(first).status(); }));
  second.subject = "Segunda edição, baseada na versão antiga";
  second.status = FollowupStatus::kClosed;
  absl::Status st = Write([&](Tx& tx) { return tx.UpdateFollowup(second).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_EQ(st.message(), "version");
  Followup g = *GetFollowup(id);
  EXPECT_EQ(g.subject, "Primeira edição");
  EXPECT_EQ(g.status, FollowupStatus::kOpen);
  EXPECT_EQ(g.version, 2);
  // A version from the future is stale too.
  second.version = 9;
  st = Write([&](Tx& tx) { return tx.UpdateFollowup(second).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
}

TEST_P(StoreContractTest, UpdateMissingFollowupIsNotFound) {
  UserId u = AddUser("u");
  Followup f;
  f.id = FollowupId(5555);
  f.owner_id = f.created_by = f.updated_by = u;
  f.subject = "x";
  f.category = "pos_venda";
  absl::Status st = Write([&](Tx& tx) { return tx.UpdateFollowup(f).status(); });
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateFollowup(f).status(); }));
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
    auto id = tx.InsertAction(a);
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateAction(a); }));
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
  absl::Status st = Write([&](Tx& tx) { return tx.UpdateAction(a); });
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
    auto r = tx.ListActions(f);
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateAction(a); }));
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 10);

  // Rescheduling changes it.
  Action b = *GetAction(later);
  b.due_date = kToday + 4;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateAction(b); }));
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 4);

  // Cancelling the last planned one clears it.
  b.status = ActionStatus::kCancelled;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateAction(b); }));
  EXPECT_FALSE(GetFollowup(f)->next_due_date.has_value());
  EXPECT_EQ(GetFollowup(other)->next_due_date, kToday - 1);

  // Back to planned sets it again; the version is not touched by the cache.
  b.status = ActionStatus::kPlanned;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateAction(b); }));
  EXPECT_EQ(GetFollowup(f)->next_due_date, kToday + 4);
  EXPECT_EQ(GetFollowup(f)->version, 1);
}

TEST_P(StoreContractTest, TheFirstActionCorrectsAWrongNextDueGivenAtInsert) {
  UserId u = AddUser("u");
  PartyId party = AddParty("P1", "Cliente");
  for (std::optional<absl::CivilDay> given : {std::optional<absl::CivilDay>(kToday + 99),
                                              std::optional<absl::CivilDay>()}) {
    Followup f;
    f.party_id = party;
    f.owner_id = u;
    f.subject = "Dica errada";
    f.category = "em_analise";
    f.next_due_date = given;
    f.created_by = f.updated_by = u;
    f.created_at = f.updated_at = Now();
    RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
      auto id = tx.InsertFollowup(f);
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
    Followup f;
    f.party_id = party;
    f.owner_id = f.created_by = f.updated_by = u;
    f.subject = "s";
    f.category = "pos_venda";
    auto id = tx.InsertFollowup(f);
    if (!id.ok()) return id.status();
    Action a;
    a.followup_id = *id;
    a.type = "phone";
    a.due_date = kToday + 1;
    a.assignee_id = u;
    auto aid = tx.InsertAction(a);
    if (!aid.ok()) return aid.status();
    auto got = tx.FindFollowup(*id);
    if (!got.ok()) return got.status();
    EXPECT_EQ((*got)->next_due_date, kToday + 1);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, NextSeriesIdIsIncreasingAndUnique) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
      for (int j = 0; j < 2; ++j) {
        auto id = tx.NextSeriesId();
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
    EXPECT_TRUE(tx.NextSeriesId().ok());
    return absl::CancelledError("undo");
  });
  EXPECT_TRUE(absl::IsCancelled(st));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto id = tx.NextSeriesId();
    if (!id.ok()) return id.status();
    EXPECT_GT(*id, ids.back());
    return absl::OkStatus();
  }));
}

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
    auto id = tx.InsertEntry(e);
    if (id.ok()) e.id = *id;
    return id.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindEntry(e.id);
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
    auto missing = tx.FindEntry(EntryId(31337));
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
    auto r = tx.ListEntries(f);
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
    auto got = tx.FindEntry(id);
    if (!got.ok()) return got.status();
    e = **got;
    return absl::OkStatus();
  }));
  e.draft = false;
  e.body = "texto final";
  e.kind = EntryKind::kInternal;
  e.created_at = Now();
  e.contact_at = Now() - absl::Minutes(1);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateEntry(e); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindEntry(id);
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
    auto got = tx.FindEntry(id);
    if (!got.ok()) return got.status();
    e = **got;
    return absl::OkStatus();
  }));
  e.body = "reescrita";
  e.draft = true;
  absl::Status st = Write([&](Tx& tx) { return tx.UpdateEntry(e); });
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_EQ(st.message(), "published");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.FindEntry(id);
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
  absl::Status st = Write([&](Tx& tx) { return tx.UpdateEntry(e); });
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
    auto id = tx.InsertAttachment(a, bytes);
    if (id.ok()) a.id = *id;
    return id.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto meta = tx.FindAttachment(a.id);
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
    auto got = tx.ReadAttachmentBytes(a.id);
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
      auto id = tx.InsertAttachment(a, content);
      if (id.ok()) ids.push_back(*id);
      return id.status();
    }));
  }
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto list = tx.ListAttachments(f);
    if (!list.ok()) return list.status();
    std::vector<std::string> names;
    for (const Attachment& a : *list) names.push_back(a.file_name);
    EXPECT_THAT(names, ElementsAre("f0.bin", "f1.bin", "f2.bin"));
    EXPECT_EQ((*list)[0].size, 3);
    EXPECT_FALSE((*list)[0].entry_id.has_value());
    auto none = tx.ListAttachments(other);
    if (!none.ok()) return none.status();
    EXPECT_THAT(*none, IsEmpty());
    auto b0 = tx.ReadAttachmentBytes(ids[0]);
    if (!b0.ok()) return b0.status();
    EXPECT_EQ(*b0, std::string("a\0b", 3));
    auto b1 = tx.ReadAttachmentBytes(ids[1]);
    if (!b1.ok()) return b1.status();
    EXPECT_EQ(*b1, "");
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, MissingAttachmentIsAbsent) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto meta = tx.FindAttachment(AttachmentId(404));
    if (!meta.ok()) return meta.status();
    EXPECT_FALSE(meta->has_value());
    absl::Status st = tx.ReadAttachmentBytes(AttachmentId(404)).status();
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
    auto party = tx.InsertParty(p);
    if (!party.ok()) return party.status();
    Followup f;
    f.party_id = *party;
    f.owner_id = f.created_by = f.updated_by = u;
    f.subject = "desfazer";
    f.category = "pos_venda";
    auto fid = tx.InsertFollowup(f);
    if (!fid.ok()) return fid.status();
    Settings s;
    s.company_name = "Nunca";
    if (absl::Status ps = tx.PutSettings(s); !ps.ok()) return ps;
    return absl::AbortedError("business rule said no");
  });
  EXPECT_TRUE(absl::IsAborted(st)) << st;
  EXPECT_EQ(st.message(), "business rule said no");
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto parties = tx.SearchParties("", std::nullopt, 10);
    if (!parties.ok()) return parties.status();
    EXPECT_THAT(*parties, IsEmpty());
    auto s = tx.GetSettings();
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
    if (!tx.InsertParty(p).ok()) return absl::UnknownError("insert");
    throw std::runtime_error("boom");
  });
  EXPECT_TRUE(absl::IsInternal(st)) << st;
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto parties = tx.SearchParties("", std::nullopt, 10);
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
    return tx.InsertBranch({BranchId(), "Proibida", ""}).status();
  });
  EXPECT_FALSE(st.ok());
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto all = tx.ListBranches();
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateFollowup(fc).status(); }));
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
    absl::Status st = Read([&](Tx& tx) { return tx.QueryFollowups(b).status(); });
    EXPECT_TRUE(absl::IsInvalidArgument(st)) << bad << ": " << st;
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
    ASSIGN_OR_RETURN(std::optional<FollowupRow> row, tx.FindFollowupRow(f));
    ASSIGN_OR_RETURN(std::optional<Followup> alone, tx.FindFollowup(f));
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
    ASSIGN_OR_RETURN(std::optional<FollowupRow> none, tx.FindFollowupRow(FollowupId(99999)));
    EXPECT_FALSE(none.has_value());
    return absl::OkStatus();
  }));
}

// =================================================================================
// Agenda and due counts

TEST_P(StoreContractTest, AgendaOrdersByDateThenTimeUntimedLastThenId) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  FollowupId g = AddFollowup(w.zeta, w.ana, w.north);
  ActionId tomorrow = AddAction(f, w.ana, kToday + 1, ActionStatus::kPlanned, 8 * 60);
  ActionId untimed = AddAction(g, w.ana, kToday);
  ActionId at16 = AddAction(f, w.ana, kToday, ActionStatus::kPlanned, 16 * 60);
  ActionId at09 = AddAction(g, w.ana, kToday, ActionStatus::kPlanned, 9 * 60);
  ActionId at09b = AddAction(f, w.ana, kToday, ActionStatus::kPlanned, 9 * 60);
  ActionId yesterday = AddAction(g, w.ana, kToday - 1);
  AgendaQuery q;
  q.assignee_id = w.ana;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(yesterday.value, at09.value, at09b.value,
                                                at16.value, untimed.value, tomorrow.value));
  q.from = q.to = kToday;
  EXPECT_THAT(AgendaIds(Agenda(q)),
              ElementsAre(at09.value, at09b.value, at16.value, untimed.value));
  q.limit = 2;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(at09.value, at09b.value));
}

TEST_P(StoreContractTest, AgendaVisibilityIsAssigneeOrFollowupBranch) {
  const World w = MakeWorld();
  FollowupId north = AddFollowup(w.acme, w.ana, w.north);
  FollowupId south = AddFollowup(w.acme, w.caio, w.south);
  FollowupId none = AddFollowup(w.acme, w.dani, std::nullopt);
  ActionId ana_north = AddAction(north, w.ana, kToday, ActionStatus::kPlanned, 60);
  ActionId bia_north = AddAction(north, w.bia, kToday, ActionStatus::kPlanned, 120);
  ActionId caio_south = AddAction(south, w.caio, kToday, ActionStatus::kPlanned, 180);
  ActionId ana_south = AddAction(south, w.ana, kToday, ActionStatus::kPlanned, 240);
  ActionId dani_none = AddAction(none, w.dani, kToday, ActionStatus::kPlanned, 300);
  AgendaQuery q;
  q.from = q.to = kToday;
  q.assignee_id = w.ana;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(ana_north.value, ana_south.value));
  q.assignee_id.reset();
  q.branch_id = w.north;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(ana_north.value, bia_north.value));
  q.assignee_id = w.caio;
  EXPECT_THAT(AgendaIds(Agenda(q)),
              ElementsAre(ana_north.value, bia_north.value, caio_south.value));
  q.assignee_id.reset();
  q.branch_id.reset();
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(ana_north.value, bia_north.value, caio_south.value,
                                                ana_south.value, dani_none.value));
}

TEST_P(StoreContractTest, AgendaFlagsAndDateBounds) {
  const World w = MakeWorld();
  FollowupId open = AddFollowup(w.acme, w.ana, w.north);
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "fechado", FollowupStatus::kClosed);
  ActionId planned = AddAction(open, w.ana, kToday, ActionStatus::kPlanned, 600);
  ActionId done = AddAction(open, w.ana, kToday, ActionStatus::kDone, 601);
  ActionId cancelled = AddAction(open, w.ana, kToday, ActionStatus::kCancelled, 602);
  ActionId in_closed = AddAction(closed, w.ana, kToday, ActionStatus::kPlanned, 603);
  ActionId overdue = AddAction(open, w.ana, kToday - 3);
  ActionId future = AddAction(open, w.ana, kToday + 3);
  AgendaQuery q;
  q.assignee_id = w.ana;
  q.from = q.to = kToday;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(planned.value));
  q.only_planned = false;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(planned.value, done.value, cancelled.value));
  q.only_open_followups = false;
  EXPECT_THAT(AgendaIds(Agenda(q)),
              ElementsAre(planned.value, done.value, cancelled.value, in_closed.value));
  q.only_planned = true;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(planned.value, in_closed.value));
  q.only_open_followups = true;
  q.from.reset();
  q.to = kToday - 1;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(overdue.value));
  q.to.reset();
  q.from = kToday + 1;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(future.value));
}

TEST_P(StoreContractTest, AgendaRowsCarryFollowupAndParty) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.zeta, w.ana, w.north, "Retorno com peças");
  ActionId a = AddAction(f, w.ana, kToday + 2);
  AgendaQuery q;
  q.assignee_id = w.ana;
  std::vector<AgendaRow> rows = Agenda(q);
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].action.id, a);
  EXPECT_EQ(rows[0].action.due_date, kToday + 2);
  EXPECT_EQ(rows[0].followup.id, f);
  EXPECT_EQ(rows[0].followup.subject, "Retorno com peças");
  EXPECT_EQ(rows[0].followup.next_due_date, kToday + 2);
  EXPECT_EQ(rows[0].party.id, w.zeta);
  EXPECT_EQ(rows[0].party.code, "ZETA");
  EXPECT_EQ(rows[0].party.name, "Zeta Serviços");
}

TEST_P(StoreContractTest, CountDueCountsPlannedActionsOfOpenFollowups) {
  const World w = MakeWorld();
  FollowupId open = AddFollowup(w.acme, w.ana, w.north);
  FollowupId other = AddFollowup(w.acme, w.ana, w.north);
  FollowupId closed = AddFollowup(w.acme, w.ana, w.north, "x", FollowupStatus::kClosed);
  AddAction(open, w.ana, kToday);
  AddAction(other, w.ana, kToday, ActionStatus::kPlanned, 9 * 60);
  AddAction(open, w.ana, kToday - 1);
  AddAction(open, w.ana, kToday - 40);
  AddAction(open, w.ana, kToday + 1);                   // future
  AddAction(open, w.ana, kToday, ActionStatus::kDone);  // done
  AddAction(open, w.ana, kToday - 2, ActionStatus::kCancelled);
  AddAction(closed, w.ana, kToday);  // closed follow-up
  AddAction(closed, w.ana, kToday - 1);
  AddAction(open, w.bia, kToday);  // someone else
  auto count = [&](UserId u, absl::CivilDay today) {
    DueCounts c;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      auto r = tx.CountDue(u, today);
      if (r.ok()) c = *r;
      return r.status();
    }));
    return c;
  };
  DueCounts c = count(w.ana, kToday);
  EXPECT_EQ(c.due_today, 2);
  EXPECT_EQ(c.overdue, 2);
  c = count(w.ana, kToday + 1);
  EXPECT_EQ(c.due_today, 1);
  EXPECT_EQ(c.overdue, 4);
  c = count(w.caio, kToday);
  EXPECT_EQ(c.due_today, 0);
  EXPECT_EQ(c.overdue, 0);
}

TEST_P(StoreContractTest, ClosingAndReopeningMovesActionsOutOfAndBackIntoTheAgenda) {
  const World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  ActionId today = AddAction(f, w.ana, kToday);
  ActionId overdue = AddAction(f, w.ana, kToday - 1);
  AgendaQuery q;
  q.assignee_id = w.ana;
  auto counts = [&] {
    DueCounts c;
    RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
      auto r = tx.CountDue(w.ana, kToday);
      if (r.ok()) c = *r;
      return r.status();
    }));
    return std::make_pair(c.due_today, c.overdue);
  };
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(overdue.value, today.value));
  EXPECT_EQ(counts(), std::make_pair(int64_t{1}, int64_t{1}));

  // Closed with its returns still planned (the store does not cancel them itself).
  Followup fu = *GetFollowup(f);
  fu.status = FollowupStatus::kClosed;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateFollowup(fu).status(); }));
  EXPECT_THAT(Agenda(q), IsEmpty());
  EXPECT_EQ(counts(), std::make_pair(int64_t{0}, int64_t{0}));
  q.only_open_followups = false;
  EXPECT_THAT(AgendaIds(Agenda(q)), ElementsAre(overdue.value, today.value));
  q.only_open_followups = true;

  // A return added to the closed follow-up stays out too.
  AddAction(f, w.ana, kToday);
  EXPECT_THAT(Agenda(q), IsEmpty());

  fu = *GetFollowup(f);
  fu.status = FollowupStatus::kOpen;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.UpdateFollowup(fu).status(); }));
  EXPECT_THAT(Agenda(q), SizeIs(3));
  EXPECT_EQ(counts(), std::make_pair(int64_t{2}, int64_t{1}));
}

// =================================================================================
// Text

TEST_P(StoreContractTest, UnicodeTextRoundTripsUnchanged) {
  const std::string pt = "Atenção: não esqueça o orçamento da máquina — ação imediata! ✅";
  const std::string es = "Año nuevo: señor Muñoz pidió cotización; ¿llamar mañana? ¡Sí!";
  const std::string rare = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 日本語 العربية";
  BranchId b = AddBranch("Filial São Paulo — Zona Sul");
  UserId u = AddUser("acentos", b);
  PartyId p = AddParty("Ñ-001", "Peña & Conceição Ltda.");
  FollowupId f = AddFollowup(p, u, b, pt);
  EntryId e = AddEntry(f, u, es + "\n" + rare);
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto branch = tx.FindBranch(b);
    if (!branch.ok()) return branch.status();
    EXPECT_EQ((*branch)->name, "Filial São Paulo — Zona Sul");
    auto party = tx.FindParty(p);
    if (!party.ok()) return party.status();
    EXPECT_EQ((*party)->code, "Ñ-001");
    EXPECT_EQ((*party)->name, "Peña & Conceição Ltda.");
    auto fu = tx.FindFollowup(f);
    if (!fu.ok()) return fu.status();
    EXPECT_EQ((*fu)->subject, pt);
    auto entry = tx.FindEntry(e);
    if (!entry.ok()) return entry.status();
    EXPECT_EQ((*entry)->body, es + "\n" + rare);
    auto found = tx.SearchParties("PEÑA", std::nullopt, 10);
    if (!found.ok()) return found.status();
    // Case and accents are folded for every Latin letter ("PEÑA", "peña", "pena").
    EXPECT_THAT(*found, SizeIs(1));
    found = tx.SearchParties("peña", std::nullopt, 10);
    if (!found.ok()) return found.status();
    EXPECT_THAT(*found, SizeIs(1));
    return absl::OkStatus();
  }));
  FollowupQuery q;
  q.today = kToday;
  q.text = "MUñOZ";  // case and accents fold
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(f.value));
  q.text = "😀";
  EXPECT_THAT(Values(QueryIds(q)), ElementsAre(f.value));
}

// =================================================================================
// Concurrency

TEST_P(StoreContractTest, ReadersAreNotBlockedByAnOpenWrite) {
  AddParty("BASE", "Antes");
  std::promise<void> inserted;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::future<absl::Status> writer = std::async(std::launch::async, [&] {
    return store_->Write([&](Tx& tx) -> absl::Status {
      Party p;
      p.code = "NEW";
      p.name = "Durante";
      absl::Status st = tx.InsertParty(p).status();
      inserted.set_value();
      released.wait();
      return st;
    });
  });
  inserted.get_future().wait();
  constexpr int kReaders = 3;
  std::vector<std::future<absl::StatusOr<size_t>>> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.push_back(std::async(std::launch::async, [&]() -> absl::StatusOr<size_t> {
      size_t n = 0;
      absl::Status st = store_->Read([&](Tx& tx) -> absl::Status {
        auto r = tx.SearchParties("", std::nullopt, 100);
        if (r.ok()) n = r->size();
        return r.status();
      });
      if (!st.ok()) return st;
      return n;
    }));
  }
  bool all_ready = true;
  for (auto& r : readers) all_ready = ReadyWithin(r, 20) && all_ready;
  release.set_value();  // before any assertion, so a failure cannot hang the writer
  EXPECT_TRUE(all_ready) << "a reader waited for the open write transaction";
  for (auto& r : readers) {
    absl::StatusOr<size_t> n = r.get();
    ASSERT_TRUE(n.ok()) << n.status();
    EXPECT_EQ(*n, 1u) << "a reader saw uncommitted data";
  }
  RETORNO_ASSERT_OK(writer.get());
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto r = tx.SearchParties("", std::nullopt, 100);
    if (!r.ok()) return r.status();
    EXPECT_THAT(*r, SizeIs(2));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ReadSeesOneSnapshot) {
  AddParty("A", "Primeiro");
  absl::Status write_status;
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto before = tx.SearchParties("", std::nullopt, 100);
    if (!before.ok()) return before.status();
    EXPECT_THAT(*before, SizeIs(1));
    // A write commits while this read transaction is open...
    std::thread t([&] {
      write_status = store_->Write([](Tx& w) {
        Party p;
        p.code = "B";
        p.name = "Segundo";
        return w.InsertParty(p).status();
      });
    });
    t.join();
    // ...and stays invisible to it.
    auto after = tx.SearchParties("", std::nullopt, 100);
    if (!after.ok()) return after.status();
    EXPECT_THAT(*after, SizeIs(1));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(write_status);
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto now = tx.SearchParties("", std::nullopt, 100);
    if (!now.ok()) return now.status();
    EXPECT_THAT(*now, SizeIs(2));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ConcurrentWritesAreSerialised) {
  constexpr int kThreads = 4;
  constexpr int kWritesEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWritesEach; ++i) {
        // Read-modify-write: a lost update would show in the final count.
        absl::Status st = store_->Write([](Tx& tx) -> absl::Status {
          auto s = tx.GetSettings();
          if (!s.ok()) return s.status();
          int n = 0;
          if (s->company_name != "Retorno" && !absl::SimpleAtoi(s->company_name, &n))
            return absl::InternalError("bad counter");
          s->company_name = absl::StrCat(n + 1);
          return tx.PutSettings(*s);
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto s = tx.GetSettings();
    if (!s.ok()) return s.status();
    EXPECT_EQ(s->company_name, absl::StrCat(kThreads * kWritesEach));
    return absl::OkStatus();
  }));
}

// ---------------------------------------------------------------------------------
// Reminders, notifications, outbox, templates, SMTP settings, job state.

TEST_P(StoreContractTest, RemindersAreReplacedClaimedWithALeaseAndFiredOnce) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  ActionId a = AddAction(f, w.ana, kToday);
  const absl::Time t = Now() + absl::Hours(1);
  auto reminder = [&](absl::Time at, ReminderKind kind) {
    Reminder r;
    r.followup_id = f;
    r.user_id = w.ana;
    r.kind = kind;
    r.fire_at = at;
    r.created_at = Now();
    return r;
  };
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    return tx.ReplacePendingReminders(a, {reminder(t, ReminderKind::kUser),
                                          reminder(t, ReminderKind::kCustomer)});
  }));
  // Replacing cancels the old pending rows: no duplicates, no stale instants.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    return tx.ReplacePendingReminders(a, {reminder(t + absl::Minutes(30), ReminderKind::kUser)});
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto list = tx.ListReminders(a);
    if (!list.ok()) return list.status();
    int pending = 0;
    for (const Reminder& r : *list) {
      if (r.state == ReminderState::kPending) {
        ++pending;
        EXPECT_EQ(r.fire_at, t + absl::Minutes(30));
        EXPECT_EQ(r.action_id, a);
      }
    }
    EXPECT_EQ(pending, 1);
    EXPECT_THAT(*list, SizeIs(3));
    auto due = tx.CountPendingReminders(t + absl::Hours(1));
    if (!due.ok()) return due.status();
    EXPECT_EQ(*due, 1);
    return absl::OkStatus();
  }));
  const absl::Time due = t + absl::Minutes(30);
  std::vector<Reminder> claimed;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto early = tx.ClaimReminders(due - absl::Seconds(1), 10, "w1", due + absl::Minutes(1));
    if (!early.ok()) return early.status();
    EXPECT_THAT(*early, SizeIs(0));
    auto c = tx.ClaimReminders(due, 10, "w1", due + absl::Minutes(1));
    if (!c.ok()) return c.status();
    claimed = *c;
    return absl::OkStatus();
  }));
  ASSERT_THAT(claimed, SizeIs(1));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    // Leased: another worker gets nothing, and cannot fire it.
    auto other = tx.ClaimReminders(due + absl::Seconds(30), 10, "w2", due + absl::Minutes(2));
    if (!other.ok()) return other.status();
    EXPECT_THAT(*other, SizeIs(0));
    EXPECT_TRUE(absl::IsFailedPrecondition(tx.MarkReminderFired(claimed[0].id, "w2", due, false)));
    return tx.MarkReminderFired(claimed[0].id, "w1", due + absl::Seconds(5), false);
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto again = tx.ClaimReminders(due + absl::Hours(5), 10, "w2", due + absl::Hours(6));
    if (!again.ok()) return again.status();
    EXPECT_THAT(*again, SizeIs(0));  // fired rows are never claimed again
    EXPECT_TRUE(absl::IsFailedPrecondition(
        tx.MarkReminderFired(claimed[0].id, "w1", due + absl::Seconds(6), false)));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AnExpiredReminderLeaseIsClaimedByTheNextWorker) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  ActionId a = AddAction(f, w.ana, kToday);
  Reminder r;
  r.followup_id = f;
  r.user_id = w.ana;
  r.fire_at = Now();
  r.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.ReplacePendingReminders(a, {r}); }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto c = tx.ClaimReminders(Now(), 10, "dead", Now() + absl::Seconds(60));
    if (!c.ok()) return c.status();
    EXPECT_THAT(*c, SizeIs(1));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto c = tx.ClaimReminders(Now() + absl::Seconds(60), 10, "next", Now() + absl::Seconds(120));
    if (!c.ok()) return c.status();
    EXPECT_THAT(*c, SizeIs(1));
    if (c->empty()) return absl::OkStatus();
    return tx.MarkReminderFired((*c)[0].id, "next", Now() + absl::Seconds(60), true);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto list = tx.ListReminders(a);
    if (!list.ok()) return list.status();
    EXPECT_EQ((*list)[0].state, ReminderState::kFired);
    EXPECT_TRUE((*list)[0].late);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, RecipientsQueuedByAUserAreCountedInAWindow) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  int seq = 0;
  auto queue = [&](OutboxKind kind, UserId user, absl::Time at, std::vector<std::string> to,
                   std::vector<std::string> cc) {
    OutboxMessage m;
    m.kind = kind;
    m.followup_id = f;
    m.user_id = user;
    m.to = std::move(to);
    m.cc = std::move(cc);
    m.subject = "s";
    m.text = "t";
    m.message_id = absl::StrCat("<limit-", ++seq, "@empresa.test>");
    m.created_at = at;
    RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.InsertOutbox(m).status(); }));
  };
  const absl::Time now = Now();
  queue(OutboxKind::kManual, w.ana, now - absl::Minutes(90), {"a@x.test"}, {});  // too old
  queue(OutboxKind::kManual, w.ana, now - absl::Minutes(30), {"a@x.test", "b@x.test"}, {"c@x.test"});
  queue(OutboxKind::kTest, w.ana, now - absl::Minutes(1), {"a@x.test"}, {});
  queue(OutboxKind::kReminder, w.ana, now, {"a@x.test"}, {});  // sent by the system
  queue(OutboxKind::kManual, w.bia, now, {"a@x.test"}, {});    // someone else
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    // Three recipients 30 minutes ago and one test mail a minute ago.
    ASSIGN_OR_RETURN(int64_t n, tx.CountRecipientsQueuedBy(w.ana, now - absl::Hours(1)));
    EXPECT_EQ(n, 4);
    ASSIGN_OR_RETURN(int64_t none, tx.CountRecipientsQueuedBy(w.caio, now - absl::Hours(1)));
    EXPECT_EQ(none, 0);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, OutboxKeepsItsLogThroughRetriesAndStats) {
  World w = MakeWorld();
  FollowupId f = AddFollowup(w.acme, w.ana, w.north);
  OutboxMessage m;
  m.kind = OutboxKind::kManual;
  m.followup_id = f;
  m.user_id = w.ana;
  m.to = {"compras@acme.test"};
  m.cc = {"gerente@acme.test"};
  m.subject = "Orçamento nº 12 — revisão";
  m.text = "Olá";
  m.html = "<p>Olá</p>";
  m.attachment_ids = {AttachmentId(7)};
  m.message_id = "<abc@empresa.test>";
  m.created_at = Now();
  int64_t id = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto r = tx.InsertOutbox(m);
    if (!r.ok()) return r.status();
    id = *r;
    OutboxMessage dup = m;  // one Message-ID, one message
    EXPECT_FALSE(tx.InsertOutbox(dup).ok());
    return absl::OkStatus();
  }));
  std::vector<OutboxMessage> claimed;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto c = tx.ClaimOutbox(Now(), 5, "w1", Now() + absl::Minutes(2));
    if (!c.ok()) return c.status();
    claimed = *c;
    auto other = tx.ClaimOutbox(Now(), 5, "w2", Now() + absl::Minutes(2));
    if (!other.ok()) return other.status();
    EXPECT_THAT(*other, SizeIs(0));
    return absl::OkStatus();
  }));
  ASSERT_THAT(claimed, SizeIs(1));
  OutboxMessage c = claimed[0];
  EXPECT_EQ(c.subject, m.subject);
  EXPECT_EQ(c.cc, m.cc);
  EXPECT_EQ(c.attachment_ids, m.attachment_ids);
  c.attempts = 1;
  c.next_attempt_at = Now() + absl::Seconds(30);
  c.last_error = "421 try later";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) {
    return tx.FinishOutboxAttempt(c, "w1", OutboxEvent{Now(), "retry", "421 try later"});
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    // Not before its next attempt; then claimable again by anyone.
    auto early = tx.ClaimOutbox(Now() + absl::Seconds(29), 5, "w2", Now() + absl::Minutes(3));
    if (!early.ok()) return early.status();
    EXPECT_THAT(*early, SizeIs(0));
    auto later = tx.ClaimOutbox(Now() + absl::Seconds(30), 5, "w2", Now() + absl::Minutes(3));
    if (!later.ok()) return later.status();
    EXPECT_THAT(*later, SizeIs(1));
    OutboxMessage s = c;
    s.state = OutboxState::kSent;
    s.attempts = 2;
    s.sent_at = Now() + absl::Seconds(31);
    s.next_attempt_at.reset();
    s.last_error.clear();
    EXPECT_TRUE(absl::IsFailedPrecondition(
        tx.FinishOutboxAttempt(s, "w1", OutboxEvent{Now(), "sent", ""})));  // lease moved on
    return tx.FinishOutboxAttempt(s, "w2", OutboxEvent{Now() + absl::Seconds(31), "sent", ""});
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto found = tx.FindOutbox(id);
    if (!found.ok()) return found.status();
    EXPECT_TRUE(found->has_value());
    if (!*found) return absl::OkStatus();
    EXPECT_EQ((*found)->state, OutboxState::kSent);
    EXPECT_EQ((*found)->attempts, 2);
    std::vector<std::string> events;
    for (const OutboxEvent& e : (*found)->log) events.push_back(e.event);
    EXPECT_THAT(events, ElementsAre("queued", "retry", "sent"));
    auto listed = tx.ListOutbox(OutboxFilter{.followup_id = f});
    if (!listed.ok()) return listed.status();
    EXPECT_THAT(*listed, SizeIs(1));
    auto none = tx.ListOutbox(OutboxFilter{.state = OutboxState::kFailed});
    if (!none.ok()) return none.status();
    EXPECT_THAT(*none, SizeIs(0));
    auto st = tx.GetOutboxStats();
    if (!st.ok()) return st.status();
    EXPECT_EQ(st->queued, 0);
    EXPECT_TRUE(st->last_failure.has_value());
    if (st->last_failure) {
      EXPECT_EQ(st->last_failure->detail, "421 try later");
    }
    EXPECT_EQ(st->last_failure_outbox_id, id);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, ReadingAReturnsNotificationsLeavesOthersUnread) {
  UserId u = AddUser("u");
  UserId v = AddUser("v");
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f = AddFollowup(party, u, std::nullopt);
  ActionId done = AddAction(f, u, kToday);
  ActionId other = AddAction(f, u, kToday + 1);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    for (auto [user, action, kind] : {std::tuple{u, done, NotificationKind::kReminder},
                                      std::tuple{v, done, NotificationKind::kReminder},
                                      std::tuple{u, other, NotificationKind::kReminder},
                                      std::tuple{u, done, NotificationKind::kMailBlocked}}) {
      Notification n;
      n.user_id = user;
      n.kind = kind;
      n.followup_id = f;
      n.action_id = action;
      n.created_at = Now();
      if (auto r = tx.InsertNotification(n); !r.ok()) return r.status();
    }
    return tx.MarkActionNotificationsRead(done, Now() + absl::Minutes(1));
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto us = tx.ListNotifications(u, true, 10);
    auto vs = tx.ListNotifications(v, true, 10);
    if (!us.ok() || !vs.ok()) return absl::InternalError("list");
    // u keeps the other return's reminder and the held e-mail (a problem to act on).
    EXPECT_THAT(*us, SizeIs(2));
    for (const Notification& n : *us)
      EXPECT_TRUE(n.action_id == other || n.kind == NotificationKind::kMailBlocked);
    EXPECT_THAT(*vs, IsEmpty());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, NotificationsTemplatesSmtpAndJobState) {
  World w = MakeWorld();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    for (int i = 0; i < 3; ++i) {
      Notification n;
      n.user_id = i < 2 ? w.ana : w.bia;
      n.kind = NotificationKind::kReminder;
      n.created_at = Now() + absl::Minutes(i);
      if (auto r = tx.InsertNotification(n); !r.ok()) return r.status();
    }
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto list = tx.ListNotifications(w.ana, true, 10);
    if (!list.ok()) return list.status();
    EXPECT_THAT(*list, SizeIs(2));
    if (list->size() != 2) return absl::OkStatus();
    EXPECT_GT((*list)[0].id, (*list)[1].id);  // newest first
    Notification n = (*list)[0];
    n.read_at = Now();
    n.snoozed_until = Now() + absl::Hours(1);
    RETURN_IF_ERROR(tx.UpdateNotification(n));
    auto unread = tx.CountUnreadNotifications(w.ana);
    if (!unread.ok()) return unread.status();
    EXPECT_EQ(*unread, 1);
    RETURN_IF_ERROR(tx.MarkAllNotificationsRead(w.ana, Now()));
    auto after = tx.CountUnreadNotifications(w.ana);
    auto bia = tx.CountUnreadNotifications(w.bia);
    if (!after.ok() || !bia.ok()) return absl::InternalError("count");
    EXPECT_EQ(*after, 0);
    EXPECT_EQ(*bia, 1);  // another user's stay unread
    auto found = tx.FindNotification(n.id);
    if (!found.ok()) return found.status();
    EXPECT_EQ((*found)->snoozed_until, Now() + absl::Hours(1));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto templates = tx.ListTemplates();
    if (!templates.ok()) return templates.status();
    EXPECT_THAT(*templates, SizeIs(9));  // 3 kinds x pt-BR, es, en
    auto es = tx.FindTemplateFor(TemplateKind::kCustomer, "es");
    if (!es.ok()) return es.status();
    EXPECT_TRUE(es->has_value());
    MessageTemplate t = **es;
    t.subject = "Seguimiento: #{assunto} — señor #{contato}";
    RETURN_IF_ERROR(tx.UpdateTemplate(t));
    auto back = tx.FindTemplate(t.id);
    if (!back.ok()) return back.status();
    EXPECT_EQ((*back)->subject, t.subject);

    auto smtp = tx.GetSmtp();
    if (!smtp.ok()) return smtp.status();
    EXPECT_TRUE(smtp->settings.host.empty());  // e-mail off until configured
    smtp->settings.host = "smtp.empresa.com.br";
    smtp->settings.port = 465;
    smtp->settings.security = SmtpSecurity::kTls;
    smtp->settings.sender_name = "Assistência Técnica — Campinas";
    smtp->password_sealed = "sb1:xyz";
    RETURN_IF_ERROR(tx.PutSmtp(*smtp));
    auto again = tx.GetSmtp();
    if (!again.ok()) return again.status();
    EXPECT_EQ(again->settings.port, 465);
    EXPECT_EQ(again->settings.security, SmtpSecurity::kTls);
    EXPECT_EQ(again->settings.sender_name, "Assistência Técnica — Campinas");
    EXPECT_EQ(again->password_sealed, "sb1:xyz");

    auto none = tx.GetJobState("digest:1");
    if (!none.ok()) return none.status();
    EXPECT_FALSE(none->has_value());
    RETURN_IF_ERROR(tx.PutJobState("digest:1", "2026-11-22"));
    RETURN_IF_ERROR(tx.PutJobState("digest:1", "2026-11-23"));
    auto v = tx.GetJobState("digest:1");
    if (!v.ok()) return v.status();
    EXPECT_EQ(v->value_or(""), "2026-11-23");
    return absl::OkStatus();
  }));
}

}  // namespace retorno

// ---------------------------------------------------------------------------------
// Catalogue, documents, birthdays and imports

namespace retorno {
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
    ASSIGN_OR_RETURN(id, tx.InsertCatalogItem(NewCatalogItem("FLT-1", 180)));
    CatalogItem s = NewCatalogItem("SRV-1", std::nullopt);
    s.kind = CatalogKind::kService;
    s.name = "Instalação";
    return tx.InsertCatalogItem(s).status();
  }));
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<CatalogItem> c, tx.FindCatalogItem(id));
    EXPECT_TRUE(c.has_value());
    if (!c) return absl::OkStatus();
    EXPECT_EQ(c->code, "FLT-1");
    EXPECT_EQ(c->followup_days, 180);
    EXPECT_EQ(c->followup, (FollowupTemplate{"Troca do filtro", "pos_venda", "phone", "Olá #{cliente}"}));
    ASSIGN_OR_RETURN(std::optional<CatalogItem> by_code, tx.FindCatalogItemByCode("SRV-1"));
    EXPECT_TRUE(by_code && by_code->kind == CatalogKind::kService && !by_code->followup_days);
    ASSIGN_OR_RETURN(std::vector<CatalogItem> all, tx.SearchCatalog("", std::nullopt, 10));
    EXPECT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "Filtro FLT-1");  // by name
    ASSIGN_OR_RETURN(std::vector<CatalogItem> services, tx.SearchCatalog("", CatalogKind::kService, 10));
    EXPECT_EQ(services.size(), 1u);
    ASSIGN_OR_RETURN(std::vector<CatalogItem> instal, tx.SearchCatalog("instal", std::nullopt, 10));
    EXPECT_EQ(instal.size(), 1u);
    return absl::OkStatus();
  }));
  absl::Status dup = Write([&](Tx& tx) { return tx.InsertCatalogItem(NewCatalogItem("FLT-1", 1)).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    CatalogItem c = NewCatalogItem("FLT-1", std::nullopt);
    c.id = id;
    c.active = false;
    RETURN_IF_ERROR(tx.UpdateCatalogItem(c));
    ASSIGN_OR_RETURN(std::optional<CatalogItem> back, tx.FindCatalogItem(id));
    EXPECT_TRUE(back && !back->active && !back->followup_days);
    c.id = CatalogItemId(999999);
    EXPECT_TRUE(absl::IsNotFound(tx.UpdateCatalogItem(c)));
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
    ASSIGN_OR_RETURN(item, tx.InsertCatalogItem(NewCatalogItem("FLT-1", 30)));
    d.items = {{0, item, "FLT-1", "Filtro", 2.5}, {1, std::nullopt, "AVULSO", "Mangueira ½\"", 1}};
    ASSIGN_OR_RETURN(d.id, tx.InsertDocument(d));
    return absl::OkStatus();
  }));
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<SalesDocument> back, tx.FindDocumentByNumber(DocumentKind::kSale, "V-1"));
    EXPECT_TRUE(back.has_value());
    if (!back) return absl::OkStatus();
    EXPECT_EQ(back->id, d.id);
    EXPECT_EQ(back->version, 1);
    EXPECT_EQ(back->items, d.items);
    EXPECT_EQ(back->date, kToday);
    EXPECT_FALSE(back->completed_on);
    ASSIGN_OR_RETURN(std::optional<SalesDocument> other, tx.FindDocumentByNumber(DocumentKind::kQuote, "V-1"));
    EXPECT_FALSE(other.has_value());
    return absl::OkStatus();
  }));
  // The same number is another document in another kind, and taken in the same kind.
  SalesDocument quote = d;
  quote.kind = DocumentKind::kQuote;
  quote.items.clear();
  RETORNO_EXPECT_OK(Write([&](Tx& tx) { return tx.InsertDocument(quote).status(); }));
  absl::Status dup = Write([&](Tx& tx) { return tx.InsertDocument(d).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup) && dup.message() == "number") << dup;

  SalesDocument changed = d;
  changed.status = DocumentStatus::kCompleted;
  changed.completed_on = kToday + 1;
  changed.items.pop_back();
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t v, tx.UpdateDocument(changed));
    EXPECT_EQ(v, 2);
    ASSIGN_OR_RETURN(std::optional<SalesDocument> back, tx.FindDocument(d.id));
    EXPECT_TRUE(back && back->items.size() == 1 && back->completed_on == kToday + 1 &&
                back->status == DocumentStatus::kCompleted);
    // The header: every field but the items.
    ASSIGN_OR_RETURN(std::optional<SalesDocument> header, tx.FindDocumentHeader(d.id));
    EXPECT_TRUE(header && header->items.empty() && header->number == d.number &&
                header->kind == d.kind && header->version == 2 &&
                header->completed_on == kToday + 1);
    ASSIGN_OR_RETURN(std::optional<SalesDocument> none, tx.FindDocumentHeader(DocumentId(987654)));
    EXPECT_FALSE(none.has_value());
    return absl::OkStatus();
  }));
  absl::Status stale = Write([&](Tx& tx) { return tx.UpdateDocument(changed).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(stale) && stale.message() == "version") << stale;

  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    DocumentQuery q;
    q.limit = 1;
    ASSIGN_OR_RETURN(DocumentPage first, tx.QueryDocuments(q));
    EXPECT_EQ(first.items.size(), 1u);
    EXPECT_FALSE(first.next_cursor.empty());
    if (first.items.empty()) return absl::OkStatus();
    EXPECT_EQ(first.items[0].document.kind, DocumentKind::kQuote);  // newest first
    EXPECT_EQ(first.items[0].party.name, "Oficina Souza");
    q.cursor = first.next_cursor;
    ASSIGN_OR_RETURN(DocumentPage second, tx.QueryDocuments(q));
    EXPECT_EQ(second.items.size(), 1u);
    EXPECT_TRUE(second.next_cursor.empty());
    DocumentQuery text;
    text.text = "souza";
    text.kind = DocumentKind::kSale;
    ASSIGN_OR_RETURN(DocumentPage by_name, tx.QueryDocuments(text));
    EXPECT_EQ(by_name.items.size(), 1u);
    DocumentQuery bad;
    bad.cursor = "x";
    EXPECT_TRUE(absl::IsInvalidArgument(tx.QueryDocuments(bad).status()));
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
    ASSIGN_OR_RETURN(std::optional<Party> p, tx.FindParty(of_vera));
    p->owner_id = vera;
    p->branch_id = campinas;
    RETURN_IF_ERROR(tx.UpdateParty(*p).status());
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
      ASSIGN_OR_RETURN(DocumentId id, tx.InsertDocument(d));
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
      ASSIGN_OR_RETURN(DocumentPage page, tx.QueryDocuments(q));
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
    ASSIGN_OR_RETURN(d.id, tx.InsertDocument(d));
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
    ASSIGN_OR_RETURN(f.id, tx.InsertFollowup(f));
    Followup manual = f;
    manual.origin = "manual";
    manual.origin_key.clear();
    RETURN_IF_ERROR(tx.InsertFollowup(manual).status());
    return tx.InsertFollowup(manual).status();  // no key: any number of them
  }));
  absl::Status dup = Write([&](Tx& tx) { return tx.InsertFollowup(f).status(); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Followup> by_key, tx.FindFollowupByOriginKey("doc:9:item:1"));
    EXPECT_TRUE(by_key && by_key->id == f.id && by_key->document_id == d.id);
    ASSIGN_OR_RETURN(std::optional<Followup> none, tx.FindFollowupByOriginKey("doc:9:item:2"));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_RETURN(std::vector<Followup> linked, tx.ListDocumentFollowups(d.id));
    EXPECT_EQ(linked.size(), 3u);
    if (!linked.empty()) { EXPECT_EQ(linked[0].id, f.id); }
    if (linked.size() > 1) { EXPECT_TRUE(linked[1].origin_key.empty()); }
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
    ASSIGN_OR_RETURN(id, tx.InsertParty(p));
    return absl::OkStatus();
  }));
  AddParty("C-8", "Sem aniversário");
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> back, tx.FindParty(id));
    EXPECT_TRUE(back && back->contacts.size() == 3 &&
                back->contacts[0].birthday == absl::CivilDay(1990, 3, 12) && !back->contacts[1].birthday);
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> march, tx.ListBirthdays("03-01", "03-11", std::nullopt));
    EXPECT_EQ(march.size(), 1u);
    if (!march.empty()) { EXPECT_EQ(march[0].contact_position, -1); }
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> wider, tx.ListBirthdays("03-01", "03-31", id));
    EXPECT_EQ(wider.size(), 2u);
    if (wider.size() == 2) { EXPECT_EQ(wider[1].contact_position, 0); }
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> dec, tx.ListBirthdays("12-31", "12-31", std::nullopt));
    EXPECT_EQ(dec.size(), 1u);
    if (!dec.empty()) { EXPECT_EQ(dec[0].contact_position, 2); }
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> other, tx.ListBirthdays("01-01", "12-31", PartyId(id.value + 1)));
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
    ASSIGN_OR_RETURN(run.id, tx.InsertImport(run, std::string("kind,number\nsale,1\0x\n", 21)));
    return absl::OkStatus();
  }));
  const absl::Time t0 = Now();
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ImportRun> a, tx.ClaimImport(t0, "w1", t0 + absl::Minutes(2)));
    EXPECT_TRUE(a && a->id == run.id && a->status == ImportStatus::kQueued);
    ASSIGN_OR_RETURN(std::optional<ImportRun> b, tx.ClaimImport(t0, "w2", t0 + absl::Minutes(2)));
    EXPECT_FALSE(b.has_value()) << "leased by w1";
    ASSIGN_OR_RETURN(std::optional<ImportRun> again, tx.ClaimImport(t0, "w1", t0 + absl::Minutes(2)));
    EXPECT_TRUE(again.has_value()) << "its own lease";
    ASSIGN_OR_RETURN(std::string content, tx.ReadImportContent(run.id));
    EXPECT_EQ(content.size(), 21u);  // bytes, NUL included
    return absl::OkStatus();
  }));
  ImportRun progress = run;
  progress.status = ImportStatus::kRunning;
  progress.processed_lines = 2;
  progress.documents_created = 1;
  progress.error_lines = 1;
  progress.errors = {{3, "customer_code", "unknown_party"}};
  EXPECT_TRUE(absl::IsFailedPrecondition(
      Write([&](Tx& tx) { return tx.UpdateImport(progress, "w2", t0 + absl::Minutes(2)); })));
  RETORNO_EXPECT_OK(Write([&](Tx& tx) { return tx.UpdateImport(progress, "w1", t0 + absl::Minutes(2)); }));
  // After the lease runs out another worker resumes it where it stopped.
  const absl::Time later = t0 + absl::Minutes(3);
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ImportRun> r, tx.ClaimImport(later, "w2", later + absl::Minutes(2)));
    EXPECT_TRUE(r && r->processed_lines == 2 && r->status == ImportStatus::kRunning);
    if (r) { EXPECT_EQ(r->errors, progress.errors); }
    ImportRun done = *r;
    done.status = ImportStatus::kDone;
    done.processed_lines = 3;
    done.finished_at = later;
    return tx.UpdateImport(done, "w2", later + absl::Minutes(2));
  }));
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ImportRun> none, tx.ClaimImport(later + absl::Hours(1), "w3", later));
    EXPECT_FALSE(none.has_value()) << "done imports are not claimed";
    ASSIGN_OR_RETURN(std::string content, tx.ReadImportContent(run.id));
    EXPECT_TRUE(content.empty()) << "the file is dropped once done";
    ASSIGN_OR_RETURN(std::vector<ImportRun> list, tx.ListImports(10));
    EXPECT_EQ(list.size(), 1u);
    if (!list.empty()) {
      EXPECT_EQ(list[0].finished_at, later);
      EXPECT_EQ(list[0].documents_created, 1);
    }
    return absl::OkStatus();
  }));
}

}  // namespace retorno
