// GET /followups filters and cursor pagination, and the agenda (today / overdue /
// upcoming / range × mine / branch / all), checked against a model of the data built
// here. States are per viewer: the admin is in Lisbon (today 2026-03-10), everyone else
// in São Paulo (today 2026-03-09).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, ids, listAll, login, loginAdmin, startServer,
} from './harness.mjs';

const CLOCK = '2026-03-10T02:00:00Z';  // 23:00 of 9 March in São Paulo, 02:00 of 10 March in Lisbon
const SP_TODAY = '2026-03-09';
const LIS_TODAY = '2026-03-10';

let server, admin;
const u = {};       // users by name
const c = {};       // clients by name
const b = {};       // branches
const p = {};       // parties
const model = [];   // {id, name, owner, branch, party, category, priority, due, status, texts[]}
const byName = {};

function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function stateFor(f, today) {
  if (f.status === 'closed') return 'closed';
  if (f.due === null) return 'open';
  if (f.due < today) return 'overdue';
  if (f.due === today) return 'today';
  return 'open';
}

function expected(query, today) {
  return model.filter((f) => {
    if (query.status && query.status !== 'all' && f.status !== query.status) return false;
    if (query.state && stateFor(f, today) !== query.state) return false;
    if (query.owner_id && f.owner !== Number(query.owner_id)) return false;
    if (query.branch_id && f.branch !== Number(query.branch_id)) return false;
    if (query.party_id && f.party !== Number(query.party_id)) return false;
    if (query.category && f.category !== query.category) return false;
    if (query.priority && f.priority !== query.priority) return false;
    if ((query.from || query.to) && f.due === null) return false;
    if (query.from && f.due < query.from) return false;
    if (query.to && f.due > query.to) return false;
    if (query.q && !f.texts.some((t) => t.includes(query.q))) return false;
    return true;
  }).map((f) => f.id).sort((x, y) => x - y);
}

async function make(name, owner, { party, category, priority, due, subject, note }) {
  const body = { party_id: p[party].id, due_date: due, category, priority, subject };
  if (note) body.notes = { followup: note };
  const f = await createFollowup(c[owner], body);
  const m = { id: f.id, name, owner: u[owner].id, branch: u[owner].branch_id, party: p[party].id, category, priority, due, status: 'open', texts: [subject, ...(note ? [note] : [])] };
  model.push(m);
  byName[name] = m;
  return f;
}

before(async () => {
  server = await startServer({ clockStart: CLOCK, adminTimeZone: 'Europe/Lisbon' });
  admin = await loginAdmin(server);
  assert.equal(admin.user.time_zone, 'Europe/Lisbon');
  b.one = await createBranch(admin, 'Campinas');
  b.two = await createBranch(admin, 'Sorocaba');
  for (const [name, role, branch] of [['x', 'agent', 'one'], ['y', 'agent', 'one'], ['s', 'supervisor', 'one'], ['w', 'agent', 'two'], ['z', 'agent', 'two']]) {
    u[name] = await createUser(admin, { login: `agent-${name}`, role, branch_id: b[branch].id });
    c[name] = await login(server, `agent-${name}`);
  }
  p.one = await createParty(admin, { name: 'Mercado Central' });
  p.two = await createParty(admin, { name: 'Oficina Dois Irmãos' });

  await make('f1', 'x', { party: 'one', category: 'em_analise', priority: 'high', due: '2026-03-09', subject: 'Orçamento balcão refrigerado' });
  await make('f2', 'x', { party: 'two', category: 'pos_venda', priority: 'low', due: '2026-03-10', subject: 'Visita de rotina', note: 'Cliente reclamou do ruído no compressor' });
  await make('f3', 'y', { party: 'one', category: 'assistencia_tecnica', priority: 'medium', due: '2026-03-20', subject: 'Garantia do freezer' });
  await make('f4', 'y', { party: 'two', category: 'pos_venda', priority: 'high', due: '2026-03-25', subject: 'Contrato anual' });
  await make('f5', 'y', { party: 'two', category: 'em_analise', priority: 'low', due: '2026-03-12', subject: 'Proposta nova' });
  await make('fw', 'w', { party: 'one', category: 'pos_venda', priority: 'medium', due: '2026-03-09', subject: 'Filial dois' });
  const cats = ['em_analise', 'pos_venda', 'assistencia_tecnica'];
  const prios = ['high', 'medium', 'low'];
  for (let n = 0; n < 23; n++) {
    await make(`z${n}`, 'z', { party: n % 2 ? 'one' : 'two', category: cats[n % 3], priority: prios[n % 3], due: addDays(SP_TODAY, n % 6), subject: `Lote ${n}` });
  }
  // f4 is closed; f5 carries a draft mentioning the compressor (drafts are not searched).
  expectStatus(await c.y.post(`${API}/followups/${byName.f4.id}/close`, { result: 'Assinado' }), 200);
  byName.f4.status = 'closed';
  byName.f4.due = null;
  byName.f4.texts.push('Assinado');
  const draft = expectStatus(await c.y.post(`${API}/followups/${byName.f5.id}/entries`, { kind: 'internal', body: 'Trocar compressor reserva', draft: true }), 201);
  byName.f5.draft = draft.body;
});

