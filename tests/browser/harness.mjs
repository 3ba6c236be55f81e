// What every browser test shares: where things are, a real server on a temporary data dir,
// Debian's Chromium driven by playwright-core, pages that collect console errors and CSP
// violations, screenshots at phone and laptop width, and the join form.
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
export const webClient = join(repo, 'web-client');
const require = createRequire(join(webClient, 'package.json'));
const { chromium } = require('playwright-core');

export const SERVER = process.env.INTERVISIE_SERVER || join(repo, 'build', 'server', 'intervisie-server');
export const STATIC_DIR = process.env.INTERVISIE_STATIC_DIR || join(webClient, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SHOTS = join(here, 'screenshots');
export const PHONE = { width: 375, height: 800 };
export const LAPTOP = { width: 1280, height: 800 };
export const TIMEOUT = 15_000;

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

export async function joinAs(page, link, name, category) {
  await page.goto(link);
  await byTestId(page, 'join-name').fill(name);
  await byTestId(page, `cat-${category}`).check();
  await byTestId(page, 'join-accept').check();
  await byTestId(page, 'join-submit').click();
  await byTestId(page, 'meeting-title').waitFor();
}

export class BrowserHarness {
  server = null;
  browser = null;
  dataDir = null;
  /** Console errors and CSP violations of every page, as "page: text". */
  problems = [];

  async start(tag) {
    assert.ok(existsSync(SERVER), `server binary not found at ${SERVER} (set INTERVISIE_SERVER)`);
    if (!existsSync(join(STATIC_DIR, 'index.html'))) {
      execFileSync('npm', ['run', 'build'], { cwd: webClient, stdio: 'inherit' });
    }
    assert.ok(existsSync(join(STATIC_DIR, 'index.html')), `web client not built at ${STATIC_DIR}`);
    await mkdir(SHOTS, { recursive: true });
    this.dataDir = await mkdtemp(join(tmpdir(), tag));
    this.server = await startServer({ binary: SERVER, dataDir: this.dataDir, staticDir: STATIC_DIR });
    // The network here is closed: Chromium must not try to reach Google's services.
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }

  /** Stops the server (for a restart test); startServerAgain() brings it back on the same port. */
  async stopServer() {
    await this.server.stop();
  }

  async startServerAgain() {
    const port = this.server.port;
    this.server = await startServer({ binary: SERVER, dataDir: this.dataDir, staticDir: STATIC_DIR, port });
  }

  async stop() {
    await this.browser?.close();
    await this.server?.stop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  async newPage(viewport, name) {
    const ctx = await this.browser.newContext({ viewport, locale: 'nl-NL', hasTouch: viewport.width < 500 });
    const page = await ctx.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) this.problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`${name}: ${e.message}`));
    return page;
  }

  async shoot(page, name) {
    const size = page.viewportSize();
    for (const [label, vp] of [['phone', PHONE], ['laptop', LAPTOP]]) {
      await page.setViewportSize(vp);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true });
    }
    await page.setViewportSize(size);
  }
}
