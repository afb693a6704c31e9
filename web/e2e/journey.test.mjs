// End-to-end journey of issue 3 in Debian's Chromium against a running `retorno serve`
// (RETORNO_URL) with the users of RETORNO_ADMIN, RETORNO_SUPERVISOR, RETORNO_AGENT and
// RETORNO_AGENT2 ("login:password"). The tests run in order and share the follow-up they
// create; screenshots go to SCREENSHOT_DIR.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addDays,
  apiSession,
  DESKTOP,
  EN,
  ES,
  launch,
  openPage,
  PHONE,
  pt,
  ptDate,
  requireEnv,
  samplePdf,
  samplePng,
  shot,
  signIn,
  USERS,
} from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = {
  browser: null,
  admin: null,
  agentApi: null,
  party: null,
  today: '',
  followupId: 0,
  subject: `E2E ${stamp} manutenção do balcão refrigerado`,
};

/** The admin makes the data the journey needs, so it runs on any fresh database. */
async function setUp() {
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  const users = (await admin.get('/users')).items;
  const find = (login) => {
    const u = users.find((x) => x.login === login);
    assert.ok(u, `user ${login} must exist`);
    return u;
  };
  const sup = find(USERS.supervisor.login);
  const agent = find(USERS.agent.login);
  const agent2 = find(USERS.agent2.login);
  assert.equal(sup.role, 'supervisor', 'RETORNO_SUPERVISOR must be a supervisor');
  assert.equal(agent.role, 'agent', 'RETORNO_AGENT must be an agent');
  assert.equal(agent2.role, 'agent', 'RETORNO_AGENT2 must be an agent');
  let branchId = sup.branch_id;
  if (!branchId) {
    branchId = (await admin.post('/branches', { name: `E2E Campinas ${stamp}` })).id;
    await admin.patch(`/users/${sup.id}`, { branch_id: branchId });
  }
  // The supervisor must see the agent's follow-ups (same branch); the alert is on.
  await admin.patch(`/users/${agent.id}`, { branch_id: branchId, locale: 'pt-BR', alert_on_login: true });
  await admin.patch(`/users/${agent2.id}`, { locale: 'pt-BR' });
  await admin.patch(`/users/${sup.id}`, { locale: 'pt-BR' });
  const settings = await admin.get('/settings');
  await admin.put('/settings', { ...settings, return_alerts_enabled: true });

  state.party = await admin.post('/parties', {
    code: `E2E-${stamp}`,
    kind: 'customer',
    name: `Padaria Boa Vista ${stamp}`,
    email: 'compras@padariaboavista.com.br',
    phone: '+55 19 3232-4545',
    whatsapp: '+55 19 99876-1234',
    contacts: [{ name: 'Sr. Antônio', phone: '+55 19 99876-1234', email: 'antonio@padariaboavista.com.br' }],
  });

  // A return due today for the agent, so the login alert has something to say.
  state.agentApi = await apiSession(USERS.agent);
  const me = await state.agentApi.get('/me');
  state.today = me.today;
  const types = (await state.agentApi.get('/contact-types')).items;
  const cats = (await state.agentApi.get('/categories')).items;
  await state.agentApi.post('/followups', {
    party_id: state.party.id,
    subject: `E2E ${stamp} retorno de hoje`,
    category: cats[0].code,
    next_action: { type: types[0].code, due_date: state.today, due_time: '10:00' },
  });
}

