// Black-box harness for Retorno's API tests: starts `retorno serve` on a fresh temporary
// SQLite database (or PostgreSQL one, with RETORNO_TEST_DATABASE=postgres) and a free port, creates the first admin with `retorno user add`,
// and gives the tests small HTTP clients (bearer token, or cookies + X-CSRF-Token).
//
// Every answer that goes through Client or rawRequest is checked against the OpenAPI
// document (joined from src/http/openapi/ as the binary embeds it): its route and status
// must be documented and a JSON body must match the documented schema, with no member
// the document does not name. Node 20 built-ins plus ajv (tests/api/package.json).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { loadOpenApi } from '../../src/http/openapi/join.mjs';
import { freshPgDatabase } from './pg_cluster.mjs';

// ajv comes from tests/api/node_modules (scripts/test.sh installs it with npm ci).
const { default: Ajv2020 } = await import('ajv/dist/2020.js').catch((e) => {
  throw new Error(`tests/api needs its packages: run \`npm ci --prefix tests/api\` (${e.message})`);
});
const { default: addFormats } = await import('ajv-formats');

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.RETORNO_BIN || path.join(REPO_ROOT, 'build', 'src', 'main', 'retorno');
export const API = '/api/v1';

export const ADMIN_LOGIN = 'admin';
// Not the login with a suffix: the password policy refuses a password that contains
// the login ("admin-password-1" was one).
export const ADMIN_PASSWORD = 'chave-mestra-2026';
export const PASSWORD = 'secret-password-1';  // every user created through the API

const running = new Set();  // child processes this harness started
const tempDirs = new Set();  // temp dirs this harness made (removed at exit unless RETORNO_API_KEEP_TMP=1)
process.on('exit', () => {
  for (const child of running) {
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (process.env.RETORNO_API_KEEP_TMP === '1') return;
  for (const d of tempDirs) {
    try { fs.rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});

// The environment of the server: ours without RETORNO_* (so no stray configuration
// leaks in); the working directory is the temp dir, so no ./retorno.toml is read.
function childEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('RETORNO_')) env[k] = v;
  return env;
}

export function runCli(dir, args) {
  const r = spawnSync(BIN, args, { cwd: dir, env: childEnv(), encoding: 'utf8', timeout: 30000 });
  if (r.error) throw r.error;
  return r;
}

// Creates a user with the CLI (`retorno --db FILE user add ...`); asserts exit 0.
export function cliUserAdd(db, dir, { login, name, role = 'admin', password, timeZone }) {
  const args = ['--db', db, 'user', 'add', '--login', login, '--name', name, '--role', role,
    '--password', password];
  if (timeZone) args.push('--time-zone', timeZone);
  const r = runCli(dir, args);
  assert.equal(r.status, 0, `retorno user add exited ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

export class Server {
  constructor({ dir, db, clockStart, simulatedClock, child, port, output, extraArgs }) {
    Object.assign(this, { dir, db, clockStart, simulatedClock, child, port, output, extraArgs });
    this.base = `http://127.0.0.1:${port}`;
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => { running.delete(child); resolve({ code, signal }); });
    });
  }

  url(p) { return this.base + p; }

  log() { return this.output.join(''); }

  // SIGTERM, then waits for the process; asserts a graceful exit with status 0.
  async stop({ timeoutMs = 15000 } = {}) {
    if (this.stopped) return this.stopped;
    const t0 = Date.now();
    this.child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
    const r = await Promise.race([this.exit, timeout]);
    clearTimeout(timer);
    if (r === null) {
      this.child.kill('SIGKILL');
      await this.exit;
      assert.fail(`server did not exit within ${timeoutMs} ms of SIGTERM\n--- log tail ---\n${this.log().slice(-3000)}`);
    }
    this.stopped = { ...r, ms: Date.now() - t0 };
    assert.equal(r.signal, null, `server died of signal ${r.signal} after SIGTERM\n${this.log().slice(-3000)}`);
    assert.equal(r.code, 0, `server exited ${r.code} after SIGTERM (graceful drain expects 0)\n${this.log().slice(-3000)}`);
    return this.stopped;
  }
}

