// End-to-end: bulk changes with a reason (ADR 0034), in Debian's Chromium against a
// running `retorno serve` (see journey.test.mjs). A supervisor of Campinas filters the
// follow-up list, picks three of an agent's follow-ups, reassigns them to herself with a
// reason, and sees the new owner on the rows and the reason on a timeline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, launch, openPage, PHONE, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, followups: [] };

before(async () => {
  state.browser = await launch();
  const api = await apiSession(USERS.agent);
  const me = await api.get('/me');
  const party = await api.post('/parties', { code: `RB-${stamp}`, kind: 'customer', name: `Cliente lote ${stamp}` });
  for (let i = 1; i <= 3; i++) {
    state.followups.push(
      await api.post('/followups', {
        party_id: party.id,
        subject: `Lote ${stamp} ${i}`,
        category: 'pos_venda',
        priority: 'medium',
        next_action: { type: 'phone', due_date: me.today },
      }),
    );
  }
});

after(async () => {
  await state.browser?.close();
});

describe('bulk changes', () => {
  test('a supervisor picks three follow-ups and reassigns them with a reason', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    await page.goto(`${new URL(page.url()).origin}/followups?status=open&q=${encodeURIComponent(`Lote ${stamp}`)}`);
    for (const f of state.followups)
      await page.getByRole('checkbox', { name: pt('bulk.pick', { id: f.id, subject: f.subject }) }).check();
    const bar = page.getByRole('region', { name: pt('bulk.bar') });
    await bar.getByText(pt('bulk.picked', { count: 3 })).waitFor();
    await bar.getByRole('button', { name: pt('bulk.action.reassign') }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(pt('bulk.toUser')).selectOption({ label: 'Carla Supervisora' });
    await dialog.getByLabel(pt('bulk.reason')).fill('Férias do João');
    await shot(page, 'bulk-dialog');
    await dialog.getByRole('button', { name: pt('bulk.action.reassign') }).click();
    await dialog.getByText(pt('bulk.applied', { count: 3 })).waitFor();
    await dialog
      .getByRole('button', { name: pt('common.close') })
      .last()
      .click();

    // The list is read again: the three rows now show the new owner.
    for (const f of state.followups) {
      const row = page.getByRole('row').filter({ hasText: f.subject });
      await row.getByText('Carla Supervisora').waitFor();
    }
    await shot(page, 'bulk-reassigned');

    // The reason is on each timeline.
    await page.goto(`${new URL(page.url()).origin}/followups/${state.followups[0].id}`);
    await page.getByText('Férias do João').first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a phone the bar and the dialog fit the screen', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, USERS.supervisor);
    await page.goto(`${new URL(page.url()).origin}/followups?status=open&q=${encodeURIComponent(`Lote ${stamp}`)}`);
    const f = state.followups[0];
    await page.getByRole('checkbox', { name: pt('bulk.pick', { id: f.id, subject: f.subject }) }).check();
    const bar = page.getByRole('region', { name: pt('bulk.bar') });
    await bar.getByRole('button', { name: pt('bulk.action.move') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(pt('bulk.reason')).waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box && box.width <= 360 && box.x >= 0, `dialog within the phone's width: ${JSON.stringify(box)}`);
    await shot(page, 'bulk-phone');
    await dialog.getByRole('button', { name: pt('common.cancel') }).click();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
