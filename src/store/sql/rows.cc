#include "store/sql/rows.h"

#include <nlohmann/json.hpp>

#include "app/error_codes.h"

namespace retorno::sql {

absl::StatusOr<Party> ReadParty(const Query& q, int c) {
  Party p;
  p.id = q.IdAt<PartyId>(c);
  p.code = q.Text(c + 1);
  RETURN_IF_ERROR(ParseEnum(&ParsePartyKind, q.Text(c + 2), "party kind", &p.kind));
  p.name = q.Text(c + 3);
  p.email = q.Text(c + 4);
  p.phone = q.Text(c + 5);
  p.whatsapp = q.Text(c + 6);
  RETURN_IF_ERROR(ParseOptDay(q, c + 7, &p.birthday));
  p.branch_id = q.OptId<BranchId>(c + 8);
  p.owner_id = q.OptId<UserId>(c + 9);
  p.created_at = q.Time(c + 10);
  p.version = q.Int(c + 11);
  p.tax_id = q.Text(c + 12);
  return p;
}

absl::StatusOr<Followup> ReadFollowup(const Query& q, int c) {
  Followup f;
  f.id = q.IdAt<FollowupId>(c);
  f.party_id = q.IdAt<PartyId>(c + 1);
  f.contact.name = q.Text(c + 2);
  f.contact.email = q.Text(c + 3);
  f.contact.phone = q.Text(c + 4);
  f.contact.whatsapp = q.Text(c + 5);
  f.owner_id = q.IdAt<UserId>(c + 6);
  f.branch_id = q.OptId<BranchId>(c + 7);
  f.subject = q.Text(c + 8);
  f.category = q.Text(c + 9);
  RETURN_IF_ERROR(ParseEnum(&ParsePriority, q.Text(c + 10), "priority", &f.priority));
  f.origin = q.Text(c + 11);
  RETURN_IF_ERROR(DecodeCc(q.Text(c + 12), &f.cc));
  RETURN_IF_ERROR(ParseEnum(&ParseFollowupStatus, q.Text(c + 13), "status", &f.status));
  f.version = q.Int(c + 14);
  RETURN_IF_ERROR(ParseOptDay(q, c + 15, &f.next_due_date));
  f.created_by = q.IdAt<UserId>(c + 16);
  f.updated_by = q.IdAt<UserId>(c + 17);
  f.created_at = q.Time(c + 18);
  f.updated_at = q.Time(c + 19);
  f.document_id = q.OptId<DocumentId>(c + 20);
  f.origin_key = q.Text(c + 21);
  f.contact_at = q.Time(c + 22);
  RETURN_IF_ERROR(ParseOptDay(q, c + 23, &f.internal_date));
  return f;
}

absl::StatusOr<FollowupRow> ReadFollowupRow(const Query& q, int c) {
  FollowupRow r;
  ASSIGN_OR_RETURN(r.followup, ReadFollowup(q, c));
  ASSIGN_OR_RETURN(r.party, ReadParty(q, c + kFollowupColumns));
  return r;
}

absl::StatusOr<Action> ReadAction(const Query& q, int c) {
  Action a;
  a.id = q.IdAt<ActionId>(c);
  a.followup_id = q.IdAt<FollowupId>(c + 1);
  a.type = q.Text(c + 2);
  RETURN_IF_ERROR(ParseDay(q.Text(c + 3), &a.due_date));
  if (std::optional<int64_t> m = q.OptInt(c + 4)) a.due_minutes = static_cast<int>(*m);
  RETURN_IF_ERROR(ParseEnum(&ParseActionStatus, q.Text(c + 5), "action status", &a.status));
  a.assignee_id = q.IdAt<UserId>(c + 6);
  a.notify_customer = q.Bool(c + 7);
  a.message = q.Text(c + 8);
  a.result = q.Text(c + 9);
  a.resolution = q.Text(c + 10);
  a.result_at = q.OptTime(c + 11);
  a.done_at = q.OptTime(c + 12);
  a.done_by = q.OptId<UserId>(c + 13);
  a.next_action_id = q.OptId<ActionId>(c + 14);
  a.series_id = q.Int(c + 15);
  a.series_index = static_cast<int>(q.Int(c + 16));
  a.created_at = q.Time(c + 17);
  a.remind_at = q.OptTime(c + 18);
  return a;
}

absl::Status ParseDay(const std::string& text, absl::CivilDay* out) {
  std::optional<absl::CivilDay> d = ParseDayText(text);
  if (!d) return absl::DataLossError(absl::StrCat("stored date '", text, "' is malformed"));
  *out = *d;
  return absl::OkStatus();
}

absl::Status ParseOptDay(const Query& q, int col, std::optional<absl::CivilDay>* out) {
  if (q.IsNull(col)) {
    *out = std::nullopt;
    return absl::OkStatus();
  }
  absl::CivilDay d;
  RETURN_IF_ERROR(ParseDay(q.Text(col), &d));
  *out = d;
  return absl::OkStatus();
}

absl::StatusOr<std::string> EncodeCc(const std::vector<std::string>& cc) {
  // nlohmann::json throws on invalid UTF-8; nothing may throw out of the store.
  try {
    return nlohmann::json(cc).dump();
  } catch (const std::exception&) {
    return absl::InvalidArgumentError("cc");
  }
}

absl::Status DecodeCc(const std::string& text, std::vector<std::string>* out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return absl::DataLossError("stored cc is not a JSON array");
  out->clear();
  for (const nlohmann::json& item : j) {
    if (!item.is_string()) return absl::DataLossError("stored cc holds a non-string");
    out->push_back(item.get<std::string>());
  }
  return absl::OkStatus();
}

std::string LikeEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '%' || c == '_') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string PrefixEnd(const std::string& prefix) { return prefix + "\xF4\x8F\xBF\xBF"; }

