// Proposals and visit sheets (manual 003, ADR 0047): an HTML layout with variables,
// sanitized when saved and checked for unknown variables; a proposal made on a
// follow-up from a quote, whose PDF (read back with pdftotext) holds the filled values
// with their accents, in the maker's language and day; the e-mail reaching a real SMTP
// server with the very PDF bytes attached, then the history; a value missing refuses
// the proposal and stores nothing; another branch's agent reaches none of it. The
// server's clock is simulated: it reads 2026-11-24 02:30 UTC, still the 23rd in São
// Paulo, Mexico City and New York (a zone with daylight saving time).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  advance, API, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer, uniq,
} from './harness.mjs';
import { SmtpSink } from './smtp.mjs';

const NOW = '2026-11-24T02:30:00Z';
const COMPANY = 'Distribuidora Horizonte Ltda.';

function pdfText(buf) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-pdf-')), 'p.pdf');
  fs.writeFileSync(file, buf);
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // A table cell wraps its text: compare words, not line breaks.
  return r.stdout.replace(/\s+/g, ' ');
}

describe('proposals and visit sheets', () => {
  let server, sink, admin, agent, agentMx, agentNy, stranger, party, fu, quote, layout;

  before(async () => {
    sink = await SmtpSink.start();
    server = await startServer({ clockStart: NOW, simulatedClock: true });
    admin = await loginAdmin(server);
    expectStatus(await admin.put(`${API}/settings/smtp`, {
      host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: '',
      sender_name: 'Retorno', sender_email: 'retorno@horizonte.com.br',
    }), 200, 'smtp settings');
    const settings = expectStatus(await admin.get(`${API}/settings`), 200).body;
    expectStatus(await admin.put(`${API}/settings`, {
      company_name: COMPANY, time_zone: settings.time_zone, return_alerts_enabled: settings.return_alerts_enabled,
    }), 200);
    const b1 = expectStatus(await admin.post(`${API}/branches`, { name: uniq('Filial ') }), 201).body;
    const b2 = expectStatus(await admin.post(`${API}/branches`, { name: uniq('Filial ') }), 201).body;
    agent = await login(server, (await createUser(admin, { name: 'João Pereira', branch_id: b1.id })).login);
    agentMx = await login(server, (await createUser(admin, { name: 'Lucía Hernández', branch_id: b1.id, time_zone: 'America/Mexico_City', locale: 'es' })).login);
    agentNy = await login(server, (await createUser(admin, { name: 'Ann Smith', branch_id: b1.id, time_zone: 'America/New_York', locale: 'en' })).login);
    stranger = await login(server, (await createUser(admin, { name: 'Otto Outro', branch_id: b2.id })).login);
    party = await createParty(agent, { name: 'Oficina São João', email: 'compras@oficinasaojoao.com.br' });
    fu = await createFollowup(agent, {
      party_id: party.id, due_date: '2026-11-30',
      contact: { name: 'Conceição Araújo', email: 'conceicao@oficinasaojoao.com.br' },
    });
    quote = expectStatus(await agent.post(`${API}/followups/${fu.id}/documents`, {
      kind: 'quote',
      items: [{ item_code: 'CMP-10', description: 'Compressor de ar 10 HP', quantity: 2, unit_price: 150000 }],
      discount: 10000,
    }), 201, 'quote').body;
    layout = expectStatus(await admin.post(`${API}/proposal-templates`, {
      name: 'Proposta padrão',
      html: '<h1>Proposta para #{cliente}</h1><p>A/C: #{contato}</p>#{itens}'
        + '<p>Total: <b>#{total}</b></p><p>Válida até #{validade}</p>'
        + '<p>Data: #{data_proposta} · Vendedor: #{vendedor}</p>',
    }), 201, 'layout').body;
  });
  after(async () => { await server?.stop(); await sink?.stop(); });

  test('a proposal from the quote prints its values with their accents, and e-mails the same PDF', async () => {
    const p = expectStatus(await agent.post(`${API}/followups/${fu.id}/proposals`, {
      template_id: layout.id, document_id: quote.id, valid_until: '2026-12-31',
    }), 201).body;
    assert.equal(p.followup_id, fu.id);
    assert.deepEqual(p.document, { id: quote.id, number: quote.number });
    assert.equal(p.valid_until, '2026-12-31');
    const pdf = expectStatus(await agent.get(`${API}/proposals/${p.id}/pdf`), 200);
    assert.match(pdf.headers.get('content-type'), /^application\/pdf/);
    assert.equal(pdf.buf.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(pdf.buf);
    for (const want of [COMPANY, 'Proposta para Oficina São João', 'A/C: Conceição Araújo',
      'Compressor de ar 10 HP', 'Descrição', 'R$ 2.900,00', 'Válida até 31/12/2026',
      'Data: 23/11/2026', 'Vendedor: João Pereira', '1/1'])
      assert.ok(text.includes(want), `PDF text lacks "${want}":\n${text}`);

    const before = sink.count();
    const queued = expectStatus(await agent.post(`${API}/proposals/${p.id}/send`, {}), 202).body;
    assert.deepEqual(queued.to, ['conceicao@oficinasaojoao.com.br']);
    await advance(server, 1);
    const mails = (await sink.waitFor(before + 1)).slice(before);
    const mail = mails.find((m) => m.envelope.rcpt_tos.includes('conceicao@oficinasaojoao.com.br'));
    assert.ok(mail, JSON.stringify(mails.map((m) => m.envelope)));
    const attached = mail.mail.parts.find((part) => part.content_type === 'application/pdf');
    assert.ok(attached, mail.mail.structure);
    assert.ok(Buffer.from(attached.base64, 'base64').equals(pdf.buf), 'the e-mailed PDF is the one shown');
    await advance(server, 1);
    const history = expectStatus(await agent.get(`${API}/followups/${fu.id}/history`), 200).body.items;
    assert.ok(history.some((e) => e.kind === 'email' && e.body.includes(`Proposta ${p.id}`)), JSON.stringify(history));
    const again = expectStatus(await agent.get(`${API}/proposals/${p.id}`), 200).body;
    assert.notEqual(again.sent_at, null);
    // The person's earlier proposals list it.
    const earlier = expectStatus(await agent.get(`${API}/parties/${party.id}/proposals`), 200).body.items;
    assert.ok(earlier.some((e) => e.id === p.id));
  });

  test('the date of a proposal is the maker\'s day, in Mexico City and in New York', async () => {
    const dated = expectStatus(await admin.post(`${API}/proposal-templates`, { name: uniq('Datada '), html: '<p>#{data_proposta}</p>' }), 201).body;
    const mxFu = await createFollowup(agentMx, { party_id: party.id, due_date: '2026-11-30' });
    const nyFu = await createFollowup(agentNy, { party_id: party.id, due_date: '2026-11-30' });
    const mx = expectStatus(await agentMx.post(`${API}/followups/${mxFu.id}/proposals`, { template_id: dated.id }), 201).body;
    assert.equal(mx.html, '<p>23/11/2026</p>');
    const ny = expectStatus(await agentNy.post(`${API}/followups/${nyFu.id}/proposals`, { template_id: dated.id }), 201).body;
    assert.equal(ny.html, '<p>2026-11-23</p>');
    // A validity before the maker's today is refused; the maker's today is not.
    expectFieldError(await agentMx.post(`${API}/followups/${mxFu.id}/proposals`, { template_id: dated.id, valid_until: '2026-11-22' }), 422, 'valid_until', 'in_past');
    expectStatus(await agentMx.post(`${API}/followups/${mxFu.id}/proposals`, { template_id: dated.id, valid_until: '2026-11-23' }), 201);
  });

  test('a layout keeps no script, no handler and no external resource', async () => {
    const res = expectStatus(await admin.post(`${API}/proposal-templates`, {
      name: uniq('Suja '),
      html: '<p onclick="roubar()">Olá #{cliente}</p><script>alert(1)</script>'
        + '<img src="http://evil.example/x.png" onerror="alert(2)"><a href="javascript:alert(3)">clique</a>'
        + '<p style="background:url(http://evil.example/y)">fim</p>',
    }), 201).body;
    assert.equal(res.html, '<p>Olá #{cliente}</p><p>clique</p><p>fim</p>');
    for (const gone of ['onclick', 'script', 'img', 'a', 'style']) assert.ok(res.removed.includes(gone), gone);
    const listed = expectStatus(await agent.get(`${API}/proposal-templates`), 200).body.items.find((t) => t.id === res.id);
    assert.equal(listed.html, res.html);
    // The audit trail keeps who saved what, and its filter offers proposal layouts.
    const trail = expectStatus(await admin.get(`${API}/audit?entity=proposal_template&entity_id=${res.id}`), 200).body.items;
    assert.ok(trail.every((e) => e.entity === 'proposal_template'), JSON.stringify(trail));
    assert.equal(trail.length, 1);
    assert.equal(trail[0].action, 'create');
    assert.equal(trail[0].after.html, res.html);
  });

  test('an unknown variable is refused naming it, in the caller\'s language', async () => {
    const res = await admin.request('POST', `${API}/proposal-templates`, { json: { name: uniq('Errada '), html: '<p>#{clinte} #{total}</p>' }, lang: 'es' });
    const hit = expectFieldError(res, 422, 'html', 'unknown_placeholder:clinte');
    assert.match(hit.message, /#\{clinte\}/);
    assert.match(hit.message, /no existe/);
  });

  test('a value the proposal lacks refuses it and stores nothing', async () => {
    const count = expectStatus(await agent.get(`${API}/followups/${fu.id}/proposals`), 200).body.items.length;
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/proposals`, { template_id: layout.id, valid_until: '2026-12-31' }), 422, 'document_id', 'missing_variable:itens');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/proposals`, { template_id: layout.id, document_id: quote.id }), 422, 'valid_until', 'missing_variable:validade');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/proposals`, { template_id: 999999 }), 422, 'template_id', 'invalid_id');
    assert.equal(expectStatus(await agent.get(`${API}/followups/${fu.id}/proposals`), 200).body.items.length, count);
  });

  test('the variables, each with an example, in the caller\'s language', async () => {
    const es = expectStatus(await agent.request('GET', `${API}/proposal-variables`, { lang: 'es' }), 200).body.items;
    const validez = es.find((v) => v.canonical === 'validade');
    assert.equal(validez.name, 'validez');
    assert.equal(validez.token, '#{validez}');
    assert.equal(validez.example, '19/12/2026');
    const en = expectStatus(await agent.request('GET', `${API}/proposal-variables`, { lang: 'en' }), 200).body.items;
    assert.equal(en.find((v) => v.canonical === 'validade').example, '2026-12-19');
    const items = en.find((v) => v.canonical === 'itens');
    assert.equal(items.name, 'items');
    assert.equal(items.html, true);
    assert.match(items.example, /<th>Unit price<\/th>/);
    for (const v of en) assert.notEqual(v.example, '', v.name);
  });

  test('another branch\'s agent reaches none of the proposals', async () => {
    const p = expectStatus(await agent.post(`${API}/followups/${fu.id}/proposals`, { template_id: layout.id, document_id: quote.id, valid_until: '2026-12-31' }), 201).body;
    expectProblem(await stranger.get(`${API}/proposals/${p.id}`), 403, 'forbidden_followup');
    expectProblem(await stranger.get(`${API}/proposals/${p.id}/pdf`), 403, 'forbidden_followup');
    expectProblem(await stranger.post(`${API}/proposals/${p.id}/send`, {}), 403, 'forbidden_followup');
    expectProblem(await stranger.get(`${API}/followups/${fu.id}/proposals`), 403, 'forbidden_followup');
    expectProblem(await stranger.post(`${API}/followups/${fu.id}/proposals`, { template_id: layout.id }), 403, 'forbidden_followup');
    const theirs = expectStatus(await stranger.get(`${API}/parties/${party.id}/proposals`), 200).body.items;
    assert.deepEqual(theirs, []);
    expectProblem(await agent.post(`${API}/proposal-templates`, { name: 'x', html: '<p>x</p>' }), 403, 'admin_only');
  });

  test('a visit sheet prints from its layout and goes by e-mail', async () => {
    const sheet = expectStatus(await admin.post(`${API}/proposal-templates`, {
      name: 'Ficha técnica', kind: 'visit_sheet',
      html: '<h2>Ficha de visita</h2><table><tr><th>Cliente</th><td>#{cliente}</td></tr><tr><th>Contato</th><td>#{contato}</td></tr></table><ul><li>Equipamento revisado?</li></ul>',
    }), 201).body;
    const pdf = expectStatus(await agent.get(`${API}/followups/${fu.id}/visit-sheet.pdf?template=${sheet.id}`), 200);
    const text = pdfText(pdf.buf);
    for (const want of ['Ficha de visita', 'Oficina São João', 'Conceição Araújo', 'Equipamento revisado?', COMPANY])
      assert.ok(text.includes(want), `PDF text lacks "${want}":\n${text}`);
    // A proposal layout is not a visit sheet.
    expectFieldError(await agent.get(`${API}/followups/${fu.id}/visit-sheet.pdf?template=${layout.id}`), 422, 'template', 'invalid_value');
    expectProblem(await stranger.get(`${API}/followups/${fu.id}/visit-sheet.pdf?template=${sheet.id}`), 403, 'forbidden_followup');
    const before = sink.count();
    expectStatus(await agent.post(`${API}/followups/${fu.id}/visit-sheet/send`, { template_id: sheet.id, to: ['tecnico@horizonte.com.br'] }), 202);
    await advance(server, 1);
    const mails = (await sink.waitFor(before + 1)).slice(before);
    const mail = mails.find((m) => m.envelope.rcpt_tos.includes('tecnico@horizonte.com.br'));
    assert.ok(mail?.mail.parts.some((part) => part.content_type === 'application/pdf'), JSON.stringify(mail?.mail.structure));
  });
});
