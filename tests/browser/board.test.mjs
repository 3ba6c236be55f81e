// End-to-end: the boards of buiten je bubbel (§4.4, R31-R37) with the real server and three
// Chromium pages: Fenna leads (laptop), Anna draws (laptop, with the mouse), Bram looks on a
// 375 px phone. On the shared relations board (step 8) Anna's pen stroke reaches Bram live and
// committed; it is checked in Bram's drawn board (the Konva node with the stroke's id) and in his
// canvas pixels (ink where the stroke is). Undo and redo of the stroke, a sticky note whose text
// Bram sees, the lock (Bram is told and cannot draw). The private boards of step 6: Bram never
// receives Anna's drawing (not one WebSocket frame names it) until Fenna reveals, then the boards
// stand side by side on every page. Live latency: pointer move on Anna's page to the board_live
// frame on Bram's (asserted under 100 ms) and to ink on Bram's canvas (printed).
// Screenshots go to tests/browser/screenshots/60-board-*.
//
// Run: node tests/browser/board.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BrowserHarness, PHONE, LAPTOP, SHOTS, TIMEOUT, byTestId, joinAs } from './harness.mjs';

const SHARED_STEP = 8; // "De inbrenger in zijn omgeving": shared, relations template
const PRIVATE_STEP = 6; // "Associaties": everyone their own board until the reveal
const INK = [0x1f, 0x2a, 0x30]; // the default pen ink, "black" (web-client/src/board/style.ts)
const LIVE_FRAME_LIMIT_MS = 100;

const h = new BrowserHarness();
before(() => h.start('intervisie-browser-board-'));
after(() => h.stop());

async function post(path, body, token) {
  const res = await fetch(h.server.origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Every WebSocket frame a page sends and receives, parsed, with Node's clock at arrival. */
function recordFrames(page) {
  const rec = { sent: [], received: [], listeners: new Set() };
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => rec.sent.push(JSON.parse(payload)));
    ws.on('framereceived', ({ payload }) => {
      const at = performance.now();
      const msg = JSON.parse(payload);
      rec.received.push({ at, raw: String(payload), msg });
      for (const l of [...rec.listeners]) l({ at, msg });
    });
  });
  /** Resolves with the next received frame that matches, or fails after `ms`. */
  rec.next = (pred, what, ms = 5000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        rec.listeners.delete(l);
        reject(new Error(`no ${what} within ${ms} ms`));
      }, ms);
      const l = (f) => {
        if (!pred(f.msg)) return;
        clearTimeout(timer);
        rec.listeners.delete(l);
        resolve(f);
      };
      rec.listeners.add(l);
    });
  return rec;
}

/** Waits until `pred()` holds for frames already recorded (they arrive by events). */
async function until(pred, what, ms = TIMEOUT) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

const boardPuts = (rec, type) => rec.sent.filter((m) => m.type === 'board_change').flatMap((m) => m.data.put ?? []).filter((o) => o.type === type);
const stageEl = (page) => page.locator('[data-testid="board-canvas"]:not([hidden]) .board-stage');

/**
 * What the page's board view has drawn, read from Konva itself (the view keeps one node per
 * drawn object, named "obj", with the object's id): the ids, the texts, and for one object the
 * number of pixels of `ink` on its layer inside the object's box. `where` picks the stage: the
 * board in view ("main") or the revealed grid ("grid").
 */
