// Reopening by rule (manual 003, ADR 0042): refused while the follow-up has an excess
// sale or an open sales order, naming it; otherwise a supervisor reopens, and an agent
// asks one, who approves or refuses from the notification. The request goes to whoever
// holds the reopen right on the follow-up's branch (rights per user), and while it waits
// the follow-up says since when.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createFollowup, createParty, createUser, expectProblem, expectStatus, login, loginAdmin, startServer, uniq,
} from './harness.mjs';

describe('reopen rules', () => {
  let server, admin, agent, agentEs, supervisor, today, customer;

  before(async () => {
    server = await startServer({ simulatedClock: true });
    admin = await loginAdmin(server);
    const branch = expectStatus(await admin.post(`${API}/branches`, { name: uniq('Filial ') }), 201).body;
    const a = await createUser(admin, { name: 'Ana Agente', branch_id: branch.id });
    agent = await login(server, a.login);
    agentEs = await login(server, a.login, undefined, { lang: 'es' });
    supervisor = await login(server, (await createUser(admin, { name: 'Sara Supervisora', role: 'supervisor', branch_id: branch.id })).login);
    today = expectStatus(await agent.get(`${API}/me`), 200).body.today;
    customer = await createParty(agent, { name: 'Mercado Bom Preço' });
  });
  after(async () => { await server?.stop(); });

  const closedFollowup = async () => {
    const fu = await createFollowup(agent, { party_id: customer.id, due_date: today });
    return fu;
  };
  const close = async (fu) => expectStatus(await agent.post(`${API}/followups/${fu.id}/close`, { result: 'Venda fechada.' }), 200);
  const doc = async (fu, kind) => expectStatus(await agent.post(`${API}/followups/${fu.id}/documents`, { kind, items: [{ item_code: 'P-1', unit_price: 1000 }] }), 201).body;

  test('an open sales order refuses reopening and names it; once cancelled, the supervisor reopens', async () => {
    const fu = await closedFollowup();
    const order = await doc(fu, 'sales_order');
    await close(fu);
    const refused = expectProblem(await supervisor.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Cliente voltou' }), 409, 'reopen_open_order');
    assert.ok(refused.body.detail.includes(order.number), refused.body.detail);
    assert.deepEqual(refused.body.document, { id: order.id, number: order.number });
    const es = expectProblem(await agentEs.post(`${API}/followups/${fu.id}/reopen-requests`, { reason: 'Cliente volvió' }), 409, 'reopen_open_order');
    assert.match(es.body.detail, new RegExp(`pedido ${order.number}: cancele el pedido`));
    // The agent cancels the order of their own follow-up; the timeline records it.
    expectStatus(await agent.post(`${API}/documents/${order.id}/cancel`), 200);
    const reopened = expectStatus(await supervisor.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Cliente voltou' }), 200).body;
    assert.equal(reopened.status, 'open');
    assert.ok(reopened.entries.some((e) => e.body.includes(`Pedido de venda ${order.number} cancelado`)));
  });

  test('an excess sale keeps the follow-up closed, for supervisors and admins alike', async () => {
    const fu = await closedFollowup();
    await doc(fu, 'sale');
    const excess = await doc(fu, 'sale');
    assert.equal(excess.billing, 'excess');
    await close(fu);
    for (const who of [supervisor, admin]) {
      const r = expectProblem(await who.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Reabrir' }), 409, 'reopen_excess_sale');
      assert.ok(r.body.detail.includes(excess.number));
    }
    expectProblem(await agent.post(`${API}/followups/${fu.id}/reopen-requests`, { reason: 'Reabrir' }), 409, 'reopen_excess_sale');
  });

  test('an agent asks, the supervisor is notified and approves: reopened, the agent told', async () => {
    const fu = await closedFollowup();
    await close(fu);
    expectProblem(await agent.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Cliente ligou' }), 403, 'reopen_needs_supervisor');
    const req = expectStatus(await agent.post(`${API}/followups/${fu.id}/reopen-requests`, { reason: 'Cliente ligou de novo' }), 201).body;
    assert.equal(req.status, 'pending');
    expectProblem(await agent.post(`${API}/followups/${fu.id}/reopen-requests`, { reason: 'outra vez' }), 409, 'reopen_request_pending');
    const notes = expectStatus(await supervisor.get(`${API}/notifications`), 200).body.items;
    const note = notes.find((n) => n.kind === 'reopen_request' && n.followup_id === fu.id);
    assert.ok(note, JSON.stringify(notes));
    assert.equal(note.detail, `request:${req.id}\nCliente ligou de novo`);
    // Only a supervisor decides.
    expectProblem(await agent.post(`${API}/reopen-requests/${req.id}/approve`), 403, 'reopen_needs_supervisor');
    const approved = expectStatus(await supervisor.post(`${API}/reopen-requests/${req.id}/approve`), 200).body;
    assert.equal(approved.status, 'approved');
    const after1 = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(after1.status, 'open');
    assert.ok(after1.entries.some((e) => e.body.includes('Cliente ligou de novo')));
    expectProblem(await supervisor.post(`${API}/reopen-requests/${req.id}/refuse`, {}), 409, 'reopen_request_decided');
    const mine = expectStatus(await agent.get(`${API}/notifications`), 200).body.items;
    assert.ok(mine.some((n) => n.kind === 'reopen_decision' && n.detail.startsWith(`approved:${req.id}`)));
  });

  test('the refusal of an agent without the reopen right names the right, in pt-BR and es, not a role', async () => {
    const fu = await closedFollowup();
    await close(fu);
    const pt = expectProblem(await agent.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Cliente ligou' }), 403, 'reopen_needs_supervisor');
    assert.match(pt.body.title + pt.body.detail, /direito “Reabrir follow-ups”/);
    assert.doesNotMatch(pt.body.title + pt.body.detail, /exige um supervisor|Só supervisores/);
    const es = expectProblem(await agentEs.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Llamó' }), 403, 'reopen_needs_supervisor');
    assert.match(es.body.title + es.body.detail, /derecho “Reabrir seguimientos”/);
    // Granted the right, the same agent reopens their own follow-up.
    const me = expectStatus(await agent.get(`${API}/me`), 200).body.user;
    expectStatus(await admin.put(`${API}/users/${me.id}/rights`, { granted: ['reopen'], revoked: [] }), 200);
    const reopened = expectStatus(await agent.post(`${API}/followups/${fu.id}/reopen`, { reason: 'Cliente ligou' }), 200).body;
    assert.equal(reopened.status, 'open');
    expectStatus(await admin.put(`${API}/users/${me.id}/rights`, { granted: [], revoked: [] }), 200);
  });

  test('refused: the follow-up stays closed and the agent is notified with the answer', async () => {
    const fu = await closedFollowup();
    await close(fu);
    const req = expectStatus(await agent.post(`${API}/followups/${fu.id}/reopen-requests`, { reason: 'Quero reabrir' }), 201).body;
    const refused = expectStatus(await supervisor.post(`${API}/reopen-requests/${req.id}/refuse`, { answer: 'Abra um novo atendimento.' }), 200).body;
    assert.equal(refused.status, 'refused');
    assert.equal(refused.answer, 'Abra um novo atendimento.');
    const detail = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(detail.status, 'closed');
    assert.ok(detail.entries.some((e) => e.body.includes('Reabertura recusada. Abra um novo atendimento.')));
    const mine = expectStatus(await agent.get(`${API}/notifications`), 200).body.items;
    assert.ok(mine.some((n) => n.kind === 'reopen_decision' && n.detail === `refused:${req.id}\nAbra um novo atendimento.`));
    expectProblem(await supervisor.post(`${API}/reopen-requests/999999/approve`), 404, 'reopen_request');
    // An open follow-up needs no request.
    const open = await createFollowup(agent, { party_id: customer.id, due_date: today });
    expectProblem(await agent.post(`${API}/followups/${open.id}/reopen-requests`, { reason: 'x' }), 409, 'followup_not_closed');
  });

  test('while a request waits the follow-up says since when; it goes to those who can decide it, by their rights and reach', async () => {
    const branchId = expectStatus(await agent.get(`${API}/me`), 200).body.user.branch_id;
    const other = expectStatus(await admin.post(`${API}/branches`, { name: uniq('Filial ') }), 201).body;
    const granted = await createUser(admin, { name: 'Gil Agente', branch_id: branchId });
    const revoked = await createUser(admin, { name: 'Rui Supervisor', role: 'supervisor', branch_id: branchId });
    const elsewhere = await createUser(admin, { name: 'Elza Outra', role: 'supervisor', branch_id: other.id });
    expectStatus(await admin.put(`${API}/users/${granted.id}/rights`, { granted: ['reopen'], revoked: [] }), 200);
    expectStatus(await admin.put(`${API}/users/${revoked.id}/rights`, { granted: [], revoked: ['reopen'] }), 200);
    const grantedS = await login(server, granted.login);
    const revokedS = await login(server, revoked.login);
    const elsewhereS = await login(server, elsewhere.login);
    const noteOf = async (who, fu) => expectStatus(await who.get(`${API}/notifications`), 200).body.items
      .find((n) => n.kind === 'reopen_request' && n.followup_id === fu.id);

    const fu = await closedFollowup();
    await close(fu);
    assert.equal(expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body.reopen_requested_at, null);
    const req = expectStatus(await agent.post(`${API}/followups/${fu.id}/reopen-requests`, { reason: 'Cliente quer trocar' }), 201).body;
    const waiting = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;
    assert.equal(waiting.reopen_requested_at, req.created_at);
    assert.equal((await noteOf(supervisor, fu))?.detail, `request:${req.id}\nCliente quer trocar`);
    assert.equal(await noteOf(revokedS, fu), undefined, 'a supervisor whose right was taken decides nothing');
    assert.equal(await noteOf(elsewhereS, fu), undefined, "another branch's supervisor does not reach it");
    // A right never widens reach: Gil, granted it, cannot open Ana's follow-up to decide.
    assert.equal(await noteOf(grantedS, fu), undefined);
    expectProblem(await grantedS.post(`${API}/reopen-requests/${req.id}/approve`), 403, 'forbidden_followup');
    // Refused: nothing waits any more, and the agent may ask again.
    expectStatus(await supervisor.post(`${API}/reopen-requests/${req.id}/refuse`, { answer: 'Ainda não.' }), 200);
    assert.equal(expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body.reopen_requested_at, null);
    expectStatus(await agent.post(`${API}/followups/${fu.id}/reopen-requests`, { reason: 'De novo' }), 201);

    // On Gil's own follow-up, a request by the supervisor without the right reaches Gil,
    // who holds it, beside the branch's supervisor; Gil approves from the notification.
    const gilParty = await createParty(grantedS, { name: 'Açougue do Gil' });
    const gilFu = await createFollowup(grantedS, { party_id: gilParty.id, due_date: today });
    expectStatus(await grantedS.post(`${API}/followups/${gilFu.id}/close`, { result: 'Venda fechada.' }), 200);
    expectProblem(await revokedS.post(`${API}/followups/${gilFu.id}/reopen`, { reason: 'x' }), 403, 'reopen_needs_supervisor');
    const asked = expectStatus(await revokedS.post(`${API}/followups/${gilFu.id}/reopen-requests`, { reason: 'Cliente voltou' }), 201).body;
    assert.equal((await noteOf(grantedS, gilFu))?.detail, `request:${asked.id}\nCliente voltou`);
    assert.ok(await noteOf(supervisor, gilFu));
    assert.equal(expectStatus(await grantedS.post(`${API}/reopen-requests/${asked.id}/approve`), 200).body.status, 'approved');
  });
});
