// The four manager reports (unattended, actions, team, automatic) on a database made by
// retorno_bench_gen, each run --runs times as a supervisor (their branch, the default
// 30 days) and as an admin (the whole company), on one core; p50 and p99 per report
// beside raw SQLite (the C API, prepared statements) running the same aggregate SQL,
// and the target (p99 < 200 ms).
//
//   bash bench/reports.sh    (generates, prepares and runs; FOLLOWUPS=200000 for less)
//   build/bench/retorno_bench_reports --db DB --today 2026-11-22 [--prepare] [--runs N]
//
// --prepare (once per database) gives the generated data what the reports read and the
// generator does not write: completion times of the done returns (from a day before to
// three days after their due date), creation times over the last year, 40 catalogue
// items, one document per after-sale or after-service follow-up (1 in 8 each), and a
// birthday follow-up in 16; plus later sales to the same parties, so conversions exist.
// The statements of the raw side are written out here, as in raw_sqlite.cc, so that
// they measure SQLite alone; the contract suite keeps the store's own SQL honest.
#include <sched.h>
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "app/ports.h"
#include "app/reports/reports.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kTargetMs = 200;

bool Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "reports_bench: %s\n  in: %s\n", err ? err : "?", sql.c_str());
    sqlite3_free(err);
    return false;
  }
  return true;
}

// Gives the generated database completion times, creation times and automatic
// follow-ups (see the top of the file).
absl::Status Prepare(Store& store, sqlite3* db, absl::Time now) {
  RETURN_IF_ERROR(store.Write([&](Tx& tx) -> absl::Status {
    for (int i = 1; i <= 40; ++i) {
      CatalogItem c;
      c.code = absl::StrFormat("BENCH-%02d", i);
      c.kind = i % 2 ? CatalogKind::kProduct : CatalogKind::kService;
      c.name = absl::StrFormat("%s %02d", i % 2 ? "Produto" : "Serviço", i);
      c.followup_days = 30;
      c.created_at = c.updated_at = now;
      RETURN_IF_ERROR(tx.sales().InsertCatalogItem(c).status());
    }
    return absl::OkStatus();
  }));
  const int64_t now_us = absl::ToUnixMicros(now);
  // SQLite's own date arithmetic: the day of the follow-up's creation, moved.
  auto day_of_created = [](const char* shift) {
    return absl::StrCat("date(f.created_at / 1000000 ", shift, ", 'unixepoch')");
  };
  const std::vector<std::string> steps = {
      "BEGIN",
      // Done from a day before to three days after the due day (00:00 UTC + 0..4 days
      // - 1 day), a third without a result time (the completion time counts then).
      "UPDATE actions SET done_by = assignee_id, done_at = "
      "(CAST((julianday(due_date) - 2440587.5) * 86400 AS INTEGER) - 86400 "
      "+ (id * 7919) % (4 * 86400)) * 1000000 WHERE status = 'done' AND done_at IS NULL",
      "UPDATE actions SET result_at = done_at WHERE status = 'done' AND result_at IS NULL "
      "AND id % 3 <> 0",
      absl::StrCat("UPDATE followups SET created_at = ", now_us,
                   " - ((id * 7919) % (365 * 86400)) * 1000000"),
      absl::StrCat("INSERT INTO documents (id, kind, number, party_id, branch_id, owner_id, "
                   "issued_on, status, completed_on, version, created_by, updated_by, "
                   "created_at, updated_at) SELECT f.id, CASE WHEN f.id % 8 = 3 THEN "
                   "'service_order' ELSE 'sale' END, 'BENCH-' || f.id, f.party_id, f.branch_id, "
                   "f.owner_id, ",
                   day_of_created("+ CASE WHEN f.id % 8 = 5 THEN 45 * 86400 ELSE -30 * 86400 END"),
                   ", 'completed', ", day_of_created("- 30 * 86400"),
                   ", 1, f.owner_id, f.owner_id, f.created_at, f.created_at "
                   "FROM followups f WHERE f.id % 8 IN (1, 3, 5)"),
      "UPDATE followups SET origin = CASE WHEN id % 8 = 1 THEN 'after_sale' ELSE "
      "'service_done' END, document_id = id, origin_key = 'doc:' || id || ':item:' || "
      "(1 + id % 40) WHERE id % 8 IN (1, 3)",
      "UPDATE followups SET origin = 'birthday', origin_key = 'birthday:party:' || party_id || "
      "':' || id WHERE id % 16 = 7",
      "COMMIT",
      "ANALYZE",
  };
  for (const std::string& s : steps)
    if (!Exec(db, s)) return absl::InternalError("prepare");
  return absl::OkStatus();
}

