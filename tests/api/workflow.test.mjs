// Workflows of attendance types (manual 003, ADR 0038): an admin saves a type's
// workflow (validated: dead ends and unreachable steps are named by their place, in the
// user's language); a follow-up of the type begins at the start situation, and
// answering the decision after it hands the follow-up to the next centre, whose user
// finds the new return in their agenda; an end closes it with the end's label; a
// supervisor sees where each follow-up of their branch stands, and not another's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer,
} from './harness.mjs';

const NOW = '2026-11-23T13:00:00Z';
const TODAY = '2026-11-23';

describe('workflows of attendance types', () => {
  let server, admin, north, south, agentA, agentB, supNorth, supSouth, userB, party, type;

  const twoSteps = (bId, teamId) => ({
    start: 'contact',
    steps: [
      { key: 'contact', kind: 'situation', label: 'Primeiro contato',
        centre: { kind: 'user', id: agentA.id }, next: 'reached', due_in_days: 0 },
      { key: 'reached', kind: 'decision', label: 'O contato foi bem-sucedido?',
        answers: [{ key: 'yes', label: 'Sim', next: 'proposal' }, { key: 'no', label: 'Não', next: 'lost' }] },
      { key: 'proposal', kind: 'situation', label: 'Enviar proposta',
        centre: teamId ? { kind: 'team', id: teamId } : { kind: 'user', id: bId }, next: 'sold', due_in_days: 0 },
      { key: 'sold', kind: 'decision', label: 'A venda foi realizada?',
        answers: [{ key: 'yes', label: 'Sim', next: 'won' }, { key: 'no', label: 'Não', next: 'lost' }] },
      { key: 'won', kind: 'end', label: 'Venda realizada' },
      { key: 'lost', kind: 'end', label: 'Venda perdida' },
    ],
  });

  before(async () => {
    server = await startServer({ clockStart: NOW });
    admin = await loginAdmin(server);
    north = await createBranch(admin, 'Filial Norte');
    south = await createBranch(admin, 'Filial Sul');
    const a = await createUser(admin, { name: 'Ana Agente', branch_id: north.id });
    userB = await createUser(admin, { name: 'Bruno Vendas', branch_id: north.id });
    const sn = await createUser(admin, { name: 'Sônia Supervisora', role: 'supervisor', branch_id: north.id });
    const ss = await createUser(admin, { name: 'Saulo Supervisor', role: 'supervisor', branch_id: south.id });
    agentA = { ...a, c: await login(server, a.login) };
    agentB = await login(server, userB.login);
    supNorth = await login(server, sn.login);
    supSouth = await login(server, ss.login);
    party = await createParty(agentA.c, { name: 'Padaria Aurora' });
    type = expectStatus(await admin.post(`${API}/attendance-types`, {
      names: { 'pt-BR': 'Venda', es: 'Venta', en: 'Sale' },
    }), 201, 'create type').body;
  });
  after(async () => { await server?.stop(); });

  test('admins save a workflow as a new version; others may not', async () => {
    const empty = expectStatus(await admin.get(`${API}/attendance-types/${type.id}/workflow`), 200).body;
    assert.equal(empty.version, 0);
    assert.deepEqual(empty.steps, []);
    expectProblem(await agentA.c.put(`${API}/attendance-types/${type.id}/workflow`, twoSteps(userB.id)), 403, 'admin_only');
    expectProblem(await agentA.c.get(`${API}/attendance-types/${type.id}/workflow`), 403, 'admin_only');
    const saved = expectStatus(await admin.put(`${API}/attendance-types/${type.id}/workflow`, twoSteps(userB.id)), 200).body;
    assert.equal(saved.version, 1);
    assert.equal(saved.start, 'contact');
    assert.equal(saved.steps.length, 6);
    const t = expectStatus(await admin.get(`${API}/attendance-types`), 200).body.items.find((x) => x.id === type.id);
    assert.ok(t.workflow_id, 'the type points at its workflow');
    expectProblem(await admin.put(`${API}/attendance-types/999999/workflow`, twoSteps(userB.id)), 404, 'attendance_type');
  });

  test('a dead end and an unreachable step are named by their place, in Spanish too', async () => {
    const wf = twoSteps(userB.id);
    // "sold" answers only lead back to "proposal": no path from them to an end.
    wf.steps[3].answers = [{ key: 'yes', label: 'Sim', next: 'proposal' }, { key: 'no', label: 'Não', next: 'proposal' }];
    wf.steps[1].answers[1].next = 'proposal';
    const dead = expectFieldError(await admin.put(`${API}/attendance-types/${type.id}/workflow`, wf, { lang: 'es' }),
      422, 'steps[2]', 'dead_end');
    assert.match(dead.message, /camino|fin/i);
    const wf2 = twoSteps(userB.id);
    wf2.steps.push({ key: 'orphan', kind: 'end', label: 'Nunca alcançada' });
    const orphan = expectFieldError(await admin.put(`${API}/attendance-types/${type.id}/workflow`, wf2, { lang: 'es' }),
      422, 'steps[6]', 'unreachable');
    assert.match(orphan.message, /inicio|etapa/i);
    const wf3 = twoSteps(userB.id);
    wf3.steps[0].next = 'nowhere';
    expectFieldError(await admin.put(`${API}/attendance-types/${type.id}/workflow`, wf3), 422, 'steps[0].next', 'unknown_step');
    const wf4 = twoSteps(userB.id);
    wf4.steps[2].centre = { kind: 'user', id: 999999 };
    expectFieldError(await admin.put(`${API}/attendance-types/${type.id}/workflow`, wf4), 422, 'steps[2].centre.id', 'unknown_user');
    const still = expectStatus(await admin.get(`${API}/attendance-types/${type.id}/workflow`), 200).body;
    assert.equal(still.version, 1, 'a refused workflow is not saved');
  });

  let followup;
  test('the two-step hand-over: user B sees the new return in their agenda', async () => {
    followup = await createFollowup(agentA.c, { party_id: party.id, due_date: TODAY, attendance_type_id: type.id });
    assert.equal(followup.workflow.step, 'contact');
    assert.deepEqual(followup.workflow.centre, { kind: 'user', id: agentA.id });
    assert.equal(followup.actions.length, 1);
    assert.equal(followup.actions[0].assignee_id, agentA.id);
    assert.ok(followup.entries.some((e) => e.kind === 'status' && e.body.includes('Primeiro contato')));

    const missing = expectFieldError(await agentA.c.post(`${API}/followups/${followup.id}/workflow/advance`, { answers: [] }),
      422, 'answers[0]', 'answer_required');
    assert.ok(missing);
    expectFieldError(await agentA.c.post(`${API}/followups/${followup.id}/workflow/advance`, { answers: ['maybe'] }),
      422, 'answers[0]', 'unknown_answer');
    expectFieldError(await agentA.c.post(`${API}/followups/${followup.id}/workflow/advance`, { answers: ['yes', 'yes'] }),
      422, 'answers', 'extra_answers');
    const beforeB = expectStatus(await agentB.get(`${API}/agenda?scope=mine&when=today`), 200).body.items;
    assert.ok(!beforeB.some((i) => i.followup.id === followup.id));

    const moved = expectStatus(await agentA.c.post(`${API}/followups/${followup.id}/workflow/advance`,
      { answers: ['yes'], result: 'Cliente atendeu e pediu proposta.' }), 200).body;
    assert.equal(moved.position.step, 'proposal');
    assert.deepEqual(moved.position.centre, { kind: 'user', id: userB.id });
    assert.equal(moved.history.length, 2);
    assert.deepEqual(moved.history[1].answers, [{ decision: 'reached', answer: 'yes' }]);
    assert.equal(moved.history[1].assignee_id, userB.id);

    const agendaB = expectStatus(await agentB.get(`${API}/agenda?scope=mine&when=today`), 200).body.items;
    const mine = agendaB.find((i) => i.followup.id === followup.id);
    assert.ok(mine, 'user B sees the new return in their agenda');
    assert.equal(mine.id, moved.position.action_id);

    const detail = expectStatus(await agentA.c.get(`${API}/followups/${followup.id}`), 200).body;
    assert.equal(detail.workflow.step, 'proposal');
    const first = detail.actions.find((x) => x.id === followup.actions[0].id);
    assert.equal(first.status, 'done');
    assert.equal(first.result, 'Cliente atendeu e pediu proposta.');
    assert.ok(detail.entries.some((e) => e.kind === 'status' && e.body.includes('Enviar proposta')));

    // B holds the return now: B answers the sale, and the end closes the follow-up.
    const done = expectStatus(await agentB.post(`${API}/followups/${followup.id}/workflow/advance`, { answers: ['yes'] }), 200).body;
    assert.equal(done.position.step, 'won');
    assert.equal(done.position.step_kind, 'end');
    const closed = expectStatus(await agentA.c.get(`${API}/followups/${followup.id}`), 200).body;
    assert.equal(closed.status, 'closed');
    assert.ok(closed.entries.some((e) => e.body.includes('Venda realizada')));
    expectProblem(await agentA.c.post(`${API}/followups/${followup.id}/workflow/advance`, { answers: ['yes'] }), 409, 'followup_closed');
  });

  test('a team centre hands the return to the branch supervisor; a follow-up keeps its version', async () => {
    const started = await createFollowup(agentA.c, { party_id: party.id, due_date: TODAY, attendance_type_id: type.id });
    // A new version sends proposals to the north team; the running follow-up keeps v1.
    const v2 = expectStatus(await admin.put(`${API}/attendance-types/${type.id}/workflow`, twoSteps(userB.id, north.id)), 200).body;
    assert.equal(v2.version, 2);
    const kept = expectStatus(await agentA.c.post(`${API}/followups/${started.id}/workflow/advance`, { answers: ['yes'] }), 200).body;
    assert.equal(kept.workflow.version, 1);
    assert.deepEqual(kept.position.centre, { kind: 'user', id: userB.id });
    const fresh = await createFollowup(agentA.c, { party_id: party.id, due_date: TODAY, attendance_type_id: type.id });
    const toTeam = expectStatus(await agentA.c.post(`${API}/followups/${fresh.id}/workflow/advance`, { answers: ['yes'] }), 200).body;
    assert.equal(toTeam.workflow.version, 2);
    assert.deepEqual(toTeam.position.centre, { kind: 'team', id: north.id });
    const agendaSup = expectStatus(await supNorth.get(`${API}/agenda?scope=mine&when=today`), 200).body.items;
    assert.ok(agendaSup.some((i) => i.id === toTeam.position.action_id), 'the supervisor takes the team\'s return');
    const noWf = await createFollowup(agentA.c, { party_id: party.id, due_date: TODAY });
    assert.equal(noWf.workflow, null);
    expectProblem(await agentA.c.post(`${API}/followups/${noWf.id}/workflow/advance`, { answers: [] }), 409, 'no_workflow');
    const none = expectStatus(await agentA.c.get(`${API}/followups/${noWf.id}/workflow`), 200).body;
    assert.equal(none.workflow, null);
  });

  test('a supervisor sees where each follow-up of their branch stands, and not another branch', async () => {
    const all = expectStatus(await supNorth.get(`${API}/workflow/positions?attendance_type_id=${type.id}`), 200).body.items;
    assert.ok(all.length >= 2);
    for (const p of all) assert.equal(p.branch_id, north.id);
    assert.ok(all.every((p) => p.status === 'open'));
    const atProposal = expectStatus(await supNorth.get(`${API}/workflow/positions?step=proposal`), 200).body.items;
    assert.ok(atProposal.length >= 2);
    assert.ok(atProposal.every((p) => p.step === 'proposal' && p.step_label === 'Enviar proposta'));
    const withClosed = expectStatus(await supNorth.get(`${API}/workflow/positions?include_closed=true`), 200).body.items;
    assert.ok(withClosed.some((p) => p.followup_id === followup.id && p.step === 'won'));
    expectProblem(await supNorth.get(`${API}/workflow/positions?branch_id=${south.id}`), 403, 'filter_not_allowed');
    assert.deepEqual(expectStatus(await supSouth.get(`${API}/workflow/positions`), 200).body.items, []);
    const mineB = expectStatus(await agentB.get(`${API}/workflow/positions`), 200).body.items;
    assert.ok(mineB.length >= 1 && mineB.every((p) => p.assignee_id === userB.id || p.owner_id === userB.id));
    expectProblem(await agentB.get(`${API}/workflow/positions?branch_id=${south.id}`), 403, 'filter_not_allowed');
    const everything = expectStatus(await admin.get(`${API}/workflow/positions?include_closed=true`), 200).body.items;
    assert.ok(everything.length >= withClosed.length);
    const es = expectFieldError(await supNorth.get(`${API}/workflow/positions?include_closed=maybe`, { lang: 'es' }),
      422, 'include_closed', 'invalid_value');
    assert.match(es.message, /no válido/);
  });
});
