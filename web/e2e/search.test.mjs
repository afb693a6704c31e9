// End-to-end: searching as Brazilians and Mexicans type, in Debian's Chromium against a
// running `retorno serve` (environment: see journey.test.mjs and web/README.md). A
// party registered as "Açougue Cambuí" is found as "acougue cambui", by its phone
// digits and by its CNPJ without punctuation; a follow-up about an "orçamento da câmara"
// by "orcamento da camara"; and the calendar's "+" finds the party while its name is
// typed and links the new follow-up to it instead of registering a duplicate.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, apiSession, launch, openPage, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = {
  browser: null,
  user: { login: `busca${stamp}`, password: `busca-${stamp}-pass` },
  api: null,
  party: null,
  subject: `Orçamento da câmara fria ${stamp}`,
};

before(async () => {
  const admin = await apiSession(USERS.admin);
  await admin.post('/users', {
    login: state.user.login,
    name: `Bruna Busca ${stamp}`,
    password: state.user.password,
    role: 'agent',
    time_zone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    alert_on_login: false,
  });
  state.api = await apiSession(state.user);
  state.party = await state.api.post('/parties', {
    code: `BUS-${stamp}`,
    kind: 'customer',
    name: `Açougue Cambuí ${stamp}`,
    phone: '(11) 98765-4321',
    tax_id: '11.444.777/0001-61',
    contacts: [{ name: 'João Peña' }],
  });
  const me = await state.api.get('/me');
  state.today = me.today;
  const types = (await state.api.get('/contact-types')).items;
  const cats = (await state.api.get('/categories')).items;
  await state.api.post('/followups', {
    party_id: state.party.id,
    subject: state.subject,
    category: cats[0].code,
    next_action: { type: types[0].code, due_date: state.today },
  });
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
});

describe('search without accents', () => {
  test('the party search finds a party by its name without accents, its phone digits and its CNPJ', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.user);
    await page.goto('/parties');
    const search = async (q) => {
      await page.locator('#party-q').fill(q);
      await page.getByRole('button', { name: pt('parties.searchButton') }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === q);
      await page.getByRole('cell', { name: state.party.code }).waitFor();
    };
    await search(`acougue cambui ${stamp}`);
    await shot(page, '60-party-search-without-accents');
    await search(`AÇOUGUE CAMBUI ${stamp}`);
    await search(`BUS-${stamp}`.toLowerCase());
    await search('98765 4321');
    await search('11444777000161');
    await page.getByRole('cell', { name: state.party.code }).click();
    await page.waitForURL(new RegExp(`/parties/${state.party.id}$`));
    await page.getByText('11.444.777/0001-61').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the follow-up list finds "orçamento da câmara" typed without accents', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.user);
    await page.goto(`/followups?status=all&q=${encodeURIComponent(`orcamento da camara fria ${stamp}`)}`);
    await page.getByText(state.subject).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('"+" finds the party while its name is typed and links the follow-up to it', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.user);
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: pt('calendar.title') }).waitFor();
    await page.getByRole('button', { name: pt('opportunity.add'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: pt('opportunity.title') });
    await dialog.waitFor();
    const company = dialog.getByRole('combobox', { name: new RegExp(pt('opportunity.company')) });
    await company.pressSequentially(`acougue cambui ${stamp}`, { delay: 20 });
    const option = dialog
      .getByRole('listbox', { name: pt('opportunity.existing') })
      .getByRole('option', { name: new RegExp(state.party.code) });
    await option.waitFor();
    await shot(page, '61-opportunity-existing-party');
    await company.press('ArrowDown');
    await company.press('Enter');
    await dialog.getByText(pt('opportunity.linked', { code: state.party.code, name: state.party.name })).waitFor();
    const next = addDays(state.today, 4);
    await dialog.locator('#opp-next').fill(next);
    await dialog.locator('button[form=opportunity-form]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForURL(new RegExp(`/calendar/${next}$`));
    const list = await state.api.get(`/followups?party_id=${state.party.id}&status=all`);
    assert.equal(list.items.length, 2, 'the opportunity is a follow-up of the existing party');
    const prospects = await state.api.get(`/parties?kind=prospect&q=${encodeURIComponent(stamp)}`);
    assert.deepEqual(prospects.items, [], 'no duplicate prospect');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
