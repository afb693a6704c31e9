// An integrator's mistakes are refused, never turned into defaults: unknown JSON members
// and query parameters on any route, empty or malformed filter values, nulls where a
// field has no null, bodies that are not JSON. Nothing is stored when one is refused.
// Also the order of the history (manual 004): newest first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createFollowup, createParty, expectFieldError, expectProblem, expectStatus, loginAdmin, snapshot,
  startServer, uniq,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';  // São Paulo today: 2026-03-10

let server, admin, party, fu;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  party = await createParty(admin);
  fu = await createFollowup(admin, { party_id: party.id, due_date: '2026-03-12' });
});

after(async () => { await server?.stop(); });

const goodFollowup = () => ({
  party_id: party.id, subject: 'Novo contato', category: 'pos_venda', priority: 'medium',
  next_action: { type: 'phone', due_date: '2026-03-12' },
});

async function unchanged(fn) {
  const before = await snapshot(admin);
  await fn();
  assert.deepEqual(await snapshot(admin), before, 'stored data unchanged');
}

describe('unknown JSON members are refused on every route', () => {
  test('a misspelt member of a follow-up (prioridade): 422 naming it, in the viewer\'s language', () => unchanged(async () => {
    const body = { ...goodFollowup(), prioridade: 'alta' };
    delete body.priority;
    const hit = expectFieldError(await admin.post(`${API}/followups`, body), 422, 'prioridade', 'unknown_field');
    assert.equal(hit.message, 'Campo desconhecido.');
    const es = expectFieldError(await admin.post(`${API}/followups`, body, { lang: 'es' }), 422, 'prioridade', 'unknown_field');
    assert.equal(es.message, 'Campo desconocido.');
    const en = expectFieldError(await admin.post(`${API}/followups`, body, { lang: 'en' }), 422, 'prioridade', 'unknown_field');
    assert.equal(en.message, 'Unknown field.');
  }));

  test('nested members count: next_action.notify_costumer, contacts[0].nmae, notes.x', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups`, {
      ...goodFollowup(), next_action: { type: 'phone', due_date: '2026-03-12', notify_costumer: true },
    }), 422, 'next_action.notify_costumer', 'unknown_field');
    expectFieldError(await admin.post(`${API}/followups/${fu.id}/actions`, {
      type: 'phone', due_date: '2026-03-13', notify_costumer: true,
    }), 422, 'notify_costumer', 'unknown_field');
    expectFieldError(await admin.post(`${API}/parties`, {
      code: uniq('C-'), kind: 'customer', name: 'Cliente', contacts: [{ name: 'Ana' }, { nmae: 'Bia' }],
    }), 422, 'contacts[1].nmae', 'unknown_field');
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), notes: { followup: 'x', obs: 'y' } }),
      422, 'notes.obs', 'unknown_field');
  }));

  test('on updates and commands too: PATCH, complete, settings, a command that takes no body', () => unchanged(async () => {
    const g = await admin.get(`${API}/followups/${fu.id}`);
    expectFieldError(await admin.patch(`${API}/followups/${fu.id}`, { subject: 'x', assunto: 'y' },
      { headers: { 'If-Match': g.headers.get('etag') } }), 422, 'assunto', 'unknown_field');
    const p = await admin.get(`${API}/parties/${party.id}`);
    expectFieldError(await admin.patch(`${API}/parties/${party.id}`, { nome: 'x' },
      { headers: { 'If-Match': p.headers.get('etag') } }), 422, 'nome', 'unknown_field');
    const action = g.body.actions[0];
    expectFieldError(await admin.post(`${API}/actions/${action.id}/complete`, { result: 'ok', resultado: 'x' }),
      422, 'resultado', 'unknown_field');
    expectFieldError(await admin.put(`${API}/settings`, {
      company_name: 'X', time_zone: 'America/Sao_Paulo', return_alerts_enabled: true, fuso: 'x',
    }), 422, 'fuso', 'unknown_field');
    expectFieldError(await admin.post(`${API}/notifications/read-all`, { all: true }), 422, 'all', 'unknown_field');
    expectFieldError(await admin.post(`${API}/users`, {
      login: uniq('u'), name: 'U', password: 'secret-password-1', role: 'agent', perfil: 'x',
    }), 422, 'perfil', 'unknown_field');
    // Nothing changed on the return either.
    const after = expectStatus(await admin.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(after.version, g.body.version);
    assert.equal(after.actions[0].status, 'planned');
  }));

  test('a command without a body and an empty object are still fine', async () => {
    expectStatus(await admin.post(`${API}/notifications/read-all`), 204);
    expectStatus(await admin.post(`${API}/notifications/read-all`, {}), 204);
  });
});

describe('query parameters', () => {
  test('an unknown parameter is refused, not ignored (?document_id= on the follow-up list)', async () => {
    expectFieldError(await admin.get(`${API}/followups?document_id=`), 422, 'document_id', 'unknown_parameter');
    expectFieldError(await admin.get(`${API}/followups?statsu=open`), 422, 'statsu', 'unknown_parameter');
    const en = expectFieldError(await admin.get(`${API}/agenda?quando=today`, { lang: 'en' }), 422, 'quando', 'unknown_parameter');
    assert.equal(en.message, 'Unknown query parameter.');
    // Together with the handler's own issues.
    const res = await admin.get(`${API}/followups?owner_id=abc&x=1`);
    expectFieldError(res, 422, 'owner_id', 'invalid_id');
    expectFieldError(res, 422, 'x', 'unknown_parameter');
  });

  test('a known parameter with an empty or malformed value is refused', async () => {
    expectFieldError(await admin.get(`${API}/followups?owner_id=`), 422, 'owner_id', 'empty_value');
    expectFieldError(await admin.get(`${API}/followups?status=`), 422, 'status', 'empty_value');
    expectFieldError(await admin.get(`${API}/followups?category=`), 422, 'category', 'empty_value');
    expectFieldError(await admin.get(`${API}/followups?party_id=abc`), 422, 'party_id', 'invalid_id');
    expectFieldError(await admin.get(`${API}/parties?limit=`), 422, 'limit', 'empty_value');
    expectFieldError(await admin.get(`${API}/agenda?from=`), 422, 'from', 'empty_value');
    expectFieldError(await admin.get(`${API}/notifications?unread=`), 422, 'unread', 'empty_value');
    // A free-text search for nothing is a search, not a missing filter.
    expectStatus(await admin.get(`${API}/followups?q=&status=all`), 200);
  });

  test('a command with a query parameter is refused before it does anything', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups?dry_run=1`, goodFollowup()), 422, 'dry_run', 'unknown_parameter');
  }));

  test('the calendar feed accepts the parameters calendar apps add', async () => {
    const { url } = expectStatus(await admin.post(`${API}/me/calendar-feed`), 201).body;
    const path = new URL(url).pathname;
    const res = expectStatus(await admin.get(`${path}?refresh=1`, { auth: false }), 200);
    assert.match(res.text, /BEGIN:VCALENDAR/);
  });
});

