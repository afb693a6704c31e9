// Derived state and "today" per viewer time zone (manual 004; DESIGN.md §3): the same
// follow-up is "open" for one user and "today" for another; a return date in the past
// is judged in the caller's zone; a zone with daylight saving time gets its offset from
// the time-zone database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectStatus,
  listAll, login, loginAdmin, startServer,
} from './harness.mjs';

// 01:30 UTC, 23 Nov 2026: São Paulo (UTC-3) 22:30 of the 22nd; Mexico City (UTC-6)
// 19:30 of the 22nd; New York (EST, UTC-5) 20:30 of the 22nd; Lisbon (UTC+0) 01:30 of
// the 23rd.
const CLOCK = '2026-11-23T01:30:00Z';

let server, admin, sp, mx, ny, party, branch;

before(async () => {
  server = await startServer({ clockStart: CLOCK, adminTimeZone: 'Europe/Lisbon' });
  admin = await loginAdmin(server);
  branch = await createBranch(admin, 'Matriz');
  await createUser(admin, { login: 'sp', role: 'agent', branch_id: branch.id, time_zone: 'America/Sao_Paulo' });
  await createUser(admin, { login: 'mx', role: 'agent', branch_id: branch.id, time_zone: 'America/Mexico_City', locale: 'es' });
  await createUser(admin, { login: 'ny', role: 'agent', branch_id: branch.id, time_zone: 'America/New_York', locale: 'en' });
  sp = await login(server, 'sp');
  mx = await login(server, 'mx');
  ny = await login(server, 'ny');
  party = await createParty(admin);
});

after(async () => { await server?.stop(); });

