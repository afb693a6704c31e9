// The tables the admin keeps (manual 001: contact types, categories; branches): renamed,
// put in order and retired. A retired code stays valid on old records and is refused
// for new ones; contact types and categories are named in the viewer's language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus,
  login, loginAdmin, startServer, uniq,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';  // São Paulo today: 2026-03-10

let server, admin, agent, agentEs, party;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  const a = await createUser(admin, { role: 'agent' });
  agent = await login(server, a.login);
  const es = await createUser(admin, { role: 'agent', locale: 'es' });
  agentEs = await login(server, es.login, undefined, { lang: 'es' });
  party = await createParty(admin);
});

after(async () => { await server?.stop(); });

const byCode = (items, code) => items.find((i) => i.code === code);

describe('names in the viewer\'s language', () => {
  test('seeded contact types and categories answer in pt-BR, es and en; admins get all three', async () => {
    const pt = expectStatus(await agent.get(`${API}/contact-types`), 200).body.items;
    assert.equal(byCode(pt, 'phone').name, 'Telefone');
    assert.equal(byCode(pt, 'phone').names, undefined, 'only admins see every language');
    const es = expectStatus(await agentEs.get(`${API}/contact-types`), 200).body.items;
    assert.equal(byCode(es, 'phone').name, 'Teléfono');
    assert.equal(byCode(es, 'meeting').name, 'Reunión');
    const en = expectStatus(await agent.get(`${API}/categories`, { lang: 'en' }), 200).body.items;
    assert.equal(byCode(en, 'pos_venda').name, 'After sale');
    const adm = expectStatus(await admin.get(`${API}/categories`), 200).body.items;
    assert.deepEqual(byCode(adm, 'em_analise').names, { 'pt-BR': 'Em análise', es: 'En análisis', en: 'Under review' });
    assert.deepEqual(adm.map((i) => i.position), [1, 2, 3]);
    assert.ok(adm.every((i) => i.active === true));
  });

  test('a placeholder names the category in the message\'s language', async () => {
    const f = await createFollowup(admin, { party_id: party.id, due_date: '2026-03-12', category: 'pos_venda' });
    const es = await createUser(admin, { role: 'admin', locale: 'es' });
    const esAdmin = await login(server, es.login);
    const p = expectStatus(await esAdmin.post(`${API}/templates/preview`, {
      subject: 'x', body: '#{categoria} / #{tipo_retorno}', followup_id: f.id,
    }), 200).body;
    assert.equal(p.body, 'Posventa / Teléfono');
  });
});

