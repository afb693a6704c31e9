// Exports of the follow-up list and of the agenda: the CSV opens in Excel as Brazil has
// it (BOM, `;`, CRLF, quoting) with the list's columns and every page; the XLSX reads
// back with openpyxl with the same rows; the PDF's text (pdftotext) holds the rows, the
// company, the filters and the page numbers; nobody exports a row they could not list;
// the reader's language names the columns; a misspelt format is named in a 422.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  API, REPO_ROOT, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, ids, listAll, login, loginAdmin, startServer, uniq,
} from './harness.mjs';
import { PYTHON, parseCsv, run } from './export_files.mjs';

const CLOCK = '2026-03-10T15:00:00Z';  // São Paulo: 2026-03-10 12:00
const TODAY = '2026-03-10';
const COMPANY = 'Ótica São João Ltda.';
const CATEGORY = 'Pós-venda';  // pos_venda, the fixtures' category
const MANY = 205;  // more than one page of the list (200)

let server, admin, b1, b2;
const users = {};
const c = {};
let tmp;

const PT_COLUMNS = ['Nº', 'Cliente / Fornecedor', 'Assunto', 'Responsável', 'Categoria', 'Prioridade',
  'Situação', 'Retorno', 'Dias atraso', 'Data do contato', 'Data interna'];

const exportOf = (client, what, query, o) => client.get(`${API}/${what}/export?${new URLSearchParams(query)}`, o);

before(async () => {
  server = await startServer({ clockStart: CLOCK, simulatedClock: true });
  admin = await loginAdmin(server);
  expectStatus(await admin.put(`${API}/settings`, {
    company_name: COMPANY, time_zone: 'America/Sao_Paulo', return_alerts_enabled: true,
  }), 200);
  b1 = await createBranch(admin, 'Campinas');
  b2 = await createBranch(admin, 'Recife');
  const plan = { s1: ['supervisor', b1], a1: ['agent', b1], a2: ['agent', b2] };
  for (const [name, [role, br]] of Object.entries(plan)) {
    users[name] = await createUser(admin, { login: uniq(`exp-${name}-`), name: `Usuária ${name} Conceição`, role, branch_id: br.id });
    c[name] = await login(server, users[name].login);
  }
  const tricky = await createParty(c.a1, { name: 'Padaria "Pão; Açúcar"' });
  const plain = await createParty(c.a1, { name: 'Mercearia Ipê' });
  for (let i = 0; i < MANY; i += 15) {
    await Promise.all(Array.from({ length: Math.min(15, MANY - i) }, (_, k) => createFollowup(c.a1, {
      party_id: (i + k) % 2 ? plain.id : tricky.id, due_date: TODAY, subject: `Revisão ${i + k}; "óculos"`,
    })));
  }
  const other = await createParty(c.a2, { name: 'Farmácia Recife' });
  for (let i = 0; i < 3; i++) await createFollowup(c.a2, { party_id: other.id, due_date: TODAY, subject: `Recife ${i}` });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-exports-'));
});

after(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  await server?.stop();
});

