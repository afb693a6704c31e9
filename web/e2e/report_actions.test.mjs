// End-to-end: acting from the unattended report, in Debian's Chromium against a running
// `retorno serve` (see journey.test.mjs). A supervisor of Campinas opens the report,
// filters by an agent, exports XLSX and PDF, picks three late follow-ups and reassigns
// them with a reason: they are hers (asked through the API) and the report no longer
// lists them under the agent. Keyboard and a 375 px phone work; a supervisor who reads
// Spanish schedules the report weekly by e-mail and finds it under "Mis envíos".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { apiSession, ES, launch, openPage, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, late: [], carla: null, joao: null, spanish: null };
const PHONE_375 = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Moves follow-ups' planned returns `days` back: the API takes no due date in the past. */
function backdate(ids, days) {
  const db = process.env.RETORNO_DB;
  assert.ok(db, "RETORNO_DB: the e2e server's database (tests/e2e/run.sh)");
  const list = ids.join(',');
  const sql = `.timeout 10000
UPDATE actions SET due_date = date(due_date, '-${days} days') WHERE followup_id IN (${list}) AND status = 'planned';
UPDATE followups SET next_due_date = date(next_due_date, '-${days} days') WHERE id IN (${list});`;
  const r = spawnSync('sqlite3', [db], { input: sql, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

async function download(page, format) {
  await page.getByRole('button', { name: pt('export.menu') }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: pt(`export.${format}`) }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

before(async () => {
  state.browser = await launch();
  const api = await apiSession(USERS.agent);
  const me = await api.get('/me');
  state.joao = me.user;
  const party = await api.post('/parties', { code: `RL-${stamp}`, kind: 'customer', name: `Cliente atraso ${stamp}` });
  for (let i = 1; i <= 4; i++) {
    state.late.push(
      await api.post('/followups', {
        party_id: party.id,
        subject: `Atrasado ${stamp} ${i}`,
        category: 'pos_venda',
        priority: 'medium',
        next_action: { type: 'phone', due_date: me.today },
      }),
    );
  }
  backdate(
    state.late.map((f) => f.id),
    6,
  );
  state.carla = (await (await apiSession(USERS.supervisor)).get('/me')).user;
  // A supervisor of Campinas who reads Spanish.
  const admin = await apiSession(USERS.admin);
  const login = `lucia${stamp}`;
  await admin.post('/users', {
    login,
    name: 'Lucía Supervisora',
    role: 'supervisor',
    branch_id: state.carla.branch_id,
    password: 'campinas-norte-2026',
    time_zone: 'America/Sao_Paulo',
    locale: 'es',
  });
  state.spanish = { login, password: 'campinas-norte-2026' };
});

after(async () => {
  await state.browser?.close();
});

describe('acting from the unattended report', () => {
  test('filter by an agent, export XLSX and PDF, reassign three with a reason', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    await page.goto('/reports');
    await page.getByRole('table', { name: pt('reports.by_bucket') }).waitFor();
    await page.getByLabel(pt('reports.agent'), { exact: true }).selectOption({ label: state.joao.name });
    await page.getByRole('button', { name: pt('reports.apply') }).click();
    const rows = page.getByRole('table', { name: pt('reports.unattended.rows') });
    for (const f of state.late) await rows.getByRole('link', { name: f.subject }).waitFor();

    // "Imprimir" prints the report alone: no navigation, tabs, filters or buttons.
    await page.getByRole('button', { name: pt('reports.print') }).waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.topbar', '.tablist', '.filters', '.report-actions'])
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    assert.ok(await rows.isVisible(), 'the rows are printed');
    await page.emulateMedia({ media: 'screen' });

    const xlsx = await download(page, 'xlsx');
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', `${xlsx.name}: a zip`);
    assert.match(xlsx.name, /^sem-atendimento-\d{4}-\d\d-\d\d\.xlsx$/);
    const pdf = await download(page, 'pdf');
    assert.equal(pdf.bytes.subarray(0, 4).toString('latin1'), '%PDF', pdf.name);

    const three = state.late.slice(0, 3);
    for (const f of three)
      await rows.getByRole('checkbox', { name: pt('bulk.pick', { id: f.id, subject: f.subject }) }).check();
    const bar = page.getByRole('region', { name: pt('bulk.bar') });
    await bar.getByText(pt('bulk.picked', { count: 3 })).waitFor();
    await bar.getByRole('button', { name: pt('bulk.action.reassign') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(pt('bulk.toUser')).selectOption({ label: state.carla.name });
    await dialog.getByLabel(pt('bulk.reason')).fill('Carteira do João redistribuída');
    await dialog.getByRole('button', { name: pt('bulk.action.reassign') }).click();
    await dialog.getByText(pt('bulk.applied', { count: 3 })).waitFor();
    await dialog
      .getByRole('button', { name: pt('common.close') })
      .last()
      .click();

    // The report reads itself again: the three are no longer João's; the fourth still is.
    await rows.getByRole('link', { name: state.late[3].subject }).waitFor();
    for (const f of three) await rows.getByRole('link', { name: f.subject }).waitFor({ state: 'detached' });
    await shot(page, 'report-unattended-reassigned');
    const api = await apiSession(USERS.supervisor);
    for (const f of three) {
      const now = await api.get(`/followups/${f.id}`);
      assert.equal(now.owner_id, state.carla.id, `follow-up ${f.id} is Carla's`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('keyboard and a 375 px phone: a row is picked with Space, the bar fits, a row opens', async () => {
    const { context, page, errors } = await openPage(state.browser, PHONE_375);
    await signIn(page, USERS.supervisor);
    await page.goto('/reports');
    const rows = page.getByRole('table', { name: pt('reports.unattended.rows') });
    const f = state.late[3];
    const box = rows.getByRole('checkbox', { name: pt('bulk.pick', { id: f.id, subject: f.subject }) });
    await box.focus();
    await page.keyboard.press('Space');
    const bar = page.getByRole('region', { name: pt('bulk.bar') });
    await bar.getByText(pt('bulk.picked', { count: 1 })).waitFor();
    const b = await bar.boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= 375, `the bar within the phone's width: ${JSON.stringify(b)}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the page does not scroll sideways: ${width}`);
    await shot(page, 'report-unattended');
    await rows.getByRole('link', { name: f.subject }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/followups/${f.id}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in Spanish, a supervisor schedules the report weekly by e-mail', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.spanish);
    await page.goto('/reports?tab=actions');
    await page.getByRole('button', { name: ES['reports.email'] }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(ES['schedule.frequency']).selectOption('weekly');
    await dialog.getByLabel(ES['schedule.format']).selectOption('xlsx');
    await dialog.getByLabel(ES['schedule.recipients']).selectOption('team');
    await shot(page, 'report-schedule-es');
    await dialog.getByRole('button', { name: ES['schedule.create'] }).click();
    await page.getByText(ES['schedule.created']).waitFor();
    await page.getByRole('link', { name: ES['schedules.title'] }).first().click();
    const table = page.getByRole('table', { name: ES['schedules.title'] });
    await table.getByText(ES['reports.actions.title']).waitFor();
    await table.getByText(ES['schedule.weekly']).waitFor();
    const api = await apiSession(state.spanish);
    const { items } = await api.get('/report-schedules');
    assert.equal(items.length, 1);
    assert.deepEqual(
      [items[0].report, items[0].frequency, items[0].format, items[0].recipients],
      ['actions', 'weekly', 'xlsx', 'team'],
    );
    assert.match(items[0].next_run_at, /T07:00:00-03:00$/, 'Monday 07:00 in São Paulo');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
