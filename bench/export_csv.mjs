// A 1,000,000-row CSV export through the running server, on the database bench/reports.sh
// generates once (build/bench-run/reports-1000000.db): GET /followups/export?format=csv
// as the admin (every follow-up), read as a stream and counted line by line, with the
// server's resident memory sampled from /proc every 20 ms. Memory is flat when the
// server's growth at 100,000 rows is the same as at 1,000,000: both are printed, with
// the seconds, rows/s, the target (under 10 s) and, as the machine's limit, the sqlite3
// CLI writing the same rows as CSV (one join, no reach, no layout), on the same core.
//
//   node bench/export_csv.mjs            (after bash bench/reports.sh made the database)
//   DB=build/bench-run/reports-200000.db node bench/export_csv.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { API, login, REPO_ROOT, startServer } from '../tests/api/harness.mjs';

const DB = process.env.DB || path.join(REPO_ROOT, 'build', 'bench-run', 'reports-1000000.db');
const PASSWORD = process.env.PASSWORD || 'bench-pass-123';
const TARGET_S = 10;
const CORE = process.env.CORE || '0';

if (!fs.existsSync(DB)) throw new Error(`${DB} not found: run bash bench/reports.sh first`);

const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

// Streams one export; returns seconds, rows, bytes, and the server's RSS before, at the
// 100,000th row and at the end (peaks up to those points).
async function exportCsv(server, client) {
  const pid = server.child.pid;
  const before = rssKb(pid);
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, rssKb(pid)); }, 20);
  const headers = { Authorization: `Bearer ${client.token}` };
  const t0 = process.hrtime.bigint();
  const res = await fetch(server.url(`${API}/followups/export?format=csv&status=all`), { headers });
  if (res.status !== 200) throw new Error(`export: HTTP ${res.status} ${await res.text()}`);
  let lines = 0, bytes = 0, at100k = null;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    if (at100k === null && lines > 100000) at100k = Math.max(peak, rssKb(pid));
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, rssKb(pid));
  // Lines include the header line (and a quoted field never holds a newline here).
  return { s, rows: lines - 1, bytes, before, at100k, peak };
}

function rawCsvSeconds() {
  const sql = `.mode csv\n.separator ;\n.output /dev/null\nSELECT f.id, p.code || ' ' || p.name, f.subject, f.category, f.priority, f.next_due_date, f.contact_at FROM followups f JOIN parties p ON p.id = f.party_id ORDER BY f.due_key, f.id;\n`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('taskset', ['-c', CORE, 'sqlite3', DB], { input: sql });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

spawnSync('sqlite3', [DB, 'PRAGMA wal_checkpoint(TRUNCATE);']);
const server = await startServer({ db: DB, dir: path.dirname(DB), extraArgs: ['--threads', '1'] });
spawnSync('taskset', ['-a', '-p', '-c', CORE, String(server.child.pid)]);
let run, raw;
try {
  const admin = await login(server, 'admin', PASSWORD);
  run = await exportCsv(server, admin);
  raw = rawCsvSeconds();
} finally {
  await server.stop({ timeoutMs: 60000 });
}
const mb = (kb) => (kb / 1024).toFixed(1);
console.log(`CSV export of the follow-up list, server pinned to core ${CORE}; target: under ${TARGET_S} s, flat memory`);
console.log('| rows | seconds | rows/s | MB | server RSS before | at 100,000 rows | at the end | target |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(`| ${run.rows} | ${run.s.toFixed(2)} | ${Math.round(run.rows / run.s)} | ${(run.bytes / 1e6).toFixed(1)} | ${mb(run.before)} | ${mb(run.at100k ?? run.peak)} | ${mb(run.peak)} | ${run.s < TARGET_S ? 'met' : 'NOT MET'} |`);
console.log(`| ${run.rows} (sqlite3 CLI, limit) | ${raw.toFixed(2)} | ${Math.round(run.rows / raw)} | | | | | |`);
