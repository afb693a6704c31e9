// The store contract: reports scheduled by e-mail (ADR 0033) — the schedules, their
// lease, the run row that sends a period once, and the files an outbox message carries.
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

namespace {

ReportSchedule ScheduleOf(UserId user, absl::Time now) {
  ReportSchedule s;
  s.user_id = user;
  s.report = "actions";
  s.filters = R"({"branch_id":"1"})";
  s.format = "pdf";
  s.frequency = "weekly";
  s.recipients = "me";
  s.next_run_at = now + absl::Hours(1);
  s.created_at = s.updated_at = now;
  return s;
}

}  // namespace

TEST_P(StoreContractTest, ReportSchedulesAreStoredEditedWithAVersionAndDeleted) {
  World w = MakeWorld();
  int64_t id = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto got = tx.report_schedules().InsertSchedule(ScheduleOf(w.ana, Now()));
    if (!got.ok()) return got.status();
    id = *got;
    return tx.report_schedules().InsertSchedule(ScheduleOf(w.caio, Now())).status();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto s = tx.report_schedules().FindSchedule(id);
    if (!s.ok()) return s.status();
    EXPECT_TRUE(s->has_value());
    if (!*s) return absl::OkStatus();
    EXPECT_EQ((*s)->user_id, w.ana);
    EXPECT_EQ((*s)->filters, R"({"branch_id":"1"})");
    EXPECT_EQ((*s)->next_run_at, Now() + absl::Hours(1));
    EXPECT_EQ((*s)->version, 1);
    auto mine = tx.report_schedules().ListSchedules(w.ana);
    if (!mine.ok()) return mine.status();
    EXPECT_EQ(mine->size(), 1u);
    auto all = tx.report_schedules().ListSchedules(std::nullopt);
    if (!all.ok()) return all.status();
    EXPECT_EQ(all->size(), 2u);
    return absl::OkStatus();
  }));
  ReportSchedule edit = ScheduleOf(w.ana, Now());
  edit.id = id;
  edit.format = "xlsx";
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return tx.report_schedules().UpdateSchedule(edit); }));
  // The same version again is stale now.
  absl::Status stale = Write([&](Tx& tx) { return tx.report_schedules().UpdateSchedule(edit); });
  EXPECT_TRUE(absl::IsFailedPrecondition(stale)) << stale;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.report_schedules().InsertRun({.schedule_id = id,
                                                     .period_start = absl::CivilDay(2026, 3, 2),
                                                     .sent_at = Now(),
                                                     .messages = 1}));
    return tx.report_schedules().DeleteSchedule(id);
  }));
  absl::Status gone = Write([&](Tx& tx) { return tx.report_schedules().DeleteSchedule(id); });
  EXPECT_TRUE(absl::IsNotFound(gone)) << gone;
}

TEST_P(StoreContractTest, AReportScheduleIsClaimedOnceAndAPeriodRecordedOnce) {
  World w = MakeWorld();
  int64_t id = 0;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    auto got = tx.report_schedules().InsertSchedule(ScheduleOf(w.ana, Now() - absl::Hours(2)));
    if (!got.ok()) return got.status();
    id = *got;
    return absl::OkStatus();
  }));
  auto claim = [&](const std::string& worker, absl::Time at) {
    std::vector<ReportSchedule> out;
    absl::Status st = Write([&](Tx& tx) -> absl::Status {
      auto c = tx.report_schedules().ClaimDueSchedules(at, 10, worker, at + absl::Minutes(5));
      if (!c.ok()) return c.status();
      out = *c;
      return absl::OkStatus();
    });
    EXPECT_TRUE(st.ok()) << st;
    return out;
  };
  EXPECT_EQ(claim("a", Now()).size(), 1u);
  EXPECT_TRUE(claim("b", Now()).empty()) << "leased by a";
  EXPECT_EQ(claim("b", Now() + absl::Minutes(6)).size(), 1u) << "a's lease ended";
  absl::Status not_mine = Write(
      [&](Tx& tx) { return tx.report_schedules().FinishRun(id, "a", Now() + absl::Hours(24)); });
  EXPECT_TRUE(absl::IsFailedPrecondition(not_mine)) << not_mine;

  const ReportScheduleRun run{.schedule_id = id,
                              .period_start = absl::CivilDay(2026, 3, 2),
                              .sent_at = Now(),
                              .messages = 2};
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(tx.report_schedules().InsertRun(run));
    return tx.report_schedules().FinishRun(id, "b", Now() + absl::Hours(24));
  }));
  absl::Status twice = Write([&](Tx& tx) { return tx.report_schedules().InsertRun(run); });
  EXPECT_TRUE(absl::IsAlreadyExists(twice)) << twice;
  EXPECT_TRUE(claim("c", Now() + absl::Hours(1)).empty()) << "the next run is tomorrow";
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    auto runs = tx.report_schedules().ListRuns(id);
    if (!runs.ok()) return runs.status();
    EXPECT_EQ(runs->size(), 1u);
    if (!runs->empty()) {
      EXPECT_EQ(runs->front().period_start, absl::CivilDay(2026, 3, 2));
      EXPECT_EQ(runs->front().messages, 2);
    }
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AnOutboxMessageKeepsItsFilesByteForByte) {
  World w = MakeWorld();
  std::string bytes("%PDF-\0\xff\x01 ótica", 16);
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    OutboxMessage m;
    m.kind = OutboxKind::kDigest;
    m.user_id = w.ana;
    m.to = {"ana@example.com"};
    m.subject = "s";
    m.text = "t";
    m.message_id = "<files@example.com>";
    m.created_at = Now();
    auto id = tx.messaging().InsertOutbox(m);
    if (!id.ok()) return id.status();
    RETURN_IF_ERROR(tx.messaging().InsertOutboxFile(*id, 1, {"b.xlsx", "application/x", "b"}));
    RETURN_IF_ERROR(tx.messaging().InsertOutboxFile(*id, 0, {"a.pdf", "application/pdf", bytes}));
    auto files = tx.messaging().ListOutboxFiles(*id);
    if (!files.ok()) return files.status();
    EXPECT_EQ(files->size(), 2u);
    if (files->size() == 2) {
      EXPECT_EQ((*files)[0].file_name, "a.pdf");
      EXPECT_EQ((*files)[0].bytes, bytes);
      EXPECT_EQ((*files)[1].file_name, "b.xlsx");
    }
    return absl::OkStatus();
  }));
}

}  // namespace retorno