function drawn(page, { where = 'main', id = null, ink = INK } = {}) {
  return page.evaluate(
    ({ where, id, ink }) => {
      const K = window.Konva;
      if (!K) return null;
      const stages = K.stages.filter((s) => {
        const host = s.container().parentElement;
        return where === 'main' ? host?.matches('[data-testid="board-canvas"]') : !!host?.closest('[data-testid="board-grid"]');
      });
      const inkIn = (layer, r) => {
        const canvas = layer.getCanvas();
        const pr = canvas.getPixelRatio();
        const x = Math.max(0, Math.floor(r.x * pr));
        const y = Math.max(0, Math.floor(r.y * pr));
        const w = Math.min(canvas.width - x, Math.ceil(r.width * pr));
        const hh = Math.min(canvas.height - y, Math.ceil(r.height * pr));
        if (w <= 0 || hh <= 0) return 0;
        const d = canvas.getContext()._context.getImageData(x, y, w, hh).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 160 && Math.abs(d[i] - ink[0]) < 40 && Math.abs(d[i + 1] - ink[1]) < 40 && Math.abs(d[i + 2] - ink[2]) < 40) n++;
        }
        return n;
      };
      return stages.map((s) => {
        const main = s.getLayers()[1];
        const objs = main.getChildren((n) => n.hasName('obj'));
        const node = id ? objs.find((n) => n.id() === id) : null;
        return {
          owner: s.container().closest('[data-owner]')?.getAttribute('data-owner') ?? null,
          ids: objs.map((n) => n.id()),
          texts: objs.flatMap((n) => n.find('.label').map((t) => t.text().replace(/\s+/g, ' '))),
          ink: node ? inkIn(main, node.getClientRect()) : null,
          liveInk: inkIn(s.getLayers()[3], { x: 0, y: 0, width: s.width(), height: s.height() }),
        };
      });
    },
    { where, id, ink },
  );
}

async function mainBoard(page) {
  const d = await drawn(page);
  assert.ok(d && d.length === 1, `one board in view (got ${JSON.stringify(d)})`);
  return d[0];
}

