// A real SMTP server for the API tests: Debian's python3-aiosmtpd running
// tests/smtp/smtp_sink.py, which stores every message it accepts; decode_eml.py reads
// one back with Python's email package, as a mail reader would.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';

const PYTHON = '/usr/bin/python3';
const SINK = path.join(REPO_ROOT, 'tests', 'smtp', 'smtp_sink.py');
const DECODE = path.join(REPO_ROOT, 'tests', 'smtp', 'decode_eml.py');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export class SmtpSink {
  constructor(port, root) {
    // Each start writes to a new folder under root: the sink numbers its files from 1.
    Object.assign(this, { port, root, dirs: [], child: null });
    this.decoded = new Map();  // file -> decoded message: a stored message never changes
  }

  static async start({ port, dir, args = [] } = {}) {
    const sink = new SmtpSink(port ?? (await freePort()), dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-smtp-')));
    process.on('exit', () => { try { sink.child?.kill('SIGKILL'); } catch { /* gone */ } });
    await sink.resume(args);
    return sink;
  }

  async resume(args = []) {
    const dir = path.join(this.root, String(this.dirs.length + 1));
    this.dirs.push(dir);
    const child = spawn(PYTHON, [SINK, '--port', String(this.port), '--dir', dir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let out = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`smtp sink did not start: ${out}`)), 15000);
      const onData = (d) => {
        out += d.toString();
        if (out.includes('ready')) { clearTimeout(timer); resolve(); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`smtp sink exited ${code}: ${out}`)); });
    });
    child.removeAllListeners('exit');
  }

  async stop() {
    if (!this.child) return;
    const c = this.child;
    this.child = null;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
  }

  // Every stored message: {n, envelope, mail} with mail as decode_eml.py prints it.
  count() {
    let n = 0;
    for (const dir of this.dirs)
      if (fs.existsSync(dir)) n += fs.readdirSync(dir).filter((f) => f.endsWith('.json')).length;
    return n;
  }

  messages() {
    const out = [];
    for (const dir of this.dirs) {
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort((a, b) => parseInt(a) - parseInt(b))) {
        const file = path.join(dir, f);
        if (!this.decoded.has(file)) {
          const n = parseInt(f);
          const envelope = JSON.parse(fs.readFileSync(file, 'utf8'));
          const r = spawnSync(PYTHON, [DECODE, path.join(dir, `${n}.eml`)], { encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`decode_eml failed: ${r.stderr}`);
          this.decoded.set(file, { n, envelope, mail: JSON.parse(r.stdout) });
        }
        out.push(this.decoded.get(file));
      }
    }
    return out;
  }

  async waitFor(count, { timeoutMs = 20000 } = {}) {
    const t0 = Date.now();
    for (;;) {
      const n = this.count();
      if (n >= count) return this.messages();
      if (Date.now() - t0 > timeoutMs) throw new Error(`expected ${count} messages, have ${n} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// Reads Server-Sent Events from `url` with the given headers; `next(name)` resolves
// with the data (parsed JSON) of the next event of that name.
export async function openEvents(url, headers) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const events = [];
  const waiters = [];
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          let name = 'message', data = null;
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) name = line.slice(7);
            else if (line.startsWith('data: ')) data = JSON.parse(line.slice(6));
          }
          if (data === null) continue;
          events.push({ name, data, at: Date.now() });
          for (const w of waiters.splice(0)) w();
        }
      }
    } catch { /* aborted */ }
  })();
  return {
    res,
    events,
    close: () => controller.abort(),
    async next(name, { timeoutMs = 15000, after = 0 } = {}) {
      const t0 = Date.now();
      for (;;) {
        const e = events.find((x, idx) => idx >= after && x.name === name);
        if (e) return e;
        if (Date.now() - t0 > timeoutMs) throw new Error(`no "${name}" event within ${timeoutMs} ms; got ${JSON.stringify(events.map((x) => x.name))}`);
        await new Promise((r) => { waiters.push(r); setTimeout(r, 200); });
      }
    },
  };
}
