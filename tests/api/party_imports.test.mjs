// The CSV import of customers and contacts (manual 003, ADR 0046) through the API of a
// running server: Brazilian and Mexican files (';', Windows-1252, Portuguese and Spanish
// headers and values), per-line errors in the reader's language, a replay that changes
// nothing, and who may import what into which branch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  advance, API, createParty, createUser, expectFieldError, expectProblem, expectStatus, login, loginAdmin,
  startServer, uniq,
} from './harness.mjs';

async function waitForImport(client, id, timeoutMs = 20000) {
  // The import job works at each round of the clock; a round can pass it by while the
  // document imports' job holds the same queue (both claim the oldest import), so the
  // clock moves a second at a time, as a running server's ticks do, until it is done.
  const t0 = Date.now();
  for (;;) {
    await advance(client.server, 1);
    const r = expectStatus(await client.get(`${API}/imports/${id}`), 200).body;
    if (r.status === 'done' || r.status === 'failed') return r;
    if (Date.now() - t0 > timeoutMs) throw new Error(`import ${id} still ${r.status}: ${JSON.stringify(r)}`);
  }
}

function postCsv(client, bytes, fileName = 'clientes.csv') {
  return client.request('POST', `${API}/imports/parties`, {
    body: bytes, headers: { 'Content-Type': 'text/csv', 'X-File-Name': encodeURIComponent(fileName) },
  });
}

async function importFile(client, bytes, fileName) {
  const accepted = expectStatus(await postCsv(client, bytes, fileName), 202, 'import').body;
  assert.equal(accepted.kind, 'parties');
  return waitForImport(client, accepted.id);
}

async function partyByCode(client, code) {
  const items = expectStatus(await client.get(`${API}/parties?q=${encodeURIComponent(code)}`), 200).body.items;
  const hit = items.find((p) => p.code === code);
  return hit ? expectStatus(await client.get(`${API}/parties/${hit.id}`), 200).body : undefined;
}

const counts = (r) => [r.parties_created, r.parties_updated, r.parties_unchanged, r.contacts_created];

