// End-to-end: the coordinator reads a meeting's evaluation (R29), and the facilitator finds the
// method editor from the meeting. The coordinator (1280 px) opens "Evaluatie bekijken" before
// anyone evaluated (the empty state); Fenna leads (laptop) and Aisha takes part on a 375 px phone;
// Fenna's tools hold "Methode samenstellen voor de groep", which opens the editor in a new tab with
// her token, while Aisha has no such link; Fenna makes a new invite link (asked first), after which the
// old invite link shows the invalid-link screen and Pim joins with the new one (screenshots 96-invite-*);
// Fenna opens the roddelmethode's evaluation step, Aisha
// gives a 4 with a top and a tip, Fenna a 5 with a note without a label; the coordinator refreshes
// and reads the average, every score, the tops, the tips and "overig" with names. Screenshots at
// 375 and 1280 px go to tests/browser/screenshots/95-eval-*.
//
// Run: node tests/browser/evaluation.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserHarness, PHONE, LAPTOP, SHOTS, byTestId, joinAs } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const roddel = JSON.parse(readFileSync(join(here, '..', '..', 'server', 'methods', 'roddelmethode.json'), 'utf8'));
const EVAL_STEP = roddel.steps.findIndex((s) => s.kind === 'evaluation');

const h = new BrowserHarness();

before(() => h.start('intervisie-browser-eval-'));
after(() => h.stop());

async function writeEval(page, text, label) {
  const before = await byTestId(page, 'note-input').count();
  await byTestId(page, 'add-note').click();
  const note = page.locator('.note-edit').nth(before);
  if (label) await note.locator(`[data-testid="label-${label}"]`).click();
  await note.locator('textarea').fill(text);
  await note.locator('[data-testid="note-save"]').click();
  await note.locator('[data-testid="note-status"]', { hasText: 'opgeslagen' }).waitFor();
}

