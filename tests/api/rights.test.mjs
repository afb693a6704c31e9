// Rights per user ("Permissões de Usuário", manual 001; ADR 0040): admins read and
// replace a user's changes to the role's defaults; /me lists what holds; a revocation
// holds from the next request; every change is in the audit trail with old and new
// values; refusals speak the user's language. The route-by-route grants and
// revocations are cells of the permission table (permission_table.test.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus,
  login, loginAdmin, startServer,
} from './harness.mjs';

const CLOCK = '2026-06-10T15:00:00Z';
const DUE = '2026-06-15';

describe('rights per user', () => {
  let server, admin, branch;

  before(async () => {
    server = await startServer({ clockStart: CLOCK });
    admin = await loginAdmin(server);
    branch = await createBranch(admin, 'Filial Direitos');
  });
  after(async () => { await server?.stop(); });

  const rightsOf = async (id) => expectStatus(await admin.get(`${API}/users/${id}/rights`), 200).body;
  const put = (id, granted, revoked, client = admin, opts) => client.put(`${API}/users/${id}/rights`, { granted, revoked }, opts);

  test('an agent\'s rights show the role defaults; a grant and a revocation change what holds, and /me says so', async () => {
    const u = await createUser(admin, { role: 'agent', branch_id: branch.id });
    const agent = await login(server, u.login);
    const r = await rightsOf(u.id);
    assert.equal(r.user_id, u.id);
    assert.equal(r.role, 'agent');
    const byName = Object.fromEntries(r.rights.map((x) => [x.right, x]));
    assert.deepEqual(byName.reopen, { right: 'reopen', role_default: false, change: 'none', effective: false });
    assert.deepEqual(byName.export, { right: 'export', role_default: true, change: 'none', effective: true });
    const me0 = expectStatus(await agent.get(`${API}/me`), 200).body;
    assert.deepEqual(me0.rights, ['bulk_change', 'export', 'view_reports']);

    const changed = expectStatus(await put(u.id, ['reopen'], ['export']), 200).body;
    const after = Object.fromEntries(changed.rights.map((x) => [x.right, x]));
    assert.deepEqual(after.reopen, { right: 'reopen', role_default: false, change: 'granted', effective: true });
    assert.deepEqual(after.export, { right: 'export', role_default: true, change: 'revoked', effective: false });
    assert.deepEqual(await rightsOf(u.id), changed);
    // The agent's very next request reads the new rights (the same session).
    assert.deepEqual(expectStatus(await agent.get(`${API}/me`), 200).body.rights, ['reopen', 'bulk_change', 'view_reports']);
    expectProblem(await agent.get(`${API}/followups/export?format=csv`), 403, 'missing_right');

    // Both lists empty: the defaults again.
    expectStatus(await put(u.id, [], []), 200);
    assert.deepEqual(expectStatus(await agent.get(`${API}/me`), 200).body.rights, me0.rights);
    expectStatus(await agent.get(`${API}/followups/export?format=csv`), 200);
  });

  test('a revoked reopen refuses the supervisor; a granted one lets an agent reopen their own', async () => {
    const sup = await createUser(admin, { role: 'supervisor', branch_id: branch.id });
    const ag = await createUser(admin, { role: 'agent', branch_id: branch.id });
    const supervisor = await login(server, sup.login);
    const agent = await login(server, ag.login);
    const party = await createParty(agent, { branch_id: branch.id });
    const closed = async () => {
      const f = await createFollowup(agent, { party_id: party.id, due_date: DUE });
      expectStatus(await agent.post(`${API}/followups/${f.id}/close`, { result: 'Encerrado.' }), 200);
      return f;
    };
    const f1 = await closed();
    expectStatus(await put(sup.id, [], ['reopen']), 200);
    expectProblem(await supervisor.post(`${API}/followups/${f1.id}/reopen`, { reason: 'Voltou' }), 403, 'reopen_needs_supervisor');
    expectProblem(await agent.post(`${API}/followups/${f1.id}/reopen`, { reason: 'Voltou' }), 403, 'reopen_needs_supervisor');
    expectStatus(await put(ag.id, ['reopen'], []), 200);
    expectStatus(await agent.post(`${API}/followups/${f1.id}/reopen`, { reason: 'Voltou' }), 200);
  });

  test('reassigning needs the reassign right: revoked, a supervisor keeps only taking follow-ups; granted, an agent reaches the branch', async () => {
    const sup = await createUser(admin, { role: 'supervisor', branch_id: branch.id });
    const ag = await createUser(admin, { role: 'agent', branch_id: branch.id });
    const other = await createUser(admin, { role: 'agent', branch_id: branch.id });
    const supervisor = await login(server, sup.login);
    const agent = await login(server, ag.login);
    const party = await createParty(agent, { branch_id: branch.id });
    const give = (client, fields) => client.post(`${API}/followups`, {
      party_id: party.id, subject: 'Repasse', category: 'pos_venda', priority: 'medium', next_action: { type: 'phone', due_date: DUE }, ...fields,
    });
    expectStatus(await give(supervisor, { owner_id: other.id }), 201);
    expectStatus(await put(sup.id, [], ['reassign']), 200);
    expectFieldError(await give(supervisor, { owner_id: other.id }), 422, 'owner_id', 'not_allowed');
    expectStatus(await give(supervisor, { owner_id: sup.id }), 201);

    expectFieldError(await give(agent, { owner_id: other.id }), 422, 'owner_id', 'not_allowed');
    expectStatus(await put(ag.id, ['reassign'], []), 200);
    expectStatus(await give(agent, { owner_id: other.id }), 201);
  });

  test('every change is in the audit trail with the old and new lists', async () => {
    const u = await createUser(admin, { role: 'supervisor', branch_id: branch.id });
    expectStatus(await put(u.id, ['configure_attendance'], []), 200);
    expectStatus(await put(u.id, [], ['export', 'reopen']), 200);
    const rows = expectStatus(await admin.get(`${API}/audit?${new URLSearchParams({ entity: 'user', entity_id: String(u.id), action: 'update' })}`), 200).body.items;
    const values = rows.map((r) => [r.before, r.after]);
    assert.deepEqual(values, [
      [{ rights_granted: ['configure_attendance'], rights_revoked: [] }, { rights_granted: [], rights_revoked: ['reopen', 'export'] }],
      [{ rights_granted: [] }, { rights_granted: ['configure_attendance'] }],
    ]);
    assert.equal(rows[0].actor_id, admin.user.id);
  });

  test('only admins read or change rights, in the caller\'s language', async () => {
    const u = await createUser(admin, { role: 'supervisor', branch_id: branch.id, locale: 'es' });
    const sup = await login(server, u.login, undefined, { lang: 'es' });
    const refused = expectProblem(await sup.get(`${API}/users/${u.id}/rights`), 403, 'admin_only');
    assert.match(refused.body.title + (refused.body.detail ?? ''), /administrador/i);
    expectProblem(await put(u.id, ['reopen'], [], sup), 403, 'admin_only');
    // A revoked right refuses in Spanish too.
    expectStatus(await put(u.id, [], ['view_reports']), 200);
    const r = expectProblem(await sup.get(`${API}/reports/team`), 403, 'missing_right');
    assert.match(r.body.title + (r.body.detail ?? ''), /No tiene permiso/);
  });

  test('the body names only known rights, never one both granted and revoked; unknown users are 404', async () => {
    const u = await createUser(admin, { branch_id: branch.id });
    expectFieldError(await put(u.id, ['fly'], []), 422, 'granted', 'invalid_value');
    expectFieldError(await put(u.id, ['export'], ['export']), 422, 'revoked', 'invalid_value');
    expectFieldError(await admin.put(`${API}/users/${u.id}/rights`, { granted: [] }), 422, 'revoked', 'required');
    const es = expectFieldError(await put(u.id, ['volar'], [], admin, { lang: 'es' }), 422, 'granted', 'invalid_value');
    assert.equal(es.message, 'Valor no válido.');
    expectProblem(await admin.get(`${API}/users/999999/rights`), 404, 'user');
    assert.deepEqual((await rightsOf(u.id)).rights.map((x) => x.change), Array(7).fill('none'));
  });
});
