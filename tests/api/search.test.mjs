// Searching as Brazilians and Mexicans type: without accents or case, phone numbers and
// CPF/CNPJ/RFC with or without punctuation, in the party search, the follow-up list,
// the catalog and the documents; tax documents as validated party fields; the "+"
// opportunity dialog linking to an existing party instead of creating a duplicate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  API, BIN, createFollowup, createParty, createUser, expectFieldError, expectStatus, login, loginAdmin,
  startServer,
} from './harness.mjs';

const CLOCK = '2026-06-10T15:00:00Z';
const TODAY = '2026-06-10';

let server, admin, agent;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  agent = await login(server, (await createUser(admin, { name: 'Rita Busca' })).login);
});
after(async () => { await server?.stop(); });

const searchParties = async (client, q) =>
  expectStatus(await client.get(`${API}/parties?q=${encodeURIComponent(q)}`), 200).body.items.map((p) => p.name);

describe('party search', () => {
  test('finds by name, contact, e-mail, code, phone digits and documents, without accents or case', async () => {
    await createParty(agent, {
      code: 'AC-900', name: 'Açougue Cambuí', email: 'compras@acougue-cambui.com.br', phone: '(11) 98765-4321',
      tax_id: '11.222.333/0001-81', contacts: [{ name: 'João Peña', whatsapp: '+55 19 99876-5432' }],
    });
    await createParty(agent, { code: 'MX-900', name: 'Ferretería Muñoz', phone: '+52 55 1234 5678', tax_id: 'GODE-561231-GR8' });
    for (const q of ['cambui', 'acougue', 'AÇOUGUE CAMBUÍ', 'JOAO', 'pena', 'compras@acougue', 'ac-9',
      '987654321', '98765 4321', '(11) 98765-4321', '99876-5432', '11.222.333/0001-81', '11222333000181']) {
      assert.deepEqual(await searchParties(agent, q), ['Açougue Cambuí'], q);
    }
    for (const q of ['ferreteria munoz', 'MUÑOZ', 'gode561231gr8', 'GODE-561231-GR8', '55 1234 5678']) {
      assert.deepEqual(await searchParties(agent, q), ['Ferretería Muñoz'], q);
    }
  });
});

describe('tax documents of a party', () => {
  test('CPF, CNPJ and RFC are stored normalised, with their kind', async () => {
    const cpf = await createParty(agent, { name: 'Pessoa Física', tax_id: '529.982.247-25' });
    assert.equal(cpf.tax_id, '52998224725');
    assert.equal(cpf.tax_id_kind, 'cpf');
    const cnpj = await createParty(agent, { name: 'Empresa', tax_id: '11.444.777/0001-61' });
    assert.deepEqual([cnpj.tax_id, cnpj.tax_id_kind], ['11444777000161', 'cnpj']);
    const rfc = await createParty(agent, { name: 'Empresa MX', tax_id: 'mab-930714-8t4' });
    assert.deepEqual([rfc.tax_id, rfc.tax_id_kind], ['MAB9307148T4', 'rfc']);
    const none = await createParty(agent, { name: 'Sem documento' });
    assert.deepEqual([none.tax_id, none.tax_id_kind], ['', null]);
    const read = expectStatus(await agent.get(`${API}/parties/${cpf.id}`), 200).body;
    assert.equal(read.tax_id, '52998224725');
  });

  test('a wrong check digit is a 422 on tax_id in the user\'s language, and nothing is stored', async () => {
    const before = (await searchParties(agent, 'Documento Errado')).length;
    const messages = {};
    for (const lang of ['pt-BR', 'es', 'en']) {
      const r = await agent.post(`${API}/parties`, { code: `ERR-${lang}`, name: 'Documento Errado', tax_id: '529.982.247-26' }, { lang });
      messages[lang] = expectFieldError(r, 422, 'tax_id', 'invalid_tax_id').message;
    }
    assert.match(messages['pt-BR'], /CPF, CNPJ ou RFC inválido/);
    assert.match(messages.es, /RFC, CPF o CNPJ no válido/);
    assert.match(messages.en, /Invalid CPF, CNPJ or RFC/);
    for (const bad of ['11.222.333/0001-82', 'GODE561231GR9', '12345', 'CPF 529.982.247-25'])
      expectFieldError(await agent.post(`${API}/parties`, { name: 'Documento Errado', code: 'ERR-X', tax_id: bad }), 422, 'tax_id', 'invalid_tax_id');
    assert.equal((await searchParties(agent, 'Documento Errado')).length, before);
  });

  test('an edit validates, normalises and can clear it; the search follows', async () => {
    const p = await createParty(agent, { name: 'Oficina Edição' });
    const etag = `"${p.version}"`;
    expectFieldError(await agent.patch(`${API}/parties/${p.id}`, { tax_id: '111.111.111-11' }, { headers: { 'If-Match': etag } }),
      422, 'tax_id', 'invalid_tax_id');
    const set = expectStatus(await agent.patch(`${API}/parties/${p.id}`, { tax_id: '111.444.777-35' }, { headers: { 'If-Match': etag } }), 200).body;
    assert.deepEqual([set.tax_id, set.tax_id_kind, set.version], ['11144477735', 'cpf', p.version + 1]);
    assert.deepEqual(await searchParties(agent, '111.444.777-35'), ['Oficina Edição']);
    const cleared = expectStatus(await agent.patch(`${API}/parties/${p.id}`, { tax_id: '' }), 200).body;
    assert.deepEqual([cleared.tax_id, cleared.tax_id_kind], ['', null]);
    assert.deepEqual(await searchParties(agent, '11144477735'), []);
  });
});

