// The audit trail (GET /audit, /audit/export) and a person's data (LGPD art. 18:
// GET /parties/{id}/personal-data, POST /parties/{id}/anonymise): one row per change
// with the old and new values and the client's address, none for a refused change,
// admins only; the export holds the party's whole file; anonymisation leaves the
// follow-ups and their history without the person's name, e-mail or phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus,
  listAll, login, loginAdmin, pngBytes, startServer, upload,
} from './harness.mjs';

const CLOCK = '2026-06-10T15:00:00Z';
const DUE = '2026-06-15';
const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;

const rows = async (admin, query) =>
  expectStatus(await admin.get(`${API}/audit?${new URLSearchParams(query)}`), 200).body.items;

describe('audit trail', () => {
  let server, admin, agent, supervisor, agentUser, branch;

  before(async () => {
    server = await startServer({ clockStart: CLOCK });
    admin = await loginAdmin(server);
    branch = await createBranch(admin, 'Filial Auditoria');
    agentUser = await createUser(admin, { name: 'Agente Auditado', branch_id: branch.id });
    agent = await login(server, agentUser.login);
    supervisor = await login(server, (await createUser(admin, { name: 'Sup Auditado', role: 'supervisor', branch_id: branch.id })).login);
  });
  after(async () => { await server?.stop(); });

  test("changing a user's role is one row with old and new values and the address", async () => {
    const u = await createUser(admin, { name: 'Pessoa Promovida', branch_id: branch.id });
    expectStatus(await admin.patch(`${API}/users/${u.id}`, { role: 'supervisor' }), 200);
    const r = await rows(admin, { entity: 'user', entity_id: String(u.id), action: 'update' });
    assert.equal(r.length, 1);
    assert.deepEqual(r[0].before, { role: 'agent' });
    assert.deepEqual(r[0].after, { role: 'supervisor' });
    assert.match(r[0].client_ip, LOOPBACK);
    assert.equal(r[0].actor_login, 'admin');
    assert.ok(r[0].at.startsWith('2026-06-10T'));
    const created = await rows(admin, { entity: 'user', entity_id: String(u.id), action: 'create' });
    assert.equal(created.length, 1);
    assert.equal(created[0].after.password_hash, '[redacted]', 'a hash never enters the trail');
  });

  test('a setting, a template and a party: one row each', async () => {
    const s = expectStatus(await admin.get(`${API}/settings`), 200).body;
    expectStatus(await admin.put(`${API}/settings`, { ...s, company_name: 'Empresa Auditada' }), 200);
    const set = await rows(admin, { entity: 'setting' });
    assert.equal(set.length, 1);
    assert.deepEqual(set[0].before, { company_name: s.company_name });
    assert.deepEqual(set[0].after, { company_name: 'Empresa Auditada' });

    const t = expectStatus(await admin.get(`${API}/templates`), 200).body.items[0];
    expectStatus(await admin.put(`${API}/templates/${t.id}`, { subject: 'Novo assunto #{cliente}', body: t.body }), 200);
    const tr = await rows(admin, { entity: 'template', entity_id: String(t.id) });
    assert.equal(tr.length, 1);
    assert.deepEqual(tr[0].after, { subject: 'Novo assunto #{cliente}' });

    const p = await createParty(agent, { name: 'Padaria Auditada' });
    expectStatus(await agent.patch(`${API}/parties/${p.id}`, { phone: '+55 16 4000-0002' }), 200);
    const pr = await rows(admin, { entity: 'party', entity_id: String(p.id), action: 'update' });
    assert.equal(pr.length, 1);
    assert.deepEqual(pr[0].before, { phone: p.phone });
    assert.deepEqual(pr[0].after, { phone: '+55 16 4000-0002' });
    assert.equal(pr[0].actor_id, agentUser.id);
    assert.match(pr[0].client_ip, LOOPBACK);
  });

  test('an attendance type: its creation and each change, with old and new values', async () => {
    const body = {
      names: { 'pt-BR': 'Visita técnica', es: 'Visita técnica', en: 'Technical visit' },
      attachments_allowed: true, max_attachment_bytes: 2 * 1024 * 1024,
      parecer_text: 'Visita a #{contato}.', email_subject: 'Visita', email_text: 'Olá #{contato}.',
    };
    const t = expectStatus(await admin.post(`${API}/attendance-types`, body), 201).body;
    const created = await rows(admin, { entity: 'attendance_type', entity_id: String(t.id), action: 'create' });
    assert.equal(created.length, 1);
    assert.equal(created[0].after.name_pt, 'Visita técnica');
    assert.equal(created[0].after.max_attachment_bytes, 2 * 1024 * 1024);
    expectStatus(await admin.patch(`${API}/attendance-types/${t.id}`, { attachments_allowed: false }), 200);
    const changed = await rows(admin, { entity: 'attendance_type', entity_id: String(t.id), action: 'update' });
    assert.equal(changed.length, 1);
    assert.deepEqual(changed[0].before, { attachments_allowed: true });
    assert.deepEqual(changed[0].after, { attachments_allowed: false });
    await expectFieldError(await admin.patch(`${API}/attendance-types/${t.id}`, { max_attachment_bytes: 11 * 1024 * 1024 }),
      422, 'max_attachment_bytes');
    assert.equal((await rows(admin, { entity: 'attendance_type', entity_id: String(t.id) })).length, 2,
      'a refused change leaves no row');
  });

  test('a refused change leaves no row', async () => {
    const p = await createParty(agent, { name: 'Mercado Recusado' });
    await expectFieldError(await agent.patch(`${API}/parties/${p.id}`, { email: 'não é e-mail' }), 422, 'email', 'invalid_email');
    assert.equal((await rows(admin, { entity: 'party', entity_id: String(p.id), action: 'update' })).length, 0);
    const s = expectStatus(await admin.get(`${API}/settings`), 200).body;
    const before = (await rows(admin, { entity: 'setting' })).length;
    await expectFieldError(await admin.put(`${API}/settings`, { ...s, time_zone: 'Lua/Crateras' }), 422, 'time_zone', 'invalid_time_zone');
    assert.equal((await rows(admin, { entity: 'setting' })).length, before);
  });

  test('agents and supervisors are refused; bad filters are named', async () => {
    expectProblem(await agent.get(`${API}/audit`), 403, 'admin_only');
    expectProblem(await supervisor.get(`${API}/audit`), 403, 'admin_only');
    expectProblem(await supervisor.get(`${API}/audit/export?format=csv`), 403, 'admin_only');
    await expectFieldError(await admin.get(`${API}/audit?entity=planet`), 422, 'entity', 'invalid_value');
    await expectFieldError(await admin.get(`${API}/audit?action=erase`), 422, 'action', 'invalid_value');
    await expectFieldError(await admin.get(`${API}/audit?from=2026-13-01`), 422, 'from', 'invalid_date');
    await expectFieldError(await admin.get(`${API}/audit?from=2026-06-10&to=2026-06-01`), 422, 'to', 'before_from');
    await expectFieldError(await admin.get(`${API}/audit?cursor=abc`), 422, 'cursor', 'invalid_cursor');
  });

  test('pages newest first and exports the rows as CSV', async () => {
    const first = expectStatus(await admin.get(`${API}/audit?limit=2`), 200).body;
    assert.equal(first.items.length, 2);
    assert.ok(first.items[0].id > first.items[1].id);
    const second = expectStatus(await admin.get(`${API}/audit?limit=2&cursor=${first.next_cursor}`), 200).body;
    assert.ok(second.items[0].id < first.items[1].id);
    const res = await admin.get(`${API}/audit/export?format=csv&entity=setting`);
    expectStatus(res, 200);
    const { text } = res;
    assert.match(text, /Empresa Auditada/);
    assert.match(text, /setting/);
  });
});

