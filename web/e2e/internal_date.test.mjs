// End-to-end: the internal date of a follow-up (ADR 0041), in Debian's Chromium against a
// running `retorno serve` (environment: see journey.test.mjs and web/README.md). The
// user sets the company's own deadline on the follow-up's page, filters the list by
// "internal date today", finds the row marked in the legend's fifth colour with its
// legend entry, and sees the same on a phone, where rows are cards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, apiSession, launch, openPage, PHONE, pt, ptDate, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = {
  browser: null,
  user: { login: `interna${stamp}`, password: `interna-${stamp}-pass` },
  api: null,
  followup: null,
  other: null,
  subject: `Aprovação interna da proposta ${stamp}`,
};

before(async () => {
  const admin = await apiSession(USERS.admin);
  await admin.post('/users', {
    login: state.user.login,
    name: `Irene Interna ${stamp}`,
    password: state.user.password,
    role: 'agent',
    time_zone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    alert_on_login: false,
  });
  state.api = await apiSession(state.user);
  const party = await state.api.post('/parties', {
    code: `INT-${stamp}`,
    kind: 'customer',
    name: `Vidraçaria Ipê ${stamp}`,
  });
  const me = await state.api.get('/me');
  state.today = me.today;
  const types = (await state.api.get('/contact-types')).items;
  const cats = (await state.api.get('/categories')).items;
  const create = (subject, extra = {}) =>
    state.api.post('/followups', {
      party_id: party.id,
      subject,
      category: cats[0].code,
      next_action: { type: types[0].code, due_date: addDays(state.today, 7) },
      ...extra,
    });
  state.followup = await create(state.subject);
  // Another one with an internal date next week: not "due today".
  state.other = await create(`Laudo técnico ${stamp}`, { internal_date: addDays(state.today, 7) });
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('the internal date', () => {
  test('set on the follow-up page, filtered on the list, marked in its legend colour', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.user);
    await page.goto(`/followups/${state.followup.id}`);
    const field = page.locator('#fd-internal-date');
    await field.waitFor();
    assert.equal(await field.inputValue(), '');
    await field.fill(state.today);
    await page
      .getByRole('button', { name: pt('common.save') })
      .first()
      .click();
    await page.getByText(pt('followup.internalDateOn', { date: ptDate(state.today) })).waitFor();
    const saved = await state.api.get(`/followups/${state.followup.id}`);
    assert.equal(saved.internal_date, state.today);
    assert.equal(saved.version, state.followup.version + 1);

    await page.goto('/followups');
    await page.getByLabel(pt('filters.internal')).selectOption('due');
    await page.getByRole('button', { name: pt('filters.apply') }).click();
    await page.waitForURL((url) => url.searchParams.get('internal') === 'due');
    const row = page.getByRole('row', { name: new RegExp(state.subject) });
    await row.waitFor();
    assert.equal(await page.getByRole('row', { name: new RegExp(`Laudo técnico ${stamp}`) }).count(), 0);
    const mark = row.locator('.internal-date.due');
    assert.equal(await mark.locator('time').textContent(), ptDate(state.today));
    await mark.getByText(pt('grid.internalDue')).waitFor();
    const legend = page.getByRole('list', { name: pt('legend.title') });
    const entry = legend.getByText(pt('legend.internal'));
    await entry.waitFor();
    // Its own colour: not the overdue red nor today's green.
    const colour = await legend
      .locator('li.internal-date .diamond')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    const overdue = await legend
      .locator('li.state-overdue .dot')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    const today = await legend.locator('li.state-today .dot').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(colour, 'rgb(106, 61, 154)');
    assert.notEqual(colour, overdue);
    assert.notEqual(colour, today);
    await shot(page, '70-internal-date-list');

    // "With an internal date" lists both.
    await page.getByLabel(pt('filters.internal')).selectOption('any');
    await page.getByRole('button', { name: pt('filters.apply') }).click();
    await page.waitForURL((url) => url.searchParams.get('internal') === 'any');
    await page.getByRole('row', { name: new RegExp(`Laudo técnico ${stamp}`) }).waitFor();
    await page.getByRole('row', { name: new RegExp(state.subject) }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a phone the card shows the internal date and the legend has its entry', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, state.user);
    await page.goto('/followups?internal=due');
    // Rows are cards here: found by their text, not by the table's roles.
    const card = page.locator('table.grid tbody tr', { hasText: state.subject });
    await card.waitFor();
    await card.locator('.internal-date.due').waitFor();
    assert.ok(await card.locator('.internal-date.due').isVisible());
    await page
      .getByRole('list', { name: pt('legend.title') })
      .getByText(pt('legend.internal'))
      .waitFor();
    // The filters start folded on a phone; opened, the internal filter shows what was asked.
    await page.locator('details.filters > summary').click();
    assert.equal(await page.getByLabel(pt('filters.internal')).inputValue(), 'due');
    await shot(page, '71-internal-date-phone');
    // Nothing on the list runs past the phone's width: the page never scrolls sideways.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the list is ${overflow}px wider than the phone: ${wide.join(', ')}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
