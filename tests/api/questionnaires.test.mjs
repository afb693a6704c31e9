// Questionnaires of the service cycle (manual 003, ADR 0039): an admin sets them on an
// attendance type; an agent answers one on a follow-up of that type (each answer kind
// valid and invalid, a missing required answer named, in Spanish too, nothing stored
// half-way); the answers show in the full history; an edit keeps old answers' texts;
// the export over a period as CSV (BOM, `;`) and XLSX read back by openpyxl; the
// follow-up's visibility rules for an agent of another branch.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, startServer,
} from './harness.mjs';
import { PYTHON, parseCsv } from './export_files.mjs';

const NOW = '2026-11-23T13:00:00Z';
const TODAY = '2026-11-23';

const QUESTIONS = [
  { text: 'Cliente satisfeito?', kind: 'yes_no', required: true },
  { text: 'Canal preferido', kind: 'choice', required: true, options: ['Telefone', 'E-mail', 'WhatsApp'] },
  { text: 'Unidades', kind: 'number', min: 1, max: 100 },
  { text: 'Data da visita', kind: 'date' },
  { text: 'Observações', kind: 'text' },
];
const GOOD = [true, 'WhatsApp', 12.5, '2026-12-01', 'Pediu retorno; "urgente"'];

describe('questionnaires of the service cycle', () => {
  let server, admin, agent, far, supervisor, type, party, tmp;

  before(async () => {
    server = await startServer({ clockStart: NOW, simulatedClock: true });
    admin = await loginAdmin(server);
    const b1 = await createBranch(admin, 'Campinas');
    const b2 = await createBranch(admin, 'Recife');
    agent = await login(server, (await createUser(admin, { name: 'Rafael Souza', branch_id: b1.id })).login);
    supervisor = await login(server, (await createUser(admin, { role: 'supervisor', branch_id: b1.id })).login);
    far = await login(server, (await createUser(admin, { name: 'Marta Lima', branch_id: b2.id })).login);
    type = expectStatus(await admin.post(`${API}/attendance-types`, {
      names: { 'pt-BR': 'Venda', es: 'Venta', en: 'Sale' },
    }), 201, 'type').body;
    party = await createParty(agent, { name: 'Oficina Moema' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'questionnaires-'));
  });
  after(async () => {
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const newQuestionnaire = async (title = 'Ciclo de venda', questions = QUESTIONS) =>
    expectStatus(await admin.post(`${API}/attendance-types/${type.id}/questionnaires`, { title, questions }), 201, 'questionnaire').body;
  const newFollowup = (client = agent, p = party) =>
    createFollowup(client, { party_id: p.id, due_date: TODAY, attendance_type_id: type.id });
  const answersPath = (f, q) => `${API}/followups/${f.id}/questionnaires/${q.id}/answers`;

  test('the editor: admins create and change questionnaires; agents list them; bad questions are named', async () => {
    const q = await newQuestionnaire('Pesquisa');
    assert.equal(q.version, 1);
    assert.deepEqual(q.questions[1].options, ['Telefone', 'E-mail', 'WhatsApp']);
    assert.equal(q.questions[2].min, 1);
    expectProblem(await agent.post(`${API}/attendance-types/${type.id}/questionnaires`, { title: 'X', questions: QUESTIONS }), 403, 'admin_only');
    expectFieldError(await admin.post(`${API}/attendance-types/${type.id}/questionnaires`, {
      title: 'X', questions: [{ text: 'Canal', kind: 'choice', options: ['Só um'] }],
    }), 422, 'questions[0].options', 'required');
    expectFieldError(await admin.post(`${API}/attendance-types/${type.id}/questionnaires`, {
      title: 'X', questions: [{ text: 'Canal', kind: 'rádio' }],
    }), 422, 'questions[0].kind', 'invalid_value');
    expectProblem(await admin.post(`${API}/attendance-types/9999/questionnaires`, { title: 'X', questions: QUESTIONS }), 404, 'attendance_type');
    const retired = expectStatus(await admin.patch(`${API}/attendance-types/${type.id}/questionnaires/${q.id}`, { active: false }), 200).body;
    assert.equal(retired.active, false);
    assert.equal(retired.version, 1, 'no new version without new questions');
    const listed = expectStatus(await agent.get(`${API}/attendance-types/${type.id}/questionnaires`), 200).body.items;
    assert.ok(!listed.some((x) => x.id === q.id), 'agents do not see retired questionnaires');
    const all = expectStatus(await admin.get(`${API}/attendance-types/${type.id}/questionnaires`), 200).body.items;
    assert.ok(all.some((x) => x.id === q.id));
  });

  test('an agent granted configure_attendance sees the retired questionnaires and brings one back', async () => {
    const q = await newQuestionnaire('Pesquisa antiga');
    expectStatus(await admin.patch(`${API}/attendance-types/${type.id}/questionnaires/${q.id}`, { active: false }), 200);
    const u = await createUser(admin, { name: 'Clara Config', branch_id: (await createBranch(admin)).id });
    const configurer = await login(server, u.login);
    const before = expectStatus(await configurer.get(`${API}/attendance-types/${type.id}/questionnaires`), 200).body.items;
    assert.ok(!before.some((x) => x.id === q.id), 'without the right, retired ones are hidden');
    expectStatus(await admin.put(`${API}/users/${u.id}/rights`, { granted: ['configure_attendance'], revoked: [] }), 200);
    const listed = expectStatus(await configurer.get(`${API}/attendance-types/${type.id}/questionnaires`), 200).body.items;
    assert.equal(listed.find((x) => x.id === q.id)?.active, false);
    const back = expectStatus(await configurer.patch(`${API}/attendance-types/${type.id}/questionnaires/${q.id}`, { active: true }), 200).body;
    assert.equal(back.active, true);
    expectStatus(await admin.patch(`${API}/attendance-types/${type.id}/questionnaires/${q.id}`, { active: false }), 200);
  });

  test('every answer kind, valid: stored with the question texts, and a note in the full history', async () => {
    const q = await newQuestionnaire();
    const f = await newFollowup();
    const offered = expectStatus(await agent.get(`${API}/followups/${f.id}/questionnaires`), 200).body.items;
    assert.ok(offered.some((x) => x.questionnaire.id === q.id && x.answers === null));
    const res = expectStatus(await agent.put(answersPath(f, q), { answers: GOOD, version: 1 }), 200).body;
    assert.deepEqual(res.answers.items.map((a) => a.value), GOOD);
    assert.deepEqual(res.answers.items.map((a) => a.question), QUESTIONS.map((x) => x.text));
    assert.equal(res.answers.answered_by.name, 'Rafael Souza');
    const read = expectStatus(await agent.get(answersPath(f, q)), 200).body;
    assert.deepEqual(read.answers.items.map((a) => a.value), GOOD);
    const history = expectStatus(await agent.get(`${API}/followups/${f.id}/history`), 200).body.items;
    const note = history.find((e) => e.body.startsWith('Questionário: Ciclo de venda'));
    assert.ok(note, 'the answers are in the full history');
    assert.match(note.body, /Cliente satisfeito\? — Sim/);
    assert.match(note.body, /Unidades — 12,5/);
    assert.match(note.body, /Data da visita — 01\/12\/2026/);
  });

  test('each answer kind, invalid: 422 naming every answer, nothing stored, nothing in the history', async () => {
    const q = await newQuestionnaire();
    const f = await newFollowup();
    const before = expectStatus(await agent.get(`${API}/followups/${f.id}`), 200).body;
    const bad = expectProblem(await agent.put(answersPath(f, q), { answers: ['sim', 'Fax', 101, '2026-02-30', 42] }), 422);
    const named = Object.fromEntries(bad.body.errors.map((e) => [e.field, e.code]));
    assert.deepEqual(named, {
      'answers[0]': 'invalid_type', 'answers[1]': 'invalid_value', 'answers[2]': 'out_of_range',
      'answers[3]': 'invalid_date', 'answers[4]': 'invalid_type',
    });
    expectFieldError(await agent.put(answersPath(f, q), { answers: [true, 'E-mail', 0.5, null, null] }), 422, 'answers[2]', 'out_of_range');
    expectFieldError(await agent.put(answersPath(f, q), { answers: [true, 'E-mail', null, '01/12/2026', null] }), 422, 'answers[3]', 'invalid_date');
    expectFieldError(await agent.put(answersPath(f, q), { answers: [true] }), 422, 'answers', 'invalid_value');
    const after = expectStatus(await agent.get(`${API}/followups/${f.id}`), 200).body;
    assert.equal(after.version, before.version, 'nothing stored half-way');
    assert.equal(after.entries.length, before.entries.length);
    assert.equal(expectStatus(await agent.get(answersPath(f, q)), 200).body.answers, null);
  });

  test('a required answer missing is named, in Spanish too; blank optional answers are null', async () => {
    const q = await newQuestionnaire();
    const f = await newFollowup();
    const hit = expectFieldError(await agent.put(answersPath(f, q), { answers: [null, 'E-mail', null, null, null] }), 422, 'answers[0]', 'required');
    assert.equal(hit.message, 'Campo obrigatório.');
    const es = expectFieldError(await agent.put(answersPath(f, q), { answers: [true, '', null, null, null] }, { lang: 'es' }), 422, 'answers[1]', 'required');
    assert.equal(es.message, 'Campo obligatorio.');
    const ok = expectStatus(await agent.put(answersPath(f, q), { answers: [false, 'Telefone', null, null, ''] }), 200).body;
    assert.deepEqual(ok.answers.items.map((a) => a.value), [false, 'Telefone', null, null, null]);
  });

  test('an edit raises the version and keeps old answers; a stale version and a closed follow-up are refused', async () => {
    const q = await newQuestionnaire();
    const f = await newFollowup();
    expectStatus(await agent.put(answersPath(f, q), { answers: GOOD }), 200);
    const changed = QUESTIONS.map((x, i) => (i === 0 ? { ...x, text: 'O cliente ficou satisfeito?' } : x));
    const edited = expectStatus(await admin.patch(`${API}/attendance-types/${type.id}/questionnaires/${q.id}`, { questions: changed }), 200).body;
    assert.equal(edited.version, 2);
    const read = expectStatus(await agent.get(answersPath(f, q)), 200).body;
    assert.equal(read.answers.version, 1);
    assert.equal(read.answers.items[0].question, 'Cliente satisfeito?');
    assert.equal(read.questionnaire.questions[0].text, 'O cliente ficou satisfeito?');
    expectProblem(await agent.put(answersPath(f, q), { answers: GOOD, version: 1 }), 412, 'version');
    expectStatus(await agent.post(`${API}/followups/${f.id}/close`, { result: 'Vendido.' }), 200);
    expectProblem(await agent.put(answersPath(f, q), { answers: GOOD }), 409, 'followup_closed');
  });

  test('a questionnaire of another type is not offered', async () => {
    const q = await newQuestionnaire();
    const plain = await createFollowup(agent, { party_id: party.id, due_date: TODAY });
    expectProblem(await agent.put(answersPath(plain, q), { answers: GOOD }), 404, 'questionnaire');
  });

  test('an agent of another branch cannot read or answer; the branch supervisor can', async () => {
    const q = await newQuestionnaire();
    const f = await newFollowup();
    expectProblem(await far.get(answersPath(f, q)), 403, 'forbidden_followup');
    expectProblem(await far.put(answersPath(f, q), { answers: GOOD }), 403, 'forbidden_followup');
    expectProblem(await far.get(`${API}/followups/${f.id}/questionnaires`), 403, 'forbidden_followup');
    expectStatus(await supervisor.put(answersPath(f, q), { answers: GOOD }), 200);
  });

  test('the export: CSV with a BOM and `;`, XLSX read back by openpyxl, rows only within reach', async () => {
    const q = await newQuestionnaire('Exportação');
    const f = await newFollowup();
    expectStatus(await agent.put(answersPath(f, q), { answers: GOOD }), 200);
    const farParty = await createParty(far, { name: 'Farmácia Recife' });
    const g = await newFollowup(far, farParty);
    expectStatus(await far.put(answersPath(g, q), { answers: [false, 'Telefone', 3, null, null] }), 200);

    const exportOf = (client, query, o) =>
      client.get(`${API}/questionnaires/${q.id}/answers/export?${new URLSearchParams(query)}`, o);
    const res = expectStatus(await exportOf(admin, { format: 'csv', from: TODAY, to: TODAY }), 200);
    assert.deepEqual([...res.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
    const rows = parseCsv(res.buf.subarray(3).toString('utf8'));
    assert.deepEqual(rows[0], ['Nº', 'Pessoa', 'Assunto', 'Responsável', 'Respondido em', 'Respondido por', 'Versão', 'Pergunta', 'Resposta']);
    assert.equal(rows.length, 1 + 10, 'one row per answer of both follow-ups');
    const mine = rows.filter((r) => r[0] === String(f.id));
    assert.deepEqual(mine.map((r) => r[7]), QUESTIONS.map((x) => x.text));
    assert.deepEqual(mine.map((r) => r[8]), ['Sim', 'WhatsApp', '12,5', '01/12/2026', 'Pediu retorno; "urgente"']);

    const agentRows = parseCsv(expectStatus(await exportOf(agent, { format: 'csv' }), 200).buf.subarray(3).toString('utf8'));
    assert.ok(agentRows.slice(1).every((r) => r[0] === String(f.id)), 'an agent exports only their own follow-ups');
    const none = parseCsv(expectStatus(await exportOf(admin, { format: 'csv', from: '2026-11-24' }), 200).buf.subarray(3).toString('utf8'));
    assert.equal(none.length, 1, 'nothing answered after the period starts');
    expectFieldError(await exportOf(admin, { format: 'csv', from: '2026-11-24', to: TODAY }), 422, 'to', 'before_from');
    expectFieldError(await exportOf(admin, { format: 'doc' }), 422, 'format');

    const xlsx = expectStatus(await exportOf(admin, { format: 'xlsx', from: TODAY, to: TODAY }, { lang: 'es' }), 200);
    const file = path.join(tmp, 'q.xlsx');
    fs.writeFileSync(file, xlsx.buf);
    const r = spawnSync(PYTHON, ['-c', `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
def cell(v):
    if isinstance(v, datetime.datetime): return v.strftime('%Y-%m-%d %H:%M')
    return v
print(json.dumps([[cell(v) for v in r] for r in wb.worksheets[0].iter_rows(values_only=True)]))
`, file], { encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, r.stderr);
    const sheet = JSON.parse(r.stdout);
    assert.equal(sheet[0][7], 'Pregunta');
    const back = sheet.filter((row) => row[0] === f.id);
    assert.deepEqual(back.map((row) => row[8]), ['Sí', 'WhatsApp', 12.5, '2026-12-01 00:00', 'Pediu retorno; "urgente"']);
  });
});
