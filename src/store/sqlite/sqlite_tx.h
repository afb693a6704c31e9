// The SQLite Tx: every repository method of app/ports.h as named SQL statements with
// bound parameters, over one connection that already holds a transaction. Private to
// the store; the SQL builders are exposed for the query-plan tests.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "app/ports.h"
#include "store/sqlite/connection.h"

namespace retorno::sqlite {

class SqliteTx final : public Tx {
 public:
  // `conn` must be inside a transaction (BEGIN) for the lifetime of this object.
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  absl::StatusOr<Settings> GetSettings() override;
  absl::Status PutSettings(const Settings& s) override;

  absl::StatusOr<std::vector<Branch>> ListBranches() override;
  absl::StatusOr<std::optional<Branch>> FindBranch(BranchId id) override;
  absl::StatusOr<BranchId> InsertBranch(const Branch& b) override;

  absl::StatusOr<std::vector<User>> ListUsers() override;
  absl::StatusOr<std::optional<User>> FindUser(UserId id) override;
  absl::StatusOr<std::optional<User>> FindUserByLogin(const std::string& login) override;
  absl::StatusOr<UserId> InsertUser(const User& u) override;
  absl::Status UpdateUser(const User& u) override;
  absl::StatusOr<int64_t> CountUsers() override;

  absl::Status InsertSession(const Session& s) override;
  absl::StatusOr<std::optional<Session>> FindSession(const std::string& token_hash) override;
  absl::Status DeleteSession(const std::string& token_hash) override;
  absl::Status DeleteExpiredSessions(absl::Time now) override;

  absl::StatusOr<std::vector<CodeItem>> ListCodes(CodeTable t) override;
  absl::StatusOr<std::optional<CodeItem>> FindCode(CodeTable t, const std::string& code) override;
  absl::StatusOr<int64_t> InsertCode(CodeTable t, const CodeItem& item) override;

  absl::StatusOr<PartyId> InsertParty(const Party& p) override;
  absl::StatusOr<std::optional<Party>> FindParty(PartyId id) override;
  absl::StatusOr<std::vector<Party>> SearchParties(const std::string& q,
                                                   std::optional<PartyKind> kind,
                                                   int limit) override;

  absl::StatusOr<FollowupId> InsertFollowup(const Followup& f) override;
  absl::StatusOr<int64_t> UpdateFollowup(const Followup& f) override;
  absl::StatusOr<std::optional<Followup>> FindFollowup(FollowupId id) override;
  absl::StatusOr<FollowupPage> QueryFollowups(const FollowupQuery& q) override;

  absl::StatusOr<ActionId> InsertAction(const Action& a) override;
  absl::Status UpdateAction(const Action& a) override;
  absl::StatusOr<std::optional<Action>> FindAction(ActionId id) override;
  absl::StatusOr<std::vector<Action>> ListActions(FollowupId id) override;
  absl::StatusOr<std::vector<AgendaRow>> QueryAgenda(const AgendaQuery& q) override;
  absl::StatusOr<DueCounts> CountDue(UserId assignee, absl::CivilDay today) override;
  absl::StatusOr<int64_t> NextSeriesId() override;

  absl::StatusOr<EntryId> InsertEntry(const Entry& e) override;
  absl::Status UpdateEntry(const Entry& e) override;
  absl::StatusOr<std::optional<Entry>> FindEntry(EntryId id) override;
  absl::StatusOr<std::vector<Entry>> ListEntries(FollowupId id) override;

  absl::StatusOr<AttachmentId> InsertAttachment(const Attachment& a,
                                                const std::string& bytes) override;
  absl::StatusOr<std::optional<Attachment>> FindAttachment(AttachmentId id) override;
  absl::StatusOr<std::string> ReadAttachmentBytes(AttachmentId id) override;
  absl::StatusOr<std::vector<Attachment>> ListAttachments(FollowupId id) override;

 private:
  absl::Status RefreshNextDue(FollowupId id);
  absl::Status LoadContacts(Party& p);

  Connection& conn_;
};

// A statement built from the filters that are set, with its arguments in order.
struct BuiltSql {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> args;
};

// The SQL of QueryFollowups (InvalidArgument("cursor") for a cursor this store did not
// produce for the same ordering), QueryAgenda and CountDue.
absl::StatusOr<BuiltSql> BuildFollowupQuery(const FollowupQuery& q);
BuiltSql BuildAgendaQuery(const AgendaQuery& q);
BuiltSql BuildCountDue(UserId assignee, absl::CivilDay today);
// FindFollowup's statement.
BuiltSql BuildFindFollowup(FollowupId id);

}  // namespace retorno::sqlite
