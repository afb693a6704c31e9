// The store contract: workflow versions, each follow-up's position and moves, and the
// positions view (manual 003).
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using ::testing::ElementsAre;
using ::testing::SizeIs;
using namespace contract;  // NOLINT: the suite's small helpers

TEST_P(StoreContractTest, WorkflowVersionsCountPerTypeAndKeepTheirBody) {
  UserId admin = AddUser("admin");
  StoredWorkflow w;
  w.created_by = admin;
  w.created_at = Now();
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> def, tx.attendance().FindDefaultType());
    w.attendance_type_id = def->id;
    w.body = R"({"start":"a","steps":[]})";
    ASSIGN_OR_RETURN(StoredWorkflow v1, tx.workflow().InsertWorkflow(w));
    EXPECT_EQ(v1.version, 1);
    w.body = R"({"start":"b","steps":[]})";
    ASSIGN_OR_RETURN(StoredWorkflow v2, tx.workflow().InsertWorkflow(w));
    EXPECT_EQ(v2.version, 2);
    EXPECT_NE(v1.id, v2.id);
    ASSIGN_OR_RETURN(std::optional<StoredWorkflow> g, tx.workflow().FindWorkflow(v1.id));
    EXPECT_TRUE(g.has_value());
    if (g) {
      EXPECT_EQ(g->body, R"({"start":"a","steps":[]})");
      EXPECT_EQ(g->attendance_type_id, def->id);
      EXPECT_EQ(g->created_by, admin);
      EXPECT_EQ(g->created_at, w.created_at);
    }
    ASSIGN_OR_RETURN(std::optional<StoredWorkflow> none, tx.workflow().FindWorkflow(v2.id + 100));
    EXPECT_FALSE(none.has_value());
    return absl::OkStatus();
  }));
}

TEST_P(StoreContractTest, AFollowupsPositionMovesAndThePositionsViewFiltersByReach) {
  BranchId north = AddBranch("Norte");
  BranchId south = AddBranch("Sul");
  UserId a = AddUser("a", north);
  UserId b = AddUser("b", south);
  PartyId party = AddParty("P1", "Cliente");
  FollowupId f1 = AddFollowup(party, a, north);
  FollowupId f2 = AddFollowup(party, b, south);
  ActionId r1 = AddAction(f1, b, Day(2026, 3, 2));
  ActionId r2 = AddAction(f2, b, Day(2026, 3, 3));
  StoredWorkflow v;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<AttendanceType> def, tx.attendance().FindDefaultType());
    ASSIGN_OR_RETURN(
        v,
        tx.workflow().InsertWorkflow(
            {.attendance_type_id = def->id, .body = "{}", .created_by = a, .created_at = Now()}));
    WorkflowPosition p{.followup_id = f1,
                       .workflow_id = v.id,
                       .step = "contact",
                       .step_label = "Contato",
                       .step_kind = "situation",
                       .centre = CentreRef{"user", a.value},
                       .action_id = r1,
                       .since = Now()};
    RETURN_IF_ERROR(tx.workflow().PutPosition(p));
    p.step = "sale";
    p.step_label = "Venda";
    p.centre = CentreRef{"team", south.value};
    RETURN_IF_ERROR(tx.workflow().PutPosition(p));
    p.followup_id = f2;
    p.step = "contact";
    p.centre = std::nullopt;
    p.action_id = r2;
    RETURN_IF_ERROR(tx.workflow().PutPosition(p));
    RETURN_IF_ERROR(tx.workflow().InsertMove({.followup_id = f1,
                                              .to_step = "contact",
                                              .to_label = "Contato",
                                              .centre = CentreRef{"user", a.value},
                                              .assignee_id = a,
                                              .action_id = r1,
                                              .moved_by = a,
                                              .moved_at = Now()}));
    return tx.workflow().InsertMove({.followup_id = f1,
                                     .from_step = "contact",
                                     .answers = {{"ok", "yes"}, {"sold", "no"}},
                                     .to_step = "sale",
                                     .to_label = "Venda",
                                     .centre = CentreRef{"team", south.value},
                                     .assignee_id = b,
                                     .moved_by = a,
                                     .moved_at = Now()});
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<WorkflowPosition> p, tx.workflow().FindPosition(f1));
    EXPECT_TRUE(p.has_value());
    if (p) {
      EXPECT_EQ(p->step, "sale");
      EXPECT_EQ(p->step_label, "Venda");
      EXPECT_EQ(p->centre, std::optional<CentreRef>(CentreRef{"team", south.value}));
      EXPECT_EQ(p->action_id, std::optional<ActionId>(r1));
      EXPECT_EQ(p->workflow_id, v.id);
    }
    ASSIGN_OR_RETURN(std::vector<WorkflowMove> moves, tx.workflow().ListMoves(f1));
    EXPECT_THAT(moves, SizeIs(2));
    if (moves.size() == 2) {
      EXPECT_EQ(moves[0].from_step, "");
      EXPECT_TRUE(moves[0].answers.empty());
      EXPECT_EQ(moves[1].from_step, "contact");
      EXPECT_THAT(moves[1].answers, ElementsAre(std::pair<std::string, std::string>{"ok", "yes"},
                                                std::pair<std::string, std::string>{"sold", "no"}));
      EXPECT_EQ(moves[1].assignee_id, std::optional<UserId>(b));
      EXPECT_FALSE(moves[1].action_id.has_value());
    }
    ASSIGN_OR_RETURN(std::vector<PositionRow> all, tx.workflow().ListPositions({}));
    EXPECT_THAT(all, SizeIs(2));
    ASSIGN_OR_RETURN(std::vector<PositionRow> of_north,
                     tx.workflow().ListPositions({.branch_id = north}));
    EXPECT_THAT(of_north, SizeIs(1));
    if (of_north.size() == 1) {
      EXPECT_EQ(of_north[0].position.followup_id, f1);
      EXPECT_EQ(of_north[0].party_name, "Cliente");
      EXPECT_EQ(of_north[0].assignee_id, std::optional<UserId>(b));
      EXPECT_EQ(of_north[0].due_date, std::optional<absl::CivilDay>(Day(2026, 3, 2)));
      EXPECT_EQ(of_north[0].version, 1);
    }
    ASSIGN_OR_RETURN(std::vector<PositionRow> at_contact,
                     tx.workflow().ListPositions({.step = std::string("contact")}));
    EXPECT_THAT(at_contact, SizeIs(1));
    // b owns f2 and holds the return of f1.
    ASSIGN_OR_RETURN(std::vector<PositionRow> of_b, tx.workflow().ListPositions({.user_id = b}));
    EXPECT_THAT(of_b, SizeIs(2));
    ASSIGN_OR_RETURN(std::vector<PositionRow> of_a, tx.workflow().ListPositions({.user_id = a}));
    EXPECT_THAT(of_a, SizeIs(1));
    return absl::OkStatus();
  }));
}

}  // namespace retorno
