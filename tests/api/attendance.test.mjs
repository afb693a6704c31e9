// Attendance types and pareceres (manual 003): the type's attachment rule on the shared
// attachment path, standard pareceres and the standard history, drafts in the author's
// pending list until published, and an e-mail from a parecer that reaches a real SMTP
// server and is copied into the history. The server's clock is simulated: the outbox
// sends when the test moves it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  advance, API, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer, upload,
} from './harness.mjs';
import { SmtpSink } from './smtp.mjs';

const NOW = '2026-11-23T13:00:00Z';
const TODAY = '2026-11-23';
const MB = 1024 * 1024;

describe('attendance types and pareceres', () => {
  let server, sink, admin, agent, other, party;

  const typeBody = (extra = {}) => ({
    names: { 'pt-BR': 'Assistência técnica', es: 'Asistencia técnica', en: 'Technical assistance' },
    attachments_allowed: true, max_attachment_bytes: 2 * MB,
    parecer_text: 'Atendimento a #{contato}: equipamento revisado.',
    email_subject: 'Parecer do atendimento', email_text: 'Olá #{contato}, segue o parecer.',
    ...extra,
  });

  before(async () => {
    sink = await SmtpSink.start();
    server = await startServer({ clockStart: NOW, simulatedClock: true });
    admin = await loginAdmin(server);
    expectStatus(await admin.put(`${API}/settings/smtp`, {
      host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: '',
      sender_name: 'Retorno', sender_email: 'retorno@empresa.com.br',
    }), 200, 'smtp settings');
    agent = await login(server, (await createUser(admin, { name: 'Rafael Souza' })).login);
    other = await login(server, (await createUser(admin, { name: 'Marta Lima' })).login);
    party = await createParty(agent, { name: 'Oficina Moema', email: 'contato@oficina.com.br' });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  const newType = async (extra) =>
    expectStatus(await admin.post(`${API}/attendance-types`, typeBody(extra)), 201, 'create type').body;
  const newFollowup = (typeId, extra = {}) => createFollowup(agent, {
    party_id: party.id, due_date: TODAY, attendance_type_id: typeId,
    contact: { name: 'Rosa Muñoz', email: 'rosa@oficina.com.br', phone: '', whatsapp: '' }, ...extra,
  });

  test('the configurator: admins create, change and retire types; agents list them; a bad field is named, in Spanish too', async () => {
    const t = await newType();
    assert.equal(t.name, 'Assistência técnica');
    assert.equal(t.max_attachment_bytes, 2 * MB);
    assert.equal(t.workflow_id, null);
    const list = expectStatus(await agent.get(`${API}/attendance-types`, { lang: 'es' }), 200).body.items;
    const listed = list.find((x) => x.id === t.id);
    assert.equal(listed.name, 'Asistencia técnica');
    assert.ok(list.some((x) => x.is_default), 'a default type exists');
    expectProblem(await agent.post(`${API}/attendance-types`, typeBody()), 403, 'admin_only');
    const tooBig = expectFieldError(await admin.post(`${API}/attendance-types`,
      typeBody({ max_attachment_bytes: 11 * MB }), { lang: 'es' }), 422, 'max_attachment_bytes', 'out_of_range');
    assert.match(tooBig.message, /[áéíóú]|rango|fuera|valor/i);
    const noName = expectFieldError(await admin.post(`${API}/attendance-types`,
      typeBody({ names: { 'pt-BR': '', es: 'x', en: 'y' } }), { lang: 'es' }), 422, 'names.pt-BR', 'required');
    assert.match(noName.message, /obligatorio|informe|indique/i);
    expectFieldError(await admin.post(`${API}/attendance-types`,
      typeBody({ parecer_text: 'Olá #{clinte}' })), 422, 'parecer_text', 'unknown_placeholder');
    const retired = expectStatus(await admin.patch(`${API}/attendance-types/${t.id}`, { active: false }), 200).body;
    assert.equal(retired.active, false);
    expectFieldError(await agent.post(`${API}/followups`, {
      party_id: party.id, subject: 'x', category: 'pos_venda', priority: 'medium', attendance_type_id: t.id,
      next_action: { type: 'phone', due_date: TODAY } }), 422, 'attendance_type_id', 'unknown_attendance_type');
    expectStatus(await admin.patch(`${API}/attendance-types/${t.id}`, { active: true }), 200);
    expectProblem(await admin.patch(`${API}/attendance-types/999999`, { active: true }), 404, 'attendance_type');
  });

  test('a follow-up has a type: the default when none is given, the chosen one otherwise, and it can change', async () => {
    const types = expectStatus(await agent.get(`${API}/attendance-types`), 200).body.items;
    const def = types.find((x) => x.is_default);
    const plain = await createFollowup(agent, { party_id: party.id, due_date: TODAY });
    assert.equal(plain.attendance_type_id, def.id);
    const t = await newType();
    const f = await newFollowup(t.id);
    assert.equal(f.attendance_type_id, t.id);
    const changed = expectStatus(await agent.patch(`${API}/followups/${plain.id}`, { attendance_type_id: t.id },
      { headers: { 'If-Match': `"${plain.version}"` } }), 200).body;
    assert.equal(changed.attendance_type_id, t.id);
  });

  test('a type that forbids attachments refuses one (422); one that allows 2 MB refuses 3 MB (413) and takes 1 MB', async () => {
    const forbids = await newType({ attachments_allowed: false });
    const f1 = await newFollowup(forbids.id);
    expectFieldError(await upload(agent, f1.id, Buffer.alloc(1000, 1)), 422, 'file', 'attachments_not_allowed');
    const allows = await newType({ max_attachment_bytes: 2 * MB });
    const f2 = await newFollowup(allows.id);
    expectProblem(await upload(agent, f2.id, Buffer.alloc(3 * MB, 1)), 413, 'too_large');
    expectStatus(await upload(agent, f2.id, Buffer.alloc(1 * MB, 1)), 201);
    const d = expectStatus(await agent.get(`${API}/followups/${f2.id}`), 200).body;
    assert.equal(d.attachments.length, 1, 'only the accepted one stored');
    assert.equal(expectStatus(await agent.get(`${API}/followups/${f1.id}`), 200).body.attachments.length, 0);
  });

  test('a standard parecer shows in the standard history and a free one does not', async () => {
    const t = await newType();
    const f = await newFollowup(t.id);
    const texts = expectStatus(await agent.get(`${API}/followups/${f.id}/standard-texts`), 200).body;
    assert.equal(texts.parecer, 'Atendimento a Rosa Muñoz: equipamento revisado.');
    const std = expectStatus(await agent.post(`${API}/followups/${f.id}/pareceres`, { standard: true }), 201).body;
    assert.equal(std.body, texts.parecer, 'the type\'s text, filled');
    assert.equal(std.standard, true);
    const free = expectStatus(await agent.post(`${API}/followups/${f.id}/pareceres`,
      { body: 'Cliente pediu orçamento de peças.' }), 201).body;
    assert.equal(free.standard, false);
    const full = expectStatus(await agent.get(`${API}/followups/${f.id}/history`), 200).body.items.map((e) => e.id);
    assert.ok(full.includes(std.id) && full.includes(free.id));
    const standard = expectStatus(await agent.get(`${API}/followups/${f.id}/history?standard=true`), 200).body;
    assert.equal(standard.standard, true);
    assert.deepEqual(standard.items.map((e) => e.id), [std.id]);
    expectFieldError(await agent.get(`${API}/followups/${f.id}/history?standard=sim`), 422, 'standard', 'invalid_value');
    // A type without a standard text has nothing to start from.
    const bare = await newType({ parecer_text: '' });
    const g = await newFollowup(bare.id);
    expectFieldError(await agent.post(`${API}/followups/${g.id}/pareceres`, { standard: true }, { lang: 'es' }),
      422, 'standard', 'no_standard_text');
  });

  test('a draft ("A concluir") appears in its author\'s pending list only, and leaves it when published', async () => {
    const f1 = await newFollowup(undefined);
    const f2 = await newFollowup(undefined);
    const d1 = expectStatus(await agent.post(`${API}/followups/${f1.id}/pareceres`,
      { body: 'Ligar de novo amanhã para confirmar.', draft: true }), 201).body;
    const d2 = expectStatus(await agent.post(`${API}/followups/${f2.id}/pareceres`,
      { body: 'Aguardando fotos do cliente.', draft: true }), 201).body;
    const pending = expectStatus(await agent.get(`${API}/pareceres/pending`), 200).body.items;
    assert.deepEqual(pending.map((p) => p.id).filter((id) => id === d1.id || id === d2.id).sort(), [d1.id, d2.id].sort());
    assert.equal(pending.find((p) => p.id === d1.id).followup_subject, f1.subject);
    const theirs = expectStatus(await other.get(`${API}/pareceres/pending`), 200).body.items;
    assert.ok(!theirs.some((p) => p.id === d1.id), 'nobody else sees the draft');
    assert.ok(!expectStatus(await agent.get(`${API}/followups/${f1.id}/history`), 200).body.items.some((e) => e.id === d1.id),
      'a draft is not history yet');
    expectProblem(await other.post(`${API}/pareceres/${d1.id}/publish`), 404);
    expectStatus(await agent.post(`${API}/pareceres/${d1.id}/publish`), 200);
    const after = expectStatus(await agent.get(`${API}/pareceres/pending`), 200).body.items.map((p) => p.id);
    assert.ok(!after.includes(d1.id) && after.includes(d2.id));
    assert.ok(expectStatus(await agent.get(`${API}/followups/${f1.id}/history`), 200).body.items.some((e) => e.id === d1.id));
  });

  test('an e-mail from a parecer, with the type\'s standard text, arrives at the SMTP server and is copied into the history', async () => {
    const t = await newType();
    const f = await newFollowup(t.id);
    const p = expectStatus(await agent.post(`${API}/followups/${f.id}/pareceres`, { standard: true }), 201).body;
    const before = sink.count();
    const queued = expectStatus(await agent.post(`${API}/pareceres/${p.id}/email`, {}), 202).body;
    assert.deepEqual(queued.to, ['rosa@oficina.com.br']);
    assert.equal(queued.text, 'Olá Rosa Muñoz, segue o parecer.');
    // Not sent yet: nothing in the history.
    const emailsBefore = expectStatus(await agent.get(`${API}/followups/${f.id}/history`), 200).body.items
      .filter((e) => e.kind === 'email');
    assert.equal(emailsBefore.length, 0, 'sent means sent');
    await advance(server, 1);
    const mails = (await sink.waitFor(before + 1)).slice(before);
    const mail = mails.find((m) => m.envelope.rcpt_tos.includes('rosa@oficina.com.br'));
    assert.ok(mail, JSON.stringify(mails.map((m) => m.envelope)));
    assert.equal(mail.mail.subject, 'Parecer do atendimento');
    assert.match(mail.mail.parts[0].text, /Olá Rosa Muñoz, segue o parecer\./);
    await advance(server, 1);
    const history = expectStatus(await agent.get(`${API}/followups/${f.id}/history`), 200).body.items;
    const copy = history.find((e) => e.kind === 'email');
    assert.ok(copy, 'the sent e-mail is a separate history entry');
    assert.notEqual(copy.id, p.id);
    assert.match(copy.body, /Parecer do atendimento/);
    assert.match(copy.body, /Olá Rosa Muñoz, segue o parecer\./);
  });
});
