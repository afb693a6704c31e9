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
  active: boolean;
}

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

export interface Me {
  user: User;
  alerts: Alerts;
  settings: Settings;
  today: string;
  csrf_token: string;
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
}

export interface CodeItem {
  id: number;
  code: string;
  name: string;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
  whatsapp: string;
}

export interface PartyRef {
  id: number;
  code: string;
  name: string;
}

export interface Party extends PartyRef {
  kind: PartyKind;
  email: string;
  phone: string;
  whatsapp: string;
  birthday: string | null;
  branch_id: number | null;
  owner_id: number | null;
  contacts: Contact[];
  created_at: string;
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
  origin: string;
  contact: Contact;
  cc: string[];
  status: FollowupStatus;
  state: FollowupState;
  days_late: number;
  next_due_date: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Followup extends FollowupSummary {
  actions: Action[];
  entries: Entry[];
  attachments: Attachment[];
  upcoming_dates: string[];
}

export interface FollowupList {
  items: FollowupSummary[];
  next_cursor: string | null;
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
}

export interface ContactInput {
  name?: string;
  email?: string;
  phone?: string;
  whatsapp?: string;
}

export interface FollowupCreate {
  party_id: number;
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
  birthday?: string;
  branch_id?: number;
  owner_id?: number;
  contacts?: ContactInput[];
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
}

export type UserPatch = Partial<UserCreate>;

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
  q?: string;
  sort?: 'due' | 'newest';
  limit?: number;
}

export type AgendaScope = 'mine' | 'branch' | 'all';
export type AgendaWhen = 'today' | 'overdue' | 'upcoming' | 'range';
