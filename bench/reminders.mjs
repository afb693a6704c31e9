// Benchmark of reminders: REMINDERS reminders (default 10,000) due at the same instant,
// for AGENTS agents (default 100) whose apps are open (one SSE stream each) and who get
// one e-mail per return. Measures, from the instant, when the last notification reached
// its stream and when the last e-mail reached a real SMTP server (aiosmtpd sink), and
// prints them beside the machine's limit measured in the same run: the sink's own
// intake when Python's smtplib sends to it as fast as it can from two processes, one
// connection per message, like Retorno's two mail threads.
//
//   node bench/reminders.mjs            (after: bash scripts/build.sh)
//   REMINDERS=2000 AGENTS=20 node bench/reminders.mjs
//
// Targets: all 10,000 on SSE within 5 s; all at the SMTP server within 60 s.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
  API, createParty, createUser, expectStatus, login, loginAdmin, REPO_ROOT, startServer,
} from '../tests/api/harness.mjs';
import { openEvents, SmtpSink } from '../tests/api/smtp.mjs';

const N = Number(process.env.REMINDERS || 10000);
const AGENTS = Number(process.env.AGENTS || 100);
const LEAD_MS = Number(process.env.LEAD_MS || 0);  // 0: computed from the creation rate

const sink = await SmtpSink.start();
const server = await startServer();
const admin = await loginAdmin(server);
expectStatus(await admin.put(`${API}/settings/smtp`, {
  host: '127.0.0.1', port: sink.port, security: 'none', sender_name: 'Retorno', sender_email: 'retorno@bench.test',
}), 200);

console.log(`setting up ${AGENTS} agents and ${N} follow-ups through the API…`);
const agents = [];
for (let i = 0; i < AGENTS; i++) {
  const u = await createUser(admin, { login: `agent${i}`, email: `agent${i}@bench.test`, email_reminders: 'each' });
  agents.push(await login(server, u.login));
}
const party = await createParty(agents[0], { name: 'Cliente Benchmark Ltda.' });
// Probe the creation rate to pick an instant every creation finishes before.
const today = new Date(Date.now() - 3 * 3600e3).toISOString().slice(0, 10);
async function create(agent, remindAt) {
  const r = await agent.post(`${API}/followups`, {
    party_id: party.id, subject: 'Retorno do orçamento', category: 'pos_venda', priority: 'medium',
    next_action: { type: 'phone', due_date: today, remind_at: remindAt },
  });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${r.text}`);
}
const probeStart = Date.now();
const far = new Date(Date.now() + 86400e3).toISOString();
for (let i = 0; i < 50; i++) await create(agents[i % AGENTS], far);
const perCreateMs = (Date.now() - probeStart) / 50;
const leadMs = LEAD_MS || Math.ceil(perCreateMs * N / 4 * 1.5 + 15000);  // 4 clients in parallel
const at = new Date(Math.ceil((Date.now() + leadMs) / 1000) * 1000);
console.log(`creation ≈ ${perCreateMs.toFixed(1)} ms each; all ${N} due at ${at.toISOString()}`);
let next = 0;
await Promise.all([0, 1, 2, 3].map(async () => {
  while (next < N) {
    const i = next++;
    await create(agents[i % AGENTS], at.toISOString());
  }
}));
const createdBy = Date.now();
if (createdBy >= at.getTime()) throw new Error('creation took longer than the lead time; raise LEAD_MS');
const streams = await Promise.all(agents.map((a) =>
  openEvents(server.url(`${API}/events`), { Authorization: `Bearer ${a.token}` })));
console.log(`created in ${((createdBy - probeStart) / 1000).toFixed(1)} s; ${streams.length} streams open; waiting…`);

const t0 = at.getTime();
let sseDone = null, smtpDone = null;
const deadline = t0 + 180000;
for (;;) {
  const now = Date.now();
  const got = streams.reduce((n, s) => n + s.events.filter((e) => e.name === 'notification').length, 0);
  if (sseDone === null && got >= N)
    sseDone = Math.max(...streams.flatMap((s) => s.events.filter((e) => e.name === 'notification').map((e) => e.at))) - t0;
  if (smtpDone === null && sink.count() >= N) smtpDone = now - t0;
  if ((sseDone !== null && smtpDone !== null) || now > deadline) break;
  await new Promise((r) => setTimeout(r, 50));
}
const sseGot = streams.reduce((n, s) => n + s.events.filter((e) => e.name === 'notification').length, 0);
const smtpGot = sink.count();
for (const s of streams) s.close();
await server.stop();

// The limit: the same sink receiving from Python's smtplib, one connection per message.
const limitN = Math.min(N, 2000);
const limitDir = fs.mkdtempSync(path.join(path.dirname(sink.root), 'retorno-smtp-limit-'));
const limitSink = await SmtpSink.start({ dir: limitDir });
// Two senders, like Retorno's two mail threads.
const py = spawnSync('/usr/bin/python3', ['-c', `
import smtplib, time
from multiprocessing import Pool
from email.message import EmailMessage
def send(i):
    m = EmailMessage(); m['From'] = 'a@b.test'; m['To'] = 'c@d.test'; m['Subject'] = 'Retorno %d' % i
    m.set_content('Olá, teste de limite.')
    with smtplib.SMTP('127.0.0.1', ${limitSink.port}) as s: s.send_message(m)
if __name__ == '__main__':
    t = time.time()
    with Pool(2) as p: p.map(send, range(${limitN}), chunksize=20)
    print(${limitN} / (time.time() - t))
`], { encoding: 'utf8' });
await limitSink.stop();
await sink.stop();
const limitRate = Number(py.stdout.trim());

const row = (a, b, c, d) => console.log(`| ${a.padEnd(44)} | ${b.padStart(12)} | ${c.padStart(14)} | ${d.padEnd(22)} |`);
console.log('');
row('measure', 'value', 'target', 'note');
row('-'.repeat(44), '-'.repeat(12), '-'.repeat(14), '-'.repeat(22));
row(`${N} reminders → SSE, last arrival after instant`, sseDone === null ? `${sseGot}/${N}` : `${(sseDone / 1000).toFixed(2)} s`, '< 5 s', sseDone !== null && sseDone < 5000 ? 'met' : 'NOT met');
row(`${N} reminder e-mails → SMTP server, last`, smtpDone === null ? `${smtpGot}/${N}` : `${(smtpDone / 1000).toFixed(1)} s`, '< 60 s', smtpDone !== null && smtpDone < 60000 ? 'met' : 'NOT met');
if (smtpDone !== null) row('Retorno → SMTP rate', `${(N / (smtpDone / 1000)).toFixed(0)} msg/s`, '', '');
row('machine limit: smtplib → same sink', `${limitRate.toFixed(0)} msg/s`, '', `${limitN} msgs, 2 senders, 1 conn each`);
if (smtpDone !== null) row('Retorno / limit', `${(100 * N / (smtpDone / 1000) / limitRate).toFixed(0)} %`, '', '');
process.exit(0);
