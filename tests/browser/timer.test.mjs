// End-to-end: the step timer (R22) in real Chromium against the real server. A facilitator and two
// participants (one on a 375 px phone) in a roddelmethode meeting (timeboxes 5/10/10/5/5/5 min):
// start, pause, +1 min, resume and the step change that clears it, seen on all three screens.
// Screenshots of the running and paused timer at 375 and 1280 px go to tests/browser/screenshots/.
//
// "Time is up" is not reached here: the shortest timer the UI can start is 1 minute, and faking the
// page clock does not work by design (the client corrects its clock with server_time from pong).
// The time-up phase is covered by the web client's unit tests (test/timer.test.ts).
//
// Run: node tests/browser/timer.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
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

async function joinAs(page, link, name, category) {
  await page.goto(link);
  await byTestId(page, 'join-name').fill(name);
  await byTestId(page, `cat-${category}`).check();
  await byTestId(page, 'join-accept').check();
  await byTestId(page, 'join-submit').click();
  await byTestId(page, 'meeting-title').waitFor();
}

const seconds = (text) => {
  const m = /^(\d+):(\d\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** Waits (polling in the page, no fixed sleep) until the countdown shows lo..hi seconds. */
async function clockBetween(page, lo, hi) {
  await page.waitForFunction(
    ([lo, hi]) => {
      const el = document.querySelector('[data-testid="timer-clock"]');
      const m = el && /^(\d+):(\d\d)$/.exec(el.textContent.trim());
      if (!m) return false;
      const s = Number(m[1]) * 60 + Number(m[2]);
      return s >= lo && s <= hi;
    },
    [lo, hi],
  );
  return seconds(await byTestId(page, 'timer-clock').innerText());
}

async function phase(page, p) {
  await page.locator(`[data-testid="timer"][data-phase="${p}"]`).waitFor();
}

before(async () => {
  assert.ok(existsSync(SERVER), `server binary not found at ${SERVER} (set INTERVISIE_SERVER)`);
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: webClient, stdio: 'inherit' });
  }
  assert.ok(existsSync(join(STATIC_DIR, 'index.html')), `web client not built at ${STATIC_DIR}`);
  await mkdir(SHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'intervisie-browser-timer-'));
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

