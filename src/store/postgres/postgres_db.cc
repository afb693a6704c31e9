#include "store/postgres/postgres_db.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"

namespace retorno::postgres {

namespace {

bool IsIdentChar(char c) { return absl::ascii_isalnum(c) || c == '_' || c == '$'; }

// The end of a dollar-quoted string starting at `i` ("$tag$...$tag$"), or npos when
// `i` does not open one.
size_t DollarQuoteEnd(absl::string_view sql, size_t i) {
  size_t j = i + 1;
  while (j < sql.size() && (absl::ascii_isalnum(sql[j]) || sql[j] == '_')) ++j;
  if (j >= sql.size() || sql[j] != '$') return absl::string_view::npos;
  if (j > i + 1 && absl::ascii_isdigit(sql[i + 1])) return absl::string_view::npos;  // $1
  absl::string_view tag = sql.substr(i, j - i + 1);
  size_t close = sql.find(tag, j + 1);
  return close == absl::string_view::npos ? sql.size() : close + tag.size();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DoubleText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  // Shortest text that reads back as the same double.
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, end);
}

}  // namespace

std::string TranslatePlaceholders(absl::string_view sql, int* params) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    size_t end = i + 1;  // one past what is copied as is
    if (c == '\'') {
      // A string literal; '' is a quote inside it, and after E a backslash escapes.
      const bool escapes =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      while (end < sql.size()) {
        if (escapes && sql[end] == '\\') {
          end += 2;
        } else if (sql[end] == '\'') {
          if (end + 1 < sql.size() && sql[end + 1] == '\'') {
            end += 2;
          } else {
            ++end;
            break;
          }
        } else {
          ++end;
        }
      }
    } else if (c == '"') {
      size_t close = sql.find('"', i + 1);
      end = close == absl::string_view::npos ? sql.size() : close + 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t close = sql.find('\n', i);
      end = close == absl::string_view::npos ? sql.size() : close + 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t close = sql.find("*/", i + 2);
      end = close == absl::string_view::npos ? sql.size() : close + 2;
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1]))) {
      size_t close = DollarQuoteEnd(sql, i);
      if (close != absl::string_view::npos) end = close;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < sql.size() && absl::ascii_isdigit(sql[j])) ++j;
      int n = 0;
      if (j > i + 1 && absl::SimpleAtoi(sql.substr(i + 1, j - i - 1), &n) && n > 0) {
        highest = std::max(highest, n);
      } else {
        n = ++highest;
      }
      absl::StrAppend(&out, "$", n);
      i = j;
      continue;
    }
    end = std::min(end, sql.size());
    out.append(sql.data() + i, end - i);
    i = end;
  }
  if (params != nullptr) *params = highest;
  return out;
}

std::string ByteaHex(absl::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 + 2 * bytes.size());
  out += "\\x";
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

