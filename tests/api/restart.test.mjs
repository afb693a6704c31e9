// Durability across a restart: data written before a graceful stop (SIGTERM, exit 0) is
// all there when the server starts again on the same database.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  API, Client, createBranch, createFollowup, createParty, createUser, expectStatus, login, loginAdmin,
  pngBytes, sha256hex, startServer, upload,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';
let first, second;

after(async () => {
  if (first && !first.stopped) await first.stop();
  if (second && !second.stopped) await second.stop();
});

describe('restart', () => {
  let snapshot, agentToken, attachment, fuId, partyId, userId;

  test('write data, then SIGTERM: the server drains and exits 0 promptly with idle keep-alive connections open', async () => {
    first = await startServer({ clockStart: CLOCK });
    const admin = await loginAdmin(first);
    const branch = await createBranch(admin, 'Campinas');
    userId = (await createUser(admin, { login: 'persistente', role: 'agent', branch_id: branch.id, time_zone: 'America/Manaus', locale: 'es' })).id;
    const agent = await login(first, 'persistente');
    agentToken = agent.token;
    const party = await createParty(agent, { code: 'PERS-1', name: 'Ótica Persistência', contacts: [{ name: 'Dona Cida' }] });
    partyId = party.id;
    const fu = await createFollowup(agent, {
      party_id: party.id, due_date: '2026-03-15', repeat_months: 2, subject: 'Sobrevive ao reinício',
      notes: { followup: 'Nota inicial', complaint: 'Reclamação' },
    });
    fuId = fu.id;
    expectStatus(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'internal', body: 'Comentário interno' }), 201);
    expectStatus(await agent.post(`${API}/followups/${fu.id}/entries`, { kind: 'note', body: 'Rascunho guardado', draft: true }), 201);
    expectStatus(await agent.post(`${API}/actions/${fu.actions[0].id}/complete`, {
      result: 'Feito', next_action: { type: 'visit', due_date: '2026-03-20', due_time: '08:15' },
    }), 200);
    const up = expectStatus(await upload(agent, fu.id, pngBytes(), { filename: 'foto.png' }), 201);
    attachment = up.body;
    expectStatus(await admin.put(`${API}/settings`, { company_name: 'Persistência Ltda', time_zone: 'America/Sao_Paulo', return_alerts_enabled: false, currency: 'MXN' }), 200);
    snapshot = expectStatus(await agent.get(`${API}/followups/${fu.id}`), 200).body;

    const { ms } = await first.stop();
    assert.ok(ms < 5000, `stopped in ${ms} ms`);
  });

  test('start again on the same database: users, parties, follow-ups, entries (and drafts), actions, attachments, settings are there', async () => {
    assert.ok(first?.stopped, 'first server stopped');
    second = await startServer({ db: first.db, dir: first.dir, clockStart: CLOCK });
    const admin = await loginAdmin(second);
    const agent = await login(second, 'persistente');
    const user = expectStatus(await agent.get(`${API}/me`), 200).body.user;
    assert.equal(user.id, userId);
    assert.equal(user.time_zone, 'America/Manaus');
    assert.equal(user.locale, 'es');
    const party = expectStatus(await agent.get(`${API}/parties/${partyId}`), 200).body;
    assert.equal(party.name, 'Ótica Persistência');
    assert.deepEqual(party.contacts.map((c) => c.name), ['Dona Cida']);
    const fu = expectStatus(await agent.get(`${API}/followups/${fuId}`), 200).body;
    assert.deepEqual(fu, snapshot);
    assert.ok(fu.entries.some((e) => e.draft && e.body === 'Rascunho guardado'), 'the draft survived');
    const bytes = expectStatus(await agent.get(`${API}/attachments/${attachment.id}`), 200).buf;
    assert.equal(sha256hex(bytes), attachment.sha256);
    assert.ok(Buffer.compare(bytes, pngBytes()) === 0);
    const settings = expectStatus(await admin.get(`${API}/settings`), 200).body;
    assert.deepEqual(settings, { company_name: 'Persistência Ltda', time_zone: 'America/Sao_Paulo', return_alerts_enabled: false, currency: 'MXN' });
  });

  test('a session opened before the restart is still valid after it', async () => {
    const c = new Client(second, { token: agentToken });
    const me = expectStatus(await c.get(`${API}/me`), 200).body;
    assert.equal(me.user.id, userId);
  });

  test('the restarted server also stops gracefully', async () => {
    const { code } = await second.stop();
    assert.equal(code, 0);
  });
});
