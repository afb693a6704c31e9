// The store contract: attendance types, each follow-up's type, standard pareceres and
// the authors' drafts (manual 003).
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::SizeIs;
using namespace contract;  // NOLINT: the suite's small helpers

TEST_P(StoreContractTest, TheMigrationMakesOneDefaultAttendanceType) {
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<AttendanceType> types, tx.attendance().ListTypes());
    int defaults = 0;
    for (const AttendanceType& t : types) defaults += t.is_default ? 1 : 0;
    EXPECT_EQ(defaults, 1);
    ASSIGN_OR_RETURN(std::optional<AttendanceType> d, tx.attendance().FindDefaultType());
    EXPECT_TRUE(d.has_value());
    if (d) {
      EXPECT_TRUE(d->active);
      EXPECT_EQ(d->max_attachment_bytes, 10 * 1024 * 1024);
      EXPECT_FALSE(d->workflow_id.has_value());
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AttendanceTypeRoundTripsEveryFieldAndAFollowupKeepsItsType) {
  AttendanceType t;
  t.name_pt = "Assistência técnica";
  t.name_es = "Asistencia técnica";
  t.name_en = "Technical assistance";
  t.attachments_allowed = false;
  t.max_attachment_bytes = 2 * 1024 * 1024;
  t.parecer_text = "Atendimento a #{contato}.";
  t.email_subject = "Parecer";
  t.email_text = "Olá #{contato}";
  t.workflow_id = 7;
  t.created_at = t.updated_at = Now();
  UserId u = AddUser("u");
  FollowupId f = AddFollowup(AddParty("P1", "Cliente"), u, std::nullopt);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(t.id, tx.attendance().InsertType(t));
    ASSIGN_OR_RETURN(std::optional<AttendanceTypeId> none, tx.attendance().FindFollowupType(f));
    EXPECT_FALSE(none.has_value());
    return tx.attendance().PutFollowupType(f, t.id);
  }));
  t.active = false;
  t.email_text = "Hola";
  t.updated_at = Now() + absl::Hours(1);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.attendance().UpdateType(t); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> g, tx.attendance().FindType(t.id));
    EXPECT_TRUE(g.has_value());
    if (!g) return absl::OkStatus();
    EXPECT_EQ(g->name_pt, t.name_pt);
    EXPECT_EQ(g->name_es, t.name_es);
    EXPECT_EQ(g->name_en, t.name_en);
    EXPECT_FALSE(g->attachments_allowed);
    EXPECT_EQ(g->max_attachment_bytes, t.max_attachment_bytes);
    EXPECT_EQ(g->parecer_text, t.parecer_text);
    EXPECT_EQ(g->email_subject, t.email_subject);
    EXPECT_EQ(g->email_text, "Hola");
    EXPECT_EQ(g->workflow_id, std::optional<int64_t>(7));
    EXPECT_FALSE(g->active);
    EXPECT_FALSE(g->is_default);
    EXPECT_EQ(g->created_at, t.created_at);
    EXPECT_EQ(g->updated_at, t.updated_at);
    ASSIGN_OR_RETURN(std::optional<AttendanceTypeId> ft, tx.attendance().FindFollowupType(f));
    EXPECT_EQ(ft, std::optional<AttendanceTypeId>(t.id));
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AboveTenMegabytesATypeIsRefused) {
  AttendanceType t;
  t.name_pt = t.name_es = t.name_en = "X";
  t.max_attachment_bytes = 10 * 1024 * 1024 + 1;
  EXPECT_FALSE(Write([&](Tx& tx) { return tx.attendance().InsertType(t).status(); }).ok());
}

TEST_P(StoreContractTest, StandardFlagRoundTripsAndDraftsAreListedForTheirAuthorOnly) {
  UserId u = AddUser("u");
  UserId v = AddUser("v");
  FollowupId f = AddFollowup(AddParty("P1", "Cliente Um"), u, std::nullopt);
  auto entry = [&](UserId author, bool draft, bool standard, absl::Time at) {
    Entry e;
    e.followup_id = f;
    e.kind = EntryKind::kNote;
    e.body = "Parecer";
    e.author_id = author;
    e.contact_at = e.created_at = at;
    e.draft = draft;
    e.standard = standard;
    EntryId id;
    RETORNO_EXPECT_OK(Write([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(id, tx.followups().InsertEntry(e));
      return absl::OkStatus();
    }));
    return id;
  };
  EntryId std_published = entry(u, false, true, Now());
  EntryId draft_old = entry(u, true, true, Now() + absl::Minutes(1));
  EntryId draft_new = entry(u, true, false, Now() + absl::Minutes(2));
  entry(v, true, false, Now() + absl::Minutes(3));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Entry> e, tx.followups().FindEntry(std_published));
    EXPECT_TRUE(e && e->standard);
    ASSIGN_OR_RETURN(std::vector<PendingParecer> drafts, tx.attendance().ListDrafts(u));
    EXPECT_THAT(drafts, SizeIs(2));
    if (drafts.size() == 2) {
      EXPECT_EQ(drafts[0].entry.id, draft_new);
      EXPECT_EQ(drafts[1].entry.id, draft_old);
      EXPECT_TRUE(drafts[1].entry.standard);
      EXPECT_EQ(drafts[0].party_name, "Cliente Um");
    }
    return absl::OkStatus();
  }));
}

}  // namespace retorno
