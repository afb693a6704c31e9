// The CRM calendar of manual 002 through the API: day colours, the day's returns, the
// viewer's zone, permissions and the new-opportunity form.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createParty, createUser, expectFieldError, expectStatus, login, loginAdmin, startServer,
} from './harness.mjs';

const addDays = (date, n) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

async function newReturn(client, party, due_date, due_time) {
  const next_action = { type: 'phone', due_date };
  if (due_time) next_action.due_time = due_time;
  return expectStatus(await client.post(`${API}/followups`, {
    party_id: party.id, subject: 'Retorno do orçamento', category: 'pos_venda', priority: 'medium', next_action,
  }), 201).body;
}

describe('CRM calendar', () => {
  let server, admin, agent, agentUser, party, today;

  before(async () => {
    server = await startServer();
    admin = await loginAdmin(server);
    agentUser = await createUser(admin, { name: 'Carla Calendário' });
    agent = await login(server, agentUser.login);
    party = await createParty(agent, { name: 'Padaria Pão Quente' });
    today = expectStatus(await agent.get(`${API}/me`), 200).body.today;
  });
  after(async () => { await server?.stop(); });

  const dayOf = async (client, date, query = '') => {
    const m = expectStatus(await client.get(`${API}/calendar?month=${date.slice(0, 7)}${query}`), 200).body;
    return m.days.find((d) => d.date === date);
  };

  test('a day turns from red to orange to green as its returns are done; tomorrow is neutral', async () => {
    const f = [];
    for (let i = 0; i < 3; i++) f.push(await newReturn(agent, party, today));
    let d = await dayOf(agent, today);
    assert.deepEqual({ ...d }, { date: today, total: 3, done: 0, planned: 3, colour: 'red' });
    expectStatus(await agent.post(`${API}/actions/${f[0].actions[0].id}/complete`,
      { result: 'Resolvido por ligação.', resolution: 'phone' }), 200);
    d = await dayOf(agent, today);
    assert.equal(d.colour, 'orange');
    assert.equal(d.done, 1);
    // A cancelled return is neither done nor owed.
    expectStatus(await agent.post(`${API}/actions/${f[1].actions[0].id}/cancel`, { reason: 'Cliente desistiu' }), 200);
    expectStatus(await agent.post(`${API}/actions/${f[2].actions[0].id}/complete`,
      { result: 'E-mail enviado', resolution: 'email' }), 200);
    d = await dayOf(agent, today);
    assert.deepEqual({ total: d.total, done: d.done, colour: d.colour }, { total: 2, done: 2, colour: 'green' });

    const tomorrow = addDays(today, 1);
    await newReturn(agent, party, tomorrow);
    const t = await dayOf(agent, tomorrow);
    assert.equal(t.colour, 'future');
    assert.equal(t.planned, 1);
    const month = expectStatus(await agent.get(`${API}/calendar?month=${today.slice(0, 7)}`), 200).body;
    assert.equal(month.today, today);
    const [y, m] = today.split('-').map(Number);
    assert.equal(month.days.length, new Date(Date.UTC(y, m, 0)).getUTCDate());

    const day = expectStatus(await agent.get(`${API}/calendar/day?date=${today}`), 200).body;
    assert.equal(day.items.length, 2, 'done returns listed, the cancelled one not');
    assert.ok(day.items.every((i) => i.status === 'done' && i.followup.party.name === 'Padaria Pão Quente'));
  });

  test("a timed return lands on its instant's day in the viewer's zone (São Paulo agent, Mexico City admin)", async () => {
    expectStatus(await admin.patch(`${API}/users/${admin.user.id}`, { time_zone: 'America/Mexico_City' }), 200);
    const d2 = addDays(today, 2);
    await newReturn(agent, party, d2, '00:30');  // 00:30 in São Paulo = 21:30 the day before in Mexico City
    const forAgent = await dayOf(agent, d2);
    assert.equal(forAgent.total, 1);
    const q = `&user_id=${agentUser.id}`;
    const adminD1 = await dayOf(admin, addDays(today, 1), q);
    const adminD2 = await dayOf(admin, d2, q);
    assert.equal(adminD2.total, 0);
    assert.equal(adminD1.total, 2, "tomorrow's untimed return plus the 00:30 one");
    const items = expectStatus(await admin.get(`${API}/calendar/day?date=${addDays(today, 1)}${q}`), 200).body.items;
    assert.ok(items.some((i) => i.due_time === '00:30' && i.due_date === d2));
  });

  test('who may see which calendar', async () => {
    const other = await createUser(admin, {});
    expectStatus(await agent.get(`${API}/calendar?scope=all`), 403);
    expectStatus(await agent.get(`${API}/calendar?user_id=${other.id}`), 403);
    expectStatus(await admin.get(`${API}/calendar?scope=all`), 200);
    expectFieldError(await agent.get(`${API}/calendar?month=2026-13`), 422, 'month');
    expectFieldError(await agent.get(`${API}/calendar/day`), 422, 'date');
  });

  test('"+" creates a prospect and its follow-up on the next-contact day, all or nothing', async () => {
    const before = expectStatus(await agent.get(`${API}/parties?kind=prospect`), 200).body.items.length;
    const bad = await agent.post(`${API}/opportunities`, { company: '', email: 'x@', next_contact_date: addDays(today, -1) });
    expectFieldError(bad, 422, 'company', 'required');
    expectFieldError(bad, 422, 'email', 'invalid_email');
    expectFieldError(bad, 422, 'next_contact_date', 'in_past');
    assert.equal(expectStatus(await agent.get(`${API}/parties?kind=prospect`), 200).body.items.length, before);

    const next = addDays(today, 3);
    const r = expectStatus(await agent.post(`${API}/opportunities`, {
      company: 'Sorveteria Açaí & Cia', contact_name: 'Dona Joana', email: 'joana@acai.com.br',
      whatsapp: '+55 19 99876-1234', next_contact_date: next,
    }), 201).body;
    assert.match(r.party.code, /^OPP-/);
    assert.equal(r.party.name, 'Sorveteria Açaí & Cia');
    assert.equal(r.followup.subject, 'Nova oportunidade: Sorveteria Açaí & Cia');
    assert.equal(r.followup.actions[0].due_date, next);
    const party2 = expectStatus(await agent.get(`${API}/parties/${r.party.id}`), 200).body;
    assert.equal(party2.kind, 'prospect');
    assert.equal(party2.contacts[0].name, 'Dona Joana');
    const day = expectStatus(await agent.get(`${API}/calendar/day?date=${next}`), 200).body;
    assert.ok(day.items.some((i) => i.followup.id === r.followup.id));
    assert.equal((await dayOf(agent, next)).planned, 1);
  });

  test("each day-view action of manual 002: reschedule, resolved by phone, e-mail with placeholders, WhatsApp on the timeline", async () => {
    // Another agent, so the feed test below counts only its own agent's returns.
    const agent = await login(server, (await createUser(admin, { name: 'Diana Dia' })).login);
    const d = addDays(today, 3), later = addDays(today, 5);
    const p = await createParty(agent, { name: 'Mercearia Dia a Dia', email: 'compras@diaadia.com.br', whatsapp: '+55 19 99876-5432' });
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await newReturn(agent, p, d));
    const dayItems = async (date) => expectStatus(await agent.get(`${API}/calendar/day?date=${date}`), 200).body.items
      .filter((i) => i.followup.party.id === p.id);
    assert.equal((await dayItems(d)).length, 4);

    // Reschedule to a date: it leaves the day and shows on the new one.
    expectStatus(await agent.post(`${API}/actions/${made[0].actions[0].id}/reschedule`, { due_date: later }), 200);
    assert.equal((await dayItems(d)).length, 3);
    assert.deepEqual((await dayItems(later)).map((i) => i.followup.id), [made[0].id]);

    // Resolved by phone: done, with the resolution.
    expectStatus(await agent.post(`${API}/actions/${made[1].actions[0].id}/complete`, { result: 'Resolvido por ligação', resolution: 'phone' }), 200);

    // E-mail: the message's placeholders rendered against the follow-up, queued, then done.
    const preview = expectStatus(await agent.post(`${API}/templates/preview`, {
      subject: 'Retorno para #{cliente}', body: 'Olá #{contato|cliente}, tudo certo?', followup_id: made[2].id,
    }), 200).body;
    assert.equal(preview.subject, 'Retorno para Mercearia Dia a Dia');
    assert.deepEqual(preview.missing, []);
    const queued = expectStatus(await agent.post(`${API}/followups/${made[2].id}/emails`, { subject: preview.subject, body: preview.body }), 202).body;
    assert.deepEqual(queued.to, ['compras@diaadia.com.br']);
    expectStatus(await agent.post(`${API}/actions/${made[2].actions[0].id}/complete`, { result: `E-mail: ${preview.subject}`, resolution: 'email' }), 200);

    // WhatsApp: the click-to-chat message is logged on the timeline.
    expectStatus(await agent.post(`${API}/followups/${made[3].id}/entries`, { kind: 'note', body: 'WhatsApp enviado: Olá, tudo certo?' }), 201);
    const timeline = expectStatus(await agent.get(`${API}/followups/${made[3].id}`), 200).body.entries;
    assert.ok(timeline.some((e) => e.body === 'WhatsApp enviado: Olá, tudo certo?' && !e.draft));

    const items = await dayItems(d);
    const byId = Object.fromEntries(items.map((i) => [i.followup.id, i]));
    assert.deepEqual([byId[made[1].id].status, byId[made[1].id].resolution], ['done', 'phone']);
    assert.deepEqual([byId[made[2].id].status, byId[made[2].id].resolution], ['done', 'email']);
    assert.equal(byId[made[3].id].status, 'planned');
  });

  test('the private calendar feed: iCalendar of planned returns with alarms, revocable', async () => {
    assert.equal(expectStatus(await agent.get(`${API}/me`), 200).body.calendar_feed, false);
    const { url } = expectStatus(await agent.post(`${API}/me/calendar-feed`, {}), 201).body;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{20,}\.ics$/);
    assert.equal(expectStatus(await agent.get(`${API}/me`), 200).body.calendar_feed, true);
    const d = addDays(today, 5);
    await newReturn(agent, party, d, '09:00');
    const res = await fetch(url);  // no cookie, no header: the token is the credential
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/calendar/);
    const ics = (await res.text()).replace(/\r\n[ \t]/g, '');  // unfold
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /VERSION:2\.0/);
    assert.doesNotMatch(ics, /TZID/);
    const events = ics.split('BEGIN:VEVENT').length - 1;
    // Planned returns of open follow-ups only: this agent has 4 (tomorrow, the 00:30
    // one, the opportunity's and this one); done and cancelled returns are not events.
    assert.equal(events, 4);
    // 09:00 in São Paulo on d = 12:00Z, reminded then.
    const stamp = d.replaceAll('-', '');
    assert.match(ics, new RegExp(`DTSTART:${stamp}T120000Z`));
    assert.match(ics, new RegExp(`TRIGGER;VALUE=DATE-TIME:${stamp}T120000Z`));
    assert.match(ics, /SUMMARY:Retorno do orçamento — Padaria Pão Quente/);
    assert.match(ics, /DTSTART;VALUE=DATE:\d{8}/, 'untimed returns are all-day events');
    // A new URL ends the old one; revoking ends both.
    const second = expectStatus(await agent.post(`${API}/me/calendar-feed`, {}), 201).body.url;
    assert.equal((await fetch(url)).status, 404);
    assert.equal((await fetch(second)).status, 200);
    expectStatus(await agent.del(`${API}/me/calendar-feed`), 204);
    assert.equal((await fetch(second)).status, 404);
    assert.equal(expectStatus(await agent.get(`${API}/me`), 200).body.calendar_feed, false);
  });
});
