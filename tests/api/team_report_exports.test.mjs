// Exports of team performance and automatic follow-ups (ADR 0033): CSV (BOM, `;`,
// accents, the report's columns), XLSX read back by openpyxl with the same rows and the
// totals beside the filters, PDF whose text (pdftotext) holds the rows and the totals;
// the report's visibility (an agent exports their own row only) and its refusals (403,
// 422 naming the field) before the file starts; the reader's language names the columns.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  API, advance, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer, uniq,
} from './harness.mjs';
import { csvRows, pdfText, xlsxSheets } from './export_files.mjs';

const CLOCK = '2026-03-02T15:00:00Z';  // Monday; São Paulo: 12:00
const LATER = '2026-03-10T15:00:00Z';
const TODAY = '2026-03-10';
const PERIOD = { from: '2026-03-01', to: TODAY };
const COMPANY = 'Óptica Conceição; Filhos';

const TEAM_PT = ['Responsável', 'Filial', 'Previstos', 'No prazo', 'Feitos com atraso', 'Ainda atrasados',
  'Pendentes', 'Conclusão (%)', 'Mediana de dias de atraso', 'Conclusão antes (%)', 'Mediana de atraso antes'];
const AUTOMATIC_PT = ['Tipo', 'Produto ou serviço', 'Criados', 'Feitos', 'Convertidos', 'Convertidos dos feitos (%)'];

let server, admin, b1, b2, tmp, product;
const users = {};
const c = {};

const exportOf = (client, report, query, o) =>
  client.get(`${API}/reports/${report}/export?${new URLSearchParams(query)}`, o);
const reportOf = async (client, report, query) =>
  expectStatus(await client.get(`${API}/reports/${report}?${new URLSearchParams(query)}`), 200).body;

before(async () => {
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  admin = await loginAdmin(server);
  expectStatus(await admin.put(`${API}/settings`, {
    company_name: COMPANY, time_zone: 'America/Sao_Paulo', return_alerts_enabled: true,
  }), 200);
  b1 = await createBranch(admin, 'São Carlos');
  b2 = await createBranch(admin, 'Recife');
  const plan = { s1: ['supervisor', b1, 'Sônia Supervisora'], a1: ['agent', b1, 'João Conceição'],
    a2: ['agent', b2, 'Inês Araújo'] };
  for (const [name, [role, br, full]] of Object.entries(plan))
    users[name] = await createUser(admin, { login: uniq(`trx-${name}-`), name: full, role, branch_id: br.id });
  for (const name of Object.keys(plan)) c[name] = await login(server, users[name].login);
  const party = await createParty(c.a1, { name: 'Padaria "Pão; Açúcar"' });
  const mine = [];
  for (let i = 0; i < 3; i++)
    mine.push(await createFollowup(c.a1, { party_id: party.id, due_date: '2026-03-03', subject: `Revisão ${i}` }));
  const other = await createParty(c.a2, { name: 'Farmácia Recife' });
  for (let i = 0; i < 2; i++)
    await createFollowup(c.a2, { party_id: other.id, due_date: '2026-03-04', subject: `Recife ${i}` });
  // One of João's three done before its day: on time; the other two stay late.
  expectStatus(await c.a1.post(`${API}/actions/${mine[0].actions[0].id}/complete`, {
    result: 'Feito', resolution: 'phone', next_action: { type: 'phone', due_date: '2026-04-20' },
  }), 200, 'complete');
  // An after-sale follow-up of a product with accents and a `;` in its name.
  product = expectStatus(await admin.post(`${API}/catalog`, {
    code: uniq('LENTE-'), kind: 'product', name: 'Lente "antirreflexo"; óculos', followup_days: 3,
  }), 201).body;
  expectStatus(await admin.post(`${API}/documents`, {
    kind: 'sale', number: uniq('V-'), party_id: party.id, date: '2026-03-02', owner_id: users.a1.id,
    items: [{ item_code: product.code, quantity: 1 }],
  }), 201);
  await advance(server, undefined, { to: LATER });
  admin = await loginAdmin(server);
  for (const name of Object.keys(plan)) c[name] = await login(server, users[name].login);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-team-exports-'));
});

after(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  await server?.stop();
});

