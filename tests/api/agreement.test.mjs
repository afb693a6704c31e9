// The alert counts (the bell and the login alert), the agenda and the follow-up list use
// one rule for "late" and "today": a return's due date against today in the viewer's
// zone. The server's clock stands where Mexico City's today is still yesterday in São
// Paulo, so a rule read in the wrong zone shows up as a disagreement.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createParty, createUser, expectStatus, listAll, login, loginAdmin, startServer,
} from './harness.mjs';

const CLOCK = '2026-11-24T04:30:00Z';  // 22:30 of 23 Nov in Mexico City, 01:30 of 24 Nov in São Paulo
const MX_TODAY = '2026-11-23';
const SP_TODAY = '2026-11-24';

describe('one rule for late and today, in the viewer\'s zone', () => {
  let server, mx, sp, party;
  const created = {};

  before(async () => {
    // The returns are written two days earlier (a due date cannot be in the past), then
    // the server starts again on the same database at CLOCK.
    server = await startServer({ clockStart: '2026-11-22T15:00:00Z' });
    const admin = await loginAdmin(server);
    const branch = await createBranch(admin, 'Monterrey');
    const mxUser = await createUser(admin, { name: 'Lucía', role: 'agent', branch_id: branch.id, time_zone: 'America/Mexico_City', locale: 'es' });
    const spUser = await createUser(admin, { name: 'Sérgio', role: 'supervisor', branch_id: branch.id, time_zone: 'America/Sao_Paulo' });
    mx = await login(server, mxUser.login);
    sp = await login(server, spUser.login);
    party = await createParty(mx, { name: 'Ferretería Juárez' });
    for (const [name, due] of [['late', '2026-11-22'], ['today', MX_TODAY], ['next1', SP_TODAY], ['next2', SP_TODAY]]) {
      created[name] = expectStatus(await mx.post(`${API}/followups`, {
        party_id: party.id, subject: `Seguimiento ${name}`, category: 'pos_venda', priority: 'medium',
        next_action: { type: 'phone', due_date: due },
      }), 201).body;
    }
    await server.stop();
    server = await startServer({ db: server.db, dir: server.dir, clockStart: CLOCK });
    mx = await login(server, mxUser.login);
    sp = await login(server, spUser.login);
  });
  after(async () => { await server?.stop(); });

  async function views(client) {
    const me = expectStatus(await client.get(`${API}/me`), 200).body;
    const agenda = async (when) => expectStatus(await client.get(`${API}/agenda?when=${when}&scope=${client === sp ? 'branch' : 'mine'}`), 200)
      .body.items.filter((i) => i.status === 'planned').map((i) => i.followup.id).sort();
    const list = async (state) => (await listAll(client, { state })).map((f) => f.id).sort();
    return {
      today: me.today,
      alerts: me.alerts,
      agenda: { today: await agenda('today'), overdue: await agenda('overdue') },
      list: { today: await list('today'), overdue: await list('overdue') },
    };
  }
  const idsOf = (...names) => names.map((n) => created[n].id).sort();

  test('the agent in Mexico City: the bell, the agenda and the list agree', async () => {
    const v = await views(mx);
    assert.equal(v.today, MX_TODAY);
    assert.deepEqual(v.agenda.today, idsOf('today'));
    assert.deepEqual(v.agenda.overdue, idsOf('late'));
    assert.deepEqual(v.list.today, v.agenda.today);
    assert.deepEqual(v.list.overdue, v.agenda.overdue);
    assert.equal(v.alerts.due_today, v.agenda.today.length);
    assert.equal(v.alerts.overdue, v.agenda.overdue.length);
  });

  test('the supervisor in São Paulo sees the same returns by São Paulo\'s today', async () => {
    const v = await views(sp);
    assert.equal(v.today, SP_TODAY);
    assert.deepEqual(v.agenda.today, idsOf('next1', 'next2'));
    assert.deepEqual(v.agenda.overdue, idsOf('late', 'today'));
    assert.deepEqual(v.list.today, v.agenda.today);
    assert.deepEqual(v.list.overdue, v.agenda.overdue);
  });

  test('a done return leaves every view at once', async () => {
    expectStatus(await mx.post(`${API}/actions/${created.today.actions[0].id}/complete`, { result: 'Listo', resolution: 'phone' }), 200);
    const v = await views(mx);
    assert.deepEqual(v.agenda.today, []);
    assert.deepEqual(v.list.today, []);
    assert.equal(v.alerts.due_today, 0);
    assert.equal(v.alerts.overdue, 1);
  });
});
