#include "store/sqlite/sqlite_tx.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "app/error_codes.h"
#include "base/status_macros.h"
#include "domain/search.h"

namespace retorno::sqlite {

namespace {

// ---------------------------------------------------------------------------------
// Column lists. Each table is always read through the same alias (u, b, p, f, a, e, t)
// so a row reader can follow a list wherever it appears in a join.

constexpr char kBranchCols[] = "b.id, b.name, b.time_zone, b.position, b.active";

constexpr char kUserCols[] =
    "u.id, u.login, u.name, u.email, u.role, u.branch_id, u.time_zone, u.locale, "
    "u.alert_on_login, u.alert_every_minutes, u.active, u.password_hash, u.created_at, "
    "u.email_reminders";

constexpr int kPartyColumns = 13;
constexpr char kPartyCols[] =
    "p.id, p.code, p.kind, p.name, p.email, p.phone, p.whatsapp, p.birthday, p.branch_id, "
    "p.owner_id, p.created_at, p.version, p.tax_id";

constexpr int kFollowupColumns = 23;
constexpr char kFollowupCols[] =
    "f.id, f.party_id, f.contact_name, f.contact_email, f.contact_phone, f.contact_whatsapp, "
    "f.owner_id, f.branch_id, f.subject, f.category, f.priority, f.origin, f.cc, f.status, "
    "f.version, f.next_due_date, f.created_by, f.updated_by, f.created_at, f.updated_at, "
    "f.document_id, f.origin_key, f.contact_at";

constexpr int kActionColumns = 19;
constexpr char kActionCols[] =
    "a.id, a.followup_id, a.type, a.due_date, a.due_minutes, a.status, a.assignee_id, "
    "a.notify_customer, a.message, a.result, a.resolution, a.result_at, a.done_at, a.done_by, "
    "a.next_action_id, a.series_id, a.series_index, a.created_at, a.remind_at";

constexpr char kEntryCols[] =
    "e.id, e.followup_id, e.action_id, e.kind, e.body, e.author_id, e.contact_at, e.created_at, "
    "e.draft";

constexpr char kAttachmentCols[] =
    "t.id, t.followup_id, t.entry_id, t.file_name, t.content_type, t.size, t.sha256, "
    "t.uploaded_by, t.created_at";

// ---------------------------------------------------------------------------------
// Named statements.

#define RETORNO_SQL(name, ...) const std::string name = absl::StrCat(__VA_ARGS__)

RETORNO_SQL(kGetSettings,
            "SELECT company_name, time_zone, return_alerts_enabled FROM settings WHERE id = 1");
RETORNO_SQL(kPutSettings,
            "UPDATE settings SET company_name = ?, time_zone = ?, return_alerts_enabled = ? "
            "WHERE id = 1");

// The admin's order; rows never arranged (position NULL) after, by name.
RETORNO_SQL(kListBranches, "SELECT ", kBranchCols,
            " FROM branches b ORDER BY b.position IS NULL, b.position, b.name, b.id");
RETORNO_SQL(kFindBranch, "SELECT ", kBranchCols, " FROM branches b WHERE b.id = ?");
RETORNO_SQL(kInsertBranch,
            "INSERT INTO branches (name, time_zone, position, active) VALUES (?, ?, ?, ?)");
RETORNO_SQL(kUpdateBranch,
            "UPDATE branches SET name = ?, time_zone = ?, position = ?, active = ? WHERE id = ?");

RETORNO_SQL(kListUsers, "SELECT ", kUserCols, " FROM users u ORDER BY u.name, u.id");
RETORNO_SQL(kFindUser, "SELECT ", kUserCols, " FROM users u WHERE u.id = ?");
RETORNO_SQL(kFindUserByLogin, "SELECT ", kUserCols, " FROM users u WHERE u.login = ?");
RETORNO_SQL(
    kInsertUser,
    "INSERT INTO users (login, name, email, role, branch_id, time_zone, locale, "
    "alert_on_login, alert_every_minutes, active, password_hash, created_at, email_reminders) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
            "VALUES (?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kInsertCategory,
            "INSERT INTO categories (code, name, name_es, name_en, position, active) "
            "VALUES (?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kUpdateContactType,
            "UPDATE contact_types SET name = ?, name_es = ?, name_en = ?, position = ?, active = ? "
            "WHERE id = ?");
RETORNO_SQL(kUpdateCategory,
            "UPDATE categories SET name = ?, name_es = ?, name_en = ?, position = ?, active = ? "
            "WHERE id = ?");

RETORNO_SQL(kInsertParty,
            "INSERT INTO parties (code, kind, name, email, phone, whatsapp, birthday, "
            "branch_id, owner_id, created_at, tax_id, code_key, search_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
// A stale version or a missing party changes nothing (told apart by kPartyVersion).
RETORNO_SQL(kUpdateParty,
            "UPDATE parties SET code = ?, kind = ?, name = ?, email = ?, phone = ?, whatsapp = ?, "
            "birthday = ?, branch_id = ?, owner_id = ?, tax_id = ?, code_key = ?, "
            "search_key = ?, version = version + 1 WHERE id = ? AND version = ?");
RETORNO_SQL(kPartyVersion, "SELECT version FROM parties WHERE id = ?");
RETORNO_SQL(kDocumentVersion, "SELECT version FROM documents WHERE id = ?");
RETORNO_SQL(kDeletePartyContacts, "DELETE FROM party_contacts WHERE party_id = ?");
RETORNO_SQL(
    kInsertPartyContact,
    "INSERT INTO party_contacts (party_id, position, name, email, phone, whatsapp, birthday) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kFindParty, "SELECT ", kPartyCols, " FROM parties p WHERE p.id = ?");
RETORNO_SQL(kFindPartyByCode, "SELECT ", kPartyCols, " FROM parties p WHERE p.code = ?");
RETORNO_SQL(kListPartyContacts,
            "SELECT name, email, phone, whatsapp, birthday FROM party_contacts WHERE party_id = ? "
            "ORDER BY position");
// On folded keys (domain/search.h), compared byte for byte (keys and query are folded
// alike, so instr() needs no case folding nor escaping, and is several times cheaper
// per row than LIKE): code prefix as a range [?1, ?2), or a substring of the search
// key (name, e-mail, contacts, phone digits, tax id), or of it the query's letters and
// digits alone (?4, '' when the query has no number in it). Walks the name index.
RETORNO_SQL(kSearchParties, "SELECT ", kPartyCols,
            " FROM parties p WHERE ((p.code_key >= ?1 AND p.code_key < ?2) OR "
            "instr(p.search_key, ?3) > 0 OR (?4 <> '' AND instr(p.search_key, ?4) > 0)) "
            "AND (?5 = '' OR p.kind = ?5) ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?6");

RETORNO_SQL(kInsertFollowup,
            "INSERT INTO followups (party_id, contact_name, contact_email, contact_phone, "
            "contact_whatsapp, owner_id, branch_id, subject, category, priority, origin, cc, "
            "status, version, next_due_date, created_by, updated_by, created_at, updated_at, "
            "document_id, origin_key, subject_key, contact_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
// next_due_date is the store's cache and party/creation fields never change: neither
// is written here.
RETORNO_SQL(kUpdateFollowup,
            "UPDATE followups SET contact_name = ?, contact_email = ?, contact_phone = ?, "
            "contact_whatsapp = ?, owner_id = ?, branch_id = ?, subject = ?, category = ?, "
            "priority = ?, origin = ?, cc = ?, status = ?, version = version + 1, "
            "updated_by = ?, updated_at = ?, subject_key = ?, contact_at = ? "
            "WHERE id = ? AND version = ?");
RETORNO_SQL(kFollowupVersion, "SELECT version FROM followups WHERE id = ?");
RETORNO_SQL(kCopyFollowupOpen,
            "UPDATE actions SET followup_open = ?2 WHERE followup_id = ?1 AND "
            "followup_open IS NOT ?2");
RETORNO_SQL(kFindFollowup, "SELECT ", kFollowupCols, " FROM followups f WHERE f.id = ?");
RETORNO_SQL(kFindFollowupRow, "SELECT ", kFollowupCols, ", ", kPartyCols,
            " FROM followups f JOIN parties p ON p.id = f.party_id WHERE f.id = ?");

RETORNO_SQL(
    kInsertAction,
    "INSERT INTO actions (followup_id, type, due_date, due_minutes, status, "
    "assignee_id, notify_customer, message, result, resolution, result_at, done_at, "
    "done_by, next_action_id, series_id, series_index, created_at, remind_at, followup_open) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    // A missing follow-up is left to the foreign key to report.
    "coalesce((SELECT status = 'open' FROM followups WHERE id = ?1), 1))");
// An action stays in its follow-up; RETURNING names the follow-up whose cache to
// refresh.
RETORNO_SQL(kUpdateAction,
            "UPDATE actions SET type = ?, due_date = ?, due_minutes = ?, status = ?, "
            "assignee_id = ?, notify_customer = ?, message = ?, result = ?, resolution = ?, "
            "result_at = ?, done_at = ?, done_by = ?, next_action_id = ?, series_id = ?, "
            "series_index = ?, remind_at = ? WHERE id = ? RETURNING followup_id");
// Writes only when the value changes, so an unchanged cache costs no index writes.
RETORNO_SQL(kRefreshNextDue,
            "UPDATE followups SET next_due_date = (SELECT min(due_date) FROM actions "
            "WHERE followup_id = ?1 AND status = 'planned') WHERE id = ?1 AND next_due_date "
            "IS NOT (SELECT min(due_date) FROM actions WHERE followup_id = ?1 AND "
            "status = 'planned')");
RETORNO_SQL(kFindAction, "SELECT ", kActionCols, " FROM actions a WHERE a.id = ?");
RETORNO_SQL(kListActions, "SELECT ", kActionCols,
            " FROM actions a WHERE a.followup_id = ? ORDER BY a.due_date, a.due_minutes_key, "
            "a.id");
RETORNO_SQL(kCountDue,
            "SELECT coalesce(sum(a.due_date = ?1), 0), coalesce(sum(a.due_date < ?1), 0) "
            "FROM actions a WHERE a.assignee_id = ?2 AND a.status = 'planned' "
            "AND a.followup_open = 1 AND a.due_date <= ?1");
RETORNO_SQL(kNextSeriesId,
            "UPDATE sequences SET value = value + 1 WHERE name = 'action_series' "
            "RETURNING value");

RETORNO_SQL(kInsertEntry,
            "INSERT INTO entries (followup_id, action_id, kind, body, author_id, contact_at, "
            "created_at, draft, body_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
// Only a draft can change; a published entry is history.
RETORNO_SQL(kUpdateDraftEntry,
            "UPDATE entries SET action_id = ?, kind = ?, body = ?, contact_at = ?, "
            "created_at = ?, draft = ?, body_key = ? WHERE id = ? AND draft = 1");
RETORNO_SQL(kEntryExists, "SELECT 1 FROM entries WHERE id = ?");
RETORNO_SQL(kFindEntry, "SELECT ", kEntryCols, " FROM entries e WHERE e.id = ?");
RETORNO_SQL(kListEntries, "SELECT ", kEntryCols,
            " FROM entries e WHERE e.followup_id = ? ORDER BY e.created_at DESC, e.id DESC");

RETORNO_SQL(kInsertAttachment,
            "INSERT INTO attachments (followup_id, entry_id, file_name, content_type, size, "
            "sha256, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kInsertAttachmentBlob,
            "INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, ?)");
RETORNO_SQL(kFindAttachment, "SELECT ", kAttachmentCols, " FROM attachments t WHERE t.id = ?");
RETORNO_SQL(kReadAttachmentBytes, "SELECT bytes FROM attachment_blobs WHERE attachment_id = ?");
RETORNO_SQL(kListAttachments, "SELECT ", kAttachmentCols,
            " FROM attachments t WHERE t.followup_id = ? ORDER BY t.id");

RETORNO_SQL(kSavepoint, "SAVEPOINT tx_method");
RETORNO_SQL(kRelease, "RELEASE tx_method");
RETORNO_SQL(kRollbackTo, "ROLLBACK TO tx_method");

#undef RETORNO_SQL

// ---------------------------------------------------------------------------------
// Helpers

// Makes a multi-statement Tx method all-or-nothing even if the caller ignores its
// error and commits: undone unless Release() is reached.
class Savepoint {
 public:
  static absl::StatusOr<Savepoint> Begin(Connection& conn) {
    RETURN_IF_ERROR(conn.Run(kSavepoint));
    return Savepoint(conn);
  }
  Savepoint(Savepoint&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}
  Savepoint& operator=(Savepoint&&) = delete;
  ~Savepoint() {
    if (conn_ == nullptr) return;
    conn_->Run(kRollbackTo).IgnoreError();
    conn_->Run(kRelease).IgnoreError();
  }
  absl::Status Release() {
    Connection* conn = std::exchange(conn_, nullptr);
    return conn->Run(kRelease);
  }

 private:
  explicit Savepoint(Connection& conn) : conn_(&conn) {}
  Connection* conn_;
};

template <class E>
absl::Status ParseEnum(std::optional<E> (*parse)(std::string_view), const std::string& text,
                       const char* what, E* out) {
  std::optional<E> v = parse(text);
  if (!v) return absl::DataLossError(absl::StrCat("stored ", what, " '", text, "' is unknown"));
  *out = *v;
  return absl::OkStatus();
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

// LIKE operand matching `text` literally: the wildcards and the escape character of
// the user's text lose their meaning.
std::string LikeEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '%' || c == '_') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// The least string above every string that starts with `prefix` (BINARY order of
// UTF-8): `key >= prefix AND key < PrefixEnd(prefix)` is a prefix match an index can
// serve. U+10FFFF is the greatest code point.
std::string PrefixEnd(const std::string& prefix) { return prefix + "\xF4\x8F\xBF\xBF"; }

// Row readers: each reads its column list starting at `c`.

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
  return f;
}

// kFollowupCols then kPartyCols.
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

absl::StatusOr<Entry> ReadEntry(const Query& q, int c) {
  Entry e;
  e.id = q.IdAt<EntryId>(c);
  e.followup_id = q.IdAt<FollowupId>(c + 1);
  e.action_id = q.OptId<ActionId>(c + 2);
  RETURN_IF_ERROR(ParseEnum(&ParseEntryKind, q.Text(c + 3), "entry kind", &e.kind));
  e.body = q.Text(c + 4);
  e.author_id = q.IdAt<UserId>(c + 5);
  e.contact_at = q.Time(c + 6);
  e.created_at = q.Time(c + 7);
  e.draft = q.Bool(c + 8);
  return e;
}

Attachment ReadAttachment(const Query& q, int c) {
  Attachment t;
  t.id = q.IdAt<AttachmentId>(c);
  t.followup_id = q.IdAt<FollowupId>(c + 1);
  t.entry_id = q.OptId<EntryId>(c + 2);
  t.file_name = q.Text(c + 3);
  t.content_type = q.Text(c + 4);
  t.size = q.Int(c + 5);
  t.sha256 = q.Text(c + 6);
  t.uploaded_by = q.IdAt<UserId>(c + 7);
  t.created_at = q.Time(c + 8);
  return t;
}

CodeItem ReadCode(const Query& q) {
  CodeItem c{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)};
  c.position = q.IsNull(5) ? 0 : static_cast<int>(q.Int(5));
  c.active = q.Int(6) != 0;
  return c;
}

// A position of 0 (never arranged) is stored as NULL.
std::optional<int64_t> StoredPosition(int position) {
  if (position <= 0) return std::nullopt;
  return position;
}

// After an `UPDATE ... WHERE id = ? AND version = ?` that changed no row: NotFound
// (`resource`) when the row is gone, FailedPrecondition("version") when it is stale.
// `version_sql` selects the row's version by id.
absl::Status MissingOrStale(Connection& conn, const std::string& version_sql, int64_t id,
                            const char* resource) {
  ASSIGN_OR_RETURN(Query q, conn.Prepare(version_sql));
  q.Bind(id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::NotFoundError(resource);
  return CodedError(ErrorCode::kVersion);
}

// Runs a one-row lookup; nullopt when there is no row.
template <class T, class Reader, class... Args>
absl::StatusOr<std::optional<T>> FindOne(Connection& conn, const std::string& sql, Reader read,
                                         const Args&... args) {
  ASSIGN_OR_RETURN(Query q, conn.Prepare(sql));
  q.BindAll(args...);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<T>();
  absl::StatusOr<T> v = read(q, 0);
  if (!v.ok()) return v.status();
  return std::optional<T>(*std::move(v));
}

template <class T, class Reader, class... Args>
absl::StatusOr<std::vector<T>> FindAll(Connection& conn, const std::string& sql, Reader read,
                                       const Args&... args) {
  ASSIGN_OR_RETURN(Query q, conn.Prepare(sql));
  q.BindAll(args...);
  std::vector<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    absl::StatusOr<T> v = read(q, 0);
    if (!v.ok()) return v.status();
    out.push_back(*std::move(v));
  }
  return out;
}

absl::StatusOr<Query> PrepareBuilt(Connection& conn, const BuiltSql& b) {
  ASSIGN_OR_RETURN(Query q, conn.Prepare(b.sql));
  for (const auto& arg : b.args) std::visit([&q](const auto& v) { q.Bind(v); }, arg);
  return q;
}

// Keyset cursors. Opaque to clients (web-safe base64), and tagged with the ordering
// they belong to: "d<due_key>|<id>" for kDue, "n<id>" for kNewest.
struct Cursor {
  std::string due_key;
  int64_t id = 0;
};

std::string EncodeCursor(FollowupQuery::Order order, const std::string& due_key, int64_t id) {
  std::string raw = order == FollowupQuery::Order::kDue ? absl::StrCat("d", due_key, "|", id)
                                                        : absl::StrCat("n", id);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<Cursor> DecodeCursor(FollowupQuery::Order order, const std::string& text) {
  const absl::Status bad = absl::InvalidArgumentError("cursor");
  std::string raw;
  if (!absl::WebSafeBase64Unescape(text, &raw) || raw.empty()) return bad;
  Cursor c;
  std::string_view id_text;
  if (order == FollowupQuery::Order::kDue) {
    if (raw[0] != 'd') return bad;
    size_t bar = raw.rfind('|');
    if (bar == std::string::npos) return bad;
    c.due_key = raw.substr(1, bar - 1);
    if (c.due_key != "~" && !ParseDayText(c.due_key)) return bad;
    id_text = std::string_view(raw).substr(bar + 1);
  } else {
    if (raw[0] != 'n') return bad;
    id_text = std::string_view(raw).substr(1);
  }
  if (!absl::SimpleAtoi(absl::string_view(id_text.data(), id_text.size()), &c.id) || c.id < 0)
    return bad;
  return c;
}

// The due_key value of a day (see the followups table): its 'YYYY-MM-DD' text.
std::string Key(absl::CivilDay d) { return DayText(d); }

}  // namespace

// ---------------------------------------------------------------------------------
// SQL builders

BuiltSql BuildFindFollowup(FollowupId id) { return {kFindFollowup, {id.value}}; }

BuiltSql BuildSearchParties(const std::string& q, std::optional<PartyKind> kind, int limit) {
  SearchTerms terms = SearchTermsOf(q);
  std::string end = PrefixEnd(terms.folded);
  std::string folded = terms.folded;
  return {kSearchParties,
          {std::move(terms.folded), std::move(end), std::move(folded), std::move(terms.compact),
           kind ? std::string(ToString(*kind)) : std::string(), int64_t{limit}}};
}

BuiltSql BuildCountDue(UserId assignee, absl::CivilDay today) {
  return {kCountDue, {DayText(today), assignee.value}};
}

absl::StatusOr<BuiltSql> BuildFollowupQuery(const FollowupQuery& q) {
  return BuildFollowupQuery(q, false);
}

absl::StatusOr<BuiltSql> BuildFollowupQuery(const FollowupQuery& q, bool count) {
  using Arg = std::variant<int64_t, std::string>;
  // Every filter but the supervisor's visibility, with its arguments in text order.
  std::vector<std::string> where;
  std::vector<Arg> args;
  auto add = [&](std::string cond, auto... values) {
    where.push_back(std::move(cond));
    (args.push_back(values), ...);
  };
  // The status the filters imply; set twice to different values means no rows.
  std::optional<std::string> status;
  bool contradiction = false;
  auto need_status = [&](FollowupStatus s) {
    std::string name(ToString(s));
    if (status && *status != name) contradiction = true;
    status = name;
  };
  if (q.status) need_status(*q.status);
  if (q.state) {
    const std::string today = Key(q.today);
    switch (*q.state) {
      case FollowupState::kOverdue:
        need_status(FollowupStatus::kOpen);
        add("f.due_key < ?", today);
        break;
      case FollowupState::kToday:
        need_status(FollowupStatus::kOpen);
        add("f.due_key = ?", today);
        break;
      case FollowupState::kOpen:
        // No planned action ('~') or a due date after today.
        need_status(FollowupStatus::kOpen);
        add("f.due_key > ?", today);
        break;
      case FollowupState::kClosed:
        need_status(FollowupStatus::kClosed);
        break;
    }
  }
  if (contradiction) where.push_back("0");
  if (status) where.insert(where.begin(), absl::StrCat("f.status = '", *status, "'"));
  if (q.owner_id) add("f.owner_id = ?", q.owner_id->value);
  if (q.branch_id) add("f.branch_id = ?", q.branch_id->value);
  const bool visible_both = q.visible_owner && q.visible_branch;
  if (q.visible_owner && !visible_both) add("f.owner_id = ?", q.visible_owner->value);
  if (q.visible_branch && !visible_both) add("f.branch_id = ?", q.visible_branch->value);
  if (q.party_id) add("f.party_id = ?", q.party_id->value);
  if (q.category) add("f.category = ?", *q.category);
  if (q.priority) add("f.priority = ?", std::string(ToString(*q.priority)));
  if (q.due_from) add("f.due_key >= ?", Key(*q.due_from));
  if (q.due_to) add("f.due_key <= ?", Key(*q.due_to));
  // A date range never matches "no date" ('~' is above every date).
  if (q.due_from && !q.due_to) where.push_back("f.due_key < '~'");
  if (q.contact_from) add("f.contact_at >= ?", int64_t{absl::ToUnixMicros(*q.contact_from)});
  if (q.contact_to) add("f.contact_at < ?", int64_t{absl::ToUnixMicros(*q.contact_to)});
  // Folded keys compared byte for byte (see kSearchParties).
  const std::string folded_text = FoldForSearch(q.text);
  if (!folded_text.empty()) {
    add("(instr(f.subject_key, ?) > 0 OR EXISTS (SELECT 1 FROM entries e WHERE "
        "e.followup_id = f.id AND e.draft = 0 AND instr(e.body_key, ?) > 0))",
        folded_text, folded_text);
  }
  auto where_sql = [](std::vector<std::string> conds) {
    return conds.empty() ? std::string() : absl::StrCat(" WHERE ", absl::StrJoin(conds, " AND "));
  };
  const bool both_visible = q.visible_owner && q.visible_branch;
  if (count) {
    // Every page's rows together: no cursor, order or limit.
    BuiltSql b;
    if (both_visible) {
      where.push_back("(f.owner_id = ? OR f.branch_id = ?)");
      args.push_back(q.visible_owner->value);
      args.push_back(q.visible_branch->value);
    }
    b.sql = absl::StrCat("SELECT count(*) FROM followups f", where_sql(where));
    b.args = std::move(args);
    return b;
  }
  const bool by_due = q.order == FollowupQuery::Order::kDue;
  if (!q.cursor.empty()) {
    ASSIGN_OR_RETURN(Cursor c, DecodeCursor(q.order, q.cursor));
    if (by_due)
      add("(f.due_key, f.id) > (?, ?)", c.due_key, c.id);
    else
      add("f.id < ?", c.id);
  }
  const char* order = by_due ? " ORDER BY f.due_key, f.id" : " ORDER BY f.id DESC";
  // One row more than asked tells whether there is a next page.
  const int64_t limit = static_cast<int64_t>(std::max(q.limit, 1)) + 1;

  BuiltSql b;
  const std::string select =
      absl::StrCat("SELECT ", kFollowupCols, ", ", kPartyCols, ", f.due_key");
  if (!both_visible) {
    b.sql = absl::StrCat(select, " FROM followups f JOIN parties p ON p.id = f.party_id",
                         where_sql(where), order, " LIMIT ?");
    b.args = std::move(args);
    b.args.push_back(limit);
    return b;
  }
  // owner OR branch: one page from each index range, in order, merged. A single scan
  // would have to sort every follow-up of the branch (OR of two indexes), or walk the
  // whole list for a small branch (one index in order).
  auto arm = [&](const char* visible, int64_t id) {
    std::vector<std::string> conds = where;
    conds.push_back(visible);
    for (const Arg& a : args) b.args.push_back(a);
    b.args.push_back(id);
    b.args.push_back(limit);
    return absl::StrCat("SELECT * FROM (SELECT f.id AS id FROM followups f", where_sql(conds),
                        order, " LIMIT ?)");
  };
  const std::string own = arm("f.owner_id = ?", q.visible_owner->value);
  const std::string branch = arm("f.branch_id = ?", q.visible_branch->value);
  b.sql = absl::StrCat(select, " FROM (", own, " UNION ", branch,
                       ") v JOIN followups f ON f.id = v.id JOIN parties p ON p.id = f.party_id",
                       order, " LIMIT ?");
  b.args.push_back(limit);
  return b;
}

BuiltSql BuildAgendaQuery(const AgendaQuery& q) {
  BuiltSql b;
  std::vector<std::string> where;
  if (q.only_planned) where.push_back("a.status = 'planned'");
  if (q.only_open_followups) where.push_back("a.followup_open = 1");
  if (q.assignee_id && q.branch_id) {
    where.push_back("(a.assignee_id = ? OR f.branch_id = ?)");
    b.args.push_back(q.assignee_id->value);
    b.args.push_back(q.branch_id->value);
  } else if (q.assignee_id) {
    where.push_back("a.assignee_id = ?");
    b.args.push_back(q.assignee_id->value);
  } else if (q.branch_id) {
    where.push_back("f.branch_id = ?");
    b.args.push_back(q.branch_id->value);
  }
  if (q.from) {
    where.push_back("a.due_date >= ?");
    b.args.push_back(DayText(*q.from));
  }
  if (q.to) {
    where.push_back("a.due_date <= ?");
    b.args.push_back(DayText(*q.to));
  }
  b.sql = absl::StrCat("SELECT ", kActionCols, ", ", kFollowupCols, ", ", kPartyCols,
                       " FROM actions a JOIN followups f ON f.id = a.followup_id "
                       "JOIN parties p ON p.id = f.party_id");
  if (!where.empty()) absl::StrAppend(&b.sql, " WHERE ", absl::StrJoin(where, " AND "));
  absl::StrAppend(&b.sql, " ORDER BY a.due_date, a.due_minutes_key, a.id LIMIT ?");
  b.args.push_back(static_cast<int64_t>(std::max(q.limit, 1)));
  return b;
}

// ---------------------------------------------------------------------------------
// Settings

absl::StatusOr<Settings> SqliteTx::GetSettings() {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kGetSettings));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::DataLossError("the settings row is missing");
  Settings s;
  s.company_name = q.Text(0);
  s.time_zone = q.Text(1);
  s.return_alerts_enabled = q.Bool(2);
  return s;
}

absl::Status SqliteTx::PutSettings(const Settings& s) {
  RETURN_IF_ERROR(conn_.Run(kPutSettings, s.company_name, s.time_zone, s.return_alerts_enabled));
  if (conn_.Changes() != 1) return absl::DataLossError("the settings row is missing");
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------
// Branches

absl::StatusOr<std::vector<Branch>> SqliteTx::ListBranches() {
  return FindAll<Branch>(conn_, kListBranches, [](const Query& q, int c) -> absl::StatusOr<Branch> {
    return ReadBranch(q, c);
  });
}

absl::StatusOr<std::optional<Branch>> SqliteTx::FindBranch(BranchId id) {
  return FindOne<Branch>(
      conn_, kFindBranch,
      [](const Query& q, int c) -> absl::StatusOr<Branch> { return ReadBranch(q, c); }, id);
}

absl::StatusOr<BranchId> SqliteTx::InsertBranch(const Branch& b) {
  RETURN_IF_ERROR(
      conn_.Run(kInsertBranch, b.name, b.time_zone, StoredPosition(b.position), b.active));
  return BranchId(conn_.LastInsertId());
}

absl::Status SqliteTx::UpdateBranch(const Branch& b) {
  RETURN_IF_ERROR(
      conn_.Run(kUpdateBranch, b.name, b.time_zone, StoredPosition(b.position), b.active, b.id));
  if (conn_.Changes() == 0) return CodedError(ErrorCode::kBranchNotFound);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------
// Users

absl::StatusOr<std::vector<User>> SqliteTx::ListUsers() {
  return FindAll<User>(conn_, kListUsers, &ReadUser);
}

absl::StatusOr<std::optional<User>> SqliteTx::FindUser(UserId id) {
  return FindOne<User>(conn_, kFindUser, &ReadUser, id);
}

absl::StatusOr<std::optional<User>> SqliteTx::FindUserByLogin(const std::string& login) {
  return FindOne<User>(conn_, kFindUserByLogin, &ReadUser, login);
}

absl::StatusOr<UserId> SqliteTx::InsertUser(const User& u) {
  RETURN_IF_ERROR(conn_.Run(kInsertUser, u.login, u.name, u.email, ToString(u.role), u.branch_id,
                            u.time_zone, u.locale, u.alert_on_login, u.alert_every_minutes,
                            u.active, u.password_hash, u.created_at, ToString(u.email_reminders)));
  return UserId(conn_.LastInsertId());
}

absl::Status SqliteTx::UpdateUser(const User& u) {
  RETURN_IF_ERROR(conn_.Run(kUpdateUser, u.login, u.name, u.email, ToString(u.role), u.branch_id,
                            u.time_zone, u.locale, u.alert_on_login, u.alert_every_minutes,
                            u.active, u.password_hash, ToString(u.email_reminders), u.id));
  if (conn_.Changes() == 0) return CodedError(ErrorCode::kUserNotFound);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqliteTx::CountUsers() {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kCountUsers));
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

// ---------------------------------------------------------------------------------
// Sessions

absl::Status SqliteTx::InsertSession(const Session& s) {
  return conn_.Run(kInsertSession, s.token_hash, s.csrf_token, s.user_id, s.created_at,
                   s.expires_at);
}

absl::StatusOr<std::optional<Session>> SqliteTx::FindSession(const std::string& token_hash) {
  return FindOne<Session>(
      conn_, kFindSession,
      [](const Query& q, int c) -> absl::StatusOr<Session> {
        return Session{q.Text(c), q.Text(c + 1), q.IdAt<UserId>(c + 2), q.Time(c + 3),
                       q.Time(c + 4)};
      },
      token_hash);
}

absl::Status SqliteTx::DeleteSession(const std::string& token_hash) {
  return conn_.Run(kDeleteSession, token_hash);
}

absl::Status SqliteTx::DeleteUserSessions(UserId user, const std::string& keep) {
  return conn_.Run(kDeleteUserSessions, user, keep);
}

absl::Status SqliteTx::DeleteExpiredSessions(absl::Time now) {
  return conn_.Run(kDeleteExpiredSessions, now);
}

// ---------------------------------------------------------------------------------
// Codes

absl::StatusOr<std::vector<CodeItem>> SqliteTx::ListCodes(CodeTable t) {
  return FindAll<CodeItem>(
      conn_, t == CodeTable::kContactType ? kListContactTypes : kListCategories,
      [](const Query& q, int) -> absl::StatusOr<CodeItem> { return ReadCode(q); });
}

absl::StatusOr<std::optional<CodeItem>> SqliteTx::FindCode(CodeTable t, const std::string& code) {
  return FindOne<CodeItem>(
      conn_, t == CodeTable::kContactType ? kFindContactType : kFindCategory,
      [](const Query& q, int) -> absl::StatusOr<CodeItem> { return ReadCode(q); }, code);
}

absl::StatusOr<std::optional<CodeItem>> SqliteTx::FindCodeById(CodeTable t, int64_t id) {
  return FindOne<CodeItem>(
      conn_, t == CodeTable::kContactType ? kFindContactTypeById : kFindCategoryById,
      [](const Query& q, int) -> absl::StatusOr<CodeItem> { return ReadCode(q); }, id);
}

absl::StatusOr<int64_t> SqliteTx::InsertCode(CodeTable t, const CodeItem& item) {
  // One name given: it serves every language until translated.
  const std::string& es = item.name_es.empty() ? item.name : item.name_es;
  const std::string& en = item.name_en.empty() ? item.name : item.name_en;
  RETURN_IF_ERROR(conn_.Run(t == CodeTable::kContactType ? kInsertContactType : kInsertCategory,
                            item.code, item.name, es, en, StoredPosition(item.position),
                            item.active));
  return conn_.LastInsertId();
}

absl::Status SqliteTx::UpdateCode(CodeTable t, const CodeItem& item) {
  RETURN_IF_ERROR(conn_.Run(t == CodeTable::kContactType ? kUpdateContactType : kUpdateCategory,
                            item.name, item.name_es, item.name_en, StoredPosition(item.position),
                            item.active, item.id));
  if (conn_.Changes() == 0) return CodedError(ErrorCode::kCodeNotFound);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------
// Parties

absl::StatusOr<PartyId> SqliteTx::InsertParty(const Party& p) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(conn_.Run(kInsertParty, p.code, ToString(p.kind), p.name, p.email, p.phone,
                            p.whatsapp, p.birthday, p.branch_id, p.owner_id, p.created_at, p.tax_id,
                            FoldForSearch(p.code), PartySearchKey(p)));
  const PartyId id(conn_.LastInsertId());
  RETURN_IF_ERROR(InsertContacts(id, p.contacts));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::Status SqliteTx::InsertContacts(PartyId party, const std::vector<Contact>& contacts) {
  for (size_t i = 0; i < contacts.size(); ++i) {
    const Contact& c = contacts[i];
    RETURN_IF_ERROR(conn_.Run(kInsertPartyContact, party, static_cast<int64_t>(i), c.name, c.email,
                              c.phone, c.whatsapp, c.birthday));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqliteTx::UpdateParty(const Party& p) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(conn_.Run(kUpdateParty, p.code, ToString(p.kind), p.name, p.email, p.phone,
                            p.whatsapp, p.birthday, p.branch_id, p.owner_id, p.tax_id,
                            FoldForSearch(p.code), PartySearchKey(p), p.id, p.version));
  if (conn_.Changes() != 1) return MissingOrStale(conn_, kPartyVersion, p.id.value, "party");
  RETURN_IF_ERROR(conn_.Run(kDeletePartyContacts, p.id));
  RETURN_IF_ERROR(InsertContacts(p.id, p.contacts));
  RETURN_IF_ERROR(sp.Release());
  return p.version + 1;
}

absl::Status SqliteTx::LoadContacts(Party& p) {
  ASSIGN_OR_RETURN(
      p.contacts,
      FindAll<Contact>(
          conn_, kListPartyContacts,
          [](const Query& q, int c) -> absl::StatusOr<Contact> {
            Contact contact{q.Text(c), q.Text(c + 1), q.Text(c + 2), q.Text(c + 3), std::nullopt};
            RETURN_IF_ERROR(ParseOptDay(q, c + 4, &contact.birthday));
            return contact;
          },
          p.id));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Party>> SqliteTx::FindParty(PartyId id) {
  ASSIGN_OR_RETURN(std::optional<Party> p, FindOne<Party>(conn_, kFindParty, &ReadParty, id));
  if (p) RETURN_IF_ERROR(LoadContacts(*p));
  return p;
}

absl::StatusOr<std::optional<Party>> SqliteTx::FindPartyByCode(const std::string& code) {
  ASSIGN_OR_RETURN(std::optional<Party> p,
                   FindOne<Party>(conn_, kFindPartyByCode, &ReadParty, code));
  if (p) RETURN_IF_ERROR(LoadContacts(*p));
  return p;
}

absl::StatusOr<std::vector<Party>> SqliteTx::SearchParties(const std::string& q,
                                                           std::optional<PartyKind> kind,
                                                           int limit) {
  if (limit <= 0) return std::vector<Party>();
  std::vector<Party> out;
  ASSIGN_OR_RETURN(Query query, PrepareBuilt(conn_, BuildSearchParties(q, kind, limit)));
  while (true) {
    ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Party p, ReadParty(query, 0));
    out.push_back(std::move(p));
  }
  for (Party& p : out) RETURN_IF_ERROR(LoadContacts(p));
  return out;
}

// ---------------------------------------------------------------------------------
// Follow-ups

absl::StatusOr<FollowupId> SqliteTx::InsertFollowup(const Followup& f) {
  ASSIGN_OR_RETURN(std::string cc, EncodeCc(f.cc));
  RETURN_IF_ERROR(conn_.Run(kInsertFollowup, f.party_id, f.contact.name, f.contact.email,
                            f.contact.phone, f.contact.whatsapp, f.owner_id, f.branch_id, f.subject,
                            f.category, ToString(f.priority), f.origin, cc, ToString(f.status),
                            f.next_due_date, f.created_by, f.updated_by, f.created_at, f.updated_at,
                            f.document_id,
                            f.origin_key.empty() ? std::optional<std::string>()
                                                 : std::optional<std::string>(f.origin_key),
                            FoldForSearch(f.subject), f.contact_at));
  return FollowupId(conn_.LastInsertId());
}

absl::StatusOr<int64_t> SqliteTx::UpdateFollowup(const Followup& f) {
  ASSIGN_OR_RETURN(std::string cc, EncodeCc(f.cc));
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(conn_.Run(kUpdateFollowup, f.contact.name, f.contact.email, f.contact.phone,
                            f.contact.whatsapp, f.owner_id, f.branch_id, f.subject, f.category,
                            ToString(f.priority), f.origin, cc, ToString(f.status), f.updated_by,
                            f.updated_at, FoldForSearch(f.subject), f.contact_at, f.id, f.version));
  if (conn_.Changes() != 1) return MissingOrStale(conn_, kFollowupVersion, f.id.value, "followup");
  RETURN_IF_ERROR(conn_.Run(kCopyFollowupOpen, f.id, f.status == FollowupStatus::kOpen));
  RETURN_IF_ERROR(sp.Release());
  return f.version + 1;
}

absl::StatusOr<std::optional<Followup>> SqliteTx::FindFollowup(FollowupId id) {
  return FindOne<Followup>(conn_, kFindFollowup, &ReadFollowup, id);
}

absl::StatusOr<std::optional<FollowupRow>> SqliteTx::FindFollowupRow(FollowupId id) {
  return FindOne<FollowupRow>(conn_, kFindFollowupRow, &ReadFollowupRow, id);
}

absl::StatusOr<int64_t> SqliteTx::CountFollowups(const FollowupQuery& fq) {
  ASSIGN_OR_RETURN(BuiltSql b, BuildFollowupQuery(fq, /*count=*/true));
  ASSIGN_OR_RETURN(Query q, PrepareBuilt(conn_, b));
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::StatusOr<FollowupPage> SqliteTx::QueryFollowups(const FollowupQuery& fq) {
  ASSIGN_OR_RETURN(BuiltSql b, BuildFollowupQuery(fq));
  ASSIGN_OR_RETURN(Query q, PrepareBuilt(conn_, b));
  const size_t limit = static_cast<size_t>(std::max(fq.limit, 1));
  FollowupPage page;
  std::string last_due_key;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    if (page.items.size() == limit) {
      // The extra row: there is a next page, continuing after the last one returned.
      page.next_cursor = EncodeCursor(fq.order, last_due_key, page.items.back().followup.id.value);
      break;
    }
    ASSIGN_OR_RETURN(FollowupRow r, ReadFollowupRow(q, 0));
    last_due_key = q.Text(kFollowupColumns + kPartyColumns);
    page.items.push_back(std::move(r));
  }
  return page;
}

// ---------------------------------------------------------------------------------
// Actions

absl::Status SqliteTx::RefreshNextDue(FollowupId id) { return conn_.Run(kRefreshNextDue, id); }

absl::StatusOr<ActionId> SqliteTx::InsertAction(const Action& a) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(conn_.Run(
      kInsertAction, a.followup_id, a.type, a.due_date, a.due_minutes, ToString(a.status),
      a.assignee_id, a.notify_customer, a.message, a.result, a.resolution, a.result_at, a.done_at,
      a.done_by, a.next_action_id, a.series_id, a.series_index, a.created_at, a.remind_at));
  const ActionId id(conn_.LastInsertId());
  RETURN_IF_ERROR(RefreshNextDue(a.followup_id));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::Status SqliteTx::UpdateAction(const Action& a) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  FollowupId followup;
  {
    ASSIGN_OR_RETURN(Query q, conn_.Prepare(kUpdateAction));
    q.BindAll(a.type, a.due_date, a.due_minutes, ToString(a.status), a.assignee_id,
              a.notify_customer, a.message, a.result, a.resolution, a.result_at, a.done_at,
              a.done_by, a.next_action_id, a.series_id, a.series_index, a.remind_at, a.id);
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return CodedError(ErrorCode::kActionNotFound);
    followup = q.IdAt<FollowupId>(0);
    RETURN_IF_ERROR(q.Run());
  }
  RETURN_IF_ERROR(RefreshNextDue(followup));
  return sp.Release();
}

absl::StatusOr<std::optional<Action>> SqliteTx::FindAction(ActionId id) {
  return FindOne<Action>(conn_, kFindAction, &ReadAction, id);
}

absl::StatusOr<std::vector<Action>> SqliteTx::ListActions(FollowupId id) {
  return FindAll<Action>(conn_, kListActions, &ReadAction, id);
}

absl::StatusOr<std::vector<AgendaRow>> SqliteTx::QueryAgenda(const AgendaQuery& aq) {
  ASSIGN_OR_RETURN(Query q, PrepareBuilt(conn_, BuildAgendaQuery(aq)));
  std::vector<AgendaRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    AgendaRow r;
    ASSIGN_OR_RETURN(r.action, ReadAction(q, 0));
    ASSIGN_OR_RETURN(r.followup, ReadFollowup(q, kActionColumns));
    ASSIGN_OR_RETURN(r.party, ReadParty(q, kActionColumns + kFollowupColumns));
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<std::vector<CalendarRow>> SqliteTx::QueryCalendar(const AgendaQuery& aq) {
  if (!aq.from || !aq.to) return absl::InvalidArgumentError("calendar range");
  // One assignee: a range of the covering index actions_assignee_calendar (assignee,
  // due_date, status, due_minutes), never reading a table row.
  std::string sql =
      "SELECT a.id, a.due_date, a.due_minutes, a.status, a.assignee_id FROM actions a";
  std::vector<std::string> where = {"a.status IN ('planned', 'done')",
                                    "a.due_date BETWEEN ?1 AND ?2"};
  if (aq.assignee_id && aq.branch_id) {
    absl::StrAppend(&sql, " JOIN followups f ON f.id = a.followup_id");
    where.push_back("(a.assignee_id = ?3 OR f.branch_id = ?4)");
  } else if (aq.assignee_id) {
    where.push_back("a.assignee_id = ?3");
  } else if (aq.branch_id) {
    absl::StrAppend(&sql, " JOIN followups f ON f.id = a.followup_id");
    where.push_back("f.branch_id = ?3");
  }
  absl::StrAppend(&sql, " WHERE ", absl::StrJoin(where, " AND "));
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(sql));
  q.BindAll(*aq.from, *aq.to);
  if (aq.assignee_id) q.Bind(*aq.assignee_id);
  if (aq.branch_id) q.Bind(*aq.branch_id);
  std::vector<CalendarRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    CalendarRow r;
    r.id = q.IdAt<ActionId>(0);
    RETURN_IF_ERROR(ParseDay(q.Text(1), &r.due_date));
    if (std::optional<int64_t> m = q.OptInt(2)) r.due_minutes = static_cast<int>(*m);
    RETURN_IF_ERROR(ParseEnum(&ParseActionStatus, q.Text(3), "action status", &r.status));
    r.assignee_id = q.IdAt<UserId>(4);
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<DueCounts> SqliteTx::CountDue(UserId assignee, absl::CivilDay today) {
  ASSIGN_OR_RETURN(Query q, PrepareBuilt(conn_, BuildCountDue(assignee, today)));
  ASSIGN_OR_RETURN(bool row, q.Step());
  DueCounts c;
  if (row) {
    c.due_today = q.Int(0);
    c.overdue = q.Int(1);
  }
  return c;
}

absl::StatusOr<int64_t> SqliteTx::NextSeriesId() {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kNextSeriesId));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::DataLossError("the action_series sequence is missing");
  const int64_t id = q.Int(0);
  RETURN_IF_ERROR(q.Run());
  return id;
}

// ---------------------------------------------------------------------------------
// Entries

absl::StatusOr<EntryId> SqliteTx::InsertEntry(const Entry& e) {
  RETURN_IF_ERROR(conn_.Run(kInsertEntry, e.followup_id, e.action_id, ToString(e.kind), e.body,
                            e.author_id, e.contact_at, e.created_at, e.draft,
                            FoldForSearch(e.body)));
  return EntryId(conn_.LastInsertId());
}

absl::Status SqliteTx::UpdateEntry(const Entry& e) {
  RETURN_IF_ERROR(conn_.Run(kUpdateDraftEntry, e.action_id, ToString(e.kind), e.body, e.contact_at,
                            e.created_at, e.draft, FoldForSearch(e.body), e.id));
  if (conn_.Changes() == 1) return absl::OkStatus();
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kEntryExists));
  q.Bind(e.id);
  ASSIGN_OR_RETURN(bool exists, q.Step());
  if (!exists) return CodedError(ErrorCode::kEntryNotFound);
  return absl::FailedPreconditionError("published");
}

absl::StatusOr<std::optional<Entry>> SqliteTx::FindEntry(EntryId id) {
  return FindOne<Entry>(conn_, kFindEntry, &ReadEntry, id);
}

absl::StatusOr<std::vector<Entry>> SqliteTx::ListEntries(FollowupId id) {
  return FindAll<Entry>(conn_, kListEntries, &ReadEntry, id);
}

// ---------------------------------------------------------------------------------
// Attachments

absl::StatusOr<AttachmentId> SqliteTx::InsertAttachment(const Attachment& a,
                                                        const std::string& bytes) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  // The stored size is the size of the bytes stored, whatever the caller computed.
  RETURN_IF_ERROR(conn_.Run(kInsertAttachment, a.followup_id, a.entry_id, a.file_name,
                            a.content_type, static_cast<int64_t>(bytes.size()), a.sha256,
                            a.uploaded_by, a.created_at));
  const AttachmentId id(conn_.LastInsertId());
  {
    ASSIGN_OR_RETURN(Query q, conn_.Prepare(kInsertAttachmentBlob));
    q.Bind(id);
    q.BindBlobNoCopy(bytes);  // 10 MiB are not copied once more
    RETURN_IF_ERROR(q.Run());
  }
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::StatusOr<std::optional<Attachment>> SqliteTx::FindAttachment(AttachmentId id) {
  return FindOne<Attachment>(
      conn_, kFindAttachment,
      [](const Query& q, int c) -> absl::StatusOr<Attachment> { return ReadAttachment(q, c); }, id);
}

absl::StatusOr<std::string> SqliteTx::ReadAttachmentBytes(AttachmentId id) {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kReadAttachmentBytes));
  q.Bind(id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return CodedError(ErrorCode::kAttachmentNotFound);
  return q.Blob(0);
}

absl::StatusOr<std::vector<Attachment>> SqliteTx::ListAttachments(FollowupId id) {
  return FindAll<Attachment>(
      conn_, kListAttachments,
      [](const Query& q, int c) -> absl::StatusOr<Attachment> { return ReadAttachment(q, c); }, id);
}

// ---------------------------------------------------------------------------------
// Reminders, notifications, outbox, templates, SMTP settings, job state.

namespace {

constexpr char kReminderCols[] =
    "r.id, r.action_id, r.followup_id, r.user_id, r.kind, r.fire_at, r.state, r.fired_at, "
    "r.late, r.created_at";
constexpr char kNotificationCols[] =
    "n.id, n.user_id, n.kind, n.followup_id, n.action_id, n.detail, n.late, n.created_at, "
    "n.read_at, n.snoozed_until";
constexpr char kOutboxCols[] =
    "o.id, o.kind, o.followup_id, o.action_id, o.user_id, o.to_addrs, o.cc_addrs, o.subject, "
    "o.body_text, o.body_html, o.attachment_ids, o.message_id, o.state, o.attempts, "
    "o.next_attempt_at, o.last_error, o.created_at, o.sent_at";

#define RETORNO_SQL(name, ...) const std::string name = absl::StrCat(__VA_ARGS__)

RETORNO_SQL(kCancelPendingReminders,
            "UPDATE reminders SET state = 'cancelled', lease_owner = '', lease_until = NULL "
            "WHERE action_id = ? AND state = 'pending'");
RETORNO_SQL(kInsertReminder,
            "INSERT INTO reminders (action_id, followup_id, user_id, kind, fire_at, state, "
            "fired_at, late, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kListReminders, "SELECT ", kReminderCols,
            " FROM reminders r WHERE r.action_id = ? ORDER BY r.fire_at, r.id");
// The subquery walks the partial index of pending rows in instant order.
// RETURNING takes bare column names (no table alias).
RETORNO_SQL(kClaimReminders,
            "UPDATE reminders SET lease_owner = ?1, lease_until = ?2 "
            "WHERE id IN (SELECT id FROM reminders WHERE state = 'pending' AND fire_at <= ?3 "
            "AND (lease_until IS NULL OR lease_until <= ?3) ORDER BY fire_at, id LIMIT ?4) "
            "RETURNING ",
            absl::StrReplaceAll(kReminderCols, {{"r.", ""}}));
RETORNO_SQL(kMarkReminderFired,
            "UPDATE reminders SET state = 'fired', fired_at = ?, late = ?, lease_until = NULL "
            "WHERE id = ? AND state = 'pending' AND lease_owner = ?");
RETORNO_SQL(kCountPendingReminders,
            "SELECT count(*) FROM reminders WHERE state = 'pending' AND fire_at <= ?");

RETORNO_SQL(kInsertNotification,
            "INSERT INTO notifications (user_id, kind, followup_id, action_id, detail, late, "
            "created_at, read_at, snoozed_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kFindNotification, "SELECT ", kNotificationCols,
            " FROM notifications n WHERE n.id = ?");
RETORNO_SQL(kListNotifications, "SELECT ", kNotificationCols,
            " FROM notifications n WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?");
RETORNO_SQL(kListUnreadNotifications, "SELECT ", kNotificationCols,
            " FROM notifications n WHERE n.user_id = ? AND n.read_at IS NULL "
            "ORDER BY n.id DESC LIMIT ?");
RETORNO_SQL(kCountUnread,
            "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
RETORNO_SQL(kUpdateNotification,
            "UPDATE notifications SET read_at = ?, snoozed_until = ? WHERE id = ?");
RETORNO_SQL(kReadAllNotifications,
            "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL");
RETORNO_SQL(kReadActionNotifications,
            "UPDATE notifications SET read_at = ? WHERE action_id = ? AND read_at IS NULL "
            "AND kind = 'reminder'");

RETORNO_SQL(kInsertOutbox,
            "INSERT INTO outbox (kind, followup_id, action_id, user_id, to_addrs, cc_addrs, "
            "subject, body_text, body_html, attachment_ids, message_id, state, attempts, "
            "next_attempt_at, last_error, created_at, sent_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
RETORNO_SQL(kInsertOutboxLog,
            "INSERT INTO outbox_log (outbox_id, seq, at, event, detail) VALUES (?1, "
            "(SELECT coalesce(max(seq), 0) + 1 FROM outbox_log WHERE outbox_id = ?1), ?2, ?3, ?4)");
RETORNO_SQL(kFindOutbox, "SELECT ", kOutboxCols, " FROM outbox o WHERE o.id = ?");
RETORNO_SQL(kOutboxLog,
            "SELECT at, event, detail FROM outbox_log WHERE outbox_id = ? ORDER BY seq");
RETORNO_SQL(kClaimOutbox,
            "UPDATE outbox SET lease_owner = ?1, lease_until = ?2 "
            "WHERE id IN (SELECT id FROM outbox WHERE state = 'queued' AND "
            "next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until <= ?3) "
            "ORDER BY next_attempt_at, id LIMIT ?4) RETURNING ",
            absl::StrReplaceAll(kOutboxCols, {{"o.", ""}}));
RETORNO_SQL(kFinishOutbox,
            "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, "
            "sent_at = ?, lease_owner = '', lease_until = NULL "
            "WHERE id = ? AND state = 'queued' AND lease_owner = ?");
RETORNO_SQL(kOutboxCounts,
            "SELECT coalesce(sum(state = 'queued'), 0), coalesce(sum(state = 'failed'), 0) "
            "FROM outbox WHERE state IN ('queued', 'failed')");
RETORNO_SQL(kOutboxLastFailure,
            "SELECT outbox_id, at, event, detail FROM outbox_log "
            "WHERE event IN ('retry', 'failed') ORDER BY at DESC, outbox_id DESC LIMIT 1");

constexpr char kTemplateCols[] = "t.id, t.kind, t.locale, t.subject, t.body";
RETORNO_SQL(kListTemplates, "SELECT ", kTemplateCols,
            " FROM templates t ORDER BY t.kind, t.locale");
RETORNO_SQL(kFindTemplate, "SELECT ", kTemplateCols, " FROM templates t WHERE t.id = ?");
RETORNO_SQL(kFindTemplateFor, "SELECT ", kTemplateCols,
            " FROM templates t WHERE t.kind = ? AND t.locale = ?");
RETORNO_SQL(kUpdateTemplate, "UPDATE templates SET subject = ?, body = ? WHERE id = ?");

RETORNO_SQL(kGetSmtp,
            "SELECT host, port, security, username, password_sealed, sender_name, sender_email "
            "FROM smtp_settings WHERE id = 1");
RETORNO_SQL(kPutSmtp,
            "UPDATE smtp_settings SET host = ?, port = ?, security = ?, username = ?, "
            "password_sealed = ?, sender_name = ?, sender_email = ? WHERE id = 1");
RETORNO_SQL(kGetJobState, "SELECT value FROM job_state WHERE name = ?");
RETORNO_SQL(kPutJobState,
            "INSERT INTO job_state (name, value) VALUES (?1, ?2) "
            "ON CONFLICT (name) DO UPDATE SET value = ?2");

#undef RETORNO_SQL

absl::StatusOr<Reminder> ReadReminder(const Query& q, int c) {
  Reminder r;
  r.id = q.Int(c);
  r.action_id = q.IdAt<ActionId>(c + 1);
  r.followup_id = q.IdAt<FollowupId>(c + 2);
  r.user_id = q.IdAt<UserId>(c + 3);
  RETURN_IF_ERROR(ParseEnum(&ParseReminderKind, q.Text(c + 4), "reminder kind", &r.kind));
  r.fire_at = q.Time(c + 5);
  RETURN_IF_ERROR(ParseEnum(&ParseReminderState, q.Text(c + 6), "reminder state", &r.state));
  r.fired_at = q.OptTime(c + 7);
  r.late = q.Bool(c + 8);
  r.created_at = q.Time(c + 9);
  return r;
}

absl::StatusOr<Notification> ReadNotification(const Query& q, int c) {
  Notification n;
  n.id = q.Int(c);
  n.user_id = q.IdAt<UserId>(c + 1);
  RETURN_IF_ERROR(ParseEnum(&ParseNotificationKind, q.Text(c + 2), "notification kind", &n.kind));
  n.followup_id = q.OptId<FollowupId>(c + 3);
  n.action_id = q.OptId<ActionId>(c + 4);
  n.detail = q.Text(c + 5);
  n.late = q.Bool(c + 6);
  n.created_at = q.Time(c + 7);
  n.read_at = q.OptTime(c + 8);
  n.snoozed_until = q.OptTime(c + 9);
  return n;
}

absl::StatusOr<std::string> EncodeIds(const std::vector<AttachmentId>& ids) {
  nlohmann::json j = nlohmann::json::array();
  for (AttachmentId id : ids) j.push_back(id.value);
  return j.dump();
}

absl::Status DecodeIds(const std::string& text, std::vector<AttachmentId>* out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return absl::DataLossError("stored attachment ids are not an array");
  out->clear();
  for (const nlohmann::json& item : j) {
    if (!item.is_number_integer()) return absl::DataLossError("stored attachment id");
    out->push_back(AttachmentId(item.get<int64_t>()));
  }
  return absl::OkStatus();
}

absl::StatusOr<OutboxMessage> ReadOutbox(const Query& q, int c) {
  OutboxMessage m;
  m.id = q.Int(c);
  RETURN_IF_ERROR(ParseEnum(&ParseOutboxKind, q.Text(c + 1), "outbox kind", &m.kind));
  m.followup_id = q.OptId<FollowupId>(c + 2);
  m.action_id = q.OptId<ActionId>(c + 3);
  m.user_id = q.OptId<UserId>(c + 4);
  RETURN_IF_ERROR(DecodeCc(q.Text(c + 5), &m.to));
  RETURN_IF_ERROR(DecodeCc(q.Text(c + 6), &m.cc));
  m.subject = q.Text(c + 7);
  m.text = q.Text(c + 8);
  m.html = q.Text(c + 9);
  RETURN_IF_ERROR(DecodeIds(q.Text(c + 10), &m.attachment_ids));
  m.message_id = q.Text(c + 11);
  RETURN_IF_ERROR(ParseEnum(&ParseOutboxState, q.Text(c + 12), "outbox state", &m.state));
  m.attempts = static_cast<int>(q.Int(c + 13));
  m.next_attempt_at = q.OptTime(c + 14);
  m.last_error = q.Text(c + 15);
  m.created_at = q.Time(c + 16);
  m.sent_at = q.OptTime(c + 17);
  return m;
}

absl::StatusOr<MessageTemplate> ReadTemplate(const Query& q, int c) {
  MessageTemplate t;
  t.id = q.Int(c);
  RETURN_IF_ERROR(ParseEnum(&ParseTemplateKind, q.Text(c + 1), "template kind", &t.kind));
  t.locale = q.Text(c + 2);
  t.subject = q.Text(c + 3);
  t.body = q.Text(c + 4);
  return t;
}

std::string_view SecurityName(SmtpSecurity s) {
  switch (s) {
    case SmtpSecurity::kNone:
      return "none";
    case SmtpSecurity::kTls:
      return "tls";
    case SmtpSecurity::kStartTls:
      break;
  }
  return "starttls";
}

// Runs a claim statement (UPDATE ... RETURNING) and orders the rows, which RETURNING
// does not.
template <class T, class Reader, class Less>
absl::StatusOr<std::vector<T>> Claim(Connection& conn, const std::string& sql, Reader read,
                                     Less less, const std::string& worker, absl::Time lease_until,
                                     absl::Time now, int limit) {
  ASSIGN_OR_RETURN(Query q, conn.Prepare(sql));
  q.BindAll(worker, lease_until, now, limit);
  std::vector<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    absl::StatusOr<T> v = read(q, 0);
    if (!v.ok()) return v.status();
    out.push_back(*std::move(v));
  }
  std::sort(out.begin(), out.end(), less);
  return out;
}

}  // namespace

absl::Status SqliteTx::ReplacePendingReminders(ActionId action,
                                               const std::vector<Reminder>& pending) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(conn_.Run(kCancelPendingReminders, action));
  for (const Reminder& r : pending) {
    Reminder copy = r;
    copy.action_id = action;
    copy.state = ReminderState::kPending;
    RETURN_IF_ERROR(InsertReminder(copy).status());
  }
  return sp.Release();
}

absl::StatusOr<int64_t> SqliteTx::InsertReminder(const Reminder& r) {
  RETURN_IF_ERROR(conn_.Run(kInsertReminder, r.action_id, r.followup_id, r.user_id,
                            ToString(r.kind), r.fire_at, ToString(r.state), r.fired_at, r.late,
                            r.created_at));
  return conn_.LastInsertId();
}

absl::StatusOr<std::vector<Reminder>> SqliteTx::ListReminders(ActionId action) {
  return FindAll<Reminder>(conn_, kListReminders, &ReadReminder, action);
}

absl::StatusOr<std::vector<Reminder>> SqliteTx::ClaimReminders(absl::Time now, int limit,
                                                               const std::string& worker,
                                                               absl::Time lease_until) {
  return Claim<Reminder>(
      conn_, kClaimReminders, &ReadReminder,
      [](const Reminder& a, const Reminder& b) {
        return std::tie(a.fire_at, a.id) < std::tie(b.fire_at, b.id);
      },
      worker, lease_until, now, limit);
}

absl::Status SqliteTx::MarkReminderFired(int64_t id, const std::string& worker, absl::Time fired_at,
                                         bool late) {
  RETURN_IF_ERROR(conn_.Run(kMarkReminderFired, fired_at, late, id, worker));
  if (conn_.Changes() == 0) return absl::FailedPreconditionError("lease");
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqliteTx::CountPendingReminders(absl::Time due_by) {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kCountPendingReminders));
  q.BindAll(due_by);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::StatusOr<int64_t> SqliteTx::InsertNotification(const Notification& n) {
  RETURN_IF_ERROR(conn_.Run(kInsertNotification, n.user_id, ToString(n.kind), n.followup_id,
                            n.action_id, n.detail, n.late, n.created_at, n.read_at,
                            n.snoozed_until));
  return conn_.LastInsertId();
}

absl::StatusOr<std::optional<Notification>> SqliteTx::FindNotification(int64_t id) {
  return FindOne<Notification>(conn_, kFindNotification, &ReadNotification, id);
}

absl::StatusOr<std::vector<Notification>> SqliteTx::ListNotifications(UserId user, bool unread_only,
                                                                      int limit) {
  return FindAll<Notification>(conn_, unread_only ? kListUnreadNotifications : kListNotifications,
                               &ReadNotification, user, limit);
}

absl::StatusOr<int64_t> SqliteTx::CountUnreadNotifications(UserId user) {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kCountUnread));
  q.BindAll(user);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::Status SqliteTx::UpdateNotification(const Notification& n) {
  RETURN_IF_ERROR(conn_.Run(kUpdateNotification, n.read_at, n.snoozed_until, n.id));
  if (conn_.Changes() == 0) return CodedError(ErrorCode::kNotificationNotFound);
  return absl::OkStatus();
}