describe('team performance', () => {
  test('CSV: a row per agent and branch, accents, the report\'s figures', async () => {
    const res = expectStatus(await exportOf(c.s1, 'team', { format: 'csv', ...PERIOD }), 200);
    assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="desempenho-equipe-${TODAY}.csv"`);
    const rows = csvRows(res);
    assert.deepEqual(rows[0], TEAM_PT);
    const report = await reportOf(c.s1, 'team', PERIOD);
    assert.equal(rows.length - 1, report.rows.length);
    const joao = rows.find((r) => r[0] === 'João Conceição');
    const f = report.rows.find((r) => r.agent_id === users.a1.id).current;
    assert.equal(f.on_time, 1);
    assert.ok(f.still_late >= 2, JSON.stringify(f));
    const pct = (rate) => String(Math.round(rate * 1000) / 10).replace('.', ',');
    assert.deepEqual(joao.slice(0, 9), ['João Conceição', 'São Carlos', String(f.due), '1', String(f.done_late),
      String(f.still_late), String(f.pending), pct(f.completion_rate), String(f.median_days_late).replace('.', ',')]);
    assert.equal(joao[9], '', 'nothing was due before: no rate');
    assert.ok(!rows.some((r) => r[0] === 'Inês Araújo'), 'another branch is not the supervisor\'s');
  });

  test('XLSX: openpyxl reads the CSV\'s rows as numbers, and the totals beside the period', async () => {
    const res = expectStatus(await exportOf(admin, 'team', { format: 'xlsx', ...PERIOD }), 200);
    const { rows, about } = xlsxSheets(res, tmp, 'team.xlsx');
    const csv = csvRows(expectStatus(await exportOf(admin, 'team', { format: 'csv', ...PERIOD }), 200));
    assert.deepEqual(rows[0], TEAM_PT);
    assert.equal(rows.length, csv.length);
    for (let i = 1; i < rows.length; i++) {
      assert.equal(rows[i][0], csv[i][0], `row ${i}: the agent`);
      assert.equal(rows[i][2], Number(csv[i][2]), `row ${i}: due, a number`);
    }
    const report = await reportOf(admin, 'team', PERIOD);
    assert.equal(about[0][0], COMPANY);
    assert.ok(about.some((r) => r[0] === 'De' && r[1] === '01/03/2026'), JSON.stringify(about));
    assert.ok(about.some((r) => r[0] === 'Previstos' && String(r[1]) === String(report.totals.current.due)),
      JSON.stringify(about));
    assert.ok(report.totals.current.due >= 5);
  });

  test('PDF in Spanish: the title, the rows and the totals', async () => {
    const res = expectStatus(await exportOf(admin, 'team', { format: 'pdf', ...PERIOD }, { lang: 'es' }), 200);
    const report = await reportOf(admin, 'team', PERIOD);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="desempeno-equipo-${TODAY}.pdf"`);
    const { text } = pdfText(res, tmp, 'team.pdf');
    assert.ok(text.includes('Desempeño del equipo'), 'the title');
    assert.ok(text.includes(COMPANY), 'the company');
    assert.ok(text.includes(`Previstos: ${report.totals.current.due}`), 'the total due');
    for (const name of ['João Conceição', 'Inês Araújo', 'São Carlos', 'Recife']) assert.ok(text.includes(name), name);
  });
});

describe('automatic follow-ups', () => {
  test('CSV, XLSX and PDF hold the product\'s row and the totals', async () => {
    const res = expectStatus(await exportOf(c.s1, 'automatic', { format: 'csv', ...PERIOD }), 200);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="follow-ups-automaticos-${TODAY}.csv"`);
    const rows = csvRows(res);
    assert.deepEqual(rows[0], AUTOMATIC_PT);
    const report = await reportOf(c.s1, 'automatic', PERIOD);
    assert.equal(rows.length - 1, report.rows.length);
    assert.deepEqual(rows.find((r) => r[1] === 'Lente "antirreflexo"; óculos'), ['Pós-venda', 'Lente "antirreflexo"; óculos', '1', '0', '0', '']);

    const { rows: xrows, about } = xlsxSheets(
      expectStatus(await exportOf(c.s1, 'automatic', { format: 'xlsx', ...PERIOD, kind: 'after_sale' }), 200), tmp, 'auto.xlsx');
    assert.deepEqual(xrows.slice(1).map((r) => [r[0], r[1], r[2]]), [['Pós-venda', 'Lente "antirreflexo"; óculos', 1]]);
    assert.ok(about.some((r) => r[0] === 'Tipo' && r[1] === 'Pós-venda'), JSON.stringify(about));
    assert.ok(about.some((r) => r[0] === 'Criados' && String(r[1]) === '1'), JSON.stringify(about));

    const { text } = pdfText(expectStatus(await exportOf(c.s1, 'automatic', { format: 'pdf', ...PERIOD }, { lang: 'en' }), 200), tmp, 'auto.pdf');
    assert.ok(text.includes('Automatic follow-ups'), 'the title in English');
    assert.ok(text.includes('After sale'), 'the kind');
    assert.ok(text.includes('Created: 1'), 'the total created');
  });
});

describe('visibility and refusals', () => {
  test('an agent exports their own row only; another branch or agent is a 403', async () => {
    const rows = csvRows(expectStatus(await exportOf(c.a2, 'team', { format: 'csv', ...PERIOD }), 200));
    assert.deepEqual(rows.slice(1).map((r) => r[0]), ['Inês Araújo']);
    const auto = csvRows(expectStatus(await exportOf(c.a2, 'automatic', { format: 'csv', ...PERIOD }), 200));
    assert.equal(auto.length, 1, 'João\'s after-sale follow-up is not Inês\'s');
    expectProblem(await exportOf(c.a1, 'team', { format: 'csv', branch_id: b2.id }), 403, 'filter_not_allowed');
    expectProblem(await exportOf(c.s1, 'automatic', { format: 'csv', owner_id: users.a2.id }), 403, 'filter_not_allowed');
  });

  test('a bad filter is 422 with the field named, before any byte of the file', async () => {
    expectFieldError(await exportOf(c.s1, 'team', { format: 'csv', owner_id: 'x' }), 422, 'owner_id', 'invalid_id');
    expectFieldError(await exportOf(c.s1, 'team', { format: 'csv', from: '2026-03-10', to: '2026-03-01' }), 422, 'to', 'before_from');
    expectFieldError(await exportOf(c.s1, 'team', { format: 'csv', from: '2025-01-01' }), 422, 'to', 'out_of_range');
    expectFieldError(await exportOf(c.s1, 'automatic', { format: 'csv', kind: 'anniversary' }), 422, 'kind', 'invalid_value');
    expectFieldError(await exportOf(c.s1, 'automatic', { format: 'pdf', limit: '5' }), 422, 'limit', 'unknown_parameter');
    expectFieldError(await exportOf(c.s1, 'automatic', { format: 'xls' }), 422, 'format', 'invalid_value');
  });
});
