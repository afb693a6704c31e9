// The internal date of a follow-up (manual 003's legend, "contatos com data interna";
// ADR 0041): the company's own deadline, a civil day. POST and PATCH set, move and clear
// it, each change a new version (ETag) and a line on the timeline; the list's filter
// `internal=any|due|overdue` compares it with the viewer's today, so on the evening New
// York leaves daylight saving time (1 November 2026) a follow-up due that day is still
// due for a New York user at 22:30 while it is already overdue in São Paulo; Mexico City
// (no DST since 2022) has the same day as New York. Closed follow-ups are never
// internally overdue; agents see their own, supervisors their branch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, advance, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus, ids,
  listAll, login, loginAdmin, startServer,
} from './harness.mjs';

// 15:00 UTC on 29 October 2026: the follow-ups are made in the week before the change.
const CLOCK = '2026-10-29T15:00:00Z';
// 22:30 in New York (EST, UTC-5, since 02:00 that morning) on Sunday 1 November 2026:
// 00:30 of the 2nd in São Paulo (UTC-3), 21:30 of the 1st in Mexico City (UTC-6).
const NY_2230 = '2026-11-02T03:30:00Z';
// 23:30 in New York: an offset still taken as EDT (UTC-4) would read 00:30 of the 2nd.
const NY_2330 = '2026-11-02T04:30:00Z';
// 00:30 of the 2nd in New York.
const NY_0030 = '2026-11-02T05:30:00Z';

// `pat` works in the other branch, so the follow-ups of the editing tests stay out of
// the lists the filter tests read.
let server, admin, sup, ny, mx, other, pat;
const f = {};
const logins = {};

// Moves the clock, then signs everyone in again: a move of days outlives their sessions.
async function moveTo(instant) {
  await advance(server, 0, { to: instant });
  sup = await login(server, logins.sup);
  ny = await login(server, logins.ny);
  mx = await login(server, logins.mx);
  other = await login(server, logins.other);
}

const etagOf = (fu) => `"${fu.version}"`;
const patch = (client, fu, body, etag = etagOf(fu)) =>
  client.patch(`${API}/followups/${fu.id}`, body, { headers: { 'If-Match': etag } });
const listed = async (client, query) => ids(await listAll(client, query));

before(async () => {
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  admin = await loginAdmin(server);
  const b1 = await createBranch(admin, 'Nova York');
  const b2 = await createBranch(admin, 'Cidade do México');
  const make = async (fields) => login(server, (await createUser(admin, fields)).login);
  const named = async (name, fields) => {
    logins[name] = (await createUser(admin, fields)).login;
    return login(server, logins[name]);
  };
  sup = await named('sup', { role: 'supervisor', branch_id: b1.id, time_zone: 'America/Sao_Paulo' });
  ny = await named('ny', { branch_id: b1.id, time_zone: 'America/New_York', locale: 'en' });
  other = await named('other', { branch_id: b1.id, time_zone: 'America/New_York' });
  mx = await named('mx', { branch_id: b2.id, time_zone: 'America/Mexico_City', locale: 'es' });
  pat = await make({ branch_id: b2.id, time_zone: 'America/New_York', locale: 'en' });
  const pNy = await createParty(ny, { name: 'Hudson Optics' });
  const pMx = await createParty(mx, { name: 'Óptica Coyoacán' });
  const pOther = await createParty(other, { name: 'Brooklyn Lenses' });
  const due = '2026-11-20';
  f.day1 = await createFollowup(ny, { party_id: pNy.id, due_date: due, internal_date: '2026-11-01' });
  f.day2 = await createFollowup(ny, { party_id: pNy.id, due_date: due, internal_date: '2026-11-02' });
  f.closed = await createFollowup(ny, { party_id: pNy.id, due_date: due, internal_date: '2026-10-30' });
  expectStatus(await ny.post(`${API}/followups/${f.closed.id}/close`, { result: 'Approved internally.' }), 200);
  f.none = await createFollowup(ny, { party_id: pNy.id, due_date: due });
  f.mx = await createFollowup(mx, { party_id: pMx.id, due_date: due, internal_date: '2026-11-01' });
  f.other = await createFollowup(other, { party_id: pOther.id, due_date: due, internal_date: '2026-11-01' });
});
after(async () => { await server?.stop(); });

