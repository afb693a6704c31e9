// Attendance types and pareceres (manual 003) against a real SQLite store.
#include "app/attendance/attendance.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/error_codes.h"
#include "app/use_case_test.h"
#include "platform/sodium_secrets.h"

namespace retorno {
namespace {

const absl::Time kAt = Utc(2026, 11, 23, 13, 0);

class AttendanceTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    secrets_ = NewSodiumSecrets(dir_ + "/secret.key").value();
    messaging_ = std::make_unique<MessagingService>(*store_, *crypto_, *secrets_);
    attendance_ = std::make_unique<AttendanceService>(*store_, *followups_, *messaging_);
    agent_.user = NewUser("ana", Role::kAgent);
    other_.user = NewUser("beto", Role::kAgent);
    party_ = NewParty("C-1", agent_.user.id).id;
  }

  AttendanceType NewType(bool attachments, int64_t max_bytes, std::string parecer = "") {
    AttendanceTypeInput in;
    in.name_pt = "Assistência";
    in.name_es = "Asistencia";
    in.name_en = "Assistance";
    in.attachments_allowed = attachments;
    in.max_attachment_bytes = max_bytes;
    in.parecer_text = std::move(parecer);
    return attendance_->CreateType(admin_, in, kAt).value();
  }

  FollowupId NewFollowup(std::optional<int64_t> type) {
    CreateFollowupInput in;
    in.party_id = party_;
    in.subject = "Revisão";
    in.category = "em_analise";
    in.attendance_type_id = type;
    Contact c;
    c.name = "Rosa";
    c.email = "rosa@cliente.com.br";
    in.contact = c;
    ActionInput a;
    a.type = "phone";
    a.due_date = absl::CivilDay(2026, 11, 30);
    in.next_action = a;
    return followups_->Create(agent_, in, kAt).value().detail.followup.id;
  }

  std::unique_ptr<Secrets> secrets_;
  std::unique_ptr<MessagingService> messaging_;
  std::unique_ptr<AttendanceService> attendance_;
  AuthContext agent_;
  AuthContext other_;
  PartyId party_;
};

TEST_F(AttendanceTest, OnlyAdminsConfigureTypesAndTheLimitIsTenMegabytes) {
  AttendanceTypeInput in;
  in.name_pt = in.name_es = in.name_en = "Visita";
  EXPECT_EQ(ErrorCodeOf(attendance_->CreateType(agent_, in, kAt).status()), ErrorCode::kAdminOnly);
  in.max_attachment_bytes = kMaxAttendanceAttachmentBytes + 1;
  absl::Status st = attendance_->CreateType(admin_, in, kAt).status();
  ASSERT_EQ(FieldIssuesOf(st).size(), 1u) << st;
  EXPECT_EQ(FieldIssuesOf(st)[0].field, "max_attachment_bytes");
  in.max_attachment_bytes = kMaxAttendanceAttachmentBytes;
  EXPECT_TRUE(attendance_->CreateType(admin_, in, kAt).ok());
}

TEST_F(AttendanceTest, TheDefaultTypeCannotBeRetired) {
  std::vector<AttendanceType> types = attendance_->ListTypes(admin_).value();
  auto def = std::find_if(types.begin(), types.end(), [](auto& t) { return t.is_default; });
  ASSERT_NE(def, types.end());
  AttendanceTypeInput in;
  in.active = false;
  absl::Status st = attendance_->UpdateType(admin_, def->id, in, kAt).status();
  ASSERT_EQ(FieldIssuesOf(st).size(), 1u) << st;
  EXPECT_EQ(FieldIssuesOf(st)[0].field, "active");
}

TEST_F(AttendanceTest, AFollowupWithoutATypeGetsTheDefaultOne) {
  FollowupId f = NewFollowup(std::nullopt);
  FollowupDetail d = followups_->Get(agent_, f, kAt).value();
  std::vector<AttendanceType> types = attendance_->ListTypes(admin_).value();
  for (const AttendanceType& t : types)
    if (t.is_default) {
      EXPECT_EQ(d.attendance_type_id, t.id.value);
    }
}

TEST_F(AttendanceTest, TheTypeDecidesWhetherAndHowLargeAnAttachmentMayBe) {
  FollowupId forbids = NewFollowup(NewType(false, 1024).id.value);
  absl::Status st = followups_->AddAttachment(agent_, forbids, "a.txt", "abc", kAt).status();
  ASSERT_EQ(FieldIssuesOf(st).size(), 1u) << st;
  EXPECT_EQ(FieldIssuesOf(st)[0].key, "attachments_not_allowed");
  FollowupId small = NewFollowup(NewType(true, 4).id.value);
  EXPECT_EQ(ErrorCodeOf(followups_->AddAttachment(agent_, small, "a.txt", "abcde", kAt).status()),
            ErrorCode::kTooLarge);
  EXPECT_TRUE(followups_->AddAttachment(agent_, small, "a.txt", "abcd", kAt).ok());
}

TEST_F(AttendanceTest, AStandardParecerTakesTheFilledTextAndOnlyItIsInTheStandardHistory) {
  FollowupId f = NewFollowup(NewType(true, 1024, "Atendimento a #{contato}.").id.value);
  ParecerInput std_in;
  std_in.standard = true;
  Entry s = attendance_->AddParecer(agent_, f, std_in, kAt).value();
  EXPECT_EQ(s.body, "Atendimento a Rosa.");
  EXPECT_TRUE(s.standard);
  ParecerInput free_in;
  free_in.body = "Pediu orçamento.";
  Entry free = attendance_->AddParecer(agent_, f, free_in, kAt).value();
  std::vector<Entry> standard = attendance_->History(agent_, f, true).value();
  ASSERT_EQ(standard.size(), 1u);
  EXPECT_EQ(standard[0].id, s.id);
  std::vector<Entry> all = attendance_->History(agent_, f, false).value();
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](auto& e) { return e.id == free.id; }));
}

TEST_F(AttendanceTest, ADraftIsPendingForItsAuthorUntilPublished) {
  FollowupId f = NewFollowup(std::nullopt);
  ParecerInput in;
  in.body = "Continuar amanhã.";
  in.draft = true;
  Entry d = attendance_->AddParecer(agent_, f, in, kAt).value();
  EXPECT_EQ(attendance_->Pending(agent_).value().size(), 1u);
  EXPECT_TRUE(attendance_->Pending(other_).value().empty());
  auto in_history = [&] {
    std::vector<Entry> h = attendance_->History(agent_, f, false).value();
    return std::any_of(h.begin(), h.end(), [&](const Entry& e) { return e.id == d.id; });
  };
  EXPECT_FALSE(in_history());
  EXPECT_EQ(ErrorCodeOf(attendance_->Publish(other_, d.id, kAt).status()),
            ErrorCode::kEntryNotFound);
  ASSERT_TRUE(attendance_->Publish(agent_, d.id, kAt).ok());
  EXPECT_TRUE(attendance_->Pending(agent_).value().empty());
  EXPECT_TRUE(in_history());
}

}  // namespace
}  // namespace retorno