test('the coordinator reads the evaluation; the facilitator reaches the method editor', async (t) => {
  assert.ok(EVAL_STEP >= 0, 'the roddelmethode has an evaluation step');
  let coord, fac, pa, item;
  const links = {};

  await t.test('the coordinator makes a meeting and sees that nobody evaluated yet', async () => {
    coord = await h.newPage(LAPTOP, 'coordinator');
    await coord.goto(h.server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').fill('Evaluatiegroep');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await byTestId(coord, 'meeting-title').fill('Bijeenkomst in mei');
    await byTestId(coord, 'meeting-method').selectOption('roddelmethode');
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    links.facilitator = await byTestId(coord, 'facilitator-link').inputValue();
    links.invite = await byTestId(coord, 'invite-link').inputValue();

    item = byTestId(coord, 'meeting-item').filter({ hasText: 'Bijeenkomst in mei' });
    const toggle = item.locator('[data-testid="eval-toggle"]');
    assert.equal(await toggle.innerText(), 'Evaluatie bekijken');
    await toggle.click();
    await item.locator('[data-testid="eval-empty"]').getByText('Nog niemand heeft geëvalueerd.').waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await item.locator('.eval-running').waitFor();
    await h.shoot(coord, '95-eval-coordinator-empty');
  });

  await t.test('the facilitator has "Methode samenstellen voor de groep"; it opens the editor in a new tab', async () => {
    fac = await h.newPage(LAPTOP, 'facilitator');
    await joinAs(fac, links.facilitator, 'Fenna', 'teacher');
    pa = await h.newPage(PHONE, 'participant');
    await joinAs(pa, links.invite, 'Aisha', 'student');

    const link = byTestId(fac, 'facilitator-controls').locator('[data-testid="compose-for-group"]');
    assert.equal(await link.innerText(), 'Methode samenstellen voor de groep');
    assert.equal(await byTestId(pa, 'compose-for-group').count(), 0, 'participants have no way to the editor');
    await link.scrollIntoViewIfNeeded();
    await h.shoot(fac, '95-eval-facilitator-compose-link');
    await byTestId(fac, 'facilitator-controls').screenshot({ path: join(SHOTS, '95-eval-facilitator-controls-laptop.png') });

    const [tab] = await Promise.all([fac.context().waitForEvent('page'), link.click()]);
    tab.setDefaultTimeout(15_000);
    tab.on('console', (m) => m.type() === 'error' && h.problems.push(`editor tab: ${m.text()}`));
    await byTestId(tab, 'template-select').waitFor();
    assert.match(tab.url(), /#\/meeting\/[^/]+\/methods$/);
    assert.match(await byTestId(tab, 'editor-back').getAttribute('href'), /^#\/meeting\/[^/]+$/);
    await tab.close();
    // The meeting carried on in the first tab.
    await byTestId(fac, 'facilitator-controls').waitFor();
  });

  await t.test('a new invite link: the old one stops working, the new one lets Pim join', async () => {
    const tool = byTestId(fac, 'facilitator-controls').locator('[data-testid="invite-tool"]');
    assert.equal(await byTestId(pa, 'invite-new').count(), 0, 'participants cannot make one');
    await tool.locator('[data-testid="invite-new"]').click();
    await tool.locator('[data-testid="invite-confirm"]').getByText('De huidige uitnodigingslink werkt daarna niet meer. Wie al meedoet, merkt niets.').waitFor();
    await tool.scrollIntoViewIfNeeded();
    await h.shoot(fac, '96-invite-confirm');
    await byTestId(fac, 'facilitator-controls').screenshot({ path: join(SHOTS, '96-invite-confirm-controls-laptop.png') });
    await tool.locator('[data-testid="invite-yes"]').click();
    const input = tool.locator('[data-testid="invite-new-link"]');
    await input.waitFor();
    const fresh = await input.inputValue();
    assert.match(fresh, /\/#\/join\/[^/]+$/);
    assert.notEqual(fresh, links.invite);
    await tool.getByText('Deel deze link alleen met wie mag meedoen.').waitFor();
    await h.shoot(fac, '96-invite-link');
    await fac.setViewportSize(PHONE);
    await byTestId(fac, 'facilitator-controls').screenshot({ path: join(SHOTS, '96-invite-link-controls-phone.png') });
    await fac.setViewportSize(LAPTOP);

    const old = await h.newPage(PHONE, 'old link');
    await old.goto(links.invite);
    await byTestId(old, 'join-invalid').waitFor();
    await h.shoot(old, '96-invite-old-link');
    await old.context().close();
    // The refused inspect (404 invalid_link) is what the old link should get; the browser logs it.
    h.problems = h.problems.filter((m) => m !== 'old link: Failed to load resource: the server responded with a status of 404 (Not Found)');
    const pim = await h.newPage(PHONE, 'new link');
    await joinAs(pim, fresh, 'Pim', 'student');
    await fac.locator('.member-name', { hasText: 'Pim' }).first().waitFor();
    await pim.context().close();
    // Aisha, already in, noticed nothing.
    await byTestId(pa, 'meeting-title').waitFor();
    assert.equal(await byTestId(pa, 'conn-banner').isHidden(), true);
  });

  await t.test('Aisha and Fenna evaluate', async () => {
    await fac.locator(`[data-testid="step-btn"][data-step="${EVAL_STEP}"]`).click();
    await byTestId(fac, 'open-step').click();
    for (const p of [fac, pa]) await p.locator(`[data-testid="step-card"][data-step="${EVAL_STEP}"]`).waitFor();

    await byTestId(pa, 'score-4').click();
    await byTestId(pa, 'score-4').and(pa.locator('[aria-pressed="true"]')).waitFor();
    await writeEval(pa, 'Fijn dat iedereen aan de beurt kwam.', 'top');
    await writeEval(pa, 'Iets meer tijd voor de tips.', 'tip');
    await byTestId(fac, 'score-5').click();
    await byTestId(fac, 'score-5').and(fac.locator('[aria-pressed="true"]')).waitFor();
    await writeEval(fac, 'Rustig tempo, goede sfeer.', null);
    await byTestId(fac, 'eval-scores').getByText('4 / 5').waitFor();
  });

  await t.test('the coordinator refreshes and reads it all', async () => {
    await item.locator('[data-testid="eval-refresh"]').click();
    const report = item.locator('[data-testid="eval-report"][data-status="ok"]');
    await report.locator('[data-testid="eval-average"]').waitFor();
    assert.equal(await report.locator('[data-testid="eval-average"]').innerText(), 'gemiddeld 4,5 van de 5');
    const scores = await report.locator('.eval-ratings li').allInnerTexts();
    assert.deepEqual(scores.map((s) => s.replace(/\s+/g, ' ').trim()), ['Aisha 4 / 5', 'Fenna 5 / 5']);
    const top = await report.locator('[data-testid="eval-group-top"]').innerText();
    assert.match(top, /Tops/);
    assert.match(top, /Fijn dat iedereen aan de beurt kwam\.\s*— Aisha/);
    assert.match(await report.locator('[data-testid="eval-group-tip"]').innerText(), /Iets meer tijd voor de tips\.\s*— Aisha/);
    const other = await report.locator('[data-testid="eval-group-other"]').innerText();
    assert.match(other, /Overig/);
    assert.match(other, /Rustig tempo, goede sfeer\.\s*— Fenna/);
    await h.shoot(coord, '95-eval-coordinator-report');
    // The report alone, at phone width, to read it closely.
    await coord.setViewportSize(PHONE);
    await report.screenshot({ path: join(SHOTS, '95-eval-report-detail-phone.png') });
    await coord.setViewportSize(LAPTOP);
    await report.screenshot({ path: join(SHOTS, '95-eval-report-detail-laptop.png') });

    await byTestId(coord, 'lang-en').click();
    await report.locator('[data-testid="eval-average"]').getByText('average 4.5 out of 5').waitFor();
    assert.equal(await item.locator('[data-testid="eval-toggle"]').innerText(), 'Hide evaluation');
    await h.shoot(coord, '95-eval-coordinator-report-en');
    await byTestId(coord, 'lang-nl').click();
  });

  await t.test('after the end the report is final, and the facilitator keeps the way to the editor', async () => {
    await byTestId(fac, 'end-meeting').click();
    await byTestId(fac, 'end-yes').click();
    await byTestId(fac, 'ended-banner').waitFor();
    assert.equal(await byTestId(fac, 'facilitator-controls').count(), 0);
    await fac.locator('.compose-after [data-testid="compose-for-group"]').waitFor();
    await h.shoot(fac, '95-eval-facilitator-ended');
    await item.locator('[data-testid="eval-refresh"]').click();
    await item.locator('[data-testid="eval-report"][data-status="ok"] [data-testid="eval-average"]').waitFor();
    assert.equal(await item.locator('.eval-running').count(), 0, 'no "still running" after the end');
  });

  await t.test('no errors or CSP violations in any page', async () => {
    assert.deepEqual(h.problems, []);
  });
});
