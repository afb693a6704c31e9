// Types of the Retorno API, following the OpenAPI document served at
// /api/v1/openapi.json (src/http/openapi.json in the repository).

export type Locale = 'pt-BR' | 'es' | 'en';
export type Role = 'admin' | 'supervisor' | 'agent';
export type Priority = 'high' | 'medium' | 'low';
export type FollowupStatus = 'open' | 'closed';
export type FollowupState = 'overdue' | 'today' | 'open' | 'closed';
export type ActionStatus = 'planned' | 'done' | 'cancelled';
export type EntryKind = 'note' | 'complaint' | 'internal' | 'email' | 'result' | 'status';
export type PartyKind = 'customer' | 'supplier' | 'prospect';
/** Where a follow-up came from: typed by a user, or created by a rule, the API or an import. */
export type FollowupOrigin = 'manual' | 'after_sale' | 'service_done' | 'birthday' | 'calendar' | 'api' | 'import';

export interface User {
  id: number;
  login: string;
  name: string;
  email: string;
  role: Role;
  branch_id: number | null;
  time_zone: string;
  locale: Locale;
  alert_on_login: boolean;
  alert_every_minutes: number | null;
  email_reminders: EmailReminders;
  active: boolean;
}

/** How the user gets reminders by e-mail: none, one per return, or a morning digest. */
export type EmailReminders = 'off' | 'each' | 'digest';

export interface Alerts {
  due_today: number;
  overdue: number;
  show_alert: boolean;
}

export interface Settings {
  company_name: string;
  time_zone: string;
  return_alerts_enabled: boolean;
}

/** The organization's settings as /me gives them to every user. */
export interface MeSettings extends Settings {
  /** An SMTP host is set, so e-mail can go out; when false, sent e-mail waits in the outbox. */
  mail_configured: boolean;
}

export interface Me {
  user: User;
  alerts: Alerts;
  settings: MeSettings;
  today: string;
  csrf_token: string;
  /** Whether the user has an active private calendar feed (iCalendar) URL. */
  calendar_feed?: boolean;
}

export interface Session {
  token: string;
  csrf_token: string;
  user: User;
  alerts: Alerts;
}

export interface Branch {
  id: number;
  name: string;
  time_zone: string;
  /** Place in the admin's order among every branch, retired ones included (1 = first). */
  position: number;
  /** False when retired: kept on old records and in reports, offered for no new one. */
  active: boolean;
}

/** Changes to a branch (admins); a member left out is unchanged. */
export interface BranchPatch {
  name?: string;
  time_zone?: string;
  position?: number;
  active?: boolean;
}

export interface CodeNames {
  'pt-BR': string;
  es: string;
  en: string;
}

export interface CodeItem {
  id: number;
  code: string;
  /** In the viewer's language. */
  name: string;
  /** Place in the admin's order among every row, retired ones included (1 = first). */
  position: number;
  /** False when retired: valid on old records, not offered for new ones. */
  active: boolean;
  /** Every language's name: admins only. */
  names?: CodeNames;
}

/** Changes to a contact type or category (admins); a member left out is unchanged. */
export interface CodePatch {
  names?: Partial<CodeNames>;
  position?: number;
  active?: boolean;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
  whatsapp: string;
}

/** A contact person of a party. */
export interface PartyContact extends Contact {
  /** YYYY-MM-DD: a follow-up with origin "birthday" is created on the day every year. */
  birthday?: string | null;
}

export interface PartyRef {
  id: number;
  code: string;
  name: string;
}

/** The kind of a party's tax document, derived from its shape. */
export type TaxIdKind = 'cpf' | 'cnpj' | 'rfc';

export interface Party extends PartyRef {
  kind: PartyKind;
  email: string;
  phone: string;
  whatsapp: string;
  /** CPF or CNPJ (digits only) or RFC (upper case), normalised; '' when none. */
  tax_id: string;
  tax_id_kind: TaxIdKind | null;
  birthday: string | null;
  branch_id: number | null;
  owner_id: number | null;
  contacts: PartyContact[];
  created_at: string;
  /** Bumped by every edit; the ETag of GET /parties/{id} (If-Match of PATCH). */
  version: number;
}

export interface Action {
  id: number;
  followup_id: number;
  type: string;
  due_date: string;
  due_time: string | null;
  status: ActionStatus;
  assignee_id: number;
  notify_customer: boolean;
  message: string;
  result: string;
  resolution: string;
  result_at: string | null;
  done_at: string | null;
  done_by: number | null;
  next_action_id: number | null;
  series_id: number | null;
  series_index: number | null;
  /** The effective reminder instant of a planned return (RFC 3339), or null. */
  remind_at?: string | null;
}

