#include "store/sqlite/migrations.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "domain/search.h"

namespace retorno::sqlite {

namespace {

absl::StatusOr<bool> IsApplied(Connection& conn, int version) {
  ASSIGN_OR_RETURN(Query q, conn.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?"));
  q.Bind(version);
  return q.Step();
}

std::string_view TextArg(sqlite3_value* v) {
  const unsigned char* text = sqlite3_value_text(v);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_value_bytes(v))};
}

void ResultText(sqlite3_context* ctx, const std::string& s) {
  sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

// retorno_fold(text): domain FoldForSearch.
void FoldFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  ResultText(ctx, FoldForSearch(TextArg(argv[0])));
}

// retorno_party_search_key(name, email, phone, whatsapp, tax_id, contacts): domain
// PartySearchKey; contacts is a JSON array of [name, email, phone, whatsapp].
void PartySearchKeyFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  Party p;
  p.name = TextArg(argv[0]);
  p.email = TextArg(argv[1]);
  p.phone = TextArg(argv[2]);
  p.whatsapp = TextArg(argv[3]);
  p.tax_id = TextArg(argv[4]);
  nlohmann::json contacts = nlohmann::json::parse(TextArg(argv[5]), nullptr, false);
  if (contacts.is_array()) {
    for (const nlohmann::json& c : contacts) {
      if (!c.is_array() || c.size() != 4) continue;
      Contact contact;
      std::string* fields[] = {&contact.name, &contact.email, &contact.phone, &contact.whatsapp};
      for (size_t i = 0; i < 4; ++i)
        if (c[i].is_string()) *fields[i] = c[i].get<std::string>();
      p.contacts.push_back(std::move(contact));
    }
  }
  ResultText(ctx, PartySearchKey(p));
}

// The C++ functions migrations may call to fill new columns the way the store writes
// them (pure and deterministic, so usable in any statement).
absl::Status RegisterMigrationFunctions(Connection& conn) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  int rc = sqlite3_create_function(conn.raw(), "retorno_fold", 1, flags, nullptr, &FoldFunction,
                                   nullptr, nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(conn.raw(), "retorno_party_search_key", 6, flags, nullptr,
                                 &PartySearchKeyFunction, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(rc, conn.raw(), "registering migration functions");
  return absl::OkStatus();
}

absl::Status ApplyOne(Connection& conn, const Migration& m) {
  RETURN_IF_ERROR(conn.ExecScript(m.sql));
  return conn.Run("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", m.version, m.name);
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& conn, const std::vector<Migration>& all) {
  RETURN_IF_ERROR(
      conn.ExecScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                      "  version INTEGER PRIMARY KEY,"
                      "  name TEXT NOT NULL"
                      ") STRICT"));
  RETURN_IF_ERROR(RegisterMigrationFunctions(conn));
  int known = 0;
  for (const Migration& m : all) known = std::max(known, m.version);
  {
    ASSIGN_OR_RETURN(Query q, conn.Prepare("SELECT max(version) FROM schema_migrations"));
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (row && !q.IsNull(0) && q.Int(0) > known)
      return absl::FailedPreconditionError(absl::StrCat("database schema version ", q.Int(0),
                                                        " is newer than this build (", known,
                                                        "); upgrade Retorno"));
  }
  int applied = 0;
  for (const Migration& m : all) {
    // IMMEDIATE takes the write lock before looking, so a concurrent migrator waits
    // and then finds the migration recorded.
    RETURN_IF_ERROR(conn.ExecScript("BEGIN IMMEDIATE"));
    absl::Status st;
    absl::StatusOr<bool> done = IsApplied(conn, m.version);
    if (!done.ok()) {
      st = done.status();
    } else if (!*done) {
      st = ApplyOne(conn, m);
      if (st.ok()) ++applied;
    }
    if (st.ok()) st = conn.ExecScript("COMMIT");
    if (!st.ok()) {
      if (conn.InTransaction()) conn.ExecScript("ROLLBACK").IgnoreError();
      return absl::Status(st.code(),
                          absl::StrCat("migration ", m.version, "_", m.name, ": ", st.message()));
    }
  }
  return applied;
}

}  // namespace retorno::sqlite
