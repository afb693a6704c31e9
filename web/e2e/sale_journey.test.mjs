// End-to-end: one seller's journey on one follow-up, in Debian's Chromium against a
// running `retorno serve` (see tests/e2e/run.sh). A Brazilian agent opens a customer's
// follow-up, makes a quote ("Orçamento") with two items and a discount and sees it on the
// follow-up; on a phone (390×844) makes a proposal from a layout and that quote, previews
// its PDF (read with pdftotext: the customer and the total), sends it, and a real SMTP
// server receives the same PDF bytes for the contact; the history shows the e-mail. On
// the same follow-up the agent opens "Dias livres" over a week, sees a busy day, books a
// free one, and booking on the busy day warns of the clash first (undone). The branch's
// supervisor reads the same week for the agent and a colleague. Then a Mexican agent
// (es, Mexico City, the company in MXN) does quote → proposal → send in Spanish.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addDays,
  apiSession,
  DESKTOP,
  ES,
  launch,
  MEXICO_CITY,
  mexicanAgent,
  openPage,
  pdfWords,
  pt,
  ptDate,
  requireEnv,
  shot,
  signIn,
  startSmtpSink,
  USERS,
} from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const PHONE_390 = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** Intl writes a narrow no-break space in some currencies; the test reads plain spaces. */
const plain = (s) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const es = (key, params = {}) => ES[key].replace(/\{(\w+)\}/g, (_, n) => String(params[n]));
const state = { browser: null, admin: null, agent: null, sink: null, settings: null, smtp: null };

/** The Monday after `date` (never `date` itself): a working week in the future. */
function nextMonday(date) {
  let d = addDays(date, 1);
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
}

/**
 * The agent is shared with the other browser tests, which book days of their own: the
 * journey takes the first week whose Monday and Tuesday the agent still has free.
 */
async function freeWeek(agent, userId, today) {
  let monday = nextMonday(today);
  for (let week = 0; week < 26; week += 1, monday = addDays(monday, 7)) {
    const { items } = await agent.get(`/free-days?users=${userId}&from=${monday}&to=${addDays(monday, 1)}`);
    if (items[0].days.every((d) => d.availability === 'free')) return monday;
  }
  throw new Error('the agent has no free Monday and Tuesday in half a year');
}

/** Fills the quote editor's row `n` (0-based). */
async function fillRow(page, n, { code, description, quantity, price, discount }) {
  const row = page.locator('.fdoc-row').nth(n);
  await row.locator('[id$="-code"]').fill(code);
  await row.locator('[id$="-description"]').fill(description);
  if (quantity) await row.locator('[id$="-quantity"]').fill(quantity);
  await row.locator('[id$="-price"]').fill(price);
  if (discount) await row.locator('[id$="-discount"]').fill(discount);
}

/** Saves the quote editor and waits for the follow-up page with the quote on it. */
async function saveQuote(page, saveLabel) {
  await Promise.all([
    page.waitForResponse((r) => /\/followups\/\d+\/documents$/.test(r.url()) && r.request().method() === 'POST'),
    page.locator('.form-actions').getByRole('button', { name: saveLabel, exact: true }).click(),
  ]);
  await page.waitForURL(/\/followups\/\d+\?document=\d+$/);
  const row = page.locator('.followup-docs tr.followup-doc').first();
  await row.waitFor();
  return row;
}

/** Fetches a link's target from inside the page (its session cookie), as the preview does. */
async function fetchFromPage(page, href) {
  const got = await page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await r.arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return { status: r.status, type: r.headers.get('content-type'), base64: btoa(bin) };
  }, href);
  return { ...got, bytes: Buffer.from(got.base64, 'base64') };
}

/** Makes the proposal in the open panel, previews its PDF, sends it; returns what was seen. */
async function proposeAndSend(page, { T, layout, quoteNumber, validUntil, to }) {
  const panel = page.getByRole('region', { name: T('proposals.title') });
  await panel.getByRole('button', { name: T('proposals.open') }).click();
  await panel.getByLabel(T('proposals.layout')).first().selectOption({ label: layout });
  await panel.getByLabel(T('proposals.document')).selectOption({ label: quoteNumber });
  await panel.getByLabel(T('proposals.validUntil')).fill(validUntil);
  await panel.getByRole('button', { name: T('proposals.make') }).click();
  const preview = panel.getByRole('link', { name: T('proposals.pdf') }).first();
  await preview.waitFor();
  const pdf = await fetchFromPage(page, await preview.getAttribute('href'));
  assert.equal(pdf.status, 200);
  assert.match(pdf.type, /^application\/pdf/);
  assert.equal(pdf.bytes.subarray(0, 4).toString('latin1'), '%PDF');
  await panel
    .getByRole('button', { name: T('proposals.send') })
    .first()
    .click();
  await page.getByText(T('proposals.queued', { to })).waitFor();
  const mail = await state.sink.waitFor(to);
  return { panel, pdf, mail };
}

