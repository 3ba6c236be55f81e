// A look at the board (§4.4) without a server: the built client is served from memory and
// playwright's routeWebSocket plays the server — a welcome whose snapshot holds boards, then
// board events, live strokes, cursors and the laser of others. For a person to look at the
// screens (screenshots in tests/browser/screenshots/board-*), not a ctest. It also drives the
// tools a little (a pen stroke, a sticky note with text) and checks what went out on the wire.
//
// Run: node tests/browser/board-preview.mjs [filter]   (PREVIEW_LANG=en for the English texts)
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { SHOTS, STATIC_DIR, PHONE, LAPTOP, webClient } from './harness.mjs';

const require = createRequire(join(webClient, 'package.json'));
const { chromium } = require('playwright-core');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

async function serve() {
  const srv = createServer(async (req, res) => {
    const path = req.url === '/' ? '/index.html' : req.url.split('?')[0];
    try {
      const body = await readFile(join(STATIC_DIR, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': CSP });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return srv;
}

const M = 'mtg_boardpreview';
const member = (id, name, role = 'participant', category = 'student', online = true) => ({ member_id: id, name, category, role, online });
const MEMBERS = [member('f', 'Fenna', 'facilitator', 'teacher'), member('a', 'Aisha'), member('b', 'Bram', 'participant', 'parent'), member('p', 'Pim', 'participant', 'professional'), member('y', 'Yara', 'participant', 'young_person')];

const step = (kind, nl, en, extra = {}) => ({ kind, title: { nl, en }, instructions: { nl: `${nl}: zo werkt het.`, en: `${en}: how it works.` }, timebox_minutes: 10, ...extra });
const METHOD = {
  method_id: 'board_preview',
  title: { nl: 'Variaties', en: 'Variations' },
  steps: [
    step('info', 'Uitleg', 'Introduction'),
    step('board', 'Relaties tekenen', 'Drawing relations', { board: 'shared', template: 'relations' }),
    step('board', 'Ieder tekent wat de casus oproept', 'Everyone draws what the case evokes', { board: 'private' }),
    step('discussion', 'Nabespreken', 'Discussion'),
  ],
};

const base = { rotation: 0, deleted: false };
const o = (id, type, z, props) => ({ id: `o:${id.padEnd(10, 'x')}`, type, z, ...base, ...props });
const wave = (n, amp, len) => Array.from({ length: n }, (_, i) => [Math.round((i * len) / n), Math.round(Math.sin(i / 3) * amp)]).flat();

const RELATIONS = [
  o('mother', 'sticky', 1, { x: -330, y: -150, w: 170, h: 130, text: 'Moeder: zorgt voor alles', color: 'yellow' }),
  o('father', 'sticky', 2, { x: 190, y: -230, w: 160, h: 120, text: 'Vader werkt veel', color: 'pink' }),
  o('school', 'sticky', 3, { x: 330, y: 300, w: 170, h: 120, text: 'Mentor op school', color: 'green' }),
  o('care', 'sticky', 4, { x: -690, y: 260, w: 170, h: 130, text: 'Jeugdzorg (wijkteam), al twee jaar betrokken bij het gezin en de school', color: 'blue' }),
  o('c1', 'connector', 5, { x: 0, y: 0, from: 'o:motherxxxx', to: 'o:fatherxxxx', style: 'strained', label: 'ruzie' }),
  o('c2', 'connector', 6, { x: 0, y: 0, from: 'o:motherxxxx', to: 'o:schoolxxxx', style: 'weak', label: '' }),
  o('c3', 'connector', 7, { x: 0, y: 0, from: 'o:fatherxxxx', to: 'o:schoolxxxx', style: 'unclear', label: '' }),
  o('c4', 'connector', 8, { x: 0, y: 0, from: 'o:carexxxxxx', to: 'o:motherxxxx', style: 'strong', label: 'steun' }),
  o('pen1', 'stroke', 9, { x: -560, y: -560, points: wave(60, 30, 380), color: 'blue', width: 6, tool: 'pen' }),
  o('hl1', 'stroke', 10, { x: 160, y: 560, points: [0, 0, 120, 6, 260, 0], color: 'orange', width: 24, tool: 'highlighter' }),
  o('title', 'text', 11, { x: -200, y: -840, w: 420, h: 50, text: 'Wie helpt wie?', color: 'purple', size: 40 }),
  o('rect1', 'rect', 12, { x: 560, y: -520, w: 180, h: 110, color: 'red', fill: 'none', width: 4 }),
  o('ell1', 'ellipse', 13, { x: 600, y: -360, w: 140, h: 90, color: 'green', fill: 'green', width: 2 }),
  o('arr1', 'arrow', 14, { x: 500, y: -600, points: [0, 0, 120, 70], color: 'black', width: 4 }),
  o('line1', 'line', 15, { x: -700, y: 600, points: [0, 0, 240, -60], color: 'grey', width: 6 }),
];

const board = (board_id, kind, step_index, objects, extra = {}) => ({ board_id, kind, title: null, step_index, owner_id: null, template: null, locked: false, objects, ...extra });
const privateBoard = (who, objects) => board(`p:2:${who}`, 'private', 2, objects, { owner_id: who });
const DRAWINGS = {
  a: [o('a1', 'stroke', 1, { x: 20, y: 40, points: wave(50, 40, 300), color: 'red', width: 12, tool: 'pen' }), o('a2', 'sticky', 2, { x: 60, y: 120, w: 160, h: 120, text: 'Storm', color: 'orange' })],
  b: [o('b1', 'ellipse', 1, { x: 0, y: 0, w: 220, h: 160, color: 'blue', fill: 'blue', width: 2 }), o('b2', 'text', 2, { x: 20, y: 180, w: 260, h: 40, text: 'Een stille zee', color: 'black', size: 28 })],
  p: [o('p1', 'sticky', 1, { x: 0, y: 0, w: 200, h: 200, text: 'Ik voel me klein', color: 'purple' }), o('p2', 'arrow', 2, { x: 220, y: 100, points: [0, 0, 140, -80], color: 'green', width: 6 })],
};

function snapshot(over) {
  return {
    meeting: { meeting_id: M, title: 'Bijeenkomst december', group_name: 'Jeugdzorg Utrecht', agreement: 'Alles blijft binnen de groep.', method: METHOD },
    step_index: 1,
    presenter_id: 'p',
    presenter_consent: 'given',
    case_note_id: null,
    members: MEMBERS,
    notes: [],
    progress: [],
    revealed_steps: [],
    presenter_revealed_steps: [],
    auto_reveal_steps: [],
    votes: [],
    rounds: [],
    ratings: [],
    recall: null,
    ended: false,
    timer: null,
    boards: [],
    ...over,
  };
}

const shared = (extra = {}, objects = RELATIONS) => board('s:1', 'shared', 1, objects, { template: 'relations', ...extra });
const ADDED = board('b:addedboard01', 'shared', null, [o('ad1', 'sticky', 1, { x: 0, y: 0, w: 180, h: 140, text: 'Ideeën voor volgende keer', color: 'yellow' })], { title: 'Parkeerplaats' });

// [name, me, role, snapshot, after(page, ws)]
const SCENARIOS = [
  ['shared-participant', 'a', 'participant', snapshot({ boards: [shared(), board('s:2x', 'shared', null, [], { board_id: 'b:emptyboard01', title: 'Leeg bord' })] })],
  ['shared-facilitator', 'f', 'facilitator', snapshot({ boards: [shared(), ADDED] })],
  ['locked-participant', 'b', 'participant', snapshot({ boards: [shared({ locked: true })] })],
  ['private-drawing', 'a', 'participant', snapshot({ step_index: 2, boards: [privateBoard('a', DRAWINGS.a)], progress: [{ step_index: 2, member_id: 'b', note_count: 2, done: true }] })],
  ['private-facilitator', 'f', 'facilitator', snapshot({ step_index: 2, boards: [privateBoard('f', [])], progress: [{ step_index: 2, member_id: 'a', note_count: 2, done: true }, { step_index: 2, member_id: 'b', note_count: 3, done: false }] })],
  ['revealed', 'b', 'participant', snapshot({ step_index: 2, revealed_steps: [2], boards: [privateBoard('a', DRAWINGS.a), privateBoard('b', DRAWINGS.b), privateBoard('p', DRAWINGS.p)] })],
  ['added-in-discussion', 'a', 'participant', snapshot({ step_index: 3, boards: [shared(), ADDED] })],
  ['draw', 'a', 'participant', snapshot({ boards: [shared({}, RELATIONS.slice(0, 4))] })],
  ['live-others', 'a', 'participant', snapshot({ boards: [shared({}, RELATIONS.slice(0, 8))] })],
];

const filter = process.argv[2];
const LANG = process.env.PREVIEW_LANG ?? '';
await mkdir(SHOTS, { recursive: true });
const srv = await serve();
const origin = `http://127.0.0.1:${srv.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const shot = (page, name, label) => page.screenshot({ path: join(SHOTS, `board-${name}${LANG ? `-${LANG}` : ''}-${label}.png`), fullPage: true });

/** Waits until `pred(sent)` holds for the commands the page sent, or fails after 5 s. */
async function waitSent(sent, pred, what) {
  const until = Date.now() + 5000;
  while (!pred(sent)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; sent: ${JSON.stringify(sent.map((m) => m.type))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

try {
  for (const [name, me, role, snap] of SCENARIOS) {
    if (filter && !name.includes(filter)) continue;
    for (const [label, vp] of [['phone', PHONE], ['laptop', LAPTOP]]) {
      const ctx = await browser.newContext({ viewport: vp, hasTouch: label === 'phone' });
      await ctx.addInitScript(([M, me, lang]) => {
        localStorage.setItem(`intervisie.member.${M}`, JSON.stringify({ meeting_id: M, member_token: 'preview-token', member_id: me, name: me, link_token: 'x' }));
        if (lang) localStorage.setItem('intervisie.lang', lang);
      }, [M, me, LANG]);
      const page = await ctx.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(`${name}/${label}: ${m.text()}`));
      page.on('pageerror', (e) => { problems.push(`${name}/${label}: ${e.message}`); if (process.env.DEBUG_BOARD) console.log('PAGEERROR', e.stack); });
      const sent = [];
      let seq = 1;
      let socket = null;
      await page.routeWebSocket(/\/ws$/, (ws) => {
        socket = ws;
        ws.onMessage((msg) => {
          const m = JSON.parse(msg);
          sent.push(m);
          if (m.type === 'hello') ws.send(JSON.stringify({ type: 'welcome', data: { protocol: 1, meeting_id: M, member_id: me, role, server_time: Date.now(), seq: 1, snapshot: snap } }));
          else if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', data: { server_time: Date.now() } }));
          else if (m.type === 'board_change') {
            // A server that takes every change as it is (good enough to look at the result).
            const { meeting_id, ...rest } = m.data;
            ws.send(JSON.stringify({ type: 'board_changed', ref: m.ref, data: { seq: ++seq, put: [], set: [], delete: [], ...rest } }));
          } else if (m.ref !== undefined) ws.send(JSON.stringify({ type: 'ack', ref: m.ref }));
        });
      });
      await page.goto(`${origin}/#/meeting/${M}`);
      await page.locator('[data-testid="step-card"]').waitFor();
      const canvas = page.locator('[data-testid="board-canvas"]:not([hidden]) canvas, .board-grid canvas').first();
      await canvas.waitFor({ timeout: 10_000 }).catch(() => problems.push(`${name}/${label}: no board canvas`));

      if (name === 'draw') {
        await page.locator('[data-tool="pen"]').click();
        // The pen's colours open a row above the board: measure after that.
        const stage = page.locator('[data-testid="board-canvas"] .board-stage');
        await stage.scrollIntoViewIfNeeded();
        const box = await stage.boundingBox();
        const x0 = box.x + box.width * 0.2;
        const y0 = box.y + box.height * 0.75;
        await page.mouse.move(x0, y0);
        await page.mouse.down();
        for (let i = 1; i <= 30; i++) await page.mouse.move(x0 + i * 6, y0 - Math.sin(i / 4) * 30);
        await page.mouse.up();
        await waitSent(sent, (s) => s.some((m) => m.type === 'board_change' && m.data.put?.[0]?.type === 'stroke'), 'the stroke');
        const stroke = sent.find((m) => m.type === 'board_change' && m.data.put?.[0]?.type === 'stroke').data.put[0];
        assert.equal(stroke.tool, 'pen');
        assert.ok(stroke.points.length >= 4 && stroke.points.length <= 2000 && stroke.points.length % 2 === 0);
        assert.deepEqual(stroke.points.slice(0, 2), [0, 0], 'points are relative to x,y');
        assert.ok(sent.some((m) => m.type === 'board_live' && m.data.stroke?.id === stroke.id), 'the stroke streamed live before it was committed');
        // A sticky note: place, type, click away.
        await page.locator('[data-tool="sticky"]').click();
        await stage.scrollIntoViewIfNeeded();
        const box2 = await stage.boundingBox();
        await page.mouse.click(box2.x + box2.width * 0.75, box2.y + box2.height * 0.3);
        const editor = page.locator('[data-testid="board-text-editor"]');
        await editor.waitFor();
        await editor.fill('Oma helpt op woensdag');
        await page.keyboard.press('Control+Enter');
        await waitSent(sent, (s) => s.some((m) => m.type === 'board_change' && m.data.set?.[0]?.text === 'Oma helpt op woensdag'), 'the sticky text');
        // Undo the text, then redo it.
        await page.locator('[data-testid="board-undo"]').click();
        await waitSent(sent, (s) => s.some((m) => m.type === 'board_change' && m.data.set?.[0]?.text === ''), 'the undo');
        await page.locator('[data-testid="board-redo"]').click();
        await waitSent(sent, (s) => s.filter((m) => m.type === 'board_change' && m.data.set?.[0]?.text === 'Oma helpt op woensdag').length === 2, 'the redo');
      }
      if (name === 'live-others') {
        const send = (data) => socket.send(JSON.stringify({ type: 'board_live', data: { board_id: 's:1', ...data } }));
        send({ member_id: 'b', cursor: { x: 120, y: 60 } });
        const pts = wave(40, 25, 300).map((v, i) => (i % 2 ? v + 120 : v - 400));
        send({ member_id: 'p', cursor: { x: -100, y: 140 }, stroke: { id: 'o:livestroke01', color: 'purple', width: 6, tool: 'pen', points: pts } });
        for (let i = 0; i < 8; i++) send({ member_id: 'f', cursor: { x: 200 + i * 25, y: 200 + i * 8 }, laser: true });
        await page.waitForTimeout(100);
      }
      if (process.env.DEBUG_BOARD) console.log(name, label, await page.locator(".board-area").innerText());
      // The board area alone, for a closer look (first: the laser fades within a second).
      await page.locator('[data-testid="board-area"]').screenshot({ path: join(SHOTS, `board-${name}${LANG ? `-${LANG}` : ''}-${label}-area.png`) });
      await shot(page, name, label);
      await ctx.close();
    }
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
