// End-to-end: what the web app says is true and what is typed is not lost, in Debian's
// Chromium against a running `retorno serve` (see journey.test.mjs for the environment).
// The repeating alert does not eat a half-filled form; leaving a changed form asks;
// "Yes" on the login alert lands on today's returns; the phone agenda of a busy user
// stays short; a Spanish user reads no Portuguese on the main screens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, ES, launch, openPage, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
/** A phone of today (the brief's 390x844). */
const PHONE_390 = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** Returns seeded for the busy user: many more than a page. */
const MANY = 300;
/** The agenda's page size (AGENDA_PAGE in AgendaPage.tsx). */
const PAGE = 25;

const state = {
  browser: null,
  admin: null,
  party: null,
  /** Users of this file: [login, password]. */
  worker: null,
  busy: null,
  spanish: null,
  spanishFollowupId: 0,
};

async function makeUser(admin, branchId, login, extra = {}) {
  // Not derived from the login: the password policy refuses one that contains it.
  const password = 'ponte-azul-2026';
  await admin.post('/users', {
    login,
    name: `E2E ${login}`,
    role: 'agent',
    branch_id: branchId,
    password,
    time_zone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    alert_on_login: true,
    alert_every_minutes: 15,
    ...extra,
  });
  return { login, password };
}

/** `count` follow-ups of `user`, each with a return due today. */
async function seedReturns(user, count, subject) {
  const api = await apiSession(user);
  const me = await api.get('/me');
  const types = (await api.get('/contact-types')).items;
  const cats = (await api.get('/categories')).items;
  const ids = [];
  for (let i = 0; i < count; i++) {
    const f = await api.post('/followups', {
      party_id: state.party.id,
      subject: `${subject} ${i + 1}`,
      category: cats[0].code,
      next_action: { type: types[0].code, due_date: me.today },
    });
    ids.push(f.id);
  }
  return ids;
}