/** Polls the page's drawn board (in the page, no fixed sleep) until `fn(board)` holds. */
async function waitDrawn(page, fn, what, opts = {}) {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    const d = await drawn(page, opts);
    if (d && d.length && fn(opts.where === 'grid' ? d : d[0])) return opts.where === 'grid' ? d : d[0];
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; drawn: ${JSON.stringify(d)}`);
    // A poll of the condition, not a wait for time to pass: the next look at the canvas.
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function goToStep(fac, pages, index) {
  await fac.locator(`[data-testid="step-btn"][data-step="${index}"]`).click();
  await byTestId(fac, 'open-step').click();
  for (const p of pages) {
    await p.locator(`[data-testid="step-card"][data-step="${index}"]`).waitFor();
    await stageEl(p).locator('canvas').first().waitFor();
  }
}

async function pickTool(page, tool) {
  await page.locator(`[data-testid="board-toolbar"] [data-tool="${tool}"]`).click();
  const stage = stageEl(page);
  await stage.scrollIntoViewIfNeeded();
  return stage.boundingBox();
}

/** A wavy pen stroke with the mouse across part of the stage box. */
async function penStroke(page, box, fx, fy, moves = 24) {
  const x0 = box.x + box.width * fx;
  const y0 = box.y + box.height * fy;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) await page.mouse.move(x0 + i * 6, y0 + Math.sin(i / 3) * 18);
  await page.mouse.up();
}

const pct = (arr, p) => {
  const s = [...arr].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

test('boards: shared drawing, sticky notes, lock, undo, private boards revealed together, live latency', async (t) => {
  let fac, pa, pb, fa, fb, ff;
  let strokeId;

  await t.test('a buiten je bubbel meeting; Fenna, Anna and Bram join; the shared relations board', async () => {
    const url = new URL(h.server.adminUrl);
    const { coordinator_token } = await post('/api/admin/claim', { admin_key: url.hash.split('/').pop() });
    const { group_id } = await post('/api/groups', { name: 'Bordgroep' }, coordinator_token);
    const m = await post(`/api/groups/${group_id}/meetings`, { title: 'Tekenen in december', method_id: 'buiten_je_bubbel' }, coordinator_token);
    fac = await h.newPage(LAPTOP, 'facilitator');
    pa = await h.newPage(LAPTOP, 'anna');
    pb = await h.newPage(PHONE, 'bram');
    [ff, fa, fb] = [fac, pa, pb].map(recordFrames);
    await joinAs(fac, `${h.server.origin}/#/join/${m.facilitator_token}`, 'Fenna', 'teacher');
    await joinAs(pa, `${h.server.origin}/#/join/${m.invite_token}`, 'Anna', 'professional');
    await joinAs(pb, `${h.server.origin}/#/join/${m.invite_token}`, 'Bram', 'parent');
    await goToStep(fac, [fac, pa, pb], SHARED_STEP);
    for (const p of [fac, pa, pb]) {
      await byTestId(p, 'board-legend').waitFor();
      assert.deepEqual((await mainBoard(p)).ids, [], 'the board starts empty');
    }
  });

  await t.test("Anna draws with the pen; Bram gets it live (< 100 ms) and then committed, in his board and his pixels", async () => {
    const before = await mainBoard(pb);
    assert.equal(before.liveInk, 0, 'no ink on Bram’s live layer yet');
    await stageEl(pb).screenshot({ path: join(SHOTS, '60-board-bram-before-phone.png') });

    const box = await pickTool(pa, 'pen');
    const x0 = box.x + box.width * 0.3;
    const y0 = box.y + box.height * 0.4;
    await pa.mouse.move(x0, y0);
    await pa.mouse.down();
    // Bram's page notes (in its own clock, the system clock) when ink first shows on the live layer.
    await pb.evaluate(() => {
      window.__liveInkAt = null;
      const s = window.Konva.stages.find((x) => x.container().parentElement?.matches('[data-testid="board-canvas"]'));
      const layer = s.getLayers()[3];
      const poll = () => {
        const c = layer.getCanvas();
        const d = c.getContext()._context.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) {
          if (d[i] > 160 && Math.abs(d[i - 3] - 0x1f) < 40 && Math.abs(d[i - 2] - 0x2a) < 40 && Math.abs(d[i - 1] - 0x30) < 40) {
            window.__liveInkAt = performance.timeOrigin + performance.now();
            return;
          }
        }
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    const frameMs = [];
    let inkMs = null;
    for (let i = 1; i <= 16; i++) {
      const frame = fb.next((m) => m.type === 'board_live' && !!m.data.stroke, 'board_live with the stroke');
      const t0 = performance.now();
      await pa.mouse.move(x0 + i * 8, y0 + Math.sin(i / 3) * 20);
      const f = await frame;
      frameMs.push(f.at - t0);
      if (i === 1) {
        strokeId = f.msg.data.stroke.id;
        assert.match(strokeId, /^o:[A-Za-z0-9_-]{8,60}$/);
        await pb.waitForFunction(() => window.__liveInkAt !== null, null, { timeout: 5000 });
        inkMs = (await pb.evaluate(() => window.__liveInkAt)) - (performance.timeOrigin + t0);
        await stageEl(pb).screenshot({ path: join(SHOTS, '60-board-bram-live-phone.png') });
      }
    }
    await pa.mouse.up();
    console.log(
      `live stroke, Anna's pointer move -> Bram's board_live frame (${frameMs.length} moves): ` +
        `first ${frameMs[0].toFixed(1)} ms, p50 ${pct(frameMs, 0.5).toFixed(1)} ms, max ${Math.max(...frameMs).toFixed(1)} ms; ` +
        `-> ink on Bram's canvas ${inkMs.toFixed(1)} ms`,
    );
    // The client sends at most one board_live per 40 ms (R37), so a move waits up to 40 ms before
    // it leaves; the rest is Chromium, the server and Chromium again. A busy 2-core machine may
    // delay a single frame, so: the median, and three in four, under 100 ms.
    const all = frameMs.map((x) => x.toFixed(0)).join(', ');
    assert.ok(pct(frameMs, 0.5) < LIVE_FRAME_LIMIT_MS, `live frames p50 ${pct(frameMs, 0.5).toFixed(1)} ms (${all})`);
    assert.ok(frameMs.filter((x) => x < LIVE_FRAME_LIMIT_MS).length >= frameMs.length * 0.75, `live frames under ${LIVE_FRAME_LIMIT_MS} ms: ${all}`);
    assert.ok(!fb.received.some((f) => f.msg.type === 'board_live' && f.msg.ref !== undefined), 'board_live is never a reply');

    // Pen up: the stroke is committed (board_change put) and replaces the live one on Bram's board.
    await until(() => boardPuts(fa, 'stroke').some((o) => o.id === strokeId), 'Anna’s board_change put of the stroke');
    const after = await waitDrawn(pb, (b) => b.ids.includes(strokeId), 'the stroke on Bram’s board', { id: strokeId });
    assert.deepEqual(after.ids, [strokeId], 'one object drawn on Bram’s board: Anna’s stroke');
    const withInk = await waitDrawn(pb, (b) => b.ink > 30, 'ink pixels of the stroke on Bram’s canvas', { id: strokeId });
    console.log(`Bram's canvas: ${withInk.ink} ink pixels inside the stroke's box`);
    await stageEl(pb).screenshot({ path: join(SHOTS, '60-board-bram-after-phone.png') });
    await stageEl(pa).screenshot({ path: join(SHOTS, '60-board-anna-after-laptop.png') });
    await waitDrawn(fac, (b) => b.ids.includes(strokeId), 'the stroke on Fenna’s board');
  });

  await t.test('Anna undoes her stroke and redoes it; Bram sees both', async () => {
    await byTestId(pa, 'board-undo').click();
    await waitDrawn(pb, (b) => !b.ids.includes(strokeId), 'the stroke gone on Bram’s board');
    await until(() => fa.sent.some((m) => m.type === 'board_change' && m.data.delete?.includes(strokeId)), 'the undo on the wire');
    await byTestId(pa, 'board-redo').click();
    const back = await waitDrawn(pb, (b) => b.ids.includes(strokeId) && b.ink > 30, 'the stroke back on Bram’s board', { id: strokeId });
    assert.deepEqual(back.ids, [strokeId]);
  });

  await t.test('Anna adds a sticky note with text; Bram reads it', async () => {
    const box = await pickTool(pa, 'sticky');
    await pa.mouse.click(box.x + box.width * 0.65, box.y + box.height * 0.3);
    const editor = byTestId(pa, 'board-text-editor');
    await editor.waitFor();
    await editor.fill('Oma helpt');
    await pa.keyboard.press('Control+Enter');
    const b = await waitDrawn(pb, (x) => x.texts.includes('Oma helpt'), 'the sticky text on Bram’s board');
    assert.equal(b.ids.length, 2, 'the stroke and the note');
    await stageEl(pb).screenshot({ path: join(SHOTS, '60-board-bram-sticky-phone.png') });
    await h.shoot(pb, '60-board-shared-bram');
    await h.shoot(pa, '60-board-shared-anna');
  });

  await t.test('Fenna locks the board: Bram is told and cannot draw; unlocking lets him again', async () => {
    // Bram has the pen in hand when the lock comes.
    await pickTool(pb, 'pen');
    await byTestId(fac, 'board-lock').click();
    await byTestId(pb, 'board-locked').waitFor();
    await byTestId(pa, 'board-locked').waitFor();
    assert.equal(await byTestId(pb, 'board-locked').getAttribute('role'), 'status');
    await h.shoot(pb, '61-board-locked-bram');
    // No drawing tools while locked; a drag over the canvas draws nothing and sends nothing.
    assert.equal(await pb.locator('[data-testid="board-toolbar"] [data-tool="pen"]').count(), 0, 'no pen for Bram while locked');
    const sentBefore = fb.sent.filter((m) => m.type === 'board_change').length;
    const idsBefore = (await mainBoard(pb)).ids;
    const stage = stageEl(pb);
    await stage.scrollIntoViewIfNeeded();
    await penStroke(pb, await stage.boundingBox(), 0.2, 0.7);
    await byTestId(fac, 'board-lock').click();
    await byTestId(pb, 'board-locked').waitFor({ state: 'detached' });
    assert.equal(fb.sent.filter((m) => m.type === 'board_change').length, sentBefore, 'Bram sent no change');
    assert.deepEqual((await mainBoard(pb)).ids, idsBefore, 'nothing new on Bram’s board');
    assert.deepEqual((await mainBoard(fac)).ids.sort(), [...idsBefore].sort(), 'nothing new on Fenna’s board');
    // Unlocked, his pen works again.
    await pb.locator('[data-testid="board-toolbar"] [data-tool="pen"]').waitFor();
  });

  await t.test('private boards (step 6): Bram never receives Anna’s drawing until the reveal', async () => {
    await goToStep(fac, [fac, pa, pb], PRIVATE_STEP);
    for (const p of [fac, pa, pb]) assert.deepEqual((await mainBoard(p)).ids, [], 'each starts with an empty own board');
    let box = await pickTool(pa, 'pen');
    const nBefore = boardPuts(fa, 'stroke').length;
    await penStroke(pa, box, 0.3, 0.5);
    await until(() => boardPuts(fa, 'stroke').length === nBefore + 1, 'Anna’s private stroke on the wire');
    const annaId = boardPuts(fa, 'stroke').at(-1).id;
    await waitDrawn(pa, (b) => b.ids.includes(annaId), 'the stroke on Anna’s own board');
    // Fenna is told how many objects Anna has (R35) - and that is all.
    await until(() => ff.received.some((f) => f.msg.type === 'note_progress' && f.msg.data.step_index === PRIVATE_STEP && f.msg.data.note_count === 1), 'Fenna’s note_progress of Anna’s board');

    box = await pickTool(pb, 'pen');
    await penStroke(pb, box, 0.2, 0.5, 16);
    await until(() => boardPuts(fb, 'stroke').length === 1, 'Bram’s private stroke on the wire');
    const bramId = boardPuts(fb, 'stroke')[0].id;
    await waitDrawn(pb, (b) => b.ids.includes(bramId), 'the stroke on Bram’s own board');
    const bramMember = fb.received.find((f) => f.msg.type === 'welcome').msg.data.member_id;
    await until(() => fa.received.some((f) => f.msg.type === 'note_progress' && f.msg.data.step_index === PRIVATE_STEP && f.msg.data.member_id === bramMember && f.msg.data.note_count === 1), 'Anna’s note_progress of Bram’s board');

    assert.deepEqual((await mainBoard(pb)).ids, [bramId], 'Bram’s page shows only his own drawing');
    assert.deepEqual((await mainBoard(fac)).ids, [], 'Fenna’s page shows neither');
    assert.ok(!fb.received.some((f) => f.raw.includes(annaId)), 'no frame Bram received names Anna’s object');
    assert.ok(!ff.received.some((f) => f.raw.includes(annaId) || f.raw.includes(bramId)), 'no frame Fenna received names either object');
    assert.ok(!fa.received.some((f) => f.raw.includes(bramId)), 'no frame Anna received names Bram’s object');
    await h.shoot(pb, '62-board-private-bram');
    await h.shoot(fac, '62-board-private-fenna');

    await byTestId(fac, 'reveal').click();
    await byTestId(fac, 'reveal-yes').click();
    for (const [p, rec] of [[fac, ff], [pa, fa], [pb, fb]]) {
      await p.locator('[data-testid="board-grid"] figure.board-card').nth(1).waitFor();
      assert.equal(await p.locator('[data-testid="board-grid"] figure.board-card').count(), 2);
      const captions = await p.locator('[data-testid="board-grid"] figcaption').allInnerTexts();
      assert.ok(captions.some((c) => c.includes('Anna')) && captions.some((c) => c.includes('Bram')), `captions ${captions}`);
      const grid = await waitDrawn(p, (g) => g.length === 2 && g.some((x) => x.ids.includes(annaId)) && g.some((x) => x.ids.includes(bramId)), 'both revealed boards drawn', { where: 'grid', id: annaId });
      const annas = grid.find((x) => x.ids.includes(annaId));
      assert.ok(annas.ink > 30, `Anna’s revealed stroke has ink (${annas.ink})`);
      assert.ok(rec.received.some((f) => f.msg.type === 'revealed' && f.msg.data.step_index === PRIVATE_STEP && f.msg.data.boards?.length === 2), 'revealed carries both boards');
    }
    // Side by side on the laptops: two cards on one row.
    for (const p of [fac, pa]) {
      const [c1, c2] = await p.locator('[data-testid="board-grid"] figure.board-card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
      assert.ok(Math.abs(c1.top - c2.top) < 2 && c2.left > c1.right - 1, `side by side: ${JSON.stringify([c1, c2])}`);
    }
    // The board area (notice, names, boards), not the grid alone: the sticky top bar would cover the names.
    await byTestId(pb, 'board-area').screenshot({ path: join(SHOTS, '63-board-revealed-area-bram-phone.png') });
    await byTestId(pa, 'board-area').screenshot({ path: join(SHOTS, '63-board-revealed-area-anna-laptop.png') });
    await h.shoot(fac, '63-board-revealed-fenna');
  });

  await t.test('no errors or CSP violations in any page', async () => {
    assert.deepEqual(h.problems, []);
  });
});
