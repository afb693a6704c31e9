// The accounts repository in SQL: settings, branches, users, sessions, the code tables
// and private calendar feeds.
#include "app/error_codes.h"
#include "base/status_macros.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

constexpr char kBranchCols[] = "b.id, b.name, b.time_zone, b.position, b.active";

constexpr char kUserCols[] =
    "u.id, u.login, u.name, u.email, u.role, u.branch_id, u.time_zone, u.locale, "
    "u.alert_on_login, u.alert_every_minutes, u.active, u.password_hash, u.created_at, "
    "u.email_reminders";

RETORNO_SQL(kGetSettings,
            "SELECT company_name, time_zone, return_alerts_enabled, currency FROM settings "
            "WHERE id = 1");
RETORNO_SQL(kPutSettings,
            "UPDATE settings SET company_name = ?, time_zone = ?, return_alerts_enabled = ?, "
            "currency = ? WHERE id = 1");

// The admin's order; rows never arranged (position NULL) after, by name.
RETORNO_SQL(kListBranches, "SELECT ", kBranchCols,
            " FROM branches b ORDER BY b.position IS NULL, b.position, b.name, b.id");
RETORNO_SQL(kFindBranch, "SELECT ", kBranchCols, " FROM branches b WHERE b.id = ?");
RETORNO_SQL(kInsertBranch,
            "INSERT INTO branches (name, time_zone, position, active) VALUES (?, ?, ?, ?) "
            "RETURNING id");
RETORNO_SQL(kUpdateBranch,
            "UPDATE branches SET name = ?, time_zone = ?, position = ?, active = ? WHERE id = ?");

RETORNO_SQL(kListUsers, "SELECT ", kUserCols, " FROM users u ORDER BY u.name, u.id");
RETORNO_SQL(kFindUser, "SELECT ", kUserCols, " FROM users u WHERE u.id = ?");
RETORNO_SQL(
    kInsertUser,
    "INSERT INTO users (login, name, email, role, branch_id, time_zone, locale, "
    "alert_on_login, alert_every_minutes, active, password_hash, created_at, email_reminders) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kUpdateUser,
            "UPDATE users SET login = ?, name = ?, email = ?, role = ?, branch_id = ?, "
            "time_zone = ?, locale = ?, alert_on_login = ?, alert_every_minutes = ?, "
            "active = ?, password_hash = ?, email_reminders = ? WHERE id = ?");
RETORNO_SQL(kCountUsers, "SELECT count(*) FROM users");

RETORNO_SQL(kInsertSession,
            "INSERT INTO sessions (token_hash, csrf_token, user_id, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)");
RETORNO_SQL(kFindSession,
            "SELECT token_hash, csrf_token, user_id, created_at, expires_at FROM sessions "
            "WHERE token_hash = ?");