describe('import of customers and contacts', () => {
  let server, admin, supervisor, supervisorEs, agent, otherSupervisor, branch, branch2, sup, agentUser;

  before(async () => {
    server = await startServer({ simulatedClock: true });
    admin = await loginAdmin(server);
    branch = expectStatus(await admin.post(`${API}/branches`, { name: 'Filial Campinas' }), 201).body;
    branch2 = expectStatus(await admin.post(`${API}/branches`, { name: 'Sucursal Monterrey' }), 201).body;
    sup = await createUser(admin, { name: 'Sílvio Supervisor', role: 'supervisor', branch_id: branch.id });
    supervisor = await login(server, sup.login);
    const supEs = await createUser(admin, {
      name: 'Sofía Supervisora', role: 'supervisor', branch_id: branch2.id, locale: 'es', time_zone: 'America/Mexico_City',
    });
    supervisorEs = await login(server, supEs.login, undefined, { lang: 'es' });
    const sup3 = await createUser(admin, { name: 'Otto', role: 'supervisor', branch_id: branch2.id });
    otherSupervisor = await login(server, sup3.login);
    agentUser = await createUser(admin, { name: 'Vera Vendas', branch_id: branch.id });
    agent = await login(server, agentUser.login);
  });
  after(async () => { await server?.stop(); });

  test('a Windows-1252 file with bad lines imports the rest, reports each bad line, and a replay changes nothing', async () => {
    const c1 = uniq('IMP-'), c2 = uniq('IMP-'), c3 = uniq('IMP-'), c4 = uniq('IMP-');
    // As Excel in Brazil saves it: ';', Windows-1252, Portuguese headers and values.
    const lines = [
      'Código;Tipo;Razão Social;CPF/CNPJ;E-mail;Telefone;WhatsApp;Nascimento;Contato;E-mail contato;Telefone contato;WhatsApp contato;Cidade',
      `${c1};cliente;Açougue São João;11.222.333/0001-81;compras@acougue.com.br;(11) 3456-7890;não;;Conceição Araújo;conceicao@acougue.com.br;(11) 98765-4321;sim;Campinas`,
      `${c1};cliente;Açougue São João;;;;;;José Estêvão;;;;`,
      `${c2};fornecedor;Distribuidora Irmãos Souza;;;;;;;;;;`,
      `${c3};prospect;Padaria Pão Quente;529.982.247-25;;(11) 99876-5432;sim;15/03/1980;;;;;`,
      `${uniq('IMP-')};socio;Tipo errado;;;;;;;;;;`,
      `${uniq('IMP-')};cliente;Documento errado;111.111.111-11;;;;;;;;;`,
      `${uniq('IMP-')};cliente;Data errada;;;;;31/02/1990;;;;;`,
      `${c4};cliente;;;;;;;;;;;`,
      `;;Sem código nem documento;;;;;;;;;;`,
    ];
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
    const run = await importFile(supervisor, bytes, 'clientes de março.csv');
    assert.equal(run.status, 'done');
    assert.equal(run.file_name, 'clientes de março.csv');
    assert.equal(run.total_lines, 9);
    assert.equal(run.processed_lines, 9);
    // Lines 2, 4, 5 create; line 3 adds a contact to line 2's party.
    assert.deepEqual(counts(run), [3, 1, 0, 2]);
    assert.equal(run.error_lines, 5);
    const byLine = Object.fromEntries(run.errors.map((e) => [`${e.line}:${e.field}`, e]));
    assert.equal(byLine['6:tipo']?.code, 'invalid_value');
    assert.equal(byLine['7:cpf/cnpj']?.code, 'invalid_tax_id');
    assert.equal(byLine['8:nascimento']?.code, 'invalid_file_date');
    assert.equal(byLine['9:razão social']?.code, 'required', 'a new party needs a name; the column as the file writes it');
    assert.equal(byLine['10:código']?.code, 'required');
    assert.equal(byLine['7:cpf/cnpj'].message, 'CPF, CNPJ ou RFC inválido (confira os dígitos).', 'in the reader\'s language');
    // A bad date names the forms a spreadsheet may write.
    assert.equal(byLine['8:nascimento'].message, 'Data inválida (use dd/mm/aaaa ou aaaa-mm-dd).');
    assert.equal(await partyByCode(admin, c4), undefined, 'a refused line stores nothing');

    const p1 = await partyByCode(supervisor, c1);
    assert.equal(p1.name, 'Açougue São João', 'Windows-1252 accents arrive intact');
    assert.equal(p1.kind, 'customer');
    assert.equal(p1.tax_id, '11222333000181');
    assert.equal(p1.whatsapp, '');
    assert.equal(p1.branch_id, branch.id, "the importer's branch");
    assert.equal(p1.owner_id, sup.id, 'the importer owns what has no owner column');
    assert.deepEqual(p1.contacts.map((c) => [c.name, c.email, c.whatsapp]), [
      ['Conceição Araújo', 'conceicao@acougue.com.br', '(11) 98765-4321'],
      ['José Estêvão', '', ''],
    ]);
    assert.equal((await partyByCode(supervisor, c2)).kind, 'supplier');
    const p3 = await partyByCode(supervisor, c3);
    assert.equal(p3.kind, 'prospect');
    assert.equal(p3.birthday, '1980-03-15');
    assert.equal(p3.whatsapp, '(11) 99876-5432', '"sim": the phone is also the WhatsApp');

    // The same file again: every party and contact is found as it is.
    const again = await importFile(supervisor, bytes);
    assert.deepEqual(counts(again), [0, 0, 4, 0]);
    assert.equal(again.error_lines, 5);
    const p1Again = await partyByCode(supervisor, c1);
    assert.equal(p1Again.version, p1.version, 'nothing written');
    assert.equal(p1Again.contacts.length, 2);

    // A later file completes what it knows, matching by tax id and contact e-mail.
    const later = [
      'cpf_cnpj;email_contato;telefone_contato;nascimento_contato',
      '11222333000181;CONCEICAO@acougue.com.br;(11) 91234-5678;02/01/1975',
    ].join('\n');
    const completed = await importFile(supervisor, Buffer.from(later));
    assert.deepEqual(counts(completed), [0, 1, 0, 0]);
    const p1Later = await partyByCode(supervisor, c1);
    assert.equal(p1Later.contacts.length, 2);
    assert.equal(p1Later.contacts[0].phone, '(11) 91234-5678');
    assert.equal(p1Later.contacts[0].birthday, '1975-01-02');
    assert.equal(p1Later.contacts[0].name, 'Conceição Araújo', 'an empty cell keeps what is stored');
  });

  test('a Mexican file: Spanish headers and values, RFC, errors in Spanish', async () => {
    const clave = uniq('MX-');
    const lines = [
      'Clave,Tipo,Nombre,RFC,Correo,Teléfono,WhatsApp,Fecha de nacimiento,Contacto,Correo contacto,WhatsApp contacto',
      `${clave},proveedor,Taller Mecánico Hermanos Gómez,GODE-561231-GR8,ventas@gomez.mx,55 5123 4567,sí,,Rosa Gómez,rosa@gomez.mx,no`,
      `${uniq('MX-')},prospecto,Línea con error,,correo-invalido,,,,,,`,
    ];
    const run = await importFile(supervisorEs, Buffer.from(lines.join('\n')));
    assert.deepEqual(counts(run), [1, 0, 0, 1]);
    assert.equal(run.error_lines, 1);
    assert.equal(run.errors[0].line, 3);
    assert.equal(run.errors[0].field, 'correo');
    assert.equal(run.errors[0].code, 'invalid_email');
    assert.equal(run.errors[0].message, 'Correo electrónico no válido.');
    const p = await partyByCode(supervisorEs, clave);
    assert.equal(p.kind, 'supplier');
    assert.equal(p.tax_id, 'GODE561231GR8');
    assert.equal(p.tax_id_kind, 'rfc');
    assert.equal(p.whatsapp, '55 5123 4567');
    assert.equal(p.branch_id, branch2.id);
    assert.equal(p.contacts[0].whatsapp, '');

    // Without a code column, the RFC finds the party; a second contact by name.
    const second = ['rfc;contacto', 'gode561231gr8;Pedro Gómez'].join('\n');
    const r2 = await importFile(supervisorEs, Buffer.from(second));
    assert.deepEqual(counts(r2), [0, 1, 0, 1]);
    assert.deepEqual((await partyByCode(supervisorEs, clave)).contacts.map((c) => c.name), ['Rosa Gómez', 'Pedro Gómez']);

    // The same refusals in Spanish: a branch that is not theirs, a date in neither form.
    const inCampinas = uniq('MX-');
    const refused = [
      'Clave,Nombre,Sucursal,Fecha de nacimiento',
      `${inCampinas},Cliente en Campinas,Filial Campinas,`,
      `${uniq('MX-')},Fecha rara,,1990.03.15`,
    ].join('\n');
    const r3 = await importFile(supervisorEs, Buffer.from(refused));
    assert.deepEqual(counts(r3), [0, 0, 0, 0]);
    assert.equal(r3.error_lines, 2);
    const es = Object.fromEntries(r3.errors.map((e) => [e.line, e]));
    assert.deepEqual([es[2].field, es[2].code, es[2].message],
      ['sucursal', 'branch_not_allowed', 'Solo puede poner clientes en su propia sucursal.']);
    assert.deepEqual([es[3].field, es[3].code, es[3].message],
      ['fecha de nacimiento', 'invalid_file_date', 'Fecha no válida (use dd/mm/aaaa o aaaa-mm-dd).']);
    assert.equal(await partyByCode(admin, inCampinas), undefined, 'a refused line stores nothing');
  });

  test('who may import, and into which branch', async () => {
    // Agents lack the CSV imports' right; granted, they import (their own branch and ownership).
    const file = Buffer.from(`codigo;nome\n${uniq('AG-')};Cliente do agente\n`);
    expectProblem(await postCsv(agent, file), 403, 'missing_right');
    expectStatus(await admin.put(`${API}/users/${agentUser.id}/rights`, { granted: ['create_documents'], revoked: [] }), 200);
    const code = uniq('AG-');
    const byAgent = await importFile(agent, Buffer.from(`codigo;nome\n${code};Cliente do agente\n`));
    assert.deepEqual(counts(byAgent), [1, 0, 0, 0]);
    const mine = await partyByCode(agent, code);
    assert.equal(mine.owner_id, agentUser.id);
    assert.equal(mine.branch_id, branch.id);
    expectStatus(await admin.put(`${API}/users/${agentUser.id}/rights`, { granted: [], revoked: [] }), 200);
    expectProblem(await postCsv(agent, file), 403, 'missing_right');

    // A supervisor places parties in their branch only, and changes no party of another.
    const foreign = await createParty(otherSupervisor, { name: 'Cliente de Monterrey' });
    const own = uniq('SUP-'), elsewhere = uniq('SUP-');
    const lines = [
      'codigo;nome;filial;email',
      `${own};Cliente Campinas;filial campinas;`,
      `${elsewhere};Cliente em outra filial;Sucursal Monterrey;`,
      `${foreign.code};;;novo@exemplo.com.br`,
      `${foreign.code};;;`,
      `${uniq('SUP-')};Filial que não existe;Filial Marte;`,
    ];
    const run = await importFile(supervisor, Buffer.from(lines.join('\n')));
    assert.deepEqual(counts(run), [1, 0, 0, 0]);
    const byLine = Object.fromEntries(run.errors.map((e) => [e.line, e]));
    assert.deepEqual([byLine[3].field, byLine[3].code], ['filial', 'branch_not_allowed']);
    assert.equal(byLine[3].message, 'Você só pode colocar clientes na sua própria filial.', 'says it is the branch, plainly');
    assert.deepEqual([byLine[4].field, byLine[4].code], ['', 'forbidden_party']);
    assert.deepEqual([byLine[5].field, byLine[5].code], ['', 'forbidden_party'], 'refused even with nothing new');
    assert.deepEqual([byLine[6].field, byLine[6].code], ['filial', 'unknown_branch']);
    assert.equal((await partyByCode(admin, own)).branch_id, branch.id);
    assert.equal(await partyByCode(admin, elsewhere), undefined);
    assert.equal((await partyByCode(admin, foreign.code)).email, foreign.email, 'the other branch\'s party is untouched');

    // An admin places a party in any branch the file names.
    const adminCode = uniq('ADM-');
    const byAdmin = await importFile(admin, Buffer.from(`code;name;branch\n${adminCode};Cliente do admin;Sucursal Monterrey\n`));
    assert.deepEqual(counts(byAdmin), [1, 0, 0, 0]);
    assert.equal((await partyByCode(admin, adminCode)).branch_id, branch2.id);

    // An import is its author's (and the admins'): another supervisor does not find it.
    expectProblem(await otherSupervisor.get(`${API}/imports/${run.id}`), 404);
    expectStatus(await admin.get(`${API}/imports/${run.id}`), 200);
    const list = expectStatus(await otherSupervisor.get(`${API}/imports`), 200).body.items;
    assert.ok(!list.some((r) => r.id === run.id));
  });

  test('imports of customers and of documents queued together both end, in the order they came', async () => {
    const code = uniq('ORD-');
    const parties = expectStatus(await postCsv(admin, Buffer.from(`codigo;nome\n${code};Cliente da fila\n`)), 202).body;
    const documents = expectStatus(await admin.request('POST', `${API}/imports/documents`, {
      body: Buffer.from(`kind,number,date,customer_code,item_code\nsale,${uniq('V-')},2026-01-05,${code},AVULSO\n`),
      headers: { 'Content-Type': 'text/csv', 'X-File-Name': 'vendas.csv' },
    }), 202).body;
    assert.equal(documents.kind, 'documents');
    const partyRun = await waitForImport(admin, parties.id);
    const documentRun = await waitForImport(admin, documents.id);
    assert.deepEqual([partyRun.status, partyRun.parties_created], ['done', 1]);
    // The customer the first import created is there for the sale of the second.
    assert.deepEqual([documentRun.status, documentRun.documents_created, documentRun.error_lines], ['done', 1, 0]);
    assert.equal(documentRun.parties_created, 0);
  });

  test('a file it cannot use is refused whole, before storing anything', async () => {
    await expectFieldError(await postCsv(admin, Buffer.from('nome;email\nAna;ana@example.com\n')), 422, 'file.code', 'missing_column');
    await expectFieldError(await postCsv(admin, Buffer.from('codigo;clave;nome\nA;B;C\n')), 422, 'file.clave', 'duplicate');
    await expectFieldError(await postCsv(admin, Buffer.from('codigo;nome\n')), 422, 'file', 'csv_no_rows');
    await expectFieldError(await postCsv(admin, Buffer.from('')), 422, 'file', 'csv_empty');
    await expectFieldError(await postCsv(admin, Buffer.from('codigo;nome\n"A;B\n')), 422, 'file', 'csv_malformed');
  });
});
