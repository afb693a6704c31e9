#include "store/move/schema.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"

namespace retorno::move {

namespace {

absl::StatusOr<ColumnType> TypeOf(const std::string& table, const std::string& column,
                                  const std::string& declared) {
  const std::string t = absl::AsciiStrToUpper(declared);
  if (t == "INTEGER" || t == "INT") return ColumnType::kInteger;
  if (t == "REAL") return ColumnType::kReal;
  if (t == "TEXT") return ColumnType::kText;
  if (t == "BLOB") return ColumnType::kBlob;
  return absl::InternalError(absl::StrCat("column ", table, ".", column, " has type '", declared,
                                          "', which move-data does not copy"));
}

struct Found {
  Table table;
  std::set<std::string> parents;  // tables it references, itself excluded
};

absl::StatusOr<Found> ReadTable(sql::Db& db, const std::string& name) {
  Found f;
  f.table.name = name;
  std::vector<std::pair<int, int>> key;  // (position in the key, column index)
  {
    // hidden: 0 a stored column, 1 a virtual table's hidden column, 2 and 3 generated.
    ASSIGN_OR_RETURN(sql::Query q, db.Prepare("SELECT name, type, pk FROM pragma_table_xinfo(?) "
                                              "WHERE hidden = 0 ORDER BY cid"));
    q.Bind(name);
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Column c;
      c.name = q.Text(0);
      ASSIGN_OR_RETURN(c.type, TypeOf(name, c.name, q.Text(1)));
      if (c.type == ColumnType::kBlob) f.table.has_blob = true;
      if (q.Int(2) > 0)
        key.emplace_back(static_cast<int>(q.Int(2)), static_cast<int>(f.table.columns.size()));
      f.table.columns.push_back(std::move(c));
    }
  }
  if (key.empty()) return absl::InternalError(absl::StrCat("table ", name, " has no primary key"));
  std::sort(key.begin(), key.end());
  for (const auto& [pos, index] : key) f.table.key.push_back(index);
  ASSIGN_OR_RETURN(sql::Query q,
                   db.Prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)"));
  q.Bind(name);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const std::string parent = q.Text(0), from = q.Text(1);
    if (parent != name) {
      f.parents.insert(parent);
      continue;
    }
    for (size_t i = 0; i < f.table.columns.size(); ++i)
      if (f.table.columns[i].name == from) f.table.deferred.push_back(static_cast<int>(i));
  }
  return f;
}

}  // namespace

std::string Quote(const std::string& identifier) { return absl::StrCat("\"", identifier, "\""); }

absl::StatusOr<std::vector<Table>> ReadSqliteSchema(sql::Db& db) {
  std::vector<Found> found;
  {
    std::vector<std::string> names;
    // In creation order, so the copy follows the migrations' order where foreign keys
    // leave it free.
    ASSIGN_OR_RETURN(sql::Query q, db.Prepare("SELECT name FROM sqlite_master WHERE type = 'table' "
                                              "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                              "AND name <> 'schema_migrations' ORDER BY rowid"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      names.push_back(q.Text(0));
    }
    for (const std::string& name : names) {
      ASSIGN_OR_RETURN(Found f, ReadTable(db, name));
      found.push_back(std::move(f));
    }
  }
  // Parents first: repeatedly take the first table whose parents are all placed.
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (!found.empty()) {
    auto ready = std::find_if(found.begin(), found.end(), [&](const Found& f) {
      return std::all_of(f.parents.begin(), f.parents.end(),
                         [&](const std::string& p) { return placed.count(p) > 0; });
    });
    if (ready == found.end()) {
      std::vector<std::string> left;
      for (const Found& f : found) left.push_back(f.table.name);
      return absl::InternalError(
          absl::StrCat("tables ", absl::StrJoin(left, ", "), " reference each other in a cycle"));
    }
    placed.insert(ready->table.name);
    ordered.push_back(std::move(ready->table));
    found.erase(ready);
  }
  return ordered;
}

}  // namespace retorno::move
