// End-to-end: quotes, orders and sales made from a follow-up (manual 001, manual 003,
// ADR 0042), in Debian's Chromium against a running `retorno serve` (see journey.test.mjs
// and web/README.md for the environment). An agent, on their customer's follow-up, makes
// a quote with two items, a line discount and a document discount, sees the total on
// screen as the server saves it, converts the quote into an order and the order into a
// sale and sees the chain; a second sale on the follow-up is marked as an excess sale.
// A supplier's follow-up has no buttons. On a closed follow-up the agent cancels its sales
// order (what reopening asks for first). A Mexican agent (es, Mexico City, the company
// in MXN) makes a quote on a phone (375×740).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiSession,
  ES,
  launch,
  MEXICO_CITY,
  mexicanAgent,
  openPage,
  pt,
  requireEnv,
  shot,
  signIn,
  USERS,
} from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36).toUpperCase();
const state = { browser: null, admin: null, settings: null };
const PHONE_375 = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** Intl writes a narrow no-break space in some currencies; the test reads plain spaces. */
const plain = (s) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

async function followupOf(user, party, subject) {
  const s = await apiSession(user);
  const today = (await s.get('/me')).today;
  return s.post('/followups', {
    party_id: party.id,
    subject,
    category: state.category,
    priority: 'medium',
    contact: { name: 'Dona Cida', email: 'cida@example.com', phone: '', whatsapp: '' },
    next_action: { type: state.type, due_date: today },
  });
}

before(async () => {
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  if (!(await admin.get('/categories')).items.length)
    await admin.post('/categories', { code: 'pos_venda', name: 'Pós-venda' });
  if (!(await admin.get('/contact-types')).items.length)
    await admin.post('/contact-types', { code: 'phone', name: 'Telefone' });
  state.category = (await admin.get('/categories')).items[0].code;
  state.type = (await admin.get('/contact-types')).items[0].code;
  state.customer = await admin.post('/parties', {
    code: `E2D-${stamp}`,
    kind: 'customer',
    name: `Padaria Pão Quente ${stamp}`,
  });
  state.supplier = await admin.post('/parties', {
    code: `E2S-${stamp}`,
    kind: 'supplier',
    name: `Distribuidora Fornece ${stamp}`,
  });
  state.settings = await admin.get('/settings');
  state.browser = await launch();
});

after(async () => {
  if (state.settings) await state.admin.put('/settings', state.settings);
  await state.browser?.close();
});

