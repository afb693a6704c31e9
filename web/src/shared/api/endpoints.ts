// One function per route of the API used by the app.
import { API_BASE, http, request, upload } from './client';
import type {
  ActionInput,
  AnonymiseResult,
  AuditFilters,
  AuditPage,
  AgendaItem,
  AgendaScope,
  AgendaWhen,
  Attachment,
  Branch,
  BranchPatch,
  CalendarDayItems,
  CalendarFeed,
  CalendarMonth,
  CalendarWho,
  CatalogInput,
  CatalogItem,
  CatalogKind,
  CatalogPatch,
  CodeItem,
  CodePatch,
  DocumentFilters,
  DocumentInput,
  DocumentList,
  FollowupDocumentInput,
  FollowupDocumentList,
  ImportJob,
  SalesDocument,
  CompleteInput,
  EmailSend,
  MailHealth,
  MailTemplate,
  NotificationList,
  OpportunityCreate,
  OpportunityCreated,
  OutboxItem,
  OutboxState,
  ReopenRequest,
  SmtpInput,
  SmtpSettings,
  SnoozeChoice,
  TemplateList,
  TemplatePreview,
  UserNotification,
  Entry,
  EntryCreate,
  Followup,
  FollowupCreate,
  FollowupFilters,
  FollowupList,
  FollowupPatch,
  Me,
  Party,
  PartyCreate,
  PartyKind,
  PartyPatch,
  RescheduleInput,
  Session,
  Settings,
  User,
  UserCreate,
  UserPatch,
  UserRights,
  UserRightsPut,
} from './types';

interface Items<T> {
  items: T[];
}

