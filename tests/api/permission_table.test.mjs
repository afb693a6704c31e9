// Every route × role × own/other branch, sent to a running server: the cells come from
// the route list of the OpenAPI document (which the router is checked to agree with)
// and the entries of permission_table.mjs, so a route without an entry fails here.
// A refused cell re-reads what it aimed at (as an admin): nothing changed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_PASSWORD, API, PASSWORD, REPO_ROOT, anonymous, createBranch, createFollowup, createParty,
  advance, createUser, expectStatus, login, loginAdmin, pdfBytes, startServer, uniq, upload,
} from './harness.mjs';
import { loadOpenApi } from '../../src/http/openapi/join.mjs';
import { BODY_RIGHTS, RIGHT_DEFAULTS, ROLES, TABLE, expectation, renderMarkdown, rightCells } from './permission_table.mjs';

const DOCUMENT = loadOpenApi();
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const ROUTES = Object.entries(DOCUMENT.paths)
  .flatMap(([p, ops]) => METHODS.filter((m) => ops[m]).map((m) => `${m.toUpperCase()} ${p}`));
// The named right of each gated operation, as the document marks it.
const GATED = Object.fromEntries(Object.entries(DOCUMENT.paths)
  .flatMap(([p, ops]) => METHODS.filter((m) => ops[m]?.['x-retorno-right'])
    .map((m) => [`${m.toUpperCase()} ${p}`, ops[m]['x-retorno-right']])));

// The server's clock stands still at CLOCK (São Paulo: 2026-03-10 12:00) until moved.
const CLOCK = '2026-03-10T15:00:00Z';
const TODAY = '2026-03-10';

// The fixture world the cells act on; see permission_table.mjs for `own` and `other`.
const w = {
  users: {}, clients: {}, parties: {}, attachments: {}, documents: {}, imports: {}, notes: {},
  due: '2026-03-13',
  later: '2026-03-19',
  viewer(role) { return this.users[{ agent: 'a1', supervisor: 's1', admin: 'admin' }[role]]; },
  client(role) { return role === 'anonymous' ? anonymous(this.server) : this.clients[{ agent: 'a1', supervisor: 's1', admin: 'admin' }[role]]; },
  async freshClient(role) {
    if (role === 'anonymous') return anonymous(this.server);
    const u = this.viewer(role);
    return login(this.server, u.login, role === 'admin' ? ADMIN_PASSWORD : PASSWORD);
  },
  ownerOf(target) { return this.users[target === 'own' ? 'a1' : 'a3']; },
  ownerClient(target) { return this.clients[target === 'own' ? 'a1' : 'a3']; },
  branchOf(target) { return target === 'own' ? this.b1 : this.b2; },
  followup(target, extra = {}) {
    return createFollowup(this.ownerClient(target), { party_id: this.parties[target].id, due_date: this.due, ...extra });
  },
  async closedFollowup(target) {
    const f = await this.followup(target);
    expectStatus(await this.ownerClient(target).post(`${API}/followups/${f.id}/close`, { result: 'Encerrado.' }), 200, 'close');
    return f;
  },
  // A draft on a follow-up of `target`, written by the viewer (own) or by its owner (other).
  async draft(role, target) {
    const f = await this.followup(target);
    const author = target === 'own' && role !== 'anonymous' ? this.client(role) : this.ownerClient(target);
    const e = expectStatus(await author.post(`${API}/followups/${f.id}/entries`,
      { kind: 'note', body: 'Rascunho', draft: true }), 201, 'draft').body;
    return { followup: f.id, entry: e.id };
  },
  // A quote made from a follow-up of `target` by its owner.
  async followupQuote(target) {
    const f = await this.followup(target);
    return expectStatus(await this.ownerClient(target).post(`${API}/followups/${f.id}/documents`,
      { kind: 'quote', items: [{ item_code: this.product.code, unit_price: 1000 }] }), 201, 'quote').body;
  },
  // A pending reopen request of a closed follow-up of `target`, asked by its owner.
  async reopenRequest(target) {
    const f = await this.closedFollowup(target);
    return expectStatus(await this.ownerClient(target).post(`${API}/followups/${f.id}/reopen-requests`,
      { reason: 'Cliente ligou' }), 201, 'reopen request').body;
  },
  async newBranch() { return createBranch(this.clients.admin); },
  saleBody(target) {
    return {
      kind: 'sale', number: uniq('V-'), party_id: this.parties[target].id, date: TODAY,
      owner_id: this.ownerOf(target).id, items: [{ item_code: this.product.code, quantity: 1 }],
    };
  },
  async newDocument(target) {
    return expectStatus(await this.clients.admin.post(`${API}/documents`, this.saleBody(target)), 201, 'document').body;
  },
  importCsv(target) {
    return ['kind,number,date,customer_code,seller,item_code,quantity',
      `sale,${uniq('I-')},${TODAY},${this.parties[target].code},${this.ownerOf(target).login},${this.product.code},1`].join('\n');
  },
  // Each role's own notifications and another user's, one per use so that a cell never
  // finds one already read by an earlier cell.
  notification(role, target, use) {
    const who = target === 'own' ? { anonymous: 'a1', agent: 'a1', supervisor: 's1', admin: 'admin' }[role] : 'a3';
    const list = this.notes[who];
    const n = list[`${use}:${role}`] ??= list.pool.shift();
    assert.ok(n, `no reminder left for ${who}`);
    return n;
  },
};

