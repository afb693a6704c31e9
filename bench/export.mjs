// Benchmark of the exports: the follow-up list of ROWS follow-ups (default 20,000) as
// CSV, XLSX and PDF through GET /followups/export, read as fast as the client can,
// with the server's resident memory sampled from /proc while each file streams.
// Memory must not grow with the row count: the same export of a tenth of the rows is
// measured first, and the table shows both peaks. Beside it, the machine's limit
// measured in the same run: the sqlite3 CLI writing the same rows (one join, no
// visibility, no layout) as CSV, which no export through the use cases can beat.
//
//   node bench/export.mjs              (after: bash scripts/build.sh)
//   ROWS=5000 node bench/export.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { API, expectStatus, login, REPO_ROOT, startServer } from '../tests/api/harness.mjs';

const ROWS = Number(process.env.ROWS || 20000);
const PASSWORD = 'bench-pass-123';
const today = new Date().toISOString().slice(0, 10);

function generate(rows) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-bench-export-'));
  const db = path.join(dir, 'bench.db');
  const r = spawnSync(path.join(REPO_ROOT, 'build', 'bench', 'retorno_bench_gen'),
    ['--db', db, '--followups', String(rows), '--today', today, '--password', PASSWORD], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`retorno_bench_gen: ${r.stderr}`);
  return { dir, db };
}

const rssKb = (pid) => {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(s)[1]);
};

// One export: rows/s, bytes, the server's RSS before and its peak while streaming.
async function exportOnce(server, client, format) {
  const pid = server.child.pid;
  const before = rssKb(pid);
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, rssKb(pid)); }, 20);
  const t0 = process.hrtime.bigint();
  const res = expectStatus(await client.get(`${API}/followups/export?format=${format}&status=all`), 200);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, rssKb(pid));
  return { s, bytes: res.buf.length, before, peak };
}

function rawCsvSeconds(db) {
  const sql = `.mode csv\n.separator ;\n.output /dev/null\nSELECT f.id, p.code || ' ' || p.name, f.subject, f.category, f.priority, f.next_due_date, f.contact_at FROM followups f JOIN parties p ON p.id = f.party_id ORDER BY f.next_due_date, f.id;\n`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sqlite3', [db], { input: sql });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const results = [];
for (const rows of [Math.round(ROWS / 10), ROWS]) {
  const { dir, db } = generate(rows);
  const server = await startServer({ db });
  try {
    const admin = await login(server, 'admin', PASSWORD);
    await exportOnce(server, admin, 'csv');  // warm-up: the page cache and the server's pools
    for (const format of ['csv', 'xlsx', 'pdf']) results.push({ rows, format, ...(await exportOnce(server, admin, format)) });
    results.push({ rows, format: 'sqlite3 CLI, CSV (limit)', s: rawCsvSeconds(db), bytes: 0 });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`| rows | format | seconds | rows/s | MB | server RSS before → peak (MB) |`);
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  const mem = r.before ? `${(r.before / 1024).toFixed(1)} → ${(r.peak / 1024).toFixed(1)}` : '';
  console.log(`| ${r.rows} | ${r.format} | ${r.s.toFixed(2)} | ${Math.round(r.rows / r.s)} | ${r.bytes ? (r.bytes / 1e6).toFixed(1) : ''} | ${mem} |`);
}
