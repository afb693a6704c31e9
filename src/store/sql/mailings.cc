// The mailing repository in SQL (manual 003, ADR 0048). A recipient row stores what
// the expansion decided (queued, held, skipped); whether a queued message was then sent
// or bounced is its outbox row's state, read through a join, so the outbox job never
// has to know about mailings.
#include "store/sql/mailings.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "store/sql/rows.h"
#include "store/sql/sql_tx.h"

namespace retorno::sql {

namespace {

constexpr char kMailingCols[] =
    "m.id, m.subject, m.body, m.sender_name, m.filter, m.locale, m.status, m.total, "
    "m.last_party_id, m.queued_count, m.held_count, m.skipped_count, m.created_by, "
    "m.branch_id, m.created_at, m.updated_at, m.finished_at";

// What a recipient is now: the expansion's decision, then the outbox's outcome.
constexpr char kRecipientStatus[] =
    "CASE WHEN r.status = 'queued' AND o.state = 'sent' THEN 'sent' "
    "WHEN r.status = 'queued' AND o.state = 'failed' THEN 'bounced' ELSE r.status END";

RETORNO_SQL(kRecipientCols, "r.id, r.mailing_id, r.party_id, p.name, m.subject, r.email, ",
            kRecipientStatus, ", r.missing, r.outbox_id, r.token, r.created_at");
RETORNO_SQL(kRecipientFrom,
            " FROM mailing_recipients r JOIN parties p ON p.id = r.party_id "
            "JOIN mailings m ON m.id = r.mailing_id LEFT JOIN outbox o ON o.id = r.outbox_id");

RETORNO_SQL(kInsertMailing,
            "INSERT INTO mailings (subject, body, sender_name, filter, locale, status, total, "
            "last_party_id, queued_count, held_count, skipped_count, created_by, branch_id, "
            "created_at, updated_at, finished_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kFindMailing, "SELECT ", kMailingCols, " FROM mailings m WHERE m.id = ?");
RETORNO_SQL(kListMailings, "SELECT ", kMailingCols, " FROM mailings m ORDER BY m.id DESC LIMIT ?");
RETORNO_SQL(kListBranchMailings, "SELECT ", kMailingCols,
            " FROM mailings m WHERE m.branch_id = ? ORDER BY m.id DESC LIMIT ?");
const DialectSql kClaimMailing([](Dialect d) {
  return absl::StrCat(
      "UPDATE mailings SET status = 'sending', lease_owner = ?1, lease_until = ?2 "
      "WHERE id IN (SELECT id FROM mailings WHERE status IN ('queued', 'sending') "
      "AND (lease_until IS NULL OR lease_until <= ?3 OR lease_owner = ?1) ORDER BY id LIMIT 1",
      SkipLockedSql(d), ") RETURNING id");
});
RETORNO_SQL(kSaveProgress,
            "UPDATE mailings SET status = ?, last_party_id = ?, queued_count = ?, held_count = ?, "
            "skipped_count = ?, updated_at = ?, finished_at = ? WHERE id = ? AND lease_owner = ?");
RETORNO_SQL(kReleaseMailing,
            "UPDATE mailings SET lease_owner = '', lease_until = NULL WHERE id = ?");
RETORNO_SQL(kInsertAttachment,
            "INSERT INTO mailing_attachments (mailing_id, seq, file_name, content_type, bytes) "
            "VALUES (?, ?, ?, ?, ?)");
RETORNO_SQL(kListAttachments,
            "SELECT file_name, content_type, bytes FROM mailing_attachments WHERE mailing_id = ? "
            "ORDER BY seq");
RETORNO_SQL(kListAttachmentNames,
            "SELECT file_name, content_type, '' FROM mailing_attachments WHERE mailing_id = ? "
            "ORDER BY seq");
RETORNO_SQL(kInsertRecipient,
            "INSERT INTO mailing_recipients (mailing_id, party_id, email, status, missing, "
            "outbox_id, token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
RETORNO_SQL(kCountRecipients, "SELECT ", kRecipientStatus, ", count(*)",
            " FROM mailing_recipients r LEFT JOIN outbox o ON o.id = r.outbox_id "
            "WHERE r.mailing_id = ? GROUP BY 1");
RETORNO_SQL(kFindByToken, "SELECT ", kRecipientCols, kRecipientFrom, " WHERE r.token = ?");
RETORNO_SQL(kSenderOfOutbox,
            "SELECT m.sender_name FROM mailing_recipients r JOIN mailings m ON m.id = r.mailing_id "
            "WHERE r.outbox_id = ?");
RETORNO_SQL(kIsOptedOut, "SELECT count(*) FROM mailing_opt_outs WHERE party_id = ?");
RETORNO_SQL(kInsertOptOut,
            "INSERT INTO mailing_opt_outs (party_id, opted_out_at, recipient_id) VALUES (?, ?, ?)");

absl::StatusOr<Mailing> ReadMailing(const Query& q, int c) {
  Mailing m;
  m.id = q.IdAt<MailingId>(c);
  m.subject = q.Text(c + 1);
  m.body = q.Text(c + 2);
  m.sender_name = q.Text(c + 3);
  m.filter = q.Text(c + 4);
  m.locale = q.Text(c + 5);
  RETURN_IF_ERROR(ParseEnum(&ParseMailingStatus, q.Text(c + 6), "mailing status", &m.status));
  m.total = q.Int(c + 7);
  m.last_party_id = q.IdAt<PartyId>(c + 8);
  m.queued = q.Int(c + 9);
  m.held = q.Int(c + 10);
  m.skipped = q.Int(c + 11);
  m.created_by = q.IdAt<UserId>(c + 12);
  m.branch_id = q.OptId<BranchId>(c + 13);
  m.created_at = q.Time(c + 14);
  m.updated_at = q.Time(c + 15);
  m.finished_at = q.OptTime(c + 16);
  return m;
}

absl::StatusOr<MailingRecipient> ReadRecipient(const Query& q, int c) {
  MailingRecipient r;
  r.id = q.Int(c);
  r.mailing_id = q.IdAt<MailingId>(c + 1);
  r.party_id = q.IdAt<PartyId>(c + 2);
  r.party_name = q.Text(c + 3);
  r.mailing_subject = q.Text(c + 4);
  r.email = q.Text(c + 5);
  RETURN_IF_ERROR(ParseEnum(&ParseRecipientStatus, q.Text(c + 6), "recipient status", &r.status));
  RETURN_IF_ERROR(DecodeCc(q.Text(c + 7), &r.missing));
  r.outbox_id = q.OptInt(c + 8);
  r.token = q.Text(c + 9);
  r.created_at = q.Time(c + 10);
  return r;
}

absl::StatusOr<MailAttachment> ReadAttachment(const Query& q, int c) {
  return MailAttachment{q.Text(c), q.Text(c + 1), q.Blob(c + 2)};
}

// "?, ?, ?" for n values.
std::string Marks(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) absl::StrAppend(&s, i ? ", ?" : "?");
  return s;
}

// The WHERE clause of a selection (after "WHERE 1 = 1") and its values in order.
struct Where {
  std::string sql;
  std::vector<std::function<void(Query&)>> binds;  // its values, in order
};

Where SelectionWhere(const MailingSelection& s, const std::vector<PartyId>& ids) {
  Where w;
  if (s.branch_id) {
    w.sql += " AND p.branch_id = ?";
    w.binds.push_back([v = *s.branch_id](Query& q) { q.Bind(v); });
  }
  if (s.owner_id) {
    w.sql += " AND p.owner_id = ?";
    w.binds.push_back([v = *s.owner_id](Query& q) { q.Bind(v); });
  }
  if (s.kind) {
    w.sql += " AND p.kind = ?";
    w.binds.push_back([v = std::string(ToString(*s.kind))](Query& q) { q.Bind(v); });
  }
  if (!s.category.empty()) {
    w.sql += " AND EXISTS (SELECT 1 FROM followups f WHERE f.party_id = p.id AND f.category = ?)";
    w.binds.push_back([v = s.category](Query& q) { q.Bind(v); });
  }
  if (s.product_id) {
    // Bought: a sale, order or service order of the item that was not cancelled.
    w.sql +=
        " AND EXISTS (SELECT 1 FROM documents d JOIN document_items i ON i.document_id = d.id "
        "WHERE d.party_id = p.id AND i.item_id = ? AND d.kind <> 'quote' "
        "AND d.status <> 'cancelled')";
    w.binds.push_back([v = *s.product_id](Query& q) { q.Bind(v); });
  }
  if (s.birthday_month) {
    w.sql += " AND substr(p.birthday, 6, 2) = ?";
    char mm[3] = {static_cast<char>('0' + *s.birthday_month / 10),
                  static_cast<char>('0' + *s.birthday_month % 10), 0};
    w.binds.push_back([v = std::string(mm)](Query& q) { q.Bind(v); });
  }
  if (!ids.empty()) {
    absl::StrAppend(&w.sql, " AND p.id IN (", Marks(ids.size()), ")");
    for (PartyId id : ids) w.binds.push_back([id](Query& q) { q.Bind(id); });
  }
  if (!s.excluded_ids.empty()) {
    absl::StrAppend(&w.sql, " AND p.id NOT IN (", Marks(s.excluded_ids.size()), ")");
    for (PartyId id : s.excluded_ids) w.binds.push_back([id](Query& q) { q.Bind(id); });
  }
  return w;
}

}  // namespace

absl::StatusOr<MailingId> SqlMailings::InsertMailing(const Mailing& m) {
  ASSIGN_OR_RETURN(int64_t id, InsertId(db_, kInsertMailing, m.subject, m.body, m.sender_name,
                                        m.filter, m.locale, ToString(m.status), m.total,
                                        m.last_party_id, m.queued, m.held, m.skipped, m.created_by,
                                        m.branch_id, m.created_at, m.updated_at, m.finished_at));
  return MailingId(id);
}

absl::StatusOr<std::optional<Mailing>> SqlMailings::FindMailing(MailingId id) {
  return FindOne<Mailing>(db_, kFindMailing, ReadMailing, id);
}

absl::StatusOr<std::vector<Mailing>> SqlMailings::ListMailings(std::optional<BranchId> branch,
                                                               int limit) {
  const int64_t n = limit;
  if (branch) return FindAll<Mailing>(db_, kListBranchMailings, ReadMailing, *branch, n);
  return FindAll<Mailing>(db_, kListMailings, ReadMailing, n);
}

absl::StatusOr<std::optional<Mailing>> SqlMailings::ClaimMailing(absl::Time now,
                                                                 const std::string& worker,
                                                                 absl::Time lease_until) {
  ASSIGN_OR_RETURN(std::optional<int64_t> id,
                   FindOne<int64_t>(
                       db_, kClaimMailing(db_.dialect()),
                       [](const Query& q, int c) -> absl::StatusOr<int64_t> { return q.Int(c); },
                       worker, lease_until, now));
  if (!id) return std::optional<Mailing>();
  return FindMailing(MailingId(*id));
}

absl::Status SqlMailings::SaveProgress(const Mailing& m, const std::string& worker) {
  const std::string status(ToString(m.status));
  RETURN_IF_ERROR(db_.Run(kSaveProgress, status, m.last_party_id, m.queued, m.held, m.skipped,
                          m.updated_at, m.finished_at, m.id, worker));
  if (db_.Changes() != 1) return absl::FailedPreconditionError("lease");
  if (m.status == MailingStatus::kDone) return db_.Run(kReleaseMailing, m.id);
  return absl::OkStatus();
}

absl::Status SqlMailings::InsertAttachment(MailingId id, int seq, const MailAttachment& f) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kInsertAttachment));
  q.Bind(id);
  q.Bind(static_cast<int64_t>(seq));
  q.Bind(f.file_name);
  q.Bind(f.content_type);
  q.BindBlobNoCopy(f.bytes);
  return q.Run();
}

