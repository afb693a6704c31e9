// Secrets stay secret: the database, its -wal/-shm and the key file are the owner's
// only; the calendar-feed token never reaches a log line; the feed URL comes from the
// configured public URL, never from the request's Host header. Passwords: at least 10
// characters and not a common or simple one, for every way a password is set. Values
// the request must carry are never read when missing, empty or null.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  API, BIN, PASSWORD, createUser, expectFieldError, expectStatus, login, loginAdmin, rawRequest,
  snapshot, startServer, uniq,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';

let server, admin;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
});

after(async () => { await server?.stop(); });

const mode = (file) => fs.statSync(file).mode & 0o777;

describe('secrets', () => {
  test('the database, its -wal and -shm and the key file are 0600', async () => {
    // A write makes sure the WAL and shared-memory files exist.
    await createUser(admin, {});
    // On PostgreSQL (RETORNO_TEST_DATABASE=postgres) there is no database file: the key
    // file is data/secret.key under the working folder.
    const files = server.db.includes('://')
      ? [path.join(server.dir, 'data', 'secret.key')]
      : [server.db, `${server.db}-wal`, `${server.db}-shm`, path.join(server.dir, 'secret.key')];
    for (const file of files) {
      assert.ok(fs.existsSync(file), `${file} exists`);
      assert.equal(mode(file).toString(8), '600', `mode of ${path.basename(file)}`);
    }
  });

  test('a database left readable by others is made private when the server starts', async () => {
    const dir = fs.mkdtempSync(path.join(server.dir, 'loose-'));
    const db = path.join(dir, 'retorno.db');
    const r = spawnSync(BIN, ['--db', db, 'migrate'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    fs.chmodSync(db, 0o644);
    fs.writeFileSync(path.join(dir, 'secret.key'), Buffer.alloc(32, 7), { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'secret.key'), 0o644);
    const other = await startServer({ db, dir });
    try {
      // Answering a request: the server is fully up (and handles SIGTERM) before stop().
      assert.equal((await fetch(other.url('/healthz'))).status, 200);
      assert.equal(mode(db).toString(8), '600');
      assert.equal(mode(path.join(dir, 'secret.key')).toString(8), '600');
    } finally {
      await other.stop();
    }
  });

  test('a calendar-feed request leaves no token in the log', async () => {
    const { url } = expectStatus(await admin.post(`${API}/me/calendar-feed`, {}), 201).body;
    const token = /\/calendar\/feed\/([^/.]+)\.ics$/.exec(url)[1];
    assert.equal((await fetch(url)).status, 200);
    // A wrong token too (a 404 is logged as well), and one in a query string.
    await fetch(server.url(`${API}/calendar/feed/${token}x.ics`));
    await fetch(server.url(`${API}/calendar/feed/${token}.ics?again=${token}`));
    await fetch(server.url(`${API}/openapi.json`));  // a later line: the feed's are written
    const log = server.log();
    assert.match(log, /GET \/api\/v1\/calendar\/feed\/\[redacted\]\.ics 200/);
    assert.ok(!log.includes(token), 'the token appears in the log');
  });

  test('the feed URL follows the configured public URL and ignores a forged Host', async () => {
    const forged = await rawRequest(server, {
      path: `${API}/me/calendar-feed`, body: '{}',
      headers: { Host: 'evil.example', Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
    });
    expectStatus(forged, 201);
    assert.match(forged.body.url, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/api/v1/calendar/feed/`));
    assert.ok(!forged.body.url.includes('evil'), forged.body.url);

    const configured = await startServer({ extraArgs: ['--public-url', 'https://crm.example.com/retorno/'] });
    try {
      const a = await loginAdmin(configured);
      const res = await rawRequest(configured, {
        path: `${API}/me/calendar-feed`, body: '{}',
        headers: { Host: 'evil.example', Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/json' },
      });
      expectStatus(res, 201);
      assert.match(res.body.url, /^https:\/\/crm\.example\.com\/retorno\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{20,}\.ics$/);
    } finally {
      await configured.stop();
    }
  });

  test('a malformed public URL stops the server with a clear message', () => {
    const r = spawnSync(BIN, ['--db', server.db, 'serve', '--port', '0', '--public-url', 'crm.example.com'],
      { cwd: server.dir, encoding: 'utf8', timeout: 10000 });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /public URL/);
  });
});

describe('passwords', () => {
  const cases = [
    ['curta-1', 'password_too_short'],
    ['password123', 'password_too_common'],
    ['qwertyuiop', 'password_too_common'],
    ['1234567890', 'password_too_simple'],
    ['aaaaaaaaaaaa', 'password_too_simple'],
  ];

  test('creating a user refuses short, common and simple passwords, saying why, in three languages', async () => {
    const before = await snapshot(admin);
    for (const [password, code] of cases) {
      const res = await admin.post(`${API}/users`, { login: uniq('pw'), name: 'Pedro', password, role: 'agent' });
      expectFieldError(res, 422, 'password', code);
    }
    const messages = {};
    for (const lang of ['pt-BR', 'es', 'en']) {
      const res = await admin.post(`${API}/users`, { login: uniq('pw'), name: 'Pedro', password: 'password123' }, { lang });
      messages[lang] = expectFieldError(res, 422, 'password', 'password_too_common').message;
    }
    assert.match(messages['pt-BR'], /comum/);
    assert.match(messages.es, /común/);
    assert.match(messages.en, /common/);
    assert.deepEqual(await snapshot(admin), before, 'no user created');
    // Ten characters that are no word and no pattern pass.
    expectStatus(await admin.post(`${API}/users`, { login: uniq('pw'), name: 'Pedro', password: 'k7#Vq-Lp2w', role: 'agent' }), 201);
  });

  test('a user changing their own password and an admin resetting it follow the same rules', async () => {
    const u = await createUser(admin, {});
    const agent = await login(server, u.login);
    // current_password: a change of one's own password asks for it where that rule exists.
    expectFieldError(await agent.patch(`${API}/users/${u.id}`, { password: 'iloveyou12', current_password: PASSWORD }), 422, 'password', 'password_too_common');
    expectFieldError(await agent.patch(`${API}/users/${u.id}`, { password: `${u.login}-2026`, current_password: PASSWORD }), 422, 'password', 'password_too_simple');
    expectFieldError(await admin.patch(`${API}/users/${u.id}`, { password: 'abcdefghij' }), 422, 'password', 'password_too_simple');
    expectFieldError(await admin.patch(`${API}/users/${u.id}`, { password: `nova-${u.login}` }), 422, 'password', 'password_too_simple');
    expectFieldError(await admin.patch(`${API}/users/${u.id}`, { password: 'curtinha' }), 422, 'password', 'password_too_short');
    // The old password still works: nothing was changed.
    await login(server, u.login, PASSWORD);
  });

  test('`retorno user add` refuses a common password, even with fast hashing for tests', () => {
    const r = spawnSync(BIN, ['--db', server.db, 'user', 'add', '--login', uniq('cli'), '--name', 'Cli',
      '--password', 'password123'], { cwd: server.dir, encoding: 'utf8', timeout: 30000 });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /password: password_too_common/);
    const short = spawnSync(BIN, ['--db', server.db, 'user', 'add', '--login', uniq('cli'), '--name', 'Cli',
      '--password', 'curta-1'], { cwd: server.dir, encoding: 'utf8', timeout: 30000 });
    assert.match(short.stderr, /password: password_too_short/);
  });
});

describe('no undefined reads', () => {
  test('GET /calendar/day?date= is 422 date required, however asked', async () => {
    expectFieldError(await admin.get(`${API}/calendar/day?date=`), 422, 'date', 'required');
    expectFieldError(await admin.get(`${API}/calendar/day`), 422, 'date', 'required');
    // A good request in between must not leave its date for the next one.
    expectStatus(await admin.get(`${API}/calendar/day?date=2026-03-11`), 200);
    expectFieldError(await admin.get(`${API}/calendar/day?date=`), 422, 'date', 'required');
    expectFieldError(await admin.get(`${API}/calendar/day?date=2026-02-30`), 422, 'date', 'invalid_date');
  });

  test('snooze {"until": null} is 422 until required', async () => {
    expectFieldError(await admin.post(`${API}/notifications/1/snooze`, { until: null }), 422, 'until', 'required');
    expectFieldError(await admin.post(`${API}/notifications/1/snooze`, {}), 422, 'until', 'required');
  });

  test('templates/preview {"followup_id": null} is 422 followup_id required', async () => {
    expectFieldError(await admin.post(`${API}/templates/preview`, { subject: 'Oi', body: 'x', followup_id: null }), 422, 'followup_id', 'required');
  });

  test('other members the request must carry, sent as null, are required too', async () => {
    const before = await snapshot(admin);
    // A null where the field has no null is named by the shared not_null rule.
    expectFieldError(await admin.put(`${API}/settings`, { company_name: 'X', time_zone: 'America/Sao_Paulo', return_alerts_enabled: null }), 422, 'return_alerts_enabled', 'not_null');
    expectFieldError(await admin.post(`${API}/followups`, { party_id: 1, subject: 'S', next_action: { type: 'phone', due_date: null } }), 422, 'next_action.due_date', 'required');
    assert.deepEqual(await snapshot(admin), before);
  });
});
