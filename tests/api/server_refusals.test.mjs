// The server's own refusals (before any route runs) are problems like every other: a
// code the client can act on, the message in the caller's language and the request id
// that names the request in the server's log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API, anonymous, expectProblem, loginAdmin, rawRequest, startServer } from './harness.mjs';

let server, admin;
before(async () => {
  server = await startServer();
  admin = await loginAdmin(server);
});
after(async () => { await server?.stop(); });

describe('refusals of the HTTP layer', () => {
  test('an unknown path: 404 not_found, in Spanish for a Spanish reader, with the request id', async () => {
    const res = await anonymous(server, 'es').get(`${API}/no-such-thing`, { headers: { 'X-Request-Id': 'rid-404-es' } });
    expectProblem(res, 404, 'not_found');
    assert.equal(res.body.title, 'No encontrado.');
    assert.equal(res.body.request_id, 'rid-404-es');
    assert.equal(res.headers.get('content-language'), 'es');
  });

  test('a method the path does not take: 405 method_not_allowed with Allow, in Portuguese by default', async () => {
    const res = await admin.request('DELETE', `${API}/me`);
    expectProblem(res, 405, 'method_not_allowed');
    assert.equal(res.body.title, 'Este endereço não aceita esta operação.');
    assert.match(res.headers.get('allow') || '', /GET/);
    assert.match(res.body.request_id, /^[0-9a-f]{16}$/);
  });

  test('a body over the limit: 413 too_large, in English for an English reader', async () => {
    const res = await rawRequest(server, {
      method: 'POST', path: `${API}/followups`, body: 'x'.repeat(13 * 1024 * 1024),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.token}`, 'Accept-Language': 'en' },
    });
    expectProblem(res, 413, 'too_large');
    assert.equal(res.body.title, 'File or request too large (max 10 MB).');
  });

  test('headers over the limit: 431 headers_too_large', async () => {
    const res = await rawRequest(server, { method: 'GET', path: `${API}/me`, headers: { 'X-Padding': 'p'.repeat(20 * 1024) } });
    expectProblem(res, 431, 'headers_too_large');
  });
});
