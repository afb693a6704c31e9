// Manager reports (manuals 000 and 004; ADR 0032): unattended follow-ups by age and the
// CRM actions of a period, in the viewer's zone and visibility, with a simulated clock
// and viewers in São Paulo, Mexico City and New York.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, advance, createBranch, createFollowup, createParty, createUser, expectFieldError,
  expectProblem, expectStatus, login, loginAdmin, startServer,
} from './harness.mjs';

// Monday 2 March 2026, 12:00 UTC: 09:00 in São Paulo (UTC-3), 06:00 in Mexico City
// (UTC-6), 07:00 in New York (EST, UTC-5; daylight saving time starts on 8 March).
const CLOCK = '2026-03-02T12:00:00Z';
// Friday 6 March, 03:30 UTC: 00:30 of the 6th in São Paulo, 21:30 of the 5th in Mexico
// City, 22:30 of the 5th in New York.
const LATER = '2026-03-06T03:30:00Z';

let server, admin, adminSp, adminMx, adminNy, supNorth, agentSp, agentMx, agentNy;
let north, south, party;
let fLate2330, fMx, fSouth, fDone, doneAction;

const unattended = (client, q = {}) => client.get(`${API}/reports/unattended?${new URLSearchParams(q)}`);
const actions = (client, q = {}) => client.get(`${API}/reports/actions?${new URLSearchParams(q)}`);

before(async () => {
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  admin = await loginAdmin(server);
  north = await createBranch(admin, 'Norte');
  south = await createBranch(admin, 'Sul');
  const users = [
    ['r_admin_sp', 'admin', null, 'America/Sao_Paulo'],
    ['r_admin_mx', 'admin', null, 'America/Mexico_City'],
    ['r_admin_ny', 'admin', null, 'America/New_York'],
    ['r_sup_north', 'supervisor', north.id, 'America/Sao_Paulo'],
    ['r_agent_sp', 'agent', north.id, 'America/Sao_Paulo'],
    ['r_agent_mx', 'agent', north.id, 'America/Mexico_City'],
    ['r_agent_ny', 'agent', south.id, 'America/New_York'],
  ];
  for (const [loginName, role, branch_id, time_zone] of users)
    await createUser(admin, { login: loginName, name: loginName, role, branch_id, time_zone });
  [adminSp, adminMx, adminNy, supNorth, agentSp, agentMx, agentNy] =
    await Promise.all(users.map(([l]) => login(server, l)));
  party = await createParty(admin);
  // A return due on 2 March at 23:30 São Paulo time; others due on the 2nd and the 5th.
  fLate2330 = await createFollowup(agentSp, { party_id: party.id, due_date: '2026-03-02', due_time: '23:30' });
  fMx = await createFollowup(agentMx, { party_id: party.id, due_date: '2026-03-05' });
  fSouth = await createFollowup(agentNy, { party_id: party.id, due_date: '2026-03-02' });
  fDone = await createFollowup(agentSp, { party_id: party.id, due_date: '2026-03-02' });
  await advance(server, undefined, { to: LATER });
  // Four days later the sessions have ended: everyone signs in again.
  admin = await loginAdmin(server);
  [adminSp, adminMx, adminNy, supNorth, agentSp, agentMx, agentNy] =
    await Promise.all(users.map(([l]) => login(server, l)));
  // Completed by the São Paulo agent, saying it happened at 23:30 of 2 March their time
  // (02:30 UTC on the 3rd), with the next return next week.
  doneAction = fDone.actions[0];
  expectStatus(await agentSp.post(`${API}/actions/${doneAction.id}/complete`, {
    result: 'Cliente pediu nova proposta', resolution: 'phone',
    result_at: '2026-03-02T23:30:00-03:00',
    next_action: { type: 'phone', due_date: '2026-03-12' },
  }), 200, 'complete');
  // A note by the Mexico City agent on their follow-up, at 23:30 of the 4th their time.
  expectStatus(await agentMx.post(`${API}/followups/${fMx.id}/entries`, {
    kind: 'note', body: 'Ligou, sem resposta', contact_at: '2026-03-04T23:30:00-06:00',
  }), 201, 'note');
});

after(async () => { await server?.stop(); });

function row(report, id) { return report.items.find((i) => i.followup_id === id); }

function checkTotals(r) {
  assert.equal(r.per_bucket.reduce((s, b) => s + b.count, 0), r.total, 'buckets add up to the total');
  assert.equal(r.per_owner.reduce((s, b) => s + b.count, 0), r.total, 'agents add up to the total');
  assert.equal(r.per_branch.reduce((s, b) => s + b.count, 0), r.total, 'branches add up to the total');
}

