// The attendance endpoints (manual 003): types, standard texts, pareceres and history.
import { http } from '../../shared/api/client';
import type {
  AttendanceType,
  AttendanceTypeInput,
  Entry,
  History,
  ParecerCreate,
  ParecerEmail,
  ParecerEmailQueued,
  PendingParecer,
  StandardTexts,
} from '../../shared/api/types';

export const attendanceApi = {
  types: () => http.get<{ items: AttendanceType[] }>('/attendance-types').then((r) => r.items),
  createType: (t: AttendanceTypeInput) => http.post<AttendanceType>('/attendance-types', t),
  patchType: (id: number, t: AttendanceTypeInput) => http.patch<AttendanceType>(`/attendance-types/${id}`, t),
  standardTexts: (followupId: number) => http.get<StandardTexts>(`/followups/${followupId}/standard-texts`),
  addParecer: (followupId: number, p: ParecerCreate) => http.post<Entry>(`/followups/${followupId}/pareceres`, p),
  publish: (id: number) => http.post<Entry>(`/pareceres/${id}/publish`),
  pending: () => http.get<{ items: PendingParecer[] }>('/pareceres/pending').then((r) => r.items),
  email: (id: number, e: ParecerEmail) => http.post<ParecerEmailQueued>(`/pareceres/${id}/email`, e),
  history: (followupId: number, standard: boolean) =>
    http.get<History>(`/followups/${followupId}/history`, { query: { standard: standard ? 'true' : undefined } }),
};

export const MAX_TYPE_MB = 10;