/** Fills the editor's row `n` (0-based). */
async function fillRow(page, n, { code, description, quantity, price, discount }) {
  const row = page.locator('.fdoc-row').nth(n);
  await row.locator('[id$="-code"]').fill(code);
  if (description) await row.locator('[id$="-description"]').fill(description);
  if (quantity) await row.locator('[id$="-quantity"]').fill(quantity);
  await row.locator('[id$="-price"]').fill(price);
  if (discount) await row.locator('[id$="-discount"]').fill(discount);
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Saves the editor and waits for the follow-up page with its documents panel. */
async function save(page, T) {
  await Promise.all([
    page.waitForResponse((r) => /\/followups\/\d+\/documents$/.test(r.url()) && r.request().method() === 'POST'),
    page.locator('.form-actions').getByRole('button', { name: T['common.save'], exact: true }).click(),
  ]);
  await page.waitForURL(/\/followups\/\d+\?document=\d+$/);
  await page.locator('.followup-docs tr.followup-doc').first().waitFor();
}

/** Confirms a conversion in the panel and waits for the server's answer and the new row. */
async function convert(page, rowText, next, count) {
  const row = page.locator('.followup-docs tr.followup-doc', { hasText: rowText });
  await row.getByRole('button', { name: pt('fdoc.convertTo', { kind: pt(`document.kind.${next}`) }) }).click();
  const dialog = page.getByRole('alertdialog');
  await Promise.all([
    page.waitForResponse((r) => /\/documents\/\d+\/convert$/.test(r.url())),
    dialog.getByRole('button', { name: pt('fdoc.convert'), exact: true }).click(),
  ]);
  await page
    .locator('.followup-docs tr.followup-doc')
    .nth(count - 1)
    .waitFor();
  return page.locator('.followup-docs tr.followup-doc').nth(count - 1);
}

describe('documents from a follow-up', () => {
  test('an agent makes a quote with two items and discounts, converts it into an order and a sale; a second sale is an excess sale', async () => {
    const f = await followupOf(USERS.agent, state.customer, `Orçamento de filtros ${stamp}`);
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${f.id}`);
    const panel = page.locator('.followup-docs');
    await panel.getByText(pt('fdoc.empty')).waitFor();
    await panel.getByRole('link', { name: pt('document.kind.quote'), exact: true }).click();
    await page
      .getByRole('heading', { name: `${pt('document.kind.quote')} — ${pt('followup.title', { id: f.id })}` })
      .waitFor();

    await fillRow(page, 0, {
      code: `FILTRO-${stamp}`,
      description: 'Filtro de água',
      quantity: '2',
      price: '150,00',
      discount: '10',
    });
    // The line's total shows while typing: 2 × 150,00 less 10 %.
    assert.equal(plain(await page.locator('.fdoc-row').first().locator('output').textContent()), 'R$ 270,00');
    await page.getByRole('button', { name: pt('document.addItem') }).click();
    await fillRow(page, 1, { code: `INST-${stamp}`, description: 'Instalação', price: '49,90' });
    await page.locator('#fdoc-discount').fill('9,90');
    assert.equal(plain(await page.locator('#fdoc-subtotal').textContent()), 'R$ 319,90');
    assert.equal(plain(await page.locator('#fdoc-total').textContent()), 'R$ 310,00');
    await shot(page, 'fdoc-editor');

    // Leaving with unsaved edits asks first; dismissing keeps the editor.
    page.once('dialog', (d) => {
      assert.equal(d.message(), pt('unsaved.confirm'));
      void d.dismiss();
    });
    await page
      .locator('.form-actions')
      .getByRole('link', { name: pt('fdoc.backToFollowup') })
      .click();
    assert.match(page.url(), /\/documents\/new\/quote$/);

    await save(page, { 'common.save': pt('common.save') });
    const quoteRow = panel.locator('tr.followup-doc').first();
    const quoteNumber = (await quoteRow.locator('a.code').textContent()).trim();
    assert.match(quoteNumber, /^RT-\d{6}$/);
    assert.equal(plain(await quoteRow.locator('.doc-total').textContent()), 'R$ 310,00');
    await panel.getByText(pt('fdoc.made', { name: `${pt('document.kind.quote')} nº ${quoteNumber}` })).waitFor();
    // The server saved the total the editor showed.
    const saved = (await state.admin.get(`/followups/${f.id}/documents`)).items;
    assert.deepEqual(
      saved.map((d) => [d.kind, d.total, d.discount]),
      [['quote', 31000, 990]],
    );

    const orderRow = await convert(page, quoteNumber, 'sales_order', 2);
    const orderNumber = (await orderRow.locator('a.code').textContent()).trim();
    assert.match(
      plain(await orderRow.textContent()),
      new RegExp(escape(pt('fdoc.from', { name: `${pt('document.kind.quote')} nº ${quoteNumber}` }))),
    );
    const saleRow = await convert(page, orderNumber, 'sale', 3);
    const saleText = plain(await saleRow.textContent());
    assert.ok(
      saleText.includes(pt('fdoc.from', { name: `${pt('document.kind.sales_order')} nº ${orderNumber}` })),
      saleText,
    );
    assert.ok(saleText.includes('R$ 310,00'), saleText);
    assert.ok(!saleText.includes(pt('fdoc.excess')), saleText);
    // Each source is completed and offers no conversion any more.
    await panel.locator('tr.followup-doc').first().getByText(pt('document.status.completed')).waitFor();
    assert.equal(await panel.locator('tr.followup-doc').first().getByRole('button').count(), 0);
    // The timeline shows each step.
    const history = page.locator('section[aria-labelledby="sec-history"]');
    await history
      .getByText(new RegExp(`${escape(pt('document.kind.sales_order'))} ${orderNumber} convertido\\(a\\) em Venda`))
      .waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'fdoc-chain');

    // A second sale on the same follow-up: an excess sale, a contract of its own.
    await panel.getByRole('link', { name: pt('document.kind.sale'), exact: true }).click();
    await fillRow(page, 0, { code: `VELA-${stamp}`, description: 'Vela extra', quantity: '3', price: '35' });
    assert.equal(plain(await page.locator('#fdoc-total').textContent()), 'R$ 105,00');
    await save(page, { 'common.save': pt('common.save') });
    const excessRow = panel.locator('tr.followup-doc').nth(3);
    await excessRow.getByText(pt('fdoc.excess')).waitFor();
    assert.equal(plain(await excessRow.locator('.doc-total').textContent()), 'R$ 105,00');
    const docs = (await state.admin.get(`/followups/${f.id}/documents`)).items;
    assert.deepEqual(
      docs.map((d) => [d.kind, d.billing]),
      [
        ['quote', 'regular'],
        ['sales_order', 'regular'],
        ['sale', 'regular'],
        ['sale', 'excess'],
      ],
    );
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'fdoc-excess');

    // The sale's page shows its items, prices and totals.
    await saleRow.locator('a.code').click();
    await page.locator('.doc-totals').waitFor();
    assert.match(plain(await page.locator('.doc-totals').textContent()), /R\$ 319,90.*R\$ 9,90.*R\$ 310,00/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a supplier's follow-up has no buttons", async () => {
    const f = await followupOf(USERS.agent, state.supplier, `Compra de insumos ${stamp}`);
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${f.id}`);
    const panel = page.locator('.followup-docs');
    await panel.getByText(pt('fdoc.empty')).waitFor();
    assert.equal(await panel.getByRole('group').count(), 0);
    assert.equal(await panel.getByRole('link', { name: pt('document.kind.quote'), exact: true }).count(), 0);
    // Typed by hand, the editor's address gets the server's refusal, in words.
    await page.goto(`/followups/${f.id}/documents/new/quote`);
    await fillRow(page, 0, { code: `X-${stamp}`, description: 'Item', price: '10' });
    await page
      .locator('.form-actions')
      .getByRole('button', { name: pt('common.save'), exact: true })
      .click();
    await page.getByText(pt('problem.supplier_document')).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a closed follow-up the agent cancels its sales order after a confirmation, so that it may be reopened', async () => {
    const f = await followupOf(USERS.agent, state.customer, `Pedido a cancelar ${stamp}`);
    const api = await apiSession(USERS.agent);
    const order = await api.post(`/followups/${f.id}/documents`, {
      kind: 'sales_order',
      items: [{ item_code: `P-${stamp}`, description: 'Peça', unit_price: 1000 }],
    });
    await api.post(`/followups/${f.id}/close`, { result: 'Pedido feito.' });
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${f.id}`);
    const panel = page.locator('.followup-docs');
    const row = panel.locator('tr.followup-doc', { hasText: order.number });
    await row.waitFor();
    // Closed: nothing is made or converted any more, but the order can be cancelled.
    assert.equal(await panel.getByRole('group').count(), 0);
    assert.equal(await row.getByRole('button', { name: /Converter/ }).count(), 0);
    const name = `${pt('document.kind.sales_order')} nº ${order.number}`;
    await row.getByRole('button', { name: `${pt('fdoc.cancel')} ${name}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(pt('fdoc.cancelText')).waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/documents/${order.id}/cancel`)),
      dialog.getByRole('button', { name: pt('document.cancel'), exact: true }).click(),
    ]);
    await row.getByText(pt('document.status.cancelled')).waitFor();
    await page.getByText(pt('fdoc.cancelledNotice', { name })).waitFor();
    await page
      .locator('section[aria-labelledby="sec-history"]')
      .getByText(`${pt('document.kind.sales_order')} ${order.number} cancelado`, { exact: false })
      .waitFor();
    const [after] = (await state.admin.get(`/followups/${f.id}/documents`)).items;
    assert.equal(after.status, 'cancelled');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a Mexican agent, the company in MXN, makes a quote on a phone (375×740) in Spanish', async () => {
    await state.admin.put('/settings', { ...state.settings, currency: 'MXN' });
    const branchId = (await state.admin.get('/branches')).items[0].id;
    const user = await mexicanAgent(state.admin, {
      login: `e2d-mx-${stamp.toLowerCase()}`,
      password: 'ponte-azul-2026',
      name: 'Lucía Ramírez',
      branchId,
    });
    const f = await followupOf(user, state.customer, `Cotización de filtros ${stamp}`);
    const { context, page, errors } = await openPage(state.browser, PHONE_375, MEXICO_CITY);
    await signIn(page, user);
    await page.goto(`/followups/${f.id}`);
    const panel = page.locator('.followup-docs');
    await panel.getByRole('link', { name: ES['document.kind.quote'], exact: true }).click();
    await page
      .getByRole('heading', { name: `${ES['document.kind.quote']} — ${ES['followup.title'].replace('{id}', f.id)}` })
      .waitFor();
    await fillRow(page, 0, {
      code: `FILTRO-${stamp}`,
      description: 'Filtro de agua',
      quantity: '1.5',
      price: '1,234.50',
      discount: '10',
    });
    // 1.5 × 1,234.50 = 1,851.75; less 10 % (185.18) = 1,666.57.
    // As Mexicans write pesos, not Spain's "1666,57 MXN".
    const expected = '$1,666.57';
    assert.equal(plain(await page.locator('#fdoc-total').textContent()), expected);
    // Nothing of the editor is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the editor overflows by ${overflow}px`);
    const box = await page.locator('#fdoc-total').boundingBox();
    assert.ok(box && box.x + box.width <= 375, JSON.stringify(box));
    await shot(page, 'fdoc-editor-es');
    await save(page, { 'common.save': ES['common.save'] });
    const row = panel.locator('tr.followup-doc').first();
    assert.equal(plain(await row.locator('.doc-total').textContent()), plain(expected));
    await row.getByText(ES['document.status.open']).waitFor();
    const [doc] = (await state.admin.get(`/followups/${f.id}/documents`)).items;
    assert.deepEqual([doc.currency, doc.total], ['MXN', 166657]);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'fdoc-panel-es');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
