// Exports of the manager reports (ADR 0033): the unattended follow-ups and the CRM
// actions as CSV (BOM, `;`, the report's columns and every page), XLSX read back by
// openpyxl with the same rows, and PDF whose text (pdftotext) holds the rows, the
// company, the filters and the totals; the report's visibility and refusals, before the
// file starts; the reader's language names the columns.
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
const LATER = '2026-03-10T15:00:00Z';  // eight days later
const TODAY = '2026-03-10';
const COMPANY = 'Ótica São João Ltda.';
const MANY = 205;  // more than one page of the export (200)

let server, admin, b1, b2, tmp;
const users = {};
const c = {};

const UNATTENDED_PT = ['Nº', 'Cliente / Fornecedor', 'Assunto', 'Responsável', 'Filial', 'Categoria',
  'Prioridade', 'Retorno previsto', 'Dias atraso', 'Faixa de atraso'];

const exportOf = (client, report, query, o) =>
  client.get(`${API}/reports/${report}/export?${new URLSearchParams(query)}`, o);

// Every row of a report through its pages, as the web app reads them.
async function reportAll(client, report, query = {}) {
  const items = [];
  let cursor;
  let body;
  do {
    const q = { ...query, limit: '200', ...(cursor ? { cursor } : {}) };
    body = expectStatus(await client.get(`${API}/reports/${report}?${new URLSearchParams(q)}`), 200).body;
    items.push(...body.items);
    cursor = body.next_cursor;
  } while (cursor);
  return { items, body };
}

before(async () => {
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  admin = await loginAdmin(server);
  expectStatus(await admin.put(`${API}/settings`, {
    company_name: COMPANY, time_zone: 'America/Sao_Paulo', return_alerts_enabled: true,
  }), 200);
  b1 = await createBranch(admin, 'Campinas');
  b2 = await createBranch(admin, 'Recife');
  const plan = { s1: ['supervisor', b1], a1: ['agent', b1], a2: ['agent', b2] };
  for (const [name, [role, br]] of Object.entries(plan))
    users[name] = await createUser(admin, { login: uniq(`rex-${name}-`), name: `Usuária ${name} Conceição`, role, branch_id: br.id });
  for (const name of Object.keys(plan)) c[name] = await login(server, users[name].login);
  const tricky = await createParty(c.a1, { name: 'Padaria "Pão; Açúcar"' });
  for (let i = 0; i < MANY; i += 15) {
    await Promise.all(Array.from({ length: Math.min(15, MANY - i) }, (_, k) => createFollowup(c.a1, {
      party_id: tricky.id, due_date: '2026-03-03', subject: `Revisão ${i + k}; "óculos"`,
    })));
  }
  const other = await createParty(c.a2, { name: 'Farmácia Recife' });
  const done = [];
  for (let i = 0; i < 3; i++)
    done.push(await createFollowup(c.a2, { party_id: other.id, due_date: '2026-03-02', subject: `Recife ${i}` }));
  for (const f of done) {
    expectStatus(await c.a2.post(`${API}/actions/${f.actions[0].id}/complete`, {
      result: `Cliente satisfeita, ação ${f.id}`, resolution: 'phone',
      next_action: { type: 'phone', due_date: '2026-04-20' },
    }), 200, 'complete');
  }
  await advance(server, undefined, { to: LATER });
  admin = await loginAdmin(server);
  for (const name of Object.keys(plan)) c[name] = await login(server, users[name].login);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-report-exports-'));
});

after(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  await server?.stop();
});

