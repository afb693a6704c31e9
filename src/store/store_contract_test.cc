#include "store/store_contract_test.h"

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
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using namespace contract;  // NOLINT: the suite's small helpers

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
    auto r = tx.accounts().InsertBranch(b);
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
    auto r = tx.accounts().InsertUser(u);
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
    auto r = tx.parties().InsertParty(p);
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
    auto r = tx.followups().InsertFollowup(f);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

ActionId StoreContractTest::AddAction(FollowupId followup, UserId assignee, absl::CivilDay due,
                                      ActionStatus status, std::optional<int> due_minutes) {
  ActionId id;
  RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
    Action a = contract::PhoneReturn(followup, assignee, due, status, Now());
    a.due_minutes = due_minutes;
    auto r = tx.followups().InsertAction(a);
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
    auto r = tx.followups().InsertEntry(e);
    if (r.ok()) id = *r;
    return r.status();
  }));
  return id;
}

std::optional<Followup> StoreContractTest::GetFollowup(FollowupId id) {
  std::optional<Followup> out;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.followups().FindFollowup(id);
    if (r.ok()) out = *r;
    return r.status();
  }));
  return out;
}

std::optional<Action> StoreContractTest::GetAction(ActionId id) {
  std::optional<Action> out;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.followups().FindAction(id);
    if (r.ok()) out = *r;
    return r.status();
  }));
  return out;
}

FollowupPage StoreContractTest::QueryPage(const FollowupQuery& q) {
  FollowupPage p;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.followup_queries().QueryFollowups(q);
    if (r.ok()) p = *r;
    return r.status();
  }));
  // Every page the suite reads is also read as the export reads it (ADR 0044): the same
  // rows with the same values and the same cursor to the next page, into a page whose
  // rows an earlier page left behind (longer texts, another date), as in an export.
  FollowupExportPage slim;
  slim.rows.resize(2);
  for (FollowupExportRow& r : slim.rows) {
    r.party_code = r.party_name = r.subject = r.category = std::string(40, 'x');
    r.next_due_date = r.internal_date = absl::CivilDay(1999, 1, 1);
  }
  slim.size = 2;
  slim.next_cursor = "stale";
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    return tx.followup_export().QueryFollowupsForExport(q, slim);
  }));
  EXPECT_EQ(slim.next_cursor, p.next_cursor);
  EXPECT_LE(slim.size, slim.rows.size());
  if (slim.size == p.items.size()) {
    for (size_t i = 0; i < p.items.size(); ++i) {
      const Followup& f = p.items[i].followup;
      const Party& party = p.items[i].party;
      const FollowupExportRow& e = slim.rows[i];
      EXPECT_EQ(e.id, f.id);
      EXPECT_EQ(e.party_code, party.code);
      EXPECT_EQ(e.party_name, party.name);
      EXPECT_EQ(e.subject, f.subject);
      EXPECT_EQ(e.category, f.category);
      EXPECT_EQ(e.owner_id, f.owner_id);
      EXPECT_EQ(e.priority, f.priority);
      EXPECT_EQ(e.status, f.status);
      EXPECT_EQ(e.next_due_date, f.next_due_date);
      EXPECT_EQ(e.contact_at, f.contact_at);
      EXPECT_EQ(e.internal_date, f.internal_date);
    }
  } else {
    ADD_FAILURE() << "the export read " << slim.size << " rows, the list " << p.items.size();
  }
  return p;
}

std::vector<FollowupId> StoreContractTest::QueryIds(FollowupQuery q) {
  std::vector<FollowupId> out;
  q.cursor.clear();
  // Every query of the suite also checks the count a list footer shows: all pages' rows.
  int64_t total = -1;
  RETORNO_EXPECT_OK(Read([&](Tx& tx) -> absl::Status {
    auto r = tx.followup_queries().CountFollowups(q);
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
        auto r = tx.followup_queries().CountFollowups(later);
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
    auto r = tx.followup_queries().QueryAgenda(q);
    if (r.ok()) out = *r;
    return r.status();
  }));
  return out;
}

// =================================================================================
// Settings