RETORNO_SQL(kDeleteSession, "DELETE FROM sessions WHERE token_hash = ?");
RETORNO_SQL(kDeleteUserSessions, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?");
RETORNO_SQL(kDeleteExpiredSessions, "DELETE FROM sessions WHERE expires_at <= ?");

// The two code tables have the same shape; the table name is part of the statement,
// never a parameter.
#define RETORNO_CODE_COLS "id, code, name, name_es, name_en, position, active"
// The admin's order; rows never arranged (position NULL) after, in configured order.
RETORNO_SQL(kListContactTypes, "SELECT " RETORNO_CODE_COLS
                               " FROM contact_types ORDER BY position IS NULL, position, id");
RETORNO_SQL(kListCategories,
            "SELECT " RETORNO_CODE_COLS " FROM categories ORDER BY position IS NULL, position, id");
RETORNO_SQL(kFindContactType, "SELECT " RETORNO_CODE_COLS " FROM contact_types WHERE code = ?");
RETORNO_SQL(kFindCategory, "SELECT " RETORNO_CODE_COLS " FROM categories WHERE code = ?");
RETORNO_SQL(kFindContactTypeById, "SELECT " RETORNO_CODE_COLS " FROM contact_types WHERE id = ?");
RETORNO_SQL(kFindCategoryById, "SELECT " RETORNO_CODE_COLS " FROM categories WHERE id = ?");
#undef RETORNO_CODE_COLS
RETORNO_SQL(kInsertContactType,
            "INSERT INTO contact_types (code, name, name_es, name_en, position, active) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kInsertCategory,
            "INSERT INTO categories (code, name, name_es, name_en, position, active) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kUpdateContactType,
            "UPDATE contact_types SET name = ?, name_es = ?, name_en = ?, position = ?, active = ? "
            "WHERE id = ?");
RETORNO_SQL(kUpdateCategory,
            "UPDATE categories SET name = ?, name_es = ?, name_en = ?, position = ?, active = ? "
            "WHERE id = ?");

// Logins are unique ignoring ASCII case: SQLite's login column compares with NOCASE
// (its unique index serves the lookup); PostgreSQL's unique index is on lower(login).
const DialectSql kFindUserByLogin([](Dialect d) {
  return absl::StrCat(
      "SELECT ", kUserCols, " FROM users u WHERE ",
      d == Dialect::kSqlite ? "u.login = ?" : "lower(u.login) = lower(CAST(? AS text))");
});

RETORNO_SQL(kPutCalendarFeed,
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, "
            "created_at = excluded.created_at");
RETORNO_SQL(kDeleteCalendarFeed, "DELETE FROM calendar_feeds WHERE user_id = ?");
RETORNO_SQL(kFindCalendarFeed, "SELECT user_id FROM calendar_feeds WHERE token_hash = ?");
RETORNO_SQL(kFindThrottle,
            "SELECT failures, in_flight, last_failure, reserved_until FROM login_throttle "
            "WHERE throttle_key = ?");
RETORNO_SQL(kPutThrottle,
            "INSERT INTO login_throttle (throttle_key, failures, in_flight, last_failure, "
            "reserved_until) VALUES (?, ?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET "
            "failures = excluded.failures, in_flight = excluded.in_flight, "
            "last_failure = excluded.last_failure, reserved_until = excluded.reserved_until");
RETORNO_SQL(kDeleteThrottle, "DELETE FROM login_throttle WHERE throttle_key = ?");
RETORNO_SQL(kDeleteStaleThrottles,
            "DELETE FROM login_throttle WHERE (in_flight = 0 OR reserved_until < ?) "
            "AND (last_failure IS NULL OR last_failure < ?)");
RETORNO_SQL(kListUserRights,
            "SELECT right_name, granted FROM user_rights WHERE user_id = ? ORDER BY right_name");
RETORNO_SQL(kDeleteUserRights, "DELETE FROM user_rights WHERE user_id = ?");
RETORNO_SQL(kInsertUserRight,
            "INSERT INTO user_rights (user_id, right_name, granted) VALUES (?, ?, ?)");
RETORNO_SQL(kHasCalendarFeed, "SELECT 1 FROM calendar_feeds WHERE user_id = ?");

Branch ReadBranch(const Query& q, int c) {
  Branch b;
  b.id = q.IdAt<BranchId>(c);
  b.name = q.Text(c + 1);
  b.time_zone = q.Text(c + 2);
  b.position = q.IsNull(c + 3) ? 0 : static_cast<int>(q.Int(c + 3));
  b.active = q.Int(c + 4) != 0;
  return b;
}

absl::StatusOr<User> ReadUser(const Query& q, int c) {
  User u;
  u.id = q.IdAt<UserId>(c);
  u.login = q.Text(c + 1);
  u.name = q.Text(c + 2);
  u.email = q.Text(c + 3);
  RETURN_IF_ERROR(ParseEnum(&ParseRole, q.Text(c + 4), "role", &u.role));
  u.branch_id = q.OptId<BranchId>(c + 5);
  u.time_zone = q.Text(c + 6);
  u.locale = q.Text(c + 7);
  u.alert_on_login = q.Bool(c + 8);
  if (std::optional<int64_t> m = q.OptInt(c + 9)) u.alert_every_minutes = static_cast<int>(*m);
  u.active = q.Bool(c + 10);
  u.password_hash = q.Text(c + 11);
  u.created_at = q.Time(c + 12);
  RETURN_IF_ERROR(
      ParseEnum(&ParseEmailReminders, q.Text(c + 13), "email_reminders", &u.email_reminders));
  return u;
}

CodeItem ReadCode(const Query& q) {
  CodeItem c{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)};
  c.position = q.IsNull(5) ? 0 : static_cast<int>(q.Int(5));
  c.active = q.Int(6) != 0;
  return c;
}

}  // namespace

absl::Status ReadCodeAhead(Db& db, CodeTable t, const std::string& code) {
  return db.ReadAhead(t == CodeTable::kContactType ? kFindContactType : kFindCategory, code);
}
absl::Status ReadUserAhead(Db& db, UserId id) { return db.ReadAhead(kFindUser, id); }
absl::Status ReadBranchAhead(Db& db, BranchId id) { return db.ReadAhead(kFindBranch, id); }
absl::Status ReadSettingsAhead(Db& db) { return db.ReadAhead(kGetSettings); }

