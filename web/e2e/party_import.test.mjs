// End-to-end: the CSV import of customers and contacts (manual 003, ADR 0046) in
// Debian's Chromium against a running `retorno serve`. A supervisor opens the import
// from the customers page, finds "Clientes e contatos" chosen beside the documents,
// downloads nothing but reads the example in Portuguese, sends a Windows-1252 file as
// Excel in Brazil saves it (';', accents, DD/MM/YYYY, "sim") with one bad line, follows
// the progress bar to 100 %, reads the summary and the bad line named by line and
// column, and finds the customer with its contacts. Then the same page on a phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, launch, openPage, PHONE, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36).toUpperCase();
const state = { browser: null, supervisor: null, jobId: 0, codes: [`CLI-${stamp}-1`, `CLI-${stamp}-2`] };

function csv() {
  const [c1, c2] = state.codes;
  return [
    'codigo;tipo;nome;cpf_cnpj;telefone;whatsapp;nascimento;contato;email_contato',
    `${c1};cliente;Açougue São João ${stamp};;(19) 3232-1111;sim;;Conceição Araújo;conceicao@acougue.com.br`,
    `${c1};cliente;Açougue São João ${stamp};;;;;José Estêvão;`,
    `${c2};prospect;Padaria Pão Quente ${stamp};;;;20/07/1990;;`,
    `CLI-${stamp}-3;socio;Tipo errado;;;;;;`,
    '',
  ].join('\r\n');
}

before(async () => {
  state.supervisor = await apiSession(USERS.supervisor);
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('import of customers and contacts', () => {
  test('a Windows-1252 file: progress to 100 %, the summary, the bad line named', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    await page.goto('/parties');
    await page.getByRole('heading', { level: 1, name: pt('parties.title') }).waitFor();
    await page.getByRole('link', { name: pt('import.open'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: pt('partyImport.title') }).waitFor();
    assert.equal(await page.getByRole('radio', { name: pt('partyImport.kind.parties') }).isChecked(), true);
    assert.equal(await page.getByRole('radio', { name: pt('partyImport.kind.documents') }).isChecked(), false);
    // The example: Portuguese headers and values, ';'.
    const example = decodeURIComponent(
      await page.getByRole('link', { name: pt('import.download') }).getAttribute('href'),
    );
    assert.match(example, /^data:text\/csv;charset=utf-8,\uFEFFcodigo;tipo;nome;cpf_cnpj;/);

    await page
      .locator('#imp-file')
      .setInputFiles({ name: `clientes-${stamp}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv(), 'latin1') });
    await page.getByRole('button', { name: pt('import.send'), exact: true }).click();
    await page.waitForURL(/\/documents\/import\?kind=parties&id=\d+$/);
    state.jobId = Number(new URL(page.url()).searchParams.get('id'));
    const progress = page.locator('section[data-import]');
    await progress.locator('[role=progressbar][aria-valuenow="100"]').waitFor();
    await progress.getByText(pt('import.status.done'), { exact: true }).waitFor();
    const stat = async (key) =>
      Number(
        await progress
          .locator('.stat', { has: page.getByText(pt(key), { exact: true }) })
          .locator('dd')
          .textContent(),
      );
    assert.equal(await stat('partyImport.created'), 2);
    assert.equal(await stat('partyImport.updated'), 1);
    assert.equal(await stat('partyImport.contactsCreated'), 2);
    assert.equal(await stat('import.errorLines'), 1);
    const errorRows = progress.getByRole('table', { name: pt('import.errorsTitle') }).locator('tbody tr');
    assert.equal(await errorRows.count(), 1);
    assert.deepEqual(
      (await errorRows.first().locator('td').allTextContents()).map((s) => s.trim()),
      ['5', 'tipo', 'Valor inválido.'],
    );
    await shot(page, '53-party-import');

    // The customer arrived with its accents and both contacts.
    await progress.getByRole('link', { name: pt('partyImport.seeParties') }).waitFor();
    const found = (await state.supervisor.get(`/parties?q=${encodeURIComponent(state.codes[0])}`)).items;
    assert.equal(found.length, 1);
    assert.equal(found[0].name, `Açougue São João ${stamp}`);
    const party = await state.supervisor.get(`/parties/${found[0].id}`);
    assert.deepEqual(
      party.contacts.map((c) => c.name),
      ['Conceição Araújo', 'José Estêvão'],
    );
    assert.equal(party.whatsapp, '(19) 3232-1111');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the import of customers on a phone', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE);
    await signIn(page, USERS.supervisor);
    await page.goto(`/documents/import?kind=parties&id=${state.jobId}`);
    await page.locator('section[data-import] [role=progressbar][aria-valuenow="100"]').waitFor();
    await page.getByRole('radio', { name: pt('partyImport.kind.parties') }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 360 px (${overflow} px)`);
    // The choice between the two imports is big enough to touch.
    const box = await page.getByText(pt('partyImport.kind.documents'), { exact: true }).boundingBox();
    assert.ok(box && box.height >= 20, `the option is readable (${box?.height} px)`);
    await shot(page, '54-party-import-phone');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