describe('setting, moving and clearing the internal date', () => {
  test('POST sets it; the follow-up and the list carry it; none is null', async () => {
    assert.equal(f.day1.internal_date, '2026-11-01');
    assert.equal(f.none.internal_date, null);
    const got = expectStatus(await ny.get(`${API}/followups/${f.day2.id}`), 200).body;
    assert.equal(got.internal_date, '2026-11-02');
    const row = (await listAll(ny, { status: 'all' })).find((i) => i.id === f.none.id);
    assert.equal(row.internal_date, null);
    assert.equal(f.day1.state, 'open', 'the internal date changes no derived state');
    assert.equal(f.day1.next_due_date, '2026-11-20', 'nor the returns');
  });

  test('PATCH moves and clears it, each time a new version and ETag, and the timeline says so', async () => {
    const p = await createParty(pat, { name: 'Patch Co.' });
    const fu = await createFollowup(pat, { party_id: p.id, due_date: '2026-11-20' });
    const set = expectStatus(await patch(pat, fu, { internal_date: '2026-11-05' }), 200);
    assert.equal(set.body.internal_date, '2026-11-05');
    assert.equal(set.body.version, fu.version + 1);
    assert.equal(set.headers.get('etag'), `"${fu.version + 1}"`);
    const moved = expectStatus(await patch(pat, set.body, { internal_date: '2026-11-09' }), 200);
    assert.equal(moved.body.internal_date, '2026-11-09');
    assert.notEqual(moved.headers.get('etag'), set.headers.get('etag'));
    // The ETag read before the move is stale now.
    expectStatus(await patch(pat, set.body, { internal_date: '2026-11-10' }), 412);
    const cleared = expectStatus(await patch(pat, moved.body, { internal_date: null }), 200);
    assert.equal(cleared.body.internal_date, null);
    assert.equal(cleared.body.version, fu.version + 3);
    const lines = cleared.body.entries.filter((e) => e.kind === 'status').map((e) => e.body);
    assert.deepEqual(lines, [
      '◆ Internal date cleared (2026-11-09)',
      '◆ Internal date: 2026-11-05 → 2026-11-09',
      '◆ Internal date: 2026-11-05',
    ]);
    // Other fields leave it as it is.
    const subject = expectStatus(await patch(pat, cleared.body, { subject: 'Other subject' }), 200);
    assert.equal(subject.body.internal_date, null);
    const again = expectStatus(await patch(pat, subject.body, { internal_date: '2026-12-01', subject: 'Again' }), 200);
    const kept = expectStatus(await patch(pat, again.body, { priority: 'high' }), 200);
    assert.equal(kept.body.internal_date, '2026-12-01');
    assert.equal(kept.body.entries.filter((e) => e.kind === 'status').length, 4, 'no line when it did not change');
  });

  test('a date that is not a real day is a 422 naming the field, and nothing is stored', async () => {
    const p = await createParty(pat, { name: 'Bad Dates Inc.' });
    const before = (await listAll(pat, { party_id: p.id, status: 'all' })).length;
    for (const bad of ['2026-02-30', '2026-13-01', '01/11/2026', 'tomorrow', 20261101]) {
      const res = await pat.post(`${API}/followups`, {
        party_id: p.id, subject: 'Bad', category: 'pos_venda', internal_date: bad,
        next_action: { type: 'phone', due_date: '2026-11-20' },
      });
      expectFieldError(res, 422, 'internal_date', typeof bad === 'number' ? 'invalid_type' : 'invalid_date');
    }
    assert.equal((await listAll(pat, { party_id: p.id, status: 'all' })).length, before);
    const fu = await createFollowup(pat, { party_id: p.id, due_date: '2026-11-20', internal_date: '2026-11-03' });
    expectFieldError(await patch(pat, fu, { internal_date: '2026-11-31', subject: 'Changed' }), 422, 'internal_date', 'invalid_date');
    const still = expectStatus(await pat.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(still.internal_date, '2026-11-03');
    assert.equal(still.version, fu.version, 'the subject in the same request was not written either');
  });

  test('who may not change the follow-up may not set its internal date', async () => {
    for (const client of [mx, other])
      expectProblem(await patch(client, f.day1, { internal_date: '2026-11-03' }), 403, 'forbidden_followup');
    assert.equal(expectStatus(await ny.get(`${API}/followups/${f.day1.id}`), 200).body.version, f.day1.version);
  });
});

describe('the internal filter in each viewer\'s today', () => {
  test('22:30 in New York on the evening DST ends: due in New York and Mexico City, overdue in São Paulo', async () => {
    await moveTo(NY_2230);
    // New York: its today is the 1st.
    assert.deepEqual(await listed(ny, { internal: 'due' }), [f.day1.id]);
    assert.deepEqual(await listed(ny, { internal: 'overdue' }), []);
    assert.deepEqual(await listed(ny, { internal: 'any', status: 'open' }), ids([f.day1, f.day2]));
    assert.deepEqual(await listed(ny, { internal: 'any', status: 'all' }), ids([f.day1, f.day2, f.closed]));
    // Mexico City: the 1st as well; an agent sees only their own.
    assert.deepEqual(await listed(mx, { internal: 'due' }), [f.mx.id]);
    assert.deepEqual(await listed(mx, { internal: 'overdue' }), []);
    // The São Paulo supervisor of the New York branch: already the 2nd.
    assert.deepEqual(await listed(sup, { internal: 'due' }), [f.day2.id]);
    assert.deepEqual(await listed(sup, { internal: 'overdue' }), ids([f.day1, f.other]));
    assert.deepEqual(await listed(sup, { internal: 'any', status: 'all' }), ids([f.day1, f.day2, f.closed, f.other]),
      'the branch, not Mexico City\'s follow-up');
  });

  test('23:30 in New York is still the 1st there (EST, not EDT)', async () => {
    await moveTo(NY_2330);
    assert.deepEqual(await listed(ny, { internal: 'due' }), [f.day1.id]);
    assert.deepEqual(await listed(ny, { internal: 'overdue' }), []);
    assert.deepEqual(await listed(mx, { internal: 'due' }), [f.mx.id]);
  });

  test('after midnight in New York the 1st is overdue and the 2nd is due', async () => {
    await moveTo(NY_0030);
    assert.deepEqual(await listed(ny, { internal: 'due' }), [f.day2.id]);
    assert.deepEqual(await listed(ny, { internal: 'overdue' }), [f.day1.id]);
    // Mexico City is 23:30 of the 1st: still due there.
    assert.deepEqual(await listed(mx, { internal: 'due' }), [f.mx.id]);
  });

  test('a closed follow-up is never internally overdue, whatever the status asked', async () => {
    for (const client of [ny, sup])
      for (const status of ['all', 'closed', 'open'])
        assert.ok(!(await listed(client, { internal: 'overdue', status })).includes(f.closed.id), status);
    assert.ok((await listed(ny, { internal: 'any', status: 'closed' })).includes(f.closed.id), 'it keeps its date');
  });

  test('an unknown value of the filter is a 422 naming `internal`', async () => {
    for (const bad of ['late', 'DUE', ''])
      expectFieldError(await ny.get(`${API}/followups?internal=${bad}`), 422, 'internal');
  });

  test('the export of the list carries the internal date and the filter', async () => {
    const res = expectStatus(await ny.get(`${API}/followups/export?format=csv&internal=any&status=all`, { lang: 'en' }), 200);
    const lines = res.buf.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    assert.equal(lines[0].split(';').at(-1), 'Internal date');
    assert.equal(lines.length - 1, 3);
    assert.ok(lines.some((l) => l.startsWith(`${f.day1.id};`) && l.endsWith(';11/01/2026')), lines.join('\n'));
  });
});
