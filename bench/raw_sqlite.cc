// The machine's SQLite limits for bench/run.sh, measured in the same run as the server:
//
//   --reads N: the statements the store runs to read one follow-up (the follow-up with
//     its party, its returns, its entries and its attachments), through the C API with
//     prepared statements, for N random ids in one read transaction each, on one core.
//     A GET of one follow-up cannot be served faster than this on this database.
//   --commits N: N durable transactions (WAL, synchronous=FULL) of one row each on a
//     scratch database, and the same number of rows in transactions of --group rows:
//     what the disk allows for the creation scenario.
//   --scan SQL: SQL stepped to its end, every column read as text (bench/export_csv.mjs:
//     the export's SELECT, as SQLite alone runs it).
//
// The statements are written out here rather than taken from the store so that this
// stays a measurement of SQLite alone; store_contract_test keeps the store's own SQL
// honest.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace {

constexpr const char* kReadStatements[] = {
    "SELECT f.id, f.party_id, f.contact_name, f.contact_email, f.contact_phone, "
    "f.contact_whatsapp, f.owner_id, f.branch_id, f.subject, f.category, f.priority, f.origin, "
    "f.cc, f.status, f.version, f.next_due_date, f.created_by, f.updated_by, f.created_at, "
    "f.updated_at, f.document_id, f.origin_key, p.id, p.code, p.kind, p.name, p.email, p.phone, "
    "p.whatsapp, p.birthday, p.branch_id, p.owner_id, p.created_at, p.version "
    "FROM followups f JOIN parties p ON p.id = f.party_id WHERE f.id = ?",
    "SELECT a.id, a.followup_id, a.type, a.due_date, a.due_minutes, a.status, a.assignee_id, "
    "a.notify_customer, a.message, a.result, a.resolution, a.result_at, a.done_at, a.done_by, "
    "a.next_action_id, a.series_id, a.series_index, a.created_at, a.remind_at FROM actions a "
    "WHERE a.followup_id = ? ORDER BY a.due_date, a.due_minutes_key, a.id",
    "SELECT e.id, e.followup_id, e.action_id, e.kind, e.body, e.author_id, e.contact_at, "
    "e.created_at, e.draft FROM entries e WHERE e.followup_id = ? "
    "ORDER BY e.created_at DESC, e.id DESC",
    "SELECT t.id, t.followup_id, t.entry_id, t.file_name, t.content_type, t.size, t.sha256, "
    "t.uploaded_by, t.created_at FROM attachments t WHERE t.followup_id = ? ORDER BY t.id",
};

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

bool Check(sqlite3* db, int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  std::fprintf(stderr, "raw_sqlite: %s: %s\n", what, sqlite3_errmsg(db));
  return false;
}

// Prepared once, like the store's statement cache.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

int MeasureReads(const std::string& path, int reads, long max_id) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::fprintf(stderr, "raw_sqlite: cannot open %s\n", path.c_str());
    return 1;
  }
  // The server's reader settings (src/store/sqlite/connection.cc).
  sqlite3_exec(db, "PRAGMA cache_size = -16384; PRAGMA mmap_size = 0;", nullptr, nullptr, nullptr);
  std::vector<Statement> stmts(std::size(kReadStatements));
  for (size_t i = 0; i < stmts.size(); ++i)
    if (!Check(db,
               sqlite3_prepare_v3(db, kReadStatements[i], -1, SQLITE_PREPARE_PERSISTENT,
                                  &stmts[i].stmt, nullptr),
               "prepare"))
      return 1;
  Statement begin, commit;
  sqlite3_prepare_v2(db, "BEGIN", -1, &begin.stmt, nullptr);
  sqlite3_prepare_v2(db, "COMMIT", -1, &commit.stmt, nullptr);
  std::mt19937_64 rng(12345);
  std::uniform_int_distribution<long> pick(1, max_id);
  long rows = 0, bytes = 0;
  auto read_one = [&] {
    const long id = pick(rng);
    sqlite3_step(begin.stmt);
    sqlite3_reset(begin.stmt);
    for (Statement& s : stmts) {
      sqlite3_bind_int64(s.stmt, 1, id);
      while (sqlite3_step(s.stmt) == SQLITE_ROW) {
        ++rows;
        // Every column fetched, as the store's row readers do.
        for (int c = 0, n = sqlite3_column_count(s.stmt); c < n; ++c) {
          if (sqlite3_column_type(s.stmt, c) == SQLITE_TEXT)
            bytes += sqlite3_column_bytes(s.stmt, c);
          else
            bytes += sqlite3_column_int64(s.stmt, c) & 1;
        }
      }
      sqlite3_reset(s.stmt);
    }
    sqlite3_step(commit.stmt);
    sqlite3_reset(commit.stmt);
  };
  for (int i = 0; i < reads / 10; ++i) read_one();  // warm the OS and page caches
  const auto t0 = Clock::now();
  for (int i = 0; i < reads; ++i) read_one();
  const double s = Seconds(t0);
  std::printf(
      "raw sqlite, the reads of one follow-up: %.0f/s on one core, %.1f us each "
      "(%.1f rows, %ld column bytes read)\n",
      reads / s, s * 1e6 / reads, static_cast<double>(rows) / (reads + reads / 10), bytes);
  sqlite3_close(db);
  return 0;
}