describe('unattended report', () => {
  test('CSV: the report\'s columns, accents, quoting and every page', async () => {
    const res = expectStatus(await exportOf(c.s1, 'unattended', { format: 'csv' }), 200);
    assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="sem-atendimento-${TODAY}.csv"`);
    const rows = csvRows(res);
    assert.deepEqual(rows[0], UNATTENDED_PT);
    const { items, body } = await reportAll(c.s1, 'unattended');
    assert.equal(body.total, MANY);
    assert.equal(rows.length - 1, MANY);
    assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), items.map((i) => i.followup_id), 'the report\'s order');
    const first = rows.find((r) => r[2] === 'Revisão 0; "óculos"');
    assert.ok(first, 'a subject with ; and quotes comes back whole');
    assert.equal(first[1], 'Padaria "Pão; Açúcar"');
    assert.equal(first[3], users.a1.name);
    assert.equal(first[4], 'Campinas');
    assert.equal(first[6], 'Média');
    assert.equal(first[7], '03/03/2026');
    assert.equal(first[8], '7');
    assert.equal(first[9], '4 a 7 dias');
  });

  test('a Spanish and an English reader get their words and dates', async () => {
    const es = csvRows(expectStatus(await exportOf(c.s1, 'unattended', { format: 'csv' }, { lang: 'es' }), 200));
    assert.deepEqual(es[0], ['N.º', 'Cliente / Proveedor', 'Asunto', 'Agente de ventas', 'Sucursal', 'Categoría',
      'Prioridad', 'Fecha prevista', 'Días de retraso', 'Rango de retraso']);
    assert.equal(es[1][9], '4 a 7 días');
    const enRes = expectStatus(await exportOf(c.s1, 'unattended', { format: 'csv' }, { lang: 'en' }), 200);
    assert.equal(enRes.headers.get('content-disposition'), `attachment; filename="unattended-${TODAY}.csv"`);
    const en = csvRows(enRes);
    assert.equal(en[0][2], 'Subject');
    assert.equal(en[1][7], '03/03/2026');
  });

  test('XLSX: openpyxl reads back the CSV\'s rows, real dates, and the totals beside the filters', async () => {
    const res = expectStatus(await exportOf(c.s1, 'unattended', { format: 'xlsx', branch_id: b1.id }), 200);
    const { rows, about } = xlsxSheets(res, tmp, 'u.xlsx');
    const csv = csvRows(expectStatus(await exportOf(c.s1, 'unattended', { format: 'csv', branch_id: b1.id }), 200));
    assert.deepEqual(rows[0], UNATTENDED_PT);
    assert.equal(rows.length, csv.length);
    for (let i = 1; i < rows.length; i++) {
      assert.equal(rows[i][0], Number(csv[i][0]), `row ${i}: the number`);
      assert.equal(rows[i][2], csv[i][2], `row ${i}: the subject`);
      assert.equal(rows[i][7], '2026-03-03 00:00', `row ${i}: a real date`);
      assert.equal(rows[i][8], 7, `row ${i}: days late, a number`);
    }
    assert.equal(about[0][0], COMPANY);
    assert.ok(about.some((r) => r[0] === 'Filial' && r[1] === 'Campinas'), JSON.stringify(about));
    assert.ok(about.some((r) => r[0] === 'Total' && String(r[1]) === String(MANY)), JSON.stringify(about));
  });

  test('PDF: pdftotext finds the rows, the company, the filters, the totals and the page numbers', async () => {
    const res = expectStatus(await exportOf(c.s1, 'unattended', { format: 'pdf', priority: 'medium' }), 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const { text, pages } = pdfText(res, tmp, 'u.pdf');
    assert.ok(text.includes(COMPANY), 'the company');
    assert.ok(text.includes('Prioridade: Média'), 'the priority filter');
    assert.ok(text.includes(`Total: ${MANY}`), 'the total');
    assert.ok(pages >= 2, `${pages} pages`);
    assert.ok(text.includes(`página ${pages} de ${pages}`), 'page numbers');
    for (let i = 0; i < MANY; i += 17) assert.ok(text.includes(`Revisão ${i}; "óculos"`), `row ${i}`);
  });
});

describe('actions report', () => {
  test('CSV and PDF hold the returns done in the period, with the report\'s totals', async () => {
    const q = { from: '2026-03-01', to: TODAY };
    const res = expectStatus(await exportOf(c.a2, 'actions', { format: 'csv', ...q }), 200);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="acoes-crm-${TODAY}.csv"`);
    const rows = csvRows(res);
    assert.deepEqual(rows[0], ['Quando', 'Tipo', 'Usuário', 'Nº', 'Cliente / Fornecedor', 'Assunto', 'Filial',
      'Categoria', 'Tipo de contato', 'Resolvido por', 'Parecer']);
    const { items, body } = await reportAll(c.a2, 'actions', q);
    assert.equal(rows.length - 1, items.length);
    assert.equal(rows.length - 1, body.totals.returns + body.totals.entries);
    assert.ok(items.length >= 3);
    const ret = rows.filter((r) => r[1] === 'Retorno');
    assert.equal(ret.length, 3);
    assert.ok(ret.every((r) => r[2] === users.a2.name && r[6] === 'Recife' && /^Cliente satisfeita, ação \d+$/.test(r[10])));
    assert.ok(ret.every((r) => /^02\/03\/2026 \d\d:\d\d$/.test(r[0])), JSON.stringify(ret));

    const pdf = expectStatus(await exportOf(c.a2, 'actions', { format: 'pdf', ...q }, { lang: 'es' }), 200);
    const { text } = pdfText(pdf, tmp, 'a.pdf');
    assert.ok(text.includes('Acciones de CRM'), 'the title in Spanish');
    assert.ok(text.includes('Desde: 01/03/2026'), 'the period');
    assert.ok(text.includes('Actividades: 3'), 'the total of returns');
    for (const r of ret) assert.ok(text.includes(r[10]), r[10]);
  });
});

describe('visibility and refusals', () => {
  test('an agent exports only their rows; another branch is a 403, before the file', async () => {
    const rows = csvRows(expectStatus(await exportOf(c.a2, 'unattended', { format: 'csv' }), 200));
    assert.equal(rows.length - 1, (await reportAll(c.a2, 'unattended')).items.length);
    assert.ok(rows.slice(1).every((r) => r[3] === users.a2.name));
    expectProblem(await exportOf(c.a1, 'unattended', { format: 'csv', branch_id: b2.id }), 403, 'filter_not_allowed');
    expectProblem(await exportOf(c.s1, 'actions', { format: 'csv', user_id: users.a2.id }), 403, 'filter_not_allowed');
  });

  test('a misspelt format, a missing one, a bad filter, a page parameter are named', async () => {
    expectFieldError(await exportOf(c.a1, 'unattended', { format: 'xslx' }), 422, 'format', 'invalid_value');
    expectFieldError(await exportOf(c.a1, 'actions', {}), 422, 'format', 'required');
    expectFieldError(await exportOf(c.a1, 'actions', { format: 'csv', from: '2026-03-10', to: '2026-03-01' }), 422, 'to', 'before_from');
    expectFieldError(await exportOf(c.a1, 'actions', { format: 'csv', from: '2025-01-01', to: '2026-03-01' }), 422, 'to', 'out_of_range');
    expectFieldError(await exportOf(c.a1, 'unattended', { format: 'csv', limit: '10' }), 422, 'limit', 'unknown_parameter');
    expectFieldError(await exportOf(c.a1, 'unattended', { format: 'csv', branch_id: 'x' }), 422, 'branch_id', 'invalid_id');
    expectFieldError(await exportOf(c.a1, 'unattended', { format: 'csv', branch_id: '99999' }), 422, 'branch_id', 'unknown_branch');
  });
});