absl::Status SqliteTx::MarkAllNotificationsRead(UserId user, absl::Time now) {
  return conn_.Run(kReadAllNotifications, now, user);
}

absl::Status SqliteTx::MarkActionNotificationsRead(ActionId action, absl::Time now) {
  return conn_.Run(kReadActionNotifications, now, action);
}

absl::StatusOr<int64_t> SqliteTx::InsertOutbox(const OutboxMessage& m) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  ASSIGN_OR_RETURN(std::string to, EncodeCc(m.to));
  ASSIGN_OR_RETURN(std::string cc, EncodeCc(m.cc));
  ASSIGN_OR_RETURN(std::string ids, EncodeIds(m.attachment_ids));
  std::optional<absl::Time> next = m.next_attempt_at;
  if (m.state == OutboxState::kQueued && !next) next = m.created_at;
  RETURN_IF_ERROR(conn_.Run(kInsertOutbox, ToString(m.kind), m.followup_id, m.action_id, m.user_id,
                            to, cc, m.subject, m.text, m.html, ids, m.message_id, ToString(m.state),
                            m.attempts, next, m.last_error, m.created_at, m.sent_at));
  const int64_t id = conn_.LastInsertId();
  const bool blocked = m.state == OutboxState::kBlocked;
  RETURN_IF_ERROR(conn_.Run(kInsertOutboxLog, id, m.created_at, blocked ? "blocked" : "queued",
                            blocked ? m.last_error : std::string()));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::StatusOr<std::optional<OutboxMessage>> SqliteTx::FindOutbox(int64_t id) {
  ASSIGN_OR_RETURN(std::optional<OutboxMessage> m,
                   FindOne<OutboxMessage>(conn_, kFindOutbox, &ReadOutbox, id));
  if (!m) return m;
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kOutboxLog));
  q.BindAll(id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    m->log.push_back(OutboxEvent{q.Time(0), q.Text(1), q.Text(2)});
  }
  return m;
}

