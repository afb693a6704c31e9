// Benchmark of a mailing to selected customers (ADR 0048): RECIPIENTS people (default
// 10,000) selected by filter, from the request to every person having a recipient row
// and an outbox message (the job's batches of 500, one transaction each), measured by
// polling the mailing's progress while the simulated clock runs the job's rounds.
// Target: < 5 s. Beside it, the machine's limit measured in the same run: the sqlite3
// CLI inserting the same number of rows, one statement each, in one transaction into a
// table shaped like the outbox.
// Then the delivery: the SMTP settings point at the real sink of the API tests
// (python3-aiosmtpd, storing each message), the clock moves past the retry the
// messages were put off to, and the time until the sink holds every message is printed
// beside the sink's own intake rate: a plain SMTP client sending the very messages the
// outbox delivered (as the sink stored them) again over one connection, in the same run.
// Delivery should keep pace with it.
// The CPU seconds the server and the sink spent on each (from /proc, so the figures
// can be compared on a machine that other work shares), and the intake's client's, are
// printed after the table.
//
//   node bench/mailings.mjs            (after: bash scripts/build.sh)
//   RECIPIENTS=2000 node bench/mailings.mjs
//   MAIL_THREADS=8 node bench/mailings.mjs   (the outbox's threads, `serve --mail-threads`;
//                                             default: the server's own default)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import net from 'node:net';

import { API, expectStatus, login, REPO_ROOT, startServer } from '../tests/api/harness.mjs';
import { SmtpSink } from '../tests/api/smtp.mjs';

const RECIPIENTS = Math.min(20000, Number(process.env.RECIPIENTS || 10000));
const PASSWORD = 'bench-pass-123';
const TARGET_S = 5;
const MAIL_THREADS = process.env.MAIL_THREADS ? Number(process.env.MAIL_THREADS) : undefined;

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

// CPU seconds (user + system) process `pid` has used so far; NaN off Linux.
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;  // utime, stime in ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

// The messages the outbox delivered, as the sink stored them (its envelope and the bytes
// of DATA), to be sent to it again: the sink's intake is measured on the very messages.
function deliveredMessages(dir, count) {
  const out = [];
  for (let n = 1; n <= count; n++) {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, `${n}.json`), 'utf8'));
    const data = fs.readFileSync(path.join(dir, `${n}.eml`)).toString('latin1');
    // CRLF line ends and SMTP's dot-stuffing, as a client sends them.
    const lines = data.replace(/\r?\n$/, '').split(/\r?\n/).map((l) => (l.startsWith('.') ? `.${l}` : l));
    out.push({ from: meta.mail_from, to: meta.rcpt_tos, data: `${lines.join('\r\n')}\r\n.\r\n` });
  }
  return out;
}

