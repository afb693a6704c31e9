// The permission matrix: admin / supervisor / agent × own / same-branch-other-owner /
// other-branch follow-ups, for reading and for changing; lists only show what the
// viewer may see; administration is for admins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, ids, listAll, login, loginAdmin, startServer,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';  // São Paulo: 2026-03-10 12:00
const DUE = '2026-03-12';

let server, admin, party;
const users = {};
const clients = {};
const fus = {};

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  clients.admin = admin;
  users.admin = admin.user;
  const b1 = await createBranch(admin, 'Campinas');
  const b2 = await createBranch(admin, 'Recife');
  const plan = { s1: ['supervisor', b1], a1: ['agent', b1], a2: ['agent', b1], a3: ['agent', b2], s2: ['supervisor', b2] };
  for (const [name, [role, br]] of Object.entries(plan)) {
    users[name] = await createUser(admin, { login: `perm-${name}`, role, branch_id: br.id });
    clients[name] = await login(server, `perm-${name}`);
  }
  party = await createParty(admin);
  for (const owner of ['admin', 'a1', 'a2', 'a3', 's1']) {
    fus[owner] = await createFollowup(clients[owner], { party_id: party.id, due_date: DUE, subject: `Follow-up de ${owner}` });
    assert.equal(fus[owner].owner_id, users[owner].id);
  }
});

after(async () => { await server?.stop(); });

// [viewer, relation, follow-up owner, allowed]
const MATRIX = [
  ['admin', 'own', 'admin', true],
  ['admin', 'branch-1 owner', 'a1', true],
  ['admin', 'other branch', 'a3', true],
  ['s1', 'own', 's1', true],
  ['s1', 'same branch, other owner', 'a1', true],
  ['s1', 'other branch', 'a3', false],
  ['s1', 'no branch (admin\'s)', 'admin', false],
  ['a1', 'own', 'a1', true],
  ['a1', 'same branch, other owner', 'a2', false],
  ['a1', 'same branch, supervisor\'s', 's1', false],
  ['a1', 'other branch', 'a3', false],
  ['s2', 'other branch', 'a1', false],
];

describe('permission matrix', () => {
  for (const [viewer, rel, owner, allowed] of MATRIX) {
    test(`${viewer} × ${rel}: GET ${allowed ? '200' : '403'}`, async () => {
      const res = await clients[viewer].get(`${API}/followups/${fus[owner].id}`);
      if (allowed) {
        expectStatus(res, 200);
        assert.equal(res.body.id, fus[owner].id);
      } else {
        expectProblem(res, 403, 'forbidden_followup');
        assert.ok(!res.text.includes(`Follow-up de ${owner}`), 'no data leaks in the refusal');
      }
    });

    test(`${viewer} × ${rel}: POST entries ${allowed ? '201' : '403, nothing added'}`, async () => {
      const before = expectStatus(await admin.get(`${API}/followups/${fus[owner].id}`), 200).body;
      const res = await clients[viewer].post(`${API}/followups/${fus[owner].id}/entries`, { kind: 'note', body: `nota de ${viewer}` });
      const after = expectStatus(await admin.get(`${API}/followups/${fus[owner].id}`), 200).body;
      if (allowed) {
        expectStatus(res, 201);
        assert.equal(after.entries.length, before.entries.length + 1);
      } else {
        expectProblem(res, 403, 'forbidden_followup');
        assert.equal(after.entries.length, before.entries.length);
        assert.equal(after.version, before.version);
      }
    });

    test(`${viewer} × ${rel}: PATCH ${allowed ? '200' : '403, unchanged'}`, async () => {
      const before = expectStatus(await admin.get(`${API}/followups/${fus[owner].id}`), 200);
      const etag = before.headers.get('etag');
      const newPriority = before.body.priority === 'high' ? 'low' : 'high';
      const res = await clients[viewer].patch(`${API}/followups/${fus[owner].id}`, { priority: newPriority }, { headers: { 'If-Match': etag } });
      const after = expectStatus(await admin.get(`${API}/followups/${fus[owner].id}`), 200).body;
      if (allowed) {
        expectStatus(res, 200);
        assert.equal(after.priority, newPriority);
      } else {
        expectProblem(res, 403, 'forbidden_followup');
        assert.equal(after.priority, before.body.priority);
        assert.equal(after.version, before.body.version);
      }
    });

    test(`${viewer} × ${rel}: complete its return ${allowed ? 'allowed' : '403'}`, async () => {
      const before = expectStatus(await admin.get(`${API}/followups/${fus[owner].id}`), 200).body;
      const planned = before.actions.find((a) => a.status === 'planned');
      // Schedule a spare return first (as admin) so the follow-up keeps one planned.
      expectStatus(await admin.post(`${API}/followups/${fus[owner].id}/actions`, { type: 'phone', due_date: DUE }), 201);
      const res = await clients[viewer].post(`${API}/actions/${planned.id}/complete`, { result: `feito por ${viewer}` });
      const after = expectStatus(await admin.get(`${API}/followups/${fus[owner].id}`), 200).body;
      const a = after.actions.find((x) => x.id === planned.id);
      if (allowed) {
        expectStatus(res, 200);
        assert.equal(a.status, 'done');
      } else {
        expectProblem(res, 403, 'forbidden_followup');
        assert.equal(a.status, 'planned');
      }
    });
  }
});