export const api = {
  login: (login: string, password: string) => http.post<Session>('/session', { login, password }, { quiet401: true }),
  logout: () => http.del<null>('/session', { quiet401: true }),
  me: () => http.get<Me>('/me', { quiet401: true }),

  /** Retired branches too with `includeRetired` (to name them on old records). */
  branches: (includeRetired = false) =>
    http
      .get<Items<Branch>>('/branches', { query: { include_retired: includeRetired || undefined } })
      .then((r) => r.items),
  createBranch: (b: { name: string; time_zone?: string }) => http.post<Branch>('/branches', b),
  patchBranch: (id: number, p: BranchPatch) => http.patch<Branch>(`/branches/${id}`, p),

  users: () => http.get<Items<User>>('/users').then((r) => r.items),
  createUser: (u: UserCreate) => http.post<User>('/users', u),
  patchUser: (id: number, u: UserPatch) => http.patch<User>(`/users/${id}`, u),
  userRights: (id: number) => http.get<UserRights>(`/users/${id}/rights`),
  putUserRights: (id: number, body: UserRightsPut) => http.put<UserRights>(`/users/${id}/rights`, body),

  settings: () => http.get<Settings>('/settings'),
  putSettings: (s: Settings) => http.put<Settings>('/settings', s),

  /** Retired rows too with `includeRetired` (to name them on old records). */
  contactTypes: (includeRetired = false) =>
    http
      .get<Items<CodeItem>>('/contact-types', { query: { include_retired: includeRetired || undefined } })
      .then((r) => r.items),
  createContactType: (c: { code: string; name: string }) => http.post<CodeItem>('/contact-types', c),
  patchContactType: (id: number, p: CodePatch) => http.patch<CodeItem>(`/contact-types/${id}`, p),
  categories: (includeRetired = false) =>
    http
      .get<Items<CodeItem>>('/categories', { query: { include_retired: includeRetired || undefined } })
      .then((r) => r.items),
  createCategory: (c: { code: string; name: string }) => http.post<CodeItem>('/categories', c),
  patchCategory: (id: number, p: CodePatch) => http.patch<CodeItem>(`/categories/${id}`, p),

  parties: (q: string, kind?: PartyKind | '', limit?: number, signal?: AbortSignal) =>
    http.get<Items<Party>>('/parties', { query: { q, kind, limit }, signal }).then((r) => r.items),
  /** The party and its ETag (needed by PATCH). */
  party: async (id: number) => {
    const r = await request<Party>('GET', `/parties/${id}`);
    return { party: r.data, etag: r.etag ?? `"${r.data.version}"` };
  },
  createParty: (p: PartyCreate) => http.post<Party>('/parties', p),
  /** Changes the fields of `patch` of the party read with `etag`: a stale one answers 412. */
  updateParty: async (id: number, etag: string, patch: PartyPatch) => {
    const r = await request<Party>('PATCH', `/parties/${id}`, { body: patch, headers: { 'If-Match': etag } });
    return { party: r.data, etag: r.etag ?? `"${r.data.version}"` };
  },

  /** Irreversible (LGPD): `confirm` is the party's name, typed by the admin. */
  anonymiseParty: (id: number, confirm: string) => http.post<AnonymiseResult>(`/parties/${id}/anonymise`, { confirm }),
  /** One contact person (`position` from 1); `confirm` is the contact's name. */
  anonymiseContact: (id: number, position: number, confirm: string) =>
    http.post<AnonymiseResult>(`/parties/${id}/contacts/${position}/anonymise`, { confirm }),

  audit: (filters: AuditFilters, cursor?: string | null) =>
    http.get<AuditPage>('/audit', { query: { ...filters, cursor, limit: 50 } }),

  followups: (filters: FollowupFilters, cursor?: string | null, signal?: AbortSignal) =>
    http.get<FollowupList>('/followups', { query: { ...filters, cursor }, signal }),
  /** The follow-up and its ETag (needed by PATCH). */
  followup: async (id: number) => {
    const r = await request<Followup>('GET', `/followups/${id}`);
    return { followup: r.data, etag: r.etag ?? `"${r.data.version}"` };
  },
  createFollowup: (f: FollowupCreate) => http.post<Followup>('/followups', f),
  patchFollowup: async (id: number, etag: string, patch: FollowupPatch) => {
    const r = await request<Followup>('PATCH', `/followups/${id}`, { body: patch, headers: { 'If-Match': etag } });
    return { followup: r.data, etag: r.etag ?? `"${r.data.version}"` };
  },
  addEntry: (followupId: number, e: EntryCreate) => http.post<Entry>(`/followups/${followupId}/entries`, e),
  publishEntry: (entryId: number) => http.post<Entry>(`/entries/${entryId}/publish`),
  addAction: (followupId: number, a: ActionInput) => http.post<unknown>(`/followups/${followupId}/actions`, a),
  completeAction: (actionId: number, c: CompleteInput) => http.post<Followup>(`/actions/${actionId}/complete`, c),
  rescheduleAction: (actionId: number, r: RescheduleInput) => http.post<Followup>(`/actions/${actionId}/reschedule`, r),
  cancelAction: (actionId: number, reason: string) => http.post<Followup>(`/actions/${actionId}/cancel`, { reason }),
  closeFollowup: (id: number, result: string) => http.post<Followup>(`/followups/${id}/close`, { result }),
  reopenFollowup: (id: number, reason: string) => http.post<Followup>(`/followups/${id}/reopen`, { reason }),
  // Reopen requests (ADR 0042): the agent asks, a supervisor approves or refuses.
  requestReopen: (id: number, reason: string) =>
    http.post<ReopenRequest>(`/followups/${id}/reopen-requests`, { reason }),
  approveReopen: (requestId: number) => http.post<ReopenRequest>(`/reopen-requests/${requestId}/approve`),
  refuseReopen: (requestId: number, answer: string) =>
    http.post<ReopenRequest>(`/reopen-requests/${requestId}/refuse`, answer ? { answer } : {}),
  uploadAttachment: (followupId: number, file: File, onProgress?: (f: number) => void) =>
    upload<Attachment>(`/followups/${followupId}/attachments`, file, onProgress),
  attachmentUrl: (id: number) => `${API_BASE}/attachments/${id}`,

  agenda: (scope: AgendaScope, when: AgendaWhen, range?: { from?: string; to?: string }) =>
    http.get<Items<AgendaItem>>('/agenda', { query: { scope, when, ...range } }).then((r) => r.items),

  calendar: (month: string, who: CalendarWho, signal?: AbortSignal) =>
    http.get<CalendarMonth>('/calendar', { query: { month, scope: who.scope, user_id: who.user_id }, signal }),
  calendarDay: (date: string, who: CalendarWho, signal?: AbortSignal) =>
    http.get<CalendarDayItems>('/calendar/day', { query: { date, scope: who.scope, user_id: who.user_id }, signal }),
  createOpportunity: (o: OpportunityCreate) => http.post<OpportunityCreated>('/opportunities', o),
  createCalendarFeed: () => http.post<CalendarFeed>('/me/calendar-feed'),
  revokeCalendarFeed: () => http.del<null>('/me/calendar-feed'),

  /** URL of the Server-Sent Events stream (cookie session; EventSource sends cookies). */
  eventsUrl: () => `${API_BASE}/events`,
  notifications: (opts: { unread?: boolean; limit?: number } = {}) =>
    http.get<NotificationList>('/notifications', {
      query: { unread: opts.unread ? 'true' : undefined, limit: opts.limit },
    }),
  readNotification: (id: number) => http.post<null>(`/notifications/${id}/read`),
  readAllNotifications: () => http.post<null>('/notifications/read-all'),
  snoozeNotification: (id: number, until: SnoozeChoice) =>
    http.post<UserNotification>(`/notifications/${id}/snooze`, { until }),

  smtpSettings: () => http.get<SmtpSettings>('/settings/smtp'),
  putSmtpSettings: (s: SmtpInput) => http.put<SmtpSettings>('/settings/smtp', s),
  sendTestEmail: (to: string) => http.post<OutboxItem>('/settings/smtp/test', { to }),
  mailHealth: () => http.get<MailHealth>('/mail/health'),
  outbox: (state?: OutboxState | '', limit?: number) =>
    http.get<Items<OutboxItem>>('/outbox', { query: { state, limit } }).then((r) => r.items),
  followupEmails: (followupId: number) =>
    http.get<Items<OutboxItem>>(`/followups/${followupId}/emails`).then((r) => r.items),
  sendFollowupEmail: (followupId: number, e: EmailSend) => http.post<OutboxItem>(`/followups/${followupId}/emails`, e),

  catalog: (q?: string, kind?: CatalogKind | '', signal?: AbortSignal) =>
    http.get<Items<CatalogItem>>('/catalog', { query: { q, kind }, signal }).then((r) => r.items),
  createCatalogItem: (c: CatalogInput) => http.post<CatalogItem>('/catalog', c),
  patchCatalogItem: (id: number, c: CatalogPatch) => http.patch<CatalogItem>(`/catalog/${id}`, c),

  documents: (filters: DocumentFilters, cursor?: string | null, signal?: AbortSignal) =>
    http.get<DocumentList>('/documents', { query: { ...filters, cursor }, signal }),
  document: (id: number) => http.get<SalesDocument>(`/documents/${id}`),
  createDocument: (d: DocumentInput) => http.post<SalesDocument>('/documents', d),
  /** Replaces a document the user edited from `version`: a stale one answers 412. */
  putDocument: async (id: number, d: DocumentInput, version: number) =>
    (await request<SalesDocument>('PUT', `/documents/${id}`, { body: d, headers: { 'If-Match': `"${version}"` } }))
      .data,
  cancelDocument: (id: number) => http.post<SalesDocument>(`/documents/${id}/cancel`),
  /** The documents made from a follow-up (quote, order, sale), oldest first. */
  followupDocuments: (followupId: number) => http.get<FollowupDocumentList>(`/followups/${followupId}/documents`),
  createFollowupDocument: (followupId: number, d: FollowupDocumentInput) =>
    http.post<SalesDocument>(`/followups/${followupId}/documents`, d),
  /** Quote -> sales order -> sale: answers the new document; the source becomes completed. */
  convertDocument: (id: number) => http.post<SalesDocument>(`/documents/${id}/convert`),

  /** Sends the CSV file as the raw body; the server answers 202 with the queued import. */
  importDocuments: (file: File) =>
    http.post<ImportJob>('/imports/documents', file, {
      headers: { 'Content-Type': 'text/csv', 'X-File-Name': encodeURIComponent(file.name) },
    }),
  /** Customers and contacts (ADR 0046): the same file handling as the documents. */
  importParties: (file: File) =>
    http.post<ImportJob>('/imports/parties', file, {
      headers: { 'Content-Type': 'text/csv', 'X-File-Name': encodeURIComponent(file.name) },
    }),
  imports: () => http.get<Items<ImportJob>>('/imports').then((r) => r.items),
  importJob: (id: number, signal?: AbortSignal) => http.get<ImportJob>(`/imports/${id}`, { signal }),

  templates: () => http.get<TemplateList>('/templates'),
  putTemplate: (id: number, t: { subject: string; body: string }) => http.put<MailTemplate>(`/templates/${id}`, t),
  previewTemplate: (p: { subject: string; body: string; followup_id: number }) =>
    http.post<TemplatePreview>('/templates/preview', p),
};

/** Largest attachment the server accepts (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Largest CSV import the server accepts (12 MiB). */
export const MAX_IMPORT_BYTES = 12 * 1024 * 1024;