before(async () => {
  state.browser = await launch();
  const admin = await apiSession(USERS.admin);
  state.admin = admin;
  state.settings = await admin.get('/settings');
  state.smtp = await admin.get('/settings/smtp');
  state.sink = await startSmtpSink();
  await admin.put('/settings/smtp', {
    host: '127.0.0.1',
    port: state.sink.port,
    security: 'none',
    username: '',
    password: '',
    sender_name: 'Retorno',
    sender_email: 'vendas@retorno.example.com',
  });
  if (!(await admin.get('/categories')).items.length)
    await admin.post('/categories', { code: 'pos_venda', name: 'Pós-venda' });
  if (!(await admin.get('/contact-types')).items.length)
    await admin.post('/contact-types', { code: 'phone', name: 'Telefone' });
  state.category = (await admin.get('/categories')).items[0].code;
  state.type = (await admin.get('/contact-types')).items[0].code;
  state.layout = `Proposta comercial ${stamp}`;
  await admin.post('/proposal-templates', {
    name: state.layout,
    html: '<h1>Proposta para #{cliente}</h1><p>A/C: #{contato}</p>#{itens}<p>Total: <b>#{total}</b></p><p>Válida até #{validade}</p>',
  });
  state.agent = await apiSession(USERS.agent);
  const me = await state.agent.get('/me');
  state.me = me.user;
  state.today = me.today;
  state.monday = await freeWeek(state.agent, me.user.id, me.today);
  state.tuesday = addDays(state.monday, 1);
  state.customer = await admin.post('/parties', {
    code: `SJ-${stamp}`,
    kind: 'customer',
    name: `Mercearia Dona Lurdes ${stamp}`,
    email: 'compras@merceariadonalurdes.com.br',
  });
  state.contactEmail = `lurdes.${stamp}@merceariadonalurdes.com.br`;
  state.followup = await state.agent.post('/followups', {
    party_id: state.customer.id,
    subject: `Balcão refrigerado ${stamp}`,
    category: state.category,
    priority: 'medium',
    contact: { name: 'Lurdes Araújo', email: state.contactEmail, phone: '', whatsapp: '' },
    next_action: { type: state.type, due_date: addDays(state.monday, 14) },
  });
  // Tuesday is taken from 08:00 to 18:00 by a training on another follow-up of the agent.
  const other = await state.agent.post('/followups', {
    party_id: state.customer.id,
    subject: `Treinamento ${stamp}`,
    category: state.category,
    priority: 'low',
    next_action: { type: state.type, due_date: addDays(state.monday, 14) },
  });
  await state.agent.post(`/followups/${other.id}/appointments`, {
    starts_at: `${state.tuesday}T08:00:00-03:00`,
    ends_at: `${state.tuesday}T18:00:00-03:00`,
    place: 'Treinamento na matriz',
    note: '',
    attendees: [state.me.id],
  });
  // A colleague of the same branch, for the supervisor's look at the week.
  state.colleague = await admin.post('/users', {
    login: `marta-sj-${stamp}`,
    password: 'serra-verde-2026',
    name: `Marta Colega ${stamp}`,
    role: 'agent',
    branch_id: state.me.branch_id,
    time_zone: 'America/Sao_Paulo',
    locale: 'pt-BR',
  });
});

after(async () => {
  if (state.settings) await state.admin.put('/settings', state.settings);
  // The server's mail settings as they were (its other tests queue mail without a sink).
  if (state.smtp?.host) {
    const { host, port, security, username, sender_name, sender_email } = state.smtp;
    await state.admin
      .put('/settings/smtp', { host, port, security, username, password: '', sender_name, sender_email })
      .catch(() => {});
  }
  await state.sink?.stop();
  await state.browser?.close();
});