std::optional<int64_t> StoredPosition(int position) {
  if (position <= 0) return std::nullopt;
  return position;
}

absl::Status RenameUnique(absl::Status st, const char* field) {
  if (absl::IsAlreadyExists(st)) return absl::AlreadyExistsError(field);
  return st;
}

absl::Status MissingOrStale(Db& db, const std::string& version_sql, int64_t id,
                            const char* resource) {
  ASSIGN_OR_RETURN(Query q, db.Prepare(version_sql));
  q.Bind(id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::NotFoundError(resource);
  return CodedError(ErrorCode::kVersion);
}

absl::StatusOr<int64_t> InsertReturningId(Query& q) {
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::InternalError("INSERT ... RETURNING id returned no row");
  const int64_t id = q.Int(0);
  RETURN_IF_ERROR(q.Run());
  return id;
}

namespace {

// Full forms: PostgreSQL and SQLite accept both.
constexpr char kSavepoint[] = "SAVEPOINT tx_method";
constexpr char kRelease[] = "RELEASE SAVEPOINT tx_method";
constexpr char kRollbackTo[] = "ROLLBACK TO SAVEPOINT tx_method";

}  // namespace

// SAVEPOINT and RELEASE ride with the statements around them (Query::RunLater): on
// PostgreSQL a method's savepoint then costs no round trip of its own.
absl::StatusOr<Savepoint> Savepoint::Begin(Db& db) {
  RETURN_IF_ERROR(db.RunLater(kSavepoint));
  return Savepoint(db);
}

Savepoint::~Savepoint() {
  if (db_ == nullptr) return;
  db_->Run(kRollbackTo).IgnoreError();
  db_->Run(kRelease).IgnoreError();
}

absl::Status Savepoint::Release() {
  Db* db = std::exchange(db_, nullptr);
  return db->RunLater(kRelease);
}

std::string ContainsSql(Dialect d, absl::string_view column, absl::string_view param) {
  return absl::StrCat(d == Dialect::kSqlite ? "instr(" : "strpos(", column, ", ", param, ") > 0");
}

std::string PrefixRangeSql(Dialect d, absl::string_view column, absl::string_view lo,
                           absl::string_view hi) {
  if (d == Dialect::kSqlite) return absl::StrCat(column, " >= ", lo, " AND ", column, " < ", hi);
  return absl::StrCat(column, " ~>=~ ", lo, " AND ", column, " ~<~ ", hi);
}

std::string CaselessOrderSql(Dialect d, absl::string_view column) {
  if (d == Dialect::kSqlite) return absl::StrCat(column, " COLLATE NOCASE");
  return absl::StrCat("lower(", column, ")");
}

absl::string_view SkipLockedSql(Dialect d) {
  return d == Dialect::kSqlite ? "" : " FOR UPDATE SKIP LOCKED";
}

}  // namespace retorno::sql
