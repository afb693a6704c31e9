// The store contract: appointments of a follow-up, their users, soft deletion and the
// users' busy time (manual 003, "Agendamentos" and "Dias livres").
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "store/sql/appointments.h"
#include "store/store_contract_test.h"
#include "store/store_contract_util.h"

namespace retorno {

using namespace contract;  // NOLINT: the suite's small helpers

namespace {

// The appointment repository of the suite's transaction, as the use cases reach it.
std::unique_ptr<AppointmentRepository> Appts(Tx& tx) { return sql::SqlAppointmentStore().In(tx); }

}  // namespace

TEST_P(StoreContractTest, AppointmentsRoundTripWithUsersAndStayWhenDeleted) {
  UserId ana = AddUser("ana");
  UserId bia = AddUser("bia");
  UserId caio = AddUser("caio");
  PartyId p = AddParty("P1", "Cliente Um");
  FollowupId f = AddFollowup(p, ana, std::nullopt, "Visita técnica");
  const absl::Time t = Now();
  Appointment a{.followup_id = f,
                .starts_at = t + absl::Hours(2),
                .ends_at = t + absl::Hours(3),
                .place = "Sala 2",
                .note = "Levar o catálogo",
                .attendees = {bia, ana},
                .created_by = ana,
                .created_at = t,
                .updated_by = ana,
                .updated_at = t};
  Appointment early = a;
  early.starts_at = t + absl::Hours(1);
  early.ends_at = t + absl::Minutes(90);
  early.attendees = {caio};
  RETORNO_ASSERT_OK(Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(a.id, Appts(tx)->InsertAppointment(a));
    ASSIGN_OR_RETURN(early.id, Appts(tx)->InsertAppointment(early));
    return absl::OkStatus();
  }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Appointment> g, Appts(tx)->FindAppointment(a.id));
    EXPECT_TRUE(g.has_value());
    if (!g) return absl::OkStatus();
    EXPECT_EQ(g->followup_id, f);
    EXPECT_EQ(g->starts_at, a.starts_at);
    EXPECT_EQ(g->ends_at, a.ends_at);
    EXPECT_EQ(g->place, "Sala 2");
    EXPECT_EQ(g->note, "Levar o catálogo");
    EXPECT_EQ(g->attendees, (std::vector<UserId>{bia, ana}));  // the order given
    EXPECT_EQ(g->version, 1);
    EXPECT_FALSE(g->deleted_at.has_value());
    ASSIGN_OR_RETURN(std::vector<Appointment> list, Appts(tx)->ListAppointments(f));
    EXPECT_EQ(list.size(), 2u);
    if (list.size() == 2) {
      EXPECT_EQ(list[0].id, early.id);  // by start
    }
    ASSIGN_OR_RETURN(std::optional<Appointment> none,
                     Appts(tx)->FindAppointment(AppointmentId(a.id.value + 100)));
    EXPECT_FALSE(none.has_value());
    return absl::OkStatus();
  }));

  // Busy time: overlapping [from, to) only; the other user's appointment is not ana's.
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<AttendeeBusy> b,
                     Appts(tx)->ListBusy({ana, caio}, t, t + absl::Hours(24)));
    EXPECT_EQ(b.size(), 2u);
    ASSIGN_OR_RETURN(b, Appts(tx)->ListBusy({ana}, t + absl::Hours(3), t + absl::Hours(4)));
    EXPECT_TRUE(b.empty()) << "an appointment ending at `from` does not overlap";
    ASSIGN_OR_RETURN(b, Appts(tx)->ListBusy({ana}, t + absl::Minutes(150), t + absl::Minutes(160)));
    EXPECT_EQ(b.size(), 1u);
    if (!b.empty()) {
      EXPECT_EQ(b[0].appointment_id, a.id);
      EXPECT_EQ(b[0].user_id, ana);
      EXPECT_EQ(b[0].followup_id, f);
    }
    return absl::OkStatus();
  }));

  // Moved, users changed, then deleted: kept and consultable, but no longer busy time.
  a.starts_at = t + absl::Hours(5);
  a.ends_at = t + absl::Hours(6);
  a.attendees = {caio};
  a.version = 2;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return Appts(tx)->UpdateAppointment(a); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<AttendeeBusy> b,
                     Appts(tx)->ListBusy({ana}, t, t + absl::Hours(24)));
    EXPECT_TRUE(b.empty());
    ASSIGN_OR_RETURN(b, Appts(tx)->ListBusy({caio}, t + absl::Hours(5), t + absl::Hours(6)));
    EXPECT_EQ(b.size(), 1u);
    return absl::OkStatus();
  }));
  a.deleted_at = t + absl::Minutes(1);
  a.deleted_by = bia;
  a.version = 3;
  RETORNO_ASSERT_OK(Write([&](Tx& tx) { return Appts(tx)->UpdateAppointment(a); }));
  RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<AttendeeBusy> b,
                     Appts(tx)->ListBusy({caio}, t, t + absl::Hours(24)));
    EXPECT_EQ(b.size(), 1u);  // only `early`
    ASSIGN_OR_RETURN(std::optional<Appointment> g, Appts(tx)->FindAppointment(a.id));
    EXPECT_TRUE(g && g->deleted_at == t + absl::Minutes(1) && g->deleted_by == bia);
    EXPECT_TRUE(g && g->version == 3 && g->attendees == std::vector<UserId>{caio});
    return absl::OkStatus();
  }));
  Appointment ghost = a;
  ghost.id = AppointmentId(a.id.value + 100);
  EXPECT_TRUE(absl::IsNotFound(Write([&](Tx& tx) { return Appts(tx)->UpdateAppointment(ghost); })));
}

}  // namespace retorno