describe('bodies must be JSON, nulls are not defaults', () => {
  test('a body that is not JSON: 415, nothing stored', () => unchanged(async () => {
    const res = await admin.request('POST', `${API}/followups`, {
      body: JSON.stringify(goodFollowup()), headers: { 'Content-Type': 'text/plain' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
    const none = await admin.request('POST', `${API}/followups`, { body: JSON.stringify(goodFollowup()) });
    assert.equal(none.status, 415, 'a body without Content-Type');
  }));

  test('null where the field has no null: 422 not_null, not the default', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), priority: null }), 422, 'priority', 'not_null');
    expectFieldError(await admin.post(`${API}/followups`, {
      ...goodFollowup(), next_action: { type: 'phone', due_date: '2026-03-12', notify_customer: null },
    }), 422, 'next_action.notify_customer', 'not_null');
    expectFieldError(await admin.put(`${API}/settings`, {
      company_name: 'X', time_zone: 'America/Sao_Paulo', return_alerts_enabled: null,
    }), 422, 'return_alerts_enabled', 'not_null');
    const g = await admin.get(`${API}/followups/${fu.id}`);
    const res = await admin.patch(`${API}/followups/${fu.id}`, { subject: null }, { headers: { 'If-Match': g.headers.get('etag') } });
    const hit = expectFieldError(res, 422, 'subject', 'not_null');
    assert.equal(hit.message, 'Este campo não aceita nulo.');
  }));
});

describe('the history puts the most recent on top (manual 004)', () => {
  test("a follow-up's returns are listed newest first", async () => {
    const f = await createFollowup(admin, { party_id: party.id, due_date: '2026-03-11' });
    expectStatus(await admin.post(`${API}/followups/${f.id}/actions`, { type: 'email', due_date: '2026-03-20' }), 201);
    expectStatus(await admin.post(`${API}/followups/${f.id}/actions`, { type: 'visit', due_date: '2026-03-15' }), 201);
    const d = expectStatus(await admin.get(`${API}/followups/${f.id}`), 200).body;
    assert.deepEqual(d.actions.map((a) => a.due_date), ['2026-03-20', '2026-03-15', '2026-03-11']);
  });

  test("a sale's follow-ups are listed newest first", async () => {
    const doc = expectStatus(await admin.post(`${API}/documents`, {
      kind: 'quote', number: uniq('ORC-'), party_id: party.id, date: '2026-03-10', items: [{ item_code: 'X-1' }],
    }), 201).body;
    const made = [];
    for (const subject of ['primeiro', 'segundo', 'terceiro']) {
      made.push(expectStatus(await admin.post(`${API}/followups`, {
        document_id: doc.id, subject, category: 'em_analise', next_action: { type: 'phone', due_date: '2026-03-12' },
      }), 201).body.id);
    }
    const d = expectStatus(await admin.get(`${API}/documents/${doc.id}`), 200).body;
    assert.deepEqual(d.followups.map((f) => f.id), made.reverse());
  });
});