after(async () => { await server?.stop(); });

describe('GET /followups filters (admin in Lisbon sees everything)', () => {
  const queries = () => [
    { status: 'open' }, { status: 'closed' }, { status: 'all' },
    { state: 'overdue' }, { state: 'today' }, { state: 'open' }, { state: 'closed' },
    { owner_id: u.x.id }, { owner_id: u.z.id }, { branch_id: b.one.id }, { branch_id: b.two.id },
    { party_id: p.one.id }, { party_id: p.two.id },
    { category: 'pos_venda' }, { category: 'assistencia_tecnica' },
    { priority: 'high' }, { priority: 'low' },
    { from: '2026-03-10', to: '2026-03-12' }, { from: '2026-03-14' }, { to: '2026-03-09' },
    { q: 'compressor' }, { q: 'freezer' }, { q: 'Lote' },
    { owner_id: u.y.id, status: 'open' }, { state: 'overdue', owner_id: u.z.id },
    { category: 'em_analise', priority: 'low' }, { party_id: p.one.id, state: 'today' },
  ];

  test('every filter returns exactly the matching follow-ups, with state and days_late in the viewer\'s zone', async () => {
    const failures = [];
    for (const q of queries()) {
      const items = await listAll(admin, q);
      const got = ids(items);
      const want = expected(q, LIS_TODAY);
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${new URLSearchParams(q)}: got [${got}] want [${want}]`);
      for (const it of items) {
        const m = model.find((f) => f.id === it.id);
        if (!m) continue;
        const st = stateFor(m, LIS_TODAY);
        if (it.state !== st) failures.push(`${it.id} state ${it.state} want ${st}`);
        const late = st === 'overdue' ? Math.round((Date.parse(LIS_TODAY) - Date.parse(m.due)) / 86400000) : 0;
        if (it.days_late !== late) failures.push(`${it.id} days_late ${it.days_late} want ${late}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('sanity of the model: the filters above are not trivially empty', () => {
    assert.deepEqual(expected({ q: 'compressor' }, LIS_TODAY), [byName.f2.id]);
    assert.deepEqual(expected({ q: 'freezer' }, LIS_TODAY), [byName.f3.id]);
    assert.ok(expected({ state: 'overdue' }, LIS_TODAY).length >= 3);
    assert.ok(expected({ state: 'today' }, LIS_TODAY).length >= 2);
  });

  test('an agent sees only their own, with states in their own zone (São Paulo)', async () => {
    const items = await listAll(c.x, { status: 'all' });
    assert.deepEqual(ids(items), [byName.f1.id, byName.f2.id].sort((a, b2) => a - b2));
    const f1 = items.find((i) => i.id === byName.f1.id);
    assert.equal(f1.state, 'today', 'due 2026-03-09 is today in São Paulo');
    assert.equal(f1.days_late, 0);
    assert.deepEqual(ids(await listAll(c.x, { state: 'today' })), [byName.f1.id]);
    assert.deepEqual(ids(await listAll(c.x, { state: 'overdue' })), []);
  });

  test('asking for what one may not see is a 403 that says so, never an empty list', async () => {
    // An agent filtering on a colleague, or on another branch.
    for (const [client, query] of [[c.x, { owner_id: u.y.id }], [c.x, { branch_id: b.two.id }],
      [c.s, { branch_id: b.two.id }], [c.s, { owner_id: u.w.id }], [c.w, { owner_id: u.x.id }]]) {
      const res = await client.get(`${API}/followups?${new URLSearchParams(query)}`, { lang: 'es-MX' });
      const { body } = expectProblem(res, 403);
      assert.equal(body.code, 'filter_not_allowed', JSON.stringify(query));
      assert.match(body.detail, /No puede ver los seguimientos/);
    }
    // What they may see, they get.
    assert.deepEqual(ids(await listAll(c.s, { owner_id: u.x.id })), expected({ owner_id: u.x.id }, SP_TODAY));
    assert.deepEqual(ids(await listAll(c.s, { branch_id: b.one.id })), expected({ branch_id: b.one.id }, SP_TODAY));
    assert.deepEqual(ids(await listAll(c.x, { branch_id: b.one.id })), expected({ owner_id: u.x.id }, SP_TODAY));
    expectFieldError(await c.s.get(`${API}/followups?owner_id=999999`), 422, 'owner_id', 'unknown_user');
  });

  test('the first page carries the total of every page, for the footer', async () => {
    for (const q of [{ owner_id: u.z.id }, { status: 'all' }, { state: 'overdue' }, { q: 'Lote' }, { branch_id: b.one.id }]) {
      const first = expectStatus(await admin.get(`${API}/followups?${new URLSearchParams({ ...q, limit: '5' })}`), 200).body;
      assert.equal(first.total, expected(q, LIS_TODAY).length, JSON.stringify(q));
      if (first.next_cursor) {
        const second = expectStatus(await admin.get(`${API}/followups?${new URLSearchParams({ ...q, limit: '5', cursor: first.next_cursor })}`), 200).body;
        assert.equal(second.total, null, 'later pages do not count again');
      }
    }
    // A supervisor's total is what the supervisor sees (their own and their branch's).
    const sup = expectStatus(await c.s.get(`${API}/followups?status=all&limit=2`), 200).body;
    assert.equal(sup.total, model.filter((f) => f.branch === b.one.id || f.owner === u.s.id).length);
  });

  test('publishing a draft makes its text searchable', async () => {
    assert.deepEqual(ids(await listAll(admin, { q: 'compressor' })), [byName.f2.id]);
    expectStatus(await c.y.post(`${API}/entries/${byName.f5.draft.id}/publish`), 200);
    byName.f5.texts.push('Trocar compressor reserva');
    assert.deepEqual(ids(await listAll(admin, { q: 'compressor' })), [byName.f2.id, byName.f5.id].sort((a, b2) => a - b2));
  });

  test('bad query parameters are 422 naming the parameter', async () => {
    expectFieldError(await admin.get(`${API}/followups?state=bogus`), 422, 'state');
    expectFieldError(await admin.get(`${API}/followups?status=maybe`), 422, 'status');
    expectFieldError(await admin.get(`${API}/followups?priority=urgent`), 422, 'priority');
    expectFieldError(await admin.get(`${API}/followups?limit=0`), 422, 'limit');
    expectFieldError(await admin.get(`${API}/followups?limit=201`), 422, 'limit');
    expectFieldError(await admin.get(`${API}/followups?from=2026-02-30`), 422, 'from', 'invalid_date');
    expectFieldError(await admin.get(`${API}/followups?from=2026-03-20&to=2026-03-10`), 422, 'to');
    expectFieldError(await admin.get(`${API}/followups?owner_id=abc`), 422, 'owner_id');
    expectFieldError(await admin.get(`${API}/followups?cursor=not-a-cursor`), 422, 'cursor', 'invalid_cursor');
  });
});

describe('cursor pagination', () => {
  async function pages(client, query, limit) {
    const out = [];
    let cursor = null;
    for (let i = 0; i < 50; i++) {
      const q = new URLSearchParams({ ...query, limit: String(limit) });
      if (cursor) q.set('cursor', cursor);
      const res = expectStatus(await client.get(`${API}/followups?${q}`), 200);
      out.push(res.body.items);
      cursor = res.body.next_cursor;
      if (cursor === null) return out;
    }
    assert.fail('pagination does not end');
  }

  test('sort=due, limit 5 over 23 follow-ups: 5 pages, no duplicates, no gaps, next_due_date ascending', async () => {
    const ps = await pages(admin, { owner_id: u.z.id, sort: 'due' }, 5);
    assert.deepEqual(ps.map((x) => x.length), [5, 5, 5, 5, 3]);
    const all = ps.flat();
    const seen = all.map((i) => i.id);
    assert.equal(new Set(seen).size, seen.length, 'no duplicates');
    assert.deepEqual([...seen].sort((a, b2) => a - b2), expected({ owner_id: u.z.id }, LIS_TODAY), 'no gaps');
    const dues = all.map((i) => i.next_due_date);
    assert.deepEqual(dues, [...dues].sort(), 'next_due_date ascending across pages');
  });

  test('sort=newest, limit 4: ids descending, complete', async () => {
    const all = (await pages(admin, { owner_id: u.z.id, sort: 'newest' }, 4)).flat();
    const seen = all.map((i) => i.id);
    assert.deepEqual(seen, [...seen].sort((a, b2) => b2 - a));
    assert.equal(new Set(seen).size, 23);
  });

  test('every follow-up, 3 per page, with a filter: the union is exactly the filtered set', async () => {
    const all = (await pages(admin, { status: 'all' }, 3)).flat().map((i) => i.id);
    assert.equal(new Set(all).size, all.length, 'no duplicates');
    assert.deepEqual([...all].sort((a, b2) => a - b2), expected({ status: 'all' }, LIS_TODAY));
    const open = (await pages(admin, { status: 'open', category: 'pos_venda' }, 2)).flat().map((i) => i.id);
    assert.deepEqual([...open].sort((a, b2) => a - b2), expected({ status: 'open', category: 'pos_venda' }, LIS_TODAY));
  });

  test('a page without more rows has next_cursor null', async () => {
    const res = expectStatus(await admin.get(`${API}/followups?owner_id=${u.x.id}&limit=50`), 200);
    assert.equal(res.body.next_cursor, null);
    assert.equal(res.body.items.length, 2);
  });
});

describe('agenda', () => {
  // Every open follow-up of the model has exactly one planned return, due on `due`.
  const fuIds = (items) => items.map((i) => i.followup.id).sort((a, b2) => a - b2);
  const want = (pred) => model.filter((f) => f.status === 'open' && pred(f)).map((f) => f.id).sort((a, b2) => a - b2);
  const agenda = async (client, qs) => expectStatus(await client.get(`${API}/agenda?${qs}`), 200, `agenda ${qs}`).body.items;

  test('agent, scope mine: today / overdue / upcoming in São Paulo', async () => {
    const today = await agenda(c.x, 'scope=mine&when=today');
    assert.deepEqual(fuIds(today), [byName.f1.id]);
    const it = today[0];
    assert.equal(it.status, 'planned');
    assert.equal(it.due_date, SP_TODAY);
    assert.equal(it.type, 'phone');
    assert.equal(it.followup.subject, 'Orçamento balcão refrigerado');
    assert.deepEqual(it.followup.party, { id: p.one.id, code: p.one.code, name: p.one.name });
    assert.equal(it.followup.state, 'today');
    assert.equal(it.followup.days_late, 0);
    assert.equal(it.followup.priority, 'high');
    assert.deepEqual(fuIds(await agenda(c.x, 'scope=mine&when=overdue')), []);
    assert.deepEqual(fuIds(await agenda(c.x, 'scope=mine&when=upcoming')), [byName.f2.id]);
    assert.deepEqual(fuIds(await agenda(c.x, '')), [byName.f1.id], 'defaults: mine, today');
  });

  test('supervisor, scope branch: only returns of their branch; closed follow-ups left out', async () => {
    const one = b.one.id;
    assert.deepEqual(fuIds(await agenda(c.s, 'scope=branch&when=today')), want((f) => f.branch === one && f.due === SP_TODAY));
    assert.deepEqual(fuIds(await agenda(c.s, 'scope=branch&when=upcoming')), want((f) => f.branch === one && f.due > SP_TODAY));
    assert.deepEqual(fuIds(await agenda(c.s, 'scope=branch&when=overdue')), []);
    assert.deepEqual(fuIds(await agenda(c.s, 'scope=mine&when=upcoming')), [], 'the supervisor owns nothing');
  });

  test('admin, scope all, in Lisbon: overdue (days_late 1), today, upcoming, range', async () => {
    const overdue = await agenda(admin, 'scope=all&when=overdue');
    assert.deepEqual(fuIds(overdue), want((f) => f.due < LIS_TODAY));
    assert.ok(overdue.length >= 3);
    for (const i of overdue) {
      assert.equal(i.followup.state, 'overdue');
      assert.equal(i.followup.days_late, 1);
      assert.equal(i.status, 'planned');
    }
    assert.deepEqual(fuIds(await agenda(admin, 'scope=all&when=today')), want((f) => f.due === LIS_TODAY));
    assert.deepEqual(fuIds(await agenda(admin, 'scope=all&when=upcoming')), want((f) => f.due > LIS_TODAY));
    assert.deepEqual(fuIds(await agenda(admin, 'scope=all&from=2026-03-11&to=2026-03-13')),
      want((f) => f.due >= '2026-03-11' && f.due <= '2026-03-13'));
  });

  test('scopes beyond the role are 403: agent all/branch, supervisor all', async () => {
    expectProblem(await c.x.get(`${API}/agenda?scope=all`), 403, 'scope_not_allowed');
    expectProblem(await c.x.get(`${API}/agenda?scope=branch`), 403, 'scope_not_allowed');
    expectProblem(await c.s.get(`${API}/agenda?scope=all`), 403, 'scope_not_allowed');
  });

  test('bad agenda parameters are 422', async () => {
    expectFieldError(await admin.get(`${API}/agenda?scope=everyone`), 422, 'scope');
    expectFieldError(await admin.get(`${API}/agenda?when=yesterday`), 422, 'when');
    expectFieldError(await admin.get(`${API}/agenda?scope=all&from=2026-13-01`), 422, 'from', 'invalid_date');
  });
});
