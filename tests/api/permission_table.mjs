// The permission table: every route of the API (as the OpenAPI document lists them,
// which the router is checked to agree with) has one entry here saying which resource
// and action it is, who may do it, and how to make a real request of it against a
// resource of the viewer's own branch and one of another branch.
// permission_table.test.mjs turns each entry into cells (role × own/other branch) and
// sends every one to a running server; a route without an entry fails that test.
//
// Who may (`access`):
//   public            anyone, signed in or not
//   signed_in         any signed-in user (the answer is about the viewer or the company)
//   self              a signed-in user, on what is theirs (someone else's: 404, no leak);
//                     `own` is the viewer's, `other` belongs to the agent of branch 2
//   admin             admins only (403 admin_only)
//   supervisor        admins and supervisors
//   scoped            admins everything; supervisors their branch; agents their own
//   supervisor_scoped admins everything; supervisors their branch; agents nothing
//   self_or_admin     the user themselves (`own`) or an admin
//
// Rights per user (ADR 0040): an entry with `right: { name, code }` is gated by that named
// right. For each signed-in role a rights cell changes the viewer's own rights for one
// request: a role lacking the right by default is GRANTED it and gets through (on its
// own target), a role having it has it REVOKED and is refused 403 `code`. Every route
// the OpenAPI document marks with `x-retorno-right` needs such an entry.
//
// The viewers: an agent and a supervisor of branch 1 and an admin. `own` is a resource
// of the agent (so of the supervisor's branch), `other` one of an agent of branch 2.
// `request(w, role, target)` builds a fresh request for one cell (mutations get their
// own fixture); it may name the follow-up or document it touches (`followup`,
// `document`) so a refused cell can prove that nothing changed.
import { advance, API, expectStatus, PASSWORD, uniq } from './harness.mjs';