absl::StatusOr<std::vector<OutboxMessage>> SqliteTx::ClaimOutbox(absl::Time now, int limit,
                                                                 const std::string& worker,
                                                                 absl::Time lease_until) {
  return Claim<OutboxMessage>(
      conn_, kClaimOutbox, &ReadOutbox,
      [](const OutboxMessage& a, const OutboxMessage& b) {
        return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
      },
      worker, lease_until, now, limit);
}

absl::Status SqliteTx::FinishOutboxAttempt(const OutboxMessage& m, const std::string& worker,
                                           const OutboxEvent& event) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(conn_.Run(kFinishOutbox, ToString(m.state), m.attempts, m.next_attempt_at,
                            m.last_error, m.sent_at, m.id, worker));
  if (conn_.Changes() == 0) return absl::FailedPreconditionError("lease");
  RETURN_IF_ERROR(conn_.Run(kInsertOutboxLog, m.id, event.at, event.event, event.detail));
  return sp.Release();
}

absl::StatusOr<std::vector<OutboxMessage>> SqliteTx::ListOutbox(const OutboxFilter& f) {
  std::string sql = absl::StrCat("SELECT ", kOutboxCols, " FROM outbox o WHERE 1");
  if (f.followup_id) absl::StrAppend(&sql, " AND o.followup_id = ?1");
  if (f.state) absl::StrAppend(&sql, " AND o.state = ?2");
  absl::StrAppend(&sql, " ORDER BY o.id DESC LIMIT ?3");
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(sql));
  q.BindAll(f.followup_id,
            f.state ? std::optional<std::string>(std::string(ToString(*f.state))) : std::nullopt,
            f.limit);
  std::vector<int64_t> ids;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ids.push_back(q.Int(0));
  }
  std::vector<OutboxMessage> out;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(std::optional<OutboxMessage> m, FindOutbox(id));
    if (m) out.push_back(*std::move(m));
  }
  return out;
}

