// Team performance and automatic follow-ups (ADR 0032): the store groups and counts,
// this file judges each group in the viewer's zone and adds up rows into totals, so a
// total is always the sum of its rows.
#include <algorithm>
#include <tuple>

#include "app/errors.h"
#include "app/reports/reports.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/permissions.h"
#include "domain/time_zone.h"

namespace retorno {

void TeamFigures::Add(const TeamFigures& o) {
  due += o.due;
  on_time += o.on_time;
  done_late += o.done_late;
  still_late += o.still_late;
  pending += o.pending;
  for (const auto& [days, n] : o.days_late) days_late[days] += n;
}

void TeamFigures::Finish() {
  completion_rate.reset();
  median_days_late.reset();
  if (due > 0)
    completion_rate = static_cast<double>(on_time + done_late) / static_cast<double>(due);
  const int64_t late = done_late + still_late;
  if (late == 0) return;
  // The middle value, or the mean of the two middle values of an even count.
  auto nth = [&](int64_t k) {  // k-th smallest, from 0
    for (const auto& [days, n] : days_late) {
      if (k < n) return days;
      k -= n;
    }
    return days_late.rbegin()->first;
  };
  if (late % 2 == 1) {
    median_days_late = nth(late / 2);
  } else {
    median_days_late = (nth(late / 2 - 1) + nth(late / 2)) / 2.0;
  }
}

namespace {

struct Period {
  absl::CivilDay from, to;
};

// The viewer's days of a period report: default the 30 days ending today; 422 on `to`
// when reversed or longer than kMaxReportDays.
absl::StatusOr<Period> PeriodOf(std::optional<absl::CivilDay> from,
                                std::optional<absl::CivilDay> to, absl::CivilDay today) {
  Period p;
  p.to = to.value_or(from ? std::max(*from, today) : today);
  p.from = from.value_or(p.to - 29);
  if (p.from > p.to) return FieldError("to", "before_from");
  if (p.to - p.from + 1 > kMaxReportDays) return FieldError("to", "out_of_range");
  return p;
}

}  // namespace

absl::StatusOr<TeamResult> ReportService::Team(const AuthContext& ctx, const TeamInput& in,
                                               absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kViewReports));
  TeamResult out;
  out.today = TodayOf(ctx.user, now);
  ASSIGN_OR_RETURN(const Period p, PeriodOf(in.from, in.to, out.today));
  out.from = p.from;
  out.to = p.to;
  const int64_t length = p.to - p.from + 1;
  out.previous_to = p.from - 1;
  out.previous_from = p.from - length;
  const absl::TimeZone zone = ZoneOf(ctx.user);
  const Viewer v = ctx.viewer();
  TeamQuery q;
  q.visibility = ReportVisibilityOf(v);
  q.from = out.previous_from;
  q.to = out.to;
  q.agent_id = in.owner_id;
  q.branch_id = in.branch_id;
  // Returns are done around their due days: the spans reach a year before the first and
  // two days past now; one done outside them is grouped by its 15-minute slot instead.
  q.local_days = OffsetSpans(zone, InstantOf(q.from - 366, 0, zone), now + absl::Hours(48));
  std::vector<TeamCount> counts;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(CheckReportFilters(tx, v, in.branch_id, in.owner_id, "owner_id"));
    ASSIGN_OR_RETURN(counts, tx.reports().QueryTeam(q));
    return absl::OkStatus();
  }));

  for (absl::CivilDay d = out.from; d <= out.to; ++d) out.per_day.push_back({d, 0, 0, 0});
  // Rows by (agent, branch), in the order they are shown.
  auto key = [](const TeamRow& r) {
    return std::make_tuple(r.branch_name, r.branch_id.has_value() ? r.branch_id->value : 0,
                           r.agent_name, r.agent_id.value);
  };
  std::map<std::tuple<std::string, int64_t, std::string, int64_t>, TeamRow> rows;
  for (const TeamCount& c : counts) {
    TeamRow probe{c.agent_id, c.agent_name, c.branch_id, c.branch_name, {}, {}};
    TeamRow& row = rows.try_emplace(key(probe), probe).first->second;
    const bool current = c.due_date >= out.from;
    TeamFigures& fig = current ? row.current : row.previous;
    fig.due += c.count;
    int days_late = 0;
    bool on_time = false;
    if (c.done) {
      // A slot lies within one local day: the day of its first instant.
      const absl::CivilDay done_day =
          c.done_day ? *c.done_day : DayIn(absl::FromUnixMicros(c.slot * 900'000'000), zone);
      on_time = done_day <= c.due_date;
      if (on_time) {
        fig.on_time += c.count;
      } else {
        fig.done_late += c.count;
        days_late = static_cast<int>(done_day - c.due_date);
      }
    } else if (c.due_date < out.today) {
      fig.still_late += c.count;
      days_late = static_cast<int>(out.today - c.due_date);
    } else {
      fig.pending += c.count;
    }
    if (days_late > 0) fig.days_late[days_late] += c.count;
    if (current) {
      TeamDay& d = out.per_day[static_cast<size_t>(c.due_date - out.from)];
      d.due += c.count;
      if (on_time) d.on_time += c.count;
      if (days_late > 0) d.late += c.count;
    }
  }

  std::map<std::pair<std::string, int64_t>, TeamBranchTotal> branches;
  for (auto& [k, row] : rows) {
    row.current.Finish();
    row.previous.Finish();
    std::pair<std::string, int64_t> bkey(row.branch_name, row.branch_id ? row.branch_id->value : 0);
    TeamBranchTotal& b =
        branches
            .try_emplace(std::move(bkey), TeamBranchTotal{row.branch_id, row.branch_name, {}, {}})
            .first->second;
    b.current.Add(row.current);
    b.previous.Add(row.previous);
    out.total.Add(row.current);
    out.previous_total.Add(row.previous);
    out.rows.push_back(std::move(row));
  }
  for (auto& [k, b] : branches) {
    b.current.Finish();
    b.previous.Finish();
    out.per_branch.push_back(std::move(b));
  }
  out.total.Finish();
  out.previous_total.Finish();
  return out;
}

