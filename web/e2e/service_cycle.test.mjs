// End-to-end: an attendance served through its type (manual 003; ADRs 0036, 0038, 0039,
// 0040, 0042), in Debian's Chromium against a running `retorno serve` (see
// journey.test.mjs). Whoever configures — the admin in Portuguese, and in Spanish a
// supervisor who is not an admin but was granted "configure_attendance" — sets up a type
// with a standard parecer, a two-step workflow and a questionnaire. An agent of the
// same language serves a customer through it: a standard parecer and a free one, the
// workflow's answer hands the follow-up to the next centre, the questionnaire answered
// (a failed submit puts the keyboard focus on the first question in error; the form
// checked on a 375×740 phone), the answers in the history, and the standard history
// shows the standard parecer and not the free one. Then the reopen request: the agent
// asks, the supervisor approves from the notification and the follow-up is open; in
// Spanish the supervisor refuses with a reason and the agent reads it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, ES, launch, openPage, PT, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null };
const PHONE_375 = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The catalogue's text with its placeholders filled. */
function say(T, key, params = {}) {
  return T[key].replace(/\{(\w+)\}/g, (_, n) => String(params[n]));
}

/** What the login takes, without the rest of the user. */
const creds = (u) => ({ login: u.login, password: u.password });

async function makeUser(admin, branchId, login, locale, role = 'agent') {
  const password = 'ciclo-de-venda-2026';
  const user = await admin.post('/users', {
    login,
    name: `Ciclo ${login}`,
    role,
    branch_id: branchId,
    password,
    time_zone: locale === 'es' ? 'America/Mexico_City' : 'America/Sao_Paulo',
    locale,
    alert_on_login: false,
    alert_every_minutes: null,
  });
  return { login, password, id: user.id, name: user.name };
}