absl::StatusOr<std::vector<MailAttachment>> SqlMailings::ListAttachments(MailingId id,
                                                                         bool with_bytes) {
  return FindAll<MailAttachment>(db_, with_bytes ? kListAttachments : kListAttachmentNames,
                                 ReadAttachment, id);
}

absl::StatusOr<std::vector<SelectedParty>> SqlMailings::SelectParties(const MailingSelection& s,
                                                                      PartyId after, int limit) {
  std::vector<SelectedParty> out;
  // Hand-picked: the next ids after `after`, a chunk at a time, until `limit` of them
  // match (a picked id may be unpicked or fail a filter): fewer than `limit` rows means
  // the selection is exhausted, which the job relies on.
  auto next = s.party_ids.begin();
  if (!s.party_ids.empty())
    next = std::upper_bound(s.party_ids.begin(), s.party_ids.end(), after,
                            [](PartyId a, PartyId b) { return a.value < b.value; });
  while (static_cast<int>(out.size()) < limit) {
    std::vector<PartyId> ids;
    if (!s.party_ids.empty()) {
      for (; next != s.party_ids.end() && static_cast<int>(ids.size()) < limit; ++next)
        ids.push_back(*next);
      if (ids.empty()) break;
    }
    Where w = SelectionWhere(s, ids);
    const std::string sql =
        absl::StrCat("SELECT ", kPartyCols,
                     ", coalesce((SELECT c.name FROM party_contacts c WHERE c.party_id = p.id "
                     "ORDER BY c.position LIMIT 1), ''), "
                     "coalesce((SELECT c.email FROM party_contacts c WHERE c.party_id = p.id "
                     "ORDER BY c.position LIMIT 1), ''), "
                     "CASE WHEN EXISTS (SELECT 1 FROM mailing_opt_outs x WHERE x.party_id = p.id) "
                     "THEN 1 ELSE 0 END FROM parties p WHERE p.id > ?",
                     w.sql, " ORDER BY p.id LIMIT ?");
    ASSIGN_OR_RETURN(Query q, db_.Prepare(sql));
    q.Bind(after);
    for (const auto& b : w.binds) b(q);
    q.Bind(static_cast<int64_t>(limit - static_cast<int>(out.size())));
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      SelectedParty sp;
      ASSIGN_OR_RETURN(sp.party, ReadParty(q, 0));
      sp.contact_name = q.Text(kPartyColumns);
      sp.contact_email = q.Text(kPartyColumns + 1);
      sp.opted_out = q.Int(kPartyColumns + 2) != 0;
      out.push_back(std::move(sp));
    }
    if (s.party_ids.empty()) break;  // by filter: one query answers it
    after = ids.back();
  }
  return out;
}