describe('other searches fold accents and case', () => {
  test('the follow-up list text search', async () => {
    const p = await createParty(agent, { name: 'Cliente Lista' });
    const f = await createFollowup(agent, {
      party_id: p.id, due_date: TODAY, subject: 'Orçamento da câmara fria',
      notes: { followup: 'Falar com o Sr. Conceição às 15h' },
    });
    for (const q of ['orcamento da camara', 'CAMARA FRIA', 'conceicao as 15h']) {
      const items = expectStatus(await agent.get(`${API}/followups?q=${encodeURIComponent(q)}`), 200).body.items;
      assert.deepEqual(items.map((i) => i.id), [f.id], q);
    }
  });

  test('the catalog and the documents', async () => {
    expectStatus(await admin.post(`${API}/catalog`, { code: 'SRV-CA', kind: 'service', name: 'Instalação Elétrica' }), 201);
    const items = expectStatus(await agent.get(`${API}/catalog?q=instalacao%20eletrica`), 200).body.items;
    assert.deepEqual(items.map((i) => i.name), ['Instalação Elétrica']);
    const p = await createParty(agent, { code: 'DOC-N1', name: 'Panificadora São Tomé' });
    expectStatus(await admin.post(`${API}/documents`, { kind: 'sale', number: 'V-9001', party_id: p.id, date: TODAY }), 201);
    for (const q of ['sao tome', 'PANIFICADORA', 'doc-n1']) {
      const docs = expectStatus(await agent.get(`${API}/documents?q=${encodeURIComponent(q)}`), 200).body.items;
      assert.deepEqual(docs.map((d) => d.number), ['V-9001'], q);
    }
  });
});

describe('the opportunity dialog links an existing party', () => {
  test('with party_id, the follow-up is the party\'s and no prospect is created', async () => {
    const p = await createParty(agent, { name: 'Supermercado Já Existe', email: 'compras@jaexiste.com.br', phone: '+55 11 3000-1000' });
    const prospects = expectStatus(await agent.get(`${API}/parties?kind=prospect&limit=200`), 200).body.items.length;
    const r = expectStatus(await agent.post(`${API}/opportunities`, {
      party_id: p.id, next_contact_date: '2026-06-12',
    }), 201).body;
    assert.equal(r.party.id, p.id);
    assert.equal(r.followup.party.id, p.id);
    assert.equal(r.followup.subject, 'Nova oportunidade: Supermercado Já Existe');
    assert.equal(r.followup.contact.email, 'compras@jaexiste.com.br', 'the contact defaults to the party');
    assert.equal(expectStatus(await agent.get(`${API}/parties?kind=prospect&limit=200`), 200).body.items.length, prospects);
    const unchanged = expectStatus(await agent.get(`${API}/parties/${p.id}`), 200).body;
    assert.equal(unchanged.version, p.version);

    expectFieldError(await agent.post(`${API}/opportunities`, { party_id: 999999, next_contact_date: '2026-06-12' }),
      422, 'party_id', 'unknown_party');
  });
});

describe('the demo company', () => {
  test('its parties are found without accents and by their CNPJ digits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-demo-search-'));
    const db = path.join(dir, 'demo.db');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RETORNO_')));
    const r = spawnSync(BIN, ['--db', db, 'demo', '--parties', '40', '--followups', '40'],
      { cwd: dir, env, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, r.stderr);
    const demo = await startServer({ db, dir });
    try {
      const admin = await login(demo, 'admin', 'retorno123');
      const all = expectStatus(await admin.get(`${API}/parties?limit=200`), 200).body.items;
      const accented = all.find((p) => /[À-ÿ]/.test(p.name) && p.tax_id);
      assert.ok(accented, 'the demo has a party with an accented name and a CNPJ');
      const plain = accented.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const found = expectStatus(await admin.get(`${API}/parties?limit=200&q=${encodeURIComponent(plain)}`), 200).body.items;
      assert.ok(found.some((p) => p.id === accented.id), `"${plain}" finds "${accented.name}"`);
      assert.equal(accented.tax_id_kind, 'cnpj');
      const t = accented.tax_id;
      const dotted = `${t.slice(0, 2)}.${t.slice(2, 5)}.${t.slice(5, 8)}/${t.slice(8, 12)}-${t.slice(12)}`;
      const byCnpj = expectStatus(await admin.get(`${API}/parties?q=${encodeURIComponent(dotted)}`), 200).body.items;
      assert.deepEqual(byCnpj.map((p) => p.id), [accented.id]);
    } finally {
      await demo.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
