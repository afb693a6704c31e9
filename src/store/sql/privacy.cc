// The privacy repository in SQL (ADR 0035): a party's follow-ups, and the rewrites of
// anonymisation.
#include "base/status_macros.h"
#include "domain/search.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

RETORNO_SQL(kListPartyFollowups, "SELECT id FROM followups WHERE party_id = ? ORDER BY id");
RETORNO_SQL(kRewriteEntryBody, "UPDATE entries SET body = ?, body_key = ? WHERE id = ?");
RETORNO_SQL(kListFollowupMail,
            "SELECT id, to_addrs, cc_addrs, subject, body_text, body_html, state, created_at "
            "FROM outbox WHERE followup_id = ? ORDER BY id");
RETORNO_SQL(kRewriteMail,
            "UPDATE outbox SET to_addrs = ?, cc_addrs = ?, subject = ?, body_text = ?, "
            "body_html = ? WHERE id = ?");
RETORNO_SQL(kDeleteAttachments, "DELETE FROM attachments WHERE followup_id = ?");

}  // namespace

absl::StatusOr<std::vector<FollowupId>> SqlPrivacy::ListPartyFollowups(PartyId party) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kListPartyFollowups));
  q.BindAll(party);
  std::vector<FollowupId> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(q.IdAt<FollowupId>(0));
  }
  return out;
}

absl::Status SqlPrivacy::RewriteEntryBody(EntryId id, const std::string& body) {
  return db_.Run(kRewriteEntryBody, body, FoldForSearch(body), id);
}

absl::StatusOr<std::vector<StoredMail>> SqlPrivacy::ListFollowupMail(FollowupId id) {
  ASSIGN_OR_RETURN(Query q, db_.Prepare(kListFollowupMail));
  q.BindAll(id);
  std::vector<StoredMail> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    StoredMail m;
    m.id = q.Int(0);
    m.to_addrs = q.Text(1);
    m.cc_addrs = q.Text(2);
    m.subject = q.Text(3);
    m.body_text = q.Text(4);
    m.body_html = q.Text(5);
    m.state = q.Text(6);
    m.created_at = q.Time(7);
    out.push_back(std::move(m));
  }
  return out;
}

absl::Status SqlPrivacy::RewriteMail(const StoredMail& m) {
  return db_.Run(kRewriteMail, m.to_addrs, m.cc_addrs, m.subject, m.body_text, m.body_html, m.id);
}

absl::StatusOr<int64_t> SqlPrivacy::DeleteAttachments(FollowupId id) {
  RETURN_IF_ERROR(db_.Run(kDeleteAttachments, id));
  return db_.Changes();
}

}  // namespace retorno::sql
