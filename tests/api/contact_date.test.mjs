// The contact date of a follow-up (manual 001: "a data que foi feito o contato"): now by
// default, earlier for a late entry, not in the future beyond 5 minutes of clock skew;
// kept whether or not a note was written, returned in the viewer's zone, corrected by
// PATCH with If-Match, and filtered by days of the viewer's zone — a viewer in Mexico
// City sees the contact on another day than one in São Paulo near midnight.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus, listAll, login,
  loginAdmin, startServer,
} from './harness.mjs';

// 04:30 UTC on 10 June 2026: 01:30 of the 10th in São Paulo (UTC-3), 22:30 of the 9th in
// Mexico City (UTC-6, no daylight saving time since 2022).
const CLOCK = '2026-06-10T04:30:00Z';

let server, sp, mx, party;

before(async () => {
  // Standing still at CLOCK: "now by default" is compared to the second, and a clock
  // running from CLOCK moved past it whenever the set-up took over a second (a busy
  // machine, a server on PostgreSQL).
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  const admin = await loginAdmin(server);
  sp = await login(server, (await createUser(admin, { role: 'admin', time_zone: 'America/Sao_Paulo' })).login);
  mx = await login(server, (await createUser(admin, { time_zone: 'America/Mexico_City', locale: 'es' })).login);
  party = await createParty(mx, { name: 'Tlapalería San Ángel' });
});
after(async () => { await server?.stop(); });

describe('the contact date of a follow-up', () => {
  test('is now by default, kept without a note, and shown in each viewer\'s zone', async () => {
    const f = await createFollowup(mx, { party_id: party.id, due_date: '2026-06-12' });
    assert.equal(f.contact_at, '2026-06-09T22:30:00-06:00');
    assert.equal(f.entries.length, 0, 'no note was written');
    const seen = expectStatus(await sp.get(`${API}/followups/${f.id}`), 200).body;
    assert.equal(seen.contact_at, '2026-06-10T01:30:00-03:00');
    const listed = (await listAll(sp, { party_id: party.id, status: 'all' })).find((i) => i.id === f.id);
    assert.equal(listed.contact_at, '2026-06-10T01:30:00-03:00');
  });

  test('a late entry keeps the date given; the future beyond 5 minutes is refused and nothing is stored', async () => {
    const late = await createFollowup(mx, { party_id: party.id, due_date: '2026-06-12', contact_at: '2026-06-05T16:45:00-06:00' });
    assert.equal(late.contact_at, '2026-06-05T16:45:00-06:00');
    const before = (await listAll(mx, { party_id: party.id, status: 'all' })).length;
    const future = await mx.post(`${API}/followups`, {
      party_id: party.id, subject: 'Futuro', category: 'pos_venda', contact_at: '2026-06-10T04:36:00Z',
      next_action: { type: 'phone', due_date: '2026-06-12' },
    });
    const err = expectFieldError(future, 422, 'contact_at', 'in_future');
    assert.match(err.message, /futur/i);
    assert.equal((await listAll(mx, { party_id: party.id, status: 'all' })).length, before);
    const skew = await createFollowup(mx, { party_id: party.id, due_date: '2026-06-12', contact_at: '2026-06-10T04:34:00Z' });
    assert.equal(skew.contact_at, '2026-06-09T22:34:00-06:00', 'a clock a few minutes ahead is tolerated');
  });

  test('is corrected by PATCH with If-Match, never cleared nor moved to the future', async () => {
    const f = await createFollowup(mx, { party_id: party.id, due_date: '2026-06-12' });
    const etag = `"${f.version}"`;
    const r = expectStatus(await mx.patch(`${API}/followups/${f.id}`, { contact_at: '2026-06-08T09:00:00-06:00' }, { headers: { 'If-Match': etag } }), 200);
    assert.equal(r.body.contact_at, '2026-06-08T09:00:00-06:00');
    assert.equal(r.body.version, f.version + 1);
    expectProblem(await mx.patch(`${API}/followups/${f.id}`, { contact_at: '2026-06-07T09:00:00-06:00' }, { headers: { 'If-Match': etag } }), 412);
    const now = `"${r.body.version}"`;
    expectFieldError(await mx.patch(`${API}/followups/${f.id}`, { contact_at: null }, { headers: { 'If-Match': now } }), 422, 'contact_at', 'not_null');
    expectFieldError(await mx.patch(`${API}/followups/${f.id}`, { contact_at: '2026-06-11T09:00:00-06:00' }, { headers: { 'If-Match': now } }), 422, 'contact_at', 'in_future');
    expectFieldError(await mx.patch(`${API}/followups/${f.id}`, { contact_at: 'ayer' }, { headers: { 'If-Match': now } }), 422, 'contact_at', 'invalid_instant');
    assert.equal(expectStatus(await mx.get(`${API}/followups/${f.id}`), 200).body.contact_at, '2026-06-08T09:00:00-06:00');
  });

  test('filters by days of the viewer\'s zone: São Paulo\'s 10 June is Mexico City\'s 9 June here', async () => {
    const p = await createParty(mx, { name: 'Filtro por contato' });
    const now = await createFollowup(mx, { party_id: p.id, due_date: '2026-06-12' });                                   // 04:30Z
    const evening = await createFollowup(mx, { party_id: p.id, due_date: '2026-06-12', contact_at: '2026-06-09T23:30:00Z' }); // SP 20:30 9th, MX 17:30 9th
    const early = await createFollowup(mx, { party_id: p.id, due_date: '2026-06-12', contact_at: '2026-06-09T05:30:00Z' });   // SP 02:30 9th, MX 23:30 8th
    const ids = async (client, query) =>
      (await listAll(client, { party_id: p.id, status: 'all', ...query })).map((f) => f.id).sort((a, b) => a - b);
    assert.deepEqual(await ids(sp, { contact_from: '2026-06-10', contact_to: '2026-06-10' }), [now.id]);
    assert.deepEqual(await ids(mx, { contact_from: '2026-06-10', contact_to: '2026-06-10' }), []);
    assert.deepEqual(await ids(mx, { contact_from: '2026-06-09', contact_to: '2026-06-09' }), [now.id, evening.id]);
    assert.deepEqual(await ids(sp, { contact_from: '2026-06-09', contact_to: '2026-06-09' }), [evening.id, early.id]);
    assert.deepEqual(await ids(mx, { contact_to: '2026-06-08' }), [early.id]);
    assert.deepEqual(await ids(sp, { contact_from: '2026-06-09' }), [now.id, evening.id, early.id]);
    expectFieldError(await mx.get(`${API}/followups?contact_from=2026-06-10&contact_to=2026-06-09`), 422, 'contact_to', 'before_from');
    expectFieldError(await mx.get(`${API}/followups?contact_from=10/06/2026`), 422, 'contact_from');
  });
});