// Starts `retorno serve` on a free port. Without `db`, makes a fresh temp database and
// creates the first admin (login `admin`) with the CLI, in `adminTimeZone` if given.
// `clockStart` starts the server's clock at that instant; it runs at real speed, unless
// `simulatedClock` is set: then it stands still until `advance` moves it.
export async function startServer({ clockStart, simulatedClock = false, db, dir, adminTimeZone, timeoutMs = 20000, extraArgs = [] } = {}) {
  if (!fs.existsSync(BIN)) throw new Error(`retorno binary not found at ${BIN} (set RETORNO_BIN)`);
  if (!db) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-api-'));
    tempDirs.add(dir);
    // RETORNO_TEST_DATABASE=postgres: a fresh database on this process's private
    // PostgreSQL cluster (pg_cluster.mjs) instead of a SQLite file.
    db = process.env.RETORNO_TEST_DATABASE === 'postgres'
      ? await freshPgDatabase(BIN)
      : path.join(dir, 'retorno.db');
    cliUserAdd(db, dir, { login: ADMIN_LOGIN, name: 'Ana Admin', role: 'admin', password: ADMIN_PASSWORD, timeZone: adminTimeZone });
  }
  if (!dir && db.includes('://')) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-api-'));
    tempDirs.add(dir);
  }
  dir = dir || path.dirname(db);
  const args = ['--db', db, 'serve', '--port', '0', '--insecure-fast-password-hashing',
    '--web-dir', path.join(dir, 'no-web-app')];
  if (clockStart) args.push('--clock-start', clockStart);
  if (simulatedClock) args.push('--clock', 'simulated', '--allow-test-clock');
  args.push(...extraArgs);
  const child = spawn(BIN, args, { cwd: dir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const output = [];
  const port = await new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => finish(new Error(`server did not log "listening on" within ${timeoutMs} ms\n${output.join('')}`)), timeoutMs);
    function finish(err, p) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) { try { child.kill('SIGKILL'); } catch { /* gone */ } reject(err); } else resolve(p);
    }
    const onData = (chunk) => {
      output.push(chunk.toString());
      const m = /listening on http:\/\/[^\s:/]+:(\d+)/.exec(output.join(''));
      if (m) finish(null, Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (e) => finish(e));
    child.once('exit', (code, signal) => finish(new Error(`server exited (${code ?? signal}) before listening\n${output.join('')}`)));
  });
  // Keep draining the pipes so the server never blocks on a full pipe.
  return new Server({ dir, db, clockStart, simulatedClock, child, port, output, extraArgs });
}

// Moves the simulated clock of `server` (started with `simulatedClock: true`) forward by
// `seconds`, or to the instant `to`; resolves once the jobs that became due have run.
// Returns the clock's new now (an RFC 3339 string). Logs in as the admin when needed.
export async function advance(server, seconds, { to } = {}) {
  const body = to === undefined ? { seconds } : { to };
  for (let attempt = 0; ; attempt++) {
    server.clockAdmin ??= await loginAdmin(server);
    const res = await server.clockAdmin.post(`${API}/test/clock/advance`, body);
    // A move past the admin's session lifetime ends it: log in again.
    if (res.status === 401 && attempt === 0) { server.clockAdmin = undefined; continue; }
    expectStatus(res, 200, 'advance the simulated clock');
    assert.equal(res.body.settled, true, 'the jobs woken by the clock finished their round');
    return res.body.now;
  }
}

// ---------------------------------------------------------------------------
// The contract: answers against the OpenAPI document.

const OPENAPI = loadOpenApi();

