// Helpers of the end-to-end tests: configuration from the environment, the API as a
// bearer-token client (for setting up data), and browser pages in Debian's Chromium.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { joinCatalog } from '../src/shared/i18n/join.mjs';

export const BASE = (process.env.RETORNO_URL ?? '').replace(/\/+$/, '');
export const SHOTS = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'e2e-screenshots');

function creds(name) {
  const raw = process.env[name];
  if (!raw) return null;
  const i = raw.indexOf(':');
  return { login: raw.slice(0, i), password: raw.slice(i + 1) };
}

export const USERS = {
  admin: creds('RETORNO_ADMIN'),
  supervisor: creds('RETORNO_SUPERVISOR'),
  agent: creds('RETORNO_AGENT'),
  agent2: creds('RETORNO_AGENT2'),
};

/** Stops the run early with a clear message when the environment is incomplete. */
export function requireEnv() {
  const missing = [];
  if (!BASE) missing.push('RETORNO_URL');
  for (const [k, v] of Object.entries({
    RETORNO_ADMIN: USERS.admin,
    RETORNO_SUPERVISOR: USERS.supervisor,
    RETORNO_AGENT: USERS.agent,
    RETORNO_AGENT2: USERS.agent2,
  }))
    if (!v) missing.push(k);
  if (missing.length) throw new Error(`e2e: set ${missing.join(', ')} (see web/README.md)`);
}

/** One language's catalogue as the app shows it: its files in src/i18n/<language>/, joined. */
function catalog(language) {
  const dir = new URL(`../src/i18n/${language}/`, import.meta.url);
  const files = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')))
    files[`${language}/${name}`] = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  return joinCatalog(files);
}

export const PT = catalog('pt-BR');
export const ES = catalog('es');
export const EN = catalog('en');

/** The pt-BR text of a key, with the app's plural rules (zero form, then one for 0–1, other). */
export function pt(key, params = {}) {
  let k = key;
  if (typeof params.count === 'number') {
    if (params.count === 0 && `${key}_zero` in PT) k = `${key}_zero`;
    else k = params.count <= 1 ? `${key}_one` : `${key}_other`;
  }
  return PT[k].replace(/\{(\w+)\}/g, (_, n) => String(params[n]));
}

