// End-to-end: "Dias livres" and appointments (manual 003, ADR 0045). A supervisor opens
// a follow-up of her agent, goes to the agent's free days from its appointments panel,
// books the first free slot of a weekday, then books the same slot again and is warned
// of the clash (kept); the follow-up lists both and its history has the lines. Then a
// supervisor who works in Spanish, on a phone, reads the same grid in Spanish and books
// another day; the grid scrolls inside its box, not the page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ES,
  PHONE,
  USERS,
  addDays,
  apiSession,
  launch,
  openPage,
  pt,
  ptDate,
  requireEnv,
  shot,
  signIn,
} from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, joao: null, followup: null, monday: null, sofiaCreds: null };

/** The Monday after `date` (never `date` itself): a working day in the future. */
function nextMonday(date) {
  let d = addDays(date, 1);
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
}

const es = (key, params = {}) => ES[key].replace(/\{(\w+)\}/g, (_, n) => String(params[n]));
const esDate = (date) => ptDate(date);

before(async () => {
  state.browser = await launch();
  const admin = await apiSession(USERS.admin);
  const agent = await apiSession(USERS.agent);
  const users = await admin.get('/users');
  state.joao = users.items.find((u) => u.login === USERS.agent.login);
  const carla = users.items.find((u) => u.login === USERS.supervisor.login);
  const me = await agent.get('/me');
  state.monday = nextMonday(me.today);
  const party = await admin.post('/parties', { code: `FD-${stamp}`, kind: 'customer', name: `Oficina ${stamp}` });
  state.followup = await agent.post('/followups', {
    party_id: party.id,
    subject: `Visita técnica ${stamp}`,
    category: 'pos_venda',
    priority: 'medium',
    next_action: { type: 'phone', due_date: addDays(state.monday, 10) },
  });
  state.sofiaCreds = { login: `sofia-fd-${stamp}`, password: 'mar-del-plata-2026' };
  await admin.post('/users', {
    ...state.sofiaCreds,
    name: 'Sofía Supervisora',
    role: 'supervisor',
    branch_id: carla.branch_id,
    time_zone: 'America/Sao_Paulo',
    locale: 'es',
  });
});

after(async () => {
  await state.browser?.close();
});

describe('free days and appointments', () => {
  test('look at free days, book, and see the conflict warning on a second booking of the same slot', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    await page.goto(`/followups/${state.followup.id}`);
    const panel = page.getByRole('region', { name: pt('appointments.title') });
    await panel.getByText(pt('appointments.none')).waitFor();
    await panel.getByRole('link', { name: pt('freeDays.title') }).click();
    await page.getByRole('heading', { name: pt('freeDays.title') }).waitFor();
    await page.getByLabel(pt('freeDays.from'), { exact: true }).fill(state.monday);
    await page.getByLabel(pt('freeDays.to'), { exact: true }).fill(addDays(state.monday, 6));
    await page.getByRole('button', { name: pt('freeDays.show') }).click();
    const cell = page.locator(`td[data-date="${state.monday}"]`);
    await page.waitForURL((u) => u.search.includes(`from=${state.monday}`));
    await cell.getByText(pt('freeDays.free'), { exact: true }).waitFor();
    assert.equal(await page.locator(`td[data-date="${addDays(state.monday, 5)}"]`).getAttribute('class'), 'fd fd-off');
    await shot(page, 'free-days');

    // The first free slot, 08:00-09:00 on Monday.
    const bookOn = pt('freeDays.bookOn', { name: state.joao.name, date: ptDate(state.monday) });
    await page.getByRole('button', { name: bookOn }).click();
    let dialog = page.getByRole('dialog', { name: pt('appointments.new') });
    assert.equal(await dialog.getByLabel(pt('appointments.start')).inputValue(), '08:00');
    assert.equal(await dialog.getByLabel(pt('appointments.end')).inputValue(), '09:00');
    await dialog.getByLabel(pt('appointments.place')).fill('Oficina do cliente');
    await dialog.getByRole('button', { name: pt('appointments.book') }).click();
    await page.getByText(pt('appointments.booked')).waitFor();
    await cell.getByText(pt('freeDays.partlyFree'), { exact: true }).waitFor();
    assert.match(await cell.textContent(), /09:00–18:00/);

    // The same slot again: booked, with the warning naming the clash.
    await page.getByRole('button', { name: bookOn }).click();
    dialog = page.getByRole('dialog', { name: pt('appointments.new') });
    await dialog.getByLabel(pt('appointments.start')).fill('08:00');
    await dialog.getByLabel(pt('appointments.end')).fill('09:00');
    await dialog.getByRole('button', { name: pt('appointments.book') }).click();
    const warning = page.getByRole('alertdialog', { name: pt('appointments.conflictTitle') });
    await warning.waitFor();
    assert.match(
      await warning.textContent(),
      new RegExp(`${state.joao.name} — ${pt('appointments.conflictAppointment')}`),
    );
    await shot(page, 'free-days-conflict');
    await warning.getByRole('button', { name: pt('appointments.keep') }).click();
    await page.getByText(pt('appointments.bookedWithConflicts')).waitFor();

    // Back on the follow-up: both upcoming, and two lines on its history.
    await page.getByRole('link', { name: pt('freeDays.backToFollowup', { id: state.followup.id }) }).click();
    await panel.getByText('Oficina do cliente').waitFor();
    assert.equal(await panel.locator('li.appointment').count(), 2);
    assert.equal(await page.getByText(`📅 ${state.monday} 08:00–09:00`).count(), 2);
    await shot(page, 'followup-appointments');
    await context.close();
    assert.deepEqual(errors, []);
  });

  test('en español, en un teléfono: la cuadrícula de días libres y una cita agendada', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, state.sofiaCreds);
    const tuesday = addDays(state.monday, 1);
    await page.goto(
      `/free-days?followup=${state.followup.id}&users=${state.joao.id}&from=${state.monday}&to=${addDays(state.monday, 6)}`,
    );
    await page.getByRole('heading', { name: es('freeDays.title') }).waitFor();
    const monday = page.locator(`td[data-date="${state.monday}"]`);
    await monday.getByText(es('freeDays.partlyFree'), { exact: true }).waitFor();
    await page
      .locator(`td[data-date="${addDays(state.monday, 6)}"]`)
      .getByText(es('freeDays.off'), { exact: true })
      .waitFor();
    // The page does not scroll sideways; the grid does, inside its box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await shot(page, 'free-days-es');
    await page
      .getByRole('button', { name: es('freeDays.bookOn', { name: state.joao.name, date: esDate(tuesday) }) })
      .click();
    const dialog = page.getByRole('dialog', { name: es('appointments.new') });
    await dialog.getByRole('button', { name: es('appointments.book') }).click();
    await page.getByText(es('appointments.booked')).waitFor();
    await page.locator(`td[data-date="${tuesday}"]`).getByText(es('freeDays.partlyFree'), { exact: true }).waitFor();
    await context.close();
    assert.deepEqual(errors, []);
  });
});
