// The attendance endpoints (manual 003): types, standard texts, pareceres and history.
import { http } from '../../shared/api/client';
import type {
  AnswerValue,
  AttendanceType,
  AttendanceTypeInput,
  Entry,
  FollowupQuestionnaire,
  History,
  ParecerCreate,
  ParecerEmail,
  ParecerEmailQueued,
  PendingParecer,
  Questionnaire,
  QuestionnaireInput,
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
  // The service cycle's questionnaires (ADR 0039).
  questionnaires: (typeId: number) =>
    http.get<{ items: Questionnaire[] }>(`/attendance-types/${typeId}/questionnaires`).then((r) => r.items),
  createQuestionnaire: (typeId: number, q: QuestionnaireInput) =>
    http.post<Questionnaire>(`/attendance-types/${typeId}/questionnaires`, q),
  patchQuestionnaire: (typeId: number, id: number, q: QuestionnaireInput) =>
    http.patch<Questionnaire>(`/attendance-types/${typeId}/questionnaires/${id}`, q),
  followupQuestionnaires: (followupId: number) =>
    http.get<{ items: FollowupQuestionnaire[] }>(`/followups/${followupId}/questionnaires`).then((r) => r.items),
  answer: (followupId: number, qid: number, answers: AnswerValue[], version: number) =>
    http.put<FollowupQuestionnaire>(`/followups/${followupId}/questionnaires/${qid}/answers`, { answers, version }),
};

export const MAX_TYPE_MB = 10;