describe("the seller's journey", () => {
  test('a quote with two items and a discount, on the follow-up', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${state.followup.id}`);
    const panel = page.locator('.followup-docs');
    await panel.getByText(pt('fdoc.empty')).waitFor();
    await panel.getByRole('link', { name: pt('document.kind.quote'), exact: true }).click();
    await fillRow(page, 0, {
      code: `BALCAO-${stamp}`,
      description: 'Balcão refrigerado 2 m',
      quantity: '2',
      price: '1.500,00',
      discount: '10',
    });
    await page.getByRole('button', { name: pt('document.addItem') }).click();
    await fillRow(page, 1, { code: `INST-${stamp}`, description: 'Instalação', price: '250,00' });
    await page.locator('#fdoc-discount').fill('50,00');
    // 2 × 1.500,00 less 10 % = 2.700,00; with 250,00 = 2.950,00; less 50,00 = 2.900,00.
    assert.equal(plain(await page.locator('#fdoc-subtotal').textContent()), 'R$ 2.950,00');
    assert.equal(plain(await page.locator('#fdoc-total').textContent()), 'R$ 2.900,00');
    const row = await saveQuote(page, pt('common.save'));
    state.quoteNumber = (await row.locator('a.code').textContent()).trim();
    assert.match(state.quoteNumber, /^RT-\d{6}$/);
    assert.equal(plain(await row.locator('.doc-total').textContent()), 'R$ 2.900,00');
    // The number links to the quote's own page.
    const [saved] = (await state.agent.get(`/followups/${state.followup.id}/documents`)).items;
    assert.deepEqual([saved.kind, saved.total, saved.discount], ['quote', 290000, 5000]);
    assert.match(await row.locator('a.code').getAttribute('href'), new RegExp(`/documents/${saved.id}$`));
    await shot(page, 'journey-quote');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a phone: a proposal from the layout and the quote, its PDF previewed, sent to the contact', async () => {
    assert.ok(state.quoteNumber, 'the quote of the first step');
    const { context, page, errors } = await openPage(state.browser, PHONE_390);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${state.followup.id}`);
    const { panel, pdf, mail } = await proposeAndSend(page, {
      T: pt,
      layout: state.layout,
      quoteNumber: state.quoteNumber,
      validUntil: addDays(state.today, 30),
      to: state.contactEmail,
    });
    const words = await pdfWords(pdf.bytes);
    for (const want of [`Proposta para Mercearia Dona Lurdes ${stamp}`, 'A/C: Lurdes Araújo', 'Total: R$ 2.900,00'])
      assert.ok(words.includes(want), `the PDF lacks "${want}": ${words}`);
    // The e-mail carries the very PDF the preview showed.
    const attached = mail.mail.parts.find((p) => p.content_type === 'application/pdf');
    assert.ok(attached, mail.mail.structure);
    assert.ok(Buffer.from(attached.base64, 'base64').equals(pdf.bytes), 'the e-mailed PDF is the one previewed');
    // Nothing on the panel is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'journey-proposal-sent');
    // The history shows the e-mail once it went out.
    await page.reload();
    const history = page.locator('section[aria-labelledby="sec-history"]');
    await history.locator('.tl-email').first().waitFor();
    const sent = (await state.agent.get(`/followups/${state.followup.id}/emails`)).items;
    assert.ok(
      sent.some((m) => m.to.includes(state.contactEmail)),
      JSON.stringify(sent.map((m) => m.to)),
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('"Dias livres" over a week: a busy day, a booking on a free one, and the clash warned of first on the busy one', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${state.followup.id}`);
    const appointments = page.getByRole('region', { name: pt('appointments.title') });
    await appointments.getByText(pt('appointments.none')).waitFor();

    // The dialog takes the focus on its first field; Escape closes it and books nothing.
    await appointments.getByRole('button', { name: pt('appointments.new') }).click();
    let dialog = page.getByRole('dialog', { name: pt('appointments.new') });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'ap-date');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await state.agent.get(`/followups/${state.followup.id}/appointments`)).items.length, 0);

    await appointments.getByRole('link', { name: pt('freeDays.title') }).click();
    await page.getByRole('heading', { name: pt('freeDays.title') }).waitFor();
    await page.getByLabel(pt('freeDays.from'), { exact: true }).fill(state.monday);
    await page.getByLabel(pt('freeDays.to'), { exact: true }).fill(addDays(state.monday, 6));
    await page.getByRole('button', { name: pt('freeDays.show') }).click();
    await page.waitForURL((u) => u.search.includes(`from=${state.monday}`));
    const monday = page.locator(`td[data-date="${state.monday}"]`);
    const tuesday = page.locator(`td[data-date="${state.tuesday}"]`);
    await monday.getByText(pt('freeDays.free'), { exact: true }).waitFor();
    await tuesday.getByText(pt('freeDays.busy'), { exact: true }).waitFor();
    // A busy day offers no booking.
    const bookOn = (date) => pt('freeDays.bookOn', { name: state.me.name, date: ptDate(date) });
    assert.equal(await page.getByRole('button', { name: bookOn(state.tuesday) }).count(), 0);
    await shot(page, 'journey-free-days');

    await page.getByRole('button', { name: bookOn(state.monday) }).click();
    dialog = page.getByRole('dialog', { name: pt('appointments.new') });
    assert.equal(await dialog.getByLabel(pt('appointments.start')).inputValue(), '08:00');
    await dialog.getByLabel(pt('appointments.end')).fill('10:00');
    await dialog.getByLabel(pt('appointments.place')).fill('Loja da cliente');
    await dialog.getByRole('button', { name: pt('appointments.book') }).click();
    await page.getByText(pt('appointments.booked')).waitFor();
    await monday.getByText(pt('freeDays.partlyFree'), { exact: true }).waitFor();

    // Back on the follow-up, a booking on the busy Tuesday: the clash is said first.
    await page.getByRole('link', { name: pt('freeDays.backToFollowup', { id: state.followup.id }) }).click();
    await appointments.getByText('Loja da cliente').waitFor();
    await appointments.getByRole('button', { name: pt('appointments.new') }).click();
    dialog = page.getByRole('dialog', { name: pt('appointments.new') });
    await dialog.getByLabel(pt('appointments.date')).fill(state.tuesday);
    await dialog.getByLabel(pt('appointments.start')).fill('14:00');
    await dialog.getByLabel(pt('appointments.end')).fill('15:00');
    await dialog.getByRole('button', { name: pt('appointments.book') }).click();
    const warning = page.getByRole('alertdialog', { name: pt('appointments.conflictTitle') });
    await warning.waitFor();
    assert.match(
      plain(await warning.textContent()),
      new RegExp(`${state.me.name} — ${pt('appointments.conflictAppointment')}`),
    );
    await shot(page, 'journey-conflict');
    await warning.getByRole('button', { name: pt('appointments.undo') }).click();
    await page.getByText(pt('appointments.undone')).waitFor();
    const live = (await state.agent.get(`/followups/${state.followup.id}/appointments`)).items.filter(
      (a) => !a.deleted_at,
    );
    assert.deepEqual(
      live.map((a) => a.place),
      ['Loja da cliente'],
    );
    assert.equal(await appointments.locator('li.appointment:not(.appointment-deleted)').count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the branch's supervisor reads the same week for the agent and a colleague", async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    await page.goto(
      `/free-days?followup=${state.followup.id}&users=${state.me.id},${state.colleague.id}&from=${state.monday}&to=${addDays(state.monday, 6)}`,
    );
    const rows = page.locator('table.free-days tbody tr');
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    const agentRow = rows.filter({ hasText: state.me.name });
    const colleagueRow = rows.filter({ hasText: state.colleague.name });
    await agentRow
      .locator(`td[data-date="${state.tuesday}"]`)
      .getByText(pt('freeDays.busy'), { exact: true })
      .waitFor();
    await agentRow
      .locator(`td[data-date="${state.monday}"]`)
      .getByText(pt('freeDays.partlyFree'), { exact: true })
      .waitFor();
    await colleagueRow
      .locator(`td[data-date="${state.tuesday}"]`)
      .getByText(pt('freeDays.free'), { exact: true })
      .waitFor();
    await shot(page, 'journey-free-days-team');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('closed, the agent asks to reopen once: while the request waits the page says since when', async () => {
    const f = await state.agent.post('/followups', {
      party_id: state.customer.id,
      subject: `Reabertura ${stamp}`,
      category: state.category,
      priority: 'medium',
      next_action: { type: state.type, due_date: addDays(state.monday, 14) },
    });
    await state.agent.post(`/followups/${f.id}/close`, { result: 'Sem interesse por agora.' });
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.agent);
    await page.goto(`/followups/${f.id}`);
    await page.getByRole('button', { name: pt('followup.askReopen') }).click();
    const dialog = page.getByRole('dialog', { name: pt('followup.askReopenTitle') });
    await dialog.getByLabel(pt('followup.reopenReason'), { exact: false }).fill('A cliente ligou de novo.');
    await dialog.getByRole('button', { name: pt('followup.askReopenSend') }).click();
    await page.getByText(pt('followup.reopenAsked')).waitFor();
    const waiting = page.locator('.reopen-asked');
    await waiting.waitFor();
    const { reopen_requested_at: at } = await state.agent.get(`/followups/${f.id}`);
    const when = new Intl.DateTimeFormat('pt-BR', {
      timeZone: 'America/Sao_Paulo',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(at));
    assert.equal(plain(await waiting.textContent()), plain(pt('followup.reopenAskedOn', { when })));
    assert.equal(await page.getByRole('button', { name: pt('followup.askReopen') }).count(), 0);
    await shot(page, 'journey-reopen-asked');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('en español: una agente en Ciudad de México, la empresa en MXN, cotiza, propone y envía', async () => {
    await state.admin.put('/settings', { ...state.settings, currency: 'MXN' });
    const user = await mexicanAgent(state.admin, {
      login: `sj-mx-${stamp}`,
      password: 'puente-rojo-2026',
      name: `Lucía Ramírez ${stamp}`,
      branchId: state.me.branch_id,
    });
    const api = await apiSession(user);
    const today = (await api.get('/me')).today;
    const contact = `compras.${stamp}@abarrotesdonpepe.mx`;
    const f = await api.post('/followups', {
      party_id: state.customer.id,
      subject: `Cotización de vitrinas ${stamp}`,
      category: state.category,
      priority: 'medium',
      contact: { name: 'José Pérez', email: contact, phone: '', whatsapp: '' },
      next_action: { type: state.type, due_date: addDays(today, 7) },
    });
    const { context, page, errors } = await openPage(state.browser, DESKTOP, MEXICO_CITY);
    await signIn(page, user);
    await page.goto(`/followups/${f.id}`);
    const docs = page.locator('.followup-docs');
    await docs.getByText(es('fdoc.empty')).waitFor();
    await docs.getByRole('link', { name: es('document.kind.quote'), exact: true }).click();
    await page
      .getByRole('heading', { name: `${es('document.kind.quote')} — ${es('followup.title', { id: f.id })}` })
      .waitFor();
    await fillRow(page, 0, { code: `VITRINA-${stamp}`, description: 'Vitrina refrigerada', price: '1,084.56' });
    await page.getByRole('button', { name: es('document.addItem') }).click();
    await fillRow(page, 1, { code: `FLETE-${stamp}`, description: 'Flete', price: '150' });
    assert.equal(plain(await page.locator('#fdoc-total').textContent()), '$1,234.56');
    const row = await saveQuote(page, es('common.save'));
    const number = (await row.locator('a.code').textContent()).trim();
    assert.equal(plain(await row.locator('.doc-total').textContent()), '$1,234.56');
    await row.getByText(es('document.status.open')).waitFor();
    // Spanish words on the page, not Portuguese ones.
    await page.getByRole('region', { name: es('proposals.title') }).waitFor();
    assert.equal(await page.getByText(pt('proposals.title'), { exact: true }).count(), 0);

    const { pdf, mail } = await proposeAndSend(page, {
      T: es,
      layout: state.layout,
      quoteNumber: number,
      validUntil: addDays(today, 15),
      to: contact,
    });
    const words = await pdfWords(pdf.bytes);
    assert.ok(words.includes('José Pérez'), words);
    assert.ok(words.includes('1,234.56'), `the PDF's total in pesos: ${words}`);
    const attached = mail.mail.parts.find((p) => p.content_type === 'application/pdf');
    assert.ok(attached && Buffer.from(attached.base64, 'base64').equals(pdf.bytes), 'the same PDF went by e-mail');
    const [doc] = (await api.get(`/followups/${f.id}/documents`)).items;
    assert.deepEqual([doc.currency, doc.total], ['MXN', 123456]);
    await shot(page, 'journey-es');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
