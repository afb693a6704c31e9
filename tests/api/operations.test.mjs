// Operations: health, readiness, Prometheus metrics, request ids, the OpenAPI 3.1
// document kept true against the routes the server registers (`retorno routes`), and
// the router's 404/405.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API, anonymous, expectStatus, login, loginAdmin, runCli, ADMIN_LOGIN, ADMIN_PASSWORD, startServer } from './harness.mjs';

let server, admin;

before(async () => {
  server = await startServer({ clockStart: '2026-03-10T15:00:00Z' });
  admin = await loginAdmin(server);
});

after(async () => { await server?.stop(); });

// The routes the server registers, as its router holds them (`retorno routes`).
function registeredRoutes() {
  const r = runCli(server.dir, ['--db', server.db, 'routes']);
  assert.equal(r.status, 0, `retorno routes exited ${r.status}\nstderr: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).map((line) => line.split(' '));
}

describe('health and metrics', () => {
  test('/healthz answers 200 without credentials', async () => {
    const res = await fetch(server.url('/healthz'));
    assert.equal(res.status, 200);
  });

  test('/readyz answers 200 when the database answers', async () => {
    const res = await fetch(server.url('/readyz'));
    assert.equal(res.status, 200);
  });

  test('/metrics is Prometheus text with http_requests_total', async () => {
    await admin.get(`${API}/me`);
    await anonymous(server).get(`${API}/me`);
    const res = await fetch(server.url('/metrics'));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') || '', /^text\/plain/);
    const text = await res.text();
    assert.match(text, /^http_requests_total\{[^}]*\} \d+/m, 'http_requests_total samples');
    assert.match(text, /http_requests_total\{[^}]*status="401"[^}]*\}|http_requests_total\{[^}]*code="401"[^}]*\}/, 'by status');
  });

  test('/metrics has a request latency histogram', async () => {
    const text = await (await fetch(server.url('/metrics'))).text();
    assert.match(text, /^# TYPE \S+ histogram$/m, 'a histogram');
    assert.match(text, /_bucket\{[^}]*le="\+Inf"[^}]*\} \d+/, 'with buckets');
  });

  test('API responses carry security headers (nosniff, CSP)', async () => {
    for (const res of [await admin.get(`${API}/me`), await anonymous(server).get(`${API}/me`)]) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${res.path} ${res.status}`);
      assert.ok(res.headers.get('content-security-policy'), `${res.path} ${res.status}: CSP`);
    }
  });

  test('every response carries X-Request-Id, and problems repeat it', async () => {
    const res = await anonymous(server).get(`${API}/me`);
    assert.equal(res.status, 401);
    const id = res.headers.get('x-request-id');
    assert.ok(id, 'X-Request-Id');
    assert.equal(res.body.request_id, id);
    const ok = await admin.get(`${API}/me`);
    assert.ok(ok.headers.get('x-request-id'));
  });
});

describe('OpenAPI', () => {
  let doc;
  before(async () => {
    const res = await fetch(server.url(`${API}/openapi.json`));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') || '', /json/);
    doc = await res.json();
  });

  test('is an OpenAPI 3.1 document', () => {
    assert.match(String(doc.openapi), /^3\.1\.\d+$/);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.paths, 'object');
  });

  test('every route the server registers is documented with its method', () => {
    const routes = registeredRoutes();
    assert.ok(routes.length >= 30, `${routes.length} routes registered`);
    for (const expected of [['POST', '/api/v1/session'], ['GET', '/api/v1/followups/{id}'], ['GET', '/api/v1/categories'], ['POST', '/api/v1/contact-types']])
      assert.ok(routes.some(([m, p]) => m === expected[0] && p === expected[1]), `registered: ${expected}`);
    const missing = routes.filter(([m, p]) => !doc.paths[p] || !doc.paths[p][m.toLowerCase()]).map(([m, p]) => `${m} ${p}`);
    assert.deepEqual(missing, [], 'routes missing from openapi.json');
  });

  test('every documented path and method is served (not 405; not 404 unless it names an id), but the simulated clock\'s', async () => {
    const c = await login(server, ADMIN_LOGIN, ADMIN_PASSWORD);  // its own session: DELETE /session ends it
    const ops = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const m of Object.keys(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
        // A stream never ends; tests/api/reminders.test.mjs reads it.
        if (item[m].responses?.['200']?.content?.['text/event-stream']) continue;
        ops.push([m.toUpperCase(), p, item[m]['x-retorno-simulated-clock-only'] === true]);
      }
    }
    ops.sort(([m1], [m2]) => (m1 === 'DELETE') - (m2 === 'DELETE'));
    const problems = [];
    for (const [m, p, simulatedOnly] of ops) {
      const concrete = p.replace(/\{[^}]+\}/g, '987654');
      const res = await c.request(m, concrete, ['GET', 'DELETE'].includes(m) ? {} : { json: {} });
      // Served only by a test server on the simulated clock (tests/api/test_clock.test.mjs).
      if (simulatedOnly) {
        if (res.status !== 404) problems.push(`${m} ${p}: ${res.status} on a real-clock server`);
        continue;
      }
      if (res.status === 405) problems.push(`${m} ${p}: 405`);
      if (!p.includes('{') && res.status === 404) problems.push(`${m} ${p}: 404`);
      if (res.status >= 500) problems.push(`${m} ${p}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    assert.deepEqual(problems, []);
  });

  test('the router answers 404 for unknown paths and 405 for a wrong method', async () => {
    assert.equal((await admin.get(`${API}/nothing-here`)).status, 404);
    const r = await admin.request('DELETE', `${API}/followups`);
    assert.equal(r.status, 405);
  });
});
