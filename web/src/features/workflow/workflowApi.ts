// The workflow endpoints (ADR 0038): a type's workflow, a follow-up's place in its
// workflow and its answers, and where each follow-up stands.
import { http } from '../../shared/api/client';
import type { FollowupWorkflow, Workflow, WorkflowInput, WorkflowPositionItem } from '../../shared/api/types';

export interface PositionFilters {
  attendance_type_id?: number;
  step?: string;
}

export const workflowApi = {
  types: () =>
    http
      .get<{ items: { id: number; name: string; active: boolean; workflow_id: number | null }[] }>('/attendance-types')
      .then((r) => r.items),
  get: (typeId: number) => http.get<Workflow>(`/attendance-types/${typeId}/workflow`),
  put: (typeId: number, wf: WorkflowInput) => http.put<Workflow>(`/attendance-types/${typeId}/workflow`, wf),
  ofFollowup: (id: number) => http.get<FollowupWorkflow>(`/followups/${id}/workflow`),
  advance: (id: number, answers: string[], result?: string) =>
    http.post<FollowupWorkflow>(`/followups/${id}/workflow/advance`, result ? { answers, result } : { answers }),
  positions: (f: PositionFilters) =>
    http
      .get<{ items: WorkflowPositionItem[] }>('/workflow/positions', {
        query: { attendance_type_id: f.attendance_type_id, step: f.step || undefined },
      })
      .then((r) => r.items),
};