describe('today and state per viewer', () => {
  test('each user\'s today (GET /me) is the civil day of the clock in their zone', async () => {
    assert.equal(expectStatus(await sp.get(`${API}/me`), 200).body.today, '2026-11-22');
    assert.equal(expectStatus(await mx.get(`${API}/me`), 200).body.today, '2026-11-22');
    assert.equal(expectStatus(await ny.get(`${API}/me`), 200).body.today, '2026-11-22');
    assert.equal(expectStatus(await admin.get(`${API}/me`), 200).body.today, '2026-11-23');
  });

  test('due 2026-11-23, created by the São Paulo agent: "open" for them, "today" for the Lisbon admin', async () => {
    const f = await createFollowup(sp, { party_id: party.id, due_date: '2026-11-23' });
    assert.equal(f.state, 'open');
    assert.equal(f.days_late, 0);
    const mine = expectStatus(await sp.get(`${API}/followups/${f.id}`), 200).body;
    assert.equal(mine.state, 'open');
    const theirs = expectStatus(await admin.get(`${API}/followups/${f.id}`), 200).body;
    assert.equal(theirs.state, 'today');
    assert.equal(theirs.days_late, 0);
    assert.equal(theirs.next_due_date, '2026-11-23', 'the due date is a calendar date, the same for everyone');
    assert.ok((await listAll(admin, { state: 'today' })).some((x) => x.id === f.id));
    assert.ok((await listAll(sp, { state: 'open' })).some((x) => x.id === f.id));
  });

  test('due 2026-11-22: "today" for São Paulo, "overdue" with days_late 1 for Lisbon', async () => {
    const f = await createFollowup(sp, { party_id: party.id, due_date: '2026-11-22' });
    assert.equal(f.state, 'today');
    const theirs = expectStatus(await admin.get(`${API}/followups/${f.id}`), 200).body;
    assert.equal(theirs.state, 'overdue');
    assert.equal(theirs.days_late, 1);
    const adminOverdue = await listAll(admin, { state: 'overdue' });
    const row = adminOverdue.find((x) => x.id === f.id);
    assert.ok(row, 'in the admin\'s overdue list');
    assert.equal(row.days_late, 1);
    assert.ok((await listAll(sp, { state: 'today' })).some((x) => x.id === f.id), 'in the agent\'s today list');
    assert.ok(!(await listAll(sp, { state: 'overdue' })).some((x) => x.id === f.id));
    const agendaAdmin = expectStatus(await admin.get(`${API}/agenda?scope=all&when=overdue`), 200).body.items;
    const item = agendaAdmin.find((i) => i.followup.id === f.id);
    assert.ok(item, 'in the admin\'s overdue agenda');
    assert.equal(item.followup.state, 'overdue');
    assert.equal(item.followup.days_late, 1);
    const agendaSp = expectStatus(await sp.get(`${API}/agenda?when=today`), 200).body.items;
    assert.ok(agendaSp.some((i) => i.followup.id === f.id), 'in the agent\'s agenda of today');
  });

  test('Mexico City agent: cannot create a return due 2026-11-21 (in_past), can 2026-11-22 (today)', async () => {
    const before = (await listAll(admin, { status: 'all' })).length;
    const res = await mx.post(`${API}/followups`, {
      party_id: party.id, subject: 'Seguimiento', category: 'pos_venda', next_action: { type: 'phone', due_date: '2026-11-21' },
    });
    expectFieldError(res, 422, 'next_action.due_date', 'in_past');
    assert.equal((await listAll(admin, { status: 'all' })).length, before);
    const f = await createFollowup(mx, { party_id: party.id, due_date: '2026-11-22' });
    assert.equal(f.state, 'today');
    assert.equal(f.days_late, 0);
  });

  test('New York agent (EST in November): today is 2026-11-22', async () => {
    const f = await createFollowup(ny, { party_id: party.id, due_date: '2026-11-22' });
    assert.equal(f.state, 'today');
    expectFieldError(await ny.post(`${API}/followups`, {
      party_id: party.id, subject: 'Yesterday', category: 'pos_venda', next_action: { type: 'phone', due_date: '2026-11-21' },
    }), 422, 'next_action.due_date', 'in_past');
  });

  test('instants are written in the viewer\'s zone with its offset', async () => {
    const f = await createFollowup(sp, { party_id: party.id, due_date: '2026-11-25', notes: { followup: 'Nota' } });
    const forSp = expectStatus(await sp.get(`${API}/followups/${f.id}`), 200).body.entries[0].contact_at;
    const forAdmin = expectStatus(await admin.get(`${API}/followups/${f.id}`), 200).body.entries[0].contact_at;
    assert.match(forSp, /-03:00$/, `São Paulo offset: ${forSp}`);
    assert.match(forAdmin, /(\+00:00|Z)$/, `Lisbon offset in November: ${forAdmin}`);
    assert.equal(new Date(forSp).getTime(), new Date(forAdmin).getTime(), 'same instant');
  });
});

describe('daylight saving time (America/New_York)', () => {
  // Servers at instants where only the right offset gives the right day.
  async function nyToday(clock, { expectToday, yesterday }) {
    const s = await startServer({ clockStart: clock });
    try {
      const a = await loginAdmin(s);
      await createUser(a, { login: 'nyc', role: 'agent', time_zone: 'America/New_York', locale: 'en' });
      const c = await login(s, 'nyc');
      assert.equal(expectStatus(await c.get(`${API}/me`), 200).body.today, expectToday);
      const p = await createParty(a);
      const f = await createFollowup(c, { party_id: p.id, due_date: expectToday });
      assert.equal(f.state, 'today');
      expectFieldError(await c.post(`${API}/followups`, {
        party_id: p.id, subject: 'Yesterday', category: 'pos_venda', next_action: { type: 'phone', due_date: yesterday },
      }), 422, 'next_action.due_date', 'in_past');
    } finally {
      await s.stop();
    }
  }

  test('summer (EDT, UTC-4): at 2026-07-01T04:30Z it is already 1 July in New York', () =>
    nyToday('2026-07-01T04:30:00Z', { expectToday: '2026-07-01', yesterday: '2026-06-30' }));

  test('winter (EST, UTC-5): at 2026-11-23T04:30Z it is still 22 November in New York', () =>
    nyToday('2026-11-23T04:30:00Z', { expectToday: '2026-11-22', yesterday: '2026-11-21' }));
});
