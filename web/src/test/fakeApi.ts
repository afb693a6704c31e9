// A fake of the Retorno API for component tests: handlers by "METHOD /path" (path
// without /api/v1 and without the query), every request recorded.
import { vi } from 'vitest';
import { contractViolation } from './contract';
import type {
  CatalogItem,
  Followup,
  FollowupSummary,
  ImportJob,
  Me,
  OutboxItem,
  Party,
  SalesDocument,
  User,
  UserNotification,
} from '../shared/api/types';
import { roleRights } from '../shared/rights';

/** Every answer the fake gave in the current test; setup.ts checks them against the API's contract. */
export const fakeAnswers: { method: string; path: string; status: number; body?: string }[] = [];

/** The answers of the current test that the server could not give (see ./contract.ts). */
export function contractViolations(): string[] {
  return fakeAnswers
    .splice(0)
    .map((a) => contractViolation(a.method, a.path, a.status, a.body === undefined ? undefined : JSON.parse(a.body)))
    .filter((v): v is string => v !== null);
}

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: Recorded) => Reply | Promise<Reply>;

export function fakeApi(routes: Record<string, Handler | Reply>) {
  const calls: Recorded[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k.toLowerCase()] = v));
    let body: unknown = init.body;
    if (typeof body === 'string') body = JSON.parse(body);
    const req: Recorded = { method, path, query: url.searchParams, headers, body };
    calls.push(req);
    const key = `${method} ${path}`;
    const route =
      routes[key] ??
      Object.entries(routes).find(([pattern]) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`).test(key))?.[1];
    if (!route) {
      return new Response(JSON.stringify({ status: 404, title: 'Not found', code: 'not_found', detail: key }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    const reply = typeof route === 'function' ? await route(req) : route;
    const status = reply.status ?? 200;
    // Checked after the test (setup.ts), so that compiling the checks never slows a test
    // down; kept as JSON, as the app reads it.
    fakeAnswers.push({ method, path, status, body: reply.body === undefined ? undefined : JSON.stringify(reply.body) });
    const isProblem = status >= 400;
    return new Response(status === 204 || reply.body === undefined ? null : JSON.stringify(reply.body), {
      status,
      headers: { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    fetchMock,
    find: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: { field: string; code: string; message: string }[],
): Reply {
  return { status, body: { type: 'about:blank', title: detail, status, detail, code, request_id: 'test', errors } };
}

export const agent: User = {
  id: 7,
  login: 'joao',
  name: 'João Lima',
  email: 'joao@example.com',
  role: 'agent',
  branch_id: 1,
  time_zone: 'America/Sao_Paulo',
  locale: 'pt-BR',
  alert_on_login: true,
  alert_every_minutes: null,
  email_reminders: 'each',
  active: true,
};

export function meOf(user: User = agent, alerts = { due_today: 0, overdue: 0, show_alert: false }): Me {
  return {
    user,
    alerts,
    settings: {
      company_name: 'Refrigeração Campinas',
      time_zone: 'America/Sao_Paulo',
      return_alerts_enabled: true,
      currency: 'BRL',
      mail_configured: true,
    },
    today: '2026-11-23',
    calendar_feed: false,
    csrf_token: 'csrf-from-me',
    rights: roleRights(user.role),
  };
}

export const tables = {
  'GET /users': {
    body: { items: [agent, { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' }] },
  },
  'GET /branches': { body: { items: [{ id: 1, name: 'Campinas', time_zone: '', position: 1, active: true }] } },
  'GET /contact-types': {
    body: {
      items: [
        { id: 1, code: 'phone', name: 'Telefone', position: 1, active: true },
        { id: 2, code: 'whatsapp', name: 'WhatsApp', position: 2, active: true },
        { id: 3, code: 'visit', name: 'Visita', position: 3, active: true },
      ],
    },
  },
  'GET /categories': {
    body: {
      items: [
        { id: 1, code: 'pos_venda', name: 'Pós-venda', position: 1, active: true },
        { id: 2, code: 'em_analise', name: 'Em análise', position: 2, active: true },
      ],
    },
  },
  'GET /notifications': { body: { items: [], unread: 0 } },
  'GET /followups/:id/emails': { body: { items: [] } },
  'GET /followups/:id/appointments': { body: { items: [] } },
};

export function notificationOf(over: Partial<UserNotification> = {}): UserNotification {
  return {
    id: 31,
    kind: 'reminder',
    followup_id: 1043,
    action_id: 5120,
    subject: 'Manutenção preventiva do balcão',
    party_name: 'Padaria Boa Vista',
    due_date: '2026-11-23',
    due_time: '14:00',
    late: false,
    detail: '',
    created_at: '2026-11-23T13:55:00-03:00',
    read_at: null,
    snoozed_until: null,
    ...over,
  };
}

export function outboxOf(over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: 501,
    kind: 'customer',
    followup_id: 1043,
    action_id: 5120,
    to: ['compras@padaria.com.br'],
    cc: [],
    subject: 'Retorno: Manutenção preventiva do balcão',
    state: 'sent',
    attempts: 1,
    next_attempt_at: null,
    last_error: '',
    message_id: '<501@retorno>',
    created_at: '2026-11-23T09:00:00-03:00',
    sent_at: '2026-11-23T09:00:05-03:00',
    log: [
      { at: '2026-11-23T09:00:00-03:00', event: 'queued', detail: '' },
      { at: '2026-11-23T09:00:05-03:00', event: 'sent', detail: '250 2.0.0 OK' },
    ],
    ...over,
  };
}

export function partyOf(over: Partial<Party> = {}): Party {
  return {
    id: 5,
    code: 'C-90001',
    kind: 'customer',
    name: 'Padaria Boa Vista',
    email: 'compras@padaria.com.br',
    phone: '+55 19 3232-4545',
    whatsapp: '',
    tax_id: '',
    tax_id_kind: null,
    birthday: null,
    branch_id: 1,
    owner_id: 7,
    contacts: [{ name: 'Sr. Antônio', email: '', phone: '+55 19 99876-1234', whatsapp: '', birthday: null }],
    created_at: '2026-01-01T10:00:00-03:00',
    version: 1,
    ...over,
  };
}

export function followupOf(over: Partial<Followup> = {}): Followup {
  return {
    id: 1043,
    party: { id: 5, code: 'C-90001', name: 'Padaria Boa Vista' },
    subject: 'Manutenção preventiva do balcão',
    owner_id: 7,
    branch_id: 1,
    category: 'pos_venda',
    priority: 'high',
    origin: 'manual',
    contact: {
      name: 'Sr. Antônio',
      email: 'compras@padaria.com.br',
      phone: '+55 19 3232-4545',
      whatsapp: '+55 19 99876-1234',
    },
    cc: [],
    status: 'open',
    state: 'today',
    days_late: 0,
    next_due_date: '2026-11-23',
    contact_at: '2026-11-20T10:15:00-03:00',
    internal_date: null,
    version: 3,
    created_at: '2026-11-20T10:15:00-03:00',
    updated_at: '2026-11-20T10:15:00-03:00',
    actions: [
      {
        id: 5120,
        followup_id: 1043,
        type: 'phone',
        due_date: '2026-11-23',
        due_time: '14:00',
        status: 'planned',
        assignee_id: 7,
        notify_customer: false,
        message: '',
        result: '',
        resolution: '',
        result_at: null,
        done_at: null,
        done_by: null,
        next_action_id: null,
        series_id: null,
        series_index: null,
        remind_at: null,
      },
    ],
    entries: [
      {
        id: 1,
        followup_id: 1043,
        action_id: null,
        kind: 'note',
        body: 'Cliente pediu contato mensal.',
        author_id: 7,
        contact_at: '2026-11-20T10:15:00-03:00',
        created_at: '2026-11-20T10:15:00-03:00',
        draft: false,
      },
    ],
    attachments: [],
    upcoming_dates: ['2026-11-23'],
    document_id: null,
    document: null,
    can_change: true,
    ...over,
  };
}

/** A row of GET /followups: the follow-up without what only its page carries. */
export function summaryOf(over: Partial<Followup> = {}): FollowupSummary {
  const {
    actions: _a,
    entries: _e,
    attachments: _t,
    upcoming_dates: _u,
    document: _d,
    can_change: _c,
    ...summary
  } = followupOf(over);
  return summary;
}

export function catalogItemOf(over: Partial<CatalogItem> = {}): CatalogItem {
  return {
    id: 31,
    code: 'COMP-12',
    kind: 'product',
    name: 'Compressor 1/2 HP',
    active: true,
    followup_days: 30,
    followup: {
      subject: 'Pós-venda do compressor',
      category: 'pos_venda',
      type: 'phone',
      message: 'Olá #{cliente}, tudo certo com o compressor?',
    },
    ...over,
  };
}

export function documentOf(over: Partial<SalesDocument> = {}): SalesDocument {
  return {
    id: 900,
    kind: 'sale',
    number: '4471',
    party: { id: 5, code: 'C-90001', name: 'Padaria Boa Vista' },
    branch_id: 1,
    owner_id: 7,
    date: '2026-11-20',
    status: 'completed',
    completed_on: '2026-11-20',
    items: [
      {
        position: 1,
        item_id: 31,
        item_code: 'COMP-12',
        description: 'Compressor 1/2 HP',
        quantity: 1,
        unit_price: 0,
        discount_percent: 0,
        total: 0,
      },
      {
        position: 2,
        item_id: null,
        item_code: 'FRETE',
        description: 'Frete',
        quantity: 1.5,
        unit_price: 0,
        discount_percent: 0,
        total: 0,
      },
    ],
    followup_id: null,
    origin_id: null,
    billing: 'regular',
    currency: '',
    subtotal: 0,
    discount: 0,
    total: 0,
    version: 1,
    can_change: true,
    created_at: '2026-11-20T18:00:00-03:00',
    updated_at: '2026-11-20T18:00:00-03:00',
    followups: [
      {
        id: 1200,
        subject: 'Pós-venda do compressor',
        origin: 'after_sale',
        owner_id: 7,
        status: 'open',
        state: 'open',
        days_late: 0,
        next_due_date: '2026-12-20',
      },
    ],
    ...over,
  };
}

export function importOf(over: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 12,
    kind: 'documents',
    file_name: 'vendas-novembro.csv',
    status: 'running',
    total_lines: 300,
    processed_lines: 0,
    documents_created: 0,
    documents_updated: 0,
    documents_unchanged: 0,
    followups_created: 0,
    parties_created: 0,
    parties_updated: 0,
    parties_unchanged: 0,
    contacts_created: 0,
    error_lines: 0,
    errors: [],
    created_at: '2026-11-23T10:00:00-03:00',
    finished_at: null,
    ...over,
  };
}