export interface Entry {
  id: number;
  followup_id: number;
  action_id: number | null;
  kind: EntryKind;
  body: string;
  author_id: number;
  contact_at: string;
  created_at: string;
  draft: boolean;
}

export interface Attachment {
  id: number;
  followup_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: number;
  created_at: string;
  url: string;
}

export interface FollowupSummary {
  id: number;
  party: PartyRef;
  subject: string;
  owner_id: number;
  branch_id: number | null;
  category: string;
  priority: Priority;
  origin: FollowupOrigin;
  /** The sales document the follow-up is about, if any (lists may give only its id). */
  document?: DocumentRef | null;
  document_id?: number | null;
  contact: Contact;
  cc: string[];
  status: FollowupStatus;
  state: FollowupState;
  days_late: number;
  next_due_date: string | null;
  /** When the contact happened (RFC 3339, viewer's offset): now by default, earlier for a late entry. */
  contact_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Followup extends FollowupSummary {
  /** Every return, the latest due first (the history puts the most recent on top). */
  actions: Action[];
  entries: Entry[];
  attachments: Attachment[];
  upcoming_dates: string[];
  /** False for a user who reaches the follow-up only as the assignee of one of its returns. */
  can_change?: boolean;
}

export interface FollowupList {
  items: FollowupSummary[];
  next_cursor: string | null;
  /** On the first page: every follow-up the filters match (the footer's "84 follow-ups"). */
  total: number | null;
}

export interface AgendaFollowup {
  id: number;
  subject: string;
  party: PartyRef;
  state: FollowupState;
  days_late: number;
  priority: Priority;
  category: string;
  owner_id: number;
  contact: Contact;
  origin?: FollowupOrigin;
  document?: DocumentRef | null;
  document_id?: number | null;
}

export interface AgendaItem extends Action {
  followup: AgendaFollowup;
}

export interface ActionInput {
  type: string;
  due_date: string;
  due_time?: string | null;
  notify_customer?: boolean;
  message?: string;
  repeat_months?: number;
  assignee_id?: number;
  /** RFC 3339 instant of the reminder; null or absent: the server's default. */
  remind_at?: string | null;
}

export interface ContactInput {
  name?: string;
  email?: string;
  phone?: string;
  whatsapp?: string;
}

export interface PartyContactInput extends ContactInput {
  birthday?: string;
}

export interface FollowupCreate {
  party_id: number;
  /** The sales document the follow-up is about (its party is the default party). */
  document_id?: number;
  subject: string;
  owner_id?: number;
  category: string;
  priority?: Priority;
  contact?: ContactInput;
  cc?: string[];
  contact_at?: string;
  notes?: { followup?: string; complaint?: string; internal?: string };
  next_action: ActionInput;
}

export interface FollowupPatch {
  subject?: string;
  owner_id?: number;
  category?: string;
  priority?: Priority;
  contact?: ContactInput;
  cc?: string[];
  /** RFC 3339; not in the future. */
  contact_at?: string;
}

export interface CompleteInput {
  result: string;
  resolution?: string;
  result_at?: string;
  next_action?: ActionInput;
}

export interface RescheduleInput {
  due_date: string;
  due_time?: string | null;
  reason?: string;
}

export interface EntryCreate {
  kind: 'note' | 'complaint' | 'internal';
  body: string;
  contact_at?: string;
  draft?: boolean;
}

export interface PartyCreate {
  code: string;
  kind?: PartyKind;
  name: string;
  email?: string;
  phone?: string;
  whatsapp?: string;
  /** CPF, CNPJ or RFC, with or without punctuation; checked by its check digits. */
  tax_id?: string;
  birthday?: string;
  branch_id?: number;
  owner_id?: number;
  contacts?: PartyContactInput[];
}

/** The fields to change (PATCH /parties/{id}); `contacts` replaces the whole list. */
export interface PartyPatch {
  code?: string;
  kind?: PartyKind;
  name?: string;
  email?: string;
  phone?: string;
  whatsapp?: string;
  /** '' clears it. */
  tax_id?: string;
  /** null clears it. */
  birthday?: string | null;
  branch_id?: number | null;
  owner_id?: number | null;
  contacts?: PartyContactInput[];
}

export interface UserCreate {
  login: string;
  name: string;
  email?: string;
  password: string;
  role?: Role;
  branch_id?: number | null;
  time_zone?: string;
  locale?: Locale;
  alert_on_login?: boolean;
  alert_every_minutes?: number | null;
  email_reminders?: EmailReminders;
}

export type UserPatch = Partial<UserCreate> & {
  /** Admins only: false takes access away at once; true gives it back. */
  active?: boolean;
  /** Required when users change their own password. */
  current_password?: string;
};

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  request_id?: string;
  errors?: FieldError[];
  /** With `rate_limited` (429): whole seconds to wait, as in the `Retry-After` header. */
  retry_after?: number;
}