// Wall time, and the thread's CPU time: on a machine shared with other work the wall
// time includes waiting for a core, while the CPU time is what one core of our own
// would take (the store reads on the calling thread).
struct Figures {
  double p50 = -1, p99 = -1, cpu50 = -1, cpu99 = -1;
};

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

Figures Measure(int runs, const std::function<bool()>& fn) {
  std::vector<double> wall, cpu;
  if (!fn()) return {};  // warm: the page cache and the statement caches
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    const double c0 = ThreadCpuMs();
    if (!fn()) return {};
    cpu.push_back(ThreadCpuMs() - c0);
    wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  auto at = [](std::vector<double>& v, double q) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  return {at(wall, 0.50), at(wall, 0.99), at(cpu, 0.50), at(cpu, 0.99)};
}

// Raw SQLite: each statement prepared once, bound, stepped to the end.
struct Raw {
  sqlite3* db;
  struct Stmt {
    sqlite3_stmt* s = nullptr;
    std::vector<std::variant<int64_t, std::string>> args;
  };
  std::vector<Stmt> stmts;
  bool Add(const std::string& sql, std::vector<std::variant<int64_t, std::string>> args) {
    Stmt st;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st.s, nullptr) !=
        SQLITE_OK) {
      std::fprintf(stderr, "reports_bench: %s\n  in: %s\n", sqlite3_errmsg(db), sql.c_str());
      return false;
    }
    st.args = std::move(args);
    stmts.push_back(std::move(st));
    return true;
  }
  bool Run() {
    if (!Exec(db, "BEGIN")) return false;
    for (Stmt& st : stmts) {
      sqlite3_reset(st.s);
      for (size_t i = 0; i < st.args.size(); ++i) {
        const int col = static_cast<int>(i) + 1;
        if (auto* v = std::get_if<int64_t>(&st.args[i]))
          sqlite3_bind_int64(st.s, col, *v);
        else
          sqlite3_bind_text(st.s, col, std::get<std::string>(st.args[i]).c_str(), -1,
                            SQLITE_TRANSIENT);
      }
      int rc;
      while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
      }
      if (rc != SQLITE_DONE) return false;
    }
    return Exec(db, "COMMIT");
  }
};

// A viewer of the reports: an admin, or a supervisor of the first branch.
struct Viewer {
  std::string name;
  AuthContext ctx;
  std::optional<int64_t> branch;  // the supervisor's
  int64_t id = 0;
  bool own_only = false;  // an agent
};

