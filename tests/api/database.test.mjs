// Choosing the database: `--database` (or `--db`, RETORNO_DATABASE, `database = "..."`
// in the TOML file) takes a SQLite file or a PostgreSQL URL. A URL libpq cannot parse,
// an unknown scheme and an unreachable server are each a plain error on stderr and a
// non-zero exit, never a SQLite file with an odd name; a password never reaches stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BIN } from './harness.mjs';
import { emptyPgDatabase, freshPgDatabase } from './pg_cluster.mjs';

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-db-'));
}

function cli(args, { env = {}, cwd = tempDir() } = {}) {
  const clean = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('RETORNO_')) clean[k] = v;
  const r = spawnSync(BIN, args, { cwd, env: { ...clean, ...env }, encoding: 'utf8', timeout: 30000 });
  if (r.error) throw r.error;
  return r;
}

test('an unreachable PostgreSQL server is a clear error and a non-zero exit', () => {
  const url = 'postgresql://retorno@127.0.0.1:1/retorno?connect_timeout=2';
  for (const args of [['serve', '--port', '0', '--database', url], ['migrate', '--database', url],
    ['--database', url, 'migrate'], ['--db', url, 'user', 'add', '--login', 'x', '--name', 'X', '--password', 'y']]) {
    const r = cli(args);
    assert.notEqual(r.status, 0, `${args.join(' ')} exited 0`);
    assert.match(r.stderr, /database postgresql:\/\/retorno@127\.0\.0\.1:1\/retorno/, r.stderr);
    assert.match(r.stderr, /PostgreSQL/, r.stderr);
    assert.match(r.stderr, /refused|could not connect|failed/i, r.stderr);
  }
});

test('a malformed URL or an unknown scheme is refused without showing the password', () => {
  let r = cli(['serve', '--port', '0', '--database', 'postgres://retorno:s3cret@db/retorno?no_such_option=1']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /bad PostgreSQL URL/, r.stderr);
  assert.doesNotMatch(r.stderr, /s3cret/);
  r = cli(['migrate', '--database', 'postgresq://retorno:s3cret@db/retorno']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /neither a file nor a postgresql:\/\/ or postgres:\/\/ URL/, r.stderr);
  assert.doesNotMatch(r.stderr, /s3cret/);
});

test('a flag wins over RETORNO_DATABASE, which wins over the TOML file', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'retorno.toml'), 'database = "postgresql://127.0.0.1:1/from-toml?connect_timeout=1"\n');
  let r = cli(['migrate'], { cwd: dir });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /from-toml/);
  r = cli(['migrate'], { cwd: dir, env: { RETORNO_DATABASE: 'postgres://127.0.0.1:1/from-env?connect_timeout=1' } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /from-env/);
  r = cli(['migrate', '--database', `sqlite:${path.join(dir, 'flag.db')}`], { cwd: dir, env: { RETORNO_DATABASE: 'postgres://127.0.0.1:1/from-env' } });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(dir, 'flag.db')));
});

test('retorno migrate --database postgresql://... migrates a PostgreSQL database once', async () => {
  const url = await freshPgDatabase(BIN);  // a copy of the template, already migrated
  let r = cli(['migrate', '--database', url]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /: 0 migration\(s\) applied/);
  // An empty database gets every migration.
  const empty = await emptyPgDatabase(BIN);
  r = cli(['migrate', '--database', empty]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /: [1-9]\d* migration\(s\) applied/);
  r = cli(['migrate', '--database', empty]);
  assert.match(r.stdout, /: 0 migration\(s\) applied/);
});