export interface FollowupFilters {
  status?: 'open' | 'closed' | 'all';
  state?: FollowupState;
  owner_id?: number;
  branch_id?: number;
  party_id?: number;
  category?: string;
  priority?: Priority;
  from?: string;
  to?: string;
  /** Contact date range, days in the viewer's zone (inclusive). */
  contact_from?: string;
  contact_to?: string;
  q?: string;
  sort?: 'due' | 'newest';
  limit?: number;
}

export type AgendaScope = 'mine' | 'branch' | 'all';
export type AgendaWhen = 'today' | 'overdue' | 'upcoming' | 'range';

// ---- Live events, notifications and e-mail (issue "reminders, alerts and e-mail") ----

/** `summary` event of /events, sent on connect. */
export interface EventSummary {
  due_today: number;
  overdue: number;
  unread: number;
  alerts_enabled: boolean;
}

/** `alert` event of /events: the repeat alert at the user's interval. */
export interface AlertEvent {
  due_today: number;
  overdue: number;
}

export type NotificationKind = 'reminder' | 'mail_failed' | 'mail_blocked';

/** Named so because the DOM already has a global `Notification`. */
export interface UserNotification {
  id: number;
  kind: NotificationKind;
  followup_id: number;
  action_id: number | null;
  subject: string;
  party_name: string;
  due_date: string;
  due_time: string | null;
  late: boolean;
  /** The server's reason (mail_failed) or the missing placeholders (mail_blocked). */
  detail: string;
  created_at: string;
  read_at: string | null;
  snoozed_until: string | null;
}

export interface NotificationList {
  items: UserNotification[];
  unread: number;
}

export type SnoozeChoice = '15m' | '1h' | 'tomorrow' | 'next_business_day';

export type SmtpSecurity = 'none' | 'starttls' | 'tls';

export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password_set: boolean;
  sender_name: string;
  sender_email: string;
}

/** PUT body: `password` omitted keeps it, "" clears it. */
export interface SmtpInput {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password?: string;
  sender_name: string;
  sender_email: string;
}

export interface MailHealth {
  scheduler_last_tick_at: string | null;
  outbox_queued: number;
  outbox_failed: number;
  last_failure: { at: string; outbox_id: number; error: string } | null;
  smtp_configured: boolean;
}

export type OutboxKind = 'reminder' | 'customer' | 'manual' | 'digest' | 'test';
export type OutboxState = 'queued' | 'sent' | 'failed' | 'blocked';
export type OutboxEvent = 'queued' | 'sent' | 'retry' | 'failed' | 'blocked';

export interface OutboxLogEntry {
  at: string;
  event: OutboxEvent;
  detail: string;
}

export interface OutboxItem {
  id: number;
  kind: OutboxKind;
  followup_id: number | null;
  action_id: number | null;
  to: string[];
  cc: string[];
  subject: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string;
  message_id: string;
  created_at: string;
  sent_at: string | null;
  log: OutboxLogEntry[];
}

export interface EmailSend {
  to?: string[];
  cc?: string[];
  subject: string;
  body: string;
  attachment_ids?: number[];
}

export type TemplateKind = 'reminder' | 'customer' | 'digest';

export interface MailTemplate {
  id: number;
  kind: TemplateKind;
  locale: Locale;
  subject: string;
  body: string;
}

export interface Placeholder {
  /** The canonical (Portuguese) name. */
  name: string;
  /** The same placeholder in each language: all render the same value. */
  names?: Record<'pt-BR' | 'es' | 'en', string>;
  example: string;
}

export interface TemplateList {
  items: MailTemplate[];
  placeholders: Placeholder[];
}

export interface TemplatePreview {
  subject: string;
  body: string;
  missing: string[];
}

// ---- CRM calendar (manual 002) ----