int Main(int argc, char** argv) {
  CLI::App cli{"The manager reports on a generated database, against raw SQLite"};
  std::string path, today_text;
  int runs = 100;
  bool prepare = false, no_pin = false;
  cli.add_option("--db", path, "A database made by retorno_bench_gen")->required();
  cli.add_option("--today", today_text, "The generator's --today (YYYY-MM-DD)")->required();
  cli.add_option("--runs", runs, "Runs per report and viewer (default 100)");
  cli.add_flag("--prepare", prepare, "Add completion times and automatic follow-ups first");
  cli.add_flag("--no-pin", no_pin, "Do not pin the process to the first core");
  std::string only;
  cli.add_option("--only", only, "Only these reports, comma-separated (e.g. team,actions)");
  CLI11_PARSE(cli, argc, argv);
  const std::optional<absl::CivilDay> today = ParseDate(today_text);
  if (!today) return std::fprintf(stderr, "bad --today\n"), 2;
  const bool pin = !no_pin;
  if (pin) {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) std::perror("sched_setaffinity");
  }
  const absl::TimeZone sp = *LoadZone("America/Sao_Paulo");
  // The generator's "now": 09:00 of its today in São Paulo; the reports ask at noon.
  const absl::Time now = InstantOf(*today, 12 * 60, sp);
  auto store = OpenSqliteStore({.path = path});
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    return std::fprintf(stderr, "cannot open %s\n", path.c_str()), 1;
  sqlite3_busy_timeout(db, 5000);
  Exec(db, "PRAGMA cache_size = -65536");
  if (prepare) {
    const auto t0 = Clock::now();
    absl::Status st = Prepare(**store, db, InstantOf(*today, 9 * 60, sp));
    if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
    std::printf("prepared in %.1f s\n", std::chrono::duration<double>(Clock::now() - t0).count());
  }

  {
    // A database prepared before migration 0020 has no statistics on the report
    // indexes: gather them once, as --prepare did for the others.
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_stat1 WHERE idx = 'followups_late'", -1, &s,
                       nullptr);
    const bool missing = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) == 0;
    sqlite3_finalize(s);
    if (missing && !Exec(db, "ANALYZE")) return 1;
  }
  int64_t followups = 0, admin_id = 0, agent_id = 0, branch_id = 0;
  {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT (SELECT count(*) FROM followups), (SELECT id FROM users WHERE "
                       "login = 'admin'), (SELECT min(id) FROM branches), (SELECT id FROM users "
                       "WHERE login = 'agent01')",
                       -1, &s, nullptr);
    if (sqlite3_step(s) == SQLITE_ROW) {
      followups = sqlite3_column_int64(s, 0);
      admin_id = sqlite3_column_int64(s, 1);
      branch_id = sqlite3_column_int64(s, 2);
      agent_id = sqlite3_column_int64(s, 3);
    }
    sqlite3_finalize(s);
  }
  std::vector<Viewer> viewers;
  {
    Viewer admin{"admin, whole company", {}, std::nullopt, admin_id};
    admin.ctx.user.id = UserId(admin_id);
    admin.ctx.user.role = Role::kAdmin;
    admin.ctx.user.time_zone = "America/Sao_Paulo";
    viewers.push_back(admin);
    // A supervisor of the first branch (agent01's, who stands in for them).
    Viewer sup{"supervisor, own branch", {}, branch_id, agent_id};
    sup.ctx.user.id = UserId(agent_id);
    sup.ctx.user.role = Role::kSupervisor;
    sup.ctx.user.branch_id = BranchId(branch_id);
    sup.ctx.user.time_zone = "America/Sao_Paulo";
    viewers.push_back(sup);
    // An agent: their own follow-ups alone.
    Viewer agent{"agent, own", {}, std::nullopt, agent_id};
    agent.ctx.user.id = UserId(agent_id);
    agent.ctx.user.role = Role::kAgent;
    agent.ctx.user.branch_id = BranchId(branch_id);
    agent.ctx.user.time_zone = "America/Sao_Paulo";
    agent.own_only = true;
    viewers.push_back(agent);
  }

  ReportService reports(**store);
  const absl::CivilDay from = *today - 29;
  const int64_t from_us = absl::ToUnixMicros(InstantOf(from, 0, sp));
  const int64_t to_us = absl::ToUnixMicros(InstantOf(*today + 1, 0, sp));
  const std::string today_s = FormatDate(*today);
  std::printf("%lld follow-ups; %d runs per line; period %s..%s; %s\n",
              static_cast<long long>(followups), runs, FormatDate(from).c_str(), today_s.c_str(),
              pin ? "pinned to core 0" : "not pinned");
  std::printf("%-11s %-23s %23s %23s  %s\n", "", "", "report: p50 / p99 ms",
              "raw SQLite: p50 / p99", "target: p99 < 200 ms");
  std::printf("%-11s %-23s %11s %11s %11s %11s\n", "report", "viewer", "wall", "cpu", "wall",
              "cpu");

  for (const Viewer& v : viewers) {
    // Visibility as the store adds it: the supervisor's own OR their branch's.
    // A return reads its copy of the follow-up's owner and branch (migration 0026).
    auto vis = [&](const char* owner_col, std::vector<std::variant<int64_t, std::string>>& a,
                   const char* branch_col = "f.branch_id") {
      if (v.own_only) {
        a.push_back(v.id);
        return absl::StrCat(" AND ", owner_col, " = ?");
      }
      if (!v.branch) return std::string();
      a.push_back(v.id);
      a.push_back(*v.branch);
      return absl::StrCat(" AND (", owner_col, " = ? OR ", branch_col, " = ?)");
    };
    struct Report {
      std::string name;
      std::function<bool()> use_case;
      Raw raw;
    };
    std::vector<Report> list;

    {  // Unattended: late open follow-ups; a page, the buckets, per agent, per branch.
      Report r{"unattended", nullptr, {db, {}}};
      r.use_case = [&] {
        UnattendedInput in;
        return reports.Unattended(v.ctx, in, now).ok();
      };
      std::vector<std::variant<int64_t, std::string>> a = {today_s}, a_counts = {today_s};
      const std::string w = "f.status = 'open' AND f.due_key < ?" + vis("f.owner_id", a);
      const std::string wc =
          "f.status = 'open' AND f.next_due_date < ?" + vis("f.owner_id", a_counts);
      const std::string from_sql =
          " FROM followups f JOIN parties p ON p.id = f.party_id JOIN users u ON u.id = "
          "f.owner_id LEFT JOIN branches b ON b.id = f.branch_id WHERE ";
      auto page = a;
      page.push_back(int64_t{101});
      r.raw.Add(absl::StrCat("SELECT f.id, f.subject, f.party_id, p.name, f.owner_id, u.name, "
                             "f.branch_id, coalesce(b.name, ''), f.category, f.priority, "
                             "f.next_due_date",
                             from_sql, w, " ORDER BY f.due_key, f.id LIMIT ?"),
                page);
      std::vector<std::variant<int64_t, std::string>> b = {
          FormatDate(*today - 3), FormatDate(*today - 7), FormatDate(*today - 30)};
      b.insert(b.end(), a_counts.begin(), a_counts.end());
      r.raw.Add(
          absl::StrCat("WITH g AS (SELECT f.owner_id AS owner_id, f.branch_id AS branch_id, CASE "
                       "WHEN f.next_due_date >= ? THEN 0 WHEN f.next_due_date >= ? THEN 1 WHEN "
                       "f.next_due_date >= ? THEN 2 ELSE 3 END AS bucket, count(*) AS n FROM "
                       "followups f WHERE ",
                       wc,
                       " GROUP BY f.next_due_date, f.owner_id, f.branch_id) SELECT 0, g.owner_id, "
                       "u.name, CAST(sum(g.n) AS BIGINT) "
                       "FROM g JOIN users u ON u.id = g.owner_id GROUP BY g.owner_id, u.name UNION "
                       "ALL SELECT 1, g.branch_id, coalesce(b.name, ''), CAST(sum(g.n) AS BIGINT) "
                       "FROM g LEFT JOIN branches b ON b.id = g.branch_id GROUP BY g.branch_id, "
                       "b.name UNION ALL SELECT 2, g.bucket, '', CAST(sum(g.n) AS BIGINT) FROM g "
                       "GROUP BY g.bucket ORDER BY 1, 4 DESC, 3, 2"),
          b);
      list.push_back(std::move(r));
    }
    {  // Actions: returns done and entries of 30 days; a page, per user, per 15 minutes.
      Report r{"actions", nullptr, {db, {}}};
      r.use_case = [&] {
        ActionsInput in;
        return reports.Actions(v.ctx, in, now).ok();
      };
      std::vector<std::variant<int64_t, std::string>> a = {from_us, to_us};
      const std::string ret = absl::StrCat(
          "SELECT 0 AS kind, a.id AS id, coalesce(a.result_at, a.done_at) AS at, f.id AS "
          "followup_id, f.subject AS subject, p.name AS party_name, a.done_by AS uid, u.name AS "
          "uname, f.branch_id AS branch_id, coalesce(b.name, '') AS branch_name, f.category AS "
          "category, a.type AS contact_type, a.resolution AS resolution, '' AS entry_kind, "
          "a.result AS result FROM actions a JOIN followups f ON f.id = a.followup_id JOIN "
          "parties p ON p.id = f.party_id JOIN users u ON u.id = a.done_by LEFT JOIN branches b "
          "ON b.id = f.branch_id WHERE a.status = 'done' AND coalesce(a.result_at, a.done_at) "
          ">= ? AND coalesce(a.result_at, a.done_at) < ?",
          vis("a.followup_owner_id", a, "a.followup_branch_id"));
      const size_t ret_args = a.size();
      a.push_back(from_us);
      a.push_back(to_us);
      const std::string ent = absl::StrCat(
          "SELECT 1 AS kind, e.id AS id, e.contact_at AS at, f.id AS followup_id, f.subject AS "
          "subject, p.name AS party_name, e.author_id AS uid, u.name AS uname, f.branch_id AS "
          "branch_id, coalesce(b.name, '') AS branch_name, f.category AS category, '' AS "
          "contact_type, '' AS resolution, e.kind AS entry_kind, e.body AS result FROM entries e "
          "JOIN followups f ON f.id = e.followup_id JOIN parties p ON p.id = f.party_id JOIN "
          "users u ON u.id = e.author_id LEFT JOIN branches b ON b.id = f.branch_id WHERE "
          "e.draft = 0 AND e.kind IN ('note', 'complaint', 'internal') AND e.contact_at >= ? AND "
          "e.contact_at < ?",
          vis("f.owner_id", a));
      (void)ret_args;
      constexpr char kSums[] =
          "coalesce(sum(CASE WHEN x.kind = 0 THEN 1 ELSE 0 END), 0) AS r, "
          "coalesce(sum(CASE WHEN x.kind = 1 THEN 1 ELSE 0 END), 0) AS e";
      // The page: each part's first rows in time order, merged (as the store does).
      r.raw.Add(absl::StrCat("SELECT * FROM (", ret,
                             " ORDER BY 3, 2 LIMIT 101) p0 UNION ALL "
                             "SELECT * FROM (",
                             ent,
                             " ORDER BY 3, 2 LIMIT 101) p1 "
                             "ORDER BY 3, 1, 2 LIMIT 101"),
                a);
      // The counts read the slim relation: no names, the follow-up only for the reach.
      std::vector<std::variant<int64_t, std::string>> c = {from_us, to_us};
      const bool join_f = v.branch || v.own_only;  // entries: for the reach
      const std::string slim_ret = absl::StrCat(
          "SELECT 0 AS kind, coalesce(a.result_at, a.done_at) AS at, a.done_by AS uid FROM "
          "actions a WHERE a.status = 'done' AND coalesce(a.result_at, a.done_at) >= ? "
          "AND coalesce(a.result_at, a.done_at) < ?",
          vis("a.followup_owner_id", c, "a.followup_branch_id"), " AND a.done_by IS NOT NULL");
      c.push_back(from_us);
      c.push_back(to_us);
      const std::string slim_ent = absl::StrCat(
          "SELECT 1 AS kind, e.contact_at AS at, e.author_id AS uid FROM entries e",
          join_f ? " JOIN followups f ON f.id = e.followup_id" : "",
          " WHERE e.contact_at >= ? AND e.contact_at < ? AND e.draft = 0 AND e.kind IN ('note', "
          "'complaint', 'internal')",
          vis("f.owner_id", c));
      const std::string slim = absl::StrCat(slim_ret, " UNION ALL ", slim_ent);
      r.raw.Add(absl::StrCat("SELECT g.uid, u.name, g.r, g.e FROM (SELECT x.uid AS uid, ", kSums,
                             " FROM (", slim,
                             ") x GROUP BY x.uid) g JOIN users u ON u.id = g.uid "
                             "ORDER BY u.name, g.uid"),
                c);
      r.raw.Add(absl::StrCat("SELECT x.at / 900000000, ", kSums, " FROM (", slim,
                             ") x GROUP BY x.at / 900000000 ORDER BY 1"),
                c);
      list.push_back(std::move(r));
    }
    {  // Team: returns due in 30 days and the 30 before, by agent, branch, day, local day.
      Report r{"team", nullptr, {db, {}}};
      r.use_case = [&] {
        TeamInput in;
        return reports.Team(v.ctx, in, now).ok();
      };
      // The viewer's spans of one offset, as the use case passes them (ADR 0043).
      std::vector<std::variant<int64_t, std::string>> a;
      std::string group = "CASE";
      for (const OffsetSpan& span :
           OffsetSpans(sp, InstantOf(from - 30 - 366, 0, sp), now + absl::Hours(48))) {
        group +=
            " WHEN coalesce(a.result_at, a.done_at) >= ? AND coalesce(a.result_at, "
            "a.done_at) < ? THEN (coalesce(a.result_at, a.done_at) + ?) / 86400000000";
        a.push_back(absl::ToUnixMicros(span.from));
        a.push_back(absl::ToUnixMicros(span.to));
        a.push_back(absl::ToInt64Microseconds(span.offset));
      }
      group += " ELSE -1 - coalesce(a.result_at, a.done_at) / 900000000 END";
      a.push_back(FormatDate(from - 30));
      a.push_back(today_s);
      const std::string done_w = "a.status = 'done' AND a.due_date >= ? AND a.due_date <= ?" +
                                 vis("a.followup_owner_id", a, "a.followup_branch_id");
      a.push_back(FormatDate(from - 30));
      a.push_back(today_s);
      const std::string planned_w =
          "a.status = 'planned' AND a.followup_open = 1 AND a.due_date >= ? AND a.due_date <= ?" +
          vis("a.followup_owner_id", a, "a.followup_branch_id");
      r.raw.Add(
          absl::StrCat("SELECT x.agent, u.name, x.branch_id, coalesce(b.name, ''), x.due_date, "
                       "x.done, x.grps, x.n FROM (SELECT a.assignee_id AS agent, "
                       "a.followup_branch_id AS branch_id, a.due_date AS due_date, 1 AS done, "
                       "group_concat(",
                       group, ") AS grps, count(*) AS n FROM actions a WHERE ", done_w,
                       " GROUP BY a.due_date, a.assignee_id, a.followup_branch_id UNION ALL "
                       "SELECT a.assignee_id, a.followup_branch_id, a.due_date, 0, NULL, "
                       "count(*) FROM actions a WHERE ",
                       planned_w,
                       " GROUP BY a.due_date, a.assignee_id, a.followup_branch_id) x JOIN users "
                       "u ON u.id = x.agent LEFT JOIN branches b ON b.id = x.branch_id"),
          a);
      list.push_back(std::move(r));
    }
    {  // Automatic: created in 30 days, per origin and item, done and converted.
      Report r{"automatic", nullptr, {db, {}}};
      r.use_case = [&] {
        AutomaticInput in;
        return reports.Automatic(v.ctx, in, now).ok();
      };
      std::vector<std::variant<int64_t, std::string>> a = {from_us, to_us};
      const std::string w =
          "f.origin IN ('after_sale', 'service_done', 'birthday') AND f.created_at >= ? AND "
          "f.created_at < ?" +
          vis("f.owner_id", a);
      r.raw.Add(
          absl::StrCat(
              "SELECT y.origin, y.item, coalesce(c.name, ''), coalesce(c.kind, ''), y.created, "
              "y.done, y.converted FROM (SELECT f.origin AS origin, CASE WHEN f.document_id IS "
              "NULL OR f.origin_key IS NULL THEN NULL ELSE CAST(substr(f.origin_key, "
              "length('doc:' || f.document_id || ':item:') + 1) AS BIGINT) END AS item, count(*) "
              "AS created, coalesce(sum(f.has_done_return), 0) AS done, coalesce(sum(CASE WHEN "
              "f.has_done_return = 1 AND EXISTS (SELECT 1 FROM documents d WHERE d.party_id = "
              "f.party_id AND d.issued_on >= f.first_due_date AND d.kind IN ('sale', "
              "'service_order') AND d.status <> 'cancelled' AND (f.document_id IS NULL OR d.id "
              "<> f.document_id)) THEN 1 ELSE 0 END), 0) AS converted FROM followups f WHERE ",
              w,
              " GROUP BY 1, 2) y LEFT JOIN catalog_items c ON c.id = y.item ORDER BY "
              "y.origin, coalesce(c.name, ''), y.item"),
          a);
      list.push_back(std::move(r));
    }
    for (Report& r : list) {
      if (!only.empty() &&
          !absl::StrContains(absl::StrCat(",", only, ","), absl::StrCat(",", r.name, ","))) {
        for (auto& st : r.raw.stmts) sqlite3_finalize(st.s);
        continue;
      }
      const Figures use = Measure(runs, r.use_case);
      const Figures raw = Measure(runs, [&] { return r.raw.Run(); });
      std::printf("%-11s %-23s %5.0f/%5.0f %5.0f/%5.0f %5.0f/%5.0f %5.0f/%5.0f  %s\n",
                  r.name.c_str(), v.name.c_str(), use.p50, use.p99, use.cpu50, use.cpu99, raw.p50,
                  raw.p99, raw.cpu50, raw.cpu99,
                  use.p99 < 0             ? "FAILED"
                  : use.p99 < kTargetMs   ? "met"
                  : use.cpu99 < kTargetMs ? "met on CPU time (wall time waited for a core)"
                                          : "NOT MET");
      std::fflush(stdout);
      for (auto& st : r.raw.stmts) sqlite3_finalize(st.s);
    }
  }
  sqlite3_close(db);
  return 0;
}

}  // namespace
}  // namespace retorno

int main(int argc, char** argv) { return retorno::Main(argc, argv); }
