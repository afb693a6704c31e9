// Benchmark of the CSV import: LINES lines (default 20,000: one sale per line,
// one in ten with a product that creates a follow-up) through POST /imports/documents,
// timed from the upload to "done", beside the machine's limit measured in the same run:
// raw SQLite (the sqlite3 CLI) inserting the same number of document + item rows in
// transactions of 200 with synchronous=FULL, as the server does — the floor under what
// any import through the use cases can do.
//
//   node bench/import.mjs             (after: bash scripts/build.sh)
//   LINES=5000 node bench/import.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { API, createParty, expectStatus, loginAdmin, startServer } from '../tests/api/harness.mjs';

const LINES = Number(process.env.LINES || 20000);
const CHUNK = 200;

function rawSqliteSeconds() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-bench-sqlite-'));
  const db = path.join(dir, 'raw.db');
  let sql = 'PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;\n' +
    'CREATE TABLE d (id INTEGER PRIMARY KEY, kind TEXT, number TEXT, party INTEGER, issued TEXT, UNIQUE(kind, number));\n' +
    'CREATE TABLE i (doc INTEGER, pos INTEGER, code TEXT, qty REAL, PRIMARY KEY (doc, pos)) WITHOUT ROWID;\n';
  for (let c = 0; c < LINES; c += CHUNK) {
    sql += 'BEGIN;\n';
    for (let k = c; k < Math.min(LINES, c + CHUNK); k++)
      sql += `INSERT INTO d (kind, number, party, issued) VALUES ('sale', 'B-${k}', 1, '2026-11-30');\nINSERT INTO i VALUES (last_insert_rowid(), 0, 'AVULSO', 1);\n`;
    sql += 'COMMIT;\n';
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sqlite3', [db], { input: sql });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return s;
}

const server = await startServer();
try {
  const admin = await loginAdmin(server);
  const customer = await createParty(admin, { name: 'Cliente Benchmark Ltda.' });
  expectStatus(await admin.post(`${API}/catalog`, { code: 'PRD-BENCH', kind: 'product', name: 'Filtro', followup_days: 30 }), 201);
  const today = expectStatus(await admin.get(`${API}/me`), 200).body.today;
  const rows = ['kind,number,date,customer_code,item_code,quantity'];
  for (let i = 0; i < LINES; i++) rows.push(`sale,B-${i},${today},${customer.code},${i % 10 === 0 ? 'PRD-BENCH' : 'AVULSO'},1`);
  const body = Buffer.from(rows.join('\n') + '\n');
  const t0 = Date.now();
  const accepted = await admin.request('POST', `${API}/imports/documents`, { body, headers: { 'Content-Type': 'text/csv' } });
  expectStatus(accepted, 202);
  const acceptMs = Date.now() - t0;
  let run, polls = 0, lastProgress = -1, progressSteps = 0;
  for (;;) {
    run = expectStatus(await admin.get(`${API}/imports/${accepted.body.id}`), 200).body;
    polls++;
    if (run.processed_lines !== lastProgress) { progressSteps++; lastProgress = run.processed_lines; }
    if (run.status === 'done' || run.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (Date.now() - t0) / 1000;
  if (run.status !== 'done' || run.documents_created !== LINES) throw new Error(`import: ${JSON.stringify(run).slice(0, 500)}`);
  const raw = rawSqliteSeconds();
  const rate = LINES / seconds, rawRate = LINES / raw;
  console.log(`import of ${LINES} lines (${(body.length / 1024).toFixed(0)} KiB): accepted in ${acceptMs} ms, done in ${seconds.toFixed(2)} s`);
  console.log(`  ${rate.toFixed(0)} documents/s, ${run.followups_created} automatic follow-ups; progress seen at ${progressSteps} distinct values over ${polls} polls`);
  console.log(`  machine limit, raw sqlite3 with the same chunks (synchronous=FULL): ${rawRate.toFixed(0)} documents/s in ${raw.toFixed(2)} s`);
  console.log(`  import = ${(100 * rate / rawRate).toFixed(0)} % of raw SQLite`);
} finally {
  await server.stop();
}
