// End-to-end: proposals and visit sheets (manual 003, ADR 0047). An admin writes a layout
// with a script in it and is told what was removed; an agent opens a follow-up with a
// quote, consults the variables, is told which value is missing, makes the proposal,
// opens its PDF (a real PDF, the bytes the e-mail carries) and sends it; the visit sheet
// prints from its own layout.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USERS, addDays, apiSession, launch, openPage, pt, requireEnv, shot, signIn } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, followup: null, today: null };

before(async () => {
  state.browser = await launch();
  const admin = await apiSession(USERS.admin);
  const agent = await apiSession(USERS.agent);
  state.today = (await agent.get('/me')).today;
  const party = await admin.post('/parties', {
    code: `PR-${stamp}`,
    kind: 'customer',
    name: `Oficina São Jorge ${stamp}`,
    email: 'compras@saojorge.com.br',
  });
  state.followup = await agent.post('/followups', {
    party_id: party.id,
    subject: `Proposta de compressor ${stamp}`,
    category: 'pos_venda',
    priority: 'medium',
    next_action: { type: 'phone', due_date: addDays(state.today, 3) },
  });
  await agent.post(`/followups/${state.followup.id}/documents`, {
    kind: 'quote',
    items: [{ item_code: 'CMP-10', description: 'Compressor de ar', quantity: 1, unit_price: 250000 }],
  });
  await admin.post('/proposal-templates', {
    name: `Ficha ${stamp}`,
    kind: 'visit_sheet',
    html: '<h2>Ficha de visita</h2><p>#{cliente}</p>',
  });
});

after(async () => {
  await state.browser?.close();
});

describe('proposals', () => {
  test('an admin writes a layout and is told what was removed', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto('/admin/proposal-templates');
    await page.getByLabel(pt('proposals.name')).fill(`Proposta ${stamp}`);
    await page
      .getByLabel(pt('proposals.html'))
      .fill(
        '<h1>Proposta para #{cliente}</h1><p onclick="x()">#{itens}</p><p>Total: #{total}</p><p>Válida até #{validade}</p><script>alert(1)</script>',
      );
    await page.getByRole('button', { name: pt('proposals.save') }).click();
    await page.getByText(pt('proposals.savedRemoved', { what: 'onclick, script' })).waitFor();
    await shot(page, 'proposal-layout');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an agent makes a proposal from the quote, opens its PDF and sends it', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${state.followup.id}`);
    const panel = page.getByRole('region', { name: pt('proposals.title') });
    await panel.getByRole('button', { name: pt('proposals.open') }).click();
    await panel.getByRole('button', { name: pt('proposals.variables') }).click();
    await panel.getByText('#{validade}').waitFor();
    await panel
      .getByLabel(pt('proposals.layout'))
      .first()
      .selectOption({ label: `Proposta ${stamp}` });
    await panel.getByLabel(pt('proposals.document')).selectOption({ index: 1 });
    await panel.getByRole('button', { name: pt('proposals.make') }).click();
    // No validity given: the layout's #{validade} has no value, and nothing is made.
    await panel.getByText('#{validade}', { exact: false }).nth(1).waitFor();
    await panel.getByLabel(pt('proposals.validUntil')).fill(addDays(state.today, 30));
    await panel.getByRole('button', { name: pt('proposals.make') }).click();
    const link = panel.getByRole('link', { name: pt('proposals.pdf') }).first();
    await link.waitFor();
    const pdf = await page.request.get(await link.getAttribute('href'));
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'], /application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await panel
      .getByRole('button', { name: pt('proposals.send') })
      .first()
      .click();
    await page.getByText(pt('proposals.queued', { to: 'compras@saojorge.com.br' })).waitFor();
    const sheet = panel.getByRole('link', { name: pt('proposals.print') });
    const printed = await page.request.get(await sheet.getAttribute('href'));
    assert.equal(printed.status(), 200);
    await shot(page, 'proposals-panel');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