// Every object schema that lists its properties gets `unevaluatedProperties: false` for
// this check only: a member the server sends and the document does not name fails, so
// the document (and the web app's types generated from it) cannot fall behind the
// server. The document itself stays open, so that integrators' clients tolerate new
// members.
function closeObjects(node) {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'examples' || k === 'example' ? v : closeObjects(v);
  if (out.properties && typeof out.properties === 'object' && !('additionalProperties' in out) && !('unevaluatedProperties' in out))
    out.unevaluatedProperties = false;
  return out;
}

const CONTRACT_ID = 'retorno-openapi';
let ajv = null;
function contractAjv() {
  if (ajv) return ajv;
  // Not strict: the document carries OpenAPI's own keywords beside JSON Schema's. The
  // formats (date, date-time, email, uri, int64…) are checked.
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: CONTRACT_ID, components: { schemas: closeObjects(OPENAPI.components.schemas) } });
  return ajv;
}

// The documented operation for a request: literal segments win over `{param}` ones.
const ROUTES = Object.entries(OPENAPI.paths).map(([template, item]) => {
  const segments = template.split('/');
  return { template, item, segments, params: segments.filter((s) => s.startsWith('{')).length };
}).sort((a, b) => a.params - b.params);

function routeOf(method, p) {
  const pathname = p.split('?')[0].split('#')[0];
  const segs = pathname.split('/');
  const matches = ROUTES.filter((r) => r.segments.length === segs.length &&
    r.segments.every((s, i) => s.startsWith('{') || s === segs[i]));
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const withMethod = matches.find((r) => r.item[m]);
  return { template: withMethod?.template ?? matches[0]?.template, operation: withMethod?.item[m] };
}

function deref(obj) {
  while (obj && obj.$ref) {
    const parts = obj.$ref.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    obj = parts.reduce((o, k) => o?.[k], OPENAPI);
  }
  return obj;
}

const validators = new Map();  // "template METHOD status media" -> ajv validate function
function validatorFor(key, schema) {
  if (!validators.has(key)) {
    // The schema is compiled inside the document, so its $refs resolve there.
    const rebased = JSON.parse(JSON.stringify(closeObjects(schema)).replaceAll('"$ref":"#/', `"$ref":"${CONTRACT_ID}#/`));
    validators.set(key, contractAjv().compile(rebased));
  }
  return validators.get(key);
}