describe('CSV', () => {
  test('BOM, semicolons, CRLF, quoting, accents, the columns and every page', async () => {
    const res = expectStatus(await exportOf(c.a1, 'followups', { format: 'csv', status: 'open' }), 200);
    assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="retornos-${TODAY}.csv"`);
    assert.deepEqual([...res.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = res.buf.subarray(3).toString('utf8');
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], PT_COLUMNS);
    const listed = await listAll(c.a1, { status: 'open' });
    assert.equal(rows.length - 1, listed.length);
    assert.equal(rows.length - 1, MANY);
    assert.deepEqual(rows.slice(1).map((r) => Number(r[0])).sort((a, b) => a - b), ids(listed));
    const first = rows.find((r) => r[2] === 'Revisão 0; "óculos"');
    assert.ok(first, 'a subject with ; and quotes comes back whole');
    assert.match(first[1], /Padaria "Pão; Açúcar"$/);
    assert.equal(first[3], users.a1.name);
    assert.equal(first[4], CATEGORY);  // the category's name, not its code
    assert.equal(first[5], 'Média');
    assert.equal(first[6], 'Hoje');
    assert.equal(first[7], '10/03/2026');
    assert.equal(first[8], '0');
    assert.match(first[9], /^10\/03\/2026 \d\d:\d\d$/);
    assert.equal(first[10], '', 'no internal date: an empty cell');
    // The raw text quotes the fields that hold ; or ".
    assert.ok(text.includes(';"Revisão 0; ""óculos""";'), 'quoted and doubled');
  });

  test('a Spanish reader gets Spanish headers and values', async () => {
    const res = expectStatus(await exportOf(c.a1, 'followups', { format: 'csv', status: 'open' }, { lang: 'es' }), 200);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="seguimientos-${TODAY}.csv"`);
    const rows = parseCsv(res.buf.subarray(3).toString('utf8'));
    assert.deepEqual(rows[0], ['N.º', 'Cliente / Proveedor', 'Asunto', 'Agente', 'Categoría', 'Prioridad',
      'Estatus', 'Seguimiento', 'Días de retraso', 'Fecha de contacto', 'Fecha interna']);
    assert.equal(rows[1][6], 'Hoy');
    assert.equal(rows[1][7], '10/03/2026');
  });

  test('an English reader gets the dates as the app shows them', async () => {
    const res = expectStatus(await exportOf(c.a1, 'followups', { format: 'csv', status: 'open' }, { lang: 'en' }), 200);
    const rows = parseCsv(res.buf.subarray(3).toString('utf8'));
    assert.equal(rows[0][2], 'Subject');
    assert.equal(rows[1][7], '03/10/2026');
  });
});

describe('visibility', () => {
  test('an agent exports only their rows, a supervisor only their branch', async () => {
    const csvIds = async (who) => {
      const res = expectStatus(await exportOf(c[who], 'followups', { format: 'csv' }), 200);
      return parseCsv(res.buf.subarray(3).toString('utf8')).slice(1).map((r) => Number(r[0])).sort((a, b) => a - b);
    };
    for (const who of ['a1', 'a2', 's1']) assert.deepEqual(await csvIds(who), ids(await listAll(c[who])), who);
    assert.equal((await csvIds('a2')).length, 3);
    assert.equal((await csvIds('s1')).length, MANY);
  });

  test('a filter the caller may not use stays a 403', async () => {
    expectProblem(await exportOf(c.a1, 'followups', { format: 'csv', branch_id: b2.id }), 403, 'filter_not_allowed');
    expectProblem(await exportOf(c.a1, 'agenda', { format: 'csv', scope: 'all' }), 403);
  });
});

describe('refusals', () => {
  test('a misspelt format, a missing one, a bad filter and a page parameter are named', async () => {
    expectFieldError(await exportOf(c.a1, 'followups', { format: 'xslx' }), 422, 'format', 'invalid_value');
    expectFieldError(await exportOf(c.a1, 'followups', {}), 422, 'format', 'required');
    expectFieldError(await exportOf(c.a1, 'followups', { format: 'csv', from: '2026-13-01' }), 422, 'from');
    expectFieldError(await exportOf(c.a1, 'followups', { format: 'csv', limit: '10' }), 422, 'limit', 'unknown_parameter');
    expectFieldError(await exportOf(c.a1, 'agenda', { format: 'pdff' }), 422, 'format', 'invalid_value');
    const es = await exportOf(c.a1, 'followups', { format: 'xslx' }, { lang: 'es' });
    assert.equal(es.body.errors[0].field, 'format');
  });
});

