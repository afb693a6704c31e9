// The simulated clock of test servers (`serve --clock=simulated --allow-test-clock`):
// refused without the test flag, absent from a normal server, admins only, strict
// input; it stands still until moved, and moving it runs the jobs that became due
// before it answers, so no test waits for time to pass.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  API, advance, anonymous, createFollowup, createParty, createUser, expectFieldError,
  expectProblem, expectStatus, login, loginAdmin, runCli, startServer,
} from './harness.mjs';

const START = '2026-11-23T13:00:00Z';  // 10:00 in São Paulo
const TODAY = '2026-11-23';
const at = (iso, seconds) => new Date(Date.parse(iso) + seconds * 1000).toISOString();
const sameInstant = (a, b) => assert.equal(Date.parse(a), Date.parse(b), `${a} vs ${b}`);

test('serve --clock=simulated is refused without --allow-test-clock, with a clear error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-api-clock-'));
  try {
    const db = path.join(dir, 'retorno.db');
    const r = runCli(dir, ['--db', db, 'serve', '--port', '0', '--clock', 'simulated']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--clock=simulated is for tests only.*--allow-test-clock/);
    const bad = runCli(dir, ['--db', db, 'serve', '--port', '0', '--clock', 'fast', '--allow-test-clock']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /clock must be real or simulated/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a server on the real clock has no clock route', async () => {
  const server = await startServer({ clockStart: START });
  try {
    const admin = await loginAdmin(server);
    expectProblem(await admin.post(`${API}/test/clock/advance`, { seconds: 1 }), 404);
  } finally {
    await server.stop();
  }
});

describe('the simulated clock', () => {
  let server, admin, agent, party;

  before(async () => {
    server = await startServer({ clockStart: START, simulatedClock: true });
    admin = await loginAdmin(server);
    agent = await login(server, (await createUser(admin, { email: 'agente@empresa.com.br' })).login);
    party = await createParty(agent);
  });
  after(async () => { await server?.stop(); });

  test('it stands still until moved, and answers its new now in the caller\'s zone', async () => {
    const f = await createFollowup(agent, { party_id: party.id, due_date: TODAY });
    sameInstant(f.created_at, START);
    const now = await advance(server, 90);
    sameInstant(now, at(START, 90));
    assert.match(now, /-03:00$/, 'in the admin\'s zone (São Paulo)');
    const g = await createFollowup(agent, { party_id: party.id, due_date: TODAY });
    sameInstant(g.created_at, at(START, 90));
    sameInstant(await advance(server, undefined, { to: '2026-11-23T10:05:00-03:00' }), '2026-11-23T13:05:00Z');
  });

  test('admins only; bad input is refused and leaves the clock where it was', async () => {
    expectProblem(await agent.post(`${API}/test/clock/advance`, { seconds: 1 }), 403, 'admin_only');
    expectProblem(await anonymous(server).post(`${API}/test/clock/advance`, { seconds: 1 }), 401);
    const before = await advance(server, 0);
    expectFieldError(await admin.post(`${API}/test/clock/advance`, {}), 422, 'seconds', 'required');
    expectFieldError(await admin.post(`${API}/test/clock/advance`, { seconds: 60, secs: 1 }), 422, 'secs', 'unknown_field');
    expectFieldError(await admin.post(`${API}/test/clock/advance`, { seconds: '60' }), 422, 'seconds', 'invalid_type');
    expectFieldError(await admin.post(`${API}/test/clock/advance`, { seconds: -1 }), 422, 'seconds', 'out_of_range');
    expectFieldError(await admin.post(`${API}/test/clock/advance`, { seconds: 60, to: at(START, 3600) }), 422, 'to', 'invalid_value');
    expectFieldError(await admin.post(`${API}/test/clock/advance`, { to: START }), 422, 'to', 'out_of_range');
    expectFieldError(await admin.post(`${API}/test/clock/advance`, { to: '2026-11-24' }), 422, 'to', 'invalid_instant');
    expectFieldError(await admin.post(`${API}/test/clock/advance?seconds=60`, { seconds: 60 }), 422, 'seconds', 'unknown_parameter');
    sameInstant(await advance(server, 0), before);
  });

  test('a reminder fires when the clock reaches it, and before the move answers', async () => {
    const now = await advance(server, 0);
    const remindAt = at(now, 600);
    const f = await createFollowup(agent, { party_id: party.id, due_date: TODAY,
      next_action: { type: 'phone', due_date: TODAY, remind_at: remindAt } });
    const reminders = async () => expectStatus(await agent.get(`${API}/notifications`), 200).body.items
      .filter((n) => n.kind === 'reminder' && n.action_id === f.actions[0].id);
    await advance(server, 599);
    assert.equal((await reminders()).length, 0, 'not yet');
    await advance(server, 1);
    const [n] = await reminders();
    assert.ok(n, 'fired as the clock reached it');
    assert.equal(n.late, false);
  });
});