describe('lists only return visible follow-ups', () => {
  const expectList = async (who, owners) => {
    const got = ids(await listAll(clients[who], { status: 'all' }));
    assert.deepEqual(got, owners.map((o) => fus[o].id).sort((a, b) => a - b), `${who} sees ${owners}`);
  };
  test('admin sees all', () => expectList('admin', ['admin', 'a1', 'a2', 'a3', 's1']));
  test('supervisor sees own and own branch', () => expectList('s1', ['a1', 'a2', 's1']));
  test('supervisor of the other branch sees that branch', () => expectList('s2', ['a3']));
  test('agent sees only own', () => expectList('a1', ['a1']));
  // Asking for another's list is refused as such (it used to answer an empty list, which
  // reads as "nothing late there").
  test('agent filtering by another owner or branch is refused (403), and sees nothing more', async () => {
    expectProblem(await clients.a1.get(`${API}/followups?owner_id=${users.a2.id}`), 403, 'filter_not_allowed');
    expectProblem(await clients.a1.get(`${API}/followups?branch_id=${users.a3.branch_id}`), 403, 'filter_not_allowed');
  });
});

describe('assignment and administration', () => {
  test('an agent cannot create a follow-up for someone else (422 owner_id not_allowed), nothing stored', async () => {
    const before = ids(await listAll(admin, { status: 'all' }));
    const res = await clients.a1.post(`${API}/followups`, {
      party_id: party.id, subject: 'Para outro', category: 'pos_venda', owner_id: users.a2.id,
      next_action: { type: 'phone', due_date: DUE },
    });
    expectFieldError(res, 422, 'owner_id', 'not_allowed');
    assert.deepEqual(ids(await listAll(admin, { status: 'all' })), before);
  });

  test('a supervisor assigns within the branch, not outside it', async () => {
    const ok = await createFollowup(clients.s1, { party_id: party.id, due_date: DUE, owner_id: users.a2.id });
    assert.equal(ok.owner_id, users.a2.id);
    assert.equal(ok.actions[0].assignee_id, users.a2.id);
    fus.extra = ok;
    const res = await clients.s1.post(`${API}/followups`, {
      party_id: party.id, subject: 'Fora da filial', category: 'pos_venda', owner_id: users.a3.id,
      next_action: { type: 'phone', due_date: DUE },
    });
    expectFieldError(res, 422, 'owner_id', 'not_allowed');
  });

  test('only admins create users, branches, categories and contact types (403 admin_only)', async () => {
    const before = await admin.get(`${API}/users`);
    expectProblem(await clients.s1.post(`${API}/users`, { login: 'intruso', name: 'Intruso', password: 'secret-password-1', role: 'admin' }), 403, 'admin_only');
    expectProblem(await clients.a1.post(`${API}/branches`, { name: 'Nova' }), 403, 'admin_only');
    expectProblem(await clients.a1.post(`${API}/categories`, { code: 'nova', name: 'Nova' }), 403, 'admin_only');
    expectProblem(await clients.s1.post(`${API}/contact-types`, { code: 'telegram', name: 'Telegram' }), 403, 'admin_only');
    const after = await admin.get(`${API}/users`);
    assert.equal(after.body.items.length, before.body.items.length);
    const cats = expectStatus(await admin.get(`${API}/categories`), 200).body.items.map((x) => x.code);
    assert.ok(!cats.includes('nova'));
    const types = expectStatus(await admin.get(`${API}/contact-types`), 200).body.items.map((x) => x.code);
    assert.ok(!types.includes('telegram'));
  });

  test('users change their own preferences but not their role, nor other users', async () => {
    const mine = expectStatus(await clients.a1.patch(`${API}/users/${users.a1.id}`, { locale: 'es', alert_every_minutes: 15 }), 200);
    assert.equal(mine.body.locale, 'es');
    assert.equal(mine.body.alert_every_minutes, 15);
    expectProblem(await clients.a1.patch(`${API}/users/${users.a1.id}`, { role: 'admin' }), 403, 'admin_only');
    expectProblem(await clients.a1.patch(`${API}/users/${users.a2.id}`, { name: 'Outro' }), 403, 'admin_only');
    const list = expectStatus(await admin.get(`${API}/users`), 200).body.items;
    assert.equal(list.find((x) => x.id === users.a1.id).role, 'agent');
    assert.equal(list.find((x) => x.id === users.a2.id).name, users.a2.name);
    expectFieldError(await clients.a1.patch(`${API}/users/${users.a1.id}`, { alert_every_minutes: 5 }), 422, 'alert_every_minutes', 'out_of_range');
  });

  test('admins create custom categories and contact types with a stable code, usable at once', async () => {
    const cat = expectStatus(await admin.post(`${API}/categories`, { code: 'garantia', name: 'Garantia' }), 201).body;
    assert.equal(cat.code, 'garantia');
    const type = expectStatus(await admin.post(`${API}/contact-types`, { code: 'telegram', name: 'Telegram' }), 201).body;
    assert.equal(type.code, 'telegram');
    expectFieldError(await admin.post(`${API}/categories`, { code: 'garantia', name: 'Outra' }), 409, 'code', 'taken');
    const f = await createFollowup(clients.a1, { party_id: party.id, due_date: DUE, category: 'garantia', type: 'telegram' });
    assert.equal(f.category, 'garantia');
    assert.equal(f.actions[0].type, 'telegram');
    const codes = expectStatus(await clients.a1.get(`${API}/contact-types`), 200).body.items.map((x) => x.code);
    for (const code of ['phone', 'email', 'whatsapp', 'visit', 'meeting', 'telegram']) assert.ok(codes.includes(code), code);
    const cats = expectStatus(await clients.a1.get(`${API}/categories`), 200).body.items.map((x) => x.code);
    for (const code of ['em_analise', 'pos_venda', 'assistencia_tecnica', 'garantia']) assert.ok(cats.includes(code), code);
  });
});