absl::StatusOr<Settings> SqlAccounts::GetSettings() {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kGetSettings));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::DataLossError("the settings row is missing");
  Settings s;
  s.company_name = q.Text(0);
  s.time_zone = q.Text(1);
  s.return_alerts_enabled = q.Bool(2);
  s.currency = q.Text(3);
  return s;
}

absl::Status SqlAccounts::PutSettings(const Settings& s) {
  RETURN_IF_ERROR(
      db_.Run(kPutSettings, s.company_name, s.time_zone, s.return_alerts_enabled, s.currency));
  if (db_.Changes() != 1) return absl::DataLossError("the settings row is missing");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Branch>> SqlAccounts::ListBranches() {
  return FindAll<Branch>(db_, kListBranches, [](const Query& q, int c) -> absl::StatusOr<Branch> {
    return ReadBranch(q, c);
  });
}

absl::StatusOr<std::optional<Branch>> SqlAccounts::FindBranch(BranchId id) {
  return FindOne<Branch>(
      db_, kFindBranch,
      [](const Query& q, int c) -> absl::StatusOr<Branch> { return ReadBranch(q, c); }, id);
}

absl::StatusOr<BranchId> SqlAccounts::InsertBranch(const Branch& b) {
  ASSIGN_OR_RETURN(int64_t id, InsertId(db_, kInsertBranch, b.name, b.time_zone,
                                        StoredPosition(b.position), b.active));
  return BranchId(id);
}

absl::Status SqlAccounts::UpdateBranch(const Branch& b) {
  RETURN_IF_ERROR(
      db_.Run(kUpdateBranch, b.name, b.time_zone, StoredPosition(b.position), b.active, b.id));
  if (db_.Changes() == 0) return CodedError(ErrorCode::kBranchNotFound);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<User>> SqlAccounts::ListUsers() {
  return FindAll<User>(db_, kListUsers, &ReadUser);
}

absl::StatusOr<std::optional<User>> SqlAccounts::FindUser(UserId id) {
  return FindOne<User>(db_, kFindUser, &ReadUser, id);
}

absl::StatusOr<std::optional<User>> SqlAccounts::FindUserByLogin(const std::string& login) {
  return FindOne<User>(db_, kFindUserByLogin(db_.dialect()), &ReadUser, login);
}

absl::StatusOr<UserId> SqlAccounts::InsertUser(const User& u) {
  ASSIGN_OR_RETURN(
      int64_t id,
      InsertId(db_, kInsertUser, u.login, u.name, u.email, ToString(u.role), u.branch_id,
               u.time_zone, u.locale, u.alert_on_login, u.alert_every_minutes, u.active,
               u.password_hash, u.created_at, ToString(u.email_reminders)));
  return UserId(id);
}

absl::Status SqlAccounts::UpdateUser(const User& u) {
  RETURN_IF_ERROR(db_.Run(kUpdateUser, u.login, u.name, u.email, ToString(u.role), u.branch_id,
                          u.time_zone, u.locale, u.alert_on_login, u.alert_every_minutes, u.active,
                          u.password_hash, ToString(u.email_reminders), u.id));
  if (db_.Changes() == 0) return CodedError(ErrorCode::kUserNotFound);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqlAccounts::CountUsers() { return QueryInt(db_, kCountUsers); }

absl::Status SqlAccounts::InsertSession(const Session& s) {
  return db_.Run(kInsertSession, s.token_hash, s.csrf_token, s.user_id, s.created_at, s.expires_at);
}

absl::StatusOr<std::optional<Session>> SqlAccounts::FindSession(const std::string& token_hash) {
  return FindOne<Session>(
      db_, kFindSession,
      [](const Query& q, int c) -> absl::StatusOr<Session> {
        return Session{q.Text(c), q.Text(c + 1), q.IdAt<UserId>(c + 2), q.Time(c + 3),
                       q.Time(c + 4)};
      },
      token_hash);
}

absl::Status SqlAccounts::DeleteSession(const std::string& token_hash) {
  return db_.Run(kDeleteSession, token_hash);
}

absl::Status SqlAccounts::DeleteUserSessions(UserId user, const std::string& keep) {
  return db_.Run(kDeleteUserSessions, user, keep);
}

absl::Status SqlAccounts::DeleteExpiredSessions(absl::Time now) {
  return db_.Run(kDeleteExpiredSessions, now);
}

absl::StatusOr<std::vector<CodeItem>> SqlAccounts::ListCodes(CodeTable t) {
  return FindAll<CodeItem>(
      db_, t == CodeTable::kContactType ? kListContactTypes : kListCategories,
      [](const Query& q, int) -> absl::StatusOr<CodeItem> { return ReadCode(q); });
}

absl::StatusOr<std::optional<CodeItem>> SqlAccounts::FindCode(CodeTable t,
                                                              const std::string& code) {
  return FindOne<CodeItem>(
      db_, t == CodeTable::kContactType ? kFindContactType : kFindCategory,
      [](const Query& q, int) -> absl::StatusOr<CodeItem> { return ReadCode(q); }, code);
}

absl::StatusOr<std::optional<CodeItem>> SqlAccounts::FindCodeById(CodeTable t, int64_t id) {
  return FindOne<CodeItem>(
      db_, t == CodeTable::kContactType ? kFindContactTypeById : kFindCategoryById,
      [](const Query& q, int) -> absl::StatusOr<CodeItem> { return ReadCode(q); }, id);
}

absl::StatusOr<int64_t> SqlAccounts::InsertCode(CodeTable t, const CodeItem& item) {
  // One name given: it serves every language until translated.
  const std::string& es = item.name_es.empty() ? item.name : item.name_es;
  const std::string& en = item.name_en.empty() ? item.name : item.name_en;
  return InsertId(db_, t == CodeTable::kContactType ? kInsertContactType : kInsertCategory,
                  item.code, item.name, es, en, StoredPosition(item.position), item.active);
}

absl::Status SqlAccounts::UpdateCode(CodeTable t, const CodeItem& item) {
  RETURN_IF_ERROR(db_.Run(t == CodeTable::kContactType ? kUpdateContactType : kUpdateCategory,
                          item.name, item.name_es, item.name_en, StoredPosition(item.position),
                          item.active, item.id));
  if (db_.Changes() == 0) return CodedError(ErrorCode::kCodeNotFound);
  return absl::OkStatus();
}

absl::Status SqlAccounts::PutCalendarFeed(UserId user, const std::string& token_hash,
                                          absl::Time now) {
  return db_.Run(kPutCalendarFeed, user, token_hash, now);
}

absl::Status SqlAccounts::DeleteCalendarFeed(UserId user) {
  return db_.Run(kDeleteCalendarFeed, user);
}

absl::StatusOr<std::optional<UserId>> SqlAccounts::FindCalendarFeed(const std::string& token_hash) {
  return FindOne<UserId>(
      db_, kFindCalendarFeed,
      [](const Query& q, int c) -> absl::StatusOr<UserId> { return q.IdAt<UserId>(c); },
      token_hash);
}

absl::StatusOr<bool> SqlAccounts::HasCalendarFeed(UserId user) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kHasCalendarFeed));
  q.BindAll(user);
  return q.Step();
}

