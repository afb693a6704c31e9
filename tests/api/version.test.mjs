// GET /api/v1/version: the server's version and the schema's, for any signed-in user.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API, REPO_ROOT, anonymous, loginAdmin, startServer } from './harness.mjs';

let server, admin;

before(async () => {
  server = await startServer();
  admin = await loginAdmin(server);
});

after(async () => { await server?.stop(); });

describe('version', () => {
  test('names the server version and the newest migration of the schema', async () => {
    const res = await admin.get(`${API}/version`);
    assert.equal(res.status, 200);
    const cmake = fs.readFileSync(path.join(REPO_ROOT, 'CMakeLists.txt'), 'utf8');
    assert.equal(res.body.version, cmake.match(/project\(retorno VERSION ([0-9.]+)/)[1]);
    const newest = Math.max(...fs.readdirSync(path.join(REPO_ROOT, 'src', 'store', 'sqlite', 'migrations'))
      .filter((f) => /^\d{4}_.*\.sql$/.test(f)).map((f) => Number(f.slice(0, 4))));
    assert.equal(res.body.schema_version, newest);
  });

  test('needs a signed-in user', async () => {
    const res = await anonymous(server).get(`${API}/version`);
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'session');
  });
});
