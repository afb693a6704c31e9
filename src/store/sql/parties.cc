// The parties repository in SQL: parties with their contact persons, party search and
// birthdays.
#include "base/status_macros.h"
#include "domain/search.h"
#include "store/sql/query_builders.h"
#include "store/sql/repositories.h"
#include "store/sql/rows.h"

namespace retorno::sql {

namespace {

RETORNO_SQL(kInsertParty,
            "INSERT INTO parties (code, kind, name, email, phone, whatsapp, birthday, "
            "branch_id, owner_id, created_at, tax_id, code_key, search_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
// A stale version or a missing party changes nothing (told apart by kPartyVersion).
RETORNO_SQL(kUpdateParty,
            "UPDATE parties SET code = ?, kind = ?, name = ?, email = ?, phone = ?, whatsapp = ?, "
            "birthday = ?, branch_id = ?, owner_id = ?, tax_id = ?, code_key = ?, "
            "search_key = ?, version = version + 1 WHERE id = ? AND version = ?");
RETORNO_SQL(kPartyVersion, "SELECT version FROM parties WHERE id = ?");
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
// A party's own birthday (contact position -1) and its contact persons', by month-day.
RETORNO_SQL(kListBirthdays,
            "SELECT id, -1, birthday FROM parties WHERE birthday IS NOT NULL "
            "AND substr(birthday, 6) BETWEEN ?1 AND ?2 AND (CAST(?3 AS bigint) IS NULL OR id = ?3) "
            "UNION ALL SELECT party_id, position, birthday FROM party_contacts "
            "WHERE birthday IS NOT NULL AND substr(birthday, 6) BETWEEN ?1 AND ?2 "
            "AND (CAST(?3 AS bigint) IS NULL OR party_id = ?3) ORDER BY 1, 2");

}  // namespace

absl::StatusOr<PartyId> SqlParties::InsertParty(const Party& p) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  ASSIGN_OR_RETURN(int64_t new_id,
                   InsertId(db_, kInsertParty, p.code, ToString(p.kind), p.name, p.email, p.phone,
                            p.whatsapp, p.birthday, p.branch_id, p.owner_id, p.created_at, p.tax_id,
                            FoldForSearch(p.code), PartySearchKey(p)));
  const PartyId id(new_id);
  RETURN_IF_ERROR(InsertContacts(id, p.contacts));
  RETURN_IF_ERROR(sp.Release());
  return id;
}

absl::Status SqlParties::InsertContacts(PartyId party, const std::vector<Contact>& contacts) {
  for (size_t i = 0; i < contacts.size(); ++i) {
    const Contact& c = contacts[i];
    RETURN_IF_ERROR(db_.Run(kInsertPartyContact, party, static_cast<int64_t>(i), c.name, c.email,
                            c.phone, c.whatsapp, c.birthday));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqlParties::UpdateParty(const Party& p) {
  ASSIGN_OR_RETURN(Savepoint sp, Savepoint::Begin(db_));
  RETURN_IF_ERROR(db_.Run(kUpdateParty, p.code, ToString(p.kind), p.name, p.email, p.phone,
                          p.whatsapp, p.birthday, p.branch_id, p.owner_id, p.tax_id,
                          FoldForSearch(p.code), PartySearchKey(p), p.id, p.version));
  if (db_.Changes() != 1) return MissingOrStale(db_, kPartyVersion, p.id.value, "party");
  RETURN_IF_ERROR(db_.Run(kDeletePartyContacts, p.id));
  RETURN_IF_ERROR(InsertContacts(p.id, p.contacts));
  RETURN_IF_ERROR(sp.Release());
  return p.version + 1;
}

absl::Status SqlParties::LoadContacts(Party& p) {
  ASSIGN_OR_RETURN(
      p.contacts,
      FindAll<Contact>(
          db_, kListPartyContacts,
          [](const Query& q, int c) -> absl::StatusOr<Contact> {
            Contact contact{q.Text(c), q.Text(c + 1), q.Text(c + 2), q.Text(c + 3), std::nullopt};
            RETURN_IF_ERROR(ParseOptDay(q, c + 4, &contact.birthday));
            return contact;
          },
          p.id));
  return absl::OkStatus();
}

absl::Status ReadPartyAhead(Db& db, PartyId id) {
  RETURN_IF_ERROR(db.ReadAhead(kFindParty, id));
  return db.ReadAhead(kListPartyContacts, id);
}

absl::StatusOr<std::optional<Party>> SqlParties::FindParty(PartyId id) {
  ASSIGN_OR_RETURN(std::optional<Party> p, FindOne<Party>(db_, kFindParty, &ReadParty, id));
  if (p) RETURN_IF_ERROR(LoadContacts(*p));
  return p;
}

absl::StatusOr<std::optional<Party>> SqlParties::FindPartyByCode(const std::string& code) {
  ASSIGN_OR_RETURN(std::optional<Party> p, FindOne<Party>(db_, kFindPartyByCode, &ReadParty, code));
  if (p) RETURN_IF_ERROR(LoadContacts(*p));
  return p;
}

absl::StatusOr<std::vector<Party>> SqlParties::SearchParties(const std::string& q,
                                                             std::optional<PartyKind> kind,
                                                             int limit) {
  if (limit <= 0) return std::vector<Party>();
  std::vector<Party> out;
  ASSIGN_OR_RETURN(Query query,
                   PrepareBuilt(db_, BuildSearchParties(db_.dialect(), q, kind, limit)));
  while (true) {
    ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Party p, ReadParty(query, 0));
    out.push_back(std::move(p));
  }
  for (Party& p : out) RETURN_IF_ERROR(LoadContacts(p));
  return out;
}

absl::StatusOr<std::vector<BirthdayRow>> SqlParties::ListBirthdays(const std::string& from_mmdd,
                                                                   const std::string& to_mmdd,
                                                                   std::optional<PartyId> party) {
  return FindAll<BirthdayRow>(
      db_, kListBirthdays,
      [](const Query& q, int c) -> absl::StatusOr<BirthdayRow> {
        BirthdayRow r;
        r.party_id = q.IdAt<PartyId>(c);
        r.contact_position = static_cast<int>(q.Int(c + 1));
        RETURN_IF_ERROR(ParseDay(q.Text(c + 2), &r.birthday));
        return r;
      },
      from_mmdd, to_mmdd, party);
}

}  // namespace retorno::sql