absl::StatusOr<OutboxStats> SqliteTx::GetOutboxStats() {
  OutboxStats st;
  {
    ASSIGN_OR_RETURN(Query q, conn_.Prepare(kOutboxCounts));
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (row) {
      st.queued = q.Int(0);
      st.failed = q.Int(1);
    }
  }
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kOutboxLastFailure));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    st.last_failure_outbox_id = q.Int(0);
    st.last_failure = OutboxEvent{q.Time(1), q.Text(2), q.Text(3)};
  }
  return st;
}

absl::StatusOr<std::vector<MessageTemplate>> SqliteTx::ListTemplates() {
  return FindAll<MessageTemplate>(conn_, kListTemplates, &ReadTemplate);
}

absl::StatusOr<std::optional<MessageTemplate>> SqliteTx::FindTemplate(int64_t id) {
  return FindOne<MessageTemplate>(conn_, kFindTemplate, &ReadTemplate, id);
}

absl::StatusOr<std::optional<MessageTemplate>> SqliteTx::FindTemplateFor(
    TemplateKind kind, const std::string& locale) {
  return FindOne<MessageTemplate>(conn_, kFindTemplateFor, &ReadTemplate, ToString(kind), locale);
}

absl::Status SqliteTx::UpdateTemplate(const MessageTemplate& t) {
  RETURN_IF_ERROR(conn_.Run(kUpdateTemplate, t.subject, t.body, t.id));
  if (conn_.Changes() == 0) return CodedError(ErrorCode::kTemplateNotFound);
  return absl::OkStatus();
}

