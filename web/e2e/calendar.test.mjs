// End-to-end: the CRM calendar (manual 002) in Debian's Chromium against a running
// `retorno serve` (see journey.test.mjs and web/README.md for the environment). The
// server refuses due dates in the past, so the journey is built around today, which is
// coloured like a past day: red while none of its returns is done, orange when some are.
// A user of its own keeps the other tests' returns out of its days.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, apiSession, DESKTOP, launch, openPage, PHONE, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = {
  browser: null,
  user: { login: `cal${stamp}`, password: `cal-${stamp}-pass` },
  api: null,
  today: '',
  subjects: [`E2E ${stamp} revisão do freezer`, `E2E ${stamp} orçamento da câmara fria`],
  company: `Sorveteria Polar ${stamp}`,
};

/** The day button of the month grid. */
const dayCell = (page, date) => page.locator(`button.cal-day[data-date="${date}"]`);

before(async () => {
  const admin = await apiSession(USERS.admin);
  await admin.post('/users', {
    login: state.user.login,
    name: `Carlos Calendário ${stamp}`,
    password: state.user.password,
    role: 'agent',
    time_zone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    alert_on_login: false,
  });
  const party = await admin.post('/parties', {
    code: `E2C-${stamp}`,
    kind: 'customer',
    name: `Açougue Central ${stamp}`,
    email: 'compras@acouguecentral.com.br',
    whatsapp: '+55 19 99777-1234',
    contacts: [{ name: 'Seu Jorge', email: 'jorge@acouguecentral.com.br', phone: '+55 19 99777-1234' }],
  });
  state.api = await apiSession(state.user);
  const me = await state.api.get('/me');
  state.today = me.today;
  const types = (await state.api.get('/contact-types')).items;
  const cats = (await state.api.get('/categories')).items;
  for (const subject of state.subjects) {
    await state.api.post('/followups', {
      party_id: party.id,
      subject,
      category: cats[0].code,
      contact: { name: 'Seu Jorge', email: 'jorge@acouguecentral.com.br', phone: '+55 19 99777-1234' },
      next_action: { type: types[0].code, due_date: state.today },
    });
  }
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('CRM calendar', () => {
  test("today's returns colour the day red, one resolved by phone turns it orange", async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.user);
    await page.getByRole('link', { name: pt('nav.calendar'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: pt('calendar.title') }).waitFor();
    const cell = dayCell(page, state.today);
    await page.waitForFunction(
      (d) => document.querySelector(`button.cal-day[data-date="${d}"]`)?.dataset.colour === 'red',
      state.today,
    );
    const label = await cell.getAttribute('aria-label');
    assert.match(
      label,
      new RegExp(`${pt('calendar.returns', { count: 2 })}, ${pt('calendar.doneCount', { count: 0 })}`),
    );
    assert.match(label, new RegExp(pt('calendar.colour.red')));
    await page
      .getByRole('list', { name: pt('legend.title') })
      .getByText(pt('calendar.colour.orange'))
      .waitFor();
    await shot(page, '40-calendar');

    // Keyboard: the arrows move between days (into the next month too), Enter opens one.
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((d) => document.activeElement?.getAttribute('data-date') === d, addDays(state.today, 1));
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((d) => document.activeElement?.getAttribute('data-date') === d, state.today);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/calendar/${state.today}$`));

    const day = page.locator('section.calendar-day');
    await day.getByRole('tab', { name: new RegExp(pt('calendar.tab.followups')) }).waitFor();
    for (const name of ['orders', 'services', 'birthdays', 'done'])
      await day.getByRole('tab', { name: new RegExp(pt(`calendar.tab.${name}`)) }).waitFor();
    const card = day.getByRole('article', { name: state.subjects[0] });
    await card.waitFor();
    await day.getByRole('article', { name: state.subjects[1] }).waitFor();
    await shot(page, '41-calendar-day');

    await card.getByRole('button', { name: pt('calendar.byPhoneFor', { subject: state.subjects[0] }) }).click();
    await day.getByText(pt('calendar.resolvedDone')).waitFor();
    await card.waitFor({ state: 'detached' });
    await page.waitForFunction(
      (d) => document.querySelector(`button.cal-day[data-date="${d}"]`)?.dataset.colour === 'orange',
      state.today,
    );
    assert.match(await cell.getAttribute('aria-label'), new RegExp(pt('calendar.colour.orange')));
    await day.getByRole('tab', { name: new RegExp(pt('calendar.tab.done')) }).click();
    await day.getByRole('article', { name: state.subjects[0] }).waitFor();

    const month = await state.api.get(`/calendar?month=${state.today.slice(0, 7)}`);
    const today = month.days.find((d) => d.date === state.today);
    assert.equal(today.colour, 'orange');
    assert.equal(today.done, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('"+" adds an opportunity that shows on its next contact day', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.user);
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: pt('calendar.title') }).waitFor();
    await page.getByRole('button', { name: pt('opportunity.add'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: pt('opportunity.title') });
    await dialog.waitFor();
    const next = addDays(state.today, 3);
    await dialog.locator('#opp-company').fill(state.company);
    await dialog.locator('#opp-contact').fill('Dona Lúcia');
    await dialog.locator('#opp-email').fill('lucia@sorveteriapolar.com.br');
    await dialog.locator('#opp-whatsapp').fill('+55 19 98888-7777');
    await dialog.locator('#opp-next').fill(next);
    await dialog.locator('button[form=opportunity-form]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForURL(new RegExp(`/calendar/${next}$`));
    await page.getByText(pt('opportunity.created', { name: state.company })).waitFor();
    const day = page.locator('section.calendar-day');
    await day.locator('article.return-card', { hasText: state.company }).waitFor();
    const dayItems = await state.api.get(`/calendar/day?date=${next}`);
    assert.ok(
      dayItems.items.some((i) => i.followup.party.name === state.company),
      'the opportunity is on its next contact day',
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the calendar on a phone', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, state.user);
    await page.goto('/calendar');
    await dayCell(page, state.today).waitFor();
    await page.waitForFunction(
      (d) => document.querySelector(`button.cal-day[data-date="${d}"]`)?.dataset.colour === 'orange',
      state.today,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 360 px (${overflow} px)`);
    await shot(page, '40-calendar');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
