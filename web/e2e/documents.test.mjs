// End-to-end: products and services, sales documents, the CSV import and the automatic
// follow-up after a sale (manual 002), in Debian's Chromium against a running `retorno
// serve` (see journey.test.mjs and web/README.md for the environment). As admin: a
// catalogue product with "follow-up after 30 days" made in the admin screen; a CSV with
// two good sales (one with that product) and one bad line imported while the progress
// bar runs to 100 %; the sale's automatic follow-up, its origin and its document link;
// the follow-up under the Orders tab of its calendar day.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, launch, openPage, PHONE, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36).toUpperCase();
const state = {
  browser: null,
  admin: null,
  today: '',
  party: null,
  product: { code: `CMP-${stamp}`, name: `Compressor 1/2 HP ${stamp}`, subject: `Pós-venda do compressor ${stamp}` },
  other: { code: `FLT-${stamp}`, name: `Filtro secador ${stamp}` },
  sales: [`V${stamp}-1`, `V${stamp}-2`],
  bad: `V${stamp}-3`,
  saleId: 0,
  jobId: 0,
  followupId: 0,
  due: '',
};

/** "2026-11-23" -> "23/11/2026", the other date form the import accepts. */
const brDate = (d) => d.split('-').reverse().join('/');

function csv() {
  const { today, party, product, other, sales, bad } = state;
  const seller = USERS.admin.login;
  return [
    'kind,number,date,customer_code,status,completed_on,seller,item_code,quantity,description',
    `sale,${sales[0]},${today},${party.code},completed,${today},${seller},${product.code},1,${product.name}`,
    `sale,${sales[1]},${brDate(today)},${party.code},completed,${today},${seller},${other.code},2,${other.name}`,
    `sale,${bad},${today},NOPE-${stamp},completed,${today},${seller},${product.code},1,${product.name}`,
    '',
  ].join('\r\n');
}

