// End-to-end: a coordinator composes a method for a group on a 375 px phone (issue 3) — starts from
// the roddelmethode, adds an optional check-in with a timebox, moves it to the top, renames the
// method, tries to save with a missing text, fixes it and saves — then holds a meeting with it,
// and the facilitator (1280 px) sees the composed steps. Screenshots of the editor at 375 and
// 1280 px go to tests/browser/screenshots/method-editor-*.png.
//
// Run: node tests/browser/method_editor.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserHarness, PHONE, LAPTOP, byTestId, joinAs } from './harness.mjs';

const h = new BrowserHarness();

before(async () => {
  await h.start('intervisie-method-editor-');
});

after(async () => {
  await h.stop();
});

test('a coordinator composes a method on a phone and a meeting follows it', async () => {
  const coord = await h.newPage(PHONE, 'coordinator');
  await coord.goto(h.server.adminUrl);
  await byTestId(coord, 'group-name').fill('Intervisiegroep Noord');
  await byTestId(coord, 'group-name').press('Enter');
  await byTestId(coord, 'compose-method').click();

  // The template list holds the built-in methods; start from the roddelmethode.
  await byTestId(coord, 'template-select').selectOption('roddelmethode');
  await byTestId(coord, 'template-use').click();
  const templateSteps = await coord.locator('.me-step').count();
  assert.ok(templateSteps >= 6, `roddelmethode has ${templateSteps} steps`);
  await h.shoot(coord, 'method-editor-template');

  // Add an optional check-in of 5 minutes and move it to the top with the arrows.
  await byTestId(coord, 'add-check_in').click();
  const last = templateSteps;
  await byTestId(coord, `step-timebox-${last}`).fill('5');
  await byTestId(coord, `step-optional-${last}`).check();
  for (let i = last; i > 0; i--) await byTestId(coord, `step-up-${i}`).click();
  assert.match(await byTestId(coord, 'step-0').innerText(), /Inchecken/);
  assert.match(await byTestId(coord, 'step-0').innerText(), /5 min/);
  await byTestId(coord, 'step-title-0-nl').fill('Hoe kom je binnen?');
  await byTestId(coord, 'step-title-0-en').fill('');
  await byTestId(coord, 'method-title-nl').fill('Roddelmethode met inchecken');
  await byTestId(coord, 'method-title-en').fill('Gossip method with check-in');

  // A missing English title is named, and nothing is saved.
  await byTestId(coord, 'save-method').click();
  await byTestId(coord, 'problems').waitFor();
  assert.match(await byTestId(coord, 'problems').innerText(), /Stap 1/);
  assert.equal(await byTestId(coord, 'step-title-0-en').getAttribute('aria-invalid'), 'true');
  await h.shoot(coord, 'method-editor-problems');
  await byTestId(coord, 'step-title-0-en').fill('How do you arrive?');
  await h.shoot(coord, 'method-editor-filled');

  // Saved: back on the coordinator screen with the new method chosen for the next meeting.
  await byTestId(coord, 'save-method').click();
  await byTestId(coord, 'group-methods').waitFor({ state: 'attached' });
  const chosen = await byTestId(coord, 'meeting-method').inputValue();
  assert.match(chosen, /^gm_/);
  assert.equal(await coord.locator(`[data-testid="group-methods"] option[value="${chosen}"]`).innerText(), 'Roddelmethode met inchecken');
  await h.shoot(coord, 'method-editor-coordinator');

  await byTestId(coord, 'meeting-title').fill('Bijeenkomst met eigen methode');
  await byTestId(coord, 'meeting-form').locator('button[type="submit"]').click();
  const link = await byTestId(coord, 'facilitator-link').inputValue();

  const fac = await h.newPage(LAPTOP, 'facilitator');
  await joinAs(fac, link, 'Fenna', 'professional');
  await byTestId(fac, 'step-title').waitFor();
  assert.equal(await byTestId(fac, 'step-title').innerText(), 'Hoe kom je binnen?');
  assert.equal(await fac.locator('[data-testid="step-btn"]').count(), templateSteps + 1);

  assert.deepEqual(h.problems, []);
});