describe('a person\'s data (LGPD)', () => {
  let server, admin, agent, supervisor;

  before(async () => {
    server = await startServer({ clockStart: CLOCK });
    admin = await loginAdmin(server);
    const branch = await createBranch(admin, 'Filial LGPD');
    agent = await login(server, (await createUser(admin, { name: 'Agente LGPD', branch_id: branch.id })).login);
    supervisor = await login(server, (await createUser(admin, { name: 'Sup LGPD', role: 'supervisor', branch_id: branch.id })).login);
  });
  after(async () => { await server?.stop(); });

  // A customer with a contact person, a follow-up whose subject and history name them,
  // and an attachment; `first` and `contact` keep each test's person apart.
  const person = async (first, contact) => {
    const email = `${first.toLowerCase()}@queiroz.com.br`;
    const contactEmail = `${contact.toLowerCase()}@queiroz.com.br`;
    const p = await createParty(agent, {
      name: `${first} Queiroz`, email, phone: '+55 16 99876-5432', tax_id: '529.982.247-25',
      contacts: [{ name: `${contact} Queiroz`, email: contactEmail, phone: '+55 16 98888-1111' }],
    });
    const f = await createFollowup(agent, { party_id: p.id, due_date: DUE, subject: `Orçamento de ${first} Queiroz` });
    expectStatus(await agent.post(`${API}/followups/${f.id}/entries`, {
      kind: 'note', body: `Liguei para ${first} Queiroz no +55 16 99876-5432; pediu retorno a ${contactEmail}.`,
    }), 201);
    expectStatus(await upload(agent, f.id, pngBytes(), { filename: 'rg.png', declaredType: 'image/png' }), 201);
    return { p, f };
  };

  test('the export holds the party, its follow-ups, history and attachments; admins only', async () => {
    const { p, f } = await person('Marcela', 'Otto');
    expectProblem(await agent.get(`${API}/parties/${p.id}/personal-data`), 403, 'admin_only');
    expectProblem(await supervisor.get(`${API}/parties/${p.id}/personal-data`), 403, 'admin_only');
    const res = expectStatus(await admin.get(`${API}/parties/${p.id}/personal-data`), 200);
    assert.match(res.headers.get('content-disposition'), /dados-pessoais-/);
    const d = res.body;
    assert.equal(d.party.name, 'Marcela Queiroz');
    assert.equal(d.party.contacts[0].name, 'Otto Queiroz');
    assert.equal(d.followups.length, 1);
    assert.equal(d.followups[0].id, f.id);
    assert.ok(d.followups[0].returns.length >= 1);
    assert.ok(d.followups[0].history.some((e) => e.body.includes('Liguei para Marcela')));
    assert.equal(d.followups[0].attachments.length, 1);
    assert.deepEqual(Buffer.from(d.followups[0].attachments[0].content_base64, 'base64'), Buffer.from(pngBytes()));
    assert.ok(d.audit.some((r) => r.action === 'create'));
    const exported = expectStatus(await admin.get(`${API}/audit?entity=party&entity_id=${p.id}&action=export`), 200).body.items;
    assert.equal(exported.length, 1);
  });

  test('anonymise: the confirmation must match, and the person is gone while the history stays', async () => {
    const { p, f } = await person('Josefina', 'Heitor');
    const countBefore = (await listAll(admin, { party_id: p.id, status: 'all' })).length;
    const detailBefore = expectStatus(await admin.get(`${API}/followups/${f.id}`), 200).body;
    assert.equal((await listAll(admin, { q: 'Josefina', status: 'all' })).length, 1, 'the search finds her before');
    expectProblem(await agent.post(`${API}/parties/${p.id}/anonymise`, { confirm: 'Josefina Queiroz' }), 403, 'admin_only');
    await expectFieldError(await admin.post(`${API}/parties/${p.id}/anonymise`, { confirm: 'Josefina' }), 422, 'confirm', 'confirmation_mismatch');
    assert.equal(expectStatus(await admin.get(`${API}/parties/${p.id}`), 200).body.name, 'Josefina Queiroz', 'a refused anonymisation changes nothing');

    const r = expectStatus(await admin.post(`${API}/parties/${p.id}/anonymise`, { confirm: ' Josefina Queiroz ' }), 200).body;
    assert.equal(r.party.name, `Anonimizado #${p.id}`);
    assert.equal(r.attachments_deleted, 1);

    const secrets = ['Josefina', 'josefina@queiroz.com.br', '99876-5432', 'Heitor', 'heitor@queiroz.com.br', '98888-1111', '52998224725'];
    const assertClean = (what, value) => {
      const text = JSON.stringify(value);
      for (const s of secrets) assert.ok(!text.includes(s), `${what} still holds ${s}`);
    };
    assertClean('the party', expectStatus(await admin.get(`${API}/parties/${p.id}`), 200).body);
    const detail = expectStatus(await admin.get(`${API}/followups/${f.id}`), 200).body;
    assertClean('the follow-up and its history', detail);
    assert.equal(detail.entries.length, detailBefore.entries.length, 'the history keeps its entries');
    assert.equal(detail.actions.length, detailBefore.actions.length);
    assert.equal(detail.attachments.length, 0);
    assert.equal((await listAll(admin, { party_id: p.id, status: 'all' })).length, countBefore, 'the follow-ups remain');
    for (const s of ['Josefina', 'heitor@queiroz.com.br'])
      assert.equal((await listAll(admin, { q: s, status: 'all' })).length, 0, `the list search finds nothing for ${s}`);
    assert.equal(expectStatus(await admin.get(`${API}/parties?q=Josefina`), 200).body.items.length, 0);

    const trail = expectStatus(await admin.get(`${API}/audit?entity=party&entity_id=${p.id}&action=anonymise`), 200).body.items;
    assert.equal(trail.length, 1);
    assertClean('the anonymisation\'s audit row', trail[0]);
  });

  test('one contact person only', async () => {
    const { p } = await person('Rosana', 'Caetano');
    await expectFieldError(await admin.post(`${API}/parties/${p.id}/contacts/1/anonymise`, { confirm: 'Rosana Queiroz' }), 422, 'confirm', 'confirmation_mismatch');
    expectProblem(await admin.post(`${API}/parties/${p.id}/contacts/5/anonymise`, { confirm: 'x' }), 404);
    const r = expectStatus(await admin.post(`${API}/parties/${p.id}/contacts/1/anonymise`, { confirm: 'Caetano Queiroz' }), 200).body;
    assert.equal(r.party.name, 'Rosana Queiroz');
    assert.equal(r.party.contacts[0].name, 'Anonimizado');
    assert.equal(r.party.contacts[0].email, '');
    assert.equal(r.attachments_deleted, 0);
  });
});
