// The reports' two calls, typed from the OpenAPI document.
import { http } from '../../shared/api/client';
import type { components } from '../../shared/api/schema';

export type UnattendedReport = components['schemas']['UnattendedReport'];
export type ActionsReport = components['schemas']['ActionsReport'];
export type TeamReport = components['schemas']['TeamReport'];
export type TeamFigures = components['schemas']['TeamFigures'];
export type AutomaticReport = components['schemas']['AutomaticReport'];

export interface ReportFilters {
  branch_id?: string;
  user_id?: string;
  from?: string;
  to?: string;
}

export const reportsApi = {
  unattended: (f: ReportFilters, cursor?: string | null) =>
    http.get<UnattendedReport>('/reports/unattended', {
      query: { branch_id: f.branch_id, owner_id: f.user_id, from: f.from, to: f.to, cursor: cursor ?? undefined },
    }),
  team: (f: ReportFilters) =>
    http.get<TeamReport>('/reports/team', {
      query: { branch_id: f.branch_id, owner_id: f.user_id, from: f.from, to: f.to },
    }),
  automatic: (f: ReportFilters) =>
    http.get<AutomaticReport>('/reports/automatic', {
      query: { branch_id: f.branch_id, owner_id: f.user_id, from: f.from, to: f.to },
    }),
  actions: (f: ReportFilters, cursor?: string | null) =>
    http.get<ActionsReport>('/reports/actions', {
      query: { branch_id: f.branch_id, user_id: f.user_id, from: f.from, to: f.to, cursor: cursor ?? undefined },
    }),
};

/** Monday of the week of a civil date "YYYY-MM-DD". */
export function weekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d);
  const back = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - back * 86_400_000).toISOString().slice(0, 10);
}

/** Per-day totals folded into weeks beginning on Monday, in order. */
export function byWeek(days: ActionsReport['per_day']): { week: string; returns: number; entries: number }[] {
  const out: { week: string; returns: number; entries: number }[] = [];
  for (const d of days) {
    const w = weekOf(d.day);
    const last = out[out.length - 1];
    if (last && last.week === w) {
      last.returns += d.returns;
      last.entries += d.entries;
    } else {
      out.push({ week: w, returns: d.returns, entries: d.entries });
    }
  }
  return out;
}

/** Team per-day figures folded into weeks beginning on Monday, in order. */
export function teamByWeek(
  days: TeamReport['per_day'],
): { week: string; due: number; on_time: number; late: number }[] {
  const out: { week: string; due: number; on_time: number; late: number }[] = [];
  for (const d of days) {
    const w = weekOf(d.day);
    const last = out[out.length - 1];
    if (last && last.week === w) {
      last.due += d.due;
      last.on_time += d.on_time;
      last.late += d.late;
    } else {
      out.push({ week: w, due: d.due, on_time: d.on_time, late: d.late });
    }
  }
  return out;
}

export type ReportSchedule = components['schemas']['ReportSchedule'];
export type ReportScheduleInput = components['schemas']['ReportScheduleInput'];

/** Reports sent by e-mail on a schedule (the server's /report-schedules). */
export const schedulesApi = {
  list: () => http.get<{ items: ReportSchedule[] }>('/report-schedules'),
  create: (body: ReportScheduleInput) => http.post<ReportSchedule>('/report-schedules', body),
  pause: (id: number, paused: boolean) => http.patch<ReportSchedule>(`/report-schedules/${id}`, { paused }),
  remove: (id: number) => http.del<void>(`/report-schedules/${id}`),
};
