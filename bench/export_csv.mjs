// A 1,000,000-row CSV export through the running server, on a generated database
// (build/bench-run/reports-1000000.db from bench/reports.sh, or export-1000000.db from
// bench/export_db.sh): GET /followups/export?format=csv as the admin (every follow-up),
// read as a stream and counted line by line, with the server's resident memory sampled
// from /proc every 20 ms. Memory is flat when the server's growth at 100,000 rows is
// the same as at 1,000,000: both are printed, with the seconds, rows/s and the target
// (under 10 s). Beside it, in the same run and on the same core, the machine's limits:
// SQLite alone stepping the export's own SELECT through the C API (every column read,
// nothing written: retorno_bench_raw_sqlite --scan), and the sqlite3 CLI writing the
// same SELECT as CSV. Then the XLSX and the PDF of 10,000 and of 100,000 rows (a range
// of next-return dates), each with its time and its memory before and at the peak.
// Every line has its wall time and its CPU time: on a shared machine the first includes
// waiting for the core.
//
//   node bench/export_csv.mjs            (after bash bench/reports.sh made the database)
//   DB=build/bench-run/export-1000000.db node bench/export_csv.mjs
//   FORMATS=csv node bench/export_csv.mjs   (the CSV alone)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { API, login, REPO_ROOT, startServer } from '../tests/api/harness.mjs';

// Absolute: the server runs in the database's directory.
const DB = path.resolve(process.env.DB || path.join(REPO_ROOT, 'build', 'bench-run', 'reports-1000000.db'));
const PASSWORD = process.env.PASSWORD || 'bench-pass-123';
const TARGET_S = 10;
const CORE = process.env.CORE || '0';
const FORMATS = (process.env.FORMATS || 'csv,xlsx,pdf').split(',');
const RAW = path.join(REPO_ROOT, 'build', 'bench', 'retorno_bench_raw_sqlite');
// The statement the store runs for the export's pages (src/store/sql/query_builders.cc,
// BuildFollowupExportQuery, as the admin with status=all), without its cursor and limit.
const EXPORT_SQL = 'SELECT f.id, p.code, p.name, f.subject, f.category, f.owner_id, f.priority, f.status, '
  + 'f.next_due_date, f.contact_at, f.due_key FROM followups f JOIN parties p ON p.id = f.party_id '
  + 'ORDER BY f.due_key, f.id';

if (!fs.existsSync(DB)) throw new Error(`${DB} not found: run bash bench/reports.sh (or bench/export_db.sh) first`);

const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
// The CPU seconds (user + system) a process has used: on a machine shared with other
// work the wall time includes waiting for the core, the CPU time does not.
const cpuS = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;  // utime, stime in ticks (CLK_TCK 100)
};

// Streams one export; returns seconds, lines, bytes, and the server's RSS before, at the
// 100,000th line and at the end (peaks up to those points).
async function exportOnce(server, client, query) {
  const pid = server.child.pid;
  const before = rssKb(pid);
  const cpu0 = cpuS(pid);
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, rssKb(pid)); }, 20);
  const headers = { Authorization: `Bearer ${client.token}` };
  const t0 = process.hrtime.bigint();
  const res = await fetch(server.url(`${API}/followups/export?${new URLSearchParams(query)}`), { headers });
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
  return { s, cpu: cpuS(pid) - cpu0, lines, bytes, before, at100k, peak };
}

// Wall and CPU seconds of a command on the server's core (/usr/bin/time for the CPU).
function seconds(cmd, args, input) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('taskset', ['-c', CORE, '/usr/bin/time', '-f', 'cpu %U %S', cmd, ...args],
    { input, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  const [, user, sys] = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { s: Number(process.hrtime.bigint() - t0) / 1e9, cpu: Number(user) + Number(sys), out: r.stdout };
}

const sqlite = (sql) => spawnSync('sqlite3', [DB, sql], { encoding: 'utf8' }).stdout.trim();
// The last next-return date of the first `rows` follow-ups in due order: `to` for an
// export of about that many rows.
const dueDateAt = (rows) => sqlite(`SELECT next_due_date FROM followups WHERE next_due_date IS NOT NULL ORDER BY next_due_date LIMIT 1 OFFSET ${rows - 1};`);

sqlite('PRAGMA wal_checkpoint(TRUNCATE);');
const total = Number(sqlite('SELECT count(*) FROM followups;'));
const server = await startServer({ db: DB, dir: path.dirname(DB), extraArgs: ['--threads', '1'] });
spawnSync('taskset', ['-a', '-p', '-c', CORE, String(server.child.pid)]);
let csv, raw, cli;
const others = [];
try {
  const admin = await login(server, 'admin', PASSWORD);
  if (FORMATS.includes('csv')) {
    csv = await exportOnce(server, admin, { format: 'csv', status: 'all' });
    if (fs.existsSync(RAW)) raw = seconds(RAW, ['--db', DB, '--scan', EXPORT_SQL]);
    cli = seconds('sqlite3', [DB], `.mode csv\n.separator ;\n.output /dev/null\n${EXPORT_SQL};\n`);
  }
  for (const format of FORMATS.filter((f) => f !== 'csv')) {
    for (const rows of [10000, 100000]) {
      const to = dueDateAt(rows);
      const count = Number(sqlite(`SELECT count(*) FROM followups WHERE next_due_date <= '${to}';`));
      const run = await exportOnce(server, admin, { format, status: 'all', to });
      others.push({ format, rows: count, ...run });
    }
  }
} finally {
  await server.stop({ timeoutMs: 60000 });
}
const mb = (kb) => (kb / 1024).toFixed(1);
if (csv) {
  const rows = csv.lines - 1;  // the header line (and a quoted field never holds a newline here)
  console.log(`CSV export of the follow-up list (${total} follow-ups), server pinned to core ${CORE}; target: under ${TARGET_S} s, flat memory`);
  console.log('| rows | seconds (wall) | CPU seconds | rows/s (wall) | MB | server RSS before | at 100,000 rows | at the end | target (wall) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(`| ${rows} | ${csv.s.toFixed(2)} | ${csv.cpu.toFixed(2)} | ${Math.round(rows / csv.s)} | ${(csv.bytes / 1e6).toFixed(1)} | ${mb(csv.before)} | ${mb(csv.at100k ?? csv.peak)} | ${mb(csv.peak)} | ${csv.s < TARGET_S ? 'met' : 'NOT MET'} |`);
  if (raw) console.log(`| ${rows} (SQLite alone stepping the same SELECT, C API) | ${raw.s.toFixed(2)} | ${raw.cpu.toFixed(2)} | ${Math.round(rows / raw.s)} | | | | | |`);
  console.log(`| ${rows} (sqlite3 CLI writing the same SELECT as CSV) | ${cli.s.toFixed(2)} | ${cli.cpu.toFixed(2)} | ${Math.round(rows / cli.s)} | | | | | |`);
  if (raw) console.log(raw.out.trim());
}
if (others.length) {
  console.log('\nXLSX and PDF (next return up to a date), same server');
  console.log('| format | rows | seconds (wall) | CPU seconds | rows/s (wall) | MB | server RSS before | peak |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const o of others)
    console.log(`| ${o.format} | ${o.rows} | ${o.s.toFixed(2)} | ${o.cpu.toFixed(2)} | ${Math.round(o.rows / o.s)} | ${(o.bytes / 1e6).toFixed(1)} | ${mb(o.before)} | ${mb(o.peak)} |`);
}