absl::StatusOr<StoredSmtp> SqliteTx::GetSmtp() {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kGetSmtp));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return absl::DataLossError("smtp_settings row is missing");
  StoredSmtp s;
  s.settings.host = q.Text(0);
  s.settings.port = static_cast<int>(q.Int(1));
  const std::string security = q.Text(2);
  s.settings.security = security == "none"  ? SmtpSecurity::kNone
                        : security == "tls" ? SmtpSecurity::kTls
                                            : SmtpSecurity::kStartTls;
  s.settings.username = q.Text(3);
  s.password_sealed = q.Text(4);
  s.settings.sender_name = q.Text(5);
  s.settings.sender_email = q.Text(6);
  return s;
}

absl::Status SqliteTx::PutSmtp(const StoredSmtp& s) {
  return conn_.Run(kPutSmtp, s.settings.host, s.settings.port, SecurityName(s.settings.security),
                   s.settings.username, s.password_sealed, s.settings.sender_name,
                   s.settings.sender_email);
}

absl::StatusOr<std::optional<std::string>> SqliteTx::GetJobState(const std::string& name) {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kGetJobState));
  q.BindAll(name);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(q.Text(0));
}

absl::Status SqliteTx::PutJobState(const std::string& name, const std::string& value) {
  return conn_.Run(kPutJobState, name, value);
}

