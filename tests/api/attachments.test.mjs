// Attachments (manuals 000/003): multipart upload, content type sniffed from the bytes,
// sha256, streamed back byte for byte with the right headers, 10 MiB limit, visibility.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, createBranch, createFollowup, createParty, createUser, expectFieldError, expectProblem,
  expectStatus, login, loginAdmin, pdfBytes, pngBytes, sha256hex, startServer, upload,
} from './harness.mjs';

const CLOCK = '2026-03-10T15:00:00Z';
const MiB = 1024 * 1024;

let server, admin, owner, colleague, sup, fu;

before(async () => {
  server = await startServer({ clockStart: CLOCK });
  admin = await loginAdmin(server);
  const branch = await createBranch(admin, 'Campinas');
  await createUser(admin, { login: 'dono', role: 'agent', branch_id: branch.id });
  await createUser(admin, { login: 'colega', role: 'agent', branch_id: branch.id });
  await createUser(admin, { login: 'chefe', role: 'supervisor', branch_id: branch.id });
  owner = await login(server, 'dono');
  colleague = await login(server, 'colega');
  sup = await login(server, 'chefe');
  const party = await createParty(owner);
  fu = await createFollowup(owner, { party_id: party.id, due_date: '2026-03-11' });
});

after(async () => { await server?.stop(); });

const attachmentsOf = async (client, id) => expectStatus(await client.get(`${API}/followups/${id}`), 200).body;

describe('attachments', () => {
  let pdf, png;

  test('a real PDF declared as text/plain is stored as application/pdf with its sha256', async () => {
    const bytes = pdfBytes();
    const res = await upload(owner, fu.id, bytes, { filename: 'laudo técnico.pdf', declaredType: 'text/plain' });
    expectStatus(res, 201);
    pdf = { meta: res.body, bytes };
    assert.equal(res.body.content_type, 'application/pdf');
    assert.equal(res.body.size, bytes.length);
    assert.equal(res.body.sha256, sha256hex(bytes));
    assert.equal(res.body.file_name, 'laudo técnico.pdf');
    assert.equal(res.body.followup_id, fu.id);
    const d = await attachmentsOf(owner, fu.id);
    assert.ok(d.attachments.some((a) => a.id === res.body.id && a.sha256 === sha256hex(bytes)));
  });

  test('a real PNG declared as application/octet-stream is stored as image/png', async () => {
    const bytes = pngBytes();
    const res = expectStatus(await upload(owner, fu.id, bytes, { filename: 'foto.bin', declaredType: 'application/octet-stream' }), 201);
    png = { meta: res.body, bytes };
    assert.equal(res.body.content_type, 'image/png');
    assert.equal(res.body.sha256, sha256hex(bytes));
    assert.equal(res.body.size, bytes.length);
  });

  test('GET /attachments/{id} returns the identical bytes, sniffed Content-Type, Content-Disposition inline', async () => {
    for (const { meta, bytes, type } of [{ ...pdf, type: 'application/pdf' }, { ...png, type: 'image/png' }]) {
      const res = expectStatus(await owner.get(`${API}/attachments/${meta.id}`), 200);
      assert.ok(Buffer.compare(res.buf, bytes) === 0, `identical bytes for ${type} (${res.buf.length} vs ${bytes.length})`);
      assert.equal(sha256hex(res.buf), meta.sha256);
      assert.match(res.headers.get('content-type') || '', new RegExp(`^${type.replace('/', '\\/')}`));
      assert.match(res.headers.get('content-disposition') || '', /^inline/);
    }
    const cd = (await owner.get(`${API}/attachments/${pdf.meta.id}`)).headers.get('content-disposition');
    assert.match(cd, /filename\*=UTF-8''laudo%20t%C3%A9cnico\.pdf/i, `file name kept: ${cd}`);
  });

  test('an HTML file declared as image/png is served as a download, sandboxed, never inline', async () => {
    const html = Buffer.from('<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>\n');
    const up = expectStatus(await upload(owner, fu.id, html, { filename: 'foto.png', declaredType: 'image/png' }), 201);
    assert.notEqual(up.body.content_type, 'image/png', 'the declared type is not trusted');
    const res = expectStatus(await owner.get(`${API}/attachments/${up.body.id}`), 200);
    assert.ok(Buffer.compare(res.buf, html) === 0);
    assert.match(res.headers.get('content-disposition') || '', /^attachment/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') || '', /sandbox/);
  });

  test('a file over 10 MiB is refused with 413 and nothing is stored', async () => {
    const before = await attachmentsOf(owner, fu.id);
    const big = Buffer.alloc(10 * MiB + 1, 0x41);
    const res = await upload(owner, fu.id, big, { filename: 'grande.txt', declaredType: 'text/plain' });
    expectProblem(res, 413, 'too_large');
    const after = await attachmentsOf(owner, fu.id);
    assert.deepEqual(after.attachments.map((a) => a.id), before.attachments.map((a) => a.id));
    assert.equal(after.version, before.version);
  });

  test('a file of exactly 10 MiB is accepted', async () => {
    const bytes = Buffer.alloc(10 * MiB, 0x42);
    const res = expectStatus(await upload(owner, fu.id, bytes, { filename: 'limite.txt', declaredType: 'text/plain' }), 201);
    assert.equal(res.body.size, 10 * MiB);
    assert.equal(res.body.sha256, sha256hex(bytes));
    const back = expectStatus(await owner.get(`${API}/attachments/${res.body.id}`), 200);
    assert.equal(back.buf.length, 10 * MiB);
    assert.equal(sha256hex(back.buf), sha256hex(bytes));
  });

  test('another agent (same branch, not the owner) cannot download it (403) nor upload to it', async () => {
    expectProblem(await colleague.get(`${API}/attachments/${pdf.meta.id}`), 403, 'forbidden_followup');
    const before = await attachmentsOf(owner, fu.id);
    expectProblem(await upload(colleague, fu.id, pngBytes(), { filename: 'x.png' }), 403, 'forbidden_followup');
    assert.equal((await attachmentsOf(owner, fu.id)).attachments.length, before.attachments.length);
  });

  test('the supervisor of the branch and the admin can download it', async () => {
    for (const c of [sup, admin]) {
      const res = expectStatus(await c.get(`${API}/attachments/${png.meta.id}`), 200);
      assert.ok(Buffer.compare(res.buf, png.bytes) === 0);
    }
  });

  test('no credentials: 401; unknown id: 404', async () => {
    const res = await fetch(server.url(`${API}/attachments/${pdf.meta.id}`));
    assert.equal(res.status, 401);
    expectProblem(await owner.get(`${API}/attachments/999999`), 404, 'attachment');
  });

  test('bad uploads store nothing: JSON body 415, missing field 422, empty file 422', async () => {
    const before = await attachmentsOf(owner, fu.id);
    expectProblem(await owner.post(`${API}/followups/${fu.id}/attachments`, { file: 'abc' }), 415, 'unsupported_media_type');
    expectFieldError(await upload(owner, fu.id, pngBytes(), { field: 'arquivo', filename: 'x.png' }), 422, 'file', 'required');
    expectFieldError(await upload(owner, fu.id, Buffer.alloc(0), { filename: 'vazio.txt' }), 422, 'file');
    const after = await attachmentsOf(owner, fu.id);
    assert.deepEqual(after.attachments.map((a) => a.id), before.attachments.map((a) => a.id));
    assert.equal(after.version, before.version);
  });
});