namespace {
// The rule's "never" (InfinitePast) is stored as NULL; a finite instant as microseconds.
std::optional<absl::Time> StoredInstant(absl::Time t) {
  if (t == absl::InfinitePast()) return std::nullopt;
  return t;
}
}  // namespace

absl::StatusOr<std::optional<ThrottleState>> SqlAccounts::FindThrottle(const std::string& key) {
  return FindOne<ThrottleState>(
      db_, kFindThrottle,
      [](const Query& q, int c) -> absl::StatusOr<ThrottleState> {
        ThrottleState s;
        s.failures = static_cast<int>(q.Int(c));
        s.in_flight = static_cast<int>(q.Int(c + 1));
        s.last_failure = q.OptTime(c + 2).value_or(absl::InfinitePast());
        s.reserved_until = q.OptTime(c + 3).value_or(absl::InfinitePast());
        return s;
      },
      key);
}

absl::Status SqlAccounts::PutThrottle(const std::string& key, const ThrottleState& s) {
  return db_.Run(kPutThrottle, key, s.failures, s.in_flight, StoredInstant(s.last_failure),
                 StoredInstant(s.reserved_until));
}

absl::Status SqlAccounts::DeleteThrottle(const std::string& key) {
  return db_.Run(kDeleteThrottle, key);
}

absl::Status SqlAccounts::DeleteStaleThrottles(absl::Time before) {
  return db_.Run(kDeleteStaleThrottles, before, before);
}

absl::StatusOr<std::vector<UserRightChange>> SqlAccounts::ListUserRights(UserId user) {
  return FindAll<UserRightChange>(
      db_, kListUserRights,
      [](const Query& q, int c) -> absl::StatusOr<UserRightChange> {
        return UserRightChange{q.Text(c), q.Int(c + 1) != 0};
      },
      user);
}

absl::Status SqlAccounts::ReplaceUserRights(UserId user,
                                            const std::vector<UserRightChange>& changes) {
  RETURN_IF_ERROR(db_.Run(kDeleteUserRights, user));
  for (const UserRightChange& c : changes)
    RETURN_IF_ERROR(db_.Run(kInsertUserRight, user, c.right, c.granted));
  return absl::OkStatus();
}

}  // namespace retorno::sql
