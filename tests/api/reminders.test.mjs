// Reminders, alerts and e-mail end to end: a running `retorno serve` on a simulated
// clock the tests move (no waiting for time to pass), a real SMTP server
// (python3-aiosmtpd storing what it receives), Server-Sent Events read as the web app
// reads them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  advance, API, createFollowup, createParty, createUser, expectFieldError, expectStatus, login,
  loginAdmin, pdfBytes, startServer, upload,
} from './harness.mjs';
import { openEvents, SmtpSink } from './smtp.mjs';

// A failed delivery is retried 1 s later (then 2 s, 4 s…); a message being sent is
// another worker's after 3 s.
const FAST = ['--mail-retry-base-seconds', '1', '--mail-lease-seconds', '3'];
const START = '2026-11-24T13:00:00Z';  // 10:00 in São Paulo
const todaySP = () => '2026-11-24';

async function configureSmtp(admin, sink) {
  const res = expectStatus(await admin.put(`${API}/settings/smtp`, {
    host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: 'não-usada',
    sender_name: 'Retorno Campinas — Assistência', sender_email: 'retorno@empresa.com.br',
  }), 200, 'smtp settings');
  assert.equal(res.body.password_set, true);
  assert.equal(res.body.password, undefined, 'the password is never returned');
}

async function emailsOf(client, followupId) {
  return expectStatus(await client.get(`${API}/followups/${followupId}/emails`), 200).body.items;
}

