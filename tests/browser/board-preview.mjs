// A look at the board (§4.4) without a server: the built client is served from memory and
// playwright's routeWebSocket plays the server — a welcome whose snapshot holds boards, then
// board events, live strokes, cursors and the laser of others. For a person to look at the
// screens (screenshots in tests/browser/screenshots/board-*), not a ctest. It also drives the
// tools a little (a pen stroke, a sticky note with text) and checks what went out on the wire.
//
// Run: node tests/browser/board-preview.mjs [filter]   (PREVIEW_LANG=en for the English texts)
//      node tests/browser/board-preview.mjs --server   (the real server: see withServer)
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { SHOTS, STATIC_DIR, PHONE, LAPTOP, webClient } from './harness.mjs';
import { fakeSnapshot } from './fake-snapshot.mjs';

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
  return fakeSnapshot({ meeting_id: M, title: 'Bijeenkomst december', method: METHOD }, MEMBERS, { step_index: 1, ...over });
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
  ['draw', 'a', 'participant', snapshot({ boards: [shared({}, [])] })],
  ['touch', 'f', 'facilitator', snapshot({ boards: [shared({}, RELATIONS.slice(0, 4))] })],
  ['live-others', 'a', 'participant', snapshot({ boards: [shared({}, RELATIONS.slice(0, 8))] })],
];

const changes = (sent) => sent.filter((m) => m.type === 'board_change').map((m) => m.data);
const putOf = (sent, type) => changes(sent).flatMap((c) => c.put ?? []).filter((o) => o.type === type);

/**
 * Draws with the tools like a person would, with the mouse, and checks each step on the wire:
 * pen (streamed live, then committed), two sticky notes with text, undo/redo, a connector
 * between them, moving one, a rectangle, the eraser, a picture, the laser, and PNG/SVG export.
 */
