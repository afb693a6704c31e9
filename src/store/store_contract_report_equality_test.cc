// The store contract: the fast forms of the team and actions reports (ADR 0043: local
// days grouped in SQL, the returns' copies of their follow-up's owner and branch) give
// the same answer as a straightforward count, on generated follow-ups whose owner, branch
// and status change after their returns were written.
#include <map>
#include <random>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "gmock/gmock.h"
#include "store/store_contract_test.h"

namespace retorno {

namespace {

struct GenFollowup {
  FollowupId id;
  UserId owner;
  std::optional<BranchId> branch;
  bool open = true;
};

struct GenReturn {
  size_t followup = 0;  // index into the follow-ups
  UserId assignee;
  absl::CivilDay due;
  ActionStatus status = ActionStatus::kPlanned;
  std::optional<absl::Time> at;  // result time, or completion time when none
};

struct Generated {
  std::vector<GenFollowup> followups;
  std::vector<GenReturn> returns;
};

// (agent, branch, due day, done, local day of completion) -> returns.
using TeamKey = std::tuple<int64_t, int64_t, absl::CivilDay, bool, absl::CivilDay>;

}  // namespace

TEST_P(StoreContractTest, FastTeamAndActionsCountsEqualAStraightforwardCount) {
  const World w = MakeWorld();
  const std::vector<UserId> people = {w.ana, w.bia, w.caio, w.dani};
  const std::vector<std::optional<BranchId>> branches = {w.north, w.south, std::nullopt};
  std::mt19937_64 rng(20261122);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  Generated gen;
  const absl::Time now = Now();

  // Follow-ups with returns planned, done (around their due day, at any minute, with or
  // without a result time) and cancelled.
  for (int i = 0; i < 40; ++i) {
    GenFollowup f;
    f.owner = people[static_cast<size_t>(pick(4))];
    f.branch = branches[static_cast<size_t>(pick(3))];
    f.id = AddFollowup(pick(2) ? w.acme : w.zeta, f.owner, f.branch, absl::StrCat("gen ", i));
    const size_t fi = gen.followups.size();
    gen.followups.push_back(f);
    const int n = 1 + pick(4);
    for (int k = 0; k < n; ++k) {
      GenReturn r;
      r.followup = fi;
      r.assignee = people[static_cast<size_t>(pick(4))];
      r.due = kToday - 45 + pick(50);
      const int s = pick(5);
      r.status = s < 3    ? ActionStatus::kDone
                 : s == 3 ? ActionStatus::kPlanned
                          : ActionStatus::kCancelled;
      Action a;
      a.followup_id = f.id;
      a.type = "phone";
      a.due_date = r.due;
      a.status = r.status;
      a.assignee_id = r.assignee;
      a.created_at = now - absl::Hours(24 * 60);
      if (r.status == ActionStatus::kDone) {
        // From two days before the due day to four after, at any minute of UTC.
        const absl::Time at = InstantOf(r.due, 0, absl::UTCTimeZone()) +
                              absl::Minutes(pick(6 * 24 * 60) - 2 * 24 * 60);
        r.at = at;
        a.done_by = r.assignee;
        a.result = "ok";
        if (pick(3) == 0) {
          a.done_at = at;  // no result time: the completion time counts
        } else {
          a.result_at = at;
          a.done_at = at + absl::Hours(pick(40));
        }
      }
      RETORNO_ASSERT_OK(
          Write([&](Tx& tx) -> absl::Status { return tx.followups().InsertAction(a).status(); }));
      gen.returns.push_back(r);
    }
  }
  // Then the follow-ups move: a new owner or branch, closed, reopened. The returns'
  // copies must follow.
  for (GenFollowup& f : gen.followups) {
    if (pick(3) != 0) continue;
    std::optional<Followup> got = GetFollowup(f.id);
    ASSERT_TRUE(got.has_value());
    f.owner = got->owner_id = people[static_cast<size_t>(pick(4))];
    f.branch = got->branch_id = branches[static_cast<size_t>(pick(3))];
    f.open = pick(2) == 0;
    got->status = f.open ? FollowupStatus::kOpen : FollowupStatus::kClosed;
    RETORNO_ASSERT_OK(Write(
        [&](Tx& tx) -> absl::Status { return tx.followups().UpdateFollowup(*got).status(); }));
    if (!f.open && pick(2) == 0) {
      got = GetFollowup(f.id);
      ASSERT_TRUE(got.has_value());
      got->status = FollowupStatus::kOpen;
      f.open = true;
      RETORNO_ASSERT_OK(Write(
          [&](Tx& tx) -> absl::Status { return tx.followups().UpdateFollowup(*got).status(); }));
    }
  }

  std::vector<ReportVisibility> viewers(3);
  viewers[1].visible_owner = w.ana;  // an agent
  viewers[2].visible_owner = w.bia;  // a supervisor of the north
  viewers[2].visible_branch = w.north;
  auto reaches = [](const ReportVisibility& v, const GenFollowup& f) {
    if (v.visible_owner && v.visible_branch)
      return f.owner == *v.visible_owner || f.branch == v.visible_branch;
    if (v.visible_owner) return f.owner == *v.visible_owner;
    return true;
  };

  // Team: São Paulo, Mexico City and New York (daylight saving time), the spans as the
  // use case makes them and spans that stop short (the rest falls back to slots).
  const absl::CivilDay from = kToday - 40, to = kToday;
  for (const char* zone_name : {"America/Sao_Paulo", "America/Mexico_City", "America/New_York"}) {
    const absl::TimeZone zone = *LoadZone(zone_name);
    const std::vector<std::vector<OffsetSpan>> span_sets = {
        OffsetSpans(zone, InstantOf(from - 366, 0, zone), now + absl::Hours(48)),
        OffsetSpans(zone, InstantOf(kToday - 20, 0, zone), InstantOf(kToday - 5, 0, zone)),
        {}};
    for (const std::vector<OffsetSpan>& spans : span_sets) {
      for (const ReportVisibility& v : viewers) {
        SCOPED_TRACE(absl::StrCat(zone_name, ", ", spans.size(), " spans, owner ",
                                  v.visible_owner ? v.visible_owner->value : 0));
        std::map<TeamKey, int64_t> want, got;
        for (const GenReturn& r : gen.returns) {
          const GenFollowup& f = gen.followups[r.followup];
          if (r.due < from || r.due > to || !reaches(v, f)) continue;
          if (r.status == ActionStatus::kCancelled) continue;
          if (r.status == ActionStatus::kPlanned && !f.open) continue;
          const bool done = r.status == ActionStatus::kDone;
          want[{r.assignee.value, f.branch ? f.branch->value : 0, r.due, done,
                done ? DayIn(*r.at, zone) : absl::CivilDay()}]++;
        }
        TeamQuery q;
        q.visibility = v;
        q.from = from;
        q.to = to;
        q.local_days = spans;
        RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
          ASSIGN_OR_RETURN(std::vector<TeamCount> counts, tx.reports().QueryTeam(q));
          for (const TeamCount& c : counts) {
            absl::CivilDay day;
            if (c.done)
              day = c.done_day ? *c.done_day
                               : DayIn(absl::FromUnixMicros(c.slot * 900'000'000), zone);
            got[{c.agent_id.value, c.branch_id ? c.branch_id->value : 0, c.due_date, c.done,
                 day}] += c.count;
          }
          return absl::OkStatus();
        }));
        EXPECT_EQ(got, want);
        EXPECT_FALSE(want.empty());
      }
    }
  }

  // Actions: returns done in a period, per user, in each viewer's reach.
  const absl::Time a_from = InstantOf(kToday - 30, 0, absl::UTCTimeZone());
  const absl::Time a_to = InstantOf(kToday - 5, 0, absl::UTCTimeZone());
  for (const ReportVisibility& v : viewers) {
    for (std::optional<BranchId> branch : {std::optional<BranchId>(), std::optional(w.north)}) {
      std::map<int64_t, int64_t> want, got;
      int64_t want_total = 0;
      for (const GenReturn& r : gen.returns) {
        const GenFollowup& f = gen.followups[r.followup];
        if (r.status != ActionStatus::kDone || *r.at < a_from || *r.at >= a_to) continue;
        if (!reaches(v, f) || (branch && f.branch != branch)) continue;
        want[r.assignee.value]++;
        ++want_total;
      }
      ActionsQuery q;
      q.visibility = v;
      q.from = a_from;
      q.to = a_to;
      q.branch_id = branch;
      q.kind = ActionKind::kReturn;
      q.limit = 500;
      ActionsReport rep;
      RETORNO_ASSERT_OK(Read([&](Tx& tx) -> absl::Status {
        ASSIGN_OR_RETURN(rep, tx.reports().QueryActions(q));
        return absl::OkStatus();
      }));
      for (const ActionCount& c : rep.per_user) got[c.key] += c.returns;
      EXPECT_EQ(got, want);
      EXPECT_EQ(rep.returns, want_total);
      EXPECT_EQ(static_cast<int64_t>(rep.rows.size()), want_total);
    }
  }
}

}  // namespace retorno
