// Documents made from a follow-up (manual 001: "Orçamento", "Pedido de venda", "Venda"),
// the chain quote -> order -> sale, excess sales (manual 003) and totals in the
// company's currency (ADR 0042), through the API of a running server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createFollowup, createParty, createUser, expectFieldError, expectProblem, expectStatus, login, loginAdmin,
  startServer, uniq,
} from './harness.mjs';

describe('documents from a follow-up', () => {
  let server, admin, agent, other, today, customer, filter;

  before(async () => {
    server = await startServer({ simulatedClock: true });
    admin = await loginAdmin(server);
    const branch = expectStatus(await admin.post(`${API}/branches`, { name: uniq('Filial ') }), 201).body;
    agent = await login(server, (await createUser(admin, { name: 'Vera Vendas', branch_id: branch.id })).login);
    other = await login(server, (await createUser(admin, { name: 'Otto Outro', branch_id: branch.id })).login);
    today = expectStatus(await agent.get(`${API}/me`), 200).body.today;
    customer = await createParty(agent, { name: 'Padaria Pão Quente' });
    filter = expectStatus(await admin.post(`${API}/catalog`, { code: uniq('FILTRO-'), kind: 'product', name: 'Filtro de água' }), 201).body;
  });
  after(async () => { await server?.stop(); });

  const followupOf = async (client, party) => createFollowup(client, { party_id: party.id, due_date: today });

  test('a quote made from a follow-up becomes an order, then a sale, all linked; the timeline shows each step', async () => {
    const fu = await followupOf(agent, customer);
    const quote = expectStatus(await agent.post(`${API}/followups/${fu.id}/documents`, {
      kind: 'quote',
      items: [{ item_code: filter.code, quantity: 2, unit_price: 15000, discount_percent: 10 }, { item_code: 'INSTALACAO', description: 'Instalação', unit_price: 4990 }],
      discount: 990,
    }), 201).body;
    assert.equal(quote.kind, 'quote');
    assert.match(quote.number, /^RT-\d{6}$/);
    assert.equal(quote.followup_id, fu.id);
    assert.equal(quote.origin_id, null);
    assert.equal(quote.party.id, customer.id);
    assert.equal(quote.currency, 'BRL');
    assert.equal(quote.items[0].description, 'Filtro de água');
    assert.deepEqual(quote.items.map((i) => i.total), [27000, 4990]);
    assert.equal(quote.subtotal, 31990);
    assert.equal(quote.total, 31000);
    assert.equal(quote.billing, 'regular');

    const order = expectStatus(await agent.post(`${API}/documents/${quote.id}/convert`), 201).body;
    assert.equal(order.kind, 'sales_order');
    assert.equal(order.origin_id, quote.id);
    assert.equal(order.followup_id, fu.id);
    assert.equal(order.total, 31000);
    const sale = expectStatus(await agent.post(`${API}/documents/${order.id}/convert`), 201).body;
    assert.equal(sale.kind, 'sale');
    assert.equal(sale.origin_id, order.id);
    assert.equal(sale.billing, 'regular');
    // The chain keeps each step: the sources are completed and convert no more.
    expectProblem(await agent.post(`${API}/documents/${quote.id}/convert`), 409, 'document_not_open');
    expectProblem(await agent.post(`${API}/documents/${sale.id}/convert`), 409, 'document_not_convertible');

    const listed = expectStatus(await agent.get(`${API}/followups/${fu.id}/documents`), 200).body;
    assert.equal(listed.can_make, true);
    const list = listed.items;
    assert.deepEqual(list.map((d) => [d.kind, d.status, d.origin_id]), [
      ['quote', 'completed', null], ['sales_order', 'completed', quote.id], ['sale', 'open', order.id]]);
    const detail = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    const lines = detail.entries.filter((e) => e.kind === 'status').map((e) => e.body).join('\n');
    assert.match(lines, new RegExp(`Orçamento ${quote.number} criado\\(a\\): total R\\$ 310,00`));
    assert.match(lines, new RegExp(`Orçamento ${quote.number} convertido\\(a\\) em Pedido de venda ${order.number}`));
    assert.match(lines, new RegExp(`Pedido de venda ${order.number} convertido\\(a\\) em Venda ${sale.number}`));
    // Someone else's follow-up is out of an agent's reach.
    expectProblem(await other.post(`${API}/followups/${fu.id}/documents`, { kind: 'quote', items: [{ item_code: 'X1', unit_price: 1 }] }), 403, 'forbidden_followup');
    // Once closed, the follow-up's documents stay listed but no new one is offered.
    expectStatus(await agent.post(`${API}/followups/${fu.id}/close`, { result: 'Venda fechada.' }), 200);
    const closed = expectStatus(await agent.get(`${API}/followups/${fu.id}/documents`), 200).body;
    assert.equal(closed.items.length, 3);
    assert.equal(closed.can_make, false);
  });

  test("a supplier's follow-up refuses documents (422), in Spanish too", async () => {
    const supplier = await createParty(agent, { kind: 'supplier', name: 'Distribuidora Fornece' });
    const fu = await followupOf(agent, supplier);
    const body = { kind: 'quote', items: [{ item_code: filter.code, unit_price: 100 }] };
    expectProblem(await agent.post(`${API}/followups/${fu.id}/documents`, body), 422, 'supplier_document');
    const es = expectProblem(await agent.request('POST', `${API}/followups/${fu.id}/documents`, { json: body, lang: 'es' }), 422, 'supplier_document');
    assert.match(es.body.detail, /proveedores/);
    // The panel offers no buttons there: the answer says no document may be made.
    assert.deepEqual(expectStatus(await agent.get(`${API}/followups/${fu.id}/documents`), 200).body, { items: [], can_make: false });
    const prospect = await createParty(agent, { kind: 'prospect', name: 'Café Futuro' });
    const forProspect = await followupOf(agent, prospect);
    assert.equal(expectStatus(await agent.get(`${API}/followups/${forProspect.id}/documents`), 200).body.can_make, true);
  });

  test('a second sale on the follow-up is an excess sale: a contract of its own', async () => {
    const fu = await followupOf(agent, customer);
    const first = expectStatus(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'sale', items: [{ item_code: filter.code, unit_price: 20000 }] }), 201).body;
    assert.equal(first.billing, 'regular');
    const order = expectStatus(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'sales_order', items: [{ item_code: 'VELA-3', description: 'Vela extra', unit_price: 3500, quantity: 3 }] }), 201).body;
    const excess = expectStatus(await agent.post(`${API}/documents/${order.id}/convert`), 201).body;
    assert.equal(excess.kind, 'sale');
    assert.equal(excess.billing, 'excess');
    assert.notEqual(excess.id, first.id);
    assert.notEqual(excess.number, first.number);
    assert.equal(excess.total, 10500);
    const sales = expectStatus(await agent.get(`${API}/followups/${fu.id}/documents`), 200).body.items.filter((d) => d.kind === 'sale');
    assert.deepEqual(sales.map((d) => d.billing), ['regular', 'excess']);
    const detail = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.ok(detail.entries.some((e) => e.body.includes('venda excedente')));
  });

  test('totals with discounts in BRL and in MXN; bad amounts are refused and nothing is made', async () => {
    const fu = await followupOf(agent, customer);
    const items = [{ item_code: filter.code, quantity: 2.5, unit_price: 333, discount_percent: 50 }, { item_code: 'P-2', description: 'Peça', quantity: 0.5, unit_price: 1001 }];
    const brl = expectStatus(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'quote', items, discount: 17 }), 201).body;
    assert.deepEqual(brl.items.map((i) => i.total), [416, 501]);
    assert.deepEqual([brl.currency, brl.subtotal, brl.discount, brl.total], ['BRL', 917, 17, 900]);

    const settings = expectStatus(await admin.get(`${API}/settings`), 200).body;
    assert.equal(settings.currency, 'BRL');
    expectFieldError(await admin.put(`${API}/settings`, { ...settings, currency: 'USD' }), 422, 'currency', 'invalid_value');
    expectStatus(await admin.put(`${API}/settings`, { ...settings, currency: 'MXN' }), 200);
    try {
      const mxn = expectStatus(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'quote', items, discount: 17 }), 201).body;
      assert.deepEqual([mxn.currency, mxn.subtotal, mxn.total], ['MXN', 917, 900]);
      assert.equal(brl.currency, 'BRL');  // made before: its currency stays
      const detail = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
      assert.ok(detail.entries.some((e) => e.body.includes('MXN 9.00')));
    } finally {
      expectStatus(await admin.put(`${API}/settings`, { ...settings, currency: 'BRL' }), 200);
    }
    const before = expectStatus(await agent.get(`${API}/followups/${fu.id}/documents`), 200).body.items.length;
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'quote', items, discount: 100000 }), 422, 'discount', 'discount_over_total');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'quote', items: [{ item_code: 'A', unit_price: 10, discount_percent: 101 }] }), 422, 'items[0].discount_percent', 'out_of_range');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'quote', items: [{ item_code: 'A' }] }), 422, 'items[0].unit_price', 'required');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'service_order', items: [{ item_code: 'A', unit_price: 1 }] }), 422, 'kind', 'invalid_value');
    expectFieldError(await agent.post(`${API}/followups/${fu.id}/documents`, { kind: 'quote', items: [] }), 422, 'items', 'required');
    assert.equal(expectStatus(await agent.get(`${API}/followups/${fu.id}/documents`), 200).body.items.length, before);
  });
});