absl::Status SqliteTx::PutCalendarFeed(UserId user, const std::string& token_hash, absl::Time now) {
  return conn_.Run(
      "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (user_id) DO UPDATE SET token_hash = ?2, created_at = ?3",
      user, token_hash, now);
}

absl::Status SqliteTx::DeleteCalendarFeed(UserId user) {
  return conn_.Run("DELETE FROM calendar_feeds WHERE user_id = ?", user);
}

absl::StatusOr<std::optional<UserId>> SqliteTx::FindCalendarFeed(const std::string& token_hash) {
  ASSIGN_OR_RETURN(Query q,
                   conn_.Prepare("SELECT user_id FROM calendar_feeds WHERE token_hash = ?"));
  q.BindAll(token_hash);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<UserId>();
  return std::optional<UserId>(q.IdAt<UserId>(0));
}

absl::StatusOr<bool> SqliteTx::HasCalendarFeed(UserId user) {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare("SELECT 1 FROM calendar_feeds WHERE user_id = ?"));
  q.BindAll(user);
  return q.Step();
}

// ---------------------------------------------------------------------------------
// Catalogue, documents, birthdays and imports

namespace {

constexpr char kCatalogCols[] =
    "c.id, c.code, c.kind, c.name, c.active, c.followup_days, c.followup_subject, "
    "c.followup_category, c.followup_type, c.followup_message, c.created_at, c.updated_at";

constexpr char kDocumentCols[] =
    "d.id, d.kind, d.number, d.party_id, d.branch_id, d.owner_id, d.issued_on, d.status, "
    "d.completed_on, d.version, d.created_by, d.updated_by, d.created_at, d.updated_at";
constexpr int kDocumentColumns = 14;

constexpr char kImportCols[] =
    "i.id, i.kind, i.file_name, i.user_id, i.status, i.total_lines, i.processed_lines, "
    "i.documents_created, i.documents_updated, i.documents_unchanged, i.followups_created, "
    "i.error_lines, i.errors, i.created_at, i.finished_at";

// Statements built once, like the named statements above.
const std::string kFindCatalogItemSql =
    absl::StrCat("SELECT ", kCatalogCols, " FROM catalog_items c WHERE c.id = ?");
const std::string kFindCatalogItemByCodeSql =
    absl::StrCat("SELECT ", kCatalogCols, " FROM catalog_items c WHERE c.code = ?");
const std::string kSearchCatalogSql =
    absl::StrCat("SELECT ", kCatalogCols,
                 " FROM catalog_items c WHERE ((c.code_key >= ?1 AND c.code_key < ?2) OR "
                 "instr(c.name_key, ?1) > 0) AND (?3 IS NULL OR c.kind = ?3) "
                 "ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?4");
const std::string kFindDocumentSql =
    absl::StrCat("SELECT ", kDocumentCols, " FROM documents d WHERE d.id = ?");
const std::string kFindDocumentByNumberSql = absl::StrCat("SELECT ", kDocumentCols,
                                                          " FROM documents d WHERE d.kind = ? AND "
                                                          "d.number = ?");
const std::string kQueryDocumentsSql = absl::StrCat(
    "SELECT ", kDocumentCols, ", ", kPartyCols,
    " FROM documents d JOIN parties p ON p.id = d.party_id "
    "WHERE (?1 = '' OR d.number LIKE ?2 ESCAPE '\\' OR (p.code_key >= ?1 AND p.code_key < ?3) "
    "OR instr(p.search_key, ?1) > 0) AND (?4 IS NULL OR d.kind = ?4) "
    "AND (?5 IS NULL OR d.party_id = ?5) AND (?6 = 0 OR d.id < ?6) "
    "AND (?8 IS NULL OR d.owner_id = ?8 OR p.owner_id = ?8 OR d.branch_id = ?9) "
    "ORDER BY d.id DESC LIMIT ?7");
const std::string kListDocumentFollowupsSql = absl::StrCat(
    "SELECT ", kFollowupCols, " FROM followups f WHERE f.document_id = ? ORDER BY f.id");
const std::string kFindFollowupByOriginKeySql =
    absl::StrCat("SELECT ", kFollowupCols, " FROM followups f WHERE f.origin_key = ?");
const std::string kFindImportSql =
    absl::StrCat("SELECT ", kImportCols, " FROM imports i WHERE i.id = ?");
const std::string kListImportsSql =
    absl::StrCat("SELECT ", kImportCols, " FROM imports i ORDER BY i.id DESC LIMIT ?");
const std::string kClaimImportSql = absl::StrCat("SELECT ", kImportCols,
                                                 " FROM imports i WHERE i.status IN ('queued', "
                                                 "'running') AND (i.lease_until IS NULL OR "
                                                 "i.lease_until <= ? OR i.lease_owner = ?) "
                                                 "ORDER BY i.id LIMIT 1");

absl::StatusOr<CatalogItem> ReadCatalogItem(const Query& q, int c) {
  CatalogItem i;
  i.id = q.IdAt<CatalogItemId>(c);
  i.code = q.Text(c + 1);
  RETURN_IF_ERROR(ParseEnum(&ParseCatalogKind, q.Text(c + 2), "catalog kind", &i.kind));
  i.name = q.Text(c + 3);
  i.active = q.Bool(c + 4);
  if (std::optional<int64_t> d = q.OptInt(c + 5)) i.followup_days = static_cast<int>(*d);
  i.followup = {q.Text(c + 6), q.Text(c + 7), q.Text(c + 8), q.Text(c + 9)};
  i.created_at = q.Time(c + 10);
  i.updated_at = q.Time(c + 11);
  return i;
}

absl::StatusOr<SalesDocument> ReadDocument(const Query& q, int c) {
  SalesDocument d;
  d.id = q.IdAt<DocumentId>(c);
  RETURN_IF_ERROR(ParseEnum(&ParseDocumentKind, q.Text(c + 1), "document kind", &d.kind));
  d.number = q.Text(c + 2);
  d.party_id = q.IdAt<PartyId>(c + 3);
  d.branch_id = q.OptId<BranchId>(c + 4);
  d.owner_id = q.OptId<UserId>(c + 5);
  RETURN_IF_ERROR(ParseDay(q.Text(c + 6), &d.date));
  RETURN_IF_ERROR(ParseEnum(&ParseDocumentStatus, q.Text(c + 7), "document status", &d.status));
  RETURN_IF_ERROR(ParseOptDay(q, c + 8, &d.completed_on));
  d.version = q.Int(c + 9);
  d.created_by = q.IdAt<UserId>(c + 10);
  d.updated_by = q.IdAt<UserId>(c + 11);
  d.created_at = q.Time(c + 12);
  d.updated_at = q.Time(c + 13);
  return d;
}

absl::StatusOr<ImportRun> ReadImport(const Query& q, int c) {
  ImportRun r;
  r.id = q.Int(c);
  r.kind = q.Text(c + 1);
  r.file_name = q.Text(c + 2);
  r.user_id = q.IdAt<UserId>(c + 3);
  RETURN_IF_ERROR(ParseEnum(&ParseImportStatus, q.Text(c + 4), "import status", &r.status));
  int* counters[] = {&r.total_lines,       &r.processed_lines,     &r.documents_created,
                     &r.documents_updated, &r.documents_unchanged, &r.followups_created,
                     &r.error_lines};
  for (int k = 0; k < 7; ++k) *counters[k] = static_cast<int>(q.Int(c + 5 + k));
  const nlohmann::json errors = nlohmann::json::parse(q.Text(c + 12), nullptr, false);
  if (!errors.is_array()) return absl::DataLossError("import errors");
  for (const nlohmann::json& e : errors)
    r.errors.push_back({e.value("line", 0), e.value("field", ""), e.value("key", "")});
  r.created_at = q.Time(c + 13);
  r.finished_at = q.OptTime(c + 14);
  return r;
}

std::string EncodeImportErrors(const std::vector<ImportError>& errors) {
  nlohmann::json a = nlohmann::json::array();
  for (const ImportError& e : errors)
    a.push_back({{"line", e.line}, {"field", e.field}, {"key", e.key}});
  return a.dump();
}

absl::Status RenameUnique(absl::Status st, const char* field) {
  if (absl::IsAlreadyExists(st)) return absl::AlreadyExistsError(field);
  return st;
}

}  // namespace

