// Reports scheduled by e-mail (ADR 0033), on a simulated clock with the real SMTP sink:
// a weekly schedule of a São Paulo supervisor fires Monday 07:00 São Paulo (not at
// 06:59), a Mexico City one at 07:00 Mexico City; each recipient gets one message in
// their language with the file attached, byte for byte the same for the whole team,
// whose XLSX openpyxl reads back / whose PDF's text holds the rows; two Mondays send
// two, a restart in between sends nothing twice; the API's refusals are named.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  API, advance, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer, uniq,
} from './harness.mjs';
import { SmtpSink } from './smtp.mjs';

const START = '2026-03-05T15:00:00Z';  // Thursday; São Paulo 12:00, Mexico City 09:00
const COMPANY = 'Ótica São João Ltda.';
const PYTHON = '/usr/bin/python3';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server, sink, admin, b1, b2, tmp;
const u = {};
const c = {};

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function relogin() {
  admin = await loginAdmin(server);
  for (const name of Object.keys(u)) c[name] = await login(server, u[name].login);
}

// Moves the clock to `to`, then a few seconds on so the outbox delivers what the round
// at `to` queued.
async function moveTo(to) {
  await advance(server, undefined, { to });
  await advance(server, 3);
}

const attachmentOf = (m) => m.mail.parts.find((p) => p.filename);
const to = (m) => m.mail.to.map((a) => a.email).join(',');

function xlsxRows(bytes) {
  const file = path.join(tmp, `${uniq('x')}.xlsx`);
  fs.writeFileSync(file, bytes);
  return JSON.parse(run(PYTHON, ['-c', `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
def cell(v):
    if isinstance(v, datetime.datetime): return v.strftime('%Y-%m-%d %H:%M')
    return v
print(json.dumps([[cell(v) for v in r] for r in wb.worksheets[0].iter_rows(values_only=True)]))
`, file]));
}