async function useTools(page, sent) {
  const stage = page.locator('[data-testid="board-canvas"] .board-stage');
  const tool = async (name) => {
    await page.locator(`[data-tool="${name}"]`).click();
    await stage.scrollIntoViewIfNeeded();
    return stage.boundingBox();
  };
  const at = (box, fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
  const drag = async (from, to, steps = 12) => {
    await page.mouse.move(...from);
    await page.mouse.down();
    for (let i = 1; i <= steps; i++) await page.mouse.move(from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps);
    await page.mouse.up();
  };

  // Pen: points stream as board_live, then one board_change puts the stroke.
  let box = await tool('pen');
  const [x0, y0] = at(box, 0.2, 0.85);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(x0 + i * 6, y0 - Math.sin(i / 4) * 20);
  await page.mouse.up();
  await waitSent(sent, () => putOf(sent, 'stroke').length === 1, 'the stroke');
  const stroke = putOf(sent, 'stroke')[0];
  assert.equal(stroke.tool, 'pen');
  assert.ok(stroke.points.length >= 4 && stroke.points.length <= 2000 && stroke.points.length % 2 === 0);
  assert.deepEqual(stroke.points.slice(0, 2), [0, 0], 'points are relative to x,y');
  assert.ok(sent.some((m) => m.type === 'board_live' && m.data.stroke?.id === stroke.id), 'the stroke streamed live before it was committed');

  // Two sticky notes with text (placing one opens the typing box; Ctrl+Enter ends it).
  const notes = [];
  for (const [fx, text] of [[0.3, 'Moeder'], [0.7, 'Oma helpt op woensdag']]) {
    box = await tool('sticky');
    await page.mouse.click(...at(box, fx, 0.3));
    const editor = page.locator('[data-testid="board-text-editor"]');
    await editor.waitFor();
    await editor.fill(text);
    await page.keyboard.press('Control+Enter');
    await waitSent(sent, () => changes(sent).some((c) => c.set?.[0]?.text === text), `the text ${text}`);
    notes.push(changes(sent).find((c) => c.set?.[0]?.text === text).set[0].id);
  }
  assert.equal(putOf(sent, 'sticky').length, 2);

  // Undo the last text, then redo it.
  await page.locator('[data-testid="board-undo"]').click();
  await waitSent(sent, () => changes(sent).some((c) => c.set?.[0]?.text === ''), 'the undo');
  await page.locator('[data-testid="board-redo"]').click();
  await waitSent(sent, () => changes(sent).filter((c) => c.set?.[0]?.text === 'Oma helpt op woensdag').length === 2, 'the redo');

  // A connector: pick the first note, then the second (strained, from the options row).
  box = await tool('connector');
  await page.locator('[data-relation="strained"]').click();
  await page.mouse.click(...at(box, 0.3, 0.3));
  await page.mouse.click(...at(box, 0.7, 0.3));
  await waitSent(sent, () => putOf(sent, 'connector').length === 1, 'the connector');
  const conn = putOf(sent, 'connector')[0];
  assert.deepEqual([conn.from, conn.to, conn.style], [notes[0], notes[1], 'strained']);
  // Select it (between the notes): restyle it and give it a label.
  box = await tool('select');
  await page.mouse.click(...at(box, 0.5, 0.3));
  await page.locator('[data-restyle="weak"]').click();
  await waitSent(sent, () => changes(sent).some((c) => c.set?.some((e) => e.id === conn.id && e.style === 'weak')), 'the restyle');
  await page.locator('[data-testid="board-edit-label"]').click();
  await page.locator('[data-testid="board-text-editor"]').fill('ruzie');
  await page.keyboard.press('Enter');
  await waitSent(sent, () => changes(sent).some((c) => c.set?.some((e) => e.id === conn.id && e.label === 'ruzie')), 'the label');
  // A note's colour changes the same way.
  await page.mouse.click(...at(box, 0.7, 0.3));
  await page.locator('[data-restyle="pink"]').click();
  await waitSent(sent, () => changes(sent).some((c) => c.set?.some((e) => e.id === notes[1] && e.color === 'pink')), 'the recolour');

  // Move the first note down with the select tool: one set with its new x,y.
  box = await tool('select');
  await drag(at(box, 0.3, 0.3), at(box, 0.3, 0.55));
  await waitSent(sent, () => changes(sent).some((c) => c.set?.some((e) => e.id === notes[0] && 'y' in e)), 'the move');

  // A rectangle, dragged out.
  box = await tool('rect');
  await drag(at(box, 0.6, 0.55), at(box, 0.85, 0.7));
  await waitSent(sent, () => putOf(sent, 'rect').length === 1, 'the rectangle');
  // It is selected: its bottom-right handle makes it bigger (the scale is baked into w/h).
  const rect = putOf(sent, 'rect')[0];
  box = await stage.boundingBox();
  await drag(at(box, 0.85, 0.7), at(box, 0.92, 0.8), 6);
  await waitSent(sent, () => changes(sent).some((c) => c.set?.some((e) => e.id === rect.id && e.w > rect.w && e.h > rect.h)), 'the resize');
  assert.ok(!changes(sent).some((c) => c.set?.some((e) => 'scaleX' in e)), 'no scale on the wire');

  // The eraser across the pen stroke deletes it.
  box = await tool('eraser');
  const [ex, ey] = at(box, 0.2, 0.85);
  await drag([ex + 30, ey - 40], [ex + 30, ey + 30]);
  await waitSent(sent, () => changes(sent).some((c) => c.delete?.includes(stroke.id)), 'the erasing');

  // A picture: uploaded, then placed as an image object.
  await page.locator('input[type="file"]').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: await page.screenshot({ clip: { x: 0, y: 0, width: 60, height: 40 } }) });
  await waitSent(sent, () => putOf(sent, 'image').length === 1, 'the picture');
  assert.match(putOf(sent, 'image')[0].image_id, /^img_[A-Za-z0-9_-]{22}$/);
  // Pasting a picture places it too.
  const png = [...(await page.screenshot({ clip: { x: 0, y: 0, width: 30, height: 30 } }))];
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'geplakt.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, png);
  await waitSent(sent, () => putOf(sent, 'image').length === 2, 'the pasted picture');

  // The laser: live only, never a change.
  const before = changes(sent).length;
  box = await tool('laser');
  await drag(at(box, 0.4, 0.4), at(box, 0.6, 0.5), 8);
  await waitSent(sent, () => sent.some((m) => m.type === 'board_live' && m.data.laser === true), 'the laser');
  assert.equal(changes(sent).length, before);
  await tool('select');

  // Select a note: duplicate it with the toolbar, delete the copy with the Delete key.
  box = await tool('select');
  await page.mouse.click(...at(box, 0.7, 0.3));
  await page.locator('.board-actions button[aria-label="Dupliceren"]').click();
  await waitSent(sent, () => putOf(sent, 'sticky').length === 3, 'the duplicate');
  const copy = putOf(sent, 'sticky')[2];
  assert.equal(copy.text, 'Oma helpt op woensdag');
  await page.keyboard.press('Delete');
  await waitSent(sent, () => changes(sent).some((c) => c.delete?.includes(copy.id)), 'the delete key');
  // Text: place, type.
  box = await tool('text');
  await page.mouse.click(...at(box, 0.15, 0.15));
  await page.locator('[data-testid="board-text-editor"]').fill('Wie helpt wie?');
  await page.keyboard.press('Control+Enter');
  await waitSent(sent, () => changes(sent).some((c) => c.set?.[0]?.text === 'Wie helpt wie?'), 'the text');

  // Shift-drag over empty space selects several; "bring to front" moves them all.
  box = await tool('select');
  await page.keyboard.down('Shift');
  await drag(at(box, 0.02, 0.02), at(box, 0.98, 0.45));
  await page.keyboard.up('Shift');
  await page.locator('.board-actions button[aria-label="Naar voren"]').click();
  await waitSent(sent, () => changes(sent).some((c) => (c.set?.length ?? 0) >= 2 && c.set.every((e) => 'z' in e)), 'bring to front of a box selection');

  // Export: a PNG and an SVG download.
  for (const kind of ['png', 'svg']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="board-export-${kind}"]`).click()]);
    assert.ok(download.suggestedFilename().endsWith(`.${kind}`), download.suggestedFilename());
    await download.saveAs(join(SHOTS, `board-export-${page.viewportSize().width}.${kind}`));
  }
}

/** Fingers, through the DevTools protocol: a one-finger stroke, a pinch, a double tap. */
async function useTouch(page, sent) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const stage = page.locator('[data-testid="board-canvas"] .board-stage');
  const zoomNow = async () => {
    const n = sent.filter((m) => m.type === 'board_view').length;
    await page.locator('[data-testid="board-bring"]').click();
    await waitSent(sent, () => sent.filter((m) => m.type === 'board_view').length === n + 1, 'board_view');
    return sent.filter((m) => m.type === 'board_view').at(-1).data.zoom;
  };
  // The board tools are folded away on a phone.
  await page.locator('[data-testid="board-fac-tools"] > summary').click();
  const z0 = await zoomNow();
  await stage.scrollIntoViewIfNeeded();
  let box = await stage.boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height * 0.8;
  // Two fingers apart: zoom in.
  await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[cx - 30 - i * 8, cy], [cx + 30 + i * 8, cy]]);
  await touch('touchEnd', []);
  const z1 = await zoomNow();
  assert.ok(z1 > z0 * 1.5, `pinching out zooms in (${z0} → ${z1})`);
  // One finger with the pen draws (and does not pan).
  await page.locator('[data-tool="pen"]').click();
  await stage.scrollIntoViewIfNeeded();
  box = await stage.boundingBox();
  const before = putOf(sent, 'stroke').length;
  const sx = box.x + box.width * 0.3;
  const sy = box.y + box.height * 0.85;
  await touch('touchStart', [[sx, sy]]);
  for (let i = 1; i <= 12; i++) await touch('touchMove', [[sx + i * 10, sy - i * 3]]);
  await touch('touchEnd', []);
  await waitSent(sent, () => putOf(sent, 'stroke').length === before + 1, 'the finger stroke');
  await cdp.detach();
}

/**
 * --server: the same board against the real server (INTERVISIE_SERVER or build/server/…): the
 * coordinator makes a meeting with "buiten je bubbel", Fenna (laptop) opens its relations step,
 * Aisha (phone) draws and Fenna's canvas changes, Fenna's note reaches Aisha, lock and unlock,
 * "bring everyone here", then a private board step revealed side by side. Pixel check: the
 * other's canvas is not the same picture as before.
 */
async function withServer() {
  const { BrowserHarness, byTestId, joinAs } = await import('./harness.mjs');
  const h = new BrowserHarness();
  await h.start('intervisie-board-preview-');
  try {
    const coord = await h.newPage(LAPTOP, 'coordinator');
    await coord.goto(h.server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').fill('Bordgroep');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await byTestId(coord, 'meeting-title').fill('Bijeenkomst met bord');
    await byTestId(coord, 'meeting-method').selectOption('buiten_je_bubbel');
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    const facLink = await byTestId(coord, 'facilitator-link').inputValue();
    const invLink = await byTestId(coord, 'invite-link').inputValue();

    const fac = await h.newPage(LAPTOP, 'fenna');
    await joinAs(fac, facLink, 'Fenna', 'teacher');
    const pa = await h.newPage(PHONE, 'aisha');
    await joinAs(pa, invLink, 'Aisha', 'student');

    // Fenna opens the relations step for everyone.
    const step = fac.locator('.step-btn', { hasText: 'De inbrenger in zijn omgeving' });
    await step.click();
    await byTestId(fac, 'open-step').click();
    for (const p of [fac, pa]) await p.locator('[data-testid="board-canvas"] canvas').first().waitFor({ timeout: 15000 });
    await fac.waitForTimeout(300);

    const facCanvas = fac.locator('[data-testid="board-canvas"]');
    const before = await facCanvas.screenshot();

    // Aisha draws with the pen.
    await pa.locator('button[data-tool="pen"]').click();
    const stage = pa.locator('[data-testid="board-canvas"] .board-stage');
    await stage.scrollIntoViewIfNeeded();
    const box = await stage.boundingBox();
    const x0 = box.x + box.width * 0.3;
    const y0 = box.y + box.height * 0.6;
    await pa.mouse.move(x0, y0);
    await pa.mouse.down();
    for (let i = 1; i <= 25; i++) await pa.mouse.move(x0 + i * 6, y0 - Math.sin(i / 4) * 30);
    await pa.mouse.up();
    await fac.waitForTimeout(400);
    const after = await facCanvas.screenshot();
    assert.ok(!before.equals(after), 'Fenna sees a change on her board');

    // Fenna adds a sticky with text; Aisha's board changes.
    await fac.locator('button[data-tool="sticky"]').click();
    const fstage = fac.locator('[data-testid="board-canvas"] .board-stage');
    await fstage.scrollIntoViewIfNeeded();
    const fb = await fstage.boundingBox();
    const paBefore = await pa.locator('[data-testid="board-canvas"]').screenshot();
    await fac.mouse.click(fb.x + fb.width * 0.7, fb.y + fb.height * 0.3);
    await byTestId(fac, 'board-text-editor').fill('Oma');
    await fac.keyboard.press('Control+Enter');
    await pa.waitForTimeout(500);
    const paAfter = await pa.locator('[data-testid="board-canvas"]').screenshot();
    assert.ok(!paBefore.equals(paAfter), 'Aisha sees the sticky');

    // Lock: Aisha's tools go.
    await byTestId(fac, 'board-lock').click();
    await byTestId(pa, 'board-locked').waitFor();
    assert.equal(await pa.locator('button[data-tool="pen"]').count(), 0);
    await byTestId(fac, 'board-lock').click();
    await pa.locator('button[data-tool="pen"]').waitFor();

    // Bring everyone here.
    await byTestId(fac, 'board-bring').click();
    await pa.locator('.board-message', { hasText: 'De begeleider heeft iedereen' }).waitFor();

    for (const [p, n] of [[fac, 'fenna'], [pa, 'aisha']]) await p.locator('[data-testid="board-area"]').screenshot({ path: join(SHOTS, `board-server-${n}.png`) });

    // A private board step: each their own; reveal.
    const priv = fac.locator('.step-btn', { hasText: 'Variatie — Associaties' });
    await priv.click();
    await byTestId(fac, 'open-step').click();
    await pa.locator('[data-testid="board-canvas"] canvas').first().waitFor();
    await pa.locator('button[data-tool="sticky"]').click();
    const pst = pa.locator('[data-testid="board-canvas"] .board-stage');
    await pst.scrollIntoViewIfNeeded();
    const pb = await pst.boundingBox();
    await pa.mouse.click(pb.x + pb.width * 0.5, pb.y + pb.height * 0.4);
    await byTestId(pa, 'board-text-editor').fill('Storm');
    await pa.keyboard.press('Control+Enter');
    await pa.waitForTimeout(300);
    await byTestId(fac, 'reveal').click();
    await byTestId(fac, 'reveal-yes').click();
    await pa.locator('.board-card figcaption', { hasText: 'Aisha' }).waitFor({ timeout: 10000 });
    await fac.locator('.board-card figcaption', { hasText: 'Aisha' }).waitFor({ timeout: 10000 });
    for (const [p, n] of [[fac, 'fenna'], [pa, 'aisha']]) await p.locator('[data-testid="board-area"]').screenshot({ path: join(SHOTS, `board-server-revealed-${n}.png`) });
    if (h.problems.length) throw new Error(h.problems.join('\n'));
    console.log('server: ok');
  } finally {
    await h.stop();
  }
}

if (process.argv[2] === '--server') {
  await withServer();
  process.exit(0);
}

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
      const ctx = await browser.newContext({ viewport: vp, hasTouch: label === 'phone', acceptDownloads: true });
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
      // Pictures (R38): the upload gets an id, the fetch gets the bytes back.
      const images = new Map();
      await page.route('**/api/meeting-images**', async (route) => {
        const req = route.request();
        if (req.method() === 'POST') {
          const id = `img_${String(images.size).padStart(22, 'P')}`;
          images.set(id, { body: req.postDataBuffer(), type: req.headers()['content-type'] });
          await route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({ image_id: id }) });
        } else {
          const img = images.get(req.url().split('/').pop());
          await route.fulfill(img ? { status: 200, contentType: img.type, body: img.body } : { status: 404, body: '' });
        }
      });
      await page.goto(`${origin}/#/meeting/${M}`);
      await page.locator('[data-testid="step-card"]').waitFor();
      const canvas = page.locator('[data-testid="board-canvas"]:not([hidden]) canvas, .board-grid canvas').first();
      await canvas.waitFor({ timeout: 10_000 }).catch(() => problems.push(`${name}/${label}: no board canvas`));

      if (name === 'draw') await useTools(page, sent);
      if (name === 'touch' && label === 'phone') await useTouch(page, sent);
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
