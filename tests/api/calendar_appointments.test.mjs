// A user's appointments on the calendar's days (GET /api/v1/appointments, ADR 0045): the
// days are the viewer's, so an appointment at 23:30 local in São Paulo or Mexico City
// is on that evening's day, not the next UTC one; only live appointments the user takes
// part in; another user's as the calendar allows (a supervisor their branch's agents);
// bad periods named field by field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer,
} from './harness.mjs';

// Friday 2026-03-06, 15:00 UTC.
const NOW = '2026-03-06T15:00:00Z';

describe("a user's appointments on the calendar", () => {
  let server, admin, sp, mx, supervisor, far, spFu, mxFu;

  const list = (client, query) => client.get(`${API}/appointments?${query}`);
  const book = (client, fu, body) => client.post(`${API}/followups/${fu.id}/appointments`, body);

  before(async () => {
    server = await startServer({ clockStart: NOW, simulatedClock: true });
    admin = await loginAdmin(server);
    const b1 = await createBranch(admin, 'Campinas');
    const b2 = await createBranch(admin, 'Recife');
    const mk = async (fields) => {
      const user = await createUser(admin, { branch_id: b1.id, ...fields });
      return { user, client: await login(server, user.login) };
    };
    sp = await mk({ name: 'Sara Paulino', time_zone: 'America/Sao_Paulo' });
    mx = await mk({ name: 'Mateo Ruiz', time_zone: 'America/Mexico_City', locale: 'es' });
    supervisor = await mk({ name: 'Sueli Chefe', role: 'supervisor', time_zone: 'America/Sao_Paulo' });
    far = await mk({ name: 'Fábio Longe', branch_id: b2.id });
    const party = await createParty(admin, { name: 'Oficina Moema' });
    spFu = await createFollowup(sp.client, { party_id: party.id, due_date: '2026-03-20' });
    mxFu = await createFollowup(mx.client, { party_id: party.id, due_date: '2026-03-20' });
  });
  after(async () => { await server?.stop(); });

  test('23:30 local belongs to that local day, in São Paulo and in Mexico City', async () => {
    // 23:30-23:59 on Tuesday 2026-03-10: 02:30 UTC (São Paulo, UTC-3) and 05:30 UTC
    // (Mexico City, UTC-6) of Wednesday the 11th.
    const late = expectStatus(await book(sp.client, spFu, { starts_at: '2026-03-10T23:30:00-03:00', ends_at: '2026-03-10T23:59:00-03:00', place: 'Sala 2' }), 201).body.appointment;
    const lateMx = expectStatus(await book(mx.client, mxFu, { starts_at: '2026-03-10T23:30:00-06:00', ends_at: '2026-03-10T23:59:00-06:00' }), 201).body.appointment;

    const tuesday = expectStatus(await list(sp.client, 'from=2026-03-10&to=2026-03-10'), 200).body.items;
    assert.deepEqual(tuesday.map((a) => a.id), [late.id]);
    assert.equal(tuesday[0].followup_id, spFu.id);
    assert.equal(tuesday[0].starts_at, '2026-03-10T23:30:00-03:00', "in the viewer's zone");
    assert.deepEqual(tuesday[0].attendees.map((a) => a.name), ['Sara Paulino']);
    const wednesday = expectStatus(await list(sp.client, 'from=2026-03-11&to=2026-03-11'), 200).body.items;
    assert.deepEqual(wednesday, [], 'not on the next UTC day');

    const mxTuesday = expectStatus(await list(mx.client, 'from=2026-03-10&to=2026-03-10'), 200).body.items;
    assert.deepEqual(mxTuesday.map((a) => a.id), [lateMx.id], "only the appointments the user takes part in");
    assert.equal(mxTuesday[0].starts_at, '2026-03-10T23:30:00-06:00');
    assert.deepEqual(expectStatus(await list(mx.client, 'from=2026-03-11&to=2026-03-11'), 200).body.items, []);
  });

  test('one appointment of two users is on both calendars; a deleted one on none', async () => {
    const both = expectStatus(await book(admin, spFu, { starts_at: '2026-03-12T14:00:00Z', ends_at: '2026-03-12T15:00:00Z', attendees: [sp.user.id, mx.user.id] }), 201).body.appointment;
    for (const who of [sp, mx]) {
      const items = expectStatus(await list(who.client, 'from=2026-03-12&to=2026-03-12'), 200).body.items;
      assert.deepEqual(items.map((a) => a.id), [both.id]);
    }
    expectStatus(await admin.del(`${API}/appointments/${both.id}`), 204);
    assert.deepEqual(expectStatus(await list(sp.client, 'from=2026-03-12&to=2026-03-12'), 200).body.items, []);
  });

  test("another user's calendar: a supervisor sees their branch's agents, nobody else's", async () => {
    const month = 'from=2026-03-01&to=2026-03-31';
    const seen = expectStatus(await list(supervisor.client, `user_id=${sp.user.id}&${month}`), 200).body.items;
    assert.ok(seen.length >= 1);
    assert.ok(seen.every((a) => a.attendees.some((u) => u.id === sp.user.id)));
    // In the supervisor's zone (São Paulo) Mateo's 23:30 in Mexico City is 02:30 of the 11th.
    const mxSeen = expectStatus(await list(supervisor.client, `user_id=${mx.user.id}&from=2026-03-11&to=2026-03-11`), 200).body.items;
    assert.equal(mxSeen.length, 1);
    assert.equal(mxSeen[0].starts_at, '2026-03-11T02:30:00-03:00');
    expectProblem(await list(supervisor.client, `user_id=${far.user.id}&${month}`), 403, 'scope_not_allowed');
    expectProblem(await list(sp.client, `user_id=${mx.user.id}&${month}`), 403, 'scope_not_allowed');
    expectStatus(await list(admin, `user_id=${far.user.id}&${month}`), 200);
  });

  test('bad periods and users are named field by field', async () => {
    await expectFieldError(await list(sp.client, 'to=2026-03-10'), 422, 'from', 'required');
    await expectFieldError(await list(sp.client, 'from=2026-03-10&to=2026-03-09'), 422, 'to', 'before_from');
    await expectFieldError(await list(sp.client, 'from=2026-03-01&to=2026-06-30'), 422, 'to', 'too_far');
    await expectFieldError(await list(sp.client, 'from=2026-02-30&to=2026-03-01'), 422, 'from', 'invalid_date');
    await expectFieldError(await list(admin, 'user_id=999999&from=2026-03-01&to=2026-03-02'), 422, 'user_id', 'unknown_user');
  });
});
