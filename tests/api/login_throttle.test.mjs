// Login throttling: failures counted per (normalised login, client address) pair and
// checked atomically with the try; a growing delay instead of a hard lock, so the real
// user from another address still gets in; an office behind one address is not locked
// out by an attack from it; client addresses read from the trusted proxy header only
// when one is configured.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  API, PASSWORD, createUser, expectProblem, expectStatus, loginAdmin, loginRaw, startServer,
} from './harness.mjs';

const CLOCK = '2026-11-23T13:00:00Z';
const XFF = 'X-Forwarded-For';

let server, admin;

before(async () => {
  server = await startServer({ clockStart: CLOCK, extraArgs: ['--trusted-proxy-header', XFF] });
  admin = await loginAdmin(server);
});

after(async () => { await server?.stop(); });

async function metric(srv, name) {
  const text = await (await fetch(srv.url('/metrics'))).text();
  const m = new RegExp(`^${name} (\\d+)`, 'm').exec(text);
  assert.ok(m, `${name} missing from /metrics`);
  return Number(m[1]);
}

function from(address, extra = {}) { return { [XFF]: address, ...extra }; }

// Past the five free tries, one more try fits in each delay (1 s, 2 s, 4 s...): on a slow
// machine a burst may outlast the first delay, and the rule then rightly admits one more.
function extraTriesWithin(ms) { return Math.floor(Math.log2(ms / 1000 + 1)); }

describe('login throttling', () => {
  test('50 simultaneous wrong tries, in any case and spacing of the login, get at most 5 password checks; the rest 429 with Retry-After', async () => {
    await createUser(admin, { login: 'burst', role: 'agent' });
    const before = await metric(server, 'retorno_login_password_checks_total');
    const spellings = ['burst', 'BURST', ' Burst ', 'bUrSt'];
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      loginRaw(server, spellings[i % spellings.length], `wrong-${i}-password`, from('203.0.113.10', { 'Accept-Language': 'es' }))));
    const elapsed = Date.now() - t0;
    const checked = (await metric(server, 'retorno_login_password_checks_total')) - before;
    const unauthorized = results.filter((r) => r.status === 401).length;
    const limited = results.filter((r) => r.status === 429);
    assert.equal(unauthorized + limited.length, 50, `only 401 and 429: ${results.map((r) => r.status)}`);
    assert.equal(unauthorized, checked, 'every 401 is one password check, every 429 none');
    assert.ok(checked >= 5 && checked <= 5 + extraTriesWithin(elapsed),
      `${checked} password checks for 50 simultaneous tries in ${elapsed} ms`);
    for (const r of limited) {
      expectProblem(r, 429, 'rate_limited');
      const wait = Number(r.headers.get('retry-after'));
      assert.ok(Number.isInteger(wait) && wait >= 1, `Retry-After: ${r.headers.get('retry-after')}`);
      assert.equal(r.body.retry_after, wait);
      assert.equal(r.headers.get('content-language'), 'es');
    }
  });

  test('the real user, from another address, gets in during an attack on their login; the attacker stays throttled', async () => {
    await createUser(admin, { login: 'victim', role: 'agent' });
    const attacker = from('203.0.113.20');
    const statuses = [];
    const t0 = Date.now();
    for (let i = 0; i < 12; i++) statuses.push((await loginRaw(server, 'Victim', `guess-${i}-password`, attacker)).status);
    const elapsed = Date.now() - t0;
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    const later = statuses.slice(5);
    assert.ok(later.every((s) => s === 429 || s === 401) &&
      later.filter((s) => s === 401).length <= extraTriesWithin(elapsed), `after 5 failures: ${statuses}`);
    // Even the right password waits on the attacker's pair: the throttle decides before the hash.
    expectProblem(await loginRaw(server, 'victim', PASSWORD, attacker), 429, 'rate_limited');
    const real = expectStatus(await loginRaw(server, 'victim', PASSWORD, from('198.51.100.7')), 201);
    assert.equal(real.body.user.login, 'victim');
    // The address header's earlier entries are the client's own and prove nothing: the
    // proxy's last entry decides, so forging a first entry does not escape the throttle.
    expectProblem(await loginRaw(server, 'victim', 'one-more-guess', from('198.51.100.7, 203.0.113.20')), 429, 'rate_limited');
  });

  test('an office address under attack: colleagues with the right password still get in; a pair from it then gets one free try', async () => {
    const office = '192.0.2.50';
    await createUser(admin, { login: 'colleague', role: 'agent' });
    await createUser(admin, { login: 'typo', role: 'agent' });
    // 100 failures from the office address, over many logins (a spray).
    for (let i = 0; i < 100; i++) expectStatus(await loginRaw(server, `nobody-${i}`, 'spray-password-1', from(office)), 401);
    expectStatus(await loginRaw(server, 'colleague', PASSWORD, from(office)), 201);
    // From an address under attack, a pair gets a single free try, then the delay.
    expectStatus(await loginRaw(server, 'typo', 'mistyped-password', from(office)), 401);
    expectProblem(await loginRaw(server, 'typo', PASSWORD, from(office)), 429, 'rate_limited');
    // The same login elsewhere is not affected.
    expectStatus(await loginRaw(server, 'typo', PASSWORD, from('198.51.100.8')), 201);
  });

  test('429 title and detail in the language asked for', async () => {
    const titles = new Set();
    const attacker = from('203.0.113.30');
    for (let i = 0; i < 5; i++) expectStatus(await loginRaw(server, 'polyglot', `guess-${i}-password`, attacker), 401);
    for (const lang of ['pt-BR', 'es', 'en']) {
      const r = expectProblem(await loginRaw(server, 'polyglot', 'yet-another-guess', { ...attacker, 'Accept-Language': lang }), 429, 'rate_limited');
      assert.equal(r.headers.get('content-language'), lang);
      titles.add(r.body.title);
    }
    assert.equal(titles.size, 3);
  });
});

