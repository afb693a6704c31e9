#include "store/sqlite/sqlite_db.h"

#include <memory>
#include <utility>

namespace retorno::sqlite {

namespace {

class SqliteCursor final : public sql::Cursor {
 public:
  explicit SqliteCursor(Query q) : q_(std::move(q)) {}
  void BindInt(int64_t v) override { q_.Bind(v); }
  void BindDouble(double v) override { q_.Bind(v); }
  void BindText(std::string_view v) override { q_.Bind(v); }
  void BindNull() override { q_.Bind(std::nullopt); }
  void BindBlob(std::string_view bytes) override { q_.BindBlobNoCopy(bytes); }
  absl::StatusOr<bool> Step() override { return q_.Step(); }
  bool IsNull(int col) const override { return q_.IsNull(col); }
  int64_t Int(int col) const override { return q_.Int(col); }
  double Double(int col) const override { return q_.Double(col); }
  std::string Text(int col) const override { return q_.Text(col); }
  void TextInto(int col, std::string& out) const override { q_.TextInto(col, out); }
  std::string Blob(int col) const override { return q_.Blob(col); }

 private:
  Query q_;
};

}  // namespace

absl::StatusOr<sql::Query> SqliteDb::Prepare(absl::string_view sql) {
  absl::StatusOr<Query> q = conn_.Prepare(sql);
  if (!q.ok()) return q.status();
  return sql::Query(std::make_unique<SqliteCursor>(*std::move(q)));
}

}  // namespace retorno::sqlite