// An event stream never ends: its cell reads the status line and hangs up.
async function send(client, req, method, stream) {
  if (stream) {
    const controller = new AbortController();
    const headers = client.token ? { Authorization: `Bearer ${client.token}` } : {};
    const r = await fetch(w.server.url(req.path), { headers, signal: controller.signal });
    controller.abort();
    return { method, path: req.path, status: r.status, headers: r.headers, text: '', body: undefined };
  }
  if (req.upload) {
    const form = new FormData();
    form.append('file', new Blob([pdfBytes()], { type: 'application/pdf' }), 'proposta.pdf');
    return client.request(method, req.path, { body: form });
  }
  if (req.csv !== undefined) {
    return client.request(method, req.path, { body: Buffer.from(req.csv), headers: { 'Content-Type': 'text/csv', 'X-File-Name': 'vendas.csv' } });
  }
  return client.request(method, req.path, { json: req.body, headers: req.headers || {} });
}

// What an admin reads of the follow-up or document a refused cell aimed at.
async function reread(req) {
  const admin = w.clients.admin;
  const out = {};
  if (req.followup) {
    const f = expectStatus(await admin.get(`${API}/followups/${req.followup}`), 200).body;
    out.followup = { version: f.version, status: f.status, entries: f.entries.length, actions: f.actions.map((a) => [a.id, a.status, a.due_date]) };
  }
  if (req.document) {
    const d = expectStatus(await admin.get(`${API}/documents/${req.document}`), 200).body;
    out.document = { version: d.version, status: d.status, owner: d.owner_id, branch: d.branch_id };
  }
  return out;
}