int MeasureCommits(const std::string& path, int commits, int group) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  if (!Check(db,
             sqlite3_exec(db,
                          "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                          "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
                          nullptr, nullptr, nullptr),
             "schema"))
    return 1;
  Statement insert;
  sqlite3_prepare_v2(db, "INSERT INTO t (body) VALUES (?)", -1, &insert.stmt, nullptr);
  const std::string body(600, 'x');  // about a follow-up, its return and its entry
  auto run = [&](int per_tx) {
    const auto t0 = Clock::now();
    for (int done = 0; done < commits; done += per_tx) {
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      for (int i = 0; i < per_tx; ++i) {
        sqlite3_bind_text(insert.stmt, 1, body.data(), static_cast<int>(body.size()),
                          SQLITE_STATIC);
        sqlite3_step(insert.stmt);
        sqlite3_reset(insert.stmt);
      }
      if (!Check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit")) return -1.0;
    }
    return commits / Seconds(t0);
  };
  const double single = run(1);
  const double grouped = run(group);
  std::printf(
      "raw sqlite, durable commits (WAL, synchronous=FULL): %.0f/s of one row, "
      "%.0f rows/s in transactions of %d\n",
      single, grouped, group);
  sqlite3_close(db);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return single < 0 || grouped < 0 ? 1 : 0;
}

// Steps `sql` to its end in one read transaction, every column of every row read as
// text (as the export's reader takes them), and prints the seconds and rows: the limit
// of bench/export_csv.mjs, SQLite alone with no page, layout or socket.
int MeasureScan(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::fprintf(stderr, "raw_sqlite: cannot open %s\n", path.c_str());
    return 1;
  }
  sqlite3_exec(db, "PRAGMA cache_size = -16384; PRAGMA mmap_size = 0;", nullptr, nullptr, nullptr);
  Statement scan;
  if (!Check(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &scan.stmt, nullptr), "prepare")) return 1;
  const auto t0 = Clock::now();
  long rows = 0, bytes = 0;
  int rc;
  while ((rc = sqlite3_step(scan.stmt)) == SQLITE_ROW) {
    ++rows;
    for (int c = 0, n = sqlite3_column_count(scan.stmt); c < n; ++c) {
      sqlite3_column_text(scan.stmt, c);
      bytes += sqlite3_column_bytes(scan.stmt, c);
    }
  }
  const double s = Seconds(t0);
  if (!Check(db, rc, "step")) return 1;
  std::printf("raw sqlite scan: %ld rows in %.3f s (%.0f rows/s, %ld bytes of text)\n", rows, s,
              rows / s, bytes);
  sqlite3_close(db);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"SQLite alone, measured as the machine's limit for bench/run.sh"};
  std::string db, scratch;
  int reads = 0, commits = 0, group = 16;
  long max_id = 1000000;
  app.add_option("--db", db, "a database made by retorno_bench_gen (for --reads)");
  app.add_option("--reads", reads, "how many follow-ups to read");
  app.add_option("--max-id", max_id, "the highest follow-up id in --db");
  app.add_option("--scratch", scratch, "a file to create and delete (for --commits)");
  app.add_option("--commits", commits, "how many rows to commit durably");
  std::string scan;
  app.add_option("--scan", scan, "a SELECT to step to its end on --db, every column as text");
  app.add_option("--group", group, "rows per transaction in the grouped run")
      ->check(CLI::Range(1, 1000));
  CLI11_PARSE(app, argc, argv);
  if (reads > 0) {
    if (db.empty()) {
      std::fprintf(stderr, "raw_sqlite: --reads needs --db\n");
      return 2;
    }
    if (int rc = MeasureReads(db, reads, max_id)) return rc;
  }
  if (!scan.empty()) {
    if (db.empty()) {
      std::fprintf(stderr, "raw_sqlite: --scan needs --db\n");
      return 2;
    }
    if (int rc = MeasureScan(db, scan)) return rc;
  }
  if (commits > 0) {
    if (scratch.empty()) {
      std::fprintf(stderr, "raw_sqlite: --commits needs --scratch\n");
      return 2;
    }
    if (int rc = MeasureCommits(scratch, commits, group)) return rc;
  }
  return 0;
}
