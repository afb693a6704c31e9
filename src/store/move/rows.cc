#include "store/move/rows.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace retorno::move {

namespace {

std::string RealText(double d) { return absl::StrFormat("%.17g", d); }

}  // namespace

Value ReadValue(const sql::Query& q, int col, ColumnType type) {
  Value v;
  if (q.IsNull(col)) return v;
  switch (type) {
    case ColumnType::kInteger:
      v.kind = Value::Kind::kInteger;
      v.integer = q.Int(col);
      break;
    case ColumnType::kReal:
      v.kind = Value::Kind::kReal;
      v.real = q.Double(col);
      break;
    case ColumnType::kText:
      v.kind = Value::Kind::kText;
      v.bytes = q.Text(col);
      break;
    case ColumnType::kBlob:
      v.kind = Value::Kind::kBlob;
      v.bytes = q.Blob(col);
      break;
  }
  return v;
}

void BindValue(sql::Query& q, const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      q.Bind(std::nullopt);
      break;
    case Value::Kind::kInteger:
      q.Bind(v.integer);
      break;
    case Value::Kind::kReal:
      q.Bind(v.real);
      break;
    case Value::Kind::kText:
      q.Bind(std::string_view(v.bytes));
      break;
    case Value::Kind::kBlob:
      q.BindBlobNoCopy(v.bytes);
      break;
  }
}

int64_t ValueBytes(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return 0;
    case Value::Kind::kInteger:
    case Value::Kind::kReal:
      return 8;
    case Value::Kind::kText:
    case Value::Kind::kBlob:
      return static_cast<int64_t>(v.bytes.size());
  }
  return 0;
}

// i<decimal>; for integers, t<length>:<bytes> for texts; keys hold nothing else.
std::string EncodeKey(const std::vector<Value>& key) {
  std::string out;
  for (const Value& v : key) {
    if (v.kind == Value::Kind::kInteger)
      absl::StrAppend(&out, "i", v.integer, ";");
    else
      absl::StrAppend(&out, "t", v.bytes.size(), ":", v.bytes);
  }
  return out;
}

absl::StatusOr<std::vector<Value>> DecodeKey(std::string_view text) {
  std::vector<Value> key;
  const absl::Status bad = absl::DataLossError("move_data_progress holds a key it cannot read");
  while (!text.empty()) {
    const char kind = text[0];
    text.remove_prefix(1);
    Value v;
    if (kind == 'i') {
      size_t end = text.find(';');
      if (end == std::string_view::npos ||
          !absl::SimpleAtoi(absl::string_view(text.data(), end), &v.integer))
        return bad;
      v.kind = Value::Kind::kInteger;
      text.remove_prefix(end + 1);
    } else if (kind == 't') {
      size_t colon = text.find(':');
      size_t length = 0;
      if (colon == std::string_view::npos ||
          !absl::SimpleAtoi(absl::string_view(text.data(), colon), &length) ||
          text.size() - colon - 1 < length)
        return bad;
      v.kind = Value::Kind::kText;
      v.bytes = std::string(text.substr(colon + 1, length));
      text.remove_prefix(colon + 1 + length);
    } else {
      return bad;
    }
    key.push_back(std::move(v));
  }
  return key;
}

RowHasher::RowHasher() {
  // Idempotent; picks the fastest implementation for this CPU.
  if (sodium_init() < 0) std::abort();
  crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES);
}

void RowHasher::Feed(std::string_view bytes) {
  crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
}

void RowHasher::Add(const Row& row) {
  for (const Value& v : row) {
    switch (v.kind) {
      case Value::Kind::kNull:
        Feed("N;");
        break;
      case Value::Kind::kInteger:
        Feed(absl::StrCat("I", v.integer, ";"));
        break;
      case Value::Kind::kReal:
        Feed(absl::StrCat("R", RealText(v.real), ";"));
        break;
      case Value::Kind::kText:
      case Value::Kind::kBlob:
        Feed(absl::StrCat(v.kind == Value::Kind::kText ? "T" : "B", v.bytes.size(), ":"));
        Feed(v.bytes);
        break;
    }
  }
  Feed("\n");
  ++rows_;
}

std::string RowHasher::HexDigest() {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash_final(&state_, digest, sizeof digest);
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.resize(sizeof digest * 2);
  return hex;
}

}  // namespace retorno::move
