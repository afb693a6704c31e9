// The proposal endpoints (manual 003, ADR 0047): layouts, their variables, a follow-up's
// proposals, a person's earlier ones, sending, and visit sheets.
import { API_BASE, http } from '../../shared/api/client';
import type {
  Proposal,
  ProposalInput,
  ProposalLayoutKind,
  ProposalQueued,
  ProposalTemplate,
  ProposalTemplateInput,
  ProposalVariable,
} from '../../shared/api/types';

export const proposalApi = {
  layouts: (kind?: ProposalLayoutKind) =>
    http
      .get<{ items: ProposalTemplate[] }>('/proposal-templates', { query: kind ? { kind } : {} })
      .then((r) => r.items),
  createLayout: (input: ProposalTemplateInput) => http.post<ProposalTemplate>('/proposal-templates', input),
  changeLayout: (id: number, input: ProposalTemplateInput) =>
    http.patch<ProposalTemplate>(`/proposal-templates/${id}`, input),
  variables: () => http.get<{ items: ProposalVariable[] }>('/proposal-variables').then((r) => r.items),
  ofFollowup: (followupId: number) =>
    http.get<{ items: Proposal[] }>(`/followups/${followupId}/proposals`).then((r) => r.items),
  ofParty: (partyId: number) => http.get<{ items: Proposal[] }>(`/parties/${partyId}/proposals`).then((r) => r.items),
  make: (followupId: number, input: ProposalInput) => http.post<Proposal>(`/followups/${followupId}/proposals`, input),
  send: (id: number) => http.post<ProposalQueued>(`/proposals/${id}/send`, {}),
  sendVisitSheet: (followupId: number, templateId: number) =>
    http.post<ProposalQueued>(`/followups/${followupId}/visit-sheet/send`, { template_id: templateId }),
};

/** Where the browser opens a proposal's PDF (the session cookie authenticates it). */
export const proposalPdfUrl = (id: number) => `${API_BASE}/proposals/${id}/pdf`;
/** Where the browser opens a follow-up's visit sheet printed from a layout. */
export const visitSheetUrl = (followupId: number, templateId: number) =>
  `${API_BASE}/followups/${followupId}/visit-sheet.pdf?template=${templateId}`;