test('the step timer in the browser', async (t) => {
  const links = {};
  let fac, pa, pb;

  await t.test('coordinator creates a roddelmethode meeting', async () => {
    const coord = await newPage(LAPTOP, 'coordinator');
    await coord.goto(server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').fill('Timergroep');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await coord.locator('.group-name', { hasText: 'Timergroep' }).waitFor();
    await byTestId(coord, 'meeting-title').fill('Roddelmethode met timer');
    await byTestId(coord, 'meeting-method').selectOption('roddelmethode');
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    links.facilitator = await byTestId(coord, 'facilitator-link').inputValue();
    links.invite = await byTestId(coord, 'invite-link').inputValue();
    await coord.context().close();
  });

  await t.test('facilitator and two participants join (one on a phone); no timer yet', async () => {
    fac = await newPage(LAPTOP, 'facilitator');
    await joinAs(fac, links.facilitator, 'Fenna', 'teacher');
    pa = await newPage(PHONE, 'participant-a');
    await joinAs(pa, links.invite, 'Aisha', 'student');
    pb = await newPage(LAPTOP, 'participant-b');
    await joinAs(pb, links.invite, 'Bram', 'parent');
    for (const p of [fac, pa, pb]) await byTestId(p, 'members').locator('.member').nth(2).waitFor();
    for (const p of [fac, pa, pb]) assert.equal(await byTestId(p, 'timer').count(), 0);
    await byTestId(fac, 'timer-start').getByText('Start timer (5 min)').waitFor();
    assert.equal(await byTestId(pa, 'timer-controls').count(), 0, 'participants have no timer controls');
    // Sound is off unless switched on.
    await shoot(fac, '70-timer-none-facilitator');
  });

  let pausedAt;

  await t.test('start: all three count down from 5:00', async () => {
    await byTestId(fac, 'timer-start').click();
    for (const p of [fac, pa, pb]) {
      await phase(p, 'running');
      await clockBetween(p, 290, 300);
      await byTestId(p, 'timer-phase').getByText('tijd over').waitFor();
      assert.equal(await byTestId(p, 'timer-sound').isChecked(), false, 'sound is off by default');
    }
    // The countdown moves (without a new message from the server).
    const first = seconds(await byTestId(pa, 'timer-clock').innerText());
    await clockBetween(pa, 0, first - 1);
    await shoot(fac, '71-timer-running-facilitator');
    await shoot(pa, '72-timer-running-participant');
  });

  await t.test('pause: all three show the same remaining time, paused', async () => {
    await byTestId(fac, 'timer-pause').click();
    for (const p of [fac, pa, pb]) {
      await phase(p, 'paused');
      await byTestId(p, 'timer-phase').getByText('gepauzeerd').waitFor();
    }
    const texts = await Promise.all([fac, pa, pb].map((p) => byTestId(p, 'timer-clock').innerText()));
    assert.equal(new Set(texts).size, 1, `same paused time everywhere: ${texts}`);
    pausedAt = seconds(texts[0]);
    assert.ok(pausedAt >= 280 && pausedAt <= 300, `paused at ${texts[0]}`);
    await byTestId(fac, 'timer-resume').waitFor();
    await shoot(fac, '73-timer-paused-facilitator');
    await shoot(pa, '74-timer-paused-participant');
  });

  await t.test('+1 min while paused adds exactly a minute; resume counts down again', async () => {
    await byTestId(fac, 'timer-add-1').click();
    const want = `${Math.floor((pausedAt + 60) / 60)}:${String((pausedAt + 60) % 60).padStart(2, '0')}`;
    for (const p of [fac, pa, pb]) await byTestId(p, 'timer-clock').getByText(want, { exact: true }).waitFor();
    for (const p of [fac, pa, pb]) await phase(p, 'paused');
    await byTestId(fac, 'timer-resume').click();
    for (const p of [fac, pa, pb]) {
      await phase(p, 'running');
      await clockBetween(p, pausedAt + 60 - 10, pausedAt + 60);
    }
    // +5 min while running.
    await byTestId(fac, 'timer-add-5').click();
    for (const p of [fac, pa, pb]) await clockBetween(p, pausedAt + 360 - 15, pausedAt + 360);
  });

  await t.test('English labels', async () => {
    await byTestId(pb, 'lang-en').click();
    await byTestId(pb, 'timer-phase').getByText('left').waitFor();
    await byTestId(fac, 'timer-pause').click();
    await byTestId(pb, 'timer-phase').getByText('paused').waitFor();
    await shoot(pb, '75-timer-paused-english');
    await byTestId(pb, 'lang-nl').click();
    await byTestId(fac, 'timer-resume').click();
    await phase(pb, 'running');
  });

  await t.test('the sound toggle is remembered', async () => {
    await byTestId(pa, 'timer-sound').check();
    await pa.reload();
    await phase(pa, 'running');
    assert.equal(await byTestId(pa, 'timer-sound').isChecked(), true);
  });

  await t.test('the next step clears the timer; its own timebox is offered', async () => {
    await byTestId(fac, 'next-step').click();
    for (const p of [fac, pa, pb]) {
      await p.locator('[data-testid="step-card"][data-step="1"]').waitFor();
      await byTestId(p, 'timer').waitFor({ state: 'detached' });
    }
    await byTestId(fac, 'timer-start').getByText('Start timer (10 min)').click();
    for (const p of [fac, pa, pb]) await clockBetween(p, 590, 600);
  });

  await t.test('no errors or CSP violations in any page', async () => {
    assert.deepEqual(consoleProblems, []);
  });
});