before(async () => {
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  const users = (await admin.get('/users')).items;
  state.carla = users.find((u) => u.login === USERS.supervisor.login);
  const branchId = state.carla.branch_id;
  state.party = await admin.post('/parties', {
    code: `CIC-${stamp}`,
    kind: 'customer',
    name: `Mercado Ciclo ${stamp}`,
    email: 'compras@ciclo.example',
  });
  // Per language: the one who configures, the agent who serves, the next centre.
  state.pt = {
    T: PT,
    lang: 'pt',
    configurer: USERS.admin,
    typesPath: '/admin/attendance-types',
    agent: await makeUser(admin, branchId, `cic-a-${stamp}`, 'pt-BR'),
    next: await makeUser(admin, branchId, `cic-b-${stamp}`, 'pt-BR'),
    typeName: `Venda ciclo ${stamp}`,
    title: `Ciclo de venda ${stamp}`,
    yes: 'Sim',
    no: 'Não',
    options: ['Telefone', 'E-mail', 'WhatsApp'],
  };
  const esConfigurer = await makeUser(admin, branchId, `cic-cfg-${stamp}`, 'es', 'supervisor');
  await admin.put(`/users/${esConfigurer.id}/rights`, { granted: ['configure_attendance'], revoked: [] });
  state.es = {
    T: ES,
    lang: 'es',
    configurer: esConfigurer,
    typesPath: '/attendance-types',
    agent: await makeUser(admin, branchId, `cic-ae-${stamp}`, 'es'),
    next: await makeUser(admin, branchId, `cic-be-${stamp}`, 'es'),
    typeName: `Venta ciclo ${stamp}`,
    title: `Ciclo de venta ${stamp}`,
    yes: 'Sí',
    no: 'No',
    options: ['Teléfono', 'Correo', 'WhatsApp'],
  };
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

/** The one who configures makes the type, its workflow and its questionnaire, in the browser. */
async function configure(L) {
  const { T } = L;
  const { context, page, errors } = await openPage(state.browser);
  await signIn(page, L.configurer);
  if (L.typesPath === '/attendance-types') {
    // Not an admin: the configurator is in the main menu by the right alone.
    const nav = page.getByRole('navigation', { name: T['nav.main'] });
    assert.equal(await nav.getByRole('link', { name: T['nav.admin'] }).count(), 0);
    await nav.getByRole('link', { name: T['nav.attendanceTypes'] }).click();
  } else {
    await page.goto(L.typesPath);
  }
  await page.locator('#att-name-pt-BR').fill(L.typeName);
  await page.locator('#att-name-es').fill(L.typeName);
  await page.locator('#att-name-en').fill(L.typeName);
  await page.locator('#att-parecer').fill('Atendimento a #{contato}: proposta apresentada.');
  await page.locator('form').getByRole('button', { name: T['common.add'], exact: true }).click();
  await page.locator('tr', { hasText: L.typeName }).first().waitFor();

  // The workflow: a first contact held by the agent, a question, a proposal held by the next centre, an end.
  await page.getByRole('link', { name: say(T, 'workflow.editOf', { name: L.typeName }) }).click();
  await page.getByText(say(T, 'workflow.version', { version: 0 })).waitFor();
  const step = (n) => page.getByRole('listitem', { name: `${T['workflow.step']} ${n}` });
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: T['workflow.addStep'] }).click();
  const plan = [
    ['contact', 'situation', 'Primeiro contato'],
    ['reached', 'decision', 'Contato bem-sucedido?'],
    ['proposal', 'situation', 'Enviar proposta'],
    ['done', 'end', 'Atendimento concluído'],
  ];
  for (const [i, [key, kind, label]] of plan.entries()) {
    const s = step(i + 1);
    await s.getByLabel(T['workflow.key'], { exact: true }).fill(key);
    await s.getByLabel(T['workflow.kind'], { exact: true }).selectOption(kind);
    await s.getByLabel(T['workflow.label'], { exact: true }).fill(label);
  }
  await step(1).getByLabel(T['workflow.centre'], { exact: true }).selectOption({ label: L.agent.name });
  await step(1).getByLabel(T['workflow.next'], { exact: true }).selectOption('reached');
  await step(3).getByLabel(T['workflow.centre'], { exact: true }).selectOption({ label: L.next.name });
  await step(3).getByLabel(T['workflow.next'], { exact: true }).selectOption('done');
  const decision = step(2);
  await decision.getByRole('button', { name: T['workflow.addAnswer'] }).click();
  await decision.getByRole('button', { name: T['workflow.addAnswer'] }).click();
  for (const [j, [key, label, next]] of [
    ['yes', L.yes, 'proposal'],
    ['no', L.no, 'done'],
  ].entries()) {
    await decision.getByLabel(T['workflow.answerKey'], { exact: true }).nth(j).fill(key);
    await decision.getByLabel(T['workflow.answerLabel'], { exact: true }).nth(j).fill(label);
    await decision.getByLabel(T['workflow.next'], { exact: true }).nth(j).selectOption(next);
  }
  await page.getByLabel(T['workflow.start'], { exact: true }).selectOption('contact');
  const [put] = await Promise.all([
    page.waitForResponse((r) => /\/workflow$/.test(r.url()) && r.request().method() === 'PUT'),
    page.getByRole('button', { name: T['common.save'], exact: true }).click(),
  ]);
  assert.equal(put.status(), 200, await put.text());
  await page.getByText(say(T, 'workflow.saved', { version: 1 })).waitFor();
  await page.getByRole('link', { name: T['workflow.back'] }).click();

  // The questionnaire: yes/no and a choice required, a number within bounds, a date.
  await page.getByRole('link', { name: say(T, 'questionnaire.ofType', { name: L.typeName }) }).click();
  await page.getByRole('heading', { name: `${T['questionnaire.titleOf']} — ${L.typeName}` }).waitFor();
  await page.getByRole('button', { name: T['questionnaire.new'] }).click();
  await page.locator('#qn-title').fill(L.title);
  const question = (n) => page.getByRole('listitem', { name: say(T, 'questionnaire.questionN', { n }) });
  const fillQuestion = async (n, text, kind, required) => {
    if (n > 1) await page.getByRole('button', { name: T['questionnaire.addQuestion'] }).click();
    const q = question(n);
    await q.getByLabel(T['questionnaire.questionText']).fill(text);
    await q.getByLabel(T['questionnaire.kind']).selectOption(kind);
    if (required) await q.getByLabel(T['questionnaire.required']).check();
    return q;
  };
  await fillQuestion(1, 'Cliente satisfeito?', 'yes_no', true);
  const channel = await fillQuestion(2, 'Canal preferido', 'choice', true);
  // One option only: the form says so on the field before anything is sent.
  await channel.getByLabel(T['questionnaire.options']).fill(L.options[0]);
  const units = await fillQuestion(3, 'Unidades', 'number', false);
  await units.getByLabel(T['questionnaire.min']).fill('1');
  await units.getByLabel(T['questionnaire.max']).fill('100');
  await fillQuestion(4, 'Data da visita', 'date', false);
  await page.getByRole('button', { name: T['common.save'], exact: true }).click();
  const options = channel.getByLabel(T['questionnaire.options']);
  await channel.getByText(say(T, 'questionnaire.optionsCount', { max: 30 })).waitFor();
  assert.equal(await options.evaluate((el) => el === document.activeElement), true, 'the field in error has the focus');
  await options.fill(L.options.join('\n'));
  const [post] = await Promise.all([
    page.waitForResponse((r) => /\/questionnaires$/.test(r.url()) && r.request().method() === 'POST'),
    page.getByRole('button', { name: T['common.save'], exact: true }).click(),
  ]);
  assert.equal(post.status(), 201, await post.text());
  await page.getByText(say(T, 'questionnaire.created', { title: L.title })).waitFor();
  await shot(page, `cycle-questionnaire-editor-${L.lang}`);
  assert.deepEqual(errors, []);
  await context.close();

  const type = (await state.admin.get('/attendance-types')).items.find((t) => t.names['pt-BR'] === L.typeName);
  assert.ok(type?.workflow_id, 'the type has its workflow');
  const [questionnaire] = (await state.admin.get(`/attendance-types/${type.id}/questionnaires`)).items;
  assert.equal(questionnaire.questions.length, 4);
  L.type = type;
  L.questionnaire = questionnaire;
}