before(async () => {
  w.server = await startServer({ simulatedClock: true, clockStart: CLOCK });
  const admin = await loginAdmin(w.server);
  w.clients.admin = admin;
  w.users.admin = admin.user;
  w.b1 = await createBranch(admin, 'Campinas');
  w.b2 = await createBranch(admin, 'Recife');
  const plan = { a1: ['agent', w.b1], s1: ['supervisor', w.b1], a3: ['agent', w.b2], s2: ['supervisor', w.b2], feed: ['agent', w.b1] };
  for (const [name, [role, br]] of Object.entries(plan)) {
    w.users[name] = await createUser(admin, { login: uniq(`tab-${name}-`), role, branch_id: br.id });
    w.clients[name] = await login(w.server, w.users[name].login);
  }
  w.feedUrl = expectStatus(await w.clients.feed.post(`${API}/me/calendar-feed`, {}), 201).body.url;
  for (const t of ['own', 'other']) {
    w.parties[t] = await createParty(admin, { owner_id: w.ownerOf(t).id, branch_id: w.branchOf(t).id });
  }
  w.product = expectStatus(await admin.post(`${API}/catalog`, { code: uniq('FILTRO-'), kind: 'product', name: 'Filtro' }), 201).body;
  w.contactType = expectStatus(await admin.post(`${API}/contact-types`, { code: uniq('tipo').replace(/-/g, '_'), name: 'Tipo' }), 201).body;
  w.category = expectStatus(await admin.post(`${API}/categories`, { code: uniq('cat').replace(/-/g, '_'), name: 'Categoria' }), 201).body;
  w.settings = expectStatus(await admin.get(`${API}/settings`), 200).body;
  w.smtp = { host: '127.0.0.1', port: 2525, security: 'none', username: '', password: 'x', sender_name: 'Retorno', sender_email: 'retorno@empresa.com.br' };
  expectStatus(await admin.put(`${API}/settings/smtp`, w.smtp), 200, 'smtp');
  w.template = expectStatus(await admin.get(`${API}/templates`), 200).body.items[0];
  for (const t of ['own', 'other']) {
    const f = await w.followup(t);
    w.attachments[t] = expectStatus(await upload(w.ownerClient(t), f.id, pdfBytes(), { filename: 'a.pdf', declaredType: 'application/pdf' }), 201).body;
    w.documents[t] = await w.newDocument(t);
  }
  for (const [t, sup] of [['own', 's1'], ['other', 's2']]) {
    w.imports[t] = expectStatus(await w.clients[sup].request('POST', `${API}/imports/documents`, {
      body: Buffer.from(w.importCsv(t)), headers: { 'Content-Type': 'text/csv', 'X-File-Name': 'vendas.csv' },
    }), 202).body;
  }
  // Six reminders per user a minute ahead, then the clock moves past them: each user has
  // notifications of their own.
  const remindAt = '2026-03-10T15:01:00Z';
  for (const who of ['a1', 's1', 'admin', 'a3']) {
    const party = who === 'a3' ? w.parties.other : w.parties.own;
    for (let i = 0; i < 6; i++) {
      await createFollowup(w.clients[who], {
        party_id: party.id, due_date: TODAY,
        next_action: { type: 'phone', due_date: TODAY, remind_at: remindAt },
      });
    }
  }
  await advance(w.server, 120);
  for (const who of ['a1', 's1', 'admin', 'a3']) {
    const items = expectStatus(await w.clients[who].get(`${API}/notifications?unread=true`), 200).body.items
      .filter((n) => n.kind === 'reminder');
    assert.equal(items.length, 6, `reminders of ${who}`);
    w.notes[who] = { pool: [...items] };
  }
});

after(async () => { await w.server?.stop(); });

