// End-to-end: reminders that arrive in the open app through Server-Sent Events
// (/api/v1/events), the notification panel with snooze, e-mail from a follow-up and the
// admin's e-mail screens, in Debian's Chromium against a running `retorno serve`
// (see journey.test.mjs and web/README.md for the environment).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, DESKTOP, launch, openPage, PHONE, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = {
  browser: null,
  agentApi: null,
  party: null,
  followupId: 0,
  subject: `E2E ${stamp} lembrete do compressor`,
  types: [],
  cats: [],
};

/** Closes the return alert dialog if the server raised one meanwhile ("Não"). */
async function dismissAlert(page) {
  const alert = page.getByRole('alertdialog');
  if (await alert.isVisible()) await alert.locator('.dialog-foot button').nth(1).click();
}

/** The unread count on the bell (0 when it shows none). */
async function bellCount(page) {
  const badge = page.getByTestId('notif-count');
  return (await badge.count()) ? Number((await badge.textContent()).trim()) : 0;
}

/** An RFC 3339 instant `ms` from now, in whole seconds. */
function instantIn(ms) {
  return new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

before(async () => {
  const admin = await apiSession(USERS.admin);
  const users = (await admin.get('/users')).items;
  const agent = users.find((u) => u.login === USERS.agent.login);
  assert.ok(agent, 'RETORNO_AGENT must exist');
  await admin.patch(`/users/${agent.id}`, { locale: 'pt-BR' });
  const settings = await admin.get('/settings');
  await admin.put('/settings', { ...settings, return_alerts_enabled: true });
  state.party = await admin.post('/parties', {
    code: `E2A-${stamp}`,
    kind: 'customer',
    name: `Mercado Central ${stamp}`,
    email: 'compras@mercadocentral.com.br',
    contacts: [{ name: 'Dona Marta', email: 'marta@mercadocentral.com.br' }],
  });
  state.agentApi = await apiSession(USERS.agent);
  state.types = (await state.agentApi.get('/contact-types')).items;
  state.cats = (await state.agentApi.get('/categories')).items;
  // Start from a quiet bell.
  await state.agentApi.post('/notifications/read-all');
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('reminders, alerts and e-mail', () => {
  test('a reminder due in a few seconds arrives in the open app (bell and panel), then is snoozed', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto('/agenda');
    await page.getByRole('heading', { level: 1, name: 'Meus retornos' }).waitFor();
    const bell = page.locator('button.notif-bell');
    await bell.waitFor();
    assert.equal(await page.getByTestId('notif-count').count(), 0, 'no unread notification at start');
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      window.__retornoE2E = 'same-page';
    });

    const me = await state.agentApi.get('/me');
    const created = await state.agentApi.post('/followups', {
      party_id: state.party.id,
      subject: state.subject,
      category: state.cats[0].code,
      contact: { name: 'Dona Marta', email: 'marta@mercadocentral.com.br' },
      next_action: { type: state.types[0].code, due_date: me.today, remind_at: instantIn(5_000) },
    });
    state.followupId = created.id;
    const planned = created.actions?.find((a) => a.status === 'planned');
    if (planned && 'remind_at' in planned) assert.ok(planned.remind_at, 'the return keeps its reminder instant');

    // Pushed by the server over /events: no reload, no navigation.
    await page.getByTestId('notif-count').waitFor({ timeout: 120_000 });
    const count = await bellCount(page);
    assert.ok(count >= 1);
    assert.equal(await bell.getAttribute('aria-label'), pt('notifications.bell', { count }));
    assert.equal(await page.evaluate(() => window.__retornoE2E), 'same-page', 'the page was not reloaded');

    await dismissAlert(page);
    await bell.click();
    const panel = page.getByRole('dialog', { name: pt('notifications.title') });
    await panel.waitFor();
    const item = panel.getByTestId('notif-item').filter({ hasText: state.subject });
    await item.waitFor();
    assert.match(await item.textContent(), new RegExp(pt('notifications.kind.reminder')));
    assert.match(await item.textContent(), new RegExp(`Mercado Central ${stamp}`));
    assert.equal(await item.getByRole('link').getAttribute('href'), `/followups/${state.followupId}`);
    await shot(page, '30-notifications');

    await item.getByRole('button', { name: pt('notifications.snooze') }).click();
    const menu = item.getByRole('menu');
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: pt('notifications.snoozeFor.15m') }).click();
    await item.getByText(pt('notifications.snoozedUntil', { when: '' }).trim()).waitFor();
    await page.waitForFunction(
      (label) => document.querySelector('button.notif-bell')?.getAttribute('aria-label') === label,
      pt('notifications.bell', { count: count - 1 }),
    );
    const list = await state.agentApi.get('/notifications?limit=50');
    const n = list.items.find((x) => x.followup_id === state.followupId);
    assert.ok(n, 'the server has the notification');
    assert.ok(n.snoozed_until && Date.parse(n.snoozed_until) > Date.now(), 'snoozed into the future');
    assert.equal(list.unread, count - 1);

    // Opening it goes to the follow-up.
    await item.getByRole('link').click();
    await page.waitForURL(new RegExp(`/followups/${state.followupId}$`));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the notification panel on a phone', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, USERS.agent);
    await dismissAlert(page);
    await page.locator('button.notif-bell').click();
    const panel = page.getByRole('dialog', { name: pt('notifications.title') });
    await panel.getByTestId('notif-item').first().waitFor();
    await shot(page, '30-notifications');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('send an e-mail from the follow-up and see it in its delivery log', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${state.followupId}`);
    await dismissAlert(page);
    const section = page.locator('section[aria-labelledby=sec-emails]');
    await section.getByRole('button', { name: pt('emails.send') }).click();
    const dialog = page.getByRole('dialog', { name: pt('emails.sendTitle') });
    await dialog.waitFor();
    assert.equal(await dialog.locator('#se-to').inputValue(), 'marta@mercadocentral.com.br');
    await dialog.locator('#se-subject').fill(`E2E ${stamp} orçamento`);
    await dialog.locator('#se-body').fill('Segue o orçamento combinado.');
    await shot(page, '32-send-email');
    await dialog.locator('button[form=send-email-form]').click();
    await dialog.waitFor({ state: 'detached' });
    await section
      .getByTestId('mail-item')
      .filter({ hasText: `E2E ${stamp} orçamento` })
      .waitFor();
    const emails = await state.agentApi.get(`/followups/${state.followupId}/emails`);
    assert.ok(emails.items.some((m) => m.subject.includes(`E2E ${stamp} orçamento`)));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the admin's e-mail screens, desktop and phone", async () => {
    for (const device of [DESKTOP, PHONE]) {
      const { context, page, errors } = await openPage(state.browser, device);
      await signIn(page, USERS.admin);
      await page.goto('/admin/mail');
      await page.locator('#smtp-host').waitFor();
      await page.getByRole('heading', { name: pt('mailAdmin.health') }).waitFor();
      await page.locator('section[aria-labelledby=mail-health-title] dl').waitFor();
      await page
        .locator('section[aria-labelledby=outbox-title] .mail-list, section[aria-labelledby=outbox-title] .empty')
        .first()
        .waitFor();
      await shot(page, '31-admin-mail');
      await page.goto('/admin/templates');
      await page.locator('#tpl-body').waitFor();
      await shot(page, '33-admin-templates');
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});