/** The agent serves the customer through the type. */
async function serve(L) {
  const { T } = L;
  const session = await apiSession(creds(L.agent));
  const today = new Date().toISOString().slice(0, 10);
  const subject = `Atendimento ${L.lang} ${stamp}`;
  const f = await session.post('/followups', {
    party_id: state.party.id,
    subject,
    category: 'pos_venda',
    priority: 'medium',
    attendance_type_id: L.type.id,
    contact: { name: 'Rosa Muñoz', email: 'rosa@ciclo.example', phone: '', whatsapp: '' },
    next_action: { type: 'phone', due_date: today },
  });
  assert.equal(f.workflow.step, 'contact');

  const { context, page, errors } = await openPage(state.browser);
  await signIn(page, L.agent);

  // A standard parecer from the type's text, then a free one.
  await page.goto(`/followups/${f.id}/parecer`);
  const body = page.locator('#parecer-body');
  await body.waitFor();
  await page.getByRole('button', { name: T['attendance.useStandard'] }).click();
  assert.equal(await body.inputValue(), 'Atendimento a Rosa Muñoz: proposta apresentada.');
  await Promise.all([
    page.waitForResponse((r) => /\/pareceres$/.test(r.url()) && r.request().method() === 'POST'),
    page.getByRole('button', { name: T['common.save'], exact: true }).click(),
  ]);
  await page.getByText(T['attendance.saved']).waitFor();
  await body.fill(`Livre ${L.lang} ${stamp}`);
  await Promise.all([
    page.waitForResponse((r) => /\/pareceres$/.test(r.url()) && r.request().method() === 'POST'),
    page.getByRole('button', { name: T['common.save'], exact: true }).click(),
  ]);
  await page.locator('.print-area').getByText(`Livre ${L.lang} ${stamp}`).waitFor();

  // The workflow's question answered: the follow-up goes to the next centre.
  await page.goto(`/followups/${f.id}/workflow`);
  await page.getByRole('group', { name: 'Contato bem-sucedido?' }).getByRole('button', { name: L.yes }).click();
  await page.getByText(say(T, 'workflow.moved', { step: 'Enviar proposta' })).waitFor();
  const moved = await state.admin.get(`/followups/${f.id}`);
  assert.equal(moved.workflow.step, 'proposal');
  const proposal = moved.actions.find((a) => a.status === 'planned');
  assert.equal(proposal.assignee_id, L.next.id, 'the next centre holds the return');

  // The questionnaire: a failed submit by keyboard puts the focus on the first question in error.
  await page.goto(`/followups/${f.id}`);
  await page.getByRole('link', { name: T['questionnaire.cycle'] }).click();
  const panel = page.getByRole('region', { name: L.title });
  await panel.waitFor();
  const record = panel.getByRole('button', { name: T['questionnaire.record'] });
  await record.focus();
  await page.keyboard.press('Enter');
  const firstId = `qa-${L.questionnaire.id}-0`;
  await page.waitForFunction((id) => document.activeElement?.id === id, firstId);
  assert.equal(await panel.getByText(T['validation.required']).count(), 2);
  await shot(page, `cycle-questionnaire-errors-${L.lang}`);
  // The focused yes/no is answered from the keyboard: the space bar picks "yes".
  await page.keyboard.press('Space');
  await panel.getByLabel(/Canal preferido/).selectOption(L.options[2]);
  await panel.getByLabel(/Unidades/).fill('12.5');
  await panel.getByLabel(/Data da visita/).fill('2026-12-01');
  const [answered] = await Promise.all([
    page.waitForResponse((r) => /\/answers$/.test(r.url()) && r.request().method() === 'PUT'),
    record.click(),
  ]);
  assert.equal(answered.status(), 200, await answered.text());
  await panel.getByText(T['questionnaire.answered']).waitFor();
  const set = panel.getByTestId('answer-set');
  await set.getByText(L.options[2]).waitFor();
  await set.getByText('01/12/2026').waitFor();
  const stored = (await state.admin.get(`/followups/${f.id}/questionnaires`)).items[0].answers;
  assert.deepEqual(
    stored.items.map((i) => i.value),
    [true, L.options[2], 12.5, '2026-12-01'],
  );

  // The history has the answers as a note, in the agent's language.
  await page.goto(`/followups/${f.id}`);
  const heading = L.lang === 'es' ? 'Cuestionario' : 'Questionário';
  const note = page.locator('.tl-item', { hasText: `${heading}: ${L.title}` });
  await note.waitFor();
  assert.match(await note.innerText(), new RegExp(`Cliente satisfeito\\? — ${L.yes}`));
  assert.match(await note.innerText(), new RegExp(`Canal preferido — ${L.options[2]}`));

  // The standard history: the standard parecer, not the free one.
  await page.goto(`/followups/${f.id}/parecer`);
  const history = page.locator('.print-area');
  await history.getByText(`Livre ${L.lang} ${stamp}`).waitFor();
  await page.getByLabel(T['attendance.standardOnly']).check();
  await page.getByRole('heading', { name: T['attendance.standardHistory'] }).waitFor();
  await history.getByText('Atendimento a Rosa Muñoz: proposta apresentada.').waitFor();
  await history.getByText(`Livre ${L.lang} ${stamp}`).waitFor({ state: 'detached' });
  assert.equal(await history.getByText(`${heading}: ${L.title}`).count(), 0);
  await shot(page, `cycle-standard-history-${L.lang}`);
  assert.deepEqual(errors, []);
  await context.close();
  return f;
}

