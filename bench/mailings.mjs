// Benchmark of a mailing to selected customers (ADR 0048): RECIPIENTS people (default
// 10,000) selected by filter, from the request to every person having a recipient row
// and an outbox message (the job's batches of 500, one transaction each), measured by
// polling the mailing's progress while the simulated clock runs the job's rounds.
// Target: < 5 s. Beside it, the machine's limit measured in the same run: the sqlite3
// CLI inserting the same number of rows, one statement each, in one transaction into a
// table shaped like the outbox.
//
//   node bench/mailings.mjs            (after: bash scripts/build.sh)
//   RECIPIENTS=2000 node bench/mailings.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { API, expectStatus, login, REPO_ROOT, startServer } from '../tests/api/harness.mjs';

const RECIPIENTS = Math.min(20000, Number(process.env.RECIPIENTS || 10000));
const PASSWORD = 'bench-pass-123';
const TARGET_S = 5;

function sqlite(db, sql) {
  const r = spawnSync('sqlite3', [db], { input: sql, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout;
}

// 20,000 parties with an e-mail (the generator's), the first RECIPIENTS of them customers.
function generate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-bench-mailings-'));
  const db = path.join(dir, 'bench.db');
  const r = spawnSync(path.join(REPO_ROOT, 'build', 'bench', 'retorno_bench_gen'),
    ['--db', db, '--followups', '0', '--today', '2026-11-22', '--password', PASSWORD], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`retorno_bench_gen: ${r.stderr}`);
  sqlite(db, `UPDATE parties SET kind = CASE WHEN id < (SELECT min(id) FROM parties) + ${RECIPIENTS} THEN 'customer' ELSE 'prospect' END;`);
  return { dir, db };
}

function rawInsertSeconds(dir) {
  const db = path.join(dir, 'raw.db');
  sqlite(db, 'PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, to_addrs TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL) STRICT;');
  const lines = ['BEGIN;'];
  for (let i = 0; i < RECIPIENTS; i++)
    lines.push(`INSERT INTO t (to_addrs, subject, body, message_id, created_at) VALUES ('["c${i}@example.com.br"]', 'Reajuste de preços para Cliente ${i}', 'Olá Cliente ${i}, segue o aviso de reajuste.', '<${i}@bench>', ${i});`);
  lines.push('COMMIT;');
  const input = lines.join('\n');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sqlite3', [db], { input });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const { dir, db } = generate();
let mailingS, raw;
const server = await startServer({ db, simulatedClock: true });
try {
  const admin = await login(server, 'admin', PASSWORD);
  const m = expectStatus(await admin.post(`${API}/mailings`, {
    subject: 'Reajuste de preços para #{cliente}',
    body: 'Olá #{cliente},\nsegue o aviso de reajuste.\n\n#{empresa}, #{data_hoje}',
    filter: { kind: 'customer' },
  }), 201).body;
  if (m.total !== RECIPIENTS) throw new Error(`selected ${m.total}, expected ${RECIPIENTS}`);
  const t0 = process.hrtime.bigint();
  // The job's rounds run while the clock moves; the outbox's rounds (no SMTP server here:
  // each message is put off for a retry) run beside them, as on a live server.
  const moving = admin.post(`${API}/test/clock/advance`, { seconds: 1 });
  for (;;) {
    const v = expectStatus(await admin.get(`${API}/mailings/${m.id}`), 200).body;
    if (v.status === 'done') {
      mailingS = Number(process.hrtime.bigint() - t0) / 1e9;
      if (v.processed !== RECIPIENTS) throw new Error(`processed ${v.processed}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await moving;
  raw = rawInsertSeconds(dir);
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log('| what | rows | seconds | rows/s | target |');
console.log('|---|---|---|---|---|');
console.log(`| mailing queued (recipient row + outbox message each) | ${RECIPIENTS} | ${mailingS.toFixed(2)} | ${Math.round(RECIPIENTS / mailingS)} | < ${TARGET_S} s: ${mailingS < TARGET_S ? 'met' : 'NOT met'} |`);
console.log(`| sqlite3 CLI, one INSERT each in one transaction (limit) | ${RECIPIENTS} | ${raw.toFixed(2)} | ${Math.round(RECIPIENTS / raw)} | |`);
