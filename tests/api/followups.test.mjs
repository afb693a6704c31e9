// The core journeys of manuals 000, 001 and 004: a follow-up with its first return,
// monthly series, late entry, optimistic concurrency, entries and drafts, completing a
// return with its result and the next return, rescheduling, cancelling, closing and
// reopening.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, listAll, login, loginAdmin, startServer,
} from './harness.mjs';

// 12:00 in São Paulo on 10 March 2026: everyone below is in São Paulo, today 2026-03-10.
const CLOCK = '2026-03-10T15:00:00Z';
const TODAY = '2026-03-10';

let server, admin, agent, sup, party, branch, agentUser, supUser;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  branch = await createBranch(admin, 'Campinas');
  agentUser = await createUser(admin, { login: 'joao', role: 'agent', branch_id: branch.id });
  supUser = await createUser(admin, { login: 'carla', role: 'supervisor', branch_id: branch.id });
  agent = await login(server, 'joao');
  sup = await login(server, 'carla');
});

after(async () => { await server?.stop(); });

const sameInstant = (a, b) => assert.equal(new Date(a).getTime(), new Date(b).getTime(), `${a} vs ${b}`);

describe('parties', () => {
  test('create a party (customer with contacts), read it back, find it by code and by name', async () => {
    const body = {
      code: 'C-90001', kind: 'customer', name: 'Padaria Boa Vista', email: 'compras@padariaboavista.com.br',
      phone: '+55 19 3232-4545', whatsapp: '+55 19 99876-1234', birthday: '1980-05-17',
      contacts: [{ name: 'Sr. Antônio', phone: '+55 19 99876-1234', email: 'antonio@padariaboavista.com.br' }],
    };
    const res = expectStatus(await agent.post(`${API}/parties`, body), 201);
    party = res.body;
    assert.equal(party.code, 'C-90001');
    assert.equal(party.kind, 'customer');
    assert.equal(party.name, 'Padaria Boa Vista');
    assert.equal(party.birthday, '1980-05-17');
    assert.equal(party.contacts.length, 1);
    assert.equal(party.contacts[0].name, 'Sr. Antônio');
    assert.equal(party.owner_id, agentUser.id, 'owner defaults to the caller');
    assert.equal(party.branch_id, branch.id, 'branch defaults to the caller\'s');
    const got = expectStatus(await agent.get(`${API}/parties/${party.id}`), 200).body;
    assert.deepEqual(got, party);
    const byCode = expectStatus(await agent.get(`${API}/parties?q=C-9000`), 200).body.items;
    assert.ok(byCode.some((p) => p.id === party.id), 'found by code prefix');
    const byName = expectStatus(await agent.get(`${API}/parties?q=Boa%20Vista`), 200).body.items;
    assert.ok(byName.some((p) => p.id === party.id), 'found by name');
    const suppliers = expectStatus(await agent.get(`${API}/parties?kind=supplier`), 200).body.items;
    assert.ok(!suppliers.some((p) => p.id === party.id), 'kind filter');
  });

  test('GET /parties/{id} of an unknown id answers 404', async () => {
    expectProblem(await agent.get(`${API}/parties/999999`), 404, 'party');
  });
});