/** A session on the API with a bearer token (no CSRF needed). */
export async function apiSession(user) {
  const res = await fetch(`${BASE}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'pt-BR' },
    body: JSON.stringify(user),
  });
  if (res.status !== 201) throw new Error(`login ${user.login}: HTTP ${res.status} ${await res.text()}`);
  const { token } = await res.json();
  const call = async (method, path, body, headers = {}) => {
    const r = await fetch(`${BASE}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Accept-Language': 'pt-BR',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    const data = text ? JSON.parse(text) : null;
    return { status: r.status, data, headers: r.headers };
  };
  const ok = async (method, path, body) => {
    const r = await call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.data)}`);
    return r.data;
  };
  return {
    call,
    get: (p) => ok('GET', p),
    post: (p, b) => ok('POST', p, b ?? {}),
    patch: (p, b) => ok('PATCH', p, b),
    put: (p, b) => ok('PUT', p, b),
  };
}

export function addDays(date, n) {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** "2026-11-23" as the app shows it in pt-BR. */
export function ptDate(date) {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

const ARGS = [
  '--headless',
  '--lang=pt-BR',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// Where the browser is: its language and its clock's zone.
export const SAO_PAULO = { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' };
export const MEXICO_CITY = { locale: 'es-MX', timezoneId: 'America/Mexico_City' };

/** A new browser context and page; page errors are collected in `errors`. */
export async function openPage(browser, device = DESKTOP, place = SAO_PAULO) {
  const context = await browser.newContext({ ...device, ...place, baseURL: BASE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** A Spanish-speaking agent in Mexico City, created by an admin's API session. */
export async function mexicanAgent(admin, { login, password, name, branchId }) {
  await admin.post('/users', {
    login,
    password,
    name,
    role: 'agent',
    branch_id: branchId,
    time_zone: 'America/Mexico_City',
    locale: 'es',
    alert_on_login: false,
    alert_every_minutes: null,
  });
  return { login, password };
}

/** Signs in through the login form; dismisses the return alert unless asked to keep it. */
export async function signIn(page, user, { keepAlert = false } = {}) {
  await page.goto('/login');
  await page.locator('input[name=login]').fill(user.login);
  await page.locator('input[name=password]').fill(user.password);
  await page.locator('form.login-card button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('main h1').first().waitFor();
  if (!keepAlert) {
    const alert = page.getByRole('alertdialog');
    await page.waitForTimeout(300);
    if (await alert.isVisible()) await alert.locator('.dialog-foot button').nth(1).click();
  }
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const vp = page.viewportSize();
  const kind = vp && vp.width <= 400 ? 'phone' : 'desktop';
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SHOTS, `${name}-${kind}.png`) });
}

/** A small but real PDF (one page with text) and a 2×2 PNG. */
export function samplePdf() {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = 'BT /F1 18 Tf 20 70 Td (Laudo tecnico - Retorno) Tj ET';
  objs[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 32×24 PNG (a blue picture with a yellow band), encoded here so no file is needed. */
export function samplePng() {
  const w = 32;
  const h = 24;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const band = y > 8 && y < 15;
      raw[o] = band ? 240 : 31;
      raw[o + 1] = band ? 165 : 78;
      raw[o + 2] = band ? 0 : 121;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A real SMTP server for a test file: tests/smtp/smtp_sink.py (Debian's python3-aiosmtpd)
 * on a free port, storing each message it accepts; `waitFor(rcpt)` reads the first one
 * to that address back with tests/smtp/decode_eml.py, as a mail reader would.
 */
export async function startSmtpSink() {
  const { spawn, spawnSync } = await import('node:child_process');
  const { mkdtempSync, readdirSync, existsSync } = await import('node:fs');
  const net = await import('node:net');
  const os = await import('node:os');
  const root = new URL('../../', import.meta.url).pathname;
  const port = await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const dir = mkdtempSync(join(os.tmpdir(), 'retorno-e2e-smtp-'));
  const child = spawn(
    '/usr/bin/python3',
    [join(root, 'tests/smtp/smtp_sink.py'), '--port', String(port), '--dir', dir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`smtp sink did not start: ${out}`)), 15_000);
    const onData = (d) => {
      out += d.toString();
      if (out.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`smtp sink exited ${code}: ${out}`)));
  });
  child.removeAllListeners('exit');
  const read = (n) => {
    const envelope = JSON.parse(readFileSync(join(dir, `${n}.json`), 'utf8'));
    const r = spawnSync('/usr/bin/python3', [join(root, 'tests/smtp/decode_eml.py'), join(dir, `${n}.eml`)], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`decode_eml: ${r.stderr}`);
    return { envelope, mail: JSON.parse(r.stdout) };
  };
  return {
    port,
    /** The first message whose envelope names `rcpt`, waiting up to `timeoutMs`. */
    async waitFor(rcpt, timeoutMs = 30_000) {
      const t0 = Date.now();
      for (;;) {
        const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
        for (const f of files) {
          const m = read(parseInt(f, 10));
          if (m.envelope.rcpt_tos.includes(rcpt)) return m;
        }
        if (Date.now() - t0 > timeoutMs) throw new Error(`no message to ${rcpt} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/** The words of a PDF as pdftotext reads them (Debian's poppler-utils), spaces folded. */
export async function pdfWords(bytes) {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const os = await import('node:os');
  const file = join(mkdtempSync(join(os.tmpdir(), 'retorno-e2e-pdf-')), 'p.pdf');
  writeFileSync(file, bytes);
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext: ${r.stderr}`);
  return r.stdout.replace(/[\s\u00a0\u202f]+/g, ' ');
}
