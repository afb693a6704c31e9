// The endpoints of the mailings to selected customers (manual 003, ADR 0048).
import { http, request } from '../../shared/api/client';
import type { components } from '../../shared/api/schema';

type Schemas = components['schemas'];
export type Mailing = Schemas['Mailing'];
export type MailingSelection = Schemas['MailingSelection'];
export type MailingRecipient = Schemas['MailingRecipient'];
export type RecipientStatus = MailingRecipient['status'];
export interface PreviewParty {
  id: number;
  code: string;
  name: string;
  kind: string;
  email: string;
  branch_id: number | null;
  opted_out: boolean;
}

export interface MailingDraft {
  subject: string;
  body: string;
  sender_name: string;
  filter: MailingSelection;
}

export const mailingsApi = {
  preview: (filter: MailingSelection, limit = 100) =>
    http.post<{ count: number; items: PreviewParty[] }>('/mailings/preview-recipients', { filter, limit }),
  senders: () => http.get<{ senders: string[]; placeholders: string[] }>('/mailings/senders'),
  list: () => http.get<{ items: Mailing[] }>('/mailings').then((r) => r.items),
  get: (id: number) => http.get<Mailing>(`/mailings/${id}`),
  recipients: (id: number, status?: RecipientStatus) =>
    http
      .get<{ items: MailingRecipient[] }>(`/mailings/${id}/recipients`, {
        query: status ? { status, limit: '200' } : { limit: '200' },
      })
      .then((r) => r.items),
  /** The mailing as JSON in the part "mailing", each file in a part "file". */
  send: (draft: MailingDraft, files: File[]) => {
    const form = new FormData();
    form.append('mailing', JSON.stringify(draft));
    for (const f of files) form.append('file', f, f.name);
    return request<Mailing>('POST', '/mailings', { body: form }).then((r) => r.data);
  },
};
