// Fills a Retorno SQLite database with N follow-ups for the scale benchmarks, through
// the Store port (large transactions, no HTTP), with realistic distributions: 50 users
// in 5 branches, 20,000 parties, each follow-up with one to three returns spread over
// ±180 days around today, a third closed.
//
//   retorno_bench_gen --db bench.db --followups 1000000 --today 2026-11-22
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "app/ports.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/state.h"
#include "platform/sodium_crypto.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {
namespace {

absl::Status Generate(Store& store, Crypto& crypto, int64_t n, absl::CivilDay today,
                      const std::string& password) {
  std::mt19937_64 rng(7);
  const absl::TimeZone sp = *LoadZone("America/Sao_Paulo");
  const absl::Time now = InstantOf(today, 9 * 60, sp);
  ASSIGN_OR_RETURN(std::string hash, crypto.HashPassword(password));
  std::vector<BranchId> branches;
  std::vector<User> users;
  RETURN_IF_ERROR(store.Write([&](Tx& tx) -> absl::Status {
    for (int b = 0; b < 5; ++b) {
      ASSIGN_OR_RETURN(BranchId id, tx.accounts().InsertBranch(
                                        {BranchId(), absl::StrCat("Filial ", b + 1), ""}));
      branches.push_back(id);
    }
    for (int u = 0; u < 50; ++u) {
      User user;
      user.login = u == 0 ? "admin" : absl::StrFormat("agent%02d", u);
      user.name = absl::StrFormat("Usuário %02d", u);
      user.role = u == 0 ? Role::kAdmin : Role::kAgent;
      user.branch_id = branches[u % branches.size()];
      user.password_hash = hash;
      user.created_at = now;
      ASSIGN_OR_RETURN(user.id, tx.accounts().InsertUser(user));
      users.push_back(user);
    }
    return absl::OkStatus();
  }));
  const int kParties = 20000;
  std::vector<PartyId> parties;
  RETURN_IF_ERROR(store.Write([&](Tx& tx) -> absl::Status {
    for (int p = 0; p < kParties; ++p) {
      Party party;
      party.code = absl::StrFormat("B%06d", p);
      party.name = absl::StrFormat("Cliente Benchmark %06d Ltda.", p);
      party.email = absl::StrFormat("c%06d@example.com.br", p);
      party.created_at = now;
      ASSIGN_OR_RETURN(PartyId id, tx.parties().InsertParty(party));
      parties.push_back(id);
    }
    return absl::OkStatus();
  }));
  const std::array<const char*, 4> types = {"phone", "email", "whatsapp", "visit"};
  const std::array<const char*, 3> cats = {"em_analise", "pos_venda", "assistencia_tecnica"};
  // 2,000 follow-ups (about 6,000 rows and their index entries) per transaction: the
  // dirty pages of one transaction fit the connection's 16 MiB page cache.
  const int64_t kBatch = 2000;
  auto t0 = std::chrono::steady_clock::now();
  for (int64_t done = 0; done < n;) {
    const int64_t batch = std::min(kBatch, n - done);
    RETURN_IF_ERROR(store.Write([&](Tx& tx) -> absl::Status {
      for (int64_t i = 0; i < batch; ++i) {
        const User& owner = users[1 + rng() % (users.size() - 1)];
        Followup f;
        f.party_id = parties[rng() % parties.size()];
        f.owner_id = owner.id;
        f.branch_id = owner.branch_id;
        f.subject = absl::StrCat("Retorno de orçamento #", done + i);
        f.category = cats[rng() % cats.size()];
        f.priority = static_cast<Priority>(rng() % 3);
        f.created_by = f.updated_by = owner.id;
        f.created_at = f.updated_at = now;
        // Contacts spread over the last 180 days (without drawing from rng, so the rest
        // of the data is the same as before contact dates existed).
        f.contact_at = now - absl::Minutes((done + i) * 37 % (180 * 24 * 60));
        ASSIGN_OR_RETURN(f.id, tx.followups().InsertFollowup(f));
        const bool closed = rng() % 3 == 0;
        const int actions = 1 + static_cast<int>(rng() % 3);
        for (int a = 0; a < actions; ++a) {
          Action act;
          act.followup_id = f.id;
          act.type = types[rng() % types.size()];
          act.due_date = today + static_cast<int>(rng() % 361) - 180;
          act.assignee_id = owner.id;
          act.status = closed || a + 1 < actions ? ActionStatus::kDone : ActionStatus::kPlanned;
          act.created_at = now;
          ASSIGN_OR_RETURN(act.id, tx.followups().InsertAction(act));
        }
        if (closed) {
          f.status = FollowupStatus::kClosed;
          RETURN_IF_ERROR(tx.followups().UpdateFollowup(f).status());
        }
      }
      return absl::OkStatus();
    }));
    done += batch;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "\rgenerated %lld/%lld follow-ups (%.0f/s)", static_cast<long long>(done),
                 static_cast<long long>(n), done / secs);
  }
  std::fprintf(stderr, "\n");
  return absl::OkStatus();
}

}  // namespace
}  // namespace retorno

int main(int argc, char** argv) {
  CLI::App cli{"Generate benchmark data for Retorno"};
  std::string db = "bench.db", today_text, password = "bench-pass-123";
  int64_t n = 1000000;
  cli.add_option("--db", db, "SQLite file to create");
  cli.add_option("--followups", n, "How many follow-ups (default 1,000,000)");
  cli.add_option("--today", today_text, "YYYY-MM-DD (default: today in São Paulo)")->required();
  cli.add_option("--password", password, "Password of every generated user");
  CLI11_PARSE(cli, argc, argv);
  auto today = retorno::ParseDate(today_text);
  if (!today) {
    std::fprintf(stderr, "bad --today\n");
    return 1;
  }
  auto store = retorno::OpenSqliteStore({.path = db});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  auto crypto = retorno::NewSodiumCrypto({});
  absl::Status s = retorno::Generate(**store, **crypto, n, *today, password);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
