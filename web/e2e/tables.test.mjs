// End-to-end: the tables the admin keeps (manual 001), in Debian's Chromium against a
// running `retorno serve` (see journey.test.mjs). The admin adds a contact type,
// names it in Spanish, moves it to the top and retires it; the new follow-up form then
// no longer offers it, and offers it again once it is brought back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, openPage, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, code: `fax_${stamp}`, name: `Fax ${stamp}` };

before(async () => {
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

/** Clicks a row control and waits for its change and the list read after it. */
async function act(page, button) {
  const listed = page.waitForResponse((r) => /\/contact-types\?/.test(r.url()) && r.request().method() === 'GET');
  await Promise.all([
    page.waitForResponse((r) => /\/contact-types\/\d+$/.test(r.url()) && r.request().method() === 'PATCH'),
    button.click(),
  ]);
  await listed;
  await page.waitForTimeout(100);
}

/** The codes the "Tp. contato" picker of the new follow-up form offers. */
async function offeredTypes(page) {
  await page.goto('/followups/new');
  const select = page.locator('#ff-next-type');
  await page.waitForFunction(() => document.querySelectorAll('#ff-next-type option').length > 1);
  return select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
}

describe('contact types are renamed, ordered and retired', () => {
  test('the admin keeps the table; the pickers follow', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto('/admin/contact-types');
    await page.locator('#code-code').fill(state.code);
    await page.locator('#code-name').fill(state.name);
    await page
      .locator('form')
      .getByRole('button', { name: pt('common.add'), exact: true })
      .click();
    const row = page.locator('tr', { hasText: state.code });
    await row.waitFor();

    // Its Spanish name.
    await page.getByRole('button', { name: pt('admin.rename', { name: state.name }) }).click();
    const es = page.locator('input[id$="-es"]');
    await es.fill(`Telefax ${stamp}`);
    await page.getByRole('button', { name: pt('common.save'), exact: true }).click();
    await page.getByText(pt('admin.saved')).waitFor();
    await row.getByText(`Telefax ${stamp}`).waitFor();

    // To the top, one step at a time.
    const up = page.getByRole('button', { name: pt('admin.moveUp', { name: state.name }) });
    for (let i = 0; i < 30 && (await up.isEnabled()); i++) await act(page, up);
    assert.match(await page.locator('tbody tr').first().textContent(), new RegExp(state.code));
    let types = await offeredTypes(page);
    assert.equal(types[0], state.code, 'first in the picker, as ordered');

    // Retired: listed as such in the admin screen, no longer offered.
    await page.goto('/admin/contact-types');
    await act(page, page.getByRole('button', { name: pt('admin.retire', { name: state.name }) }));
    await page.locator('tr', { hasText: state.code }).getByText(pt('admin.retired'), { exact: true }).waitFor();
    await shot(page, 'admin-contact-types');
    types = await offeredTypes(page);
    assert.ok(!types.includes(state.code), `retired type offered: ${types}`);
    assert.ok(types.length > 0);

    // Brought back: offered again.
    await page.goto('/admin/contact-types');
    await act(page, page.getByRole('button', { name: pt('admin.reactivate', { name: state.name }) }));
    await page.locator('tr', { hasText: state.code }).getByText(pt('admin.active'), { exact: true }).waitFor();
    types = await offeredTypes(page);
    assert.ok(types.includes(state.code));
    // Leave the shared table as the other suites expect it: the new type last.
    await page.goto('/admin/contact-types');
    const down = page.getByRole('button', { name: pt('admin.moveDown', { name: state.name }) });
    for (let i = 0; i < 30 && (await down.isEnabled()); i++) await act(page, down);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