absl::StatusOr<int64_t> SqlMailings::CountParties(const MailingSelection& s) {
  Where w = SelectionWhere(s, s.party_ids);
  ASSIGN_OR_RETURN(Query q,
                   db_.Prepare(absl::StrCat("SELECT count(*) FROM parties p WHERE 1 = 1", w.sql)));
  for (const auto& b : w.binds) b(q);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

absl::StatusOr<int64_t> SqlMailings::InsertRecipient(const MailingRecipient& r) {
  ASSIGN_OR_RETURN(std::string missing, EncodeCc(r.missing));
  std::optional<std::string> token;
  if (!r.token.empty()) token = r.token;
  absl::StatusOr<int64_t> id =
      InsertId(db_, kInsertRecipient, r.mailing_id, r.party_id, r.email, ToString(r.status),
               missing, r.outbox_id, token, r.created_at);
  return id;
}

absl::StatusOr<std::vector<MailingRecipient>> SqlMailings::ListRecipients(
    const RecipientQuery& rq) {
  std::string sql = absl::StrCat("SELECT ", kRecipientCols, kRecipientFrom, " WHERE r.id > ?");
  if (rq.mailing_id) sql += " AND r.mailing_id = ?";
  if (rq.party_id) sql += " AND r.party_id = ?";
  if (rq.status) absl::StrAppend(&sql, " AND ", kRecipientStatus, " = ?");
  sql += " ORDER BY r.id LIMIT ?";
  ASSIGN_OR_RETURN(Query q, db_.Prepare(sql));
  q.Bind(rq.after_id);
  if (rq.mailing_id) q.Bind(*rq.mailing_id);
  if (rq.party_id) q.Bind(*rq.party_id);
  if (rq.status) q.Bind(ToString(*rq.status));
  q.Bind(static_cast<int64_t>(rq.limit));
  std::vector<MailingRecipient> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(MailingRecipient r, ReadRecipient(q, 0));
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<MailingCounts> SqlMailings::CountRecipients(MailingId id) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kCountRecipients));
  q.Bind(id);
  MailingCounts c;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    std::optional<RecipientStatus> s = ParseRecipientStatus(q.Text(0));
    if (!s) return absl::DataLossError(absl::StrCat("stored recipient status ", q.Text(0)));
    const int64_t n = q.Int(1);
    switch (*s) {
      case RecipientStatus::kQueued:
        c.queued = n;
        break;
      case RecipientStatus::kSent:
        c.sent = n;
        break;
      case RecipientStatus::kHeld:
        c.held = n;
        break;
      case RecipientStatus::kSkippedOptOut:
        c.skipped_opt_out = n;
        break;
      case RecipientStatus::kBounced:
        c.bounced = n;
        break;
    }
  }
  return c;
}

