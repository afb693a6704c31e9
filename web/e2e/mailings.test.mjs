// End-to-end: "Envio para clientes" (manual 003, ADR 0048). An admin opens the mailings
// page from the menu, selects the customers of a fresh branch, counts them, unpicks one,
// reads the placeholders, writes the message with one, attaches a PDF, sends, and
// follows the progress bar to the end with the results by status; the person without
// an address is held with "email" missing. Then the page on a phone.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PHONE, USERS, apiSession, launch, openPage, pt, requireEnv, samplePdf, shot, signIn } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, branch: null, parties: [] };

before(async () => {
  state.browser = await launch();
  const admin = await apiSession(USERS.admin);
  state.branch = await admin.post('/branches', { name: `Mala ${stamp}` });
  for (const [i, email] of ['a@cliente.com.br', 'b@cliente.com.br', ''].entries())
    state.parties.push(
      await admin.post('/parties', {
        code: `MD-${stamp}-${i}`,
        kind: 'customer',
        name: `Cliente ${i} ${stamp}`,
        email,
        branch_id: state.branch.id,
      }),
    );
});
after(async () => {
  await state.browser?.close();
});

describe('mailings to selected customers', () => {
  test('select, count, unpick, write with a placeholder, attach, send and follow the progress', async () => {
    const { page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page
      .getByRole('link', { name: pt('nav.mailings') })
      .first()
      .click();
    await page.getByRole('heading', { name: pt('mailings.title'), level: 1 }).waitFor();
    await page.getByLabel(pt('mailings.branch')).selectOption(String(state.branch.id));
    await page.getByRole('button', { name: pt('mailings.count') }).click();
    await page.getByText(pt('mailings.recipients', { count: 3 })).waitFor();
    // Unpick the second person.
    await page.locator('label', { hasText: `Cliente 1 ${stamp}` }).click();
    await page.getByText(pt('mailings.recipients', { count: 2 })).waitFor();
    await page.getByRole('button', { name: pt('mailings.variables') }).click();
    await page.getByLabel(pt('mailings.subject')).fill('Reajuste de preços');
    await page.getByLabel(pt('mailings.body')).fill('Olá ');
    await page.getByRole('button', { name: /#\{cliente\}/ }).click();
    assert.equal(await page.getByLabel(pt('mailings.body')).inputValue(), 'Olá #{cliente}');
    const dir = mkdtempSync(join(tmpdir(), 'retorno-e2e-'));
    const pdf = join(dir, 'reajuste.pdf');
    writeFileSync(pdf, samplePdf());
    await page.getByLabel(pt('mailings.attachments')).setInputFiles(pdf);
    await page.getByRole('button', { name: pt('mailings.send') }).click();
    await page.getByText(pt('mailings.progress', { done: 2, total: 2 })).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('progress').first().getAttribute('value'), '100');
    await page.getByText(pt('mailings.missing', { names: 'email' }), { exact: false }).waitFor({ timeout: 30_000 });
    await shot(page, 'mailings');
    assert.deepEqual(errors, []);
  });

  test('the page on a phone never scrolls sideways', async () => {
    const { page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, USERS.admin);
    await page.goto('/mailings');
    await page.getByRole('heading', { name: pt('mailings.title'), level: 1 }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
    await shot(page, 'mailings');
    assert.deepEqual(errors, []);
  });
});
