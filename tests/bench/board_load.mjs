// Board load benchmark (not part of ./tests/run.sh): meetings of 8 members all drawing at once
// on the shared board of buiten je bubbel (step 8, §4.4). Every member streams `board_live`
// (cursor and the new stroke points) every 40 ms, as the web client does (R37), and commits the
// stroke with a `board_change` put about every 1.5 s. Measured at every receiver: the delay from
// a board_live being sent to it arriving, how many arrived, and for the commits the round trip
// to the author's reply and the delay to the other members' board_changed.
//
//   node --experimental-websocket tests/bench/board_load.mjs [meetings=1,100] [server binary] [seconds=20]
//
// `meetings` is a comma list of phases, run one after the other on one server (started here on
// a free port with a temporary data directory, default limits). The clients run in worker
// threads (one per core), each holding whole meetings, so a sender and its receivers share one
// clock. Loopback only; bounded in count and time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';

const PER_MEETING = 8;
const STEP = 8; // buiten je bubbel: the shared relations board
const BOARD = `s:${STEP}`;
const TICK_MS = 40; // the web client's live rate (R37)
const COMMIT_MS = 1500;
// ~150 numbers in a committed stroke's points (75 x,y pairs): 8 drawers for 20 s then stay under
// the board's limit of 20000 point numbers (R33) without clearing it.
const PAIRS_PER_STROKE = 75;

const cpuStart = []; // the server's CPU ticks when the workers start drawing

// ---- the main thread: server, meetings, phases, summary ----------------------------------