before(async () => {
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  state.today = (await admin.get('/me')).today;
  const cats = (await admin.get('/categories')).items;
  const types = (await admin.get('/contact-types')).items;
  if (!cats.length) await admin.post('/categories', { code: 'pos_venda', name: 'Pós-venda' });
  if (!types.length) await admin.post('/contact-types', { code: 'phone', name: 'Telefone' });
  const category = (await admin.get('/categories')).items[0].code;
  const type = (await admin.get('/contact-types')).items[0].code;
  state.party = await admin.post('/parties', {
    code: `E2V-${stamp}`,
    kind: 'customer',
    name: `Mercearia São Jorge ${stamp}`,
    email: 'compras@merceariasaojorge.com.br',
    phone: '+55 19 3232-1111',
    contacts: [{ name: 'Dona Cida', phone: '+55 19 99111-2222', email: 'cida@merceariasaojorge.com.br' }],
  });
  // A second product, with no automatic follow-up.
  await admin.post('/catalog', {
    code: state.other.code,
    kind: 'product',
    name: state.other.name,
    active: true,
    followup_days: null,
    followup: { subject: 'Filtro', category, type, message: '' },
  });
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('catalogue, CSV import and the automatic follow-up after a sale', () => {
  test('the admin adds a product with a follow-up after 30 days', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.getByRole('link', { name: pt('nav.admin'), exact: true }).click();
    await page
      .locator('nav.subnav')
      .getByRole('link', { name: pt('admin.section.catalog'), exact: true })
      .click();
    await page.waitForURL(/\/admin\/catalog$/);
    await page.getByRole('heading', { name: pt('catalog.title') }).waitFor();
    await page
      .locator('.panel-head')
      .getByRole('button', { name: pt('common.add'), exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: pt('catalog.new') });
    await dialog.waitFor();
    await dialog.locator('#cat-code').fill(state.product.code);
    await dialog.locator('#cat-name').fill(state.product.name);
    await dialog.locator('#cat-days').fill('30');
    await dialog.locator('#cat-subject').fill(state.product.subject);
    await dialog.locator('#cat-message').fill('Olá , tudo certo com o compressor?');
    // The placeholder goes where the cursor is.
    await dialog.locator('#cat-message').evaluate((el) => el.setSelectionRange(4, 4));
    await dialog.locator('.chip', { hasText: '#{cliente}' }).first().click();
    assert.equal(await dialog.locator('#cat-message').inputValue(), 'Olá #{cliente}, tudo certo com o compressor?');
    await shot(page, '50-catalog');
    await dialog.locator('button[form=catalog-form]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(pt('catalog.saved', { name: state.product.name })).waitFor();
    const row = page.locator('tr', { hasText: state.product.code });
    await row.getByText(pt('catalog.afterDays', { count: 30 })).waitFor();

    const items = (await state.admin.get(`/catalog?q=${encodeURIComponent(state.product.code)}`)).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].followup_days, 30);
    assert.equal(items[0].followup.message, 'Olá #{cliente}, tudo certo com o compressor?');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a CSV with two good sales and a bad line: the progress bar reaches 100 % and the bad line is named', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.getByRole('link', { name: pt('nav.documents'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: pt('documents.title') }).waitFor();
    await page.getByRole('link', { name: pt('import.open'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: pt('import.title') }).waitFor();
    // The example to download is in the import's format.
    const example = await page.getByRole('link', { name: pt('import.download') }).getAttribute('href');
    assert.match(
      decodeURIComponent(example),
      /^data:text\/csv;charset=utf-8,kind,number,date,customer_code,status,completed_on,seller,item_code,quantity,description\r\n/,
    );

    await page
      .locator('#imp-file')
      .setInputFiles({ name: `vendas-${stamp}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv(), 'utf8') });
    // Every value the bar takes, to see it only moves forward.
    await page.evaluate(() => {
      window.__bar = [];
      new MutationObserver(() => {
        const v = document.querySelector('[role=progressbar][aria-valuenow]')?.getAttribute('aria-valuenow');
        if (v !== undefined && v !== null && window.__bar.at(-1) !== Number(v)) window.__bar.push(Number(v));
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.getByRole('button', { name: pt('import.send'), exact: true }).click();
    await page.waitForURL(/\/documents\/import\?id=\d+$/);
    const progress = page.locator('section[data-import]');
    await progress.locator('[role=progressbar][aria-valuenow="100"]').waitFor();
    const seen = await page.evaluate(() => window.__bar);
    assert.equal(seen.at(-1), 100);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      seen,
      `the bar only moves forward (${seen.join(', ')})`,
    );
    await progress.getByText(pt('import.status.done'), { exact: true }).waitFor();

    const stat = async (key) =>
      Number(
        await progress
          .locator('.stat', { has: page.getByText(pt(key), { exact: true }) })
          .locator('dd')
          .textContent(),
      );
    assert.equal(await stat('import.created'), 2);
    assert.equal(await stat('import.followupsCreated'), 1);
    assert.equal(await stat('import.errorLines'), 1);
    const errorRows = progress.getByRole('table', { name: pt('import.errorsTitle') }).locator('tbody tr');
    assert.equal(await errorRows.count(), 1);
    // Line 1 is the header: the bad sale is line 4.
    assert.equal((await errorRows.first().locator('td').first().textContent()).trim(), '4');
    assert.ok((await errorRows.first().locator('td').nth(2).textContent()).trim().length > 0, 'the error says why');
    await page
      .getByRole('table', { name: pt('import.recent') })
      .getByRole('link', { name: `vendas-${stamp}.csv` })
      .waitFor();
    await shot(page, '51-import');

    state.jobId = Number(new URL(page.url()).searchParams.get('id'));
    const job = await state.admin.get(`/imports/${state.jobId}`);
    assert.equal(job.status, 'done');
    assert.equal(job.documents_created, 2);
    assert.equal(job.error_lines, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the sale shows its automatic follow-up, which names its origin and links the sale', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto(`/documents?q=${encodeURIComponent(state.sales[0])}`);
    const saleName = pt('document.ref', { kind: pt('document.kind.sale'), number: state.sales[0] });
    await page
      .getByRole('link', {
        name: pt('documents.openDocument', { kind: pt('document.kind.sale'), number: state.sales[0] }),
      })
      .click();
    await page.waitForURL(/\/documents\/\d+$/);
    state.saleId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: new RegExp(saleName) }).waitFor();
    const items = page.getByRole('table', { name: pt('document.items') });
    await items.getByText(state.product.code).waitFor();
    const fus = page.getByRole('table', { name: pt('document.followups') });
    const fuRow = fus.locator('tbody tr', { hasText: state.product.subject });
    await fuRow.waitFor();
    await fuRow.getByText(pt('origin.after_sale'), { exact: true }).waitFor();
    assert.match(await fuRow.getAttribute('class'), /state-(open|today|overdue)/);
    await shot(page, '52-document');

    await fuRow.getByRole('link').click();
    await page.waitForURL(/\/followups\/\d+$/);
    state.followupId = Number(new URL(page.url()).pathname.split('/').pop());
    const subhead = page.locator('.subhead');
    await subhead.getByText(pt('origin.after_sale'), { exact: true }).waitFor();
    const docLink = subhead.getByRole('link', { name: saleName });
    assert.equal(await docLink.getAttribute('href'), `/documents/${state.saleId}`);

    const followup = await state.admin.get(`/followups/${state.followupId}`);
    assert.equal(followup.origin, 'after_sale');
    assert.equal(followup.document.id, state.saleId);
    assert.ok(followup.next_due_date > state.today, `the follow-up is due after the sale (${followup.next_due_date})`);
    state.due = followup.next_due_date;

    // "New follow-up from this document" opens the form with the party and the sale.
    await docLink.click();
    await page.waitForURL(new RegExp(`/documents/${state.saleId}$`));
    await page.getByRole('link', { name: pt('document.newFollowup') }).click();
    await page.waitForURL(/\/followups\/new\?/);
    await page.locator('#followup-form').getByRole('link', { name: saleName }).waitFor();
    await page.waitForFunction((name) => document.querySelector('#ff-party')?.value.endsWith(name), state.party.name);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the automatic follow-up is under the Orders tab of its calendar day', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto(`/calendar/${state.due}?scope=all`);
    const day = page.locator('section.calendar-day');
    const orders = day.getByRole('tab', { name: new RegExp(`^${pt('calendar.tab.orders')}`) });
    await orders.waitFor();
    await orders.click();
    assert.equal(await orders.getAttribute('aria-selected'), 'true');
    const card = day.getByRole('article', { name: state.product.subject });
    await card.waitFor();
    await card
      .getByRole('link', { name: pt('document.ref', { kind: pt('document.kind.sale'), number: state.sales[0] }) })
      .waitFor();
    // Not under Follow-ups.
    await day.getByRole('tab', { name: new RegExp(`^${pt('calendar.tab.followups')}`) }).click();
    assert.equal(await day.getByRole('article', { name: state.product.subject }).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the import and the sale on a phone', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, USERS.admin);
    const noOverflow = async (what) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (${overflow} px)`);
    };
    await page.goto(`/documents/import?id=${state.jobId}`);
    await page.locator('section[data-import] [role=progressbar][aria-valuenow="100"]').waitFor();
    await noOverflow('import');
    await shot(page, '51-import');
    await page.goto(`/documents/${state.saleId}`);
    await page.getByRole('table', { name: pt('document.followups') }).waitFor();
    await noOverflow('document');
    await shot(page, '52-document');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