const FU = (w, t) => w.followup(t);
// A questionnaire of the default attendance type (every fixture follow-up's), made once.
async function questionnaire(w) {
  if (w.questionnaire) return w.questionnaire;
  const res = await w.clients.admin.post(`${API}/attendance-types/1/questionnaires`,
    { title: 'Ciclo de venda', questions: [{ text: 'Cliente satisfeito?', kind: 'yes_no', required: true }] });
  if (res.status !== 201) throw new Error(`questionnaire: ${res.status} ${JSON.stringify(res.body)}`);
  w.questionnaire = res.body;
  return res.body;
}
// An appointment on the target's follow-up for its owner, booked by an admin.
async function appointment(w, target) {
  const f = await FU(w, target);
  const res = await w.clients.admin.post(`${API}/followups/${f.id}/appointments`,
    { starts_at: '2026-03-13T10:00:00-03:00', ends_at: '2026-03-13T11:00:00-03:00', attendees: [w.ownerOf(target).id] });
  if (res.status !== 201) throw new Error(`appointment: ${res.status} ${JSON.stringify(res.body)}`);
  return { f, a: res.body.appointment };
}
// A report schedule of the viewer (own) or of the agent of branch 2 (other).
async function reportSchedule(w, role, target) {
  const author = target === 'own' ? (role === 'anonymous' ? w.clients.a1 : w.client(role)) : w.clients.a3;
  const res = await author.post(`${API}/report-schedules`, { report: 'actions', filters: {}, format: 'pdf', frequency: 'weekly', recipients: 'me' });
  if (res.status !== 201) throw new Error(`report schedule: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// A follow-up of the target's owner walking a fresh type's workflow (ADR 0038): one
// situation held by that owner, one decision, one end.
async function workflowFollowup(w, target) {
  const admin = w.clients.admin;
  const type = expectStatus(await admin.post(`${API}/attendance-types`, { names: { 'pt-BR': 'Fluxo', es: 'Flujo', en: 'Flow' } }), 201).body;
  expectStatus(await admin.put(`${API}/attendance-types/${type.id}/workflow`, workflowBody(w.ownerOf(target).id)), 200);
  return w.followup(target, { attendance_type_id: type.id });
}
function workflowBody(userId) {
  return {
    start: 'work',
    steps: [
      { key: 'work', kind: 'situation', label: 'Atender', centre: { kind: 'user', id: userId }, next: 'ok', due_in_days: 0 },
      { key: 'ok', kind: 'decision', label: 'Resolvido?', answers: [{ key: 'yes', label: 'Sim', next: 'end' }, { key: 'no', label: 'Não', next: 'end' }] },
      { key: 'end', kind: 'end', label: 'Concluído' },
    ],
  };
}

// A proposal layout and a visit-sheet layout, made once by an admin.
async function layouts(w) {
  if (w.proposalLayouts) return w.proposalLayouts;
  const admin = w.clients.admin;
  const proposal = expectStatus(await admin.post(`${API}/proposal-templates`, { name: uniq('Proposta '), html: '<h1>Proposta</h1><p>#{cliente}</p>' }), 201).body;
  const visit = expectStatus(await admin.post(`${API}/proposal-templates`, { name: uniq('Ficha '), kind: 'visit_sheet', html: '<p>Visita: #{cliente}</p>' }), 201).body;
  w.proposalLayouts = { proposal, visit };
  return w.proposalLayouts;
}
// A proposal on the target's follow-up, made by an admin.
async function proposal(w, target) {
  const f = await FU(w, target);
  const { proposal: layout } = await layouts(w);
  const res = await w.clients.admin.post(`${API}/followups/${f.id}/proposals`, { template_id: layout.id });
  if (res.status !== 201) throw new Error(`proposal: ${res.status} ${JSON.stringify(res.body)}`);
  return { f, p: res.body };
}

// A mailing to the own party (ADR 0048): a supervisor's own when the viewer is one (a
// supervisor sees their branch's mailings), else an admin's.
async function mailing(w, role) {
  const author = role === 'supervisor' ? w.client('supervisor') : w.clients.admin;
  const res = await author.post(`${API}/mailings`, { subject: 'Novidades', body: 'Olá #{cliente}', filter: { party_ids: [w.parties.own.id] } });
  if (res.status !== 201) throw new Error(`mailing: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
// The unsubscribe link of a fresh mailing's message to a fresh person (a confirmed link
// opts its person out of every later mailing): its job writes it on the next round.
async function unsubscribePath(w) {
  const party = expectStatus(await w.clients.admin.post(`${API}/parties`, { code: uniq('MD-'), kind: 'customer', name: 'Mala direta', email: 'mala@cliente.com.br', branch_id: w.b1.id }), 201).body;
  const res = await w.clients.admin.post(`${API}/mailings`, { subject: 'Novidades', body: 'Olá #{cliente}', filter: { party_ids: [party.id] } });
  const m = expectStatus(res, 201).body;
  await advance(w.server, 1);
  const r = expectStatus(await w.clients.admin.get(`${API}/mailings/${m.id}/recipients`), 200).body.items[0];
  if (!r?.unsubscribe_url) throw new Error(`no unsubscribe link: ${JSON.stringify(r)}`);
  return new URL(r.unsubscribe_url).pathname;
}

export const TABLE = {
  // -- operations and the session --------------------------------------------------
  'GET /healthz': { resource: 'health', action: 'read', access: 'public', ok: 200, request: () => ({ path: '/healthz' }) },
  'GET /readyz': { resource: 'health', action: 'read', access: 'public', ok: 200, request: () => ({ path: '/readyz' }) },
  'GET /metrics': { resource: 'metrics', action: 'read', access: 'public', ok: 200, request: () => ({ path: '/metrics' }) },
  'GET /api/v1/openapi.json': { resource: 'contract', action: 'read', access: 'public', ok: 200, request: () => ({ path: `${API}/openapi.json` }) },
  'GET /api/v1/version': { resource: 'version', action: 'read', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/version` }) },
  'POST /api/v1/session': {
    resource: 'session', action: 'create', access: 'public', ok: 201,
    request: (w) => ({ path: `${API}/session`, body: { login: w.users.feed.login, password: PASSWORD } }),
  },
  'DELETE /api/v1/session': {
    resource: 'session', action: 'delete', access: 'signed_in', ok: 204,
    // Logging out ends the session it is sent with: each cell logs in afresh.
    request: async (w, role) => ({ path: `${API}/session`, client: await w.freshClient(role) }),
  },
  'GET /api/v1/me': { resource: 'me', action: 'read', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/me` }) },
  'GET /api/v1/events': { resource: 'events', action: 'read', access: 'signed_in', ok: 200, stream: true, request: () => ({ path: `${API}/events` }) },
  'POST /api/v1/me/calendar-feed': { resource: 'calendar_feed', action: 'create', access: 'signed_in', ok: 201, request: () => ({ path: `${API}/me/calendar-feed`, body: {} }) },
  'DELETE /api/v1/me/calendar-feed': { resource: 'calendar_feed', action: 'delete', access: 'signed_in', ok: 204, request: () => ({ path: `${API}/me/calendar-feed` }) },
  // Served only by test servers on a simulated clock (this table's server is one).
  'POST /api/v1/test/clock/advance': {
    resource: 'clock', action: 'advance', access: 'admin', ok: 200,
    request: () => ({ path: `${API}/test/clock/advance`, body: { seconds: 1 } }),
  },
  'GET /api/v1/calendar/feed/{token}': {
    // The token is the credential: anyone holding it reads the feed.
    resource: 'calendar_feed', action: 'read', access: 'public', ok: 200,
    request: (w) => ({ path: new URL(w.feedUrl).pathname }),
  },

  // -- the company: branches, users, settings, code tables ---------------------------
  'GET /api/v1/branches': { resource: 'branch', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/branches` }) },
  'POST /api/v1/branches': { resource: 'branch', action: 'create', access: 'admin', ok: 201, request: () => ({ path: `${API}/branches`, body: { name: uniq('Filial ') } }) },
  'PATCH /api/v1/branches/{id}': {
    resource: 'branch', action: 'update', access: 'admin', ok: 200,
    request: async (w) => ({ path: `${API}/branches/${(await w.newBranch()).id}`, body: { name: uniq('Filial ') } }),
  },
  'GET /api/v1/users': { resource: 'user', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/users` }) },
  'POST /api/v1/users': {
    resource: 'user', action: 'create', access: 'admin', ok: 201,
    request: (w) => ({ path: `${API}/users`, body: { login: uniq('novo'), name: 'Nova Pessoa', password: PASSWORD, role: 'agent', branch_id: w.b1.id } }),
  },
  'PATCH /api/v1/users/{id}': {
    resource: 'user', action: 'update', access: 'self_or_admin', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({
      path: `${API}/users/${target === 'own' ? (w.viewer(role) ?? w.users.a1).id : w.users.a3.id}`,
      body: { alert_every_minutes: 30 },
    }),
  },
  'GET /api/v1/users/{id}/rights': {
    resource: 'user_rights', action: 'read', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/users/${w.users.a3.id}/rights` }),
  },
  'PUT /api/v1/users/{id}/rights': {
    // The user of the feed cell: no other cell depends on its rights.
    resource: 'user_rights', action: 'update', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/users/${w.users.feed.id}/rights`, body: { granted: ['reopen'], revoked: [] } }),
  },
  'GET /api/v1/settings': { resource: 'settings', action: 'read', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/settings` }) },
  'PUT /api/v1/settings': {
    resource: 'settings', action: 'update', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/settings`, body: w.settings }),
  },
  'GET /api/v1/contact-types': { resource: 'contact_type', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/contact-types` }) },
  'POST /api/v1/contact-types': {
    resource: 'contact_type', action: 'create', access: 'admin', ok: 201,
    request: () => ({ path: `${API}/contact-types`, body: { code: uniq('tipo').replace(/-/g, '_'), name: 'Tipo novo' } }),
  },
  'PATCH /api/v1/contact-types/{id}': {
    resource: 'contact_type', action: 'update', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/contact-types/${w.contactType.id}`, body: { position: 1 } }),
  },
  'GET /api/v1/attendance-types': { resource: 'attendance_type', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/attendance-types` }) },
  'POST /api/v1/attendance-types': {
    right: { name: 'configure_attendance', code: 'admin_only' }, resource: 'attendance_type', action: 'create', access: 'admin', ok: 201,
    request: () => ({ path: `${API}/attendance-types`, body: { names: { 'pt-BR': 'Visita técnica', es: 'Visita técnica', en: 'Site visit' } } }),
  },
  'PATCH /api/v1/attendance-types/{id}': {
    // The default type the migration made (id 1 on a fresh database).
    right: { name: 'configure_attendance', code: 'admin_only' }, resource: 'attendance_type', action: 'update', access: 'admin', ok: 200,
    request: () => ({ path: `${API}/attendance-types/1`, body: { email_subject: 'Parecer do atendimento' } }),
  },
  'GET /api/v1/attendance-types/{id}/workflow': {
    right: { name: 'configure_attendance', code: 'admin_only' },
    resource: 'workflow', action: 'read', access: 'admin', ok: 200, request: () => ({ path: `${API}/attendance-types/1/workflow` }),
  },
  'PUT /api/v1/attendance-types/{id}/workflow': {
    // A fresh type each time, so that the follow-ups of the other cells walk no workflow.
    right: { name: 'configure_attendance', code: 'admin_only' },
    resource: 'workflow', action: 'update', access: 'admin', ok: 200,
    request: async (w) => {
      const type = expectStatus(await w.clients.admin.post(`${API}/attendance-types`, { names: { 'pt-BR': 'Fluxo', es: 'Flujo', en: 'Flow' } }), 201).body;
      return { path: `${API}/attendance-types/${type.id}/workflow`, body: workflowBody(w.users.a1.id) };
    },
  },
  'GET /api/v1/attendance-types/{id}/questionnaires': {
    resource: 'questionnaire', action: 'list', access: 'signed_in', ok: 200,
    request: () => ({ path: `${API}/attendance-types/1/questionnaires` }),
  },
  'POST /api/v1/attendance-types/{id}/questionnaires': {
    right: { name: 'configure_attendance', code: 'admin_only' },
    resource: 'questionnaire', action: 'create', access: 'admin', ok: 201,
    request: () => ({ path: `${API}/attendance-types/1/questionnaires`, body: { title: uniq('Pesquisa '), questions: [{ text: 'Nota', kind: 'number', min: 0, max: 10 }], active: false } }),
  },
  'PATCH /api/v1/attendance-types/{id}/questionnaires/{qid}': {
    right: { name: 'configure_attendance', code: 'admin_only' },
    resource: 'questionnaire', action: 'update', access: 'admin', ok: 200,
    request: async (w) => ({ path: `${API}/attendance-types/1/questionnaires/${(await questionnaire(w)).id}`, body: { title: 'Ciclo de venda' } }),
  },
  'GET /api/v1/questionnaires/{qid}/answers/export': {
    // Rows only of the follow-ups the viewer reaches, as the follow-up list.
    right: { name: 'export', code: 'missing_right' },
    resource: 'questionnaire_answer', action: 'export', access: 'signed_in', ok: 200,
    request: async (w) => ({ path: `${API}/questionnaires/${(await questionnaire(w)).id}/answers/export?format=csv` }),
  },
  'GET /api/v1/categories': { resource: 'category', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/categories` }) },
  'POST /api/v1/categories': {
    resource: 'category', action: 'create', access: 'admin', ok: 201,
    request: () => ({ path: `${API}/categories`, body: { code: uniq('cat').replace(/-/g, '_'), name: 'Categoria nova' } }),
  },
  'PATCH /api/v1/categories/{id}': {
    resource: 'category', action: 'update', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/categories/${w.category.id}`, body: { position: 1 } }),
  },

  // -- parties -----------------------------------------------------------------------
  'POST /api/v1/parties': {
    // Placing a party out of reach is a field error, as when editing it.
    resource: 'party', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    denied: { status: 422, field: 'owner_id', code: 'not_allowed' },
    request: (w, role, target) => ({
      path: `${API}/parties`,
      body: { code: uniq('C-'), kind: 'customer', name: uniq('Cliente '), owner_id: w.ownerOf(target).id, branch_id: w.branchOf(target).id },
    }),
  },
  'GET /api/v1/parties': { resource: 'party', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/parties?q=Cliente` }) },
  'GET /api/v1/parties/{id}': {
    // Anyone may look a customer up (to avoid registering it twice); changing it is scoped.
    resource: 'party', action: 'read', access: 'signed_in', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/parties/${w.parties[target].id}` }),
  },
  'PATCH /api/v1/parties/{id}': {
    resource: 'party', action: 'update', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/parties/${w.parties[target].id}`, body: { phone: '+55 19 3232-0000' } }),
  },
  'GET /api/v1/parties/{id}/personal-data': {
    resource: 'personal_data', action: 'export', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/parties/${w.parties.own.id}/personal-data` }),
  },
  'POST /api/v1/parties/{id}/anonymise': {
    // Irreversible: each cell anonymises a party of its own.
    resource: 'personal_data', action: 'anonymise', access: 'admin', ok: 200,
    request: async (w) => {
      const name = uniq('Pessoa ');
      const p = (await w.clients.admin.post(`${API}/parties`, { code: uniq('LGPD-'), kind: 'customer', name })).body;
      return { path: `${API}/parties/${p.id}/anonymise`, body: { confirm: name } };
    },
  },
  'POST /api/v1/parties/{id}/contacts/{position}/anonymise': {
    resource: 'personal_data', action: 'anonymise', access: 'admin', ok: 200,
    request: async (w) => {
      const p = (await w.clients.admin.post(`${API}/parties`, {
        code: uniq('LGPD-'), kind: 'customer', name: uniq('Empresa '), contacts: [{ name: 'Joana Contato' }],
      })).body;
      return { path: `${API}/parties/${p.id}/contacts/1/anonymise`, body: { confirm: 'Joana Contato' } };
    },
  },
  'POST /api/v1/opportunities': {
    resource: 'party', action: 'create', access: 'signed_in', ok: 201,
    request: (w) => ({ path: `${API}/opportunities`, body: { company: uniq('Oportunidade '), contact_name: 'Rita', next_contact_date: w.due } }),
  },

  // -- follow-ups and their returns -------------------------------------------------
  'POST /api/v1/followups': {
    // Giving a follow-up to someone out of reach is a field error, like any other value
    // the viewer may not choose.
    resource: 'followup', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    denied: { status: 422, field: 'owner_id', code: 'not_allowed' },
    request: (w, role, target) => ({
      path: `${API}/followups`,
      body: {
        party_id: w.parties[target].id, subject: uniq('Assunto '), category: 'pos_venda', owner_id: w.ownerOf(target).id,
        next_action: { type: 'phone', due_date: w.due },
      },
    }),
  },
  'GET /api/v1/followups': {
    resource: 'followup', action: 'list', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/followups?owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/followups/export': {
    // The list's rule, row for row: the same filter refused the same way.
    right: { name: 'export', code: 'missing_right' }, resource: 'followup', action: 'export', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/followups/export?format=csv&owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/followups/{id}': {
    resource: 'followup', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}`, followup: f.id }; },
  },
  'PATCH /api/v1/followups/{id}': {
    resource: 'followup', action: 'update', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => {
      const f = await FU(w, target);
      return { path: `${API}/followups/${f.id}`, body: { priority: 'high' }, headers: { 'If-Match': `"${f.version}"` }, followup: f.id };
    },
  },
  'POST /api/v1/followups/{id}/entries': {
    resource: 'entry', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/entries`, body: { kind: 'note', body: 'Ligou de volta.' }, followup: f.id }; },
  },
  'POST /api/v1/entries/{id}/publish': {
    // A draft is its author's until published: nobody else finds it.
    resource: 'entry', action: 'publish', access: 'self', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const d = await w.draft(role, target); return { path: `${API}/entries/${d.entry}/publish`, followup: d.followup }; },
  },
  'GET /api/v1/followups/{id}/standard-texts': {
    resource: 'parecer', action: 'standard_texts', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/standard-texts`, followup: f.id }; },
  },
  'GET /api/v1/followups/{id}/workflow': {
    resource: 'workflow', action: 'followup_state', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await workflowFollowup(w, target); return { path: `${API}/followups/${f.id}/workflow`, followup: f.id }; },
  },
  'POST /api/v1/followups/{id}/workflow/advance': {
    resource: 'workflow', action: 'advance', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await workflowFollowup(w, target); return { path: `${API}/followups/${f.id}/workflow/advance`, body: { answers: ['yes'] }, followup: f.id }; },
  },
  'GET /api/v1/workflow/positions': {
    resource: 'workflow', action: 'positions', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/workflow/positions?branch_id=${w.branchOf(target).id}` }),
  },
  'POST /api/v1/followups/{id}/pareceres': {
    resource: 'parecer', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/pareceres`, body: { body: 'Equipamento revisado.' }, followup: f.id }; },
  },
  'POST /api/v1/pareceres/{id}/publish': {
    // A draft parecer is its author's until published: nobody else finds it.
    resource: 'parecer', action: 'publish', access: 'self', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const d = await w.draft(role, target); return { path: `${API}/pareceres/${d.entry}/publish`, followup: d.followup }; },
  },
  'GET /api/v1/pareceres/pending': { resource: 'parecer', action: 'pending', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/pareceres/pending` }) },
  'POST /api/v1/pareceres/{id}/email': {
    resource: 'parecer', action: 'email', access: 'scoped', targets: ['own', 'other'], ok: 202,
    request: async (w, role, target) => {
      const f = await FU(w, target);
      const p = expectStatus(await w.ownerClient(target).post(`${API}/followups/${f.id}/pareceres`, { body: 'Equipamento revisado.' }), 201, 'parecer').body;
      return { path: `${API}/pareceres/${p.id}/email`, body: { subject: 'Parecer', body: 'Olá #{cliente}' }, followup: f.id };
    },
  },
  'GET /api/v1/followups/{id}/history': {
    resource: 'history', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/history?standard=true`, followup: f.id }; },
  },
  'GET /api/v1/followups/{id}/questionnaires': {
    resource: 'questionnaire_answer', action: 'list', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/questionnaires`, followup: f.id }; },
  },
  'GET /api/v1/followups/{id}/questionnaires/{qid}/answers': {
    resource: 'questionnaire_answer', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => {
      const [f, q] = [await FU(w, target), await questionnaire(w)];
      return { path: `${API}/followups/${f.id}/questionnaires/${q.id}/answers`, followup: f.id };
    },
  },
  'PUT /api/v1/followups/{id}/questionnaires/{qid}/answers': {
    resource: 'questionnaire_answer', action: 'answer', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => {
      const [f, q] = [await FU(w, target), await questionnaire(w)];
      return { path: `${API}/followups/${f.id}/questionnaires/${q.id}/answers`, body: { answers: [true] }, followup: f.id };
    },
  },
  'GET /api/v1/followups/{id}/appointments': {
    resource: 'appointment', action: 'list', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/appointments`, followup: f.id }; },
  },
  'POST /api/v1/followups/{id}/appointments': {
    // For the follow-up's owner: an agent books for themselves, a supervisor for their branch.
    resource: 'appointment', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => {
      const f = await FU(w, target);
      return { path: `${API}/followups/${f.id}/appointments`, body: { starts_at: '2026-03-13T14:00:00-03:00', ends_at: '2026-03-13T15:00:00-03:00', attendees: [w.ownerOf(target).id] }, followup: f.id };
    },
  },
  'PATCH /api/v1/appointments/{id}': {
    resource: 'appointment', action: 'update', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => {
      const { f, a } = await appointment(w, target);
      return { path: `${API}/appointments/${a.id}`, body: { place: 'Sala 3' }, headers: { 'If-Match': `"${a.version}"` }, followup: f.id };
    },
  },
  'DELETE /api/v1/appointments/{id}': {
    resource: 'appointment', action: 'delete', access: 'scoped', targets: ['own', 'other'], ok: 204,
    request: async (w, role, target) => { const { f, a } = await appointment(w, target); return { path: `${API}/appointments/${a.id}`, followup: f.id }; },
  },
  'GET /api/v1/proposal-templates': { resource: 'proposal_template', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/proposal-templates` }) },
  'POST /api/v1/proposal-templates': {
    right: { name: 'configure_attendance', code: 'admin_only' }, resource: 'proposal_template', action: 'create', access: 'admin', ok: 201,
    request: () => ({ path: `${API}/proposal-templates`, body: { name: uniq('Proposta '), html: '<p>#{cliente}</p>' } }),
  },
  'PATCH /api/v1/proposal-templates/{id}': {
    right: { name: 'configure_attendance', code: 'admin_only' }, resource: 'proposal_template', action: 'update', access: 'admin', ok: 200,
    request: async (w) => ({ path: `${API}/proposal-templates/${(await layouts(w)).proposal.id}`, body: { active: true } }),
  },
  'GET /api/v1/proposal-variables': { resource: 'proposal_variable', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/proposal-variables` }) },
  'GET /api/v1/followups/{id}/proposals': {
    resource: 'proposal', action: 'list', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/proposals`, followup: f.id }; },
  },
  'POST /api/v1/followups/{id}/proposals': {
    resource: 'proposal', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => {
      const f = await FU(w, target);
      return { path: `${API}/followups/${f.id}/proposals`, body: { template_id: (await layouts(w)).proposal.id }, followup: f.id };
    },
  },
  'GET /api/v1/proposals/{id}': {
    resource: 'proposal', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const { f, p } = await proposal(w, target); return { path: `${API}/proposals/${p.id}`, followup: f.id }; },
  },
  'GET /api/v1/proposals/{id}/pdf': {
    resource: 'proposal', action: 'print', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const { f, p } = await proposal(w, target); return { path: `${API}/proposals/${p.id}/pdf`, followup: f.id }; },
  },
  'POST /api/v1/proposals/{id}/send': {
    resource: 'proposal', action: 'send', access: 'scoped', targets: ['own', 'other'], ok: 202,
    request: async (w, role, target) => {
      const { f, p } = await proposal(w, target);
      return { path: `${API}/proposals/${p.id}/send`, body: { to: ['cliente@example.com'] }, followup: f.id };
    },
  },
  'GET /api/v1/parties/{id}/proposals': {
    // Anyone may look a customer up; the list holds only the proposals of follow-ups the viewer reads.
    resource: 'proposal', action: 'list', access: 'signed_in', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/parties/${w.parties[target].id}/proposals` }),
  },
  'GET /api/v1/followups/{id}/visit-sheet.pdf': {
    resource: 'visit_sheet', action: 'print', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => {
      const f = await FU(w, target);
      return { path: `${API}/followups/${f.id}/visit-sheet.pdf?template=${(await layouts(w)).visit.id}`, followup: f.id };
    },
  },
  'POST /api/v1/followups/{id}/visit-sheet/send': {
    resource: 'visit_sheet', action: 'send', access: 'scoped', targets: ['own', 'other'], ok: 202,
    request: async (w, role, target) => {
      const f = await FU(w, target);
      return { path: `${API}/followups/${f.id}/visit-sheet/send`, body: { template_id: (await layouts(w)).visit.id, to: ['cliente@example.com'] }, followup: f.id };
    },
  },
  'GET /api/v1/appointments': {
    // The appointments beside the returns on someone's calendar: the calendar's rule.
    resource: 'appointment', action: 'list', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/appointments?user_id=${w.ownerOf(target).id}&from=2026-03-01&to=2026-03-31` }),
  },
  'GET /api/v1/free-days': {
    // Whose free days a viewer may ask: the lists' owner filter (agents: themselves).
    resource: 'free_days', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/free-days?users=${w.ownerOf(target).id}&from=2026-03-09&to=2026-03-15` }),
  },
  'POST /api/v1/followups/{id}/actions': {
    resource: 'return', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/actions`, body: { type: 'visit', due_date: w.due }, followup: f.id }; },
  },
  'POST /api/v1/actions/{id}/complete': {
    resource: 'return', action: 'complete', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/actions/${f.actions[0].id}/complete`, body: { result: 'Falei com o cliente.' }, followup: f.id }; },
  },
  'POST /api/v1/actions/{id}/reschedule': {
    resource: 'return', action: 'reschedule', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/actions/${f.actions[0].id}/reschedule`, body: { due_date: w.later, reason: 'Cliente viajando' }, followup: f.id }; },
  },
  'POST /api/v1/actions/{id}/cancel': {
    resource: 'return', action: 'cancel', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/actions/${f.actions[0].id}/cancel`, body: { reason: 'Não precisa mais' }, followup: f.id }; },
  },
  'POST /api/v1/followups/bulk': {
    // Anyone signed in; each follow-up is then checked as a change to it alone would be
    // (agents their own, supervisors their branch) and a refused one is listed in the 200.
    right: { name: 'bulk_change', code: 'missing_right' }, resource: 'followup', action: 'bulk_change', access: 'signed_in', ok: 200,
    request: async (w) => { const f = await FU(w, 'own'); return { path: `${API}/followups/bulk`, body: { action: 'close', reason: 'Lote', ids: [f.id], dry_run: true } }; },
  },
  'POST /api/v1/followups/{id}/close': {
    resource: 'followup', action: 'close', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/close`, body: { result: 'Resolvido.' }, followup: f.id }; },
  },
  'POST /api/v1/followups/{id}/reopen': {
    // Reopening is a supervisor's decision (manual 003), within their branch.
    right: { name: 'reopen', code: 'reopen_needs_supervisor' }, resource: 'followup', action: 'reopen', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await w.closedFollowup(target); return { path: `${API}/followups/${f.id}/reopen`, body: { reason: 'Voltou a ligar' }, followup: f.id }; },
  },
  'POST /api/v1/followups/{id}/attachments': {
    resource: 'attachment', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/attachments`, upload: true, followup: f.id }; },
  },
  'GET /api/v1/attachments/{id}': {
    resource: 'attachment', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/attachments/${w.attachments[target].id}` }),
  },
  'GET /api/v1/agenda': { resource: 'return', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/agenda` }) },
  'GET /api/v1/reports/unattended': {
    right: { name: 'view_reports', code: 'missing_right' }, resource: 'report', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/unattended?owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/reports/actions': {
    right: { name: 'view_reports', code: 'missing_right' }, resource: 'report', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/actions?user_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/reports/team': {
    right: { name: 'view_reports', code: 'missing_right' }, resource: 'report', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/team?owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/reports/automatic': {
    right: { name: 'view_reports', code: 'missing_right' }, resource: 'report', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/automatic?owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/report-schedules': { resource: 'report_schedule', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/report-schedules` }) },
  'POST /api/v1/report-schedules': {
    // A report sent by e-mail is an exported file: the export buttons' right.
    right: { name: 'export', code: 'missing_right' }, resource: 'report_schedule', action: 'create', access: 'signed_in', ok: 201,
    request: () => ({ path: `${API}/report-schedules`, body: { report: 'actions', filters: {}, format: 'pdf', frequency: 'weekly', recipients: 'me' } }),
  },
  'PATCH /api/v1/report-schedules/{id}': {
    // One's own (an admin: anyone's); another's is not found, as if it were not there.
    resource: 'report_schedule', action: 'update', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 404, code: 'report_schedule' },
    request: async (w, role, target) => ({ path: `${API}/report-schedules/${(await reportSchedule(w, role, target)).id}`, body: { format: 'xlsx' } }),
  },
  'DELETE /api/v1/report-schedules/{id}': {
    resource: 'report_schedule', action: 'delete', access: 'scoped', targets: ['own', 'other'], ok: 204,
    denied: { status: 404, code: 'report_schedule' },
    request: async (w, role, target) => ({ path: `${API}/report-schedules/${(await reportSchedule(w, role, target)).id}` }),
  },
  'GET /api/v1/reports/unattended/export': {
    // The report's rule, row for row: the same filter refused the same way.
    right: { name: 'export', code: 'missing_right' }, resource: 'report', action: 'export', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/unattended/export?format=csv&owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/reports/actions/export': {
    right: { name: 'export', code: 'missing_right' }, resource: 'report', action: 'export', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/actions/export?format=csv&user_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/reports/team/export': {
    resource: 'report', action: 'export', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/team/export?format=csv&owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/reports/automatic/export': {
    resource: 'report', action: 'export', access: 'scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 403, code: 'filter_not_allowed' },
    request: (w, role, target) => ({ path: `${API}/reports/automatic/export?format=csv&owner_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/agenda/export': { resource: 'return', action: 'export', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/agenda/export?format=csv` }) },
  'GET /api/v1/agenda/export': { right: { name: 'export', code: 'missing_right' }, resource: 'return', action: 'export', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/agenda/export?format=csv` }) },
  'GET /api/v1/calendar': {
    resource: 'calendar', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/calendar?month=${w.due.slice(0, 7)}&user_id=${w.ownerOf(target).id}` }),
  },
  'GET /api/v1/calendar/day': {
    resource: 'calendar', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/calendar/day?date=${w.due}&user_id=${w.ownerOf(target).id}` }),
  },

  // -- the audit trail (admins) ------------------------------------------------------
  'GET /api/v1/audit': { resource: 'audit', action: 'list', access: 'admin', ok: 200, request: () => ({ path: `${API}/audit` }) },
  'GET /api/v1/audit/export': { resource: 'audit', action: 'export', access: 'admin', ok: 200, request: () => ({ path: `${API}/audit/export?format=csv` }) },

  // -- notifications (each user's own) ----------------------------------------------
  'GET /api/v1/notifications': { resource: 'notification', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/notifications` }) },
  'POST /api/v1/notifications/read-all': { resource: 'notification', action: 'update', access: 'signed_in', ok: 204, request: () => ({ path: `${API}/notifications/read-all`, body: {} }) },
  'POST /api/v1/notifications/{id}/read': {
    resource: 'notification', action: 'update', access: 'self', targets: ['own', 'other'], ok: 204,
    request: (w, role, target) => ({ path: `${API}/notifications/${w.notification(role, target, 'read').id}/read`, body: {} }),
  },
  'POST /api/v1/notifications/{id}/snooze': {
    resource: 'notification', action: 'update', access: 'self', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/notifications/${w.notification(role, target, 'snooze').id}/snooze`, body: { until: '1h' } }),
  },

  // -- e-mail -----------------------------------------------------------------------
  'GET /api/v1/settings/smtp': { resource: 'smtp', action: 'read', access: 'admin', ok: 200, request: () => ({ path: `${API}/settings/smtp` }) },
  'PUT /api/v1/settings/smtp': { resource: 'smtp', action: 'update', access: 'admin', ok: 200, request: (w) => ({ path: `${API}/settings/smtp`, body: w.smtp }) },
  'POST /api/v1/settings/smtp/test': { resource: 'smtp', action: 'test', access: 'admin', ok: 202, request: () => ({ path: `${API}/settings/smtp/test`, body: { to: 'teste@empresa.com.br' } }) },
  'GET /api/v1/mail/health': { resource: 'mail', action: 'read', access: 'admin', ok: 200, request: () => ({ path: `${API}/mail/health` }) },
  'GET /api/v1/outbox': { resource: 'mail', action: 'list', access: 'admin', ok: 200, request: () => ({ path: `${API}/outbox` }) },
  'GET /api/v1/followups/{id}/emails': {
    resource: 'followup_email', action: 'list', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/emails`, followup: f.id }; },
  },
  'POST /api/v1/followups/{id}/emails': {
    resource: 'followup_email', action: 'create', access: 'scoped', targets: ['own', 'other'], ok: 202,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/emails`, body: { subject: 'Retorno', body: 'Olá #{cliente}' }, followup: f.id }; },
  },
  'GET /api/v1/templates': { resource: 'template', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/templates` }) },
  'PUT /api/v1/templates/{id}': {
    resource: 'template', action: 'update', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/templates/${w.template.id}`, body: { subject: w.template.subject, body: w.template.body } }),
  },
  'POST /api/v1/templates/preview': {
    resource: 'template', action: 'preview', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/templates/preview`, body: { subject: '#{cliente}', body: 'x', followup_id: f.id } }; },
  },

  // -- catalogue, documents and imports ---------------------------------------------
  'GET /api/v1/catalog': { resource: 'catalog', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/catalog` }) },
  'POST /api/v1/catalog': {
    resource: 'catalog', action: 'create', access: 'admin', ok: 201,
    request: () => ({ path: `${API}/catalog`, body: { code: uniq('PROD-'), kind: 'product', name: 'Produto novo' } }),
  },
  'PATCH /api/v1/catalog/{id}': {
    resource: 'catalog', action: 'update', access: 'admin', ok: 200,
    request: (w) => ({ path: `${API}/catalog/${w.product.id}`, body: { name: uniq('Filtro ') } }),
  },
  'GET /api/v1/documents': { resource: 'document', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/documents` }) },
  'POST /api/v1/documents': {
    right: { name: 'create_documents', code: 'forbidden_document' }, resource: 'document', action: 'create', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 201,
    denied: (role) => (role === 'supervisor' ? { status: 422, field: 'owner_id', code: 'not_allowed' } : { status: 403 }),
    request: (w, role, target) => ({ path: `${API}/documents`, body: w.saleBody(target) }),
  },
  'GET /api/v1/documents/{id}': {
    resource: 'document', action: 'read', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: (w, role, target) => ({ path: `${API}/documents/${w.documents[target].id}`, document: w.documents[target].id }),
  },
  'PUT /api/v1/documents/{id}': {
    right: { name: 'create_documents', code: 'forbidden_document' }, resource: 'document', action: 'update', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => {
      const d = await w.newDocument(target);
      return { path: `${API}/documents/${d.id}`, body: { ...w.saleBody(target), number: d.number }, document: d.id };
    },
  },
  'POST /api/v1/documents/{id}/cancel': {
    right: { name: 'create_documents', code: 'forbidden_document' }, resource: 'document', action: 'cancel', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const d = await w.newDocument(target); return { path: `${API}/documents/${d.id}/cancel`, document: d.id }; },
  },
  // Documents made from a follow-up and reopen requests (ADR 0042): whoever may change the
  // follow-up makes and converts them; supervisors decide the requests.
  'POST /api/v1/followups/{id}/documents': {
    resource: 'document', action: 'create_from_followup', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/documents`, body: { kind: 'quote', items: [{ item_code: w.product.code, unit_price: 1000 }] }, followup: f.id }; },
  },
  'GET /api/v1/followups/{id}/documents': {
    resource: 'document', action: 'list_of_followup', access: 'scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const f = await FU(w, target); return { path: `${API}/followups/${f.id}/documents` }; },
  },
  'POST /api/v1/documents/{id}/convert': {
    resource: 'document', action: 'convert', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => { const d = await w.followupQuote(target); return { path: `${API}/documents/${d.id}/convert`, document: d.id }; },
  },
  'POST /api/v1/followups/{id}/reopen-requests': {
    resource: 'followup', action: 'request_reopen', access: 'scoped', targets: ['own', 'other'], ok: 201,
    request: async (w, role, target) => { const f = await w.closedFollowup(target); return { path: `${API}/followups/${f.id}/reopen-requests`, body: { reason: 'Cliente ligou' }, followup: f.id }; },
  },
  'POST /api/v1/reopen-requests/{id}/approve': {
    resource: 'followup', action: 'approve_reopen', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const r = await w.reopenRequest(target); return { path: `${API}/reopen-requests/${r.id}/approve`, followup: r.followup_id }; },
  },
  'POST /api/v1/reopen-requests/{id}/refuse': {
    resource: 'followup', action: 'refuse_reopen', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 200,
    request: async (w, role, target) => { const r = await w.reopenRequest(target); return { path: `${API}/reopen-requests/${r.id}/refuse`, body: { answer: 'Não' }, followup: r.followup_id }; },
  },
  'POST /api/v1/imports/documents': {
    right: { name: 'create_documents', code: 'forbidden_document' }, resource: 'import', action: 'create', access: 'supervisor', ok: 202,
    request: (w) => ({ path: `${API}/imports/documents`, csv: w.importCsv('own') }),
  },
  // Customers and contacts (ADR 0046), under the CSV imports' right: a file of one new
  // customer each time.
  'POST /api/v1/imports/parties': {
    right: { name: 'create_documents', code: 'missing_right' }, resource: 'import', action: 'create', access: 'supervisor', ok: 202,
    request: () => ({ path: `${API}/imports/parties`, csv: `codigo;nome;tipo\n${uniq('IMP-')};Cliente importado;cliente\n` }),
  },
  // Each user's own imports (an agent, who cannot import, has none); admins see all.
  'GET /api/v1/imports': { resource: 'import', action: 'list', access: 'signed_in', ok: 200, request: () => ({ path: `${API}/imports` }) },
  'GET /api/v1/imports/{id}': {
    // `own` is the supervisor's own import, `other` another branch supervisor's; someone
    // else's import is not found (its file name and lines are not theirs to know).
    resource: 'import', action: 'read', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 200,
    denied: { status: 404, code: 'import' },
    request: (w, role, target) => ({ path: `${API}/imports/${w.imports[target].id}` }),
  },
  // -- mailings to selected customers (ADR 0048) -----------------------------------------
  'POST /api/v1/mailings/preview-recipients': {
    resource: 'mailing', action: 'preview', access: 'supervisor', ok: 200, denied: { status: 403, code: 'missing_right' },
    request: (w) => ({ path: `${API}/mailings/preview-recipients`, body: { filter: { party_ids: [w.parties.own.id] } } }),
  },
  'GET /api/v1/mailings/senders': {
    resource: 'mailing', action: 'senders', access: 'supervisor', ok: 200, denied: { status: 403, code: 'missing_right' },
    request: () => ({ path: `${API}/mailings/senders` }),
  },
  'POST /api/v1/mailings': {
    resource: 'mailing', action: 'create', access: 'supervisor', ok: 201, denied: { status: 403, code: 'missing_right' },
    request: (w) => ({ path: `${API}/mailings`, body: { subject: 'Novidades', body: 'Olá #{cliente}', filter: { party_ids: [w.parties.own.id] } } }),
  },
  'GET /api/v1/mailings': {
    resource: 'mailing', action: 'list', access: 'supervisor', ok: 200, denied: { status: 403, code: 'missing_right' },
    request: () => ({ path: `${API}/mailings` }),
  },
  'GET /api/v1/mailings/{id}': {
    resource: 'mailing', action: 'read', access: 'supervisor', ok: 200, denied: { status: 403, code: 'missing_right' },
    request: async (w, role) => ({ path: `${API}/mailings/${(await mailing(w, role)).id}` }),
  },
  'GET /api/v1/mailings/{id}/recipients': {
    resource: 'mailing', action: 'read', access: 'supervisor', ok: 200, denied: { status: 403, code: 'missing_right' },
    request: async (w, role) => ({ path: `${API}/mailings/${(await mailing(w, role)).id}/recipients` }),
  },
  'GET /api/v1/parties/{id}/mailings': {
    // A person's history of mailings: a supervisor reads their branch's people's.
    resource: 'mailing', action: 'history', access: 'supervisor_scoped', targets: ['own', 'other'], ok: 200,
    denied: (role) => (role === 'agent' ? { status: 403, code: 'missing_right' } : { status: 403, code: 'forbidden_party' }),
    request: (w, role, target) => ({ path: `${API}/parties/${w.parties[target].id}/mailings` }),
  },
  // The link in the message is the credential: whoever holds it may stop the mailings.
  'GET /api/v1/mailings/unsubscribe/{token}': {
    resource: 'mailing_opt_out', action: 'read', access: 'public', ok: 200,
    request: async (w) => ({ path: await unsubscribePath(w) }),
  },
  'POST /api/v1/mailings/unsubscribe/{token}': {
    resource: 'mailing_opt_out', action: 'create', access: 'public', ok: 200,
    request: async (w) => ({ path: await unsubscribePath(w) }),
  },
};

// The status a cell expects: `ok`, or the refusal ({status, code?, field?}).
export function expectation(entry, role, target) {
  const ok = { allowed: true, status: entry.ok };
  if (entry.access === 'public') return ok;
  if (role === 'anonymous') return { allowed: false, status: 401 };
  const denied = typeof entry.denied === 'function' ? entry.denied(role, target) : entry.denied;
  const refused = { allowed: false, status: 403, ...(denied || {}) };
  switch (entry.access) {
    case 'signed_in': return ok;
    case 'self': return target === 'own' ? ok : { allowed: false, status: 404 };
    case 'admin': return role === 'admin' ? ok : { ...refused, code: 'admin_only' };
    case 'supervisor': return role === 'admin' || role === 'supervisor' ? ok : refused;
    case 'scoped': return role === 'admin' || target === 'own' ? ok : refused;
    case 'supervisor_scoped': return role === 'admin' || (role === 'supervisor' && target === 'own') ? ok : refused;
    case 'self_or_admin': return role === 'admin' || target === 'own' ? ok : { ...refused, code: 'admin_only' };
    default: throw new Error(`unknown access ${entry.access}`);
  }
}

export const ROLES = ['anonymous', 'agent', 'supervisor', 'admin'];

// Each role's rights before any change (domain/permissions.cc RoleHasRight).
export const RIGHT_DEFAULTS = {
  reopen: ['supervisor', 'admin'],
  reassign: ['supervisor', 'admin'],
  bulk_change: ['agent', 'supervisor', 'admin'],
  export: ['agent', 'supervisor', 'admin'],
  create_documents: ['supervisor', 'admin'],
  configure_attendance: ['admin'],
  view_reports: ['agent', 'supervisor', 'admin'],
};
// Rights no route is gated by as a whole: reassign is decided per owner named in a
// body (tests/api/rights.test.mjs).
export const BODY_RIGHTS = ['reassign'];

// The rights cells of an entry: per signed-in role, the change made to the viewer and
// what the request then answers (on the entry's first target: the viewer's own).
export function rightCells(entry) {
  if (!entry.right) return [];
  return ['agent', 'supervisor', 'admin'].map((role) => {
    const target = entry.targets ? entry.targets[0] : null;
    return RIGHT_DEFAULTS[entry.right.name].includes(role)
      ? { role, target, change: 'revoked', want: { allowed: false, status: 403, code: entry.right.code } }
      : { role, target, change: 'granted', want: { allowed: true, status: entry.ok } };
  });
}

const WHO = {
  public: 'anyone, signed in or not',
  signed_in: 'any signed-in user',
  self: 'the user, on what is theirs (another\'s: 404)',
  admin: 'admins',
  supervisor: 'admins and supervisors',
  scoped: 'admins: all; supervisors: their branch; agents: their own',
  supervisor_scoped: 'admins: all; supervisors: their branch; agents: no',
  self_or_admin: 'the user themselves, or an admin',
};

// docs/permissions.md, written from the table (the table test checks the file is current):
//   node tests/api/permission_table.mjs > docs/permissions.md
export function renderMarkdown() {
  const lines = [
    '# Who may do what',
    '',
    'Generated from `tests/api/permission_table.mjs`, the table the API tests send to a running',
    'server cell by cell (every route × anonymous, agent, supervisor, admin × a resource of the',
    'viewer\'s branch and one of another branch). Refusals are 401 when not signed in, 403',
    'otherwise, unless the route says differently below.',
    '',
    'A route with a named right (ADR 0040) also needs that right: the role\'s default, which an',
    'admin grants beyond it or revokes per user (`PUT /api/v1/users/{id}/rights`); a revoked',
    'right answers 403 with the code shown. Defaults: ' + Object.entries(RIGHT_DEFAULTS)
      .map(([r, roles]) => `\`${r}\` ${roles.length === 3 ? 'everyone' : roles.join(', ')}`).join('; ') + '.',
    '',
    '| Route | Resource | Action | Who may | Refusal | Right |',
    '|---|---|---|---|---|---|',
  ];
  for (const [route, e] of Object.entries(TABLE)) {
    const d = typeof e.denied === 'function' ? `${e.denied('supervisor').status} (supervisors), ${e.denied('agent').status} (agents)`
      : e.denied ? `${e.denied.status}${e.denied.field ? ` on \`${e.denied.field}\`` : ''}${e.denied.code ? ` \`${e.denied.code}\`` : ''}`
        : e.access === 'self' ? '404' : e.access === 'public' ? '' : e.access === 'signed_in' ? '401' : e.access === 'admin' ? '403 `admin_only`' : '403';
    const right = e.right ? `\`${e.right.name}\` (403 \`${e.right.code}\`)` : '';
    lines.push(`| \`${route}\` | ${e.resource} | ${e.action} | ${WHO[e.access]} | ${d} | ${right} |`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && process.argv[1].endsWith('permission_table.mjs')) process.stdout.write(renderMarkdown());