// Throws (failing the test) when an answer is not what the document promises: an
// undocumented route or status, a media type the document does not give for it, or a
// JSON body that does not match the schema. A path or method the document does not
// have may only be answered 404 or 405 (the router's answer), as a problem document.
// Headers over the limit (431) and a request too slow to arrive (408) are refused by
// the HTTP layer before any route is known, whatever the path: ServerProblem documents them.
const SERVER_ONLY_STATUSES = new Set([408, 431]);
export function checkAgainstContract(res) {
  const { method, path: p, status } = res;
  const where = `${method} ${p} -> ${status}`;
  const media = (res.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
  const { template, operation } = routeOf(method, p);
  let response;
  let key;
  if (SERVER_ONLY_STATUSES.has(status)) {
    response = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ServerProblem' } } } };
    key = `(server) ${status}`;
  } else if (!operation) {
    if (status !== 404 && status !== 405)
      assert.fail(`contract: ${where}: ${template ? `${method} is not documented for ${template}` : 'the path is not in openapi.json'}`);
    response = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ServerProblem' } } } };
    key = `(no route) ${method} ${status}`;
  } else {
    response = deref(operation.responses?.[String(status)] ?? operation.responses?.[`${String(status)[0]}XX`] ?? operation.responses?.default);
    if (!response) assert.fail(`contract: ${where}: status ${status} is not documented for ${method} ${template} (documented: ${Object.keys(operation.responses || {}).join(', ')})`);
    key = `${template} ${method} ${status}`;
  }
  if (method === 'HEAD' || res.buf.length === 0) return;
  const content = response.content || {};
  if (!/json/.test(media)) {
    if (!content[media] && !content['*/*'])
      assert.fail(`contract: ${where}: answered ${media || 'without a content type'}; documented: ${Object.keys(content).join(', ') || 'no body'}`);
    return;
  }
  const entry = content[media];
  if (!entry) assert.fail(`contract: ${where}: answered ${media}; documented: ${Object.keys(content).join(', ') || 'no body'}`);
  if (!entry.schema) return;
  let body;
  try { body = JSON.parse(res.buf.toString('utf8')); } catch (e) { assert.fail(`contract: ${where}: ${media} body is not JSON: ${e.message}`); }
  const validate = validatorFor(`${key} ${media}`, entry.schema);
  if (!validate(body)) {
    const errors = validate.errors.slice(0, 12).map((e) =>
      `  ${e.instancePath || '(body)'} ${e.message}${e.params?.unevaluatedProperty ? `: ${e.params.unevaluatedProperty}` : ''} [${e.schemaPath}]`).join('\n');
    const text = res.text.length > 1200 ? res.text.slice(0, 1200) + '…' : res.text;
    assert.fail(`contract: ${where}: the body does not match openapi.json (${key.split(' ').slice(0, 3).join(' ')} ${media})\n${errors}\nbody: ${text}`);
  }
}

// ---------------------------------------------------------------------------
// HTTP.

function describeExchange(res) {
  const body = res.text === undefined ? '' : res.text.length > 1500 ? res.text.slice(0, 1500) + '…' : res.text;
  return `${res.method} ${res.path} -> ${res.status}\n${body}`;
}

// Asserts the status of a response, printing the exchange when it differs.
export function expectStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what ? what + ': ' : ''}expected ${status}, got ${describeExchange(res)}`);
  return res;
}

// Asserts an RFC 9457 problem with the given status and code.
export function expectProblem(res, status, code) {
  expectStatus(res, status);
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/,
    `problem content type: ${describeExchange(res)}`);
  assert.equal(res.body?.status, status, `problem.status: ${describeExchange(res)}`);
  if (code !== undefined) assert.equal(res.body?.code, code, `problem.code: ${describeExchange(res)}`);
  assert.equal(typeof res.body.title, 'string');
  return res;
}

// Asserts a 4xx validation problem whose errors[] holds {field, code}.
export function expectFieldError(res, status, field, code) {
  expectProblem(res, status);
  const errors = res.body.errors;
  assert.ok(Array.isArray(errors), `errors[] missing: ${describeExchange(res)}`);
  const hit = errors.find((e) => e.field === field && (code === undefined || e.code === code));
  assert.ok(hit, `no error {field: ${field}${code ? ', code: ' + code : ''}} in ${describeExchange(res)}`);
  assert.equal(typeof hit.message, 'string');
  return hit;
}

async function wrap(method, p, r) {
  const buf = Buffer.from(await r.arrayBuffer());
  const ct = r.headers.get('content-type') || '';
  const text = buf.toString('utf8');
  let body;
  if (/json/.test(ct) && buf.length > 0) {
    try { body = JSON.parse(text); } catch (e) { body = undefined; }
  }
  const res = { method, path: p, status: r.status, headers: r.headers, buf, text, body };
  checkAgainstContract(res);
  return res;
}

export class Client {
  // mode 'bearer' (token) or 'cookie' (cookie jar + X-CSRF-Token on unsafe methods).
  constructor(server, { token, mode = 'bearer', cookies = {}, csrf, lang, session } = {}) {
    Object.assign(this, { server, token, mode, cookies, csrf, lang, session });
    this.user = session?.user;
  }

  async request(method, p, { json, body, headers = {}, lang, csrf, auth = true } = {}) {
    const h = { ...headers };
    if (lang ?? this.lang) h['Accept-Language'] = lang ?? this.lang;
    if (auth && this.mode === 'bearer' && this.token) h['Authorization'] = `Bearer ${this.token}`;
    if (auth && this.mode === 'cookie') {
      const jar = Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
      if (jar) h['Cookie'] = jar;
      const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
      const token = csrf === undefined ? this.csrf : csrf;  // csrf: null sends none
      if (unsafe && token) h['X-CSRF-Token'] = token;
    }
    if (json !== undefined) {
      body = JSON.stringify(json);
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
    }
    const r = await fetch(this.server.url(p), { method, headers: h, body, redirect: 'manual' });
    const res = await wrap(method, p, r);
    if (this.mode === 'cookie') absorbCookies(this.cookies, r.headers);
    return res;
  }

  get(p, o) { return this.request('GET', p, o); }
  post(p, json, o = {}) { return this.request('POST', p, { ...o, json }); }
  put(p, json, o = {}) { return this.request('PUT', p, { ...o, json }); }
  patch(p, json, o = {}) { return this.request('PATCH', p, { ...o, json }); }
  del(p, o) { return this.request('DELETE', p, o); }
}

function absorbCookies(jar, headers) {
  for (const c of headers.getSetCookie()) {
    const [pair, ...attrs] = c.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '') delete jar[name];
    else jar[name] = value;
  }
}

// Parses Set-Cookie headers into [{name, value, attrs: {lowercased: value|true}}].
export function parseSetCookies(headers) {
  return headers.getSetCookie().map((c) => {
    const [pair, ...rest] = c.split(';');
    const eq = pair.indexOf('=');
    const attrs = {};
    for (const a of rest) {
      const i = a.indexOf('=');
      if (i < 0) attrs[a.trim().toLowerCase()] = true;
      else attrs[a.slice(0, i).trim().toLowerCase()] = a.slice(i + 1).trim();
    }
    return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs, raw: c };
  });
}

// A request without credentials.
export function anonymous(server, lang) { return new Client(server, { lang, mode: 'none' }); }

export async function loginRaw(server, login, password, headers = {}) {
  return anonymous(server).post(`${API}/session`, { login, password }, { headers });
}

// Logs in; returns a bearer client (client.session is the login response body).
export async function login(server, loginName, password = PASSWORD, { lang } = {}) {
  const res = expectStatus(await loginRaw(server, loginName, password), 201, `login ${loginName}`);
  return new Client(server, { token: res.body.token, session: res.body, lang });
}

export async function loginAdmin(server) { return login(server, ADMIN_LOGIN, ADMIN_PASSWORD); }

// Logs in; returns a client that authenticates with the cookies of the response and
// sends the CSRF token (of the login body) on unsafe requests.
export async function loginWithCookies(server, loginName, password = PASSWORD) {
  const res = expectStatus(await loginRaw(server, loginName, password), 201, `login ${loginName}`);
  const cookies = {};
  absorbCookies(cookies, res.headers);
  return new Client(server, { mode: 'cookie', cookies, csrf: res.body.csrf_token, session: res.body });
}

// A raw HTTP/1.1 request with node:http (for bodies fetch would not send well). Resolves
// with the response even if the server closes the connection while the body is still
// being written (early 413).
export function rawRequest(server, { method = 'POST', path: p, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    let response = null;
    const req = http.request(server.url(p), { method, headers: { ...headers, 'Content-Length': body ? Buffer.byteLength(body) : 0 } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const text = buf.toString('utf8');
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = undefined; }
        response = { method, path: p, status: res.statusCode, headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)])), buf, text, body: parsed };
        try { checkAgainstContract(response); } catch (e) { reject(e); return; }
        resolve(response);
      });
      res.on('error', (e) => { if (!response) reject(e); });
    });
    req.on('error', (e) => {
      // EPIPE/ECONNRESET after the server answered early: wait briefly for the response.
      setTimeout(() => { if (!response) reject(new Error(`${method} ${p}: connection error before any response: ${e.code || e.message}`)); }, 1000);
    });
    if (body) req.write(body);
    req.end();
  });
}

// ---------------------------------------------------------------------------
// Fixtures through the API.

let seq = 0;
export function uniq(prefix = 'x') { seq += 1; return `${prefix}${process.pid % 10000}-${seq}`; }

export async function createBranch(admin, name = uniq('Filial ')) {
  return expectStatus(await admin.post(`${API}/branches`, { name }), 201, 'create branch').body;
}

// Creates a user through the API (as admin) with password PASSWORD.
export async function createUser(admin, { login = uniq('u'), name, role = 'agent', branch_id = null, time_zone = 'America/Sao_Paulo', locale = 'pt-BR', ...rest } = {}) {
  const body = { login, name: name || `User ${login}`, password: PASSWORD, role, time_zone, locale, ...rest };
  if (branch_id !== null) body.branch_id = branch_id;
  const res = expectStatus(await admin.post(`${API}/users`, body), 201, `create user ${login}`);
  return res.body;
}

export async function createParty(client, fields = {}) {
  const body = { code: uniq('C-'), kind: 'customer', name: `Cliente ${uniq()}`, email: 'compras@cliente.com.br', phone: '+55 11 3232-4545', ...fields };
  return expectStatus(await client.post(`${API}/parties`, body), 201, 'create party').body;
}

// Creates a follow-up; `due_date` is required (the tests' clocks are fixed).
export async function createFollowup(client, { party_id, due_date, due_time, type = 'phone', repeat_months, ...rest }) {
  const next_action = { type, due_date };
  if (due_time) next_action.due_time = due_time;
  if (repeat_months) next_action.repeat_months = repeat_months;
  const body = { party_id, subject: uniq('Assunto '), category: 'pos_venda', priority: 'medium', next_action, ...rest };
  return expectStatus(await client.post(`${API}/followups`, body), 201, 'create follow-up').body;
}

// Every item of GET /followups with `query`, following next_cursor.
export async function listAll(client, query = {}, { limit = 200, maxPages = 100 } = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const q = new URLSearchParams({ ...query, limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    const res = expectStatus(await client.get(`${API}/followups?${q}`), 200, 'list follow-ups');
    assert.ok(Array.isArray(res.body.items), 'items[]');
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (cursor === null || cursor === undefined) return items;
    assert.equal(typeof cursor, 'string');
  }
  assert.fail(`more than ${maxPages} pages`);
}

export const ids = (items) => items.map((i) => i.id).sort((a, b) => a - b);

// What the admin can see of the stored follow-ups (id, version), parties and
// users: taken before and after a bad request to prove nothing changed.
export async function snapshot(admin) {
  const fus = await listAll(admin, { status: 'all' });
  const parties = expectStatus(await admin.get(`${API}/parties?limit=200`), 200).body.items;
  const users = expectStatus(await admin.get(`${API}/users`), 200).body.items;
  return {
    followups: fus.map((f) => `${f.id}@${f.version}`).sort(),
    parties: parties.map((p) => p.id).sort((a, b) => a - b),
    users: users.map((u) => u.id).sort((a, b) => a - b),
  };
}

// ---------------------------------------------------------------------------
// Real files.

export function sha256hex(buf) { return createHash('sha256').update(buf).digest('hex'); }

// A small valid one-page PDF, with a correct xref table.
export function pdfBytes() {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,  // content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = 'BT /F1 12 Tf 20 50 Td (Laudo tecnico) Tj ET';
  objs[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(Buffer.byteLength(out, 'latin1')); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

// A valid 2x2 RGB PNG.
export function pngBytes() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// POST /followups/{id}/attachments with one multipart part `file`.
export async function upload(client, followupId, bytes, { filename = 'file.bin', declaredType = 'application/octet-stream', field = 'file' } = {}) {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type: declaredType }), filename);
  return client.request('POST', `${API}/followups/${followupId}/attachments`, { body: form });
}

// Polls `fn` until it returns something truthy (what a running server does on its own:
// a job tick, a delivery), failing after `timeoutMs`.
export async function until(what, fn, { timeoutMs = 20000, everyMs = 100 } = {}) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