before(async () => {
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  const settings = await admin.get('/settings');
  await admin.put('/settings', { ...settings, return_alerts_enabled: true });
  const branchId = (await admin.get('/branches')).items[0].id;
  state.party = await admin.post('/parties', {
    code: `E2T-${stamp}`,
    kind: 'customer',
    name: `Mercado Horizonte ${stamp}`,
    email: 'compras@horizonte.example',
  });
  state.worker = await makeUser(admin, branchId, `e2t-w-${stamp}`);
  state.busy = await makeUser(admin, branchId, `e2t-b-${stamp}`, { alert_on_login: false, alert_every_minutes: null });
  state.spanish = await makeUser(admin, branchId, `e2t-s-${stamp}`, {
    locale: 'es',
    alert_on_login: false,
    alert_every_minutes: null,
  });
  await seedReturns(state.worker, 2, `E2T ${stamp} ligar`);
  await seedReturns(state.busy, MANY, `E2T ${stamp} muitos`);
  [state.spanishFollowupId] = await seedReturns(state.spanish, 1, `E2T ${stamp} llamada`);
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

/** Answers the next confirm() with `accept` and resolves to it; null when none comes. */
function nextConfirm(page, accept) {
  return new Promise((resolve) => {
    setTimeout(() => resolve({ type: null, message: null }), 5000).unref();
    page.once('dialog', async (d) => {
      const message = d.message();
      if (accept) await d.accept();
      else await d.dismiss();
      resolve({ type: d.type(), message });
    });
  });
}

describe('trust: nothing typed is lost, and the app says what is true', () => {
  test('the repeating alert pops up beside a half-filled form: Enter stays in the form', async () => {
    const { context, page, errors } = await openPage(state.browser);
    // The app's own alert timer (it polls /me every alert_every_minutes when the event
    // stream is down): the stream is refused and the page's clock is moved.
    await context.route('**/api/v1/events', (route) => route.abort());
    await page.clock.install();
    await signIn(page, state.worker);
    await page.goto('/followups/new');
    await page.getByRole('heading', { level: 1, name: pt('followupForm.title') }).waitFor();
    const notes = page.locator('#ff-notes-followup');
    await notes.click();
    await notes.type('Cliente pediu retorno');
    assert.equal(await page.getByRole('alertdialog').count(), 0);
    await page.clock.fastForward('16:00');
    const alert = page.getByRole('alertdialog', { name: pt('alert.title') });
    await alert.waitFor();
    assert.equal(await alert.getAttribute('aria-modal'), 'false');
    assert.ok(await notes.evaluate((el) => el === document.activeElement), 'the field keeps the focus');
    await page.keyboard.press('Enter');
    await page.keyboard.type('amanhã');
    assert.equal(await notes.inputValue(), 'Cliente pediu retorno\namanhã');
    assert.equal(new URL(page.url()).pathname, '/followups/new', 'the alert did not navigate');
    assert.ok(await alert.isVisible(), 'Enter did not answer the alert');
    await shot(page, '60-alert-beside-form');
    await page.keyboard.press('Escape');
    await alert.waitFor({ state: 'detached' });
    assert.equal(await notes.inputValue(), 'Cliente pediu retorno\namanhã');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('leaving a changed form asks: an in-app link, the back button, closing the tab', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.worker);
    await page
      .getByRole('link', { name: pt('nav.followups') })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: pt('followups.title') }).waitFor();
    // In the app (no reload), so that "back" stays in this document.
    await page.locator('main a[href="/followups/new"]').first().click();
    await page.getByRole('heading', { level: 1, name: pt('followupForm.title') }).waitFor();
    const subject = page.locator('#ff-subject');
    await subject.fill('Orçamento do freezer');

    // A link of the menu: the user keeps the form.
    let asked = nextConfirm(page, false);
    await page
      .locator('#main-nav')
      .getByRole('link', { name: pt('nav.agenda') })
      .click();
    assert.equal((await asked).message, pt('unsaved.confirm'));
    assert.equal(new URL(page.url()).pathname, '/followups/new');
    assert.equal(await subject.inputValue(), 'Orçamento do freezer');

    // The browser's back button: asked again, and the address stays on the form.
    asked = nextConfirm(page, false);
    await page.evaluate(() => history.back());
    assert.equal((await asked).type, 'confirm');
    await page.waitForFunction(() => location.pathname === '/followups/new');
    assert.equal(await subject.inputValue(), 'Orçamento do freezer');

    // Closing (or reloading) the tab: the browser's own question (beforeunload).
    asked = nextConfirm(page, true);
    await page.close({ runBeforeUnload: true });
    assert.equal((await asked).type, 'beforeunload');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('"Yes" on the login alert lands on My returns with today first, overdue next', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.worker, { keepAlert: true });
    const alert = page.getByRole('alertdialog');
    await alert.waitFor();
    // The focus is on the dialog, not on "Yes": a stray Enter answers nothing.
    assert.ok(await alert.evaluate((el) => el === document.activeElement));
    await page.keyboard.press('Enter');
    assert.ok(await alert.isVisible());
    await alert.getByRole('button', { name: pt('common.yes') }).click();
    await page.waitForURL(/\/agenda$/);
    const headings = await page.locator('main section.agenda-section h2').allTextContents();
    assert.match(headings[0], new RegExp(`^${pt('agenda.section.today')}`));
    assert.match(headings[1], new RegExp(`^${pt('agenda.section.overdue')}`));
    await page
      .getByRole('region', { name: new RegExp(pt('agenda.section.today')) })
      .getByText(`E2T ${stamp} ligar 1`, { exact: true })
      .waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`the agenda of ${MANY} returns on a phone stays short`, async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE_390);
    await signIn(page, state.busy);
    await page.goto('/agenda');
    const today = page.getByRole('region', { name: new RegExp(pt('agenda.section.today')) });
    await today.locator('tbody tr').first().waitFor();
    const rows = await today.locator('tbody tr').count();
    assert.ok(rows <= PAGE, `${rows} rows shown`);
    await today.getByText(pt('agenda.showing', { count: MANY, shown: PAGE })).waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const elements = await page.evaluate(() => document.querySelectorAll('*').length);
    console.log(`# phone agenda of ${MANY} returns: ${rows} rows, ${height} px, ${elements} elements`);
    assert.ok(height < 15_000, `page height ${height} px`);
    assert.ok(elements < 4_000, `${elements} elements`);
    await today.locator('.grid-footer').scrollIntoViewIfNeeded();
    await shot(page, '61-agenda-many');
    await today.getByRole('button', { name: pt('agenda.showMore', { count: PAGE }) }).click();
    assert.equal(await today.locator('tbody tr').count(), 2 * PAGE);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a Spanish user sees no Portuguese on the main screens', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.spanish);
    // Words only Portuguese has (not also Spanish), as whole words.
    const portuguese = [
      'Retornos',
      'Hoje',
      'Salvar',
      'Responsável',
      'Não',
      'Sim',
      'você',
      'Você',
      'Meus',
      'Assunto',
      'Observação',
      'Contato',
      'Filial',
      'Próximos retornos',
      'Nenhum',
      'Concluído',
    ];
    const scan = async (where) => {
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => {});
      const text = await page.evaluate(() => document.body.innerText);
      const found = portuguese.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text));
      assert.deepEqual(found, [], `${where}: Portuguese words ${found.join(', ')}`);
    };
    await page.goto('/agenda');
    await page.getByRole('heading', { level: 1, name: ES['agenda.title'] }).waitFor();
    await scan('Mis actividades');
    await page.goto('/followups');
    await page.getByRole('heading', { level: 1, name: ES['followups.title'] }).waitFor();
    await scan('Seguimientos');
    await page.goto(`/followups/${state.spanishFollowupId}`);
    await page.locator('section[aria-labelledby=sec-emails]').waitFor();
    await scan('un seguimiento');
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: ES['calendar.title'] }).waitFor();
    await scan('Calendario');
    // Menu names that do not collide.
    const nav = await page.locator('#main-nav a').allTextContents();
    assert.ok(nav.includes(ES['nav.agenda']) && nav.includes(ES['nav.followups']));
    assert.notEqual(ES['nav.agenda'], ES['nav.followups']);
    await shot(page, '62-spanish-calendar');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
