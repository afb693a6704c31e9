// A private PostgreSQL 15 cluster for the API tests (the node twin of
// src/store/postgres/test_cluster.h): initdb + pg_ctl from /usr/lib/postgresql/15/bin
// (RETORNO_PG_BIN overrides) in a temporary folder, on a free port of 127.0.0.1, with
// durability off; run as the `postgres` system user when the tests run as root (initdb
// refuses root). Started once per test process, on first use, with a template database
// migrated by `retorno migrate`; each server then gets a fresh copy of it (milliseconds).
// Stopped (immediate mode) and deleted when the process exits.
//
// RETORNO_TEST_DATABASE=postgres makes startServer (harness.mjs) use it. Run as a
// script, `node tests/api/pg_cluster.mjs COMMAND ARGS...` starts one cluster, runs the
// command with RETORNO_TEST_PG_PORT/RETORNO_TEST_PG_DIR naming it (so every test file
// shares it instead of starting its own), and stops it:
//
//   RETORNO_TEST_DATABASE=postgres node tests/api/pg_cluster.mjs node --test tests/api/
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PG_BIN = process.env.RETORNO_PG_BIN || '/usr/lib/postgresql/15/bin';
const TEMPLATE = 'migrated';

let cluster = null;  // { dir, port, asPostgres }
let counter = 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(c, argv, what) {
  const full = c.asPostgres ? ['/usr/sbin/runuser', '-u', 'postgres', '--', ...argv] : argv;
  const r = spawnSync(full[0], full.slice(1), { cwd: c.dir, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    let log = '';
    try { log = fs.readFileSync(path.join(c.dir, 'server.log'), 'utf8'); } catch { /* none yet */ }
    throw new Error(`${what} exited ${r.status}\n${r.stdout}\n${r.stderr}\n${log}`);
  }
  return r;
}

function psql(c, sql) {
  return run(c, [`${PG_BIN}/psql`, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p',
    String(c.port), '-U', 'retorno', '-d', 'postgres', '-c', sql], 'psql');
}

export function urlOf(c, db) {
  return `postgresql://retorno@127.0.0.1:${c.port}/${db}?connect_timeout=10`;
}

// The cluster of this process, started (and its template migrated with `bin migrate`)
// on first call.
export async function pgCluster(bin) {
  if (cluster) return cluster;
  // A cluster shared by every test file, started by `node pg_cluster.mjs COMMAND...`.
  if (process.env.RETORNO_TEST_PG_PORT) {
    cluster = { dir: process.env.RETORNO_TEST_PG_DIR, port: Number(process.env.RETORNO_TEST_PG_PORT),
      asPostgres: process.getuid && process.getuid() === 0 };
    return cluster;
  }
  if (!fs.existsSync(`${PG_BIN}/initdb`)) throw new Error(`${PG_BIN}/initdb not found: install postgresql-15`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-api-pg-'));
  const asPostgres = process.getuid && process.getuid() === 0;
  if (asPostgres) run({ dir, asPostgres: false }, ['chown', 'postgres:postgres', dir], 'chown');
  const c = { dir, port: 0, asPostgres };
  run(c, [`${PG_BIN}/initdb`, '-D', path.join(dir, 'data'), '-U', 'retorno', '-A', 'trust', '-E', 'UTF8',
    '--locale=C', '--no-sync', '--no-instructions'], 'initdb');
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    c.port = await freePort();
    const options = `-p ${c.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off ` +
      '-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=200 ' +
      '-c wal_level=minimal -c max_wal_senders=0 -c autovacuum=off -c jit=off';
    try {
      run(c, [`${PG_BIN}/pg_ctl`, 'start', '-w', '-s', '-t', '30', '-D', path.join(dir, 'data'), '-l',
        path.join(dir, 'server.log'), '-o', options], 'pg_ctl start');
      lastError = null;
      break;
    } catch (e) { lastError = e; }
  }
  if (lastError) throw lastError;
  cluster = c;
  process.on('exit', () => {
    const stop = [`${PG_BIN}/pg_ctl`, 'stop', '-s', '-m', 'immediate', '-D', path.join(dir, 'data')];
    const full = c.asPostgres ? ['/usr/sbin/runuser', '-u', 'postgres', '--', ...stop] : stop;
    spawnSync(full[0], full.slice(1), { cwd: dir, timeout: 20000 });
    if (process.env.RETORNO_API_KEEP_TMP !== '1') fs.rmSync(dir, { recursive: true, force: true });
  });
  psql(c, `CREATE DATABASE ${TEMPLATE}`);
  const m = spawnSync(bin, ['migrate', '--database', urlOf(c, TEMPLATE)], { cwd: dir, encoding: 'utf8', timeout: 60000 });
  if (m.status !== 0) throw new Error(`retorno migrate on the test cluster exited ${m.status}\n${m.stderr}`);
  return c;
}

// A new empty database (no migration); returns its URL.
export async function emptyPgDatabase(bin) {
  const c = await pgCluster(bin);
  const name = `e${process.pid}_${++counter}`;
  psql(c, `CREATE DATABASE ${name}`);
  return urlOf(c, name);
}

// A new database copied from the migrated template; returns its URL.
export async function freshPgDatabase(bin) {
  const c = await pgCluster(bin);
  const name = `t${process.pid}_${++counter}`;
  psql(c, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  return urlOf(c, name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node pg_cluster.mjs COMMAND [ARGS...]');
    process.exit(2);
  }
  const bin = process.env.RETORNO_BIN || path.resolve(path.dirname(process.argv[1]), '..', '..', 'build', 'src', 'main', 'retorno');
  const c = await pgCluster(bin);
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, RETORNO_TEST_PG_PORT: String(c.port), RETORNO_TEST_PG_DIR: c.dir },
  });
  process.exitCode = r.status ?? 1;
}
