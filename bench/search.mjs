// Search timings on a generated database (bench/gen_data.cc): the party search
// (GET /parties?q=) and the follow-up list's text search (GET /followups?q=), each
// with a query that matches many rows, one that matches a few, and one that matches
// none (the whole scan). Prints one table of milliseconds per request (median, p90).
//
//   build/bench/retorno_bench_gen --db /tmp/b.db --followups 300000 --today 2026-12-04
//   DB=/tmp/b.db node bench/search.mjs
//   DB=/tmp/b.db RETORNO_BIN=<another build>/src/main/retorno node bench/search.mjs
//
// The server opens (and migrates) DB: run it on a copy when comparing two builds.
import { API, expectStatus, login, startServer } from '../tests/api/harness.mjs';

const DB = process.env.DB;
if (!DB) throw new Error('DB=<generated database> is required');
const RUNS = Number(process.env.RUNS || 15);

const server = await startServer({ db: DB, extraArgs: [] });
try {
  const admin = await login(server, 'admin', process.env.PASSWORD || 'bench-pass-123');
  const cases = [
    ['parties', 'many (limit 20)', '/parties?limit=20&q=cliente'],
    ['parties', 'one (name digits)', '/parties?limit=20&q=000123'],
    ['parties', 'none', '/parties?limit=20&q=nada%20disso'],
    ['followups', 'many (page of 50)', '/followups?status=all&limit=50&q=or%C3%A7amento'],
    ['followups', 'eleven', '/followups?status=all&limit=50&q=%2312345'],
    ['followups', 'none', '/followups?status=all&limit=50&q=nada%20disso'],
  ];
  console.log('| search | matches | median ms | p90 ms | rows |');
  console.log('|---|---|---|---|---|');
  for (const [what, label, url] of cases) {
    const times = [];
    let rows = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = process.hrtime.bigint();
      const r = expectStatus(await admin.get(`${API}${url}`), 200);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      rows = r.body.items.length;
      if (i >= 2) times.push(ms);  // two warm-ups
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    console.log(`| ${what} | ${label} | ${at(0.5)} | ${at(0.9)} | ${rows} |`);
  }
} finally {
  await server.stop();
}
