// End-to-end: coordinator, facilitator and two participants in real Chromium against the real
// server. Checks the product's first rule (private until revealed) on the screens themselves,
// that a reload and a server restart come back into the meeting, and takes screenshots of every
// screen at phone (375 px) and laptop (1280 px) width into tests/browser/screenshots/.
//
// Run: node tests/browser/meeting.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const webClient = join(repo, 'web-client');
const require = createRequire(join(webClient, 'package.json'));
const { chromium } = require('playwright-core');

const SERVER = process.env.INTERVISIE_SERVER || join(repo, 'build', 'server', 'intervisie-server');
const STATIC_DIR = process.env.INTERVISIE_STATIC_DIR || join(webClient, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = join(here, 'screenshots');
const PHONE = { width: 375, height: 800 };
const LAPTOP = { width: 1280, height: 800 };
const TIMEOUT = 15_000;

let server;
let browser;
let dataDir;
const consoleProblems = [];

async function shoot(page, name) {
  const size = page.viewportSize();
  for (const [label, vp] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    await page.setViewportSize(vp);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

async function newPage(viewport, name) {
  const ctx = await browser.newContext({ viewport, locale: 'nl-NL', hasTouch: viewport.width < 500 });
  const page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) consoleProblems.push(`${name}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleProblems.push(`${name}: ${e.message}`));
  return page;
}

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);
const progressRow = (page, name) => page.locator('.progress-item').filter({ has: page.locator('.member-name', { hasText: name }) });

async function joinAs(page, link, name, category) {
  await page.goto(link);
  await byTestId(page, 'join-name').fill(name);
  await byTestId(page, `cat-${category}`).check();
  await byTestId(page, 'join-accept').check();
  await byTestId(page, 'join-submit').click();
  await byTestId(page, 'meeting-title').waitFor();
}

async function writeNote(page, text, { explicitSave }) {
  const before = await byTestId(page, 'note-input').count();
  await byTestId(page, 'add-note').click();
  const note = page.locator('.note-edit').nth(before);
  await note.locator('textarea').fill(text);
  if (explicitSave) await note.locator('[data-testid="note-save"]').click();
  // "opgeslagen" appears only after the server's reply to this save (R16).
  await note.locator('[data-testid="note-status"]', { hasText: 'opgeslagen' }).waitFor();
}

async function pageText(page) {
  return page.evaluate(() => document.body.innerText);
}

before(async () => {
  assert.ok(existsSync(SERVER), `server binary not found at ${SERVER} (set INTERVISIE_SERVER)`);
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: webClient, stdio: 'inherit' });
  }
  assert.ok(existsSync(join(STATIC_DIR, 'index.html')), `web client not built at ${STATIC_DIR}`);
  await mkdir(SHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'intervisie-browser-'));
  server = await startServer({ binary: SERVER, dataDir, staticDir: STATIC_DIR });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a whole meeting in the browser', async (t) => {
  const s = { links: {} };
  let coord, fac, pa, pb;

  await t.test('the server serves the client with a strict CSP', async () => {
    const page = await newPage(LAPTOP, 'csp');
    const res = await page.goto(server.origin + '/');
    const csp = res.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self'/, `CSP header: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline/);
    await page.locator('.brand').waitFor();
    await shoot(page, '00-home');
    await page.goto(server.origin + '/#/coordinator');
    await page.getByText('niet aangemeld als coördinator').waitFor();
    await shoot(page, '01-coordinator-no-token');
    await page.goto(server.origin + '/#/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await page.getByText('Deze link is niet (meer) geldig').waitFor();
    await shoot(page, '02-join-invalid');
    await page.context().close();
  });

  await t.test('coordinator claims the admin link and creates a group and a meeting', async () => {
    coord = await newPage(LAPTOP, 'coordinator');
    await coord.goto(server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').waitFor();
    assert.equal(await byTestId(coord, 'group-agreement').inputValue(), 'Alles wat besproken wordt in de intervisie blijft binnen de groep.');
    await shoot(coord, '10-coordinator-empty');
    await byTestId(coord, 'group-name').fill('Buiten je bubbel — Utrecht');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await coord.locator('.group-name', { hasText: 'Buiten je bubbel — Utrecht' }).waitFor();
    await byTestId(coord, 'meeting-title').fill('Bijeenkomst 1: samenwerken');
    assert.ok((await byTestId(coord, 'meeting-method').inputValue()).length > 0);
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    s.links.facilitator = await byTestId(coord, 'facilitator-link').inputValue();
    s.links.invite = await byTestId(coord, 'invite-link').inputValue();
    assert.match(s.links.facilitator, new RegExp(`^${server.origin}/#/join/[A-Za-z0-9_-]{43}$`));
    assert.match(s.links.invite, new RegExp(`^${server.origin}/#/join/[A-Za-z0-9_-]{43}$`));
    assert.notEqual(s.links.facilitator, s.links.invite);
    await coord.getByText('Alleen voor de begeleider').waitFor();
    await coord.locator('.meeting-list', { hasText: 'Bijeenkomst 1: samenwerken' }).waitFor();
    await shoot(coord, '11-coordinator-links');
  });

  await t.test('facilitator and two participants join (one on a phone)', async () => {
    fac = await newPage(LAPTOP, 'facilitator');
    await fac.goto(s.links.facilitator);
    await byTestId(fac, 'join-role').getByText('begeleider').waitFor();
    assert.equal(await byTestId(fac, 'join-agreement').innerText(), 'Alles wat besproken wordt in de intervisie blijft binnen de groep.');
    await shoot(fac, '20-join-facilitator');
    await joinAs(fac, s.links.facilitator, 'Fenna', 'teacher');

    pa = await newPage(PHONE, 'participant-a');
    await pa.goto(s.links.invite);
    await byTestId(pa, 'join-role').getByText('deelnemer').waitFor();
    await shoot(pa, '21-join-participant');
    await joinAs(pa, s.links.invite, 'Aisha', 'student');

    pb = await newPage(LAPTOP, 'participant-b');
    await joinAs(pb, s.links.invite, 'Bram', 'parent');

    for (const p of [fac, pa, pb]) {
      await byTestId(p, 'members').locator('.member').nth(2).waitFor();
      await byTestId(p, 'members').locator('.member', { hasText: 'Fenna' }).getByText('begeleider').waitFor();
    }
    await byTestId(pa, 'members').locator('.member', { hasText: 'Bram' }).locator('.dot-on').waitFor();
    assert.equal(await byTestId(fac, 'facilitator-controls').count(), 1);
    assert.equal(await byTestId(pa, 'facilitator-controls').count(), 0);
    await shoot(fac, '30-meeting-info-facilitator');
    await shoot(pa, '31-meeting-info-participant');
  });

  await t.test('facilitator goes to Stap 3 and appoints the presenter; everyone follows', async () => {
    for (let i = 1; i <= 3; i++) {
      await byTestId(fac, 'next-step').click();
      await fac.locator(`[data-testid="step-card"][data-step="${i}"]`).waitFor();
    }
    for (const p of [pa, pb]) {
      await p.locator('[data-testid="step-card"][data-step="3"]').waitFor();
      await byTestId(p, 'step-count').getByText('Stap 3 van 10').waitFor();
    }
    await byTestId(fac, 'presenter-select').selectOption({ label: 'Bram' });
    for (const p of [fac, pa, pb]) await byTestId(p, 'members').locator('.member', { hasText: 'Bram' }).getByText('inbrenger').waitFor();
  });

  const A1 = 'Aisha vraagt: wie heeft de regie over het plan?';
  const A2 = 'Aisha vraagt: wat heb je al geprobeerd?';
  const B1 = 'Bram vraagt: hoe voelde dat gesprek voor jou?';

  await t.test('participants write privately: others see counts, never the text', async () => {
    await writeNote(pa, A1, { explicitSave: true });
    await writeNote(pa, A2, { explicitSave: false }); // saved by the typing debounce
    await writeNote(pb, B1, { explicitSave: true });
    await byTestId(pb, 'done-toggle').click();

    await progressRow(fac, 'Aisha').getByText('2 notities').waitFor();
    await progressRow(fac, 'Bram').getByText('klaar').waitFor();
    await progressRow(pb, 'Aisha').getByText('2 notities').waitFor();
    await progressRow(pa, 'Bram').getByText('1 notitie').waitFor();
    await progressRow(pa, 'Bram').getByText('klaar').waitFor();
    await progressRow(pa, 'Aisha').getByText('2 notities').waitFor();

    const facText = await pageText(fac);
    const aText = await pageText(pa);
    const bText = await pageText(pb);
    for (const secret of [A1, A2, B1]) assert.ok(!facText.includes(secret), `facilitator must not see "${secret}"`);
    assert.ok(!bText.includes(A1) && !bText.includes(A2), 'Bram must not see Aisha’s notes');
    // Aisha's own notes are in textareas (values, not innerText); Bram's must be nowhere.
    assert.ok(!aText.includes(B1), 'Aisha must not see Bram’s note');
    const html = await pa.content();
    assert.ok(!html.includes(B1), 'Bram’s note must not be in Aisha’s DOM');
    assert.ok(!(await fac.content()).includes(A1), 'Aisha’s note must not be in the facilitator’s DOM');
    await shoot(pa, '40-write-before-reveal-participant');
    await shoot(fac, '41-write-before-reveal-facilitator');
  });

  await t.test('a participant who reloads comes back into the meeting with her notes', async () => {
    await pa.reload();
    await byTestId(pa, 'meeting-title').waitFor();
    await pa.locator('[data-testid="step-card"][data-step="3"]').waitFor();
    await pa.locator('.note-edit[data-status="saved"]').nth(1).waitFor();
    const values = await byTestId(pa, 'note-input').evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(values.sort(), [A1, A2].sort());
    // Opening the invitation again offers to continue as the same member.
    await pa.goto(s.links.invite);
    await byTestId(pa, 'join-continue').getByText('Ga verder als Aisha').click();
    await pa.locator('.note-edit[data-status="saved"]').nth(1).waitFor();
  });

  await t.test('facilitator reveals: all three see all notes', async () => {
    await byTestId(fac, 'reveal').click();
    await fac.getByText('Iedereen ziet dan alle notities').waitFor();
    await shoot(fac, '42-reveal-confirm');
    await byTestId(fac, 'reveal-yes').click();
    for (const p of [fac, pa, pb]) {
      const r = byTestId(p, 'revealed');
      for (const text of [A1, A2, B1]) await r.getByText(text).waitFor();
      await r.locator('.author-block', { hasText: 'Aisha' }).locator('.note-card').nth(1).waitFor();
      assert.equal(await byTestId(p, 'note-input').count(), 0, 'notes are read-only after the reveal');
    }
    await shoot(pa, '50-after-reveal-participant');
    await shoot(fac, '51-after-reveal-facilitator');
  });

  await t.test('language switch to English and back', async () => {
    await byTestId(pb, 'lang-en').click();
    await byTestId(pb, 'step-count').getByText('Step 3 of 10').waitFor();
    await pb.getByText('All notes of this step').waitFor();
    await shoot(pb, '52-after-reveal-english');
    await byTestId(pb, 'lang-nl').click();
    await byTestId(pb, 'step-count').getByText('Stap 3 van 10').waitFor();
  });

  await t.test('server restart: banner, reconnect, nothing lost', async () => {
    const port = server.port;
    await server.stop();
    for (const p of [fac, pa]) await byTestId(p, 'conn-banner').getByText('Verbinding verbroken').waitFor();
    await shoot(pa, '60-reconnecting-participant');
    await shoot(fac, '61-reconnecting-facilitator');
    server = await startServer({ binary: SERVER, dataDir, staticDir: STATIC_DIR, port });
    for (const p of [fac, pa, pb]) {
      await byTestId(p, 'conn-banner').getByText('Weer verbonden').waitFor({ timeout: 20_000 });
      await byTestId(p, 'revealed').getByText(B1).waitFor();
    }
    await shoot(pa, '62-reconnected-participant');
    // The meeting goes on after the restart.
    await byTestId(fac, 'next-step').click();
    for (const p of [fac, pa, pb]) await p.locator('[data-testid="step-card"][data-step="4"]').waitFor();
    // Looking back at Stap 3 shows its revealed notes.
    // On a phone the step list is folded away under "Alle stappen".
    if (!(await pa.locator('details.steps').evaluate((d) => d.open))) await pa.locator('details.steps > summary').click();
    await pa.locator('.step-btn', { hasText: 'Noteren van vragen' }).click();
    await byTestId(pa, 'revealed').getByText(A1).waitFor();
    await shoot(pa, '63-looking-back');
  });

  await t.test('no errors or CSP violations in any page', async () => {
    // A refused WebSocket/fetch while the server was down is expected noise; anything else is not.
    const real = consoleProblems.filter((m) => !/ERR_CONNECTION_REFUSED|WebSocket connection|Failed to load resource/.test(m));
    assert.deepEqual(real, []);
  });
});