absl::StatusOr<CatalogItemId> SqliteTx::InsertCatalogItem(const CatalogItem& c) {
  RETURN_IF_ERROR(conn_.Run(
      "INSERT INTO catalog_items (code, kind, name, active, followup_days, followup_subject, "
      "followup_category, followup_type, followup_message, created_at, updated_at, code_key, "
      "name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      c.code, ToString(c.kind), c.name, c.active, c.followup_days, c.followup.subject,
      c.followup.category, c.followup.type, c.followup.message, c.created_at, c.updated_at,
      FoldForSearch(c.code), FoldForSearch(c.name)));
  return CatalogItemId(conn_.LastInsertId());
}

absl::Status SqliteTx::UpdateCatalogItem(const CatalogItem& c) {
  RETURN_IF_ERROR(conn_.Run(
      "UPDATE catalog_items SET code = ?, kind = ?, name = ?, active = ?, followup_days = ?, "
      "followup_subject = ?, followup_category = ?, followup_type = ?, followup_message = ?, "
      "updated_at = ?, code_key = ?, name_key = ? WHERE id = ?",
      c.code, ToString(c.kind), c.name, c.active, c.followup_days, c.followup.subject,
      c.followup.category, c.followup.type, c.followup.message, c.updated_at, FoldForSearch(c.code),
      FoldForSearch(c.name), c.id));
  if (conn_.Changes() != 1) return CodedError(ErrorCode::kCatalogItemNotFound);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<CatalogItem>> SqliteTx::FindCatalogItem(CatalogItemId id) {
  return FindOne<CatalogItem>(conn_, kFindCatalogItemSql, &ReadCatalogItem, id);
}

absl::StatusOr<std::optional<CatalogItem>> SqliteTx::FindCatalogItemByCode(
    const std::string& code) {
  return FindOne<CatalogItem>(conn_, kFindCatalogItemByCodeSql, &ReadCatalogItem, code);
}

absl::StatusOr<std::vector<CatalogItem>> SqliteTx::SearchCatalog(const std::string& q,
                                                                 std::optional<CatalogKind> kind,
                                                                 int limit) {
  const std::string folded = FoldForSearch(q);
  return FindAll<CatalogItem>(
      conn_, kSearchCatalogSql, &ReadCatalogItem, folded, PrefixEnd(folded),
      kind ? std::optional<std::string>(std::string(ToString(*kind))) : std::nullopt, limit);
}

namespace {

absl::Status WriteDocumentItems(Connection& conn, const SalesDocument& d, DocumentId id) {
  RETURN_IF_ERROR(conn.Run("DELETE FROM document_items WHERE document_id = ?", id));
  for (size_t i = 0; i < d.items.size(); ++i) {
    const DocumentItem& it = d.items[i];
    RETURN_IF_ERROR(conn.Run(
        "INSERT INTO document_items (document_id, position, item_id, item_code, description, "
        "quantity) VALUES (?, ?, ?, ?, ?, ?)",
        id, static_cast<int64_t>(i), it.item_id, it.item_code, it.description, it.quantity));
  }
  return absl::OkStatus();
}

absl::Status LoadDocumentItems(Connection& conn, SalesDocument& d) {
  ASSIGN_OR_RETURN(d.items, FindAll<DocumentItem>(
                                conn,
                                "SELECT position, item_id, item_code, description, quantity FROM "
                                "document_items WHERE document_id = ? ORDER BY position",
                                [](const Query& q, int c) -> absl::StatusOr<DocumentItem> {
                                  DocumentItem it;
                                  it.position = static_cast<int>(q.Int(c));
                                  it.item_id = q.OptId<CatalogItemId>(c + 1);
                                  it.item_code = q.Text(c + 2);
                                  it.description = q.Text(c + 3);
                                  it.quantity = q.Double(c + 4);
                                  return it;
                                },
                                d.id));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DocumentId> SqliteTx::InsertDocument(const SalesDocument& d) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(RenameUnique(
      conn_.Run("INSERT INTO documents (kind, number, party_id, branch_id, owner_id, issued_on, "
                "status, completed_on, version, created_by, updated_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                ToString(d.kind), d.number, d.party_id, d.branch_id, d.owner_id, d.date,
                ToString(d.status), d.completed_on, d.created_by, d.updated_by, d.created_at,
                d.updated_at),
      "number"));
  const DocumentId id(conn_.LastInsertId());
  RETURN_IF_ERROR(WriteDocumentItems(conn_, d, id));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::StatusOr<int64_t> SqliteTx::UpdateDocument(const SalesDocument& d) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(conn_));
  RETURN_IF_ERROR(RenameUnique(
      conn_.Run(
          "UPDATE documents SET kind = ?, number = ?, party_id = ?, branch_id = ?, "
          "owner_id = ?, issued_on = ?, status = ?, completed_on = ?, "
          "version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND version = ?",
          ToString(d.kind), d.number, d.party_id, d.branch_id, d.owner_id, d.date,
          ToString(d.status), d.completed_on, d.updated_by, d.updated_at, d.id, d.version),
      "number"));
  if (conn_.Changes() != 1) return MissingOrStale(conn_, kDocumentVersion, d.id.value, "document");
  RETURN_IF_ERROR(WriteDocumentItems(conn_, d, d.id));
  RETURN_IF_ERROR(sp.Release());
  return d.version + 1;
}

absl::StatusOr<std::optional<SalesDocument>> SqliteTx::FindDocument(DocumentId id) {
  ASSIGN_OR_RETURN(std::optional<SalesDocument> d,
                   FindOne<SalesDocument>(conn_, kFindDocumentSql, &ReadDocument, id));
  if (d) RETURN_IF_ERROR(LoadDocumentItems(conn_, *d));
  return d;
}

absl::StatusOr<std::optional<SalesDocument>> SqliteTx::FindDocumentHeader(DocumentId id) {
  return FindOne<SalesDocument>(conn_, kFindDocumentSql, &ReadDocument, id);
}

absl::StatusOr<std::optional<SalesDocument>> SqliteTx::FindDocumentByNumber(
    DocumentKind kind, const std::string& number) {
  ASSIGN_OR_RETURN(std::optional<SalesDocument> d,
                   FindOne<SalesDocument>(conn_, kFindDocumentByNumberSql, &ReadDocument,
                                          ToString(kind), number));
  if (d) RETURN_IF_ERROR(LoadDocumentItems(conn_, *d));
  return d;
}

absl::StatusOr<DocumentPage> SqliteTx::QueryDocuments(const DocumentQuery& dq) {
  DocumentPage page;
  if (dq.limit <= 0) return page;
  int64_t after = 0;
  if (!dq.cursor.empty() && !absl::SimpleAtoi(dq.cursor, &after))
    return absl::InvalidArgumentError("cursor");
  // Folded like the party keys; document numbers are ERP codes, and LIKE folds their
  // ASCII case.
  const std::string folded = FoldForSearch(dq.text);
  const std::string escaped = LikeEscape(folded);
  ASSIGN_OR_RETURN(Query q, conn_.Prepare(kQueryDocumentsSql));
  q.BindAll(folded, absl::StrCat(escaped, "%"), PrefixEnd(folded),
            dq.kind ? std::optional<std::string>(std::string(ToString(*dq.kind))) : std::nullopt,
            dq.party_id, after, static_cast<int64_t>(dq.limit + 1), dq.visible_to,
            dq.visible_branch);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    DocumentRow r;
    ASSIGN_OR_RETURN(r.document, ReadDocument(q, 0));
    ASSIGN_OR_RETURN(r.party, ReadParty(q, kDocumentColumns));
    page.items.push_back(std::move(r));
  }
  if (static_cast<int>(page.items.size()) > dq.limit) {
    page.items.pop_back();
    page.next_cursor = absl::StrCat(page.items.back().document.id.value);
  }
  for (DocumentRow& r : page.items) RETURN_IF_ERROR(LoadDocumentItems(conn_, r.document));
  return page;
}