std::string ByteaDecode(absl::string_view text) {
  std::string out;
  if (absl::StartsWith(text, "\\x")) {
    out.reserve((text.size() - 2) / 2);
    for (size_t i = 2; i + 1 < text.size(); i += 2) {
      int hi = HexValue(text[i]), lo = HexValue(text[i + 1]);
      if (hi < 0 || lo < 0) break;
      out += static_cast<char>((hi << 4) | lo);
    }
    return out;
  }
  // The escape format (bytea_output = 'escape'): \\ is a backslash, \nnn an octal byte.
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
    } else if (text[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else if (i + 3 < text.size()) {
      int v = 0;
      for (size_t k = 1; k <= 3; ++k) v = v * 8 + (text[i + k] - '0');
      out += static_cast<char>(v);
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

class PostgresCursor final : public sql::Cursor {
 public:
  PostgresCursor(PostgresDb& db, std::shared_ptr<const Connection::SqlStatement> statement)
      : db_(db), statement_(std::move(statement)) {
    params_.reserve(static_cast<size_t>(statement_->params));
  }

  void BindInt(int64_t v) override { params_.emplace_back(std::to_string(v)); }
  void BindDouble(double v) override { params_.emplace_back(DoubleText(v)); }
  void BindText(std::string_view v) override { params_.emplace_back(std::string(v)); }
  void BindNull() override { params_.emplace_back(std::nullopt); }
  void BindBlob(std::string_view bytes) override {
    params_.emplace_back(ByteaHex(absl::string_view(bytes.data(), bytes.size())));
  }

  absl::Status RunLater() override {
    if (result_) return absl::InternalError("RunLater on a statement already run");
    RETURN_IF_ERROR(CheckParams());
    db_.conn_.Queue(statement_->name, statement_->text, std::move(params_), /*read=*/false);
    params_.clear();
    return absl::OkStatus();
  }

  absl::Status ReadAhead() override {
    if (result_) return absl::InternalError("ReadAhead on a statement already run");
    RETURN_IF_ERROR(CheckParams());
    db_.conn_.Queue(statement_->name, statement_->text, std::move(params_), /*read=*/true);
    params_.clear();
    return absl::OkStatus();
  }

  absl::StatusOr<bool> Step() override {
    if (!result_) {
      RETURN_IF_ERROR(CheckParams());
      if (std::optional<Result> ahead = db_.conn_.TakeAhead(statement_->name, params_)) {
        result_.emplace(*std::move(ahead));
        rows_ = result_->Rows();
        if (row_ < rows_) ++row_;
        return row_ < rows_;
      }
      absl::StatusOr<Result> r =
          db_.conn_.ExecPrepared(statement_->name, statement_->text, params_);
      if (!r.ok()) {
        if (IsRetryable(r.status())) db_.conflicted_ = true;
        // The server's message alone does not say which statement failed.
        if (absl::IsInternal(r.status()))
          return absl::InternalError(absl::StrCat(r.status().message(), " in: ", statement_->text));
        return r.status();
      }
      result_.emplace(*std::move(r));
      rows_ = result_->Rows();
      const std::string command = result_->Command();
      if (absl::StartsWith(command, "INSERT") || absl::StartsWith(command, "UPDATE") ||
          absl::StartsWith(command, "DELETE") || absl::StartsWith(command, "MERGE")) {
        int64_t n = 0;
        db_.changes_ = absl::SimpleAtoi(result_->Tuples(), &n) ? n : 0;
        db_.conn_.WriteRan();
      }
    }
    if (row_ < rows_) ++row_;
    return row_ < rows_;
  }

  bool IsNull(int col) const override { return !OnRow() || result_->IsNull(row_, col); }

  int64_t Int(int col) const override {
    if (IsNull(col)) return 0;
    absl::string_view v = result_->View(row_, col);
    int64_t n = 0;
    if (absl::SimpleAtoi(v, &n)) return n;
    if (v == "t") return 1;  // a boolean expression (EXISTS, a comparison)
    double d = 0;
    if (absl::SimpleAtod(v, &d)) return static_cast<int64_t>(d);  // numeric: sum(), avg()
    return 0;
  }

  double Double(int col) const override {
    if (IsNull(col)) return 0;
    double d = 0;
    return absl::SimpleAtod(result_->View(row_, col), &d) ? d : 0;
  }

  std::string Text(int col) const override {
    if (IsNull(col)) return "";
    return std::string(result_->View(row_, col));
  }

  std::string Blob(int col) const override {
    if (IsNull(col)) return "";
    return ByteaDecode(result_->View(row_, col));
  }

 private:
  bool OnRow() const { return result_ && row_ >= 0 && row_ < rows_; }

  absl::Status CheckParams() {
    const size_t expected = static_cast<size_t>(statement_->params);
    if (params_.size() > expected)
      return absl::InternalError(absl::StrCat(params_.size(),
                                              " parameters bound to a statement of ", expected,
                                              ": ", statement_->text));
    params_.resize(expected);  // unbound parameters are NULL, as on SQLite
    return absl::OkStatus();
  }

  PostgresDb& db_;
  std::shared_ptr<const Connection::SqlStatement> statement_;
  std::vector<Param> params_;
  std::optional<Result> result_;
  int rows_ = 0;
  int row_ = -1;
};

absl::Status PostgresDb::ReserveIdsAhead(const std::vector<std::pair<std::string, int>>& counts) {
  // One statement for every table: each id comes from the sequence behind the table's
  // identity column (`<table>_id_seq`, PostgreSQL's name for it), as an insert without an
  // id would take it. Names and counts are written into the statement, not bound: with a
  // bound count PostgreSQL plans the statement again at every call (its estimate of the
  // rows depends on the count), which cost more than running it; written in, each shape
  // (a handful: notes, returns and reminders per creation) is planned once per
  // connection, and the sequence is resolved then rather than looked up for every id.
  // Table names are the repositories' constants, never input.
  std::string sql;
  for (const auto& [table, n] : counts) {
    if (n <= 0) continue;
    if (!sql.empty()) sql += " UNION ALL ";
    absl::StrAppend(&sql, "SELECT '", table, "', nextval('", table,
                    "_id_seq') FROM generate_series(1, ", n, ")");
  }
  if (sql.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(sql::Query q, Prepare(sql));
  RETURN_IF_ERROR(q.ReadAhead());
  reservation_sql_ = std::move(sql);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<int64_t>> PostgresDb::TakeReservedId(std::string_view table) {
  if (!reservation_sql_.empty()) {
    // Read ahead with the transaction's first statements; run now if a write dropped it.
    ASSIGN_OR_RETURN(sql::Query q, Prepare(std::exchange(reservation_sql_, std::string())));
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      reserved_[q.Text(0)].push_back(q.Int(1));
    }
    for (auto& [name, ids] : reserved_) std::sort(ids.begin(), ids.end());
  }
  auto it = reserved_.find(absl::string_view(table.data(), table.size()));
  if (it == reserved_.end() || it->second.empty()) return std::optional<int64_t>();
  const int64_t id = it->second.front();
  it->second.pop_front();
  return id;
}

absl::StatusOr<sql::Query> PostgresDb::Prepare(absl::string_view sql) {
  auto& statements = conn_.sql_statements();
  auto it = statements.find(sql);
  if (it == statements.end()) {
    // Outside a failed transaction only (the server refuses DEALLOCATE there); the
    // next Prepare tries again.
    if (statements.size() >= kMaxStatements && !conn_.InFailedTransaction())
      conn_.ForgetStatements().IgnoreError();
    auto statement = std::make_shared<Connection::SqlStatement>();
    statement->text = TranslatePlaceholders(sql, &statement->params);
    statement->name = conn_.NewStatementName();
    it = statements.emplace(std::string(sql), std::move(statement)).first;
  }
  return sql::Query(std::make_unique<PostgresCursor>(*this, it->second));
}

}  // namespace retorno::postgres
