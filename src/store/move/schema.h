// What `retorno move-data` copies, read from the source database's own schema: its
// tables (all but schema_migrations and SQLite's internal ones), their stored columns
// and primary keys, in foreign-key order. Private to store/move/.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/sql/db.h"

namespace retorno::move {

// How a column's values are read, written and checksummed: the declared type of a
// STRICT SQLite table, which the PostgreSQL schema mirrors (bigint, double precision,
// text, bytea).
enum class ColumnType { kInteger, kReal, kText, kBlob };

struct Column {
  std::string name;
  ColumnType type = ColumnType::kText;
};

struct Table {
  std::string name;
  // The stored columns in the source's order; generated columns are left out (each
  // database computes its own).
  std::vector<Column> columns;
  // Indexes into `columns` of the primary key, in key order: rows are copied, resumed
  // and checksummed in this order.
  std::vector<int> key;
  // Indexes into `columns` of foreign keys to this same table (a return's next
  // return): rows are inserted with them NULL, and they are filled once every row of
  // the table is there, so a row may point to a later one.
  std::vector<int> deferred;
  bool has_blob = false;
};

// Reads the schema of a SQLite database through `db` (inside a transaction): every
// table with its columns, parents before the tables that reference them. Internal when
// a table has no primary key or a column type this tool does not know, or when tables
// reference each other in a cycle (not the case of Retorno's schema).
absl::StatusOr<std::vector<Table>> ReadSqliteSchema(sql::Db& db);

// A double-quoted identifier, as both dialects accept it.
std::string Quote(const std::string& identifier);

}  // namespace retorno::move
