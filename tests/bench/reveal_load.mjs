// Load benchmark (not part of ./tests/run.sh): many concurrent meetings of 8 members on one
// server, then every facilitator reveals; measures how long each reveal takes to reach all 8
// members. Loopback only; bounded in count and time.
//
//   node --experimental-websocket tests/bench/reveal_load.mjs [meetings=1000] [server binary]
//
// Starts its own server on a free port with a temporary data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MEETINGS = Number(process.argv[2] ?? 1000);
const SERVER = process.argv[3] ?? new URL('../../build/test/server/intervisie-server', import.meta.url).pathname;
const PER_MEETING = 8;
const REVEAL_WINDOW_MS = 10_000; // reveals spread over this window, like real meetings
const DEADLINE = Date.now() + 10 * 60_000;

const dataDir = mkdtempSync(join(tmpdir(), 'intervisie-bench-'));
const server = spawn(SERVER, ['--port', '0', '--data-dir', dataDir, '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const adminUrl = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/(http:\/\/\S+)\/#\/admin\/([A-Za-z0-9_-]+)/);
    if (m) resolve({ base: m[1], key: m[2] });
  });
  server.on('exit', () => reject(new Error('server exited')));
});
const { base, key } = adminUrl;
const wsUrl = base.replace('http', 'ws') + '/ws';

async function post(path, body, token) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function pool(n, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < n) await fn(next++);
  });
  await Promise.all(workers);
}

class Client {
  constructor() { this.waiters = []; this.ref = 1; }
  open(token) {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(wsUrl);
      this.ws.onmessage = (e) => {
        const msg = JSON.parse(e.data);
        const t = performance.now();
        this.waiters = this.waiters.filter((w) => !(w.pred(msg) && (w.resolve({ msg, t }), true)));
      };
      this.ws.onerror = reject;
      this.ws.onopen = () => {
        this.wait((m) => m.type === 'welcome').then(({ msg }) => { this.meetingId = msg.data.meeting_id; resolve(); });
        this.send('hello', { protocol: 1, member_token: token });
      };
    });
  }
  wait(pred) { return new Promise((resolve) => this.waiters.push({ pred, resolve })); }
  send(type, data) { const ref = this.ref++; this.ws.send(JSON.stringify({ type, ref, data })); return ref; }
  async command(type, data) {
    const ref = this.send(type, { meeting_id: this.meetingId, ...data });
    const { msg } = await this.wait((m) => m.ref === ref);
    if (msg.type === 'error') throw new Error(`${type}: ${msg.data.code}`);
    return msg;
  }
}

const t0 = performance.now();
const { coordinator_token } = await post('/api/admin/claim', { admin_key: key });
const { group_id } = await post('/api/groups', { name: 'Benchmark' }, coordinator_token);
const meetings = [];
await pool(MEETINGS, 32, async (i) => {
  const m = await post(`/api/groups/${group_id}/meetings`, { title: `M${i}`, method_id: 'buiten_je_bubbel' }, coordinator_token);
  const tokens = [];
  for (let k = 0; k < PER_MEETING; k++) {
    const link = k === 0 ? m.facilitator_token : m.invite_token;
    const j = await post('/api/join', { token: link, name: `P${k}`, category: 'professional', accept_agreement: true });
    tokens.push(j.member_token);
  }
  meetings[i] = { tokens };
});
const tSetup = performance.now();
console.log(`created ${MEETINGS} meetings, ${MEETINGS * PER_MEETING} members in ${((tSetup - t0) / 1000).toFixed(1)} s`);

await pool(MEETINGS, 64, async (i) => {
  const m = meetings[i];
  m.clients = [];
  for (const tok of m.tokens) {
    const c = new Client();
    await c.open(tok);
    m.clients.push(c);
  }
  await m.clients[0].command('set_step', { step_index: 3 });
  await Promise.all(m.clients.slice(1).map((c, k) =>
    c.command('note_save', { note_id: `note:bench${String(i).padStart(6, '0')}x${k}abcdef`, text: `Waarneming ${k} van deelnemer` })));
});
const tConnected = performance.now();
console.log(`${MEETINGS * PER_MEETING} WebSockets connected and notes written in ${((tConnected - tSetup) / 1000).toFixed(1)} s`);

const latencies = [];
const worst = [];
await Promise.all(meetings.map((m) => new Promise((resolve) => {
  setTimeout(async () => {
    const arrivals = m.clients.map((c) => c.wait((msg) => msg.type === 'revealed'));
    const start = performance.now();
    m.clients[0].send('reveal', { meeting_id: m.clients[0].meetingId });
    const got = await Promise.all(arrivals);
    const ls = got.map((g) => g.t - start);
    latencies.push(...ls);
    worst.push(Math.max(...ls));
    resolve();
  }, Math.random() * REVEAL_WINDOW_MS);
})));

const pct = (arr, p) => { const s = [...arr].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
console.log(`reveal -> member latency over ${latencies.length} deliveries: p50 ${pct(latencies, 0.5).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
console.log(`reveal -> all 8 members: p50 ${pct(worst, 0.5).toFixed(1)} ms, p99 ${pct(worst, 0.99).toFixed(1)} ms`);
const rss = (await import('node:fs')).readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1];
console.log(`server RSS with ${MEETINGS * PER_MEETING} connections: ${(Number(rss) / 1024).toFixed(0)} MiB`);
if (Date.now() > DEADLINE) console.log('warning: ran past the deadline');
for (const m of meetings) for (const c of m.clients) c.ws.close();
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
