// A return's message to the customer goes through the one renderer every e-mail uses:
// its placeholders are checked when it is saved, filled when it is sent, and a message
// whose value is missing is held with its reason and the responsible person told. The
// follow-up's people in copy follow its reminders too. A real SMTP server receives what
// is sent; the server's clock is simulated from a fixed instant: each return is reminded
// two seconds after the moment it is created, and the test moves the clock there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  advance, API, createParty, createUser, expectFieldError, expectStatus, login, loginAdmin, startServer,
} from './harness.mjs';
import { openEvents, SmtpSink } from './smtp.mjs';

const NOW = '2026-11-23T13:00:00Z';  // 10:00 in São Paulo, 07:00 in Mexico City
const TODAY = '2026-11-23';

describe('messages to the customer', () => {
  let server, sink, admin, agent, agentUser, party;
  let clock = NOW;  // the server's simulated now
  const soon = () => new Date(Date.parse(clock) + 2000).toISOString();
  // Moves the clock `seconds` on; the jobs that became due have run when it resolves.
  const wait = async (seconds) => { clock = await advance(server, seconds); };

  before(async () => {
    sink = await SmtpSink.start();
    server = await startServer({ clockStart: NOW, simulatedClock: true });
    admin = await loginAdmin(server);
    expectStatus(await admin.put(`${API}/settings/smtp`, {
      host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: '',
      sender_name: 'Retorno', sender_email: 'retorno@empresa.com.br',
    }), 200, 'smtp settings');
    agentUser = await createUser(admin, { name: 'Lucía Hernández', email: 'lucia@empresa.com.mx',
      email_reminders: 'each', time_zone: 'America/Mexico_City', locale: 'es' });
    agent = await login(server, agentUser.login);
    party = await createParty(agent, { name: 'Açougue Cambuí', email: 'compras@acougue.com.br', whatsapp: '' });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  const followup = (message, contact, extra = {}) => ({
    party_id: party.id, subject: 'Entrega do pedido', category: 'pos_venda', priority: 'medium',
    contact: { name: 'Rosa Muñoz', email: 'rosa@acougue.com.br', phone: '', whatsapp: '', ...contact },
    next_action: { type: 'phone', due_date: TODAY, remind_at: soon(), notify_customer: true, message },
    ...extra,
  });
  const emailsOf = async (id) => expectStatus(await agent.get(`${API}/followups/${id}/emails`), 200).body.items;
  const count = async () => expectStatus(await admin.get(`${API}/followups?party_id=${party.id}&limit=200`), 200).body.items.length;

  test('an unknown placeholder in the message is refused when the return is saved, in the user\'s language, and nothing is stored', async () => {
    const before = await count();
    const res = expectFieldError(await agent.post(`${API}/followups`, followup('Olá #{clinte}', {})),
      422, 'next_action.message', 'unknown_placeholder');
    assert.match(res.message, /marcador|placeholder/i);
    assert.equal(await count(), before, 'no follow-up stored');
    // The same rule on a return added later and on the return chained when one is completed.
    const f = expectStatus(await agent.post(`${API}/followups`, followup('Olá #{cliente}', {}, {
      next_action: { type: 'phone', due_date: '2026-11-30', message: 'Olá #{cliente}' } })), 201).body;
    expectFieldError(await agent.post(`${API}/followups/${f.id}/actions`,
      { type: 'phone', due_date: '2026-11-30', notify_customer: true, message: 'Hola #{nombre}' }),
    422, 'message', 'unknown_placeholder');
    expectFieldError(await agent.post(`${API}/actions/${f.actions[0].id}/complete`, {
      result: 'Falei com a Rosa', resolution: 'phone',
      next_action: { type: 'phone', due_date: '2026-12-07', message: 'Olá #{contato|clinte}' } }),
    422, 'next_action.message', 'unknown_placeholder');
    const d = expectStatus(await agent.get(`${API}/followups/${f.id}`), 200).body;
    assert.equal(d.actions.length, 1, 'no return added');
    assert.equal(d.actions[0].status, 'planned', 'the return was not completed');
  });

  test('the message is filled with the follow-up\'s values (names in any language) and the reminder e-mails carry the follow-up\'s copy', async () => {
    const before = sink.messages().length;
    const f = expectStatus(await agent.post(`${API}/followups`, followup(
      'Olá #{contato}, o pedido da #{customer} (#{codigo_cliente}) sai hoje, #{fecha_hoy}.', {},
      { cc: ['gerente@acougue.com.br'] })), 201).body;
    await wait(2);  // the reminder fires and queues both messages
    await wait(1);  // the next round of the outbox sends them
    const mails = (await sink.waitFor(before + 2)).slice(before);
    const toCustomer = mails.find((m) => m.envelope.rcpt_tos.includes('rosa@acougue.com.br'));
    const reminder = mails.find((m) => m.envelope.rcpt_tos.includes('lucia@empresa.com.mx'));
    assert.ok(toCustomer && reminder, JSON.stringify(mails.map((m) => m.envelope)));
    const text = toCustomer.mail.parts[0].text;
    assert.match(text, new RegExp(`Olá Rosa Muñoz, o pedido da Açougue Cambuí \\(${party.code}\\) sai hoje, 23/11/2026\\.`));
    assert.doesNotMatch(text, /#\{/, 'no placeholder reaches the customer');
    assert.doesNotMatch(toCustomer.mail.parts[1]?.html ?? '', /#\{/);
    // The people in copy of the follow-up are copied on its reminders too.
    assert.deepEqual(reminder.mail.cc.map((a) => a.email), ['gerente@acougue.com.br']);
    assert.ok(reminder.envelope.rcpt_tos.includes('gerente@acougue.com.br'), 'Cc is a recipient of the reminder');
    const log = await emailsOf(f.id);
    assert.ok(log.length === 2 && log.every((i) => i.state === 'sent'), JSON.stringify(log));
    assert.deepEqual(log.map((m) => m.kind).sort(), ['customer', 'reminder']);
  });

  test('a value missing when the message is sent holds it: the outbox says why, the responsible person is told, nothing goes out', async () => {
    const before = sink.messages().length;
    const f = expectStatus(await agent.post(`${API}/followups`, followup(
      'Chame a gente no WhatsApp #{whatsapp_contato}.', { whatsapp: '' })), 201).body;
    await wait(2);  // the reminder fires
    await wait(1);  // the outbox's next round
    const held = (await emailsOf(f.id)).find((m) => m.kind === 'customer' && m.state === 'blocked');
    assert.ok(held, 'the customer message held');
    assert.match(held.last_error, /whatsapp_contato/);
    assert.deepEqual(held.to, ['rosa@acougue.com.br']);
    const notes = expectStatus(await agent.get(`${API}/notifications`), 200).body.items;
    const n = notes.find((x) => x.kind === 'mail_blocked' && x.followup_id === f.id);
    assert.ok(n, JSON.stringify(notes.map((x) => [x.kind, x.followup_id])));
    assert.match(n.detail, /whatsapp_contato/);
    // The reminder to the agent still goes out; the customer's message does not.
    await sink.waitFor(before + 1);
    for (let i = 0; i < 5; i++) await wait(1);  // several rounds: a held message stays held
    const got = sink.messages().slice(before);
    assert.equal(got.filter((m) => m.envelope.rcpt_tos.includes('rosa@acougue.com.br')).length, 0);
    assert.equal((await emailsOf(f.id)).find((m) => m.id === held.id).state, 'blocked');
  });

  test('a return that is done leaves the bell, in every open app of its assignee', async () => {
    const events = await openEvents(server.url(`${API}/events`), { Authorization: `Bearer ${agent.token}` });
    try {
      await events.next('summary');
      const f = expectStatus(await agent.post(`${API}/followups`, followup('Olá #{contato}', {}, {
        next_action: { type: 'phone', due_date: TODAY, remind_at: soon() } })), 201).body;
      await wait(2);
      const n = await events.next('notification', { timeoutMs: 10000 });
      assert.equal(n.data.action_id, f.actions[0].id);
      const unread = async () => expectStatus(await agent.get(`${API}/notifications?unread=true`), 200).body;
      assert.ok((await unread()).items.some((x) => x.id === n.data.id), 'the reminder is in the bell');
      const mark = events.events.length;
      expectStatus(await agent.post(`${API}/actions/${f.actions[0].id}/complete`,
        { result: 'Entregue', resolution: 'phone' }), 200);
      const after = await unread();
      assert.ok(!after.items.some((x) => x.id === n.data.id), 'the done return left the bell');
      // The open app is told at once, with the new unread count.
      const summary = await events.next('summary', { after: mark });
      assert.equal(summary.data.unread, after.unread);
    } finally {
      events.close();
    }
  });

  test('every signed-in user learns whether e-mail can go out at all', async () => {
    const me = expectStatus(await agent.get(`${API}/me`), 200).body;
    assert.equal(me.settings.mail_configured, true);
    const bare = await startServer({ clockStart: NOW });
    try {
      const a = await loginAdmin(bare);
      assert.equal(expectStatus(await a.get(`${API}/me`), 200).body.settings.mail_configured, false);
    } finally {
      await bare.stop();
    }
  });
});
