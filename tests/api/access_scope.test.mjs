// Nobody reaches what is not theirs: sales documents are scoped like follow-ups (two
// branches, a supervisor and agents in each), the assignee of a return works that
// return on someone else's follow-up and nothing more, and a party is created only
// where its creator could have put it by editing. Every refusal is re-read: nothing
// changed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  advance, API, createBranch, createParty, createUser, expectFieldError, expectProblem, expectStatus, ids,
  listAll, login, loginAdmin, pdfBytes, startServer, uniq, upload,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';  // São Paulo: 2026-03-10 12:00
const TODAY = '2026-03-10';
const DUE = '2026-03-12';

let server, admin, b1, b2, filter;
const users = {};
const c = {};
const parties = {};
const docs = {};

async function waitForImport(client, id, timeoutMs = 20000) {
  // The import job's next round comes with the clock's next second; polling shows the
  // progress it reports meanwhile.
  const moving = advance(client.server, 1);
  const t0 = Date.now();
  for (;;) {
    const r = expectStatus(await client.get(`${API}/imports/${id}`), 200).body;
    if (r.status === 'done' || r.status === 'failed') {
      await moving;
      return r;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`import ${id} still ${r.status}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const documentAs = async (who, id) => c[who].get(`${API}/documents/${id}`);
const reread = async (id) => expectStatus(await documentAs('admin', id), 200).body;
const docIds = async (who) => {
  const items = expectStatus(await c[who].get(`${API}/documents?limit=200`), 200).body.items;
  return new Map(items.map((d) => [d.id, d]));
};

before(async () => {
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  admin = await loginAdmin(server);
  c.admin = admin;
  b1 = await createBranch(admin, 'Campinas');
  b2 = await createBranch(admin, 'Recife');
  const plan = { s1: ['supervisor', b1], a1: ['agent', b1], x1: ['agent', b1], s2: ['supervisor', b2], a2: ['agent', b2] };
  for (const [name, [role, br]] of Object.entries(plan)) {
    users[name] = await createUser(admin, { login: uniq(`acc-${name}-`), role, branch_id: br.id });
    c[name] = await login(server, users[name].login);
  }
  filter = expectStatus(await admin.post(`${API}/catalog`, {
    code: uniq('FILTRO-'), kind: 'product', name: 'Filtro de água', followup_days: 30,
  }), 201).body;
  parties.p1 = await createParty(c.a1, { name: 'Padaria Campinas' });
  parties.p2 = await createParty(c.a2, { name: 'Padaria Recife' });
  assert.equal(parties.p1.branch_id, b1.id);
  assert.equal(parties.p2.branch_id, b2.id);
  const sale = (p, owner) => ({
    kind: 'sale', number: uniq('V-'), party_id: p.id, date: TODAY, owner_id: owner.id,
    items: [{ item_code: filter.code, quantity: 1 }],
  });
  docs.d1 = expectStatus(await c.s1.post(`${API}/documents`, sale(parties.p1, users.a1)), 201).body;
  docs.d2 = expectStatus(await c.s2.post(`${API}/documents`, sale(parties.p2, users.a2)), 201).body;
  assert.equal(docs.d1.branch_id, b1.id);
  assert.equal(docs.d2.branch_id, b2.id);
  assert.equal(docs.d2.followups.length, 1, 'the sale made its automatic follow-up');
});

after(async () => { await server?.stop(); });

// [viewer, document, may read, may change]
const DOCUMENTS = [
  ['admin', 'd1', true, true],
  ['admin', 'd2', true, true],
  ['s1', 'd1', true, true],
  ['s1', 'd2', false, false],
  ['s2', 'd2', true, true],
  ['s2', 'd1', false, false],
  ['a1', 'd1', true, false],   // their customer, their sale: read only
  ['a1', 'd2', false, false],
  ['x1', 'd1', false, false],  // same branch, someone else's customer
  ['a2', 'd2', true, false],
];

describe('sales documents are scoped like follow-ups', () => {
  for (const [viewer, doc, read, change] of DOCUMENTS) {
    test(`${viewer} × ${doc}: GET ${read ? '200' : '403'}, can_change ${change}`, async () => {
      const res = await documentAs(viewer, docs[doc].id);
      if (read) {
        expectStatus(res, 200);
        assert.equal(res.body.can_change, change);
      } else {
        expectProblem(res, 403, 'document_out_of_reach');
        assert.ok(!res.text.includes(docs[doc].number), 'no data leaks in the refusal');
      }
    });

    test(`${viewer} × ${doc}: the list ${read ? 'shows' : 'hides'} it`, async () => {
      const seen = await docIds(viewer);
      assert.equal(seen.has(docs[doc].id), read);
      if (read) assert.equal(seen.get(docs[doc].id).can_change, change);
    });
  }

  test('a supervisor cannot cancel another branch\'s sale: 403, the sale and its follow-up stay open', async () => {
    const before = await reread(docs.d2.id);
    expectProblem(await c.s1.post(`${API}/documents/${docs.d2.id}/cancel`), 403, 'document_out_of_reach');
    const after = await reread(docs.d2.id);
    assert.equal(after.status, 'open');
    assert.equal(after.version, before.version);
    const fu = expectStatus(await admin.get(`${API}/followups/${docs.d2.followups[0].id}`), 200).body;
    assert.equal(fu.status, 'open');
    assert.ok(fu.actions.every((a) => a.status === 'planned'));
  });

  test('a supervisor cannot pull another branch\'s document into theirs with owner_id: 403, unchanged', async () => {
    const before = await reread(docs.d2.id);
    const body = {
      kind: 'sale', number: docs.d2.number, party_id: parties.p2.id, date: TODAY, owner_id: users.a1.id,
      items: [{ item_code: filter.code, quantity: 1 }],
    };
    expectProblem(await c.s1.put(`${API}/documents/${docs.d2.id}`, body), 403, 'document_out_of_reach');
    expectProblem(await c.s1.put(`${API}/documents/${docs.d2.id}`, { ...body, owner_id: users.s1.id }), 403, 'document_out_of_reach');
    const after = await reread(docs.d2.id);
    assert.deepEqual([after.owner_id, after.branch_id, after.version], [before.owner_id, before.branch_id, before.version]);
  });

  test('an agent still changes no document, even their own customer\'s (403 forbidden_document)', async () => {
    const before = await reread(docs.d1.id);
    expectProblem(await c.a1.post(`${API}/documents/${docs.d1.id}/cancel`), 403, 'forbidden_document');
    assert.equal((await reread(docs.d1.id)).version, before.version);
  });

  test('an import line that would take another branch\'s document is refused on its own; the others go on', async () => {
    const before = await reread(docs.d2.id);
    const fresh = uniq('V-');
    const csv = [
      'kind,number,date,customer_code,seller,item_code,quantity',
      `sale,${docs.d2.number},${TODAY},${parties.p2.code},${users.a1.login},${filter.code},1`,
      `sale,${fresh},${TODAY},${parties.p1.code},${users.a1.login},${filter.code},1`,
    ].join('\n');
    const accepted = expectStatus(await c.s1.request('POST', `${API}/imports/documents`, {
      body: Buffer.from(csv), headers: { 'Content-Type': 'text/csv', 'X-File-Name': 'vendas.csv' },
    }), 202).body;
    const run = await waitForImport(c.s1, accepted.id);
    assert.equal(run.status, 'done');
    assert.equal(run.documents_created, 1);
    assert.equal(run.documents_updated, 0);
    assert.deepEqual(run.errors.map((e) => [e.line, e.code]), [[2, 'document_out_of_reach']]);
    const after = await reread(docs.d2.id);
    assert.deepEqual([after.owner_id, after.branch_id, after.version], [before.owner_id, before.branch_id, before.version]);
    assert.ok([...(await docIds('s1')).values()].some((d) => d.number === fresh));
  });

  test('an agent cannot start a follow-up from a document they may not see: 403, nothing stored', async () => {
    const count = async () => (await listAll(admin, { status: 'all' })).length;
    const before = await count();
    const body = { subject: 'Do documento', category: 'pos_venda', next_action: { type: 'phone', due_date: DUE } };
    expectProblem(await c.x1.post(`${API}/followups`, { ...body, document_id: docs.d1.id }), 403, 'document_out_of_reach');
    expectProblem(await c.a1.post(`${API}/followups`, { ...body, document_id: docs.d2.id, party_id: parties.p2.id }), 403, 'document_out_of_reach');
    assert.equal(await count(), before);
    const ok = expectStatus(await c.a1.post(`${API}/followups`, { ...body, document_id: docs.d1.id }), 201).body;
    assert.equal(ok.document.id, docs.d1.id);
  });
});

describe('the assignee works the return, not the follow-up', () => {
  let fu, mine, theirs;

  before(async () => {
    // An admin gives a Recife agent's follow-up a visit by a Campinas agent.
    fu = expectStatus(await admin.post(`${API}/followups`, {
      party_id: parties.p2.id, subject: 'Visita técnica', category: 'pos_venda', owner_id: users.a2.id,
      next_action: { type: 'phone', due_date: DUE },
    }), 201).body;
    theirs = fu.actions[0];
    mine = expectStatus(await admin.post(`${API}/followups/${fu.id}/actions`, {
      type: 'visit', due_date: DUE, assignee_id: users.a1.id,
    }), 201).body;
    assert.equal(mine.assignee_id, users.a1.id);
  });

  const reread = async () => expectStatus(await admin.get(`${API}/followups/${fu.id}`), 200).body;

  test('it shows on the assignee\'s agenda', async () => {
    const items = expectStatus(await c.a1.get(`${API}/agenda?scope=mine&when=upcoming`), 200).body.items;
    assert.ok(items.some((i) => i.id === mine.id && i.followup.id === fu.id));
  });

  test('the assignee opens the follow-up, its attachments and e-mails; another agent of their branch does not', async () => {
    const att = expectStatus(await upload(admin, fu.id, pdfBytes(), { filename: 'manual.pdf' }), 201).body;
    const got = expectStatus(await c.a1.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(got.id, fu.id);
    // The page tells them it is not theirs to change: they work their return only.
    assert.equal(got.can_change, false);
    assert.equal((await reread()).can_change, true, 'the admin may change it');
    assert.ok(got.attachments.some((a) => a.id === att.id));
    expectStatus(await c.a1.get(`${API}/attachments/${att.id}`), 200);
    expectStatus(await c.a1.get(`${API}/followups/${fu.id}/emails`), 200);
    expectProblem(await c.x1.get(`${API}/followups/${fu.id}`), 403, 'forbidden_followup');
    expectProblem(await c.x1.get(`${API}/attachments/${att.id}`), 403, 'forbidden_followup');
    expectProblem(await c.x1.get(`${API}/followups/${fu.id}/emails`), 403, 'forbidden_followup');
  });

  test('the assignee cannot edit the follow-up, nor work its other returns', async () => {
    const before = await reread();
    expectProblem(await c.a1.patch(`${API}/followups/${fu.id}`, { subject: 'Mudado' }, { headers: { 'If-Match': `"${before.version}"` } }), 403, 'forbidden_followup');
    expectProblem(await c.a1.post(`${API}/followups/${fu.id}/entries`, { kind: 'note', body: 'nota' }), 403, 'forbidden_followup');
    expectProblem(await c.a1.post(`${API}/actions/${theirs.id}/complete`, { result: 'feito' }), 403, 'forbidden_followup');
    expectProblem(await c.a1.post(`${API}/actions/${theirs.id}/reschedule`, { due_date: '2026-03-20' }), 403, 'forbidden_followup');
    expectProblem(await c.a1.post(`${API}/actions/${theirs.id}/cancel`, { reason: 'x' }), 403, 'forbidden_followup');
    expectProblem(await c.a1.post(`${API}/actions/${mine.id}/complete`, {
      result: 'feito', next_action: { type: 'phone', due_date: '2026-03-20' },
    }), 403, 'assignee_cannot_chain');
    expectProblem(await c.x1.post(`${API}/actions/${mine.id}/reschedule`, { due_date: '2026-03-20' }), 403, 'forbidden_followup');
    const after = await reread();
    assert.deepEqual([after.subject, after.version, after.entries.length, after.actions.length],
      [before.subject, before.version, before.entries.length, before.actions.length]);
    assert.ok(after.actions.every((a) => a.status === 'planned' && a.due_date === DUE));
  });

  test('the assignee reschedules, then completes their return', async () => {
    const moved = expectStatus(await c.a1.post(`${API}/actions/${mine.id}/reschedule`, { due_date: '2026-03-13', reason: 'Cliente pediu' }), 200).body;
    assert.equal(moved.actions.find((a) => a.id === mine.id).due_date, '2026-03-13');
    const done = expectStatus(await c.a1.post(`${API}/actions/${mine.id}/complete`, { result: 'Visita feita' }), 200).body;
    assert.equal(done.actions.find((a) => a.id === mine.id).status, 'done');
    const after = await reread();
    assert.equal(after.actions.find((a) => a.id === theirs.id).status, 'planned', 'the owner\'s return is untouched');
    assert.equal(after.status, 'open');
  });
});

describe('party creation checks owner and branch as editing does', () => {
  const cases = [
    ['a1', 'someone else as owner', () => ({ owner_id: users.x1.id }), 'owner_id'],
    ['a1', 'another branch', () => ({ branch_id: b2.id }), 'branch_id'],
    ['a1', 'another branch, own', () => ({ branch_id: b2.id, owner_id: users.a1.id }), 'branch_id'],
    ['s1', 'another branch\'s agent', () => ({ owner_id: users.a2.id }), 'owner_id'],
    ['s1', 'another branch', () => ({ branch_id: b2.id }), 'branch_id'],
  ];
  for (const [who, what, fields, field] of cases) {
    // A refused branch says so: "only your own branch", not the owner's "this user".
    const issue = field === 'branch_id' ? 'branch_not_allowed' : 'not_allowed';
    test(`${who}: ${what} → 422 ${field} ${issue}, nothing stored`, async () => {
      const code = uniq('C-');
      const res = await c[who].post(`${API}/parties`, {
        code, kind: 'customer', name: `Cliente ${code}`, ...fields(),
      });
      await expectFieldError(res, 422, field, issue);
      const found = expectStatus(await admin.get(`${API}/parties?q=${encodeURIComponent(code)}`), 200).body.items;
      assert.deepEqual(found, []);
    });
  }

  test('within their reach they create: the agent for themselves, the supervisor for their branch\'s agent', async () => {
    const own = expectStatus(await c.a1.post(`${API}/parties`, { code: uniq('C-'), kind: 'customer', name: 'Própria' }), 201).body;
    assert.deepEqual([own.owner_id, own.branch_id], [users.a1.id, b1.id]);
    const given = expectStatus(await c.s1.post(`${API}/parties`, { code: uniq('C-'), kind: 'customer', name: 'Dada', owner_id: users.a1.id }), 201).body;
    assert.deepEqual([given.owner_id, given.branch_id], [users.a1.id, b1.id]);
    const anywhere = expectStatus(await admin.post(`${API}/parties`, { code: uniq('C-'), kind: 'customer', name: 'Recife', branch_id: b2.id, owner_id: users.a2.id }), 201).body;
    assert.equal(anywhere.branch_id, b2.id);
  });

  test('editing refuses the same moves: an agent cannot move their own party to another branch', async () => {
    const before = expectStatus(await c.a1.get(`${API}/parties/${parties.p1.id}`), 200).body;
    await expectFieldError(await c.a1.patch(`${API}/parties/${parties.p1.id}`, { branch_id: b2.id }), 422, 'branch_id', 'branch_not_allowed');
    const after = expectStatus(await c.a1.get(`${API}/parties/${parties.p1.id}`), 200).body;
    assert.deepEqual([after.branch_id, after.version], [before.branch_id, before.version]);
  });
});

test('the document list of an agent is only their customers\' documents', async () => {
  const seen = await docIds('a1');
  for (const d of seen.values()) {
    const p = expectStatus(await admin.get(`${API}/parties/${d.party.id}`), 200).body;
    assert.ok(p.owner_id === users.a1.id || d.owner_id === users.a1.id, `a1 sees ${d.number}`);
  }
  assert.ok(ids([...seen.values()]).includes(docs.d1.id));
});
