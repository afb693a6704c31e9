// Team performance and automatic follow-ups (ADR 0032): returns due, on time, late and
// still late against the previous period, and the after-sale, after-service and
// birthday follow-ups created, done and converted; a simulated clock and viewers in
// São Paulo, Mexico City and New York.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, advance, createBranch, createFollowup, createParty, createUser, expectFieldError,
  expectProblem, expectStatus, login, loginAdmin, startServer, uniq,
} from './harness.mjs';

// Monday 23 February 2026, 12:00 UTC: 09:00 in São Paulo (UTC-3), 06:00 in Mexico City
// (UTC-6), 07:00 in New York (EST, UTC-5; daylight saving time starts on 8 March).
const CLOCK = '2026-02-23T12:00:00Z';
// 05:30 UTC on the 24th: 23:30 of the 23rd in Mexico City, 02:30 of the 24th in São
// Paulo, 00:30 of the 24th in New York.
const MX_2330 = '2026-02-24T05:30:00Z';
// Friday 6 March, 03:30 UTC: 00:30 of the 6th in São Paulo, 21:30 of the 5th in Mexico
// City, 22:30 of the 5th in New York.
const LATER = '2026-03-06T03:30:00Z';
const PERIOD = { from: '2026-03-02', to: '2026-03-06' };
const FAR = '2026-04-30';  // next returns land outside every period below

const users = [
  ['t_admin_sp', 'admin', null, 'America/Sao_Paulo'],
  ['t_admin_mx', 'admin', null, 'America/Mexico_City'],
  ['t_admin_ny', 'admin', null, 'America/New_York'],
  ['t_sup_north', 'supervisor', 'north', 'America/Sao_Paulo'],
  ['t_agent_sp', 'agent', 'north', 'America/Sao_Paulo'],
  ['t_agent_mx', 'agent', 'north', 'America/Mexico_City'],
  ['t_agent_ny', 'agent', 'south', 'America/New_York'],
];

let server, admin, adminSp, adminMx, adminNy, supNorth, agentSp, agentMx, agentNy;
let north, south, ids = {};
let product, service, buyer, bdayParty, afterSale, afterService;

const team = (client, q = {}) => client.get(`${API}/reports/team?${new URLSearchParams(q)}`);
const automatic = (client, q = {}) => client.get(`${API}/reports/automatic?${new URLSearchParams(q)}`);

async function signInAll() {
  admin = await loginAdmin(server);
  [adminSp, adminMx, adminNy, supNorth, agentSp, agentMx, agentNy] =
    await Promise.all(users.map(([l]) => login(server, l)));
}

async function complete(client, followup, resultAt) {
  expectStatus(await client.post(`${API}/actions/${followup.actions[0].id}/complete`, {
    result: 'Feito', resolution: 'phone', result_at: resultAt,
    next_action: { type: 'phone', due_date: FAR },
  }), 200, 'complete');
}