absl::StatusOr<std::optional<MailingRecipient>> SqlMailings::FindRecipientByToken(
    const std::string& token) {
  if (token.empty()) return std::optional<MailingRecipient>();
  return FindOne<MailingRecipient>(db_, kFindByToken, ReadRecipient, token);
}

absl::StatusOr<bool> SqlMailings::OptOut(PartyId party, absl::Time at,
                                         std::optional<int64_t> recipient_id) {
  ASSIGN_OR_RETURN(bool already, IsOptedOut(party));
  if (already) return false;
  RETURN_IF_ERROR(db_.Run(kInsertOptOut, party, at, recipient_id));
  return true;
}

absl::StatusOr<bool> SqlMailings::IsOptedOut(PartyId party) {
  ASSIGN_OR_RETURN(int64_t n, QueryInt(db_, kIsOptedOut, party));
  return n > 0;
}

absl::StatusOr<std::string> SqlMailings::SenderOfOutbox(int64_t outbox_id) {
  ASSIGN_OR_RETURN(
      std::optional<std::string> name,
      FindOne<std::string>(
          db_, kSenderOfOutbox,
          [](const Query& q, int c) -> absl::StatusOr<std::string> { return q.Text(c); },
          outbox_id));
  return name.value_or("");
}

std::unique_ptr<MailingRepository> SqlMailingStore::In(Tx& tx) {
  return std::make_unique<SqlMailings>(static_cast<SqlTx&>(tx).db());
}

}  // namespace retorno::sql