describe('XLSX', () => {
  test('openpyxl reads back the same rows', async () => {
    const res = expectStatus(await exportOf(c.a1, 'followups', { format: 'xlsx', status: 'open' }), 200);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="retornos-${TODAY}.xlsx"`);
    const file = path.join(tmp, 'f.xlsx');
    fs.writeFileSync(file, res.buf);
    const out = run(PYTHON, ['-c', `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb.worksheets[0]
def cell(v):
    if isinstance(v, datetime.datetime): return v.strftime('%Y-%m-%d %H:%M')
    return v
rows = [[cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
about = [[v for v in r] for r in wb.worksheets[1].iter_rows(values_only=True)]
print(json.dumps({'rows': rows, 'about': about}))
`, file]);
    const { rows, about } = JSON.parse(out);
    assert.deepEqual(rows[0], PT_COLUMNS);
    const csv = parseCsv(expectStatus(await exportOf(c.a1, 'followups', { format: 'csv', status: 'open' }), 200)
      .buf.subarray(3).toString('utf8'));
    assert.equal(rows.length, csv.length);
    for (let i = 1; i < rows.length; i++) {
      assert.equal(rows[i][0], Number(csv[i][0]), `row ${i}: the number`);
      assert.equal(rows[i][2], csv[i][2], `row ${i}: the subject`);
      assert.equal(rows[i][7], '2026-03-10 00:00', `row ${i}: a real date`);
    }
    assert.equal(about[0][0], COMPANY);
    assert.ok(about.some((r) => r[0] === 'Follow ups' && r[1] === 'Em aberto'), JSON.stringify(about));
  });
});

describe('PDF', () => {
  test('pdftotext finds the rows, the company, the filters and the page numbers', async () => {
    const res = expectStatus(await exportOf(c.a1, 'followups', { format: 'pdf', status: 'open', priority: 'medium' }), 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.buf.subarray(0, 5).toString(), '%PDF-');
    const file = path.join(tmp, 'f.pdf');
    fs.writeFileSync(file, res.buf);
    const text = run('pdftotext', ['-layout', file, '-']);
    assert.ok(text.includes(COMPANY), 'the company');
    assert.ok(text.includes('Follow ups: Em aberto'), 'the status filter');
    assert.ok(text.includes('Prioridade: Média'), 'the priority filter');
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))[1]);
    assert.ok(pages >= 2, `${pages} pages`);
    assert.ok(text.includes(`página 1 de ${pages}`) && text.includes(`página ${pages} de ${pages}`), 'page numbers');
    for (let i = 0; i < MANY; i += 17) assert.ok(text.includes(`Revisão ${i}; "óculos"`), `row ${i}`);
    assert.equal(text.split('Data do contato').length - 1, pages, 'the header row on every page');
    // The first page as a picture, for the documentation (docs/screenshots/).
    run('pdftoppm', ['-png', '-r', '60', '-singlefile', '-f', '1', '-l', '1', file, path.join(tmp, 'page')]);
    assert.ok(fs.statSync(path.join(tmp, 'page.png')).size > 1000);
    if (process.env.RETORNO_UPDATE_SCREENSHOTS === '1')
      fs.copyFileSync(path.join(tmp, 'page.png'), path.join(REPO_ROOT, 'docs', 'screenshots', 'export-followups.png'));
  });
});

describe('agenda', () => {
  test('the agenda of today as CSV and PDF', async () => {
    const res = expectStatus(await exportOf(c.a2, 'agenda', { format: 'csv' }), 200);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="agenda-${TODAY}.csv"`);
    const rows = parseCsv(res.buf.subarray(3).toString('utf8'));
    assert.deepEqual(rows[0], ['Situação', 'Data', 'Hora', 'Tp. contato', 'Cliente / Fornecedor', 'Assunto',
      'Mensagem ao cliente', 'Contato', 'Responsável']);
    const listed = expectStatus(await c.a2.get(`${API}/agenda`), 200).body.items;
    assert.equal(rows.length - 1, listed.length);
    assert.equal(rows.length - 1, 3);
    assert.ok(rows.slice(1).every((r) => r[1] === '10/03/2026' && r[8] === users.a2.name));
    const pdf = expectStatus(await exportOf(c.s1, 'agenda', { format: 'pdf', scope: 'branch' }), 200);
    const file = path.join(tmp, 'a.pdf');
    fs.writeFileSync(file, pdf.buf);
    const text = run('pdftotext', ['-layout', file, '-']);
    assert.ok(text.includes('Mostrar: Minha filial'));
    assert.ok(!text.includes('Recife 0'), 'not another branch');
  });
});