async function main() {
  const phases = (process.argv[2] ?? '1,100').split(',').map(Number);
  const SERVER = process.argv[3] ?? new URL('../../build/test/server/intervisie-server', import.meta.url).pathname;
  const SECONDS = Number(process.argv[4] ?? 20);
  const WORKERS = Math.max(1, Math.min(cpus().length, 4));

  const dataDir = mkdtempSync(join(tmpdir(), 'intervisie-board-bench-'));
  const server = spawn(SERVER, ['--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Never leave the server behind, whatever happens to this process.
  process.on('exit', () => server.kill('SIGTERM'));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
  process.on('uncaughtException', (e) => {
    console.error(e);
    process.exit(1);
  });
  const { base, key } = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/\S+)\/#\/admin\/([A-Za-z0-9_-]+)/);
      if (m) resolve({ base: m[1], key: m[2] });
    });
    server.on('exit', () => reject(new Error('server exited')));
  });
  const wsUrl = base.replace('http', 'ws') + '/ws';
  const post = async (path, body, token) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const cpuTicks = () => {
    const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100 per second)
  };
  const rssMiB = () => Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;

  const { coordinator_token } = await post('/api/admin/claim', { admin_key: key });
  const { group_id } = await post('/api/groups', { name: 'Bordbenchmark' }, coordinator_token);
  console.log(`board load: ${PER_MEETING} members per meeting drawing on ${BOARD}, live every ${TICK_MS} ms, a commit of ${PAIRS_PER_STROKE * 2} numbers every ~${COMMIT_MS} ms, ${SECONDS} s per phase, ${WORKERS} client worker thread(s) on ${cpus().length} cores`);

  for (const n of phases) {
    const t0 = performance.now();
    const meetings = [];
    await pool(n, 16, async (i) => {
      const m = await post(`/api/groups/${group_id}/meetings`, { title: `Bord ${n}-${i}`, method_id: 'buiten_je_bubbel' }, coordinator_token);
      const tokens = [];
      for (let k = 0; k < PER_MEETING; k++) {
        const j = await post('/api/join', { token: k === 0 ? m.facilitator_token : m.invite_token, name: `P${k}`, category: 'professional', accept_agreement: true });
        tokens.push(j.member_token);
      }
      meetings[i] = tokens;
    });
    console.log(`\n== ${n} meeting(s), ${n * PER_MEETING} WebSockets ==`);
    console.log(`created and joined in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const parts = Array.from({ length: Math.min(WORKERS, n) }, (_, w) => meetings.filter((_, i) => i % Math.min(WORKERS, n) === w));
    const cpu0 = cpuTicks();
    const results = await Promise.all(
      parts.map(
        (part) =>
          new Promise((resolve, reject) => {
            const w = new Worker(new URL(import.meta.url), { workerData: { wsUrl, meetings: part, seconds: SECONDS }, execArgv: process.execArgv });
            w.on('message', (msg) => {
              if (msg.phase === 'drawing') cpuStart.push(cpuTicks());
              else resolve(msg);
            });
            w.on('error', reject);
          }),
      ),
    );
    const cpu1 = cpuTicks();
    report(n, results, ((cpu1 - (cpuStart[0] ?? cpu0)) / 100 / SECONDS) * 100, rssMiB());
    cpuStart.length = 0;
  }
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

async function pool(n, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => { while (next < n) await fn(next++); }));
}

const pct = (s, p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN);
function line(name, arr) {
  const s = Float64Array.from(arr).sort();
  const f = (x) => x.toFixed(1);
  return `${name} (n=${s.length}): p50 ${f(pct(s, 0.5))} ms, p95 ${f(pct(s, 0.95))} ms, p99 ${f(pct(s, 0.99))} ms, max ${f(s[s.length - 1] ?? NaN)} ms`;
}

function report(n, results, cpuPct, rss) {
  const all = (k) => results.flatMap((r) => r[k]);
  const sum = (k) => results.reduce((a, r) => a + r[k], 0);
  console.log(line('board_live send -> receive', all('live')));
  console.log(line('board_change -> author reply', all('commitRtt')));
  console.log(line('board_change -> others board_changed', all('commitFanout')));
  const expected = sum('liveSent') * (PER_MEETING - 1);
  console.log(`board_live: ${sum('liveSent')} sent, ${sum('liveGot')} received of ${expected} expected (${((100 * sum('liveGot')) / Math.max(1, expected)).toFixed(2)}%); commits ${sum('commits')}, answered ${sum('commitReplies')}, refused ${JSON.stringify(results.reduce((a, r) => { for (const [k, v] of Object.entries(r.errors)) a[k] = (a[k] ?? 0) + v; return a; }, {}))}; connections closed early ${sum('closed')}`);
  console.log(`client event loop delay p99 (worst worker) ${Math.max(...results.map((r) => r.loopP99)).toFixed(1)} ms; server CPU ${cpuPct.toFixed(0)}% of one core while drawing; server RSS ${rss.toFixed(0)} MiB`);
}

// ---- a small WebSocket client over a TCP socket -------------------------------------------
// Node's built-in WebSocket costs the load generator more than the server costs the server
// (an event object per message): with 800 clients on 2 shared cores the generator, not the
// server, set the numbers. This one does only what the bench needs: the handshake, text frames
// (masked with a zero key, which RFC 6455 allows the server to read like any other), ping/pong
// and close. BOARD_BENCH_CLIENT=node switches back to the built-in one.

class RawWs {
  static OPEN = 1;
  constructor(url) {
    const u = new URL(url);
    this.readyState = 0;
    this.buf = Buffer.alloc(0);
    this.parts = [];
    this.sock = connect(Number(u.port), u.hostname, () => {
      this.sock.setNoDelay(true);
      const origin = `http://${u.host}`;
      this.sock.write(`GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    this.sock.on('data', (d) => this.data(d));
    this.sock.on('error', (e) => this.onerror?.(e));
    this.sock.on('close', () => {
      this.readyState = 3;
      this.onclose?.();
    });
  }
  data(d) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    if (this.readyState === 0) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buf.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) return this.onerror?.(new Error(head.split('\r\n')[0]));
      this.buf = this.buf.subarray(end + 4);
      this.readyState = 1;
      this.onopen?.();
    }
    let off = 0;
    for (;;) {
      if (this.buf.length - off < 2) break;
      const b0 = this.buf[off];
      let len = this.buf[off + 1] & 0x7f;
      let p = off + 2;
      if (len === 126) {
        if (this.buf.length - off < 4) break;
        len = this.buf.readUInt16BE(off + 2);
        p = off + 4;
      } else if (len === 127) {
        if (this.buf.length - off < 10) break;
        len = Number(this.buf.readBigUInt64BE(off + 2));
        p = off + 10;
      }
      if (this.buf.length < p + len) break;
      const payload = this.buf.subarray(p, p + len);
      off = p + len;
      const op = b0 & 0x0f;
      if (op === 1 || op === 0) {
        this.parts.push(payload);
        if (b0 & 0x80) {
          const text = this.parts.length === 1 ? payload.toString() : Buffer.concat(this.parts).toString();
          this.parts = [];
          this.onmessage?.({ data: text });
        }
      } else if (op === 9) this.frame(0x8a, payload);
      else if (op === 8) this.sock.end();
    }
    this.buf = off === this.buf.length ? Buffer.alloc(0) : this.buf.subarray(off);
  }
  frame(first, payload) {
    const n = payload.length;
    const head = n < 126 ? Buffer.from([first, 0x80 | n, 0, 0, 0, 0]) : n < 65536 ? Buffer.from([first, 0x80 | 126, n >> 8, n & 0xff, 0, 0, 0, 0]) : null;
    if (!head) throw new Error('frame too large for the bench');
    this.sock.write(Buffer.concat([head, payload]));
  }
  send(text) {
    this.frame(0x81, Buffer.from(text));
  }
  close() {
    if (this.readyState === 1) this.frame(0x88, Buffer.from([0x03, 0xe8]));
    this.readyState = 2;
    this.sock.end();
  }
}

// ---- a worker: whole meetings, each member a WebSocket client ------------------------------

async function worker() {
  const { wsUrl, meetings, seconds } = workerData;
  const Ws = process.env.BOARD_BENCH_CLIENT === 'node' ? WebSocket : RawWs;
  const sentAt = new Map(); // `${stroke id}:${first x}` -> send time
  const commitAt = new Map(); // stroke id -> commit send time
  const out = { live: [], commitRtt: [], commitFanout: [], liveSent: 0, liveGot: 0, commits: 0, commitReplies: 0, errors: {}, closed: 0, loopP99: 0 };
  let drawing = false;
  const rnd = () => Math.random().toString(36).slice(2, 12);

  class Member {
    constructor(token, k) {
      this.token = token;
      this.k = k;
      this.ref = 1;
      this.pending = new Map();
    }
    open() {
      return new Promise((resolve, reject) => {
        this.ws = new Ws(wsUrl);
        this.ws.onerror = () => reject(new Error('websocket error'));
        this.ws.onclose = () => { if (drawing) out.closed++; };
        this.ws.onmessage = (e) => {
          const t = performance.now();
          const msg = JSON.parse(e.data);
          if (msg.type === 'welcome') {
            this.meetingId = msg.data.meeting_id;
            this.memberId = msg.data.member_id;
            resolve();
          } else if (msg.type === 'board_live') {
            const s = msg.data.stroke;
            if (!s) return;
            const at = sentAt.get(`${s.id}:${s.points[0]}`);
            if (at !== undefined) {
              out.live.push(t - at);
              out.liveGot++;
            }
          } else if (msg.ref !== undefined && this.pending.has(msg.ref)) {
            const p = this.pending.get(msg.ref);
            this.pending.delete(msg.ref);
            p(msg, t);
          } else if (msg.type === 'board_changed') {
            for (const o of msg.data.put) {
              const at = commitAt.get(o.id);
              if (at !== undefined) out.commitFanout.push(t - at);
            }
          }
        };
        this.ws.onopen = () => this.send('hello', { protocol: 1, member_token: this.token }, false);
      });
    }
    send(type, data, withMeeting = true) {
      const ref = this.ref++;
      this.ws.send(JSON.stringify({ type, ref, data: withMeeting ? { meeting_id: this.meetingId, ...data } : data }));
      return ref;
    }
    command(type, data) {
      const ref = this.send(type, data);
      return new Promise((resolve) => this.pending.set(ref, (msg, t) => resolve({ msg, t })));
    }
    newStroke() {
      this.stroke = { id: `o:bench${rnd()}${rnd()}`, pts: [], x0: -20000 + this.k * 5000, y0: -5000 + Math.random() * 10000 };
      this.fresh = 0;
    }
    tick() {
      if (!drawing || this.ws.readyState !== 1) return;
      const s = this.stroke;
      // Two new points a tick, moving right and waving: ~37 ticks (1.5 s) make a stroke of 75.
      const fresh = [];
      for (let i = 0; i < 2 && s.pts.length < PAIRS_PER_STROKE * 2; i++) {
        const n = s.pts.length / 2;
        fresh.push(s.x0 + n * 7, s.y0 + Math.round(Math.sin(n / 5) * 60));
        s.pts.push(...fresh.slice(-2));
      }
      if (fresh.length) {
        const now = performance.now();
        sentAt.set(`${s.id}:${fresh[0]}`, now);
        this.ws.send(JSON.stringify({ type: 'board_live', data: { meeting_id: this.meetingId, board_id: BOARD, cursor: { x: fresh.at(-2), y: fresh.at(-1) }, stroke: { id: s.id, color: 'blue', width: 4, tool: 'pen', points: fresh } } }));
        out.liveSent++;
      }
      if (s.pts.length >= PAIRS_PER_STROKE * 2) this.commit();
    }
    commit() {
      const s = this.stroke;
      const rel = s.pts.map((v, i) => v - s.pts[i % 2]);
      const t0 = performance.now();
      commitAt.set(s.id, t0);
      out.commits++;
      this.command('board_change', { board_id: BOARD, put: [{ id: s.id, type: 'stroke', x: s.pts[0], y: s.pts[1], points: rel, color: 'blue', width: 4, tool: 'pen' }] }).then(({ msg, t }) => {
        out.commitReplies++;
        if (msg.type === 'error') out.errors[msg.data.code] = (out.errors[msg.data.code] ?? 0) + 1;
        else out.commitRtt.push(t - t0);
      });
      this.newStroke();
    }
  }

  const rooms = [];
  for (const tokens of meetings) {
    const members = tokens.map((tok, k) => new Member(tok, k));
    for (const m of members) await m.open();
    const { msg } = await members[0].command('set_step', { step_index: STEP });
    if (msg.type === 'error') throw new Error(`set_step: ${msg.data.code}`);
    rooms.push(members);
  }
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  parentPort.postMessage({ phase: 'drawing' });
  drawing = true;
  const timers = [];
  for (const members of rooms)
    for (const m of members) {
      m.newStroke();
      // Everyone starts somewhere within one tick and one stroke, like people do.
      m.stroke.pts = Array.from({ length: 2 * Math.floor(Math.random() * (PAIRS_PER_STROKE - 2)) }, (_, i) => (i % 2 ? m.stroke.y0 : m.stroke.x0 + (i / 2) * 7));
      timers.push(setTimeout(() => timers.push(setInterval(() => m.tick(), TICK_MS)), Math.random() * TICK_MS));
    }
  await new Promise((r) => setTimeout(r, seconds * 1000));
  drawing = false;
  for (const t of timers) { clearTimeout(t); clearInterval(t); }
  // What was sent before the end may still be on its way: wait for the commits' replies (bounded).
  const end = performance.now() + 5000;
  while (performance.now() < end && rooms.some((ms) => ms.some((m) => m.pending.size))) await new Promise((r) => setTimeout(r, 20));
  loop.disable();
  out.loopP99 = loop.percentile(99) / 1e6;
  for (const ms of rooms) for (const m of ms) m.ws.close();
  parentPort.postMessage(out);
}

if (isMainThread) await main();
else await worker();
