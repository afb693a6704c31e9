// End-to-end: the manager reports (manuals 000 and 004), in Debian's Chromium against a
// running `retorno serve` (see journey.test.mjs). A supervisor of Campinas opens the
// reports, sees the actions of their branch only (not Santos'), with the charts and
// their tables, and a row opens its follow-up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSession, launch, openPage, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, mine: null, theirs: null };

async function followupWithNote(user, subject, code) {
  const api = await apiSession(user);
  const me = await api.get('/me');
  const party = await api.post('/parties', { code, kind: 'customer', name: `Cliente ${subject}` });
  const f = await api.post('/followups', {
    party_id: party.id,
    subject,
    category: 'pos_venda',
    priority: 'medium',
    next_action: { type: 'phone', due_date: me.today },
  });
  await api.post(`/followups/${f.id}/entries`, { kind: 'note', body: `Nota ${subject}` });
  return f;
}

before(async () => {
  state.browser = await launch();
  state.mine = await followupWithNote(USERS.agent, `Campinas ${stamp}`, `RC-${stamp}`);
  state.theirs = await followupWithNote(USERS.agent2, `Santos ${stamp}`, `RS-${stamp}`);
});

after(async () => {
  await state.browser?.close();
});

describe('reports', () => {
  test('a supervisor sees their branch only and a row opens the follow-up', async () => {
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.supervisor);
    await page
      .getByRole('navigation', { name: pt('nav.main') })
      .getByRole('link', { name: pt('nav.reports') })
      .click();
    await page.waitForURL((u) => u.pathname === '/reports');
    await page.getByRole('table', { name: pt('reports.by_bucket') }).waitFor();
    // The branch picker offers the supervisor's branch only.
    const branches = await page
      .getByLabel(pt('reports.branch'))
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.textContent));
    assert.deepEqual(branches, [pt('reports.all'), 'Campinas']);

    await page.getByRole('link', { name: pt('reports.actions.title') }).click();
    const rows = page.getByRole('table', { name: pt('reports.actions.rows') });
    await rows.getByRole('link', { name: state.mine.subject }).first().waitFor();
    assert.equal(await rows.getByText(state.theirs.subject).count(), 0, "Santos' actions are not shown");
    await page.getByRole('img', { name: pt('reports.by_week') }).waitFor();
    await page.getByRole('table', { name: pt('reports.by_week') }).waitFor();
    await shot(page, 'reports-actions');

    await rows.getByRole('link', { name: state.mine.subject }).first().click();
    await page.waitForURL((u) => u.pathname === `/followups/${state.mine.id}`);
    await page.getByText(state.mine.subject).first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