describe('unattended follow-ups (manual 004)', () => {
  test('a return due at 23:30 local is late by the viewer\'s today: 4 days in São Paulo, 3 in Mexico City and New York', async () => {
    const sp = expectStatus(await unattended(adminSp), 200).body;
    assert.equal(sp.today, '2026-03-06');
    const a = row(sp, fLate2330.id);
    assert.ok(a, 'late for São Paulo');
    assert.equal(a.due_date, '2026-03-02');
    assert.equal(a.days_late, 4);
    assert.equal(a.bucket, '4-7');
    assert.equal(a.owner_name, 'r_agent_sp');
    assert.equal(a.branch_id, north.id);
    assert.equal(a.branch_name, 'Norte');
    assert.equal(a.party_id, party.id);
    assert.equal(a.subject, fLate2330.subject);
    const b = row(sp, fMx.id);
    assert.ok(b, 'due on the 5th: late for São Paulo, whose today is the 6th');
    assert.equal(b.days_late, 1);
    assert.equal(b.bucket, '1-3');
    assert.equal(row(sp, fDone.id), undefined, 'completed with a return next week: not late');
    assert.equal(sp.total, 3);
    assert.deepEqual(sp.per_bucket.map((x) => [x.bucket, x.count]), [['1-3', 1], ['4-7', 2], ['8-30', 0], ['31+', 0]]);
    checkTotals(sp);

    for (const viewer of [adminMx, adminNy]) {
      const r = expectStatus(await unattended(viewer), 200).body;
      assert.equal(r.today, '2026-03-05');
      assert.equal(row(r, fLate2330.id).days_late, 3);
      assert.equal(row(r, fLate2330.id).bucket, '1-3');
      assert.equal(row(r, fMx.id), undefined, 'due today in their zone: not late');
      assert.equal(r.total, 2);
      assert.deepEqual(r.per_bucket.map((x) => x.count), [2, 0, 0, 0]);
      checkTotals(r);
    }
  });

  test('visibility as the list: supervisor = branch, agent = own, admin = all', async () => {
    const sup = expectStatus(await unattended(supNorth), 200).body;
    assert.deepEqual(sup.items.map((i) => i.followup_id).sort(), [fLate2330.id, fMx.id].sort());
    assert.deepEqual(sup.per_branch.map((b) => [b.id, b.count]), [[north.id, 2]]);
    checkTotals(sup);
    const own = expectStatus(await unattended(agentSp), 200).body;
    assert.deepEqual(own.items.map((i) => i.followup_id), [fLate2330.id]);
    const ny = expectStatus(await unattended(agentNy), 200).body;
    assert.deepEqual(ny.items.map((i) => i.followup_id), [fSouth.id]);
    assert.equal(ny.items[0].days_late, 3, 'New York agent: today is the 5th');
    const all = expectStatus(await unattended(adminSp, { branch_id: south.id }), 200).body;
    assert.deepEqual(all.items.map((i) => i.followup_id), [fSouth.id]);
    const byAgent = expectStatus(await unattended(supNorth, { owner_id: fMx.owner_id }), 200).body;
    assert.deepEqual(byAgent.items.map((i) => i.followup_id), [fMx.id]);
  });

  test('filters outside the viewer\'s visibility are 403, not an empty report', async () => {
    expectProblem(await unattended(supNorth, { branch_id: south.id }), 403, 'filter_not_allowed');
    expectProblem(await unattended(agentSp, { owner_id: fMx.owner_id }), 403, 'filter_not_allowed');
  });

  test('bad filters are 422 with the field named, in the viewer\'s language', async () => {
    expectFieldError(await unattended(adminSp, { branch_id: 999999 }), 422, 'branch_id', 'unknown_branch');
    expectFieldError(await unattended(adminSp, { owner_id: 999999 }), 422, 'owner_id', 'unknown_user');
    expectFieldError(await unattended(adminSp, { from: '2026-02-30' }), 422, 'from', 'invalid_date');
    expectFieldError(await unattended(adminSp, { from: '2026-03-05', to: '2026-03-01' }), 422, 'to', 'before_from');
    expectFieldError(await unattended(adminSp, { branch_id: 'x' }), 422, 'branch_id');
    expectFieldError(await unattended(adminSp, { cursor: 'nope' }), 422, 'cursor', 'invalid_cursor');
    const es = await login(server, 'r_admin_mx', undefined, { lang: 'es' });
    const hit = expectFieldError(await unattended(es, { branch_id: 999999 }), 422, 'branch_id', 'unknown_branch');
    assert.equal(hit.message, 'Sucursal inexistente.');
  });

  test('period on the due date, and pages whose rows add up to the counts', async () => {
    const r = expectStatus(await unattended(adminSp, { from: '2026-03-03', to: '2026-03-05' }), 200).body;
    assert.deepEqual(r.items.map((i) => i.followup_id), [fMx.id]);
    const seen = [];
    let cursor = null;
    let total = null;
    for (let page = 0; page < 10; page++) {
      const q = { limit: 1 };
      if (cursor) q.cursor = cursor;
      const p = expectStatus(await unattended(adminSp, q), 200).body;
      total ??= p.total;
      assert.equal(p.total, total, 'the counts do not depend on the page');
      seen.push(...p.items.map((i) => i.followup_id));
      cursor = p.next_cursor;
      if (!cursor) break;
    }
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
  });
});

