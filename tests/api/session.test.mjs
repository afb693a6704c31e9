// Sessions (bearer and cookie + CSRF), login rate limiting, and the login alert of
// manual 001 (due today / overdue counts, organization switch, user switch).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, ADMIN_LOGIN, ADMIN_PASSWORD, PASSWORD, anonymous, createBranch, createFollowup, createParty,
  createUser, expectProblem, expectStatus, login, loginAdmin, loginRaw, loginWithCookies,
  parseSetCookies, startServer, uniq,
} from './harness.mjs';

// 01:30 UTC on 23 Nov 2026: 22:30 of the 22nd in São Paulo, 01:30 of the 23rd in Lisbon.
const CLOCK = '2026-11-23T01:30:00Z';

let server, admin, branch, agent;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  branch = await createBranch(admin, 'Campinas');
  agent = await createUser(admin, { login: 'joao', name: 'João Agente', role: 'agent', branch_id: branch.id });
});

after(async () => { await server?.stop(); });

describe('session', () => {
  test('login answers 201 with token, user and alerts, and sets HttpOnly SameSite=Lax session and CSRF cookies', async () => {
    const res = expectStatus(await loginRaw(server, 'joao', PASSWORD), 201);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const b = res.body;
    assert.equal(typeof b.token, 'string');
    assert.ok(b.token.length >= 16, 'token long enough');
    assert.equal(typeof b.csrf_token, 'string');
    for (const k of ['id', 'login', 'name', 'role', 'branch_id', 'time_zone', 'locale']) assert.ok(k in b.user, `user.${k}`);
    assert.equal(b.user.id, agent.id);
    assert.equal(b.user.login, 'joao');
    assert.equal(b.user.role, 'agent');
    assert.equal(b.user.branch_id, branch.id);
    assert.equal(b.user.time_zone, 'America/Sao_Paulo');
    assert.equal(b.user.locale, 'pt-BR');
    assert.ok(!('password_hash' in b.user) && !('password' in b.user), 'no password in user');
    assert.equal(b.alerts.due_today, 0);
    assert.equal(b.alerts.overdue, 0);

    const cookies = parseSetCookies(res.headers);
    const sessionCookie = cookies.find((c) => c.value === b.token);
    assert.ok(sessionCookie, `a cookie carries the session token: ${cookies.map((c) => c.raw).join(' | ')}`);
    assert.equal(sessionCookie.attrs.httponly, true, 'session cookie is HttpOnly');
    assert.equal(String(sessionCookie.attrs.samesite).toLowerCase(), 'lax', 'session cookie is SameSite=Lax');
    assert.equal(sessionCookie.attrs.path, '/');
    const csrfCookie = cookies.find((c) => c.value === b.csrf_token);
    assert.ok(csrfCookie, 'a cookie carries the CSRF token');
    assert.notEqual(csrfCookie.attrs.httponly, true, 'CSRF cookie is readable by the web app');
  });

  test('wrong password answers 401 problem+json and no cookie', async () => {
    const res = await loginRaw(server, ADMIN_LOGIN, 'not-the-password');
    expectProblem(res, 401, 'bad_credentials');
    assert.equal(res.headers.getSetCookie().length, 0);
    assert.equal(res.body.token, undefined);
  });

  test('unknown login answers the same 401 as a wrong password', async () => {
    expectProblem(await loginRaw(server, 'nobody-here', 'whatever-123'), 401, 'bad_credentials');
  });

  test('GET /me without credentials answers 401; with a bearer token 200 {user, alerts}', async () => {
    expectProblem(await anonymous(server).get(`${API}/me`), 401);
    expectProblem(await anonymous(server).get(`${API}/me`, { headers: { Authorization: 'Bearer not-a-token' } }), 401);
    const c = await login(server, 'joao');
    const me = expectStatus(await c.get(`${API}/me`), 200);
    assert.equal(me.body.user.id, agent.id);
    assert.equal(me.body.alerts.due_today, 0);
    assert.equal(me.body.alerts.overdue, 0);
  });

  test('cookie auth: safe request with the cookie alone works', async () => {
    const c = await loginWithCookies(server, 'joao');
    const me = expectStatus(await c.get(`${API}/me`), 200);
    assert.equal(me.body.user.login, 'joao');
  });

  test('cookie auth: unsafe request without X-CSRF-Token is 403 "csrf" and changes nothing; with it, it works', async () => {
    const c = await loginWithCookies(server, 'joao');
    const code = uniq('CSRF-');
    const denied = await c.post(`${API}/parties`, { code, kind: 'customer', name: 'Sem token' }, { csrf: null });
    expectProblem(denied, 403, 'csrf');
    const wrong = await c.post(`${API}/parties`, { code, kind: 'customer', name: 'Token errado' }, { csrf: 'x'.repeat(43) });
    expectProblem(wrong, 403, 'csrf');
    const found = expectStatus(await admin.get(`${API}/parties?q=${encodeURIComponent(code)}`), 200);
    assert.equal(found.body.items.filter((p) => p.code === code).length, 0, 'no party stored by the refused requests');

    const ok = expectStatus(await c.post(`${API}/parties`, { code, kind: 'customer', name: 'Com token' }), 201);
    assert.equal(ok.body.code, code);
  });

  test('bearer auth needs no CSRF token for unsafe requests', async () => {
    const c = await login(server, 'joao');
    expectStatus(await c.post(`${API}/parties`, { code: uniq('BR-'), kind: 'prospect', name: 'Via bearer' }), 201);
  });

  test('DELETE /session ends the session: the token is then rejected', async () => {
    const c = await login(server, 'joao');
    expectStatus(await c.get(`${API}/me`), 200);
    expectStatus(await c.del(`${API}/session`), 204);
    expectProblem(await c.get(`${API}/me`), 401);
    expectProblem(await c.post(`${API}/parties`, { code: uniq('X-'), name: 'after logout' }), 401);
  });

  test('cookie logout (with CSRF) clears the cookies and ends the session', async () => {
    const c = await loginWithCookies(server, 'joao');
    const token = c.session.token;
    const res = expectStatus(await c.del(`${API}/session`), 204);
    const cleared = parseSetCookies(res.headers);
    assert.ok(cleared.length >= 1 && cleared.every((k) => k.value === '' || k.attrs['max-age'] === '0'), 'cookies cleared');
    const bearer = await anonymous(server).get(`${API}/me`, { headers: { Authorization: `Bearer ${token}` } });
    expectProblem(bearer, 401);
  });

  test('repeated bad logins answer 429 rate_limited, even with the right password then', async () => {
    await createUser(admin, { login: 'victim', role: 'agent', branch_id: branch.id });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginRaw(server, 'victim', `wrong-${i}-password`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
    expectProblem(await loginRaw(server, 'victim', 'wrong-again-password'), 429, 'rate_limited');
    expectProblem(await loginRaw(server, 'victim', PASSWORD), 429, 'rate_limited');
    // Another login from the same address is not locked out by a few failures.
    expectStatus(await loginRaw(server, 'joao', PASSWORD), 201);
  });
});

describe('login alerts', () => {
  // Manual 001: at login, the user sees how many returns are due today and overdue,
  // when the organization's switch and the user's "alert at login" are both on.
  let lis, quiet;
  before(async () => {
    // An agent in Lisbon: their today is 2026-11-23, the admin's (São Paulo) 2026-11-22.
    lis = await createUser(admin, { login: 'lis', role: 'agent', branch_id: branch.id, time_zone: 'Europe/Lisbon' });
    quiet = await createUser(admin, { login: 'quiet', role: 'agent', branch_id: branch.id });
    const party = await createParty(admin);
    // The admin (São Paulo, today 2026-11-22) schedules returns owned by the Lisbon agent.
    await createFollowup(admin, { party_id: party.id, owner_id: lis.id, due_date: '2026-11-22' });  // overdue for lis
    await createFollowup(admin, { party_id: party.id, owner_id: lis.id, due_date: '2026-11-23' });  // today for lis
    await createFollowup(admin, { party_id: party.id, owner_id: lis.id, due_date: '2026-11-23' });  // today for lis
    await createFollowup(admin, { party_id: party.id, owner_id: lis.id, due_date: '2026-12-01' });  // later
    const closed = await createFollowup(admin, { party_id: party.id, owner_id: lis.id, due_date: '2026-11-22' });
    expectStatus(await admin.post(`${API}/followups/${closed.id}/close`, { result: 'Resolvido' }), 200);
  });

  const putSettings = async (enabled) => {
    const cur = expectStatus(await admin.get(`${API}/settings`), 200).body;
    const res = expectStatus(await admin.put(`${API}/settings`, { ...cur, return_alerts_enabled: enabled }), 200);
    assert.equal(res.body.return_alerts_enabled, enabled);
  };

  test('counts due today and overdue in the user\'s zone; show_alert when something is due', async () => {
    const c = await login(server, 'lis');
    assert.deepEqual(
      { d: c.session.alerts.due_today, o: c.session.alerts.overdue, s: c.session.alerts.show_alert },
      { d: 2, o: 1, s: true });
    const me = expectStatus(await c.get(`${API}/me`), 200).body;
    assert.equal(me.alerts.due_today, 2);
    assert.equal(me.alerts.overdue, 1);
    assert.equal(me.alerts.show_alert, true);
  });

  test('nothing due: show_alert false', async () => {
    const c = await login(server, 'quiet');
    assert.equal(c.session.alerts.due_today, 0);
    assert.equal(c.session.alerts.overdue, 0);
    assert.equal(c.session.alerts.show_alert, false);
  });

  test('organization switch off (PUT /settings return_alerts_enabled false): show_alert false, counts kept', async () => {
    await putSettings(false);
    try {
      const c = await login(server, 'lis');
      assert.equal(c.session.alerts.show_alert, false);
      assert.equal(c.session.alerts.due_today, 2);
      assert.equal(c.session.alerts.overdue, 1);
      const me = expectStatus(await c.get(`${API}/me`), 200).body;
      assert.equal(me.alerts.show_alert, false);
    } finally {
      await putSettings(true);
    }
    const c = await login(server, 'lis');
    assert.equal(c.session.alerts.show_alert, true);
  });

  test('user switch alert_on_login false: show_alert false; back on: true', async () => {
    const c = await login(server, 'lis');
    const off = expectStatus(await c.patch(`${API}/users/${lis.id}`, { alert_on_login: false }), 200);
    assert.equal(off.body.alert_on_login, false);
    const c2 = await login(server, 'lis');
    assert.equal(c2.session.alerts.show_alert, false);
    assert.equal(c2.session.alerts.due_today, 2);
    expectStatus(await c2.patch(`${API}/users/${lis.id}`, { alert_on_login: true }), 200);
    const c3 = await login(server, 'lis');
    assert.equal(c3.session.alerts.show_alert, true);
  });

  test('only an admin may change the settings (agent PUT /settings: 403, unchanged)', async () => {
    const c = await login(server, 'joao');
    const cur = expectStatus(await admin.get(`${API}/settings`), 200).body;
    expectProblem(await c.put(`${API}/settings`, { ...cur, return_alerts_enabled: false }), 403, 'admin_only');
    assert.deepEqual(expectStatus(await admin.get(`${API}/settings`), 200).body, cur);
  });
});