before(async () => {
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  admin = await loginAdmin(server);
  north = await createBranch(admin, 'Norte');
  south = await createBranch(admin, 'Sul');
  const branchOf = { north: north.id, south: south.id };
  for (const [loginName, role, branch, time_zone] of users) {
    const u = await createUser(admin, { login: loginName, name: loginName, role, branch_id: branch ? branchOf[branch] : null, time_zone });
    ids[loginName] = u.id;
  }
  await signInAll();
  const party = await createParty(admin);
  // Team: A due 2 Mar (done at 23:30 of the 2nd in Mexico City), B due 3 Mar and C due
  // 5 Mar never done, D and E due 27 Feb (the previous period), D on time, E 2 days late.
  ids.A = await createFollowup(agentSp, { party_id: party.id, due_date: '2026-03-02' });
  ids.B = await createFollowup(agentMx, { party_id: party.id, due_date: '2026-03-03' });
  ids.C = await createFollowup(agentNy, { party_id: party.id, due_date: '2026-03-05' });
  ids.D = await createFollowup(agentSp, { party_id: party.id, due_date: '2026-02-27' });
  ids.E = await createFollowup(agentSp, { party_id: party.id, due_date: '2026-02-27' });

  // Automatic: a product 3 days after the sale, a service 2 days after its completion.
  product = expectStatus(await admin.post(`${API}/catalog`, {
    code: uniq('FILTRO-'), kind: 'product', name: 'Filtro de água', followup_days: 3,
  }), 201).body;
  service = expectStatus(await admin.post(`${API}/catalog`, {
    code: uniq('INST-'), kind: 'service', name: 'Instalação de aquecedor', followup_days: 2,
  }), 201).body;
  buyer = await createParty(agentSp, { name: 'Oficina Irmãos Souza' });
  const sale = expectStatus(await admin.post(`${API}/documents`, {
    kind: 'sale', number: uniq('V-'), party_id: buyer.id, date: '2026-02-23', owner_id: ids.t_agent_sp,
    items: [{ item_code: product.code, quantity: 1 }],
  }), 201).body;
  [afterSale] = sale.followups;
  // A birthday on 25 February: the follow-up is created with the party.
  bdayParty = await createParty(admin, { name: 'Dona Zilda Doces', birthday: '1975-02-25', owner_id: ids.t_agent_sp });

  // At 23:30 of the 23rd in Mexico City (the 24th in São Paulo and New York), a
  // service order completed on the 23rd: its follow-up is created then.
  await advance(server, undefined, { to: MX_2330 });
  await signInAll();
  const order = expectStatus(await admin.post(`${API}/documents`, {
    kind: 'service_order', number: uniq('OS-'), party_id: buyer.id, date: '2026-02-23',
    status: 'completed', completed_on: '2026-02-23', owner_id: ids.t_agent_sp,
    items: [{ item_code: service.code, quantity: 1 }],
  }), 201).body;
  [afterService] = order.followups;

  await advance(server, undefined, { to: LATER });
  await signInAll();
  await complete(agentSp, ids.A, '2026-03-02T23:30:00-06:00');
  await complete(agentSp, ids.D, '2026-02-26T10:00:00-03:00');
  await complete(agentSp, ids.E, '2026-03-01T10:00:00-03:00');
  // The after-sale follow-up is done, and the customer bought again on 27 February
  // (after its due day, the 26th): converted.
  const full = expectStatus(await agentSp.get(`${API}/followups/${afterSale.id}`), 200).body;
  await complete(agentSp, full, '2026-02-26T15:00:00-03:00');
  expectStatus(await admin.post(`${API}/documents`, {
    kind: 'sale', number: uniq('V-'), party_id: buyer.id, date: '2026-02-27', owner_id: ids.t_agent_sp,
    items: [{ item_code: 'SEM-CADASTRO', description: 'Mangueira', quantity: 1 }],
  }), 201);
});

after(async () => { await server?.stop(); });

const rowOf = (r, agent) => r.rows.find((x) => x.agent_id === ids[agent]);
const pick = (f) => [f.due, f.on_time, f.done_late, f.still_late, f.pending];

function checkSums(r) {
  const keys = ['due', 'on_time', 'done_late', 'still_late', 'pending'];
  for (const period of ['current', 'previous']) {
    for (const k of keys) {
      assert.equal(r.rows.reduce((s, x) => s + x[period][k], 0), r.totals[period][k], `rows add up: ${period}.${k}`);
      assert.equal(r.per_branch.reduce((s, x) => s + x[period][k], 0), r.totals[period][k], `branches add up: ${period}.${k}`);
    }
    const t = r.totals[period];
    assert.equal(t.on_time + t.done_late + t.still_late + t.pending, t.due);
  }
  assert.equal(r.per_day.reduce((s, d) => s + d.due, 0), r.totals.current.due, 'days add up');
}

