// A look at every step kind for every role without a server: the built client is served from
// memory and playwright's routeWebSocket answers hello with a prepared snapshot. For a person to
// look at the screens (screenshots in tests/browser/screenshots/preview-*), not a test of the
// server; the real end-to-end runs are meeting/timer/roddel.test.mjs.
//
// Run: node tests/browser/kinds-preview.mjs [filter]   (PREVIEW_LANG=en for the English texts)
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { SHOTS, STATIC_DIR, PHONE, LAPTOP, webClient } from './harness.mjs';
import { fakeSnapshot } from './fake-snapshot.mjs';

const require = createRequire(join(webClient, 'package.json'));
const { chromium } = require('playwright-core');
const repo = join(webClient, '..');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

async function serve() {
  const srv = createServer(async (req, res) => {
    const path = req.url === '/' ? '/index.html' : req.url.split('?')[0];
    try {
      const body = await readFile(join(STATIC_DIR, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return srv;
}

function method(id) {
  const m = JSON.parse(readFileSync(join(repo, 'server', 'methods', `${id}.json`), 'utf8'));
  delete m.source;
  return m;
}

const M = 'mtg_preview';
const member = (id, name, role = 'participant', category = 'student', online = true) => ({ member_id: id, name, category, role, online });
const MEMBERS = [member('f', 'Fenna', 'facilitator', 'teacher'), member('a', 'Aisha'), member('b', 'Bram', 'participant', 'parent'), member('p', 'Pim', 'participant', 'professional'), member('y', 'Yara', 'participant', 'young_person', false)];
const n = (id, author, step, text, extra = {}) => ({ note_id: `note:${id.padEnd(18, 'x')}`, author_id: author, step_index: step, text, updated_at: 1, ...extra });

function snapshot(m, over) {
  return fakeSnapshot({ meeting_id: M, title: 'Bijeenkomst november', method: m }, MEMBERS, over);
}

const bubbel = method('buiten_je_bubbel');
const roddel = method('roddelmethode');
const kindMethod = {
  method_id: 'preview',
  title: { nl: 'Voorbeeld', en: 'Preview' },
  steps: [
    { kind: 'case_choice', title: { nl: 'Casus kiezen', en: 'Choose a case' }, instructions: { nl: 'Stel een casus voor en stem daarna.', en: 'Propose a case, then vote.' }, timebox_minutes: 10 },
    ...bubbel.steps,
  ],
};
const off = 1; // bubbel step i is kindMethod step i + 1

const SCENARIOS = [
  ['recall-participant', 'a', 'participant', snapshot(bubbel, { step_index: 0, recall: { meeting_title: 'Bijeenkomst september', presenter_name: 'Bram', case: { title: 'Samenwerken met school', text: 'Hoe houd ik contact met de mentor als de ouders dat niet willen?' }, takeaways: [{ name: 'Aisha', presenter: false, text: 'Eerst de ouders vragen wat zij nodig hebben.' }, { name: 'Bram', presenter: true, text: 'Een gesprek met mentor én ouders samen plannen.' }] }, notes: [n('r1', 'b', 0, 'Het gesprek is geweest, het ging beter dan ik dacht.')] })],
  ['case-choice-write', 'a', 'participant', snapshot(kindMethod, { step_index: 0, presenter_id: null, presenter_consent: null, progress: [{ step_index: 0, member_id: 'b', note_count: 1, done: true }] })],
  ['case-choice-votes-facilitator', 'f', 'facilitator', snapshot(kindMethod, { step_index: 0, presenter_id: null, presenter_consent: null, revealed_steps: [0], notes: [n('c1', 'a', 0, 'Een jongere die steeds wegloopt uit de groep. Wat kan ik nog doen?', { title: 'Weglopen' }), n('c2', 'p', 0, 'Hoe betrek ik een vader die niet wil praten?', { title: 'Een vader op afstand' })], votes: [{ member_id: 'a', note_id: n('c2', 'p', 0, '').note_id, votes: 2 }, { member_id: 'b', note_id: n('c1', 'a', 0, '').note_id, votes: 1 }] })],
  ['consent-presenter', 'p', 'participant', snapshot(kindMethod, { step_index: 0, presenter_consent: 'pending', case_note_id: n('c2', 'p', 0, '').note_id, revealed_steps: [0], notes: [n('c2', 'p', 0, 'Hoe betrek ik een vader die niet wil praten?', { title: 'Een vader op afstand' })] })],
  ['consent-wait', 'a', 'participant', snapshot(kindMethod, { step_index: 0, presenter_consent: 'pending', case_note_id: n('c2', 'p', 0, '').note_id, revealed_steps: [0], notes: [n('c2', 'p', 0, 'Hoe betrek ik een vader die niet wil praten?', { title: 'Een vader op afstand' })] })],
  ['present-presenter', 'p', 'participant', snapshot(bubbel, { step_index: 2 })],
  ['present-participant', 'a', 'participant', snapshot(bubbel, { step_index: 2, notes: [n('j1', 'a', 2, 'Vader werkt veel, moeder draagt alles.')] })],
  ['write-listening-presenter', 'p', 'participant', snapshot(bubbel, { step_index: 3, progress: [{ step_index: 3, member_id: 'a', note_count: 2, done: false }] })],
  ['write-facilitator', 'f', 'facilitator', snapshot(bubbel, { step_index: 3, auto_reveal_steps: [3], progress: [{ step_index: 3, member_id: 'a', note_count: 2, done: true }, { step_index: 3, member_id: 'b', note_count: 1, done: false }], timer: { step_index: 3, running: true, ends_at: Date.now() + 299_000 } })],
  ['question-round-at-turn', 'a', 'participant', snapshot(bubbel, { step_index: 4, revealed_steps: [3], notes: [n('w1', 'a', 3, 'Wie heeft de regie?'), n('w2', 'a', 3, 'Wat heb je al geprobeerd?'), n('q1', 'f', 4, 'Wat wil je bereiken met dit gesprek?', { marks: { picked: true, rating: 'warm', answered: true, touches: false } })], rounds: [{ step_index: 4, order: ['f', 'a', 'b', 'y'], position: 1, lap: 1 }] })],
  ['question-round-facilitator', 'f', 'facilitator', snapshot(bubbel, { step_index: 4, notes: [n('q1', 'f', 4, 'Wat wil je bereiken met dit gesprek?', { marks: { picked: true, rating: 'warm', answered: true, touches: false } })], rounds: [{ step_index: 4, order: ['f', 'a', 'b', 'y'], position: 1, lap: 1 }] })],
  ['question-round-presenter', 'p', 'participant', snapshot(bubbel, { step_index: 4, notes: [n('q1', 'f', 4, 'Wat wil je bereiken met dit gesprek?', { marks: { picked: true, rating: 'warm', answered: false, touches: false } }), n('q2', 'b', 4, 'Hoe voelde het toen hij wegliep?')], rounds: [{ step_index: 4, order: ['f', 'a', 'b', 'y'], position: 2, lap: 1 }] })],
  ['presenter-first-others', 'a', 'participant', snapshot({ ...bubbel, steps: bubbel.steps.map((s, i) => (i === 5 ? { ...s, reveal: 'presenter_first' } : s)) }, { step_index: 5, presenter_revealed_steps: [5], notes: [n('o1', 'a', 5, 'Ik zie iemand die het alleen wil doen.')] })],
  ['presenter-first-facilitator', 'f', 'facilitator', snapshot({ ...bubbel, steps: bubbel.steps.map((s, i) => (i === 5 ? { ...s, reveal: 'presenter_first' } : s)) }, { step_index: 5, presenter_revealed_steps: [5] })],
  ['react-presenter', 'p', 'participant', snapshot(bubbel, { step_index: 9, revealed_steps: [5], notes: [n('o1', 'a', 5, 'Ik zie iemand die het alleen wil doen.'), n('o2', 'b', 5, 'Ik zie veel zorg voor de jongere.', { marks: { picked: false, rating: null, answered: false, touches: true } })] })],
  ['takeaways-revealed', 'b', 'participant', snapshot(bubbel, { step_index: 11, revealed_steps: [11], notes: [n('t1', 'a', 11, 'Vaker vragen wat iemand nodig heeft.'), n('t2', 'p', 11, 'Ik bel de vader deze week.'), n('t3', 'b', 11, 'Niet alles zelf willen oplossen.')] })],
  ['evaluation-participant', 'a', 'participant', snapshot(bubbel, { step_index: 13, ratings: [{ member_id: 'a', step_index: 13, score: 4 }], notes: [n('e1', 'a', 13, 'Fijn dat iedereen aan de beurt kwam.', { label: 'top' })] })],
  ['evaluation-facilitator', 'f', 'facilitator', snapshot(bubbel, { step_index: 13, ratings: [{ member_id: 'a', step_index: 13, score: 4 }, { member_id: 'b', step_index: 13, score: 5 }], notes: [n('e1', 'a', 13, 'Fijn dat iedereen aan de beurt kwam.', { label: 'top' }), n('e2', 'b', 13, 'Volgende keer meer tijd voor stap 7.', { label: 'tip' })] })],
  ['roddel-listening', 'p', 'participant', snapshot(roddel, { step_index: 3, notes: [n('g1', 'a', 3, 'Ik denk dat hij bang is om het fout te doen.')] })],
  ['members-menu-facilitator', 'f', 'facilitator', snapshot(roddel, { step_index: 8 })],
  ['ended', 'a', 'participant', snapshot(roddel, { step_index: 6, ended: true, revealed_steps: [6], notes: [n('t1', 'a', 6, 'Rust nemen.')] })],
];

const filter = process.argv[2];
await mkdir(SHOTS, { recursive: true });
const srv = await serve();
const origin = `http://127.0.0.1:${srv.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const problems = [];
try {
  for (const [name, me, role, snap] of SCENARIOS) {
    if (filter && !name.includes(filter)) continue;
    const ctx = await browser.newContext({ viewport: PHONE });
    await ctx.addInitScript(([M, me, lang]) => {
      localStorage.setItem(`intervisie.member.${M}`, JSON.stringify({ meeting_id: M, member_token: 'preview-token', member_id: me, name: me, link_token: 'x' }));
      if (lang) localStorage.setItem('intervisie.lang', lang);
    }, [M, me, process.env.PREVIEW_LANG ?? '']);
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`${name}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    await page.routeWebSocket(/\/ws$/, (ws) => {
      ws.onMessage((msg) => {
        const m = JSON.parse(msg);
        if (m.type === 'hello') ws.send(JSON.stringify({ type: 'welcome', data: { protocol: 1, meeting_id: M, member_id: me, role, server_time: Date.now(), seq: 1, snapshot: snap } }));
        else if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', data: { server_time: Date.now() } }));
        else if (m.ref !== undefined) ws.send(JSON.stringify({ type: 'ack', ref: m.ref }));
      });
    });
    await page.goto(`${origin}/#/meeting/${M}`);
    await page.locator('[data-testid="step-card"]').waitFor();
    if (name === 'members-menu-facilitator') {
      await page.locator('[data-member="b"] [data-testid="member-more"]').click();
    }
    for (const [label, vp] of [['phone', PHONE], ['laptop', LAPTOP]]) {
      await page.setViewportSize(vp);
      await page.screenshot({ path: join(SHOTS, `preview-${name}${process.env.PREVIEW_LANG ? `-${process.env.PREVIEW_LANG}` : ''}-${label}.png`), fullPage: true });
    }
    await ctx.close();
    console.log('shot', name);
  }
} finally {
  await browser.close();
  srv.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
