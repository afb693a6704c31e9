// Access can be taken away: an admin deactivates a user (API or `retorno user
// deactivate`) and every session of that user ends at once, login is refused, and the
// user's open follow-ups can be listed for reassignment. A password change asks for the
// current password and ends the other sessions; an admin's reset ends all of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, PASSWORD, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus,
  login, loginAdmin, loginRaw, runCli, startServer,
} from './harness.mjs';

const NOW = '2026-11-23T13:00:00Z';
const TODAY = '2026-11-23';

describe('access can be taken away', () => {
  let server, admin;
  before(async () => {
    server = await startServer({ clockStart: NOW });
    admin = await loginAdmin(server);
  });
  after(async () => { await server?.stop(); });

  test('deactivating a user ends every session at once, refuses login, and lists the open follow-ups to reassign', async () => {
    const u = await createUser(admin, { name: 'Rafael Saindo' });
    const desk = await login(server, u.login);
    const phone = await login(server, u.login);
    const party = await createParty(desk, {});
    const f = await createFollowup(desk, { party_id: party.id, due_date: TODAY });
    expectStatus(await desk.get(`${API}/me`), 200);

    const off = expectStatus(await admin.patch(`${API}/users/${u.id}`, { active: false }), 200).body;
    assert.equal(off.active, false);
    for (const session of [desk, phone]) expectProblem(await session.get(`${API}/me`), 401);
    expectProblem(await loginRaw(server, u.login, PASSWORD), 401);
    // What was theirs stays, for someone else to take over.
    const open = expectStatus(await admin.get(`${API}/followups?status=open&owner_id=${u.id}`), 200).body;
    assert.deepEqual(open.items.map((x) => x.id), [f.id]);
    assert.equal(open.total, 1);
    // And access can be given back.
    expectStatus(await admin.patch(`${API}/users/${u.id}`, { active: true }), 200);
    expectStatus(await (await login(server, u.login)).get(`${API}/me`), 200);
  });

  test('only an admin takes access away, and never their own', async () => {
    const u = await createUser(admin, {});
    const agent = await login(server, u.login);
    expectProblem(await agent.patch(`${API}/users/${u.id}`, { active: false }), 403, 'admin_only');
    expectFieldError(await admin.patch(`${API}/users/${admin.user.id}`, { active: false }), 422, 'active', 'cannot_deactivate_self');
    expectFieldError(await admin.patch(`${API}/users/${u.id}`, { active: null }), 422, 'active', 'not_null');
    expectStatus(await agent.get(`${API}/me`), 200);
  });

  test('changing one\'s password asks for the current one and ends the other sessions', async () => {
    const u = await createUser(admin, {});
    const here = await login(server, u.login);
    const elsewhere = await login(server, u.login);
    const next = 'outra-senha-forte-42';
    expectFieldError(await here.patch(`${API}/users/${u.id}`, { password: next }), 422, 'current_password', 'required');
    const wrong = expectFieldError(await here.patch(`${API}/users/${u.id}`, { password: next, current_password: 'chute-errado-1' }, { lang: 'es' }),
      422, 'current_password', 'wrong_password');
    assert.match(wrong.message, /contraseña actual/);
    expectStatus(await elsewhere.get(`${API}/me`), 200, 'a refused change ends nothing');
    expectStatus(await here.patch(`${API}/users/${u.id}`, { password: next, current_password: PASSWORD }), 200);
    expectStatus(await here.get(`${API}/me`), 200, 'the session that changed it goes on');
    expectProblem(await elsewhere.get(`${API}/me`), 401);
    expectProblem(await loginRaw(server, u.login, PASSWORD), 401);
    expectStatus(await loginRaw(server, u.login, next), 201);
  });

  test('an admin resetting someone\'s password ends all of their sessions', async () => {
    const u = await createUser(admin, {});
    const s = await login(server, u.login);
    expectStatus(await admin.patch(`${API}/users/${u.id}`, { password: 'senha-nova-do-admin-7' }), 200);
    expectProblem(await s.get(`${API}/me`), 401);
    expectStatus(await loginRaw(server, u.login, 'senha-nova-do-admin-7'), 201);
  });

  test('retorno user deactivate takes access away from the command line', async () => {
    const u = await createUser(admin, { name: 'Pela Linha de Comando' });
    const s = await login(server, u.login);
    await server.stop();
    const r = runCli(server.dir, ['--db', server.db, 'user', 'deactivate', '--login', u.login]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /deactivated/);
    const unknown = runCli(server.dir, ['--db', server.db, 'user', 'deactivate', '--login', 'ninguem']);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /no user with login ninguem/);
    server = await startServer({ db: server.db, dir: server.dir, clockStart: NOW });
    admin = await loginAdmin(server);
    s.server = server;
    expectProblem(await s.get(`${API}/me`), 401);
    expectProblem(await loginRaw(server, u.login, PASSWORD), 401);
  });
});
