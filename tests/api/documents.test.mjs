// Products and services, sales documents, their CSV import and the automatic
// follow-ups of manual 002 (after a sale, after a completed service, birthdays),
// through the API of a running server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  advance, API, createParty, createUser, expectFieldError, expectProblem, expectStatus, listAll, login, loginAdmin,
  startServer, uniq,
} from './harness.mjs';

const addDays = (date, n) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const dmy = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function waitForImport(client, id, timeoutMs = 20000) {
  // The import job's next round comes with the clock's next second; polling shows the
  // progress it reports meanwhile.
  const moving = advance(client.server, 1);
  const t0 = Date.now();
  const seen = [];
  for (;;) {
    const r = expectStatus(await client.get(`${API}/imports/${id}`), 200).body;
    seen.push(r.processed_lines);
    if (r.status === 'done' || r.status === 'failed') {
      await moving;
      return { run: r, seen };
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`import ${id} still ${r.status}: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

function postCsv(client, bytes, fileName = 'vendas.csv') {
  return client.request('POST', `${API}/imports/documents`, {
    body: bytes, headers: { 'Content-Type': 'text/csv', 'X-File-Name': encodeURIComponent(fileName) },
  });
}

describe('catalogue, documents and automatic follow-ups', () => {
  let server, admin, supervisor, agent, seller, customer, today, filter, service;

  before(async () => {
    server = await startServer({ simulatedClock: true });  // from the real now, standing still
    admin = await loginAdmin(server);
    const branch = expectStatus(await admin.post(`${API}/branches`, { name: 'Filial Campinas' }), 201).body;
    seller = await createUser(admin, { name: 'Vera Vendas', branch_id: branch.id });
    agent = await login(server, seller.login);
    const sup = await createUser(admin, { name: 'Sílvio Supervisor', role: 'supervisor', branch_id: branch.id });
    supervisor = await login(server, sup.login);
    customer = await createParty(agent, { name: 'Oficina Mecânica Irmãos Souza' });
    today = expectStatus(await agent.get(`${API}/me`), 200).body.today;
    filter = expectStatus(await admin.post(`${API}/catalog`, {
      code: uniq('FILTRO-'), kind: 'product', name: 'Filtro de água', followup_days: 180,
      followup: { subject: 'Troca do filtro', category: 'pos_venda', type: 'phone', message: 'Olá #{contato|cliente}, hora de trocar o filtro.' },
    }), 201).body;
    service = expectStatus(await admin.post(`${API}/catalog`, {
      code: uniq('INST-'), kind: 'service', name: 'Instalação de aquecedor', followup_days: 30,
    }), 201).body;
  });
  after(async () => { await server?.stop(); });

  test('the catalogue: admins write, everyone reads, every bad field is refused', async () => {
    assert.equal(filter.followup_days, 180);
    assert.deepEqual(filter.followup.category, 'pos_venda');
    const list = expectStatus(await agent.get(`${API}/catalog?q=filtro`), 200).body.items;
    assert.ok(list.some((i) => i.id === filter.id));
    assert.ok(expectStatus(await agent.get(`${API}/catalog?kind=service`), 200).body.items.every((i) => i.kind === 'service'));
    expectProblem(await agent.post(`${API}/catalog`, { code: 'X1', kind: 'product', name: 'X' }), 403);
    await expectFieldError(await admin.post(`${API}/catalog`, { code: filter.code, kind: 'product', name: 'Outro' }), 409, 'code', 'taken');
    await expectFieldError(await admin.post(`${API}/catalog`, { code: uniq('P-'), kind: 'product', name: 'P', followup_days: 0 }), 422, 'followup_days', 'out_of_range');
    await expectFieldError(await admin.post(`${API}/catalog`, {
      code: uniq('P-'), kind: 'product', name: 'P', followup: { category: 'nao_existe' },
    }), 422, 'followup.category', 'unknown_code');
    await expectFieldError(await admin.post(`${API}/catalog`, {
      code: uniq('P-'), kind: 'product', name: 'P', followup: { message: 'Oi #{clinte}' },
    }), 422, 'followup.message', 'unknown_placeholder');
    await expectFieldError(await admin.post(`${API}/catalog`, { code: uniq('P-'), name: 'P' }), 422, 'kind', 'required');
    const edited = expectStatus(await admin.patch(`${API}/catalog/${service.id}`, { name: 'Instalação de aquecedor a gás' }), 200).body;
    assert.equal(edited.name, 'Instalação de aquecedor a gás');
    assert.equal(edited.followup_days, 30, 'a PATCH keeps the fields it does not name');
    expectProblem(await admin.patch(`${API}/catalog/999999`, { name: 'x' }), 404);
  });

  test('a sale creates its follow-up N days later; replaying or editing never duplicates; cancelling closes it', async () => {
    const number = uniq('V-');
    const body = {
      kind: 'sale', number, party_id: customer.id, date: today, owner_id: seller.id,
      items: [{ item_code: filter.code, quantity: 2 }, { item_code: 'SEM-CADASTRO', description: 'Mangueira', quantity: 1.5 },
        { item_code: filter.code, quantity: 1 }],
    };
    const doc = expectStatus(await supervisor.post(`${API}/documents`, body), 201).body;
    assert.equal(doc.items.length, 3);
    assert.equal(doc.items[0].item_id, filter.id);
    assert.equal(doc.items[0].description, 'Filtro de água', 'the catalogue names an item left without a description');
    assert.equal(doc.items[1].item_id, null);
    assert.equal(doc.followups.length, 1, 'one follow-up per catalogue item, however many lines');
    const [auto] = doc.followups;
    assert.equal(auto.origin, 'after_sale');
    assert.equal(auto.next_due_date, addDays(today, 180));
    assert.equal(auto.owner_id, seller.id);

    const f = expectStatus(await agent.get(`${API}/followups/${auto.id}`), 200).body;
    assert.equal(f.origin, 'after_sale');
    assert.deepEqual(f.document, { id: doc.id, kind: 'sale', number });
    assert.equal(f.subject, 'Troca do filtro');
    assert.equal(f.actions[0].message, 'Olá #{contato|cliente}, hora de trocar o filtro.');
    assert.equal(f.party.id, customer.id);

    await expectFieldError(await supervisor.post(`${API}/documents`, body), 409, 'number', 'taken');
    expectProblem(await agent.post(`${API}/documents`, { ...body, number: uniq('V-') }), 403);

    // The same document again: nothing changes.
    const same = expectStatus(await supervisor.put(`${API}/documents/${doc.id}`, body), 200).body;
    assert.equal(same.version, doc.version);
    assert.deepEqual(same.followups.map((x) => x.id), [auto.id]);

    // A corrected sale date moves the open follow-up instead of adding one.
    const moved = expectStatus(await supervisor.put(`${API}/documents/${doc.id}`, { ...body, date: addDays(today, -10) }), 200).body;
    assert.equal(moved.version, doc.version + 1);
    assert.deepEqual(moved.followups.map((x) => [x.id, x.next_due_date]), [[auto.id, addDays(today, 170)]]);
    await expectFieldError(await supervisor.put(`${API}/documents/${doc.id}`, { ...body, number: uniq('V-') }), 422, 'number', 'immutable');
    // A client that read an older version gets 412 and changes nothing.
    const got = expectStatus(await agent.get(`${API}/documents/${doc.id}`), 200);
    assert.equal(got.headers.get('etag'), `"${moved.version}"`);
    expectProblem(await supervisor.put(`${API}/documents/${doc.id}`, { ...body, date: today }, { headers: { 'If-Match': `"${doc.version}"` } }), 412);
    assert.equal(expectStatus(await agent.get(`${API}/documents/${doc.id}`), 200).body.date, addDays(today, -10));

    const cancelled = expectStatus(await supervisor.post(`${API}/documents/${doc.id}/cancel`), 200).body;
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(cancelled.followups.map((x) => [x.id, x.status]), [[auto.id, 'closed']]);
    const closed = expectStatus(await agent.get(`${API}/followups/${auto.id}`), 200).body;
    assert.ok(closed.actions.every((a) => a.status === 'cancelled'));
    assert.match(closed.entries[0].body, /cancelad/);
    // Cancelling again changes nothing and reopens nothing.
    const again = expectStatus(await supervisor.post(`${API}/documents/${doc.id}/cancel`), 200).body;
    assert.equal(again.version, cancelled.version);
  });

  test('a service order creates its follow-up only once completed, from the completion date', async () => {
    const number = uniq('OS-');
    const open = { kind: 'service_order', number, party_id: customer.id, date: addDays(today, -3), owner_id: seller.id,
      items: [{ item_code: service.code }] };
    const doc = expectStatus(await admin.post(`${API}/documents`, open), 201).body;
    assert.deepEqual(doc.followups, []);
    await expectFieldError(await admin.put(`${API}/documents/${doc.id}`, { ...open, status: 'completed' }), 422, 'completed_on', 'required');
    await expectFieldError(await admin.put(`${API}/documents/${doc.id}`, { ...open, status: 'completed', completed_on: addDays(today, -4) }), 422, 'completed_on', 'before_date');
    const done = expectStatus(await admin.put(`${API}/documents/${doc.id}`, { ...open, status: 'completed', completed_on: today }), 200).body;
    assert.equal(done.followups.length, 1);
    assert.equal(done.followups[0].origin, 'service_done');
    assert.equal(done.followups[0].next_due_date, addDays(today, 30));
    const f = expectStatus(await agent.get(`${API}/followups/${done.followups[0].id}`), 200).body;
    assert.equal(f.category, 'assistencia_tecnica');
    // Reopened in the ERP: the follow-up it no longer calls for is closed.
    const reopened = expectStatus(await admin.put(`${API}/documents/${doc.id}`, open), 200).body;
    assert.deepEqual(reopened.followups.map((x) => x.status), ['closed']);
  });

  test('an old sale whose follow-up day has passed creates nothing; quotes never do', async () => {
    const old = expectStatus(await admin.post(`${API}/documents`, {
      kind: 'sale', number: uniq('V-'), party_id: customer.id, date: addDays(today, -400), items: [{ item_code: filter.code }],
    }), 201).body;
    assert.deepEqual(old.followups, []);
    const quote = expectStatus(await admin.post(`${API}/documents`, {
      kind: 'quote', number: uniq('ORC-'), party_id: customer.id, date: today, items: [{ item_code: filter.code }],
    }), 201).body;
    assert.deepEqual(quote.followups, []);
    assert.equal(quote.owner_id, customer.owner_id, "the owner defaults to the party's");
  });

  test('a follow-up started from a document: the party comes from it and must match', async () => {
    const quote = expectStatus(await admin.post(`${API}/documents`, {
      kind: 'quote', number: uniq('ORC-'), party_id: customer.id, date: today, items: [{ item_code: 'X-1' }],
    }), 201).body;
    const f = expectStatus(await agent.post(`${API}/followups`, {
      document_id: quote.id, subject: 'Retorno do orçamento', category: 'em_analise',
      next_action: { type: 'phone', due_date: addDays(today, 2) },
    }), 201).body;
    assert.equal(f.party.id, customer.id);
    assert.equal(f.origin, 'manual');
    assert.deepEqual(f.document, { id: quote.id, kind: 'quote', number: quote.number });
    const other = await createParty(agent, { name: 'Outro Cliente' });
    await expectFieldError(await agent.post(`${API}/followups`, {
      document_id: quote.id, party_id: other.id, subject: 'x', category: 'em_analise',
      next_action: { type: 'phone', due_date: today },
    }), 422, 'document_id', 'document_of_other_party');
    await expectFieldError(await agent.post(`${API}/followups`, {
      document_id: 999999, subject: 'x', category: 'em_analise', next_action: { type: 'phone', due_date: today },
    }), 422, 'document_id', 'unknown_document');
    const listed = expectStatus(await agent.get(`${API}/documents/${quote.id}`), 200).body;
    assert.deepEqual(listed.followups.map((x) => x.id), [f.id]);
    const day = expectStatus(await agent.get(`${API}/calendar/day?date=${addDays(today, 2)}`), 200).body;
    const item = day.items.find((i) => i.followup.id === f.id);
    assert.equal(item.followup.document_id, quote.id);
    assert.deepEqual(item.followup.document, { id: quote.id, kind: 'quote', number: quote.number });
    assert.equal(item.followup.origin, 'manual');
  });

  test('documents list: newest first, by kind, party and text, with a cursor', async () => {
    const mine = await createParty(agent, { name: 'Cliente da Lista' });
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(expectStatus(await admin.post(`${API}/documents`, {
        kind: i === 2 ? 'quote' : 'sale', number: uniq('L-'), party_id: mine.id, date: today, items: [],
      }), 201).body.id);
    }
    const page1 = expectStatus(await agent.get(`${API}/documents?party_id=${mine.id}&limit=2`), 200).body;
    assert.deepEqual(page1.items.map((d) => d.id), [made[2], made[1]]);
    const page2 = expectStatus(await agent.get(`${API}/documents?party_id=${mine.id}&limit=2&cursor=${page1.next_cursor}`), 200).body;
    assert.deepEqual(page2.items.map((d) => d.id), [made[0]]);
    assert.equal(page2.next_cursor, null);
    const quotes = expectStatus(await agent.get(`${API}/documents?party_id=${mine.id}&kind=quote`), 200).body;
    assert.deepEqual(quotes.items.map((d) => d.id), [made[2]]);
    const byName = expectStatus(await agent.get(`${API}/documents?q=${encodeURIComponent('Cliente da Lista')}`), 200).body;
    assert.equal(byName.items.length, 3);
    await expectFieldError(await agent.get(`${API}/documents?kind=invoice`), 422, 'kind', 'invalid_value');
  });

  test('CSV import: progress to the end, a per-line error report, nothing duplicated on replay', async () => {
    const other = await createParty(agent, { name: 'Padaria Pão Quente' });
    const n1 = uniq('V-'), n2 = uniq('V-'), n3 = uniq('OS-'), bad = uniq('V-');
    // Windows-1252, ';' and dd/mm/yyyy, as Excel in Brazil saves it; one sale on two lines.
    const lines = [
      'kind;number;date;customer_code;status;completed_on;seller;item_code;quantity;description',
      `sale;${n1};${dmy(today)};${customer.code};;;${seller.login};${filter.code};1;`,
      `sale;${n1};${dmy(today)};${customer.code};;;${seller.login};MANGUEIRA;2,5;Mangueira 1/2"`,
      `sale;${n2};${today};${other.code};;;;${filter.code};1;Filtro café`,
      `service_order;${n3};${dmy(addDays(today, -1))};${other.code};completed;${dmy(today)};;${service.code};1;Instalação`,
      `sale;${bad};${today};NAO-EXISTE;;;;${filter.code};1;`,
      `sale;${uniq('V-')};31/02/2026;${customer.code};;;;${filter.code};abc;`,
    ];
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
    const accepted = await postCsv(supervisor, bytes, 'vendas de março.csv');
    expectStatus(accepted, 202, 'import');
    assert.equal(accepted.body.total_lines, 6);
    assert.equal(accepted.body.file_name, 'vendas de março.csv');
    const { run } = await waitForImport(supervisor, accepted.body.id);
    assert.equal(run.status, 'done');
    assert.equal(run.processed_lines, 6);
    assert.deepEqual([run.documents_created, run.documents_updated, run.documents_unchanged], [3, 0, 0]);
    assert.equal(run.followups_created, 3, 'two sales with the filter and one completed service');
    assert.equal(run.error_lines, 2);
    const byLine = Object.fromEntries(run.errors.map((e) => [`${e.line}:${e.field}`, e.code]));
    assert.equal(byLine['6:customer_code'], 'unknown_party');
    assert.equal(byLine['7:date'], 'invalid_date');
    assert.equal(byLine['7:quantity'], 'invalid_number');
    assert.ok(run.errors.every((e) => e.message && e.message !== e.code), 'errors carry a readable message');

    const docs = expectStatus(await agent.get(`${API}/documents?q=${n1}`), 200).body.items;
    assert.equal(docs.length, 1);
    assert.equal(docs[0].items.length, 2);
    assert.equal(docs[0].items[1].quantity, 2.5);
    assert.equal(docs[0].items[1].description, 'Mangueira 1/2"');
    assert.equal(docs[0].owner_id, seller.id);
    const missing = expectStatus(await agent.get(`${API}/documents?q=${bad}`), 200).body.items;
    assert.deepEqual(missing, [], 'a document with an error stores nothing');

    const before = (await listAll(admin, { status: 'all' })).length;
    const replay = await postCsv(supervisor, bytes);
    const { run: again } = await waitForImport(supervisor, expectStatus(replay, 202).body.id);
    assert.deepEqual([again.documents_created, again.documents_updated, again.documents_unchanged, again.followups_created],
      [0, 0, 3, 0]);
    assert.equal((await listAll(admin, { status: 'all' })).length, before, 'a replayed import creates no follow-up');

    const runs = expectStatus(await supervisor.get(`${API}/imports`), 200).body.items;
    assert.deepEqual(runs.slice(0, 2).map((r) => r.id), [again.id, run.id]);
    expectProblem(await agent.get(`${API}/imports/${run.id}`), 404);
  });

  test('CSV import refuses a file it cannot read, before storing anything', async () => {
    await expectFieldError(await postCsv(admin, Buffer.from('kind,number,date\nsale,1,2026-01-01\n')), 422, 'file.customer_code', 'missing_column');
    await expectFieldError(await postCsv(admin, Buffer.from('')), 422, 'file', 'csv_empty');
    await expectFieldError(await postCsv(admin, Buffer.from('kind,number,date,customer_code,item_code\n"sale,1\n')), 422, 'file', 'csv_malformed');
    await expectFieldError(await postCsv(admin, Buffer.from('kind,number,date,customer_code,item_code\n')), 422, 'file', 'csv_no_rows');
    expectProblem(await postCsv(agent, Buffer.from('kind,number,date,customer_code,item_code\nsale,1,2026-01-01,X,Y\n')), 403);
  });

  test('a larger import reports progress while it runs and ends complete', async () => {
    const header = 'kind,number,date,customer_code,item_code,quantity';
    const rows = [];
    for (let i = 0; i < 1500; i++) rows.push(`sale,${uniq('B-')},${today},${customer.code},${i % 10 === 0 ? filter.code : 'AVULSO'},1`);
    const accepted = expectStatus(await postCsv(admin, Buffer.from([header, ...rows].join('\n'))), 202).body;
    const { run, seen } = await waitForImport(admin, accepted.id, 60000);
    assert.equal(run.status, 'done');
    assert.equal(run.processed_lines, 1500);
    assert.equal(run.documents_created, 1500);
    assert.equal(run.followups_created, 150);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], 'progress never goes back');
  });

  test("birthdays of a customer and of its contacts become follow-ups on the day, once", async () => {
    const in3 = addDays(today, 3), in5 = addDays(today, 5), far = addDays(today, 90);
    const p = await createParty(agent, {
      name: 'Dona Zilda Doces', birthday: `1975-${in3.slice(5)}`,
      contacts: [{ name: 'Rafael', birthday: `1990-${in5.slice(5)}` }, { name: 'Bia', birthday: `1991-${far.slice(5)}` }],
    });
    assert.equal(p.contacts[0].birthday, `1990-${in5.slice(5)}`);
    const items = (await listAll(agent, { party_id: p.id })).filter((f) => f.origin === 'birthday');
    assert.deepEqual(items.map((f) => f.next_due_date).sort(), [in3, in5], 'the one 90 days away is not created yet');
    assert.ok(items.some((f) => /Dona Zilda Doces/.test(f.subject)));
    assert.ok(items.some((f) => /Rafael/.test(f.subject) && f.contact.name === 'Rafael'));

    // The birthday job runs at start and every hour: a restart must not duplicate.
    await server.stop();
    server = await startServer({ db: server.db, dir: server.dir });
    const admin2 = await loginAdmin(server);
    const after = (await listAll(admin2, { party_id: p.id })).filter((f) => f.origin === 'birthday');
    assert.equal(after.length, 2);
    const day = expectStatus(await admin2.get(`${API}/calendar/day?date=${in3}&scope=all`), 200).body;
    assert.ok(day.items.some((i) => i.followup.origin === 'birthday' && i.followup.party.id === p.id));
  });

  test('data survives a restart', async () => {
    await server.stop();
    server = await startServer({ db: server.db, dir: server.dir });
    const a = await loginAdmin(server);
    const list = expectStatus(await a.get(`${API}/catalog?q=${filter.code}`), 200).body.items;
    assert.equal(list[0].followup.subject, 'Troca do filtro');
    const docs = expectStatus(await a.get(`${API}/documents?limit=5`), 200).body.items;
    assert.ok(docs.length > 0);
  });
});