TEST_P(StoreContractTest, SettingsHaveDefaultsAfterMigration) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto s = tx.accounts().GetSettings();
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.accounts().PutSettings(s); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.accounts().GetSettings();
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
    return tx.accounts().InsertBranch(b).status();
  }));
  EXPECT_NE(sul, centro);
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto found = tx.accounts().FindBranch(sul);
    if (!found.ok()) return found.status();
    EXPECT_TRUE(found->has_value());
    if (*found) {
      EXPECT_EQ((*found)->id, sul);
      EXPECT_EQ((*found)->name, "Sul");
      EXPECT_EQ((*found)->time_zone, "");
    }
    auto missing = tx.accounts().FindBranch(BranchId(9999));
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    auto all = tx.accounts().ListBranches();
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
    return tx.accounts().InsertBranch({BranchId(), "Matriz", ""}).status();
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
    auto id = tx.accounts().InsertUser(u);
    if (id.ok()) u.id = *id;
    return id.status();
  }));
  EXPECT_TRUE(u.id.valid());
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.accounts().FindUser(u.id);
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
    auto got = tx.accounts().FindUser(id);
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
      return tx.accounts().InsertUser(u).status();
    });
    EXPECT_TRUE(absl::IsAlreadyExists(st)) << login << ": " << st;
    EXPECT_EQ(st.message(), "login");
  }
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto n = tx.accounts().CountUsers();
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 1);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, FindUserByLoginIgnoresAsciiCase) {
  UserId id = AddUser("Pedro.Alves");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    for (std::string login : {"Pedro.Alves", "pedro.alves", "PEDRO.ALVES"}) {
      auto got = tx.accounts().FindUserByLogin(login);
      if (!got.ok()) return got.status();
      EXPECT_TRUE(got->has_value()) << login;
      if (*got) {
        EXPECT_EQ((*got)->id, id);
      }
    }
    auto missing = tx.accounts().FindUserByLogin("pedro");
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
    auto got = tx.accounts().FindUser(id);
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.accounts().UpdateUser(u); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.accounts().FindUser(id);
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.accounts().UpdateUser(u); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.accounts().FindUser(id);
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
    auto got = tx.accounts().FindUser(id);
    if (!got.ok()) return got.status();
    User u = **got;
    u.login = "ROSA";
    u.name = "Tiago Renomeado";
    return tx.accounts().UpdateUser(u);
  });
  EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
  EXPECT_EQ(st.message(), "login");
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.accounts().FindUser(id);
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
    return tx.accounts().UpdateUser(u);
  });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

TEST_P(StoreContractTest, CountAndListUsersByName) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto n = tx.accounts().CountUsers();
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 0);
    return absl::OkStatus();
  }));
  AddUser("zeca");
  AddUser("bia");
  AddUser("mario");
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto n = tx.accounts().CountUsers();
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 3);
    auto all = tx.accounts().ListUsers();
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
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.accounts().InsertSession(s); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.accounts().FindSession("a3f1c2");
    if (!got.ok()) return got.status();
    EXPECT_TRUE(got->has_value());
    if (!*got) return absl::OkStatus();
    EXPECT_EQ((*got)->token_hash, "a3f1c2");
    EXPECT_EQ((*got)->csrf_token, "csrf-123");
    EXPECT_EQ((*got)->user_id, u);
    EXPECT_EQ((*got)->created_at, s.created_at);
    EXPECT_EQ((*got)->expires_at, s.expires_at);
    auto missing = tx.accounts().FindSession("nope");
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    return absl::OkStatus();
  }));
  absl::Status dup = Write([&](Tx& tx) { return tx.accounts().InsertSession(s); });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.accounts().DeleteSession("a3f1c2"); }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.accounts().DeleteSession("already-gone"); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto got = tx.accounts().FindSession("a3f1c2");
    if (!got.ok()) return got.status();
    EXPECT_FALSE(got->has_value());
    return absl::OkStatus();
  }));
}