// The sink's own intake: the same messages, one after another over one SMTP connection,
// each acknowledged before the next is sent.
async function sinkIntakeSeconds(sink, messages) {
  const socket = net.connect(sink.port, '127.0.0.1');
  let buffer = '';
  const waiting = [];
  socket.on('data', (d) => {
    buffer += d.toString('latin1');
    for (;;) {
      const end = buffer.indexOf('\r\n');
      if (end < 0) break;
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (line[3] === '-') continue;  // a multi-line reply goes on
      waiting.shift()?.(line);
    }
  });
  const reply = () => new Promise((r) => waiting.push(r));
  const send = async (text, code) => {
    const got = reply();
    if (text !== null) socket.write(text, 'latin1');
    const line = await got;
    if (!line.startsWith(code)) throw new Error(`smtp: sent ${text?.slice(0, 40)}, got ${line}`);
  };
  await send(null, '220');
  await send('EHLO bench\r\n', '250');
  const t0 = process.hrtime.bigint();
  for (const m of messages) {
    await send(`MAIL FROM:<${m.from}>\r\n`, '250');
    for (const to of m.to) await send(`RCPT TO:<${to}>\r\n`, '250');
    await send('DATA\r\n', '354');
    await send(m.data, '250');
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  socket.end('QUIT\r\n');
  return s;
}

const { dir, db } = generate();
let mailingS, raw, deliveryS, intakeS, messageBytes;
let deliveryServerCpu, deliverySinkCpu, intakeSinkCpu, intakeClientCpu;
const sink = await SmtpSink.start();
const server = await startServer({
  db, simulatedClock: true,
  extraArgs: MAIL_THREADS === undefined ? [] : ['--mail-threads', String(MAIL_THREADS)],
});
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

  expectStatus(await admin.put(`${API}/settings/smtp`, {
    host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: 'bench',
    sender_name: 'Retorno', sender_email: 'retorno@empresa.com.br',
  }), 200, 'smtp settings');
  const cpu0 = [cpuSeconds(server.child.pid), cpuSeconds(sink.child.pid)];
  const t1 = process.hrtime.bigint();
  // Past the retry every message was put off to while no server was configured.
  const delivering = admin.post(`${API}/test/clock/advance`, { seconds: 3600 });
  const deadline = Date.now() + 20 * 60 * 1000;
  // The sink numbers what it accepts from 1 and writes <n>.json last: the last number's
  // file means all are in. Checked instead of listing the folder (20,000 names) five
  // times a second, which took CPU from the two processes being measured.
  const last = path.join(sink.dirs[sink.dirs.length - 1], `${RECIPIENTS}.json`);
  while (!fs.existsSync(last)) {
    if (Date.now() > deadline) throw new Error(`delivered ${sink.count()} of ${RECIPIENTS} in 20 minutes`);
    await new Promise((r) => setTimeout(r, 200));
  }
  deliveryS = Number(process.hrtime.bigint() - t1) / 1e9;
  deliveryServerCpu = cpuSeconds(server.child.pid) - cpu0[0];
  deliverySinkCpu = cpuSeconds(sink.child.pid) - cpu0[1];
  await delivering;
  if (sink.count() !== RECIPIENTS) throw new Error(`the sink holds ${sink.count()} messages, expected ${RECIPIENTS}`);
  const messages = deliveredMessages(sink.dirs[sink.dirs.length - 1], RECIPIENTS);
  messageBytes = messages.reduce((n, m) => n + m.data.length, 0) / messages.length;
  const cpu1 = cpuSeconds(sink.child.pid);
  const client0 = process.cpuUsage();
  intakeS = await sinkIntakeSeconds(sink, messages);
  intakeSinkCpu = cpuSeconds(sink.child.pid) - cpu1;
  const client = process.cpuUsage(client0);
  intakeClientCpu = (client.user + client.system) / 1e6;
} finally {
  await server.stop();
  await sink.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log('| what | rows | seconds | rows/s | target |');
console.log('|---|---|---|---|---|');
console.log(`| mailing queued (recipient row + outbox message each) | ${RECIPIENTS} | ${mailingS.toFixed(2)} | ${Math.round(RECIPIENTS / mailingS)} | < ${TARGET_S} s: ${mailingS < TARGET_S ? 'met' : 'NOT met'} |`);
console.log(`| sqlite3 CLI, one INSERT each in one transaction (limit) | ${RECIPIENTS} | ${raw.toFixed(2)} | ${Math.round(RECIPIENTS / raw)} | |`);
console.log(`| mailing delivered to the SMTP sink through the outbox (${MAIL_THREADS ?? 'default'} mail threads) | ${RECIPIENTS} | ${deliveryS.toFixed(2)} | ${Math.round(RECIPIENTS / deliveryS)} | the sink's intake |`);
console.log(`| the sink's own intake of the same messages (${Math.round(messageBytes)} bytes each), one SMTP client on one connection (limit) | ${RECIPIENTS} | ${intakeS.toFixed(2)} | ${Math.round(RECIPIENTS / intakeS)} | |`);
console.log(`\nCPU seconds: delivery ${deliveryServerCpu.toFixed(2)} retorno + ${deliverySinkCpu.toFixed(2)} sink; the sink's own intake ${intakeSinkCpu.toFixed(2)} sink + ${intakeClientCpu.toFixed(2)} client (this process). Load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
