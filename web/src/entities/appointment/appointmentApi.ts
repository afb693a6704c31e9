// The appointment endpoints (manual 003, ADR 0045): a follow-up's appointments, booking,
// changing and deleting one, a user's on the calendar's days, and the free days of
// chosen users.
import { http } from '../../shared/api/client';
import type {
  Appointment,
  AppointmentInput,
  AppointmentPatch,
  BookedAppointment,
  UserFreeDays,
} from '../../shared/api/types';

export const appointmentApi = {
  ofFollowup: (followupId: number) =>
    http.get<{ items: Appointment[] }>(`/followups/${followupId}/appointments`).then((r) => r.items),
  book: (followupId: number, a: AppointmentInput) =>
    http.post<BookedAppointment>(`/followups/${followupId}/appointments`, a),
  change: (id: number, version: number, patch: AppointmentPatch) =>
    http.patch<BookedAppointment>(`/appointments/${id}`, patch, { headers: { 'If-Match': `"${version}"` } }),
  remove: (id: number) => http.del<void>(`/appointments/${id}`),
  /** A user's live appointments (default: me) on the days from..to of my zone. */
  ofUser: (from: string, to: string, userId?: number) =>
    http.get<{ items: Appointment[] }>('/appointments', { query: { from, to, user_id: userId } }).then((r) => r.items),
  freeDays: (users: number[], from: string, to: string) =>
    http
      .get<{ items: UserFreeDays[] }>('/free-days', { query: { users: users.join(','), from, to } })
      .then((r) => r.items),
};
