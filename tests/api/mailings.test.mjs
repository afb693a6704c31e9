// Mailings to selected customers (manual 003, ADR 0048): a supervisor selects their
// branch's customers, writes a subject and text with placeholders, attaches a file and
// chooses the branch as sender; the job writes one outbox message per person and a
// real SMTP server receives them. A person without a value is held with the missing
// names, one who used the unsubscribe link of an earlier message is skipped, a
// permanent refusal marks the person bounced, and each person's history lists the
// mailing. The server's clock is simulated: the test moves it, never sleeps.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  advance, anonymous, API, createBranch, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, pdfBytes, startServer,
} from './harness.mjs';
import { SmtpSink } from './smtp.mjs';

const NOW = '2026-11-23T03:30:00Z';  // 00:30 on the 23rd in São Paulo; still the 22nd in Mexico City and New York
const BOUNCE = 'inexistente@cliente.com.br';
// A decoded message's parts, as a mail reader shows them.
const textOf = (mail) => mail.parts.find((p) => p.content_type === 'text/plain')?.text ?? '';
const htmlOf = (mail) => mail.parts.find((p) => p.content_type === 'text/html')?.text ?? '';
const filesOf = (mail) => mail.parts.filter((p) => p.filename).map((p) => p.filename);

describe('mailings to selected customers', () => {
  let server, sink, admin, sup, agent, b1, b2, owner;
  const ok = [];  // 200 customers of branch 1 with an owner and an address
  const noPhone = [];  // 5 whose #{telefone_contato} has no value
  let bounced, optedOut, other;

  before(async () => {
    sink = await SmtpSink.start({ args: ['--fail-rcpt', BOUNCE] });
    server = await startServer({ clockStart: NOW, simulatedClock: true });
    admin = await loginAdmin(server);
    expectStatus(await admin.put(`${API}/settings/smtp`, {
      host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: '',
      sender_name: 'Retorno', sender_email: 'retorno@empresa.com.br',
    }), 200, 'smtp settings');
    b1 = await createBranch(admin, 'Campinas');
    b2 = await createBranch(admin, 'Recife');
    sup = await login(server, (await createUser(admin, { name: 'Sílvia Supervisora', role: 'supervisor', branch_id: b1.id })).login);
    owner = await createUser(admin, { name: 'Otávio Vendedor', branch_id: b1.id });
    agent = await login(server, owner.login);
    for (let i = 0; i < 200; i++)
      ok.push(await createParty(admin, { name: `Cliente ${i}`, email: `c${i}@cliente.com.br`, branch_id: b1.id, owner_id: owner.id }));
    for (let i = 0; i < 5; i++)
      noPhone.push(await createParty(admin, { name: `Sem telefone ${i}`, email: `s${i}@cliente.com.br`, phone: '', branch_id: b1.id, owner_id: owner.id }));
    bounced = await createParty(admin, { name: 'Endereço errado', email: BOUNCE, branch_id: b1.id, owner_id: owner.id });
    optedOut = await createParty(admin, { name: 'Não quer mais', email: 'chega@cliente.com.br', branch_id: b1.id, owner_id: owner.id });
    other = await createParty(admin, { name: 'Cliente de Recife', email: 'recife@cliente.com.br', branch_id: b2.id });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  // Moves the clock a second at a time (a round of every job) until `done` says so.
  const roundsUntil = async (what, done) => {
    for (let i = 0; i < 60; i++) {
      await advance(server, 1);
      const v = await done();
      if (v) {
        if (process.env.MAILINGS_VERBOSE) console.log(`${what}: ${i + 1} rounds`);
        return v;
      }
    }
    assert.fail(`not done after 60 rounds: ${what}`);
  };
  const getMailing = async (client, id) => expectStatus(await client.get(`${API}/mailings/${id}`), 200).body;

  test('a person who opens the unsubscribe link of a message and confirms is opted out; the link itself changes nothing', async () => {
    const m = expectStatus(await admin.post(`${API}/mailings`, {
      subject: 'Aviso para #{cliente}', body: 'Olá #{cliente}.', filter: { party_ids: [optedOut.id] },
    }), 201).body;
    const before = sink.count();
    await roundsUntil('the first message', async () => (await getMailing(admin, m.id)).counts.sent === 1);
    const mail = (await sink.waitFor(before + 1)).slice(before)[0].mail;
    const url = /(http\S+\/api\/v1\/mailings\/unsubscribe\/\S+)/.exec(textOf(mail))?.[1];
    assert.ok(url, `the message carries an unsubscribe link: ${textOf(mail)}`);
    assert.match(htmlOf(mail), /<a href="http[^"]+\/api\/v1\/mailings\/unsubscribe\//);
    const path = new URL(url).pathname;
    const preview = async () => expectStatus(await admin.post(`${API}/mailings/preview-recipients`,
      { filter: { party_ids: [optedOut.id] } }), 200).body.items[0].opted_out;

    const page = expectStatus(await anonymous(server, 'es').get(path), 200);
    assert.match(page.headers.get('content-type'), /text\/html/);
    assert.match(page.text, /Não quer mais/);
    assert.match(page.text, /<form method="post"/);
    assert.match(page.text, /lang="es"/);
    assert.equal(await preview(), false, 'opening the link (a mail scanner may) does not opt out');

    expectStatus(await anonymous(server, 'en').post(path), 200);
    assert.equal(await preview(), true, 'confirmed: opted out');
    expectStatus(await anonymous(server).post(path), 200, 'confirming again changes nothing');
    expectProblem(await anonymous(server).get(`${API}/mailings/unsubscribe/${'x'.repeat(43)}`), 404, 'not_found');
  });

  test('a supervisor\'s mailing to 207 customers of the branch: 200 sent to the SMTP server, 5 held with the missing names, the opted-out skipped, the refused bounced, each in the person\'s history', async () => {
    const filter = { kind: 'customer' };  // a supervisor's selection is their branch's
    const preview = expectStatus(await sup.post(`${API}/mailings/preview-recipients`, { filter, limit: 10 }), 200).body;
    assert.equal(preview.count, 207, 'the branch\'s customers, not Recife\'s');
    assert.equal(preview.items.length, 10);
    const senders = expectStatus(await sup.get(`${API}/mailings/senders`), 200).body;
    assert.ok(senders.senders.includes('Campinas'));
    assert.ok(senders.placeholders.includes('responsavel'));

    const form = new FormData();
    form.append('mailing', JSON.stringify({
      subject: 'Reajuste de preços para #{cliente}',
      body: 'Olá #{cliente},\nseu consultor #{responsavel} envia o aviso de reajuste.\nTelefone cadastrado: #{telefone_contato}\n\n#{empresa}, #{data_hoje}',
      sender_name: 'Campinas', filter,
    }));
    form.append('file', new Blob([pdfBytes()], { type: 'application/octet-stream' }), 'reajuste.pdf');
    const before = sink.count();
    const created = expectStatus(await sup.request('POST', `${API}/mailings`, { body: form }), 201).body;
    assert.equal(created.status, 'queued');
    assert.equal(created.total, 207);
    assert.deepEqual(created.attachments, ['reajuste.pdf']);

    const done = await roundsUntil('every message delivered or refused', async () => {
      const m = await getMailing(sup, created.id);
      return m.status === 'done' && m.counts.queued === 0 ? m : null;
    });
    assert.deepEqual(done.counts, { queued: 0, sent: 200, held: 5, skipped_opt_out: 1, bounced: 1 });
    assert.equal(done.progress, 100);

    const mails = (await sink.waitFor(before + 200)).slice(before);
    assert.equal(mails.length, 200, 'one message per person sent, nothing for the held, skipped or refused');
    const to = new Set(mails.map((x) => x.envelope.rcpt_tos[0]));
    assert.equal(to.size, 200, 'each to a different person');
    const first = mails.find((x) => x.envelope.rcpt_tos[0] === 'c0@cliente.com.br')?.mail;
    assert.ok(first, 'Cliente 0 received theirs');
    assert.equal(first.subject, 'Reajuste de preços para Cliente 0');
    assert.match(textOf(first), /Olá Cliente 0,/);
    assert.match(textOf(first), /seu consultor Otávio Vendedor/);
    assert.match(textOf(first), /23\/11\/2026/, 'today in the owner\'s zone (São Paulo)');
    assert.match(JSON.stringify(first.from), /Campinas/, 'the sender the supervisor chose');
    assert.deepEqual(filesOf(first), ['reajuste.pdf']);

    const held = expectStatus(await sup.get(`${API}/mailings/${created.id}/recipients?status=held`), 200).body.items;
    assert.deepEqual(held.map((r) => r.party_id).sort((a, b) => a - b), noPhone.map((p) => p.id).sort((a, b) => a - b));
    for (const r of held) {
      assert.deepEqual(r.missing, ['telefone_contato']);
      assert.equal(r.unsubscribe_url, null, 'a held message was not sent');
    }
    const skipped = expectStatus(await sup.get(`${API}/mailings/${created.id}/recipients?status=skipped_opt_out`), 200).body.items;
    assert.deepEqual(skipped.map((r) => r.party_id), [optedOut.id]);
    const refused = expectStatus(await sup.get(`${API}/mailings/${created.id}/recipients?status=bounced`), 200).body.items;
    assert.deepEqual(refused.map((r) => r.party_id), [bounced.id]);

    // Each person's history of mailings.
    const history = async (p) => expectStatus(await sup.get(`${API}/parties/${p.id}/mailings`), 200).body.items;
    const h0 = await history(ok[0]);
    assert.deepEqual(h0.map((r) => [r.mailing_id, r.status]), [[created.id, 'sent']]);
    assert.equal(h0[0].mailing_subject, 'Reajuste de preços para #{cliente}');
    assert.deepEqual((await history(optedOut)).map((r) => r.status), ['sent', 'skipped_opt_out']);
    assert.deepEqual((await history(noPhone[0])).map((r) => r.status), ['held']);
    const all = [];
    for (let after = 0; ;) {
      const page = expectStatus(await sup.get(`${API}/mailings/${created.id}/recipients?limit=200${after ? `&after=${after}` : ''}`), 200).body;
      all.push(...page.items);
      if (page.next_after === null) break;
      after = page.next_after;
    }
    assert.equal(all.length, 207, 'one history row per selected person');
    assert.equal(new Set(all.map((r) => r.party_id)).size, 207);
  });

  test('a supervisor cannot mail another branch\'s people, an agent cannot mail at all, and nothing is stored', async () => {
    const count = async () => expectStatus(await admin.get(`${API}/mailings`), 200).body.items.length;
    const n = await count();
    const body = (filter) => ({ subject: 'Oi #{cliente}', body: 'Olá', filter });
    expectProblem(await sup.post(`${API}/mailings`, body({ branch_id: b2.id })), 403, 'filter_not_allowed');
    expectProblem(await sup.post(`${API}/mailings`, body({ party_ids: [ok[0].id, other.id] })), 403, 'forbidden_party');
    expectProblem(await sup.post(`${API}/mailings/preview-recipients`, { filter: { party_ids: [other.id] } }), 403, 'forbidden_party');
    expectProblem(await agent.post(`${API}/mailings`, body({})), 403, 'missing_right');
    expectProblem(await agent.get(`${API}/mailings`), 403, 'missing_right');
    expectProblem(await sup.get(`${API}/parties/${other.id}/mailings`), 403, 'forbidden_party');
    assert.equal(await count(), n, 'nothing stored');
    // The supervisor sees their branch's mailings only: an admin's is not theirs.
    const adminMailing = expectStatus(await admin.post(`${API}/mailings`, body({ party_ids: [other.id] })), 201).body;
    expectProblem(await sup.get(`${API}/mailings/${adminMailing.id}`), 404, 'not_found');
    assert.ok(!expectStatus(await sup.get(`${API}/mailings`), 200).body.items.some((m) => m.id === adminMailing.id));
  });

  test('bad input is refused naming the field, in the caller\'s language, and nothing is stored', async () => {
    const count = async () => expectStatus(await admin.get(`${API}/mailings`), 200).body.items.length;
    const n = await count();
    const base = { subject: 'Oi #{cliente}', body: 'Olá', filter: {} };
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, filter: { birthday_month: 13 } }), 422, 'filter.birthday_month', 'out_of_range');
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, filter: { branch_id: 999999 } }), 422, 'filter.branch_id', 'unknown_branch');
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, filter: { kind: 'amigo' } }), 422, 'filter.kind', 'invalid_value');
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, filter: { party_ids: [999999] } }), 422, 'filter.party_ids', 'unknown_party');
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, filter: { colour: 'red' } }), 422, 'filter.colour', 'unknown_field');
    expectFieldError(await admin.post(`${API}/mailings/preview-recipients`, { filter: { birthday_month: 0 } }), 422, 'filter.birthday_month', 'out_of_range');
    // A follow-up's placeholder has no value outside a follow-up: every message would be held.
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, body: 'Retorno em #{data_retorno}' }), 422, 'body', 'unknown_placeholder');
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, subject: '' }), 422, 'subject', 'required');
    expectFieldError(await admin.post(`${API}/mailings`, { ...base, sender_name: 'Outra Empresa' }), 422, 'sender_name', 'invalid_value');
    const es = await admin.post(`${API}/mailings`, { ...base, filter: { birthday_month: 13 } }, { lang: 'es' });
    assert.equal(es.status, 422);
    assert.notEqual(es.body.errors[0].message, (await admin.post(`${API}/mailings`, { ...base, filter: { birthday_month: 13 } }, { lang: 'en' })).body.errors[0].message);
    assert.equal(await count(), n, 'nothing stored');
  });

  test('"today" in each message is the person\'s owner\'s day: São Paulo, Mexico City and New York (DST zone)', async () => {
    const mk = async (name, zone) => {
      const u = await createUser(admin, { name, branch_id: b2.id, time_zone: zone });
      return createParty(admin, { name: `Cliente de ${name}`, email: `${name.toLowerCase()}@cliente.com.br`, branch_id: b2.id, owner_id: u.id });
    };
    const sp = await mk('Paula', 'America/Sao_Paulo');
    const mx = await mk('Mateo', 'America/Mexico_City');
    const ny = await mk('Nora', 'America/New_York');
    const m = expectStatus(await admin.post(`${API}/mailings`, {
      subject: 'Hoje', body: 'Hoje é #{data_hoje}.', filter: { party_ids: [sp.id, mx.id, ny.id] },
    }), 201).body;
    const before = sink.count();
    await roundsUntil('three messages', async () => (await getMailing(admin, m.id)).counts.sent === 3);
    const mails = (await sink.waitFor(before + 3)).slice(before);
    const textTo = (addr) => textOf(mails.find((x) => x.envelope.rcpt_tos[0].startsWith(addr)).mail);
    // The clock moved a few seconds from 03:30 UTC: São Paulo is past midnight, the others are not.
    assert.match(textTo('paula@'), /Hoje é 23\/11\/2026\./);
    assert.match(textTo('mateo@'), /Hoje é 22\/11\/2026\./);
    assert.match(textTo('nora@'), /Hoje é 22\/11\/2026\./);
  });
});
