// Rows as move-data carries them: values read by declared type, bound back unchanged,
// and their canonical form for checksums and for the resume key. Private to
// store/move/.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "store/move/schema.h"
#include "store/sql/db.h"

namespace retorno::move {

struct Value {
  enum class Kind : uint8_t { kNull, kInteger, kReal, kText, kBlob };
  Kind kind = Kind::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string bytes;  // text or blob
};
using Row = std::vector<Value>;

// Reads column `col` of the current row as a value of `type` (NULL stays NULL), the same
// way on both dialects: this is what makes their checksums comparable.
Value ReadValue(const sql::Query& q, int col, ColumnType type);
// Binds `v` as the next parameter. A blob is not copied: `v` must outlive the step.
void BindValue(sql::Query& q, const Value& v);
// What a value weighs in the progress figures: 8 for numbers, the length of a text or
// blob, 0 for NULL.
int64_t ValueBytes(const Value& v);

// A row's key values as one text (kept in the target's progress table) and back.
std::string EncodeKey(const std::vector<Value>& key);
absl::StatusOr<std::vector<Value>> DecodeKey(std::string_view text);

// BLAKE2b-256 over the canonical form of rows: per value a kind tag, then the decimal
// integer, the real printed with 17 significant digits, or the length and bytes of a
// text or blob. Independent of how a dialect spells a value in SQL.
class RowHasher {
 public:
  RowHasher();
  RowHasher(const RowHasher&) = delete;
  RowHasher& operator=(const RowHasher&) = delete;
  void Add(const Row& row);
  int64_t rows() const { return rows_; }
  // Lowercase hex; ends the hashing.
  std::string HexDigest();

 private:
  void Feed(std::string_view bytes);
  crypto_generichash_state state_;
  int64_t rows_ = 0;
};

}  // namespace retorno::move