// The login throttle's counts (ADR 0030): by key, replaced whole, "never" kept as such.
TEST_P(StoreContractTest, ThrottleCountsRoundTripAndAgeOut) {
  const absl::Time now = Now();
  ThrottleState reserved{.failures = 3,
                         .in_flight = 1,
                         .last_failure = now - absl::Seconds(5),
                         .reserved_until = now + absl::Minutes(1)};
  ThrottleState old{.failures = 7, .in_flight = 0, .last_failure = now - absl::Hours(2)};
  ThrottleState fresh;  // no failure yet, nothing in flight: last_failure is "never"
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.accounts().PutThrottle("pair:ana\n203.0.113.1", fresh));
    RETURN_IF_ERROR(tx.accounts().PutThrottle("pair:ana\n203.0.113.1", reserved));  // replaces
    RETURN_IF_ERROR(tx.accounts().PutThrottle("address:198.51.100.7", old));
    return tx.accounts().PutThrottle("pair:bia\n203.0.113.1", fresh);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ThrottleState> got,
                     tx.accounts().FindThrottle("pair:ana\n203.0.113.1"));
    EXPECT_TRUE(got);
    if (!got) return absl::OkStatus();
    EXPECT_EQ(got->failures, 3);
    EXPECT_EQ(got->in_flight, 1);
    EXPECT_EQ(got->last_failure, reserved.last_failure);
    EXPECT_EQ(got->reserved_until, reserved.reserved_until);
    ASSIGN_OR_RETURN(got, tx.accounts().FindThrottle("pair:bia\n203.0.113.1"));
    EXPECT_TRUE(got && got->last_failure == absl::InfinitePast() &&
                got->reserved_until == absl::InfinitePast());
    ASSIGN_OR_RETURN(got, tx.accounts().FindThrottle("pair:nobody\n203.0.113.1"));
    EXPECT_FALSE(got);
    return absl::OkStatus();
  }));
  // An hour back: the old address and the never-failed pair go, the reserved pair stays.
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.accounts().DeleteStaleThrottles(now - absl::Hours(1)));
    return tx.accounts().DeleteThrottle("pair:already-gone");
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    for (const char* key : {"address:198.51.100.7", "pair:bia\n203.0.113.1"}) {
      ASSIGN_OR_RETURN(std::optional<ThrottleState> got, tx.accounts().FindThrottle(key));
      EXPECT_FALSE(got) << key;
    }
    ASSIGN_OR_RETURN(std::optional<ThrottleState> kept,
                     tx.accounts().FindThrottle("pair:ana\n203.0.113.1"));
    EXPECT_TRUE(kept);
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, DeleteExpiredSessionsKeepsLiveOnes) {
  UserId u = AddUser("expira");
  const absl::Time now = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    for (auto [hash, expires] : std::vector<std::pair<std::string, absl::Time>>{
             {"old", now - absl::Hours(1)}, {"edge", now}, {"live", now + absl::Microseconds(1)}}) {
      absl::Status st = tx.accounts().InsertSession({hash, "c", u, now - absl::Hours(9), expires});
      if (!st.ok()) return st;
    }
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.accounts().DeleteExpiredSessions(now); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    for (auto [hash, kept] : std::vector<std::pair<std::string, bool>>{
             {"old", false}, {"edge", false}, {"live", true}}) {
      auto got = tx.accounts().FindSession(hash);
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
    auto types = tx.accounts().ListCodes(CodeTable::kContactType);
    if (!types.ok()) return types.status();
    std::vector<std::pair<std::string, std::string>> got;
    for (const CodeItem& c : *types) got.emplace_back(c.code, c.name);
    EXPECT_THAT(got, ElementsAre(std::pair<std::string, std::string>{"phone", "Telefone"},
                                 std::pair<std::string, std::string>{"email", "E-mail"},
                                 std::pair<std::string, std::string>{"whatsapp", "WhatsApp"},
                                 std::pair<std::string, std::string>{"visit", "Visita"},
                                 std::pair<std::string, std::string>{"meeting", "Reunião"}));
    auto cats = tx.accounts().ListCodes(CodeTable::kCategory);
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
    auto r = tx.accounts().InsertCode(CodeTable::kContactType, {0, "sms", "SMS"});
    if (r.ok()) id = *r;
    return r.status();
  }));
  EXPECT_GT(id, 0);
  // The same code in the other table is another row.
  RETORNO_ASSERT_OK(Write([](Tx& tx) {
    return tx.accounts().InsertCode(CodeTable::kCategory, {0, "sms", "Campanha SMS"}).status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto t = tx.accounts().FindCode(CodeTable::kContactType, "sms");
    if (!t.ok()) return t.status();
    EXPECT_TRUE(t->has_value());
    if (*t) {
      EXPECT_EQ((*t)->id, id);
      EXPECT_EQ((*t)->name, "SMS");
    }
    auto c = tx.accounts().FindCode(CodeTable::kCategory, "sms");
    if (!c.ok()) return c.status();
    EXPECT_TRUE(c->has_value());
    if (*c) {
      EXPECT_EQ((*c)->name, "Campanha SMS");
    }
    auto missing = tx.accounts().FindCode(CodeTable::kCategory, "phone");
    if (!missing.ok()) return missing.status();
    EXPECT_FALSE(missing->has_value());
    auto types = tx.accounts().ListCodes(CodeTable::kContactType);
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
      return tx.accounts().InsertCode(t, {0, existing, "Dup"}).status();
    });
    EXPECT_TRUE(absl::IsAlreadyExists(st)) << st;
    EXPECT_EQ(st.message(), "code");
  }
}