before(async () => {
  sink = await SmtpSink.start();
  server = await startServer({ clockStart: START, simulatedClock: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-report-schedules-'));
  admin = await loginAdmin(server);
  expectStatus(await admin.put(`${API}/settings`, {
    company_name: COMPANY, time_zone: 'America/Sao_Paulo', return_alerts_enabled: true,
  }), 200);
  expectStatus(await admin.put(`${API}/settings/smtp`, {
    host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: 'não-usada',
    sender_name: 'Retorno', sender_email: 'retorno@empresa.com.br',
  }), 200, 'smtp settings');
  b1 = await createBranch(admin, 'Campinas');
  b2 = await createBranch(admin, 'Monterrey');
  const plan = {
    sup: ['supervisor', b1, 'America/Sao_Paulo', 'pt-BR'],
    ag: ['agent', b1, 'America/Sao_Paulo', 'es'],
    mx: ['supervisor', b2, 'America/Mexico_City', 'es'],
  };
  for (const [name, [role, br, time_zone, locale]] of Object.entries(plan))
    u[name] = await createUser(admin, {
      login: uniq(`rs-${name}-`), name: `Pessoa ${name} Conceição`, role, branch_id: br.id, time_zone, locale,
      email: `${name}@empresa.com.br`,
    });
  for (const name of Object.keys(plan)) c[name] = await login(server, u[name].login);
  // Returns done this week (2–8 March) in Campinas and in Monterrey.
  const party = await createParty(c.ag, { name: 'Padaria Pão de Açúcar' });
  for (let i = 0; i < 4; i++) {
    const f = await createFollowup(c.ag, { party_id: party.id, due_date: '2026-03-05', subject: `Revisão ${i}` });
    expectStatus(await c.ag.post(`${API}/actions/${f.actions[0].id}/complete`, {
      result: `Cliente atendida ${i}; ótimo`, resolution: 'phone', next_action: { type: 'phone', due_date: '2026-05-20' },
    }), 200, 'complete');
  }
  const mxParty = await createParty(c.mx, { name: 'Farmacia Monterrey' });
  const g = await createFollowup(c.mx, { party_id: mxParty.id, due_date: '2026-03-05', subject: 'Visita técnica' });
  expectStatus(await c.mx.post(`${API}/actions/${g.actions[0].id}/complete`, {
    result: 'Equipo reparado', resolution: 'phone', next_action: { type: 'phone', due_date: '2026-05-20' },
  }), 200, 'complete');
});

after(async () => {
  await server?.stop();
  await sink?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('report schedules', () => {
  let supSchedule, mxSchedule;

  test('refusals are named and translated; nothing is stored', async () => {
    const body = { report: 'actions', filters: {}, format: 'xlsx', frequency: 'weekly', recipients: 'me' };
    expectFieldError(await c.ag.post(`${API}/report-schedules`, { ...body, recipients: 'team' }), 422, 'recipients', 'team_needs_supervisor');
    expectFieldError(await c.ag.post(`${API}/report-schedules`, { ...body, format: 'docx' }), 422, 'format', 'invalid_value');
    expectFieldError(await c.ag.post(`${API}/report-schedules`, { ...body, frequency: 'daily' }), 422, 'frequency', 'invalid_value');
    expectFieldError(await c.ag.post(`${API}/report-schedules`, { ...body, report: 'nope' }), 422, 'report', 'invalid_value');
    expectFieldError(await c.ag.post(`${API}/report-schedules`, { ...body, filters: { from: '2026-03-01' } }), 422, 'filters.from', 'unknown_parameter');
    expectFieldError(await c.ag.post(`${API}/report-schedules`, { ...body, filters: { colour: 'red' } }), 422, 'filters.colour', 'unknown_parameter');
    const { format, ...noFormat } = body;
    expectFieldError(await c.ag.post(`${API}/report-schedules`, noFormat), 422, 'format', 'required');
    const es = await c.ag.post(`${API}/report-schedules`, { ...body, recipients: 'team' }, { lang: 'es' });
    assert.equal(es.body.errors[0].field, 'recipients');
    expectProblem(await c.ag.post(`${API}/report-schedules`, { ...body, filters: { branch_id: String(b2.id) } }), 403, 'filter_not_allowed');
    assert.deepEqual(expectStatus(await c.ag.get(`${API}/report-schedules`), 200).body.items, []);
  });

  test('a schedule runs next Monday at 07:00 in its author\'s zone', async () => {
    supSchedule = expectStatus(await c.sup.post(`${API}/report-schedules`, {
      report: 'actions', filters: {}, format: 'xlsx', frequency: 'weekly', recipients: 'team',
    }), 201).body;
    assert.equal(supSchedule.next_run_at, '2026-03-09T07:00:00-03:00');
    assert.equal(supSchedule.last_period_start, null);
    mxSchedule = expectStatus(await c.mx.post(`${API}/report-schedules`, {
      report: 'actions', filters: { branch_id: b2.id }, format: 'pdf', frequency: 'weekly', recipients: 'me',
    }), 201).body;
    assert.equal(mxSchedule.next_run_at, '2026-03-09T07:00:00-06:00');
    assert.deepEqual(mxSchedule.filters, { branch_id: String(b2.id) });
    // Each sees their own; the admin sees both.
    assert.deepEqual(expectStatus(await c.sup.get(`${API}/report-schedules`), 200).body.items.map((s) => s.id), [supSchedule.id]);
    assert.deepEqual(expectStatus(await admin.get(`${API}/report-schedules`), 200).body.items.map((s) => s.id).sort(),
      [supSchedule.id, mxSchedule.id].sort());
    expectProblem(await c.ag.request('PATCH', `${API}/report-schedules/${supSchedule.id}`, { json: { format: 'pdf' } }), 404, 'report_schedule');
    expectProblem(await c.ag.request('DELETE', `${API}/report-schedules/${supSchedule.id}`), 404, 'report_schedule');
  });

  test('06:59 in São Paulo: nothing; 07:00: one message per member of the team, in their language', async () => {
    const before = sink.count();
    await moveTo('2026-03-09T09:59:00Z');
    assert.equal(sink.count(), before, 'not before 07:00');
    await moveTo('2026-03-09T10:00:00Z');
    const mails = (await sink.waitFor(before + 2)).slice(before);
    assert.equal(mails.length, 2);
    const sup = mails.find((m) => to(m) === 'sup@empresa.com.br');
    const ag = mails.find((m) => to(m) === 'ag@empresa.com.br');
    assert.ok(sup && ag, mails.map(to).join(' '));
    assert.equal(sup.mail.subject, 'Relatório agendado: Ações de CRM (02/03/2026 a 08/03/2026)');
    assert.equal(ag.mail.subject, 'Informe programado: Ações de CRM (02/03/2026 al 08/03/2026)');
    const a = attachmentOf(sup);
    assert.equal(a.filename, 'acoes-crm-2026-03-02.xlsx');
    assert.equal(a.content_type, XLSX);
    assert.equal(attachmentOf(ag).base64, a.base64, 'the team gets the same file, byte for byte');
    const rows = xlsxRows(Buffer.from(a.base64, 'base64'));
    // The same rows as the supervisor's own export of that week.
    await relogin();
    const res = expectStatus(await c.sup.get(`${API}/reports/actions/export?format=xlsx&from=2026-03-02&to=2026-03-08`), 200);
    assert.deepEqual(rows, xlsxRows(res.buf));
    assert.equal(rows.length - 1, 4);
    assert.ok(rows.slice(1).every((r) => /^Cliente atendida \d; ótimo$/.test(r[10])), JSON.stringify(rows));
    assert.equal(sink.count(), before + 2, 'Mexico City is still at 04:00');
  });

  test('07:00 in Mexico City: the PDF, whose text holds the rows', async () => {
    const before = sink.count();
    await moveTo('2026-03-09T12:59:00Z');
    assert.equal(sink.count(), before);
    await moveTo('2026-03-09T13:00:00Z');
    const [m] = (await sink.waitFor(before + 1)).slice(before);
    assert.equal(to(m), 'mx@empresa.com.br');
    assert.equal(m.mail.subject, 'Informe programado: Acciones de CRM (02/03/2026 al 08/03/2026)');
    const a = attachmentOf(m);
    assert.equal(a.filename, 'acciones-crm-2026-03-02.pdf');
    const file = path.join(tmp, 'mx.pdf');
    fs.writeFileSync(file, Buffer.from(a.base64, 'base64'));
    const text = run('pdftotext', ['-layout', file, '-']);
    assert.ok(text.includes('Equipo reparado'), text);
    assert.ok(text.includes(COMPANY));
    assert.ok(text.includes('Desde: 02/03/2026') && text.includes('Hasta: 08/03/2026'), 'the period');
    assert.ok(!text.includes('Cliente atendida'), 'not another branch');
    await relogin();
    const mine = expectStatus(await c.mx.get(`${API}/report-schedules`), 200).body.items[0];
    assert.equal(mine.last_period_start, '2026-03-02');
    assert.equal(mine.next_run_at, '2026-03-16T07:00:00-06:00');
  });

  test('a restart sends nothing twice; the next Monday sends the next week once', async () => {
    const before = sink.count();
    await server.stop();
    server = await startServer({ db: server.db, dir: server.dir, clockStart: '2026-03-09T13:00:05Z', simulatedClock: true });
    await moveTo('2026-03-10T12:00:00Z');
    assert.equal(sink.count(), before, 'the week already sent is not sent again');
    await relogin();
    // An edit between the two Mondays; a stale version is refused.
    expectProblem(await c.sup.request('PATCH', `${API}/report-schedules/${supSchedule.id}`,
      { json: { format: 'pdf' }, headers: { 'If-Match': '"99"' } }), 412, 'version');
    const edited = expectStatus(await c.sup.request('PATCH', `${API}/report-schedules/${supSchedule.id}`,
      { json: { recipients: 'me' }, headers: { 'If-Match': `"${supSchedule.version}"` } }), 200).body;
    assert.equal(edited.version, supSchedule.version + 1);
    assert.equal(edited.next_run_at, '2026-03-16T07:00:00-03:00');
    expectStatus(await c.mx.request('DELETE', `${API}/report-schedules/${mxSchedule.id}`), 204);

    await moveTo('2026-03-16T10:00:00Z');
    const [m] = (await sink.waitFor(before + 1)).slice(before);
    assert.equal(to(m), 'sup@empresa.com.br');
    assert.equal(m.mail.subject, 'Relatório agendado: Ações de CRM (09/03/2026 a 15/03/2026)');
    await moveTo('2026-03-16T14:00:00Z');
    assert.equal(sink.count(), before + 1, 'only me now, and the deleted schedule sends nothing');
    await relogin();
    const mine = expectStatus(await c.sup.get(`${API}/report-schedules`), 200).body.items[0];
    assert.equal(mine.last_period_start, '2026-03-09');
  });

  test('a paused schedule sends nothing; resumed, it sends the next period, not the ones missed', async () => {
    const before = sink.count();
    const paused = expectStatus(await c.sup.request('PATCH', `${API}/report-schedules/${supSchedule.id}`,
      { json: { paused: true } }), 200).body;
    assert.equal(paused.paused, true);
    assert.equal(paused.next_run_at, null);
    await moveTo('2026-03-23T10:00:00Z');
    assert.equal(sink.count(), before, 'paused on Monday 07:00');
    await relogin();
    const resumed = expectStatus(await c.sup.request('PATCH', `${API}/report-schedules/${supSchedule.id}`,
      { json: { paused: false } }), 200).body;
    assert.equal(resumed.paused, false);
    assert.equal(resumed.next_run_at, '2026-03-30T07:00:00-03:00');
    await moveTo('2026-03-24T10:00:00Z');
    assert.equal(sink.count(), before, 'the week missed while paused is not sent late');
    await moveTo('2026-03-30T10:00:00Z');
    const [m] = (await sink.waitFor(before + 1)).slice(before);
    assert.equal(m.mail.subject, 'Relatório agendado: Ações de CRM (23/03/2026 a 29/03/2026)');
  });

  test('team performance and automatic follow-ups can be scheduled; their period is the schedule\'s', async () => {
    await relogin();
    for (const report of ['team', 'automatic']) {
      const s = expectStatus(await c.sup.post(`${API}/report-schedules`, {
        report, filters: { owner_id: u.ag.id }, format: 'pdf', frequency: 'monthly', recipients: 'me',
      }), 201).body;
      assert.equal(s.report, report);
      assert.equal(s.paused, false);
      expectFieldError(await c.sup.post(`${API}/report-schedules`, {
        report, filters: { from: '2026-03-01' }, format: 'pdf', frequency: 'monthly', recipients: 'me',
      }), 422, 'filters.from', 'unknown_parameter');
      expectStatus(await c.sup.request('DELETE', `${API}/report-schedules/${s.id}`), 204);
    }
  });

  test('a schedule whose author lost a right pauses, says why once in their language, and resumes when it is back', async () => {
    await relogin();
    const agSchedule = expectStatus(await c.ag.post(`${API}/report-schedules`, {
      report: 'actions', filters: {}, format: 'pdf', frequency: 'weekly', recipients: 'me',
    }), 201).body;
    const rights = (user) => `${API}/users/${user.id}/rights`;
    expectStatus(await admin.put(rights(u.sup), { granted: [], revoked: ['export'] }), 200);
    expectStatus(await admin.put(rights(u.ag), { granted: [], revoked: ['view_reports'] }), 200);
    const before = sink.count();
    await moveTo('2026-04-06T10:00:00Z');
    const mails = (await sink.waitFor(before + 2)).slice(before);
    assert.equal(mails.length, 2);
    const bySup = mails.find((m) => to(m) === 'sup@empresa.com.br');
    const byAg = mails.find((m) => to(m) === 'ag@empresa.com.br');
    assert.equal(bySup.mail.subject, 'Envio pausado: Ações de CRM');
    assert.match(bySup.mail.parts[0].text, /não tem mais a permissão "Exportar \(CSV, XLSX, PDF\)"/);
    assert.equal(attachmentOf(bySup), undefined, 'no report goes out without the right');
    assert.equal(byAg.mail.subject, 'Envío en pausa: Acciones de CRM');
    assert.match(byAg.mail.parts[0].text, /ya no tiene el permiso "Ver informes"/);
    assert.equal(attachmentOf(byAg), undefined);
    await relogin();
    const supView = expectStatus(await c.sup.get(`${API}/report-schedules`), 200).body.items
      .find((s) => s.id === supSchedule.id);
    assert.equal(supView.paused, true);
    await moveTo('2026-04-13T10:00:00Z');
    assert.equal(sink.count(), before + 2, 'told once; a paused schedule sends nothing more');
    // Without the right the author can neither resume nor schedule anew.
    await relogin();
    expectProblem(await c.sup.request('PATCH', `${API}/report-schedules/${supSchedule.id}`,
      { json: { paused: false } }), 403, 'missing_right');
    expectProblem(await c.sup.post(`${API}/report-schedules`, {
      report: 'actions', filters: {}, format: 'pdf', frequency: 'weekly', recipients: 'me',
    }), 403, 'missing_right');
    expectStatus(await admin.put(rights(u.sup), { granted: [], revoked: [] }), 200);
    expectStatus(await admin.put(rights(u.ag), { granted: [], revoked: [] }), 200);
    await relogin();
    const resumed = expectStatus(await c.sup.request('PATCH', `${API}/report-schedules/${supSchedule.id}`,
      { json: { paused: false } }), 200).body;
    assert.equal(resumed.next_run_at, '2026-04-20T07:00:00-03:00');
    await moveTo('2026-04-20T10:00:00Z');
    const [m] = (await sink.waitFor(before + 3)).slice(before + 2);
    assert.equal(m.mail.subject, 'Relatório agendado: Ações de CRM (13/04/2026 a 19/04/2026)');
    assert.ok(attachmentOf(m));
    await relogin();
    expectStatus(await c.ag.request('DELETE', `${API}/report-schedules/${agSchedule.id}`), 204);
  });
});