describe('reminders and e-mail', () => {
  let server, sink, admin, agent, agentUser, party;
  let clock = START;  // the server's simulated now
  // Moves the clock `seconds` on; the jobs that became due have run when it resolves.
  const wait = async (seconds) => { clock = await advance(server, seconds); };

  before(async () => {
    sink = await SmtpSink.start();
    server = await startServer({ clockStart: START, simulatedClock: true, extraArgs: FAST });
    admin = await loginAdmin(server);
    await configureSmtp(admin, sink);
    agentUser = await createUser(admin, { name: 'João Conceição', email: 'joao@empresa.com.br', email_reminders: 'each' });
    agent = await login(server, agentUser.login);
    party = await createParty(agent, { name: 'Oficina São José Ltda.', email: 'compras@oficina.com.br' });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('a return reminded in 2 s pushes a notification over SSE and e-mails the agent and the customer with CC', async () => {
    const events = await openEvents(server.url(`${API}/events`), { Authorization: `Bearer ${agent.token}` });
    try {
      assert.equal(events.res.status, 200);
      assert.match(events.res.headers.get('content-type'), /^text\/event-stream/);
      const summary = await events.next('summary');
      assert.equal(typeof summary.data.due_today, 'number');
      const before = sink.messages().length;
      const remindAt = new Date(Date.parse(clock) + 2000).toISOString();
      const f = await createFollowup(agent, {
        party_id: party.id, due_date: todaySP(), subject: 'Revisão do compressor — Ação',
        contact: { name: 'Señora Muñoz', email: 'muñoz@cliente.com.br'.replace('ñ', 'n'), phone: '', whatsapp: '' },
        cc: ['gerente@cliente.com.br'],
        next_action: { type: 'phone', due_date: todaySP(), remind_at: remindAt, notify_customer: true,
          message: 'Seu compressor está pronto para retirada.' },
      });
      const action = f.actions[0];
      assert.equal(Date.parse(action.remind_at), Date.parse(remindAt));
      await wait(1);
      const mark = events.events.length;
      await wait(1);  // the reminder's instant
      assert.ok(!events.events.slice(0, mark).some((e) => e.name === 'notification'), 'nothing before its instant');
      const n = await events.next('notification', { timeoutMs: 10000, after: mark });
      assert.equal(n.data.kind, 'reminder');
      assert.equal(n.data.action_id, action.id);
      assert.equal(n.data.subject, 'Revisão do compressor — Ação');
      assert.equal(n.data.party_name, 'Oficina São José Ltda.');
      assert.equal(Date.parse(n.data.created_at), Date.parse(remindAt), 'fired at its instant');
      assert.equal(n.data.late, false);

      await wait(1);  // the outbox's next round
      const mails = (await sink.waitFor(before + 2)).slice(before);
      const toAgent = mails.find((m) => m.envelope.rcpt_tos.includes('joao@empresa.com.br'));
      const toCustomer = mails.find((m) => m.envelope.rcpt_tos.includes('munoz@cliente.com.br'));
      assert.ok(toAgent && toCustomer, JSON.stringify(mails.map((m) => m.envelope)));
      assert.equal(toAgent.mail.subject, 'Retorno: Revisão do compressor — Ação — Oficina São José Ltda.');
      assert.deepEqual(toAgent.mail.from, [{ name: 'Retorno Campinas — Assistência', email: 'retorno@empresa.com.br' }]);
      assert.match(toAgent.mail.parts[0].text, /Olá, João Conceição\./);
      assert.equal(toCustomer.mail.subject, 'Revisão do compressor — Ação');
      assert.match(toCustomer.mail.parts[0].text, /Prezado\(a\) Señora Muñoz,/);
      assert.match(toCustomer.mail.parts[0].text, /Seu compressor está pronto para retirada\./);
      assert.deepEqual(toCustomer.mail.cc.map((a) => a.email), ['gerente@cliente.com.br']);
      assert.ok(toCustomer.envelope.rcpt_tos.includes('gerente@cliente.com.br'), 'Cc is a recipient');
      assert.equal(toCustomer.mail.defects.length, 0);

      // The delivery log on the follow-up, and the timeline (manual 003).
      const log = await emailsOf(agent, f.id);
      assert.ok(log.length === 2 && log.every((i) => i.state === 'sent'), JSON.stringify(log));
      for (const m of log) assert.deepEqual(m.log.map((e) => e.event), ['queued', 'sent']);
      const detail = expectStatus(await agent.get(`${API}/followups/${f.id}`), 200).body;
      assert.equal(detail.entries.filter((e) => e.kind === 'email').length, 2);
      // Each message went out once.
      assert.equal(sink.messages().filter((m) => m.mail.raw['Message-ID'] === log[0].message_id).length, 1);
    } finally {
      events.close();
    }
  });

  test('send now with a PDF: decoded subject, attachment bytes identical; bad placeholders and missing values refused', async () => {
    const f = await createFollowup(agent, { party_id: party.id, due_date: todaySP(),
      contact: { name: '', email: 'compras@oficina.com.br', phone: '', whatsapp: '' } });
    const pdf = pdfBytes();
    const att = expectStatus(await upload(agent, f.id, pdf, { filename: 'orçamento nº 12.pdf' }), 201).body;
    expectFieldError(await agent.post(`${API}/followups/${f.id}/emails`, { subject: 'Oi #{clinte}', body: 'x' }),
      422, 'subject', 'unknown_placeholder');
    const missing = expectFieldError(await agent.post(`${API}/followups/${f.id}/emails`,
      { subject: 'Oi', body: 'Fale com #{contato} pelo #{whatsapp_contato}' }), 422, 'body', 'missing_value:whatsapp_contato');
    assert.match(missing.message, /#\{whatsapp_contato\}/);
    assert.equal((await emailsOf(agent, f.id)).length, 0, 'nothing queued');

    const before = sink.messages().length;
    const sent = expectStatus(await agent.post(`${API}/followups/${f.id}/emails`, {
      subject: 'Orçamento #{codigo_cliente} — #{cliente}', body: 'Prezado(a) #{contato|cliente},\n\nSegue o orçamento.',
      attachment_ids: [att.id],
    }), 202).body;
    assert.equal(sent.state, 'queued');
    assert.deepEqual(sent.to, ['compras@oficina.com.br']);
    await wait(1);  // the outbox's next round
    const [m] = (await sink.waitFor(before + 1)).slice(before);
    assert.equal(m.mail.subject, `Orçamento ${party.code} — Oficina São José Ltda.`);
    assert.equal(m.mail.raw['Message-ID'], sent.message_id);
    const pdfPart = m.mail.parts.find((p) => p.content_type === 'application/pdf');
    assert.ok(pdfPart, m.mail.structure);
    assert.equal(pdfPart.filename, 'orçamento nº 12.pdf');
    assert.ok(Buffer.from(pdfPart.base64, 'base64').equals(Buffer.from(pdf)), 'attachment bytes identical');
    assert.match(m.mail.parts[0].text, /Prezado\(a\) Oficina São José Ltda\.,/);
    assert.match(m.mail.structure, /multipart\/alternative\(text\/plain,text\/html\)/);
  });

  test('templates: unknown placeholders are refused on save; preview renders against a follow-up', async () => {
    const list = expectStatus(await admin.get(`${API}/templates`), 200).body;
    assert.ok(list.placeholders.some((p) => p.name === 'cliente'));
    assert.deepEqual([...new Set(list.items.map((t) => t.locale))].sort(), ['en', 'es', 'pt-BR']);
    const t = list.items.find((x) => x.kind === 'customer' && x.locale === 'es');
    expectFieldError(await admin.put(`${API}/templates/${t.id}`, { subject: 'Hola #{nombre}', body: t.body }),
      422, 'subject', 'unknown_placeholder');
    expectStatus(await agent.put(`${API}/templates/${t.id}`, { subject: t.subject, body: t.body }), 403);
    const f = await createFollowup(agent, { party_id: party.id, due_date: todaySP() });
    const p = expectStatus(await agent.post(`${API}/templates/preview`,
      { subject: '#{cliente}', body: '#{whatsapp_contato} / #{whatsapp_contato|telefone_contato} / #{dias_atraso}', followup_id: f.id }), 200).body;
    assert.equal(p.subject, 'Oficina São José Ltda.');
    assert.match(p.body, /^ \/ \+55 11 3232-4545 \/ 0$/);
    assert.deepEqual(p.missing, ['whatsapp_contato']);
  });

  test('notifications: list, snooze and mark read; another user cannot touch them', async () => {
    const list = expectStatus(await agent.get(`${API}/notifications?unread=true`), 200).body;
    assert.ok(list.unread >= 1);
    const n = list.items.find((i) => i.kind === 'reminder');
    const other = await login(server, (await createUser(admin, {})).login);
    expectStatus(await other.post(`${API}/notifications/${n.id}/snooze`, { until: '1h' }), 404);
    expectFieldError(await agent.post(`${API}/notifications/${n.id}/snooze`, { until: 'never' }), 422, 'until');
    const s = expectStatus(await agent.post(`${API}/notifications/${n.id}/snooze`, { until: '15m' }), 200).body;
    assert.ok(s.read_at);
    const minutes = (Date.parse(s.snoozed_until) - Date.parse(clock)) / 60000;
    assert.ok(minutes > 14 && minutes <= 15.1, `snoozed ${minutes} min`);
    assert.equal(minutes, 15, 'from the server\'s now');
    expectStatus(await agent.post(`${API}/notifications/read-all`, {}), 204);
    assert.equal(expectStatus(await agent.get(`${API}/notifications`), 200).body.unread, 0);
  });

  test('the SMTP server down for a while: every message delivered once when it returns', async () => {
    await sink.stop();
    const f = await createFollowup(agent, { party_id: party.id, due_date: todaySP(),
      contact: { name: 'Joana', email: 'joana@cliente.com.br', phone: '', whatsapp: '' } });
    const queued = [];
    for (let i = 0; i < 3; i++)
      queued.push(expectStatus(await agent.post(`${API}/followups/${f.id}/emails`,
        { subject: `Tentativa ${i}`, body: 'Olá #{contato}' }), 202).body);
    await wait(1);  // the outbox's round: the server is down
    const items = await emailsOf(agent, f.id);
    assert.ok(items.every((m) => m.log.some((e) => e.event === 'retry')), JSON.stringify(items.map((m) => m.log)));
    const health = expectStatus(await admin.get(`${API}/mail/health`), 200).body;
    assert.ok(health.outbox_queued >= 3);
    assert.ok(health.last_failure && health.last_failure.error.length > 0);
    assert.ok(health.scheduler_last_tick_at);
    const before = sink.messages().length;
    await sink.resume();
    await wait(1);  // the first retry, 1 s after the failure
    await sink.waitFor(before + 3, { timeoutMs: 30000 });
    assert.ok((await emailsOf(agent, f.id)).every((m) => m.state === 'sent'), 'all sent');
    for (let i = 0; i < 3; i++) await wait(30);  // nothing more arrives
    const got = sink.messages().slice(before).map((m) => m.mail.raw['Message-ID']).sort();
    assert.deepEqual(got, queued.map((m) => m.message_id).sort());
  });

  test('SIGKILL while sending: after a restart nothing is lost, at most the in-flight messages repeat with the same Message-ID', async () => {
    const f = await createFollowup(agent, { party_id: party.id, due_date: todaySP(),
      contact: { name: 'Joana', email: 'joana@cliente.com.br', phone: '', whatsapp: '' } });
    const before = sink.messages().length;
    const ids = [];
    for (let i = 0; i < 40; i++)
      ids.push(expectStatus(await agent.post(`${API}/followups/${f.id}/emails`,
        { subject: `Lote ${i}`, body: 'Olá #{contato}' }), 202).body.message_id);
    // The outbox's round starts; the process dies once the first message has arrived.
    const moving = advance(server, 1).catch(() => 'killed');
    await sink.waitFor(before + 1);
    server.child.kill('SIGKILL');
    await server.exit;
    await moving;
    // The restarted server's clock goes on from where the first one stopped.
    server = await startServer({ db: server.db, dir: server.dir, clockStart: clock, simulatedClock: true, extraArgs: FAST });
    agent = await login(server, agentUser.login);
    admin = await loginAdmin(server);
    await wait(1);  // what was queued goes out
    await wait(3);  // the leases of the messages in flight when it died expire: they go out again
    const sent = (await emailsOf(agent, f.id)).filter((m) => m.state === 'sent');
    assert.equal(sent.length, 40, 'all 40 sent');
    const got = sink.messages().slice(before).map((m) => m.mail.raw['Message-ID']);
    for (const id of ids) assert.ok(got.includes(id), `message ${id} lost`);
    const repeats = got.length - new Set(got).size;
    assert.ok(repeats <= 2, `${repeats} messages repeated (2 mail threads: at most 2 in flight)`);
    assert.ok(got.every((id) => ids.includes(id)));
  });
});