TEST_P(StoreContractTest, SeededCodesHaveTheirNamesInEachLanguage) {
  RETORNO_ASSERT_OK(Read([](Tx& tx) -> absl::Status {
    auto phone = tx.accounts().FindCode(CodeTable::kContactType, "phone");
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
    auto cat = tx.accounts().FindCode(CodeTable::kCategory, "pos_venda");
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
    auto r = tx.accounts().InsertCode(CodeTable::kContactType, {0, "sms", "Torpedo"});
    if (r.ok()) sms = *r;
    return r.status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto c = tx.accounts().FindCodeById(CodeTable::kContactType, sms);
    if (!c.ok()) return c.status();
    EXPECT_TRUE(c->has_value());
    if (*c) {
      EXPECT_EQ((*c)->name_en, "Torpedo");  // one name serves every language
    }
    auto none = tx.accounts().FindCodeById(CodeTable::kCategory, sms + 1000);
    if (!none.ok()) return none.status();
    EXPECT_FALSE(none->has_value());
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    CodeItem c{sms, "sms", "Torpedo SMS", "Mensaje SMS", "Text message"};
    c.position = 1;
    c.active = false;
    RETURN_IF_ERROR(tx.accounts().UpdateCode(CodeTable::kContactType, c));
    auto phone = tx.accounts().FindCode(CodeTable::kContactType, "phone");
    if (!phone.ok()) return phone.status();
    CodeItem p = **phone;
    p.position = 2;
    return tx.accounts().UpdateCode(CodeTable::kContactType, p);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto all = tx.accounts().ListCodes(CodeTable::kContactType);
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
    return tx.accounts().UpdateCode(CodeTable::kCategory, CodeItem{sms + 1000, "x", "X"});
  });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

TEST_P(StoreContractTest, UpdateBranchWritesNamePositionAndRetirement) {
  BranchId sul = AddBranch("Sul");
  BranchId centro = AddBranch("Centro");
  BranchId norte = AddBranch("Norte");
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto b = tx.accounts().FindBranch(sul);
    if (!b.ok()) return b.status();
    Branch x = **b;
    x.name = "Sul (Porto Alegre)";
    x.position = 1;
    x.active = false;
    return tx.accounts().UpdateBranch(x);
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto all = tx.accounts().ListBranches();
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
    return tx.accounts().UpdateBranch(Branch{centro, "Norte", ""});
  });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  absl::Status missing = Write([&](Tx& tx) {
    return tx.accounts().UpdateBranch(Branch{BranchId(norte.value + 1000), "X", ""});
  });
  EXPECT_TRUE(absl::IsNotFound(missing)) << missing;
}

}  // namespace retorno
