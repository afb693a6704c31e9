// End-to-end: workflows of attendance types (manual 003, ADR 0038), in Debian's
// Chromium against a running `retorno serve` (see journey.test.mjs). The admin draws a
// two-step workflow in the configurator (a situation held by agent A, a decision, a
// situation held by agent B, an end); agent A's follow-up of that type begins with A,
// A answers the decision on the follow-up's workflow page, and B finds the new return
// in their agenda.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, launch, openPage, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null };

async function makeAgent(admin, branchId, login) {
  const password = 'ponte-verde-2026';
  const user = await admin.post('/users', {
    login,
    name: `Fluxo ${login}`,
    role: 'agent',
    branch_id: branchId,
    password,
    time_zone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    alert_on_login: false,
    alert_every_minutes: null,
  });
  return { login, password, id: user.id, name: user.name };
}

before(async () => {
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  const branchId = (await admin.get('/branches')).items[0].id;
  state.a = await makeAgent(admin, branchId, `wfa-${stamp}`);
  state.b = await makeAgent(admin, branchId, `wfb-${stamp}`);
  state.type = await admin.post('/attendance-types', {
    names: { 'pt-BR': `Venda ${stamp}`, es: `Venta ${stamp}`, en: `Sale ${stamp}` },
  });
  state.party = await admin.post('/parties', { code: `WF-${stamp}`, kind: 'customer', name: `Padaria ${stamp}` });
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('workflows of attendance types', () => {
  test('the admin draws a two-step workflow; the agent answers and the next user sees the return', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto('/admin/attendance-types');
    await page.getByRole('link', { name: pt('workflow.editOf', { name: `Venda ${stamp}` }) }).click();
    await page.getByText(pt('workflow.version', { version: 0 })).waitFor();
    const step = (n) => page.getByRole('listitem', { name: `${pt('workflow.step')} ${n}` });
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: pt('workflow.addStep') }).click();
    const plan = [
      ['contact', 'situation', 'Primeiro contato'],
      ['reached', 'decision', 'O contato foi bem-sucedido?'],
      ['proposal', 'situation', 'Enviar proposta'],
      ['done', 'end', 'Atendimento concluído'],
    ];
    for (const [i, [key, kind, label]] of plan.entries()) {
      const s = step(i + 1);
      await s.getByLabel(pt('workflow.key'), { exact: true }).fill(key);
      await s.getByLabel(pt('workflow.kind'), { exact: true }).selectOption(kind);
      await s.getByLabel(pt('workflow.label'), { exact: true }).fill(label);
    }
    await step(1).getByLabel(pt('workflow.centre'), { exact: true }).selectOption({ label: state.a.name });
    await step(1).getByLabel(pt('workflow.next'), { exact: true }).selectOption('reached');
    await step(3).getByLabel(pt('workflow.centre'), { exact: true }).selectOption({ label: state.b.name });
    await step(3).getByLabel(pt('workflow.next'), { exact: true }).selectOption('done');
    const decision = step(2);
    await decision.getByRole('button', { name: pt('workflow.addAnswer') }).click();
    await decision.getByRole('button', { name: pt('workflow.addAnswer') }).click();
    const answers = [
      ['yes', 'Sim', 'proposal'],
      ['no', 'Não', 'done'],
    ];
    for (const [j, [key, label, next]] of answers.entries()) {
      await decision.getByLabel(pt('workflow.answerKey'), { exact: true }).nth(j).fill(key);
      await decision.getByLabel(pt('workflow.answerLabel'), { exact: true }).nth(j).fill(label);
      await decision.getByLabel(pt('workflow.next'), { exact: true }).nth(j).selectOption(next);
    }
    await page.getByLabel(pt('workflow.start'), { exact: true }).selectOption('contact');
    const [put] = await Promise.all([
      page.waitForResponse((r) => /\/workflow$/.test(r.url()) && r.request().method() === 'PUT'),
      page.getByRole('button', { name: pt('common.save'), exact: true }).click(),
    ]);
    assert.equal(put.status(), 200, await put.text());
    await page.getByText(pt('workflow.saved', { version: 1 })).waitFor();
    await shot(page, 'workflow-configurator');
    assert.deepEqual(errors, []);
    await context.close();

    const agentA = await apiSession({ login: state.a.login, password: state.a.password });
    const today = new Date().toISOString().slice(0, 10);
    const subject = `Proposta ${stamp}`;
    const f = await agentA.post('/followups', {
      party_id: state.party.id,
      subject,
      category: 'pos_venda',
      priority: 'medium',
      attendance_type_id: state.type.id,
      next_action: { type: 'phone', due_date: today },
    });
    assert.equal(f.workflow.step, 'contact');

    const a = await openPage(state.browser);
    await signIn(a.page, state.a);
    await a.page.goto(`/followups/${f.id}/workflow`);
    await a.page
      .getByRole('group', { name: 'O contato foi bem-sucedido?' })
      .getByRole('button', { name: 'Sim' })
      .click();
    await a.page.getByText(pt('workflow.moved', { step: 'Enviar proposta' })).waitFor();
    await shot(a.page, 'workflow-followup');
    assert.deepEqual(a.errors, []);
    await a.context.close();

    const b = await openPage(state.browser);
    await signIn(b.page, state.b);
    await b.page.goto('/agenda');
    await b.page.getByText(subject).first().waitFor();
    await shot(b.page, 'workflow-next-agenda');
    assert.deepEqual(b.errors, []);
    await b.context.close();
  });
});
