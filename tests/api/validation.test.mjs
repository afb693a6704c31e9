// Bad inputs: each gets a 4xx problem+json and leaves the stored data unchanged
// (checked with a snapshot of what the admin can list before and after). Problems are
// localized by Accept-Language (pt-BR, es, en).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, anonymous, createFollowup, createParty, expectFieldError, expectProblem, expectStatus, login, loginAdmin,
  rawRequest, snapshot, startServer,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';  // São Paulo today: 2026-03-10

let server, admin, party, fu;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  party = await createParty(admin, { code: 'DUP-1' });
  fu = await createFollowup(admin, { party_id: party.id, due_date: '2026-03-12', subject: 'Original' });
});

after(async () => { await server?.stop(); });

const goodFollowup = () => ({
  party_id: party.id, subject: 'Novo contato', category: 'pos_venda', priority: 'medium',
  next_action: { type: 'phone', due_date: '2026-03-12' },
});

// Runs `fn` (which makes the bad request and checks its answer), then asserts nothing
// stored changed.
async function unchanged(fn) {
  const before = await snapshot(admin);
  const fuBefore = expectStatus(await admin.get(`${API}/followups/${fu.id}`), 200).body;
  await fn();
  assert.deepEqual(await snapshot(admin), before, 'stored data unchanged');
  const fuAfter = expectStatus(await admin.get(`${API}/followups/${fu.id}`), 200).body;
  assert.deepEqual(fuAfter, fuBefore, 'the existing follow-up unchanged');
}

