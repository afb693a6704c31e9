// End-to-end: rights per user ("Permissões de usuário", manual 001; ADR 0040). The admin
// takes "export" away from a supervisor on the admin screen; the supervisor then sees no
// export menu on the list and the API refuses the export (403). Then the same for a
// supervisor who works in Spanish. Rights are given back afterwards for the other files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE, ES, apiSession, launch, openPage, pt, requireEnv, shot, signIn, USERS } from './lib.mjs';

requireEnv();

const stamp = Date.now().toString(36);
const state = { browser: null, admin: null, carla: null, sofia: null, sofiaCreds: null };

before(async () => {
  state.browser = await launch();
  state.admin = await apiSession(USERS.admin);
  const users = await state.admin.get('/users');
  state.carla = users.items.find((u) => u.login === USERS.supervisor.login);
  const branch = state.carla.branch_id;
  state.sofiaCreds = { login: `sofia-${stamp}`, password: 'mar-del-plata-2026' };
  state.sofia = await state.admin.post('/users', {
    ...state.sofiaCreds,
    name: 'Sofía Supervisora',
    role: 'supervisor',
    branch_id: branch,
    time_zone: 'America/Mexico_City',
    locale: 'es',
  });
});

after(async () => {
  if (state.carla) await state.admin.put(`/users/${state.carla.id}/rights`, { granted: [], revoked: [] });
  await state.browser?.close();
});

// The export answers CSV when allowed and problem+json when refused: read it raw.
async function exportStatus(user, lang) {
  const session = await fetch(`${BASE}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  const { token } = await session.json();
  const r = await fetch(`${BASE}/api/v1/followups/export?format=csv`, {
    headers: { Authorization: `Bearer ${token}`, 'Accept-Language': lang },
  });
  const text = await r.text();
  return { status: r.status, data: r.status === 200 ? null : JSON.parse(text) };
}

describe('rights per user', () => {
  test('an admin takes export away from a supervisor, who then has no export menu and gets 403', async () => {
    assert.equal((await exportStatus(USERS.supervisor, 'pt-BR')).status, 200);
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, USERS.admin);
    await page.goto('/admin/rights');
    await page.getByLabel(pt('rights.user'), { exact: true }).selectOption(String(state.carla.id));
    const table = page.getByRole('table', { name: pt('rights.caption', { name: state.carla.name }) });
    await table.waitFor();
    await table.getByRole('checkbox', { name: pt('right.export') }).uncheck();
    await page.getByRole('button', { name: pt('common.save') }).click();
    await page.getByText(pt('admin.saved')).waitFor();
    await shot(page, 'rights-admin');
    await context.close();
    assert.deepEqual(errors, []);

    const s = await openPage(state.browser);
    await signIn(s.page, USERS.supervisor);
    await s.page.goto('/followups');
    await s.page.getByRole('heading', { name: pt('followups.title') }).waitFor();
    await s.page.getByRole('link', { name: pt('common.add') }).waitFor();
    assert.equal(await s.page.getByRole('button', { name: pt('export.menu') }).count(), 0);
    const refused = await exportStatus(USERS.supervisor, 'pt-BR');
    assert.equal(refused.status, 403);
    assert.equal(refused.data.code, 'missing_right');
    await s.context.close();
    assert.deepEqual(s.errors, []);
  });

  test('en español: sin el derecho de exportar no hay menú y la API responde 403 en español', async () => {
    await state.admin.put(`/users/${state.sofia.id}/rights`, { granted: [], revoked: ['export'] });
    const { context, page, errors } = await openPage(state.browser);
    await signIn(page, state.sofiaCreds);
    await page.goto('/followups');
    await page.getByRole('heading', { name: ES['followups.title'] }).waitFor();
    assert.equal(await page.getByRole('button', { name: ES['export.menu'] }).count(), 0);
    await context.close();
    assert.deepEqual(errors, []);
    const refused = await exportStatus(state.sofiaCreds, 'es');
    assert.equal(refused.status, 403);
    assert.equal(refused.data.code, 'missing_right');
    assert.match(refused.data.title + (refused.data.detail ?? ''), /No tiene permiso/);
  });
});