describe('the permission table', () => {
  test('every route of the API has an entry, and every entry is a route', () => {
    const missing = ROUTES.filter((r) => !TABLE[r]);
    const stale = Object.keys(TABLE).filter((r) => !ROUTES.includes(r));
    assert.deepEqual(missing, [], `routes without a permission entry: ${missing.join(', ')}`);
    assert.deepEqual(stale, [], `entries for routes that do not exist: ${stale.join(', ')}`);
  });

  test('every right-gated route has a rights entry naming its right, and no other does', () => {
    const missing = Object.entries(GATED).filter(([r, right]) => TABLE[r]?.right?.name !== right).map(([r]) => r);
    const stale = Object.keys(TABLE).filter((r) => TABLE[r].right && !GATED[r]);
    assert.deepEqual(missing, [], `right-gated routes without their rights entry: ${missing.join(', ')}`);
    assert.deepEqual(stale, [], `rights entries for routes the document does not gate: ${stale.join(', ')}`);
  });

  test('the server\'s rights and defaults are the table\'s, and each right gates a route', async () => {
    for (const [role, who] of [['agent', 'a1'], ['supervisor', 's1'], ['admin', 'admin']]) {
      const r = expectStatus(await w.clients.admin.get(`${API}/users/${w.users[who].id}/rights`), 200).body;
      assert.deepEqual(r.rights.map((x) => x.right), Object.keys(RIGHT_DEFAULTS));
      for (const x of r.rights) assert.equal(x.role_default, RIGHT_DEFAULTS[x.right].includes(role), `${role} ${x.right}`);
    }
    const gating = new Set(Object.values(GATED));
    const idle = Object.keys(RIGHT_DEFAULTS).filter((r) => !gating.has(r) && !BODY_RIGHTS.includes(r));
    assert.deepEqual(idle, [], `rights that gate no route: ${idle.join(', ')}`);
  });

  test('docs/permissions.md is the table as it stands', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/permissions.md'), 'utf8');
    assert.equal(doc, renderMarkdown(), 'regenerate: node tests/api/permission_table.mjs > docs/permissions.md');
  });

  test('the server serves the document the cells are generated from', async () => {
    const served = expectStatus(await anonymous(w.server).get(`${API}/openapi.json`), 200).body;
    assert.deepEqual(Object.keys(served.paths).sort(), Object.keys(DOCUMENT.paths).sort());
  });

  for (const route of ROUTES.filter((r) => TABLE[r])) {
    const entry = TABLE[route];
    const [method] = route.split(' ');
    for (const role of ROLES) {
      for (const target of entry.targets || [null]) {
        if (role === 'anonymous' && target === 'other') continue;
        const want = expectation(entry, role, target);
        const name = `${route} [${entry.resource}:${entry.action}] × ${role}${target ? ` × ${target}` : ''} → ${want.status}`;
        test(name, async () => {
          const req = await entry.request(w, role, target);
          const client = req.client || w.client(role);
          const before = want.allowed ? null : await reread(req);
          const res = await send(client, req, method, entry.stream);
          assert.equal(res.status, want.status, `${name}: got ${res.status} ${res.text?.slice(0, 400) ?? ''}`);
          if (!want.allowed) {
            if (want.status !== 401 && res.body) {
              if (want.field) {
                assert.ok(res.body.errors?.some((e) => e.field === want.field && (!want.code || e.code === want.code)), `${name}: ${res.text}`);
              } else if (want.code) {
                assert.equal(res.body.code, want.code, `${name}: ${res.text}`);
              }
            }
            assert.deepEqual(await reread(req), before, `${name}: something changed`);
          }
        });
      }
    }
    // The rights dimension: the viewer's own rights changed for this one request.
    for (const cell of rightCells(entry)) {
      const { role, target, change, want } = cell;
      const name = `${route} [${entry.right.name} ${change}] × ${role}${target ? ` × ${target}` : ''} → ${want.status}`;
      test(name, async () => {
        const viewer = w.viewer(role);
        const rights = `${API}/users/${viewer.id}/rights`;
        const set = { granted: change === 'granted' ? [entry.right.name] : [], revoked: change === 'revoked' ? [entry.right.name] : [] };
        // The fixture first: it may be made by the admin whose right the cell takes away.
        const req = await entry.request(w, role, target);
        expectStatus(await w.clients.admin.put(rights, set), 200, 'rights');
        try {
          const client = req.client || w.client(role);
          const before = want.allowed ? null : await reread(req);
          const res = await send(client, req, method, entry.stream);
          assert.equal(res.status, want.status, `${name}: got ${res.status} ${res.text?.slice(0, 400) ?? ''}`);
          if (!want.allowed) {
            assert.equal(res.body?.code, want.code, `${name}: ${res.text}`);
            assert.deepEqual(await reread(req), before, `${name}: something changed`);
          }
        } finally {
          // The admin's own client still administers: rights never gate this route.
          expectStatus(await w.clients.admin.put(rights, { granted: [], revoked: [] }), 200, 'rights back');
        }
      });
    }
  }
});