absl::StatusOr<std::vector<Followup>> SqliteTx::ListDocumentFollowups(DocumentId id) {
  return FindAll<Followup>(conn_, kListDocumentFollowupsSql, &ReadFollowup, id);
}

absl::StatusOr<std::optional<Followup>> SqliteTx::FindFollowupByOriginKey(const std::string& key) {
  return FindOne<Followup>(conn_, kFindFollowupByOriginKeySql, &ReadFollowup, key);
}

absl::StatusOr<std::vector<BirthdayRow>> SqliteTx::ListBirthdays(const std::string& from_mmdd,
                                                                 const std::string& to_mmdd,
                                                                 std::optional<PartyId> party) {
  return FindAll<BirthdayRow>(
      conn_,
      "SELECT id, -1, birthday FROM parties WHERE birthday IS NOT NULL "
      "AND substr(birthday, 6) BETWEEN ?1 AND ?2 AND (?3 IS NULL OR id = ?3) "
      "UNION ALL SELECT party_id, position, birthday FROM party_contacts "
      "WHERE birthday IS NOT NULL AND substr(birthday, 6) BETWEEN ?1 AND ?2 "
      "AND (?3 IS NULL OR party_id = ?3) ORDER BY 1, 2",
      [](const Query& q, int c) -> absl::StatusOr<BirthdayRow> {
        BirthdayRow r;
        r.party_id = q.IdAt<PartyId>(c);
        r.contact_position = static_cast<int>(q.Int(c + 1));
        RETURN_IF_ERROR(ParseDay(q.Text(c + 2), &r.birthday));
        return r;
      },
      from_mmdd, to_mmdd, party);
}

absl::StatusOr<int64_t> SqliteTx::InsertImport(const ImportRun& r, const std::string& content) {
  ASSIGN_OR_RETURN(
      Query q, conn_.Prepare("INSERT INTO imports (kind, file_name, user_id, status, total_lines, "
                             "errors, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  q.BindAll(r.kind, r.file_name, r.user_id, ToString(r.status), r.total_lines,
            EncodeImportErrors(r.errors));
  q.BindBlobNoCopy(content);
  q.Bind(r.created_at);
  RETURN_IF_ERROR(q.Run());
  return conn_.LastInsertId();
}

absl::StatusOr<std::optional<ImportRun>> SqliteTx::FindImport(int64_t id) {
  return FindOne<ImportRun>(conn_, kFindImportSql, &ReadImport, id);
}

absl::StatusOr<std::vector<ImportRun>> SqliteTx::ListImports(int limit) {
  return FindAll<ImportRun>(conn_, kListImportsSql, &ReadImport, limit);
}

absl::StatusOr<std::optional<ImportRun>> SqliteTx::ClaimImport(absl::Time now,
                                                               const std::string& worker,
                                                               absl::Time lease_until) {
  ASSIGN_OR_RETURN(std::optional<ImportRun> r,
                   FindOne<ImportRun>(conn_, kClaimImportSql, &ReadImport, now, worker));
  if (!r) return r;
  RETURN_IF_ERROR(conn_.Run("UPDATE imports SET lease_owner = ?, lease_until = ? WHERE id = ?",
                            worker, lease_until, r->id));
  return r;
}

absl::StatusOr<std::string> SqliteTx::ReadImportContent(int64_t id) {
  ASSIGN_OR_RETURN(Query q, conn_.Prepare("SELECT content FROM imports WHERE id = ?"));
  q.Bind(id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return CodedError(ErrorCode::kImportNotFound);
  return q.Blob(0);
}

absl::Status SqliteTx::UpdateImport(const ImportRun& r, const std::string& worker,
                                    absl::Time lease_until) {
  const bool finished = r.status == ImportStatus::kDone || r.status == ImportStatus::kFailed;
  RETURN_IF_ERROR(
      conn_.Run("UPDATE imports SET status = ?, total_lines = ?, processed_lines = ?, "
                "documents_created = ?, documents_updated = ?, documents_unchanged = ?, "
                "followups_created = ?, error_lines = ?, errors = ?, finished_at = ?, "
                "lease_until = ?, content = CASE WHEN ? THEN NULL ELSE content END "
                "WHERE id = ? AND lease_owner = ?",
                ToString(r.status), r.total_lines, r.processed_lines, r.documents_created,
                r.documents_updated, r.documents_unchanged, r.followups_created, r.error_lines,
                EncodeImportErrors(r.errors), r.finished_at,
                finished ? std::optional<absl::Time>() : std::optional<absl::Time>(lease_until),
                finished, r.id, worker));
  if (conn_.Changes() != 1) return absl::FailedPreconditionError("lease");
  return absl::OkStatus();
}

}  // namespace retorno::sqlite
