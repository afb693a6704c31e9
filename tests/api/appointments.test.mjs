// Appointments and free days (manual 003, ADR 0045) on a fixed clock: booking on a
// follow-up for its users (who may book for whom), the conflict warning on a second
// booking of the same slot, changes with If-Match, soft deletion kept consultable, the
// line on the follow-up's history; free days computed in each user's zone across the
// New York DST change, for a user in Mexico City and one in São Paulo, with a timed
// return; bad input named field by field, in Spanish too, nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer,
} from './harness.mjs';

// Friday 2026-03-06, 15:00 UTC. New York moves to EDT on Sunday 2026-03-08.
const NOW = '2026-03-06T15:00:00Z';

describe('appointments and free days', () => {
  let server, admin, ny, mx, sp, far, supervisor, agentEs, nyFu, mxFu, spFu;

  const freeDays = (client, users, from, to, extra = '') =>
    client.get(`${API}/free-days?users=${users.map((u) => u.user.id).join(',')}&from=${from}&to=${to}${extra}`);
  const book = (client, fu, body) => client.post(`${API}/followups/${fu.id}/appointments`, body);
  const daysOf = (res, who) => Object.fromEntries(res.body.items.find((i) => i.user.id === who.user.id).days.map((d) => [d.date, d]));

  before(async () => {
    server = await startServer({ clockStart: NOW, simulatedClock: true });
    admin = await loginAdmin(server);
    const b1 = await createBranch(admin, 'Campinas');
    const b2 = await createBranch(admin, 'Recife');
    const mk = async (fields, opts) => {
      const user = await createUser(admin, { branch_id: b1.id, ...fields });
      return { user, client: await login(server, user.login, undefined, opts) };
    };
    ny = await mk({ name: 'Nora York', time_zone: 'America/New_York' });
    mx = await mk({ name: 'Mateo Ruiz', time_zone: 'America/Mexico_City', locale: 'es' });
    sp = await mk({ name: 'Sara Paulino' });
    supervisor = await mk({ name: 'Sueli Chefe', role: 'supervisor' });
    far = await mk({ name: 'Fábio Longe', branch_id: b2.id });
    agentEs = { user: mx.user, client: await login(server, mx.user.login, undefined, { lang: 'es' }) };
    const party = await createParty(admin, { name: 'Oficina Moema' });
    nyFu = await createFollowup(ny.client, { party_id: party.id, due_date: '2026-03-20' });
    spFu = await createFollowup(sp.client, { party_id: party.id, due_date: '2026-03-20' });
    // A timed return of Mateo: 15:00 in Mexico City on Tuesday 2026-03-10.
    mxFu = await createFollowup(mx.client, { party_id: party.id, due_date: '2026-03-10', due_time: '15:00' });
  });
  after(async () => { await server?.stop(); });

  test('free days across the New York DST change: the same UTC hours are other local hours', async () => {
    // 13:00-23:00 UTC is 08:00-18:00 EST on Friday and 09:00-19:00 EDT on Monday.
    for (const day of ['2026-03-06', '2026-03-09']) {
      expectStatus(await book(admin, nyFu, { starts_at: `${day}T13:00:00Z`, ends_at: `${day}T23:00:00Z`, attendees: [ny.user.id] }), 201);
    }
    const res = expectStatus(await freeDays(ny.client, [ny], '2026-03-06', '2026-03-10'), 200);
    assert.equal(res.body.items[0].time_zone, 'America/New_York');
    const d = daysOf(res, ny);
    assert.deepEqual(Object.keys(d), ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    assert.equal(d['2026-03-06'].availability, 'busy');
    assert.deepEqual(d['2026-03-06'].free, []);
    assert.equal(d['2026-03-07'].availability, 'off');
    assert.equal(d['2026-03-08'].availability, 'off');
    assert.equal(d['2026-03-09'].availability, 'partly_free');
    assert.deepEqual(d['2026-03-09'].free, [{ from: '08:00', to: '09:00' }]);
    assert.equal(d['2026-03-09'].free_minutes, 60);
    assert.equal(d['2026-03-10'].availability, 'free');
    assert.deepEqual(d['2026-03-10'].free, [{ from: '08:00', to: '18:00' }]);
    // The DST Sunday counted as a working day of 00:00-24:00 has 23 hours.
    const sunday = expectStatus(await freeDays(ny.client, [ny], '2026-03-08', '2026-03-08', '&day_start=00:00&day_end=00:00'), 200);
    // Weekends stay off whatever the hours: the working week is Monday to Friday.
    assert.equal(sunday.body.items[0].days[0].availability, 'off');
  });

  test('a user in Mexico City and one in São Paulo: one appointment, each in their own hours; a timed return takes 30 minutes', async () => {
    // 14:00-16:00 UTC: 08:00-10:00 in Mexico City (UTC-6), 11:00-13:00 in São Paulo.
    const b = expectStatus(await book(admin, spFu, { starts_at: '2026-03-10T14:00:00Z', ends_at: '2026-03-10T16:00:00Z', place: 'Sala 2', attendees: [sp.user.id, mx.user.id] }), 201);
    assert.deepEqual(b.body.appointment.attendees.map((a) => a.name), ['Sara Paulino', 'Mateo Ruiz']);
    // Mateo's return at 15:00 local is 21:00 UTC, outside the slot: no conflict.
    assert.deepEqual(b.body.conflicts, []);
    const res = expectStatus(await freeDays(admin, [mx, sp], '2026-03-09', '2026-03-13'), 200);
    assert.deepEqual(res.body.items.map((i) => i.time_zone), ['America/Mexico_City', 'America/Sao_Paulo']);
    const m = daysOf(res, mx);
    const s = daysOf(res, sp);
    assert.equal(m['2026-03-10'].availability, 'partly_free');
    assert.deepEqual(m['2026-03-10'].free, [{ from: '10:00', to: '15:00' }, { from: '15:30', to: '18:00' }]);
    assert.deepEqual(s['2026-03-10'].free, [{ from: '08:00', to: '11:00' }, { from: '13:00', to: '18:00' }]);
    assert.equal(m['2026-03-09'].availability, 'free');
    assert.equal(s['2026-03-13'].availability, 'free');
    // A supervisor asks about the branch; an agent only about themselves.
    expectStatus(await freeDays(supervisor.client, [mx, sp], '2026-03-09', '2026-03-13'), 200);
    expectProblem(await freeDays(sp.client, [mx], '2026-03-09', '2026-03-13'), 403, 'scope_not_allowed');
    expectProblem(await freeDays(supervisor.client, [far], '2026-03-09', '2026-03-13'), 403, 'scope_not_allowed');
  });

  test('a second booking of the same slot answers the conflicts; both stay booked', async () => {
    const slot = { starts_at: '2026-03-11T10:00:00-03:00', ends_at: '2026-03-11T11:00:00-03:00', place: 'Cliente', attendees: [sp.user.id] };
    const first = expectStatus(await book(sp.client, spFu, slot), 201);
    assert.deepEqual(first.body.conflicts, []);
    assert.equal(first.headers.get('etag'), '"1"');
    const second = expectStatus(await book(supervisor.client, spFu, { ...slot, starts_at: '2026-03-11T10:30:00-03:00' }), 201);
    assert.equal(second.body.conflicts.length, 1);
    const c = second.body.conflicts[0];
    assert.equal(c.kind, 'appointment');
    assert.equal(c.appointment_id, first.body.appointment.id);
    assert.equal(c.followup_id, spFu.id);
    assert.deepEqual(c.user, { id: sp.user.id, name: 'Sara Paulino' });
    assert.equal(Date.parse(c.starts_at), Date.parse('2026-03-11T13:00:00Z'));
    // A booking over Mateo's timed return warns about the return.
    const ret = expectStatus(await book(admin, mxFu, { starts_at: '2026-03-10T14:45:00-06:00', ends_at: '2026-03-10T15:15:00-06:00', attendees: [mx.user.id] }), 201);
    assert.deepEqual(ret.body.conflicts.map((x) => [x.kind, x.action_id !== null]), [['return', true]]);
    // The follow-up's history has the booking's line.
    const fu = expectStatus(await sp.client.get(`${API}/followups/${spFu.id}`), 200).body;
    assert.ok(fu.entries.some((e) => e.kind === 'status' && e.body === '📅 2026-03-11 10:00–11:00 · Cliente · Sara Paulino'), JSON.stringify(fu.entries.map((e) => e.body)));
  });

  test('who books for whom: agents themselves, supervisors their branch, nothing stored on refusal', async () => {
    const slot = { starts_at: '2026-03-12T09:00:00-03:00', ends_at: '2026-03-12T10:00:00-03:00' };
    const before = expectStatus(await admin.get(`${API}/followups/${spFu.id}`), 200).body;
    const listBefore = expectStatus(await admin.get(`${API}/followups/${spFu.id}/appointments`), 200).body.items.length;
    expectProblem(await book(sp.client, spFu, { ...slot, attendees: [mx.user.id] }), 403, 'filter_not_allowed');
    expectProblem(await book(supervisor.client, spFu, { ...slot, attendees: [far.user.id] }), 403, 'filter_not_allowed');
    expectProblem(await book(far.client, spFu, slot), 403, 'forbidden_followup');
    const after = expectStatus(await admin.get(`${API}/followups/${spFu.id}`), 200).body;
    assert.equal(after.version, before.version);
    assert.equal(expectStatus(await admin.get(`${API}/followups/${spFu.id}/appointments`), 200).body.items.length, listBefore);
    // Without attendees: the caller.
    const own = expectStatus(await book(sp.client, spFu, slot), 201).body.appointment;
    assert.deepEqual(own.attendees, [{ id: sp.user.id, name: 'Sara Paulino' }]);
  });

  test('bad input is named field by field, in Spanish too, and nothing is stored', async () => {
    const listBefore = expectStatus(await admin.get(`${API}/followups/${mxFu.id}/appointments`), 200).body.items.length;
    const bad = await book(admin, mxFu, { starts_at: '2026-03-12T10:00:00-03:00', ends_at: '2026-03-12T09:00:00-03:00', attendees: [999999], place: 'a\nb' });
    expectFieldError(bad, 422, 'ends_at', 'before_from');
    expectFieldError(bad, 422, 'attendees[0]', 'unknown_user');
    expectFieldError(bad, 422, 'place', 'invalid_text');
    expectFieldError(await book(admin, mxFu, { place: 'Sala' }), 422, 'starts_at', 'required');
    expectFieldError(await book(admin, mxFu, { starts_at: 'amanhã', ends_at: '2026-03-12T09:00:00-03:00' }), 422, 'starts_at', 'invalid_instant');
    const es = await book(agentEs.client, mxFu, { starts_at: '2026-03-12T10:00:00-06:00', ends_at: '2026-03-12T10:00:00-06:00' });
    const hit = expectFieldError(es, 422, 'ends_at', 'before_from');
    assert.equal(hit.message, 'El fin es anterior al inicio.');
    assert.equal(expectStatus(await admin.get(`${API}/followups/${mxFu.id}/appointments`), 200).body.items.length, listBefore);
    expectFieldError(await admin.get(`${API}/free-days?from=2026-03-09&to=2026-03-13`), 422, 'users', 'required');
    expectFieldError(await freeDays(admin, [mx], '2026-03-13', '2026-03-09'), 422, 'to', 'before_from');
    expectFieldError(await freeDays(admin, [mx], '2026-03-01', '2026-06-01'), 422, 'to', 'too_far');
    expectFieldError(await admin.get(`${API}/free-days?users=abc&from=2026-03-09&to=2026-03-13`), 422, 'users', 'invalid_id');
    expectFieldError(await admin.get(`${API}/free-days?users=999999&from=2026-03-09&to=2026-03-13`), 422, 'users', 'unknown_user');
    expectFieldError(await freeDays(admin, [mx], '2026-03-09', '2026-03-13', '&day_start=25:00'), 422, 'day_start', 'invalid_time');
    expectFieldError(await freeDays(admin, [mx], '2026-03-09', '2026-03-13', '&day_start=18:00&day_end=08:00'), 422, 'day_end', 'before_from');
  });

  test('changed with If-Match, deleted and still consultable; deleted time is free again', async () => {
    const slot = { starts_at: '2026-03-13T10:00:00-06:00', ends_at: '2026-03-13T12:00:00-06:00', attendees: [mx.user.id] };
    const a = expectStatus(await book(mx.client, mxFu, slot), 201).body.appointment;
    const path = `${API}/appointments/${a.id}`;
    expectProblem(await mx.client.patch(path, { place: 'Sala 3' }), 428, 'if_match_required');
    expectProblem(await mx.client.patch(path, { place: 'Sala 3' }, { headers: { 'If-Match': '"9"' } }), 412, 'version');
    const moved = expectStatus(await mx.client.patch(path, { place: 'Sala 3', starts_at: '2026-03-13T11:00:00-06:00' }, { headers: { 'If-Match': '"1"' } }), 200).body;
    assert.equal(moved.appointment.version, 2);
    assert.equal(moved.appointment.place, 'Sala 3');
    let d = daysOf(expectStatus(await freeDays(mx.client, [mx], '2026-03-13', '2026-03-13'), 200), mx);
    assert.deepEqual(d['2026-03-13'].free, [{ from: '08:00', to: '11:00' }, { from: '12:00', to: '18:00' }]);
    expectProblem(await far.client.del(path), 403, 'forbidden_followup');
    assert.equal(expectStatus(await mx.client.del(path), 204).status, 204);
    expectProblem(await mx.client.del(path), 404, 'not_found');
    expectProblem(await mx.client.patch(path, { place: 'x' }, { headers: { 'If-Match': '"3"' } }), 404, 'not_found');
    const list = expectStatus(await mx.client.get(`${API}/followups/${mxFu.id}/appointments`), 200).body.items;
    const gone = list.find((x) => x.id === a.id);
    assert.ok(gone.deleted_at);
    assert.deepEqual(gone.deleted_by, { id: mx.user.id, name: 'Mateo Ruiz' });
    d = daysOf(expectStatus(await freeDays(mx.client, [mx], '2026-03-13', '2026-03-13'), 200), mx);
    assert.equal(d['2026-03-13'].availability, 'free');
    const fu = expectStatus(await mx.client.get(`${API}/followups/${mxFu.id}`), 200).body;
    assert.ok(fu.entries.some((e) => e.body.startsWith('↻ 📅 2026-03-13 10:00–12:00')));
    assert.ok(fu.entries.some((e) => e.body.startsWith('✕ 📅 2026-03-13 11:00–12:00 · Sala 3')));
  });
});