describe('bad inputs leave the data unchanged', () => {
  test('malformed JSON: 400 malformed_json', () => unchanged(async () => {
    const res = await admin.request('POST', `${API}/followups`, { body: '{"party_id": 1, "subject": "x",', headers: { 'Content-Type': 'application/json' } });
    expectProblem(res, 400, 'malformed_json');
    assert.equal(typeof res.body.request_id, 'string');
  }));

  test('malformed JSON on PATCH: 400, version unchanged', () => unchanged(async () => {
    const g = await admin.get(`${API}/followups/${fu.id}`);
    const res = await admin.request('PATCH', `${API}/followups/${fu.id}`, { body: '{subject:', headers: { 'Content-Type': 'application/json', 'If-Match': g.headers.get('etag') } });
    expectProblem(res, 400, 'malformed_json');
  }));

  test('a JSON array instead of an object: 4xx', () => unchanged(async () => {
    const res = await admin.request('POST', `${API}/followups`, { body: '[1,2,3]', headers: { 'Content-Type': 'application/json' } });
    assert.ok(res.status >= 400 && res.status < 500, `got ${res.status}`);
  }));

  test('wrong types (subject: 5, party_id: "one", due_date: 20260312): 422 with errors[].field', () => unchanged(async () => {
    const res = await admin.post(`${API}/followups`, { ...goodFollowup(), subject: 5 });
    expectFieldError(res, 422, 'subject', 'invalid_type');
    const res2 = await admin.post(`${API}/followups`, { ...goodFollowup(), party_id: 'one', next_action: { type: 'phone', due_date: 20260312 } });
    expectFieldError(res2, 422, 'party_id', 'invalid_type');
    expectFieldError(res2, 422, 'next_action.due_date', 'invalid_type');
  }));

  test('wrong type on PATCH: 422, follow-up unchanged', () => unchanged(async () => {
    const g = await admin.get(`${API}/followups/${fu.id}`);
    expectFieldError(await admin.patch(`${API}/followups/${fu.id}`, { subject: 5 }, { headers: { 'If-Match': g.headers.get('etag') } }), 422, 'subject', 'invalid_type');
    expectFieldError(await admin.patch(`${API}/followups/${fu.id}`, { category: 'nao_existe' }, { headers: { 'If-Match': g.headers.get('etag') } }), 422, 'category', 'unknown_code');
    expectFieldError(await admin.patch(`${API}/followups/${fu.id}`, { subject: '' }, { headers: { 'If-Match': g.headers.get('etag') } }), 422, 'subject', 'required');
  }));

  test('unknown category and contact type codes: 422 unknown_code', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), category: 'vendas' }), 422, 'category', 'unknown_code');
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), next_action: { type: 'pombo', due_date: '2026-03-12' } }), 422, 'next_action.type', 'unknown_code');
    expectFieldError(await admin.post(`${API}/followups/${fu.id}/actions`, { type: 'telex', due_date: '2026-03-12' }), 422, 'type', 'unknown_code');
  }));

  test('impossible date 2026-02-30: 422 invalid_date', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), next_action: { type: 'phone', due_date: '2026-02-30' } }), 422, 'next_action.due_date', 'invalid_date');
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), next_action: { type: 'phone', due_date: '12/03/2026' } }), 422, 'next_action.due_date', 'invalid_date');
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), next_action: { type: 'phone', due_date: '2026-03-12', due_time: '25:00' } }), 422, 'next_action.due_time', 'invalid_time');
    expectFieldError(await admin.post(`${API}/parties`, { code: 'BDAY-1', name: 'Aniversário', birthday: '2026-02-30' }), 422, 'birthday', 'invalid_date');
  }));

  test('due_date in the past: 422 in_past', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), next_action: { type: 'phone', due_date: '2026-03-09' } }), 422, 'next_action.due_date', 'in_past');
    expectFieldError(await admin.post(`${API}/followups/${fu.id}/actions`, { type: 'phone', due_date: '2020-01-10' }), 422, 'due_date', 'in_past');
  }));

  test('missing next_action and missing subject: 422 required', () => unchanged(async () => {
    const { next_action, ...noAction } = goodFollowup();
    expectFieldError(await admin.post(`${API}/followups`, noAction), 422, 'next_action', 'required');
    const { subject, ...noSubject } = goodFollowup();
    expectFieldError(await admin.post(`${API}/followups`, noSubject), 422, 'subject', 'required');
  }));

  test('several problems at once are all reported', () => unchanged(async () => {
    const res = await admin.post(`${API}/followups`, { ...goodFollowup(), category: 'vendas', next_action: { type: 'phone', due_date: '2020-01-10' } });
    expectFieldError(res, 422, 'category', 'unknown_code');
    expectFieldError(res, 422, 'next_action.due_date', 'in_past');
  }));

  test('oversized body (13 MiB of JSON): 413', () => unchanged(async () => {
    const big = JSON.stringify({ ...goodFollowup(), notes: { followup: 'x'.repeat(13 * 1024 * 1024) } });
    const res = await rawRequest(server, {
      method: 'POST', path: `${API}/followups`, body: big,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.token}` },
    });
    assert.equal(res.status, 413, `expected 413, got ${res.status} ${res.text.slice(0, 300)}`);
  }));

  test('a note over the text limit (but under the body limit): 422 too_long', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), notes: { followup: 'y'.repeat(100000) } }), 422, 'notes.followup', 'too_long');
  }));

  test('unknown party: 422 unknown_party', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/followups`, { ...goodFollowup(), party_id: 999999 }), 422, 'party_id', 'unknown_party');
  }));

  test('duplicate party code: 409 taken', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/parties`, { code: 'DUP-1', kind: 'supplier', name: 'Outro nome' }), 409, 'code', 'taken');
  }));

  test('bad party fields: 422 (kind, e-mail, phone, contacts)', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/parties`, { code: 'K-1', kind: 'friend', name: 'X' }), 422, 'kind', 'invalid_value');
    expectFieldError(await admin.post(`${API}/parties`, { code: 'K-2', name: 'X', email: 'not-an-email' }), 422, 'email', 'invalid_email');
    expectFieldError(await admin.post(`${API}/parties`, { code: 'K-3', name: 'X', phone: '12' }), 422, 'phone', 'invalid_phone');
    expectFieldError(await admin.post(`${API}/parties`, { code: 'K-4', name: 'X', contacts: [{ email: 'a@b.co' }] }), 422, 'contacts[0].name', 'required');
    expectFieldError(await admin.post(`${API}/parties`, { code: '', name: 'X' }), 422, 'code', 'required');
  }));

  test('Content-Type text/plain: 415', () => unchanged(async () => {
    const res = await admin.request('POST', `${API}/followups`, { body: JSON.stringify(goodFollowup()), headers: { 'Content-Type': 'text/plain' } });
    expectProblem(res, 415, 'unsupported_media_type');
    const res2 = await admin.request('POST', `${API}/parties`, { body: JSON.stringify({ code: 'TXT-1', name: 'X' }), headers: { 'Content-Type': 'text/plain' } });
    expectProblem(res2, 415, 'unsupported_media_type');
  }));

  test('bad users and settings: 422, unchanged', () => unchanged(async () => {
    expectFieldError(await admin.post(`${API}/users`, { login: 'novo', name: 'Novo', password: 'curta', role: 'agent' }), 422, 'password', 'password_too_short');
    expectFieldError(await admin.post(`${API}/users`, { login: 'novo', name: 'Novo', password: 'secret-password-1', time_zone: 'Mars/Olympus' }), 422, 'time_zone', 'invalid_time_zone');
    expectFieldError(await admin.post(`${API}/users`, { login: 'novo', name: 'Novo', password: 'secret-password-1', locale: 'fr' }), 422, 'locale', 'invalid_locale');
    expectFieldError(await admin.post(`${API}/users`, { login: 'admin', name: 'Outro', password: 'secret-password-1' }), 409, 'login', 'taken');
    const s = expectStatus(await admin.get(`${API}/settings`), 200).body;
    expectFieldError(await admin.put(`${API}/settings`, { ...s, time_zone: 'Nowhere/City' }), 422, 'time_zone', 'invalid_time_zone');
    assert.deepEqual(expectStatus(await admin.get(`${API}/settings`), 200).body, s);
  }));
});