/** The questionnaire form on a 375×740 phone: nothing wider than the screen, every field reachable. */
async function phoneCheck(L, followupId) {
  const { T } = L;
  const { context, page, errors } = await openPage(state.browser, PHONE_375);
  await signIn(page, L.agent);
  await page.goto(`/followups/${followupId}/questionnaires`);
  const panel = page.getByRole('region', { name: L.title });
  await panel.waitFor();
  await panel.getByRole('button', { name: T['questionnaire.answerAgain'] }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  for (const id of [0, 1, 2, 3].map((i) => `#qa-${L.questionnaire.id}-${i}`)) {
    const box = await page.locator(id).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${id} fits the screen`);
  }
  const record = panel.getByRole('button', { name: T['questionnaire.record'] });
  await record.scrollIntoViewIfNeeded();
  assert.ok(await record.isVisible());
  await shot(page, `cycle-questionnaire-${L.lang}`);
  assert.deepEqual(errors, []);
  await context.close();
}

describe('an attendance served through its type', () => {
  test('pt-BR: the admin configures; the agent serves through the parecer, the workflow and the questionnaire', async () => {
    await configure(state.pt);
    const f = await serve(state.pt);
    await phoneCheck(state.pt, f.id);
  });

  test('es: quien tiene el derecho de configurar (no administrador) configura; el agente atiende en español', async () => {
    await configure(state.es);
    const f = await serve(state.es);
    await phoneCheck(state.es, f.id);
  });
});

/** A closed follow-up of the agent. */
async function closedFollowup(user, subject) {
  const s = await apiSession(creds(user));
  const today = new Date().toISOString().slice(0, 10);
  const f = await s.post('/followups', {
    party_id: state.party.id,
    subject,
    category: 'pos_venda',
    priority: 'medium',
    next_action: { type: 'phone', due_date: today },
  });
  await s.post(`/followups/${f.id}/close`, { result: 'Venda fechada.' });
  return f;
}

/** The agent asks on the follow-up's page. */
async function askReopen(L, f, reason) {
  const { T } = L;
  const { context, page, errors } = await openPage(state.browser);
  await signIn(page, L.agent);
  await page.goto(`/followups/${f.id}`);
  await page.getByText(T['followup.isClosed']).waitFor();
  assert.equal(await page.getByRole('button', { name: T['followup.reopen'], exact: true }).count(), 0);
  await page.getByRole('button', { name: T['followup.askReopen'] }).click();
  const dialog = page.getByRole('dialog', { name: T['followup.askReopenTitle'] });
  await dialog.getByLabel(T['followup.reopenReason']).fill(reason);
  await dialog.getByRole('button', { name: T['followup.askReopenSend'] }).click();
  await page.getByText(T['followup.reopenAsked']).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
}

/** The supervisor's bell, with the item of follow-up `subject`. */
async function supervisorItem(page, subject) {
  await page.getByRole('button', { name: /^Notificações/ }).click();
  const panel = page.getByRole('dialog', { name: PT['notifications.title'] });
  const item = panel.getByTestId('notif-item').filter({ hasText: subject }).first();
  await item.waitFor();
  return { panel, item };
}

/** The agent's bell shows the outcome. */
async function agentReads(L, subject, text) {
  const { T } = L;
  const { context, page, errors } = await openPage(state.browser);
  await signIn(page, L.agent);
  await page.getByRole('button', { name: new RegExp(`^${T['notifications.title']}`) }).click();
  const panel = page.getByRole('dialog', { name: T['notifications.title'] });
  const item = panel.getByTestId('notif-item').filter({ hasText: subject }).first();
  await item.getByText(text).waitFor();
  await shot(page, `cycle-reopen-outcome-${L.lang}`);
  assert.deepEqual(errors, []);
  await context.close();
}

describe('reopen requests', () => {
  test('pt-BR: the agent asks, the supervisor approves from the notification, and the follow-up is open', async () => {
    const subject = `Reabrir ${stamp}`;
    const f = await closedFollowup(state.pt.agent, subject);
    await askReopen(state.pt, f, 'Cliente ligou pedindo outra proposta.');

    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    const { panel, item } = await supervisorItem(page, subject);
    await item
      .getByText(say(PT, 'notifications.reopen.asked', { reason: 'Cliente ligou pedindo outra proposta.' }))
      .waitFor();
    await shot(page, 'cycle-reopen-request');
    await item.getByRole('button', { name: PT['notifications.reopen.approve'] }).click();
    await panel.getByText(PT['notifications.reopen.didApprove']).waitFor();
    await page.keyboard.press('Escape');
    await page.goto(`/followups/${f.id}`);
    await page.getByRole('button', { name: PT['followup.close'] }).waitFor();
    assert.equal(await page.getByText(PT['followup.isClosed']).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
    assert.equal((await state.admin.get(`/followups/${f.id}`)).status, 'open');

    await agentReads(state.pt, subject, PT['notifications.reopen.approved']);
  });

  test('es: el agente pide, la supervisora rechaza con un motivo y el agente lo lee', async () => {
    const subject = `Reabrir es ${stamp}`;
    const f = await closedFollowup(state.es.agent, subject);
    await askReopen(state.es, f, 'El cliente llamó otra vez.');

    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    const { panel, item } = await supervisorItem(page, subject);
    await item.getByRole('button', { name: PT['notifications.reopen.refuse'] }).click();
    await item.getByLabel(PT['notifications.reopen.refuseReason']).fill('Há um pedido de venda em aberto.');
    await item.getByRole('button', { name: PT['notifications.reopen.refuse'] }).click();
    await panel.getByText(PT['notifications.reopen.didRefuse']).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
    assert.equal((await state.admin.get(`/followups/${f.id}`)).status, 'closed');

    await agentReads(
      state.es,
      subject,
      say(ES, 'notifications.reopen.refusedWith', { answer: 'Há um pedido de venda em aberto.' }),
    );
  });
});