describe('CRM actions (manual 000)', () => {
  test('a return completed at 23:30 in São Paulo belongs to that São Paulo day', async () => {
    const r = expectStatus(await actions(adminSp, { from: '2026-03-02', to: '2026-03-02' }), 200).body;
    const done = r.items.find((i) => i.kind === 'return' && i.id === doneAction.id);
    assert.ok(done, 'in the São Paulo viewer\'s 2 March');
    assert.equal(done.result, 'Cliente pediu nova proposta');
    assert.equal(done.resolution, 'phone');
    assert.equal(done.contact_type, 'phone');
    assert.equal(done.category, 'pos_venda');
    assert.equal(done.user_name, 'r_agent_sp');
    assert.equal(done.at, '2026-03-02T23:30:00-03:00');
    assert.deepEqual(r.per_day, [{ day: '2026-03-02', returns: 1, entries: 0 }]);
    assert.deepEqual(r.totals, { returns: 1, entries: 0 });
    // The same instant is 21:30 of the 2nd in New York (EST) and 20:30 in Mexico City.
    for (const viewer of [adminMx, adminNy]) {
      const o = expectStatus(await actions(viewer, { from: '2026-03-02', to: '2026-03-03' }), 200).body;
      assert.deepEqual(o.per_day.map((d) => [d.day, d.returns]), [['2026-03-02', 1], ['2026-03-03', 0]]);
    }
    const next = expectStatus(await actions(adminSp, { from: '2026-03-03', to: '2026-03-03' }), 200).body;
    assert.equal(next.items.find((i) => i.id === doneAction.id && i.kind === 'return'), undefined);
  });

  test('an entry at 23:30 in Mexico City is on the 4th there and on the 5th in São Paulo', async () => {
    const mx = expectStatus(await actions(adminMx, { from: '2026-03-01', to: '2026-03-05', kind: 'entry' }), 200).body;
    const note = mx.items.find((i) => i.kind === 'entry' && i.followup_id === fMx.id && i.entry_kind === 'note');
    assert.ok(note);
    assert.equal(note.result, 'Ligou, sem resposta');
    assert.equal(mx.per_day.find((d) => d.day === '2026-03-04').entries, 1);
    const sp = expectStatus(await actions(adminSp, { from: '2026-03-01', to: '2026-03-05', kind: 'entry' }), 200).body;
    assert.equal(sp.per_day.find((d) => d.day === '2026-03-05').entries, 1);
    assert.equal(sp.per_day.find((d) => d.day === '2026-03-04').entries, 0);
  });

  test('totals per user and per day add up to the rows; filters and visibility', async () => {
    const r = expectStatus(await actions(adminSp, { from: '2026-03-01', to: '2026-03-06' }), 200).body;
    assert.equal(r.per_day.length, 6);
    const rows = r.items.length;
    assert.equal(r.totals.returns + r.totals.entries, rows);
    assert.equal(r.per_user.reduce((s, u) => s + u.returns + u.entries, 0), rows);
    assert.equal(r.per_day.reduce((s, d) => s + d.returns + d.entries, 0), rows);
    const byUser = expectStatus(await actions(supNorth, { from: '2026-03-01', to: '2026-03-06', user_id: fDone.owner_id }), 200).body;
    assert.ok(byUser.items.every((i) => i.user_id === fDone.owner_id));
    assert.ok(byUser.items.length >= 1);
    const ny = expectStatus(await actions(agentNy, { from: '2026-03-01', to: '2026-03-06' }), 200).body;
    assert.ok(ny.items.every((i) => i.followup_id === fSouth.id), 'an agent sees the actions on their own follow-ups');
    const returnsOnly = expectStatus(await actions(adminSp, { from: '2026-03-01', to: '2026-03-06', resolution: 'phone' }), 200).body;
    assert.ok(returnsOnly.items.length >= 1 && returnsOnly.items.every((i) => i.kind === 'return'));
  });

  test('bad filters: 422 with the field named; other branch 403', async () => {
    expectFieldError(await actions(adminSp, { from: '2026-03-05', to: '2026-03-01' }), 422, 'to', 'before_from');
    expectFieldError(await actions(adminSp, { from: 'yesterday' }), 422, 'from', 'invalid_date');
    expectFieldError(await actions(adminSp, { from: '2025-01-01', to: '2026-03-01' }), 422, 'to', 'out_of_range');
    expectFieldError(await actions(adminSp, { branch_id: 999999 }), 422, 'branch_id', 'unknown_branch');
    expectFieldError(await actions(adminSp, { kind: 'call' }), 422, 'kind');
    expectProblem(await actions(supNorth, { branch_id: south.id }), 403, 'filter_not_allowed');
    expectProblem(await actions(agentMx, { user_id: fDone.owner_id }), 403, 'filter_not_allowed');
  });
});
