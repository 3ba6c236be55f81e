// End-to-end: coordinator, facilitator and two participants in real Chromium against the real
// server. Checks the product's first rule (private until revealed) on the screens themselves,
// that a reload and a server restart come back into the meeting, and takes screenshots of every
// screen at phone (375 px) and laptop (1280 px) width into tests/browser/screenshots/.
//
// Run: node tests/browser/meeting.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserHarness, PHONE, LAPTOP, byTestId, joinAs } from './harness.mjs';

const h = new BrowserHarness();
const progressRow = (page, name) => page.locator('.progress-item').filter({ has: page.locator('.member-name', { hasText: name }) });

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

before(() => h.start('intervisie-browser-'));
after(() => h.stop());

test('a whole meeting in the browser', async (t) => {
  const s = { links: {} };
  let coord, fac, pa, pb, pp;

  await t.test('the server serves the client with a strict CSP', async () => {
    const page = await h.newPage(LAPTOP, 'csp');
    const res = await page.goto(h.server.origin + '/');
    const csp = res.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self'/, `CSP header: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline/);
    await page.locator('.brand').waitFor();
    await h.shoot(page, '00-home');
    await page.goto(h.server.origin + '/#/coordinator');
    await page.getByText('niet aangemeld als coördinator').waitFor();
    await h.shoot(page, '01-coordinator-no-token');
    await page.goto(h.server.origin + '/#/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await page.getByText('Deze link is niet (meer) geldig').waitFor();
    await h.shoot(page, '02-join-invalid');
    await page.context().close();
  });

  await t.test('coordinator claims the admin link and creates a group and a meeting', async () => {
    coord = await h.newPage(LAPTOP, 'coordinator');
    await coord.goto(h.server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').waitFor();
    assert.equal(await byTestId(coord, 'group-agreement').inputValue(), 'Alles wat besproken wordt in de intervisie blijft binnen de groep.');
    await h.shoot(coord, '10-coordinator-empty');
    await byTestId(coord, 'group-name').fill('Buiten je bubbel — Utrecht');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await coord.locator('.group-name', { hasText: 'Buiten je bubbel — Utrecht' }).waitFor();
    await byTestId(coord, 'meeting-title').fill('Bijeenkomst 1: samenwerken');
    assert.ok((await byTestId(coord, 'meeting-method').inputValue()).length > 0);
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    s.links.facilitator = await byTestId(coord, 'facilitator-link').inputValue();
    s.links.invite = await byTestId(coord, 'invite-link').inputValue();
    assert.match(s.links.facilitator, new RegExp(`^${h.server.origin}/#/join/[A-Za-z0-9_-]{43}$`));
    assert.match(s.links.invite, new RegExp(`^${h.server.origin}/#/join/[A-Za-z0-9_-]{43}$`));
    assert.notEqual(s.links.facilitator, s.links.invite);
    await coord.getByText('Alleen voor de begeleider').waitFor();
    await coord.locator('.meeting-list', { hasText: 'Bijeenkomst 1: samenwerken' }).waitFor();
    await h.shoot(coord, '11-coordinator-links');
  });

  await t.test('facilitator and two participants join (one on a phone)', async () => {
    fac = await h.newPage(LAPTOP, 'facilitator');
    await fac.goto(s.links.facilitator);
    await byTestId(fac, 'join-role').getByText('begeleider').waitFor();
    assert.equal(await byTestId(fac, 'join-agreement').innerText(), 'Alles wat besproken wordt in de intervisie blijft binnen de groep.');
    await h.shoot(fac, '20-join-facilitator');
    await joinAs(fac, s.links.facilitator, 'Fenna', 'teacher');

    pa = await h.newPage(PHONE, 'participant-a');
    await pa.goto(s.links.invite);
    await byTestId(pa, 'join-role').getByText('deelnemer').waitFor();
    await h.shoot(pa, '21-join-participant');
    await joinAs(pa, s.links.invite, 'Aisha', 'student');

    pb = await h.newPage(LAPTOP, 'participant-b');
    await joinAs(pb, s.links.invite, 'Bram', 'parent');
    // Pim will bring the case: in Stap 3 the presenter only listens (presenter_listens).
    pp = await h.newPage(LAPTOP, 'presenter');
    await joinAs(pp, s.links.invite, 'Pim', 'professional');

    for (const p of [fac, pa, pb]) {
      await byTestId(p, 'members').locator('.member').nth(3).waitFor();
      await byTestId(p, 'members').locator('.member', { hasText: 'Fenna' }).getByText('begeleider').waitFor();
    }
    await byTestId(pa, 'members').locator('.member', { hasText: 'Bram' }).locator('.dot-on').waitFor();
    assert.equal(await byTestId(fac, 'facilitator-controls').count(), 1);
    assert.equal(await byTestId(pa, 'facilitator-controls').count(), 0);
    await h.shoot(fac, '30-meeting-info-facilitator');
    await h.shoot(pa, '31-meeting-info-participant');
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
    await byTestId(fac, 'presenter-select').selectOption({ label: 'Pim' });
    // Appointing asks Pim first (R26); everyone else waits for the answer.
    await byTestId(pp, 'consent-dialog').getByText('Wil je inbrenger zijn?').waitFor();
    for (const p of [fac, pa, pb]) await byTestId(p, 'consent-wait').getByText('Wacht op toestemming van Pim').waitFor();
    await h.shoot(pp, '35-consent-presenter');
    await byTestId(pp, 'consent-yes').click();
    for (const p of [fac, pa, pb, pp]) {
      await byTestId(p, 'members').locator('.member', { hasText: 'Pim' }).getByText('inbrenger', { exact: true }).waitFor();
      await byTestId(p, 'consent-wait').waitFor({ state: 'detached' });
    }
    // The presenter listens in Stap 3: no input.
    await byTestId(pp, 'listening').getByText('Jij luistert nu').waitFor();
    assert.equal(await byTestId(pp, 'add-note').count(), 0, 'the presenter has no note input in Stap 3');
    await h.shoot(pp, '36-write-presenter-listens');
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
    const pText = await pageText(pp);
    for (const secret of [A1, A2, B1]) assert.ok(!pText.includes(secret), `the presenter must not see "${secret}" yet`);
    for (const secret of [A1, A2, B1]) assert.ok(!facText.includes(secret), `facilitator must not see "${secret}"`);
    assert.ok(!bText.includes(A1) && !bText.includes(A2), 'Bram must not see Aisha’s notes');
    // Aisha's own notes are in textareas (values, not innerText); Bram's must be nowhere.
    assert.ok(!aText.includes(B1), 'Aisha must not see Bram’s note');
    const html = await pa.content();
    assert.ok(!html.includes(B1), 'Bram’s note must not be in Aisha’s DOM');
    assert.ok(!(await fac.content()).includes(A1), 'Aisha’s note must not be in the facilitator’s DOM');
    await h.shoot(pa, '40-write-before-reveal-participant');
    await h.shoot(fac, '41-write-before-reveal-facilitator');
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

  await t.test('facilitator reveals: all four see all notes', async () => {
    await byTestId(fac, 'reveal').click();
    await fac.getByText('Iedereen ziet dan alle notities').waitFor();
    await h.shoot(fac, '42-reveal-confirm');
    await byTestId(fac, 'reveal-yes').click();
    for (const p of [fac, pa, pb, pp]) {
      const r = byTestId(p, 'revealed');
      for (const text of [A1, A2, B1]) await r.getByText(text).waitFor();
      await r.locator('.author-block', { hasText: 'Aisha' }).locator('.note-card').nth(1).waitFor();
      assert.equal(await byTestId(p, 'note-input').count(), 0, 'notes are read-only after the reveal');
    }
    await h.shoot(pa, '50-after-reveal-participant');
    await h.shoot(fac, '51-after-reveal-facilitator');
  });

  await t.test('language switch to English and back', async () => {
    await byTestId(pb, 'lang-en').click();
    await byTestId(pb, 'step-count').getByText('Step 3 of 10').waitFor();
    await pb.getByText('All notes of this step').waitFor();
    await h.shoot(pb, '52-after-reveal-english');
    await byTestId(pb, 'lang-nl').click();
    await byTestId(pb, 'step-count').getByText('Stap 3 van 10').waitFor();
  });

  await t.test('server restart: banner, reconnect, nothing lost', async () => {
    await h.stopServer();
    for (const p of [fac, pa]) await byTestId(p, 'conn-banner').getByText('Verbinding verbroken').waitFor();
    await h.shoot(pa, '60-reconnecting-participant');
    await h.shoot(fac, '61-reconnecting-facilitator');
    await h.startServerAgain();
    for (const p of [fac, pa, pb]) {
      await byTestId(p, 'conn-banner').getByText('Weer verbonden').waitFor({ timeout: 20_000 });
      await byTestId(p, 'revealed').getByText(B1).waitFor();
    }
    await h.shoot(pa, '62-reconnected-participant');
    // The meeting goes on after the restart.
    await byTestId(fac, 'next-step').click();
    for (const p of [fac, pa, pb]) await p.locator('[data-testid="step-card"][data-step="4"]').waitFor();
    // Looking back at Stap 3 shows its revealed notes.
    // On a phone the step list is folded away under "Alle stappen".
    if (!(await pa.locator('details.steps').evaluate((d) => d.open))) await pa.locator('details.steps > summary').click();
    await pa.locator('.step-btn', { hasText: 'Noteren van vragen' }).click();
    await byTestId(pa, 'revealed').getByText(A1).waitFor();
    await h.shoot(pa, '63-looking-back');
  });

  await t.test('no errors or CSP violations in any page', async () => {
    // A refused WebSocket/fetch while the server was down is expected noise; anything else is not.
    const real = h.problems.filter((m) => !/ERR_CONNECTION_REFUSED|WebSocket connection|Failed to load resource/.test(m));
    assert.deepEqual(real, []);
  });
});
