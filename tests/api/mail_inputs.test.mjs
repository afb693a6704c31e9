// Inputs the mailer cannot send are refused where they are typed: e-mail addresses by
// the mailer's own rules, line breaks in one-line fields (names, subjects), and hand-sent
// e-mail beyond a per-user hourly limit (429, in the user's language).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus,
  login, loginAdmin, snapshot, startServer,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';

describe('addresses and one-line fields', () => {
  let server, admin, party;
  before(async () => {
    server = await startServer({ clockStart: CLOCK });
    admin = await loginAdmin(server);
    party = await createParty(admin, {});
  });
  after(async () => { await server?.stop(); });

  test('addresses the mailer would refuse are 422 invalid_email at input, nothing stored', async () => {
    const before = await snapshot(admin);
    for (const email of ['josé@empresa.com.br', 'contato@café.com.br', '"ana"@x.com.br', 'a(b)@x.com',
      'ana..silva@x.com', 'ana@x_y.com', 'ana@10.0.0.1']) {
      expectFieldError(await admin.post(`${API}/parties`, { code: 'BAD-MAIL', name: 'Loja', email }), 422, 'email', 'invalid_email');
      expectFieldError(await admin.post(`${API}/users`, { login: 'bad-mail', name: 'X', password: 'k7#Vq-Lp2w', email }), 422, 'email', 'invalid_email');
    }
    assert.deepEqual(await snapshot(admin), before);
    // The ASCII form of an internationalised domain is fine.
    expectStatus(await admin.post(`${API}/parties`, { code: 'IDN-OK', name: 'Café', email: 'contato@xn--caf-dma.com.br' }), 201);
  });

  test('line breaks in names and subjects are 422 line_break naming the field, in three languages', async () => {
    const before = await snapshot(admin);
    expectFieldError(await admin.post(`${API}/parties`, { code: 'LB-1', name: 'Loja\r\nBcc: todos@x.com' }), 422, 'name', 'line_break');
    expectFieldError(await admin.post(`${API}/users`, { login: 'lb-user', name: 'Ana\nSilva', password: 'k7#Vq-Lp2w' }), 422, 'name', 'line_break');
    expectFieldError(await admin.post(`${API}/branches`, { name: 'Filial\rNorte' }), 422, 'name', 'line_break');
    const fu = { party_id: party.id, subject: 'Orçamento\r\nBcc: x@y.com', next_action: { type: 'phone', due_date: '2026-03-12' } };
    const messages = {};
    for (const lang of ['pt-BR', 'es', 'en']) {
      messages[lang] = expectFieldError(await admin.post(`${API}/followups`, fu, { lang }), 422, 'subject', 'line_break').message;
    }
    assert.match(messages['pt-BR'], /linha/);
    assert.match(messages.es, /línea/);
    assert.match(messages.en, /line/);
    assert.deepEqual(await snapshot(admin), before);
    // Bodies are many lines and stay so.
    const made = await createFollowup(admin, { party_id: party.id, due_date: '2026-03-12', subject: 'Uma linha' });
    expectStatus(await admin.post(`${API}/followups/${made.id}/entries`, { kind: 'note', body: 'Linha 1\nLinha 2' }), 201);
    const g = await admin.get(`${API}/followups/${made.id}`);
    expectFieldError(await admin.patch(`${API}/followups/${made.id}`, { subject: 'A\nB' }, { headers: { 'If-Match': g.headers.get('etag') } }), 422, 'subject', 'line_break');
  });

  test('a template subject with a line break is 422 line_break', async () => {
    expectFieldError(await admin.post(`${API}/templates/preview`, { subject: 'Oi\r\nBcc: x@y.com', body: 'x', followup_id: 1 }), 422, 'subject', 'line_break');
  });
});

describe('per-user sending limit', () => {
  let server, admin, agent, fu;
  before(async () => {
    server = await startServer({ clockStart: CLOCK, extraArgs: ['--mail-per-user-per-hour', '3'] });
    admin = await loginAdmin(server);
    // Nothing listens there: messages only need to be queued, and the scheduler's
    // failed attempts do not count against anyone.
    expectStatus(await admin.put(`${API}/settings/smtp`, {
      host: '127.0.0.1', port: 9, security: 'none', username: '', password: '',
      sender_name: 'Retorno', sender_email: 'retorno@empresa.com.br',
    }), 200, 'smtp settings');
    const u = await createUser(admin, {});
    agent = await login(server, u.login);
    const party = await createParty(agent, { email: 'compras@cliente.com.br' });
    fu = await createFollowup(agent, { party_id: party.id, due_date: '2026-03-12' });
  });
  after(async () => { await server?.stop(); });

  test('send-now counts recipients; past the limit 429 mail_rate_limited in three languages, nothing queued', async () => {
    const send = (body, lang) => agent.post(`${API}/followups/${fu.id}/emails`, { subject: 'Oi', body: 'Texto', ...body }, { lang });
    expectStatus(await send({ to: ['a@cliente.com.br', 'b@cliente.com.br'] }), 202);
    // Two of three used: two more recipients are one too many.
    const over = await send({ to: ['c@cliente.com.br'], cc: ['d@cliente.com.br'] });
    expectProblem(over, 429, 'mail_rate_limited');
    const titles = {};
    expectStatus(await send({ to: ['c@cliente.com.br'] }), 202);
    for (const lang of ['pt-BR', 'es', 'en']) titles[lang] = expectProblem(await send({}, lang), 429, 'mail_rate_limited').body.title;
    assert.match(titles['pt-BR'], /e-mails por hora/);
    assert.match(titles.es, /correos por hora/);
    assert.match(titles.en, /hourly e-mail limit/);
    const emails = expectStatus(await agent.get(`${API}/followups/${fu.id}/emails`), 200).body.items;
    assert.equal(emails.length, 2, 'only the messages within the limit were queued');
  });

  test('each user has their own limit, and test mails count', async () => {
    for (let i = 0; i < 3; i++) expectStatus(await admin.post(`${API}/settings/smtp/test`, { to: 'ti@empresa.com.br' }), 202);
    expectProblem(await admin.post(`${API}/settings/smtp/test`, { to: 'ti@empresa.com.br' }), 429, 'mail_rate_limited');
  });
});