describe('team performance', () => {
  test('São Paulo: done at 23:30 in Mexico City is the next day there, one day late', async () => {
    const r = expectStatus(await team(adminSp, PERIOD), 200).body;
    assert.equal(r.today, '2026-03-06');
    assert.equal(r.previous_from, '2026-02-25');
    assert.equal(r.previous_to, '2026-03-01');
    const sp = rowOf(r, 't_agent_sp');
    assert.equal(sp.branch_id, north.id);
    assert.equal(sp.branch_name, 'Norte');
    assert.equal(sp.agent_name, 't_agent_sp');
    assert.deepEqual(pick(sp.current), [1, 0, 1, 0, 0]);
    assert.equal(sp.current.median_days_late, 1);
    assert.equal(sp.current.completion_rate, 1);
    // D on time, E two days late, the after-sale follow-up done on its day (the 26th),
    // the birthday and the after-service ones (due the 25th) still late by 9 days.
    assert.deepEqual(pick(sp.previous), [5, 2, 1, 2, 0]);
    assert.equal(sp.previous.median_days_late, 9);
    assert.equal(sp.previous.completion_rate, 3 / 5);
    const mx = rowOf(r, 't_agent_mx');
    assert.deepEqual(pick(mx.current), [1, 0, 0, 1, 0]);
    assert.equal(mx.current.median_days_late, 3, 'due on the 3rd, today is the 6th');
    assert.equal(mx.current.completion_rate, 0);
    assert.deepEqual(pick(mx.previous), [0, 0, 0, 0, 0]);
    assert.equal(mx.previous.completion_rate, null);
    assert.equal(mx.previous.median_days_late, null);
    const ny = rowOf(r, 't_agent_ny');
    assert.equal(ny.branch_id, south.id);
    assert.deepEqual(pick(ny.current), [1, 0, 0, 1, 0]);
    assert.equal(ny.current.median_days_late, 1);
    assert.deepEqual(pick(r.totals.current), [3, 0, 1, 2, 0]);
    assert.equal(r.totals.current.completion_rate, 1 / 3);
    assert.equal(r.totals.current.median_days_late, 1, 'median of 1, 1 and 3');
    const norte = r.per_branch.find((b) => b.branch_id === north.id);
    assert.equal(norte.current.median_days_late, 2, 'median of 1 and 3, not a median of medians');
    assert.deepEqual(r.per_day.map((d) => [d.day, d.due, d.on_time, d.late]), [
      ['2026-03-02', 1, 0, 1], ['2026-03-03', 1, 0, 1], ['2026-03-04', 0, 0, 0],
      ['2026-03-05', 1, 0, 1], ['2026-03-06', 0, 0, 0]]);
    checkSums(r);
  });

  test('Mexico City: done on its due day; today is the 5th, so C is not late yet', async () => {
    const r = expectStatus(await team(adminMx, PERIOD), 200).body;
    assert.equal(r.today, '2026-03-05');
    assert.deepEqual(pick(rowOf(r, 't_agent_sp').current), [1, 1, 0, 0, 0]);
    assert.deepEqual(pick(rowOf(r, 't_agent_mx').current), [1, 0, 0, 1, 0]);
    assert.deepEqual(pick(rowOf(r, 't_agent_ny').current), [1, 0, 0, 0, 1]);
    assert.deepEqual(pick(r.totals.current), [3, 1, 0, 1, 1]);
    assert.equal(r.totals.current.median_days_late, 2);
    checkSums(r);
  });

  test('New York: 00:30 of the 3rd, one day late; medians of an even count', async () => {
    const r = expectStatus(await team(adminNy, PERIOD), 200).body;
    assert.deepEqual(pick(r.totals.current), [3, 0, 1, 1, 1]);
    assert.equal(r.totals.current.median_days_late, 1.5, 'mean of 1 and 2');
    checkSums(r);
  });

  test('visibility by role, and filters', async () => {
    const sup = expectStatus(await team(supNorth, PERIOD), 200).body;
    assert.deepEqual(sup.rows.map((x) => x.agent_id).sort(), [ids.t_agent_sp, ids.t_agent_mx].sort());
    assert.deepEqual(sup.per_branch.map((b) => b.branch_id), [north.id]);
    checkSums(sup);
    const own = expectStatus(await team(agentMx, PERIOD), 200).body;
    assert.deepEqual(own.rows.map((x) => x.agent_id), [ids.t_agent_mx]);
    const byAgent = expectStatus(await team(supNorth, { ...PERIOD, owner_id: ids.t_agent_sp }), 200).body;
    assert.deepEqual(byAgent.rows.map((x) => x.agent_id), [ids.t_agent_sp]);
    const sul = expectStatus(await team(adminSp, { ...PERIOD, branch_id: south.id }), 200).body;
    assert.deepEqual(sul.rows.map((x) => x.agent_id), [ids.t_agent_ny]);
    expectProblem(await team(supNorth, { branch_id: south.id }), 403, 'filter_not_allowed');
    expectProblem(await team(agentSp, { owner_id: ids.t_agent_mx }), 403, 'filter_not_allowed');
  });

  test('bad filters: 422 with the field named, in the viewer\'s language', async () => {
    expectFieldError(await team(adminSp, { from: '2026-03-05', to: '2026-03-01' }), 422, 'to', 'before_from');
    expectFieldError(await team(adminSp, { from: '2026-02-30' }), 422, 'from', 'invalid_date');
    expectFieldError(await team(adminSp, { from: '2025-01-01', to: '2026-03-01' }), 422, 'to', 'out_of_range');
    expectFieldError(await team(adminSp, { branch_id: 999999 }), 422, 'branch_id', 'unknown_branch');
    expectFieldError(await team(adminSp, { owner_id: 999999 }), 422, 'owner_id', 'unknown_user');
    expectFieldError(await team(adminSp, { owner_id: 'x' }), 422, 'owner_id');
    const es = await login(server, 't_admin_mx', undefined, { lang: 'es' });
    const hit = expectFieldError(await team(es, { branch_id: 999999 }), 422, 'branch_id', 'unknown_branch');
    assert.equal(hit.message, 'Sucursal inexistente.');
  });
});