describe('without a trusted proxy header', () => {
  let plain, plainAdmin;
  before(async () => {
    plain = await startServer({ clockStart: CLOCK });
    plainAdmin = await loginAdmin(plain);
    await createUser(plainAdmin, { login: 'victim', role: 'agent' });
  });
  after(async () => { await plain?.stop(); });

  test('a client cannot pick its address with X-Forwarded-For: the socket address counts', async () => {
    for (let i = 0; i < 5; i++) expectStatus(await loginRaw(plain, 'victim', `guess-${i}-password`, from(`203.0.113.${i}`)), 401);
    expectProblem(await loginRaw(plain, 'victim', 'guess-5-password', from('203.0.113.99')), 429, 'rate_limited');
    assert.equal(await metric(plain, 'retorno_login_password_checks_total'), 6, 'the admin login and 5 guesses');
  });
});

// Several servers on one database count together (ADR 0030): an attacker who spreads
// their tries over the nodes gets the same five as against one.
describe('login throttling over two servers on one database', () => {
  let second;
  before(async () => {
    second = await startServer({ db: server.db, dir: server.dir, clockStart: CLOCK,
      extraArgs: ['--trusted-proxy-header', XFF] });
  });
  after(async () => { await second?.stop(); });

  test('five failures spread over two servers use up the free tries on both', async () => {
    await createUser(admin, { login: 'spread', role: 'agent' });
    const nodes = [server, second];
    for (let i = 0; i < 5; i++)
      expectStatus(await loginRaw(nodes[i % 2], 'spread', `wrong-${i}-password`, from('198.51.100.40')), 401);
    for (const node of nodes)
      expectProblem(await loginRaw(node, 'spread', PASSWORD, from('198.51.100.40')), 429, 'rate_limited');
    // The pair is throttled, not the login: from another address it gets in, on either.
    expectStatus(await loginRaw(second, 'spread', PASSWORD, from('198.51.100.41')), 201);
  });
});
