// Editing a customer, supplier or prospect (PATCH /parties/{id}): If-Match, field
// checks, who may edit, and the birthday follow-ups that follow a changed birthday.
// The server's clock is fixed mid-year so the birthday dates never cross a year end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createParty, createUser, expectFieldError, expectProblem, expectStatus, listAll, login,
  loginAdmin, startServer,
} from './harness.mjs';

const CLOCK = '2026-06-10T15:00:00Z';  // 12:00 in São Paulo, the organisation's zone
const TODAY = '2026-06-10';
const birthdayFollowups = async (client, partyId) =>
  (await listAll(client, { party_id: partyId, status: 'all' })).filter((f) => f.origin === 'birthday');

describe('editing a party', () => {
  let server, admin, owner, otherAgent, supervisor, otherSupervisor, branch;

  before(async () => {
    server = await startServer({ clockStart: CLOCK });
    admin = await loginAdmin(server);
    branch = await createBranch(admin, 'Filial Ribeirão');
    const other = await createBranch(admin, 'Filial Santos');
    owner = await login(server, (await createUser(admin, { name: 'Otávio Dono', branch_id: branch.id })).login);
    otherAgent = await login(server, (await createUser(admin, { name: 'Ana Outra', branch_id: branch.id })).login);
    supervisor = await login(server, (await createUser(admin, { name: 'Sara Sup', role: 'supervisor', branch_id: branch.id })).login);
    otherSupervisor = await login(server, (await createUser(admin, { name: 'Saulo Sup', role: 'supervisor', branch_id: other.id })).login);
  });
  after(async () => { await server?.stop(); });

  test('changes the named fields only, with a new version and ETag', async () => {
    const p = await createParty(owner, { name: 'Mercearia Boa Vista', contacts: [{ name: 'Lúcia', phone: '+55 16 3333-1111' }] });
    assert.equal(p.version, 1);
    const got = expectStatus(await owner.get(`${API}/parties/${p.id}`), 200);
    assert.equal(got.headers.get('etag'), '"1"');
    const r = expectStatus(await owner.patch(`${API}/parties/${p.id}`, {
      name: 'Mercearia Boa Vista Ltda', phone: '+55 16 3333-2222', birthday: '1980-07-01',
      contacts: [{ name: 'Lúcia', phone: '+55 16 3333-1111' }, { name: 'Caio', email: 'caio@boavista.com.br' }],
    }, { headers: { 'If-Match': '"1"' } }), 200);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.equal(r.body.version, 2);
    assert.equal(r.body.name, 'Mercearia Boa Vista Ltda');
    assert.equal(r.body.email, p.email, 'a PATCH keeps the fields it does not name');
    assert.equal(r.body.code, p.code);
    assert.deepEqual(r.body.contacts.map((c) => c.name), ['Lúcia', 'Caio']);
    const read = expectStatus(await admin.get(`${API}/parties/${p.id}`), 200).body;
    assert.deepEqual(read, r.body, 'the answer is what was stored');
    // null clears an optional field
    const cleared = expectStatus(await owner.patch(`${API}/parties/${p.id}`, { birthday: null }), 200).body;
    assert.equal(cleared.birthday, null);
    assert.equal(cleared.version, 3);
  });

  test('a stale If-Match, a taken code or a bad field changes nothing', async () => {
    const p = await createParty(owner, { name: 'Padaria Trigo Bom' });
    const taken = await createParty(owner, { name: 'Outro cliente' });
    expectStatus(await owner.patch(`${API}/parties/${p.id}`, { phone: '+55 16 4000-0001' }), 200);
    expectProblem(await owner.patch(`${API}/parties/${p.id}`, { name: 'Nome velho' }, { headers: { 'If-Match': '"1"' } }), 412);
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { code: taken.code }), 409, 'code', 'taken');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { email: 'não é e-mail' }), 422, 'email', 'invalid_email');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, {
      contacts: [{ name: 'Rui' }, { name: 'Eva', email: 'eva@' }],
    }), 422, 'contacts[1].email', 'invalid_email');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { contacts: [{ email: 'x@y.com' }] }), 422, 'contacts[0].name', 'required');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { birthday: '2026-02-30' }), 422, 'birthday');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { name: '' }), 422, 'name', 'required');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { kind: 'amigo' }), 422, 'kind');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { branch_id: 999999 }), 422, 'branch_id', 'unknown_branch');
    expectProblem(await owner.patch(`${API}/parties/${p.id}`, { name: 'x' }, { headers: { 'If-Match': '"abc"' } }), 412);
    expectProblem(await owner.patch(`${API}/parties/999999`, { name: 'x' }), 404);
    const read = expectStatus(await owner.get(`${API}/parties/${p.id}`), 200).body;
    assert.equal(read.version, 2);
    assert.equal(read.name, 'Padaria Trigo Bom');
    assert.equal(read.phone, '+55 16 4000-0001');
    assert.deepEqual(read.contacts, []);
  });

  test('its owner, a supervisor of its branch and admins may edit; nobody else', async () => {
    const p = await createParty(owner, { name: 'Auto Peças Serrana' });
    assert.equal(p.branch_id, branch.id);
    expectProblem(await otherAgent.patch(`${API}/parties/${p.id}`, { phone: '+55 16 1' }), 403, 'forbidden_party');
    expectProblem(await otherSupervisor.patch(`${API}/parties/${p.id}`, { phone: '+55 16 1' }), 403, 'forbidden_party');
    expectStatus(await supervisor.patch(`${API}/parties/${p.id}`, { phone: '+55 16 3000-0001' }), 200);
    expectStatus(await admin.patch(`${API}/parties/${p.id}`, { phone: '+55 16 3000-0002' }), 200);
    // An agent keeps its own customers: it may not hand one to a colleague.
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { owner_id: otherAgent.user.id }), 422, 'owner_id', 'not_allowed');
    await expectFieldError(await owner.patch(`${API}/parties/${p.id}`, { owner_id: null }), 422, 'owner_id', 'not_allowed');
    await expectFieldError(await supervisor.patch(`${API}/parties/${p.id}`, { branch_id: null }), 422, 'branch_id', 'branch_not_allowed');
    const moved = expectStatus(await supervisor.patch(`${API}/parties/${p.id}`, { owner_id: otherAgent.user.id }), 200).body;
    assert.equal(moved.owner_id, otherAgent.user.id);
    expectProblem(await owner.patch(`${API}/parties/${p.id}`, { phone: '+55 16 2' }), 403, 'forbidden_party');
    expectStatus(await otherAgent.patch(`${API}/parties/${p.id}`, { phone: '+55 16 3000-0003' }), 200);
  });

  test('a changed birthday moves its follow-up; a removed one closes it; a new one creates one', async () => {
    const p = await createParty(owner, {
      name: 'Floricultura Ipê', birthday: '1970-06-15',
      contacts: [{ name: 'Dalva', birthday: '1985-06-20' }],
    });
    let items = await birthdayFollowups(owner, p.id);
    assert.deepEqual(items.map((f) => f.next_due_date).sort(), ['2026-06-15', '2026-06-20']);
    const partyFollowup = items.find((f) => f.next_due_date === '2026-06-15');

    // The party's birthday moves within the horizon: the same follow-up, on the new day.
    expectStatus(await owner.patch(`${API}/parties/${p.id}`, { birthday: '1970-06-18' }), 200);
    items = await birthdayFollowups(owner, p.id);
    assert.equal(items.length, 2, 'moved, not duplicated');
    const moved = items.find((f) => f.id === partyFollowup.id);
    assert.equal(moved.next_due_date, '2026-06-18');
    assert.equal(moved.status, 'open');

    // The contact's birthday is removed: its follow-up is closed with the reason.
    const dalva = items.find((f) => f.contact.name === 'Dalva');
    expectStatus(await owner.patch(`${API}/parties/${p.id}`, { contacts: [{ name: 'Dalva' }] }), 200);
    const closed = expectStatus(await owner.get(`${API}/followups/${dalva.id}`), 200).body;
    assert.equal(closed.status, 'closed');
    assert.ok(closed.actions.every((a) => a.status !== 'planned'));
    assert.ok(closed.entries.some((e) => /aniversário mudou/.test(e.body)), JSON.stringify(closed.entries));

    // A new contact with a birthday within 30 days gets one at once; one already past
    // this year gets none (the follow-up of next year comes with the hourly job).
    expectStatus(await owner.patch(`${API}/parties/${p.id}`, {
      contacts: [{ name: 'Dalva' }, { name: 'Téo', birthday: '2001-06-25' }, { name: 'Íris', birthday: '1999-01-05' }],
    }), 200);
    items = (await birthdayFollowups(owner, p.id)).filter((f) => f.status === 'open');
    assert.deepEqual(items.map((f) => f.next_due_date).sort(), ['2026-06-18', '2026-06-25']);

    // The party's birthday moves to a day already past: its follow-up is closed.
    expectStatus(await owner.patch(`${API}/parties/${p.id}`, { birthday: '1970-06-01' }), 200);
    const gone = expectStatus(await owner.get(`${API}/followups/${partyFollowup.id}`), 200).body;
    assert.equal(gone.status, 'closed');
    const day = expectStatus(await owner.get(`${API}/calendar/day?date=2026-06-25`), 200).body;
    assert.ok(day.items.some((i) => i.followup.origin === 'birthday' && i.followup.contact.name === 'Téo'));
    assert.equal(TODAY, (await owner.get(`${API}/me`)).body.today);
  });

  test('an edit survives a restart', async () => {
    const p = await createParty(owner, { name: 'Oficina Dois Irmãos' });
    expectStatus(await owner.patch(`${API}/parties/${p.id}`, { name: 'Oficina Dois Irmãos ME', whatsapp: '+55 16 98888-7777' }), 200);
    await server.stop();
    server = await startServer({ db: server.db, dir: server.dir, clockStart: CLOCK });
    const a = await loginAdmin(server);
    const read = expectStatus(await a.get(`${API}/parties/${p.id}`), 200);
    assert.equal(read.body.name, 'Oficina Dois Irmãos ME');
    assert.equal(read.body.whatsapp, '+55 16 98888-7777');
    assert.equal(read.headers.get('etag'), '"2"');
  });
});