describe('follow-up journey', () => {
  let fu;  // the main follow-up of the journey

  test('create with the first return (phone, date, time) and notes: 201, state today, planned action, entries', async () => {
    const res = await agent.post(`${API}/followups`, {
      party_id: party.id,
      subject: 'Manutenção preventiva do balcão refrigerado',
      category: 'pos_venda',
      priority: 'high',
      cc: ['gerente@padariaboavista.com.br'],
      notes: { followup: 'Cliente pediu contato mensal.', complaint: 'Balcão fazendo ruído.', internal: 'Verificar garantia.' },
      next_action: { type: 'phone', due_date: TODAY, due_time: '14:00', message: 'Confirmar visita' },
    });
    expectStatus(res, 201);
    fu = res.body;
    assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/followups/${fu.id}$`));
    assert.ok(res.headers.get('etag'), 'ETag on create');
    assert.deepEqual(fu.party, { id: party.id, code: party.code, name: party.name });
    assert.equal(fu.subject, 'Manutenção preventiva do balcão refrigerado');
    assert.equal(fu.owner_id, agentUser.id);
    assert.equal(fu.branch_id, branch.id);
    assert.equal(fu.category, 'pos_venda');
    assert.equal(fu.priority, 'high');
    assert.deepEqual(fu.cc, ['gerente@padariaboavista.com.br']);
    assert.equal(fu.contact.name, 'Padaria Boa Vista', 'contact defaults to the party');
    assert.equal(fu.contact.phone, party.phone);
    assert.equal(fu.status, 'open');
    assert.equal(fu.state, 'today');
    assert.equal(fu.days_late, 0);
    assert.equal(fu.next_due_date, TODAY);
    assert.equal(typeof fu.version, 'number');
    assert.equal(fu.actions.length, 1);
    const a = fu.actions[0];
    assert.equal(a.type, 'phone');
    assert.equal(a.due_date, TODAY);
    assert.equal(a.due_time, '14:00');
    assert.equal(a.status, 'planned');
    assert.equal(a.message, 'Confirmar visita');
    assert.equal(a.result, '');
    assert.equal(a.done_at, null);
    assert.equal(a.next_action_id, null);
    assert.deepEqual(fu.upcoming_dates, [TODAY]);
    const kinds = Object.fromEntries(fu.entries.map((e) => [e.kind, e]));
    assert.equal(fu.entries.length, 3);
    assert.equal(kinds.note.body, 'Cliente pediu contato mensal.');
    assert.equal(kinds.complaint.body, 'Balcão fazendo ruído.');
    assert.equal(kinds.internal.body, 'Verificar garantia.');
    for (const e of fu.entries) {
      assert.equal(e.author_id, agentUser.id);
      assert.equal(e.draft, false);
      assert.match(e.contact_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/, 'RFC 3339 with offset');
      const skew = Math.abs(new Date(e.contact_at).getTime() - new Date(CLOCK).getTime());
      assert.ok(skew < 120000, `contact_at defaults to now (${e.contact_at})`);
    }
    // The answer to the creation is built from what was written, not read back: it must
    // be exactly what a read returns (timeline order included).
    const read = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200);
    assert.deepEqual(fu, read.body);
    assert.equal(res.headers.get('etag'), read.headers.get('etag'));
  });

  test('a return due later gives state open', async () => {
    const f = await createFollowup(agent, { party_id: party.id, due_date: '2026-03-20' });
    assert.equal(f.state, 'open');
    assert.equal(f.days_late, 0);
    assert.equal(f.next_due_date, '2026-03-20');
    assert.equal(f.actions[0].due_time, null);
  });

  test('repeat_months 3 creates three monthly returns listed in upcoming_dates', async () => {
    const f = await createFollowup(agent, { party_id: party.id, due_date: '2026-03-15', repeat_months: 3 });
    assert.deepEqual(f.upcoming_dates, ['2026-03-15', '2026-04-15', '2026-05-15']);
    // The returns themselves are history, latest on top (manual 004).
    assert.deepEqual(f.actions.map((a) => [a.due_date, a.status]),
      [['2026-05-15', 'planned'], ['2026-04-15', 'planned'], ['2026-03-15', 'planned']]);
    assert.equal(f.next_due_date, '2026-03-15');
    const g = expectStatus(await agent.get(`${API}/followups/${f.id}`), 200).body;
    assert.deepEqual(g.actions.map((a) => a.due_date), ['2026-05-15', '2026-04-15', '2026-03-15']);
  });

  test('a series from the 31st falls on the last day of shorter months', async () => {
    const f = await createFollowup(agent, { party_id: party.id, due_date: '2026-03-31', repeat_months: 3 });
    assert.deepEqual(f.upcoming_dates, ['2026-03-31', '2026-04-30', '2026-05-31']);
    const g = await createFollowup(agent, { party_id: party.id, due_date: '2027-01-31', repeat_months: 3 });
    assert.deepEqual(g.upcoming_dates, ['2027-01-31', '2027-02-28', '2027-03-31']);
    const leap = await createFollowup(agent, { party_id: party.id, due_date: '2027-12-31', repeat_months: 3 });
    assert.deepEqual(leap.upcoming_dates, ['2027-12-31', '2028-01-31', '2028-02-29']);
  });

  test('contact_at in the past is accepted (late entry) and used for the notes', async () => {
    const contactAt = '2026-03-02T09:30:00-03:00';
    const f = await createFollowup(agent, {
      party_id: party.id, due_date: '2026-03-12', contact_at: contactAt, notes: { followup: 'Ligação da semana passada.' },
    });
    assert.equal(f.entries.length, 1);
    sameInstant(f.entries[0].contact_at, contactAt);
  });

  test('contact_at in the future is rejected with 422 and nothing is stored', async () => {
    const before = await listAll(admin, { status: 'all' });
    const res = await agent.post(`${API}/followups`, {
      party_id: party.id, subject: 'Futuro', category: 'pos_venda', contact_at: '2026-03-11T09:30:00-03:00',
      notes: { followup: 'ainda não aconteceu' }, next_action: { type: 'phone', due_date: '2026-03-12' },
    });
    expectFieldError(res, 422, 'contact_at', 'in_future');
    assert.deepEqual((await listAll(admin, { status: 'all' })).map((f) => f.id), before.map((f) => f.id));
  });

  test('GET answers the follow-up with an ETag; If-None-Match answers 304', async () => {
    const res = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200);
    const etag = res.headers.get('etag');
    assert.match(etag || '', /^(W\/)?"[^"]+"$/, 'quoted entity tag');
    assert.equal(res.body.id, fu.id);
    assert.equal(res.body.version, fu.version);
    const again = await agent.get(`${API}/followups/${fu.id}`, { headers: { 'If-None-Match': etag } });
    expectStatus(again, 304);
  });

  test('PATCH with If-Match: 200, version bumps, new ETag; stale If-Match: 412 and nothing changes; no If-Match: 428', async () => {
    const g = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200);
    const etag1 = g.headers.get('etag');
    const v1 = g.body.version;
    const p = expectStatus(await agent.patch(`${API}/followups/${fu.id}`, { subject: 'Manutenção do balcão (revisado)', priority: 'medium' },
      { headers: { 'If-Match': etag1 } }), 200);
    assert.equal(p.body.subject, 'Manutenção do balcão (revisado)');
    assert.equal(p.body.priority, 'medium');
    assert.ok(p.body.version > v1, `version bumped (${v1} -> ${p.body.version})`);
    const etag2 = p.headers.get('etag');
    assert.ok(etag2 && etag2 !== etag1, 'ETag changes');

    const stale = await sup.patch(`${API}/followups/${fu.id}`, { subject: 'Sobrescrito' }, { headers: { 'If-Match': etag1 } });
    expectProblem(stale, 412, 'version');
    const after1 = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200);
    assert.equal(after1.body.subject, 'Manutenção do balcão (revisado)');
    assert.equal(after1.body.version, p.body.version);
    assert.equal(after1.headers.get('etag'), etag2);

    const missing = await agent.patch(`${API}/followups/${fu.id}`, { subject: 'Sem If-Match' });
    expectProblem(missing, 428, 'if_match_required');
    const after2 = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(after2.subject, 'Manutenção do balcão (revisado)');
    assert.equal(after2.version, p.body.version);
  });

  test('concurrent PATCHes with the same If-Match: exactly one wins, the others get 412', async () => {
    const g = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200);
    const etag = g.headers.get('etag');
    const subjects = [1, 2, 3, 4, 5, 6].map((i) => `Manutenção do balcão (revisado) #${i}`);
    const results = await Promise.all(subjects.map((subject, i) =>
      (i % 2 ? agent : sup).patch(`${API}/followups/${fu.id}`, { subject }, { headers: { 'If-Match': etag } })));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 412, 412, 412, 412, 412], `statuses ${statuses}`);
    const winner = results.find((r) => r.status === 200).body;
    const now = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(now.subject, winner.subject);
    assert.equal(now.version, winner.version);
    assert.equal(now.version, g.body.version + 1, 'one write only');
  });

  test('entries: a note is added to the timeline and bumps the version', async () => {
    const v = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body.version;
    const res = expectStatus(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'note', body: 'Cliente confirmou interesse.' }), 201);
    assert.equal(res.body.kind, 'note');
    assert.equal(res.body.body, 'Cliente confirmou interesse.');
    assert.equal(res.body.draft, false);
    assert.equal(res.body.author_id, agentUser.id);
    const g = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.ok(g.entries.some((e) => e.id === res.body.id && e.body === 'Cliente confirmou interesse.'));
    assert.ok(g.version > v, 'version bumped by the entry');
    const complaint = expectStatus(await agent.post(`${API}/followups/${fu.id}/entries`,
      { kind: 'complaint', body: 'Reclamou do atraso.', contact_at: '2026-03-09T16:00:00-03:00' }), 201);
    sameInstant(complaint.body.contact_at, '2026-03-09T16:00:00-03:00');
  });

  test('entries: a draft is invisible to others who see the follow-up until published; publishing twice is 409', async () => {
    const d = expectStatus(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'internal', body: 'Rascunho: checar peça X', draft: true }), 201);
    assert.equal(d.body.draft, true);
    const mine = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.ok(mine.entries.some((e) => e.id === d.body.id && e.draft === true), 'author sees the draft');
    const adminView = expectStatus(await admin.get(`${API}/followups/${fu.id}`), 200).body;
    assert.ok(!adminView.entries.some((e) => e.id === d.body.id), 'admin does not see another user\'s draft');
    const supView = expectStatus(await sup.get(`${API}/followups/${fu.id}`), 200).body;
    assert.ok(!supView.entries.some((e) => e.id === d.body.id), 'supervisor does not see another user\'s draft');
    // Someone else cannot publish it: for them it does not exist.
    expectProblem(await admin.post(`${API}/entries/${d.body.id}/publish`), 404);

    const pub = expectStatus(await agent.post(`${API}/entries/${d.body.id}/publish`), 200);
    assert.equal(pub.body.draft, false);
    assert.equal(pub.body.body, 'Rascunho: checar peça X');
    const adminView2 = expectStatus(await admin.get(`${API}/followups/${fu.id}`), 200).body;
    assert.ok(adminView2.entries.some((e) => e.id === d.body.id && e.draft === false), 'published entry visible to admin');

    expectProblem(await agent.post(`${API}/entries/${d.body.id}/publish`), 409, 'entry_published');
  });

  test('entries: bad kind and empty body are 422 and add nothing', async () => {
    const before = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'shout', body: 'x' }), 422, 'kind');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'note', body: '' }), 422, 'body', 'required');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'note', body: 'x', contact_at: '2026-03-12T10:00:00-03:00' }), 422, 'contact_at', 'in_future');
    const afterwards = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(afterwards.version, before.version);
    assert.equal(afterwards.entries.length, before.entries.length);
  });

  let firstAction, nextAction;

  test('complete a return with result and next_action: done, linked to the new planned return, result entry, next_due_date moves', async () => {
    firstAction = fu.actions[0];
    const res = await agent.post(`${API}/actions/${firstAction.id}/complete`, {
      result: 'Falou com o Sr. Antônio; pediu visita técnica.',
      resolution: 'phone',
      result_at: '2026-03-10T11:40:00-03:00',
      next_action: { type: 'visit', due_date: '2026-03-17', due_time: '09:30' },
    });
    expectStatus(res, 200);
    const d = res.body;
    const done = d.actions.find((a) => a.id === firstAction.id);
    assert.equal(done.status, 'done');
    assert.equal(done.result, 'Falou com o Sr. Antônio; pediu visita técnica.');
    assert.equal(done.resolution, 'phone');
    assert.ok(done.done_at, 'done_at set');
    sameInstant(done.result_at, '2026-03-10T11:40:00-03:00');
    assert.ok(done.next_action_id, 'next_action_id set');
    nextAction = d.actions.find((a) => a.id === done.next_action_id);
    assert.ok(nextAction, 'next_action_id points to an action of the follow-up');
    assert.equal(nextAction.status, 'planned');
    assert.equal(nextAction.type, 'visit');
    assert.equal(nextAction.due_date, '2026-03-17');
    assert.equal(nextAction.due_time, '09:30');
    const resultEntry = d.entries.find((e) => e.kind === 'result');
    assert.ok(resultEntry, 'a result entry on the timeline');
    assert.equal(resultEntry.body, 'Falou com o Sr. Antônio; pediu visita técnica.');
    assert.equal(d.next_due_date, '2026-03-17');
    assert.equal(d.state, 'open');
    assert.ok(res.headers.get('etag'));
  });

  test('completing an already-done return is 409 action_not_planned and changes nothing', async () => {
    const before = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    expectProblem(await agent.post(`${API}/actions/${firstAction.id}/complete`, { result: 'de novo' }), 409, 'action_not_planned');
    const afterwards = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(afterwards.version, before.version);
    assert.deepEqual(afterwards.actions, before.actions);
  });

  test('complete without a result is 422 and the return stays planned', async () => {
    expectFieldError(await agent.post(`${API}/actions/${nextAction.id}/complete`, { result: '' }), 422, 'result', 'required');
    const g = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(g.actions.find((a) => a.id === nextAction.id).status, 'planned');
  });

  test('reschedule a return: new due date, a status entry, next_due_date follows', async () => {
    const res = expectStatus(await agent.post(`${API}/actions/${nextAction.id}/reschedule`,
      { due_date: '2026-03-19', due_time: '10:00', reason: 'Cliente viajando' }), 200);
    const a = res.body.actions.find((x) => x.id === nextAction.id);
    assert.equal(a.due_date, '2026-03-19');
    assert.equal(a.due_time, '10:00');
    assert.equal(a.status, 'planned');
    assert.equal(res.body.next_due_date, '2026-03-19');
    const status = res.body.entries.filter((e) => e.kind === 'status');
    assert.ok(status.some((e) => e.body.includes('Cliente viajando')), 'status entry with the reason');
    expectFieldError(await agent.post(`${API}/actions/${nextAction.id}/reschedule`, { due_date: '2026-03-09' }), 422, 'due_date', 'in_past');
  });

  test('schedule another return, then cancel it: cancelled, status entry; cancelling again is 409', async () => {
    const s = expectStatus(await agent.post(`${API}/followups/${fu.id}/actions`, { type: 'email', due_date: '2026-03-12' }), 201);
    assert.equal(s.body.status, 'planned');
    assert.equal(s.body.due_date, '2026-03-12');
    const g = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(g.next_due_date, '2026-03-12');
    const c = expectStatus(await agent.post(`${API}/actions/${s.body.id}/cancel`, { reason: 'Não precisa mais' }), 200);
    assert.equal(c.body.actions.find((a) => a.id === s.body.id).status, 'cancelled');
    assert.equal(c.body.next_due_date, '2026-03-19');
    const entries = c.body.entries.filter((e) => e.kind === 'status');
    assert.ok(entries.some((e) => e.body.includes('Não precisa mais')));
    expectProblem(await agent.post(`${API}/actions/${s.body.id}/cancel`, {}), 409, 'action_not_planned');
  });

  test('close with a result: status closed, remaining planned returns cancelled, gone from status=open', async () => {
    const extra = expectStatus(await agent.post(`${API}/followups/${fu.id}/actions`, { type: 'whatsapp', due_date: '2026-03-25' }), 201);
    const res = expectStatus(await agent.post(`${API}/followups/${fu.id}/close`, { result: 'Contrato de manutenção renovado.' }), 200);
    assert.equal(res.body.status, 'closed');
    assert.equal(res.body.state, 'closed');
    assert.equal(res.body.days_late, 0);
    assert.equal(res.body.actions.filter((a) => a.status === 'planned').length, 0, 'no planned return left');
    assert.equal(res.body.actions.find((a) => a.id === nextAction.id).status, 'cancelled');
    assert.equal(res.body.actions.find((a) => a.id === extra.body.id).status, 'cancelled');
    assert.equal(res.body.actions.find((a) => a.id === firstAction.id).status, 'done', 'done stays done');
    assert.deepEqual(res.body.upcoming_dates, []);
    assert.ok(res.body.entries.some((e) => e.kind === 'status' && e.body.includes('Contrato de manutenção renovado.')));
    const open = await listAll(agent, { status: 'open' });
    assert.ok(!open.some((f) => f.id === fu.id), 'not in the open list');
    const closed = await listAll(agent, { status: 'closed' });
    assert.ok(closed.some((f) => f.id === fu.id && f.state === 'closed'), 'in the closed list');
    const agenda = expectStatus(await agent.get(`${API}/agenda?when=upcoming`), 200).body.items;
    assert.ok(!agenda.some((i) => i.followup.id === fu.id), 'not in the agenda');
  });

  test('a closed follow-up refuses changes (409 followup_closed) and a second close', async () => {
    expectProblem(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'note', body: 'depois' }), 409, 'followup_closed');
    expectProblem(await agent.post(`${API}/followups/${fu.id}/actions`, { type: 'phone', due_date: '2026-03-20' }), 409, 'followup_closed');
    expectProblem(await agent.post(`${API}/followups/${fu.id}/close`, { result: 'de novo' }), 409, 'followup_closed');
  });

  test('reopen: the agent gets 403; the supervisor reopens (200, open); it is back in status=open', async () => {
    expectProblem(await agent.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Cliente ligou de novo' }), 403, 'reopen_needs_supervisor');
    const still = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(still.status, 'closed');
    expectFieldError(await sup.post(`${API}/followups/${fu.id}/reopen`, {}), 422, 'reason', 'required');
    const res = expectStatus(await sup.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Compressor voltou a fazer ruído.' }), 200);
    assert.equal(res.body.status, 'open');
    assert.notEqual(res.body.state, 'closed');
    assert.ok(res.body.entries.some((e) => e.kind === 'status' && e.body.includes('Compressor voltou a fazer ruído.')));
    const open = await listAll(agent, { status: 'open' });
    assert.ok(open.some((f) => f.id === fu.id), 'back in the open list');
    expectProblem(await sup.post(`${API}/followups/${fu.id}/reopen`, { reason: 'de novo' }), 409, 'followup_not_closed');
    // A new return can be scheduled again.
    const s = expectStatus(await sup.post(`${API}/followups/${fu.id}/actions`, { type: 'visit', due_date: '2026-03-11' }), 201);
    assert.equal(s.body.assignee_id, agentUser.id, 'the new return goes to the owner');
  });

  test('unknown follow-up, action and entry ids answer 404', async () => {
    expectProblem(await agent.get(`${API}/followups/999999`), 404, 'followup');
    expectProblem(await agent.post(`${API}/actions/999999/complete`, { result: 'x' }), 404, 'action');
    expectProblem(await agent.post(`${API}/entries/999999/publish`), 404, 'entry');
    expectProblem(await agent.get(`${API}/followups/abc`), 404);
  });
});