describe('localized problems', () => {
  const bad = () => { const { subject, ...rest } = goodFollowup(); return rest; };
  const TEXTS = {
    'pt-BR': { title: 'Alguns campos precisam de correção.', required: 'Campo obrigatório.' },
    es: { title: 'Algunos campos necesitan corrección.', required: 'Campo obligatorio.' },
    en: { title: 'Some fields need correcting.', required: 'This field is required.' },
  };

  for (const [lang, want] of Object.entries(TEXTS)) {
    test(`Accept-Language ${lang}: title and errors[].message in ${lang}`, () => unchanged(async () => {
      const res = await admin.post(`${API}/followups`, bad(), { lang });
      const hit = expectFieldError(res, 422, 'subject', 'required');
      assert.equal(hit.message, want.required);
      assert.equal(res.body.title, want.title);
      assert.equal(res.body.code, 'validation', 'code is never translated');
      assert.equal(res.headers.get('content-language'), lang);
    }));
  }

  test('the three languages give three different texts; no Accept-Language means pt-BR', async () => {
    const titles = new Set();
    const messages = new Set();
    for (const lang of ['pt-BR', 'es', 'en']) {
      const res = await admin.post(`${API}/followups`, bad(), { lang });
      titles.add(res.body.title);
      messages.add(res.body.errors.find((e) => e.field === 'subject').message);
    }
    assert.equal(titles.size, 3);
    assert.equal(messages.size, 3);
    const def = await admin.post(`${API}/followups`, bad());
    assert.equal(def.body.title, TEXTS['pt-BR'].title);
    const mx = await admin.post(`${API}/followups`, bad(), { lang: 'es-MX,es;q=0.9,en;q=0.5' });
    assert.equal(mx.body.title, TEXTS.es.title);
  });

  test('non-field problems are localized too (401, 404)', async () => {
    const anon = await Promise.all(['pt-BR', 'es', 'en'].map((lang) => anonymous(server).get(`${API}/me`, { lang })));
    for (const r of anon) expectProblem(r, 401, 'session');
    assert.equal(new Set(anon.map((r) => r.body.title)).size, 3);
    assert.deepEqual(anon.map((r) => r.headers.get('content-language')), ['pt-BR', 'es', 'en']);
    const pt = await admin.get(`${API}/followups/999999`, { lang: 'pt-BR' });
    const es = await admin.get(`${API}/followups/999999`, { lang: 'es' });
    const en = await admin.get(`${API}/followups/999999`, { lang: 'en' });
    for (const r of [pt, es, en]) expectProblem(r, 404, 'followup');
    assert.equal(new Set([pt.body.title, es.body.title, en.body.title]).size, 3);
    assert.equal(en.body.title, 'Follow-up not found.');
  });
});