absl::StatusOr<AutomaticResult> ReportService::Automatic(const AuthContext& ctx,
                                                         const AutomaticInput& in, absl::Time now) {
  RETURN_IF_ERROR(RequireRight(ctx, Right::kViewReports));
  AutomaticResult out;
  ASSIGN_OR_RETURN(const Period p, PeriodOf(in.from, in.to, TodayOf(ctx.user, now)));
  out.from = p.from;
  out.to = p.to;
  const absl::TimeZone zone = ZoneOf(ctx.user);
  const Viewer v = ctx.viewer();
  AutomaticQuery q;
  q.visibility = ReportVisibilityOf(v);
  q.from = InstantOf(p.from, 0, zone);
  q.to = InstantOf(p.to + 1, 0, zone);
  q.owner_id = in.owner_id;
  q.branch_id = in.branch_id;
  q.origin = in.origin;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(CheckReportFilters(tx, v, in.branch_id, in.owner_id, "owner_id"));
    ASSIGN_OR_RETURN(out.rows, tx.reports().QueryAutomatic(q));
    return absl::OkStatus();
  }));
  for (std::string_view origin : {kOriginAfterSale, kOriginServiceDone, kOriginBirthday}) {
    if (in.origin && *in.origin != origin) continue;
    AutomaticTotal t{std::string(origin), 0, 0, 0};
    for (const AutomaticCount& r : out.rows) {
      if (r.origin != origin) continue;
      t.created += r.created;
      t.done += r.done;
      t.converted += r.converted;
    }
    out.total.created += t.created;
    out.total.done += t.done;
    out.total.converted += t.converted;
    out.per_kind.push_back(std::move(t));
  }
  return out;
}

}  // namespace retorno