describe('automatic follow-ups', () => {
  const kindRow = (r, kind, itemId = null) => r.rows.find((x) => x.kind === kind && x.item_id === itemId);

  test('created, done and converted per kind and product or service', async () => {
    const r = expectStatus(await automatic(adminSp, { from: '2026-02-23', to: '2026-03-06' }), 200).body;
    const sale = kindRow(r, 'after_sale', product.id);
    assert.deepEqual(sale, {
      kind: 'after_sale', item_id: product.id, item_name: 'Filtro de água', item_kind: 'product',
      created: 1, done: 1, converted: 1,
    });
    const svc = kindRow(r, 'after_service', service.id);
    assert.deepEqual([svc.item_kind, svc.created, svc.done, svc.converted], ['service', 1, 0, 0]);
    const bday = kindRow(r, 'birthday');
    assert.deepEqual([bday.item_name, bday.created, bday.done, bday.converted], ['', 1, 0, 0]);
    assert.equal(r.rows.length, 3);
    assert.deepEqual(r.per_kind.map((k) => [k.kind, k.created, k.done, k.converted]),
      [['after_sale', 1, 1, 1], ['after_service', 1, 0, 0], ['birthday', 1, 0, 0]]);
    assert.deepEqual(r.totals, { created: 3, done: 1, converted: 1 });
    const only = expectStatus(await automatic(adminSp, { from: '2026-02-23', to: '2026-03-06', kind: 'after_service' }), 200).body;
    assert.deepEqual(only.rows.map((x) => x.kind), ['after_service']);
    assert.deepEqual(only.totals, { created: 1, done: 0, converted: 0 });
  });

  test('created at 23:30 in Mexico City: the 23rd there, the 24th in São Paulo and New York', async () => {
    const day23 = { from: '2026-02-23', to: '2026-02-23' };
    const mx = expectStatus(await automatic(adminMx, day23), 200).body;
    assert.deepEqual(mx.totals, { created: 3, done: 1, converted: 1 });
    for (const viewer of [adminSp, adminNy]) {
      const r = expectStatus(await automatic(viewer, day23), 200).body;
      assert.equal(r.totals.created, 2);
      assert.equal(kindRow(r, 'after_service', service.id), undefined);
      const next = expectStatus(await automatic(viewer, { from: '2026-02-24', to: '2026-02-24' }), 200).body;
      assert.deepEqual(next.rows.map((x) => [x.kind, x.created]), [['after_service', 1]]);
    }
  });

  test('visibility by role and bad filters', async () => {
    const range = { from: '2026-02-23', to: '2026-03-06' };
    const sup = expectStatus(await automatic(supNorth, range), 200).body;
    assert.equal(sup.totals.created, 3, 'the agent of the north owns all three');
    const other = expectStatus(await automatic(agentMx, range), 200).body;
    assert.deepEqual(other.totals, { created: 0, done: 0, converted: 0 });
    assert.deepEqual(other.rows, []);
    const sul = expectStatus(await automatic(adminSp, { ...range, branch_id: south.id }), 200).body;
    assert.equal(sul.totals.created, 0);
    expectProblem(await automatic(supNorth, { branch_id: south.id }), 403, 'filter_not_allowed');
    expectProblem(await automatic(agentMx, { owner_id: ids.t_agent_sp }), 403, 'filter_not_allowed');
    expectFieldError(await automatic(adminSp, { kind: 'anniversary' }), 422, 'kind', 'invalid_value');
    expectFieldError(await automatic(adminSp, { from: '2026-03-05', to: '2026-03-01' }), 422, 'to', 'before_from');
    expectFieldError(await automatic(adminSp, { from: 'ontem' }), 422, 'from', 'invalid_date');
    expectFieldError(await automatic(adminSp, { owner_id: 999999 }), 422, 'owner_id', 'unknown_user');
    expectFieldError(await automatic(adminSp, { branch_id: 999999 }), 422, 'branch_id', 'unknown_branch');
  });
});