/** green: all of the day's returns done; orange: some; red: none; future: after today; none: no returns. */
export type CalendarColour = 'green' | 'orange' | 'red' | 'future' | 'none';

export interface CalendarDay {
  date: string;
  total: number;
  done: number;
  planned: number;
  colour: CalendarColour;
}

export interface CalendarMonth {
  month: string;
  today: string;
  days: CalendarDay[];
}

export interface CalendarDayItems {
  date: string;
  items: AgendaItem[];
}

/** Who the calendar shows: a scope, or one user (overrides the scope). */
export interface CalendarWho {
  scope: AgendaScope;
  user_id?: number;
}

export interface OpportunityCreate {
  /** An existing party to follow up; without it a prospect named `company` is created. */
  party_id?: number;
  /** Required without party_id. */
  company?: string;
  contact_name?: string;
  email?: string;
  phone?: string;
  whatsapp?: string;
  /** RFC 3339 instant of the contact. */
  contact_at?: string;
  next_contact_date: string;
}

export interface OpportunityCreated {
  party: PartyRef;
  followup: Followup;
}

export interface CalendarFeed {
  url: string;
}

// ---- Catalogue, sales documents and imports (manual 002: automatic follow-ups) ----

export type CatalogKind = 'product' | 'service';

/** The follow-up a catalogue item creates N days after a sale or a completed service. */
export interface FollowupTemplate {
  subject: string;
  /** Category code (GET /categories). */
  category: string;
  /** Contact type code (GET /contact-types). */
  type: string;
  /** With placeholders such as #{cliente}. */
  message: string;
}

export interface CatalogItem {
  id: number;
  code: string;
  kind: CatalogKind;
  name: string;
  active: boolean;
  /** 1–3650: "follow-up after N days"; null: none. */
  followup_days: number | null;
  followup: FollowupTemplate;
}

export interface CatalogInput {
  code: string;
  kind: CatalogKind;
  name: string;
  active: boolean;
  followup_days: number | null;
  followup: FollowupTemplate;
}

export type CatalogPatch = Partial<CatalogInput>;

export type DocumentKind = 'quote' | 'sales_order' | 'sale' | 'service_order';
export type DocumentStatus = 'open' | 'completed' | 'cancelled';

export interface DocumentRef {
  id: number;
  kind: DocumentKind;
  number: string;
}

export interface DocumentItem {
  position: number;
  item_id: number | null;
  item_code: string;
  description: string;
  quantity: number;
}

export interface DocumentFollowup {
  id: number;
  subject: string;
  origin: FollowupOrigin;
  status: FollowupStatus;
  state: FollowupState;
  days_late?: number;
  next_due_date: string | null;
}

/** A quote, sales order, sale or service order from the ERP (named so: the DOM has `Document`). */
export interface SalesDocument extends DocumentRef {
  party: PartyRef;
  branch_id: number | null;
  owner_id: number | null;
  date: string;
  status: DocumentStatus;
  completed_on: string | null;
  items: DocumentItem[];
  version: number;
  /** The caller may edit or cancel it (a supervisor of its branch, an admin). */
  can_change: boolean;
  created_at: string;
  updated_at: string;
  /** Linked follow-ups, newest first (empty in lists). */
  followups: DocumentFollowup[];
}

export interface DocumentItemInput {
  item_code: string;
  description: string;
  quantity: number;
}

/** Body of POST /documents and PUT /documents/{id} (which replaces the document). */
export interface DocumentInput {
  kind: DocumentKind;
  number: string;
  party_id: number;
  date: string;
  status: DocumentStatus;
  completed_on: string | null;
  owner_id: number | null;
  items: DocumentItemInput[];
}

export interface DocumentFilters {
  q?: string;
  kind?: DocumentKind;
  party_id?: number;
  limit?: number;
}

export interface DocumentList {
  items: SalesDocument[];
  next_cursor: string | null;
}

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportLineError {
  line: number;
  field: string;
  /** The message key; the web app words it from its catalogues. */
  code: string;
  message: string;
}

/** A CSV import, processed in the background; polled until done or failed. */
export interface ImportJob {
  id: number;
  kind: 'documents';
  file_name: string;
  status: ImportStatus;
  total_lines: number;
  processed_lines: number;
  documents_created: number;
  documents_updated: number;
  documents_unchanged: number;
  followups_created: number;
  error_lines: number;
  errors: ImportLineError[];
  created_at: string;
  finished_at: string | null;
}