describe('renaming, ordering and retiring', () => {
  test('an admin renames a contact type per language; the code stays', async () => {
    const created = expectStatus(await admin.post(`${API}/contact-types`, { code: uniq('sms'), name: 'Torpedo' }), 201).body;
    assert.deepEqual(created.names, { 'pt-BR': 'Torpedo', es: 'Torpedo', en: 'Torpedo' });
    const r = expectStatus(await admin.patch(`${API}/contact-types/${created.id}`, {
      names: { 'pt-BR': 'SMS', es: 'Mensaje de texto', en: 'Text message' },
    }), 200).body;
    assert.equal(r.code, created.code);
    assert.equal(r.name, 'SMS');
    const es = expectStatus(await agentEs.get(`${API}/contact-types`), 200).body.items;
    assert.equal(byCode(es, created.code).name, 'Mensaje de texto');
    expectFieldError(await admin.patch(`${API}/contact-types/${created.id}`, { names: { es: '' } }), 422, 'names.es', 'required');
    expectFieldError(await admin.patch(`${API}/contact-types/${created.id}`, { code: 'x' }), 422, 'code', 'unknown_field');
  });

  test('moving one puts it at its place and shifts the others', async () => {
    const before = expectStatus(await admin.get(`${API}/categories`), 200).body.items.map((i) => i.code);
    const last = expectStatus(await admin.get(`${API}/categories`), 200).body.items.at(-1);
    const moved = expectStatus(await admin.patch(`${API}/categories/${last.id}`, { position: 1 }), 200).body;
    assert.equal(moved.position, 1);
    const after = expectStatus(await agent.get(`${API}/categories`), 200).body.items;
    assert.deepEqual(after.map((i) => i.code), [last.code, ...before.slice(0, -1)]);
    assert.deepEqual(after.map((i) => i.position), after.map((_, i) => i + 1));
    expectFieldError(await admin.patch(`${API}/categories/${last.id}`, { position: 99 }), 422, 'position', 'out_of_range');
    // Back where it was, for the other tests.
    expectStatus(await admin.patch(`${API}/categories/${last.id}`, { position: before.length }), 200);
  });

  test('only admins change the tables', async () => {
    const items = expectStatus(await agent.get(`${API}/contact-types`), 200).body.items;
    expectProblem(await agent.patch(`${API}/contact-types/${items[0].id}`, { active: false }), 403, 'admin_only');
    expectProblem(await agent.patch(`${API}/categories/${items[0].id}`, { position: 1 }), 403, 'admin_only');
    const b = await createBranch(admin);
    expectProblem(await agent.patch(`${API}/branches/${b.id}`, { name: 'x' }), 403, 'admin_only');
    expectProblem(await admin.patch(`${API}/contact-types/999999`, { active: false }), 404, 'code');
  });

  test('a retired code stays on old records, leaves the pickers and is refused for new ones', async () => {
    const code = uniq('fax');
    const fax = expectStatus(await admin.post(`${API}/contact-types`, { code, name: 'Fax' }), 201).body;
    const cat = expectStatus(await admin.post(`${API}/categories`, { code: uniq('cat'), name: 'Antiga' }), 201).body;
    const old = await createFollowup(agent, { party_id: party.id, due_date: '2026-03-12', type: code, category: cat.code });
    expectStatus(await admin.patch(`${API}/contact-types/${fax.id}`, { active: false }), 200);
    expectStatus(await admin.patch(`${API}/categories/${cat.id}`, { active: false }), 200);

    // Not offered any more...
    const offered = expectStatus(await agent.get(`${API}/contact-types`), 200).body.items;
    assert.equal(byCode(offered, code), undefined);
    // ...but still named, for old records.
    const all = expectStatus(await agent.get(`${API}/contact-types?include_retired=true`), 200).body.items;
    assert.equal(byCode(all, code).active, false);
    assert.equal(byCode(all, code).name, 'Fax');
    expectFieldError(await agent.get(`${API}/contact-types?include_retired=sim`), 422, 'include_retired', 'invalid_value');

    // Old records stay valid: readable, listed, editable while keeping the code.
    const g = expectStatus(await agent.get(`${API}/followups/${old.id}`), 200);
    assert.equal(g.body.actions[0].type, code);
    assert.equal(g.body.category, cat.code);
    expectStatus(await agent.patch(`${API}/followups/${old.id}`, { category: cat.code, subject: 'Renomeado' },
      { headers: { 'If-Match': g.headers.get('etag') } }), 200);
    const listed = expectStatus(await agent.get(`${API}/followups?category=${cat.code}`), 200).body.items;
    assert.deepEqual(listed.map((f) => f.id), [old.id]);

    // New follow-ups and returns refuse them, naming the field, in the viewer's language.
    const hit = expectFieldError(await agentEs.post(`${API}/followups`, {
      party_id: party.id, subject: 'x', category: cat.code, next_action: { type: code, due_date: '2026-03-12' },
    }), 422, 'category', 'retired');
    assert.match(hit.message, /desactivado/);
    expectFieldError(await agent.post(`${API}/followups`, {
      party_id: party.id, subject: 'x', category: 'pos_venda', next_action: { type: code, due_date: '2026-03-12' },
    }), 422, 'next_action.type', 'retired');
    expectFieldError(await agent.post(`${API}/followups/${old.id}/actions`, { type: code, due_date: '2026-03-13' }),
      422, 'type', 'retired');
    const fresh = await createFollowup(agent, { party_id: party.id, due_date: '2026-03-12' });
    const f2 = await agent.get(`${API}/followups/${fresh.id}`);
    expectFieldError(await agent.patch(`${API}/followups/${fresh.id}`, { category: cat.code },
      { headers: { 'If-Match': f2.headers.get('etag') } }), 422, 'category', 'retired');

    // Brought back, it is offered again.
    expectStatus(await admin.patch(`${API}/contact-types/${fax.id}`, { active: true }), 200);
    expectStatus(await agent.post(`${API}/followups/${old.id}/actions`, { type: code, due_date: '2026-03-13' }), 201);
  });

  test('branches: renamed, moved and retired; retired ones listed only when asked for', async () => {
    const a = await createBranch(admin, uniq('Filial A '));
    const b = await createBranch(admin, uniq('Filial B '));
    const renamed = expectStatus(await admin.patch(`${API}/branches/${b.id}`, { name: `${b.name} (centro)`, position: 1 }), 200).body;
    assert.equal(renamed.name, `${b.name} (centro)`);
    assert.equal(renamed.position, 1);
    let list = expectStatus(await agent.get(`${API}/branches`), 200).body.items;
    assert.equal(list[0].id, b.id);
    expectStatus(await admin.patch(`${API}/branches/${a.id}`, { active: false }), 200);
    list = expectStatus(await agent.get(`${API}/branches`), 200).body.items;
    assert.equal(list.find((x) => x.id === a.id), undefined);
    list = expectStatus(await admin.get(`${API}/branches?include_retired=true`), 200).body.items;
    assert.equal(list.find((x) => x.id === a.id).active, false);
    expectFieldError(await admin.patch(`${API}/branches/${a.id}`, { name: renamed.name }), 409, 'name', 'taken');
    // A retired branch is not given to new people or parties; those that have it keep it.
    expectFieldError(await admin.post(`${API}/users`, {
      login: uniq('u'), name: 'Nova', password: 'secret-password-1', role: 'agent', branch_id: a.id,
    }), 422, 'branch_id', 'retired');
    expectFieldError(await admin.post(`${API}/parties`, { code: uniq('C-'), name: 'Nova', branch_id: a.id }),
      422, 'branch_id', 'retired');
    expectStatus(await admin.patch(`${API}/branches/${a.id}`, { active: true }), 200);
    const kept = await createUser(admin, { role: 'agent', branch_id: a.id });
    const p = await createParty(admin, { branch_id: a.id });
    expectStatus(await admin.patch(`${API}/branches/${a.id}`, { active: false }), 200);
    expectStatus(await admin.patch(`${API}/users/${kept.id}`, { name: 'Mesma filial', branch_id: a.id }), 200);
    const pg = await admin.get(`${API}/parties/${p.id}`);
    expectStatus(await admin.patch(`${API}/parties/${p.id}`, { name: 'Mesma filial' }, { headers: { 'If-Match': pg.headers.get('etag') } }), 200);
    expectStatus(await admin.patch(`${API}/users/${kept.id}`, { branch_id: b.id }), 200);
    expectFieldError(await admin.patch(`${API}/users/${kept.id}`, { branch_id: a.id }), 422, 'branch_id', 'retired');
    expectFieldError(await admin.patch(`${API}/branches/${a.id}`, { time_zone: 'Mars/Olympus' }), 422, 'time_zone', 'invalid_time_zone');
  });
});
