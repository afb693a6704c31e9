// End-to-end: attendance types and pareceres (manual 003), in Debian's Chromium against a
// running `retorno serve` (see journey.test.mjs). The admin configures a type with a
// standard parecer text in the configurator; an agent writing in Portuguese and one
// writing in Spanish each write a standard parecer from it on a follow-up of that type
// and a free one, and the standard history shows only the standard one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, ES, launch, openPage, PT, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, typeName: `Assistência ${stamp}` };

async function makeAgent(admin, branchId, login, locale) {
  const password = 'ponte-azul-2026';
  await admin.post('/users', {
    login,
    name: `E2E ${login}`,
    role: 'agent',
    branch_id: branchId,
    password,
    time_zone: 'America/Sao_Paulo',
    locale,
    alert_on_login: false,
    alert_every_minutes: null,
  });
  return { login, password };
}

before(async () => {
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  const branchId = (await admin.get('/branches')).items[0].id;
  state.party = await admin.post('/parties', {
    code: `E2A-${stamp}`,
    kind: 'customer',
    name: `Oficina Moema ${stamp}`,
    email: 'contato@moema.example',
  });
  state.pt = await makeAgent(admin, branchId, `e2a-pt-${stamp}`, 'pt-BR');
  state.es = await makeAgent(admin, branchId, `e2a-es-${stamp}`, 'es');
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

async function followupOf(user, typeId) {
  const s = await apiSession(user);
  const today = new Date().toISOString().slice(0, 10);
  return s.post('/followups', {
    party_id: state.party.id,
    subject: `Revisão ${stamp} ${user.login}`,
    category: 'pos_venda',
    priority: 'medium',
    attendance_type_id: typeId,
    contact: { name: 'Rosa Muñoz', email: 'rosa@moema.example', phone: '', whatsapp: '' },
    next_action: { type: 'phone', due_date: today },
  });
}

/** Writes a standard parecer and a free one, then checks the standard history. */
async function writeAndCheck(page, T, followupId) {
  await page.goto(`/followups/${followupId}/parecer`);
  const body = page.locator('#parecer-body');
  await body.waitFor();
  await page.getByRole('button', { name: T['attendance.useStandard'] }).click();
  assert.equal(await body.inputValue(), 'Atendimento a Rosa Muñoz: equipamento revisado.');
  await Promise.all([
    page.waitForResponse((r) => /\/pareceres$/.test(r.url()) && r.request().method() === 'POST'),
    page.getByRole('button', { name: T['common.save'], exact: true }).click(),
  ]);
  await page.getByText(T['attendance.saved']).waitFor();
  await body.fill(`Livre ${stamp}`);
  await Promise.all([
    page.waitForResponse((r) => /\/pareceres$/.test(r.url()) && r.request().method() === 'POST'),
    page.getByRole('button', { name: T['common.save'], exact: true }).click(),
  ]);
  const history = page.locator('.print-area');
  await history.getByText(`Livre ${stamp}`).waitFor();
  await page.getByLabel(T['attendance.standardOnly']).check();
  await page.getByRole('heading', { name: T['attendance.standardHistory'] }).waitFor();
  await history.getByText('Atendimento a Rosa Muñoz: equipamento revisado.').waitFor();
  await history.getByText(`Livre ${stamp}`).waitFor({ state: 'detached' });
}

describe('attendance types and the standard history', () => {
  test('the admin configures a type with a standard text; a standard parecer is in the standard history, in pt-BR and es', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto('/admin/attendance-types');
    await page.locator('#att-name-pt-BR').fill(state.typeName);
    await page.locator('#att-name-es').fill(`Asistencia ${stamp}`);
    await page.locator('#att-name-en').fill(`Assistance ${stamp}`);
    await page.locator('#att-max').fill('2');
    await page.locator('#att-parecer').fill('Atendimento a #{contato}: equipamento revisado.');
    await page
      .locator('form')
      .getByRole('button', { name: pt('common.add'), exact: true })
      .click();
    const row = page.locator('tr', { hasText: state.typeName });
    await row.waitFor();
    await row.getByText(pt('attendance.upTo', { mb: 2 })).waitFor();
    await shot(page, 'admin-attendance-types');
    await context.close();

    const type = (await state.admin.get('/attendance-types')).items.find((t) => t.names['pt-BR'] === state.typeName);
    assert.ok(type, 'the type was stored');

    for (const [user, T] of [
      [state.pt, PT],
      [state.es, ES],
    ]) {
      const f = await followupOf(user, type.id);
      const agent = await openPage(state.browser);
      await signIn(agent.page, user);
      await writeAndCheck(agent.page, T, f.id);
      await shot(agent.page, `standard-history-${T === ES ? 'es' : 'pt'}`);
      assert.deepEqual(agent.errors, []);
      await agent.context.close();
    }
    assert.deepEqual(errors, []);
  });
});