before(async () => {
  await setUp();
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('Retorno web app', () => {
  test('the login page, on a desktop and on a phone', async () => {
    for (const device of [DESKTOP, PHONE]) {
      const { context, page, errors } = await openPage(state.browser, device);
      await page.goto('/');
      await page.waitForURL(/\/login/);
      await page.getByRole('heading', { name: pt('login.title') }).waitFor();
      await shot(page, '01-login');
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('log in and see the alert dialog; yes opens My returns', async () => {
    const me = await state.agentApi.get('/me');
    assert.ok(me.alerts.show_alert, 'the agent has returns today and alerts on');
    const expected = pt('alert.message', {
      count: me.alerts.due_today,
      overdue: pt('alert.overdue', { count: me.alerts.overdue }),
    });
    for (const device of [PHONE, DESKTOP]) {
      const { context, page, errors } = await openPage(state.browser, device);
      await signIn(page, USERS.agent, { keepAlert: true });
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      assert.equal((await dialog.locator('.alert-text').textContent()).trim(), expected);
      await shot(page, '02-alert');
      await dialog.getByRole('button', { name: 'Sim' }).click();
      await page.waitForURL(/\/agenda$/);
      await page.getByRole('heading', { level: 1, name: 'Meus retornos' }).waitFor();
      await page.getByRole('region', { name: /Hoje/ }).getByText(`E2E ${stamp} retorno de hoje`).waitFor();
      await shot(page, '03-my-returns');
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('create a follow-up from a party page with a PDF and an image', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto('/parties');
    await page.locator('#party-q').fill(state.party.code);
    await page.locator('#party-q').press('Enter');
    await page.getByRole('link', { name: state.party.name }).click();
    await page.waitForURL(new RegExp(`/parties/${state.party.id}$`));
    await page.getByRole('heading', { level: 1, name: `${state.party.code} — ${state.party.name}` }).waitFor();
    await shot(page, '04-party');
    await page.getByRole('link', { name: 'Follow Up', exact: true }).click();
    await page.waitForURL(/\/followups\/new\?party_id=/);
    await page.waitForFunction(() => document.querySelector('#ff-contact-name')?.value === 'Sr. Antônio');
    assert.match(await page.locator('#ff-party').inputValue(), new RegExp(state.party.code));
    await page.locator('#ff-subject').fill(state.subject);
    await page.locator('#ff-priority').selectOption('high');
    await page.locator('#ff-next-due-date').fill(addDays(state.today, 1));
    await page.locator('#ff-next-due-time').fill('14:00');
    await page.locator('#ff-next-repeat').fill('3');
    const preview = page.locator('.repeat-preview li');
    assert.equal(await preview.count(), 3);
    assert.equal(await preview.first().textContent(), ptDate(addDays(state.today, 1)));
    await page.locator('#ff-notes-followup').fill('Cliente pediu contato mensal antes do verão.');
    await page.getByRole('tab', { name: 'Reclamações' }).click();
    await page.locator('#ff-notes-complaint').fill('Balcão fazendo ruído à noite.');
    await page.getByTestId('attachment-input').setInputFiles([
      { name: 'laudo-tecnico.pdf', mimeType: 'application/pdf', buffer: samplePdf() },
      { name: 'foto-balcao.png', mimeType: 'image/png', buffer: samplePng() },
    ]);
    await page.locator('.uploads li').nth(1).waitFor();
    await shot(page, '05-followup-form');
    await page.locator('button[form=followup-form]').click();
    await page.waitForURL(/\/followups\/\d+\?created=1$/);
    state.followupId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.ok(state.followupId > 0);

    const attachments = page.locator('ul.attachments');
    await attachments.getByText('laudo-tecnico.pdf').waitFor();
    await attachments.getByText('foto-balcao.png').first().waitFor();
    const img = page.locator('ul.attachments img[alt="foto-balcao.png"]');
    await img.waitFor();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    const pdfHref = await attachments.getByRole('link', { name: 'laudo-tecnico.pdf' }).getAttribute('href');
    const pdf = await page.request.get(pdfHref);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'], /^application\/pdf/);
    assert.match(pdf.headers()['content-disposition'], /^inline/);
    // The three monthly returns of "repeat for 3 months" were listed on save.
    await page.getByText(/Follow-up salvo\. Próximos retornos:/).waitFor();
    const detail = await state.agentApi.get(`/followups/${state.followupId}`);
    assert.equal(detail.actions.filter((a) => a.status === 'planned').length, 3);
    assert.deepEqual(
      detail.entries
        .filter((e) => !e.draft)
        .map((e) => e.kind)
        .sort(),
      ['complaint', 'note'],
    );
    await shot(page, '06-followup-detail');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('complete a return with a result and a next return, and see both on the timeline', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${state.followupId}`);
    const returns = page.locator('section[aria-labelledby=sec-returns]');
    await returns.getByRole('button', { name: 'Concluir' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Concluir retorno' });
    await dialog.waitFor();
    const result = `Falou com o Sr. Antônio (${stamp}); pediu visita técnica.`;
    const nextDate = addDays(state.today, 7);
    await dialog.locator('#complete-result').fill(result);
    await dialog.locator('#complete-next-type').selectOption({ index: 1 });
    await dialog.locator('#complete-next-due-date').fill(nextDate);
    await dialog.locator('#complete-next-due-time').fill('09:30');
    await shot(page, '07-complete-return');
    await dialog.locator('button[form=complete-form]').click();
    await page.getByText('Retorno concluído.').waitFor();
    const timeline = page.locator('ol.timeline');
    const resultItem = timeline.locator('li.tl-result').filter({ hasText: result });
    await resultItem.waitFor();
    assert.match(
      await resultItem.locator('.tl-next').textContent(),
      new RegExp(`${ptDate(nextDate).replace(/\//g, '\\/')} 09:30`),
    );
    await returns
      .locator('tr.action-planned')
      .filter({ hasText: ptDate(nextDate) })
      .waitFor();
    await returns.locator('tr.action-done').filter({ hasText: result }).waitFor();
    const detail = await state.agentApi.get(`/followups/${state.followupId}`);
    const done = detail.actions.find((a) => a.status === 'done');
    const next = detail.actions.find((a) => a.id === done.next_action_id);
    assert.equal(next.due_date, nextDate);
    assert.equal(next.due_time, '09:30');
    await shot(page, '08-timeline');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('close it and see it leave the open list', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups?q=${encodeURIComponent(state.subject)}`);
    await page
      .getByRole('link', { name: new RegExp(`^${pt('grid.openFollowup', { id: state.followupId, subject: '' })}`) })
      .waitFor();
    await shot(page, '09-followup-list');
    // The list as CSV with the filters on screen, from the keyboard.
    const exportButton = page.getByRole('button', { name: pt('export.menu') });
    await exportButton.focus();
    await page.keyboard.press('Enter');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: pt('export.csv') }).press('Enter');
    const file = await downloading;
    assert.match(file.suggestedFilename(), /^retornos-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await file.path());
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(csv.toString('utf8').includes(state.subject), 'the row on screen is in the file');
    await page.goto(`/followups/${state.followupId}`);
    await page.getByRole('button', { name: 'Baixar follow-up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Baixar (encerrar) o follow-up' });
    await dialog.locator('#text-dialog-text').fill('Visita feita e contrato de manutenção renovado.');
    await dialog.locator('button[form=text-dialog-form]').click();
    await page.getByText('Este follow-up está encerrado.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Reabrir' }).count(), 0, 'agents cannot reopen');

    await page.goto(`/followups?q=${encodeURIComponent(state.subject)}`);
    await page.getByText('Nenhum follow-up com estes filtros.').waitFor();
    await page.goto(`/followups?status=closed&q=${encodeURIComponent(state.subject)}`);
    const row = page.locator('table.grid tbody tr').filter({ hasText: state.subject });
    await row.waitFor();
    assert.match(await row.getAttribute('class'), /state-closed/);
    await page.goto('/agenda?scope=mine');
    await page.getByRole('heading', { level: 1, name: 'Meus retornos' }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.getByText(state.subject).count(), 0, 'a closed follow-up leaves the agenda');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('reopen it as a supervisor', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    await page.goto(`/followups/${state.followupId}`);
    await page.getByRole('button', { name: 'Reabrir' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reabrir o follow-up' });
    await dialog.locator('#text-dialog-text').fill('Cliente ligou: o compressor voltou a fazer ruído.');
    await dialog.locator('button[form=text-dialog-form]').click();
    await page.getByText('Follow-up reaberto. Agende um novo retorno.').waitFor();
    assert.equal(await page.getByText('Este follow-up está encerrado.').count(), 0);
    const detail = await state.agentApi.get(`/followups/${state.followupId}`);
    assert.equal(detail.status, 'open');
    await page.locator('ol.timeline li.tl-status').filter({ hasText: 'compressor voltou' }).waitFor();
    await shot(page, '10-reopened');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a stale edit tells the user someone else changed the follow-up and reloads', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${state.followupId}`);
    await page.locator('#fd-subject').waitFor();
    // Meanwhile the supervisor changes it.
    const sup = await apiSession(USERS.supervisor);
    const current = await sup.call('GET', `/followups/${state.followupId}`);
    const patched = await sup.call(
      'PATCH',
      `/followups/${state.followupId}`,
      { priority: 'low' },
      { 'If-Match': current.headers.get('etag') },
    );
    assert.equal(current.status, 200);
    assert.equal(patched.status, 200, 'the supervisor edits with If-Match');
    await page.locator('#fd-subject').fill(`${state.subject} (editado)`);
    await page.locator('button[form=followup-edit]').click();
    const warning = page.getByRole('alert').filter({ hasText: 'Outra pessoa alterou este follow-up' });
    await warning.waitFor();
    await shot(page, '13-stale-edit');
    await warning.getByRole('button', { name: 'Recarregar' }).click();
    await page.getByText('Follow-up recarregado com as alterações mais recentes.').waitFor();
    assert.equal(await page.locator('#fd-priority').inputValue(), 'low');
    assert.equal(await page.locator('#fd-subject').inputValue(), state.subject);
    const detail = await state.agentApi.get(`/followups/${state.followupId}`);
    assert.equal(detail.subject, state.subject, 'the stale edit changed nothing');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the server's field errors are shown next to the field", async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/new?party_id=${state.party.id}`);
    await page.waitForFunction(() => document.querySelector('#ff-contact-name')?.value === 'Sr. Antônio');
    await page.locator('#ff-subject').fill(`E2E ${stamp} data no passado`);
    await page.locator('#ff-next-due-date').fill(addDays(state.today, -3));
    await page.locator('#ff-cc').fill('gerente@padariaboavista.com.br, isto-nao-e-email');
    await page.locator('button[form=followup-form]').click();
    const due = page.locator('#ff-next-due-date');
    await page.waitForFunction(
      () => document.querySelector('#ff-next-due-date')?.getAttribute('aria-invalid') === 'true',
    );
    const errId = (await due.getAttribute('aria-describedby')).split(' ')[0];
    const message = (await page.locator(`[id="${errId}"]`).textContent()).trim();
    assert.ok(message.length > 0, 'the server message is next to the return date');
    assert.equal(await page.locator('#ff-cc').getAttribute('aria-invalid'), 'true');
    assert.match(new URL(page.url()).pathname, /\/followups\/new$/);
    await shot(page, '14-field-errors');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("an agent cannot see another agent's follow-up", async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent2);
    await page.goto(`/followups?status=all&q=${encodeURIComponent(state.subject)}`);
    await page.getByText('Nenhum follow-up com estes filtros.').waitFor();
    await page.goto(`/followups/${state.followupId}`);
    const alert = page.locator('main [role=alert]');
    await alert.waitFor();
    assert.ok((await alert.textContent()).trim().length > 0);
    assert.equal(await page.locator('#fd-subject').count(), 0, 'no data of the follow-up is shown');
    const api2 = await apiSession(USERS.agent2);
    assert.equal((await api2.call('GET', `/followups/${state.followupId}`)).status, 403);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("edit a party's phone and a contact's birthday; both are kept after a reload", async () => {
    // The agent does not own the party (the admin made it): no "Editar" for him.
    const agentView = await openPage(state.browser);
    await signIn(agentView.page, USERS.agent);
    await agentView.page.goto(`/parties/${state.party.id}`);
    await agentView.page.getByRole('heading', { level: 2, name: pt('party.data') }).waitFor();
    assert.equal(await agentView.page.getByRole('button', { name: pt('party.edit') }).count(), 0);
    assert.deepEqual(agentView.errors, []);
    await agentView.context.close();

    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto(`/parties/${state.party.id}`);
    await page.getByRole('button', { name: pt('party.edit'), exact: true }).click();
    await page.getByRole('region', { name: pt('party.editTitle') }).waitFor();
    assert.equal(await page.locator('#pe-phone').inputValue(), state.party.phone);
    assert.equal(await page.locator('#pe-c0-name').inputValue(), 'Sr. Antônio');
    // Half a year away, so its birthday follow-up stays out of the days the other tests look at.
    const month = ((Number(state.today.slice(5, 7)) + 5) % 12) + 1;
    const birthday = `1980-${String(month).padStart(2, '0')}-15`;
    const phone = '+55 19 3030-7788';
    await page.locator('#pe-phone').fill(phone);
    await page.locator('#pe-c0-birthday').fill(birthday);
    await shot(page, '15-party-edit');
    await page.locator('button[form=party-edit]').click();
    await page.getByText(pt('party.saved')).waitFor();
    await page.reload();
    await page.getByRole('link', { name: phone, exact: true }).waitFor();
    const contact = page.locator('ul.contacts li', { hasText: 'Sr. Antônio' });
    await contact.getByText(pt('party.contactBirthday', { date: ptDate(birthday) })).waitFor();
    const saved = await state.admin.get(`/parties/${state.party.id}`);
    assert.equal(saved.phone, phone);
    assert.equal(saved.contacts[0].birthday, birthday);
    assert.equal(saved.name, state.party.name, 'what was not edited stays');
    assert.equal(saved.contacts[0].email, 'antonio@padariaboavista.com.br');
    assert.equal(saved.version, state.party.version + 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('switch the language to es and en', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto('/agenda');
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await nav.getByLabel('Idioma').selectOption('es');
    await page.getByRole('heading', { level: 1, name: ES['agenda.title'] }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await shot(page, '11-agenda-es');
    await page.getByRole('navigation', { name: ES['nav.main'] }).getByLabel(ES['common.language']).selectOption('en');
    await page.getByRole('heading', { level: 1, name: EN['agenda.title'] }).waitFor();
    // The choice is the user's, kept by the server: it survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: EN['agenda.title'] }).waitFor();
    await page.goto(`/followups/${state.followupId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Follow-up #${state.followupId}`) }).waitFor();
    await shot(page, '12-followup-en');
    const me = await state.agentApi.get('/me');
    assert.equal(me.user.locale, 'en');
    await page
      .getByRole('navigation', { name: EN['nav.main'] })
      .getByLabel(EN['common.language'])
      .selectOption('pt-BR');
    await page.getByRole('heading', { level: 1, name: /Follow Up nº/ }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('screenshots of the main screens, desktop and phone', async () => {
    for (const device of [DESKTOP, PHONE]) {
      const { context, page, errors } = await openPage(state.browser, device);
      await signIn(page, USERS.supervisor);
      await page.goto('/followups?status=all');
      await page.locator('table.grid tbody tr').first().waitFor();
      await shot(page, '20-followup-list');
      await page.goto(`/followups/${state.followupId}`);
      await page.locator('ol.timeline').waitFor();
      await shot(page, '21-followup-detail');
      await page.goto('/followups/new');
      await page.locator('#ff-subject').waitFor();
      await shot(page, '22-followup-new');
      await page.goto('/agenda?scope=branch');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shot(page, '23-agenda-branch');
      assert.deepEqual(errors, []);
      await context.close();

      const adminPage = await openPage(state.browser, device);
      await signIn(adminPage.page, USERS.admin);
      await adminPage.page.goto('/admin/users');
      await adminPage.page.locator('table.grid tbody tr').first().waitFor();
      await shot(adminPage.page, '24-admin-users');
      await adminPage.page.goto('/admin/settings');
      await adminPage.page.locator('#settings-alerts').waitFor();
      await shot(adminPage.page, '25-admin-settings');
      assert.deepEqual(adminPage.errors, []);
      await adminPage.context.close();
    }
  });
});
